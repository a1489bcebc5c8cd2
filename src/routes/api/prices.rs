//! `PUT /api/v1/customers/{id}/prices` (`prices:write`, the customer's price-files integration
//! active): the customer's price file. It replaces all of the customer's contract prices, all
//! or nothing: any wrong line refuses the whole file with a 422 naming each line
//! (`prices[3].sku`, at most the first 100); an empty list removes them all. Sending the same
//! file again leaves the same prices (idempotent, as a PUT is). See
//! `models::catalogs::contract_prices` for how a contract price is charged.

use super::{
    Answer, Caller, Problem,
    doc::{Conflict, CustomerId, NotFound},
    json,
    problem::FieldError,
};
use crate::{
    domain::Service,
    i18n::{L10n, Msg},
    models::{
        catalogs::contract_prices::{self, LineError, NotApplied, PriceLine},
        customers::history::Author,
        orders::erp,
    },
    schema::customers,
};
use actix_web::web;
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One contract price: what the customer pays for a SKU, from a quantity on, between two days.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractPrice {
    #[schema(example = "BOLT-M8-40")]
    pub sku: String,
    /// The price of one unit in cents, in the currency of the customer's price list.
    #[schema(example = 850, minimum = 0)]
    pub price_cents: i64,
    /// It holds from this quantity on a line (1 when not given).
    #[schema(example = 10, minimum = 1)]
    pub min_quantity: Option<i32>,
    /// Its first day (open when not given).
    pub valid_from: Option<NaiveDate>,
    /// Its last day, included (open when not given).
    pub valid_to: Option<NaiveDate>,
}

/// A customer's price file.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceFile {
    pub prices: Vec<ContractPrice>,
}

/// What a price file did.
#[derive(Debug, Serialize, ToSchema)]
pub struct PricesApplied {
    pub customer_id: i64,
    /// How many contract prices the customer has now.
    #[schema(example = 1250)]
    pub prices: usize,
    /// Their currency: the customer's price list's.
    #[schema(example = "EUR")]
    pub currency: String,
}

impl From<&ContractPrice> for PriceLine {
    fn from(p: &ContractPrice) -> PriceLine {
        PriceLine {
            sku: p.sku.clone(),
            price_cents: p.price_cents,
            min_quantity: p.min_quantity.unwrap_or(1),
            valid: (p.valid_from, p.valid_to),
        }
    }
}

/// The wrong lines as a 422 naming each (`prices[3].price_cents`), in English.
fn lines_refused(errors: &[LineError]) -> Problem {
    let l = L10n::english();
    let field = |f: &'static str| match f {
        "price" => "price_cents",
        other => other,
    };
    Problem::invalid(
        errors
            .iter()
            .take(contract_prices::NAMED)
            .map(|e| FieldError {
                field: format!("prices[{}].{}", e.index, field(e.field)),
                detail: l.msg(&e.reason),
            })
            .collect(),
    )
}

/// `PUT /api/v1/customers/{id}/prices`.
/// Replaces the customer's contract prices by this file, all or nothing; needs the customer's
/// price-files integration active (`prices:write`).
#[utoipa::path(put, path = "/api/v1/customers/{id}/prices", operation_id = "customer_prices_put",
    tag = "customers", params(CustomerId), request_body = PriceFile,
    responses((status = 200, description = "The customer's contract prices now", body = PricesApplied),
              (status = 404, response = NotFound), (status = 409, response = Conflict)))]
pub async fn put(caller: Caller, id: web::Path<String>, body: web::Json<PriceFile>) -> Answer {
    caller.require("prices:write")?;
    let id: i64 = id.parse().map_err(|_| Problem::not_found())?;
    let lines: Vec<PriceLine> = body.prices.iter().map(PriceLine::from).collect();
    let errors = contract_prices::checked(&lines);
    if !errors.is_empty() {
        return Err(lines_refused(&errors));
    }
    let by = Author::Client(caller.client.name.clone());
    let applied = caller
        .run(move |conn| {
            let exists: bool =
                diesel::select(diesel::dsl::exists(customers::table.find(id))).get_result(conn)?;
            if !exists {
                return Ok(Err(Problem::not_found()));
            }
            if !erp::active(conn, id, Service::PriceFiles)? {
                let why = Msg::new("api-integration-not-active")
                    .label("integration", Service::PriceFiles.label_id());
                return Ok(Err(Problem::conflict(&why)));
            }
            Ok(
                contract_prices::replace(conn, id, &lines, &by)?.map_err(|e| match e {
                    NotApplied::NoPriceList => Problem::conflict(&Msg::new("prices-no-price-list")),
                    NotApplied::Lines(errors) => lines_refused(&errors),
                }),
            )
        })
        .await??;
    Ok(json(&PricesApplied {
        customer_id: id,
        prices: applied.prices,
        currency: applied.currency,
    }))
}
