//! Orders into the ledger. An order on invoice is invoiced when it is dispatched, or earlier by
//! the desk's "invoice" action; a prepaid order's recorded payment is invoiced and paid at once,
//! so the ledger holds both and the balance does not move. Each invoice carries the order's
//! total, falls due after the days the order was placed with, and its number is written on the
//! order.

use super::{
    desk::{NotTaken, Refused},
    order::Order,
    placing::Placer,
};
use crate::{
    models::{
        accounts::ledger::{
            Account, Allocation, Entry, InvoiceFor, NotPosted, PaidBy, PaymentIn, Poster,
        },
        orders::NotDone,
    },
    schema::orders,
};
use diesel::prelude::*;

/// Who posts for a step taken at the desk: its staff member.
fn poster(placer: &Placer) -> Poster {
    let (staff_id, _, name) = placer.signature();
    Poster { staff_id, name }
}

/// A posting refused is a step refused, for the same reason.
fn not_taken(e: NotPosted) -> NotTaken {
    match e {
        NotDone::Refused(why) => NotDone::Refused(Refused::State(why)),
        NotDone::Failed(e) => NotDone::Failed(e),
    }
}

/// Posts the invoice of `order` (its total, due after `days`, else the customer's terms) and
/// writes its number on the order (the caller writes the step into the timeline). An order of nothing owes nothing and
/// is not invoiced.
pub fn invoice(
    conn: &mut PgConnection,
    order: &Order,
    days: Option<i32>,
    placer: &Placer,
) -> Result<Option<Entry>, NotTaken> {
    if order.total_cents <= 0 || order.invoice_number.is_some() {
        return Ok(None);
    }
    let what = InvoiceFor {
        account: Account {
            customer_id: order.customer_id,
            currency: order.currency.clone(),
        },
        amount_cents: order.total_cents,
        order_id: Some(order.id),
        reason: None,
        due_days: days,
    };
    let entry = what.post(conn, &poster(placer)).map_err(not_taken)?;
    diesel::update(orders::table.find(order.id))
        .set(orders::invoice_number.eq(&entry.number))
        .execute(conn)?;
    Ok(Some(entry))
}

/// A prepaid order's payment, as the desk records it: the order invoiced (due at once) and the
/// payment (by bank transfer, dated the vendor's today, under its reference) allocated to that
/// invoice and nothing else, so an older open item of the customer stays open.
pub fn prepaid(
    conn: &mut PgConnection,
    order: &Order,
    reference: Option<&str>,
    placer: &Placer,
) -> Result<(), NotTaken> {
    let Some(invoice) = invoice(conn, order, Some(0), placer)? else {
        return Ok(());
    };
    let payment = PaymentIn {
        account: invoice.account(),
        amount_cents: invoice.amount_cents,
        method: PaidBy::BankTransfer,
        reference: reference.map(str::to_string),
        received_on: crate::models::accounts::ledger::today(conn)?,
        allocation: Allocation::Chosen(vec![(invoice.id, invoice.amount_cents)]),
    };
    payment.record(conn, &poster(placer)).map_err(not_taken)?;
    Ok(())
}

/// The invoice just posted for `order`, announced to whoever is subscribed (with its PDF).
pub fn announce(conn: &mut PgConnection, order: &Order, base_url: &str) -> Result<(), NotTaken> {
    use crate::schema::ledger_entries as e;
    let invoice: i64 = e::table
        .filter(e::order_id.eq(order.id).and(e::kind.eq("invoice")))
        .select(e::id)
        .first(conn)?;
    crate::models::accounts::announcements::invoice_posted(conn, invoice, base_url)?;
    Ok(())
}
