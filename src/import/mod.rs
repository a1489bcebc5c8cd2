//! Importing customers, addresses and orders from the CSV files described in
//! docs/import-format.md.
//!
//! Each file present is imported in a transaction of its own, in the order customers.csv,
//! addresses.csv, orders.csv. The file is checked for its shape in Rust (UTF-8, header, field
//! count per line), COPied into a temporary staging table (with each row's line number) while
//! its lines are checked in Rust (see `lines`; the first bad line aborts the file, which writes
//! nothing), then merged with set-based upserts that leave unchanged rows alone. No per-row
//! round trips. A first load of orders goes straight into its table (see `copy_orders`).

use crate::tools::generate::{ADDRESSES_HEADER, CUSTOMERS_HEADER, ORDERS_HEADER};
use diesel::{
    Connection, ExecuteCopyFromDsl, OptionalExtension, PgConnection, QueryableByName, RunQueryDsl,
    pg::CopyFormat,
    sql_types::{BigInt, Nullable, Text},
};
use std::{collections::HashMap, fmt, path::Path, time::Instant};

mod bulk;
use bulk::{Aside, Keys};
pub mod job;
mod lines;
pub mod products;
pub mod progress;

mod stage {
    diesel::table! {
        import_customers (line) {
            line -> Int8,
            account_number -> Nullable<Text>,
            name -> Nullable<Text>,
            trading_name -> Nullable<Text>,
            customer_type -> Nullable<Text>,
            email -> Nullable<Text>,
            phone -> Nullable<Text>,
            postcode -> Nullable<Text>,
            city -> Nullable<Text>,
            country -> Nullable<Text>,
            sales_channel -> Nullable<Text>,
            tags -> Nullable<Text>,
            credit_limit -> Nullable<Text>,
            payment_terms -> Nullable<Text>,
            active -> Nullable<Text>,
            created_at -> Nullable<Text>,
        }
    }
    diesel::table! {
        import_addresses (line) {
            line -> Int8,
            account_number -> Nullable<Text>,
            kind -> Nullable<Text>,
            is_default -> Nullable<Text>,
            line1 -> Nullable<Text>,
            line2 -> Nullable<Text>,
            city -> Nullable<Text>,
            postcode -> Nullable<Text>,
            country -> Nullable<Text>,
        }
    }
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

/// The format's sales channels and the seeded sales channel each becomes.
pub const CHANNEL_MAP: [(&str, &str); 4] = [
    ("retail", "Web shop"),
    ("trade", "Trade counter"),
    ("wholesale", "Distribution"),
    ("marketplace", "Marketplace"),
];
/// The format's payment terms and the days of the payment term each becomes (None: prepaid).
pub const TERMS_MAP: [(&str, Option<i32>); 4] = [
    ("prepaid", None),
    ("net_15", Some(15)),
    ("net_30", Some(30)),
    ("net_60", Some(60)),
];

/// What happened to one file's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub file: &'static str,
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl fmt::Display for FileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} rows, {} inserted, {} updated, {} unchanged",
            self.file, self.rows, self.inserted, self.updated, self.unchanged
        )
    }
}

#[derive(Debug)]
pub enum ImportError {
    /// A line of the file is wrong (line 1 is the header); nothing of this file was written.
    Invalid {
        file: &'static str,
        line: u64,
        reason: String,
    },
    /// Something other than a line is wrong (no files, missing reference data).
    Setup(String),
    Io {
        file: &'static str,
        error: std::io::Error,
    },
    Database {
        file: &'static str,
        error: diesel::result::Error,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Invalid { file, line, reason } => {
                write!(
                    f,
                    "{file} line {line}: {reason} (nothing of {file} was imported)"
                )
            }
            ImportError::Setup(m) => f.write_str(m),
            ImportError::Io { file, error } => write!(f, "{file}: {error}"),
            ImportError::Database { file, error } => write!(f, "{file}: {error}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// For the transaction's own begin/commit failures.
impl From<diesel::result::Error> for ImportError {
    fn from(error: diesel::result::Error) -> Self {
        ImportError::Database {
            file: "import",
            error,
        }
    }
}

pub struct ImportOptions<'a> {
    /// Domain of the generated price-list addresses of new customers.
    pub price_list_email_domain: &'a str,
    /// A file that adds at least this many rows, and more than its table holds, is loaded as a
    /// restore is (see `bulk`): [`BULK_FROM_ROWS`] unless a test wants the path for a few rows.
    pub bulk_from_rows: u64,
}

/// Below this many new rows, a load goes through the table's indexes row by row.
pub const BULK_FROM_ROWS: u64 = 10_000;

pub const FILES: [&str; 3] = ["customers.csv", "addresses.csv", "orders.csv"];

/// Imports every file of the format present in `dir`. Each file is all or nothing; files
/// imported before a failing one stay imported. `progress` receives one line per phase.
pub fn import_dir(
    conn: &mut PgConnection,
    dir: &Path,
    options: &ImportOptions<'_>,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<FileReport>, ImportError> {
    let present: Vec<&'static str> = FILES
        .into_iter()
        .filter(|f| dir.join(f).is_file())
        .collect();
    if present.is_empty() {
        return Err(ImportError::Setup(format!(
            "{} holds none of customers.csv, addresses.csv, orders.csv",
            dir.display()
        )));
    }
    let mut reports = Vec::new();
    // Fresh statistics once the files are in (or one has failed), for every table a file changed,
    // so the first searches after a large import get good plans rather than waiting for
    // autovacuum to notice. Orders also rewrite every customer they touch (the kept totals):
    // without a fresh look at customers too, the planner would scale its row count by the grown
    // table and the list's estimated count would come out half as large again. Each table once:
    // the index builds of a large load have already told the planner how many rows there are.
    let mut stale: Vec<&str> = Vec::new();
    let mut outcome = Ok(());
    for file in present {
        let imported = std::fs::read(dir.join(file))
            .map_err(|error| ImportError::Io { file, error })
            .and_then(|data| import_file(conn, file, &data, options, progress));
        let report = match imported {
            Ok(report) => report,
            Err(e) => {
                outcome = Err(e);
                break;
            }
        };
        if report.inserted + report.updated > 0 {
            let tables: &[&str] = match file {
                "customers.csv" => &["customers"],
                "addresses.csv" => &["customer_addresses"],
                _ => &["orders", "customers", "customer_order_totals"],
            };
            for table in tables {
                if !stale.contains(table) {
                    stale.push(table);
                }
            }
        }
        reports.push(report);
    }
    for table in stale {
        let analyzed = diesel::sql_query(format!("ANALYZE {table}")).execute(conn);
        // A failed file's own error is the one to report; statistics are only a help.
        if let (Err(e), Ok(())) = (analyzed, &outcome) {
            outcome = Err(ImportError::Setup(format!("analyzing {table}: {e}")));
        }
    }
    outcome.map(|()| reports)
}

/// Imports one file of the format (`file` is its name, which says what it holds).
pub fn import_file(
    conn: &mut PgConnection,
    file: &'static str,
    data: &[u8],
    options: &ImportOptions<'_>,
    progress: &mut dyn FnMut(&str),
) -> Result<FileReport, ImportError> {
    let started = Instant::now();
    let header = match file {
        "customers.csv" => CUSTOMERS_HEADER,
        "addresses.csv" => ADDRESSES_HEADER,
        "orders.csv" => ORDERS_HEADER,
        other => {
            return Err(ImportError::Setup(format!(
                "{other} is not a file of the format"
            )));
        }
    };
    let body = check_shape(file, data, header)?;
    conn.transaction(|conn| {
        let db = |error| ImportError::Database { file, error };
        // Room for the hash joins and sorts, and for the trigram indexes' pending entries, which
        // are merged in bulk far faster than one by one.
        for setting in ["work_mem = '256MB'", "gin_pending_list_limit = '64MB'"] {
            diesel::sql_query(format!("SET LOCAL {setting}"))
                .execute(conn)
                .map_err(db)?;
        }
        // Each file's lines are checked in Rust beside the COPY (see `lines`); for addresses and
        // orders the customers' account numbers are read first, for the check that each line's
        // customer is known and for the orders' customer ids.
        let rules: &[lines::Rule] = match file {
            "customers.csv" => &CUSTOMER_RULES,
            "addresses.csv" => &ADDRESS_RULES,
            _ => &ORDER_RULES,
        };
        let accounts = match file {
            "customers.csv" => None,
            _ => Some(account_ids(conn).map_err(db)?),
        };
        let known = |account: &str| accounts.as_ref().is_none_or(|a| a.contains_key(account));
        // A first load of orders goes straight into the table, set aside as a restore's (see
        // `orders_aside`), not through a staging table.
        let direct = match &accounts {
            Some(accounts) if file == "orders.csv" => {
                let new = body.iter().filter(|b| **b == b'\n').count() as u64;
                if new >= options.bulk_from_rows && fewer_than(conn, "orders", 1).map_err(db)? {
                    let mut aside = orders_aside(conn, new).map_err(db)?;
                    // Their totals are summed once after (`FIRST_TOTALS`), not by the trigger,
                    // whose transition table alone would hold a copy of every order.
                    aside
                        .drop_trigger(conn, "orders", "orders_totals_insert")
                        .map_err(db)?;
                    // Emptied in this transaction, under the lock the set-aside took: with the
                    // private cluster's minimal WAL the rows then go to disk once, at commit,
                    // not also through the WAL, and frozen (`copy_orders`). Orders that another
                    // transaction committed since the count above fail the file rather than
                    // being emptied with it.
                    if !fewer_than(conn, "orders", 1).map_err(db)? {
                        return Err(ImportError::Setup(
                            "orders.csv: orders arrived while the file was read; nothing of \
                             orders.csv was imported, import it again"
                                .into(),
                        ));
                    }
                    diesel::sql_query("TRUNCATE orders")
                        .execute(conn)
                        .map_err(db)?;
                    Some((aside, accounts))
                } else {
                    None
                }
            }
            _ => None,
        };
        let totals = std::cell::RefCell::new(Totals::new());
        let (rows, in_file) = std::thread::scope(|scope| {
            let checking = scope.spawn(|| {
                let apart = (file == "addresses.csv").then(|| first_bad_default(body));
                lines::first_bad(
                    lines::first_bad_line(body, header, rules, &known),
                    apart.flatten(),
                )
            });
            let rows = match &direct {
                Some((_, accounts)) => copy_orders(conn, body, accounts, Target::Orders(&totals)),
                None => copy(conn, file, body, accounts.as_ref()),
            };
            let in_file = checking
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (rows, in_file)
        });
        // A bad line explains a failed COPY (an unknown customer's order has no id, say).
        if let Some(bad) = in_file {
            return Err(ImportError::Invalid {
                file,
                line: bad.line,
                reason: bad.reason,
            });
        }
        let rows = rows.map_err(db)?;
        progress(&format!(
            "{file}: copied {rows} rows ({:.1} s)",
            started.elapsed().as_secs_f64()
        ));
        progress(&format!(
            "{file}: validated {rows} rows ({:.1} s)",
            started.elapsed().as_secs_f64()
        ));
        if let Some((aside, _)) = direct {
            copy_totals(conn, &totals.into_inner()).map_err(db)?;
            diesel::sql_query(FIRST_TOTALS).execute(conn).map_err(db)?;
            aside.restore(conn).map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    info,
                ) => same_value(file, info.constraint_name()),
                e => db(e),
            })?;
            progress(&format!(
                "{file}: loaded {rows} new orders ({:.1} s)",
                started.elapsed().as_secs_f64()
            ));
            return Ok(FileReport {
                file,
                rows,
                inserted: rows,
                updated: 0,
                unchanged: 0,
            });
        }
        let (inserted, updated) = match file {
            "customers.csv" => upsert_customers(conn, options)?,
            "addresses.csv" => upsert_addresses(conn, options.bulk_from_rows).map_err(db)?,
            // A savepoint, so that a value already taken by another order (which only the
            // insert finds out) can still be traced to its line.
            _ => match conn.transaction(|conn| upsert_orders(conn, options.bulk_from_rows)) {
                Ok(counts) => counts,
                Err(diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    info,
                )) => {
                    return Err(match taken_order_value(conn).map_err(db)? {
                        Some((line, reason)) => ImportError::Invalid { file, line, reason },
                        None => same_value(file, info.constraint_name()),
                    });
                }
                Err(e) => return Err(db(e)),
            },
        };
        progress(&format!(
            "{file}: upserted {rows} rows: {inserted} inserted, {updated} updated ({:.1} s)",
            started.elapsed().as_secs_f64()
        ));
        Ok(FileReport {
            file,
            rows,
            inserted,
            updated,
            unchanged: rows - inserted - updated,
        })
    })
}

/// Checks what the database cannot tell us by line: UTF-8, the header, one line-end style (LF,
/// or CR LF as Excel writes it, throughout the file), the number of fields on each line, no line
/// breaks in fields. A leading byte-order mark (Excel's "CSV UTF-8") is skipped. Returns the
/// data after the header, which COPY reads with either line end.
pub(crate) fn check_shape<'a>(
    file: &'static str,
    data: &'a [u8],
    header: &str,
) -> Result<&'a [u8], ImportError> {
    let invalid = |line: u64, reason: String| ImportError::Invalid { file, line, reason };
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    if let Err(e) = std::str::from_utf8(data) {
        let line = data[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64
            + 1;
        return Err(invalid(line, "the text is not valid UTF-8".into()));
    }
    let header_end = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    let crlf = data[..header_end].ends_with(b"\r");
    let first = &data[..header_end - usize::from(crlf)];
    if first != header.as_bytes() {
        return Err(invalid(1, format!("the header must be exactly: {header}")));
    }
    let mixed = || {
        if crlf {
            "the header line ends with CR LF, so every line must (this one ends with LF alone)"
        } else {
            "the header line ends with LF, so every line must (this one ends with CR LF)"
        }
        .to_string()
    };
    let body = &data[(header_end + 1).min(data.len())..];
    let expected = header.split(',').count();
    let mut line = 2u64;
    let mut fields = 1usize;
    let mut quoted = false;
    let mut line_start = true;
    let mut after_cr = false;
    for &b in body {
        if after_cr && b != b'\n' {
            return Err(invalid(
                line,
                "a carriage return (CR) stands alone inside the line".into(),
            ));
        }
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => fields += 1,
            b'\r' if !quoted => {
                if !crlf {
                    return Err(invalid(line, mixed()));
                }
                after_cr = true;
                continue;
            }
            b'\n' => {
                if quoted {
                    return Err(invalid(
                        line,
                        "a quoted field is not closed on its line (fields hold no line breaks)"
                            .into(),
                    ));
                }
                if crlf && !after_cr {
                    return Err(invalid(line, mixed()));
                }
                after_cr = false;
                if fields != expected {
                    return Err(invalid(
                        line,
                        format!("{fields} fields where the header has {expected}"),
                    ));
                }
                line += 1;
                fields = 1;
                line_start = true;
                continue;
            }
            _ => {}
        }
        line_start = false;
    }
    if after_cr {
        return Err(invalid(
            line,
            "a carriage return (CR) stands alone at the end".into(),
        ));
    }
    if !line_start {
        if quoted {
            return Err(invalid(line, "a quoted field is not closed".into()));
        }
        if fields != expected {
            return Err(invalid(
                line,
                format!("{fields} fields where the header has {expected}"),
            ));
        }
    }
    Ok(body)
}

pub(crate) fn copy_error(e: std::io::Error) -> diesel::result::Error {
    diesel::result::Error::SerializationError(Box::new(e))
}

/// COPY the rows into a fresh staging table; the line column numbers them from 2. The customers
/// and addresses as text, the orders as their table's columns (`accounts` gives the customers'
/// ids, see `write_orders`).
fn copy(
    conn: &mut PgConnection,
    file: &str,
    body: &[u8],
    accounts: Option<&HashMap<String, i64>>,
) -> diesel::QueryResult<u64> {
    use stage::*;
    let (table, columns) = match file {
        "customers.csv" => ("import_customers", CUSTOMERS_HEADER),
        "addresses.csv" => ("import_addresses", ADDRESSES_HEADER),
        _ => ("import_orders", STAGED_ORDERS),
    };
    let cols: Vec<String> = columns
        .split(',')
        .map(|c| match c {
            "customer_id" | "total_cents" => format!("{c} BIGINT"),
            "placed_at" => format!("{c} TIMESTAMPTZ"),
            _ => format!("{c} TEXT"),
        })
        .collect();
    diesel::sql_query(format!(
        "CREATE TEMP TABLE {table} (line BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 2), {}) ON COMMIT DROP",
        cols.join(", ")
    ))
    .execute(conn)?;
    let write = |w: &mut dyn std::io::Write| w.write_all(body).map_err(copy_error);
    let n = match file {
        "customers.csv" => {
            use import_customers::*;
            diesel::copy_from(table)
                .from_raw_data(
                    (
                        account_number,
                        name,
                        trading_name,
                        customer_type,
                        email,
                        phone,
                        postcode,
                        city,
                        country,
                        sales_channel,
                        tags,
                        credit_limit,
                        payment_terms,
                        active,
                        created_at,
                    ),
                    write,
                )
                .with_format(CopyFormat::Csv)
                .execute(conn)?
        }
        "addresses.csv" => {
            use import_addresses::*;
            diesel::copy_from(table)
                .from_raw_data(
                    (
                        account_number,
                        kind,
                        is_default,
                        line1,
                        line2,
                        city,
                        postcode,
                        country,
                    ),
                    write,
                )
                .with_format(CopyFormat::Csv)
                .execute(conn)?
        }
        _ => copy_orders(
            conn,
            body,
            accounts.unwrap_or(&HashMap::new()),
            Target::Staging,
        )? as usize,
    };
    // The staged rows' count and rough shape are what the upserts' plans need: a sample of 3,000
    // rows rather than the default 30,000 (a million orders: 0.2 s -> 0.03 s).
    diesel::sql_query("SET LOCAL default_statistics_target = 10").execute(conn)?;
    diesel::sql_query(format!("ANALYZE {table}")).execute(conn)?;
    diesel::sql_query("RESET default_statistics_target").execute(conn)?;
    Ok(n as u64)
}

/// One validation: a condition on a staging row (`s`) and the message when it holds.
pub(crate) struct Check {
    pub(crate) bad: String,
    pub(crate) reason: String,
}

/// The staging rows (`s`) joined with what the checks need, and the checks in order.
pub(crate) struct Checks {
    pub(crate) from: String,
    pub(crate) checks: Vec<Check>,
}

pub(crate) fn required(col: &str) -> Check {
    Check {
        bad: format!("coalesce(btrim(s.{col}), '') = ''"),
        reason: format!("'{col} is missing'"),
    }
}

pub(crate) fn one_of(col: &str, values: &[&str]) -> Check {
    let list: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    Check {
        bad: format!("coalesce(s.{col}, '') NOT IN ({})", list.join(", ")),
        reason: format!(
            "CASE WHEN coalesce(s.{col}, '') = '' THEN '{col} is missing' ELSE format('{col} %L is not one of {}', s.{col}) END",
            values.join(", ")
        ),
    }
}

pub(crate) fn matches(col: &str, regex: &str, what: &str) -> Check {
    Check {
        bad: format!("coalesce(s.{col}, '') !~ '{regex}'"),
        reason: format!(
            "CASE WHEN coalesce(s.{col}, '') = '' THEN '{col} is missing' ELSE format('{col} %L is not {what}', s.{col}) END"
        ),
    }
}

pub(crate) fn boolean(col: &str) -> Check {
    one_of(col, &["true", "false"])
}

/// Joins the values of `expr` (over the staging table `table`) that occur more than once, with
/// their first line, as `dup_{col}`: a hash aggregate, far cheaper than a window over every row.
pub(crate) fn duplicates(table: &str, col: &str, expr: &str) -> String {
    format!(
        " LEFT JOIN (SELECT {expr} AS v, min(line) AS first FROM {table} \
           WHERE coalesce(btrim({col}), '') <> '' GROUP BY 1 HAVING count(*) > 1) dup_{col} \
           ON dup_{col}.v = {}",
        expr.replace(col, &format!("s.{col}"))
    )
}

/// The customer file's checks, in the format's order; none needs the database.
const CUSTOMER_RULES: [lines::Rule; 15] = {
    use lines::Rule::*;
    [
        Shape(
            "account_number",
            lines::is_account_number,
            "C followed by at least 6 digits",
        ),
        Unique("account_number"),
        Required("name"),
        OneOf("customer_type", &["business", "individual"]),
        Required("email"),
        UniqueFolded("email"),
        Required("postcode"),
        Required("city"),
        Shape(
            "country",
            lines::is_country_code,
            "a two-letter country code",
        ),
        OneOf(
            "sales_channel",
            &["retail", "trade", "wholesale", "marketplace"],
        ),
        Saying(
            "tags",
            lines::is_tag_list,
            "tags {value} are not names separated by ;",
        ),
        Shape(
            "credit_limit",
            lines::is_money,
            "money with two decimals (like 1213.89)",
        ),
        OneOf("payment_terms", &["prepaid", "net_15", "net_30", "net_60"]),
        OneOf("active", &["true", "false"]),
        Timestamp("created_at"),
    ]
};

/// The address file's checks, in the format's order: the fifth and sixth, over the whole file,
/// are `first_bad_default`'s.
const ADDRESS_RULES: [lines::Rule; 10] = {
    use lines::Rule::*;
    [
        Required("account_number"),
        Known("account_number", "a known customer"),
        OneOf("kind", &["billing", "shipping", "admin"]),
        OneOf("is_default", &["true", "false"]),
        Apart,
        Apart,
        Required("line1"),
        Required("city"),
        Required("postcode"),
        Shape(
            "country",
            lines::is_country_code,
            "a two-letter country code",
        ),
    ]
};

/// The address file's checks over the whole file: one default address per customer and kind
/// (a second is refused on its line), and a default billing address for each customer of the
/// file (refused on the customer's first line).
fn first_bad_default(body: &[u8]) -> Option<lines::BadLine> {
    use std::borrow::Cow;
    use std::collections::{HashSet, hash_map::Entry};
    let [second, no_billing] = [4, 5].map(|rule| {
        assert!(matches!(ADDRESS_RULES[rule], lines::Rule::Apart));
        rule
    });
    fn field<'a>(f: &[Cow<'a, str>], i: usize) -> Cow<'a, str> {
        f.get(i).cloned().unwrap_or_default()
    }
    let is = |f: &[Cow<'_, str>], i: usize, value: &str| f.get(i).is_some_and(|v| v == value);
    let mut billed = HashSet::new();
    lines::each_line(body, |_, f| {
        if is(f, 1, "billing") && is(f, 2, "true") {
            billed.insert(field(f, 0));
        }
        true
    });
    let mut defaults = HashMap::new();
    let mut seen = HashSet::new();
    let mut bad = None;
    lines::each_line(body, |line, f| {
        let account = field(f, 0);
        if is(f, 2, "true") {
            match defaults.entry((account.clone(), field(f, 1))) {
                Entry::Occupied(first) => {
                    bad = Some(lines::BadLine {
                        line,
                        rule: second,
                        reason: format!(
                            "a second default {} address for {account} (the first is on line {})",
                            field(f, 1),
                            first.get()
                        ),
                    });
                    return false;
                }
                Entry::Vacant(v) => {
                    v.insert(line);
                }
            }
        }
        if seen.insert(account.clone()) && !billed.contains(&account) {
            bad = Some(lines::BadLine {
                line,
                rule: no_billing,
                reason: format!("{account} has no default billing address in the file"),
            });
            return false;
        }
        true
    });
    bad
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

#[derive(QueryableByName)]
struct BadRow {
    #[diesel(sql_type = BigInt)]
    line: i64,
    #[diesel(sql_type = Nullable<Text>)]
    reason: Option<String>,
}

/// The first line that fails a check, and why.
pub(crate) fn first_bad_row(
    conn: &mut PgConnection,
    checks: &Checks,
) -> diesel::QueryResult<Option<(u64, String)>> {
    let mut case = String::from("CASE");
    let mut any = Vec::new();
    for c in &checks.checks {
        case.push_str(&format!(" WHEN {} THEN {}", c.bad, c.reason));
        any.push(format!("({})", c.bad));
    }
    case.push_str(" END");
    let sql = format!(
        "SELECT s.line, {case} AS reason FROM {} WHERE {} ORDER BY s.line LIMIT 1",
        checks.from,
        any.join(" OR ")
    );
    let bad = diesel::sql_query(sql).load::<BadRow>(conn)?;
    Ok(bad.into_iter().next().map(|b| {
        (
            b.line as u64,
            b.reason.unwrap_or_else(|| "invalid row".into()),
        )
    }))
}

#[derive(QueryableByName)]
struct Counts {
    #[diesel(sql_type = BigInt)]
    inserted: i64,
    #[diesel(sql_type = BigInt)]
    updated: i64,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Nullable<BigInt>)]
    id: Option<i64>,
}

fn one_id(conn: &mut PgConnection, sql: &str) -> Result<Option<i64>, ImportError> {
    diesel::sql_query(sql)
        .load::<Id>(conn)
        .map(|v| v.into_iter().next().and_then(|i| i.id))
        .map_err(|error| ImportError::Database {
            file: "customers.csv",
            error,
        })
}

fn upsert_customers(
    conn: &mut PgConnection,
    options: &ImportOptions<'_>,
) -> Result<(u64, u64), ImportError> {
    let db = |error| ImportError::Database {
        file: "customers.csv",
        error,
    };
    // Reference data the format's values map to.
    let store = one_id(
        conn,
        "SELECT id FROM stores ORDER BY (code <> 'MAIN'), code LIMIT 1",
    )?
    .ok_or_else(|| ImportError::Setup("there is no store for new customers".into()))?;
    let mut channels = Vec::new();
    for (code, name) in CHANNEL_MAP {
        let id = one_id(
            conn,
            &format!("SELECT id FROM sales_channels WHERE lower(name) = lower('{name}')"),
        )?
        .ok_or_else(|| ImportError::Setup(format!("there is no sales channel named {name}")))?;
        channels.push(format!("('{code}', {id}::bigint)"));
    }
    let mut terms = Vec::new();
    for (code, days) in TERMS_MAP {
        let cond = match days {
            Some(d) => format!("days = {d}"),
            None => "days IS NULL".into(),
        };
        let id = one_id(
            conn,
            &format!("SELECT id FROM payment_terms WHERE {cond} ORDER BY id LIMIT 1"),
        )?
        .ok_or_else(|| ImportError::Setup(format!("there are no payment terms for {code}")))?;
        terms.push(format!("('{code}', {id}::bigint)"));
    }
    // Unknown tag names become tags first, so that each customer row is written once with its
    // tag ids (the tag links' trigger then finds them right and writes nothing).
    diesel::sql_query(
        "INSERT INTO tags (name)
         SELECT DISTINCT t FROM import_customers s, unnest(string_to_array(s.tags, ';')) t
          WHERE t <> '' AND NOT EXISTS (SELECT 1 FROM tags WHERE lower(tags.name) = lower(t))
         ON CONFLICT DO NOTHING",
    )
    .execute(conn)
    .map_err(db)?;
    diesel::sql_query(
        "CREATE TEMP TABLE import_touched (customer_id BIGINT PRIMARY KEY, inserted BOOLEAN NOT NULL) ON COMMIT DROP",
    )
    .execute(conn)
    .map_err(db)?;
    // A file that more than doubles the customers goes as a restore does (see `bulk`), with
    // their tag links.
    let new = count(
        conn,
        "SELECT count(*) AS n FROM import_customers s
          WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.account_number = s.account_number)",
    )
    .map_err(db)?;
    let aside =
        if new >= options.bulk_from_rows && fewer_than(conn, "customers", new).map_err(db)? {
            Some(
                bulk::set_aside(
                    conn,
                    &[
                        ("customers", Aside::All(Keys::Drop)),
                        ("customer_tags", Aside::All(Keys::Drop)),
                    ],
                )
                .map_err(db)?,
            )
        } else {
            None
        };
    // The file's customers as the table holds them. A plain UPDATE of those that differ, then a
    // plain INSERT of the new ones: an INSERT … ON CONFLICT DO UPDATE would lock (and so write)
    // every row it meets, changed or not.
    let staged = format!(
        "SELECT s.line, s.account_number, btrim(s.name) AS legal_name,
                nullif(btrim(s.trading_name), '') AS trading_name, s.customer_type,
                btrim(s.email) AS email, nullif(btrim(s.phone), '') AS phone,
                ch.id AS sales_channel_id, pt.id AS payment_terms_id,
                replace(s.credit_limit, '.', '')::bigint AS credit_limit_cents,
                s.active::boolean AS active, s.created_at::timestamptz AS created_at,
                coalesce(tg.ids, '{{}}') AS tag_ids
           FROM import_customers s
           JOIN (VALUES {}) ch(code, id) ON ch.code = s.sales_channel
           JOIN (VALUES {}) pt(code, id) ON pt.code = s.payment_terms
           LEFT JOIN (SELECT s.line, array_agg(DISTINCT tg.id ORDER BY tg.id) AS ids
                        FROM import_customers s, unnest(string_to_array(s.tags, ';')) t
                        JOIN tags tg ON lower(tg.name) = lower(t)
                       GROUP BY s.line) tg ON tg.line = s.line",
        channels.join(", "),
        terms.join(", ")
    );
    let columns = "legal_name, trading_name, customer_type, email, phone, sales_channel_id, \
                   payment_terms_id, credit_limit_cents, active, created_at, tag_ids";
    let prefixed = |p: &str| prefixed(columns, p);
    diesel::sql_query(format!(
        "WITH up AS (
            UPDATE customers c SET ({columns}, updated_at, lock_version) =
                   ({}, now(), c.lock_version + 1)
              FROM ({staged}) n
             WHERE c.account_number = n.account_number AND ({}) IS DISTINCT FROM ({})
            RETURNING c.id)
         INSERT INTO import_touched SELECT id, false FROM up",
        prefixed("n"),
        prefixed("c"),
        prefixed("n"),
    ))
    .execute(conn)
    .map_err(db)?;
    // A load that more than doubles the customers leaves half of each page free: the order
    // totals the orders file writes next then fit beside each row, as a heap-only update that
    // writes none of the two dozen other indexes (see `upsert_orders`). Without the room, the
    // table would end up as large anyway (a new version of every row), with its indexes built
    // twice. Rows added later fill pages as usual.
    if aside.is_some() {
        diesel::sql_query("ALTER TABLE customers SET (fillfactor = 50)")
            .execute(conn)
            .map_err(db)?;
    }
    diesel::sql_query(format!(
        "WITH ins AS (
            INSERT INTO customers (account_number, {columns}, default_store_id, price_list_email)
            SELECT n.account_number, {}, {store},
                   'prices-' || substr(md5(random()::text || n.account_number), 1, 12) || '@' || $1
              FROM ({staged}) n
             WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.account_number = n.account_number)
             ORDER BY n.line
            RETURNING id)
         INSERT INTO import_touched SELECT id, true FROM ins",
        prefixed("n"),
    ))
    .bind::<Text, _>(options.price_list_email_domain)
    .execute(conn)
    .map_err(db)?;
    if aside.is_some() {
        diesel::sql_query("ALTER TABLE customers RESET (fillfactor)")
            .execute(conn)
            .map_err(db)?;
    }

    // The tag links follow the tag ids just written, for the customers written (a customer left
    // alone has its links already). Adding before removing: a first import adds links that match
    // the ids exactly, and the links' trigger writes no customer again.
    for sql in [
        "INSERT INTO customer_tags (customer_id, tag_id)
         SELECT c.id, unnest(c.tag_ids) FROM customers c JOIN import_touched t ON t.customer_id = c.id
         ON CONFLICT DO NOTHING",
        "DELETE FROM customer_tags ct USING import_touched t, customers c
          WHERE ct.customer_id = t.customer_id AND c.id = t.customer_id
            AND NOT ct.tag_id = ANY (c.tag_ids)",
    ] {
        diesel::sql_query(sql).execute(conn).map_err(db)?;
    }
    if let Some(aside) = aside {
        aside.restore(conn).map_err(db)?;
    }
    let counts = diesel::sql_query(
        "SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM import_touched",
    )
    .get_result::<Counts>(conn)
    .map_err(db)?;
    Ok((counts.inserted as u64, counts.updated as u64))
}

/// The addresses of each customer in the file replace that customer's addresses, unless they
/// are the same already (then nothing is written). Counts are in address rows.
///
/// A load that more than doubles the addresses goes as a restore does (see `bulk`). The deferred
/// "a customer with addresses has a primary one" trigger would then run once per new row at
/// commit, each time reading the customer's addresses without their index; it is switched off
/// for the load (the table is locked) and the same rule is checked once, for every customer
/// written, before it is switched on again.
fn upsert_addresses(
    conn: &mut PgConnection,
    bulk_from_rows: u64,
) -> diesel::QueryResult<(u64, u64)> {
    let sig = "string_agg(concat_ws(chr(31), kind, is_primary, is_default_shipping, line1, coalesce(line2, ''), city, postcode, country), chr(30) ORDER BY {order})";
    for sql in [
        "CREATE TEMP TABLE import_addr ON COMMIT DROP AS
         SELECT s.line, c.id AS customer_id, s.kind, btrim(s.line1) AS line1,
                nullif(btrim(s.line2), '') AS line2, btrim(s.city) AS city, btrim(s.postcode) AS postcode,
                s.country, (s.kind = 'billing' AND s.is_default = 'true') AS is_primary,
                (s.kind = 'shipping' AND s.is_default = 'true') AS is_default_shipping
           FROM import_addresses s JOIN customers c ON c.account_number = s.account_number"
            .to_string(),
        format!(
            "CREATE TEMP TABLE import_addr_cust ON COMMIT DROP AS
             SELECT f.customer_id, f.n, f.sig AS new_sig, d.sig AS old_sig
               FROM (SELECT customer_id, count(*) AS n, {} AS sig FROM import_addr GROUP BY customer_id) f
               LEFT JOIN LATERAL (SELECT {} AS sig FROM customer_addresses a
                                   WHERE a.customer_id = f.customer_id) d ON true",
            sig.replace("{order}", "line"),
            sig.replace("{order}", "id")
        ),
    ] {
        diesel::sql_query(sql).execute(conn)?;
    }
    let new = count(
        conn,
        "SELECT coalesce(sum(n), 0)::bigint AS n FROM import_addr_cust
          WHERE old_sig IS DISTINCT FROM new_sig",
    )?;
    let aside = if new >= bulk_from_rows && fewer_than(conn, "customer_addresses", new)? {
        let aside = bulk::set_aside(conn, &[("customer_addresses", Aside::All(Keys::Drop))])?;
        diesel::sql_query(format!(
            "ALTER TABLE customer_addresses DISABLE TRIGGER {PRIMARY_RULE}"
        ))
        .execute(conn)?;
        Some(aside)
    } else {
        None
    };
    for sql in [
        "DELETE FROM customer_addresses a USING import_addr_cust x
          WHERE a.customer_id = x.customer_id AND x.old_sig IS NOT NULL AND x.old_sig <> x.new_sig",
        "INSERT INTO customer_addresses (customer_id, kind, line1, line2, city, postcode, country,
                is_primary, is_default_billing, is_default_shipping)
         SELECT a.customer_id, a.kind, a.line1, a.line2, a.city, a.postcode, a.country,
                a.is_primary, a.is_primary, a.is_default_shipping
           FROM import_addr a JOIN import_addr_cust x USING (customer_id)
          WHERE x.old_sig IS DISTINCT FROM x.new_sig
          ORDER BY a.line",
    ] {
        diesel::sql_query(sql).execute(conn)?;
    }
    if let Some(aside) = aside {
        aside.restore(conn)?;
        diesel::sql_query(format!(
            "DO $$
             DECLARE cid BIGINT;
             BEGIN
                 SELECT x.customer_id INTO cid FROM import_addr_cust x
                  WHERE x.old_sig IS DISTINCT FROM x.new_sig
                    AND NOT EXISTS (SELECT 1 FROM customer_addresses a
                                     WHERE a.customer_id = x.customer_id AND a.is_primary)
                  LIMIT 1;
                 IF cid IS NOT NULL THEN
                     RAISE EXCEPTION 'customer % has addresses but no primary address', cid
                         USING ERRCODE = 'check_violation', CONSTRAINT = '{PRIMARY_RULE}';
                 END IF;
             END $$"
        ))
        .execute(conn)?;
        diesel::sql_query(format!(
            "ALTER TABLE customer_addresses ENABLE TRIGGER {PRIMARY_RULE}"
        ))
        .execute(conn)?;
    }
    let c = diesel::sql_query(
        "SELECT coalesce(sum(n) FILTER (WHERE old_sig IS NULL), 0)::bigint AS inserted,
                coalesce(sum(n) FILTER (WHERE old_sig <> new_sig), 0)::bigint AS updated
           FROM import_addr_cust",
    )
    .get_result::<Counts>(conn)?;
    Ok((c.inserted as u64, c.updated as u64))
}

/// The deferred trigger behind "a customer with addresses has exactly one primary address".
const PRIMARY_RULE: &str = "customer_addresses_exactly_one_primary";

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
    let found: Option<BadRow> = diesel::sql_query(format!(
        "SELECT line, reason FROM ({}) t ORDER BY line LIMIT 1",
        probes.join(" UNION ALL ")
    ))
    .get_result(conn)
    .optional()?;
    Ok(found.map(|r| (r.line as u64, r.reason.unwrap_or_default())))
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
fn copy_totals(conn: &mut PgConnection, totals: &Totals) -> diesel::QueryResult<usize> {
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
    diesel::copy_from(table)
        .from_raw_data((customer_id, currency, order_count, value_cents), write)
        .with_format(CopyFormat::Csv)
        .execute(conn)
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

/// The id of every customer that has an account number, by that number.
fn account_ids(conn: &mut PgConnection) -> diesel::QueryResult<HashMap<String, i64>> {
    use crate::schema::customers::dsl::*;
    use diesel::{ExpressionMethods, NullableExpressionMethods, QueryDsl};
    customers
        .filter(account_number.is_not_null())
        .select((account_number.assume_not_null(), id))
        .load_iter::<(String, i64), diesel::pg::PgRowByRowLoadingMode>(conn)?
        .collect()
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
        Target::Orders(totals) => Some(totals),
        Target::Staging => None,
    };
    let write = |w: &mut dyn std::io::Write| {
        let mut totals = totals.map(|t| t.borrow_mut());
        write_orders(body, accounts, totals.as_deref_mut(), w).map_err(copy_error)
    };
    macro_rules! copy_into {
        ($table:path, $freeze:expr) => {{
            use $table::*;
            diesel::copy_from(table)
                .from_raw_data(
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
                    ),
                    write,
                )
                .with_format(CopyFormat::Csv)
                .with_freeze($freeze)
                .execute(conn)?
        }};
    }
    let n = match into {
        Target::Staging => copy_into!(stage::import_orders, false),
        Target::Orders(_) => copy_into!(crate::schema::orders, true),
    };
    Ok(n as u64)
}

/// Where `copy_orders` writes: the staging table, or the orders table (a first load, whose
/// totals are summed on the way).
enum Target<'a> {
    Staging,
    Orders(&'a std::cell::RefCell<Totals>),
}

/// The columns `write_orders` writes.
const STAGED_ORDERS: &str = "order_number,customer_id,placed_at,status,total_cents,currency,\
                             invoice_number,tracking_number,channel,channel_order_id,\
                             channel_user_id";

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

/// `columns` ("a, b") with each name qualified by `table` ("t.a, t.b").
fn prefixed(columns: &str, table: &str) -> String {
    columns
        .split(", ")
        .map(|c| format!("{table}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut PgConnection, sql: &str) -> diesel::QueryResult<u64> {
    diesel::sql_query(sql)
        .get_result::<Count>(conn)
        .map(|c| c.n as u64)
}

/// Whether `table` holds fewer than `n` rows (counting no further than `n`).
fn fewer_than(conn: &mut PgConnection, table: &str, n: u64) -> diesel::QueryResult<bool> {
    Ok(count(
        conn,
        &format!("SELECT count(*) AS n FROM (SELECT 1 FROM {table} LIMIT {n}) t"),
    )? < n)
}
