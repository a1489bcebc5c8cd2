//! The typed face of the staff session: who is signed in, the CSRF token, and flash messages.
//! Nothing else reads or writes session keys by name.

use crate::{domain::token, error::AppResult};
use actix_session::Session;
use serde::{Deserialize, Serialize};

pub const STAFF_ID: &str = "staff_id";
/// The customer user of a portal session (the portal has its own cookie and session).
pub const PORTAL_USER_ID: &str = "portal_user_id";
/// In a portal session opened by "view as customer": the staff member looking (read-only).
pub const VIEW_AS_STAFF_ID: &str = "view_as_staff_id";
const CSRF: &str = "csrf";
const FLASH: &str = "flash";
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

/// A new key and nothing of the old session but its flash messages and switched language;
/// `who` then writes who is signed in, and a new CSRF token is made.
fn renew(session: &Session, who: impl FnOnce(&Session) -> AppResult<()>) -> AppResult<()> {
    let flashes = take_flashes(session);
    let language = switched_language(session);
    session.renew();
    session.clear();
    who(session)?;
    session.insert(CSRF, token::random_hex(32))?;
    if let Some(code) = language {
        switch_language(session, &code);
    }
    if !flashes.is_empty() {
        session.insert(FLASH, &flashes)?;
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlashLevel {
    Success,
    Info,
    Error,
}

impl FlashLevel {
    pub fn as_str(&self) -> &'static str {
        match self {
            FlashLevel::Success => "success",
            FlashLevel::Info => "info",
            FlashLevel::Error => "error",
        }
    }
}

/// A one-time message shown on the next page (after a redirect).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Flash {
    pub level: FlashLevel,
    pub text: crate::i18n::Msg,
}

/// Most messages a session keeps for its next page: a client that never follows its redirects
/// (a script) must not grow its session row with every form it sends.
pub const FLASHES_KEPT: usize = 5;

pub fn flash(session: &Session, level: FlashLevel, text: impl Into<crate::i18n::Msg>) {
    let all = session
        .get::<Vec<Flash>>(FLASH)
        .ok()
        .flatten()
        .unwrap_or_default();
    let flash = Flash {
        level,
        text: text.into(),
    };
    let _ = session.insert(FLASH, with_newest(all, flash));
}

/// `all` with `flash` after them, keeping the newest [`FLASHES_KEPT`].
fn with_newest(mut all: Vec<Flash>, flash: Flash) -> Vec<Flash> {
    all.push(flash);
    let over = all.len().saturating_sub(FLASHES_KEPT);
    all.drain(..over);
    all
}

pub fn take_flashes(session: &Session) -> Vec<Flash> {
    match session.get::<Vec<Flash>>(FLASH).ok().flatten() {
        Some(all) => {
            session.remove(FLASH);
            all
        }
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_keeps_only_its_newest_messages() {
        let text = |i: usize| crate::i18n::Msg::new("portal-checkout-placed").arg("number", i);
        let mut all = Vec::new();
        for i in 0..(FLASHES_KEPT + 3) {
            let flash = Flash {
                level: FlashLevel::Success,
                text: text(i),
            };
            all = with_newest(all, flash);
        }
        let kept: Vec<String> = all.iter().map(|f| format!("{:?}", f.text)).collect();
        let newest: Vec<String> = (3..FLASHES_KEPT + 3)
            .map(|i| format!("{:?}", text(i)))
            .collect();
        assert_eq!(kept, newest, "the oldest three are dropped, in order");
    }
}
