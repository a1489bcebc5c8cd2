//! The customer import's files in turn (customers.csv, addresses.csv, orders.csv, each in a
//! transaction of its own), and customers.csv: its declaration, its line checks and its upserts.

use super::{
    CHANNEL_MAP, FILES, FileReport, ImportError, ImportOptions, TERMS_MAP, addresses,
    bulk::{self, Aside, Keys},
    lines, orders,
    pipeline::{
        self, Checking, Columns, FileSpec, ImportFile, count, db, execute_all, fewer_than,
        prefixed, staging, touched,
    },
};
use diesel::{
    Connection, PgConnection, QueryableByName, RunQueryDsl,
    sql_types::{BigInt, Nullable, Text},
};
use std::{collections::HashMap, path::Path, time::Instant};

staging!(mod stage = import_customers(
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
));

pub(super) static CUSTOMERS: FileSpec = FileSpec {
    name: "customers.csv",
    header: stage::HEADER,
    staging: stage::TABLE,
    columns: Columns::Header,
    checking: Checking::Lines {
        rules: &CUSTOMER_RULES,
        apart: None,
    },
};

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
    let mut stale: Vec<&str> = Vec::new();
    let mut outcome = Ok(());
    for file in present {
        let imported = std::fs::read(dir.join(file))
            .map_err(|error| ImportError::Io { file, error })
            .and_then(|data| import_file(conn, file, &data, options, progress));
        match imported {
            Ok(report) => {
                if report.inserted + report.updated > 0 {
                    changed(&mut stale, file);
                }
                reports.push(report);
            }
            Err(e) => {
                outcome = Err(e);
                break;
            }
        }
    }
    analyze_changed(conn, &stale, outcome).map(|()| reports)
}

/// Adds the tables a file changed to `stale`, each once. Orders also rewrite every customer they
/// touch (the kept totals): without a fresh look at customers too, the planner would scale its
/// row count by the grown table and the list's estimated count would come out half as large
/// again.
fn changed(stale: &mut Vec<&'static str>, file: &str) {
    let tables: &[&'static str] = match file {
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

/// Fresh statistics once the files are in (or one has failed), for every table a file changed,
/// so the first searches after a large import get good plans rather than waiting for
/// autovacuum to notice. Each table once: the index builds of a large load have already told
/// the planner how many rows there are.
fn analyze_changed(
    conn: &mut PgConnection,
    stale: &[&str],
    mut outcome: Result<(), ImportError>,
) -> Result<(), ImportError> {
    for table in stale {
        // A transaction of its own, for the time it may take (see `import_file`).
        let analyzed = conn.transaction(|conn| {
            execute_all(conn, &[pipeline::UNLIMITED])?;
            pipeline::analyze(conn, &[table])
        });
        // A failed file's own error is the one to report; statistics are only a help.
        if let (Err(e), Ok(())) = (analyzed, &outcome) {
            outcome = Err(ImportError::Setup(format!("analyzing {table}: {e}")));
        }
    }
    outcome
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
    let spec = [&CUSTOMERS, &addresses::ADDRESSES, &orders::ORDERS]
        .into_iter()
        .find(|spec| spec.name == file)
        .ok_or_else(|| ImportError::Setup(format!("{file} is not a file of the format")))?;
    let body = pipeline::shape(spec, data)?;
    conn.transaction(|conn| {
        // No statement timeout (the portal's is meant for pages, not for loading a million
        // orders), for this transaction alone: a connection behind a transaction-pooling
        // PgBouncer is another client's after it. Room for the hash joins and sorts, and for the
        // trigram indexes' pending entries, which are merged in bulk far faster than one by
        // one. Imported records are history, not events: no webhooks.
        execute_all(
            conn,
            &[
                pipeline::UNLIMITED,
                "SET LOCAL work_mem = '256MB'",
                "SET LOCAL gin_pending_list_limit = '64MB'",
                "SET LOCAL clientele.webhooks = 'off'",
            ],
        )
        .map_err(db(file))?;
        match file {
            "customers.csv" => {
                pipeline::load(conn, &Customers { options }, body, started, progress)
            }
            _ => {
                let accounts = Accounts {
                    ids: account_ids(conn).map_err(db(file))?,
                    bulk_from_rows: options.bulk_from_rows,
                };
                if file == "addresses.csv" {
                    let file = addresses::Addresses(accounts);
                    pipeline::load(conn, &file, body, started, progress)
                } else {
                    orders::import(conn, orders::Orders(accounts), body, started, progress)
                }
            }
        }
    })
}

/// What the addresses and the orders are imported with: the id of every customer that has an
/// account number, by that number (read before the file, for the check that each line's
/// customer is known and for the orders' customer ids), and the size of a load that goes as a
/// restore does ([`ImportOptions::bulk_from_rows`]).
pub(super) struct Accounts {
    pub(super) ids: HashMap<String, i64>,
    pub(super) bulk_from_rows: u64,
}

fn account_ids(conn: &mut PgConnection) -> diesel::QueryResult<HashMap<String, i64>> {
    use crate::schema::customers::dsl::*;
    use diesel::{ExpressionMethods, NullableExpressionMethods, QueryDsl};
    customers
        .filter(account_number.is_not_null())
        .select((account_number.assume_not_null(), id))
        .load_iter::<(String, i64), diesel::pg::PgRowByRowLoadingMode>(conn)?
        .collect()
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

/// customers.csv, with the options its new customers are made with.
struct Customers<'a, 'o> {
    options: &'a ImportOptions<'o>,
}

impl ImportFile for Customers<'_, '_> {
    fn spec(&self) -> &'static FileSpec {
        &CUSTOMERS
    }

    fn copy(&self, conn: &mut PgConnection, body: &[u8]) -> diesel::QueryResult<u64> {
        stage::copy(conn, body)
    }

    fn upsert(&self, conn: &mut PgConnection) -> Result<(u64, u64), ImportError> {
        upsert_customers(conn, self.options)
    }
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
        .map_err(db(CUSTOMERS.name))
}

/// The reference data the format's values map to: the store of new customers, and the sales
/// channels and payment terms as SQL `VALUES` of (the format's code, the id).
struct Reference {
    store: i64,
    channels: String,
    terms: String,
}

fn reference(conn: &mut PgConnection) -> Result<Reference, ImportError> {
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
    Ok(Reference {
        store,
        channels: channels.join(", "),
        terms: terms.join(", "),
    })
}

/// The customers' columns the file gives.
const CUSTOMER_COLUMNS: &str = "legal_name, trading_name, customer_type, email, phone, \
                                sales_channel_id, payment_terms_id, credit_limit_cents, active, \
                                created_at, tag_ids";

/// Customers by account number; counts in customers.
fn upsert_customers(
    conn: &mut PgConnection,
    options: &ImportOptions<'_>,
) -> Result<(u64, u64), ImportError> {
    let reference = reference(conn)?;
    let db = db(CUSTOMERS.name);
    // Unknown tag names become tags first, so that each customer row is written once with its
    // tag ids (the tag links' trigger then finds them right and writes nothing).
    execute_all(
        conn,
        &[
            "INSERT INTO tags (name)
             SELECT DISTINCT t FROM import_customers s, unnest(string_to_array(s.tags, ';')) t
              WHERE t <> '' AND NOT EXISTS (SELECT 1 FROM tags WHERE lower(tags.name) = lower(t))
             ON CONFLICT DO NOTHING",
            "CREATE TEMP TABLE import_touched (customer_id BIGINT PRIMARY KEY, inserted BOOLEAN NOT NULL) ON COMMIT DROP",
        ],
    )
    .map_err(&db)?;
    let aside = customers_aside(conn, options.bulk_from_rows).map_err(&db)?;
    let staged = staged_customers(&reference);
    update_changed(conn, &staged).map_err(&db)?;
    insert_new(conn, &staged, &reference, options, aside.is_some()).map_err(&db)?;
    // The tag links follow the tag ids just written, for the customers written (a customer left
    // alone has its links already). Adding before removing: a first import adds links that match
    // the ids exactly, and the links' trigger writes no customer again.
    execute_all(
        conn,
        &[
            "INSERT INTO customer_tags (customer_id, tag_id)
             SELECT c.id, unnest(c.tag_ids) FROM customers c JOIN import_touched t ON t.customer_id = c.id
             ON CONFLICT DO NOTHING",
            "DELETE FROM customer_tags ct USING import_touched t, customers c
              WHERE ct.customer_id = t.customer_id AND c.id = t.customer_id
                AND NOT ct.tag_id = ANY (c.tag_ids)",
        ],
    )
    .map_err(&db)?;
    if let Some(aside) = aside {
        aside.restore(conn).map_err(&db)?;
    }
    touched(conn, "import_touched").map_err(&db)
}

/// A file that more than doubles the customers goes as a restore does (see `bulk`), with
/// their tag links.
fn customers_aside(
    conn: &mut PgConnection,
    bulk_from_rows: u64,
) -> diesel::QueryResult<Option<bulk::SetAside>> {
    let new = count(
        conn,
        "SELECT count(*) AS n FROM import_customers s
          WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.account_number = s.account_number)",
    )?;
    if new >= bulk_from_rows && fewer_than(conn, "customers", new)? {
        let tables = [
            ("customers", Aside::All(Keys::Drop)),
            ("customer_tags", Aside::All(Keys::Drop)),
        ];
        bulk::set_aside(conn, &tables).map(Some)
    } else {
        Ok(None)
    }
}

/// The file's customers as the table holds them.
fn staged_customers(reference: &Reference) -> String {
    format!(
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
        reference.channels, reference.terms
    )
}

/// A plain UPDATE of the customers that differ, then (`insert_new`) a plain INSERT of the new
/// ones: an INSERT … ON CONFLICT DO UPDATE would lock (and so write) every row it meets,
/// changed or not.
fn update_changed(conn: &mut PgConnection, staged: &str) -> diesel::QueryResult<usize> {
    let columns = CUSTOMER_COLUMNS;
    diesel::sql_query(format!(
        "WITH up AS (
            UPDATE customers c SET ({columns}, updated_at, lock_version) =
                   ({}, now(), c.lock_version + 1)
              FROM ({staged}) n
             WHERE c.account_number = n.account_number AND ({}) IS DISTINCT FROM ({})
            RETURNING c.id)
         INSERT INTO import_touched SELECT id, false FROM up",
        prefixed(columns, "n"),
        prefixed(columns, "c"),
        prefixed(columns, "n"),
    ))
    .execute(conn)
}

/// The new customers, with the store and a generated price-list address.
///
/// A load that more than doubles the customers (`set_aside`) leaves half of each page free: the
/// order totals the orders file writes next then fit beside each row, as a heap-only update that
/// writes none of the two dozen other indexes (see `orders`). Without the room, the table would
/// end up as large anyway (a new version of every row), with its indexes built twice. Rows
/// added later fill pages as usual.
fn insert_new(
    conn: &mut PgConnection,
    staged: &str,
    reference: &Reference,
    options: &ImportOptions<'_>,
    set_aside: bool,
) -> diesel::QueryResult<()> {
    if set_aside {
        diesel::sql_query("ALTER TABLE customers SET (fillfactor = 50)").execute(conn)?;
    }
    let columns = CUSTOMER_COLUMNS;
    diesel::sql_query(format!(
        "WITH ins AS (
            INSERT INTO customers (account_number, {columns}, default_store_id, price_list_email)
            SELECT n.account_number, {}, {},
                   'prices-' || substr(md5(random()::text || n.account_number), 1, 12) || '@' || $1
              FROM ({staged}) n
             WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.account_number = n.account_number)
             ORDER BY n.line
            RETURNING id)
         INSERT INTO import_touched SELECT id, true FROM ins",
        prefixed(columns, "n"),
        reference.store,
    ))
    .bind::<Text, _>(options.price_list_email_domain)
    .execute(conn)?;
    if set_aside {
        diesel::sql_query("ALTER TABLE customers RESET (fillfactor)").execute(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_staging_tables_hold_the_format_s_columns() {
        use crate::tools::generate::{ADDRESSES_HEADER, CUSTOMERS_HEADER};
        assert_eq!(super::stage::HEADER, CUSTOMERS_HEADER);
        assert_eq!(super::addresses::stage::HEADER, ADDRESSES_HEADER);
    }
}
