//! The typed face of the sessions: who is signed in, the CSRF token, the switched language.
//! Nothing else reads or writes session keys by name.

use crate::{domain::token, error::AppResult};
use actix_session::Session;

pub const STAFF_ID: &str = "staff_id";
/// The customer user of a portal session (the portal has its own cookie and session).
pub const PORTAL_USER_ID: &str = "portal_user_id";
/// In a portal session opened by "view as customer": the staff member looking (read-only).
pub const VIEW_AS_STAFF_ID: &str = "view_as_staff_id";
const CSRF: &str = "csrf";
/// The language picked with the switch on the sign-in pages (kept through sign-in).
const LANGUAGE: &str = "language";

/// The cookie that carries the staff session key.
pub const STAFF_COOKIE: &str = "clientele_staff";
/// The cookie that carries the portal session key (path /portal only).
pub const PORTAL_COOKIE: &str = "clientele_portal";

pub fn staff_id(session: &Session) -> AppResult<Option<i64>> {
    Ok(session.get::<i64>(STAFF_ID)?)
}

/// The session's CSRF token, made on first use.
pub fn csrf_token(session: &Session) -> AppResult<String> {
    if let Some(token) = session.get::<String>(CSRF)? {
        return Ok(token);
    }
    let token = token::random_hex(32);
    session.insert(CSRF, &token)?;
    Ok(token)
}

/// The token without making one (a request that has none cannot pass the check).
pub fn existing_csrf_token(session: &Session) -> Option<String> {
    session.get::<String>(CSRF).ok().flatten()
}

/// Starts a signed-in session under a new key (so a key planted before sign-in is worthless)
/// with a new CSRF token.
pub fn sign_in(session: &Session, staff_id: i64) -> AppResult<()> {
    renew(session, |session| Ok(session.insert(STAFF_ID, staff_id)?))
}

/// Starts a signed-in portal session under a new key, as `sign_in` does for staff. With
/// `view_as`, the session is a staff member's read-only view as this user.
pub fn sign_in_customer_user(
    session: &Session,
    user_id: i64,
    view_as: Option<i64>,
) -> AppResult<()> {
    renew(session, |session| {
        session.insert(PORTAL_USER_ID, user_id)?;
        if let Some(staff_id) = view_as {
            session.insert(VIEW_AS_STAFF_ID, staff_id)?;
        }
        Ok(())
    })
}

/// A new key and nothing of the old session but its switched language; `who` then writes who
/// is signed in, and a new CSRF token is made. (Flash messages are in a cookie of their own.)
fn renew(session: &Session, who: impl FnOnce(&Session) -> AppResult<()>) -> AppResult<()> {
    let language = switched_language(session);
    session.renew();
    session.clear();
    who(session)?;
    session.insert(CSRF, token::random_hex(32))?;
    if let Some(code) = language {
        switch_language(session, &code);
    }
    Ok(())
}

pub fn customer_user_id(session: &Session) -> AppResult<Option<i64>> {
    Ok(session.get::<i64>(PORTAL_USER_ID)?)
}

pub fn view_as_staff_id(session: &Session) -> AppResult<Option<i64>> {
    Ok(session.get::<i64>(VIEW_AS_STAFF_ID)?)
}

/// The language picked with the switch on the sign-in pages, if any.
pub fn switched_language(session: &Session) -> Option<String> {
    session.get::<String>(LANGUAGE).ok().flatten()
}

pub fn switch_language(session: &Session, code: &str) {
    let _ = session.insert(LANGUAGE, code);
}

pub fn sign_out(session: &Session) {
    session.purge();
}
