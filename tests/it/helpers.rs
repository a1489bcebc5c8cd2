//! The test harness.
//!
//! The database server is DATABASE_URL's when set, else the private cluster under ./var (the
//! same one `cargo run` uses, started if need be and stopped at exit if we started it). A
//! template database is migrated once per set of migrations; every test gets its own copy
//! (`CREATE DATABASE … TEMPLATE …`, tens of milliseconds) and drops it afterwards.

#![allow(dead_code)]

use actix_web::{cookie::Key, dev::ServerHandle, http::StatusCode};
use clientele::{
    auth::password,
    config::Config,
    db::{self, DbConn, DbPool},
    models::access::staff::{NewStaff, Role, Staff},
    startup::Application,
    tools::pgcluster::Cluster,
};
use diesel::{Connection, ExpressionMethods, PgConnection, RunQueryDsl, sql_types::Text};
use scraper::{Html, Selector};
use std::{
    cell::RefCell,
    collections::{BTreeMap, HashMap},
    sync::{
        Mutex, OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

/// The server tests create their databases on.
struct DbServer {
    /// A URL with `{db}` where the database name goes.
    url_pattern: String,
    template: String,
}

impl DbServer {
    fn url(&self, db: &str) -> String {
        self.url_pattern.replace("{db}", db)
    }
}

static SERVER: OnceLock<DbServer> = OnceLock::new();
static CLUSTER: Mutex<Option<Cluster>> = Mutex::new(None);
static COUNTER: AtomicUsize = AtomicUsize::new(0);

extern "C" fn stop_cluster_at_exit() {
    if let Ok(mut guard) = CLUSTER.lock()
        && let Some(mut cluster) = guard.take()
    {
        cluster.stop();
    }
}

fn server() -> &'static DbServer {
    SERVER.get_or_init(|| {
        install_logger();
        let url_pattern = match std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            Some(url) => with_database(&url, "{db}"),
            None => {
                let cluster = Cluster::ensure_running(std::path::Path::new("var"))
                    .unwrap_or_else(|e| panic!("cannot start the private PostgreSQL cluster: {e}"));
                let pattern = cluster.url("{db}");
                if cluster.started_here() {
                    unsafe { libc::atexit(stop_cluster_at_exit) };
                }
                *CLUSTER.lock().unwrap() = Some(cluster);
                pattern
            }
        };
        let mut admin = PgConnection::establish(&url_pattern.replace("{db}", "postgres"))
            .unwrap_or_else(|e| panic!("cannot connect to the test database server: {e}"));
        drop_stale_test_databases(&mut admin);
        let template = format!("clientele_tpl_{:016x}", migrations_fingerprint());
        ensure_template(&mut admin, &url_pattern, &template);
        DbServer {
            url_pattern,
            template,
        }
    })
}

/// What the application logs goes to the test output (filtered by RUST_LOG; errors only when it
/// is unset) and, at info and above, as the JSON lines LOG_FORMAT=json writes, into a buffer
/// while a `LogCapture` is alive, so a test can read the log the way an operator (or an intruder
/// with the log files) would.
static CAPTURED: Mutex<Vec<String>> = Mutex::new(Vec::new());
static CAPTURING: AtomicUsize = AtomicUsize::new(0);

/// Where the capturing layer writes: one line per event, kept while anyone captures.
struct Capture;

struct CapturedLine(Vec<u8>);

impl std::io::Write for CapturedLine {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for CapturedLine {
    fn drop(&mut self) {
        if CAPTURING.load(Ordering::SeqCst) > 0 && !self.0.is_empty() {
            let line = String::from_utf8_lossy(&self.0).trim_end().to_string();
            CAPTURED.lock().unwrap().push(line);
        }
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = CapturedLine;

    fn make_writer(&'a self) -> CapturedLine {
        CapturedLine(Vec::new())
    }
}

fn install_logger() {
    use clientele::{config::LogFormat, telemetry};
    use tracing_subscriber::{
        EnvFilter, Layer, filter::LevelFilter, fmt::TestWriter, layer::SubscriberExt,
        util::SubscriberInitExt,
    };
    let shown = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("error"));
    let _ = tracing_subscriber::registry()
        .with(telemetry::layer(LogFormat::Text, TestWriter::new()).with_filter(shown))
        .with(telemetry::layer(LogFormat::Json, Capture).with_filter(LevelFilter::INFO))
        .try_init();
}

/// Captures the application's log lines (of every test running meanwhile) from now until it is
/// dropped.
pub struct LogCapture {
    from: usize,
}

impl LogCapture {
    pub fn start() -> LogCapture {
        server();
        let captured = CAPTURED.lock().unwrap();
        CAPTURING.fetch_add(1, Ordering::SeqCst);
        LogCapture {
            from: captured.len(),
        }
    }

    /// Each line as `target message`.
    pub fn lines(&self) -> Vec<String> {
        self.json()
            .iter()
            .map(|line| {
                let text = |key: &str| line[key].as_str().unwrap_or_default().to_string();
                format!("{} {}", text("target"), text("message"))
            })
            .collect()
    }

    /// Each line as written, one JSON object.
    pub fn raw(&self) -> Vec<String> {
        CAPTURED.lock().unwrap()[self.from..].to_vec()
    }

    /// Each line, read back.
    pub fn json(&self) -> Vec<serde_json::Value> {
        self.raw()
            .iter()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("a log line that is no JSON object ({e}): {line}"))
            })
            .collect()
    }
}

impl Drop for LogCapture {
    fn drop(&mut self) {
        let mut captured = CAPTURED.lock().unwrap();
        if CAPTURING.fetch_sub(1, Ordering::SeqCst) == 1 {
            captured.clear();
        }
    }
}

/// Replaces the database name in a URL (`scheme://authority/NAME?params`).
fn with_database(url: &str, name: &str) -> String {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = url[after_scheme..].find('/').map(|i| after_scheme + i);
    let query_start = url.find('?');
    match path_start {
        Some(p) => {
            let end = query_start.filter(|q| *q > p).unwrap_or(url.len());
            format!("{}/{name}{}", &url[..p], &url[end..])
        }
        None => match query_start {
            Some(q) => format!("{}/{name}{}", &url[..q], &url[q..]),
            None => format!("{url}/{name}"),
        },
    }
}

/// Changes whenever a migration file changes, so an edited migration gets a fresh template.
fn migrations_fingerprint() -> u64 {
    let mut files: Vec<_> = walk(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/migrations"
    )));
    files.sort();
    let mut h: u64 = 0xcbf29ce484222325;
    for f in files {
        for b in f
            .to_string_lossy()
            .bytes()
            .chain(std::fs::read(&f).unwrap_or_default())
        {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    h
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out
}

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

fn database_names(admin: &mut PgConnection, like: &str) -> Vec<String> {
    diesel::sql_query(format!(
        "SELECT datname AS name FROM pg_database WHERE datname LIKE '{like}'"
    ))
    .load::<Name>(admin)
    .unwrap()
    .into_iter()
    .map(|n| n.name)
    .collect()
}

/// Builds the template under an advisory lock (other test processes wait), migrating a copy
/// and renaming it into place, so a template that exists is always complete.
fn ensure_template(admin: &mut PgConnection, url_pattern: &str, template: &str) {
    diesel::sql_query("SELECT pg_advisory_lock(72210)")
        .execute(admin)
        .unwrap();
    if database_names(admin, template).is_empty() {
        let building = format!("{template}_building");
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
            .execute(admin)
            .unwrap();
        diesel::sql_query(format!("CREATE DATABASE {building}"))
            .execute(admin)
            .unwrap();
        {
            let mut conn =
                PgConnection::establish(&url_pattern.replace("{db}", &building)).unwrap();
            db::migrate(&mut conn).expect("migrations apply to an empty database");
        }
        diesel::sql_query(format!("ALTER DATABASE {building} RENAME TO {template}"))
            .execute(admin)
            .unwrap();
        for old in database_names(admin, "clientele_tpl_%") {
            if old != template {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {old} WITH (FORCE)"))
                    .execute(admin);
            }
        }
    }
    diesel::sql_query("SELECT pg_advisory_unlock(72210)")
        .execute(admin)
        .unwrap();
}

/// Drops databases left by test processes that died before cleaning up.
fn drop_stale_test_databases(admin: &mut PgConnection) {
    for name in database_names(admin, "clientele_test_%") {
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|p| std::path::Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(admin);
        }
    }
}

/// A database of one's own, dropped at the end of the test.
pub struct TestDb {
    pub name: String,
    pub url: String,
}

impl TestDb {
    pub fn new() -> TestDb {
        let db = Self::create(Some(&server().template));
        // Throwaway databases need no durable commits (the portal's own cluster keeps them:
        // see pgcluster). A database crash test makes its own cluster.
        diesel::sql_query(format!(
            "ALTER DATABASE {} SET synchronous_commit = off",
            db.name
        ))
        .execute(&mut db.admin())
        .unwrap();
        db
    }

    /// An empty database: no template, no migrations (for tests of migrating itself).
    pub fn empty() -> TestDb {
        Self::create(None)
    }

    fn create(template: Option<&str>) -> TestDb {
        let server = server();
        let name = format!(
            "clientele_test_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let template = template
            .map(|t| format!(" TEMPLATE {t}"))
            .unwrap_or_default();
        let mut admin = PgConnection::establish(&server.url("postgres")).unwrap();
        diesel::sql_query(format!("CREATE DATABASE {name}{template}"))
            .execute(&mut admin)
            .unwrap();
        TestDb {
            url: server.url(&name),
            name,
        }
    }

    pub fn connect(&self) -> PgConnection {
        PgConnection::establish(&self.url).unwrap()
    }

    /// An admin connection to the server (to switch this database's connections off and on).
    pub fn admin(&self) -> PgConnection {
        PgConnection::establish(&server().url("postgres")).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&server().url("postgres")) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}

/// The application, running on its own thread, with a client that keeps cookies.
pub struct TestApp {
    pub address: String,
    pub pool: DbPool,
    pub client: TestClient,
    handle: ServerHandle,
    /// What SIGTERM starts in the binary (see `clientele::drain`).
    pub drain: clientele::drain::Drain,
    // Declared last: dropped after the server is told to stop.
    pub db: TestDb,
}

pub fn test_config(db_url: &str, overrides: &[(&str, &str)]) -> Config {
    let mut map: HashMap<String, String> = [
        ("BIND_ADDR", "127.0.0.1:0"),
        ("DATABASE_URL", db_url),
        ("WORKERS", "1"),
        ("DB_POOL_SIZE", "4"),
        // Reminders and statements go when a test sends them (or asks for the job).
        ("CHASE_EVERY_SECONDS", "0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (k, v) in overrides {
        map.insert(k.to_string(), v.to_string());
    }
    Config::from_lookup(|k| map.get(k).cloned()).expect("test configuration is valid")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[], |_| {}).await
}

/// Starts the app with its outbox mailing to `smtp_url` (a `SmtpSink`'s, as a rule), polled
/// every 50 ms and retried after a second, and the `extra` settings.
pub async fn app_mailing_to(smtp_url: &str, extra: &[(&str, &str)]) -> TestApp {
    let mut settings = vec![
        ("SMTP_URL", smtp_url),
        ("OUTBOX_POLL_MILLISECONDS", "50"),
        ("OUTBOX_RETRY_SECONDS", "1"),
    ];
    settings.extend_from_slice(extra);
    spawn_app_with(&settings, |_| {}).await
}

/// Starts the app with configuration overrides and extra routes.
pub async fn spawn_app_with(
    overrides: &[(&str, &str)],
    extra: fn(&mut actix_web::web::ServiceConfig),
) -> TestApp {
    let db = TestDb::new();
    let config = test_config(&db.url, overrides);
    let url = config
        .database_url
        .as_ref()
        .map(|u| u.expose().clone())
        .unwrap_or_else(|| db.url.clone());
    let pool = clientele::startup::pool(&config, &url);
    let (tx, rx) = std::sync::mpsc::channel();
    let server_pool = pool.clone();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = Application::build_with_routes(config, server_pool, Key::generate(), extra)
                .expect("the test server binds");
            tx.send((app.port(), app.handle(), app.drain())).unwrap();
            let _ = app.run_until_stopped().await;
        })
    });
    let (port, handle, drain) = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the test server starts");
    let address = format!("http://127.0.0.1:{port}");
    TestApp {
        client: TestClient::new(&address),
        address,
        pool,
        handle,
        drain,
        db,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // stop() sends its command at once; the returned future only waits for completion.
        drop(self.handle.stop(false));
    }
}

impl std::ops::Deref for TestApp {
    type Target = TestClient;
    fn deref(&self) -> &TestClient {
        &self.client
    }
}

impl TestApp {
    /// Stops the server the way SIGTERM does: no new connections, requests in flight finish.
    pub fn stop_gracefully(&self) -> impl std::future::Future<Output = ()> {
        self.handle.stop(true)
    }

    /// What SIGTERM does: drains (DRAIN_SECONDS), then stops gracefully; runs in the background.
    pub fn begin_draining(&self) {
        let (drain, handle) = (self.drain.clone(), self.handle.clone());
        actix_web::rt::spawn(async move { drain.drain_and_stop(handle).await });
    }

    /// Another browser: its own cookies, no session.
    pub fn new_client(&self) -> TestClient {
        TestClient::new(&self.address)
    }

    pub fn conn(&self) -> DbConn {
        self.pool.get().expect("a test database connection")
    }

    /// A staff account straight in the database (argon2 and all).
    pub fn create_staff(&self, email: &str, password: &str, roles: &[Role]) -> Staff {
        self.new_staff(email, password, roles, false)
    }

    /// A salesperson (plain staff otherwise), whom requests can name.
    pub fn create_salesperson(&self, email: &str) -> Staff {
        self.new_staff(email, PASSWORD, &[Role::Staff], true)
    }

    fn new_staff(&self, email: &str, password: &str, roles: &[Role], sales: bool) -> Staff {
        let hash = password::hash(password).unwrap();
        let name = email.split('@').next().unwrap().replace('.', " ");
        NewStaff::new(email, &name, hash, roles, sales)
            .insert(&mut self.conn())
            .unwrap()
    }

    /// The desk most tests of requests need, by email: a salesperson, a plain staff member
    /// signed in on the app's own client, and a decider with `roles` signed in on a client of
    /// their own.
    pub async fn desk(&self, [sales, clerk, decider]: [&str; 3], roles: &[Role]) -> Desk {
        let salesperson = self.create_salesperson(sales);
        self.create_staff(clerk, PASSWORD, &[Role::Staff]);
        self.create_staff(decider, PASSWORD, roles);
        self.sign_in(clerk, PASSWORD).await;
        let client = self.new_client();
        client.sign_in(decider, PASSWORD).await;
        Desk {
            salesperson,
            decider: client,
        }
    }
}

/// See `TestApp::desk`.
pub struct Desk {
    pub salesperson: Staff,
    pub decider: TestClient,
}

impl TestApp {
    /// An active customer user with a password, straight in the database: an admin of its
    /// customer (one who may do everything in the portal).
    pub fn create_customer_user(&self, customer_id: i64, email: &str, password: &str) -> i64 {
        self.create_customer_user_as(customer_id, email, password, "admin")
    }

    /// `create_customer_user` with the role `role`.
    pub fn create_customer_user_as(
        &self,
        customer_id: i64,
        email: &str,
        password: &str,
        role: &str,
    ) -> i64 {
        use clientele::schema::customer_users;
        let hash = password::hash(password).unwrap();
        let name = email.split('@').next().unwrap().replace('.', " ");
        diesel::insert_into(customer_users::table)
            .values((
                customer_users::customer_id.eq(customer_id),
                customer_users::name.eq(name),
                customer_users::email.eq(email),
                customer_users::password_hash.eq(hash),
                customer_users::status.eq("active"),
                customer_users::role.eq(role),
            ))
            .returning(customer_users::id)
            .get_result(&mut self.conn())
            .unwrap()
    }

    /// A customer made through the model (with its history), created by a staff member.
    pub fn create_customer(
        &self,
        legal_name: &str,
        account_number: Option<&str>,
    ) -> clientele::models::customers::customer::Customer {
        use clientele::models::{customers::customer, reference::Reference};
        let mut conn = self.conn();
        let store = Reference::load(&mut conn).unwrap().stores[0].id;
        let author = match Staff::find_by_email(&mut conn, "creator@example.com").unwrap() {
            Some(s) => s,
            None => NewStaff::new(
                "creator@example.com",
                "Cora Creator",
                "x".into(),
                &[Role::Staff],
                false,
            )
            .insert(&mut conn)
            .unwrap(),
        };
        let mut input = customer::CustomerInput::minimal(legal_name, store);
        input.fields.account_number = account_number.map(str::to_string);
        customer::create(
            &mut conn,
            input,
            &clientele::models::customers::history::Author::Staff(author.id),
            "prices.example.com",
        )
        .unwrap_or_else(|e| panic!("{e:?}"))
    }
}

pub const PASSWORD: &str = "correct horse battery staple";

/// A fresh one-time submission key, as the portal puts in a create form.
pub fn submission_key() -> String {
    clientele::domain::token::random_hex(16)
}

/// One client: a cookie jar, redirects not followed, the last CSRF token seen on a page.
pub struct TestClient {
    base: String,
    http: awc::Client,
    jar: RefCell<BTreeMap<String, String>>,
    csrf: RefCell<Option<String>>,
    /// A portal client: its CSRF token comes from portal pages.
    portal: std::cell::Cell<bool>,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: awc::http::header::HeaderMap,
    pub body: String,
    /// The body as sent (a PDF's bytes).
    pub bytes: Vec<u8>,
    pub elapsed: Duration,
}

impl TestClient {
    pub fn new(base: &str) -> TestClient {
        // Pooled connections are dropped after 2 s idle, before the server's 5 s keep-alive
        // closes them: a test that pauses longer (a bulk insert) would otherwise send its next
        // request down a connection the server has just closed.
        let connector = awc::Connector::new().conn_keep_alive(Duration::from_secs(2));
        let http = awc::Client::builder()
            .connector(connector)
            .disable_redirects()
            .timeout(Duration::from_secs(60))
            .finish();
        TestClient {
            base: base.to_string(),
            http,
            jar: RefCell::default(),
            csrf: RefCell::default(),
            portal: Default::default(),
        }
    }

    pub fn cookie_header(&self) -> String {
        self.jar
            .borrow()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn cookies(&self) -> BTreeMap<String, String> {
        self.jar.borrow().clone()
    }

    pub fn set_cookies(&self, cookies: BTreeMap<String, String>) {
        *self.jar.borrow_mut() = cookies;
    }

    async fn send(&self, req: awc::ClientRequest, body: Option<String>) -> TestResponse {
        let req = if self.jar.borrow().is_empty() {
            req
        } else {
            req.insert_header(("Cookie", self.cookie_header()))
        };
        let (method, path) = (
            req.get_method().to_string(),
            req.get_uri().path().to_string(),
        );
        let sent = body.clone().unwrap_or_default();
        let started = std::time::Instant::now();
        let mut res = match body {
            Some(b) => req.send_body(b).await,
            None => req.send().await,
        }
        .expect("the request reaches the server");
        let bytes = res
            .body()
            .limit(16 * 1024 * 1024)
            .await
            .expect("a readable body");
        let elapsed = started.elapsed();
        for value in res.headers().get_all("set-cookie") {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, val) = pair.split_once('=').unwrap();
            let expired = text.to_ascii_lowercase().contains("max-age=0") || val.is_empty();
            if expired {
                self.jar.borrow_mut().remove(name);
            } else {
                self.jar
                    .borrow_mut()
                    .insert(name.to_string(), val.to_string());
            }
        }
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if path.starts_with("/api/v1/") {
            let content_type = res.headers().get("content-type");
            let content_type = content_type.and_then(|v| v.to_str().ok());
            crate::api_schema::check(&method, &path, res.status().as_u16(), content_type, &body);
            crate::api_schema::check_request(&method, &path, res.status().as_u16(), &sent);
        }
        let response = TestResponse {
            status: res.status(),
            headers: res.headers().clone(),
            body,
            bytes: bytes.to_vec(),
            elapsed,
        };
        if let Some(token) = response
            .attr("meta[name=csrf-token]", "content")
            .filter(|t| !t.is_empty())
        {
            *self.csrf.borrow_mut() = Some(token);
        }
        response
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(self.http.get(format!("{}{path}", self.base)), None)
            .await
    }

    /// A GET with extra request headers (`Accept-Language`).
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut req = self.http.get(format!("{}{path}", self.base));
        for (k, v) in headers {
            req = req.insert_header((*k, *v));
        }
        self.send(req, None).await
    }

    /// A request of any method with a JSON body (an API client's), with the headers given.
    pub async fn send_json(
        &self,
        (method, path): (&str, &str),
        body: &str,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let method = awc::http::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .insert_header(("Content-Type", "application/json"));
        for (k, v) in headers {
            req = req.insert_header((*k, *v));
        }
        self.send(req, Some(body.to_string())).await
    }

    /// A POST exactly as given: no token is added.
    pub async fn post_raw(
        &self,
        path: &str,
        body: String,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let mut req = self
            .http
            .post(format!("{}{path}", self.base))
            .insert_header(("Content-Type", "application/x-www-form-urlencoded"));
        for (k, v) in headers {
            req = req.insert_header((*k, *v));
        }
        self.send(req, Some(body)).await
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        self.post_raw(path, serde_urlencoded::to_string(fields).unwrap(), &[])
            .await
    }

    /// The CSRF token of this client's session, fetching a page to get one if need be.
    pub async fn csrf_token(&self) -> String {
        if self.csrf.borrow().is_none() {
            // The dashboard (or the portal's home) when signed in, else the sign-in page, which
            // starts a session.
            let (home, login) = if self.portal.get() {
                ("/portal", "/portal/login")
            } else {
                ("/", "/login")
            };
            if self.get(home).await.status != StatusCode::OK {
                self.get(login).await;
            }
        }
        self.csrf
            .borrow()
            .clone()
            .expect("a page carried a CSRF token")
    }

    /// A POST as the portal's own forms send it, with this session's CSRF token and, unless
    /// `fields` has one, a fresh submission key (as a freshly rendered form carries).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let token = self.csrf_token().await;
        let key = submission_key();
        let mut all = vec![("csrf_token", token.as_str())];
        if !fields.iter().any(|(k, _)| *k == "submission_key") {
            all.push(("submission_key", key.as_str()));
        }
        all.extend_from_slice(fields);
        self.post_form(path, &all).await
    }

    /// A DELETE as the HTML forms send it: a POST with `_method=delete` (and the CSRF token).
    pub async fn delete(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let mut all = vec![("_method", "delete")];
        all.extend_from_slice(fields);
        self.post(path, &all).await
    }

    /// The submission key of the form posting to `action` on the page at `page`.
    pub async fn form_key(&self, page: &str, action: &str) -> String {
        let res = self.get(page).await;
        assert_eq!(res.status, StatusCode::OK, "{page}: {}", res.body);
        res.attr(
            &format!("form[action=\"{action}\"] input[name=submission_key]"),
            "value",
        )
        .unwrap_or_else(|| panic!("the form to {action} on {page} has a submission key"))
    }

    /// Signs in through the real form. Signing in starts a new session with a new token, so
    /// the one this client knew is forgotten, as a browser's would be on the next page.
    pub async fn sign_in(&self, email: &str, password: &str) -> TestResponse {
        self.get("/login").await;
        let res = self
            .post("/login", &[("email", email), ("password", password)])
            .await;
        if res.status == StatusCode::SEE_OTHER {
            self.csrf.borrow_mut().take();
        }
        res
    }

    /// Signs in to the customer portal through its form; from then on this client's forms
    /// carry the portal session's token.
    pub async fn portal_sign_in(&self, email: &str, password: &str) -> TestResponse {
        self.portal.set(true);
        self.csrf.borrow_mut().take();
        self.get("/portal/login").await;
        let res = self
            .post("/portal/login", &[("email", email), ("password", password)])
            .await;
        if res.status == StatusCode::SEE_OTHER {
            self.csrf.borrow_mut().take();
        }
        res
    }

    /// Treats this client as a portal visitor (its token comes from portal pages).
    pub fn use_portal(&self) {
        self.portal.set(true);
        self.csrf.borrow_mut().take();
    }
}

impl TestResponse {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    /// Every value of a header that may come more than once (`set-cookie`).
    pub fn headers_all(&self, name: &str) -> Vec<String> {
        self.headers
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect()
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// The trimmed text of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let selector = Selector::parse(css).unwrap();
        self.html()
            .select(&selector)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        self.texts(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element matches {css} in:\n{}", self.body))
    }

    pub fn attr(&self, css: &str, attr: &str) -> Option<String> {
        let selector = Selector::parse(css).unwrap();
        self.html()
            .select(&selector)
            .next()
            .and_then(|e| e.value().attr(attr))
            .map(str::to_string)
    }

    #[track_caller]
    pub fn assert_redirect_to(&self, location: &str) {
        assert_eq!(
            self.status,
            StatusCode::SEE_OTHER,
            "expected a redirect; body:\n{}",
            self.body
        );
        assert_eq!(self.location(), Some(location));
    }
}
