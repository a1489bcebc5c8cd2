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

/// Customer `customer_id`'s statement in `currency` from `from` to `to` (both included).
pub fn statement(
    conn: &mut PgConnection,
    customer_id: i64,
    currency: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> QueryResult<StatementDocument> {
    // Every entry up to the end of the period, with what was open on it then: allocations
    // made on or before that day (in the vendor's zone) count, later ones do not.
    let items: Vec<Item> = diesel::sql_query(
        "WITH mine AS (SELECT * FROM ledger_entries
                        WHERE customer_id = $1 AND currency = $2 AND posted_on <= $3),
              cut AS (SELECT (($3::date + 1)::timestamp AT TIME ZONE
                         coalesce((SELECT time_zone FROM vendor_settings LIMIT 1), 'UTC')) AS at),
              taken AS (SELECT a.debit_id AS id, a.amount_cents FROM ledger_allocations a
                          JOIN mine ON mine.id = a.debit_id, cut WHERE a.allocated_at < cut.at
                        UNION ALL
                        SELECT a.credit_id, a.amount_cents FROM ledger_allocations a
                          JOIN mine ON mine.id = a.credit_id, cut WHERE a.allocated_at < cut.at),
              per AS (SELECT id, sum(amount_cents)::bigint AS taken FROM taken GROUP BY id)
         SELECT m.id, m.kind, m.number, m.posted_on, m.due_on, m.currency, m.amount_cents,
                abs(m.amount_cents) - coalesce(per.taken, 0) AS open_cents,
                coalesce(m.reason, m.reference) AS text
           FROM mine m LEFT JOIN per ON per.id = m.id
          ORDER BY m.posted_on, m.id",
    )
    .bind::<BigInt, _>(customer_id)
    .bind::<Text, _>(currency)
    .bind::<Date, _>(to)
    .load(conn)?;
    let mut document = StatementDocument {
        parties: parties(conn, customer_id)?,
        currency: currency.to_string(),
        from,
        to,
        opening_cents: 0,
        lines: Vec::new(),
        closing_cents: 0,
        ageing: Ageing::default(),
        open: Vec::new(),
    };
    let mut balance = 0;
    for item in items {
        balance += item.amount_cents;
        if item.posted_on < from {
            document.opening_cents = balance;
        }
        if item.open_cents > 0 {
            document.ageing.add(&item, to);
            document.open.push(item.clone());
        }
        if item.posted_on >= from {
            document.lines.push(StatementLine {
                item,
                balance_cents: balance,
            });
        }
    }
    document.closing_cents = balance;
    document.open.sort_by_key(|i| (i.due_on, i.posted_on, i.id));
    Ok(document)
}
