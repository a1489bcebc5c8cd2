//! The read replica (`DATABASE_READ_URL`) against a real streaming replica: a primary made with
//! initdb in a temporary directory (one per test process, its template migrated once) and, per
//! test, a replica made from it with `pg_basebackup -R`, each on its own Unix socket. The
//! customer export, the API's lists and the statement PDFs read from the replica; a person's
//! own writes, a replica past the lag bound and a replica that is gone send reads to the
//! primary. A replica's replay is paused to tell the two apart: what it serves is the old value.

use crate::api::{api_client, api_get};
use crate::helpers::{LogCapture, PASSWORD, TestApp, TestClient, TestResponse, spawn_app_with};
use actix_web::http::StatusCode;
use clientele::{
    db,
    models::{
        access::staff::Role,
        accounts::ledger::{self, Account, Poster},
    },
    tools::pgcluster::find_server_binaries,
};
use diesel::{Connection, PgConnection, RunQueryDsl, sql_types::BigInt};
use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{
        OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

/// The primary every replica test shares: its directory, socket directory and programs.
struct Primary {
    dir: PathBuf,
    socket: PathBuf,
    bin: PathBuf,
}

static PRIMARY: OnceLock<Primary> = OnceLock::new();
static NEXT: AtomicUsize = AtomicUsize::new(0);
const TEMPLATE: &str = "replica_tpl";

/// Runs a server program (as `postgres` when we are root: the server refuses root).
fn pg(bin: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    let root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin.join(program));
        c
    } else {
        Command::new(bin.join(program))
    };
    let out = cmd
        .args(args)
        .current_dir("/")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    match out.status.success() {
        true => Ok(()),
        false => Err(format!(
            "{program}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
    }
}

/// A directory the server's user owns.
fn server_dir(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    if unsafe { libc::geteuid() } == 0 {
        Command::new("chown")
            .arg("postgres:postgres")
            .arg(dir)
            .status()
            .unwrap();
    }
}

fn url(socket: &Path, db: &str) -> String {
    format!(
        "postgresql:///{db}?host={}&port=5432&user=postgres",
        socket.display()
    )
}

fn start(bin: &Path, data: &Path, socket: &Path, more: &str) {
    let opts = format!(
        "-k {} -p 5432 -c listen_addresses= -c fsync=off -c max_connections=200 \
         -c max_wal_senders=40 {more}",
        socket.display()
    );
    let log = format!("{}.log", data.display());
    let data = data.to_string_lossy();
    pg(
        bin,
        "pg_ctl",
        &["-D", &data, "-l", &log, "-w", "-o", &opts, "start"],
    )
    .unwrap_or_else(|e| panic!("{e}; see {log}"));
}

fn stop(bin: &Path, data: &Path) {
    let _ = pg(
        bin,
        "pg_ctl",
        &[
            "-D",
            &data.to_string_lossy(),
            "-m",
            "immediate",
            "-w",
            "stop",
        ],
    );
}

extern "C" fn stop_primary_at_exit() {
    if let Some(p) = PRIMARY.get() {
        stop(&p.bin, &p.dir.join("primary"));
        let _ = std::fs::remove_dir_all(&p.dir);
    }
}

fn primary() -> &'static Primary {
    PRIMARY.get_or_init(|| {
        let bin = find_server_binaries().expect("the PostgreSQL server programs");
        let dir = std::env::temp_dir().join(format!("clientele-replica-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (data, socket) = (dir.join("primary"), dir.join("primary-run"));
        server_dir(&dir);
        server_dir(&socket);
        let d = data.to_string_lossy();
        pg(
            &bin,
            "initdb",
            &["-D", &d, "-U", "postgres", "--auth=trust"],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        start(
            &bin,
            &data,
            &socket,
            "-c wal_level=replica -c wal_keep_size=512MB",
        );
        unsafe { libc::atexit(stop_primary_at_exit) };
        let mut admin = PgConnection::establish(&url(&socket, "postgres")).unwrap();
        sql(&mut admin, &format!("CREATE DATABASE {TEMPLATE}"));
        let mut tpl = PgConnection::establish(&url(&socket, TEMPLATE)).unwrap();
        db::migrate(&mut tpl).expect("the migrations apply");
        Primary { dir, socket, bin }
    })
}

fn sql(conn: &mut PgConnection, statement: &str) {
    diesel::sql_query(statement)
        .execute(conn)
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
}

#[derive(diesel::QueryableByName)]
struct Lsn {
    #[diesel(sql_type = BigInt)]
    lsn: i64,
}

fn lsn(conn: &mut PgConnection, function: &str) -> i64 {
    diesel::sql_query(format!(
        "SELECT ({function}() - '0/0'::pg_lsn)::bigint AS lsn"
    ))
    .get_result::<Lsn>(conn)
    .unwrap()
    .lsn
}

/// The app on its own database of the primary, with a replica of its own.
struct Replicated {
    app: Option<TestApp>,
    db: String,
    data: PathBuf,
    socket: PathBuf,
    /// The app's watcher's tick for this lag bound (see `db::replica`).
    tick: Duration,
}

impl Replicated {
    /// A database from the template, a replica of the primary, the app reading from it with
    /// `max_lag` seconds as its bound; returns once the app sees the replica fresh.
    async fn start(max_lag: u64) -> Replicated {
        let p = primary();
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let db = format!("app_{n}");
        let mut admin = PgConnection::establish(&url(&p.socket, "postgres")).unwrap();
        sql(
            &mut admin,
            &format!("CREATE DATABASE {db} TEMPLATE {TEMPLATE}"),
        );
        let (data, socket) = (
            p.dir.join(format!("replica{n}")),
            p.dir.join(format!("r{n}")),
        );
        server_dir(&socket);
        let from = p.socket.to_string_lossy();
        let d = data.to_string_lossy();
        pg(
            &p.bin,
            "pg_basebackup",
            &[
                "-D", &d, "-R", "-X", "stream", "-N", "-c", "fast", "-h", &from, "-U", "postgres",
            ],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        start(&p.bin, &data, &socket, "-c hot_standby=on");
        let lag = max_lag.to_string();
        let app = spawn_app_with(
            &[
                ("DATABASE_URL", &url(&p.socket, &db)),
                ("DATABASE_READ_URL", &url(&socket, &db)),
                ("DATABASE_READ_MAX_LAG_SECONDS", &lag),
            ],
            |_| {},
        )
        .await;
        let tick = (Duration::from_secs(max_lag) / 4)
            .clamp(Duration::from_millis(100), Duration::from_secs(1));
        let r = Replicated {
            app: Some(app),
            db,
            data,
            socket,
            tick,
        };
        r.caught_up().await;
        r
    }

    /// The start of a test's clock: after the shared primary is made (once per process).
    fn clock() -> Instant {
        primary();
        Instant::now()
    }

    fn replica(&self) -> PgConnection {
        PgConnection::establish(&url(&self.socket, "postgres")).unwrap()
    }

    /// Waits until the replica has replayed all the primary has written, and the app's
    /// watcher has seen it so.
    async fn caught_up(&self) {
        let written = lsn(&mut self.app().conn(), "pg_current_wal_lsn");
        let deadline = Instant::now() + Duration::from_secs(10);
        while lsn(&mut self.replica(), "pg_last_wal_replay_lsn") < written {
            assert!(Instant::now() < deadline, "the replica catches up");
            actix_web::rt::time::sleep(Duration::from_millis(20)).await;
        }
        actix_web::rt::time::sleep(self.tick * 2 + Duration::from_millis(100)).await;
    }

    /// Stops replaying: the replica keeps what it has, whatever the primary writes next.
    fn pause(&self) {
        let mut replica = self.replica();
        sql(&mut replica, "SELECT pg_wal_replay_pause()");
        #[derive(diesel::QueryableByName)]
        struct State {
            #[diesel(sql_type = diesel::sql_types::Text)]
            state: String,
        }
        let paused = || {
            diesel::sql_query("SELECT pg_get_wal_replay_pause_state() AS state")
                .get_result::<State>(&mut self.replica())
                .unwrap()
                .state
                == "paused"
        };
        while !paused() {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn resume(&self) {
        sql(&mut self.replica(), "SELECT pg_wal_replay_resume()");
    }

    fn stop_replica(&self) {
        stop(&primary().bin, &self.data);
    }

    fn start_replica(&self) {
        start(
            &primary().bin,
            &self.data,
            &self.socket,
            "-c hot_standby=on",
        );
    }

    fn app(&self) -> &TestApp {
        self.app.as_ref().expect("the app runs")
    }

    /// Written straight on the primary, as another person's write would be.
    fn on_primary(&self, statement: &str) {
        sql(&mut self.app().conn(), statement);
    }
}

impl Drop for Replicated {
    fn drop(&mut self) {
        drop(self.app.take());
        let p = primary();
        stop(&p.bin, &self.data);
        let _ = std::fs::remove_dir_all(&self.data);
        let _ = std::fs::remove_dir_all(&self.socket);
        if let Ok(mut admin) = PgConnection::establish(&url(&p.socket, "postgres")) {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.db))
                .execute(&mut admin);
        }
    }
}

/// A customer, a staff member signed in, a customer user of the customer signed in to the
/// portal, and an API client reading customers: nobody has written anything yet.
struct People {
    customer: i64,
    staff: TestClient,
    user: TestClient,
    api: String,
}

async fn people(r: &Replicated, n: &str) -> People {
    let app = r.app();
    let customer = app.create_customer("Harbour Foods Ltd", Some("C-100")).id;
    app.create_staff(&format!("ann{n}@vendor.test"), PASSWORD, &[Role::Staff]);
    let staff = app.new_client();
    staff
        .sign_in(&format!("ann{n}@vendor.test"), PASSWORD)
        .await;
    let email = format!("pia{n}@harbour.test");
    app.create_customer_user(customer, &email, PASSWORD);
    let user = app.new_client();
    let signed_in = user.portal_sign_in(&email, PASSWORD).await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.body
    );
    let (_, api) = api_client(
        app,
        &format!("ERP {n}"),
        &["customers:read", "customers:write"],
    );
    People {
        customer,
        staff,
        user,
        api,
    }
}

/// A first entry in pounds for `customer`, written on the primary: a statement in GBP exists
/// where it has been replayed, and is a form with a message (422) where it has not.
fn post_pounds(r: &Replicated, customer: i64) {
    let mut conn = r.app().conn();
    let today = ledger::today(&mut conn).unwrap();
    let account = Account {
        customer_id: customer,
        currency: "GBP".into(),
    };
    let by = Poster {
        staff_id: None,
        name: "Test Clerk".into(),
    };
    conn.transaction(|c| ledger::post_opening(c, &account, 12_00, (today, today), &by))
        .unwrap();
}

fn is_pdf(res: &TestResponse) -> bool {
    res.status == StatusCode::OK && res.header("content-type").as_deref() == Some("application/pdf")
}

async fn staff_statement(p: &People) -> TestResponse {
    let path = format!(
        "/customers/{}/accounts/statement.pdf?statement_currency=GBP",
        p.customer
    );
    p.staff.get(&path).await
}

async fn export(p: &People) -> String {
    let res = p.staff.get("/customers.csv").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
}

async fn api_list(r: &Replicated, token: &str) -> String {
    let res = api_get(r.app(), Some(token), "/api/v1/customers").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
}

/// Each test took 12-22 s with the four running at once on a two-core machine busy with other
/// builds (most of it `pg_basebackup` and starting the replica); the bound leaves room for that.
fn took(started: Instant) {
    let took = started.elapsed();
    eprintln!("replica test took {took:?}");
    assert!(took < Duration::from_secs(40), "{took:?}");
}

fn rename(r: &Replicated, customer: i64, name: &str) {
    r.on_primary(&format!(
        "UPDATE customers SET legal_name = '{name}' WHERE id = {customer}"
    ));
}

#[actix_web::test]
async fn the_export_the_api_lists_and_the_statements_read_from_the_replica() {
    let started = Replicated::clock();
    let r = Replicated::start(10).await;
    let p = people(&r, "1").await;
    r.caught_up().await;
    r.pause();
    rename(&r, p.customer, "Harbour Foods GmbH");
    post_pounds(&r, p.customer);

    // Nobody here wrote: each reads the replica, which has neither change.
    assert!(export(&p).await.contains("Harbour Foods Ltd"));
    assert!(api_list(&r, &p.api).await.contains("Harbour Foods Ltd"));
    let pdf = staff_statement(&p).await;
    assert_eq!(
        pdf.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?} {}",
        pdf.headers,
        pdf.body
    );
    let portal = p
        .user
        .get("/portal/statement.pdf?statement_currency=GBP")
        .await;
    // (The page that says why comes from the primary; the PDF did not.)
    assert!(!is_pdf(&portal), "{:?}", portal.headers);
    // Everything else reads the primary: the customer's page has the new name.
    let page = p.staff.get(&format!("/customers/{}", p.customer)).await;
    assert!(page.body.contains("Harbour Foods GmbH"));

    // Replayed: the same reads have both.
    r.resume();
    r.caught_up().await;
    assert!(export(&p).await.contains("Harbour Foods GmbH"));
    assert!(api_list(&r, &p.api).await.contains("Harbour Foods GmbH"));
    assert!(is_pdf(&staff_statement(&p).await));
    let portal = p
        .user
        .get("/portal/statement.pdf?statement_currency=GBP")
        .await;
    assert!(is_pdf(&portal), "{}", portal.body);
    took(started);
}

#[actix_web::test]
async fn a_person_reads_their_own_writes_at_once_and_others_the_replica() {
    let started = Replicated::clock();
    let r = Replicated::start(10).await;
    let me = people(&r, "2").await;
    let app = r.app();
    let other_staff = app.new_client();
    app.create_staff("otto@vendor.test", PASSWORD, &[Role::Staff]);
    other_staff.sign_in("otto@vendor.test", PASSWORD).await;
    let (_, other_api) = api_client(app, "Other ERP", &["customers:read"]);
    let other_user = app.new_client();
    app.create_customer_user(me.customer, "olga@harbour.test", PASSWORD);
    other_user
        .portal_sign_in("olga@harbour.test", PASSWORD)
        .await;
    r.caught_up().await;
    r.pause();

    // The staff member puts the customer on the watch list: the export says so to them at
    // once, and not yet to another.
    let path = format!("/customers/{}/watch", me.customer);
    let watched = me
        .staff
        .post(&path, &[("body", "Check the credit first")])
        .await;
    assert_eq!(watched.status, StatusCode::SEE_OTHER, "{}", watched.body);
    let watch_column = |csv: &str| {
        let row = csv
            .lines()
            .find(|l| l.contains("Harbour Foods"))
            .unwrap()
            .to_string();
        row.rsplit(',').next().unwrap().to_string()
    };
    assert_eq!(watch_column(&export(&me).await), "yes");
    let theirs = other_staff.get("/customers.csv").await.body;
    assert_eq!(watch_column(&theirs), "no");

    // An API client sets its accounting id: its list has it, another client's not yet.
    let one = format!("/api/v1/customers/{}", me.customer);
    let etag = api_get(app, Some(&me.api), &one)
        .await
        .header("etag")
        .unwrap();
    let bearer = format!("Bearer {}", me.api);
    let renamed = TestClient::new(&app.address)
        .send_json(
            ("PATCH", &one),
            r#"{"accounts_id": "FIBU-77"}"#,
            &[("Authorization", &bearer), ("If-Match", &etag)],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert!(api_list(&r, &me.api).await.contains("FIBU-77"));
    assert!(!api_list(&r, &other_api).await.contains("FIBU-77"));

    // A customer user who has just saved something reads their statement from the primary.
    post_pounds(&r, me.customer);
    let gbp = "/portal/statement.pdf?statement_currency=GBP";
    assert!(!is_pdf(&other_user.get(gbp).await));
    let saved = me
        .user
        .post(
            "/portal/account/preferences",
            &[("language", "en"), ("time_zone", "")],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    assert!(is_pdf(&me.user.get(gbp).await));
    r.resume();
    took(started);
}

#[actix_web::test]
async fn reads_go_to_the_primary_once_the_replica_lags_past_the_bound() {
    let started = Replicated::clock();
    let r = Replicated::start(2).await;
    let p = people(&r, "3").await;
    r.caught_up().await;
    r.pause();
    rename(&r, p.customer, "Harbour Foods GmbH");
    // Within the bound: the replica's old value.
    assert!(export(&p).await.contains("Harbour Foods Ltd"));
    // Past it (two seconds): the primary's.
    actix_web::rt::time::sleep(Duration::from_millis(2600)).await;
    assert!(export(&p).await.contains("Harbour Foods GmbH"));
    assert!(api_list(&r, &p.api).await.contains("Harbour Foods GmbH"));
    r.resume();
    // Caught up again, it serves again.
    r.caught_up().await;
    r.pause();
    rename(&r, p.customer, "Harbour Foods AG");
    assert!(export(&p).await.contains("Harbour Foods GmbH"));
    r.resume();
    took(started);
}

#[actix_web::test]
async fn reads_go_to_the_primary_while_the_replica_is_down_and_back_to_it_after() {
    let started = Instant::now();
    let log = LogCapture::start();
    let r = Replicated::start(5).await;
    let p = people(&r, "4").await;
    r.caught_up().await;
    r.stop_replica();
    rename(&r, p.customer, "Harbour Foods GmbH");
    post_pounds(&r, p.customer);

    // Nobody sees an error, and once the replica is known to be gone nobody waits for it.
    assert!(export(&p).await.contains("Harbour Foods GmbH"));
    let again = Instant::now();
    assert!(api_list(&r, &p.api).await.contains("Harbour Foods GmbH"));
    assert!(is_pdf(&staff_statement(&p).await));
    assert!(export(&p).await.contains("Harbour Foods GmbH"));
    assert!(
        again.elapsed() < Duration::from_millis(900),
        "{:?}",
        again.elapsed()
    );

    // Started again, it is tried again after the back-off and serves again.
    r.start_replica();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !log
        .lines()
        .iter()
        .any(|l| l.contains("read replica answers again"))
    {
        assert!(Instant::now() < deadline, "the replica is tried again");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    r.caught_up().await;
    r.pause();
    rename(&r, p.customer, "Harbour Foods AG");
    assert!(export(&p).await.contains("Harbour Foods GmbH"));
    r.resume();
    took(started);
}
