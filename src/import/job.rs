//! Imports uploaded on /admin/import, run in the background.
//!
//! The upload is streamed into an [`UploadDir`] (a fresh private directory, removed when it is
//! dropped). [`spawn`] then runs the import on a thread of its own with two database
//! connections: the one that started the run (it holds the run's lock and writes the progress
//! lines and the outcome to its row, each visible at once, outside the import's transactions)
//! and one that does the importing, without the portal's statement timeout, which is meant for
//! page requests, not for loading a million orders.
//!
//! Each file goes through `import::import_dir` on its own, in the format's order, so that the
//! run's page can count the files done and keep the counts of those imported before a failure.
//! That is what `import_dir` does with several files itself: each file is all or nothing, and
//! the first failure stops the import.

use crate::{
    db::{DbConn, DbPool},
    import::{self, ImportError, ImportOptions},
    models::import_run::{FileOutcome, ImportRun},
};
use diesel::{PgConnection, QueryableByName, RunQueryDsl, connection::SimpleConnection};
use std::{
    io,
    panic::{AssertUnwindSafe, catch_unwind},
    path::{Path, PathBuf},
    time::Duration,
};

/// The start of every upload directory's name; what follows is the process id and a random part.
const DIR_PREFIX: &str = "clientele-import-";

/// A fresh directory for one upload, readable only by the portal, removed on drop.
#[derive(Debug)]
pub struct UploadDir {
    path: PathBuf,
}

impl UploadDir {
    /// Creates it under the system's temporary directory (`TMPDIR`).
    pub fn create() -> io::Result<UploadDir> {
        use std::os::unix::fs::DirBuilderExt;
        let path = std::env::temp_dir().join(format!(
            "{DIR_PREFIX}{}-{}",
            std::process::id(),
            crate::domain::token::random_hex(8)
        ));
        std::fs::DirBuilder::new().mode(0o700).create(&path)?;
        Ok(UploadDir { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The directory that holds `file` and nothing else, made if need be.
    fn dir_of(&self, file: &str) -> PathBuf {
        self.path.join(file.trim_end_matches(".csv"))
    }

    /// Where the upload of `file` (a name of the format) is written.
    pub fn file_path(&self, file: &str) -> io::Result<PathBuf> {
        let dir = self.dir_of(file);
        std::fs::create_dir_all(&dir)?;
        Ok(dir.join(file))
    }
}

impl Drop for UploadDir {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.path)
            && e.kind() != io::ErrorKind::NotFound
        {
            log::warn!("could not remove {}: {e}", self.path.display());
        }
    }
}

/// Removes upload directories left by portal processes that are no longer running (one that
/// was stopped in the middle of an import); returns how many.
pub fn remove_stale_upload_dirs() -> usize {
    let mut removed = 0;
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return 0;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(DIR_PREFIX)
            .and_then(|rest| rest.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = Path::new(&format!("/proc/{pid}")).exists();
        if !alive && std::fs::remove_dir_all(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// One run's work.
pub struct Job {
    pub pool: DbPool,
    pub run_id: i64,
    pub dir: UploadDir,
    /// The files uploaded, in the format's order.
    pub files: Vec<&'static str>,
    pub price_list_email_domain: String,
}

/// Starts the job on a thread of its own. `run_conn` is the connection that started the run.
pub fn spawn(job: Job, run_conn: DbConn) -> io::Result<()> {
    std::thread::Builder::new()
        .name(format!("import-run-{}", job.run_id))
        .spawn(move || job.run(run_conn))
        .map(|_| ())
}

impl Job {
    fn run(self, mut run_conn: DbConn) {
        let id = self.run_id;
        let mut outcomes = Vec::new();
        let result = catch_unwind(AssertUnwindSafe(|| {
            self.import(&mut run_conn, &mut outcomes)
        }))
        .unwrap_or_else(|panic| {
            let what = crate::error::panic_message(&*panic);
            log::error!("import run {id} panicked: {what}");
            Err("The import stopped unexpectedly. It has been logged.".into())
        });
        match &result {
            Ok(()) => log::info!("import run {id} succeeded"),
            Err(e) => log::info!("import run {id} failed: {e}"),
        }
        // Gone before the run reads as finished.
        drop(self.dir);
        if let Err(e) = ImportRun::finish(&mut run_conn, id, &outcomes, result.err().as_deref()) {
            log::error!("import run {id}: could not store the outcome: {e}");
        }
        if let Err(e) = ImportRun::release(&mut run_conn, id) {
            log::warn!("import run {id}: could not release its lock: {e}");
        }
    }

    /// Imports the files one by one; `outcomes` gets the report of each file imported.
    fn import(
        &self,
        run_conn: &mut PgConnection,
        outcomes: &mut Vec<FileOutcome>,
    ) -> Result<(), String> {
        let id = self.run_id;
        let mut conn = self
            .pool
            .get_timeout(Duration::from_secs(60))
            .map_err(|e| {
                log::error!("import run {id}: no database connection: {e}");
                "The database was too busy to start the import. Try again in a moment.".to_string()
            })?;
        let limits = Unlimited::new(&mut conn).map_err(|e| {
            log::error!("import run {id}: could not lift the statement timeout: {e}");
            "The import could not be started. It has been logged.".to_string()
        })?;
        let options = ImportOptions {
            price_list_email_domain: &self.price_list_email_domain,
            bulk_from_rows: import::BULK_FROM_ROWS,
        };
        let mut result = Ok(());
        for file in &self.files {
            let mut progress = |line: &str| {
                log::info!("import run {id}: {line}");
                if let Err(e) = ImportRun::append_progress(run_conn, id, line) {
                    log::warn!("import run {id}: could not record progress: {e}");
                }
            };
            match import::import_dir(limits.conn, &self.dir.dir_of(file), &options, &mut progress) {
                Ok(reports) => {
                    outcomes.extend(reports.iter().map(FileOutcome::from));
                    if let Err(e) = ImportRun::set_outcomes(run_conn, id, outcomes) {
                        log::warn!("import run {id}: could not record the reports: {e}");
                    }
                }
                Err(e) => {
                    log::warn!("import run {id}: {e}");
                    result = Err(public_message(&e));
                    break;
                }
            }
        }
        limits.restore();
        result
    }
}

/// What the run's page may show of an import error: the line and its reason, not a database's
/// or the file system's own words (those go to the log).
pub fn public_message(e: &ImportError) -> String {
    match e {
        ImportError::Invalid { .. } | ImportError::Setup(_) => e.to_string(),
        ImportError::Database { file, .. } if file.ends_with(".csv") => format!(
            "{file}: the database stopped the import; the cause has been logged. Nothing of {file} was imported."
        ),
        ImportError::Database { .. } => {
            "The database stopped the import; the cause has been logged.".into()
        }
        _ => "The uploaded files could not be read back; the cause has been logged.".into(),
    }
}

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = diesel::sql_types::Text)]
    statement_timeout: String,
}

/// A pooled connection with no statement timeout, until `restore` puts the pool's back.
struct Unlimited<'a> {
    conn: &'a mut PgConnection,
    saved: String,
}

impl<'a> Unlimited<'a> {
    fn new(conn: &'a mut PgConnection) -> diesel::QueryResult<Unlimited<'a>> {
        let saved = diesel::sql_query("SHOW statement_timeout")
            .get_result::<Setting>(conn)?
            .statement_timeout;
        conn.batch_execute("SET statement_timeout = 0")?;
        Ok(Unlimited { conn, saved })
    }

    fn restore(self) {
        let sql = format!(
            "SET statement_timeout = '{}'",
            self.saved.replace('\'', "''")
        );
        if let Err(e) = self.conn.batch_execute(&sql) {
            log::warn!("could not restore the statement timeout: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_dir_is_private_and_gone_after_drop() {
        use std::os::unix::fs::PermissionsExt;
        let dir = UploadDir::create().unwrap();
        let path = dir.path().to_path_buf();
        let file = dir.file_path("orders.csv").unwrap();
        std::fs::write(&file, "x").unwrap();
        assert!(file.starts_with(&path) && file.ends_with("orders/orders.csv"));
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        drop(dir);
        assert!(!path.exists());
    }

    #[test]
    fn database_errors_do_not_reach_the_page() {
        let e = ImportError::Database {
            file: "orders.csv",
            error: diesel::result::Error::NotFound,
        };
        let shown = public_message(&e);
        assert!(shown.starts_with("orders.csv: the database stopped the import"));
        assert!(
            !shown.contains("NotFound") && !shown.contains("not found"),
            "{shown}"
        );
        let invalid = ImportError::Invalid {
            file: "orders.csv",
            line: 17,
            reason: "bad total".into(),
        };
        assert_eq!(
            public_message(&invalid),
            "orders.csv line 17: bad total (nothing of orders.csv was imported)"
        );
    }
}
