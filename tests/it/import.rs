//! The data generator and the CSV import (docs/import-format.md).

use crate::helpers::TestDb;
use clientele::{
    import::{FileReport, ImportError, ImportOptions, import_dir},
    tools::generate::generate,
};
use diesel::{PgConnection, QueryableByName, RunQueryDsl, sql_types::BigInt};
use std::path::{Path, PathBuf};

const OPTIONS: ImportOptions<'static> = ImportOptions {
    price_list_email_domain: "prices.test.invalid",
    bulk_from_rows: clientele::import::BULK_FROM_ROWS,
};

fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "import-{name}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small data set: a few dozen customers and some hundred orders.
fn dataset(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    generate(60, 600, &dir).unwrap();
    dir
}

fn import(conn: &mut PgConnection, dir: &Path) -> Result<Vec<FileReport>, ImportError> {
    import_dir(conn, dir, &OPTIONS, &mut |_| {})
}

/// Customers whose trigger-kept order count, value or currency (or value per currency) differs
/// from a fresh sum.
const MISMATCHED_TOTALS: &str = "SELECT
    (SELECT count(*) FROM customers c
       LEFT JOIN (SELECT customer_id, count(*) AS n,
                         coalesce(sum(total_cents) FILTER (WHERE status <> 'cancelled'), 0) AS v,
                         CASE WHEN count(DISTINCT currency) = 1 THEN min(currency) END AS currency
                    FROM orders GROUP BY customer_id) o ON o.customer_id = c.id
      WHERE c.order_count <> coalesce(o.n, 0) OR c.order_value_cents <> coalesce(o.v, 0)
         OR c.order_currency IS DISTINCT FROM o.currency)
  + (SELECT count(*) FROM customer_order_totals t
       FULL JOIN (SELECT customer_id, currency, count(*) AS n,
                         coalesce(sum(total_cents) FILTER (WHERE status <> 'cancelled'), 0) AS v
                    FROM orders GROUP BY 1, 2) f
         ON f.customer_id = t.customer_id AND f.currency = t.currency
      WHERE (t.order_count, t.value_cents) IS DISTINCT FROM (f.n::integer, f.v::bigint)) AS n";

/// One number a query answers as `n` (the tests' counts).
#[derive(QueryableByName)]
pub(crate) struct N {
    #[diesel(sql_type = BigInt)]
    pub(crate) n: i64,
}

pub(crate) fn count(conn: &mut PgConnection, sql: &str) -> i64 {
    diesel::sql_query(sql).get_result::<N>(conn).unwrap().n
}

fn rows(dir: &Path, file: &str) -> i64 {
    std::fs::read_to_string(dir.join(file))
        .unwrap()
        .lines()
        .count() as i64
        - 1
}

/// Replaces field `col` (0-based) of line `line` (1 = header) of a file without quoted fields.
fn edit(dir: &Path, file: &str, line: usize, col: usize, value: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut fields: Vec<&str> = lines[line - 1].split(',').collect();
    fields[col] = value;
    lines[line - 1] = fields.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
}

fn copy_dir(from: &Path, name: &str) -> PathBuf {
    let to = temp_dir(name);
    for f in ["customers.csv", "addresses.csv", "orders.csv"] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
    to
}

fn report<'a>(reports: &'a [FileReport], file: &str) -> &'a FileReport {
    reports.iter().find(|r| r.file == file).unwrap()
}

#[test]
fn the_generator_is_deterministic_and_writes_the_documented_headers() {
    let a = dataset("gen-a");
    let b = dataset("gen-b");
    for f in [
        "customers.csv",
        "addresses.csv",
        "orders.csv",
        "summary.json",
    ] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f} differs between two runs with the same arguments"
        );
    }
    let first_line = |f: &str| {
        std::fs::read_to_string(a.join(f))
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        first_line("customers.csv"),
        "account_number,name,trading_name,customer_type,email,phone,postcode,city,country,sales_channel,tags,credit_limit,payment_terms,active,created_at"
    );
    assert_eq!(
        first_line("addresses.csv"),
        "account_number,kind,is_default,line1,line2,city,postcode,country"
    );
    assert_eq!(
        first_line("orders.csv"),
        "order_number,account_number,placed_at,status,total,currency,invoice_number,tracking_number,channel,channel_order_id,channel_user_id"
    );
    let customers = std::fs::read_to_string(a.join("customers.csv")).unwrap();
    assert!(!customers.contains('\r'));
    assert!(customers.lines().nth(1).unwrap().starts_with("C000001,"));
    assert_eq!(rows(&a, "customers.csv"), 60);
    assert_eq!(rows(&a, "orders.csv"), 600);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(a.join("summary.json")).unwrap()).unwrap();
    let account = summary["samples"]["account_number"].as_str().unwrap();
    assert!(customers.contains(&format!("\n{account},")));
}

#[test]
fn import_loads_everything_and_a_second_import_changes_nothing() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let dir = dataset("full");
    let first = import(&mut conn, &dir).unwrap();
    for (file, table) in [
        ("customers.csv", "customers"),
        ("addresses.csv", "customer_addresses"),
        ("orders.csv", "orders"),
    ] {
        let r = report(&first, file);
        assert_eq!((r.inserted, r.updated, r.unchanged), (r.rows, 0, 0), "{r}");
        assert_eq!(r.rows as i64, rows(&dir, file));
        assert_eq!(
            count(&mut conn, &format!("SELECT count(*) AS n FROM {table}")),
            rows(&dir, file)
        );
    }
    // The triggers kept every customer's order count and value equal to a fresh sum.
    assert_eq!(count(&mut conn, MISMATCHED_TOTALS), 0);
    assert!(
        count(
            &mut conn,
            "SELECT max(order_count)::bigint AS n FROM customers"
        ) > 0
    );
    // Every customer has exactly one primary (default billing) address.
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM customers c WHERE (SELECT count(*) FROM customer_addresses a
               WHERE a.customer_id = c.id AND a.is_primary AND a.is_default_billing) <> 1"
        ),
        0
    );

    let again = import(&mut conn, &dir).unwrap();
    for r in &again {
        assert_eq!((r.inserted, r.updated, r.unchanged), (0, 0, r.rows), "{r}");
    }

    // One changed order and one changed customer: only they update.
    let changed = copy_dir(&dir, "changed");
    edit(&changed, "orders.csv", 10, 4, "99999.99");
    // Names hold no commas: the second field of C000002's row is its name.
    let text = std::fs::read_to_string(changed.join("customers.csv")).unwrap();
    let renamed: Vec<String> = text
        .lines()
        .map(|l| match l.strip_prefix("C000002,") {
            Some(rest) => format!(
                "C000002,Renamed & Co Ltd,{}",
                rest.split_once(',').unwrap().1
            ),
            None => l.to_string(),
        })
        .collect();
    std::fs::write(changed.join("customers.csv"), renamed.join("\n") + "\n").unwrap();
    let third = import(&mut conn, &changed).unwrap();
    let c = report(&third, "customers.csv");
    assert_eq!((c.inserted, c.updated), (0, 1), "{c}");
    let o = report(&third, "orders.csv");
    assert_eq!(
        (o.inserted, o.updated, o.unchanged),
        (0, 1, o.rows - 1),
        "{o}"
    );
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM customers WHERE account_number = 'C000002' AND legal_name = 'Renamed & Co Ltd'"
        ),
        1
    );
    assert_eq!(count(&mut conn, MISMATCHED_TOTALS), 0);
}

#[test]
fn a_bad_row_names_its_line_and_reason_and_nothing_of_that_file_is_written() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let dir = dataset("bad");
    // Customers and addresses only, so the orders file starts from nothing.
    let base = temp_dir("bad-base");
    for f in ["customers.csv", "addresses.csv"] {
        std::fs::copy(dir.join(f), base.join(f)).unwrap();
    }
    import(&mut conn, &base).unwrap();

    let order_number_line2 = std::fs::read_to_string(dir.join("orders.csv"))
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string();
    let cases: [(usize, usize, &str, &str); 4] = [
        (4, 3, "shipped", "status 'shipped' is not one of"),
        (
            3,
            1,
            "C999999",
            "account_number 'C999999' is not a known customer",
        ),
        (5, 0, &order_number_line2, "appears twice (first on line 2)"),
        (
            6,
            2,
            "2019-02-30T10:00:00Z",
            "placed_at '2019-02-30T10:00:00Z' is not a timestamp",
        ),
    ];
    // Each through the staging table, and as a first load straight into the orders table.
    let direct = ImportOptions {
        bulk_from_rows: 1,
        ..OPTIONS
    };
    for ((line, col, value, reason), options) in cases
        .into_iter()
        .flat_map(|case| [(case, &OPTIONS), (case, &direct)])
    {
        let bad = copy_dir(&dir, "bad-case");
        std::fs::remove_file(bad.join("customers.csv")).unwrap();
        std::fs::remove_file(bad.join("addresses.csv")).unwrap();
        edit(&bad, "orders.csv", line, col, value);
        let err = import_dir(&mut conn, &bad, options, &mut |_| {}).unwrap_err();
        match &err {
            ImportError::Invalid {
                file,
                line: at,
                reason: why,
            } => {
                assert_eq!(*file, "orders.csv");
                assert_eq!(*at as usize, line, "{err}");
                assert!(why.contains(reason), "{why}");
            }
            other => panic!("expected a line error, got {other}"),
        }
        assert!(
            err.to_string()
                .contains(&format!("orders.csv line {line}: "))
        );
        assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM orders"), 0);
        assert_eq!(
            count(
                &mut conn,
                "SELECT coalesce(sum(order_count), 0)::bigint AS n FROM customers"
            ),
            0
        );
    }

    // A duplicate account number in customers.csv.
    let bad = copy_dir(&dir, "bad-customers");
    edit(&bad, "customers.csv", 3, 0, "C000001");
    let err = import(&mut conn, &bad).unwrap_err();
    assert!(
        err.to_string().contains(
            "customers.csv line 3: account_number 'C000001' appears twice (first on line 2)"
        ),
        "{err}"
    );
    // A wrong header is line 1.
    let bad = copy_dir(&dir, "bad-header");
    edit(&bad, "orders.csv", 1, 0, "order");
    let err = import(&mut conn, &bad).unwrap_err();
    assert!(
        err.to_string()
            .contains("orders.csv line 1: the header must be"),
        "{err}"
    );
}

#[test]
fn a_bad_address_names_its_line_and_the_first_check_it_fails() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let dir = dataset("bad-addresses");
    let base = temp_dir("bad-addresses-base");
    std::fs::copy(dir.join("customers.csv"), base.join("customers.csv")).unwrap();
    import(&mut conn, &base).unwrap();
    let customers = std::fs::read_to_string(dir.join("customers.csv")).unwrap();
    let accounts: Vec<&str> = customers
        .lines()
        .skip(1)
        .take(2)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let (a, b) = (accounts[0], accounts[1]);
    let billing = |account: &str| format!("{account},billing,true,1 High Street,,Leeds,LS1 1AA,GB");
    let cases: Vec<(Vec<String>, u64, String)> = vec![
        (
            vec![billing(a), billing("C999999")],
            3,
            "account_number 'C999999' is not a known customer".into(),
        ),
        (
            vec![
                billing(a),
                format!("{a},shipping,true,2 Low Road,,Leeds,LS2 2BB,GB"),
                format!("{a},billing,true,3 Mill Lane,,Leeds,LS3 3CC,GB"),
            ],
            4,
            format!("a second default billing address for {a} (the first is on line 2)"),
        ),
        (
            vec![
                billing(a),
                format!("{b},shipping,true,2 Low Road,,Leeds,LS2 2BB,GB"),
                format!("{b},admin,false,2 Low Road,,Leeds,LS2 2BB,GB"),
            ],
            3,
            format!("{b} has no default billing address in the file"),
        ),
        (
            vec![
                billing(a),
                format!("{a},home,false,2 Low Road,,Leeds,LS2 2BB,GB"),
            ],
            3,
            "kind 'home' is not one of billing, shipping, admin".into(),
        ),
        (
            // Two checks fail on one line: the first in the format's order speaks.
            vec![
                billing(a),
                format!("{a},shipping,false, ,,Leeds,LS2 2BB,gb"),
            ],
            3,
            "line1 is missing".into(),
        ),
        (
            vec![
                billing(a),
                format!("{a},shipping,false,2 Low Road,,Leeds,LS2 2BB,gb"),
            ],
            3,
            "country 'gb' is not a two-letter country code".into(),
        ),
    ];
    for (lines, line, reason) in cases {
        let bad = temp_dir("bad-address");
        std::fs::write(
            bad.join("addresses.csv"),
            format!(
                "{}\n{}\n",
                clientele::tools::generate::ADDRESSES_HEADER,
                lines.join("\n")
            ),
        )
        .unwrap();
        match import(&mut conn, &bad).unwrap_err() {
            ImportError::Invalid {
                file,
                line: at,
                reason: why,
            } => assert_eq!((file, at, why), ("addresses.csv", line, reason)),
            other => panic!("expected a line error, got {other}"),
        }
        assert_eq!(
            count(&mut conn, "SELECT count(*) AS n FROM customer_addresses"),
            0
        );
    }
}

#[test]
fn a_value_already_taken_by_another_order_names_its_line_and_nothing_is_written() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let dir = dataset("taken");
    import(&mut conn, &dir).unwrap();
    let orders = count(&mut conn, "SELECT count(*) AS n FROM orders");
    let line = |n: usize| -> Vec<String> {
        std::fs::read_to_string(dir.join("orders.csv"))
            .unwrap()
            .lines()
            .nth(n - 1)
            .unwrap()
            .split(',')
            .map(String::from)
            .collect()
    };
    let (second, third) = (line(2), line(3));
    // A new order (line 4 of the new file) reusing order 2's invoice number, tracking number or
    // marketplace order id, in a file that does not mention order 2.
    for (col, name) in [
        (6, "invoice_number"),
        (7, "tracking_number"),
        (9, "channel_order_id"),
    ] {
        let mut fresh = third.clone();
        fresh[0] = "SO-9999999".into();
        for unique in [6, 7, 9] {
            fresh[unique] = String::new();
        }
        fresh[col] = second[col].clone();
        if fresh[col].is_empty() {
            continue;
        }
        let bad = temp_dir("taken-case");
        let header = line(1).join(",");
        let mut other = third.clone();
        other[0] = "SO-9999998".into();
        other[6] = String::new();
        other[7] = String::new();
        other[9] = String::new();
        std::fs::write(
            bad.join("orders.csv"),
            format!(
                "{header}\n{}\n{}\n{}\n",
                third.join(","),
                other.join(","),
                fresh.join(",")
            ),
        )
        .unwrap();
        let err = import(&mut conn, &bad).unwrap_err();
        assert!(
            err.to_string().contains(&format!(
                "orders.csv line 4: {name} '{}' already belongs to order {}",
                second[col], second[0]
            )),
            "{err}"
        );
        assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM orders"), orders);
        assert_eq!(count(&mut conn, MISMATCHED_TOTALS), 0);
    }
    // The same values are free to move when the file also gives order 2 new ones.
    let moved = temp_dir("taken-moved");
    let mut second_new = second.clone();
    second_new[6] = "INV-MOVED-1".into();
    second_new[7] = "TRACK-MOVED-1".into();
    second_new[9] = String::new();
    let mut fresh = third.clone();
    fresh[0] = "SO-9999999".into();
    fresh[6] = second[6].clone();
    fresh[7] = second[7].clone();
    fresh[9] = second[9].clone();
    std::fs::write(
        moved.join("orders.csv"),
        format!(
            "{}\n{}\n{}\n",
            line(1).join(","),
            second_new.join(","),
            fresh.join(",")
        ),
    )
    .unwrap();
    let reports = import(&mut conn, &moved).unwrap();
    assert_eq!(report(&reports, "orders.csv").inserted, 1);
    assert_eq!(report(&reports, "orders.csv").updated, 1);
}

/// The indexes, constraints, triggers and storage options of the tables a load may set aside, as
/// one comparable text.
const SCHEMA_OF_LOADED_TABLES: &str = "SELECT
    (SELECT string_agg(indexdef, ';' ORDER BY indexname) FROM pg_indexes
      WHERE tablename IN ('customers', 'customer_tags', 'customer_addresses', 'orders',
                          'customer_order_totals'))
    || (SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated, ';'
                          ORDER BY conname)
          FROM pg_constraint
         WHERE conrelid IN ('customers'::regclass, 'customer_tags'::regclass,
                            'customer_addresses'::regclass, 'orders'::regclass,
                            'customer_order_totals'::regclass))
    || (SELECT string_agg(pg_get_triggerdef(oid) || ' ' || tgenabled::text, ';' ORDER BY tgname)
          FROM pg_trigger
         WHERE NOT tgisinternal
           AND tgrelid IN ('customers'::regclass, 'customer_tags'::regclass,
                           'customer_addresses'::regclass, 'orders'::regclass))
    || (SELECT string_agg(relname || ' ' || coalesce(reloptions::text, 'default'), ';' ORDER BY relname)
          FROM pg_class
         WHERE oid IN ('customers'::regclass, 'customer_tags'::regclass,
                       'customer_addresses'::regclass, 'orders'::regclass,
                       'customer_order_totals'::regclass)) AS text";

#[derive(QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    text: String,
}

#[test]
fn a_load_that_more_than_doubles_a_table_rebuilds_its_indexes_and_keys_and_checks_the_same() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let schema = |conn: &mut PgConnection| {
        diesel::sql_query(SCHEMA_OF_LOADED_TABLES)
            .get_result::<Text>(conn)
            .unwrap()
            .text
    };
    let before = schema(&mut conn);
    // Every file of the small data set more than doubles its (empty) table.
    let bulk = ImportOptions {
        bulk_from_rows: 1,
        ..OPTIONS
    };
    let dir = dataset("bulk");
    let first = import_dir(&mut conn, &dir, &bulk, &mut |_| {}).unwrap();
    for r in &first {
        assert_eq!((r.inserted, r.updated), (r.rows, 0), "{r}");
    }
    assert_eq!(
        schema(&mut conn),
        before,
        "the indexes and keys are back as they were"
    );
    assert_eq!(count(&mut conn, MISMATCHED_TOTALS), 0);
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM customers c
              WHERE tag_ids IS DISTINCT FROM coalesce((SELECT array_agg(tag_id ORDER BY tag_id)
                      FROM customer_tags t WHERE t.customer_id = c.id), '{}')"
        ),
        0
    );
    assert!(count(&mut conn, "SELECT count(*) AS n FROM customer_tags") > 0);
    // The addresses' "one primary" rule, switched off for the load, acts again afterwards.
    let no_primary = diesel::sql_query(
        "DELETE FROM customer_addresses
          WHERE id = (SELECT min(id) FILTER (WHERE is_primary) FROM customer_addresses
                       GROUP BY customer_id HAVING count(*) > 1 ORDER BY 1 LIMIT 1)",
    )
    .execute(&mut conn)
    .unwrap_err();
    assert!(
        no_primary
            .to_string()
            .contains("has addresses but no primary address"),
        "{no_primary}"
    );
    for r in import_dir(&mut conn, &dir, &bulk, &mut |_| {}).unwrap() {
        assert_eq!((r.inserted, r.updated, r.unchanged), (0, 0, r.rows), "{r}");
    }

    // A loaded order that takes a value another order holds fails the file with the line, as
    // the row's insert would have: the unique index is rebuilt before the file commits.
    let db = TestDb::new();
    let mut conn = db.connect();
    let text = std::fs::read_to_string(dir.join("orders.csv")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let first_order: Vec<&str> = lines[1].split(',').collect();
    let invoice = lines[1..]
        .iter()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| !f[6].is_empty())
        .expect("an order with an invoice number");
    let base = temp_dir("bulk-base");
    for f in ["customers.csv", "addresses.csv"] {
        std::fs::copy(dir.join(f), base.join(f)).unwrap();
    }
    std::fs::write(
        base.join("orders.csv"),
        format!("{}\n{}\n", lines[0], invoice.join(",")),
    )
    .unwrap();
    import_dir(&mut conn, &base, &bulk, &mut |_| {}).unwrap();
    let mut taker = first_order.clone();
    taker[0] = "SO-9999999";
    taker[6] = invoice[6];
    taker[7] = "";
    taker[9] = "";
    let mut other = first_order.clone();
    other[0] = "SO-9999998";
    for unique in [6, 7, 9] {
        other[unique] = "";
    }
    let bad = temp_dir("bulk-taken");
    std::fs::write(
        bad.join("orders.csv"),
        format!("{}\n{}\n{}\n", lines[0], other.join(","), taker.join(",")),
    )
    .unwrap();
    let err = import_dir(&mut conn, &bad, &bulk, &mut |_| {}).unwrap_err();
    assert!(
        err.to_string().contains(&format!(
            "orders.csv line 3: invoice_number '{}' already belongs to order {}",
            invoice[6], invoice[0]
        )),
        "{err}"
    );
    assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM orders"), 1);
    assert_eq!(schema(&mut conn), before);
    assert_eq!(count(&mut conn, MISMATCHED_TOTALS), 0);
}

#[test]
fn a_first_load_of_orders_writes_what_the_staged_load_writes() {
    let dir = dataset("direct");
    // Optional identifiers with spaces around them, one with a quote and a comma.
    edit(&dir, "orders.csv", 2, 7, " 9400000000000000000042 ");
    edit(&dir, "orders.csv", 3, 10, "\"buyer \"\"one\"\", north\"");
    edit(&dir, "orders.csv", 4, 6, " ");
    // A customer with orders in two currencies, and an order cancelled (left out of its value).
    let text = std::fs::read_to_string(dir.join("orders.csv")).unwrap();
    let fields: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let (line, own) = (5..fields.len())
        .find(|&i| fields[i + 1..].iter().any(|f| f[1] == fields[i][1]))
        .map(|i| (i + 1, fields[i][5].to_string()))
        .unwrap();
    let other = ["GBP", "EUR", "USD"]
        .into_iter()
        .find(|c| *c != own)
        .unwrap();
    edit(&dir, "orders.csv", line, 5, other);
    edit(&dir, "orders.csv", 6, 3, "cancelled");
    let orders = |options: &ImportOptions<'_>| {
        let db = TestDb::new();
        let mut conn = db.connect();
        let reports = import_dir(&mut conn, &dir, options, &mut |_| {}).unwrap();
        let orders = report(&reports, "orders.csv");
        assert_eq!((orders.inserted, orders.updated), (orders.rows, 0));
        assert_eq!(count(&mut conn, MISMATCHED_TOTALS), 0);
        // Orders placed from now on are numbered past every number the file brought, by
        // either path.
        assert_eq!(
            count(
                &mut conn,
                "SELECT count(*) AS n FROM orders
                  WHERE substring(order_number FROM 4)::bigint
                        > (SELECT last_value FROM order_numbers)"
            ),
            0
        );
        assert_eq!(
            count(
                &mut conn,
                "SELECT count(*) AS n FROM customers
                  WHERE order_count > 0 AND order_currency IS NULL"
            ),
            1
        );
        diesel::sql_query(
            "SELECT string_agg(concat_ws('|', o.order_number, c.account_number,
                    to_char(o.placed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                    o.status, o.total_cents, o.currency, coalesce(o.invoice_number, '<null>'),
                    coalesce(o.tracking_number, '<null>'), o.channel,
                    coalesce(o.channel_order_id, '<null>'), coalesce(o.channel_user_id, '<null>')),
                    E'\\n' ORDER BY o.order_number) AS text
               FROM orders o JOIN customers c ON c.id = o.customer_id",
        )
        .get_result::<Text>(&mut conn)
        .unwrap()
        .text
    };
    let staged = orders(&OPTIONS);
    let direct = orders(&ImportOptions {
        bulk_from_rows: 1,
        ..OPTIONS
    });
    // The times and amounts as the file has them.
    let text = std::fs::read_to_string(dir.join("orders.csv")).unwrap();
    let mut expected: Vec<String> = text
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let cents: i64 = f[4].replace('.', "").parse().unwrap();
            format!("{}|{}|{cents}|", f[0], f[2])
        })
        .collect();
    expected.sort();
    let mut found: Vec<String> = staged
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('|').collect();
            format!("{}|{}|{}|", f[0], f[2], f[4])
        })
        .collect();
    found.sort();
    assert_eq!(found, expected);
    assert!(staged.contains("|9400000000000000000042|"), "trimmed");
    assert!(staged.contains("|buyer \"one\", north"), "quoted");
    assert_eq!(staged.lines().count(), 600);
    assert_eq!(direct, staged);
}

fn clientele(args: &[&str], db_url: &str) -> std::process::Output {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-cwd");
    std::fs::create_dir_all(&dir).unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(args)
        .env_remove("APP_ENV")
        .env_remove("SESSION_KEY")
        .env("DATABASE_URL", db_url)
        .env("RUST_LOG", "warn")
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_commands_generate_and_import_through_the_binary() {
    let db = TestDb::new();
    let dir = temp_dir("cli");
    let out = clientele(
        &[
            "generate",
            "--customers",
            "40",
            "--orders",
            "300",
            "--out",
            dir.to_str().unwrap(),
        ],
        &db.url,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = clientele(&["import", dir.to_str().unwrap()], &db.url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    for phase in ["copied", "validated", "upserted"] {
        assert!(
            stdout.contains(&format!("orders.csv: {phase} 300 rows")),
            "{stdout}"
        );
    }
    assert!(
        stdout.contains("customers.csv: 40 rows, 40 inserted, 0 updated, 0 unchanged"),
        "{stdout}"
    );
    assert_eq!(
        count(&mut db.connect(), "SELECT count(*) AS n FROM orders"),
        300
    );

    // A bad line: the command fails and says where and why.
    edit(&dir, "orders.csv", 4, 3, "lost");
    let out = clientele(&["import", dir.to_str().unwrap()], &db.url);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("orders.csv line 4: status 'lost' is not one of"),
        "{stderr}"
    );
}

#[test]
fn the_demo_data_includes_generated_customers_and_orders() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let started = std::time::Instant::now();
    clientele::tools::demo::load(&mut conn, "http://127.0.0.1:8080").unwrap();
    let elapsed = started.elapsed();
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM orders WHERE placed_by_staff_id IS NULL"
        ),
        clientele::tools::demo::GENERATED_ORDERS as i64
    );
    // Orders placed on the showcase customers' behalf fill each of the desk's first tabs; one
    // of Müller's is dispatched, and so invoiced.
    for (status, n) in [
        ("awaiting_payment", 1),
        ("credit_hold", 1),
        ("unallocated", 1),
        ("dispatched", 1),
    ] {
        let placed = format!(
            "SELECT count(*) AS n FROM orders WHERE placed_by_staff_id IS NOT NULL AND status = '{status}'"
        );
        assert_eq!(count(&mut conn, &placed), n, "{status}");
    }
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM customers WHERE account_number ~ '^C[0-9]{6}$'"
        ),
        clientele::tools::demo::GENERATED_CUSTOMERS as i64
    );
    // Müller's accounts show open, overdue and paid items: the invoice of the dispatched order
    // (not due yet), the opening balance (overdue, partly paid) and the paid service invoice.
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM ledger_entries e JOIN customers c ON c.id = e.customer_id
              WHERE c.account_number = 'C-10001' AND e.amount_cents > 0
                AND (e.kind = 'opening' AND e.due_on < vendor_today()
                     OR e.kind = 'invoice' AND e.order_id IS NOT NULL AND e.due_on > vendor_today()
                     OR e.kind = 'invoice' AND e.amount_cents = (SELECT sum(a.amount_cents)
                          FROM ledger_allocations a WHERE a.debit_id = e.id))"
        ),
        3
    );
    // The showcase customers are still there.
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM customers WHERE account_number LIKE 'C-1000_'"
        ),
        6
    );
    assert_eq!(count(&mut conn, MISMATCHED_TOTALS), 0);
    assert!(elapsed.as_secs() < 20, "demo data took {elapsed:?}");
}

#[test]
fn a_malformed_line_is_refused_before_anything_is_copied() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let dir = dataset("shape");
    std::fs::remove_file(dir.join("addresses.csv")).unwrap();
    std::fs::remove_file(dir.join("orders.csv")).unwrap();
    let text = std::fs::read_to_string(dir.join("customers.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    // Line 5 loses its last field.
    let cut = lines[4].rfind(',').unwrap();
    lines[4].truncate(cut);
    std::fs::write(dir.join("customers.csv"), lines.join("\n") + "\n").unwrap();
    let err = import(&mut conn, &dir).unwrap_err().to_string();
    assert!(
        err.contains("customers.csv line 5: 14 fields where the header has 15"),
        "{err}"
    );
    // CR LF line ends are fine (Excel writes them), but not mixed with LF: line 3 ends in LF.
    let mut mixed: Vec<String> = text.lines().map(|l| format!("{l}\r\n")).collect();
    mixed[2] = format!("{}\n", text.lines().nth(2).unwrap());
    std::fs::write(dir.join("customers.csv"), mixed.concat()).unwrap();
    let err = import(&mut conn, &dir).unwrap_err().to_string();
    assert!(
        err.contains("customers.csv line 3: the header line ends with CR LF, so every line must"),
        "{err}"
    );
    assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM customers"), 0);
    // A quoted field with a comma and doubled quotes is one field.
    std::fs::write(
        dir.join("customers.csv"),
        format!(
            "{}\nC000001,Hall & Martin Limited,\"\"\"Pacific\"\" Manufacturing, Ltd\",business,a@b.example,,SW1A 1AA,London,GB,trade,vip;newsletter,500.00,net_30,true,2019-03-14T09:26:53Z\n",
            text.lines().next().unwrap()
        ),
    )
    .unwrap();
    import(&mut conn, &dir).unwrap();
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM customers WHERE trading_name = '\"Pacific\" Manufacturing, Ltd'
               AND credit_limit_cents = 50000 AND (SELECT count(*) FROM customer_tags t WHERE t.customer_id = customers.id) = 2"
        ),
        1
    );
}

#[test]
fn files_as_excel_saves_them_import_like_plain_ones() {
    // "CSV UTF-8" from Excel: a byte-order mark and CR LF line ends.
    let db = TestDb::new();
    let mut conn = db.connect();
    let dir = dataset("excel");
    for file in ["customers.csv", "addresses.csv", "orders.csv"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        std::fs::write(
            dir.join(file),
            format!("\u{feff}{}", text.replace('\n', "\r\n")),
        )
        .unwrap();
    }
    import(&mut conn, &dir).unwrap();
    let plain = TestDb::new();
    let mut plain_conn = plain.connect();
    import(&mut plain_conn, &dataset("excel-plain")).unwrap();
    for sql in [
        "SELECT count(*) AS n FROM customers",
        "SELECT count(*) AS n FROM customer_addresses",
        "SELECT count(*) AS n FROM orders",
        // No value carries a stray carriage return or mark.
        "SELECT count(*) AS n FROM customers WHERE legal_name ~ '[\\r\\ufeff]' OR coalesce(account_number, '') ~ '[\\r\\ufeff]'",
    ] {
        assert_eq!(count(&mut conn, sql), count(&mut plain_conn, sql), "{sql}");
    }
    assert!(count(&mut conn, "SELECT count(*) AS n FROM customers") > 0);
    // Importing the same files again changes nothing.
    let again = import(&mut conn, &dir).unwrap();
    assert!(
        again.iter().all(|r| r.inserted == 0 && r.updated == 0),
        "{again:?}"
    );
}
