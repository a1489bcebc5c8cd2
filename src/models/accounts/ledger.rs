//! The receivables ledger: one row per posting, signed from the vendor's side (what the
//! customer owes more is positive: an invoice, an opening balance owed, a reversed payment; what
//! it paid or was credited is negative), in minor units of its currency. A customer's balance
//! is the sum of its entries per currency; nothing types it.
//!
//! Nothing posted changes (the database refuses an UPDATE or DELETE): a mistake is corrected by
//! a credit note or a reversal. A credit (a payment, a credit note, the reversal of a debit)
//! pays debits through allocations, oldest due first unless the poster chooses; the database
//! checks that no allocation takes more than is open on either side, whoever writes it.
//!
//! Every function here runs inside its caller's transaction; a refusal is an error (`Refused`,
//! with the sentence that says why), so the transaction rolls back and nothing of it is written.

use crate::{
    domain::Cents,
    i18n::Msg,
    models::{
        customers::{
            customer::Customer,
            history::{self, Entity, FieldChange},
        },
        orders::NotDone,
    },
    schema::{ledger_allocations, ledger_entries},
};
use chrono::NaiveDate;
use diesel::{
    dsl::sql,
    prelude::*,
    sql_types::{Array, BigInt, Date, Text},
};

/// What kind of posting an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// The balance carried over when the ledger began (or from another system).
    Opening,
    Invoice,
    CreditNote,
    Payment,
    Reversal,
}

impl EntryKind {
    /// How the customer's history names the kind `code` (translated there).
    fn history_label(code: &str) -> &'static str {
        match code {
            "invoice" => "Invoice",
            "credit_note" => "Credit note",
            "payment" => "Payment",
            "reversal" => "Reversal",
            _ => "Opening balance",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Opening => "opening",
            EntryKind::Invoice => "invoice",
            EntryKind::CreditNote => "credit_note",
            EntryKind::Payment => "payment",
            EntryKind::Reversal => "reversal",
        }
    }
}

/// How a payment was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaidBy {
    BankTransfer,
    Card,
    Cash,
    Cheque,
    DirectDebit,
    Other,
}

impl PaidBy {
    pub const ALL: [PaidBy; 6] = [
        PaidBy::BankTransfer,
        PaidBy::Card,
        PaidBy::Cash,
        PaidBy::Cheque,
        PaidBy::DirectDebit,
        PaidBy::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PaidBy::BankTransfer => "bank_transfer",
            PaidBy::Card => "card",
            PaidBy::Cash => "cash",
            PaidBy::Cheque => "cheque",
            PaidBy::DirectDebit => "direct_debit",
            PaidBy::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<PaidBy> {
        PaidBy::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Its message id: "Bank transfer", "Überweisung".
    pub fn label_id(self) -> String {
        format!("ledger-method-{}", self.as_str().replace('_', "-"))
    }
}

/// Who posts: a staff member, or the application itself (invoicing a dispatched order).
#[derive(Clone, Debug)]
pub struct Poster {
    pub staff_id: Option<i64>,
    pub name: String,
}

/// A posted entry as the postings answer: what names it, and what another posting against it
/// needs.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = ledger_entries, check_for_backend(diesel::pg::Pg))]
pub struct Entry {
    pub id: i64,
    pub customer_id: i64,
    /// INV-000001, CN-…, PAY-…, OB-…; a reversal is REV- and the number it reverses.
    pub number: String,
    pub currency: String,
    /// Signed from the vendor's side: owed more is positive, paid or credited negative.
    pub amount_cents: i64,
}

impl Entry {
    pub fn amount(&self) -> Cents {
        Cents(self.amount_cents)
    }

    fn is_debit(&self) -> bool {
        self.amount_cents > 0
    }

    pub fn account(&self) -> Account {
        Account {
            customer_id: self.customer_id,
            currency: self.currency.clone(),
        }
    }
}

/// Where a credit goes: to the open debits oldest due first, or to the ones chosen (entry id
/// and amount), the rest staying on account.
#[derive(Clone, Debug)]
pub enum Allocation {
    OldestFirst,
    Chosen(Vec<(i64, i64)>),
}

#[derive(Insertable)]
#[diesel(table_name = ledger_entries)]
struct NewEntry<'a> {
    customer_id: i64,
    kind: &'a str,
    number: String,
    posted_on: NaiveDate,
    due_on: Option<NaiveDate>,
    currency: &'a str,
    amount_cents: i64,
    order_id: Option<i64>,
    reverses_id: Option<i64>,
    method: Option<&'a str>,
    reference: Option<&'a str>,
    reason: Option<&'a str>,
    test_record: bool,
    posted_by_staff_id: Option<i64>,
    posted_by_name: &'a str,
}

impl<'a> NewEntry<'a> {
    /// An entry of `kind` for `amount_cents` of a customer's account (its id and currency),
    /// posted by `by` on `posted_on`, with nothing else yet.
    fn of(
        account: &'a Account,
        (kind, number): (EntryKind, String),
        (amount_cents, posted_on): (i64, NaiveDate),
        (standing, by): (&Standing, &'a Poster),
    ) -> NewEntry<'a> {
        NewEntry {
            customer_id: account.customer_id,
            kind: kind.as_str(),
            number,
            posted_on,
            due_on: None,
            currency: &account.currency,
            amount_cents,
            order_id: None,
            reverses_id: None,
            method: None,
            reference: None,
            reason: None,
            test_record: standing.test_record,
            posted_by_staff_id: by.staff_id,
            posted_by_name: &by.name,
        }
    }
}

/// The vendor's date today (in its time zone): what postings are dated, and what "overdue" is
/// judged on.
pub fn today(conn: &mut PgConnection) -> QueryResult<NaiveDate> {
    diesel::select(crate::models::cached_sql::sql::<Date>("vendor_today()")).get_result(conn)
}

/// The next number of a sequence, with its prefix: INV-000001.
fn next_number(conn: &mut PgConnection, prefix: &str, sequence: &str) -> QueryResult<String> {
    diesel::select(sql::<Text>(&format!(
        "'{prefix}-' || lpad(nextval('{sequence}')::text, 6, '0')"
    )))
    .get_result(conn)
}

/// The customer's payment days, whether it is a test record and whether it may have payments
/// on account, its row locked for the posting: postings of one customer take turns.
fn customer_for_posting(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Standing> {
    diesel::sql_query(
        "SELECT coalesce(pt.days, 0) AS days, c.test_record, c.allow_payments_on_account AS on_account
           FROM customers c LEFT JOIN payment_terms pt ON pt.id = c.payment_terms_id
          WHERE c.id = $1
            FOR NO KEY UPDATE OF c",
    )
    .bind::<BigInt, _>(customer_id)
    .get_result(conn)
}

#[derive(QueryableByName)]
struct Standing {
    #[diesel(sql_type = diesel::sql_types::Int4)]
    days: i32,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    test_record: bool,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    on_account: bool,
}

/// Writes an entry, and in the customer's history who posted what: "Invoice INV-000001 ·
/// 100.00 EUR", signed by the staff member (or the application).
fn insert(conn: &mut PgConnection, new: NewEntry) -> QueryResult<Entry> {
    let entry: Entry = diesel::insert_into(ledger_entries::table)
        .values(&new)
        .returning(Entry::as_returning())
        .get_result(conn)?;
    let customer = Customer::find(conn, entry.customer_id)?;
    let posted = FieldChange {
        field: EntryKind::history_label(new.kind),
        old: None,
        new: Some(format!(
            "{} · {} {}",
            entry.number,
            Cents(entry.amount_cents).plain(),
            entry.currency
        )),
    };
    let actor = new
        .posted_by_staff_id
        .is_none()
        .then_some(new.posted_by_name);
    history::record_as(
        conn,
        &customer,
        new.posted_by_staff_id,
        actor,
        Entity::Posting,
        Some(entry.id),
        "post",
        &[posted],
    )?;
    Ok(entry)
}

/// Why a posting was not made: refused (and why), or the database failed.
pub type NotPosted = NotDone<Msg>;

fn refused<T>(id: &'static str) -> Result<T, NotPosted> {
    Err(NotDone::Refused(Msg::new(id)))
}

/// Before a posting of an amount a person gave (more than nothing, less than a billion) to
/// `account`: the customer's standing, its row locked.
fn posting_to(
    conn: &mut PgConnection,
    account: &Account,
    amount_cents: i64,
) -> Result<Standing, NotPosted> {
    if !(1..=99_999_999_999).contains(&amount_cents) {
        return refused("ledger-amount-invalid");
    }
    Ok(customer_for_posting(conn, account.customer_id)?)
}

/// A customer's account in one currency: what a balance is kept for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub customer_id: i64,
    pub currency: String,
}

/// What an invoice is for: an amount (positive) owed on an account.
#[derive(Clone, Debug)]
pub struct InvoiceFor {
    pub account: Account,
    pub amount_cents: i64,
    /// The order it invoices (at most one invoice each), or None for a manual invoice.
    pub order_id: Option<i64>,
    /// A manual invoice's text.
    pub reason: Option<String>,
    /// Days until it falls due: the order's terms as placed, or (None) the customer's now.
    pub due_days: Option<i32>,
}

impl InvoiceFor {
    /// Posts the invoice dated today, due after its days or else the customer's payment terms
    /// (Net 30: in 30 days).
    pub fn post(&self, conn: &mut PgConnection, by: &Poster) -> Result<Entry, NotPosted> {
        let what = self;
        let standing = posting_to(conn, &what.account, what.amount_cents)?;
        let today = today(conn)?;
        let days = what.due_days.unwrap_or(standing.days);
        let number = next_number(conn, "INV", "invoice_numbers")?;
        let entry = NewEntry {
            // The forms and the API allow at most a year; ten years is the ledger's own bound,
            // so that no caller can push a date past what a date holds.
            due_on: Some(today + chrono::Days::new(days.clamp(0, 3650) as u64)),
            order_id: what.order_id,
            reason: what.reason.as_deref(),
            ..NewEntry::of(
                &what.account,
                (EntryKind::Invoice, number),
                (what.amount_cents, today),
                (&standing, by),
            )
        };
        Ok(insert(conn, entry)?)
    }
}

/// Posts a credit note of `amount_cents` (given positive) with its reason: against the invoice
/// `against` (which it pays, up to what is open on it), or on account.
pub fn post_credit_note(
    conn: &mut PgConnection,
    account: &Account,
    (amount_cents, against): (i64, Option<i64>),
    reason: &str,
    by: &Poster,
) -> Result<Entry, NotPosted> {
    let standing = posting_to(conn, account, amount_cents)?;
    let today = today(conn)?;
    let number = next_number(conn, "CN", "credit_note_numbers")?;
    let entry = NewEntry {
        reason: Some(reason),
        ..NewEntry::of(
            account,
            (EntryKind::CreditNote, number),
            (-amount_cents, today),
            (&standing, by),
        )
    };
    let note = insert(conn, entry)?;
    if let Some(invoice) = against {
        allocate(
            conn,
            &note,
            Allocation::Chosen(vec![(invoice, amount_cents)]),
        )?;
    }
    Ok(note)
}

/// A payment as staff record it.
#[derive(Clone, Debug)]
pub struct PaymentIn {
    pub account: Account,
    /// Given positive.
    pub amount_cents: i64,
    pub method: PaidBy,
    pub reference: Option<String>,
    pub received_on: NaiveDate,
    pub allocation: Allocation,
}

impl PaymentIn {
    /// Records the payment and allocates it. What it does not pay stays on account, which only a
    /// customer with "allow payments on account" may have: for any other, a payment larger than
    /// what it allocates is refused.
    pub fn record(&self, conn: &mut PgConnection, by: &Poster) -> Result<Entry, NotPosted> {
        let p = self;
        let standing = posting_to(conn, &p.account, p.amount_cents)?;
        let number = next_number(conn, "PAY", "payment_numbers")?;
        let entry = NewEntry {
            method: Some(p.method.as_str()),
            reference: p.reference.as_deref(),
            ..NewEntry::of(
                &p.account,
                (EntryKind::Payment, number),
                (-p.amount_cents, p.received_on),
                (&standing, by),
            )
        };
        let payment = insert(conn, entry)?;
        let allocated = allocate(conn, &payment, p.allocation.clone())?;
        let left = p.amount_cents - allocated.iter().map(|(_, c)| c).sum::<i64>();
        if left > 0 && !standing.on_account {
            let currency = &p.account.currency;
            let why = Msg::new("ledger-payment-not-on-account").money("left", left, currency);
            return Err(NotDone::Refused(why));
        }
        Ok(payment)
    }
}

/// Reverses a posted entry with its reason: an entry of the opposite amount, which takes what
/// is still open on the original; what the original had paid or was paid by stays so, and the
/// rest of the reversal is open itself (a reversed payment is owed again, at once).
pub fn reverse(
    conn: &mut PgConnection,
    entry_id: i64,
    reason: &str,
    by: &Poster,
) -> Result<Entry, NotPosted> {
    let Some((original, kind, order_id)) = ledger_entries::table
        .find(entry_id)
        .select((
            Entry::as_select(),
            ledger_entries::kind,
            ledger_entries::order_id,
        ))
        .first::<(Entry, String, Option<i64>)>(conn)
        .optional()?
    else {
        return refused("ledger-entry-not-found");
    };
    if kind == EntryKind::Reversal.as_str() {
        return refused("ledger-reversal-not-reversible");
    }
    let standing = customer_for_posting(conn, original.customer_id)?;
    let taken = ledger_entries::table
        .filter(ledger_entries::reverses_id.eq(entry_id))
        .select(ledger_entries::id)
        .first::<i64>(conn)
        .optional()?;
    if taken.is_some() {
        return refused("ledger-already-reversed");
    }
    let today = today(conn)?;
    let account = original.account();
    let entry = NewEntry {
        due_on: (!original.is_debit()).then_some(today),
        order_id,
        reverses_id: Some(original.id),
        reason: Some(reason),
        ..NewEntry::of(
            &account,
            (EntryKind::Reversal, format!("REV-{}", original.number)),
            (-original.amount_cents, today),
            (&standing, by),
        )
    };
    let reversal = insert(conn, entry)?;
    let open = open_amount(conn, original.id)?;
    if open > 0 {
        let (credit, debit) = match original.is_debit() {
            true => (reversal.id, original.id),
            false => (original.id, reversal.id),
        };
        allocation(conn, (credit, debit), open)?;
    }
    Ok(reversal)
}

/// Entry `id`, if there is one.
pub fn entry(conn: &mut PgConnection, id: i64) -> QueryResult<Option<Entry>> {
    ledger_entries::table
        .find(id)
        .select(Entry::as_select())
        .first(conn)
        .optional()
}

/// What is still open on an entry: its amount (as a positive number) less its allocations.
fn open_amount(conn: &mut PgConnection, entry_id: i64) -> QueryResult<i64> {
    diesel::sql_query(
        "SELECT e.id, abs(e.amount_cents)
                - coalesce((SELECT sum(a.amount_cents) FROM ledger_allocations a
                             WHERE a.credit_id = e.id OR a.debit_id = e.id), 0)::bigint AS open
           FROM ledger_entries e WHERE e.id = $1",
    )
    .bind::<BigInt, _>(entry_id)
    .get_result::<OpenItem>(conn)
    .map(|c| c.open)
}

/// Writes that `cents` of credit `pair.0` pay debit `pair.1`.
fn allocation(conn: &mut PgConnection, pair: (i64, i64), cents: i64) -> QueryResult<()> {
    let (credit_id, debit_id) = pair;
    diesel::insert_into(ledger_allocations::table)
        .values((
            ledger_allocations::credit_id.eq(credit_id),
            ledger_allocations::debit_id.eq(debit_id),
            ledger_allocations::amount_cents.eq(cents),
        ))
        .execute(conn)
        .map(drop)
}

/// An entry and what is open on it.
#[derive(QueryableByName)]
struct OpenItem {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    open: i64,
}

/// Allocates what is open on the credit `credit` to debits of its customer and currency: the
/// open ones oldest due first, or those chosen (refused when one is not an open debit of the
/// customer, or is given more than is open on it or on the credit). The credit and the debits
/// are locked first, so two allocations of one payment (two tabs) take turns, and the second
/// sees what the first took. Returns what went where.
pub fn allocate(
    conn: &mut PgConnection,
    credit: &Entry,
    how: Allocation,
) -> Result<Vec<(i64, i64)>, NotPosted> {
    if credit.is_debit() {
        return refused("ledger-not-a-credit");
    }
    ledger_entries::table
        .find(credit.id)
        .select(ledger_entries::id)
        .for_update()
        .execute(conn)?;
    let mut left = open_amount(conn, credit.id)?;
    // The open debits (kept in `ledger_open`), locked in id order as an allocation locks its
    // entries; then what is open on them, read once the locks are held, so an allocation
    // committed meanwhile by another posting counts.
    let locked: Vec<i64> = diesel::sql_query(
        "SELECT e.id, 0::bigint AS open FROM ledger_open o JOIN ledger_entries e ON e.id = o.entry_id
          WHERE o.customer_id = $1 AND o.currency = $2 AND o.debit
          ORDER BY e.id FOR UPDATE OF e",
    )
    .bind::<BigInt, _>(credit.customer_id)
    .bind::<Text, _>(&credit.currency)
    .load::<OpenItem>(conn)?
    .into_iter()
    .map(|d| d.id)
    .collect();
    let debits: Vec<OpenItem> = diesel::sql_query(
        "SELECT entry_id AS id, open_cents AS open FROM ledger_open
          WHERE entry_id = ANY($1)
          ORDER BY due_on NULLS FIRST, posted_on, entry_id",
    )
    .bind::<Array<BigInt>, _>(locked)
    .load(conn)?;
    let wanted: Vec<(i64, i64)> = match how {
        Allocation::OldestFirst => debits
            .iter()
            .filter(|d| d.open > 0)
            .map(|d| (d.id, d.open))
            .collect(),
        Allocation::Chosen(chosen) => {
            for (id, cents) in &chosen {
                let Some(d) = debits.iter().find(|d| d.id == *id) else {
                    return refused("ledger-not-an-open-item");
                };
                if *cents <= 0 || *cents > d.open {
                    return refused("ledger-allocation-too-much");
                }
            }
            if chosen.iter().map(|(_, c)| c).sum::<i64>() > left {
                return refused("ledger-allocation-too-much");
            }
            chosen
        }
    };
    let mut done = Vec::new();
    for (debit, open) in wanted {
        if left == 0 {
            break;
        }
        let cents = open.min(left);
        allocation(conn, (credit.id, debit), cents)?;
        left -= cents;
        done.push((debit, cents));
    }
    Ok(done)
}

/// Posts a customer's opening balance (from another system, or the demo's history): owed when
/// positive, in credit when negative, due on `due_on`.
pub fn post_opening(
    conn: &mut PgConnection,
    account: &Account,
    amount_cents: i64,
    (posted_on, due_on): (NaiveDate, NaiveDate),
    by: &Poster,
) -> QueryResult<Entry> {
    let standing = customer_for_posting(conn, account.customer_id)?;
    let number = next_number(conn, "OB", "invoice_numbers")?;
    let entry = NewEntry {
        due_on: Some(due_on),
        reason: Some("Opening balance"),
        ..NewEntry::of(
            account,
            (EntryKind::Opening, number),
            (amount_cents, posted_on),
            (&standing, by),
        )
    };
    insert(conn, entry)
}

/// A customer's balance per currency, summed from its entries (not from the kept balances).
pub fn balances(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Vec<(String, i64)>> {
    ledger_entries::table
        .filter(ledger_entries::customer_id.eq(customer_id))
        .group_by(ledger_entries::currency)
        .select((
            ledger_entries::currency,
            sql::<BigInt>("sum(amount_cents)::bigint"),
        ))
        .order(ledger_entries::currency)
        .load(conn)
}
