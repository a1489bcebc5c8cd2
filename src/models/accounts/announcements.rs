//! The emails a posting sends, in the transaction that posts it, each in its recipient's
//! language and carrying the invoice as PDF in that language: an invoice posted to the
//! customer's contacts subscribed to "invoice posted", and to its bill-to customer's contacts
//! subscribed to "sell-to invoice posted".

use super::documents::{self, InvoiceDocument};
use crate::{
    domain::ContactEvent,
    error::AppResult,
    i18n::L10n,
    mail::{
        self,
        messages::{self, AccountsNote, Recipient},
    },
    models::{customers::customer::Customer, orders::announcements::subscribed},
};
use diesel::prelude::*;

/// The invoice's PDF in each reader's language, made once per language.
pub(crate) fn pdf_per_language(doc: &InvoiceDocument) -> impl FnMut(&L10n) -> (String, Vec<u8>) {
    let mut made: Vec<(String, Vec<u8>)> = Vec::new();
    let name = format!("{}.pdf", doc.entry.posting.item.number);
    move |l: &L10n| {
        let code = l.lang.code().to_string();
        if let Some((_, bytes)) = made.iter().find(|(c, _)| *c == code) {
            return (name.clone(), bytes.clone());
        }
        let bytes = crate::pdf::invoice::render(doc, l);
        made.push((code, bytes.clone()));
        (name.clone(), bytes)
    }
}

/// What an email about invoice `doc` says.
pub(crate) fn note(doc: &InvoiceDocument, kind: &'static str, base_url: &str) -> AccountsNote {
    let item = &doc.entry.posting.item;
    // A new invoice says what it is for; a reminder, what is still open on it.
    let cents = match kind.ends_with("posted") {
        true => item.amount_cents,
        false => item.open_cents,
    };
    AccountsNote {
        kind,
        customer_id: doc.entry.posting.customer_id,
        customer: doc.parties.1.name.clone(),
        number: item.number.clone(),
        open: (cents, item.currency.clone()),
        due: item.due_on,
        link: format!("{base_url}/portal/invoices"),
    }
}

/// Invoice `entry_id` just posted: to the customer's contacts subscribed to "invoice posted",
/// and its bill-to customer's subscribed to "sell-to invoice posted". Test records send none.
pub fn invoice_posted(conn: &mut PgConnection, entry_id: i64, base_url: &str) -> AppResult<usize> {
    let doc = documents::invoice(conn, entry_id)?;
    let customer = Customer::find(conn, doc.entry.posting.customer_id)?;
    if customer.test_record {
        return Ok(0);
    }
    let own = subscribed(conn, customer.id, ContactEvent::InvoicePosted)?;
    let mut emails = send(&own, &note(&doc, "invoice-posted", base_url), &doc)?;
    if let Some(bill_to) = customer.bill_to_id {
        let payer = subscribed(conn, bill_to, ContactEvent::SellToInvoicePosted)?;
        emails.extend(send(
            &payer,
            &note(&doc, "sell-to-invoice-posted", base_url),
            &doc,
        )?);
    }
    Ok(mail::enqueue(conn, &emails)?)
}

fn send(
    to: &[Recipient],
    note: &AccountsNote,
    doc: &InvoiceDocument,
) -> AppResult<Vec<mail::Email>> {
    messages::accounts_note(to, note, pdf_per_language(doc))
}
