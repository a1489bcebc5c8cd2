//! `/orders`, the dispatch queue: a tab per status with its count, filtered by fulfilling store,
//! channel and customer (its account number); priority orders first, then the oldest (the done
//! tabs newest first). A watch-listed customer's orders carry the warning on their row, a held
//! order its reason.

use crate::domain::{OrderChannel, OrderStatus};
use crate::models::{
    customers::customer::Customer,
    orders::queue::{self, Filter, Narrow, Row},
    reference::Store,
};
use crate::routes::prelude::*;

#[derive(Deserialize, Default, Clone)]
pub struct QueueQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    store: String,
    #[serde(default)]
    channel: String,
    /// The customer's account number.
    #[serde(default)]
    customer: String,
    page: Option<i64>,
}

impl QueueQuery {
    /// The filter it asks for; the customer's account number is looked up by the caller.
    fn filter(&self, customer: Option<i64>) -> Filter {
        Filter {
            status: self.status.parse().unwrap_or(OrderStatus::Unallocated),
            narrow: Narrow {
                store: self.store.parse().ok(),
                channel: self.channel.parse().ok(),
                customer,
            },
        }
    }
}

#[derive(Template)]
#[template(path = "orders/queue.html")]
pub struct QueuePage {
    layout: Layout,
    query: QueueQuery,
    filter: Filter,
    counts: Vec<(OrderStatus, i64)>,
    rows: Vec<Row>,
    stores: Vec<Store>,
    /// An account number that matches no customer.
    unknown_customer: bool,
    page: i64,
}

impl QueuePage {
    /// The link to `status`'s tab (or another page of this one) under the same filters.
    fn link(&self, status: &OrderStatus, page: i64) -> String {
        let q = &self.query;
        let pairs = [
            ("status", status.as_str().to_string()),
            ("store", q.store.clone()),
            ("channel", q.channel.clone()),
            ("customer", q.customer.clone()),
            (
                "page",
                if page > 1 {
                    page.to_string()
                } else {
                    String::new()
                },
            ),
        ];
        let kept: Vec<(&str, String)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        format!(
            "/orders?{}",
            serde_urlencoded::to_string(kept).unwrap_or_default()
        )
    }

    fn count_text(&self, count: &i64) -> String {
        count_text(&self.layout, *count)
    }

    fn has_next(&self) -> bool {
        self.rows.len() as i64 == queue::PAGE_SIZE
    }

    fn channels(&self) -> &'static [OrderChannel] {
        OrderChannel::ALL
    }
}

/// A tab's count as the reader writes numbers: "more than 1,000" past the cap.
pub fn count_text(layout: &Layout, count: i64) -> String {
    if count > queue::COUNT_CAP {
        let cap = layout.l.number(queue::COUNT_CAP);
        layout.t1("orders-queue-count-more", "count", cap)
    } else {
        layout.l.number(count)
    }
}

pub async fn index(desk: StaffDesk, query: web::Query<QueueQuery>) -> Reply {
    let query = query.into_inner();
    let page = query.page.unwrap_or(1).clamp(1, 1000);
    let account = query.customer.trim().to_string();
    let (q, scope) = (query.clone(), desk.scope());
    let (filter, counts, rows, stores, unknown_customer) = desk
        .run(move |conn| {
            // A customer outside the scope is one that does not exist.
            let customer = match account.is_empty() {
                true => None,
                false => Customer::find_by_account_number(conn, &account)?.map(|c| c.id),
            };
            let customer = scope.keep(conn, customer.into_iter().collect())?.pop();
            let unknown = !account.is_empty() && customer.is_none();
            // An unknown account number shows nothing rather than everything.
            let filter = q.filter(customer.or(unknown.then_some(0)));
            let counts = queue::counts(conn, &filter, &scope)?;
            let rows = queue::page(conn, &filter, &scope, page)?;
            Ok((filter, counts, rows, Store::all(conn)?, unknown))
        })
        .await?;
    let layout = desk
        .layout()?
        .titled(Msg::new("orders-queue-title"))
        .in_section("orders");
    let page = QueuePage {
        layout,
        query,
        filter,
        counts,
        rows,
        stores,
        unknown_customer,
        page,
    };
    respond::page(StatusCode::OK, &page)
}
