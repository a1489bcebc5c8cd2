//! `form_submissions`: the one-time keys of the forms that created something, and where each
//! answer pointed. `crate::routes::submission` is what handlers use; these are its queries.

use crate::schema::form_submissions;
use chrono::Utc;
use diesel::prelude::*;

/// A key that has been spent: the path it was posted to and the answer's Location.
#[derive(Debug, Queryable)]
pub struct Spent {
    pub route: String,
    pub location: Option<String>,
}

/// Reserves `key` for `actor`, with the answer's Location when it is known beforehand; false
/// when the key is already taken. Called first thing in the create's transaction: a concurrent
/// transaction holding the same key makes this wait until it commits (then false) or rolls back
/// (then true).
pub fn reserve(
    conn: &mut PgConnection,
    actor: &str,
    key: &str,
    (route, location): (&str, Option<&str>),
) -> QueryResult<bool> {
    #[derive(Insertable)]
    #[diesel(table_name = form_submissions)]
    struct Reservation<'a> {
        actor: &'a str,
        key: &'a str,
        route: &'a str,
        location: Option<&'a str>,
    }
    diesel::insert_into(form_submissions::table)
        .values(Reservation {
            actor,
            key,
            route,
            location,
        })
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|n| n == 1)
}

/// The spent key, as committed.
pub fn find(conn: &mut PgConnection, actor: &str, key: &str) -> QueryResult<Option<Spent>> {
    form_submissions::table
        .find((actor, key))
        .select((form_submissions::route, form_submissions::location))
        .first(conn)
        .optional()
}

/// Stores the answer of the submission that reserved `key`.
pub fn complete(
    conn: &mut PgConnection,
    actor: &str,
    key: &str,
    location: &str,
) -> QueryResult<()> {
    // Planned on each run, on purpose: a plan kept from when the table was nearly empty (a
    // fresh install) reads the whole table until it is next analyzed.
    diesel::update(form_submissions::table.find((actor, key)))
        .set(form_submissions::location.eq(location))
        .execute(conn)
        .map(|_| ())
}

/// Forgets keys older than a day: a form left open longer than that is sent as a new one.
pub fn purge_old(conn: &mut PgConnection) -> QueryResult<usize> {
    let before = Utc::now() - chrono::Duration::days(1);
    diesel::delete(form_submissions::table.filter(form_submissions::created_at.lt(before)))
        .execute(conn)
}
