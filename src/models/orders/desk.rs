//! The order desk: what happens to an order after it is placed. Each step is an [`Action`] on
//! one order, taken in one transaction that locks the order's customer and then the order (the
//! order in which placing locks, so the two never wait on each other), checks that the order's
//! state allows it, changes the order, writes the step into its timeline signed by whoever took
//! it, and queues the emails it announces (`announcements`).
//!
//! The rules: a prepaid order leaves "awaiting payment" only by its recorded payment (and the
//! database refuses a prepaid order past it without one); a credit hold is released only when
//! the customer's credit now covers the order, or over the limit on purpose (marked so); an
//! order is shipped from "ready" (unallocated or allocated) with a carrier and a tracking number;
//! a dispatched or cancelled order takes no more steps but notes.

use super::{
    announcements, invoicing,
    order::Order,
    placing::{self, Placer},
};
use crate::{
    domain::{OrderStatus, PaymentMethod, forms::FormErrors},
    i18n::Msg,
    models::customers::customer::Customer,
    schema::{order_events, orders},
};
use chrono::{DateTime, Utc};
use diesel::{pg::Pg, prelude::*, query_builder::QueryFragment};

/// One step an order can take at the desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The payment of a prepaid order is in: it becomes ready.
    Payment { reference: String },
    /// A credit hold is lifted: the order becomes ready. `over_limit`: even though the credit
    /// does not cover it (marked over the limit).
    Release { over_limit: bool },
    /// Stock is set aside for it (acknowledged), perhaps with the date it is expected to leave.
    Allocate { expected: Option<chrono::NaiveDate> },
    /// To the front of its tab (true) or back among the others (false).
    Priority(bool),
    /// It left with a carrier under a tracking number: dispatched.
    Shipment { carrier: String, tracking: String },
    /// An order on invoice is invoiced now rather than when it is dispatched.
    Invoice,
    /// It will not be fulfilled, for a reason the customer is told.
    Cancel { reason: String },
    /// A remark in the timeline.
    Note { body: String },
}

/// Why a step was not taken: the order's state or the customer's credit does not allow it (one
/// sentence, a 409), or a field is wrong (a message beside it, a 422).
#[derive(Clone, Debug)]
pub enum Refused {
    State(Msg),
    Fields(FormErrors),
}

/// Why a step was not taken, or the database failed.
pub type NotTaken = super::NotDone<Refused>;

fn state(id: &'static str) -> NotTaken {
    NotTaken::Refused(Refused::State(Msg::new(id)))
}

/// Takes `action` on order `order_id` as `placer` (a staff member at the desk, an API client);
/// `base_url` for the links in the emails it sends. A missing order is a NotFound.
pub fn act(
    conn: &mut PgConnection,
    order_id: i64,
    placer: &Placer,
    action: &Action,
    base_url: &str,
) -> Result<Order, NotTaken> {
    conn.transaction(|conn| {
        // The customer first, as placing locks it; should a merge move the order to another
        // customer meanwhile, that one is locked in turn.
        let order = loop {
            let customer_id: i64 = orders::table
                .find(order_id)
                .select(orders::customer_id)
                .first(conn)?;
            Customer::lock(conn, customer_id)?;
            let order: Order = orders::table
                .find(order_id)
                .for_update()
                .select(Order::as_select())
                .first(conn)?;
            if order.customer_id == customer_id {
                break order;
            }
        };
        let was_invoiced = order.invoice_number.is_some();
        let detail = take(conn, &order, action, placer)?;
        record(conn, order_id, placer, action.words().0, detail.as_deref())?;
        // Dispatched on invoice: invoiced, after the shipment in the timeline.
        if matches!(action, Action::Shipment { .. })
            && let Some(days) = on_invoice(conn, &order)?
            && let Some(invoice) = invoicing::invoice(conn, &order, days, placer)?
        {
            record(conn, order_id, placer, "invoiced", Some(&invoice.number))?;
        }
        let order = Order::find(conn, order_id)?;
        if !was_invoiced && order.invoice_number.is_some() {
            invoicing::announce(conn, &order, base_url)?;
        }
        match action {
            Action::Shipment { .. } => announcements::shipped(conn, &order, base_url)?,
            Action::Cancel { reason } => announcements::cancelled(conn, &order, reason, base_url)?,
            _ => 0,
        };
        Ok(order)
    })
}

impl Action {
    /// The timeline's word for the step, and the message id of what the desk is told once it
    /// is taken.
    pub fn words(&self) -> (&'static str, &'static str) {
        match self {
            Action::Payment { .. } => ("payment", "order-desk-done-payment"),
            Action::Release { .. } => ("released", "order-desk-done-released"),
            Action::Allocate { .. } => ("allocated", "order-desk-done-allocated"),
            Action::Priority(true) => ("prioritised", "order-desk-done-prioritised"),
            Action::Priority(false) => ("unprioritised", "order-desk-done-unprioritised"),
            Action::Shipment { .. } => ("shipped", "order-desk-done-shipped"),
            Action::Invoice => ("invoiced", "order-desk-done-invoiced"),
            Action::Cancel { .. } => ("cancelled", "order-desk-done-cancelled"),
            Action::Note { .. } => ("note", "order-desk-done-note"),
        }
    }
}

/// Changes `order` as `action` says, if its state allows; what the timeline records beside it.
fn take(
    conn: &mut PgConnection,
    order: &Order,
    action: &Action,
    placer: &Placer,
) -> Result<Option<String>, NotTaken> {
    let open = !matches!(
        order.status,
        OrderStatus::Dispatched | OrderStatus::Cancelled
    );
    match action {
        Action::Payment { reference } => pay(conn, order, reference, placer),
        Action::Release { over_limit } => release(conn, order, *over_limit),
        Action::Allocate { expected } => {
            if order.status != OrderStatus::Unallocated {
                return Err(state("order-desk-not-ready"));
            }
            let allocated = (
                orders::status.eq(OrderStatus::Allocated),
                orders::expected_on.eq(expected),
            );
            change(conn, order, allocated)?;
            Ok(expected.map(|d| d.to_string()))
        }
        Action::Priority(on) => {
            if !open {
                return Err(state("order-desk-closed"));
            }
            change(conn, order, orders::priority.eq(on))?;
            Ok(None)
        }
        Action::Shipment { carrier, tracking } => {
            ship(conn, order, (carrier, tracking))?;
            Ok(Some(format!("{carrier} · {tracking}")))
        }
        Action::Invoice => {
            let (Some(days), true) = (on_invoice(conn, order)?, open) else {
                return Err(state("order-desk-not-invoiceable"));
            };
            let held = matches!(order.status, OrderStatus::CreditHold);
            if held || order.invoice_number.is_some() {
                return Err(state("order-desk-not-invoiceable"));
            }
            let invoice = invoicing::invoice(conn, order, days, placer)?;
            Ok(invoice.map(|i| i.number))
        }
        Action::Cancel { reason } => {
            if !open {
                return Err(state("order-desk-closed"));
            }
            // A held order cancelled is no longer held: the timeline keeps that it was.
            let why = (
                orders::cancel_reason.eq(reason),
                orders::hold_reason.eq(None::<String>),
            );
            change(
                conn,
                order,
                (orders::status.eq(OrderStatus::Cancelled), why),
            )?;
            Ok(Some(reason.clone()))
        }
        Action::Note { body } => Ok(Some(body.clone())),
    }
}

/// Records a prepaid order's payment: it becomes ready.
/// The days an order on invoice was placed with (None inside where none were kept); None for an
/// order paid another way.
fn on_invoice(conn: &mut PgConnection, order: &Order) -> QueryResult<Option<Option<i32>>> {
    let payment = order.placement(conn)?.payment;
    let invoiced = payment.method() == Some(PaymentMethod::Invoice);
    Ok(invoiced.then_some(payment.payment_days))
}

/// Records a prepaid order's payment: it becomes ready, and is invoiced and paid in the ledger.
fn pay(
    conn: &mut PgConnection,
    order: &Order,
    reference: &str,
    placer: &Placer,
) -> Result<Option<String>, NotTaken> {
    let prepaid = order.placement(conn)?.payment.method() == Some(PaymentMethod::Prepay);
    if !prepaid || order.status != OrderStatus::AwaitingPayment {
        return Err(state("order-desk-payment-not-awaited"));
    }
    let reference = Some(reference.trim()).filter(|r| !r.is_empty());
    let paid = (
        orders::paid_at.eq(Utc::now()),
        orders::payment_reference.eq(reference),
    );
    change(
        conn,
        order,
        (orders::status.eq(OrderStatus::Unallocated), paid),
    )?;
    invoicing::prepaid(conn, order, reference, placer)?;
    Ok(reference.map(str::to_string))
}

/// Releases a credit hold once the customer's credit covers the order, as it stands now (or
/// over the limit on purpose, marked so): it becomes ready.
fn release(
    conn: &mut PgConnection,
    order: &Order,
    over_limit: bool,
) -> Result<Option<String>, NotTaken> {
    if order.status != OrderStatus::CreditHold {
        return Err(state("order-desk-not-held"));
    }
    let standing = placing::standing(conn, order.customer_id)?;
    let covered = standing.covers_held(order.total_cents);
    if let (Err(why), false) = (&covered, over_limit) {
        return Err(NotTaken::Refused(Refused::State(why.clone())));
    }
    let lifted = (
        orders::hold_reason.eq(None::<String>),
        orders::over_limit.eq(covered.is_err()),
    );
    change(
        conn,
        order,
        (orders::status.eq(OrderStatus::Unallocated), lifted),
    )?;
    Ok(covered.is_err().then(|| "over_limit".to_string()))
}

/// Ships a ready order: dispatched, with its carrier and tracking number (a tracking number
/// another order already has is refused beside the field).
fn ship(
    conn: &mut PgConnection,
    order: &Order,
    (carrier, tracking): (&str, &str),
) -> Result<(), NotTaken> {
    if !matches!(
        order.status,
        OrderStatus::Unallocated | OrderStatus::Allocated
    ) {
        return Err(state("order-desk-not-ready"));
    }
    let taken: Option<String> = orders::table
        .filter(orders::tracking_number.eq(tracking))
        .filter(orders::id.ne(order.id))
        .select(orders::order_number)
        .first(conn)
        .optional()?;
    if let Some(number) = taken {
        let why = Msg::new("order-desk-tracking-taken").arg("number", number);
        return Err(NotTaken::Refused(Refused::Fields(FormErrors::one(
            "tracking_number",
            why,
        ))));
    }
    let shipment = (
        orders::carrier.eq(carrier),
        orders::tracking_number.eq(tracking),
        orders::dispatched_at.eq(Utc::now()),
    );
    change(
        conn,
        order,
        (orders::status.eq(OrderStatus::Dispatched), shipment),
    )?;
    Ok(())
}

/// Changes `order` as a step says (`changes`), and marks it updated, in one statement.
fn change<C>(conn: &mut PgConnection, order: &Order, changes: C) -> QueryResult<usize>
where
    C: AsChangeset<Target = orders::table>,
    C::Changeset: QueryFragment<Pg>,
{
    diesel::update(orders::table.find(order.id))
        .set((changes, orders::updated_at.eq(Utc::now())))
        .execute(conn)
}

/// Writes one step into order `order_id`'s timeline, signed by `by`.
pub fn record(
    conn: &mut PgConnection,
    order_id: i64,
    by: &Placer,
    kind: &str,
    detail: Option<&str>,
) -> QueryResult<()> {
    use order_events as e;
    let (staff_id, user_id, name) = by.signature();
    let signed = (
        e::staff_id.eq(staff_id),
        e::user_id.eq(user_id),
        e::actor_name.eq(name),
    );
    let step = (
        e::order_id.eq(order_id),
        e::kind.eq(kind),
        e::detail.eq(detail),
    );
    diesel::insert_into(e::table)
        .values((step, signed))
        .execute(conn)?;
    Ok(())
}

/// One step of an order's timeline.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = order_events, check_for_backend(diesel::pg::Pg))]
pub struct Event {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub staff_id: Option<i64>,
    pub actor_name: String,
    pub detail: Option<String>,
}

impl Event {
    /// The step's message id.
    pub fn label_id(&self) -> &'static str {
        match self.kind.as_str() {
            "placed" => "order-event-placed",
            "held" => "order-event-held",
            "payment" => "order-event-payment",
            "released" => "order-event-released",
            "allocated" => "order-event-allocated",
            "prioritised" => "order-event-prioritised",
            "unprioritised" => "order-event-unprioritised",
            "shipped" => "order-event-shipped",
            "cancelled" => "order-event-cancelled",
            "invoiced" => "order-event-invoiced",
            _ => "order-event-note",
        }
    }

    /// The detail in the reader's words, where it is a code (a hold's reason, a release over the
    /// limit) rather than what someone wrote.
    pub fn detail_id(&self) -> Option<&'static str> {
        match (self.kind.as_str(), self.detail.as_deref()) {
            ("released", Some("over_limit")) => Some("order-event-released-over-limit"),
            ("held", Some("overdue")) => Some("order-event-held-overdue"),
            ("held", _) => Some("order-event-held-credit-limit"),
            _ => None,
        }
    }
}

/// Order `order_id`'s timeline, oldest first.
pub fn timeline(conn: &mut PgConnection, order_id: i64) -> QueryResult<Vec<Event>> {
    order_events::table
        .filter(order_events::order_id.eq(order_id))
        .order(order_events::id)
        .select(Event::as_select())
        .load(conn)
}
