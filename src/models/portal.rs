//! What the customer portal reads about orders and ship-to addresses: every function takes the
//! customer ids a portal user may see (`Portal::customer_ids()`, worked out in one place by the
//! portal's guard) as its first argument and filters by them, so no portal page can show a row
//! of a customer outside its user's scope. An empty slice finds nothing.

use crate::models::{customers::address::Address, orders::order::Order};
use crate::{
    domain::{AddressKind, OrderStatus},
    schema::{customer_addresses, orders},
};
use diesel::prelude::*;

/// Orders of the customers in scope, newest first: at most `limit` from `offset`, optionally of
/// one status.
pub fn orders(
    conn: &mut PgConnection,
    customer_ids: &[i64],
    status: Option<OrderStatus>,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<Order>> {
    let mut query = orders::table
        .filter(orders::customer_id.eq_any(customer_ids))
        .order((orders::placed_at.desc(), orders::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(Order::as_select())
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(orders::status.eq(status));
    }
    query.load(conn)
}

/// One order by its number, only if it belongs to a customer in scope (None otherwise, whether
/// or not the number exists elsewhere).
pub fn order_by_number(
    conn: &mut PgConnection,
    customer_ids: &[i64],
    order_number: &str,
) -> QueryResult<Option<Order>> {
    orders::table
        .filter(orders::customer_id.eq_any(customer_ids))
        .filter(orders::order_number.eq(order_number))
        .select(Order::as_select())
        .first(conn)
        .optional()
}

/// The shipping (ship-to) addresses of the customers in scope: by customer, the default one
/// first, then oldest first.
pub fn ship_to(conn: &mut PgConnection, customer_ids: &[i64]) -> QueryResult<Vec<Address>> {
    customer_addresses::table
        .filter(customer_addresses::customer_id.eq_any(customer_ids))
        .filter(customer_addresses::kind.eq(AddressKind::Shipping))
        .order((
            customer_addresses::customer_id,
            customer_addresses::is_default_shipping.desc(),
            customer_addresses::id,
        ))
        .select(Address::as_select())
        .load(conn)
}
