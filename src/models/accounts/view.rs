//! What the Accounts tab shows of a customer's ledger: per currency, the balance, its ageing
//! and the open items; and the entries, newest first.
//!
//! The ageing columns add up to the balance by construction: every allocation takes the same
//! amount off a debit and a credit, so what is open on the debits less what is open on the
//! credits is what the entries add up to. Open debits are aged by the days since they fell
//! due, on the vendor's date; open credits (a payment or credit note not yet allocated) are a
//! column of their own.

use crate::domain::Cents;
use crate::models::cached_sql::Kept;
use chrono::NaiveDate;
use diesel::{
    prelude::*,
    sql_types::{BigInt, Date, Nullable, Text},
};

/// An entry with what is still open on it.
#[derive(Clone, Debug, QueryableByName)]
pub struct Item {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Text)]
    pub number: String,
    #[diesel(sql_type = Date)]
    pub posted_on: NaiveDate,
    #[diesel(sql_type = Nullable<Date>)]
    pub due_on: Option<NaiveDate>,
    #[diesel(sql_type = Text)]
    pub currency: String,
    /// Signed from the vendor's side (see `ledger`).
    #[diesel(sql_type = BigInt)]
    pub amount_cents: i64,
    /// What is still open on it, as a positive amount (0: settled).
    #[diesel(sql_type = BigInt)]
    pub open_cents: i64,
    /// Why it was posted (a credit note, a reversal, a manual invoice), else the payer's reference.
    #[diesel(sql_type = Nullable<Text>)]
    pub text: Option<String>,
}

impl Item {
    pub fn is_debit(&self) -> bool {
        self.amount_cents > 0
    }

    /// Days past its due date on `today` (0 when not yet due, or a credit).
    pub fn days_overdue(&self, today: impl std::borrow::Borrow<NaiveDate>) -> i64 {
        match self.due_on {
            Some(due) if self.is_debit() => (*today.borrow() - due).num_days().max(0),
            _ => 0,
        }
    }

    /// The message id of its kind ("Invoice", "Payment", …).
    pub fn kind_id(&self) -> String {
        format!("ledger-kind-{}", self.kind.replace('_', "-"))
    }

    pub fn open(&self) -> Cents {
        Cents(self.open_cents)
    }
}

/// The ageing columns of one currency: open debits by days overdue, and open credits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ageing {
    pub not_due: i64,
    pub days_1_30: i64,
    pub days_31_60: i64,
    pub days_61_90: i64,
    pub over_90: i64,
    /// Payments and credit notes not yet allocated, as a negative amount.
    pub unallocated: i64,
}

impl Ageing {
    pub(crate) fn add(&mut self, item: &Item, today: NaiveDate) {
        if !item.is_debit() {
            self.unallocated -= item.open_cents;
            return;
        }
        let column = match item.days_overdue(today) {
            0 => &mut self.not_due,
            1..=30 => &mut self.days_1_30,
            31..=60 => &mut self.days_31_60,
            61..=90 => &mut self.days_61_90,
            _ => &mut self.over_90,
        };
        *column += item.open_cents;
    }

    /// Adds `cents` to column `at` (in `columns`' order).
    fn put(&mut self, at: i32, cents: i64) {
        let column = match at {
            0 => &mut self.not_due,
            1 => &mut self.days_1_30,
            2 => &mut self.days_31_60,
            3 => &mut self.days_61_90,
            4 => &mut self.over_90,
            _ => &mut self.unallocated,
        };
        *column += cents;
    }

    /// The columns' headings (message ids), in `columns`' order.
    pub const LABELS: [&'static str; 6] = [
        "ledger-age-not-due",
        "ledger-age-1-30",
        "ledger-age-31-60",
        "ledger-age-61-90",
        "ledger-age-over-90",
        "ledger-age-unallocated",
    ];

    /// Each column with its heading.
    pub fn labelled(&self) -> [(&'static str, i64); 6] {
        let c = self.columns();
        std::array::from_fn(|i| (Self::LABELS[i], c[i]))
    }

    /// The columns in order, as the table shows them.
    pub fn columns(&self) -> [i64; 6] {
        [
            self.not_due,
            self.days_1_30,
            self.days_31_60,
            self.days_61_90,
            self.over_90,
            self.unallocated,
        ]
    }

    pub fn total(&self) -> i64 {
        self.columns().iter().sum()
    }

    /// What is overdue: every column past due.
    pub fn overdue(&self) -> i64 {
        self.days_1_30 + self.days_31_60 + self.days_61_90 + self.over_90
    }
}

/// One currency of the customer's account.
#[derive(Clone, Debug)]
pub struct CurrencyAccount {
    pub currency: String,
    /// What the entries add up to.
    pub balance_cents: i64,
    pub ageing: Ageing,
    /// The open items, oldest due first (at most `OPEN_SHOWN` of them), and how many there are.
    pub open: Vec<Item>,
    pub open_count: i64,
}

impl CurrencyAccount {
    fn new(currency: &str) -> CurrencyAccount {
        CurrencyAccount {
            currency: currency.to_string(),
            balance_cents: 0,
            ageing: Ageing::default(),
            open: Vec::new(),
            open_count: 0,
        }
    }
}

/// The Accounts tab's figures of a customer, on the vendor's date `today`.
#[derive(Clone, Debug)]
pub struct Accounts {
    pub today: NaiveDate,
    pub currencies: Vec<CurrencyAccount>,
    /// The newest entries, settled or not.
    pub recent: Vec<Item>,
}

impl Accounts {
    /// The currencies the customer has entries in.
    pub fn currency_codes(&self) -> Vec<String> {
        self.currencies.iter().map(|c| c.currency.clone()).collect()
    }
}

/// How many open items the tab lists per currency, the oldest due first.
pub const OPEN_SHOWN: i64 = 200;

/// One ageing column of one currency: what is open in it, over how many items.
#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    column: i32,
    #[diesel(sql_type = BigInt)]
    cents: i64,
    #[diesel(sql_type = BigInt)]
    items: i64,
}

/// How many of the newest entries the tab lists.
pub const RECENT: usize = 50;

/// The columns of an `Item`, from `ledger_entries e` and what is open on it (`open`).
const ITEM: &str = "e.id, e.kind, e.number, e.posted_on, e.due_on, e.currency, e.amount_cents,
                    coalesce(o.open_cents, 0)::bigint AS open_cents,
                    coalesce(e.reason, e.reference) AS text";

/// Reads customer `customer_id`'s ledger as the Accounts tab shows it: the balances kept per
/// currency, the open items (kept in `ledger_open`), and the newest entries; never every
/// entry the customer ever had. The statements are kept prepared (their text is fixed by the
/// code: the constants formatted in never change).
pub fn for_customer(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Accounts> {
    let today = super::ledger::today(conn)?;
    let balances: Vec<(String, i64)> = crate::schema::customer_balances::table
        .filter(crate::schema::customer_balances::customer_id.eq(customer_id))
        .order(crate::schema::customer_balances::currency)
        .select((
            crate::schema::customer_balances::currency,
            crate::schema::customer_balances::balance_cents,
        ))
        .load(conn)?;
    // The ageing, added up by the database over what is open (credits in a column of their
    // own, as negative amounts), so a customer with thousands of open items costs one row per
    // column; the items themselves, the oldest due first, a screenful per currency.
    let columns: Vec<Column> = Kept(
        diesel::sql_query(
            "SELECT currency,
                CASE WHEN NOT debit THEN 5
                     WHEN due_on IS NULL OR due_on >= $2 THEN 0
                     WHEN $2 - due_on <= 30 THEN 1
                     WHEN $2 - due_on <= 60 THEN 2
                     WHEN $2 - due_on <= 90 THEN 3
                     ELSE 4 END AS column,
                sum(CASE WHEN debit THEN open_cents ELSE -open_cents END)::bigint AS cents,
                count(*) AS items
           FROM ledger_open WHERE customer_id = $1
          GROUP BY 1, 2",
        )
        .bind::<BigInt, _>(customer_id)
        .bind::<Date, _>(today),
    )
    .load(conn)?;
    // A screenful per currency, read in the open items' index order.
    let open: Vec<Item> = Kept(
        diesel::sql_query(format!(
            "SELECT {ITEM}
           FROM customer_balances b
          CROSS JOIN LATERAL (SELECT * FROM ledger_open o
                               WHERE o.customer_id = b.customer_id AND o.currency = b.currency
                               ORDER BY o.due_on, o.posted_on, o.entry_id LIMIT {OPEN_SHOWN}) o
           JOIN ledger_entries e ON e.id = o.entry_id
          WHERE b.customer_id = $1
          ORDER BY o.currency, o.due_on, o.posted_on, o.entry_id"
        ))
        .bind::<BigInt, _>(customer_id),
    )
    .load(conn)?;
    let recent: Vec<Item> = Kept(
        diesel::sql_query(format!(
            "SELECT {ITEM} FROM ledger_entries e LEFT JOIN ledger_open o ON o.entry_id = e.id
          WHERE e.customer_id = $1 ORDER BY e.posted_on DESC, e.id DESC LIMIT {RECENT}"
        ))
        .bind::<BigInt, _>(customer_id),
    )
    .load(conn)?;
    let mut currencies: Vec<CurrencyAccount> = balances
        .iter()
        .map(|(currency, cents)| CurrencyAccount {
            balance_cents: *cents,
            ..CurrencyAccount::new(currency)
        })
        .collect();
    for c in columns {
        if let Some(account) = currencies.iter_mut().find(|a| a.currency == c.currency) {
            account.ageing.put(c.column, c.cents);
            account.open_count += c.items;
        }
    }
    for item in open {
        if let Some(account) = currencies.iter_mut().find(|c| c.currency == item.currency) {
            account.open.push(item);
        }
    }
    Ok(Accounts {
        today,
        currencies,
        recent,
    })
}
