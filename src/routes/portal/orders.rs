//! The portal's orders: those of every customer the user may see, newest first, and one order
//! by its number. An order number outside the user's scope is a 404, exactly like one that does
//! not exist, so the page never tells whether it exists.

use crate::routes::prelude::*;
use crate::{
    domain::OrderStatus,
    models::{
        orders::order::{Order, OrderLine, Placement},
        portal,
    },
};

pub const PAGE_SIZE: i64 = 50;

#[derive(Deserialize)]
pub struct OrdersQuery {
    page: Option<i64>,
    status: Option<String>,
}

#[derive(Template)]
#[template(path = "portal/orders.html")]
pub struct OrdersPage {
    layout: PortalLayout,
    orders: Vec<Order>,
    status: Option<OrderStatus>,
    page: i64,
    has_next: bool,
}

impl OrdersPage {
    /// The list's address for another page, keeping the status filter.
    fn page_href(&self, page: i64) -> String {
        match self.status {
            Some(s) => format!("/portal/orders?status={}&page={page}", s.as_str()),
            None => format!("/portal/orders?page={page}"),
        }
    }

    fn statuses(&self) -> &'static [OrderStatus] {
        OrderStatus::ALL
    }

    fn is_status(&self, s: &OrderStatus) -> bool {
        self.status.as_ref() == Some(s)
    }
}

pub async fn index(desk: PortalDesk, query: web::Query<OrdersQuery>) -> Reply {
    let OrdersQuery { page, status } = query.into_inner();
    // An unknown status is no filter at all (the select offers only real ones).
    let status = status
        .as_deref()
        .filter(|s| !s.is_empty())
        .and_then(|s| s.parse::<OrderStatus>().ok());
    let page = page.unwrap_or(1).clamp(1, 1_000_000);
    let skip = (page - 1) * PAGE_SIZE;
    let mut orders = desk
        .in_scope(move |conn, scope| Ok(portal::orders(conn, scope, status, skip, PAGE_SIZE + 1)?))
        .await?;
    let has_next = orders.len() as i64 > PAGE_SIZE;
    orders.truncate(PAGE_SIZE as usize);
    desk.show(Msg::new("portal-orders-title"), "orders", |layout| {
        OrdersPage {
            layout,
            orders,
            status,
            page,
            has_next,
        }
    })
}

#[derive(Template)]
#[template(path = "portal/order.html")]
pub struct OrderPage {
    layout: PortalLayout,
    order: Order,
    lines: Vec<OrderLine>,
    placement: Placement,
}

impl OrderPage {
    /// Where "order again" posts.
    fn again_path(&self) -> String {
        format!("/portal/orders/{}/again", self.order.order_number)
    }
}

pub async fn show(desk: PortalDesk, path: web::Path<String>) -> Reply {
    let number = path.into_inner();
    let (order, lines, placement) = desk
        .one_in_scope(move |conn, scope| {
            let Some(order) = portal::order_by_number(conn, scope, &number)? else {
                return Ok(None);
            };
            let (lines, placement) = (order.lines(conn)?, order.placement(conn)?);
            Ok(Some((order, lines, placement)))
        })
        .await?;
    let title = Msg::new("portal-order-title").arg("number", order.order_number.clone());
    desk.show(title, "orders", |layout| OrderPage {
        layout,
        order,
        lines,
        placement,
    })
}
