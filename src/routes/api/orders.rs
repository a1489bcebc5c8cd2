//! Orders through the API: the feed the ERP pulls (`orders:read`), one order by number, and
//! what the ERP reports back (`orders:write`): an order acknowledged (allocated, with the date
//! it is expected to leave) and an order shipped (dispatched, with carrier and tracking, and
//! the same emails as a shipment entered at the desk). Each report needs its integration active
//! for the order's customer (a 409 saying so otherwise), takes the desk's rules (a 409 when the
//! order's state does not allow it), and lands in the order's timeline signed "API: <client>".

use super::doc::{Conflict, Idempotent, NotFound, OrderNumber};
use super::{Answer, Caller, Problem, idempotency::Reply, json};
use crate::{
    domain::Service,
    error::AppError,
    i18n::Msg,
    models::orders::{
        desk::{self, Action, NotTaken, Refused},
        erp::{self, Cursor},
        order::OrderLine,
    },
    routes::orders::actions::shipment_of,
    schema::{customers, order_feed, order_lines, orders},
};
use actix_web::{HttpRequest, http::StatusCode, web};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::{
    prelude::*,
    sql_types::{BigInt, Nullable},
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// The most orders a page of the feed may have, and how many when `limit` is not given.
pub const FEED_MAX: i64 = 1000;
pub const FEED_DEFAULT: i64 = 100;

diesel::define_sql_function!(
    /// A store's code by its id (migration `api_orders`).
    fn store_code(store: Nullable<BigInt>) -> Nullable<Text>
);

/// An order as the API shows it: its head, read in one select, and its lines. Money is in
/// minor units (cents) of `currency`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiOrder {
    #[serde(flatten)]
    pub head: OrderHead,
    pub lines: Vec<OrderLine>,
}

/// Everything of an order but its lines.
#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct OrderHead {
    #[serde(skip)]
    pub id: i64,
    #[diesel(column_name = order_number)]
    pub number: String,
    /// "awaiting_payment", "credit_hold", "unallocated", "allocated", "dispatched", "cancelled".
    pub status: String,
    /// The customer is a record for testing: do not fulfil.
    #[diesel(select_expression = customers::test_record)]
    pub test_record: bool,
    #[diesel(embed)]
    pub customer: OrderCustomer,
    #[diesel(embed)]
    pub placed: Placed,
    pub currency: String,
    pub total_cents: i64,
    #[diesel(embed)]
    pub delivery: Delivery,
    #[diesel(embed)]
    pub payment: Payment,
    #[diesel(embed)]
    pub fulfilment: Fulfilment,
    /// The buyer's note.
    pub note: Option<String>,
}

/// Whose order it is: the customer's id and the account number the ERP knows it by.
#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct OrderCustomer {
    #[diesel(column_name = customer_id)]
    pub id: i64,
    #[diesel(select_expression = customers::account_number)]
    pub account_number: Option<String>,
}

/// When, by whom and where from: "web", "edi", "marketplace", … and its id there; the buyer's
/// reference (purchase order number).
#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
#[schema(as = OrderPlaced)]
pub struct Placed {
    pub channel: String,
    #[diesel(column_name = placed_at)]
    pub at: DateTime<Utc>,
    #[diesel(column_name = placed_by_name)]
    pub by: Option<String>,
    #[schema(example = "EDI-4711")]
    pub channel_order_id: Option<String>,
    #[diesel(column_name = customer_reference)]
    pub reference: Option<String>,
}

/// Where it goes: an address (as it read when ordered) or a store to collect from (its code);
/// the store that fulfils it; the day the buyer asked for.
#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
#[schema(as = OrderDelivery)]
pub struct Delivery {
    pub ship_to: Option<String>,
    #[diesel(select_expression = store_code(orders::pickup_store_id))]
    #[diesel(select_expression_type = store_code<orders::pickup_store_id>)]
    pub pickup_store: Option<String>,
    #[diesel(select_expression = store_code(orders::fulfilling_store_id))]
    #[diesel(select_expression_type = store_code<orders::fulfilling_store_id>)]
    pub fulfilling_store: Option<String>,
    #[diesel(column_name = requested_delivery)]
    pub requested_on: Option<NaiveDate>,
}

/// How it is paid: the method ("invoice", "cod", "prepay"), the days of an invoice, a prepaid
/// order's payment, its invoice; a credit hold's reason ("credit_limit", "overdue"), and
/// whether it went over the limit.
#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
#[schema(as = OrderPayment)]
pub struct Payment {
    #[diesel(column_name = payment_method)]
    pub method: Option<String>,
    #[diesel(column_name = payment_days)]
    pub days: Option<i32>,
    pub paid_at: Option<DateTime<Utc>>,
    pub invoice_number: Option<String>,
    pub hold_reason: Option<String>,
    pub over_limit: bool,
}

/// What has happened to it since: acknowledged for a date, shipped, cancelled.
#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
#[schema(as = OrderFulfilment)]
pub struct Fulfilment {
    pub expected_on: Option<NaiveDate>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub dispatched_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
}

/// The orders of `heads` with their lines, in the heads' order.
fn with_lines(conn: &mut PgConnection, heads: Vec<OrderHead>) -> QueryResult<Vec<ApiOrder>> {
    let ids: Vec<i64> = heads.iter().map(|h| h.id).collect();
    let mut lines: Vec<(i64, OrderLine)> = order_lines::table
        .filter(order_lines::order_id.eq_any(&ids))
        .order((order_lines::order_id, order_lines::line_no))
        .select((order_lines::order_id, OrderLine::as_select()))
        .load(conn)?;
    let mut orders: Vec<ApiOrder> = heads
        .into_iter()
        .map(|head| ApiOrder {
            head,
            lines: Vec::new(),
        })
        .collect();
    let at: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    for (id, line) in lines.drain(..) {
        orders[at[&id]].lines.push(line);
    }
    Ok(orders)
}

/// The order numbered `number`, as the API shows it; a NotFound when there is none.
pub fn load(conn: &mut PgConnection, number: &str) -> Result<ApiOrder, AppError> {
    let head: Option<OrderHead> = orders::table
        .inner_join(customers::table)
        .filter(orders::order_number.eq(number))
        .select(OrderHead::as_select())
        .first(conn)
        .optional()?;
    let head = head.ok_or(AppError::NotFound)?;
    Ok(with_lines(conn, vec![head])?.remove(0))
}

/// The feed's query: a page after a cursor.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// Orders per page, 1-1000 (100 when not given).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
    /// The `next_after` of the page before (`0.0`, or none: from the start).
    pub after: Option<String>,
}

/// A page of the feed, and the cursor to ask with next (the same when nothing was new).
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedPage {
    pub data: Vec<ApiOrder>,
    pub next_after: String,
}

/// The page's size and cursor, or a 422 naming the one that is wrong.
fn feed_paging(query: &FeedQuery) -> Result<(i64, Cursor), Problem> {
    let mut errors = Vec::new();
    let limit = query.limit.unwrap_or(FEED_DEFAULT);
    if !(1..=FEED_MAX).contains(&limit) {
        errors.push(("limit", format!("must be from 1 to {FEED_MAX}")));
    }
    let after = match query.after.as_deref() {
        None => Cursor::default(),
        Some(text) => text.parse().unwrap_or_else(|_| {
            let detail = "must be the `next_after` of a page of this feed".to_string();
            errors.push(("after", detail));
            Cursor::default()
        }),
    };
    match errors.is_empty() {
        true => Ok((limit, after)),
        false => Err(Problem::fields(errors)),
    }
}

/// Orders placed for customers whose orders integration is active, once their account number
/// is set, in the order they were released (commit order), oldest first. Keep `next_after` and
/// ask again with it; an empty page means nothing new yet (`orders:read`).
#[utoipa::path(get, path = "/api/v1/orders", operation_id = "orders_feed", tag = "orders",
    params(FeedQuery), responses((status = 200, description = "A page of the feed", body = FeedPage)))]
pub async fn feed(caller: Caller, req: HttpRequest, query: web::Query<FeedQuery>) -> Answer {
    caller.require("orders:read")?;
    let (limit, after) = feed_paging(&query)?;
    let (cursor, data) = caller
        .read(&req, move |conn| {
            let rows: Vec<(i64, OrderHead)> = erp::after(after, limit)
                .select((order_feed::xid, OrderHead::as_select()))
                .load(conn)?;
            let cursor = rows.last().map_or(after, |(xid, head)| Cursor {
                xid: *xid,
                order_id: head.id,
            });
            let heads = rows.into_iter().map(|(_, head)| head).collect();
            Ok((cursor, with_lines(conn, heads)?))
        })
        .await?;
    let next_after = cursor.to_string();
    Ok(json(&FeedPage { data, next_after }))
}

/// One order by its number (`orders:read`).
#[utoipa::path(get, path = "/api/v1/orders/{number}", operation_id = "orders_show", tag = "orders",
    params(OrderNumber), responses((status = 200, description = "The order", body = ApiOrder),
        (status = 404, response = NotFound)))]
pub async fn show(caller: Caller, path: web::Path<String>) -> Answer {
    caller.require("orders:read")?;
    let number = path.into_inner();
    let order = caller.run(move |conn| load(conn, &number)).await?;
    Ok(json(&order))
}

/// An acknowledgement: the date the order is expected to leave, if the ERP knows it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    #[serde(default, deserialize_with = "super::day::optional")]
    pub expected_on: Option<NaiveDate>,
}

/// A shipment: who carries it, under which tracking number.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Shipment {
    /// At most 60 characters on one line.
    #[schema(example = "DHL", min_length = 1, max_length = 60)]
    pub carrier: String,
    /// At most 60 characters on one line.
    #[schema(example = "JD014600003828", min_length = 1, max_length = 60)]
    pub tracking_number: String,
}

/// Takes `action` on order `number` for the ERP, if the customer's `gate` integration is
/// active; answers the order as it now stands.
fn report(
    conn: &mut PgConnection,
    (number, gate): (&str, Service),
    action: &Action,
    (placer, base_url): (&crate::models::orders::placing::Placer, &str),
) -> Result<Reply, Problem> {
    let (id, customer_id): (i64, i64) = orders::table
        .filter(orders::order_number.eq(number))
        .select((orders::id, orders::customer_id))
        .first(conn)
        .optional()?
        .ok_or_else(Problem::not_found)?;
    if !erp::active(conn, customer_id, gate)? {
        let why = Msg::new("api-integration-not-active").label("integration", gate.label_id());
        return Err(Problem::conflict(&why));
    }
    match desk::act(conn, id, placer, action, base_url) {
        Ok(_) => {}
        Err(NotTaken::Failed(e)) => return Err(e.into()),
        Err(NotTaken::Refused(Refused::State(why))) => return Err(Problem::conflict(&why)),
        Err(NotTaken::Refused(Refused::Fields(errors))) => {
            return Err(Problem::of_form(&errors, &[]));
        }
    }
    let order = load(conn, number)?;
    Ok(Reply::new(StatusCode::OK, &order, None))
}

/// A report on an order: who sends it, the request, and the order's number in the path.
type Report = (Caller, HttpRequest, web::Path<String>);

/// Reports `action` on the order the path names, `body` as sent, under the `gate` integration.
async fn reported<B: Serialize>(
    (caller, req, path): Report,
    body: &B,
    action: Action,
    gate: Service,
) -> Answer {
    caller.require("orders:write")?;
    let by = (caller.placer(), caller.base_url());
    let number = path.into_inner();
    caller
        .once(&req, body, move |conn| {
            report(conn, (&number, gate), &action, (&by.0, &by.1))
        })
        .await
}

/// The order allocated, with the date it is expected to leave, if the customer's order
/// acknowledgements integration is active (`orders:write`).
#[utoipa::path(post, path = "/api/v1/orders/{number}/acknowledgement", operation_id = "orders_acknowledge",
    tag = "orders", params(OrderNumber, Idempotent), request_body = Option<Acknowledgement>,
    responses((status = 200, description = "The order as it now stands", body = ApiOrder),
        (status = 404, response = NotFound), (status = 409, response = Conflict)))]
pub async fn acknowledge(
    report: Report,
    body: Result<web::Json<Acknowledgement>, actix_web::Error>,
) -> Answer {
    // No body is an acknowledgement without a date; a body that cannot be read is a 422, not
    // taken for none (as `Option<Json>` would take it).
    let ack = match body {
        Ok(body) => body.into_inner(),
        Err(_) if !super::has_body(&report.1) => Acknowledgement::default(),
        Err(e) => return Err(Problem::of_error(&e)),
    };
    let action = Action::Allocate {
        expected: ack.expected_on,
    };
    let gate = Service::OrderAcknowledgements;
    reported(report, &ack, action, gate).await
}

/// The order dispatched with its carrier and tracking number, with the same emails as a
/// shipment entered at the desk, if the customer's ship notices integration is active; the
/// desk's checks of the fields (`orders:write`).
#[utoipa::path(post, path = "/api/v1/orders/{number}/shipments", operation_id = "orders_ship", tag = "orders",
    params(OrderNumber, Idempotent), request_body = Shipment,
    responses((status = 200, description = "The order as it now stands", body = ApiOrder),
        (status = 404, response = NotFound), (status = 409, response = Conflict)))]
pub async fn ship(report: Report, body: web::Json<Shipment>) -> Answer {
    let shipment = body.into_inner();
    let action = shipment_of(&shipment.carrier, &shipment.tracking_number)
        .map_err(|errors| Problem::of_form(&errors, &[]))?;
    reported(report, &shipment, action, Service::ShipNotices).await
}
