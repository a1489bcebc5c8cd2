//! CSRF protection for every state-changing request, sign-in included.
//!
//! Two independent checks, both required: the request must not come from a foreign origin
//! (`Sec-Fetch-Site`, `Origin`, then `Referer`), and it must carry the session's token, as the
//! form field `csrf_token`, the `X-CSRF-Token` header, or (for file uploads) the first part of a
//! multipart body, named `csrf_token`. Never in the query string: URLs reach access logs, browser
//! history and `Referer` headers. A failure is a 403 and the handler never runs.

use super::session;
use crate::i18n::Msg;
use crate::{config::Config, domain::token::constant_time_eq, error::AppError};
use actix_session::SessionExt;
use actix_web::{
    Error, HttpMessage,
    body::{BoxBody, MessageBody},
    dev::{Payload, ServiceRequest, ServiceResponse},
    error::PayloadError,
    http::{Method, header},
    middleware::Next,
    web,
};
use futures_util::{Stream, StreamExt};
use std::pin::Pin;

/// A request body as a stream (actix-http's `BoxedPayloadStream`, which actix-web does not
/// re-export).
type BoxedPayloadStream = Pin<Box<dyn Stream<Item = Result<web::Bytes, PayloadError>>>>;

pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";

/// The largest urlencoded body read here; handlers then apply their own (smaller) limits.
const MAX_FORM_BODY: usize = 1024 * 1024;
/// How much of a multipart body is read to find its first part, the token (a few hundred bytes
/// in practice); the rest streams on to the handler unread.
const MAX_MULTIPART_HEAD: usize = 8 * 1024;

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
            crate::middleware::redact::loggable_path(req.path(), "")
        );
        return Ok(req.error_response(AppError::Forbidden(Msg::new("refusal-foreign-origin"))));
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
            crate::middleware::redact::loggable_path(req.path(), "")
        );
        return Ok(req.error_response(AppError::Forbidden(Msg::new("refusal-csrf-token"))));
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

/// Finds the token in the header, an urlencoded body (which is put back unread), or the first
/// part of a multipart body (put back in front of the rest of the stream). An urlencoded body is
/// read in any case, for the form's submission key (`crate::routes::submission`).
async fn supplied_token(req: &mut ServiceRequest) -> Result<Option<String>, Error> {
    let header_token = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if let Some(boundary) = multipart_boundary(&content_type) {
        return Ok(match header_token {
            Some(token) => Some(token),
            None => token_from_multipart(req, &boundary).await,
        });
    }
    if !is_urlencoded(req) {
        return Ok(header_token);
    }
    let fields = form_fields(&peek_form_body(req).await?);
    crate::routes::submission::stash(req, &fields);
    Ok(header_token.or_else(|| field(fields, FIELD)))
}

/// True for an `application/x-www-form-urlencoded` body, as HTML forms send.
pub(crate) fn is_urlencoded(req: &ServiceRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Reads an urlencoded body (up to `MAX_FORM_BODY`) and puts it back unread for the handler.
pub(crate) async fn peek_form_body(req: &mut ServiceRequest) -> Result<web::Bytes, Error> {
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
    req.set_payload(Payload::from(body.clone()));
    Ok(body)
}

pub(crate) fn form_fields(encoded: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(encoded).unwrap_or_default()
}

fn field(fields: Vec<(String, String)>, name: &str) -> Option<String> {
    fields.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// The `boundary` parameter of a `multipart/form-data` content type.
fn multipart_boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    if !params
        .next()?
        .trim()
        .eq_ignore_ascii_case("multipart/form-data")
    {
        return None;
    }
    params.find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|b| !b.is_empty())
    })
}

/// Reads a multipart body only as far as its first part and, when that part is the field
/// `csrf_token`, returns its value. What was read goes back in front of the unread rest, so the
/// handler sees the whole body. The upload forms put the token first; browsers send fields in
/// the form's order.
async fn token_from_multipart(req: &mut ServiceRequest, boundary: &str) -> Option<String> {
    let mut payload = req.take_payload();
    let mut head = web::BytesMut::new();
    let mut token = None;
    let mut failed = None;
    loop {
        match first_part_token(&head, boundary) {
            FirstPart::Incomplete if head.len() <= MAX_MULTIPART_HEAD => {}
            FirstPart::Token(t) => {
                token = Some(t);
                break;
            }
            FirstPart::Incomplete | FirstPart::Other => break,
        }
        match payload.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            Some(Err(e)) => {
                failed = Some(e);
                break;
            }
            None => break,
        }
    }
    let head = head.freeze();
    let rest: BoxedPayloadStream = match failed {
        // The error reaches the handler where the stream broke, after what was read.
        Some(e) => Box::pin(futures_util::stream::iter([Ok(head), Err(e)])),
        None => Box::pin(futures_util::stream::once(async move { Ok(head) }).chain(payload)),
    };
    req.set_payload(Payload::from(rest));
    token
}

#[derive(Debug, PartialEq)]
enum FirstPart {
    /// Not enough of the body yet to tell.
    Incomplete,
    /// The first part is `csrf_token`, with this value.
    Token(String),
    /// The first part is something else, or the body is not multipart as declared.
    Other,
}

fn first_part_token(body: &[u8], boundary: &str) -> FirstPart {
    let opening = format!("--{boundary}\r\n");
    if body.len() < opening.len() {
        return if opening.as_bytes().starts_with(body) {
            FirstPart::Incomplete
        } else {
            FirstPart::Other
        };
    }
    let Some(rest) = body.strip_prefix(opening.as_bytes()) else {
        return FirstPart::Other;
    };
    let Some(headers_end) = find(rest, b"\r\n\r\n") else {
        return FirstPart::Incomplete;
    };
    let Ok(headers) = std::str::from_utf8(&rest[..headers_end]) else {
        return FirstPart::Other;
    };
    let is_token = headers.split("\r\n").any(|line| {
        let Some((name, value)) = line.split_once(':') else {
            return false;
        };
        name.trim().eq_ignore_ascii_case("content-disposition")
            && value.split(';').skip(1).any(|p| {
                p.trim()
                    .split_once('=')
                    .is_some_and(|(k, v)| k.trim() == "name" && v.trim().trim_matches('"') == FIELD)
            })
            && !value.contains("filename")
    });
    if !is_token {
        return FirstPart::Other;
    }
    let value = &rest[headers_end + 4..];
    let closing = format!("\r\n--{boundary}");
    match find(value, closing.as_bytes()) {
        Some(end) => match std::str::from_utf8(&value[..end]) {
            Ok(v) => FirstPart::Token(v.to_string()),
            Err(_) => FirstPart::Other,
        },
        None => FirstPart::Incomplete,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
            field(form_fields(b"a=1&csrf_token=abc&b=2"), FIELD).as_deref(),
            Some("abc")
        );
        assert_eq!(field(form_fields(b"a=1"), FIELD), None);
    }

    #[test]
    fn the_token_is_the_first_part_of_a_multipart_body() {
        let ct = "multipart/form-data; boundary=\"XyZ\"";
        let b = multipart_boundary(ct).unwrap();
        assert_eq!(b, "XyZ");
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.csv\"\r\n\r\nx\r\n--XyZ--\r\n";
        assert_eq!(first_part_token(body, &b), FirstPart::Token("abc".into()));
        for cut in [0, 3, 20, 60] {
            assert_eq!(first_part_token(&body[..cut], &b), FirstPart::Incomplete);
        }
        let files_first = b"--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"csrf_token\"\r\n\r\nx\r\n--XyZ--\r\n";
        assert_eq!(first_part_token(files_first, &b), FirstPart::Other);
        assert_eq!(first_part_token(b"garbage", &b), FirstPart::Other);
        assert_eq!(
            multipart_boundary("application/x-www-form-urlencoded"),
            None
        );
    }
}
