//! Orders as staff see them: a customer's orders, newest first, and one order.

use crate::routes::layout::CustomerHeader;
use crate::{
    db::{self, DbPool},
    error::AppResult,
    models::orders::order::Order,
    routes::layout::Layout,
};
use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

pub const PAGE_SIZE: i64 = 50;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

#[derive(Template, WebTemplate)]
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
    layout: Layout,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
    pool: web::Data<DbPool>,
) -> AppResult<CustomerOrdersPage> {
    let id = path.into_inner();
    let page = query.page.unwrap_or(1).max(1);
    let (header, orders) = db::run(&pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "orders")?;
        Ok((
            header,
            Order::for_customer(conn, id, (page - 1) * PAGE_SIZE, PAGE_SIZE)?,
        ))
    })
    .await?;
    Ok(CustomerOrdersPage {
        layout: header.frame(layout, "Orders"),
        header,
        orders,
        page,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "orders/show.html")]
pub struct OrderPage {
    layout: Layout,
    header: CustomerHeader,
    order: Order,
}

pub async fn show(
    layout: Layout,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<OrderPage> {
    let id = path.into_inner();
    let (order, header) = db::run(&pool, move |conn| {
        let order = Order::find(conn, id)?;
        let header = CustomerHeader::load(conn, order.customer_id, "orders")?;
        Ok((order, header))
    })
    .await?;
    Ok(OrderPage {
        layout: layout
            .titled(format!("Order {}", order.order_number))
            .in_section("customers"),
        header,
        order,
    })
}
