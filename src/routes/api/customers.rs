//! Customers through the API (`customers:read`): the list by cursor, one by id, one by
//! account number (the identifier the ERP knows it by).

use super::doc::{CustomerId, NotFound};
use super::{Answer, Caller, Page, Paging, Problem, json, versioned};
use crate::error::AppError;
use crate::schema::{customers, payment_terms};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A page of customers.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CustomerPage {
    pub data: Vec<ApiCustomer>,
    /// The `after` of the next page; null on the last.
    pub next_after: Option<i64>,
}

/// A customer as the API shows it, its fields in groups. Money is in minor units (cents).
#[derive(Clone, Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = customers, check_for_backend(diesel::pg::Pg))]
pub struct ApiCustomer {
    pub id: i64,
    /// The identifier the ERP knows it by (None until it is set).
    pub account_number: Option<String>,
    pub legal_name: String,
    pub trading_name: Option<String>,
    #[diesel(embed)]
    pub status: Status,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// "en" or "de"; None: the vendor's.
    pub language: Option<String>,
    #[diesel(embed)]
    pub credit: Credit,
    #[diesel(embed)]
    pub ordering: Ordering,
    #[diesel(embed)]
    pub books: Books,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The version `If-Match` names (also the `ETag`).
    #[diesel(column_name = lock_version)]
    pub version: i32,
}

/// What kind of customer it is, where the relationship stands, and the customers it belongs
/// to or is billed through.
#[derive(Clone, Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = customers, check_for_backend(diesel::pg::Pg))]
#[schema(as = CustomerStatus)]
pub struct Status {
    pub kind: String,
    pub customer_type: String,
    pub active: bool,
    /// A record for testing: its orders are marked as such.
    pub test_record: bool,
    /// Where the relationship stands ("active", …), as staff see it.
    #[diesel(column_name = relationship_status)]
    pub relationship: String,
    /// Set when the customer was merged into another: that one's id.
    pub merged_into_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub bill_to_id: Option<i64>,
    pub master_id: Option<i64>,
}

/// The credit the customer buys on.
#[derive(Clone, Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = customers, check_for_backend(diesel::pg::Pg))]
#[schema(as = CustomerCredit)]
pub struct Credit {
    /// The payment terms' name (None: none set).
    #[diesel(select_expression = payment_terms::name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<payment_terms::name>)]
    pub payment_terms: Option<String>,
    #[diesel(column_name = credit_limit_cents)]
    pub limit_cents: i64,
    /// What happens to an order over the limit.
    pub over_limit_policy: String,
    /// Whether a payment may be recorded without an invoice to pay.
    pub allow_payments_on_account: bool,
}

/// How the customer may order.
#[derive(Clone, Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = customers, check_for_backend(diesel::pg::Pg))]
#[schema(as = CustomerOrdering)]
pub struct Ordering {
    pub term_customer: bool,
    pub allow_cod: bool,
    pub allow_store_pickup: bool,
    /// Whether every order needs the buyer's reference.
    pub reference_required: bool,
    pub minimum_order_cents: i64,
}

/// The customer's ids in the vendor's books.
#[derive(Clone, Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = customers, check_for_backend(diesel::pg::Pg))]
#[schema(as = CustomerBooks)]
pub struct Books {
    pub tax_id: Option<String>,
    /// The customer's id in the vendor's accounting.
    pub accounts_id: Option<String>,
}

/// The list's query: a page, and only those changed since a moment.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Rows per page, 1-200 (50 when not given).
    #[serde(default)]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_after` of the page before.
    #[serde(default)]
    pub after: Option<i64>,
    /// Only customers changed at or after this moment.
    #[serde(default)]
    pub updated_since: Option<DateTime<Utc>>,
}

/// Customers in id order, a page at a time (`customers:read`).
#[utoipa::path(get, path = "/api/v1/customers", operation_id = "customers_index", tag = "customers",
    params(ListQuery), responses((status = 200, description = "A page of customers", body = CustomerPage)))]
pub async fn index(
    caller: Caller,
    req: actix_web::HttpRequest,
    query: actix_web::web::Query<ListQuery>,
) -> Answer {
    caller.require("customers:read")?;
    let (limit, after) = Paging::read((query.limit, query.after))?;
    let since = query.updated_since;
    let rows = caller
        .read(&req, move |conn| {
            let mut q = customers::table
                .left_join(payment_terms::table)
                .filter(customers::id.gt(after))
                .order(customers::id)
                .limit(limit)
                .select(ApiCustomer::as_select())
                .into_boxed();
            if let Some(since) = since {
                q = q.filter(customers::updated_at.ge(since));
            }
            Ok(q.load(conn)?)
        })
        .await?;
    Ok(json(&Page::of(rows, limit, |c| c.id)))
}

/// How a customer is asked for: by id, or by account number.
pub(super) enum Key {
    Id(i64),
    Account(String),
}

/// The customer `key` names; a NotFound when there is none.
pub(super) fn find(conn: &mut PgConnection, key: Key) -> Result<ApiCustomer, AppError> {
    let q = customers::table
        .left_join(payment_terms::table)
        .select(ApiCustomer::as_select())
        .into_boxed();
    let q = match key {
        Key::Id(id) => q.filter(customers::id.eq(id)),
        Key::Account(number) => q.filter(customers::account_number.eq(number)),
    };
    q.first(conn).optional()?.ok_or(AppError::NotFound)
}

/// The customer `key` names, with its version as the ETag; a 404 when there is none.
pub(super) async fn one(caller: Caller, key: Key) -> Answer {
    caller.require("customers:read")?;
    let found = caller.run(move |conn| find(conn, key)).await?;
    Ok(versioned(&found, found.version))
}

/// One customer, with its version as the `ETag` (`customers:read`).
#[utoipa::path(get, path = "/api/v1/customers/{id}", operation_id = "customers_show", tag = "customers",
    params(CustomerId), responses((status = 200, description = "The customer", body = ApiCustomer,
        headers(("ETag" = String, description = "Its version"))), (status = 404, response = NotFound)))]
pub async fn show(caller: Caller, path: actix_web::web::Path<String>) -> Answer {
    caller.require("customers:read")?;
    let id: i64 = path.parse().map_err(|_| Problem::not_found())?;
    one(caller, Key::Id(id)).await
}

/// One customer by the account number the ERP knows it by, with its version as the `ETag`
/// (`customers:read`).
#[utoipa::path(get, path = "/api/v1/customers/by-account/{number}", operation_id = "customers_by_account",
    tag = "customers", params(("number" = String, Path, description = "The account number", example = "C-10001")),
    responses((status = 200, description = "The customer", body = ApiCustomer,
        headers(("ETag" = String, description = "Its version"))), (status = 404, response = NotFound)))]
pub async fn by_account(caller: Caller, path: actix_web::web::Path<String>) -> Answer {
    one(caller, Key::Account(path.into_inner())).await
}
