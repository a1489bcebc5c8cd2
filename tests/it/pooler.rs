//! Behind PgBouncer in transaction pooling mode (DB_POOL_MODE=transaction): a real PgBouncer,
//! started in a directory of its own in front of the test database server, with two server
//! connections per database and role, so that the portal's connections (and other clients')
//! share them from one transaction to the next. Skipped, saying why, when PgBouncer is not
//! installed, unless CLIENTELE_REQUIRE_PGBOUNCER=1.

use crate::helpers::{PASSWORD, TestApp, TestDb, spawn_app_with, test_config};
use crate::import::{N, count};
use crate::import_page::{admin, dataset, finished, read, run_id, stamped_ago, upload};
use actix_web::http::StatusCode;
use clientele::{
    config::Config,
    db::{self, DbConn, DbPool},
    import::job::Heartbeat,
    models::{
        access::staff::{NewStaff, Role},
        cached_sql::Kept,
        import_run::{INTERRUPTED, ImportRun},
    },
    startup,
};
use diesel::{
    Connection, PgConnection, QueryableByName, RunQueryDsl,
    sql_types::{BigInt, Text},
};
use std::{
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex, atomic::AtomicUsize, atomic::Ordering, mpsc},
    time::{Duration, Instant},
};

/// Where the test database server listens, and as whom the tests connect to it.
#[derive(Clone)]
struct Server {
    /// A host name or address, or a Unix socket's directory.
    host: String,
    port: String,
    user: String,
    password: String,
}

/// Reads a database URL of either form the tests meet: `postgresql:///db?host=/dir&port=5432&user=u`
/// (the private cluster) or `postgres://u:pw@host:port/db`.
fn server_of(url: &str) -> Server {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (main, query) = rest.split_once('?').unwrap_or((rest, ""));
    let authority = main.split('/').next().unwrap_or_default();
    let (userinfo, hostport) = authority.rsplit_once('@').unwrap_or(("", authority));
    let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
    let (host, port) = hostport.rsplit_once(':').unwrap_or((hostport, "5432"));
    let mut server = Server {
        host: decode(host),
        port: port.to_string(),
        user: decode(user),
        password: decode(password),
    };
    for (key, value) in query.split('&').filter_map(|p| p.split_once('=')) {
        match key {
            "host" => server.host = decode(value),
            "port" => server.port = value.to_string(),
            "user" => server.user = decode(value),
            "password" => server.password = decode(value),
            _ => {}
        }
    }
    if server.host.is_empty() {
        server.host = "/var/run/postgresql".into();
    }
    if server.user.is_empty() {
        server.user = std::env::var("USER").unwrap_or_else(|_| "postgres".into());
    }
    server
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = text
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

impl Server {
    /// A direct URL for `db` as `user` (with `password`), not through PgBouncer.
    fn url_as(&self, db: &str, user: &str, password: &str) -> String {
        let enc = |s: &str| {
            s.replace('%', "%25")
                .replace(' ', "%20")
                .replace('&', "%26")
        };
        if self.host.starts_with('/') {
            format!(
                "postgresql:///{db}?host={}&port={}&user={}&password={}",
                enc(&self.host),
                self.port,
                enc(user),
                enc(password)
            )
        } else {
            format!(
                "postgresql://{}:{}@{}:{}/{db}",
                enc(user),
                enc(password),
                self.host,
                self.port
            )
        }
    }
}

/// The installed PgBouncer, or None after saying why the test is skipped; panics instead when
/// CLIENTELE_REQUIRE_PGBOUNCER=1.
fn program() -> Option<PathBuf> {
    let path = std::env::var("PATH").unwrap_or_default();
    let found = path
        .split(':')
        .chain(["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"])
        .map(|dir| Path::new(dir).join("pgbouncer"))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var("CLIENTELE_REQUIRE_PGBOUNCER").as_deref() != Ok("1"),
            "CLIENTELE_REQUIRE_PGBOUNCER=1 but pgbouncer is not installed (apt-get install pgbouncer)"
        );
        eprintln!(
            "SKIPPED PgBouncer test: pgbouncer is not installed (apt-get install pgbouncer; \
             CLIENTELE_REQUIRE_PGBOUNCER=1 makes this a failure)"
        );
    }
    found
}

static BOUNCERS: AtomicUsize = AtomicUsize::new(0);

fn running_as_root() -> bool {
    unsafe { libc::geteuid() == 0 }
}

/// A PgBouncer in transaction pooling mode in front of the test server, on a loopback port,
/// stopped and its directory removed on drop.
pub struct Bouncer {
    child: Child,
    dir: PathBuf,
    port: u16,
    server: Server,
}

impl Bouncer {
    /// Starts one that lets in the server's user and `roles` (name, password); None when the
    /// test is to be skipped.
    fn start(server: &Server, roles: &[(&str, &str)]) -> Option<Bouncer> {
        Self::start_waiting(server, roles, 30)
    }

    /// `start`, with PgBouncer's `query_wait_timeout` (how long a query waits for a server
    /// connection) in seconds.
    fn start_waiting(server: &Server, roles: &[(&str, &str)], wait: u32) -> Option<Bouncer> {
        let program = program()?;
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "pgbouncer-{}-{}",
            std::process::id(),
            BOUNCERS.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let users: String = std::iter::once((server.user.as_str(), server.password.as_str()))
            .chain(roles.iter().copied())
            .map(|(user, password)| format!("\"{user}\" \"{password}\"\n"))
            .collect();
        std::fs::write(dir.join("users.txt"), users).unwrap();
        let ini = format!(
            "[databases]\n* = host={host} port={server_port}\n\n[pgbouncer]\n\
             listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n\
             auth_type = trust\nauth_file = {dir}/users.txt\nadmin_users = {user}\n\
             pool_mode = transaction\ndefault_pool_size = 2\nmax_client_conn = 200\n\
             query_wait_timeout = {wait}\nlogfile = {dir}/pgbouncer.log\npidfile = {dir}/pgbouncer.pid\n",
            host = server.host,
            server_port = server.port,
            dir = dir.display(),
            user = server.user,
        );
        std::fs::write(dir.join("pgbouncer.ini"), ini).unwrap();
        let mut command = Command::new(program);
        if running_as_root() {
            // PgBouncer will not run as root; the private cluster's socket is postgres's.
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&dir)
                .status()
                .unwrap();
            assert!(status.success(), "chown of {}", dir.display());
            command.args(["-u", "postgres"]);
        }
        let child = command
            .arg(dir.join("pgbouncer.ini"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pgbouncer starts");
        let mut bouncer = Bouncer {
            child,
            dir,
            port,
            server: server.clone(),
        };
        bouncer.wait_until_listening();
        Some(bouncer)
    }

    fn wait_until_listening(&mut self) {
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            let exited = self.child.try_wait().unwrap();
            if exited.is_some() || started.elapsed() > Duration::from_secs(10) {
                panic!("pgbouncer did not start ({exited:?}):\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("pgbouncer.log")).unwrap_or_default()
    }

    /// A URL for `db` through PgBouncer, as the server's user.
    fn url(&self, db: &str) -> String {
        self.url_as(db, &self.server.user)
    }

    fn url_as(&self, db: &str, user: &str) -> String {
        format!("postgresql://{user}@127.0.0.1:{}/{db}", self.port)
    }

    /// Runs a command on PgBouncer's admin console (which speaks only the simple protocol).
    fn console(&self, command: &str) {
        let out = Command::new("psql")
            .args([
                "-X",
                "-q",
                "-h",
                "127.0.0.1",
                "-d",
                "pgbouncer",
                "-c",
                command,
            ])
            .args(["-p", &self.port.to_string(), "-U", &self.server.user])
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Bouncer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[derive(QueryableByName)]
struct Value {
    #[diesel(sql_type = Text)]
    value: String,
}

/// The session settings the pool's limits are made of, as a session sees them.
fn limits_seen(conn: &mut PgConnection) -> Vec<String> {
    [
        "statement_timeout",
        "lock_timeout",
        "idle_in_transaction_session_timeout",
        "max_parallel_workers_per_gather",
        "jit",
    ]
    .iter()
    .map(|name| {
        let sql = format!("SELECT current_setting('{name}') AS value");
        let value = diesel::sql_query(sql).get_result::<Value>(conn).unwrap();
        format!("{name}={}", value.value)
    })
    .collect()
}

fn advisory_locks(server: &Server, db: &str) -> i64 {
    let mut direct =
        PgConnection::establish(&server.url_as(db, &server.user, &server.password)).unwrap();
    count(
        &mut direct,
        "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'",
    )
}

/// The settings of an app behind `bouncer` in transaction mode, statements cut after 2 s.
fn pooled_settings(url: &str) -> Vec<(&str, &str)> {
    vec![
        ("DATABASE_URL", url),
        ("DB_POOL_MODE", "transaction"),
        ("DB_STATEMENT_TIMEOUT_SECONDS", "2"),
    ]
}

/// Prepares `db` as `clientele serve` does behind PgBouncer (migrations, the role's limits), then
/// has PgBouncer reconnect its server connections as the README tells an operator to, so that
/// every one starts with the role's settings.
fn prepare(bouncer: &Bouncer, db: &TestDb) -> Config {
    let url = bouncer.url(&db.name);
    let config = test_config(&url, &pooled_settings(&url));
    startup::prepare_schema(&config, &url).expect("the schema is ready behind PgBouncer");
    bouncer.console("RECONNECT");
    config
}

async fn pooled_app(bouncer: &Bouncer, db: &TestDb) -> TestApp {
    prepare(bouncer, db);
    let url = bouncer.url(&db.name);
    spawn_app_with(&pooled_settings(&url), |_| {}).await
}

#[actix_web::test]
async fn behind_pgbouncer_the_portal_signs_in_serves_saves_and_imports_and_leaks_no_setting() {
    let _turn = crate::import_page::uploads_turn().await;
    let db = TestDb::new();
    let server = server_of(&db.url);
    let Some(bouncer) = Bouncer::start(&server, &[]) else {
        return;
    };
    let app = pooled_app(&bouncer, &db).await;

    // Sign-in, a page, a save.
    admin(&app).await;
    assert_eq!(app.get("/customers").await.status, StatusCode::OK);
    let customer = app.create_customer("Pooled Partners GmbH", Some("C-77"));
    let notes = format!("/customers/{}/notes", customer.id);
    app.post(&notes, &[("body", "Saved through PgBouncer.")])
        .await
        .assert_redirect_to(&format!("/customers/{}#notes", customer.id));
    let page = app.get(&format!("/customers/{}", customer.id)).await;
    assert_eq!(page.text(".note__body"), "Saved through PgBouncer.");

    // An import.
    let data = dataset("pooler", 20, 60);
    let files = ["customers.csv", "addresses.csv", "orders.csv"].map(|f| (f, read(&data, f)));
    let files: Vec<(&str, &str)> = files.iter().map(|(f, c)| (*f, c.as_str())).collect();
    let run = finished(&app, run_id(&upload(&app, &files).await)).await;
    assert_eq!(run["status"], "succeeded", "{run}");

    // The statement timeout still cuts a slow query short.
    let started = Instant::now();
    let slow = db::run(&app.pool, |conn| {
        let slept = diesel::sql_query("SELECT pg_sleep(6)").execute(conn);
        Ok(slept.map_err(|e| e.to_string()))
    })
    .await
    .unwrap();
    let cut = slow.expect_err("the slow query is cut");
    assert!(cut.contains("statement timeout"), "{cut}");
    assert!(started.elapsed() < Duration::from_secs(5), "cut after 2 s");

    // Every client of the role sees what a fresh session of it sees (the role's settings), not
    // what the portal's transactions left behind: nothing is set on a shared server session.
    let direct_url = server.url_as(&db.name, &server.user, &server.password);
    let fresh = limits_seen(&mut PgConnection::establish(&direct_url).unwrap());
    assert!(
        fresh.contains(&"statement_timeout=2s".to_string()),
        "{fresh:?}"
    );
    assert!(fresh.contains(&"jit=off".to_string()), "{fresh:?}");
    for _ in 0..6 {
        let mut other = PgConnection::establish(&bouncer.url(&db.name)).unwrap();
        assert_eq!(limits_seen(&mut other), fresh);
        assert_eq!(limits_seen(&mut app.conn()), fresh);
    }
    assert_eq!(advisory_locks(&server, &db.name), 0, "no lock left behind");
}

#[actix_web::test]
async fn behind_pgbouncer_queries_repeat_across_transactions_with_no_prepared_statement_kept() {
    let db = TestDb::new();
    let Some(bouncer) = Bouncer::start(&server_of(&db.url), &[]) else {
        return;
    };
    let app = pooled_app(&bouncer, &db).await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Staff]);
    // Several of the portal's connections at once over PgBouncer's two server connections:
    // a statement prepared by one would be found (or missed) by another.
    let workers: Vec<_> = (0..4)
        .map(|worker| {
            let pool = app.pool.clone();
            actix_web::rt::spawn(async move {
                for round in 0..40_i64 {
                    let work = move |conn: &mut PgConnection| {
                        let staff = clientele::models::access::staff::Staff::find_by_email(
                            conn,
                            "ada@example.com",
                        )?;
                        let kept = Kept(
                            diesel::sql_query("SELECT $1::bigint AS n").bind::<BigInt, _>(round),
                        )
                        .get_result::<N>(conn)?;
                        Ok((staff.is_some(), kept.n))
                    };
                    let seen = if (round + worker) % 2 == 0 {
                        db::run(&pool, work).await
                    } else {
                        db::transaction(&pool, work).await
                    };
                    assert_eq!(seen.unwrap(), (true, round));
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
    let mut conn = app.conn();
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM pg_prepared_statements"
        ),
        0,
        "no named statement is left on the server session"
    );
}

/// An empty database owned by a role of its own, which is no superuser; the database is
/// dropped first, then the role.
struct OwnedDb {
    db: Option<TestDb>,
    role: String,
    admin_url: String,
}

impl OwnedDb {
    fn new() -> OwnedDb {
        static ROLES: AtomicUsize = AtomicUsize::new(0);
        let db = TestDb::empty();
        let role = format!(
            "clientele_test_owner_{}_{}",
            std::process::id(),
            ROLES.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin = db.admin();
        for sql in [
            format!("CREATE ROLE {role} LOGIN PASSWORD 'owner'"),
            format!("ALTER DATABASE {} OWNER TO {role}", db.name),
        ] {
            diesel::sql_query(sql).execute(&mut admin).unwrap();
        }
        let server = server_of(&db.url);
        OwnedDb {
            admin_url: server.url_as("postgres", &server.user, &server.password),
            db: Some(db),
            role,
        }
    }

    fn name(&self) -> &str {
        &self.db.as_ref().unwrap().name
    }
}

impl Drop for OwnedDb {
    fn drop(&mut self) {
        drop(self.db.take());
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let drop_role = format!("DROP ROLE IF EXISTS {}", self.role);
            let _ = diesel::sql_query(drop_role).execute(&mut admin);
        }
    }
}

#[test]
fn migrations_started_three_at_once_through_pgbouncer_apply_once_and_leave_no_lock() {
    // Owned by a role that is no superuser, as a database given to the portal should be.
    let owned = OwnedDb::new();
    let (name, role) = (owned.name(), owned.role.as_str());
    let server = server_of(&owned.admin_url);
    let Some(bouncer) = Bouncer::start(&server, &[(role, "owner")]) else {
        return;
    };
    let url = bouncer.url_as(name, role);
    // Three instances start at once, each as `serve` does.
    let (tx, rx) = mpsc::channel();
    for _ in 0..3 {
        let (tx, url) = (tx.clone(), url.clone());
        std::thread::spawn(move || {
            tx.send(startup::migrate(&url).map_err(|e| e.to_string()))
                .unwrap();
        });
    }
    let mut applied: Vec<usize> = (0..3)
        .map(|_| {
            rx.recv_timeout(Duration::from_secs(120))
                .expect("all three finish: no lock is left held")
                .expect("migrations apply")
        })
        .collect();
    applied.sort();
    let mut direct = PgConnection::establish(&server.url_as(name, role, "owner")).unwrap();
    let recorded = count(
        &mut direct,
        "SELECT count(*) AS n FROM __diesel_schema_migrations",
    );
    assert_eq!(
        applied,
        [0, 0, recorded as usize],
        "one applied them all, the others found nothing to do"
    );
    assert_eq!(db::pending_migrations(&mut direct).unwrap(), 0);
    assert_eq!(advisory_locks(&server, name), 0);

    // The owner sets the pool's limits for itself in its database, once.
    let limits = db::Limits {
        statement_timeout: Duration::from_secs(3),
    };
    let config = test_config(&url, &[("DB_POOL_MODE", "transaction")]);
    let mut pooled = [(); 2].map(|_| startup::connect(&config, &url).unwrap());
    assert!(db::set_role_limits(&mut pooled[0], &limits).unwrap());
    assert!(!db::set_role_limits(&mut pooled[1], &limits).unwrap());
    let mut fresh = PgConnection::establish(&server.url_as(name, role, "owner")).unwrap();
    let seen = limits_seen(&mut fresh);
    assert_eq!(
        seen,
        [
            "statement_timeout=3s",
            "lock_timeout=3s",
            "idle_in_transaction_session_timeout=18s",
            "max_parallel_workers_per_gather=0",
            "jit=off"
        ]
    );
    drop((pooled, direct, fresh, bouncer));
}

#[actix_web::test]
async fn behind_pgbouncer_a_dead_instances_import_is_failed_and_a_live_ones_is_not() {
    let _turn = crate::import_page::uploads_turn().await;
    let db = TestDb::new();
    let server = server_of(&db.url);
    let Some(bouncer) = Bouncer::start(&server, &[]) else {
        return;
    };
    let config = prepare(&bouncer, &db);
    let url = bouncer.url(&db.name);
    // Another instance starts a run and its job stamps it alive (here every 100 ms).
    let other = startup::pool(&config, &url);
    let mut conn = other.get().unwrap();
    let hash = clientele::auth::password::hash(PASSWORD).unwrap();
    let ada = NewStaff::new("ada@example.com", "Ada", hash, &[Role::Admin], false)
        .insert(&mut conn)
        .unwrap();
    let live = ImportRun::start(&mut conn, ada.id, &["customers.csv"])
        .unwrap()
        .unwrap();
    let conn: Arc<Mutex<DbConn>> = Arc::new(Mutex::new(conn));
    let heartbeat = Heartbeat::start(Arc::clone(&conn), live, Duration::from_millis(100)).unwrap();
    stamped_ago(&mut other.get().unwrap(), live, 61);

    // This instance's sweep, at start, leaves it alone: it was stamped again meanwhile.
    let app = spawn_app_with(&pooled_settings(&url), |_| {}).await;
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(ImportRun::fail_interrupted(&mut app.conn()).unwrap(), 0);
    assert!(ImportRun::find(&mut app.conn(), live).unwrap().is_running());

    // The other instance dies; a minute later a restarted instance marks its run failed.
    drop((heartbeat, conn, other));
    stamped_ago(&mut app.conn(), live, 61);
    let restarted = spawn_app_with(&pooled_settings(&url), |_| {}).await;
    let started = Instant::now();
    while ImportRun::find(&mut restarted.conn(), live)
        .unwrap()
        .is_running()
    {
        assert!(started.elapsed() < Duration::from_secs(10), "never swept");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    let run = ImportRun::find(&mut restarted.conn(), live).unwrap();
    assert_eq!(run.error.as_deref(), Some(INTERRUPTED));

    // A new import then runs, and leaves no lock behind.
    restarted.sign_in("ada@example.com", PASSWORD).await;
    let data = dataset("pooler-after", 5, 10);
    let customers = read(&data, "customers.csv");
    let res = upload(&restarted, &[("customers.csv", &customers)]).await;
    let run = finished(&restarted, run_id(&res)).await;
    assert_eq!(run["status"], "succeeded", "{run}");
    assert_eq!(advisory_locks(&server, &db.name), 0);
}

fn database_query(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.route(
        "/test/db",
        actix_web::web::get().to(|pool: actix_web::web::Data<DbPool>| async move {
            db::run(&pool, |conn| {
                diesel::sql_query("SELECT 1").execute(conn)?;
                Ok("answered")
            })
            .await
        }),
    );
}

#[actix_web::test]
async fn behind_pgbouncer_a_page_answers_503_soon_while_the_database_is_down() {
    // PgBouncer up, PostgreSQL behind it gone (nothing listens on its port); queries wait for a
    // server connection no longer than query_wait_timeout.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let db = TestDb::new();
    let gone = Server {
        host: "127.0.0.1".into(),
        port: port.to_string(),
        ..server_of(&db.url)
    };
    let Some(bouncer) = Bouncer::start_waiting(&gone, &[], 2) else {
        return;
    };
    let url = bouncer.url(&db.name);
    let app = spawn_app_with(&pooled_settings(&url), database_query).await;
    let res = app.get("/test/db").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
    assert!(res.elapsed < Duration::from_secs(6), "{:?}", res.elapsed);
}
