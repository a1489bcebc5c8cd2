//! Orders: what customers bought, where from, and where each order stands. Each customer's
//! number and value of orders are kept by the database (statement-level triggers on `orders`),
//! so they are right whatever writes orders and cost nothing to read.

use crate::{
    domain::{Cents, OrderChannel, OrderStatus},
    models::{access::staff_scope::StaffScope, customers::customer::Customer},
    schema::{customer_order_totals, customers, order_lines, orders},
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// A saved order: what it was placed with (`fields`, read through `Deref` as
/// `order.order_number`) and what the application keeps beside them.
#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct Order {
    pub id: i64,
    #[diesel(embed)]
    pub fields: OrderFields,
    pub priority: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl std::ops::Deref for Order {
    type Target = OrderFields;

    fn deref(&self) -> &OrderFields {
        &self.fields
    }
}

impl Order {
    pub fn total(&self) -> Cents {
        Cents(self.total_cents)
    }

    pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<Order> {
        orders::table
            .find(id)
            .select(Order::as_select())
            .first(conn)
    }

    /// A customer's orders, newest first, a page at a time (the total is the customer's
    /// maintained order count, so no count query is needed).
    pub fn for_customer(
        conn: &mut PgConnection,
        customer_id: i64,
        offset: i64,
        limit: i64,
    ) -> QueryResult<Vec<Order>> {
        orders::table
            .filter(orders::customer_id.eq(customer_id))
            .order((orders::placed_at.desc(), orders::id.desc()))
            .offset(offset)
            .limit(limit)
            .select(Order::as_select())
            .load(conn)
    }

    /// The value of a customer's orders by currency, the largest first: none with no orders,
    /// one with a single currency, else each on its own (which needs one small query).
    pub fn value_by_currency(
        conn: &mut PgConnection,
        customer: &Customer,
    ) -> QueryResult<Vec<(String, i64)>> {
        if customer.order_count == 0 {
            return Ok(Vec::new());
        }
        if let Some(currency) = &customer.order_currency {
            return Ok(vec![(currency.clone(), customer.order_value_cents)]);
        }
        customer_order_totals::table
            .filter(customer_order_totals::customer_id.eq(customer.id))
            .order(customer_order_totals::value_cents.desc())
            .select((
                customer_order_totals::currency,
                customer_order_totals::value_cents,
            ))
            .load(conn)
    }

    /// The newest orders of the customers a staff member's scope sees, with who placed them.
    pub fn recent(
        conn: &mut PgConnection,
        scope: &StaffScope,
        limit: i64,
    ) -> QueryResult<Vec<RecentOrder>> {
        orders::table
            .inner_join(customers::table)
            .filter(scope.admits("orders.customer_id"))
            .order((orders::placed_at.desc(), orders::id.desc()))
            .limit(limit)
            .select(RecentOrder::as_select())
            .load(conn)
    }
}

/// An order with its customer's name and account number (the dashboard, the dispatch queue).
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct RecentOrder {
    #[diesel(embed)]
    pub order: Order,
    #[diesel(select_expression = customers::legal_name)]
    pub customer_name: String,
    #[diesel(select_expression = customers::account_number)]
    pub account_number: Option<String>,
}

/// The columns an order is placed with: what a new order is inserted with, and read back as part
/// of `Order`.
#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct OrderFields {
    pub order_number: String,
    pub customer_id: i64,
    pub placed_at: DateTime<Utc>,
    pub status: OrderStatus,
    pub total_cents: i64,
    pub currency: String,
    pub invoice_number: Option<String>,
    pub tracking_number: Option<String>,
    pub channel: OrderChannel,
    pub channel_order_id: Option<String>,
    pub channel_user_id: Option<String>,
}

impl OrderFields {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Order> {
        diesel::insert_into(orders::table)
            .values(self)
            .returning(Order::as_returning())
            .get_result(conn)
    }
}

/// One line of an order, as it was priced when the order was placed (as the API shows it, too).
#[derive(Clone, Debug, Queryable, Selectable, serde::Serialize, utoipa::ToSchema)]
#[diesel(table_name = order_lines, check_for_backend(diesel::pg::Pg))]
pub struct OrderLine {
    pub line_no: i32,
    pub product_id: Option<i64>,
    pub sku: String,
    pub name: String,
    pub quantity: i32,
    pub unit_cents: i64,
    pub line_cents: i64,
}

/// How an order placed in the portal or on a customer's behalf was placed (imported orders have
/// none of these): the reference, who placed it, the delivery, the payment, a hold, and what
/// the desk has done with it since.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct Placement {
    pub customer_reference: Option<String>,
    pub placed_by_name: Option<String>,
    pub requested_delivery: Option<chrono::NaiveDate>,
    pub note: Option<String>,
    #[diesel(embed)]
    pub destination: Destination,
    #[diesel(embed)]
    pub payment: Payment,
    #[diesel(embed)]
    pub progress: Progress,
}

/// Where the order goes: a shipping address (as text, as it read when ordered) or a pickup
/// store, and the store that fulfils it.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct Destination {
    pub ship_to: Option<String>,
    pub pickup_store_id: Option<i64>,
    pub fulfilling_store_id: Option<i64>,
}

/// How the order is paid, and what its credit did: held (the reason), or placed over the limit.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct Payment {
    pub payment_method: Option<String>,
    pub payment_days: Option<i32>,
    pub hold_reason: Option<String>,
    pub over_limit: bool,
}

/// What the order desk has recorded on an order: its payment, the date it is expected to leave
/// (acknowledged), its shipment, its cancellation; and where it stands with the ERP ("waiting"
/// for the customer's account number, "released" into the orders feed; None: not for the ERP).
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct Progress {
    pub paid_at: Option<DateTime<Utc>>,
    pub payment_reference: Option<String>,
    pub expected_on: Option<chrono::NaiveDate>,
    pub carrier: Option<String>,
    pub dispatched_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub erp: Option<String>,
}

impl Order {
    /// The order's lines, in order.
    pub fn lines(&self, conn: &mut PgConnection) -> QueryResult<Vec<OrderLine>> {
        order_lines::table
            .filter(order_lines::order_id.eq(self.id))
            .order(order_lines::line_no)
            .select(OrderLine::as_select())
            .load(conn)
    }

    /// How many of a customer's orders are on credit hold.
    pub fn held_count(conn: &mut PgConnection, customer_id: i64) -> QueryResult<i64> {
        orders::table
            .filter(orders::status.eq(OrderStatus::CreditHold))
            .filter(orders::customer_id.eq(customer_id))
            .count()
            .get_result(conn)
    }

    /// A store's name (the fulfilling store's, on the order's page).
    pub fn store_name(conn: &mut PgConnection, store: Option<i64>) -> QueryResult<Option<String>> {
        let Some(store) = store else {
            return Ok(None);
        };
        crate::schema::stores::table
            .find(store)
            .select(crate::schema::stores::name)
            .first(conn)
            .optional()
    }

    /// How it was placed.
    pub fn placement(&self, conn: &mut PgConnection) -> QueryResult<Placement> {
        orders::table
            .find(self.id)
            .select(Placement::as_select())
            .first(conn)
    }
}

impl Payment {
    /// The payment method.
    pub fn method(&self) -> Option<crate::domain::PaymentMethod> {
        self.payment_method.as_deref()?.parse().ok()
    }

    /// The payment method's message id, for the reader's words.
    pub fn label(&self) -> Option<&'static str> {
        Some(self.method()?.label_id())
    }
}

/// Moves every order of one customer to another (merging customers); the triggers move the
/// counts and values with them.
pub fn move_to(
    conn: &mut PgConnection,
    from_customer: i64,
    to_customer: i64,
) -> QueryResult<usize> {
    diesel::update(orders::table.filter(orders::customer_id.eq(from_customer)))
        .set(orders::customer_id.eq(to_customer))
        .execute(conn)
}
