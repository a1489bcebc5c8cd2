//! A PostgreSQL-backed `SessionStore` for actix-session.
//!
//! Sessions are rows that every instance of the portal shares, so signing out, deactivating an
//! account or changing a password ends those sessions everywhere at once: the row is gone, and a
//! replayed cookie finds nothing. The cookie holds a random 256-bit key; the table holds only its
//! BLAKE2b digest. Idle expiry is the row's `expires_at`; the absolute lifetime counts from the
//! row's creation, which is the moment of sign-in because signing in renews the session.

use crate::{db::DbPool, schema::sessions};
use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::time::Duration as CookieDuration;
use blake2::{Blake2b256, Digest};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use std::{collections::HashMap, time::Duration};

type State = HashMap<String, String>;

/// Said by every store failure; the error-page renderer turns it into a 503.
pub const STORE_UNAVAILABLE: &str = "session store unavailable";

/// How stale `expires_at` may get before a request pushes it forward (saves a write per request).
const TTL_SLACK_SECONDS: i64 = 60;

#[derive(Clone)]
pub struct PgSessionStore {
    pool: DbPool,
    idle_ttl: Duration,
    absolute_ttl: Duration,
}

impl PgSessionStore {
    pub fn new(pool: DbPool, idle_ttl: Duration, absolute_ttl: Duration) -> Self {
        Self {
            pool,
            idle_ttl,
            absolute_ttl,
        }
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut PgConnection) -> QueryResult<T> + Send + 'static,
    ) -> Result<T, anyhow::Error> {
        self.pool
            .with_conn(move |conn| f(conn).map_err(anyhow::Error::from))
            .await
            .map_err(|e: anyhow::Error| anyhow::anyhow!("{STORE_UNAVAILABLE}: {e}"))
    }
}

/// The digest stored for a cookie's key.
pub fn key_hash(key: &str) -> Vec<u8> {
    Blake2b256::digest(key.as_bytes()).to_vec()
}

fn new_key() -> Result<String, anyhow::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(crate::domain::token::hex(&bytes))
}

/// The staff member a session belongs to, so that their sessions can be found and ended.
fn staff_id_of(state: &State) -> Option<i64> {
    state
        .get(super::session::STAFF_ID)
        .and_then(|v| v.parse().ok())
}

/// The customer user a portal session belongs to.
fn customer_user_id_of(state: &State) -> Option<i64> {
    state
        .get(super::session::PORTAL_USER_ID)
        .and_then(|v| v.parse().ok())
}

/// What a session row holds besides its key, written alike when a session is saved and updated:
/// the state, who it signs in (a None clears the column), and the idle expiry.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = sessions, treat_none_as_null = true)]
struct SessionRow {
    state: serde_json::Value,
    staff_id: Option<i64>,
    customer_user_id: Option<i64>,
    expires_at: DateTime<Utc>,
}

impl SessionRow {
    fn of(state: &State, ttl: &CookieDuration) -> serde_json::Result<SessionRow> {
        Ok(SessionRow {
            state: serde_json::to_value(state)?,
            staff_id: staff_id_of(state),
            customer_user_id: customer_user_id_of(state),
            expires_at: expiry(ttl),
        })
    }
}

fn expiry(ttl: &CookieDuration) -> DateTime<Utc> {
    Utc::now() + chrono::Duration::seconds(ttl.whole_seconds())
}

impl SessionStore for PgSessionStore {
    async fn load(&self, key: &SessionKey) -> Result<Option<State>, LoadError> {
        let hash = key_hash(key.as_ref());
        let born_after =
            Utc::now() - chrono::Duration::from_std(self.absolute_ttl).unwrap_or_default();
        let pushed_to = Utc::now() + chrono::Duration::from_std(self.idle_ttl).unwrap_or_default();
        let row: Option<serde_json::Value> = self
            .blocking(move |conn| {
                let found: Option<(serde_json::Value, DateTime<Utc>)> = sessions::table
                    .filter(sessions::key_hash.eq(&hash))
                    .filter(sessions::expires_at.gt(diesel::dsl::now))
                    .filter(sessions::created_at.gt(born_after))
                    .select((sessions::state, sessions::expires_at))
                    .first(conn)
                    .optional()?;
                // The idle expiry moves forward here, in the same trip to the database, and only
                // when it has gone stale by a minute: most requests write nothing at all.
                if let Some((_, expires_at)) = &found
                    && *expires_at < pushed_to - chrono::Duration::seconds(TTL_SLACK_SECONDS)
                {
                    diesel::update(sessions::table.filter(sessions::key_hash.eq(&hash)))
                        .filter(sessions::expires_at.lt(pushed_to))
                        .set(sessions::expires_at.eq(pushed_to))
                        .execute(conn)?;
                }
                Ok(found.map(|(state, _)| state))
            })
            .await
            .map_err(LoadError::Other)?;
        row.map(|v| serde_json::from_value(v).map_err(|e| LoadError::Deserialization(e.into())))
            .transpose()
    }

    async fn save(&self, state: State, ttl: &CookieDuration) -> Result<SessionKey, SaveError> {
        let key = new_key().map_err(SaveError::Other)?;
        let hash = key_hash(&key);
        let row = SessionRow::of(&state, ttl).map_err(|e| SaveError::Serialization(e.into()))?;
        self.blocking(move |conn| {
            diesel::insert_into(sessions::table)
                .values((sessions::key_hash.eq(hash), row))
                .execute(conn)
        })
        .await
        .map_err(SaveError::Other)?;
        SessionKey::try_from(key).map_err(|e| SaveError::Other(e.into()))
    }

    async fn update(
        &self,
        key: SessionKey,
        state: State,
        ttl: &CookieDuration,
    ) -> Result<SessionKey, UpdateError> {
        let hash = key_hash(key.as_ref());
        let row = SessionRow::of(&state, ttl).map_err(|e| UpdateError::Serialization(e.into()))?;
        let updated = self
            .blocking(move |conn| {
                diesel::update(sessions::table.filter(sessions::key_hash.eq(hash)))
                    .set(row)
                    .execute(conn)
            })
            .await
            .map_err(UpdateError::Other)?;
        if updated == 1 {
            return Ok(key);
        }
        // The row was ended meanwhile (signed out elsewhere, account deactivated). Never bring a
        // sign-in back to life: keep what the request stored, minus who it was.
        let mut state = state;
        state.remove(super::session::STAFF_ID);
        state.remove(super::session::PORTAL_USER_ID);
        state.remove(super::session::VIEW_AS_STAFF_ID);
        self.save(state, ttl)
            .await
            .map_err(|e| UpdateError::Other(anyhow::anyhow!("{e}")))
    }

    /// Nothing to do: `load` has already pushed the idle expiry forward (with the idle timeout
    /// the store was built with, which is the session middleware's too).
    async fn update_ttl(
        &self,
        _key: &SessionKey,
        _ttl: &CookieDuration,
    ) -> Result<(), anyhow::Error> {
        Ok(())
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), anyhow::Error> {
        let hash = key_hash(key.as_ref());
        self.blocking(move |conn| {
            diesel::delete(sessions::table.filter(sessions::key_hash.eq(hash))).execute(conn)
        })
        .await
        .map(|_| ())
    }
}

/// Ends every session of a staff member (deactivation, password change).
pub fn end_sessions_of_staff(conn: &mut PgConnection, staff_id: i64) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::staff_id.eq(staff_id))).execute(conn)
}

/// Removes expired rows; run periodically.
pub fn purge_expired(conn: &mut PgConnection, absolute_ttl: Duration) -> QueryResult<usize> {
    let born_before = Utc::now() - chrono::Duration::from_std(absolute_ttl).unwrap_or_default();
    diesel::delete(
        sessions::table.filter(
            sessions::expires_at
                .lt(diesel::dsl::now)
                .or(sessions::created_at.lt(born_before)),
        ),
    )
    .execute(conn)
}
