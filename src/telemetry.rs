//! What operators read: the log, one line per event, as text or as JSON (LOG_FORMAT), filtered by
//! RUST_LOG; and each request's id, which every line logged while the request is served carries.
//!
//! The code logs through the `log` macros; those records are bridged into `tracing`, whose spans
//! know which request is being served: `observe` opens one span per request (and enters it again
//! while the body streams and when it ends, where the access log is written), and database work
//! on a blocking thread enters its caller's span (`db::DbPool::with_conn`).

use crate::config::LogFormat;
use actix_web::{
    Error,
    body::{BodySize, BoxBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    error::InternalError,
    http::header::{HeaderMap, HeaderName, HeaderValue},
    middleware::Next,
    web::Bytes,
};
use std::{
    fmt::{self, Write as _},
    pin::Pin,
    task::{Context, Poll},
};
use tracing::{Event, Instrument, Span, Subscriber, field::Field};
use tracing_log::NormalizeEvent;
use tracing_subscriber::{
    EnvFilter, Layer,
    fmt::{
        FmtContext, FormatEvent, FormattedFields, MakeWriter,
        format::{JsonFields, Writer},
    },
    layer::SubscriberExt,
    registry::LookupSpan,
    util::SubscriberInitExt,
};

/// The header a request's id comes in (from a proxy that made one) and goes back out in.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id taken from a caller.
const MAX_ID_LENGTH: usize = 64;

/// Logs to standard error in `format`, filtered by RUST_LOG (`info` when unset), with the
/// `log` records of this program and its crates bridged in. Once per process.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let installed = tracing_subscriber::registry()
        .with(layer(format, std::io::stderr).with_filter(filter))
        .try_init();
    if let Err(e) = installed {
        eprintln!("logging was set up already: {e}");
    }
}

/// The layer that writes each event as one line in `format` to `writer` (the tests add their
/// own beside it).
pub fn layer<S, W>(format: LogFormat, writer: W) -> impl Layer<S>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt::layer()
        .fmt_fields(JsonFields::new())
        .event_format(Lines(format))
        .with_ansi(false)
        .with_writer(writer)
}

/// One line per event. Text looks as the log always did, with the request's fields after the
/// message: `[2026-12-05T10:00:00.123Z INFO  clientele::x] message request_id=…`. JSON is one
/// object: `time`, `level`, `target`, `message`, then the event's and its spans' fields.
struct Lines(LogFormat);

impl<S> FormatEvent<S, JsonFields> for Lines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, JsonFields>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let normalized = event.normalized_metadata();
        let meta = normalized.as_ref().unwrap_or_else(|| event.metadata());
        let mut fields = Fields::default();
        event.record(&mut fields);
        // The spans' fields, outermost first (a request's id).
        for span in ctx.event_scope().into_iter().flat_map(|s| s.from_root()) {
            let extensions = span.extensions();
            let Some(formatted) = extensions.get::<FormattedFields<JsonFields>>() else {
                continue;
            };
            if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(&formatted.fields) {
                fields.others.extend(map);
            }
        }
        let time = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let line = match self.0 {
            LogFormat::Text => fields.text(&time, meta.level(), meta.target()),
            LogFormat::Json => fields.json(&time, meta.level(), meta.target()),
        };
        writeln!(writer, "{line}")
    }
}

/// An event's message and other fields (not those the `log` bridge adds: `log.target`, …).
#[derive(Default)]
struct Fields {
    message: String,
    others: serde_json::Map<String, serde_json::Value>,
}

impl Fields {
    fn text(&self, time: &str, level: &tracing::Level, target: &str) -> String {
        let mut line = format!("[{time} {level:<5} {target}] {}", self.message);
        for (key, value) in &self.others {
            match value {
                serde_json::Value::String(s) => write!(line, " {key}={s}"),
                other => write!(line, " {key}={other}"),
            }
            .expect("writing to a String");
        }
        line
    }

    fn json(self, time: &str, level: &tracing::Level, target: &str) -> String {
        let mut object = serde_json::Map::new();
        object.insert("time".into(), time.into());
        object.insert("level".into(), level.as_str().into());
        object.insert("target".into(), target.into());
        object.insert("message".into(), self.message.into());
        for (key, value) in self.others {
            object.entry(key).or_insert(value);
        }
        serde_json::Value::Object(object).to_string()
    }

    fn insert(&mut self, field: &Field, value: serde_json::Value) {
        match field.name() {
            "message" => {
                self.message = match value {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                }
            }
            name if name.starts_with("log.") => {}
            name => {
                self.others.insert(name.to_string(), value);
            }
        }
    }
}

impl tracing::field::Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.insert(field, value.into());
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.insert(field, value.into());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.insert(field, value.into());
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.insert(field, value.into());
    }
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.insert(field, value.into());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.insert(field, format!("{value:?}").into());
    }
}

/// The id a request is known by: the caller's `X-Request-Id` (a proxy's, say) when it is a plain
/// token of at most 64 letters, digits, `-`, `_`, `.` and `:`; otherwise a new random one. Nothing
/// else of the caller's reaches the log this way.
pub fn request_id(headers: &HeaderMap) -> String {
    headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| is_plain_token(id))
        .map(str::to_string)
        .unwrap_or_else(|| crate::domain::token::random_hex(16))
}

fn is_plain_token(id: &str) -> bool {
    (1..=MAX_ID_LENGTH).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// Middleware, the outermost: gives the request its id (in the response's `X-Request-Id` and on
/// every log line of the request, the access log's included), and counts and times it for
/// `/metrics`.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = request_id(req.headers());
    let span = tracing::info_span!("request", request_id = %id);
    let timer = crate::metrics::Timer::start(&req);
    let header = HeaderValue::from_str(&id).expect("a plain token is a header value");
    match next.call(req).instrument(span.clone()).await {
        Ok(mut res) => {
            timer.finish(res.status());
            res.headers_mut().insert(REQUEST_ID, header);
            Ok(res.map_body(|_, body| InSpan::new(body, span)))
        }
        // An error no inner layer answered: its response, with the id.
        Err(err) => {
            let mut response = err.error_response();
            timer.finish(response.status());
            response.headers_mut().insert(REQUEST_ID, header);
            Err(InternalError::from_response(err.to_string(), response).into())
        }
    }
}

/// A response body that is produced and dropped inside its request's span: a streamed export's
/// database work logs with the request's id, and so does the access log, written when the body
/// is done.
struct InSpan {
    body: BoxBody,
    span: Span,
}

impl InSpan {
    fn new(body: impl MessageBody + 'static, span: Span) -> InSpan {
        InSpan {
            body: body.boxed(),
            span,
        }
    }
}

impl MessageBody for InSpan {
    type Error = Box<dyn std::error::Error>;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.get_mut();
        let _entered = this.span.enter();
        Pin::new(&mut this.body).poll_next(cx)
    }
}

impl Drop for InSpan {
    fn drop(&mut self) {
        let _entered = self.span.enter();
        drop(std::mem::replace(&mut self.body, BoxBody::new(())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_for(value: &str) -> String {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID, HeaderValue::from_str(value).unwrap());
        request_id(&headers)
    }

    #[test]
    fn a_plain_request_id_is_kept_and_anything_else_replaced() {
        assert_eq!(id_for("f00-ba4.r_1:2"), "f00-ba4.r_1:2");
        let long = "a".repeat(65);
        for hostile in [long.as_str(), "a b", "x\"}{", "ü", ""] {
            let id = id_for(hostile);
            assert_ne!(id, hostile);
            assert!(is_plain_token(&id) && id.len() == 32, "{id}");
        }
        assert_ne!(request_id(&HeaderMap::new()), request_id(&HeaderMap::new()));
    }
}
