//! One posting as its page (`/invoices/{id}`) shows it: what it is, who posted it and why, the
//! order it invoices, what it paid or was paid by, what reversed it or what it reverses, and,
//! for a credit with something still open, the debits it may yet pay.

use super::view::{self, Item};
use chrono::{DateTime, Utc};
use diesel::{
    prelude::*,
    sql_types::{BigInt, Bool, Nullable, Text, Timestamptz},
};

/// A posting with what surrounds it.
#[derive(Clone, Debug, QueryableByName)]
pub struct Posting {
    #[diesel(embed)]
    pub item: Item,
    #[diesel(sql_type = BigInt)]
    pub customer_id: i64,
    #[diesel(sql_type = Text)]
    pub posted_by_name: String,
    #[diesel(sql_type = Timestamptz)]
    pub posted_at: DateTime<Utc>,
    /// A payment's method (its code) and the payer's reference.
    #[diesel(sql_type = Nullable<Text>)]
    pub method: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub reference: Option<String>,
    #[diesel(sql_type = Bool)]
    pub test_record: bool,
    /// The order it invoices: its id and number.
    #[diesel(sql_type = Nullable<BigInt>)]
    pub order_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub order_number: Option<String>,
    /// The entry it reverses, or the reversal that reversed it: id and number.
    #[diesel(sql_type = Nullable<BigInt>)]
    pub reverses_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub reverses_number: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub reversed_by_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub reversed_by_number: Option<String>,
}

/// One allocation seen from a posting: the entry on the other side, and how much.
#[derive(Clone, Debug, QueryableByName)]
pub struct Settlement {
    #[diesel(sql_type = BigInt)]
    pub other_id: i64,
    #[diesel(sql_type = Text)]
    pub other_number: String,
    #[diesel(sql_type = Text)]
    pub other_kind: String,
    #[diesel(sql_type = BigInt)]
    pub amount_cents: i64,
    #[diesel(sql_type = Timestamptz)]
    pub allocated_at: DateTime<Utc>,
}

impl Settlement {
    pub fn kind_id(&self) -> String {
        format!("ledger-kind-{}", self.other_kind.replace('_', "-"))
    }
}

/// A posting's page: the posting, its allocations, and the open debits of its customer and
/// currency it could still pay (only for a credit with something open).
#[derive(Clone, Debug)]
pub struct EntryPage {
    /// The vendor's date, which "overdue" is judged on.
    pub today: chrono::NaiveDate,
    pub posting: Posting,
    pub settlements: Vec<Settlement>,
    pub payable: Vec<Item>,
}

/// Posting `id` with what surrounds it; Err(NotFound) when there is none.
pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<EntryPage> {
    let posting: Posting = diesel::sql_query(
        "SELECT e.id, e.kind, e.number, e.posted_on, e.due_on, e.currency, e.amount_cents,
                abs(e.amount_cents) - coalesce((SELECT sum(a.amount_cents) FROM ledger_allocations a
                     WHERE a.credit_id = e.id OR a.debit_id = e.id), 0)::bigint AS open_cents,
                coalesce(e.reason, e.reference) AS text,
                e.customer_id, e.posted_by_name, e.posted_at, e.method, e.reference, e.test_record,
                e.order_id, o.order_number, e.reverses_id, r.number AS reverses_number,
                rb.id AS reversed_by_id, rb.number AS reversed_by_number
           FROM ledger_entries e
           LEFT JOIN orders o ON o.id = e.order_id
           LEFT JOIN ledger_entries r ON r.id = e.reverses_id
           LEFT JOIN ledger_entries rb ON rb.reverses_id = e.id
          WHERE e.id = $1",
    )
    .bind::<BigInt, _>(id)
    .get_result(conn)?;
    let settlements = diesel::sql_query(
        "SELECT o.id AS other_id, o.number AS other_number, o.kind AS other_kind,
                a.amount_cents, a.allocated_at
           FROM ledger_allocations a
           JOIN ledger_entries o ON o.id = CASE WHEN a.credit_id = $1 THEN a.debit_id ELSE a.credit_id END
          WHERE a.credit_id = $1 OR a.debit_id = $1
          ORDER BY a.id",
    )
    .bind::<BigInt, _>(id)
    .load(conn)?;
    let payable = match posting.item.is_debit() || posting.item.open_cents == 0 {
        true => Vec::new(),
        false => view::for_customer(conn, posting.customer_id)?
            .currencies
            .into_iter()
            .filter(|c| c.currency == posting.item.currency)
            .flat_map(|c| c.open)
            .filter(Item::is_debit)
            .collect(),
    };
    Ok(EntryPage {
        today: super::ledger::today(conn)?,
        posting,
        settlements,
        payable,
    })
}
