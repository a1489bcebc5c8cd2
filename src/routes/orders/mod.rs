//! Orders as staff see them: a customer's orders, newest first; one order with its lines, its
//! timeline and the desk's actions (`actions`); the dispatch queue (`queue`); and a new order on
//! a customer's behalf (`behalf`).

pub mod actions;
pub mod behalf;
pub mod form;
pub mod queue;

use crate::models::{
    access::staff::Role,
    orders::{
        desk::{self, Event, Refused},
        order::{Order, OrderLine, Placement},
    },
};
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

/// What the desk's forms send (each form sends its own fields).
#[derive(Deserialize, Default, Clone)]
pub struct ActionForm {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    over_limit: Option<String>,
    #[serde(default)]
    carrier: String,
    #[serde(default)]
    tracking_number: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    body: String,
}

/// One order: what was ordered, how it was placed, its timeline, and the actions its state
/// allows (those of administrators only to them).
#[derive(Template)]
#[template(path = "orders/show.html")]
pub struct OrderPage {
    layout: Layout,
    header: CustomerHeader,
    order: Order,
    placement: Placement,
    lines: Vec<OrderLine>,
    events: Vec<Event>,
    /// The fulfilling store's name.
    store: Option<String>,
    admin: bool,
    form: ActionForm,
    errors: FormErrors,
    refusal: Option<Msg>,
}

impl OrderPage {
    fn is(&self, status: &str) -> bool {
        self.order.status.as_str() == status
    }

    /// Neither dispatched nor cancelled: the desk still works on it.
    fn open(&self) -> bool {
        !(self.is("dispatched") || self.is("cancelled"))
    }

    /// On invoice, not yet invoiced, and ready: it may be invoiced before it is dispatched.
    fn invoiceable(&self) -> bool {
        let on_invoice = self.placement.payment.payment_method.as_deref() == Some("invoice");
        let ready = self.is("unallocated") || self.is("allocated");
        on_invoice && ready && self.order.invoice_number.is_none()
    }

    fn prepaid(&self) -> bool {
        self.placement.payment.payment_method.as_deref() == Some("prepay")
    }
}

async fn order_page(
    desk: &StaffDesk,
    id: i64,
    form: ActionForm,
    refused: Option<Refused>,
) -> AppResult<OrderPage> {
    let (order, placement, lines, events, store, header) = desk
        .run(move |conn| {
            let order = Order::find(conn, id)?;
            let placement = order.placement(conn)?;
            let store = Order::store_name(conn, placement.destination.fulfilling_store_id)?;
            let header = CustomerHeader::load(conn, order.customer_id, "orders")?;
            let (lines, events) = (order.lines(conn)?, desk::timeline(conn, id)?);
            Ok((order, placement, lines, events, store, header))
        })
        .await?;
    let title = Msg::new("customers-order-title").arg("number", &order.order_number);
    let (errors, refusal) = match refused {
        Some(Refused::Fields(errors)) => (errors, None),
        Some(Refused::State(why)) => (FormErrors::new(), Some(why)),
        None => (FormErrors::new(), None),
    };
    Ok(OrderPage {
        layout: desk.layout()?.titled(title).in_section("orders"),
        header,
        order,
        placement,
        lines,
        events,
        store,
        admin: desk.who.has_role(Role::Admin),
        form,
        errors,
        refusal,
    })
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let page = order_page(&desk, path.into_inner(), ActionForm::default(), None).await?;
    respond::page(StatusCode::OK, &page)
}
