//! A customer's contract prices: its price file, as the ERP sends it
//! (`PUT /api/v1/customers/{id}/prices`) or staff upload it on the Catalogs and products tab.
//!
//! A file replaces all of the customer's contract prices, all or nothing: every line is checked
//! first (here, then against the products in the database), and one wrong line refuses the
//! whole file with each wrong line named. A price is in the currency of the customer's price
//! list (a customer without one cannot take a file), holds from its minimum quantity on and
//! between its first and last day (both included; open when not given), and overrides the list
//! price less the customer's discount wherever the customer's price is read
//! ([`super::portal_catalog`]): in the portal, in the cart, at checkout and on the order line.
//! Of the prices that hold for a quantity on a day, the one with the highest minimum quantity
//! wins, then the latest start.

use crate::i18n::Msg;
use crate::models::customers::{
    customer::Customer,
    history::{self, Author, Entity, FieldChange},
};
use chrono::NaiveDate;
use diesel::{
    prelude::*,
    sql_types::{Array, BigInt, Date, Int4, Nullable, Text},
};

/// The most lines one file may hold.
pub const LINES_MAX: usize = 200_000;

/// The most wrong lines a refusal names.
pub const NAMED: usize = 100;

/// One price of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceLine {
    pub sku: String,
    pub price_cents: i64,
    pub min_quantity: i32,
    /// The first and the last day it holds (both included; open where None).
    pub valid: (Option<NaiveDate>, Option<NaiveDate>),
}

/// A line that cannot be applied: its place in the file (from 0), the field and why.
#[derive(Clone, Debug, PartialEq)]
pub struct LineError {
    pub index: usize,
    pub field: &'static str,
    pub reason: Msg,
}

/// Why a file was not applied (nothing was written).
#[derive(Debug)]
pub enum NotApplied {
    /// The customer has no price list, so its prices would have no currency.
    NoPriceList,
    /// These lines are wrong (at most [`NAMED`]).
    Lines(Vec<LineError>),
}

/// What a file did: how many prices the customer has now, in which currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub prices: usize,
    pub currency: String,
}

fn wrong(index: usize, field: &'static str, id: &'static str) -> LineError {
    LineError {
        index,
        field,
        reason: Msg::new(id),
    }
}

/// The wrong lines that can be told without the database: no SKU, a price below 0, a minimum
/// quantity below 1, a last day before the first, the same SKU, quantity and first day twice;
/// and too many lines.
pub fn checked(lines: &[PriceLine]) -> Vec<LineError> {
    let mut errors = Vec::new();
    if lines.len() > LINES_MAX {
        let too_many = Msg::new("prices-too-many").arg("max", LINES_MAX);
        errors.push(LineError {
            index: LINES_MAX,
            field: "sku",
            reason: too_many,
        });
        return errors;
    }
    let mut seen = std::collections::HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if l.sku.trim().is_empty() {
            errors.push(wrong(i, "sku", "prices-sku-missing"));
        }
        if l.price_cents < 0 {
            errors.push(wrong(i, "price", "prices-price-negative"));
        }
        if l.min_quantity < 1 {
            errors.push(wrong(i, "min_quantity", "prices-min-quantity-invalid"));
        }
        if matches!(l.valid, (Some(from), Some(to)) if to < from) {
            errors.push(wrong(i, "valid_to", "prices-valid-to-before-from"));
        }
        let key = (l.sku.trim().to_lowercase(), l.min_quantity, l.valid.0);
        if let Some(first) = seen.insert(key, i) {
            let twice = Msg::new("prices-line-twice").arg("line", first as i64);
            errors.push(LineError {
                index: i,
                field: "sku",
                reason: twice,
            });
        }
    }
    errors
}

#[derive(QueryableByName)]
struct Unmatched {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Currency {
    #[diesel(sql_type = Nullable<Text>)]
    currency: Option<String>,
}

/// The lines as arrays for `unnest`, matched to their products.
const INPUT: &str = "WITH input AS (
        SELECT i.*, i.n - 1 AS idx
          FROM unnest($2::text[], $3::bigint[], $4::int[], $5::date[], $6::date[])
               WITH ORDINALITY AS i(sku, price_cents, min_quantity, valid_from, valid_to, n)),
      matched AS (
        SELECT i.idx, p.id AS product_id, i.price_cents, i.min_quantity, i.valid_from, i.valid_to
          FROM input i LEFT JOIN products p ON lower(p.sku) = lower(btrim(i.sku)))";

/// The currency of the customer's price list (its sales channel's, or its organization's).
const CURRENCY: &str = "SELECT pl.currency
      FROM customers c
      LEFT JOIN customers org ON org.id = c.organization_id
      LEFT JOIN sales_channels ch ON ch.id = coalesce(c.sales_channel_id, org.sales_channel_id)
      LEFT JOIN price_lists pl ON pl.id = ch.price_list_id
     WHERE c.id = $1";

/// Replaces the contract prices of `customer` by `lines` (already [`checked`]), all or nothing,
/// in the customer's history signed by `author`; or says why not. Two files for one customer
/// at once are applied one after the other.
pub fn replace(
    conn: &mut PgConnection,
    customer_id: i64,
    lines: &[PriceLine],
    author: &Author,
) -> QueryResult<Result<Applied, NotApplied>> {
    conn.transaction(|conn| {
        let customer: Customer = crate::schema::customers::table
            .find(customer_id)
            .select(Customer::as_select())
            .for_no_key_update()
            .first(conn)?;
        let currency = diesel::sql_query(CURRENCY)
            .bind::<BigInt, _>(customer_id)
            .get_result::<Currency>(conn)?
            .currency;
        let Some(currency) = currency else {
            return Ok(Err(NotApplied::NoPriceList));
        };
        let bind = |sql: String| {
            diesel::sql_query(sql)
                .bind::<BigInt, _>(customer_id)
                .bind::<Array<Text>, _>(lines.iter().map(|l| l.sku.as_str()).collect::<Vec<_>>())
                .bind::<Array<BigInt>, _>(lines.iter().map(|l| l.price_cents).collect::<Vec<_>>())
                .bind::<Array<Int4>, _>(lines.iter().map(|l| l.min_quantity).collect::<Vec<_>>())
                .bind::<Array<Nullable<Date>>, _>(lines.iter().map(|l| l.valid.0).collect::<Vec<_>>())
                .bind::<Array<Nullable<Date>>, _>(lines.iter().map(|l| l.valid.1).collect::<Vec<_>>())
        };
        let unmatched: Vec<Unmatched> = bind(format!(
            "{INPUT} SELECT idx AS n FROM matched WHERE product_id IS NULL ORDER BY idx LIMIT {NAMED}"
        ))
        .load(conn)?;
        if !unmatched.is_empty() {
            let errors = unmatched
                .iter()
                .map(|u| wrong(u.n as usize, "sku", "prices-sku-unknown"));
            return Ok(Err(NotApplied::Lines(errors.collect())));
        }
        let before = diesel::delete(
            crate::schema::customer_prices::table
                .filter(crate::schema::customer_prices::customer_id.eq(customer_id)),
        )
        .execute(conn)?;
        bind(format!(
            "{INPUT} INSERT INTO customer_prices
                        (customer_id, product_id, price_cents, min_quantity, valid_from, valid_to)
                     SELECT $1, product_id, price_cents, min_quantity, valid_from, valid_to
                       FROM matched"
        ))
        .execute(conn)?;
        filed(conn, &customer, (before, lines.len()), author)?;
        Ok(Ok(Applied {
            prices: lines.len(),
            currency,
        }))
    })
}

/// Notes the file applied, and puts it in the customer's history ("Contract prices changed:
/// 120 → 130").
fn filed(
    conn: &mut PgConnection,
    customer: &Customer,
    (before, after): (usize, usize),
    author: &Author,
) -> QueryResult<()> {
    use crate::schema::customer_price_files as f;
    let label = author.label();
    diesel::insert_into(f::table)
        .values((
            f::customer_id.eq(customer.id),
            f::prices.eq(after as i32),
            f::staff_id.eq(author.staff_id()),
            f::actor_label.eq(&label),
        ))
        .on_conflict(f::customer_id)
        .do_update()
        .set((
            f::prices.eq(after as i32),
            f::replaced_at.eq(diesel::dsl::now),
            f::staff_id.eq(author.staff_id()),
            f::actor_label.eq(&label),
        ))
        .execute(conn)?;
    let change = FieldChange {
        field: "Contract prices",
        old: Some(before.to_string()),
        new: Some(after.to_string()),
    };
    history::record_as(
        conn,
        customer,
        author.staff_id(),
        label.as_deref(),
        Entity::Prices,
        None,
        "update",
        &[change],
    )
}

/// The customer's contract prices as its tab shows them: how many, and the last file.
#[derive(Clone, Debug, Default)]
pub struct PriceFile {
    pub prices: i64,
    /// When the last file came, and who sent it (a staff member's name, or "API: <client>").
    pub replaced: Option<(chrono::DateTime<chrono::Utc>, String)>,
}

impl PriceFile {
    pub fn load(conn: &mut PgConnection, customer_id: i64) -> QueryResult<PriceFile> {
        use crate::schema::{customer_price_files as f, customer_prices as p, staff};
        let prices = p::table
            .filter(p::customer_id.eq(customer_id))
            .select(diesel::dsl::count_star())
            .first(conn)?;
        let last: Option<(
            chrono::DateTime<chrono::Utc>,
            Option<String>,
            Option<String>,
        )> = f::table
            .left_join(staff::table)
            .filter(f::customer_id.eq(customer_id))
            .select((f::replaced_at, staff::name.nullable(), f::actor_label))
            .first(conn)
            .optional()?;
        Ok(PriceFile {
            prices,
            replaced: last.map(|(at, name, label)| (at, name.or(label).unwrap_or_default())),
        })
    }
}

#[derive(QueryableByName)]
struct Held {
    #[diesel(sql_type = Text)]
    sku: String,
    #[diesel(sql_type = BigInt)]
    price_cents: i64,
    #[diesel(sql_type = Int4)]
    min_quantity: i32,
    #[diesel(sql_type = Nullable<Date>)]
    valid_from: Option<NaiveDate>,
    #[diesel(sql_type = Nullable<Date>)]
    valid_to: Option<NaiveDate>,
}

/// The customer's contract prices as a file of the upload's format (comma-separated, prices
/// with a point), by SKU, quantity and first day: what staff download to change and upload.
pub fn as_csv(conn: &mut PgConnection, customer_id: i64) -> QueryResult<String> {
    let held: Vec<Held> = diesel::sql_query(
        "SELECT p.sku, cp.price_cents, cp.min_quantity, cp.valid_from, cp.valid_to
           FROM customer_prices cp JOIN products p ON p.id = cp.product_id
          WHERE cp.customer_id = $1
          ORDER BY p.sku, cp.min_quantity, cp.valid_from NULLS FIRST",
    )
    .bind::<BigInt, _>(customer_id)
    .load(conn)?;
    let mut out = String::from(HEADER);
    out.push('\n');
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for h in held {
        out.push_str(&format!(
            "{},{}.{:02},{},{},{}\n",
            csv_field(&h.sku),
            h.price_cents / 100,
            h.price_cents % 100,
            h.min_quantity,
            day(h.valid_from),
            day(h.valid_to)
        ));
    }
    Ok(out)
}

fn csv_field(value: &str) -> String {
    match value.contains([',', '"', '\n', '\r']) {
        true => format!("\"{}\"", value.replace('"', "\"\"")),
        false => value.to_string(),
    }
}

/// The header of a price file.
pub const HEADER: &str = "sku,price,min_quantity,valid_from,valid_to";

/// One contract price of a product that holds today, as the portal's product page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Queryable)]
pub struct Tier {
    pub min_quantity: i32,
    pub price_cents: i64,
    pub valid_to: Option<NaiveDate>,
}

/// The contract prices of `customer_id` for `product_id` that hold today, by minimum quantity
/// (of several from one quantity on, the latest start: the one that is charged).
pub fn tiers(conn: &mut PgConnection, customer_id: i64, product_id: i64) -> QueryResult<Vec<Tier>> {
    use crate::schema::customer_prices as p;
    let today = diesel::dsl::date(diesel::dsl::now).nullable();
    let held: Vec<(Tier, Option<NaiveDate>)> = p::table
        .filter(p::customer_id.eq(customer_id))
        .filter(p::product_id.eq(product_id))
        .filter(p::valid_from.is_null().or(p::valid_from.le(today)))
        .filter(p::valid_to.is_null().or(p::valid_to.ge(today)))
        .order((p::min_quantity, p::valid_from.desc().nulls_last()))
        .select((
            (p::min_quantity, p::price_cents, p::valid_to),
            p::valid_from,
        ))
        .load(conn)?;
    let mut tiers: Vec<Tier> = Vec::new();
    for (tier, _) in held {
        if tiers
            .last()
            .is_none_or(|t| t.min_quantity != tier.min_quantity)
        {
            tiers.push(tier);
        }
    }
    Ok(tiers)
}
