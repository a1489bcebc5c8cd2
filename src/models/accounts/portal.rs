//! The ledger as the portal shows it: the invoices (and opening balances) of the customers a
//! user may see, open or paid, and one of them by its number; never a row outside the scope.

use super::view::Item;
use crate::models::portal::PortalScope;
use diesel::{
    prelude::*,
    sql_types::{Array, BigInt, Text},
};

/// Which invoices a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Showing {
    All,
    Open,
    Paid,
}

impl Showing {
    pub const ALL: [Showing; 3] = [Showing::All, Showing::Open, Showing::Paid];

    pub fn as_str(self) -> &'static str {
        match self {
            Showing::All => "all",
            Showing::Open => "open",
            Showing::Paid => "paid",
        }
    }

    pub fn parse(s: &str) -> Showing {
        Showing::ALL
            .into_iter()
            .find(|w| w.as_str() == s)
            .unwrap_or(Showing::All)
    }

    pub fn label_id(self) -> String {
        format!("portal-invoices-show-{}", self.as_str())
    }
}

/// An invoice with its customer.
#[derive(Clone, Debug, QueryableByName)]
pub struct PortalInvoice {
    #[diesel(embed)]
    pub item: Item,
    #[diesel(sql_type = BigInt)]
    pub customer_id: i64,
}

/// The invoices of the scope's customers, newest first, `limit` from `offset`.
pub fn invoices(
    conn: &mut PgConnection,
    scope: &PortalScope,
    showing: Showing,
    (offset, limit): (i64, i64),
) -> QueryResult<Vec<PortalInvoice>> {
    diesel::sql_query(
        "SELECT e.id, e.kind, e.number, e.posted_on, e.due_on, e.currency, e.amount_cents,
                coalesce(o.open_cents, 0)::bigint AS open_cents, e.reason AS text, e.customer_id
           FROM ledger_entries e LEFT JOIN ledger_open o ON o.entry_id = e.id
          WHERE e.customer_id = ANY($1) AND e.kind IN ('invoice', 'opening') AND e.amount_cents > 0
            AND ($2 = 'all' OR ($2 = 'open') = (o.entry_id IS NOT NULL))
          ORDER BY e.posted_on DESC, e.id DESC
          OFFSET $3 LIMIT $4",
    )
    .bind::<Array<BigInt>, _>(scope.ids())
    .bind::<Text, _>(showing.as_str())
    .bind::<BigInt, _>(offset)
    .bind::<BigInt, _>(limit)
    .load(conn)
}

/// The id of the invoice numbered `number`, when it is one of the scope's customers'.
pub fn invoice_by_number(
    conn: &mut PgConnection,
    scope: &PortalScope,
    number: &str,
) -> QueryResult<Option<i64>> {
    use crate::schema::ledger_entries as e;
    let theirs = e::customer_id.eq_any(scope.ids()).and(e::number.eq(number));
    let debit = e::kind
        .eq_any(["invoice", "opening"])
        .and(e::amount_cents.gt(0));
    let found = e::table.filter(theirs.and(debit)).select(e::id);
    found.first(conn).optional()
}
