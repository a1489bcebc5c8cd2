//! Flash messages: a word for the next page, after a form's redirect ("Order SO-… placed").
//!
//! They travel in a cookie of their own, not in the session row: a form that only says "done"
//! then writes nothing to the session store, and the page that shows the message clears the
//! cookie instead of writing the row again. The cookie is encrypted and signed with the session
//! key (a message may name what the form changed), HttpOnly, SameSite=Lax, Secure over HTTPS,
//! and kept to each audience's path like its session cookie. A cookie that does not decrypt
//! (another key, tampering) is no messages.

use crate::i18n::Msg;
use actix_web::{
    Error, HttpMessage, HttpRequest,
    body::MessageBody,
    cookie::{Cookie, CookieJar, Key, SameSite},
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
    web,
};
use serde::{Deserialize, Serialize};

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
    pub text: Msg,
}

/// Most messages kept for the next page: a client that never follows its redirects (a script)
/// must not grow its cookie with every form it sends.
pub const FLASHES_KEPT: usize = 5;

/// The longest cookie value written; older messages make way (browsers keep 4 KB a cookie).
const COOKIE_BYTES_MAX: usize = 3_000;

/// The key the cookies are sealed with: the session key, as application data.
#[derive(Clone)]
pub struct FlashKey(pub Key);

/// The messages of this request: those that came with it, and what it adds or takes.
#[derive(Default)]
struct Waiting {
    flashes: Vec<Flash>,
    changed: bool,
}

/// Leaves `text` for the next page this browser sees in the request's audience.
pub fn add(req: &HttpRequest, level: FlashLevel, text: impl Into<Msg>) {
    let flash = Flash {
        level,
        text: text.into(),
    };
    let mut ext = req.extensions_mut();
    let waiting = ext.get_or_insert_with(Waiting::default);
    let all = std::mem::take(&mut waiting.flashes);
    waiting.flashes = with_newest(all, flash);
    waiting.changed = true;
}

/// The messages waiting for this page; they are shown once.
pub fn take(req: &HttpRequest) -> Vec<Flash> {
    let mut ext = req.extensions_mut();
    match ext.get_mut::<Waiting>() {
        Some(w) if !w.flashes.is_empty() => {
            w.changed = true;
            std::mem::take(&mut w.flashes)
        }
        _ => Vec::new(),
    }
}

/// `all` with `flash` after them, keeping the newest [`FLASHES_KEPT`].
fn with_newest(mut all: Vec<Flash>, flash: Flash) -> Vec<Flash> {
    all.push(flash);
    let over = all.len().saturating_sub(FLASHES_KEPT);
    all.drain(..over);
    all
}

/// The staff side's messages (cookie at `/`).
pub async fn staff(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    carry(req, next, ("clientele_staff_flash", "/")).await
}

/// The portal's messages (cookie at `/portal`).
pub async fn portal(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    carry(req, next, ("clientele_portal_flash", "/portal")).await
}

/// Reads the audience's cookie into the request, and writes it back when the handler added or
/// took messages: the new list, or the cookie's removal once none are left.
async fn carry(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
    (name, path): (&'static str, &'static str),
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let key = req.app_data::<web::Data<FlashKey>>().map(|k| k.0.clone());
    let https = req
        .app_data::<web::Data<crate::config::Config>>()
        .is_some_and(|c| c.https());
    if let (Some(key), Some(cookie)) = (&key, req.cookie(name)) {
        let flashes = read(key, cookie);
        req.extensions_mut().insert(Waiting {
            flashes,
            changed: false,
        });
    }
    let mut res = next.call(req).await?;
    let waiting = res.request().extensions_mut().remove::<Waiting>();
    let (Some(key), Some(waiting)) = (key, waiting) else {
        return Ok(res);
    };
    if !waiting.changed {
        return Ok(res);
    }
    let cookie = |value: String| {
        Cookie::build(name, value)
            .path(path)
            .http_only(true)
            .secure(https)
            .same_site(SameSite::Lax)
            .finish()
    };
    match sealed(&key, waiting.flashes, cookie) {
        Some(sealed) => res.response_mut().add_cookie(&sealed)?,
        None => res
            .response_mut()
            .add_removal_cookie(&cookie(String::new()))?,
    }
    Ok(res)
}

/// The messages in a cookie the browser sent; none when it does not open with `key`.
fn read(key: &Key, cookie: Cookie<'static>) -> Vec<Flash> {
    let mut jar = CookieJar::new();
    let name = cookie.name().to_string();
    jar.add_original(cookie);
    jar.private(key)
        .get(&name)
        .and_then(|c| serde_json::from_str(c.value()).ok())
        .unwrap_or_default()
}

/// `flashes` sealed into the cookie `build` makes, dropping the oldest until it fits; None
/// when no message is left.
fn sealed(
    key: &Key,
    mut flashes: Vec<Flash>,
    build: impl Fn(String) -> Cookie<'static>,
) -> Option<Cookie<'static>> {
    while !flashes.is_empty() {
        let json = serde_json::to_string(&flashes).ok()?;
        let mut jar = CookieJar::new();
        jar.private_mut(key).add(build(json));
        let cookie = jar.delta().next().cloned()?;
        if cookie.value().len() <= COOKIE_BYTES_MAX {
            return Some(cookie);
        }
        flashes.remove(0);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(i: usize) -> Msg {
        Msg::new("portal-checkout-placed").arg("number", i)
    }

    fn flash(i: usize) -> Flash {
        Flash {
            level: FlashLevel::Success,
            text: text(i),
        }
    }

    #[test]
    fn only_the_newest_messages_are_kept() {
        let mut all = Vec::new();
        for i in 0..(FLASHES_KEPT + 3) {
            all = with_newest(all, flash(i));
        }
        let kept: Vec<String> = all.iter().map(|f| format!("{:?}", f.text)).collect();
        let newest: Vec<String> = (3..FLASHES_KEPT + 3)
            .map(|i| format!("{:?}", text(i)))
            .collect();
        assert_eq!(kept, newest, "the oldest three are dropped, in order");
    }

    #[test]
    fn a_sealed_cookie_opens_with_its_key_only() {
        let key = Key::generate();
        let build = |v: String| Cookie::build("f", v).path("/").finish();
        let cookie = sealed(&key, vec![flash(1), flash(2)], build).expect("a cookie");
        assert!(!cookie.value().contains("portal-checkout-placed"), "sealed");
        let opened = read(&key, cookie.clone());
        assert_eq!(opened.len(), 2);
        assert!(
            read(&Key::generate(), cookie).is_empty(),
            "another key reads nothing"
        );
    }

    #[test]
    fn a_long_message_makes_way_for_the_newest() {
        let key = Key::generate();
        let long = |i: usize| Flash {
            level: FlashLevel::Error,
            text: Msg::new("portal-checkout-placed").arg("number", "x".repeat(900 + i)),
        };
        let build = |v: String| Cookie::build("f", v).finish();
        let all: Vec<Flash> = (0..FLASHES_KEPT).map(long).collect();
        let cookie = sealed(&key, all, build).expect("a cookie");
        assert!(cookie.value().len() <= COOKIE_BYTES_MAX);
        let opened = read(&key, cookie);
        assert!(!opened.is_empty() && opened.len() < FLASHES_KEPT);
        let last = format!("{:?}", opened.last().expect("the newest").text);
        assert!(last.contains(&"x".repeat(904)), "the newest is kept");
    }
}
