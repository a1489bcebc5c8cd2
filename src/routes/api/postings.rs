//! The ERP's postings (`invoices:write`, with the customer's invoices integration active, a 409
//! otherwise): `POST /api/v1/invoices` posts an invoice to the ledger, of an order (its total,
//! written on the order) or of an amount and its text, with the same email as an invoice staff
//! post; `POST /api/v1/payments` records a payment, allocated to the oldest open items or left
//! on account (as staff record one, which sends no email). Both through the ledger's own rules,
//! in the customer's history signed "API: <client>".

use super::{
    Answer, Caller, Problem,
    doc::{Conflict, Idempotent},
    idempotency::Reply,
};
use crate::{
    domain::{Note, Service, Text},
    models::{
        accounts::{
            announcements,
            ledger::{
                self, Account, Allocation, Entry, InvoiceFor, NotPosted, PaidBy, PaymentIn, Poster,
            },
        },
        orders::{NotDone, erp, invoicing, order::Order, placing::Placer},
    },
    schema::{customers, orders},
};
use actix_web::{HttpRequest, http::StatusCode, web};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An invoice: of an order (`order_number`: its total), or of an amount and what it is for.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "account_number": "C-10001", "amount_cents": 12500, "currency": "EUR",
    "text": "Installation, 3 hours", "due_days": 30
}))]
pub struct NewInvoice {
    #[schema(example = "C-10001")]
    pub account_number: String,
    /// Without an order: the amount in cents, its currency and what it is for.
    #[schema(example = 12500, minimum = 1, maximum = 99_999_999_999_i64)]
    pub amount_cents: Option<i64>,
    #[schema(example = "EUR", pattern = "^[A-Z]{3}$")]
    pub currency: Option<String>,
    /// At most 500 characters.
    #[schema(example = "Installation, 3 hours", max_length = 500)]
    pub text: Option<String>,
    /// The order it invoices, at its total (each order is invoiced once).
    #[schema(example = "SO-0000003")]
    pub order_number: Option<String>,
    /// Days until it falls due, 0-365; the customer's payment terms when not given.
    #[schema(example = 30, minimum = 0, maximum = 365)]
    pub due_days: Option<i32>,
}

/// A payment received.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPayment {
    #[schema(example = "C-10001")]
    pub account_number: String,
    #[schema(example = "EUR", pattern = "^[A-Z]{3}$")]
    pub currency: String,
    #[schema(example = 12500, minimum = 1, maximum = 99_999_999_999_i64)]
    pub amount_cents: i64,
    #[schema(schema_with = methods, example = "bank_transfer")]
    pub method: String,
    /// At most 60 characters on one line.
    #[schema(example = "BT-2026-11-30-17", max_length = 60)]
    pub reference: Option<String>,
    /// The day it was received: not after today.
    #[serde(deserialize_with = "super::day::exact")]
    pub received_on: NaiveDate,
    /// Allocated to the oldest open items (true, when not given) or left on account.
    pub allocate: Option<bool>,
}

fn methods() -> utoipa::openapi::Object {
    let words = [
        "bank_transfer",
        "card",
        "cash",
        "cheque",
        "direct_debit",
        "other",
    ];
    super::doc::words(&words, false, "How it was paid.")
}

/// What was posted: its number, whose, and its signed amount (owed more is positive).
#[derive(Debug, Serialize, ToSchema)]
pub struct Posted {
    #[schema(example = "INV-000042")]
    pub number: String,
    pub customer_id: i64,
    pub currency: String,
    pub amount_cents: i64,
}

/// The customer with `account_number`, if its invoices integration is active.
fn invoiced_customer(conn: &mut PgConnection, account_number: &str) -> Result<i64, Problem> {
    let id: i64 = customers::table
        .filter(customers::account_number.eq(account_number.trim()))
        .select(customers::id)
        .first(conn)
        .optional()?
        .ok_or_else(|| Problem::field("account_number", "no customer has this account number"))?;
    if !erp::active(conn, id, Service::Invoices)? {
        let why = crate::i18n::Msg::new("api-integration-not-active")
            .label("integration", Service::Invoices.label_id());
        return Err(Problem::conflict(&why));
    }
    Ok(id)
}

/// A posting the ledger refused: a 409 saying why.
fn refused(e: NotPosted) -> Problem {
    match e {
        NotDone::Refused(why) => Problem::conflict(&why),
        NotDone::Failed(e) => e.into(),
    }
}

/// An order's step refused (the order's state), or the database failed.
fn not_taken(e: crate::models::orders::desk::NotTaken) -> Problem {
    use crate::models::orders::desk::Refused;
    match e {
        NotDone::Refused(Refused::State(why)) => Problem::conflict(&why),
        NotDone::Refused(Refused::Fields(errors)) => Problem::of_form(&errors, &[]),
        NotDone::Failed(e) => e.into(),
    }
}

/// A currency code and an amount the ledger takes, or the messages beside them.
fn money(currency: Option<&str>, cents: Option<i64>) -> Result<(String, i64), Problem> {
    let mut errors = Vec::new();
    let code = currency.map(str::trim).unwrap_or_default();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        errors.push(("currency", "must be a currency code, such as EUR"));
    }
    let cents = cents.unwrap_or_default();
    if !(1..=99_999_999_999).contains(&cents) {
        errors.push(("amount_cents", "must be from 1 to 99999999999"));
    }
    match errors.is_empty() {
        true => Ok((code.to_string(), cents)),
        false => Err(Problem::fields(
            errors.into_iter().map(|(f, d)| (f, d.to_string())),
        )),
    }
}

fn posted(entry: &Entry) -> Reply {
    let body = Posted {
        number: entry.number.clone(),
        customer_id: entry.customer_id,
        currency: entry.currency.clone(),
        amount_cents: entry.amount_cents,
    };
    Reply::new(StatusCode::CREATED, &body, None)
}

/// Invoices order `number` of customer `customer_id` (its total), and announces it.
fn order_invoice(
    conn: &mut PgConnection,
    (customer_id, number): (i64, &str),
    days: Option<i32>,
    (placer, base_url): (&Placer, &str),
) -> Result<Entry, Problem> {
    let order: Order = orders::table
        .filter(orders::order_number.eq(number))
        .filter(orders::customer_id.eq(customer_id))
        .select(Order::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            Problem::field("order_number", "this customer has no order of this number")
        })?;
    let entry = match invoicing::invoice(conn, &order, days, placer) {
        Ok(Some(entry)) => entry,
        Ok(None) => {
            let detail = format!(
                "Order {number} is invoiced already ({}), or owes nothing.",
                order.invoice_number.as_deref().unwrap_or("no invoice")
            );
            return Err(Problem::new(StatusCode::CONFLICT, detail));
        }
        Err(e) => return Err(not_taken(e)),
    };
    let invoiced = Order::find(conn, order.id)?;
    invoicing::announce(conn, &invoiced, base_url)
        .map_err(|_| Problem::of_status(StatusCode::CONFLICT))?;
    Ok(entry)
}

/// The most days an invoice may give until it falls due (as an order's payment terms).
const DUE_DAYS_MAX: i32 = 365;

/// Posts `invoice` as client `name`.
fn invoice_posted(
    conn: &mut PgConnection,
    invoice: &NewInvoice,
    (name, base_url): (&str, &str),
) -> Result<Reply, Problem> {
    if invoice
        .due_days
        .is_some_and(|days| !(0..=DUE_DAYS_MAX).contains(&days))
    {
        let detail = format!("must be from 0 to {DUE_DAYS_MAX}");
        return Err(Problem::field("due_days", detail));
    }
    let customer_id = invoiced_customer(conn, &invoice.account_number)?;
    let placer = Placer::Client {
        name: name.to_string(),
    };
    if let Some(number) = &invoice.order_number {
        let entry = order_invoice(
            conn,
            (customer_id, number),
            invoice.due_days,
            (&placer, base_url),
        )?;
        return Ok(posted(&entry));
    }
    let (currency, cents) = money(invoice.currency.as_deref(), invoice.amount_cents)?;
    // As the staff's form reads it: at most 500 characters, no control characters but breaks.
    let text = invoice.text.as_deref().unwrap_or_default();
    let text = Note::<500>::parse(text)
        .ok()
        .map(Note::into_string)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            let detail = "say what the invoice is for, in at most 500 characters";
            Problem::field("text", detail)
        })?;
    let what = InvoiceFor {
        account: Account {
            customer_id,
            currency,
        },
        amount_cents: cents,
        order_id: None,
        reason: Some(text),
        due_days: invoice.due_days,
    };
    let (staff_id, _, name) = placer.signature();
    let entry = what
        .post(conn, &Poster { staff_id, name })
        .map_err(refused)?;
    announcements::invoice_posted(conn, entry.id, base_url)?;
    Ok(posted(&entry))
}

/// Records `payment` as client `name`.
fn payment_recorded(
    conn: &mut PgConnection,
    payment: &NewPayment,
    name: &str,
) -> Result<Reply, Problem> {
    let customer_id = invoiced_customer(conn, &payment.account_number)?;
    let (currency, cents) = money(Some(&payment.currency), Some(payment.amount_cents))?;
    let method = PaidBy::parse(payment.method.trim()).ok_or_else(|| {
        Problem::field(
            "method",
            "must be bank_transfer, card, cash, cheque, direct_debit or other",
        )
    })?;
    // As the staff's form reads them: a reference of at most 60 characters on one line, and a
    // day not after today (with a day's leeway for the vendor's zone): a mistyped year.
    let reference = Text::<60>::parse(payment.reference.as_deref().unwrap_or_default())
        .map_err(|_| Problem::field("reference", "at most 60 characters, on one line"))?
        .into_string();
    let reference = Some(reference).filter(|r| !r.is_empty());
    let latest = ledger::today(conn)? + chrono::Days::new(1);
    if payment.received_on > latest {
        return Err(Problem::field("received_on", "must not be after today"));
    }
    let allocation = match payment.allocate {
        Some(false) => Allocation::Chosen(Vec::new()),
        _ => Allocation::OldestFirst,
    };
    let what = PaymentIn {
        account: Account {
            customer_id,
            currency,
        },
        amount_cents: cents,
        method,
        reference,
        received_on: payment.received_on,
        allocation,
    };
    let by = Poster {
        staff_id: None,
        name: format!("API: {name}"),
    };
    let entry = what.record(conn, &by).map_err(refused)?;
    Ok(posted(&entry))
}

/// Does `work` with the body sent, once per `Idempotency-Key`, as the client, with the portal's
/// address for the emails (`invoices:write`).
async fn posting<B, F>(caller: Caller, req: HttpRequest, body: web::Json<B>, work: F) -> Answer
where
    B: Serialize + Clone + Send + 'static,
    F: FnOnce(&mut PgConnection, &B, (&str, &str)) -> Result<Reply, Problem> + Send + 'static,
{
    caller.require("invoices:write")?;
    let (sent, body) = (body.clone(), body.into_inner());
    let by = (caller.client.name.clone(), caller.base_url());
    caller
        .once(&req, &sent, move |conn| work(conn, &body, (&by.0, &by.1)))
        .await
}

/// `POST /api/v1/invoices`.
/// Posts an invoice of an order or of an amount, with the email staff postings send; needs the
/// customer's invoices integration active (`invoices:write`).
#[utoipa::path(post, path = "/api/v1/invoices", operation_id = "invoices_create", tag = "ledger",
    params(Idempotent), request_body = NewInvoice,
    responses((status = 201, description = "The invoice posted", body = Posted), (status = 409, response = Conflict)))]
pub async fn invoice(caller: Caller, req: HttpRequest, body: web::Json<NewInvoice>) -> Answer {
    posting(caller, req, body, invoice_posted).await
}

/// `POST /api/v1/payments`.
/// Records a payment, allocated to the oldest open items or left on account; needs the
/// customer's invoices integration active (`invoices:write`).
#[utoipa::path(post, path = "/api/v1/payments", operation_id = "payments_create", tag = "ledger",
    params(Idempotent), request_body = NewPayment,
    responses((status = 201, description = "The payment recorded", body = Posted), (status = 409, response = Conflict)))]
pub async fn payment(caller: Caller, req: HttpRequest, body: web::Json<NewPayment>) -> Answer {
    posting(caller, req, body, |conn, payment, (name, _)| {
        payment_recorded(conn, payment, name)
    })
    .await
}
