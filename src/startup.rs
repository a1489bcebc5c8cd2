//! Building the application: the database (private cluster or DATABASE_URL), the pool and its
//! migrations, the session key, and the HTTP server. `main` and the tests both start here.

use crate::{
    auth::{
        session::{PORTAL_COOKIE, STAFF_COOKIE},
        store::{self, PgSessionStore},
    },
    config::{Config, Mode},
    db::{self, DbPool},
    drain::Drain,
    error::AppError,
    metrics::Metrics,
    middleware::{compression, hardening},
    models::{access::login_attempt, import_run::ImportRun},
    routes,
    tools::pgcluster::Cluster,
};
use actix_session::{
    SessionMiddleware,
    config::{BrowserSession, TtlExtensionPolicy},
};
use actix_web::{
    App, HttpServer,
    cookie::{Key, SameSite, time::Duration as CookieDuration},
    dev::Server,
    middleware::{Compress, Logger, from_fn},
    web,
};
use diesel::{Connection, PgConnection};
use std::{
    io::Write,
    net::{SocketAddr, TcpListener},
    path::Path,
    time::Duration,
};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Form bodies larger than this are refused with 413 unless a route says otherwise.
pub const FORM_LIMIT: usize = 64 * 1024;

/// Where the database is, and the private cluster if we run one.
pub struct Database {
    pub url: String,
    pub cluster: Option<Cluster>,
}

/// DATABASE_URL when set; otherwise the private cluster under VAR_DIR, started if need be.
pub fn database(config: &Config) -> Result<Database, BoxError> {
    match &config.database_url {
        Some(url) => Ok(Database {
            url: url.expose().clone(),
            cluster: None,
        }),
        None => {
            let cluster = Cluster::ensure_running(&config.var_dir)?;
            Ok(Database {
                url: cluster.url("clientele"),
                cluster: Some(cluster),
            })
        }
    }
}

/// A connection of its own (not the pool's) for a command or a start-up step; behind a
/// transaction pooler it keeps no prepared statement (see `db::PoolMode`).
pub fn connect(config: &Config, url: &str) -> Result<PgConnection, BoxError> {
    let mut conn =
        PgConnection::establish(url).map_err(|e| format!("cannot connect to the database: {e}"))?;
    if config.db_pool_mode == db::PoolMode::Transaction {
        conn.set_prepared_statement_cache_size(diesel::connection::CacheSize::Disabled);
    }
    Ok(conn)
}

/// Applies pending migrations over connections of its own (one holds the lock, one migrates:
/// see `db::migrate_exclusively`); says how many ran.
pub fn migrate(url: &str) -> Result<usize, BoxError> {
    let establish =
        || PgConnection::establish(url).map_err(|e| format!("cannot connect to the database: {e}"));
    db::migrate_exclusively(&mut establish()?, &mut establish()?)
}

/// Behind a transaction pooler (DB_POOL_MODE=transaction), makes the pool's limits the role's
/// settings in its database (see `db::Limits`); nothing to do in session mode.
pub fn set_role_limits(config: &Config, url: &str) -> Result<(), BoxError> {
    if config.db_pool_mode != db::PoolMode::Transaction {
        return Ok(());
    }
    let mut conn = connect(config, url)?;
    if db::set_role_limits(&mut conn, &limits(config))? {
        log::warn!(
            "DB_POOL_MODE=transaction: set the role's statement_timeout, lock_timeout, \
             idle_in_transaction_session_timeout, max_parallel_workers_per_gather and jit in this \
             database; server connections the pooler opened before keep their old values until \
             it reconnects them (PgBouncer: RECONNECT on its console)"
        );
    }
    Ok(())
}

/// What `serve` does about migrations: applies them (MIGRATE_ON_START, the default), or, when
/// a release step runs `clientele migrate` instead, refuses to serve a database that lacks any.
/// Behind a transaction pooler it also sets the role's limits (`set_role_limits`).
pub fn prepare_schema(config: &Config, url: &str) -> Result<(), BoxError> {
    set_role_limits(config, url)?;
    if config.migrate_on_start {
        let applied = migrate(url)?;
        log::info!("database ready ({applied} migration(s) applied)");
        return Ok(());
    }
    let mut conn = connect(config, url)?;
    match db::pending_migrations(&mut conn)? {
        0 => {
            log::info!("database ready (MIGRATE_ON_START=false; no migration pending)");
            Ok(())
        }
        n => Err(format!(
            "the database lacks {n} migration(s) and MIGRATE_ON_START=false: run `clientele migrate` first"
        )
        .into()),
    }
}

pub fn pool(config: &Config, url: &str) -> DbPool {
    db::pool(
        url,
        config.db_pool_size,
        config.db_pool_timeout,
        limits(config),
        config.db_pool_mode,
    )
}

fn limits(config: &Config) -> db::Limits {
    db::Limits {
        statement_timeout: config.db_statement_timeout,
    }
}

/// Where the long reads go: DATABASE_READ_URL's replica when set (see `db::replica`), its pool
/// built like the primary's.
fn reads(config: &Config, pool: &DbPool) -> db::replica::Reads {
    match &config.database_read_url {
        Some(url) => db::replica::Reads::start(
            pool,
            url.expose(),
            config.db_pool_size,
            (limits(config), config.db_pool_mode),
            config.database_read_max_lag,
        ),
        None => db::replica::Reads::primary_only(pool),
    }
}

/// The key that signs and encrypts session cookies: SESSION_KEY, or in local mode a random key
/// made once and kept in VAR_DIR/session.key so that sessions survive a restart.
pub fn session_key(config: &Config) -> Result<Key, BoxError> {
    if let Some(k) = &config.session_key {
        return Key::try_from(k.expose().as_slice())
            .map_err(|e| format!("SESSION_KEY: {e}").into());
    }
    if config.mode == Mode::Production {
        return Err("SESSION_KEY is required in production".into());
    }
    let path = config.var_dir.join("session.key");
    if let Ok(hex) = std::fs::read_to_string(&path)
        && let Some(bytes) = from_hex(hex.trim()).filter(|b| b.len() >= 64)
    {
        return Ok(Key::from(&bytes));
    }
    std::fs::create_dir_all(&config.var_dir)?;
    let mut bytes = [0u8; 64];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
    write_private(&path, &crate::domain::token::hex(&bytes))?;
    Ok(Key::from(&bytes))
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    s.len()
        .is_multiple_of(2)
        .then(|| {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
                .collect()
        })
        .flatten()
}

/// Writes a file only its owner can read.
pub fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(contents.as_bytes())
}

/// A bound, not yet running, HTTP server.
pub struct Application {
    server: Server,
    port: u16,
    drain: Drain,
    /// METRICS_ADDR's server, running beside the main one.
    metrics_server: Option<actix_web::dev::ServerHandle>,
}

/// The outbox's sender, when SMTP is configured; without it, the sender address is still
/// checked so that a typo fails at start rather than when mail is turned on.
fn start_sender(config: &Config, pool: &DbPool) -> std::io::Result<()> {
    let invalid = |e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e);
    // Where the models that compose emails find the vendor's language and zone.
    match pool.get() {
        Ok(mut conn) => {
            if let Err(e) = crate::mail::set_defaults(&mut conn, config) {
                log::error!("could not record DEFAULT_LOCALE and TIME_ZONE for emails: {e}");
            }
        }
        Err(e) => log::error!("could not record DEFAULT_LOCALE and TIME_ZONE for emails: {e}"),
    }
    let private_refused = config.mode == crate::config::Mode::Production;
    crate::webhooks::sender::WebhookSender::new(config.webhooks, private_refused)
        .spawn(pool.clone());
    if let Some(url) = &config.smtp_url {
        let sender = crate::mail::sender::Sender::new(
            url.expose(),
            &config.mail_from,
            config.outbox_max_attempts,
            config.outbox_retry_delay,
            config.outbox_poll_interval,
        )
        .map_err(invalid)?;
        sender.spawn(pool.clone());
    } else {
        crate::mail::sender::parse_from(&config.mail_from).map_err(invalid)?;
    }
    Ok(())
}

/// A session cookie for one audience: the staff side's at `/`, the portal's at `/portal`.
fn session(
    store: &PgSessionStore,
    key: &Key,
    cookie: &str,
    path: &str,
    https: bool,
    idle: CookieDuration,
) -> SessionMiddleware<PgSessionStore> {
    SessionMiddleware::builder(store.clone(), key.clone())
        .cookie_name(cookie.to_string())
        .cookie_secure(https)
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Lax)
        .cookie_path(path.to_string())
        .session_lifecycle(
            BrowserSession::default()
                .state_ttl(idle)
                .state_ttl_extension_policy(TtlExtensionPolicy::OnEveryRequest),
        )
        .build()
}

/// The access log. Not `%r`: request lines hold single-use links and searched emails and
/// phones, so the path is logged through `loggable_path`.
fn access_log() -> Logger {
    Logger::new(r#"%{r}a "%{request}xi" %s %b %Dms"#).custom_request_replace("request", |req| {
        format!(
            "{} {} {:?}",
            req.method(),
            crate::middleware::redact::loggable_path(req.path(), req.query_string()),
            req.version()
        )
    })
}

impl Application {
    /// Binds BIND_ADDR (port 0 picks a free port) and builds the server on `pool`.
    pub fn build(config: Config, pool: DbPool, key: Key) -> std::io::Result<Application> {
        Self::build_with_routes(config, pool, key, |_| {})
    }

    /// `build`, with extra routes mounted before the application's own (tests use this to
    /// add a handler that panics or takes its time).
    pub fn build_with_routes(
        config: Config,
        pool: DbPool,
        key: Key,
        extra: fn(&mut web::ServiceConfig),
    ) -> std::io::Result<Application> {
        let listener = TcpListener::bind(config.bind_addr)?;
        let port = listener.local_addr()?.port();
        let https = config.https();
        let idle = CookieDuration::seconds(config.session_idle_timeout.as_secs() as i64);
        let absolute = config.session_absolute_timeout;
        let workers = config.workers;
        let drain = Drain::new(config.drain_period);
        let drain_data = web::Data::new(drain.clone());
        let store = PgSessionStore::new(pool.clone(), config.session_idle_timeout, absolute);
        spawn_housekeeping(pool.clone(), absolute);
        crate::import::job::spawn_sweeper(pool.clone());
        start_sender(&config, &pool)?;
        if let Some(every) = config.chase_every {
            spawn_chaser(pool.clone(), config.public_url.clone(), every);
        }

        let reads = web::Data::new(reads(&config, &pool));
        let pool = web::Data::new(pool);
        let metrics = web::Data::new(Metrics::new());
        let metrics_server = match config.metrics.addr {
            Some(addr) => Some(serve_metrics(addr, metrics.clone(), pool.clone())?),
            None => None,
        };
        let config = web::Data::new(config);
        let mut server = HttpServer::new(move || {
            let staff_session = session(&store, &key, STAFF_COOKIE, "/", https, idle);
            let portal_session = session(&store, &key, PORTAL_COOKIE, "/portal", https, idle);
            App::new()
                .app_data(pool.clone())
                .app_data(reads.clone())
                .app_data(config.clone())
                .app_data(drain_data.clone())
                .app_data(metrics.clone())
                .app_data(web::Data::new(routes::flash::FlashKey(key.clone())))
                .app_data(web::FormConfig::default().limit(FORM_LIMIT))
                .app_data(web::PayloadConfig::default().limit(FORM_LIMIT))
                .wrap(from_fn(routes::reads::remember_writes))
                .wrap(access_log())
                .wrap(from_fn(hardening::harden))
                .wrap(from_fn(crate::db::by_age))
                .wrap(from_fn(crate::drain::close_when_draining))
                .wrap(from_fn(compression::mark_compressed))
                .wrap(Compress::default())
                .wrap(from_fn(compression::unmark))
                .wrap(from_fn(crate::telemetry::observe))
                .configure(extra)
                .configure(|cfg| routes::configure(cfg, staff_session, portal_session))
                .default_service(web::to(|| async {
                    Err::<actix_web::HttpResponse, _>(AppError::NotFound)
                }))
        })
        .shutdown_timeout(30)
        // Signals are ours (see `drain`): SIGTERM drains before the server stops.
        .disable_signals()
        .listen(listener)?;
        if workers > 0 {
            server = server.workers(workers);
        }
        Ok(Application {
            server: server.run(),
            port,
            drain,
            metrics_server,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM/SIGINT, drains for DRAIN_SECONDS, then lets in-flight requests
    /// finish (up to 30 s).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        actix_web::rt::spawn(self.drain.clone().on_signals(self.server.handle()));
        let stopped = self.server.await;
        if let Some(metrics) = self.metrics_server {
            metrics.stop(false).await;
        }
        stopped
    }

    /// What SIGTERM starts: the instance drains, then stops.
    pub fn drain(&self) -> Drain {
        self.drain.clone()
    }

    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub fn into_server(self) -> Server {
        self.server
    }
}

/// METRICS_ADDR's own small server, started at once: `/metrics` and nothing else, to whoever
/// reaches that address, on one worker. It stops when the main server has stopped.
fn serve_metrics(
    addr: SocketAddr,
    metrics: web::Data<Metrics>,
    pool: web::Data<DbPool>,
) -> std::io::Result<actix_web::dev::ServerHandle> {
    let server = HttpServer::new(move || {
        App::new()
            .app_data(metrics.clone())
            .app_data(pool.clone())
            .route("/metrics", web::get().to(routes::metrics::open))
    })
    .workers(1)
    .disable_signals()
    .bind(addr)?
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    log::info!("metrics served at http://{addr}/metrics");
    Ok(handle)
}

/// At start-up and then every `every`: sends the reminders and statements due (see
/// `models::accounts::chasing`), a batch at a time; every instance runs one, and none sends
/// anything twice.
fn spawn_chaser(pool: DbPool, base_url: String, every: Duration) {
    use crate::models::accounts::chasing;
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(every);
        loop {
            tick.tick().await;
            let base = base_url.clone();
            let sent = db::run(&pool, move |conn| {
                let mut sent = (0, 0);
                while let n @ 1.. = chasing::send_reminders(conn, &base, 100)? {
                    sent.0 += n;
                }
                while let n @ 1.. = chasing::send_statements(conn, &base, 100)? {
                    sent.1 += n;
                }
                Ok(sent)
            })
            .await;
            match sent {
                Ok((0, 0)) => {}
                Ok((r, s)) => log::info!("chasing: sent {r} reminders and {s} statements"),
                Err(e) => log::warn!("chasing failed: {e}"),
            }
        }
    });
}

/// At start-up and then periodically: removes expired sessions, old sign-in attempts and spent
/// submission keys older than a day, and marks failed the import runs whose job is gone (the
/// portal was restarted during an import), removing their upload directories.
fn spawn_housekeeping(pool: DbPool, absolute: Duration) {
    actix_web::rt::spawn(async move {
        let mut every = actix_web::rt::time::interval(Duration::from_secs(15 * 60));
        loop {
            every.tick().await;
            let result = db::run(&pool, move |conn| {
                Ok((
                    store::purge_expired(conn, absolute)?,
                    login_attempt::purge_old(conn)? + crate::models::submission::purge_old(conn)?,
                    ImportRun::fail_interrupted(conn)?,
                    crate::import::job::remove_stale_upload_dirs(),
                ))
            })
            .await;
            match result {
                Ok((s, a, i, d)) => {
                    if s + a > 0 {
                        log::info!(
                            "housekeeping: removed {s} expired sessions, {a} old sign-in attempts and submission keys"
                        );
                    }
                    if i + d > 0 {
                        log::warn!(
                            "housekeeping: marked {i} interrupted import runs failed, removed {d} upload directories they left"
                        );
                    }
                }
                Err(e) => log::warn!("housekeeping failed: {e}"),
            }
        }
    });
}
