//! Orders on their way to the vendor's ERP: the orders feed it pulls through the API.
//!
//! An order placed while its customer's orders integration is active is for the ERP. With the
//! customer's account number set (the identifier the ERP knows it by) it is released into the
//! feed at once; without one it waits (`erp = 'waiting'`, which the order desk shows) until the
//! number is set, when the database releases it (migration `api_orders`). Orders placed while
//! the integration is not active never go: staff key them as before.
//!
//! The feed is read in commit order. Each released order carries the id of the transaction
//! that released it, and a reader sees only those of transactions older than every transaction
//! still running, in (transaction, order) order: a page's cursor is a position no later commit
//! can land behind. (An order's transaction id is not its commit order, but no transaction
//! older than the oldest running one can still commit.)

use crate::{
    domain::{Service, ServiceStatus},
    schema::{customer_services, customers, order_feed, orders},
};
use diesel::{
    dsl::{exists, sql},
    prelude::*,
    sql_types::{BigInt, Bool},
};

/// Marks a just-placed order for the ERP when its customer's orders integration is active,
/// released into the feed when the customer has an account number, waiting otherwise.
pub fn enter(conn: &mut PgConnection, order_id: i64) -> QueryResult<()> {
    crate::models::cached_sql::Kept(
        diesel::sql_query(
            "WITH marked AS (
                UPDATE orders o
                   SET erp = CASE WHEN btrim(coalesce(c.account_number, '')) <> ''
                                  THEN 'released' ELSE 'waiting' END
                  FROM customers c
                 WHERE o.id = $1 AND c.id = o.customer_id
                   AND EXISTS (SELECT 1 FROM customer_services s
                                WHERE s.customer_id = c.id AND s.service = 'orders'
                                  AND s.status = 'active')
                RETURNING o.id, o.erp)
             INSERT INTO order_feed (order_id)
             SELECT id FROM marked WHERE erp = 'released'
             RETURNING 1 AS changed",
        )
        .bind::<BigInt, _>(order_id),
    )
    .changed(conn)?;
    Ok(())
}

/// A place in the feed: after the order `order_id` released by transaction `xid`. Written as
/// `<xid>.<order id>`; the start of the feed is `0.0`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub xid: i64,
    pub order_id: i64,
}

impl std::str::FromStr for Cursor {
    type Err = ();

    fn from_str(s: &str) -> Result<Cursor, ()> {
        let (xid, order_id) = s.split_once('.').ok_or(())?;
        Ok(Cursor {
            xid: xid.parse().map_err(|_| ())?,
            order_id: order_id.parse().map_err(|_| ())?,
        })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.xid, self.order_id)
    }
}

/// The feed, its orders joined to their customers, boxed: the caller selects.
pub type Feed = diesel::dsl::IntoBoxed<
    'static,
    diesel::dsl::InnerJoin<
        order_feed::table,
        diesel::dsl::InnerJoin<orders::table, customers::table>,
    >,
    diesel::pg::Pg,
>;

/// Up to `limit` rows of the feed after `after`, in feed order: of customers whose orders
/// integration is active, and only of transactions older than every one still running.
pub fn after(after: Cursor, limit: i64) -> Feed {
    let integrated = customer_services::table
        .filter(customer_services::customer_id.eq(customers::id))
        .filter(customer_services::service.eq(Service::Orders))
        .filter(customer_services::status.eq(ServiceStatus::Active));
    order_feed::table
        .inner_join(orders::table.inner_join(customers::table))
        .filter(
            sql::<Bool>("(order_feed.xid, order_feed.order_id) > (")
                .bind::<BigInt, _>(after.xid)
                .sql(", ")
                .bind::<BigInt, _>(after.order_id)
                .sql(")"),
        )
        .filter(order_feed::xid.lt(sql::<BigInt>(
            "pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
        )))
        .filter(exists(integrated))
        .order((order_feed::xid, order_feed::order_id))
        .limit(limit)
        .into_boxed()
}

/// Whether customer `customer_id` has integration `service` active (what lets the ERP
/// acknowledge, ship, invoice or price for it).
pub fn active(conn: &mut PgConnection, customer_id: i64, service: Service) -> QueryResult<bool> {
    diesel::select(exists(
        customer_services::table
            .filter(customer_services::customer_id.eq(customer_id))
            .filter(customer_services::service.eq(service))
            .filter(customer_services::status.eq(ServiceStatus::Active)),
    ))
    .get_result(conn)
}
