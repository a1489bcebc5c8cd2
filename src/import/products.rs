//! Importing products, their list prices and their stock from CSV files (the format is in
//! README.md, "Importing products"): products.csv, product_prices.csv, product_stock.csv.
//!
//! The same pipeline as the customer import (`pipeline`): each file is checked for its shape in
//! Rust (UTF-8, the exact header, one line-end style, the number of fields on every line),
//! COPied into a staging table with each row's line number, validated set-based in SQL (the
//! first bad line stops everything, named with its reason; some checks need the products
//! already stored or in the same upload) and merged with set-based upserts that leave unchanged
//! rows alone, so importing the same files again changes nothing. Unlike the customer
//! import, one upload is all or nothing as a whole: the files go in one transaction, in the
//! order products, prices, stock, and a bad line in any of them leaves the database as it was.

use crate::import::{
    FileReport, ImportError,
    pipeline::{
        self, Check, Checking, Checks, Columns, FileSpec, ImportFile, boolean, duplicates,
        execute_all, matches, required, staging, touched,
    },
};
use diesel::{
    Connection, PgConnection, RunQueryDsl,
    sql_types::{BigInt, Nullable},
};
use std::{fmt, time::Instant};

pub const PRODUCTS_HEADER: &str = products_stage::HEADER;
pub const PRICES_HEADER: &str = prices_stage::HEADER;
pub const STOCK_HEADER: &str = stock_stage::HEADER;

/// The files of the format, in the order they are imported.
pub const FILES: [&str; 3] = ["products.csv", "product_prices.csv", "product_stock.csv"];

staging!(mod products_stage = import_products(sku, name, description, unit, active, catalogs, customers));
staging!(mod prices_stage = import_product_prices(sku, price_list, price));
staging!(mod stock_stage = import_product_stock(sku, store_code, quantity));

static PRODUCTS: FileSpec = FileSpec {
    name: "products.csv",
    header: PRODUCTS_HEADER,
    staging: products_stage::TABLE,
    columns: Columns::Header,
    checking: Checking::Sql(product_checks),
};

static PRICES: FileSpec = FileSpec {
    name: "product_prices.csv",
    header: PRICES_HEADER,
    staging: prices_stage::TABLE,
    columns: Columns::Header,
    checking: Checking::Sql(price_checks),
};

static STOCK: FileSpec = FileSpec {
    name: "product_stock.csv",
    header: STOCK_HEADER,
    staging: stock_stage::TABLE,
    columns: Columns::Header,
    checking: Checking::Sql(stock_checks),
};

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

/// Imports the given files (name, content) in one transaction: all of them or nothing. Files
/// are taken in the format's order whatever the order given. `staff_id` signs the history
/// rows of customers whose specific products change.
pub fn import(
    conn: &mut PgConnection,
    files: &[(&'static str, Vec<u8>)],
    staff_id: Option<i64>,
) -> Result<Vec<FileReport>, ProductImportError> {
    let products = Products { staff_id };
    let prices = PerProductFile {
        spec: &PRICES,
        copy: prices_stage::copy,
        values: &PRICE_VALUES,
    };
    let stock = PerProductFile {
        spec: &STOCK,
        copy: stock_stage::copy,
        values: &STOCK_VALUES,
    };
    let kinds: [&dyn ImportFile; 3] = [&products, &prices, &stock];
    // Every file's shape first: a broken file is named before anything is copied.
    let mut bodies = Vec::new();
    for file in kinds {
        if let Some((_, data)) = files.iter().find(|(f, _)| *f == file.spec().name) {
            bodies.push((file, pipeline::shape(file.spec(), data)?));
        }
    }
    conn.transaction(|conn| {
        diesel::sql_query("SET LOCAL work_mem = '64MB'").execute(conn)?;
        let mut reports = Vec::new();
        for (file, body) in bodies {
            reports.push(pipeline::load(
                conn,
                file,
                body,
                Instant::now(),
                &mut |_| {},
            )?);
        }
        pipeline::analyze(
            conn,
            &[
                "products",
                "product_prices",
                "product_stock",
                "catalog_products",
            ],
        )?;
        Ok(reports)
    })
}

/// products.csv; `staff_id` signs the customers' history.
struct Products {
    staff_id: Option<i64>,
}

impl ImportFile for Products {
    fn spec(&self) -> &'static FileSpec {
        &PRODUCTS
    }

    fn copy(&self, conn: &mut PgConnection, body: &[u8]) -> diesel::QueryResult<u64> {
        products_stage::copy(conn, body)
    }

    fn upsert(&self, conn: &mut PgConnection) -> Result<(u64, u64), ImportError> {
        merge_products(conn, self.staff_id).map_err(pipeline::db(PRODUCTS.name))
    }
}

/// A file of per-product values (prices, stock): its format, its COPY into staging, and the
/// merge of its values.
struct PerProductFile {
    spec: &'static FileSpec,
    copy: fn(&mut PgConnection, &[u8]) -> diesel::QueryResult<u64>,
    values: &'static PerProduct,
}

impl ImportFile for PerProductFile {
    fn spec(&self) -> &'static FileSpec {
        self.spec
    }

    fn copy(&self, conn: &mut PgConnection, body: &[u8]) -> diesel::QueryResult<u64> {
        (self.copy)(conn, body)
    }

    fn upsert(&self, conn: &mut PgConnection) -> Result<(u64, u64), ImportError> {
        merge_per_product(conn, self.values).map_err(pipeline::db(self.spec.name))
    }
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

/// A value per product and something else (a price list, a store), as prices and stock are given.
struct PerProduct {
    /// The staging table and the column naming the other thing.
    staging: &'static str,
    key_column: &'static str,
    /// The other thing's table (alias `k`), joined on the staged key `s.{key_column}`.
    key_join: &'static str,
    /// The staged key as the key it must match (`lower(btrim(…))`).
    normalized: fn(&str) -> String,
    /// "… is not a store", "… does not exist".
    unknown: &'static str,
    /// "the stock of %s at %s", "the price of %s on %s": the SKU and the key.
    given: &'static str,
    /// The value's own check.
    value: fn() -> Check,
    /// The merge: the table, its key column, its value column, and the value of `s` (NULL when
    /// empty: the row is removed).
    table: &'static str,
    key: &'static str,
    value_column: &'static str,
    staged_value: &'static str,
    /// The merge's own temporary tables are named after this.
    short: &'static str,
}

const PRICE_VALUES: PerProduct = PerProduct {
    staging: prices_stage::TABLE,
    key_column: "price_list",
    key_join: "price_lists k ON lower(k.name) = lower(btrim(s.price_list))",
    normalized: |e| format!("lower(btrim({e}))"),
    unknown: "does not exist",
    given: "the price of %s on %s",
    value: || {
        Check {
        bad: r"coalesce(btrim(s.price), '') !~ '^([0-9]{1,13}(\.[0-9]{1,2})?)?$'".into(),
        reason: "format('price %L is not an amount like 12.50 (no currency, at most two decimals, not negative; empty for no price)', s.price)".into(),
    }
    },
    table: "product_prices",
    key: "price_list_id",
    value_column: "price_cents",
    staged_value: "CASE WHEN btrim(coalesce(s.price, '')) = '' THEN NULL
                        ELSE round(btrim(s.price)::numeric * 100)::bigint END",
    short: "pp",
};

const STOCK_VALUES: PerProduct = PerProduct {
    table: "product_stock",
    key: "store_id",
    value_column: "quantity",
    staged_value: "CASE WHEN btrim(coalesce(s.quantity, '')) = '' THEN NULL
                        ELSE btrim(s.quantity)::integer END",
    short: "ps",
    staging: stock_stage::TABLE,
    key_column: "store_code",
    key_join: "stores k ON k.code = upper(btrim(s.store_code))",
    normalized: |e| format!("upper(btrim({e}))"),
    unknown: "is not a store",
    given: "the stock of %s at %s",
    value: || {
        Check {
        bad: "coalesce(btrim(s.quantity), '') !~ '^([0-9]{1,9})?$'".into(),
        reason: "format('quantity %L is not a whole number from 0 to 999999999 (empty for none recorded)', s.quantity)".into(),
    }
    },
};

fn price_checks() -> Checks {
    per_product_checks(&PRICE_VALUES)
}

fn stock_checks() -> Checks {
    per_product_checks(&STOCK_VALUES)
}

/// A known product, a known key, each pair once, and the value's own check.
fn per_product_checks(v: &PerProduct) -> Checks {
    let PerProduct {
        staging,
        key_column: col,
        key_join,
        ..
    } = v;
    let key = (v.normalized)(col);
    let staged_key = (v.normalized)(&format!("s.{col}"));
    Checks {
        from: format!(
            "{staging} s \
             LEFT JOIN products p ON lower(p.sku) = lower(btrim(s.sku)) \
             LEFT JOIN {key_join} \
             LEFT JOIN (SELECT lower(btrim(sku)) AS sku, {key} AS key, min(line) AS first \
                          FROM {staging} GROUP BY 1, 2 HAVING count(*) > 1) dup \
               ON dup.sku = lower(btrim(s.sku)) AND dup.key = {staged_key}"
        ),
        checks: vec![
            required("sku"),
            known_product(),
            required(col),
            Check {
                bad: "k.id IS NULL".into(),
                reason: format!("format('{col} %L {}', s.{col})", v.unknown),
            },
            Check {
                bad: "dup.first < s.line".into(),
                reason: format!(
                    "format('{} is given twice (first on line %s)', s.sku, s.{col}, dup.first)",
                    v.given
                ),
            },
            (v.value)(),
        ],
    }
}

/// Values by (SKU, key): given ones inserted or changed, empty ones removed. Products whose
/// values change get a new lock_version.
fn merge_per_product(conn: &mut PgConnection, v: &PerProduct) -> diesel::QueryResult<(u64, u64)> {
    let PerProduct {
        staging,
        key_join,
        table,
        key,
        value_column: value,
        staged_value,
        short,
        ..
    } = v;
    let (staged, touched_rows) = (format!("import_{short}"), format!("import_{short}_touched"));
    execute_all(
        conn,
        &[
            &format!(
                "CREATE TEMP TABLE {staged} ON COMMIT DROP AS
                 SELECT p.id AS product_id, k.id AS {key}, {staged_value} AS {value}
                   FROM {staging} s
                   JOIN products p ON lower(p.sku) = lower(btrim(s.sku))
                   JOIN {key_join}"
            ),
            &format!(
                "CREATE TEMP TABLE {touched_rows} (product_id BIGINT, {key} BIGINT,
                    inserted BOOLEAN NOT NULL, PRIMARY KEY (product_id, {key})) ON COMMIT DROP"
            ),
            &format!(
                "WITH gone AS (
                    DELETE FROM {table} t USING {staged} i
                     WHERE t.product_id = i.product_id AND t.{key} = i.{key} AND i.{value} IS NULL
                    RETURNING t.product_id, t.{key})
                 INSERT INTO {touched_rows} SELECT product_id, {key}, false FROM gone"
            ),
            &format!(
                "WITH up AS (
                    INSERT INTO {table} AS t (product_id, {key}, {value})
                    SELECT product_id, {key}, {value} FROM {staged} WHERE {value} IS NOT NULL
                    ON CONFLICT (product_id, {key}) DO UPDATE
                       SET {value} = EXCLUDED.{value}, updated_at = now()
                     WHERE t.{value} <> EXCLUDED.{value}
                    RETURNING t.product_id, t.{key}, (t.xmax = 0) AS inserted)
                 INSERT INTO {touched_rows} SELECT * FROM up"
            ),
            &format!(
                "UPDATE products SET lock_version = lock_version + 1, updated_at = now()
                  WHERE id IN (SELECT product_id FROM {touched_rows})"
            ),
        ],
    )?;
    touched(conn, &touched_rows)
}

/// Products by SKU (any case). The file's catalogs and customers replace the product's. A
/// product changed in its own columns gets a new lock_version (an open edit form goes stale);
/// one whose only change is its catalogs or customers counts as updated too.
fn merge_products(
    conn: &mut PgConnection,
    staff_id: Option<i64>,
) -> diesel::QueryResult<(u64, u64)> {
    for statements in [
        &STAGE_PRODUCTS[..],
        &UNLINK_GONE,
        &[UPSERT_PRODUCTS],
        &LINK_NEW,
        &[RECORD_HISTORY],
    ] {
        for sql in statements {
            signed(conn, sql, staff_id)?;
        }
    }
    touched(conn, "import_p_touched")
}

/// Runs `sql`, with the signing staff member as `$1` where it has one.
fn signed(conn: &mut PgConnection, sql: &str, staff_id: Option<i64>) -> diesel::QueryResult<usize> {
    if sql.contains("$1") {
        diesel::sql_query(sql)
            .bind::<Nullable<BigInt>, _>(staff_id)
            .execute(conn)
    } else {
        diesel::sql_query(sql).execute(conn)
    }
}

/// The file's products as the table will hold them, and the table of the products touched.
const STAGE_PRODUCTS: [&str; 4] = [
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
];

/// Links that the file no longer gives go first, so that a product can change kind.
const UNLINK_GONE: [&str; 4] = [
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
];

const UPSERT_PRODUCTS: &str = "WITH up AS (
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
         ON CONFLICT (sku) DO UPDATE SET inserted = EXCLUDED.inserted";

/// The links the file adds (`$1` signs them).
const LINK_NEW: [&str; 3] = [
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
];

/// The customers' history: who made which specific product available, or took it away.
const RECORD_HISTORY: &str = "INSERT INTO customer_history (customer_id, customer_label, staff_id, entity, entity_id, action, field, old_value, new_value)
         SELECT c.id, c.legal_name || coalesce(' (' || c.account_number || ')', ''), $1, 'product', x.product_id,
                x.action, 'Specific product', x.old_value, x.new_value
           FROM (SELECT customer_id, product_id, 'enable' AS action, NULL AS old_value, sku || ' ' || name AS new_value
                   FROM import_p_new_customers
                 UNION ALL
                 SELECT customer_id, product_id, 'disable', sku || ' ' || name, NULL
                   FROM import_p_gone_customers) x
           JOIN customers c ON c.id = x.customer_id
          ORDER BY c.id, x.product_id";
