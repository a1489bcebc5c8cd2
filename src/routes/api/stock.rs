//! `PUT /api/v1/stock` (`stock:write`): stock levels per SKU and store in bulk, all or nothing.
//! Sending the same levels again changes nothing (idempotent, as a PUT is). Every line is
//! checked first (a SKU nobody has, a store code nobody has, a quantity below 0, a SKU and
//! store named twice); any wrong line refuses the whole request with a 422 naming each line
//! (`levels[3].sku`), at most the first 100.

use super::{Answer, Caller, Problem, json, problem::FieldError};
use diesel::{
    prelude::*,
    sql_types::{Array, BigInt, Bool, Integer, Text},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One level: how many of a SKU a store has.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub sku: String,
    /// The store's code.
    pub store: String,
    #[schema(minimum = 0, maximum = 2_147_483_647)]
    pub quantity: i64,
}

/// Stock levels to set.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    pub levels: Vec<Level>,
}

/// What a PUT did.
#[derive(Debug, Serialize, ToSchema)]
pub struct Applied {
    /// How many levels were sent, and how many of them changed a quantity.
    levels: usize,
    changed: usize,
}

/// A line the database could not match: its index, and what was missing.
#[derive(QueryableByName)]
struct Unmatched {
    #[diesel(sql_type = BigInt)]
    n: i64,
    #[diesel(sql_type = Bool)]
    no_product: bool,
    #[diesel(sql_type = Bool)]
    no_store: bool,
}

/// The most lines a 422 names.
const NAMED: usize = 100;

/// The lines' input as arrays, in order, for `unnest`.
const INPUT: &str = "WITH input AS (
        SELECT i.sku, i.store, i.quantity, i.n - 1 AS n
          FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS i(sku, store, quantity, n)),
      matched AS (
        SELECT i.n, p.id AS product_id, s.id AS store_id, i.quantity
          FROM input i
          LEFT JOIN products p ON lower(p.sku) = lower(btrim(i.sku))
          LEFT JOIN stores s ON s.code = btrim(i.store))";

/// The messages of the lines that fail before the database is asked: a quantity out of range,
/// a SKU and store named again.
fn checked(levels: &[Level]) -> Vec<FieldError> {
    let mut seen = std::collections::HashSet::new();
    let mut errors = Vec::new();
    for (i, l) in levels.iter().enumerate() {
        if !(0..=i32::MAX as i64).contains(&l.quantity) {
            errors.push(line(
                i,
                "quantity",
                "must be a whole number from 0".to_string(),
            ));
        }
        let key = (l.sku.trim().to_lowercase(), l.store.trim().to_string());
        if !seen.insert(key) {
            errors.push(line(
                i,
                "sku",
                "this SKU and store are named on an earlier line".to_string(),
            ));
        }
    }
    errors
}

fn line(i: usize, field: &str, detail: String) -> FieldError {
    FieldError {
        field: format!("levels[{i}].{field}"),
        detail,
    }
}

/// Writes the levels, or says which lines name a SKU or store nobody has (nothing written).
fn apply(conn: &mut PgConnection, levels: &[Level]) -> QueryResult<Result<usize, Vec<FieldError>>> {
    let skus: Vec<&str> = levels.iter().map(|l| l.sku.as_str()).collect();
    let stores: Vec<&str> = levels.iter().map(|l| l.store.as_str()).collect();
    let quantities: Vec<i32> = levels.iter().map(|l| l.quantity as i32).collect();
    let bind = |sql: String| {
        diesel::sql_query(sql)
            .bind::<Array<Text>, _>(skus.clone())
            .bind::<Array<Text>, _>(stores.clone())
            .bind::<Array<Integer>, _>(quantities.clone())
    };
    conn.transaction(|conn| {
        let unmatched: Vec<Unmatched> = bind(format!(
            "{INPUT} SELECT n, product_id IS NULL AS no_product, store_id IS NULL AS no_store
                       FROM matched WHERE product_id IS NULL OR store_id IS NULL
                      ORDER BY n LIMIT {NAMED}"
        ))
        .load(conn)?;
        if !unmatched.is_empty() {
            let errors = unmatched.iter().flat_map(|u| {
                let i = u.n as usize;
                let product = u
                    .no_product
                    .then(|| line(i, "sku", "no product has this SKU".to_string()));
                let store = u
                    .no_store
                    .then(|| line(i, "store", "no store has this code".to_string()));
                product.into_iter().chain(store)
            });
            return Ok(Err(errors.collect()));
        }
        let changed = bind(format!(
            "{INPUT} INSERT INTO product_stock AS ps (product_id, store_id, quantity, updated_at)
                     SELECT product_id, store_id, quantity, now() FROM matched
                     ON CONFLICT (product_id, store_id) DO UPDATE
                        SET quantity = EXCLUDED.quantity, updated_at = now()
                      WHERE ps.quantity <> EXCLUDED.quantity"
        ))
        .execute(conn)?;
        Ok(Ok(changed))
    })
}

/// Sets stock per SKU and store, all or nothing; the same levels again change nothing
/// (`stock:write`).
#[utoipa::path(put, path = "/api/v1/stock", operation_id = "stock_put", tag = "stock",
    request_body = Levels, responses((status = 200, description = "What was sent and changed", body = Applied)))]
pub async fn put(caller: Caller, body: actix_web::web::Json<Levels>) -> Answer {
    caller.require("stock:write")?;
    let levels = body.into_inner().levels;
    let mut errors = checked(&levels);
    if !errors.is_empty() {
        errors.truncate(NAMED);
        return Err(Problem::invalid(errors));
    }
    let count = levels.len();
    let applied = caller.run(move |conn| Ok(apply(conn, &levels)?)).await?;
    match applied {
        Ok(changed) => Ok(json(&Applied {
            levels: count,
            changed,
        })),
        Err(errors) => Err(Problem::invalid(errors)),
    }
}
