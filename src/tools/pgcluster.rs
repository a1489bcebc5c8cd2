//! The embedded default database: a private PostgreSQL cluster under `VAR_DIR/postgres`, made
//! and started with the installed server programs, reachable only through a Unix socket in
//! `VAR_DIR/run`, and stopped again by whoever started it.
//!
//! PostgreSQL refuses to run as root; when the portal runs as root (as CI does) the cluster's
//! commands run as the `postgres` system user through `runuser`.

use std::{
    fmt,
    os::unix::process::CommandExt,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

/// The server's port number only names the socket file (`.s.PGSQL.5432`); no TCP port is opened.
const SOCKET_PORT: u16 = 5432;
/// The longest path a Unix socket may have (sun_path is 108 bytes with the terminating NUL).
const MAX_SOCKET_PATH: usize = 107;

#[derive(Debug)]
pub struct ClusterError(pub String);

impl fmt::Display for ClusterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ClusterError {}

fn err(msg: impl Into<String>) -> ClusterError {
    ClusterError(msg.into())
}

/// A running private cluster. Dropping it stops the server if this process started it.
#[derive(Debug)]
pub struct Cluster {
    bin_dir: PathBuf,
    data_dir: PathBuf,
    socket_dir: PathBuf,
    log_file: PathBuf,
    run_as_postgres: bool,
    started_here: bool,
}

impl Cluster {
    /// Finds or makes the cluster under `var_dir` and starts it unless it is already running.
    pub fn ensure_running(var_dir: &Path) -> Result<Cluster, ClusterError> {
        let bin_dir = find_server_binaries()?;
        let run_as_postgres = unsafe { libc::geteuid() } == 0;
        std::fs::create_dir_all(var_dir)
            .map_err(|e| err(format!("cannot create {}: {e}", var_dir.display())))?;
        let var_dir = var_dir
            .canonicalize()
            .map_err(|e| err(format!("cannot resolve {}: {e}", var_dir.display())))?;

        let mut cluster = Cluster {
            data_dir: var_dir.join("postgres/data"),
            socket_dir: var_dir.join("run"),
            log_file: var_dir.join("postgres/server.log"),
            bin_dir,
            run_as_postgres,
            started_here: false,
        };
        cluster.prepare_dirs(&var_dir)?;
        if !cluster.data_dir.join("PG_VERSION").exists() {
            cluster.init()?;
        }
        if !cluster.is_running() {
            cluster.start()?;
        }
        cluster.create_database("clientele")?;
        Ok(cluster)
    }

    /// A libpq URL for `database` on this cluster's socket.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgresql:///{database}?host={}&port={SOCKET_PORT}&user=postgres",
            percent_encode(&self.socket_dir.to_string_lossy())
        )
    }

    /// The postmaster's process id, while the server runs (from `postmaster.pid`).
    pub fn postmaster_pid(&self) -> Option<i32> {
        std::fs::read_to_string(self.data_dir.join("postmaster.pid"))
            .ok()?
            .lines()
            .next()?
            .trim()
            .parse()
            .ok()
    }

    pub fn started_here(&self) -> bool {
        self.started_here
    }

    /// Keeps the server running after this value is dropped (for a process that hands it on).
    pub fn detach(mut self) {
        self.started_here = false;
    }

    /// Stops the server now (if this process started it).
    pub fn stop(&mut self) {
        if !self.started_here {
            return;
        }
        self.started_here = false;
        let d = self.data_dir.to_string_lossy().into_owned();
        match self.pg(
            &self.bin_dir.join("pg_ctl"),
            &["-D", &d, "-m", "fast", "-w", "stop"],
        ) {
            Ok(_) => log::info!("stopped the private PostgreSQL cluster"),
            Err(e) => log::warn!("could not stop the private PostgreSQL cluster: {e}"),
        }
    }

    /// Makes the directories, owned by the user the server will run as. When that user is
    /// `postgres` and cannot reach `var_dir` (a private home directory, say), or the socket
    /// path would be too long, the cluster lives under /var/tmp instead, named after `var_dir`.
    fn prepare_dirs(&mut self, var_dir: &Path) -> Result<(), ClusterError> {
        let usable = self.try_dirs().is_ok()
            && self.socket_dir.join(".s.PGSQL.5432").as_os_str().len() <= MAX_SOCKET_PATH;
        if usable {
            return Ok(());
        }
        let fallback = PathBuf::from(format!(
            "/var/tmp/clientele-{:016x}",
            fnv1a(var_dir.as_os_str().as_encoded_bytes())
        ));
        log::info!(
            "the private cluster cannot live under {} (not reachable by the server's user, or the \
             socket path is too long); using {}",
            var_dir.display(),
            fallback.display()
        );
        std::fs::create_dir_all(&fallback)
            .map_err(|e| err(format!("cannot create {}: {e}", fallback.display())))?;
        set_mode(&fallback, 0o755);
        self.data_dir = fallback.join("postgres/data");
        self.socket_dir = fallback.join("run");
        self.log_file = fallback.join("postgres/server.log");
        self.try_dirs()
    }

    fn try_dirs(&self) -> Result<(), ClusterError> {
        let cluster_dir = self.data_dir.parent().expect("data dir has a parent");
        for dir in [cluster_dir, &self.socket_dir] {
            std::fs::create_dir_all(dir)
                .map_err(|e| err(format!("cannot create {}: {e}", dir.display())))?;
            if self.run_as_postgres {
                chown_to_postgres(dir)?;
            }
        }
        set_mode(&self.socket_dir, 0o700);
        if self.run_as_postgres {
            let reachable = Command::new("runuser")
                .args(["-u", "postgres", "--", "test", "-w"])
                .arg(cluster_dir)
                .arg("-a")
                .arg("-w")
                .arg(&self.socket_dir)
                .current_dir("/")
                .stderr(Stdio::null())
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if !reachable {
                return Err(err(format!(
                    "the postgres user cannot write to {}",
                    cluster_dir.display()
                )));
            }
        }
        Ok(())
    }

    fn init(&self) -> Result<(), ClusterError> {
        log::info!(
            "creating a private PostgreSQL cluster in {}",
            self.data_dir.display()
        );
        let d = self.data_dir.to_string_lossy().into_owned();
        let initdb = self.bin_dir.join("initdb");
        let base = [
            "-D",
            d.as_str(),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        ];
        // C.UTF-8 gives Unicode-aware lower()/upper(); plain C is the fallback where it is missing.
        // Sorting by the C collation: the same code-point order as C.UTF-8's, but PostgreSQL
        // compares bytes directly instead of calling strcoll, which builds the text indexes of a
        // large import about 40% faster (a million order numbers: 447 against 283 ms).
        let first = self.pg(
            &initdb,
            &[&base[..], &["--locale=C.UTF-8", "--lc-collate=C"]].concat(),
        );
        if first.is_err() {
            let _ = std::fs::remove_dir_all(&self.data_dir);
            self.pg(&initdb, &[&base[..], &["--locale=C"]].concat())?;
        }
        Ok(())
    }

    fn is_running(&self) -> bool {
        let d = self.data_dir.to_string_lossy().into_owned();
        self.pg(&self.bin_dir.join("pg_ctl"), &["-D", &d, "status"])
            .is_ok()
    }

    fn start(&mut self) -> Result<(), ClusterError> {
        let d = self.data_dir.to_string_lossy().into_owned();
        let log_file = self.log_file.to_string_lossy().into_owned();
        // Durable, whatever postgresql.conf says: a save the portal acknowledged survives the
        // server (or the machine) dying the next instant. The test harness relaxes
        // synchronous_commit per throwaway database, never here.
        // Sized for a large import as well as for pages: buffers that hold a 100k-customer
        // working set, and checkpoints far enough apart that a million-order import is not
        // written twice over in full-page images (with 128 MB and 1 GB of WAL it checkpointed
        // every 17 s). Nothing replicates from this cluster, so the WAL carries only what
        // crash recovery needs (wal_level=minimal: an index built in the import's transaction
        // is synced at commit instead of logged).
        let opts = format!(
            "-k {} -p {SOCKET_PORT} -c listen_addresses= -c unix_socket_permissions=0700 \
             -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200 \
             -c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=15min \
             -c wal_level=minimal -c max_wal_senders=0",
            shell_quote(&self.socket_dir.to_string_lossy())
        );
        let pg_ctl = self.bin_dir.join("pg_ctl");
        match self.pg(
            &pg_ctl,
            &[
                "-D", &d, "-l", &log_file, "-w", "-t", "60", "-o", &opts, "start",
            ],
        ) {
            Ok(_) => {
                self.started_here = true;
                log::info!(
                    "started the private PostgreSQL cluster (socket in {})",
                    self.socket_dir.display()
                );
                Ok(())
            }
            // Another process may have started it a moment ago.
            Err(_) if self.is_running() => Ok(()),
            Err(e) => Err(err(format!(
                "{e}; the server log is {}",
                self.log_file.display()
            ))),
        }
    }

    fn create_database(&self, name: &str) -> Result<(), ClusterError> {
        use diesel::{Connection, RunQueryDsl, pg::PgConnection};
        let mut conn = PgConnection::establish(&self.url("postgres"))
            .map_err(|e| err(format!("cannot connect to the private cluster: {e}")))?;
        let exists: bool = diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "EXISTS (SELECT 1 FROM pg_database WHERE datname = '{name}')"
        )))
        .get_result(&mut conn)
        .map_err(|e| err(format!("cannot list databases: {e}")))?;
        if !exists {
            diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                .execute(&mut conn)
                .map_err(|e| err(format!("cannot create database {name}: {e}")))?;
        }
        Ok(())
    }

    /// Runs a server program, as `postgres` when we are root, in its own process group so that
    /// a Ctrl-C meant for the portal does not also stop the database under it mid-drain.
    fn pg(&self, program: &Path, args: &[&str]) -> Result<String, ClusterError> {
        let mut cmd = if self.run_as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        cmd.args(args)
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);
        let out = cmd
            .output()
            .map_err(|e| err(format!("cannot run {}: {e}", program.display())))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(err(format!(
                "{} failed: {}",
                program.file_name().unwrap_or_default().to_string_lossy(),
                String::from_utf8_lossy(&out.stderr).trim()
            )))
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Finds the directory holding `initdb` and `pg_ctl`: on PATH, else `pg_config --bindir`, else
/// the newest /usr/lib/postgresql/*/bin (Debian keeps them off PATH).
pub fn find_server_binaries() -> Result<PathBuf, ClusterError> {
    find_server_binaries_in(
        std::env::var_os("PATH"),
        "pg_config",
        Path::new("/usr/lib/postgresql"),
    )
}

fn find_server_binaries_in(
    path: Option<std::ffi::OsString>,
    pg_config: &str,
    debian_root: &Path,
) -> Result<PathBuf, ClusterError> {
    let has_both = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(path) = path {
        for dir in std::env::split_paths(&path) {
            if has_both(&dir) {
                // Resolve symlinks (Debian links /usr/bin/pg_ctl to a wrapper of its own).
                let real = dir
                    .join("initdb")
                    .canonicalize()
                    .ok()
                    .and_then(|p| p.parent().map(Path::to_path_buf));
                if let Some(real) = real.filter(|d| has_both(d)) {
                    return Ok(real);
                }
            }
        }
    }
    if let Ok(out) = Command::new(pg_config).arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && has_both(&dir) {
            return Ok(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(debian_root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            has_both(&bin).then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, dir)| dir).ok_or_else(|| {
        err("Clientele runs its own PostgreSQL database when DATABASE_URL is not set, but the \
             PostgreSQL server programs (initdb, pg_ctl) are not installed. Install them \
             (Debian/Ubuntu: `apt-get install postgresql`; Fedora: `dnf install postgresql-server`; \
             macOS: `brew install postgresql@15`), or set DATABASE_URL to a database you already have.")
    })
}

fn chown_to_postgres(dir: &Path) -> Result<(), ClusterError> {
    let status = Command::new("chown")
        .arg("postgres:postgres")
        .arg(dir)
        .status()
        .map_err(|e| err(format!("cannot run chown: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(err(
            "running as root needs the `postgres` system user, which the PostgreSQL server package creates",
        ))
    }
}

fn set_mode(dir: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode));
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A stable, dependency-free hash for naming the fallback directory.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100000001b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_server_programs_the_error_says_what_to_install() {
        let err = find_server_binaries_in(
            Some("/nonexistent".into()),
            "no-such-pg-config",
            Path::new("/nonexistent"),
        )
        .unwrap_err()
        .0;
        assert!(err.contains("apt-get install postgresql"), "{err}");
        assert!(err.contains("DATABASE_URL"), "{err}");
    }

    #[test]
    fn the_installed_server_programs_are_found() {
        assert!(find_server_binaries().is_ok());
    }

    #[test]
    fn socket_urls_escape_unusual_paths() {
        assert_eq!(percent_encode("/a b/c"), "/a%20b/c");
    }
}
