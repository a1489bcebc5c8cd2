//! Import runs: the CSV imports started from /admin/import, with their progress and outcome.
//!
//! A run is `running` from the moment its row is written until its job stores the outcome. While
//! it works, the job stamps the run's `heartbeat_at` every [`HEARTBEAT_EVERY`]; a `running` run
//! whose stamp is older than [`STALE_AFTER`] was interrupted (its process stopped or lost the
//! database), and [`ImportRun::fail_interrupted`] marks it failed. The stamp lives in the row, not
//! in a connection: this is right with several portal instances (one instance's sweep leaves
//! another instance's live import alone) and behind a transaction-pooling PgBouncer, where a
//! session-level lock could be left behind on a server connection and block every later import.

use crate::domain::group_digits;
use crate::i18n::{L10n, Msg};
use crate::schema::{import_runs, staff};
use chrono::{DateTime, Utc};
use diesel::{
    prelude::*,
    result::{DatabaseErrorKind, Error},
    sql_types::{Double, Text},
};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The files of the import format, in the order they are imported (addresses and orders refer
/// to customers).
pub const FILES: [&str; 3] = ["customers.csv", "addresses.csv", "orders.csv"];

/// How often a run's job stamps it alive.
pub const HEARTBEAT_EVERY: Duration = Duration::from_secs(5);

/// A running run not stamped for this long is taken for interrupted: a dozen missed beats, so a
/// busy database or a slow statement on the stamping connection does not end a live run.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// What a run that was cut off says.
pub const INTERRUPTED: &str = "interrupted by a restart";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
}

impl RunStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Succeeded => "succeeded",
            RunStatus::Failed => "failed",
        }
    }

    fn parse(s: &str) -> RunStatus {
        match s {
            "running" => RunStatus::Running,
            "succeeded" => RunStatus::Succeeded,
            _ => RunStatus::Failed,
        }
    }
}

/// What happened to one imported file's rows (an `import::FileReport`, as stored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileOutcome {
    pub file: String,
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl FileOutcome {
    /// Rows, inserted, updated and unchanged, for people: "30,000".
    pub fn counts(&self) -> [String; 4] {
        [self.rows, self.inserted, self.updated, self.unchanged].map(group_digits)
    }
}

impl FileOutcome {
    /// `counts` with the reader's grouping.
    pub fn counts_in(&self, l: &L10n) -> [String; 4] {
        [self.rows, self.inserted, self.updated, self.unchanged].map(|n| l.number(n as i64))
    }
}

impl From<&crate::import::FileReport> for FileOutcome {
    fn from(r: &crate::import::FileReport) -> Self {
        FileOutcome {
            file: r.file.to_string(),
            rows: r.rows,
            inserted: r.inserted,
            updated: r.updated,
            unchanged: r.unchanged,
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = import_runs, check_for_backend(diesel::pg::Pg))]
pub struct ImportRun {
    pub id: i64,
    pub started_by: Option<i64>,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    status: String,
    files: Vec<Option<String>>,
    progress: Vec<Option<String>>,
    pub error: Option<String>,
    report: Option<serde_json::Value>,
    /// The name of whoever started the run (runs are read left-joined to `staff`).
    #[diesel(select_expression = staff::name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<staff::name>)]
    pub started_by_name: Option<String>,
}

/// How one of a run's files fared, for the run's page.
#[derive(Clone, Debug)]
pub struct FileState {
    pub file: String,
    /// Imported, importing, waiting, failed, not imported: a few words for the page.
    pub state: &'static str,
    /// The message id of `state`.
    pub state_id: &'static str,
    pub outcome: Option<FileOutcome>,
}

/// Starting a run was refused: another one is still running.
#[derive(Debug)]
pub struct AlreadyRunning(pub i64);

impl ImportRun {
    pub fn status(&self) -> RunStatus {
        RunStatus::parse(&self.status)
    }

    pub fn is_running(&self) -> bool {
        self.status() == RunStatus::Running
    }

    pub fn status_label(&self) -> &'static str {
        match self.status() {
            RunStatus::Running => "Running",
            RunStatus::Succeeded => "Succeeded",
            RunStatus::Failed => "Failed",
        }
    }

    /// The message id of `status_label`.
    pub fn status_label_id(&self) -> &'static str {
        match self.status() {
            RunStatus::Running => "admin-import-status-running",
            RunStatus::Succeeded => "admin-import-status-succeeded",
            RunStatus::Failed => "admin-import-status-failed",
        }
    }

    /// `started_by_label` in the reader's language.
    pub fn started_by_in(&self, l: &L10n) -> String {
        match &self.started_by_name {
            Some(name) => name.clone(),
            None => l.t("admin-import-former-colleague"),
        }
    }

    /// Why the run failed, in the reader's language where it is known to the portal: the
    /// interruption is; the import's own reasons are stored in English and put into the
    /// reader's words where their shape is known (else shown as they are).
    pub fn error_in(&self, l: &L10n) -> Option<String> {
        self.error.as_deref().map(|e| {
            if e == INTERRUPTED {
                l.t("admin-import-interrupted")
            } else {
                crate::import::reasons::run_error_in(l, e)
            }
        })
    }

    /// `summary` in the reader's language.
    pub fn summary_in(&self, l: &L10n) -> String {
        let (done, total) = (self.files_done(), self.files_total());
        match self.status() {
            RunStatus::Running => l.t2(
                "admin-import-summary-running",
                ("done", done),
                ("total", total),
            ),
            RunStatus::Succeeded => {
                let o = self.outcomes();
                let sum =
                    |f: fn(&FileOutcome) -> u64| l.number(o.iter().map(f).sum::<u64>() as i64);
                l.msg(
                    &Msg::new("admin-import-summary-succeeded")
                        .arg("total", total)
                        .arg("inserted", sum(|o| o.inserted))
                        .arg("updated", sum(|o| o.updated))
                        .arg("unchanged", sum(|o| o.unchanged)),
                )
            }
            RunStatus::Failed => l.msg(
                &Msg::new("admin-import-summary-failed")
                    .arg("done", done)
                    .arg("total", total)
                    .arg(
                        "error",
                        self.error_in(l)
                            .unwrap_or_else(|| l.t("admin-import-failed")),
                    ),
            ),
        }
    }

    /// `duration` in the reader's language (its decimal mark).
    pub fn duration_in(&self, l: &L10n) -> Option<String> {
        let ms = (self.finished_at? - self.started_at)
            .num_milliseconds()
            .max(0);
        Some(if ms < 60_000 {
            let tenths = (ms + 50) / 100;
            l.t1(
                "admin-import-seconds",
                "s",
                format!("{}{}{}", tenths / 10, l.decimal_mark(), tenths % 10),
            )
        } else {
            l.t2(
                "admin-import-minutes",
                ("min", ms / 60_000),
                ("s", (ms % 60_000) / 1000),
            )
        })
    }

    /// The badge class of the status (app.css).
    pub fn badge(&self) -> &'static str {
        match self.status() {
            RunStatus::Running => "pending",
            RunStatus::Succeeded => "ok",
            RunStatus::Failed => "blocked",
        }
    }

    pub fn started_by_label(&self) -> &str {
        self.started_by_name
            .as_deref()
            .unwrap_or("a former colleague")
    }

    /// The files uploaded, in the order they are imported.
    pub fn files(&self) -> Vec<&str> {
        let given: Vec<&str> = self.files.iter().flatten().map(String::as_str).collect();
        FILES.into_iter().filter(|f| given.contains(f)).collect()
    }

    pub fn files_text(&self) -> String {
        self.files().join(", ")
    }

    pub fn lines(&self) -> Vec<&str> {
        self.progress.iter().flatten().map(String::as_str).collect()
    }

    /// The progress lines in the reader's language. They are stored as the import wrote them,
    /// in English; the shapes the import writes are put into words again, anything else is
    /// shown as it is.
    pub fn lines_in(&self, l: &L10n) -> Vec<String> {
        self.lines()
            .into_iter()
            .map(|line| progress_line(l, line).unwrap_or_else(|| line.to_string()))
            .collect()
    }

    /// The files imported so far (all of them when the run succeeded).
    pub fn outcomes(&self) -> Vec<FileOutcome> {
        self.report
            .clone()
            .and_then(|r| serde_json::from_value(r).ok())
            .unwrap_or_default()
    }

    pub fn files_done(&self) -> usize {
        self.outcomes().len()
    }

    pub fn files_total(&self) -> usize {
        self.files().len()
    }

    /// Every file of the run and how it fared.
    pub fn file_states(&self) -> Vec<FileState> {
        let outcomes = self.outcomes();
        let mut first_missing = true;
        self.files()
            .into_iter()
            .map(|f| {
                let outcome = outcomes.iter().find(|o| o.file == f).cloned();
                let (state, state_id) = match (&outcome, self.status()) {
                    (Some(_), _) => ("Imported", "admin-import-file-imported"),
                    (None, RunStatus::Running) if first_missing => {
                        ("Importing…", "admin-import-file-importing")
                    }
                    (None, RunStatus::Running) => ("Waiting", "admin-import-file-waiting"),
                    (None, RunStatus::Failed)
                        if first_missing && self.error.as_deref() != Some(INTERRUPTED) =>
                    {
                        (
                            "Failed: nothing of it was imported",
                            "admin-import-file-failed",
                        )
                    }
                    (None, RunStatus::Failed) if first_missing => (
                        "Interrupted: nothing of it was imported",
                        "admin-import-file-interrupted",
                    ),
                    (None, _) => ("Not imported", "admin-import-file-not-imported"),
                };
                if outcome.is_none() {
                    first_missing = false;
                }
                FileState {
                    file: f.to_string(),
                    state,
                    state_id,
                    outcome,
                }
            })
            .collect()
    }

    /// One sentence on where the run stands.
    pub fn summary(&self) -> String {
        let (done, total) = (self.files_done(), self.files_total());
        let files = |n: usize| if n == 1 { "file" } else { "files" };
        match self.status() {
            RunStatus::Running => format!("{done} of {total} {} imported so far.", files(total)),
            RunStatus::Succeeded => {
                let o = self.outcomes();
                let sum = |f: fn(&FileOutcome) -> u64| o.iter().map(f).sum::<u64>();
                format!(
                    "{total} {} imported: {} rows inserted, {} updated, {} unchanged.",
                    files(total),
                    group_digits(sum(|o| o.inserted)),
                    group_digits(sum(|o| o.updated)),
                    group_digits(sum(|o| o.unchanged))
                )
            }
            RunStatus::Failed => format!(
                "{done} of {total} {} imported. {}",
                files(total),
                self.error.as_deref().unwrap_or("The import failed.")
            ),
        }
    }

    /// How long it took, once finished: "4.2 s", "3 min 5 s".
    pub fn duration(&self) -> Option<String> {
        let ms = (self.finished_at? - self.started_at)
            .num_milliseconds()
            .max(0);
        Some(if ms < 60_000 {
            format!("{:.1} s", ms as f64 / 1000.0)
        } else {
            format!("{} min {} s", ms / 60_000, (ms % 60_000) / 1000)
        })
    }

    pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<ImportRun> {
        import_runs::table
            .left_join(staff::table)
            .filter(import_runs::id.eq(id))
            .select(ImportRun::as_select())
            .first(conn)
    }

    /// The newest runs first.
    pub fn recent(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<ImportRun>> {
        import_runs::table
            .left_join(staff::table)
            .order((import_runs::started_at.desc(), import_runs::id.desc()))
            .limit(limit)
            .select(ImportRun::as_select())
            .load(conn)
    }

    /// Records a new run, stamped alive now: from then on its job must [`beat`](Self::beat)
    /// every [`HEARTBEAT_EVERY`], or a sweep takes it for interrupted. Refused while another run
    /// is running (one interrupted is marked failed first).
    pub fn start(
        conn: &mut PgConnection,
        started_by: i64,
        files: &[&str],
    ) -> QueryResult<Result<i64, AlreadyRunning>> {
        Self::fail_interrupted(conn)?;
        // A savepoint in the caller's transaction, which stays usable when this is refused.
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(import_runs::table)
                .values((
                    import_runs::started_by.eq(started_by),
                    import_runs::files.eq(files.iter().map(|f| f.to_string()).collect::<Vec<_>>()),
                ))
                .returning(import_runs::id)
                .get_result(conn)
        });
        match inserted {
            Ok(id) => Ok(Ok(id)),
            Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                let running = import_runs::table
                    .filter(import_runs::status.eq(RunStatus::Running.as_str()))
                    .select(import_runs::id)
                    .first::<i64>(conn)
                    .optional()?;
                Ok(Err(AlreadyRunning(running.unwrap_or_default())))
            }
            Err(e) => Err(e),
        }
    }

    /// Stamps run `id` alive; false when it is no longer running (a sweep took it for
    /// interrupted, or it finished).
    pub fn beat(conn: &mut PgConnection, id: i64) -> QueryResult<bool> {
        diesel::update(
            import_runs::table
                .find(id)
                .filter(import_runs::status.eq(RunStatus::Running.as_str())),
        )
        .set(import_runs::heartbeat_at.eq(diesel::dsl::now))
        .execute(conn)
        .map(|n| n > 0)
    }

    /// Adds a line to the run's progress; seen at once by every reader.
    pub fn append_progress(conn: &mut PgConnection, id: i64, line: &str) -> QueryResult<()> {
        diesel::update(import_runs::table.find(id))
            .set(import_runs::progress.eq(import_runs::progress.concat(vec![line.to_string()])))
            .execute(conn)
            .map(|_| ())
    }

    /// Stores the reports of the files imported so far.
    pub fn set_outcomes(
        conn: &mut PgConnection,
        id: i64,
        outcomes: &[FileOutcome],
    ) -> QueryResult<()> {
        let report = serde_json::to_value(outcomes).expect("reports serialize");
        diesel::update(import_runs::table.find(id))
            .set(import_runs::report.eq(report))
            .execute(conn)
            .map(|_| ())
    }

    /// Ends a running run: succeeded without `error`, failed with it.
    pub fn finish(
        conn: &mut PgConnection,
        id: i64,
        outcomes: &[FileOutcome],
        error: Option<&str>,
    ) -> QueryResult<()> {
        let status = match error {
            None => RunStatus::Succeeded,
            Some(_) => RunStatus::Failed,
        };
        let report = serde_json::to_value(outcomes).expect("reports serialize");
        diesel::update(
            import_runs::table
                .find(id)
                .filter(import_runs::status.eq(RunStatus::Running.as_str())),
        )
        .set((
            import_runs::status.eq(status.as_str()),
            import_runs::finished_at.eq(diesel::dsl::now),
            import_runs::report.eq(report),
            import_runs::error.eq(error),
        ))
        .execute(conn)
        .map(|_| ())
    }

    /// Marks failed every running run whose job is gone (its heartbeat is older than
    /// [`STALE_AFTER`]); returns how many.
    pub fn fail_interrupted(conn: &mut PgConnection) -> QueryResult<usize> {
        diesel::sql_query(
            "UPDATE import_runs SET status = 'failed', finished_at = now(), error = $1
              WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $2)",
        )
        .bind::<Text, _>(INTERRUPTED)
        .bind::<Double, _>(STALE_AFTER.as_secs_f64())
        .execute(conn)
    }
}

/// A progress line as the import writes it ("customers.csv: copied 25 rows (0.3 s)", see
/// `import::pipeline`), in `l`'s words; None for a line of another shape.
fn progress_line(l: &L10n, line: &str) -> Option<String> {
    let (head, tail) = line.rsplit_once(" (")?;
    let seconds = tail.strip_suffix(" s)")?;
    seconds.parse::<f64>().ok()?;
    let (file, what) = head.split_once(": ")?;
    let number = |t: &str| t.parse::<i64>().ok().map(|n| l.number(n));
    let words: Vec<&str> = what.split(' ').collect();
    let msg = match words.as_slice() {
        ["copied", n, "rows"] => Msg::new("admin-import-line-copied").arg("rows", number(n)?),
        ["validated", n, "rows"] => Msg::new("admin-import-line-validated").arg("rows", number(n)?),
        ["loaded", n, "new", "orders"] => {
            Msg::new("admin-import-line-loaded-orders").arg("rows", number(n)?)
        }
        ["upserted", n, "rows:", i, "inserted,", u, "updated"] => {
            Msg::new("admin-import-line-upserted")
                .arg("rows", number(n)?)
                .arg("inserted", number(i)?)
                .arg("updated", number(u)?)
        }
        _ => return None,
    };
    let msg = msg
        .arg("file", file)
        .arg("seconds", seconds.replace('.', l.decimal_mark()));
    Some(l.msg(&msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_lines_are_put_into_words_again() {
        let en = L10n::english();
        let line = "customers.csv: upserted 1200 rows: 1000 inserted, 200 updated (2.5 s)";
        assert_eq!(
            progress_line(&en, line).as_deref(),
            Some("customers.csv: upserted 1,200 rows: 1,000 inserted, 200 updated (2.5 s)")
        );
        let de = L10n::new(
            crate::i18n::Lang::parse("de").unwrap(),
            crate::i18n::Zone::utc(),
        );
        let line = "orders.csv: copied 25 rows (0.3 s)";
        assert_eq!(
            progress_line(&de, line).as_deref(),
            Some("orders.csv: 25 Zeilen kopiert (0,3 s)")
        );
        assert_eq!(progress_line(&en, "something else"), None);
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(38155), "38,155");
        assert_eq!(group_digits(1234567), "1,234,567");
    }
}
