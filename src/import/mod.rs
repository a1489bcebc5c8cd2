//! The CSV imports: customers, addresses and orders (the format is in docs/import-format.md),
//! and products with their prices and stock (`products`).
//!
//! Both go through one pipeline (`pipeline`): each file is checked for its shape in Rust
//! (UTF-8, header, field count per line), COPied into a temporary staging table (with each
//! row's line number), checked (the first bad line, named with its file and reason, stops the
//! file and writes nothing), then merged with set-based upserts that leave unchanged rows alone
//! and reported. No per-row round trips. Each import declares its files and their checks.
//!
//! The customer import (`customers`, `addresses`, `orders`) imports each file present in a
//! transaction of its own, in the order customers.csv, addresses.csv, orders.csv, with its lines
//! checked in Rust beside the COPY (see `lines`); a file that more than doubles its table is
//! loaded as a restore is (`bulk`), and a first load of orders goes straight into its table
//! (see `orders`).

use std::fmt;

mod addresses;
mod bulk;
mod customers;
pub mod job;
mod lines;
mod orders;
mod pipeline;
pub mod products;
pub mod progress;
pub mod reasons;

pub use customers::{import_dir, import_file};

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
