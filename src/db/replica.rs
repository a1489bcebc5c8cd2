//! The read replica (`DATABASE_READ_URL`, optional): the long reads (the customer export, the
//! API's lists, the statements) may be served by a streaming replica instead of the primary.
//! Everything else, and every read without a replica, stays on the primary.
//!
//! Three rules keep the replica out of people's sight:
//! - **Their own writes.** After a person's write (a request other than GET or HEAD by a
//!   signed-in staff member, customer user or API client) the primary's WAL insert position is
//!   kept in `read_marks`: in the database, because their next request may reach another
//!   instance. Their reads use the replica only once it has replayed that far.
//! - **A lag bound** (`DATABASE_READ_MAX_LAG_SECONDS`). Each instance's watcher samples the
//!   primary's WAL position and then the replica's replayed one, a few times a second; the
//!   replica is as fresh as the newest sample it has replayed. An idle primary has nothing new,
//!   so it is no lag; a replica that stops replaying (paused, cut off) grows stale with the
//!   clock, even if the watcher itself stalls. Past the bound, reads go to the primary.
//! - **Unreachable.** A replica that refuses a connection or gives none within a second is
//!   left alone for a back-off (1 s, doubling to 30 s) while reads go to the primary; then the
//!   watcher tries it again. A read that fails on the replica is made again on the primary.

use super::{DbPool, run};
use crate::error::{AppError, AppResult};
use diesel::{
    OptionalExtension, PgConnection, QueryResult, RunQueryDsl,
    sql_types::{BigInt, Nullable, Text},
};
use std::{
    collections::VecDeque,
    sync::{Arc, Mutex, MutexGuard, PoisonError},
    time::{Duration, Instant},
};

/// How long the replica may take to give a connection before it counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Where reads may go: the primary, and the replica when one is configured.
#[derive(Clone)]
pub struct Reads {
    primary: DbPool,
    replica: Option<Arc<Replica>>,
}

/// The replica's pool and what the watcher last saw of it.
pub struct Replica {
    pool: DbPool,
    max_lag: Duration,
    seen: Mutex<Seen>,
}

/// Where a read goes: chosen once per request (an export's batches all read from one place).
#[derive(Clone)]
pub enum Source {
    Primary(DbPool),
    /// The replica, and the primary to fall back on.
    Replica(Arc<Replica>, DbPool),
}

impl Reads {
    /// Every read on the primary.
    pub fn primary_only(primary: &DbPool) -> Reads {
        Reads {
            primary: primary.clone(),
            replica: None,
        }
    }

    /// Reads that may use the replica at `url`, whose pool is built like the primary's (with
    /// `size` turns and the same statement timeout); starts its watcher on the running system.
    pub fn start(
        primary: &DbPool,
        url: &str,
        size: u32,
        (limits, mode): (super::Limits, super::PoolMode),
        max_lag: Duration,
    ) -> Reads {
        let replica = Arc::new(Replica {
            pool: super::pool(url, size, CONNECT_TIMEOUT, limits, mode),
            max_lag,
            seen: Mutex::default(),
        });
        actix_web::rt::spawn(replica.clone().watch(primary.clone()));
        log::info!("reads of exports, API lists and statements may use the read replica");
        Reads {
            primary: primary.clone(),
            replica: Some(replica),
        }
    }

    pub fn has_replica(&self) -> bool {
        self.replica.is_some()
    }

    /// Where a read by `person` (`staff:<id>`, `user:<id>`, `api:<id>`; None: nobody's own)
    /// goes now: the replica when it is reachable, within the lag bound, and has replayed the
    /// person's last write; else the primary.
    pub async fn source(&self, person: Option<String>) -> AppResult<Source> {
        let primary = Source::Primary(self.primary.clone());
        let Some(replica) = &self.replica else {
            return Ok(primary);
        };
        let Some(replayed) = replica.seen().usable(Instant::now(), replica.max_lag) else {
            return Ok(primary);
        };
        let mark = match person {
            Some(person) => run(&self.primary, move |conn| Ok(mark(conn, &person)?)).await?,
            None => None,
        };
        Ok(match mark {
            Some(mark) if mark > replayed => primary,
            _ => Source::Replica(replica.clone(), self.primary.clone()),
        })
    }

    /// After `person`'s write: keeps where the primary's WAL stands now, which their reads wait
    /// for. Nothing without a replica.
    pub async fn remember_write(&self, person: String) -> AppResult<()> {
        if self.replica.is_none() {
            return Ok(());
        }
        run(&self.primary, move |conn| {
            Ok(remember(conn, &person).map(|_| ())?)
        })
        .await
    }
}

impl Source {
    pub fn is_replica(&self) -> bool {
        matches!(self, Source::Replica(..))
    }

    /// `db::run` here; a read the replica cannot serve (gone, or cancelled by its replay) is
    /// made again on the primary, so the person never sees the replica fail.
    pub async fn run<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut PgConnection) -> AppResult<T> + Clone + Send + 'static,
        T: Send + 'static,
    {
        let (replica, primary) = match self {
            Source::Primary(primary) => return run(primary, f).await,
            Source::Replica(replica, primary) => (replica, primary),
        };
        match run(&replica.pool, f.clone()).await {
            Err(AppError::Unavailable(cause)) if !cause.contains("statement timeout") => {
                replica.failed(&cause);
                run(primary, f).await
            }
            Err(AppError::Internal(cause)) if cause.contains("conflict with recovery") => {
                run(primary, f).await
            }
            done => done,
        }
    }
}

impl Replica {
    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn failed(&self, cause: &str) {
        let (wait, first) = self.seen().failed(Instant::now());
        if first {
            log::warn!(
                "the read replica cannot serve reads ({cause}); they go to the primary, and it \
                 is tried again in {wait:?}"
            );
        }
    }

    /// Every tick (a quarter of the lag bound, between 0.1 and 1 s), or after the back-off:
    /// the primary's WAL position, then the replica's replayed one.
    async fn watch(self: Arc<Self>, primary: DbPool) {
        let tick = (self.max_lag / 4).clamp(Duration::from_millis(100), Duration::from_secs(1));
        let keep = (self.max_lag.as_millis() / tick.as_millis()) as usize + 4;
        loop {
            let until = self.seen().down_until;
            let wait = until.map_or(tick, |t| t.saturating_duration_since(Instant::now()));
            actix_web::rt::time::sleep(wait.max(tick)).await;
            // The primary unreachable: every page fails alike; the replica's freshness ages.
            let Ok(written) = run(&primary, |conn| Ok(current_lsn(conn)?)).await else {
                continue;
            };
            self.seen().sample(Instant::now(), written, keep);
            match self.pool.with_conn(replayed_lsn).await {
                Ok(replayed) => {
                    if self.seen().replayed(replayed) {
                        log::info!("the read replica answers again");
                    }
                }
                Err(e) => self.failed(&e.to_string()),
            }
        }
    }
}

/// What the watcher knows of the replica.
#[derive(Debug, Default)]
struct Seen {
    /// How far it had replayed when last asked (bytes of WAL from 0/0).
    replayed: i64,
    /// It held everything the primary had written by this instant.
    fresh_as_of: Option<Instant>,
    /// The primary's WAL position at instants, oldest first, not yet reached by the replica
    /// (but the newest reached one).
    samples: VecDeque<(Instant, i64)>,
    /// Unreachable: left alone until then.
    down_until: Option<Instant>,
    failures: u32,
}

impl Seen {
    fn sample(&mut self, at: Instant, written: i64, keep: usize) {
        self.samples.push_back((at, written));
        while self.samples.len() > keep {
            self.samples.pop_front();
        }
    }

    /// The replica has replayed up to `lsn`: it is as fresh as the newest sample it holds.
    /// True when it was down until now.
    fn replayed(&mut self, lsn: i64) -> bool {
        self.replayed = lsn;
        if let Some(i) = self.samples.iter().rposition(|(_, w)| *w <= lsn) {
            let at = self.samples[i].0;
            self.fresh_as_of = Some(self.fresh_as_of.map_or(at, |f| f.max(at)));
            self.samples.drain(..i);
        }
        let was_down = self.failures > 0;
        self.failures = 0;
        self.down_until = None;
        was_down
    }

    /// It could not be reached: left alone for the back-off, which doubles with each failure
    /// in a row. Returns the wait, and whether this is the first failure of a run.
    fn failed(&mut self, now: Instant) -> (Duration, bool) {
        self.failures += 1;
        let wait = FIRST_BACKOFF
            .saturating_mul(1 << (self.failures - 1).min(16))
            .min(MAX_BACKOFF);
        self.down_until = Some(now + wait);
        self.fresh_as_of = None;
        self.samples.clear();
        (wait, self.failures == 1)
    }

    /// How far the replica has replayed, when reads may use it at `now`.
    fn usable(&self, now: Instant, max_lag: Duration) -> Option<i64> {
        if self.down_until.is_some_and(|t| now < t) {
            return None;
        }
        let fresh = self.fresh_as_of?;
        (now.saturating_duration_since(fresh) <= max_lag).then_some(self.replayed)
    }
}

#[derive(diesel::QueryableByName)]
struct Lsn {
    #[diesel(sql_type = Nullable<BigInt>)]
    lsn: Option<i64>,
}

/// Where the primary's WAL stands (bytes from 0/0).
fn current_lsn(conn: &mut PgConnection) -> QueryResult<i64> {
    let at: Lsn = diesel::sql_query("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint AS lsn")
        .get_result(conn)?;
    Ok(at.lsn.unwrap_or(0))
}

/// How far the replica has replayed; an error when it is no standby (it would never follow
/// the primary again, say after a failover, however fresh it looked).
fn replayed_lsn(conn: &mut PgConnection) -> AppResult<i64> {
    let at: Lsn =
        diesel::sql_query("SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint AS lsn")
            .get_result(conn)?;
    at.lsn.ok_or_else(|| {
        AppError::Unavailable("DATABASE_READ_URL is not a standby (not in recovery)".into())
    })
}

/// Keeps where the primary's WAL stands now as `person`'s last write (never moving it back).
fn remember(conn: &mut PgConnection, person: &str) -> QueryResult<usize> {
    diesel::sql_query(
        "INSERT INTO read_marks (person, lsn) \
         VALUES ($1, (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint) \
         ON CONFLICT (person) DO UPDATE \
         SET lsn = greatest(read_marks.lsn, excluded.lsn), written_at = now()",
    )
    .bind::<Text, _>(person)
    .execute(conn)
}

/// Where the primary's WAL stood after `person`'s last write.
fn mark(conn: &mut PgConnection, person: &str) -> QueryResult<Option<i64>> {
    let found: Option<Lsn> = diesel::sql_query("SELECT lsn FROM read_marks WHERE person = $1")
        .bind::<Text, _>(person)
        .get_result(conn)
        .optional()?;
    Ok(found.and_then(|m| m.lsn))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAG: Duration = Duration::from_secs(10);

    #[test]
    fn an_idle_primary_is_no_lag_however_long_it_idles() {
        let mut seen = Seen::default();
        let t0 = Instant::now();
        seen.sample(t0, 100, 50);
        seen.replayed(100);
        // An hour later nothing new was written: the newest sample is reached again.
        let later = t0 + Duration::from_secs(3600);
        seen.sample(later, 100, 50);
        seen.replayed(100);
        assert_eq!(seen.usable(later, LAG), Some(100));
    }

    #[test]
    fn a_replica_that_stops_replaying_grows_stale_with_the_clock() {
        let mut seen = Seen::default();
        let t0 = Instant::now();
        seen.sample(t0, 100, 50);
        seen.replayed(100);
        for s in 1..=12 {
            let at = t0 + Duration::from_secs(s);
            seen.sample(at, 100 + s as i64, 50);
            seen.replayed(100);
        }
        assert_eq!(seen.usable(t0 + Duration::from_secs(9), LAG), Some(100));
        assert_eq!(seen.usable(t0 + Duration::from_secs(11), LAG), None);
        // It catches up with the sample of second 12: fresh as of then.
        seen.replayed(112);
        assert_eq!(seen.usable(t0 + Duration::from_secs(12), LAG), Some(112));
    }

    #[test]
    fn a_replica_a_little_behind_a_busy_primary_is_fresh_as_of_the_sample_it_reached() {
        let mut seen = Seen::default();
        let t0 = Instant::now();
        for s in 0..5 {
            seen.sample(t0 + Duration::from_secs(s), 1000 * s as i64, 50);
        }
        // Past the sample of second 3, short of second 4's.
        seen.replayed(3500);
        assert_eq!(seen.fresh_as_of, Some(t0 + Duration::from_secs(3)));
        assert_eq!(seen.samples.len(), 2);
    }

    #[test]
    fn an_unreachable_replica_is_left_alone_for_a_doubling_back_off() {
        let mut seen = Seen::default();
        let t0 = Instant::now();
        seen.sample(t0, 1, 50);
        seen.replayed(1);
        assert_eq!(seen.failed(t0), (Duration::from_secs(1), true));
        assert_eq!(seen.usable(t0, LAG), None);
        assert_eq!(seen.failed(t0).0, Duration::from_secs(2));
        assert_eq!(seen.failed(t0).0, Duration::from_secs(4));
        for _ in 0..20 {
            seen.failed(t0);
        }
        assert_eq!(seen.failed(t0).0, MAX_BACKOFF);
        // Back, and fresh again once it has replayed a sample taken after.
        let later = t0 + Duration::from_secs(60);
        seen.sample(later, 5, 50);
        assert!(seen.replayed(5));
        assert_eq!(seen.usable(later, LAG), Some(5));
    }
}
