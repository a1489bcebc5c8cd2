//! CSRF protection for every state-changing request, sign-in included.
//!
//! Two independent checks, both required: the request must not come from a foreign origin
//! (`Sec-Fetch-Site`, `Origin`, then `Referer`), and it must carry the session's token, as the
//! form field `csrf_token`, the `X-CSRF-Token` header, or (for file uploads, whose bodies are not
//! read here) the `csrf_token` query parameter. A failure is a 403 and the handler never runs.

use super::session;
use crate::{config::Config, error::AppError, util::constant_time_eq};
use actix_session::SessionExt;
use actix_web::{
    Error, HttpMessage,
    body::{BoxBody, MessageBody},
    dev::{Payload, ServiceRequest, ServiceResponse},
    http::{Method, header},
    middleware::Next,
    web,
};
use futures_util::StreamExt;

pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";

/// The largest urlencoded body read here; handlers then apply their own (smaller) limits.
const MAX_FORM_BODY: usize = 1024 * 1024;

fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

pub async fn protect(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if is_safe(req.method()) {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let mut req = req;
    if !same_origin(&req) {
        log::warn!(
            "refused a {} to {} from a foreign origin",
            req.method(),
            req.path()
        );
        return Ok(req.error_response(AppError::Forbidden(
            "This form was sent from another site, so it was refused.".into(),
        )));
    }
    let expected = session::existing_csrf_token(&req.get_session());
    let supplied = match supplied_token(&mut req).await {
        Ok(token) => token,
        Err(e) => return Ok(req.error_response(e)),
    };
    let valid = matches!((&expected, &supplied), (Some(e), Some(s)) if constant_time_eq(e.as_bytes(), s.as_bytes()));
    if !valid {
        log::warn!(
            "refused a {} to {}: missing or wrong CSRF token",
            req.method(),
            req.path()
        );
        return Ok(req.error_response(AppError::Forbidden(
            "This form has expired or did not come from this portal. Go back, reload the page and try again."
                .into(),
        )));
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}

/// False when the browser says the request came from another site.
fn same_origin(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && (site == "cross-site" || site == "same-site")
    {
        return false;
    }
    let conn = req.connection_info();
    let own = format!("{}://{}", conn.scheme(), conn.host());
    let public = req
        .app_data::<web::Data<Config>>()
        .map(|c| origin_of(&c.public_url).to_string())
        .unwrap_or_default();
    let allowed =
        |origin: &str| origin.eq_ignore_ascii_case(&own) || origin.eq_ignore_ascii_case(&public);
    if let Some(origin) = headers.get(header::ORIGIN) {
        return origin.to_str().map(allowed).unwrap_or(false);
    }
    if let Some(referer) = headers.get(header::REFERER) {
        return referer
            .to_str()
            .map(|r| allowed(origin_of(r)))
            .unwrap_or(false);
    }
    true
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> &str {
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            let end = rest
                .find(['/', '?', '#'])
                .map(|j| i + 3 + j)
                .unwrap_or(url.len());
            &url[..end]
        }
        None => url,
    }
}

/// Finds the token in the header, the query, or an urlencoded body (which is put back unread).
/// An urlencoded body is read in any case, for the form's submission key (`crate::submission`).
async fn supplied_token(req: &mut ServiceRequest) -> Result<Option<String>, Error> {
    let header_token = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok(header_token.or_else(|| form_value(req.query_string().as_bytes())));
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_FORM_BODY) {
        return Err(AppError::PayloadTooLarge.into());
    }
    let mut payload = req.take_payload();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > MAX_FORM_BODY {
            return Err(AppError::PayloadTooLarge.into());
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let fields = form_fields(&body);
    crate::submission::stash(req, &fields);
    req.set_payload(Payload::from(body));
    Ok(header_token.or_else(|| field(fields, FIELD)))
}

fn form_fields(encoded: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(encoded).unwrap_or_default()
}

fn field(fields: Vec<(String, String)>, name: &str) -> Option<String> {
    fields.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn form_value(encoded: &[u8]) -> Option<String> {
    field(form_fields(encoded), FIELD)
}

/// The current request's token, for pages that render forms (set by the staff guard).
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

pub fn token_of(req: &actix_web::HttpRequest) -> Option<String> {
    req.extensions().get::<CsrfToken>().map(|t| t.0.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://crm.example.com/path?x"),
            "https://crm.example.com"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }

    #[test]
    fn the_token_is_found_among_form_fields() {
        assert_eq!(
            form_value(b"a=1&csrf_token=abc&b=2").as_deref(),
            Some("abc")
        );
        assert_eq!(form_value(b"a=1"), None);
    }
}
