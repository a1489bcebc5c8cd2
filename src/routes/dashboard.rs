//! The dashboard: the first page after sign-in. Later work fills it with the approval queue,
//! the watch list and recent activity.

use crate::routes::prelude::*;
use crate::{
    domain::{OrderStatus, RelationshipStatus},
    models::{
        approvals::approval::Request,
        customers::customer::Customer,
        customers::note::WatchNote,
        orders::order::{Order, RecentOrder},
        orders::queue,
    },
};

#[derive(Template)]
#[template(path = "dashboard/show.html")]
pub struct DashboardPage {
    layout: Layout,
    first_name: String,
    customer_count: i64,
    newest: Vec<Customer>,
    watched: i64,
    /// Customers whose relationship is an open request.
    waiting: i64,
    /// Requests waiting for a digital administrator's decision.
    open_requests: i64,
    recent_orders: Vec<RecentOrder>,
    /// The dispatch queue's tabs and their counts.
    queue: Vec<(OrderStatus, i64)>,
}

impl DashboardPage {
    fn count_text(&self, count: &i64) -> String {
        crate::routes::orders::queue::count_text(&self.layout, *count)
    }
}

pub async fn show(desk: StaffDesk) -> Reply {
    let name = &desk.who.name;
    let first_name = name.split_whitespace().next().unwrap_or(name).to_string();
    let layout = desk
        .layout()?
        .titled(Msg::new("customers-dashboard-title"))
        .in_section("dashboard");
    let scope = desk.scope();
    let page = desk
        .run(move |conn| {
            let s = &scope;
            let unallocated = queue::Filter::all(OrderStatus::Unallocated);
            Ok(DashboardPage {
                layout,
                first_name,
                customer_count: Customer::count_in(conn, s)?,
                newest: Customer::newest(conn, s, 5)?,
                watched: WatchNote::count(conn, s)?,
                waiting: Customer::count_with_status(conn, s, RelationshipStatus::Pending)?,
                open_requests: Request::count_waiting(conn, s)?,
                recent_orders: Order::recent(conn, s, 8)?,
                queue: queue::counts(conn, &unallocated, s)?,
            })
        })
        .await?;
    respond::page(StatusCode::OK, &page)
}
