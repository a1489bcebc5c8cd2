//! One error type for every request path.
//!
//! An `AppError` becomes a response with the right status and a message that is safe to show; the
//! cause goes to the log only. The HTML page itself is rendered by `middleware::hardening`, which
//! does the same for errors that never passed through here (actix's own 404/405/413, a panic), so
//! every error a person can see looks alike and says nothing about the internals.

use crate::i18n::Msg;
use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use std::fmt;

/// The message an error page shows, attached to the response for the page renderer (which
/// puts it in the reader's language).
#[derive(Clone, Debug)]
pub struct PublicMessage(pub Msg);

#[derive(Debug)]
pub enum AppError {
    /// A request we cannot make sense of (a malformed id, a missing field the form always sends).
    BadRequest(Msg),
    /// Signed in, but this action belongs to another role, or a CSRF/origin check failed.
    Forbidden(Msg),
    NotFound,
    /// The record changed underneath, or the transition is not allowed from its current state.
    Conflict(Msg),
    PayloadTooLarge,
    TooManyRequests(Msg),
    /// The database (or another dependency) does not answer: try again shortly.
    Unavailable(String),
    /// A bug or an unexpected failure; the cause is logged, the page says only "something broke".
    Internal(String),
}

impl AppError {
    pub fn internal(cause: impl fmt::Display) -> Self {
        AppError::Internal(cause.to_string())
    }

    /// A 409 whose message (`id`) names the record it refuses to change (`name`).
    pub fn conflict_named(id: &'static str, name: &str) -> Self {
        AppError::Conflict(Msg::new(id).arg("name", name))
    }

    /// What the page says: the error's own message, else its status's (`error-message-404`).
    pub fn public_message(&self) -> Msg {
        match self {
            AppError::BadRequest(m) | AppError::Forbidden(m) | AppError::Conflict(m) => m.clone(),
            AppError::TooManyRequests(m) => m.clone(),
            other => status_message(other.status_code()),
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Unavailable(cause) => write!(f, "unavailable: {cause}"),
            AppError::Internal(cause) => write!(f, "internal error: {cause}"),
            other => write!(f, "{}: {}", other.status_code(), other.public_message()),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::Internal(cause) => log::error!("{cause}"),
            AppError::Unavailable(cause) => log::warn!("service unavailable: {cause}"),
            _ => {}
        }
        let mut res = HttpResponse::new(self.status_code());
        res.extensions_mut()
            .insert(PublicMessage(self.public_message()));
        res
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::NotFound => AppError::NotFound,
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, info)
            | Error::DatabaseError(DatabaseErrorKind::UnableToSendCommand, info) => {
                AppError::Unavailable(info.message().to_string())
            }
            // Text PostgreSQL cannot store (a NUL byte) came from the request, not from a bug.
            Error::DatabaseError(_, ref info)
                if info.message().contains("invalid byte sequence") =>
            {
                AppError::BadRequest(Msg::new("error-unstorable-characters"))
            }
            Error::DatabaseError(_, ref info)
                if info.message().contains("statement timeout")
                    || info.message().contains("terminating connection")
                    // libpq's words when the server went away mid-query (a restart, a failover).
                    || info.message().contains("server closed the connection") =>
            {
                AppError::Unavailable(info.message().to_string())
            }
            other => AppError::Internal(format!("database: {other}")),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(err: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(format!("database pool: {err}"))
    }
}

impl From<crate::db::NoTurn> for AppError {
    fn from(err: crate::db::NoTurn) -> Self {
        AppError::Unavailable(err.to_string())
    }
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(format!("template: {err}"))
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        AppError::Internal(format!("blocking task: {err}"))
    }
}

impl From<actix_session::SessionGetError> for AppError {
    fn from(err: actix_session::SessionGetError) -> Self {
        AppError::Internal(format!("session read: {err}"))
    }
}

impl From<actix_session::SessionInsertError> for AppError {
    fn from(err: actix_session::SessionInsertError) -> Self {
        AppError::Internal(format!("session write: {err}"))
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// An error page's heading for `status`.
pub fn status_heading(status: StatusCode) -> Msg {
    Msg::new(match status.as_u16() {
        400 => "error-heading-400",
        401 => "error-heading-401",
        403 => "error-heading-403",
        404 => "error-heading-404",
        405 => "error-heading-405",
        409 => "error-heading-409",
        413 => "error-heading-413",
        422 => "error-heading-422",
        429 => "error-heading-429",
        503 => "error-heading-503",
        _ if status.is_server_error() => "error-heading-500",
        _ => "error-heading-other",
    })
}

/// What an error page says for `status` when the error brought no message of its own.
pub fn status_message(status: StatusCode) -> Msg {
    Msg::new(match status.as_u16() {
        400 => "error-message-400",
        403 => "error-message-403",
        404 => "error-message-404",
        405 => "error-message-405",
        413 => "error-message-413",
        503 => "error-message-503",
        _ if status.is_server_error() => "error-message-500",
        _ => "error-message-other",
    })
}

impl std::error::Error for AppError {}

/// What a caught panic said (its `&str` or `String` payload), for the log.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    fn database_error(message: &str) -> AppError {
        Error::DatabaseError(DatabaseErrorKind::Unknown, Box::new(message.to_string())).into()
    }

    /// A server that went away (restarted, failed over) is a 503 to retry, not a 500 bug; and
    /// a replica's reader falls back to the primary on exactly these.
    #[test]
    fn a_server_gone_mid_query_is_unavailable_and_a_real_error_internal() {
        for gone in [
            "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally",
            "terminating connection due to administrator command",
            "canceling statement due to statement timeout",
        ] {
            assert!(
                matches!(database_error(gone), AppError::Unavailable(_)),
                "{gone}"
            );
        }
        assert!(matches!(
            database_error("column \"x\" does not exist"),
            AppError::Internal(_)
        ));
    }
}
