//! Messages that chase what is owed. A background job on every instance (and the maintenance
//! page's "send now") runs them; each batch claims its rows with SKIP LOCKED and a primary key
//! records each message once, so two senders never send one twice.
//!
//! - Reminders: an invoice or opening balance still open so many days past due (the settings'
//!   three levels: a friendly reminder, a second, a final notice) is reminded once per level
//!   to the customer's contacts subscribed to "invoice due", with the invoice as PDF. Where
//!   the job first sees an invoice already past a later level, that level goes (the earlier
//!   ones would only arrive together). Judged on the vendor's date; test records get none.
//! - Statements: in a month, each customer with postings in the month before, or a balance at
//!   its end, gets that month's statement of each currency once, as PDF, to its contacts
//!   subscribed to "statements".
//!
//! Each message sent is in the customer's history, even when no contact was subscribed.

use super::{announcements, documents};
use crate::{
    domain::ContactEvent,
    error::AppResult,
    mail::{self, messages},
    models::{
        customers::{
            customer::Customer,
            history::{self, Entity, FieldChange},
        },
        orders::announcements::subscribed,
    },
};
use chrono::{Datelike, Months, NaiveDate};
use diesel::{
    prelude::*,
    sql_types::{BigInt, Date, SmallInt, Text},
};

/// The open debits due a reminder now, and the level each is due; `{lock}` is where a batch
/// claims them.
const DUE: &str = "
    SELECT e.id AS entry_id, lvl.level
      FROM ledger_entries e
      JOIN customers c ON c.id = e.customer_id AND NOT c.test_record
     CROSS JOIN LATERAL (SELECT coalesce((SELECT reminder_days FROM vendor_settings), '{7,21,35}')
                                AS days) s
     CROSS JOIN LATERAL (SELECT CASE WHEN vendor_today() - e.due_on >= s.days[3] THEN 3
                                     WHEN vendor_today() - e.due_on >= s.days[2] THEN 2
                                     ELSE 1 END::smallint AS level) lvl
     WHERE e.amount_cents > 0 AND e.kind IN ('invoice', 'opening')
       AND e.due_on <= vendor_today() - s.days[1]
       AND e.amount_cents > coalesce((SELECT sum(a.amount_cents) FROM ledger_allocations a
                                       WHERE a.debit_id = e.id), 0)
       AND NOT EXISTS (SELECT 1 FROM invoice_reminders r
                        WHERE r.entry_id = e.id AND r.level >= lvl.level)
     ORDER BY e.due_on, e.id";

#[derive(QueryableByName)]
struct Due {
    #[diesel(sql_type = BigInt)]
    entry_id: i64,
    #[diesel(sql_type = SmallInt)]
    level: i16,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// How many reminders are due now: what "send now" would send.
pub fn reminders_due(conn: &mut PgConnection) -> QueryResult<i64> {
    let count = format!("SELECT count(*)::bigint AS n FROM ({DUE}) due");
    Ok(diesel::sql_query(count).get_result::<Count>(conn)?.n)
}

/// Sends up to `limit` of the reminders due, each once; how many were sent.
pub fn send_reminders(conn: &mut PgConnection, base_url: &str, limit: i64) -> AppResult<usize> {
    conn.transaction(|conn| {
        let claim = format!("{DUE} LIMIT $1 FOR UPDATE OF e SKIP LOCKED");
        let due: Vec<Due> = diesel::sql_query(claim)
            .bind::<BigInt, _>(limit)
            .load(conn)?;
        let mut sent = 0;
        for d in due {
            sent += remind(conn, &d, base_url)? as usize;
        }
        Ok(sent)
    })
}

/// One reminder, recorded first: false when another sender recorded it meanwhile.
fn remind(conn: &mut PgConnection, due: &Due, base_url: &str) -> AppResult<bool> {
    let doc = documents::invoice(conn, due.entry_id)?;
    let customer_id = doc.entry.posting.customer_id;
    let to = subscribed(conn, customer_id, ContactEvent::InvoiceDue)?;
    let recorded = diesel::sql_query(
        "INSERT INTO invoice_reminders (entry_id, level, recipients) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind::<BigInt, _>(due.entry_id)
    .bind::<SmallInt, _>(due.level)
    .bind::<diesel::sql_types::Integer, _>(to.len() as i32)
    .execute(conn)?;
    if recorded == 0 {
        return Ok(false);
    }
    let kind = ["reminder-1", "reminder-2", "reminder-3"][(due.level as usize - 1).min(2)];
    let note = announcements::note(&doc, kind, base_url);
    let emails = messages::accounts_note(&to, &note, announcements::pdf_per_language(&doc))?;
    mail::enqueue(conn, &emails)?;
    let said = format!(
        "{} · {} · {}",
        doc.entry.posting.item.number,
        due.level,
        to.len()
    );
    chased(
        conn,
        (customer_id, Some(due.entry_id)),
        ("Reminder", "remind"),
        said,
    )?;
    Ok(true)
}

/// Writes into the customer's history that the application sent `what` (a reminder or a
/// statement): "Reminder: INV-000001 · 2 · 1" (the invoice, the level, the recipients).
fn chased(
    conn: &mut PgConnection,
    (customer_id, entry_id): (i64, Option<i64>),
    (field, action): (&'static str, &str),
    what: String,
) -> QueryResult<()> {
    let customer = Customer::find(conn, customer_id)?;
    let change = FieldChange {
        field,
        old: None,
        new: Some(what),
    };
    let (by, entity) = (Some("Clientele"), Entity::Posting);
    history::record_as(
        conn,
        &customer,
        None,
        by,
        entity,
        entry_id,
        action,
        &[change],
    )
}

/// The month before the one `today` falls in: its first and last day.
pub fn last_month(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let this_month = today.with_day(1).unwrap_or(today);
    (
        this_month - Months::new(1),
        this_month - chrono::Days::new(1),
    )
}

/// The statements of the month before this one not yet sent: customer and currency.
const STATEMENTS_DUE: &str = "
    SELECT DISTINCT e.customer_id, e.currency
      FROM ledger_entries e
      JOIN customers c ON c.id = e.customer_id AND NOT c.test_record
     WHERE e.posted_on <= $2
       AND (e.posted_on >= $1 OR EXISTS (SELECT 1 FROM customer_balances b
                                          WHERE b.customer_id = e.customer_id
                                            AND b.currency = e.currency AND b.balance_cents <> 0))
       AND NOT EXISTS (SELECT 1 FROM statement_runs r WHERE r.customer_id = e.customer_id
                          AND r.currency = e.currency AND r.period_start = $1)
     ORDER BY e.customer_id, e.currency";

#[derive(QueryableByName)]
struct StatementDue {
    #[diesel(sql_type = BigInt)]
    customer_id: i64,
    #[diesel(sql_type = Text)]
    currency: String,
}

/// How many of last month's statements are still to go.
pub fn statements_due(conn: &mut PgConnection) -> QueryResult<i64> {
    let (from, to) = last_month(super::ledger::today(conn)?);
    let count = format!("SELECT count(*)::bigint AS n FROM ({STATEMENTS_DUE}) due");
    let query = diesel::sql_query(count)
        .bind::<Date, _>(from)
        .bind::<Date, _>(to);
    Ok(query.get_result::<Count>(conn)?.n)
}

/// Sends up to `limit` of last month's statements still to go, each once; how many were sent.
pub fn send_statements(conn: &mut PgConnection, base_url: &str, limit: i64) -> AppResult<usize> {
    conn.transaction(|conn| {
        let month = last_month(super::ledger::today(conn)?);
        let batch = format!("{STATEMENTS_DUE} LIMIT $3");
        let due: Vec<StatementDue> = diesel::sql_query(batch)
            .bind::<Date, _>(month.0)
            .bind::<Date, _>(month.1)
            .bind::<BigInt, _>(limit)
            .load(conn)?;
        let mut sent = 0;
        for d in due {
            sent += statement(conn, &d, month, base_url)? as usize;
        }
        Ok(sent)
    })
}

/// One customer's statement of one currency for `month`, recorded first: false when another
/// sender recorded it meanwhile.
fn statement(
    conn: &mut PgConnection,
    due: &StatementDue,
    (from, to): (NaiveDate, NaiveDate),
    base_url: &str,
) -> AppResult<bool> {
    let recipients = subscribed(conn, due.customer_id, ContactEvent::Statements)?;
    let recorded = diesel::sql_query(
        "INSERT INTO statement_runs (customer_id, currency, period_start, recipients)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind::<BigInt, _>(due.customer_id)
    .bind::<Text, _>(&due.currency)
    .bind::<Date, _>(from)
    .bind::<diesel::sql_types::Integer, _>(recipients.len() as i32)
    .execute(conn)?;
    if recorded == 0 {
        return Ok(false);
    }
    let doc = documents::statement(conn, due.customer_id, &due.currency, (from, to))?;
    let month = format!("{}", from.format("%Y-%m"));
    let note = messages::AccountsNote {
        kind: "statement",
        customer_id: due.customer_id,
        customer: doc.parties.1.name.clone(),
        number: month.clone(),
        open: (doc.closing_cents, due.currency.clone()),
        due: None,
        link: format!("{base_url}/portal/statement"),
    };
    let name = format!("statement-{month}-{}.pdf", due.currency);
    let pdf = |l: &crate::i18n::L10n| (name.clone(), crate::pdf::statement::render(&doc, l));
    let emails = messages::accounts_note(&recipients, &note, pdf)?;
    drop(doc);
    crate::pdf::release_freed();
    mail::enqueue(conn, &emails)?;
    let said = format!("{month} · {} · {}", due.currency, recipients.len());
    chased(
        conn,
        (due.customer_id, None),
        ("Statement", "statement"),
        said,
    )?;
    Ok(true)
}
