//! A customer's ship-to locations and contacts through the API (`customers:read`), each with
//! its stable id (the id staff see, never reused), so the ERP can key its own records to them.
//! A customer that does not exist is a 404; one without any, an empty list.

use super::{
    Answer, Caller, Problem,
    doc::{CustomerId, NotFound},
    json,
};
use crate::error::AppError;
use crate::schema::{customer_addresses, customer_contacts, customers};
use actix_web::HttpRequest;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

/// An address of the customer: where it ships (`kind` "shipping") or is billed ("billing").
#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = customer_addresses, check_for_backend(diesel::pg::Pg))]
pub struct ApiAddress {
    pub id: i64,
    #[schema(example = "shipping")]
    pub kind: String,
    pub label: Option<String>,
    #[schema(example = "Am Sandtorkai 1")]
    pub line1: String,
    pub line2: Option<String>,
    #[schema(example = "Hamburg")]
    pub city: String,
    pub region: Option<String>,
    pub postcode: Option<String>,
    /// An ISO 3166 code.
    #[schema(example = "DE")]
    pub country: String,
    pub phone: Option<String>,
    #[diesel(column_name = is_default_shipping)]
    pub default_shipping: bool,
    #[diesel(column_name = is_default_billing)]
    pub default_billing: bool,
    pub updated_at: DateTime<Utc>,
}

/// A contact person of the customer, and the emails it is subscribed to.
#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = customer_contacts, check_for_backend(diesel::pg::Pg))]
pub struct ApiContact {
    pub id: i64,
    #[schema(example = "Anna Becker")]
    pub name: String,
    #[schema(example = "Purchasing")]
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[diesel(column_name = is_primary)]
    pub primary: bool,
    /// "order_confirmation", "shipment_notification", "invoice_posted", …
    #[schema(value_type = Vec<String>)]
    pub subscriptions: Vec<Option<String>>,
    pub updated_at: DateTime<Utc>,
}

/// The list of a customer's addresses or contacts.
#[derive(Debug, Serialize, ToSchema)]
pub struct Parts<T: ToSchema> {
    pub data: Vec<T>,
}

/// Customer `id` (a NotFound when there is none) and what `read` finds of it.
async fn of_customer<T, F>(caller: Caller, req: HttpRequest, id: String, read: F) -> Answer
where
    T: Serialize + ToSchema + Send + 'static,
    F: FnOnce(&mut PgConnection, i64) -> QueryResult<Vec<T>> + Clone + Send + 'static,
{
    caller.require("customers:read")?;
    let id: i64 = id.parse().map_err(|_| Problem::not_found())?;
    let data = caller
        .read(&req, move |conn| {
            let exists: bool =
                diesel::select(diesel::dsl::exists(customers::table.find(id))).get_result(conn)?;
            if !exists {
                return Err(AppError::NotFound);
            }
            Ok(read(conn, id)?)
        })
        .await?;
    Ok(json(&Parts { data }))
}

/// A customer's addresses, shipping ones first, the default first, in id order.
fn addresses_of(conn: &mut PgConnection, id: i64) -> QueryResult<Vec<ApiAddress>> {
    use customer_addresses as a;
    a::table
        .filter(a::customer_id.eq(id))
        .order((a::kind.desc(), a::is_default_shipping.desc(), a::id))
        .select(ApiAddress::as_select())
        .load(conn)
}

/// A customer's contacts, the primary one first, in id order.
fn contacts_of(conn: &mut PgConnection, id: i64) -> QueryResult<Vec<ApiContact>> {
    use customer_contacts as c;
    c::table
        .filter(c::customer_id.eq(id))
        .order((c::is_primary.desc(), c::id))
        .select(ApiContact::as_select())
        .load(conn)
}

/// A customer's addresses, shipping ones first, the default first, in id order
/// (`customers:read`).
#[utoipa::path(get, path = "/api/v1/customers/{id}/addresses", operation_id = "customers_addresses",
    tag = "customers", params(CustomerId),
    responses((status = 200, description = "The customer's addresses", body = Parts<ApiAddress>), (status = 404, response = NotFound)))]
pub async fn addresses(
    caller: Caller,
    req: HttpRequest,
    path: actix_web::web::Path<String>,
) -> Answer {
    of_customer(caller, req, path.into_inner(), addresses_of).await
}

/// A customer's contacts, the primary one first, in id order (`customers:read`).
#[utoipa::path(get, path = "/api/v1/customers/{id}/contacts", operation_id = "customers_contacts", tag = "customers", params(CustomerId),
    responses((status = 200, description = "The customer's contacts", body = Parts<ApiContact>), (status = 404, response = NotFound)))]
pub async fn contacts(
    caller: Caller,
    req: HttpRequest,
    path: actix_web::web::Path<String>,
) -> Answer {
    of_customer(caller, req, path.into_inner(), contacts_of).await
}
