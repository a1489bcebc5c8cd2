//! Importing products, their list prices and their stock from CSV files (the format is in
//! README.md, "Importing products"): products.csv, product_prices.csv, product_stock.csv.
//!
//! The same rules as the customer import (`import`): each file is checked for its shape in Rust
//! (UTF-8, the exact header, LF line ends, the number of fields on every line), COPied into a
//! staging table with each row's line number, validated set-based in SQL (the first bad line
//! stops everything, named with its reason) and merged with set-based upserts that leave
//! unchanged rows alone, so importing the same files again changes nothing. Unlike the customer
//! import, one upload is all or nothing as a whole: the files go in one transaction, in the
//! order products, prices, stock, and a bad line in any of them leaves the database as it was.

use crate::import::{
    Check, Checks, FileReport, ImportError, boolean, check_shape, copy_error, duplicates,
    first_bad_row, matches, required,
};
use diesel::{
    Connection, ExecuteCopyFromDsl, PgConnection, QueryableByName, RunQueryDsl,
    pg::CopyFormat,
    sql_types::{BigInt, Nullable},
};
use std::fmt;

pub const PRODUCTS_HEADER: &str = "sku,name,description,unit,active,catalogs,customers";
pub const PRICES_HEADER: &str = "sku,price_list,price";
pub const STOCK_HEADER: &str = "sku,store_code,quantity";

/// The files of the format, in the order they are imported.
pub const FILES: [&str; 3] = ["products.csv", "product_prices.csv", "product_stock.csv"];

mod stage {
    diesel::table! {
        import_products (line) {
            line -> Int8,
            sku -> Nullable<Text>,
            name -> Nullable<Text>,
            description -> Nullable<Text>,
            unit -> Nullable<Text>,
            active -> Nullable<Text>,
            catalogs -> Nullable<Text>,
            customers -> Nullable<Text>,
        }
    }
    diesel::table! {
        import_product_prices (line) {
            line -> Int8,
            sku -> Nullable<Text>,
            price_list -> Nullable<Text>,
            price -> Nullable<Text>,
        }
    }
    diesel::table! {
        import_product_stock (line) {
            line -> Int8,
            sku -> Nullable<Text>,
            store_code -> Nullable<Text>,
            quantity -> Nullable<Text>,
        }
    }
}

#[derive(Debug)]
pub enum ProductImportError {
    /// A line of a file is wrong (line 1 is the header); nothing of the upload was written.
    Invalid {
        file: &'static str,
        line: u64,
        reason: String,
    },
    /// Something else went wrong; nothing of the upload was written.
    Database(diesel::result::Error),
}

impl fmt::Display for ProductImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProductImportError::Invalid { file, line, reason } => {
                write!(f, "{file}, line {line}: {reason}")
            }
            ProductImportError::Database(e) => write!(f, "database: {e}"),
        }
    }
}

impl std::error::Error for ProductImportError {}

impl From<diesel::result::Error> for ProductImportError {
    fn from(e: diesel::result::Error) -> Self {
        ProductImportError::Database(e)
    }
}

impl From<ImportError> for ProductImportError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Invalid { file, line, reason } => {
                ProductImportError::Invalid { file, line, reason }
            }
            ImportError::Database { error, .. } => ProductImportError::Database(error),
            other => ProductImportError::Database(diesel::result::Error::QueryBuilderError(
                other.to_string().into(),
            )),
        }
    }
}

/// The file of the format called `name`, if it is one.
pub fn file_named(name: &str) -> Option<&'static str> {
    FILES.into_iter().find(|f| *f == name)
}

fn header_of(file: &str) -> &'static str {
    match file {
        "products.csv" => PRODUCTS_HEADER,
        "product_prices.csv" => PRICES_HEADER,
        _ => STOCK_HEADER,
    }
}

/// Imports the given files (name, content) in one transaction: all of them or nothing. Files
/// are taken in the format's order whatever the order given. `staff_id` signs the history
/// rows of customers whose specific products change.
pub fn import(
    conn: &mut PgConnection,
    files: &[(&'static str, Vec<u8>)],
    staff_id: Option<i64>,
) -> Result<Vec<FileReport>, ProductImportError> {
    // Every file's shape first: a broken file is named before anything is copied.
    let mut bodies = Vec::new();
    for file in FILES {
        if let Some((_, data)) = files.iter().find(|(f, _)| *f == file) {
            bodies.push((file, check_shape(file, data, header_of(file))?));
        }
    }
    conn.transaction(|conn| {
        diesel::sql_query("SET LOCAL work_mem = '64MB'").execute(conn)?;
        let mut reports = Vec::new();
        for (file, body) in bodies {
            let rows = copy(conn, file, body)?;
            let checks = match file {
                "products.csv" => product_checks(),
                "product_prices.csv" => price_checks(),
                _ => stock_checks(),
            };
            if let Some((line, reason)) = first_bad_row(conn, &checks)? {
                return Err(ProductImportError::Invalid { file, line, reason });
            }
            let (inserted, updated) = match file {
                "products.csv" => merge_products(conn, staff_id)?,
                "product_prices.csv" => merge_prices(conn)?,
                _ => merge_stock(conn)?,
            };
            reports.push(FileReport {
                file,
                rows,
                inserted,
                updated,
                unchanged: rows - inserted - updated,
            });
        }
        for table in [
            "products",
            "product_prices",
            "product_stock",
            "catalog_products",
        ] {
            diesel::sql_query(format!("ANALYZE {table}")).execute(conn)?;
        }
        Ok(reports)
    })
}

/// COPY the rows into a fresh staging table; the line column numbers them from 2.
fn copy(conn: &mut PgConnection, file: &str, body: &[u8]) -> diesel::QueryResult<u64> {
    use stage::*;
    let table = match file {
        "products.csv" => "import_products",
        "product_prices.csv" => "import_product_prices",
        _ => "import_product_stock",
    };
    let cols: Vec<String> = header_of(file)
        .split(',')
        .map(|c| format!("{c} TEXT"))
        .collect();
    diesel::sql_query(format!(
        "CREATE TEMP TABLE {table} (line BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 2) PRIMARY KEY, {}) ON COMMIT DROP",
        cols.join(", ")
    ))
    .execute(conn)?;
    let write = |w: &mut dyn std::io::Write| w.write_all(body).map_err(copy_error);
    let n = match file {
        "products.csv" => {
            use import_products::*;
            diesel::copy_from(table)
                .from_raw_data(
                    (sku, name, description, unit, active, catalogs, customers),
                    write,
                )
                .with_format(CopyFormat::Csv)
                .execute(conn)?
        }
        "product_prices.csv" => {
            use import_product_prices::*;
            diesel::copy_from(table)
                .from_raw_data((sku, price_list, price), write)
                .with_format(CopyFormat::Csv)
                .execute(conn)?
        }
        _ => {
            use import_product_stock::*;
            diesel::copy_from(table)
                .from_raw_data((sku, store_code, quantity), write)
                .with_format(CopyFormat::Csv)
                .execute(conn)?
        }
    };
    diesel::sql_query(format!("ANALYZE {table}")).execute(conn)?;
    Ok(n as u64)
}

fn sku_format() -> Check {
    matches(
        "sku",
        "^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$",
        "a SKU (1 to 40 letters, digits, . _ / -, starting with a letter or digit)",
    )
}

fn longer_than(col: &str, max: usize) -> Check {
    Check {
        bad: format!("length(btrim(coalesce(s.{col}, ''))) > {max}"),
        reason: format!(
            "format('{col} has %s characters; at most {max} are allowed', length(btrim(s.{col})))"
        ),
    }
}

/// The first name in a `|`-separated list of `col` that `known` (a condition on `n`, the
/// trimmed name) does not accept.
fn unknown_in_list(col: &str, known: &str, what: &str) -> Check {
    let first_unknown = format!(
        "(SELECT btrim(n) FROM unnest(string_to_array(s.{col}, '|')) WITH ORDINALITY AS x(n, i) \
          WHERE btrim(n) <> '' AND NOT ({known}) ORDER BY i LIMIT 1)"
    );
    Check {
        bad: format!("{first_unknown} IS NOT NULL"),
        reason: format!("format('{what} %L does not exist', {first_unknown})"),
    }
}

fn known_product() -> Check {
    Check {
        bad: "p.id IS NULL".into(),
        reason: "format('sku %L is not a known product (add it with products.csv first)', s.sku)"
            .into(),
    }
}

fn product_checks() -> Checks {
    let has = |col: &str| format!("btrim(replace(coalesce(s.{col}, ''), '|', '')) <> ''");
    Checks {
        from: format!(
            "import_products s{}",
            duplicates("import_products", "sku", "lower(btrim(sku))")
        ),
        checks: vec![
            required("sku"),
            sku_format(),
            Check {
                bad: "dup_sku.first < s.line".into(),
                reason: "format('sku %L appears twice (first on line %s; SKUs differing only in case are the same)', s.sku, dup_sku.first)".into(),
            },
            required("name"),
            longer_than("name", crate::models::catalogs::product::NAME_MAX),
            longer_than("description", crate::models::catalogs::product::DESCRIPTION_MAX),
            longer_than("unit", crate::models::catalogs::product::UNIT_MAX),
            boolean("active"),
            unknown_in_list(
                "catalogs",
                "EXISTS (SELECT 1 FROM catalogs k WHERE lower(k.name) = lower(btrim(n)))",
                "catalog",
            ),
            unknown_in_list(
                "customers",
                "EXISTS (SELECT 1 FROM customers c WHERE c.account_number = btrim(n) AND c.merged_into_id IS NULL)",
                "customer account number",
            ),
            Check {
                bad: format!("{} AND {}", has("catalogs"), has("customers")),
                reason: "'a product is offered either through catalogs or to specific customers, not both: leave catalogs or customers empty'".into(),
            },
        ],
    }
}

fn price_checks() -> Checks {
    Checks {
        from: "import_product_prices s \
               LEFT JOIN products p ON lower(p.sku) = lower(btrim(s.sku)) \
               LEFT JOIN price_lists pl ON lower(pl.name) = lower(btrim(s.price_list)) \
               LEFT JOIN (SELECT lower(btrim(sku)) AS sku, lower(btrim(price_list)) AS pl, min(line) AS first \
                            FROM import_product_prices GROUP BY 1, 2 HAVING count(*) > 1) dup \
                 ON dup.sku = lower(btrim(s.sku)) AND dup.pl = lower(btrim(s.price_list))"
            .into(),
        checks: vec![
            required("sku"),
            known_product(),
            required("price_list"),
            Check {
                bad: "pl.id IS NULL".into(),
                reason: "format('price_list %L does not exist', s.price_list)".into(),
            },
            Check {
                bad: "dup.first < s.line".into(),
                reason: "format('the price of %s on %s is given twice (first on line %s)', s.sku, s.price_list, dup.first)".into(),
            },
            Check {
                bad: r"coalesce(btrim(s.price), '') !~ '^([0-9]{1,13}(\.[0-9]{1,2})?)?$'".into(),
                reason: "format('price %L is not an amount like 12.50 (no currency, at most two decimals, not negative; empty for no price)', s.price)".into(),
            },
        ],
    }
}

fn stock_checks() -> Checks {
    Checks {
        from: "import_product_stock s \
               LEFT JOIN products p ON lower(p.sku) = lower(btrim(s.sku)) \
               LEFT JOIN stores st ON st.code = upper(btrim(s.store_code)) \
               LEFT JOIN (SELECT lower(btrim(sku)) AS sku, upper(btrim(store_code)) AS store, min(line) AS first \
                            FROM import_product_stock GROUP BY 1, 2 HAVING count(*) > 1) dup \
                 ON dup.sku = lower(btrim(s.sku)) AND dup.store = upper(btrim(s.store_code))"
            .into(),
        checks: vec![
            required("sku"),
            known_product(),
            required("store_code"),
            Check {
                bad: "st.id IS NULL".into(),
                reason: "format('store_code %L is not a store', s.store_code)".into(),
            },
            Check {
                bad: "dup.first < s.line".into(),
                reason: "format('the stock of %s at %s is given twice (first on line %s)', s.sku, s.store_code, dup.first)".into(),
            },
            Check {
                bad: "coalesce(btrim(s.quantity), '') !~ '^([0-9]{1,9})?$'".into(),
                reason: "format('quantity %L is not a whole number from 0 to 999999999 (empty for none recorded)', s.quantity)".into(),
            },
        ],
    }
}

#[derive(QueryableByName)]
struct Counts {
    #[diesel(sql_type = BigInt)]
    inserted: i64,
    #[diesel(sql_type = BigInt)]
    updated: i64,
}

fn counts(conn: &mut PgConnection, table: &str) -> diesel::QueryResult<(u64, u64)> {
    let c = diesel::sql_query(format!(
        "SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM {table}"
    ))
    .get_result::<Counts>(conn)?;
    Ok((c.inserted as u64, c.updated as u64))
}

/// Products by SKU (any case). The file's catalogs and customers replace the product's. A
/// product changed in its own columns gets a new lock_version (an open edit form goes stale);
/// one whose only change is its catalogs or customers counts as updated too.
fn merge_products(
    conn: &mut PgConnection,
    staff_id: Option<i64>,
) -> Result<(u64, u64), ProductImportError> {
    let statements = [
        "CREATE TEMP TABLE import_p ON COMMIT DROP AS
         SELECT s.line, btrim(s.sku) AS sku, btrim(s.name) AS name,
                nullif(btrim(s.description), '') AS description,
                coalesce(nullif(btrim(s.unit), ''), 'each') AS unit, s.active::boolean AS active,
                coalesce((SELECT array_agg(DISTINCT k.id) FROM unnest(string_to_array(s.catalogs, '|')) n
                            JOIN catalogs k ON lower(k.name) = lower(btrim(n))), '{}') AS catalog_ids,
                coalesce((SELECT array_agg(DISTINCT c.id) FROM unnest(string_to_array(s.customers, '|')) n
                            JOIN customers c ON c.account_number = btrim(n) AND c.merged_into_id IS NULL), '{}') AS customer_ids
           FROM import_products s",
        "ALTER TABLE import_p ADD COLUMN specific BOOLEAN",
        "UPDATE import_p SET specific = cardinality(customer_ids) > 0",
        "CREATE TEMP TABLE import_p_touched (sku TEXT PRIMARY KEY, inserted BOOLEAN NOT NULL) ON COMMIT DROP",
        // Links that the file no longer gives go first, so that a product can change kind.
        "CREATE TEMP TABLE import_p_gone_customers ON COMMIT DROP AS
         SELECT cp.customer_id, cp.product_id, p.sku, p.name
           FROM customer_products cp
           JOIN products p ON p.id = cp.product_id
           JOIN import_p i ON lower(i.sku) = lower(p.sku)
          WHERE NOT cp.customer_id = ANY(i.customer_ids)",
        "DELETE FROM customer_products cp USING import_p_gone_customers g
          WHERE cp.customer_id = g.customer_id AND cp.product_id = g.product_id",
        "WITH gone AS (
            DELETE FROM catalog_products cp USING products p, import_p i
             WHERE p.id = cp.product_id AND lower(i.sku) = lower(p.sku)
               AND NOT cp.catalog_id = ANY(i.catalog_ids)
            RETURNING p.sku)
         INSERT INTO import_p_touched SELECT DISTINCT i.sku, false FROM gone JOIN import_p i ON lower(i.sku) = lower(gone.sku)
         ON CONFLICT DO NOTHING",
        "INSERT INTO import_p_touched
         SELECT DISTINCT i.sku, false FROM import_p_gone_customers g JOIN import_p i ON lower(i.sku) = lower(g.sku)
         ON CONFLICT DO NOTHING",
        "WITH up AS (
            INSERT INTO products AS p (sku, name, description, unit, active, specific)
            SELECT sku, name, description, unit, active, specific FROM import_p ORDER BY line
            ON CONFLICT ((lower(sku))) DO UPDATE SET
                sku = EXCLUDED.sku, name = EXCLUDED.name, description = EXCLUDED.description,
                unit = EXCLUDED.unit, active = EXCLUDED.active, specific = EXCLUDED.specific,
                updated_at = now(), lock_version = p.lock_version + 1
            WHERE (p.sku, p.name, p.description, p.unit, p.active, p.specific)
                  IS DISTINCT FROM
                  (EXCLUDED.sku, EXCLUDED.name, EXCLUDED.description, EXCLUDED.unit, EXCLUDED.active, EXCLUDED.specific)
            RETURNING p.sku, (p.xmax = 0) AS inserted)
         INSERT INTO import_p_touched SELECT sku, inserted FROM up
         ON CONFLICT (sku) DO UPDATE SET inserted = EXCLUDED.inserted",
        "WITH added AS (
            INSERT INTO catalog_products (catalog_id, product_id, added_by)
            SELECT k, p.id, $1 FROM import_p i JOIN products p ON lower(p.sku) = lower(i.sku)
             CROSS JOIN LATERAL unnest(i.catalog_ids) k
            ON CONFLICT DO NOTHING
            RETURNING product_id)
         INSERT INTO import_p_touched SELECT DISTINCT p.sku, false FROM added JOIN products p ON p.id = added.product_id
         ON CONFLICT DO NOTHING",
        "CREATE TEMP TABLE import_p_new_customers ON COMMIT DROP AS
         WITH added AS (
            INSERT INTO customer_products (customer_id, product_id, enabled_by)
            SELECT c, p.id, $1 FROM import_p i JOIN products p ON lower(p.sku) = lower(i.sku)
             CROSS JOIN LATERAL unnest(i.customer_ids) c
            ON CONFLICT DO NOTHING
            RETURNING customer_id, product_id)
         SELECT added.customer_id, p.id AS product_id, p.sku, p.name FROM added JOIN products p ON p.id = added.product_id",
        "INSERT INTO import_p_touched SELECT DISTINCT sku, false FROM import_p_new_customers
         ON CONFLICT DO NOTHING",
        // The customers' history: who made which specific product available, or took it away.
        "INSERT INTO customer_history (customer_id, customer_label, staff_id, entity, entity_id, action, field, old_value, new_value)
         SELECT c.id, c.legal_name || coalesce(' (' || c.account_number || ')', ''), $1, 'product', x.product_id,
                x.action, 'Specific product', x.old_value, x.new_value
           FROM (SELECT customer_id, product_id, 'enable' AS action, NULL AS old_value, sku || ' ' || name AS new_value
                   FROM import_p_new_customers
                 UNION ALL
                 SELECT customer_id, product_id, 'disable', sku || ' ' || name, NULL
                   FROM import_p_gone_customers) x
           JOIN customers c ON c.id = x.customer_id
          ORDER BY c.id, x.product_id",
    ];
    for sql in statements {
        if sql.contains("$1") {
            diesel::sql_query(sql)
                .bind::<Nullable<BigInt>, _>(staff_id)
                .execute(conn)?;
        } else {
            diesel::sql_query(sql).execute(conn)?;
        }
    }
    Ok(counts(conn, "import_p_touched")?)
}

/// Prices by (SKU, price list): given ones inserted or changed, empty ones removed. Products
/// whose prices change get a new lock_version.
fn merge_prices(conn: &mut PgConnection) -> Result<(u64, u64), ProductImportError> {
    for sql in [
        "CREATE TEMP TABLE import_pp ON COMMIT DROP AS
         SELECT p.id AS product_id, pl.id AS price_list_id,
                CASE WHEN btrim(coalesce(s.price, '')) = '' THEN NULL
                     ELSE round(btrim(s.price)::numeric * 100)::bigint END AS price_cents
           FROM import_product_prices s
           JOIN products p ON lower(p.sku) = lower(btrim(s.sku))
           JOIN price_lists pl ON lower(pl.name) = lower(btrim(s.price_list))",
        "CREATE TEMP TABLE import_pp_touched (product_id BIGINT, price_list_id BIGINT, inserted BOOLEAN NOT NULL,
            PRIMARY KEY (product_id, price_list_id)) ON COMMIT DROP",
        "WITH gone AS (
            DELETE FROM product_prices pp USING import_pp i
             WHERE pp.product_id = i.product_id AND pp.price_list_id = i.price_list_id AND i.price_cents IS NULL
            RETURNING pp.product_id, pp.price_list_id)
         INSERT INTO import_pp_touched SELECT product_id, price_list_id, false FROM gone",
        "WITH up AS (
            INSERT INTO product_prices AS pp (product_id, price_list_id, price_cents)
            SELECT product_id, price_list_id, price_cents FROM import_pp WHERE price_cents IS NOT NULL
            ON CONFLICT (product_id, price_list_id) DO UPDATE
               SET price_cents = EXCLUDED.price_cents, updated_at = now()
             WHERE pp.price_cents <> EXCLUDED.price_cents
            RETURNING pp.product_id, pp.price_list_id, (pp.xmax = 0) AS inserted)
         INSERT INTO import_pp_touched SELECT * FROM up",
        "UPDATE products SET lock_version = lock_version + 1, updated_at = now()
          WHERE id IN (SELECT product_id FROM import_pp_touched)",
    ] {
        diesel::sql_query(sql).execute(conn)?;
    }
    Ok(counts(conn, "import_pp_touched")?)
}

/// Stock by (SKU, store): given quantities inserted or changed, empty ones removed. Products
/// whose stock changes get a new lock_version.
fn merge_stock(conn: &mut PgConnection) -> Result<(u64, u64), ProductImportError> {
    for sql in [
        "CREATE TEMP TABLE import_ps ON COMMIT DROP AS
         SELECT p.id AS product_id, st.id AS store_id,
                CASE WHEN btrim(coalesce(s.quantity, '')) = '' THEN NULL
                     ELSE btrim(s.quantity)::integer END AS quantity
           FROM import_product_stock s
           JOIN products p ON lower(p.sku) = lower(btrim(s.sku))
           JOIN stores st ON st.code = upper(btrim(s.store_code))",
        "CREATE TEMP TABLE import_ps_touched (product_id BIGINT, store_id BIGINT, inserted BOOLEAN NOT NULL,
            PRIMARY KEY (product_id, store_id)) ON COMMIT DROP",
        "WITH gone AS (
            DELETE FROM product_stock ps USING import_ps i
             WHERE ps.product_id = i.product_id AND ps.store_id = i.store_id AND i.quantity IS NULL
            RETURNING ps.product_id, ps.store_id)
         INSERT INTO import_ps_touched SELECT product_id, store_id, false FROM gone",
        "WITH up AS (
            INSERT INTO product_stock AS ps (product_id, store_id, quantity)
            SELECT product_id, store_id, quantity FROM import_ps WHERE quantity IS NOT NULL
            ON CONFLICT (product_id, store_id) DO UPDATE
               SET quantity = EXCLUDED.quantity, updated_at = now()
             WHERE ps.quantity <> EXCLUDED.quantity
            RETURNING ps.product_id, ps.store_id, (ps.xmax = 0) AS inserted)
         INSERT INTO import_ps_touched SELECT * FROM up",
        "UPDATE products SET lock_version = lock_version + 1, updated_at = now()
          WHERE id IN (SELECT product_id FROM import_ps_touched)",
    ] {
        diesel::sql_query(sql).execute(conn)?;
    }
    Ok(counts(conn, "import_ps_touched")?)
}
