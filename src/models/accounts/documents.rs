//! What an invoice and a statement of account say, read for their PDFs: the vendor's
//! letterhead (from the settings), the customer's name, account number and billing address,
//! and the postings.

use super::{
    entry::{self, EntryPage},
    view::{Ageing, Item},
};
use crate::models::orders::order::{Order, OrderLine};
use chrono::NaiveDate;
use diesel::{
    prelude::*,
    sql_types::{BigInt, Date, Text},
};

/// Who a document is from or to: a name, an account number (the customer's) and address lines.
#[derive(Clone, Debug)]
pub struct Party {
    pub name: String,
    pub account_number: Option<String>,
    pub address: Vec<String>,
}

/// The vendor (from the settings) and the customer a document is between.
pub type Parties = (Party, Party);

/// The vendor, and customer `customer_id` as documents address it.
fn parties(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Parties> {
    Ok((letterhead(conn)?, addressee(conn, customer_id)?))
}

/// The vendor's name and address as the settings hold them.
pub fn letterhead(conn: &mut PgConnection) -> QueryResult<Party> {
    use crate::schema::vendor_settings as v;
    let (name, address) = v::table
        .select((v::vendor_name, v::vendor_address))
        .first::<(String, String)>(conn)
        .optional()?
        .unwrap_or_else(|| ("Clientele".into(), String::new()));
    let address = address
        .split([';', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    Ok(Party {
        name,
        account_number: None,
        address,
    })
}

#[derive(QueryableByName)]
struct AddresseeRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    account_number: Option<String>,
    #[diesel(sql_type = Text)]
    address: String,
}

/// Customer `customer_id` as a document addresses it: its legal name, account number and
/// default billing address (else its primary one).
pub fn addressee(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Party> {
    let row: AddresseeRow = diesel::sql_query(
        "SELECT c.legal_name AS name, c.account_number,
                coalesce((SELECT concat_ws(';', nullif(a.line1, ''), nullif(a.line2, ''),
                                  nullif(concat_ws(' ', nullif(a.postcode, ''), nullif(a.city, '')), ''),
                                  nullif(a.country, ''))
                            FROM customer_addresses a WHERE a.customer_id = c.id
                           ORDER BY a.is_default_billing DESC, a.is_primary DESC, a.id LIMIT 1), '')
                    AS address
           FROM customers c WHERE c.id = $1",
    )
    .bind::<BigInt, _>(customer_id)
    .get_result(conn)?;
    Ok(Party {
        name: row.name,
        account_number: row.account_number,
        address: row
            .address
            .split(';')
            .map(str::to_string)
            .filter(|l| !l.is_empty())
            .collect(),
    })
}

/// An invoice (or any debit: an opening balance, a reversed payment) as its PDF shows it.
#[derive(Clone, Debug)]
pub struct InvoiceDocument {
    pub parties: Parties,
    pub entry: EntryPage,
    /// The invoiced order's lines and the customer's own reference of it (no lines and no
    /// reference for a manual invoice).
    pub order: (Vec<OrderLine>, Option<String>),
}

/// Posting `entry_id` for its PDF; NotFound when there is none.
pub fn invoice(conn: &mut PgConnection, entry_id: i64) -> QueryResult<InvoiceDocument> {
    let entry = entry::find(conn, entry_id)?;
    let order = match entry.posting.order_id {
        Some(order_id) => {
            let order = Order::find(conn, order_id)?;
            (
                order.lines(conn)?,
                order.placement(conn)?.customer_reference,
            )
        }
        None => (Vec::new(), None),
    };
    Ok(InvoiceDocument {
        parties: parties(conn, entry.posting.customer_id)?,
        entry,
        order,
    })
}

/// One entry of a statement, with the balance after it.
#[derive(Clone, Debug)]
pub struct StatementLine {
    pub item: Item,
    pub balance_cents: i64,
}

/// A statement of account of one currency over a period, as its PDF shows it.
#[derive(Clone, Debug)]
pub struct StatementDocument {
    pub parties: Parties,
    pub currency: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The balance before `from`.
    pub opening_cents: i64,
    pub lines: Vec<StatementLine>,
    /// The balance at the end of `to`.
    pub closing_cents: i64,
    /// What was open at the end of `to`, aged on that day; partial payments count.
    pub ageing: Ageing,
    pub open: Vec<Item>,
}

/// The entries of customer $1 in currency $2 posted up to $3, each with what was open on it at
/// the end of that day (in the vendor's zone): allocations made later do not count.
const AS_OF: &str = "
    SELECT e.id, e.kind, e.number, e.posted_on, e.due_on, e.currency, e.amount_cents,
           abs(e.amount_cents) - coalesce((SELECT sum(a.amount_cents) FROM ledger_allocations a
                                            WHERE (a.debit_id = e.id OR a.credit_id = e.id)
                                              AND a.allocated_at < (SELECT at FROM cut)), 0)::bigint
               AS open_cents,
           coalesce(e.reason, e.reference) AS text
      FROM ledger_entries e
     WHERE e.customer_id = $1 AND e.currency = $2 AND e.posted_on <= $3";

/// The entries of customer $1 in currency $2 posted from $4 to $3, in order.
const LINES: &str = "
    SELECT e.id, e.kind, e.number, e.posted_on, e.due_on, e.currency, e.amount_cents,
           0::bigint AS open_cents, coalesce(e.reason, e.reference) AS text
      FROM ledger_entries e
     WHERE e.customer_id = $1 AND e.currency = $2 AND e.posted_on BETWEEN $4 AND $3
     ORDER BY e.posted_on, e.id";

/// `AS_OF`'s end of the day, and with it the entries that may have been open then: those open
/// now, and those of the account allocated since (an allocation stays within one account).
const OPEN_THEN: &str = "
    WITH cut AS (SELECT (($3::date + 1)::timestamp AT TIME ZONE
                         coalesce((SELECT time_zone FROM vendor_settings LIMIT 1), 'UTC')) AS at),
         candidates AS (SELECT entry_id AS id FROM ledger_open WHERE customer_id = $1 AND currency = $2
                        UNION
                        SELECT unnest(ARRAY[a.credit_id, a.debit_id])
                          FROM ledger_allocations a JOIN ledger_entries d ON d.id = a.debit_id
                         WHERE a.allocated_at >= (SELECT at FROM cut)
                           AND d.customer_id = $1 AND d.currency = $2)";

/// Customer and currency `account`'s balance before `day`.
fn balance_before(
    conn: &mut PgConnection,
    (customer_id, currency): (i64, &str),
    day: NaiveDate,
) -> QueryResult<i64> {
    use crate::schema::ledger_entries as e;
    let before = e::customer_id
        .eq(customer_id)
        .and(e::currency.eq(currency))
        .and(e::posted_on.lt(day));
    let sum = diesel::dsl::sql::<BigInt>("coalesce(sum(amount_cents), 0)::bigint");
    e::table.filter(before).select(sum).get_result(conn)
}

/// Customer `customer_id`'s statement in `currency` from `from` to `to` (both included).
pub fn statement(
    conn: &mut PgConnection,
    customer_id: i64,
    currency: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> QueryResult<StatementDocument> {
    let account = (customer_id, currency);
    let opening_cents = balance_before(conn, account, from)?;
    let lines: Vec<Item> = diesel::sql_query(LINES)
        .bind::<BigInt, _>(customer_id)
        .bind::<Text, _>(currency)
        .bind::<Date, _>(to)
        .bind::<Date, _>(from)
        .load(conn)?;
    let open_then = format!("{OPEN_THEN} {AS_OF} AND e.id IN (SELECT id FROM candidates)");
    let open: Vec<Item> = diesel::sql_query(open_then)
        .bind::<BigInt, _>(customer_id)
        .bind::<Text, _>(currency)
        .bind::<Date, _>(to)
        .load(conn)?;
    let mut document = StatementDocument {
        parties: parties(conn, customer_id)?,
        currency: currency.to_string(),
        from,
        to,
        opening_cents,
        lines: Vec::new(),
        closing_cents: opening_cents,
        ageing: Ageing::default(),
        open: Vec::new(),
    };
    for item in lines {
        document.closing_cents += item.amount_cents;
        let balance_cents = document.closing_cents;
        document.lines.push(StatementLine {
            item,
            balance_cents,
        });
    }
    for item in open.into_iter().filter(|i| i.open_cents > 0) {
        document.ageing.add(&item, to);
        document.open.push(item);
    }
    document.open.sort_by_key(|i| (i.due_on, i.posted_on, i.id));
    Ok(document)
}
