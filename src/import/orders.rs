//! orders.csv: its declaration, its line checks (the customers it names must be known) and its
//! upsert, and its fast path: a first load of orders goes straight into the orders table, set
//! aside as a restore's, with the customers' totals summed in Rust on the way (`first_load`),
//! not through the staging table and the totals trigger.

use super::{
    FileReport, ImportError,
    bulk::{self, Aside, Keys},
    customers::Accounts,
    lines,
    pipeline::{
        self, Checking, Columns, FileSpec, ImportFile, Steps, copy_csv, copy_error, count, db,
        fewer_than, first_row_refused, prefixed,
    },
};
use crate::tools::generate::ORDERS_HEADER;
use diesel::{Connection, PgConnection, RunQueryDsl};
use std::{cell::RefCell, collections::HashMap, time::Instant};

mod stage {
    // The orders' lines are staged as the orders' columns (see `write_orders`).
    diesel::table! {
        import_orders (line) {
            line -> Int8,
            order_number -> Nullable<Text>,
            customer_id -> Nullable<Int8>,
            placed_at -> Nullable<Timestamptz>,
            status -> Nullable<Text>,
            total_cents -> Nullable<Int8>,
            currency -> Nullable<Text>,
            invoice_number -> Nullable<Text>,
            tracking_number -> Nullable<Text>,
            channel -> Nullable<Text>,
            channel_order_id -> Nullable<Text>,
            channel_user_id -> Nullable<Text>,
        }
    }
}

pub(super) static ORDERS: FileSpec = FileSpec {
    name: "orders.csv",
    header: ORDERS_HEADER,
    staging: "import_orders",
    // The columns `write_orders` writes.
    columns: Columns::Typed(
        "order_number TEXT, customer_id BIGINT, placed_at TIMESTAMPTZ, status TEXT, \
         total_cents BIGINT, currency TEXT, invoice_number TEXT, tracking_number TEXT, \
         channel TEXT, channel_order_id TEXT, channel_user_id TEXT",
    ),
    checking: Checking::Lines {
        rules: &ORDER_RULES,
        apart: None,
    },
};

/// Imports orders.csv (shape checked) in the caller's transaction: a first load of many orders
/// by the fast path (`first_load`), any other through the staging table; then the order number
/// sequence moves past the numbers imported.
pub(super) fn import(
    conn: &mut PgConnection,
    file: Orders,
    body: &[u8],
    started: Instant,
    progress: &mut dyn FnMut(&str),
) -> Result<FileReport, ImportError> {
    let db = db(ORDERS.name);
    let new = body.iter().filter(|b| **b == b'\n').count() as u64;
    let report = if new >= file.0.bulk_from_rows && fewer_than(conn, "orders", 1).map_err(&db)? {
        first_load(
            conn,
            &file,
            body,
            new,
            Steps::new(ORDERS.name, started, progress),
        )
    } else {
        pipeline::load(conn, &file, body, started, progress)
    }?;
    // Orders placed from now on are numbered past the numbers this file brought.
    crate::models::orders::placing::numbers_past_taken(conn).map_err(&db)?;
    Ok(report)
}

/// orders.csv, with the customers it may name and their ids.
pub(super) struct Orders(pub(super) Accounts);

impl ImportFile for Orders {
    fn spec(&self) -> &'static FileSpec {
        &ORDERS
    }

    fn known(&self, account: &str) -> bool {
        self.0.ids.contains_key(account)
    }

    fn copy(&self, conn: &mut PgConnection, body: &[u8]) -> diesel::QueryResult<u64> {
        copy_orders(conn, body, &self.0.ids, Target::Staging)
    }

    /// In a savepoint, so that a value already taken by another order (which only the insert
    /// finds out) can still be traced to its line.
    fn upsert(&self, conn: &mut PgConnection) -> Result<(u64, u64), ImportError> {
        let file = ORDERS.name;
        match conn.transaction(|conn| upsert_orders(conn, self.0.bulk_from_rows)) {
            Ok(counts) => Ok(counts),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                info,
            )) => Err(match taken_order_value(conn).map_err(db(file))? {
                Some((line, reason)) => ImportError::Invalid { file, line, reason },
                None => same_value(file, info.constraint_name()),
            }),
            Err(e) => Err(db(file)(e)),
        }
    }
}

/// A first load of orders, straight into the table, set aside as a restore's (see
/// `orders_aside`), not through a staging table. Their totals are summed on the way and written
/// once after (`FIRST_TOTALS`), not by the trigger, whose transition table alone would hold a
/// copy of every order.
fn first_load(
    conn: &mut PgConnection,
    file: &Orders,
    body: &[u8],
    new: u64,
    mut steps: Steps<'_>,
) -> Result<FileReport, ImportError> {
    let name = ORDERS.name;
    let db = db(name);
    let (aside, fresh) = empty_orders_aside(conn, new)?;
    let totals = RefCell::new(Totals::new());
    let rows = pipeline::copy_checked(conn, file, body, |conn| {
        copy_orders(conn, body, &file.0.ids, Target::Orders(&totals, fresh))
    })?;
    steps.copied(rows);
    steps.validated(rows);
    copy_totals(conn, &totals.into_inner()).map_err(&db)?;
    diesel::sql_query(FIRST_TOTALS).execute(conn).map_err(&db)?;
    aside.restore(conn).map_err(|e| match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            info,
        ) => same_value(name, info.constraint_name()),
        e => db(e),
    })?;
    steps.step(&format!("loaded {rows} new orders"));
    Ok(pipeline::report(name, rows, rows, 0))
}

/// Sets the orders aside for a first load of `new` orders without their totals trigger, and
/// empties them in this transaction, under the lock the set-aside took: with the private
/// cluster's minimal WAL the rows then go to disk once, at commit, not also through the WAL,
/// and frozen (`copy_orders`). Orders that another transaction committed since they were
/// counted fail the file rather than being emptied with it. Says whether the orders were
/// emptied: not while the ledger has entries (they would have to go with them).
fn empty_orders_aside(
    conn: &mut PgConnection,
    new: u64,
) -> Result<(bulk::SetAside, bool), ImportError> {
    let db = db(ORDERS.name);
    let mut aside = orders_aside(conn, new).map_err(&db)?;
    aside
        .drop_trigger(conn, "orders", "orders_totals_insert")
        .map_err(&db)?;
    if !fewer_than(conn, "orders", 1).map_err(&db)? {
        return Err(ImportError::Setup(
            "orders.csv: orders arrived while the file was read; nothing of \
             orders.csv was imported, import it again"
                .into(),
        ));
    }
    // No orders, so no order lines (nor feed rows) either; lines reference orders, so they are emptied with them
    // (a fresh file spares the WAL). So do ledger entries (an invoiced order): with entries in the
    // ledger (opening balances before any order), the orders load into the tables as they are.
    let fresh = fewer_than(conn, "ledger_entries", 1).map_err(&db)?;
    let tables = match fresh {
        true => {
            "orders, order_lines, order_events, order_feed, ledger_allocations, invoice_reminders, \
             ledger_open, ledger_entries"
        }
        false => "order_lines, order_events, order_feed",
    };
    diesel::sql_query(format!("TRUNCATE {tables}"))
        .execute(conn)
        .map_err(&db)?;
    Ok((aside, fresh))
}

/// The order file's checks, in the format's order (the customers known are read before the file).
const ORDER_RULES: [lines::Rule; 12] = {
    use lines::Rule::*;
    [
        Shape(
            "order_number",
            lines::is_order_number,
            "SO- followed by at least 7 digits",
        ),
        Unique("order_number"),
        Required("account_number"),
        Known("account_number", "a known customer"),
        Timestamp("placed_at"),
        OneOf(
            "status",
            &["unallocated", "allocated", "dispatched", "cancelled"],
        ),
        Shape(
            "total",
            lines::is_money,
            "money with two decimals (like 1213.89)",
        ),
        OneOf("currency", &["GBP", "EUR", "USD"]),
        Unique("invoice_number"),
        Unique("tracking_number"),
        OneOf("channel", &["web", "edi", "ebay", "amazon"]),
        Unique("channel_order_id"),
    ]
};

/// The first line whose invoice number, tracking number or marketplace order id already belongs
/// to an order that the file does not mention (an order the file mentions keeps the value the
/// file gives it, which the in-file checks have already compared).
fn taken_order_value(conn: &mut PgConnection) -> diesel::QueryResult<Option<(u64, String)>> {
    let probes: Vec<String> = ["invoice_number", "tracking_number", "channel_order_id"]
        .iter()
        .map(|col| {
            format!(
                "SELECT s.line, format('{col} %L already belongs to order %s', o.{col}, \
                        o.order_number) AS reason
                   FROM import_orders s JOIN orders o ON o.{col} = s.{col}
                  WHERE o.order_number <> s.order_number
                    AND NOT EXISTS (SELECT 1 FROM import_orders m
                                     WHERE m.order_number = o.order_number)"
            )
        })
        .collect();
    first_row_refused(
        conn,
        &format!(
            "SELECT line, reason FROM ({}) t ORDER BY line LIMIT 1",
            probes.join(" UNION ALL ")
        ),
    )
}

/// The customers' columns the orders' totals trigger writes.
const TOTALS_COLUMNS: [&str; 3] = ["order_count", "order_value_cents", "order_currency"];

/// Orders by order_number; the customers' order counts and values follow by trigger.
fn upsert_orders(conn: &mut PgConnection, bulk_from_rows: u64) -> diesel::QueryResult<(u64, u64)> {
    // A plain UPDATE of the changed orders, then a plain INSERT of the new ones: for a million
    // rows clearly faster than INSERT … ON CONFLICT, whose speculative insertion costs per row.
    // Updating first frees unique values (invoice, tracking numbers) that new orders may take.
    let staged = "SELECT * FROM import_orders";
    let columns = "customer_id, placed_at, status, total_cents, currency, invoice_number, \
                   tracking_number, channel, channel_order_id, channel_user_id";
    let prefixed = |p: &str| prefixed(columns, p);
    let updated = diesel::sql_query(format!(
        "UPDATE orders o SET ({columns}, updated_at) = ({}, now())
           FROM ({staged}) n
          WHERE o.order_number = n.order_number AND ({}) IS DISTINCT FROM ({})",
        prefixed("n"),
        prefixed("o"),
        prefixed("n"),
    ))
    .execute(conn)?;
    let fresh = "FROM import_orders s
         WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_number = s.order_number)";
    let new = count(conn, &format!("SELECT count(*) AS n {fresh}"))?;
    // A load that more than doubles the orders goes as a restore does (see `orders_aside`).
    let aside = if new >= bulk_from_rows && fewer_than(conn, "orders", new)? {
        Some(orders_aside(conn, new)?)
    } else {
        None
    };
    if new == 0 {
        return Ok((0, updated as u64));
    }
    let inserted = diesel::sql_query(format!(
        "INSERT INTO orders (order_number, {columns})
         SELECT n.order_number, {} FROM ({staged}) n
          WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_number = n.order_number)",
        prefixed("n"),
    ))
    .execute(conn)?;
    if let Some(aside) = aside {
        aside.restore(conn)?;
    }
    Ok((inserted as u64, updated as u64))
}

/// The order totals of a first load per customer and currency (its id, the currency's three
/// letters): how many orders, and the value of those not cancelled, in cents. Summed in Rust as
/// the lines are written (`write_orders`), where the database would read the million orders
/// once more to group them; what the orders' trigger would have written.
type Totals = HashMap<(i64, [u8; 3]), (i32, i64)>;

/// Writes a first load's totals per currency (`Totals`); the customers' own follow
/// (`FIRST_TOTALS`).
fn copy_totals(conn: &mut PgConnection, totals: &Totals) -> diesel::QueryResult<u64> {
    use crate::schema::customer_order_totals::*;
    let write = |w: &mut dyn std::io::Write| {
        let mut out = Vec::with_capacity(totals.len() * 24);
        for ((customer, currency_code), (n, value)) in totals {
            let code = String::from_utf8_lossy(currency_code);
            writeln!(out, "{customer},{code},{n},{value}").map_err(copy_error)?;
        }
        w.write_all(&out).map_err(copy_error)
    };
    use std::io::Write;
    let columns = (customer_id, currency, order_count, value_cents);
    copy_csv(conn, columns, false, write)
}

/// The customers' order totals of a first load, from its totals per currency (`copy_totals`).
const FIRST_TOTALS: &str = "UPDATE customers c
        SET order_count = s.n, order_value_cents = s.v, order_currency = s.currency
       FROM (SELECT customer_id, sum(order_count)::integer AS n, sum(value_cents)::bigint AS v,
                    CASE WHEN count(*) = 1 THEN min(currency) END AS currency
               FROM customer_order_totals GROUP BY customer_id) s
      WHERE c.id = s.customer_id
        AND (c.order_count, c.order_value_cents, c.order_currency)
            IS DISTINCT FROM (s.n, s.v, s.currency)";

/// Sets the orders aside for a load of `new` orders that more than doubles them. When it also
/// brings more orders than there are customers (a first load above all), most customers get new
/// totals: the customers' indexes on the totals are built again once, rather than each of those
/// customers being written through them by the totals trigger; the trigger's update then changes
/// no other indexed column, and is heap-only wherever the row's page has room (a first load
/// leaves it, see `upsert_customers`). The totals per currency go in without their foreign key,
/// which is checked once after.
fn orders_aside(conn: &mut PgConnection, new: u64) -> diesel::QueryResult<bulk::SetAside> {
    let tables: &[(&str, Aside)] = if fewer_than(conn, "customers", new)? {
        &[
            ("orders", Aside::All(Keys::DropAll)),
            ("customers", Aside::IndexesOn(&TOTALS_COLUMNS)),
            ("customer_order_totals", Aside::All(Keys::Drop)),
        ]
    } else {
        &[("orders", Aside::All(Keys::DropAll))]
    };
    bulk::set_aside(conn, tables)
}

/// The message for two orders of the file that end up with the same unique value, which the
/// line checks cannot see (values equal only once trimmed).
fn same_value(file: &'static str, constraint: Option<&str>) -> ImportError {
    ImportError::Setup(format!(
        "{file}: the file would give two orders the same value ({}); nothing of {file} was \
         imported",
        constraint.unwrap_or("a unique value")
    ))
}

/// The orders' lines as their table's columns (see `write_orders`), into the staging table, or
/// for a first load straight into the orders table, emptied and set aside: far
/// cheaper than COPYing a staging table and inserting from it, as the COPY is then the only pass
/// over the orders. The line checks run beside it; a line they refuse may make the COPY fail
/// (the order of a customer nobody knows has no id), and their message is the one reported.
fn copy_orders(
    conn: &mut PgConnection,
    body: &[u8],
    accounts: &HashMap<String, i64>,
    into: Target<'_>,
) -> diesel::QueryResult<u64> {
    let totals = match into {
        Target::Orders(totals, _) => Some(totals),
        Target::Staging => None,
    };
    let write = |w: &mut dyn std::io::Write| {
        let mut totals = totals.map(|t| t.borrow_mut());
        write_orders(body, accounts, totals.as_deref_mut(), w).map_err(copy_error)
    };
    // The orders' columns of `$table`, in the order `write_orders` writes them.
    macro_rules! columns {
        ($table:path) => {{
            use $table::*;
            (
                order_number,
                customer_id,
                placed_at,
                status,
                total_cents,
                currency,
                invoice_number,
                tracking_number,
                channel,
                channel_order_id,
                channel_user_id,
            )
        }};
    }
    match into {
        Target::Staging => copy_csv(conn, columns!(stage::import_orders), false, write),
        Target::Orders(_, fresh) => copy_csv(conn, columns!(crate::schema::orders), fresh, write),
    }
}

/// Where `copy_orders` writes: the staging table, or the orders table (a first load, whose
/// totals are summed on the way).
enum Target<'a> {
    Staging,
    /// The orders table, and whether it was emptied in this transaction (then COPY freezes).
    Orders(&'a RefCell<Totals>, bool),
}

/// orders.csv's lines as the orders table's columns (see `copy_orders`): the account number
/// becomes the customer's id, the total cents; the optional identifiers are trimmed, and NULL
/// when empty; every text is quoted. The database parses the timestamps.
fn write_orders(
    body: &[u8],
    accounts: &HashMap<String, i64>,
    mut totals: Option<&mut Totals>,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use std::io::Write;
    const OPTIONAL: [usize; 4] = [6, 7, 9, 10];
    let mut out: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut written = Ok(());
    lines::each_line(body, |_, fields| {
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            match i {
                // The order of a customer nobody knows gets no id: its line is refused.
                1 => {
                    if let Some(id) = accounts.get(field.as_ref()) {
                        write!(out, "{id}").expect("a Vec takes every write");
                    }
                }
                4 => out.extend(field.bytes().filter(|b| *b != b'.')),
                i if OPTIONAL.contains(&i) => quoted(&mut out, field.trim_matches(' ')),
                _ => quoted(&mut out, field),
            }
        }
        out.push(b'\n');
        // A line the checks refuse fails the file, and its totals with it.
        if let (Some(totals), Some(id), Ok(currency), Ok(cents)) = (
            totals.as_deref_mut(),
            accounts.get(fields[1].as_ref()),
            <[u8; 3]>::try_from(fields[5].as_bytes()),
            fields[4].replace('.', "").parse::<i64>(),
        ) {
            let (n, value) = totals.entry((*id, currency)).or_default();
            *n += 1;
            if fields[3] != "cancelled" {
                *value += cents;
            }
        }
        if out.len() >= 1 << 20 {
            written = w.write_all(&out);
            out.clear();
        }
        written.is_ok()
    });
    written?;
    w.write_all(&out)
}

/// A CSV field in quotes (an empty value stays unquoted: NULL to COPY).
fn quoted(out: &mut Vec<u8>, value: &str) {
    if value.is_empty() {
        return;
    }
    out.push(b'"');
    for b in value.bytes() {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
}
