//! The connection pool, the embedded migrations, and `run`: the one way request code touches the
//! database, on a blocking thread so that diesel never stalls an actix worker.

use crate::error::{AppError, AppResult};
use diesel::{
    pg::PgConnection,
    prelude::*,
    r2d2::{ConnectionManager, CustomizeConnection, Pool, PoolError, PooledConnection},
};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::sync::Arc;
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
}

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
        let _turn = tokio::time::timeout(self.checkout_timeout, self.gate.turn(gate::started()))
            .await
            .map_err(|_| NoTurn(self.checkout_timeout))?
            .ok_or(NoTurn(self.checkout_timeout))?;
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            let result = f(&mut conn);
            if result.is_err() {
                discard_if_dead(&mut conn);
            }
            result
        })
        .await?
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

/// Sets per-connection limits so that a stuck query or lock turns into a fast error page, and
/// keeps each query to its own process: the portal answers many small requests at once on a few
/// cores, where starting parallel workers costs milliseconds and requests asking for them at once
/// compete for the few there are (at 1M customers the planner chose a parallel scan for a city
/// prefix in "Anything": 7.6 ms instead of 0.2, and 48 requests/s at 16 connections). Nor is any
/// query compiled to machine code: a kept plan whose estimate passes `jit_above_cost` (a list of
/// phone keys of unknown length, at 1M customers) spent 10.9 ms compiling a 0.02 ms lookup.
#[derive(Debug)]
struct SessionLimits {
    statement_timeout: Duration,
}

impl CustomizeConnection<PgConnection, diesel::r2d2::Error> for SessionLimits {
    fn on_acquire(&self, conn: &mut PgConnection) -> Result<(), diesel::r2d2::Error> {
        use diesel::connection::SimpleConnection;
        let ms = self.statement_timeout.as_millis();
        conn.batch_execute(&format!(
            "SET statement_timeout = {ms}; SET lock_timeout = {ms}; \
             SET idle_in_transaction_session_timeout = {}; \
             SET max_parallel_workers_per_gather = 0; SET jit = off",
            ms * 6
        ))
        .map_err(diesel::r2d2::Error::QueryError)
    }
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
    statement_timeout: Duration,
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
        .connection_customizer(Box::new(SessionLimits { statement_timeout }))
        .build_unchecked(ConnectionManager::<PgConnection>::new(url));
    DbPool {
        pool,
        gate: Gate::new(size as usize),
        checkout_timeout,
    }
}

/// The advisory lock that serialises migrations ("clientele migrations" as a number).
const MIGRATION_LOCK: i64 = 0x636c_6965_6e74_656d;

/// Applies every pending migration; returns how many ran. Several instances starting at once
/// take turns: each holds an advisory lock while it migrates, so the later ones find nothing
/// left to do instead of running the same migration twice.
pub fn migrate(conn: &mut PgConnection) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).execute(conn)?;
    let applied = conn.run_pending_migrations(MIGRATIONS).map(|v| v.len());
    // Unlocked on every path; a lost connection releases it by itself.
    let _ = diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).execute(conn);
    applied
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
