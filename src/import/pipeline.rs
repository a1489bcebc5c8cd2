//! The steps every import takes with each of its files: the shape checked in Rust (UTF-8, the
//! exact header, one line-end style, the number of fields on every line), the lines COPied into
//! a temporary staging table numbered from line 2, the checks naming the file and the first bad
//! line, the set-based upserts, and the file's report.
//!
//! An import declares each of its files as a [`FileSpec`] (name, header, staging table and its
//! columns, and how its lines are checked) and gives the pipeline an [`ImportFile`]: the COPY
//! into its staging table (diesel needs the table's own type for it), the answer to a
//! [`lines::Rule::Known`] check, and its upserts. Checks are either run in Rust over the lines
//! beside the COPY ([`Checking::Lines`], see `lines`: fast enough for a million orders), or in SQL
//! over the staging table after it ([`Checking::Sql`], for checks that need what is stored).

use super::{FileReport, ImportError, lines};
use diesel::{
    ExecuteCopyFromDsl, OptionalExtension, PgConnection, QueryableByName, RunQueryDsl,
    pg::{CopyFormat, CopyTarget},
    sql_types::{BigInt, Nullable, Text},
};
use std::time::Instant;

/// One file of an import as the import declares it.
pub(crate) struct FileSpec {
    /// The file's name, which says what it holds (`customers.csv`).
    pub(crate) name: &'static str,
    /// The exact header line; its columns name the line checks' columns.
    pub(crate) header: &'static str,
    /// The temporary staging table (dropped at commit).
    pub(crate) staging: &'static str,
    /// The staging table's columns after its line number.
    pub(crate) columns: Columns,
    pub(crate) checking: Checking,
}

/// The columns of a staging table.
pub(crate) enum Columns {
    /// The header's columns, as text.
    Header,
    /// Column definitions as SQL (`a TEXT, b BIGINT`), for a file COPied as other columns than
    /// its own.
    Typed(&'static str),
}

/// How a file's lines are checked.
pub(crate) enum Checking {
    /// In Rust over the lines, beside the COPY: the rules in the format's order, and a check
    /// over the whole file whose rules hold their places in the order as [`lines::Rule::Apart`].
    Lines {
        rules: &'static [lines::Rule],
        apart: Option<WholeFileCheck>,
    },
    /// In SQL over the staging table, after the COPY.
    Sql(fn() -> Checks),
}

/// A check over a whole file's lines (the data after the header): its first bad line.
pub(crate) type WholeFileCheck = fn(&[u8]) -> Option<lines::BadLine>;

/// What the pipeline needs of a file beyond its declaration.
pub(crate) trait ImportFile: Sync {
    fn spec(&self) -> &'static FileSpec;

    /// Whether a value the database holds is known ([`lines::Rule::Known`]).
    fn known(&self, _value: &str) -> bool {
        true
    }

    /// COPies the file's lines (the data after the header) into its staging table, which the
    /// pipeline has made.
    fn copy(&self, conn: &mut PgConnection, body: &[u8]) -> diesel::QueryResult<u64>;

    /// Merges the staged rows into the tables: how many rows were inserted and updated.
    fn upsert(&self, conn: &mut PgConnection) -> Result<(u64, u64), ImportError>;
}

/// Declares a file's staging table of text columns, named as the file's header names them, in
/// a module of its own: `staging!(mod name = table (first, second, …));` gives `name::TABLE`,
/// `name::HEADER` (the header line) and `name::copy` (the file's lines into the table).
macro_rules! staging {
    (mod $module:ident = $table:ident ($first:ident $(, $column:ident)* $(,)?)) => {
        pub(super) mod $module {
            diesel::table! {
                $table (line) {
                    line -> Int8,
                    $first -> Nullable<Text>,
                    $($column -> Nullable<Text>,)*
                }
            }

            pub(crate) const TABLE: &str = stringify!($table);

            pub(crate) const HEADER: &str =
                concat!(stringify!($first) $(, ",", stringify!($column))*);

            /// COPies the file's lines as they are into the staging table.
            pub(crate) fn copy(
                conn: &mut diesel::PgConnection,
                body: &[u8],
            ) -> diesel::QueryResult<u64> {
                use $table::*;
                $crate::import::pipeline::copy_body(conn, ($first, $($column,)*), body)
            }
        }
    };
}
pub(crate) use staging;

/// The error for a database failure while importing `file`.
pub(crate) fn db(file: &'static str) -> impl Fn(diesel::result::Error) -> ImportError {
    move |error| ImportError::Database { file, error }
}

/// A file's data after its header, once its shape is right (see `check_shape`).
pub(crate) fn shape<'a>(spec: &FileSpec, data: &'a [u8]) -> Result<&'a [u8], ImportError> {
    check_shape(spec.name, data, spec.header)
}

/// Stages, checks and upserts one file whose shape is right, inside the caller's transaction;
/// `progress` gets a line per step, timed from `started`.
pub(crate) fn load(
    conn: &mut PgConnection,
    file: &dyn ImportFile,
    body: &[u8],
    started: Instant,
    progress: &mut dyn FnMut(&str),
) -> Result<FileReport, ImportError> {
    let spec = file.spec();
    let name = spec.name;
    let mut steps = Steps::new(name, started, progress);
    create_staging(conn, spec).map_err(db(name))?;
    let rows = copy_checked(conn, file, body, |conn| file.copy(conn, body))?;
    analyze_staging(conn, spec.staging).map_err(db(name))?;
    steps.copied(rows);
    if let Checking::Sql(checks) = spec.checking
        && let Some((line, reason)) = first_bad_row(conn, &checks()).map_err(db(name))?
    {
        return Err(ImportError::Invalid {
            file: name,
            line,
            reason,
        });
    }
    steps.validated(rows);
    let (inserted, updated) = file.upsert(conn)?;
    steps.step(&format!(
        "upserted {rows} rows: {inserted} inserted, {updated} updated"
    ));
    Ok(report(name, rows, inserted, updated))
}

pub(crate) fn report(file: &'static str, rows: u64, inserted: u64, updated: u64) -> FileReport {
    FileReport {
        file,
        rows,
        inserted,
        updated,
        unchanged: rows - inserted - updated,
    }
}

/// Runs `copy` with the file's line checks beside it (on a thread of their own). A bad line is
/// the error even when the COPY failed too: it explains the failure (an unknown customer's
/// order has no id, say).
pub(crate) fn copy_checked(
    conn: &mut PgConnection,
    file: &dyn ImportFile,
    body: &[u8],
    copy: impl FnOnce(&mut PgConnection) -> diesel::QueryResult<u64>,
) -> Result<u64, ImportError> {
    let spec = file.spec();
    let (rows, bad) = match spec.checking {
        Checking::Lines { rules, apart } => std::thread::scope(|scope| {
            let checking = scope.spawn(|| {
                let known = |value: &str| file.known(value);
                lines::first_bad(
                    lines::first_bad_line(body, spec.header, rules, &known),
                    apart.and_then(|check| check(body)),
                )
            });
            let rows = copy(conn);
            let bad = checking
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (rows, bad)
        }),
        Checking::Sql(_) => (copy(conn), None),
    };
    if let Some(bad) = bad {
        return Err(ImportError::Invalid {
            file: spec.name,
            line: bad.line,
            reason: bad.reason,
        });
    }
    rows.map_err(db(spec.name))
}

/// Makes the file's staging table; its line column numbers the rows from 2 (line 1 is the
/// header).
fn create_staging(conn: &mut PgConnection, spec: &FileSpec) -> diesel::QueryResult<usize> {
    let columns = match spec.columns {
        Columns::Header => spec
            .header
            .split(',')
            .map(|c| format!("{c} TEXT"))
            .collect::<Vec<_>>()
            .join(", "),
        Columns::Typed(columns) => columns.to_string(),
    };
    diesel::sql_query(format!(
        "CREATE TEMP TABLE {} (line BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 2), {columns}) \
         ON COMMIT DROP",
        spec.staging
    ))
    .execute(conn)
}

/// The staged rows' count and rough shape are what the upserts' plans need: a sample of 3,000
/// rows rather than the default 30,000 (a million orders: 0.2 s -> 0.03 s).
fn analyze_staging(conn: &mut PgConnection, table: &str) -> diesel::QueryResult<()> {
    execute_all(
        conn,
        &[
            "SET LOCAL default_statistics_target = 10",
            &format!("ANALYZE {table}"),
            // Not RESET, which would reach past the transaction onto the (shared) connection.
            "SET LOCAL default_statistics_target TO DEFAULT",
        ],
    )
}

/// COPies CSV into `columns` (of one table) as `write` writes it; `freeze` for a table made or
/// emptied in this transaction, whose rows then go in frozen.
pub(crate) fn copy_csv<C>(
    conn: &mut PgConnection,
    columns: C,
    freeze: bool,
    write: impl Fn(&mut dyn std::io::Write) -> diesel::QueryResult<()>,
) -> diesel::QueryResult<u64>
where
    C: CopyTarget,
    C::Table: Default,
{
    let copy = diesel::copy_from(C::Table::default())
        .from_raw_data(columns, write)
        .with_format(CopyFormat::Csv);
    let copy = if freeze { copy.with_freeze(true) } else { copy };
    Ok(copy.execute(conn)? as u64)
}

/// COPies the file's lines as they are into `columns` of its staging table.
pub(crate) fn copy_body<C>(
    conn: &mut PgConnection,
    columns: C,
    body: &[u8],
) -> diesel::QueryResult<u64>
where
    C: CopyTarget,
    C::Table: Default,
{
    copy_csv(conn, columns, false, |w| {
        w.write_all(body).map_err(copy_error)
    })
}

pub(crate) fn copy_error(e: std::io::Error) -> diesel::result::Error {
    diesel::result::Error::SerializationError(Box::new(e))
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
    let invalid = |(line, reason): (u64, String)| ImportError::Invalid { file, line, reason };
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    if let Err(e) = std::str::from_utf8(data) {
        let line = data[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64
            + 1;
        return Err(invalid((line, "the text is not valid UTF-8".into())));
    }
    let header_end = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    let crlf = data[..header_end].ends_with(b"\r");
    let first = &data[..header_end - usize::from(crlf)];
    if first != header.as_bytes() {
        return Err(invalid((
            1,
            format!("the header must be exactly: {header}"),
        )));
    }
    let body = &data[(header_end + 1).min(data.len())..];
    check_lines(body, header.split(',').count(), crlf).map_err(invalid)?;
    Ok(body)
}

/// The first line of `body` with a broken shape, and why: `expected` fields on each line, each
/// line ending as the header's does (CR LF when `crlf`).
fn check_lines(body: &[u8], expected: usize, crlf: bool) -> Result<(), (u64, String)> {
    let mixed = || {
        if crlf {
            "the header line ends with CR LF, so every line must (this one ends with LF alone)"
        } else {
            "the header line ends with LF, so every line must (this one ends with CR LF)"
        }
        .to_string()
    };
    let field_count = |line: u64, fields: usize| {
        if fields == expected {
            Ok(())
        } else {
            Err((
                line,
                format!("{fields} fields where the header has {expected}"),
            ))
        }
    };
    let mut line = 2u64;
    let mut fields = 1usize;
    let mut quoted = false;
    let mut line_start = true;
    let mut after_cr = false;
    for &b in body {
        if after_cr && b != b'\n' {
            let reason = "a carriage return (CR) stands alone inside the line";
            return Err((line, reason.into()));
        }
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => fields += 1,
            b'\r' if !quoted => {
                if !crlf {
                    return Err((line, mixed()));
                }
                after_cr = true;
                continue;
            }
            b'\n' => {
                if quoted {
                    let reason =
                        "a quoted field is not closed on its line (fields hold no line breaks)";
                    return Err((line, reason.into()));
                }
                if crlf && !after_cr {
                    return Err((line, mixed()));
                }
                after_cr = false;
                field_count(line, fields)?;
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
        let reason = "a carriage return (CR) stands alone at the end";
        return Err((line, reason.into()));
    }
    if !line_start {
        if quoted {
            return Err((line, "a quoted field is not closed".into()));
        }
        field_count(line, fields)?;
    }
    Ok(())
}

/// One SQL check: a condition on a staging row (`s`) and the message when it holds.
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

/// A line and why it is refused.
#[derive(QueryableByName)]
pub(crate) struct BadRow {
    #[diesel(sql_type = BigInt)]
    line: i64,
    #[diesel(sql_type = Nullable<Text>)]
    reason: Option<String>,
}

/// The line and reason of the first row of `sql` (columns `line` and `reason`), if any.
pub(crate) fn first_row_refused(
    conn: &mut PgConnection,
    sql: &str,
) -> diesel::QueryResult<Option<(u64, String)>> {
    let bad: Option<BadRow> = diesel::sql_query(sql).get_result(conn).optional()?;
    Ok(bad.map(|b| {
        (
            b.line as u64,
            b.reason.unwrap_or_else(|| "invalid row".into()),
        )
    }))
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
    first_row_refused(conn, &sql)
}

/// Lifts the statement timeout for the rest of the transaction it runs in (imports take the
/// time they need; the timeout is meant for pages).
pub(crate) const UNLIMITED: &str = "SET LOCAL statement_timeout = 0";

/// Runs each statement in turn.
pub(crate) fn execute_all(conn: &mut PgConnection, statements: &[&str]) -> diesel::QueryResult<()> {
    for sql in statements {
        diesel::sql_query(*sql).execute(conn)?;
    }
    Ok(())
}

/// Fresh statistics for each table, so that the first searches after an import get good plans
/// rather than waiting for autovacuum to notice.
pub(crate) fn analyze(conn: &mut PgConnection, tables: &[&str]) -> diesel::QueryResult<()> {
    for table in tables {
        diesel::sql_query(format!("ANALYZE {table}")).execute(conn)?;
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Counts {
    #[diesel(sql_type = BigInt)]
    inserted: i64,
    #[diesel(sql_type = BigInt)]
    updated: i64,
}

/// How many rows were inserted and updated, from a table of the rows an upsert touched (its
/// `inserted` column says which).
pub(crate) fn touched(conn: &mut PgConnection, table: &str) -> diesel::QueryResult<(u64, u64)> {
    sum_counts(
        conn,
        &format!(
            "SELECT count(*) FILTER (WHERE inserted) AS inserted, \
                    count(*) FILTER (WHERE NOT inserted) AS updated FROM {table}"
        ),
    )
}

/// The `inserted` and `updated` counts `sql` selects.
pub(crate) fn sum_counts(conn: &mut PgConnection, sql: &str) -> diesel::QueryResult<(u64, u64)> {
    let c = diesel::sql_query(sql).get_result::<Counts>(conn)?;
    Ok((c.inserted as u64, c.updated as u64))
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The count `sql` selects as `n`.
pub(crate) fn count(conn: &mut PgConnection, sql: &str) -> diesel::QueryResult<u64> {
    diesel::sql_query(sql)
        .get_result::<Count>(conn)
        .map(|c| c.n as u64)
}

/// Whether `table` holds fewer than `n` rows (counting no further than `n`).
pub(crate) fn fewer_than(
    conn: &mut PgConnection,
    table: &str,
    n: u64,
) -> diesel::QueryResult<bool> {
    Ok(count(
        conn,
        &format!("SELECT count(*) AS n FROM (SELECT 1 FROM {table} LIMIT {n}) t"),
    )? < n)
}

/// `columns` ("a, b") with each name qualified by `table` ("t.a, t.b").
pub(crate) fn prefixed(columns: &str, table: &str) -> String {
    columns
        .split(", ")
        .map(|c| format!("{table}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A file's progress lines, each timed from the file's start.
pub(crate) struct Steps<'p> {
    file: &'static str,
    started: Instant,
    progress: &'p mut dyn FnMut(&str),
}

impl<'p> Steps<'p> {
    pub(crate) fn new(
        file: &'static str,
        started: Instant,
        progress: &'p mut dyn FnMut(&str),
    ) -> Steps<'p> {
        Steps {
            file,
            started,
            progress,
        }
    }

    /// "{file}: {what} ({seconds} s)".
    pub(crate) fn step(&mut self, what: &str) {
        let seconds = self.started.elapsed().as_secs_f64();
        (self.progress)(&format!("{}: {what} ({seconds:.1} s)", self.file));
    }

    pub(crate) fn copied(&mut self, rows: u64) {
        self.step(&format!("copied {rows} rows"));
    }

    pub(crate) fn validated(&mut self, rows: u64) {
        self.step(&format!("validated {rows} rows"));
    }
}
