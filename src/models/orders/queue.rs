//! The dispatch queue: the orders of one status (a tab), filtered by fulfilling store, channel
//! and customer. The work tabs (awaiting payment, credit hold, ready, allocated) read priority
//! orders first, then the oldest; the done tabs (dispatched, cancelled) the newest first. Each
//! row carries what the desk must see before it acts: the customer's watch-list warning and the
//! hold's reason.
//!
//! Counts are exact up to [`COUNT_CAP`] and read "more than" beyond, so a tab of a million
//! dispatched orders costs what a tab of a thousand does.

use super::order::RecentOrder;
use crate::{
    domain::{OrderChannel, OrderStatus},
    models::{access::staff_scope::StaffScope, cached_sql::Kept},
    schema::{customers, orders, stores, watch_notes},
};
use diesel::{
    prelude::*,
    sql_types::{BigInt, Text},
};

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;
/// Counts stop here.
pub const COUNT_CAP: i64 = 1_000;

/// The tabs, in the order the desk works through them.
pub const TABS: [OrderStatus; 6] = [
    OrderStatus::AwaitingPayment,
    OrderStatus::CreditHold,
    OrderStatus::Unallocated,
    OrderStatus::Allocated,
    OrderStatus::Dispatched,
    OrderStatus::Cancelled,
];

/// Which orders the queue shows: a tab, narrowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub status: OrderStatus,
    pub narrow: Narrow,
}

/// The filters beside the tabs: none narrows nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Narrow {
    pub store: Option<i64>,
    pub channel: Option<OrderChannel>,
    pub customer: Option<i64>,
}

impl Filter {
    /// One tab, unfiltered.
    pub fn all(status: OrderStatus) -> Filter {
        Filter {
            status,
            narrow: Narrow::default(),
        }
    }
}

/// A tab's work is done: its newest first.
fn done(status: OrderStatus) -> bool {
    matches!(status, OrderStatus::Dispatched | OrderStatus::Cancelled)
}

/// One row: the order and its customer (read through `Deref`), the watch-list warning, its
/// store, and its hold.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct Row {
    #[diesel(embed)]
    pub listed: RecentOrder,
    #[diesel(select_expression = watch_notes::body.nullable())]
    pub warning: Option<String>,
    #[diesel(select_expression = stores::name.nullable())]
    pub store: Option<String>,
    #[diesel(select_expression = orders::hold_reason)]
    pub hold_reason: Option<String>,
    /// "waiting": for the ERP, but its customer has no account number to send it under.
    #[diesel(select_expression = orders::erp)]
    pub erp: Option<String>,
}

impl std::ops::Deref for Row {
    type Target = RecentOrder;

    fn deref(&self) -> &RecentOrder {
        &self.listed
    }
}

/// The filter's orders of every status (the tabs count them; the list picks one).
fn filtered(filter: &Filter, scope: &StaffScope) -> orders::BoxedQuery<'static, diesel::pg::Pg> {
    let mut q = orders::table.into_boxed();
    if let Some(own) = scope.restriction("orders.customer_id") {
        q = q.filter(own);
    }
    if let Some(store) = filter.narrow.store {
        q = q.filter(orders::fulfilling_store_id.eq(store));
    }
    if let Some(channel) = filter.narrow.channel {
        q = q.filter(orders::channel.eq(channel));
    }
    if let Some(customer) = filter.narrow.customer {
        q = q.filter(orders::customer_id.eq(customer));
    }
    q
}

/// A page (from 1) of the filter's tab, of the orders of the customers `scope` sees.
pub fn page(
    conn: &mut PgConnection,
    filter: &Filter,
    scope: &StaffScope,
    page: i64,
) -> QueryResult<Vec<Row>> {
    let ids = filtered(filter, scope).filter(orders::status.eq(filter.status));
    let ids = if done(filter.status) {
        ids.order((orders::placed_at.desc(), orders::id.desc()))
    } else {
        ids.order((
            orders::priority.desc(),
            orders::placed_at.asc(),
            orders::id.asc(),
        ))
    };
    let ids: Vec<i64> = ids
        .offset((page.max(1) - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .select(orders::id)
        .load(conn)?;
    let mut rows: Vec<Row> = orders::table
        .inner_join(customers::table)
        .left_join(watch_notes::table.on(watch_notes::customer_id.eq(orders::customer_id)))
        .left_join(stores::table.on(stores::id.nullable().eq(orders::fulfilling_store_id)))
        .filter(orders::id.eq_any(&ids))
        .select(Row::as_select())
        .load(conn)?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.order.id));
    Ok(rows)
}

/// Each tab's count under the filter, of the orders of the customers `scope` sees, exact up to
/// [`COUNT_CAP`] (beyond, the cap plus one).
pub fn counts(
    conn: &mut PgConnection,
    filter: &Filter,
    scope: &StaffScope,
) -> QueryResult<Vec<(OrderStatus, i64)>> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    // Only the filters in use are written, so each shape of the query gets its own plan.
    let mut conditions = String::new();
    let mut next = 2;
    for (on, column) in [
        (filter.narrow.store.is_some(), "fulfilling_store_id"),
        (filter.narrow.channel.is_some(), "channel"),
        (filter.narrow.customer.is_some(), "customer_id"),
    ] {
        if on {
            conditions.push_str(&format!(" AND {column} = ${next}"));
            next += 1;
        }
    }
    // The one definition of a salesperson's customers (see `staff_scope`).
    let own = scope.salesperson();
    if own.is_some() {
        conditions.push_str(&format!(
            " AND customer_id IN (SELECT clientele_customers_of(${next}))"
        ));
    }
    let sql = format!(
        "SELECT count(*) AS n FROM (SELECT 1 FROM orders WHERE status = $1{conditions} \
         LIMIT {}) capped",
        COUNT_CAP + 1
    );
    TABS.iter()
        .map(|status| {
            let mut q = diesel::sql_query(&sql)
                .into_boxed()
                .bind::<Text, _>(status.as_str());
            if let Some(store) = filter.narrow.store {
                q = q.bind::<BigInt, _>(store);
            }
            if let Some(channel) = filter.narrow.channel {
                q = q.bind::<Text, _>(channel.as_str());
            }
            if let Some(customer) = filter.narrow.customer {
                q = q.bind::<BigInt, _>(customer);
            }
            if let Some(salesperson) = own {
                q = q.bind::<BigInt, _>(salesperson);
            }
            Ok((*status, Kept(q).get_result::<Count>(conn)?.n))
        })
        .collect()
}
