//! Imports uploaded on /admin/import, run in the background.
//!
//! The upload is streamed into an [`UploadDir`] (a fresh private directory, removed when it is
//! dropped). [`spawn`] then runs the import on a thread of its own with two database
//! connections: the one that started the run (it writes the progress lines and the outcome to
//! its row, each visible at once, outside the import's transactions, and stamps the run alive
//! every few seconds from a thread of its own: see [`Heartbeat`]) and one that does the
//! importing. The import's transactions lift the portal's statement timeout, which is meant for
//! page requests, not for loading a million orders, for themselves alone (`SET LOCAL`, see
//! `import::customers`): nothing is set on the connection, which a transaction-pooling PgBouncer
//! shares with other clients between transactions.
//!
//! Each file goes through `import::import_dir` on its own, in the format's order, so that the
//! run's page can count the files done and keep the counts of those imported before a failure.
//! That is what `import_dir` does with several files itself: each file is all or nothing, and
//! the first failure stops the import.

use crate::{
    db::{DbConn, DbPool},
    import::{self, ImportError, ImportOptions},
    models::import_run::{FileOutcome, HEARTBEAT_EVERY, ImportRun},
};
use std::{
    io,
    panic::{AssertUnwindSafe, catch_unwind},
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex, MutexGuard,
        mpsc::{self, RecvTimeoutError},
    },
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

/// How often each instance looks for runs whose job is gone (see `ImportRun::fail_interrupted`).
const SWEEP_EVERY: Duration = Duration::from_secs(15);

/// At start-up and then every [`SWEEP_EVERY`]: marks failed the runs whose heartbeat went stale
/// (their instance stopped or lost the database), so that their page says so and a new upload
/// is taken, within a minute or so of the job's end. Every instance sweeps; a live run is
/// stamped by its job wherever that runs, so none is failed by another instance.
pub fn spawn_sweeper(pool: DbPool) {
    actix_web::rt::spawn(async move {
        let mut every = actix_web::rt::time::interval(SWEEP_EVERY);
        loop {
            every.tick().await;
            match crate::db::run(&pool, |conn| Ok(ImportRun::fail_interrupted(conn)?)).await {
                Ok(0) => {}
                Ok(n) => log::warn!("marked {n} interrupted import run(s) failed"),
                Err(e) => log::warn!("looking for interrupted import runs failed: {e}"),
            }
        }
    });
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
    fn run(self, run_conn: DbConn) {
        let id = self.run_id;
        let run_conn = Arc::new(Mutex::new(run_conn));
        let mut outcomes = Vec::new();
        // Beats until the import is over; the outcome is stored right after.
        let heartbeat = Heartbeat::start(Arc::clone(&run_conn), id, HEARTBEAT_EVERY);
        let result = match &heartbeat {
            Ok(_) => catch_unwind(AssertUnwindSafe(|| self.import(&run_conn, &mut outcomes)))
                .unwrap_or_else(|panic| {
                    let what = crate::error::panic_message(&*panic);
                    log::error!("import run {id} panicked: {what}");
                    Err("The import stopped unexpectedly. It has been logged.".into())
                }),
            Err(e) => {
                log::error!("import run {id}: could not start its heartbeat: {e}");
                Err("The import could not be started. It has been logged.".into())
            }
        };
        match &result {
            Ok(()) => log::info!("import run {id} succeeded"),
            Err(e) => log::info!("import run {id} failed: {e}"),
        }
        drop(heartbeat);
        // Gone before the run reads as finished.
        drop(self.dir);
        let stored = ImportRun::finish(
            &mut locked(&run_conn),
            id,
            &outcomes,
            result.err().as_deref(),
        );
        if let Err(e) = stored {
            log::error!("import run {id}: could not store the outcome: {e}");
        }
    }

    /// Imports the files one by one; `outcomes` gets the report of each file imported.
    fn import(
        &self,
        run_conn: &Mutex<DbConn>,
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
        let options = ImportOptions {
            price_list_email_domain: &self.price_list_email_domain,
            bulk_from_rows: import::BULK_FROM_ROWS,
        };
        for file in &self.files {
            let mut progress = |line: &str| {
                log::info!("import run {id}: {line}");
                if let Err(e) = ImportRun::append_progress(&mut locked(run_conn), id, line) {
                    log::warn!("import run {id}: could not record progress: {e}");
                }
            };
            let reports =
                import::import_dir(&mut conn, &self.dir.dir_of(file), &options, &mut progress)
                    .map_err(|e| {
                        log::warn!("import run {id}: {e}");
                        public_message(&e)
                    })?;
            outcomes.extend(reports.iter().map(FileOutcome::from));
            if let Err(e) = ImportRun::set_outcomes(&mut locked(run_conn), id, outcomes) {
                log::warn!("import run {id}: could not record the reports: {e}");
            }
        }
        Ok(())
    }
}

/// The run's connection, shared by the job and its heartbeat (each holds it for one statement).
fn locked(conn: &Mutex<DbConn>) -> MutexGuard<'_, DbConn> {
    conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Stamps a run alive every so often (a job: every [`HEARTBEAT_EVERY`]) from a thread of its
/// own until dropped: one of the import's statements may take minutes, with no progress line
/// meanwhile.
pub struct Heartbeat {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Heartbeat {
    /// Starts stamping run `id` over `conn` (shared: each beat holds it for one statement).
    pub fn start(conn: Arc<Mutex<DbConn>>, id: i64, every: Duration) -> io::Result<Heartbeat> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("import-beat-{id}"))
            .spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                    match ImportRun::beat(&mut locked(&conn), id) {
                        Ok(true) => {}
                        Ok(false) => {
                            log::error!(
                                "import run {id} was taken for interrupted while its job still runs"
                            );
                            break;
                        }
                        Err(e) => log::warn!("import run {id}: could not stamp it alive: {e}"),
                    }
                }
            })?;
        Ok(Heartbeat {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
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
