//! Sign-in attempts: the audit trail of who tried to sign in from where, and the counts that
//! throttle guessing. Passwords never come near this table.

use crate::schema::login_attempts;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use std::time::Duration;

use crate::models::lower;

pub fn record(
    conn: &mut PgConnection,
    email: &str,
    client_addr: &str,
    succeeded: bool,
) -> QueryResult<()> {
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::email.eq(email.trim().to_lowercase()),
            login_attempts::client_addr.eq(client_addr),
            login_attempts::succeeded.eq(succeeded),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Whether sign-in is refused for this email or this address, and until when.
///
/// An account counts its failures in the window since its last successful sign-in; an address
/// counts all of its failures in the window (a success from it does not wipe the slate, or one
/// valid account would let an attacker guess at all the others).
pub fn throttled_until(
    conn: &mut PgConnection,
    email: &str,
    client_addr: &str,
    max_failures: i64,
    window: Duration,
) -> QueryResult<Option<DateTime<Utc>>> {
    let since = Utc::now() - chrono::Duration::from_std(window).unwrap_or_default();
    let email = email.trim().to_lowercase();
    let last_success: Option<DateTime<Utc>> = login_attempts::table
        .filter(lower(login_attempts::email).eq(&email))
        .filter(login_attempts::succeeded.eq(true))
        .filter(login_attempts::attempted_at.gt(since))
        .select(diesel::dsl::max(login_attempts::attempted_at))
        .first(conn)?;
    let account_failures: Vec<DateTime<Utc>> = login_attempts::table
        .filter(lower(login_attempts::email).eq(&email))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(last_success.unwrap_or(since).max(since)))
        .order(login_attempts::attempted_at.desc())
        .limit(max_failures)
        .select(login_attempts::attempted_at)
        .load(conn)?;
    let addr_failures: Vec<DateTime<Utc>> = login_attempts::table
        .filter(login_attempts::client_addr.eq(client_addr))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(since))
        .order(login_attempts::attempted_at.desc())
        .limit(max_failures)
        .select(login_attempts::attempted_at)
        .load(conn)?;
    // Refused until the oldest of the last `max_failures` failures leaves the window.
    let window = chrono::Duration::from_std(window).unwrap_or_default();
    let until = |fails: &[DateTime<Utc>]| {
        (fails.len() as i64 >= max_failures).then(|| *fails.last().unwrap() + window)
    };
    Ok(until(&account_failures)
        .into_iter()
        .chain(until(&addr_failures))
        .max())
}

/// Forgets attempts older than a day (they no longer count and the log line is kept elsewhere).
pub fn purge_old(conn: &mut PgConnection) -> QueryResult<usize> {
    let before = Utc::now() - chrono::Duration::days(30);
    diesel::delete(login_attempts::table.filter(login_attempts::attempted_at.lt(before)))
        .execute(conn)
}
