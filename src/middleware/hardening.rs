//! The outermost layer: every response leaves through here.
//!
//! - A panic in a handler becomes a 500 page; the worker keeps serving.
//! - Every error status, whoever produced it (an `AppError`, actix's own 404/405/413/400, a
//!   session-store failure, a panic), is rendered as the one HTML error page. Bodies that were not
//!   written for people (extractor messages that name fields, say) never reach the page.
//! - Under /api the same errors are RFC 9457 problem documents instead (JSON, no page).
//! - Security headers go on every response: pages, errors, redirects and static files.

use crate::{
    auth::{csrf, store::STORE_UNAVAILABLE},
    config::Config,
    error::{PublicMessage, status_heading, status_message},
    i18n::{L10n, Msg},
    routes::layout::{ErrorPage, Layout},
};
use actix_web::{
    Error, HttpResponse,
    body::{BoxBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    error::InternalError,
    http::{
        StatusCode,
        header::{self, HeaderMap, HeaderName, HeaderValue},
    },
    middleware::Next,
    web,
};
use askama::Template;
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;

/// No inline script or style, nothing from other origins, no framing, forms post only here.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'";

pub async fn harden(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Nothing may hold a clone of the request while the inner services run: actix's router
    // needs it unshared. What the failure paths need is copied out first.
    let https = req
        .app_data::<web::Data<Config>>()
        .is_some_and(|c| c.https());
    let is_static = req.path().starts_with("/static/");
    // The API's errors are problem documents, whoever produced them, never a page.
    let is_api = req.path() == "/api" || req.path().starts_with("/api/");
    let anyone = crate::routes::layout::anyones_reader(req.headers(), req.app_data());
    let (method, path) = (
        req.method().clone(),
        crate::middleware::redact::loggable_path(req.path(), req.query_string()),
    );

    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(Ok(res)) => {
            let mut res = res.map_into_boxed_body();
            let status = res.status();
            let failed = status.is_client_error() || status.is_server_error();
            if failed && is_api {
                if !is_problem(res.headers()) {
                    res = res.into_response(problem_response(status, None));
                }
            } else if failed && !is_html(res.headers()) {
                res = render_error_page(res);
            }
            add_security_headers(res.headers_mut(), https, is_static && status.is_success());
            Ok(res)
        }
        // An error no inner layer turned into a response (the session store failing, say). It
        // is answered with a page rendered here, carried inside the error.
        Ok(Err(err)) => {
            let text = err.to_string();
            let mut status = err.as_response_error().status_code();
            if text.contains(STORE_UNAVAILABLE) || text.contains("session state") {
                log::warn!("session store failed on {method} {path}: {text}");
                status = StatusCode::SERVICE_UNAVAILABLE;
            }
            let message = err
                .error_response()
                .extensions()
                .get::<PublicMessage>()
                .map(|m| m.0.clone());
            let page = match is_api {
                true => problem_response(status, Some(https)),
                false => standalone_error_page(status, message, https, anyone),
            };
            Err(InternalError::from_response(text, page).into())
        }
        Err(panic) => {
            let what = crate::error::panic_message(&*panic);
            log::error!("a handler panicked on {method} {path}: {what}");
            let status = StatusCode::INTERNAL_SERVER_ERROR;
            let page = match is_api {
                true => problem_response(status, Some(https)),
                false => standalone_error_page(status, None, https, anyone),
            };
            Err(InternalError::from_response("handler panicked", page).into())
        }
    }
}

fn add_security_headers(headers: &mut HeaderMap, https: bool, revalidate: bool) {
    let mut set = |name: &'static str, value: &'static str| {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    };
    set("content-security-policy", CONTENT_SECURITY_POLICY);
    set("x-content-type-options", "nosniff");
    set("referrer-policy", "same-origin");
    set("x-frame-options", "DENY");
    set("cross-origin-opener-policy", "same-origin");
    set("cross-origin-resource-policy", "same-origin");
    set(
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    if https {
        set(
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        );
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        // Pages hold customer data: never keep them where the back button could show them after
        // sign-out. Static files revalidate cheaply through their ETag.
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if revalidate { "no-cache" } else { "no-store" }),
        );
    }
    headers.remove(header::SERVER);
}

fn is_problem(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == b"application/problem+json")
}

/// The problem document of `status` alone; with the security headers when it leaves here as
/// an error (`https` given), which no later step adds.
fn problem_response(status: StatusCode, https: Option<bool>) -> HttpResponse {
    use actix_web::ResponseError;
    let mut res = crate::routes::api::Problem::of_status(status).error_response();
    if let Some(https) = https {
        add_security_headers(res.headers_mut(), https, false);
    }
    res
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"))
}

fn page_html(status: StatusCode, message: Option<Msg>, layout: Layout) -> String {
    let failure = "the error page itself failed to render";
    let l = layout.l.clone();
    error_html(status, message, &l, failure, |status, heading, message| {
        ErrorPage {
            layout,
            status,
            heading,
            message,
        }
    })
}

fn portal_page_html(
    status: StatusCode,
    message: Option<Msg>,
    layout: crate::routes::portal::layout::PortalLayout,
) -> String {
    let failure = "the portal's error page failed to render";
    let l = layout.l.clone();
    error_html(status, message, &l, failure, |status, heading, message| {
        crate::routes::portal::layout::PortalErrorPage {
            layout,
            status,
            heading,
            message,
        }
    })
}

/// An error page's HTML: `page` built from the status, its heading and the message (the
/// status's own when there is none); a bare page naming the status when it fails to render.
fn error_html<P: Template>(
    status: StatusCode,
    message: Option<Msg>,
    l: &L10n,
    failure: &str,
    page: impl FnOnce(u16, String, String) -> P,
) -> String {
    let heading = l.msg(&status_heading(status));
    let message = l.msg(&message.unwrap_or_else(|| status_message(status)));
    page(status.as_u16(), heading, message)
        .render()
        .unwrap_or_else(|e| {
            log::error!("{failure}: {e}");
            format!(
                "<!doctype html><title>{0}</title><h1>{0}</h1>",
                status.as_u16()
            )
        })
}

/// The error page for a response that still has its request: the navigation shows who is
/// signed in, and cookies the response set (a purged session, say) are kept.
fn render_error_page(res: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let status = res.status();
    let message = res
        .response()
        .extensions()
        .get::<PublicMessage>()
        .map(|m| m.0.clone());
    let req = res.request().clone();
    let html = if req.path() == "/portal" || req.path().starts_with("/portal/") {
        portal_page_html(
            status,
            message,
            crate::routes::portal::layout::PortalLayout::for_error(&req, csrf::token_of(&req)),
        )
    } else {
        page_html(
            status,
            message,
            Layout::for_error(&req, csrf::token_of(&req)),
        )
    };
    let mut page = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html);
    for name in [header::ALLOW, header::SET_COOKIE] {
        for value in res.headers().get_all(&name) {
            page.headers_mut().append(name.clone(), value.clone());
        }
    }
    ServiceResponse::new(req, page)
}

/// The error page when no request is left to describe (an error or panic that escaped).
fn standalone_error_page(
    status: StatusCode,
    message: Option<Msg>,
    https: bool,
    reader: L10n,
) -> HttpResponse {
    let html = page_html(status, message, Layout::anonymous().read_by(reader));
    let mut page = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html);
    add_security_headers(page.headers_mut(), https, false);
    page
}
