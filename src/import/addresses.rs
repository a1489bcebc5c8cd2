//! addresses.csv: its declaration, its line checks (the customers it names must be known, one
//! default address per customer and kind, a default billing address for each), and its upsert,
//! which replaces the addresses of each customer of the file unless they are the same already.

use super::{
    ImportError,
    bulk::{self, Aside, Keys},
    customers::Accounts,
    lines,
    pipeline::{
        Checking, Columns, FileSpec, ImportFile, count, db, execute_all, fewer_than, staging,
        sum_counts,
    },
};
use diesel::{PgConnection, RunQueryDsl};
use std::collections::HashMap;

staging!(mod stage = import_addresses(
    account_number,
    kind,
    is_default,
    line1,
    line2,
    city,
    postcode,
    country,
));

pub(super) static ADDRESSES: FileSpec = FileSpec {
    name: "addresses.csv",
    header: stage::HEADER,
    staging: stage::TABLE,
    columns: Columns::Header,
    checking: Checking::Lines {
        rules: &ADDRESS_RULES,
        apart: Some(first_bad_default),
    },
};

/// addresses.csv, with the customers it may name.
pub(super) struct Addresses(pub(super) Accounts);

impl ImportFile for Addresses {
    fn spec(&self) -> &'static FileSpec {
        &ADDRESSES
    }

    fn known(&self, account: &str) -> bool {
        self.0.ids.contains_key(account)
    }

    fn copy(&self, conn: &mut PgConnection, body: &[u8]) -> diesel::QueryResult<u64> {
        stage::copy(conn, body)
    }

    fn upsert(&self, conn: &mut PgConnection) -> Result<(u64, u64), ImportError> {
        upsert_addresses(conn, self.0.bulk_from_rows).map_err(db(ADDRESSES.name))
    }
}

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

/// The addresses of each customer in the file replace that customer's addresses, unless they
/// are the same already (then nothing is written). Counts are in address rows.
fn upsert_addresses(
    conn: &mut PgConnection,
    bulk_from_rows: u64,
) -> diesel::QueryResult<(u64, u64)> {
    stage_addresses(conn)?;
    let aside = addresses_aside(conn, bulk_from_rows)?;
    execute_all(
        conn,
        &[
            "DELETE FROM customer_addresses a USING import_addr_cust x
              WHERE a.customer_id = x.customer_id AND x.old_sig IS NOT NULL AND x.old_sig <> x.new_sig",
            "INSERT INTO customer_addresses (customer_id, kind, line1, line2, city, postcode, country,
                    is_primary, is_default_billing, is_default_shipping)
             SELECT a.customer_id, a.kind, a.line1, a.line2, a.city, a.postcode, a.country,
                    a.is_primary, a.is_primary, a.is_default_shipping
               FROM import_addr a JOIN import_addr_cust x USING (customer_id)
              WHERE x.old_sig IS DISTINCT FROM x.new_sig
              ORDER BY a.line",
        ],
    )?;
    if let Some(aside) = aside {
        aside.restore(conn)?;
        check_primary_once(conn)?;
    }
    sum_counts(
        conn,
        "SELECT coalesce(sum(n) FILTER (WHERE old_sig IS NULL), 0)::bigint AS inserted,
                coalesce(sum(n) FILTER (WHERE old_sig <> new_sig), 0)::bigint AS updated
           FROM import_addr_cust",
    )
}

/// The file's addresses as the table holds them (`import_addr`), and for each customer of the
/// file its addresses' signature in the file and in the table (`import_addr_cust`).
fn stage_addresses(conn: &mut PgConnection) -> diesel::QueryResult<()> {
    let sig = "string_agg(concat_ws(chr(31), kind, is_primary, is_default_shipping, line1, coalesce(line2, ''), city, postcode, country), chr(30) ORDER BY {order})";
    execute_all(
        conn,
        &[
            "CREATE TEMP TABLE import_addr ON COMMIT DROP AS
             SELECT s.line, c.id AS customer_id, s.kind, btrim(s.line1) AS line1,
                    nullif(btrim(s.line2), '') AS line2, btrim(s.city) AS city, btrim(s.postcode) AS postcode,
                    s.country, (s.kind = 'billing' AND s.is_default = 'true') AS is_primary,
                    (s.kind = 'shipping' AND s.is_default = 'true') AS is_default_shipping
               FROM import_addresses s JOIN customers c ON c.account_number = s.account_number",
            &format!(
                "CREATE TEMP TABLE import_addr_cust ON COMMIT DROP AS
                 SELECT f.customer_id, f.n, f.sig AS new_sig, d.sig AS old_sig
                   FROM (SELECT customer_id, count(*) AS n, {} AS sig FROM import_addr GROUP BY customer_id) f
                   LEFT JOIN LATERAL (SELECT {} AS sig FROM customer_addresses a
                                       WHERE a.customer_id = f.customer_id) d ON true",
                sig.replace("{order}", "line"),
                sig.replace("{order}", "id")
            ),
        ],
    )
}

/// A load that more than doubles the addresses goes as a restore does (see `bulk`). The deferred
/// "a customer with addresses has a primary one" trigger would then run once per new row at
/// commit, each time reading the customer's addresses without their index; it is switched off
/// for the load (the table is locked) and the same rule is checked once, for every customer
/// written, before it is switched on again (`check_primary_once`).
fn addresses_aside(
    conn: &mut PgConnection,
    bulk_from_rows: u64,
) -> diesel::QueryResult<Option<bulk::SetAside>> {
    let new = count(
        conn,
        "SELECT coalesce(sum(n), 0)::bigint AS n FROM import_addr_cust
          WHERE old_sig IS DISTINCT FROM new_sig",
    )?;
    if new >= bulk_from_rows && fewer_than(conn, "customer_addresses", new)? {
        let aside = bulk::set_aside(conn, &[("customer_addresses", Aside::All(Keys::Drop))])?;
        diesel::sql_query(format!(
            "ALTER TABLE customer_addresses DISABLE TRIGGER {PRIMARY_RULE}"
        ))
        .execute(conn)?;
        Ok(Some(aside))
    } else {
        Ok(None)
    }
}

/// The primary-address rule, checked once for every customer the file wrote, and its trigger
/// switched on again.
fn check_primary_once(conn: &mut PgConnection) -> diesel::QueryResult<()> {
    execute_all(
        conn,
        &[
            &format!(
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
            ),
            &format!("ALTER TABLE customer_addresses ENABLE TRIGGER {PRIMARY_RULE}"),
        ],
    )
}

/// The deferred trigger behind "a customer with addresses has exactly one primary address".
const PRIMARY_RULE: &str = "customer_addresses_exactly_one_primary";
