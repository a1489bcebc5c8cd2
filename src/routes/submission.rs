//! One-time submission keys: a form that creates something is acted on once.
//!
//! Every create form carries a hidden `submission_key` (the `submission_key` macro in
//! `templates/_macros.html`), a random 128-bit value made when the page is rendered and kept when
//! the form comes back with messages (422), so that the corrected form still counts as the same
//! submission. The create handler runs its database work through `Submission::once`, which
//! reserves the key in `form_submissions` in the same transaction as the create: a double click,
//! a resent request or a second tab sending the same form gets the 303 of the first, and nothing
//! more is written, even when both arrive at once (the second waits on the key's row until the
//! first commits). A submission that created nothing (invalid, refused, failed) rolls back with
//! its key, which stays usable.
//!
//! Keys belong to the signed-in actor (a staff member or a customer user): the same key sent by
//! someone else is another submission and never answers with the first one's record. A create
//! without a key is refused with 400 ("reload the page"): every form the portal renders has one.

use crate::{
    auth::CurrentStaff,
    db::{self, DbPool},
    error::{AppError, AppResult},
    models::submission,
    routes::portal::Portal,
};
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload};
use diesel::{Connection, PgConnection};
use std::future::{Ready, ready};

/// The form field that carries the key.
pub const FIELD: &str = "submission_key";

/// A fresh key for a form being rendered: 128 random bits as 32 hex digits.
pub fn fresh_key() -> String {
    crate::domain::token::random_hex(16)
}

/// `value` as a key, if it is one.
pub fn parse_key(value: &str) -> Option<String> {
    let v = value.trim().to_ascii_lowercase();
    (v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit())).then_some(v)
}

/// The key an urlencoded request carried, put on the request by the CSRF check (which reads the
/// body anyway) for `Submission` and for the layouts, which show it again on a form re-rendered
/// with messages.
#[derive(Clone, Debug)]
pub struct SubmittedKey(pub String);

/// Finds a valid key among a form's fields and puts it on the request.
pub fn stash(req: &actix_web::dev::ServiceRequest, fields: &[(String, String)]) {
    if let Some(key) = fields
        .iter()
        .find(|(k, _)| k == FIELD)
        .and_then(|(_, v)| parse_key(v))
    {
        req.extensions_mut().insert(SubmittedKey(key));
    }
}

/// The key this request carried, if any.
pub fn submitted_key(req: &HttpRequest) -> Option<String> {
    req.extensions().get::<SubmittedKey>().map(|k| k.0.clone())
}

/// What `Submission::once` came to.
pub enum Once<T> {
    /// This submission ran: what the work returned (created, or refused with its messages).
    First(T),
    /// The key was spent already by this actor on this form: the first answer's Location.
    Repeat(String),
}

/// A create form's submission: who sent it, to which path, with which key. Handlers take it as
/// an extractor (inside the staff or portal guard) and run their work through `once`.
#[derive(Clone, Debug)]
pub struct Submission {
    actor: String,
    route: String,
    key: Option<String>,
}

impl FromRequest for Submission {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let actor = if let Some(staff) = req.extensions().get::<CurrentStaff>() {
            Some(format!("staff:{}", staff.id))
        } else {
            req.extensions()
                .get::<Portal>()
                .map(|p| format!("customer_user:{}", p.user.id))
        };
        ready(match actor {
            Some(actor) => Ok(Submission {
                actor,
                route: req.path().to_string(),
                key: submitted_key(req),
            }),
            None => Err(AppError::internal("Submission used outside a signed-in scope").into()),
        })
    }
}

/// Why a submission's transaction rolled back.
enum Abort<T> {
    /// Nothing was created; the work's result goes back to the handler.
    Keep(T),
    Fail(AppError),
}

impl<T> From<diesel::result::Error> for Abort<T> {
    fn from(e: diesel::result::Error) -> Self {
        Abort::Fail(e.into())
    }
}

impl Submission {
    /// The submission of a form posted signed out (a prospect's application), which has no
    /// account to key it to: keyed to whom it says it is from (`who`, the applicant's email), so
    /// that the same page sent again for someone else is another submission.
    pub fn signed_out(req: &HttpRequest, who: &str) -> Submission {
        Submission {
            actor: format!("visitor:{}", who.trim().to_lowercase()),
            route: req.path().to_string(),
            key: submitted_key(req),
        }
    }

    /// For a multipart form, whose fields the CSRF check does not read: the key its handler found.
    pub fn with_key(mut self, value: Option<&str>) -> Self {
        if let Some(key) = value.and_then(parse_key) {
            self.key = Some(key);
        }
        self
    }

    /// The key, for a page re-rendered from this submission.
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// The first answer's Location when this key has been spent already (committed). For a
    /// handler whose checks read what the first submission changed (a service asked for is no
    /// longer on offer): it asks this before checking, so that the repeat is not refused by its
    /// own first arrival. One still in flight is caught by `once`.
    pub async fn repeated(&self, pool: &DbPool) -> AppResult<Option<String>> {
        let Some(key) = self.key.clone() else {
            return Ok(None);
        };
        let (actor, route) = (self.actor.clone(), self.route.clone());
        db::run(pool, move |conn| {
            Ok(submission::find(conn, &actor, &key)?
                .filter(|spent| spent.route == route)
                .and_then(|spent| spent.location))
        })
        .await
    }

    /// Runs `work` once for this key, in one transaction with the key's reservation. `work`
    /// returns its result and, when it created something, the Location to answer with: then the
    /// key is spent and everything commits. Without a Location (invalid input, a refusal) or on an
    /// error, everything rolls back, the key included.
    pub async fn once<T, F>(&self, pool: &DbPool, work: F) -> AppResult<Once<T>>
    where
        F: FnOnce(&mut PgConnection) -> AppResult<(T, Option<String>)> + Send + 'static,
        T: Send + 'static,
    {
        let this = self.clone();
        db::run(pool, move |conn| this.once_on(conn, work)).await
    }

    /// `once` for work whose answer's Location is known before it runs (`location`): the key is
    /// reserved with it, which saves writing it afterwards. `work` says whether it kept what it
    /// did (true: the key is spent and everything commits).
    pub async fn once_at<T, F>(
        &self,
        pool: &DbPool,
        location: String,
        work: F,
    ) -> AppResult<Once<T>>
    where
        F: FnOnce(&mut PgConnection) -> AppResult<(T, bool)> + Send + 'static,
        T: Send + 'static,
    {
        let this = self.clone();
        db::run(pool, move |conn| {
            this.run(conn, Some(&location), |conn| {
                let (value, kept) = work(conn)?;
                Ok((value, kept.then(|| location.clone())))
            })
        })
        .await
    }

    /// `once` for work that creates a record or says why it did not (`Err`): the key is spent,
    /// with `location(&record)` as the answer, only when a record was created.
    pub async fn create<T, E, F, L>(
        &self,
        pool: &DbPool,
        work: F,
        location: L,
    ) -> AppResult<Once<Result<T, E>>>
    where
        F: FnOnce(&mut PgConnection) -> Result<T, E> + Send + 'static,
        L: FnOnce(&T) -> String + Send + 'static,
        T: Send + 'static,
        E: Send + 'static,
    {
        self.once(pool, move |conn| {
            let created = work(conn);
            let at = created.as_ref().ok().map(location);
            Ok((created, at))
        })
        .await
    }

    /// `once` on a connection the caller holds (the CSV import keeps its connection for the run).
    pub fn once_on<T, F>(&self, conn: &mut PgConnection, work: F) -> AppResult<Once<T>>
    where
        F: FnOnce(&mut PgConnection) -> AppResult<(T, Option<String>)>,
    {
        self.run(conn, None, work)
    }

    /// `once_on`, the key reserved with the Location `known` beforehand, if any.
    fn run<T, F>(&self, conn: &mut PgConnection, known: Option<&str>, work: F) -> AppResult<Once<T>>
    where
        F: FnOnce(&mut PgConnection) -> AppResult<(T, Option<String>)>,
    {
        let Some(key) = self.key.as_deref() else {
            log::info!("refused a form to {} without a submission key", self.route);
            return Err(expired());
        };
        let (actor, route) = (self.actor.as_str(), self.route.as_str());
        let outcome = conn.transaction(|conn| {
            if !submission::reserve(conn, actor, key, (route, known)).map_err(still_running)? {
                return match submission::find(conn, actor, key)? {
                    Some(submission::Spent {
                        route: spent_on,
                        location: Some(location),
                    }) if spent_on == route => {
                        log::info!(
                            "{actor} sent a form to {route} again: answered as the first time"
                        );
                        Ok(Once::Repeat(location))
                    }
                    _ => Err(Abort::Fail(expired())),
                };
            }
            match work(conn) {
                Ok((value, Some(location))) => {
                    if known != Some(location.as_str()) {
                        submission::complete(conn, actor, key, &location)?;
                    }
                    Ok(Once::First(value))
                }
                Ok((value, None)) => Err(Abort::Keep(value)),
                Err(e) => Err(Abort::Fail(e)),
            }
        });
        match outcome {
            Ok(once) => Ok(once),
            Err(Abort::Keep(value)) => Ok(Once::First(value)),
            Err(Abort::Fail(e)) => Err(e),
        }
    }
}

/// The first arrival of this submission held its key longer than the lock (or statement)
/// timeout, which the reservation alone can only reach by waiting for it (a large import): say
/// so instead of failing.
fn still_running<T>(e: diesel::result::Error) -> Abort<T> {
    match &e {
        diesel::result::Error::DatabaseError(_, info)
            if info.message().contains("lock timeout")
                || info.message().contains("statement timeout") =>
        {
            Abort::Fail(AppError::Conflict(crate::i18n::Msg::new(
                "refusal-form-still-running",
            )))
        }
        _ => e.into(),
    }
}

fn expired() -> AppError {
    AppError::BadRequest(crate::i18n::Msg::new("refusal-form-expired"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_32_hex_digits() {
        let key = fresh_key();
        assert_eq!(parse_key(&key), Some(key.clone()));
        assert_ne!(fresh_key(), key);
        assert_eq!(
            parse_key(" 0123456789ABCDEF0123456789abcdef ").as_deref(),
            Some("0123456789abcdef0123456789abcdef")
        );
        assert_eq!(parse_key("0123"), None);
        assert_eq!(parse_key("g123456789abcdef0123456789abcdef"), None);
        assert_eq!(parse_key(""), None);
    }
}
