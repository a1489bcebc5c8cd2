//! The connection pool, the embedded migrations, and `run`: the one way request code touches the
//! database, on a blocking thread so that diesel never stalls an actix worker.

use crate::error::{AppError, AppResult};
use diesel::{
    connection::CacheSize,
    pg::PgConnection,
    prelude::*,
    r2d2::{ConnectionManager, CustomizeConnection, Pool, PoolError, PooledConnection},
};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::sync::{Arc, atomic::Ordering};
use std::time::Duration;

mod gate;
pub mod replica;
use gate::Gate;
pub use gate::by_age;

pub type DbConn = PooledConnection<ConnectionManager<PgConnection>>;

/// The connection pool behind a fair gate.
///
/// Database work waits its turn at the gate (without holding a thread) and only then takes a
/// blocking thread and a connection, so the pool is never contended. On a small machine that
/// matters more than it seems: r2d2 hands a freed connection to whichever thread asks first, not
/// to the one that has waited longest, and a database with more busy backends than cores stalls
/// some of them for hundreds of milliseconds; both made a fast page's slowest 1% of answers a
/// hundred times slower than its median. The turns go to the oldest request first (see `gate`):
/// a request that has begun is not overtaken by those that arrived after it.
#[derive(Clone)]
pub struct DbPool {
    pool: Pool<ConnectionManager<PgConnection>>,
    gate: Arc<Gate>,
    checkout_timeout: Duration,
    /// The last attempt to get a connection failed: the database is away, and the next ones
    /// wait only `AWAY_WAIT` for it, so that pages answer 503 quickly until it is back.
    away: Arc<std::sync::atomic::AtomicBool>,
}

/// How long a request waits for a connection while the database is known to be away.
const AWAY_WAIT: Duration = Duration::from_millis(250);

impl std::ops::Deref for DbPool {
    type Target = Pool<ConnectionManager<PgConnection>>;

    fn deref(&self) -> &Self::Target {
        &self.pool
    }
}

impl DbPool {
    /// Runs `f` with a connection on a blocking thread, once the gate lets it through.
    pub async fn with_conn<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut PgConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<PoolError> + From<NoTurn> + From<actix_web::error::BlockingError> + Send + 'static,
    {
        let asked = std::time::Instant::now();
        let _turn = tokio::time::timeout(self.checkout_timeout, self.gate.turn(gate::started()))
            .await
            .map_err(|_| NoTurn(self.checkout_timeout))?
            .ok_or(NoTurn(self.checkout_timeout))?;
        // The turn and the connection share one timeout: waiting the whole of it twice made a
        // page answer its 503 after twice DB_POOL_TIMEOUT_SECONDS while the database was down.
        let mut left =
            (self.checkout_timeout.saturating_sub(asked.elapsed())).max(Duration::from_millis(100));
        if self.away.load(Ordering::Relaxed) {
            left = left.min(AWAY_WAIT);
        }
        let (pool, away) = (self.pool.clone(), self.away.clone());
        // The work logs as part of the request (or job) that asked for it.
        let span = tracing::Span::current();
        actix_web::web::block(move || {
            let _entered = span.enter();
            let got = pool.get_timeout(left);
            away.store(got.is_err(), Ordering::Relaxed);
            let mut conn = got?;
            let result = f(&mut conn);
            if result.is_err() {
                discard_if_dead(&mut conn);
            }
            result
        })
        .await?
    }
}

/// What the pool is doing, for `/metrics`: database work at the gate (`size` turns, `in_use`
/// of them taken, `waiting` for one) and the connections open and idle behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolStats {
    pub size: usize,
    pub in_use: usize,
    pub waiting: usize,
    pub connections: u32,
    pub idle_connections: u32,
}

impl DbPool {
    pub fn stats(&self) -> PoolStats {
        let gate = self.gate.load();
        let state = self.pool.state();
        PoolStats {
            size: gate.turns,
            in_use: gate.in_use,
            waiting: gate.waiting,
            connections: state.connections,
            idle_connections: state.idle_connections,
        }
    }
}

/// After a failure, and only then, checks that the connection still answers; one that does not
/// (the server restarted, or ended it) is marked broken so that the pool drops it instead of
/// handing it out again. Connections are not pinged before each use: this keeps a dead one to
/// a single failed request.
fn discard_if_dead(conn: &mut PgConnection) {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    if diesel::sql_query("SELECT 1").execute(conn).is_err() {
        AnsiTransactionManager::transaction_manager_status_mut(conn).set_in_error();
    }
}

/// The gate did not open within the checkout timeout: the database is saturated or gone.
#[derive(Debug)]
pub struct NoTurn(Duration);

impl std::fmt::Display for NoTurn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no database connection free within {:?}", self.0)
    }
}

impl std::error::Error for NoTurn {}

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// What stands between the portal and PostgreSQL (DB_POOL_MODE).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PoolMode {
    /// Each of the portal's connections is a server session of its own: a direct connection,
    /// or a pooler in session mode.
    #[default]
    Session,
    /// A pooler in transaction mode (PgBouncer's `pool_mode = transaction`): each transaction
    /// may run on another server session, and a session serves other clients between ours.
    /// Nothing may be left on a session (settings, prepared statements, locks).
    Transaction,
}

impl PoolMode {
    pub fn parse(value: &str) -> Option<PoolMode> {
        match value.trim().to_ascii_lowercase().as_str() {
            "session" => Some(PoolMode::Session),
            "transaction" => Some(PoolMode::Transaction),
            _ => None,
        }
    }
}

/// The limits every connection of the portal works under, so that a stuck query or lock turns
/// into a fast error page, and each query is kept to its own process: the portal answers many
/// small requests at once on a few cores, where starting parallel workers costs milliseconds and
/// requests asking for them at once compete for the few there are (at 1M customers the planner
/// chose a parallel scan for a city prefix in "Anything": 7.6 ms instead of 0.2, and 48
/// requests/s at 16 connections). Nor is any query compiled to machine code: a kept plan whose
/// estimate passes `jit_above_cost` (a list of phone keys of unknown length, at 1M customers)
/// spent 10.9 ms compiling a 0.02 ms lookup.
///
/// Set on each connection as it is made in session mode; in transaction mode a setting made on
/// a connection would stay on a server session that other clients get next, and be missing from
/// the sessions our next transactions run on, so they are the role's settings in the portal's
/// database instead (see [`set_role_limits`]).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub statement_timeout: Duration,
}

impl Limits {
    /// Each setting with its value.
    pub fn settings(&self) -> [(&'static str, String); 5] {
        let ms = self.statement_timeout.as_millis();
        [
            ("statement_timeout", ms.to_string()),
            ("lock_timeout", ms.to_string()),
            ("idle_in_transaction_session_timeout", (ms * 6).to_string()),
            ("max_parallel_workers_per_gather", "0".into()),
            ("jit", "off".into()),
        ]
    }
}

/// Readies each new connection for the pool mode.
#[derive(Debug)]
struct Customizer {
    limits: Limits,
    mode: PoolMode,
}

impl CustomizeConnection<PgConnection, diesel::r2d2::Error> for Customizer {
    fn on_acquire(&self, conn: &mut PgConnection) -> Result<(), diesel::r2d2::Error> {
        use diesel::connection::SimpleConnection;
        match self.mode {
            PoolMode::Session => {
                let sets = self
                    .limits
                    .settings()
                    .map(|(name, value)| format!("SET {name} = {value}"));
                conn.batch_execute(&sets.join("; "))
                    .map_err(diesel::r2d2::Error::QueryError)
            }
            // diesel keeps a named prepared statement per query on its connection, which a
            // transaction pooler cannot follow: the next transaction may run on a server session
            // that never saw it. Uncached, each query goes as one message (parse, bind, run).
            PoolMode::Transaction => {
                conn.set_prepared_statement_cache_size(CacheSize::Disabled);
                Ok(())
            }
        }
    }
}

#[derive(QueryableByName)]
struct RoleSettings {
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Text>)]
    settings: Vec<String>,
}

/// Makes `limits` the settings of the connected role in the connected database (`ALTER ROLE
/// CURRENT_USER IN DATABASE … SET`, which a role may do for itself without being a superuser),
/// for transaction mode (see [`Limits`]). Every server session opened for the role in this
/// database starts with them; sessions opened before keep what they had until the pooler
/// closes them. Under the migrations' lock, as two instances altering the role at once would
/// collide. Returns whether anything changed.
pub fn set_role_limits(conn: &mut PgConnection, limits: &Limits) -> QueryResult<bool> {
    use diesel::connection::SimpleConnection;
    conn.transaction(|conn| {
        take_migration_lock(conn)?;
        let current = diesel::sql_query(
            "SELECT coalesce((SELECT s.setconfig FROM pg_db_role_setting s
                               WHERE s.setrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                                 AND s.setdatabase = (SELECT oid FROM pg_database
                                                       WHERE datname = current_database())),
                             '{}') AS settings",
        )
        .get_result::<RoleSettings>(conn)?
        .settings;
        let alter: Vec<String> = limits
            .settings()
            .into_iter()
            .filter(|(name, value)| !current.contains(&format!("{name}={value}")))
            .map(|(name, value)| {
                format!(
                    "EXECUTE format('ALTER ROLE CURRENT_USER IN DATABASE %I SET {name} = %L', \
                     current_database(), '{value}');"
                )
            })
            .collect();
        if !alter.is_empty() {
            conn.batch_execute(&format!("DO $$ BEGIN {} END $$", alter.join(" ")))?;
        }
        Ok(!alter.is_empty())
    })
}

/// Connections the pool keeps beyond the gate, for background jobs that take theirs directly.
pub const BACKGROUND_CONNECTIONS: u32 = 2;

/// Database work allowed at once by default: twice the cores. More does not answer faster on a
/// small machine; it makes the slowest answers far slower (see `DbPool`).
pub fn default_pool_size() -> u32 {
    std::thread::available_parallelism().map_or(2, |n| n.get() as u32) * 2
}

/// Builds the pool without connecting: the portal starts (and recovers) whether or not the
/// database is up at this instant; `migrate` is what proves it is reachable at start-up.
pub fn pool(
    url: &str,
    size: u32,
    checkout_timeout: Duration,
    limits: Limits,
    mode: PoolMode,
) -> DbPool {
    let pool = Pool::builder()
        // Beyond the gate's `size`, room for long jobs (an import holds two connections for its
        // whole run) so that they never starve the pages.
        .max_size(size + BACKGROUND_CONNECTIONS)
        .min_idle(Some(1))
        .connection_timeout(checkout_timeout)
        // No `SELECT 1` before each use: a connection the server dropped fails its query once
        // (a 503 page) and is then discarded (see `discard_if_dead`).
        .test_on_check_out(false)
        .connection_customizer(Box::new(Customizer { limits, mode }))
        .build_unchecked(ConnectionManager::<PgConnection>::new(url));
    DbPool {
        pool,
        gate: Gate::new(size as usize),
        checkout_timeout,
        away: Arc::default(),
    }
}

/// The advisory lock that serialises migrations ("clientele migrations" as a number).
const MIGRATION_LOCK: i64 = 0x636c_6965_6e74_656d;

/// Waits, as long as it takes, for the migrations' lock, held until the transaction ends.
/// Transaction-scoped: a session-level lock taken behind a transaction pooler might be
/// unlocked on another server session than the one holding it, and stay held forever.
fn take_migration_lock(conn: &mut PgConnection) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute(&format!(
        "SET LOCAL lock_timeout = 0; SET LOCAL statement_timeout = 0; \
         SET LOCAL idle_in_transaction_session_timeout = 0; \
         SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"
    ))
}

/// The lock a start-up holds while it migrates (see [`migrate_exclusively`]).
const MIGRATING_LOCK: i64 = MIGRATION_LOCK + 1;

/// How long a start-up waits before it tries again for [`MIGRATING_LOCK`].
const MIGRATING_RETRY: Duration = Duration::from_millis(200);

/// Applies every pending migration over `conn` while `guard` holds a lock for the whole run,
/// in a transaction left open meanwhile; returns how many were applied. Instances starting at
/// once take turns: the first applies them all, the others find nothing left to do. Those
/// waiting try for the lock again and again rather than wait inside a transaction, which
/// behind a transaction pooler would hold one of its few server connections and could leave
/// none for the migrating instance's own transactions.
pub fn migrate_exclusively(
    guard: &mut PgConnection,
    conn: &mut PgConnection,
) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    use diesel::connection::SimpleConnection;
    guard.set_prepared_statement_cache_size(CacheSize::Disabled);
    loop {
        let applied = guard.transaction(|guard| {
            guard.batch_execute(
                "SET LOCAL statement_timeout = 0; SET LOCAL idle_in_transaction_session_timeout = 0",
            )?;
            let taken = diesel::sql_query(format!(
                "SELECT pg_try_advisory_xact_lock({MIGRATING_LOCK}) AS taken"
            ))
            .get_result::<Taken>(guard)?
            .taken;
            match taken {
                true => migrate(conn).map(Some),
                false => Ok(None),
            }
        })?;
        match applied {
            Some(applied) => return Ok(applied),
            None => std::thread::sleep(MIGRATING_RETRY),
        }
    }
}

#[derive(QueryableByName)]
struct Taken {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    taken: bool,
}

/// Applies every pending migration; returns how many this call applied. Each runs in a
/// transaction of its own that first takes the migrations' lock and only then looks for the
/// next pending migration: instances starting at once take turns, and one finds nothing left
/// to do that another has done. The lock ends with each transaction, whatever happens, so none
/// is left behind on a pooled connection; no timeout cuts a migration short (in transaction
/// mode the role's statement timeout would otherwise apply).
pub fn migrate(conn: &mut PgConnection) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    // Nothing kept prepared from one migration's transaction to the next, which a transaction
    // pooler may run on another server session (see `PoolMode`); a few statements each.
    conn.set_prepared_statement_cache_size(CacheSize::Disabled);
    let mut applied = 0;
    while conn.transaction(next_migration)? {
        applied += 1;
    }
    Ok(applied)
}

/// Applies the first pending migration under the lock, in the caller's transaction; false when
/// none is left.
fn next_migration(
    conn: &mut PgConnection,
) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    take_migration_lock(conn)?;
    let pending = conn.pending_migrations(MIGRATIONS)?;
    let Some(next) = pending.first() else {
        return Ok(false);
    };
    if !next.metadata().run_in_transaction() {
        return Err(format!("migration {} must run in a transaction", next.name()).into());
    }
    conn.run_migration(next.as_ref())?;
    Ok(true)
}

/// How many migrations the database still lacks.
pub fn pending_migrations(
    conn: &mut PgConnection,
) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    Ok(conn.pending_migrations(MIGRATIONS)?.len())
}

/// Runs `f` with a pooled connection on actix's blocking thread pool.
pub async fn run<T, F>(pool: &DbPool, f: F) -> AppResult<T>
where
    F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    pool.with_conn(f).await
}

/// Like `run`, inside one transaction: everything `f` writes commits together or not at all.
pub async fn transaction<T, F>(pool: &DbPool, f: F) -> AppResult<T>
where
    F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    run(pool, move |conn| conn.transaction(|conn| f(conn))).await
}

/// True when a connection can be had and answers within `timeout`.
/// Whether the database can take traffic: it answers within `timeout` and holds every
/// migration this build knows (an instance of a newer build waits for its migrations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readiness {
    Ready,
    Unreachable,
    /// It lacks this many migrations.
    Behind(usize),
}

pub async fn readiness(pool: &DbPool, timeout: Duration) -> Readiness {
    let pool = pool.pool.clone();
    actix_web::web::block(move || {
        let Ok(mut conn) = pool.get_timeout(timeout) else {
            return Readiness::Unreachable;
        };
        match pending_migrations(&mut conn) {
            Ok(0) => Readiness::Ready,
            Ok(n) => Readiness::Behind(n),
            Err(_) => {
                discard_if_dead(&mut conn);
                Readiness::Unreachable
            }
        }
    })
    .await
    .unwrap_or(Readiness::Unreachable)
}

pub async fn healthy(pool: &DbPool, timeout: Duration) -> bool {
    let pool = pool.pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get_timeout(timeout).map_err(|_| ())?;
        diesel::sql_query("SELECT 1")
            .execute(&mut conn)
            .map_err(|_| discard_if_dead(&mut conn))
    })
    .await
    .map(|r| r.is_ok())
    .unwrap_or(false)
}

impl From<AppError> for std::io::Error {
    fn from(err: AppError) -> Self {
        std::io::Error::other(err.to_string())
    }
}
