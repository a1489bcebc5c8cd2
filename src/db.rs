//! The connection pool, the embedded migrations, and `run`: the one way request code touches the
//! database, on a blocking thread so that diesel never stalls an actix worker.

use crate::error::{AppError, AppResult};
use diesel::{
    pg::PgConnection,
    prelude::*,
    r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection},
};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::time::Duration;

pub type DbPool = Pool<ConnectionManager<PgConnection>>;
pub type DbConn = PooledConnection<ConnectionManager<PgConnection>>;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// Sets per-connection limits so that a stuck query or lock turns into a fast error page.
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
             SET idle_in_transaction_session_timeout = {}",
            ms * 6
        ))
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Builds the pool without connecting: the portal starts (and recovers) whether or not the
/// database is up at this instant; `migrate` is what proves it is reachable at start-up.
pub fn pool(
    url: &str,
    size: u32,
    checkout_timeout: Duration,
    statement_timeout: Duration,
) -> DbPool {
    Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        .connection_timeout(checkout_timeout)
        .test_on_check_out(true)
        .connection_customizer(Box::new(SessionLimits { statement_timeout }))
        .build_unchecked(ConnectionManager::<PgConnection>::new(url))
}

/// Applies every pending migration; returns how many ran.
pub fn migrate(conn: &mut PgConnection) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    Ok(conn.run_pending_migrations(MIGRATIONS)?.len())
}

/// Runs `f` with a pooled connection on actix's blocking thread pool.
pub async fn run<T, F>(pool: &DbPool, f: F) -> AppResult<T>
where
    F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get()?;
        f(&mut conn)
    })
    .await?
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
pub async fn healthy(pool: &DbPool, timeout: Duration) -> bool {
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get_timeout(timeout).map_err(|_| ())?;
        diesel::sql_query("SELECT 1")
            .execute(&mut conn)
            .map_err(|_| ())
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
