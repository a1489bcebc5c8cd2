//! The emails an order's life sends, each in its recipient's language, written to the outbox in
//! the transaction of the change they announce:
//! - placed: the user who ordered, the customer's contacts subscribed to order confirmations,
//!   and for a sell-to customer its bill-to customer's contacts subscribed to sell-to order
//!   confirmations;
//! - shipped: the contacts subscribed to shipment notifications, with the tracking number;
//! - cancelled: the user who ordered and the primary contact, with the reason.

use super::order::{Order, Placement};
use crate::{
    domain::{ContactEvent, OrderStatus},
    error::AppResult,
    i18n::Msg,
    mail::{
        self,
        messages::{self, AboutOrder, MailLine, Recipient},
    },
    models::{
        access::customer_user,
        customers::{contact, customer::Customer},
    },
    schema::{customer_contacts, stores},
};
use diesel::prelude::*;

/// The customer's contacts subscribed to `event` (with an email address), in the customer's
/// language.
pub(crate) fn subscribed(
    conn: &mut PgConnection,
    customer_id: i64,
    event: ContactEvent,
) -> QueryResult<Vec<Recipient>> {
    let contacts: Vec<(String, Option<String>)> = customer_contacts::table
        .filter(customer_contacts::customer_id.eq(customer_id))
        .filter(customer_contacts::subscriptions.contains(vec![Some(event.as_str())]))
        .order(customer_contacts::id)
        .select((customer_contacts::name, customer_contacts::email))
        .load(conn)?;
    if contacts.is_empty() {
        return Ok(Vec::new());
    }
    let l = customer_user::reader_for(conn, None, None, customer_id)?;
    Ok(contacts
        .into_iter()
        .filter_map(|(name, email)| {
            let address = email.filter(|e| !e.trim().is_empty())?;
            Some(Recipient {
                name: Some(name),
                address,
                l: l.clone(),
            })
        })
        .collect())
}

/// What every message about `order` names.
fn about(
    conn: &mut PgConnection,
    order: &Order,
    base_url: &str,
) -> QueryResult<(Customer, AboutOrder)> {
    let customer = Customer::find(conn, order.customer_id)?;
    let about = about_for(&customer, order, base_url);
    Ok((customer, about))
}

fn about_for(customer: &Customer, order: &Order, base_url: &str) -> AboutOrder {
    AboutOrder {
        customer_id: customer.id,
        customer: customer.display_name().to_string(),
        number: order.order_number.clone(),
        total: (order.total_cents, order.currency.clone()),
        link: format!("{base_url}/portal/orders/{}", order.order_number),
    }
}

/// An order just placed, with what its placing has in hand: the order and its placement as
/// written, the customer as locked for it, and its lines.
pub struct JustPlaced<'a> {
    pub order: &'a Order,
    pub placement: &'a Placement,
    pub customer: &'a Customer,
    pub lines: Vec<MailLine>,
}

/// A placed order's confirmation.
pub fn placed(conn: &mut PgConnection, placed: JustPlaced, base_url: &str) -> AppResult<usize> {
    let JustPlaced {
        order,
        placement,
        customer,
        lines,
    } = placed;
    let about = about_for(customer, order, base_url);
    let mut to: Vec<Recipient> = customer_user::placed_order(conn, order.id)?
        .into_iter()
        .collect();
    to.extend(subscribed(
        conn,
        customer.id,
        ContactEvent::OrderConfirmation,
    )?);
    if let Some(bill_to) = customer.bill_to_id {
        to.extend(subscribed(
            conn,
            bill_to,
            ContactEvent::SellToOrderConfirmation,
        )?);
    }
    let delivery = match (
        &placement.destination.ship_to,
        placement.destination.pickup_store_id,
    ) {
        (Some(address), _) => {
            Some(Msg::new("email-order-ship-to").arg("address", address.as_str()))
        }
        (None, Some(store)) => {
            let name: String = stores::table.find(store).select(stores::name).first(conn)?;
            Some(Msg::new("email-order-pickup").arg("store", name))
        }
        (None, None) => None,
    };
    let waiting = match order.status {
        OrderStatus::AwaitingPayment => Some("email-order-awaiting-payment"),
        OrderStatus::CreditHold => Some("email-order-credit-hold"),
        _ => None,
    };
    let emails = messages::order_placed(
        &to,
        messages::OrderPlaced {
            about,
            lines,
            reference: placement.customer_reference.clone(),
            delivery,
            waiting,
        },
    )?;
    Ok(mail::enqueue(conn, &emails)?)
}

/// A shipment's notification, with the tracking number.
pub fn shipped(conn: &mut PgConnection, order: &Order, base_url: &str) -> AppResult<usize> {
    let (customer, about) = about(conn, order, base_url)?;
    let to = subscribed(conn, customer.id, ContactEvent::ShipmentNotification)?;
    let progress = order.placement(conn)?.progress;
    let emails = messages::order_shipped(
        &to,
        messages::OrderShipped {
            about,
            carrier: progress.carrier.unwrap_or_default(),
            tracking: order.tracking_number.clone().unwrap_or_default(),
        },
    )?;
    Ok(mail::enqueue(conn, &emails)?)
}

/// A cancellation, with its reason.
pub fn cancelled(
    conn: &mut PgConnection,
    order: &Order,
    reason: &str,
    base_url: &str,
) -> AppResult<usize> {
    let (customer, about) = about(conn, order, base_url)?;
    let mut to: Vec<Recipient> = customer_user::placed_order(conn, order.id)?
        .into_iter()
        .collect();
    to.extend(contact::recipient_for(conn, &customer)?);
    let emails = messages::order_cancelled(
        &to,
        messages::OrderCancelled {
            about,
            reason: reason.to_string(),
        },
    )?;
    Ok(mail::enqueue(conn, &emails)?)
}
