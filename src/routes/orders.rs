//! Orders as staff see them: a customer's orders, newest first, and one order.

use crate::models::orders::order::Order;
use crate::routes::layout::CustomerHeader;
use crate::routes::prelude::*;

pub const PAGE_SIZE: i64 = 50;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "orders/index.html")]
pub struct CustomerOrdersPage {
    layout: Layout,
    header: CustomerHeader,
    orders: Vec<Order>,
    page: i64,
}

impl CustomerOrdersPage {
    fn has_next(&self) -> bool {
        self.page * PAGE_SIZE < self.header.customer.order_count as i64
    }
}

pub async fn for_customer(
    desk: StaffDesk,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Reply {
    let (id, page) = (path.into_inner(), query.page.unwrap_or(1).max(1));
    let (header, orders) = desk
        .run(move |conn| {
            let header = CustomerHeader::load(conn, id, "orders")?;
            let offset = (page - 1) * PAGE_SIZE;
            Ok((header, Order::for_customer(conn, id, offset, PAGE_SIZE)?))
        })
        .await?;
    let page = CustomerOrdersPage {
        layout: header.frame(desk.layout()?, "customers-orders-title"),
        header,
        orders,
        page,
    };
    respond::page(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "orders/show.html")]
pub struct OrderPage {
    layout: Layout,
    header: CustomerHeader,
    order: Order,
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let (order, header) = desk
        .run(move |conn| {
            let order = Order::find(conn, id)?;
            let header = CustomerHeader::load(conn, order.customer_id, "orders")?;
            Ok((order, header))
        })
        .await?;
    let title = Msg::new("customers-order-title").arg("number", &order.order_number);
    let page = OrderPage {
        layout: desk.layout()?.titled(title).in_section("customers"),
        header,
        order,
    };
    respond::page(StatusCode::OK, &page)
}
