//! What operators look at: request ids on every answer and every log line of its request (JSON
//! lines included), `/metrics` where and only where it is configured, and answers compressed
//! as the client asks.

use crate::{
    api::api_client,
    cli::{Served, free_port},
    helpers::{LogCapture, PASSWORD, TestApp, TestDb, spawn_app, spawn_app_with},
    portal_pages::post_invoice,
};
use actix_web::{HttpResponse, http::StatusCode, web};
use clientele::{db::DbPool, models::access::staff::Role};
use std::io::Read;

const TOKEN: &str = "0123456789abcdef0123456789abcdef-metrics";

/// A request made exactly as given, its body as sent (compressed or not).
struct Raw {
    status: StatusCode,
    headers: awc::http::header::HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    }
}

async fn raw(url: &str, headers: &[(&str, &str)]) -> Raw {
    let mut req = awc::Client::default().get(url);
    for (k, v) in headers {
        req = req.insert_header((*k, *v));
    }
    let mut res = req.send().await.expect("the request reaches the server");
    let body = res.body().limit(64 * 1024 * 1024).await.unwrap().to_vec();
    Raw {
        status: res.status(),
        headers: res.headers().clone(),
        body,
    }
}

/// A test route that logs from inside database work (on a blocking thread) and from the handler.
fn logging_route(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/test/logs",
        web::get().to(|pool: web::Data<DbPool>| async move {
            clientele::db::run(&pool, |_conn| {
                log::warn!("observability: inside the database work");
                Ok(())
            })
            .await?;
            log::warn!("observability: in the handler");
            Ok::<_, actix_web::Error>(HttpResponse::Ok().finish())
        }),
    );
}

#[actix_web::test]
async fn every_answer_has_a_request_id_a_plain_one_given_is_kept_and_a_hostile_one_replaced() {
    let app = spawn_app().await;
    let url = format!("{}/login", app.address);
    let first = raw(&url, &[]).await.header("x-request-id").unwrap();
    let second = raw(&url, &[]).await.header("x-request-id").unwrap();
    assert_eq!(first.len(), 32, "{first}");
    assert!(first.bytes().all(|b| b.is_ascii_hexdigit()), "{first}");
    assert_ne!(first, second);

    let given = raw(&url, &[("X-Request-Id", "lb-7f3a.19:2")]).await;
    assert_eq!(
        given.header("x-request-id").as_deref(),
        Some("lb-7f3a.19:2")
    );

    let long = "a".repeat(65);
    for hostile in [long.as_str(), "a b", "x\"}{\"level\":\"ERROR", "tab\there"] {
        let id = raw(&url, &[("X-Request-Id", hostile)])
            .await
            .header("x-request-id")
            .unwrap();
        assert_ne!(id, hostile);
        assert_eq!(id.len(), 32, "{id}");
    }
    // Errors too: the API's 404 for a path that names nothing.
    let missing = raw(&format!("{}/api/no/such/thing", app.address), &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.header("x-request-id").is_some());
}

#[actix_web::test]
async fn every_json_log_line_of_a_request_carries_its_id_even_from_database_work() {
    let capture = LogCapture::start();
    let app = spawn_app_with(&[], logging_route).await;
    let url = format!("{}/test/logs", app.address);
    let res = raw(&url, &[("X-Request-Id", "obs-logs-1")]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("x-request-id").as_deref(), Some("obs-logs-1"));
    // A failed sign-in logs from its handler, after its database work.
    let person = app.new_client();
    let token = person.csrf_token().await;
    let body = serde_urlencoded::to_string([
        ("csrf_token", token.as_str()),
        ("email", "nobody@vendor.test"),
        ("password", "wrong-password"),
    ])
    .unwrap();
    let answer = person
        .post_raw("/login", body, &[("X-Request-Id", "obs-logs-2")])
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    // The access log is written once the body is sent.
    actix_web::rt::time::sleep(std::time::Duration::from_millis(200)).await;

    let lines = capture.json();
    let of = |id: &str| -> Vec<&serde_json::Value> {
        lines.iter().filter(|l| l["request_id"] == id).collect()
    };
    let messages = |id: &str| -> Vec<String> {
        of(id)
            .iter()
            .map(|l| {
                format!(
                    "{} {}",
                    l["target"].as_str().unwrap(),
                    l["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    let first = messages("obs-logs-1");
    for needle in [
        "observability: inside the database work",
        "observability: in the handler",
        "actix_web::middleware::logger",
    ] {
        assert!(
            first.iter().any(|m| m.contains(needle)),
            "{needle}: {first:#?}"
        );
    }
    let second = messages("obs-logs-2");
    assert!(
        second.iter().any(|m| m.contains("sign-in failed for")),
        "{second:#?}"
    );
    assert!(
        second
            .iter()
            .any(|m| m.contains("\"POST /login HTTP/1.1\" 401")),
        "{second:#?}"
    );
    for line in of("obs-logs-1") {
        for key in ["time", "level", "target", "message"] {
            assert!(line[key].is_string(), "{key} in {line}");
        }
        assert!(line.get("log.target").is_none(), "{line}");
    }
}

#[actix_web::test]
async fn json_access_lines_keep_tokens_and_searched_values_out() {
    let capture = LogCapture::start();
    let app = spawn_app().await;
    let token = "9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
    let url = format!("{}/portal/invitation/{token}", app.address);
    raw(&url, &[("X-Request-Id", "obs-redact-1")]).await;
    let search = format!("{}/customers?q=ann%40harbour.test", app.address);
    raw(&search, &[("X-Request-Id", "obs-redact-2")]).await;
    actix_web::rt::time::sleep(std::time::Duration::from_millis(200)).await;

    let raw_lines = capture.raw();
    let lines = capture.json();
    let access = |id: &str| {
        lines
            .iter()
            .find(|l| l["request_id"] == id && l["target"] == "actix_web::middleware::logger")
            .unwrap_or_else(|| panic!("the access line of {id}: {raw_lines:#?}"))["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(access("obs-redact-1").contains("GET /portal/invitation/[redacted]"));
    assert!(access("obs-redact-2").contains("GET /customers?q=…"));
    for line in &raw_lines {
        assert!(!line.contains(token), "a live token in the log: {line}");
        assert!(!line.contains("harbour.test"), "a searched address: {line}");
    }
}

#[test]
fn the_binary_writes_one_json_object_a_line_with_log_format_json() {
    let db = TestDb::new();
    let port = free_port();
    let served = Served::start_with(&[
        ("DATABASE_URL", &db.url),
        ("BIND_ADDR", &format!("127.0.0.1:{port}")),
        ("LOG_FORMAT", "json"),
    ]);
    served.wait_until_answering(port);
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    use std::io::Write;
    stream
        .write_all(b"GET /login HTTP/1.0\r\nX-Request-Id: bin-json-1\r\n\r\n")
        .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.contains("x-request-id: bin-json-1"), "{reply}");
    served.wait_for("bin-json-1", std::time::Duration::from_secs(10));
    let (_, output) = served.terminate();
    let logged: Vec<serde_json::Value> = output
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(
        logged.iter().any(|l| l["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("database ready"))),
        "{output}"
    );
    let access = logged
        .iter()
        .find(|l| l["request_id"] == "bin-json-1")
        .unwrap_or_else(|| panic!("the request's line: {output}"));
    assert_eq!(access["target"], "actix_web::middleware::logger");
    assert_eq!(access["level"], "INFO");
    // Nothing else of the log is plain text: the only other lines are the banner on stdout.
    for line in output.lines().filter(|l| !l.starts_with('{')) {
        assert!(
            line.trim().is_empty() || line.trim_start().starts_with(char::is_alphabetic),
            "{line}"
        );
        assert!(!line.contains("INFO") && !line.contains("WARN"), "{line}");
    }
}

/// The value of the series `name{labels}` in a scrape.
fn series(text: &str, name_and_labels: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(name_and_labels)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
}

#[actix_web::test]
async fn metrics_are_served_nowhere_without_an_address_or_a_token() {
    let app = spawn_app().await;
    let res = raw(&format!("{}/metrics", app.address), &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let bearer = format!("Bearer {TOKEN}");
    let res = raw(
        &format!("{}/metrics", app.address),
        &[("Authorization", &bearer)],
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

async fn scrape(app: &TestApp) -> String {
    let bearer = format!("Bearer {TOKEN}");
    let res = raw(
        &format!("{}/metrics", app.address),
        &[("Authorization", &bearer)],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.header("content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    String::from_utf8(res.body).unwrap()
}

#[actix_web::test]
async fn metrics_behind_the_token_count_requests_by_route_pool_outbox_and_sign_in_failures() {
    let app = spawn_app_with(&[("METRICS_TOKEN", TOKEN)], |_| {}).await;
    let url = format!("{}/metrics", app.address);
    assert_eq!(raw(&url, &[]).await.status, StatusCode::UNAUTHORIZED);
    let wrong = raw(&url, &[("Authorization", "Bearer not-the-token")]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(!String::from_utf8_lossy(&wrong.body).contains("clientele_"));

    app.create_staff("stan@vendor.test", PASSWORD, &[Role::Staff]);
    let refused = app.new_client();
    refused
        .sign_in("stan@vendor.test", "not-his-password")
        .await;
    app.sign_in("stan@vendor.test", PASSWORD).await;
    let customer = app.create_customer("Harbour Foods Ltd", Some("C-700"));
    for _ in 0..3 {
        let page = app.get(&format!("/customers/{}", customer.id)).await;
        assert_eq!(page.status, StatusCode::OK);
    }
    // An invitation waits in the outbox: no mail server is configured.
    app.post(
        &format!("/customers/{}/users", customer.id),
        &[("name", "Ann Buyer"), ("email", "ann@harbour.test")],
    )
    .await
    .assert_redirect_to(&format!("/customers/{}/users", customer.id));

    let text = scrape(&app).await;
    let page =
        r#"clientele_http_requests_total{method="GET",route="/customers/{id}",status="200"}"#;
    assert_eq!(series(&text, page), Some(3.0), "{text}");
    assert!(
        !text.contains(&format!("/customers/{}", customer.id)),
        "no id in a label: {text}"
    );
    let bucket = r#"clientele_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/customers/{id}"}"#;
    let histogram_count = text
        .lines()
        .find(|l| {
            l.starts_with("clientele_http_request_duration_seconds_count")
                && l.contains(r#"route="/customers/{id}""#)
        })
        .unwrap_or_else(|| panic!("a histogram: {text}"));
    assert!(
        histogram_count.ends_with(" 3"),
        "{histogram_count} / {bucket}"
    );
    let failures = r#"clientele_sign_in_failures_total{door="sign-in",reason="refused"}"#;
    assert_eq!(series(&text, failures), Some(1.0), "{text}");
    assert_eq!(
        series(&text, r#"clientele_outbox_messages{state="backlog"}"#),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        series(&text, r#"clientele_outbox_messages{state="failed"}"#),
        Some(0.0)
    );
    assert_eq!(
        series(&text, r#"clientele_webhook_deliveries{state="backlog"}"#),
        Some(0.0)
    );
    assert_eq!(
        series(&text, r#"clientele_import_runs{status="running"}"#),
        Some(0.0)
    );
    assert_eq!(
        series(&text, r#"clientele_db_pool{state="size"}"#),
        Some(4.0),
        "{text}"
    );
    for state in ["in_use", "waiting", "connections_open", "connections_idle"] {
        let value = series(&text, &format!(r#"clientele_db_pool{{state="{state}"}}"#));
        assert!(value.is_some(), "{state}: {text}");
    }
    assert_eq!(series(&text, "clientele_database_up"), Some(1.0));
}

#[actix_web::test]
async fn metrics_addr_serves_metrics_on_its_own_port_and_not_on_the_main_one() {
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let app = spawn_app_with(&[("METRICS_ADDR", &addr)], |_| {}).await;
    assert_eq!(app.get("/login").await.status, StatusCode::OK);
    let res = raw(&format!("http://{addr}/metrics"), &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    let text = String::from_utf8(res.body).unwrap();
    let login = r#"clientele_http_requests_total{method="GET",route="/login",status="200"}"#;
    assert_eq!(series(&text, login), Some(1.0), "{text}");
    assert!(text.contains("clientele_outbox_messages"), "{text}");
    // Only /metrics there; and the main address does not serve it.
    let other = raw(&format!("http://{addr}/login"), &[]).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/metrics").await.status, StatusCode::NOT_FOUND);
}

fn brotli_text(body: &[u8]) -> String {
    let mut out = String::new();
    brotli::Decompressor::new(body, 4096)
        .read_to_string(&mut out)
        .expect("a brotli body");
    out
}

fn gzip_text(body: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(body)
        .read_to_string(&mut out)
        .expect("a gzip body");
    out
}

#[actix_web::test]
async fn pages_and_api_answers_are_compressed_with_brotli_or_gzip_as_asked() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "Compressed ERP", &["customers:read"]);
    let bearer = format!("Bearer {token}");
    let page = format!("{}/login", app.address);
    let api = format!("{}/api/v1/customers", app.address);
    for (encoding, decode) in [
        ("br", brotli_text as fn(&[u8]) -> String),
        ("gzip", gzip_text),
    ] {
        let res = raw(&page, &[("Accept-Encoding", encoding)]).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.header("content-encoding").as_deref(), Some(encoding));
        assert!(decode(&res.body).contains("<html"), "{encoding}");

        let res = raw(
            &api,
            &[("Accept-Encoding", encoding), ("Authorization", &bearer)],
        )
        .await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.header("content-encoding").as_deref(), Some(encoding));
        let doc: serde_json::Value = serde_json::from_str(&decode(&res.body)).unwrap();
        assert!(doc.is_object(), "{doc}");
    }
    let plain = raw(&page, &[]).await;
    assert_eq!(plain.header("content-encoding"), None);
    assert!(String::from_utf8(plain.body).unwrap().contains("<html"));
}

#[actix_web::test]
async fn a_csv_export_still_streams_compressed_and_a_pdf_is_not_compressed_again() {
    let app = spawn_app().await;
    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff, Role::Admin]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    for n in 0..3 {
        app.create_customer(&format!("Streamed Customer {n}"), Some(&format!("SC-{n}")));
    }
    let cookie = app.cookie_header();
    let csv = raw(
        &format!("{}/customers.csv", app.address),
        &[("Accept-Encoding", "gzip"), ("Cookie", &cookie)],
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("content-encoding").as_deref(), Some("gzip"));
    // Streamed: sent in chunks as it is made, so no length is known up front.
    assert_eq!(csv.header("content-length"), None);
    assert!(gzip_text(&csv.body).contains("Streamed Customer 2"));

    let c = app.create_customer("Statement Partner SA", Some("ST-1")).id;
    post_invoice(&app, c, 10_000, "Spare parts");
    let pdf = raw(
        &format!("{}/customers/{c}/accounts/statement.pdf", app.address),
        &[("Accept-Encoding", "br, gzip"), ("Cookie", &cookie)],
    )
    .await;
    assert_eq!(
        pdf.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&pdf.body)
    );
    assert_eq!(
        pdf.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert_eq!(pdf.header("content-encoding"), None);
    assert!(pdf.body.starts_with(b"%PDF-"));
}
