//! Web plumbing every screen shares: a page with its status, a form page shown again with its
//! messages, the redirect after a form (with or without a message for the next page), the
//! answers to a form or upload that cannot be read, the client's address, where a request may
//! redirect to, PDF and CSV downloads (`csv`) and the import screens' file upload (`upload`).

pub mod csv;
pub mod upload;

use crate::domain::forms::FormErrors;
use crate::error::AppResult;
use crate::i18n::Msg;
use crate::routes::flash::{self, FlashLevel};
use crate::routes::submission::Once;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode};
use askama::Template;

/// The answer to a form that was sent and done: go to `location` (303, so a reload asks again
/// with GET).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location))
        .finish()
}

/// A PDF download named `file_name` (made safe here): private to whoever asked, never stored.
pub fn pdf(file_name: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{}\"", csv::file_name(file_name)),
        ))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes)
}

/// The answer to a form that was done, with `text` as a success message on the page it goes to.
pub fn done(req: &HttpRequest, text: impl Into<Msg>, location: &str) -> AppResult<HttpResponse> {
    flash::add(req, FlashLevel::Success, text);
    Ok(see_other(location))
}

/// The answer to an action that was refused, with `text` as an error message on the page it
/// goes to.
pub fn refused(req: &HttpRequest, text: impl Into<Msg>, location: &str) -> AppResult<HttpResponse> {
    flash::add(req, FlashLevel::Error, text);
    Ok(see_other(location))
}

/// The answer to a create run through `Submission::once`: the first time, `done` (its message
/// and `location`); a repeat goes where the first one went, and says nothing twice.
pub fn done_once<T>(
    once: Once<T>,
    req: &HttpRequest,
    text: impl Into<Msg>,
    location: &str,
) -> AppResult<HttpResponse> {
    match once {
        Once::First(_) => done(req, text, location),
        Once::Repeat(first) => Ok(see_other(&first)),
    }
}

/// A rendered page with a status of its choosing (422 for a form with errors, 409, …).
pub fn page(status: StatusCode, page: &impl Template) -> AppResult<HttpResponse> {
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page.render()?))
}

/// A form page shown again because of what was sent: 422.
pub fn again(form_page: &impl Template) -> AppResult<HttpResponse> {
    page(StatusCode::UNPROCESSABLE_ENTITY, form_page)
}

/// A form page: 200 when it carries no messages, 422 when it was sent with mistakes.
pub fn form(form_page: &impl Template, errors: &FormErrors) -> AppResult<HttpResponse> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(status, form_page)
}

/// The answer to a form body that does not fit its form (a tampered or stale page): a 400 page
/// that names no field.
pub fn unreadable() -> crate::error::AppError {
    crate::error::AppError::BadRequest(crate::i18n::Msg::new("refusal-form-unreadable"))
}

/// The answer to an upload whose parts cannot be read (the cause is logged).
pub fn unreadable_upload(cause: impl std::fmt::Display) -> crate::error::AppError {
    log::info!("unreadable upload: {cause}");
    crate::error::AppError::BadRequest(crate::i18n::Msg::new("refusal-upload-unreadable"))
}

/// The address a sign-in came from: the socket peer, or the proxy's `X-Forwarded-For`/`Forwarded`
/// only when TRUST_PROXY_HEADERS says a proxy we control sets it (otherwise anyone could claim
/// a fresh address per guess).
pub fn client_addr(req: &HttpRequest, trust_proxy: bool) -> String {
    if trust_proxy && let Some(addr) = req.connection_info().realip_remote_addr() {
        return addr.to_string();
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// A redirect target taken from user input, kept only if it stays on this site: a path that
/// starts with one `/` (not `//host`, not `/\host`), with no scheme and no control characters.
pub fn local_path(candidate: Option<&str>) -> Option<String> {
    let p = candidate?.trim();
    let ok = p.starts_with('/')
        && !p.starts_with("//")
        && !p.starts_with("/\\")
        && !p.chars().any(|c| c.is_control() || c == '\\');
    ok.then(|| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(
            local_path(Some("/customers?q=a")).as_deref(),
            Some("/customers?q=a")
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            "/a\nb",
            "",
        ] {
            assert_eq!(local_path(Some(bad)), None, "{bad}");
        }
    }
}
