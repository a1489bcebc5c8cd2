//! Responses compressed as the client asks (brotli or gzip; actix's `Compress`, which leaves
//! images alone), except what is compressed already: a PDF's pages are deflated, so compressing
//! it again costs time and saves nothing. `Compress` leaves alone a response that names its
//! content coding, so `mark_compressed` (inside it) names one for those, and `unmark` (outside
//! it) takes the name off again, since `identity` is no coding to announce. A streamed body (a
//! CSV export) is compressed as it streams.

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{self, HeaderMap, HeaderValue},
    middleware::Next,
};

/// Content types whose bodies are compressed already.
const COMPRESSED_ALREADY: [&str; 4] = [
    "application/pdf",
    "application/zip",
    "application/gzip",
    "font/woff2",
];

/// Inside `Compress`: a body compressed already says `Content-Encoding: identity`.
pub async fn mark_compressed(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    if compressed_already(headers) && !headers.contains_key(header::CONTENT_ENCODING) {
        headers.insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static("identity"),
        );
    }
    Ok(res)
}

/// Outside `Compress`: no `Content-Encoding: identity` leaves.
pub async fn unmark(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    if headers
        .get(header::CONTENT_ENCODING)
        .is_some_and(|v| v == "identity")
    {
        headers.remove(header::CONTENT_ENCODING);
    }
    Ok(res)
}

fn compressed_already(headers: &HeaderMap) -> bool {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    COMPRESSED_ALREADY
        .iter()
        .any(|t| essence.eq_ignore_ascii_case(t))
}
