//! Webhooks against a real HTTP receiver on loopback: an administrator adds an endpoint (its
//! secret shown once); each event is written with the change that makes it (and not at all
//! when that change is rolled back), sent signed over the exact bytes with its event id,
//! retried after failures, failed after the last attempt, sent again by hand; two senders at
//! once never send one delivery twice; internal addresses are refused where production says so.

use crate::helpers::{PASSWORD, TestApp, TestClient, spawn_app_with, submission_key};
use crate::placing::{checkout, place, shop};
use actix_web::http::StatusCode;
use base64::{Engine, engine::general_purpose::STANDARD};
use clientele::{
    config::WebhookSettings,
    domain::PaymentMethod,
    models::access::staff::Role,
    schema::{customers, webhook_deliveries, webhook_endpoints},
    webhooks::{self, EndpointForm, sender::WebhookSender},
};
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request the receiver took.
#[derive(Clone, Debug)]
struct Received {
    path: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// An HTTP receiver on loopback: it answers the statuses queued for a path in turn (then 200),
/// after `pause`, and keeps what it took.
#[derive(Clone)]
struct Receiver {
    base: String,
    got: Arc<Mutex<Vec<Received>>>,
    answers: Arc<Mutex<HashMap<String, VecDeque<u16>>>>,
}

impl Receiver {
    fn start(pause: Duration) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let receiver = Receiver {
            base,
            got: Arc::default(),
            answers: Arc::default(),
        };
        let shared = receiver.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let r = shared.clone();
                std::thread::spawn(move || r.serve(stream, pause));
            }
        });
        receiver
    }

    fn answer(&self, path: &str, statuses: &[u16]) {
        self.answers
            .lock()
            .unwrap()
            .insert(path.to_string(), statuses.iter().copied().collect());
    }

    fn serve(&self, stream: std::net::TcpStream, pause: Duration) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line.is_empty() {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
        let mut headers = HashMap::new();
        loop {
            let mut h = String::new();
            reader.read_line(&mut h).unwrap();
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.insert(k.trim().to_lowercase(), v.trim().to_string());
            }
        }
        let length: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        std::thread::sleep(pause);
        let status = {
            let mut answers = self.answers.lock().unwrap();
            answers
                .get_mut(&path)
                .and_then(VecDeque::pop_front)
                .unwrap_or(200)
        };
        self.got.lock().unwrap().push(Received {
            path,
            headers,
            body,
        });
        let mut stream = stream;
        let _ = write!(
            stream,
            "HTTP/1.1 {status} X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        );
    }

    fn got(&self, path: &str) -> Vec<Received> {
        let got = self.got.lock().unwrap();
        got.iter().filter(|r| r.path == path).cloned().collect()
    }

    /// What `path` took, once it has taken `n` (or 15 s have passed).
    async fn wait_for(&self, path: &str, n: usize) -> Vec<Received> {
        let started = Instant::now();
        while self.got(path).len() < n && started.elapsed() < Duration::from_secs(15) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.got(path)
    }
}

/// The signature a receiver computes, independently of the portal's code.
fn expected_signature(secret: &str, r: &Received) -> String {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(r.header("webhook-id").as_bytes());
    mac.update(b".");
    mac.update(r.header("webhook-timestamp").as_bytes());
    mac.update(b".");
    mac.update(&r.body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

/// An app whose sender looks every 50 ms and retries at once, `max` attempts.
async fn app(max: &str) -> TestApp {
    spawn_app_with(
        &[
            ("WEBHOOK_POLL_MILLISECONDS", "50"),
            ("WEBHOOK_RETRY_SECONDS", "1"),
            ("WEBHOOK_MAX_ATTEMPTS", max),
        ],
        |_| {},
    )
    .await
}

/// An endpoint made through the model, taking `events`; its id and secret.
fn endpoint(app: &TestApp, url: &str, events: &[&str]) -> (i64, String) {
    let staff = app.create_staff("hooks@vendor.test", PASSWORD, &[Role::Admin]);
    let form = EndpointForm {
        url: url.to_string(),
        events: events.iter().map(|e| e.to_string()).collect(),
        ..EndpointForm::default()
    };
    assert!(form.check(false).is_empty());
    let (e, secret) = webhooks::create(&mut app.conn(), &form, staff.id).unwrap();
    (e.id, secret)
}

fn deliveries(app: &TestApp) -> Vec<(String, String, i32, Option<i32>)> {
    webhook_deliveries::table
        .order(webhook_deliveries::id)
        .select((
            webhook_deliveries::event,
            webhook_deliveries::status,
            webhook_deliveries::attempts,
            webhook_deliveries::last_status_code,
        ))
        .load(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn an_administrator_adds_an_endpoint_and_events_arrive_signed_over_the_exact_bytes() {
    let app = app("8").await;
    let receiver = Receiver::start(Duration::ZERO);
    let admin = app.new_client();
    app.create_staff("admin@vendor.test", PASSWORD, &[Role::Admin]);
    admin.sign_in("admin@vendor.test", PASSWORD).await;
    let page = admin.get("/admin/webhooks").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text("p.empty"),
        "No webhook endpoint has been added yet."
    );

    // The form as it first appears: nothing ticked is refused beside the field.
    let url = format!("{}/hooks", receiver.base);
    let res = admin
        .post(
            "/admin/webhooks",
            &[("url", url.as_str()), ("submission_key", &submission_key())],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.text("#events-error"), "Tick at least one event.");
    let res = admin
        .post(
            "/admin/webhooks",
            &[
                ("url", url.as_str()),
                ("events", "customer.created"),
                ("events", "customer.updated"),
                ("submission_key", &submission_key()),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let location = res.location().unwrap().to_string();
    let shown = admin.get(&location).await;
    let flash = shown.text(".flash--success");
    let secret = flash
        .split_whitespace()
        .find(|w| w.starts_with("whsec_"))
        .expect("the secret is shown once")
        .to_string();
    let stored: String = webhook_endpoints::table
        .select(webhook_endpoints::secret)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(stored, secret);
    assert!(
        !admin.get(&location).await.body.contains(&secret),
        "and never again"
    );

    let customer = app.create_customer("Hooked GmbH", Some("H-1"));
    let got = receiver.wait_for("/hooks", 1).await;
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(r.header("content-type"), "application/json");
    assert!(r.header("webhook-id").starts_with("evt_"));
    let sent_at: i64 = r.header("webhook-timestamp").parse().unwrap();
    assert!((chrono::Utc::now().timestamp() - sent_at).abs() < 60);
    assert_eq!(
        r.header("webhook-signature"),
        expected_signature(&secret, r)
    );
    let event = r.json();
    assert_eq!(event["type"], "customer.created");
    assert_eq!(event["id"], r.header("webhook-id"));
    assert_eq!(event["data"]["customer"]["id"], customer.id);
    assert_eq!(event["data"]["customer"]["account_number"], "H-1");

    // The delivery log: delivered, with the answer's code; a redelivery keeps the event id.
    let page = admin.get(&location).await;
    assert_eq!(
        page.texts("tr.delivery--delivered td[data-label=Response]"),
        ["200"]
    );
    let key = page
        .attr("tr.delivery form", "action")
        .expect("a delivery can be sent again");
    let again = admin.post(&key, &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let got = receiver.wait_for("/hooks", 2).await;
    assert_eq!(got[1].header("webhook-id"), got[0].header("webhook-id"));
    assert_eq!(got[1].body, got[0].body, "the same bytes");

    // Not subscribed: no delivery.
    diesel::update(customers::table.find(customer.id))
        .set(customers::account_number.eq("H-2"))
        .execute(&mut app.conn())
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        receiver.got("/hooks").len(),
        2,
        "an update the history has not seen"
    );
}

#[actix_web::test]
async fn a_failed_delivery_is_retried_until_taken_and_fails_after_the_last_attempt() {
    let app = app("3").await;
    let receiver = Receiver::start(Duration::ZERO);
    receiver.answer("/flaky", &[500, 503]);
    receiver.answer("/down", &[500, 500, 500, 500]);
    endpoint(
        &app,
        &format!("{}/flaky", receiver.base),
        &["customer.created"],
    );
    let staff = app.create_staff("hooks2@vendor.test", PASSWORD, &[Role::Admin]);
    let form = EndpointForm {
        url: format!("{}/down", receiver.base),
        events: vec!["customer.created".into()],
        ..EndpointForm::default()
    };
    webhooks::create(&mut app.conn(), &form, staff.id).unwrap();
    app.create_customer("Retry GmbH", None);

    let flaky = receiver.wait_for("/flaky", 3).await;
    assert_eq!(flaky.len(), 3);
    assert!(
        flaky
            .iter()
            .all(|r| r.header("webhook-id") == flaky[0].header("webhook-id"))
    );
    let down = receiver.wait_for("/down", 3).await;
    assert_eq!(down.len(), 3);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10)
        && deliveries(&app)
            .iter()
            .any(|d| d.1 == "pending" || d.1 == "sending")
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        deliveries(&app),
        [
            ("customer.created".into(), "delivered".into(), 3, Some(200)),
            ("customer.created".into(), "failed".into(), 3, Some(500)),
        ]
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.got("/down").len(), 3, "no attempt after the last");
    let codes: Vec<Option<i32>> = clientele::schema::webhook_attempts::table
        .order(clientele::schema::webhook_attempts::id)
        .select(clientele::schema::webhook_attempts::status_code)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(codes.iter().filter(|c| **c == Some(503)).count(), 1);
    assert_eq!(codes.len(), 6);
}

#[actix_web::test]
async fn two_senders_at_once_never_send_a_delivery_twice() {
    // The app's own sender looks once at start and then not for an hour.
    let app = spawn_app_with(&[("WEBHOOK_POLL_MILLISECONDS", "3600000")], |_| {}).await;
    let receiver = Receiver::start(Duration::from_millis(15));
    endpoint(
        &app,
        &format!("{}/both", receiver.base),
        &["customer.created"],
    );
    for i in 0..30 {
        app.create_customer(&format!("Twice {i} GmbH"), None);
    }
    let settings = WebhookSettings {
        max_attempts: 5,
        retry_delay: Duration::from_secs(60),
        poll: Duration::from_secs(60),
        timeout: Duration::from_secs(10),
    };
    let run = |pool: clientele::db::DbPool| async move {
        let sender = WebhookSender::new(settings, false);
        let mut sent = 0;
        while sender.send_one(&pool).await.unwrap() {
            sent += 1;
        }
        sent
    };
    let (a, b) = futures_util::future::join(run(app.pool.clone()), run(app.pool.clone())).await;
    assert_eq!(a + b, 30);
    assert!(a > 0 && b > 0, "both sent some: {a} and {b}");
    let got = receiver.got("/both");
    let ids: std::collections::HashSet<&str> = got.iter().map(|r| r.header("webhook-id")).collect();
    assert_eq!((got.len(), ids.len()), (30, 30), "each once");
    assert!(
        deliveries(&app)
            .iter()
            .all(|d| d.1 == "delivered" && d.2 == 1)
    );
}

#[actix_web::test]
async fn a_change_rolled_back_sends_nothing() {
    let app = app("8").await;
    let receiver = Receiver::start(Duration::ZERO);
    endpoint(
        &app,
        &format!("{}/tx", receiver.base),
        &["customer.created", "order.placed"],
    );
    let s = shop(&app, "Committed GmbH");
    let rolled_back = app.conn().transaction::<(), _, _>(|conn| {
        diesel::sql_query("INSERT INTO customers (legal_name) VALUES ('Never GmbH')")
            .execute(conn)?;
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(rolled_back.is_err());
    // An order the rules refuse is rolled back whole: no order, no event.
    let refused = place(&app, &checkout(&s, 1_000_000, PaymentMethod::Invoice));
    assert!(refused.is_err());
    let got = receiver.wait_for("/tx", 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let events: Vec<String> = receiver
        .got("/tx")
        .iter()
        .map(|r| r.json()["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(events, ["customer.created"], "{got:?}");
    assert_eq!(deliveries(&app).len(), 1);
}

#[actix_web::test]
async fn every_event_is_written_where_its_change_is() {
    let app = spawn_app_with(&[("WEBHOOK_POLL_MILLISECONDS", "3600000")], |_| {}).await;
    endpoint(&app, "http://erp.example.com/hooks", &webhooks::EVENTS);
    let s = shop(&app, "Eventful GmbH");
    let order = place(&app, &checkout(&s, 1, PaymentMethod::Invoice)).unwrap();
    let mut conn = app.conn();
    let id = s.customer_id;
    for sql in [
        format!(
            "INSERT INTO customer_history (customer_id, customer_label, version, entity, action, field, old_value, new_value) VALUES ({id}, 'x', 1, 'customer', 'update', 'Phone', '1', '2'), ({id}, 'x', 1, 'customer', 'update', 'Email', 'a', 'b')"
        ),
        format!(
            "INSERT INTO customer_history (customer_id, customer_label, version, entity, action, field, old_value, new_value) VALUES ({id}, 'x', 1, 'relationship', 'update', 'Relationship', 'Active', 'Blocked')"
        ),
        format!("UPDATE customer_services SET status = 'inactive' WHERE customer_id = {id}"),
        format!(
            "INSERT INTO requests (customer_id, services, status) VALUES ({id}, ARRAY['orders'], 'open')"
        ),
        format!(
            "UPDATE requests SET status = 'approved', decided_at = now() WHERE customer_id = {id}"
        ),
        format!(
            "INSERT INTO order_events (order_id, kind, actor_name) VALUES ({0}, 'shipped', 'x'), ({0}, 'cancelled', 'x')",
            order.id
        ),
        format!(
            "INSERT INTO ledger_entries (customer_id, kind, number, posted_on, due_on, currency, amount_cents, posted_by_name, method) VALUES ({id}, 'invoice', 'INV-T1', current_date, current_date + 30, 'EUR', 100, 'x', NULL), ({id}, 'payment', 'PAY-T1', current_date, NULL, 'EUR', -100, 'x', 'bank_transfer')"
        ),
    ] {
        diesel::sql_query(sql).execute(&mut conn).unwrap();
    }
    let mut events: Vec<String> = deliveries(&app).into_iter().map(|d| d.0).collect();
    events.sort();
    // Ordering was set active when the shop was made, and made inactive above: two changes.
    let mut all: Vec<String> = webhooks::EVENTS.iter().map(|e| e.to_string()).collect();
    all.push("service.changed".into());
    all.sort();
    assert_eq!(events, all, "each event once for each change");
    let body: String = webhook_deliveries::table
        .filter(webhook_deliveries::event.eq("customer.updated"))
        .select(webhook_deliveries::body)
        .first(&mut conn)
        .unwrap();
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        body["data"]["fields"],
        serde_json::json!(["Email", "Phone"])
    );
    let placed: String = webhook_deliveries::table
        .filter(webhook_deliveries::event.eq("order.placed"))
        .select(webhook_deliveries::body)
        .first(&mut conn)
        .unwrap();
    let placed: Value = serde_json::from_str(&placed).unwrap();
    assert_eq!(placed["data"]["order"]["number"], order.number.as_str());
    assert_eq!(placed["data"]["customer"]["id"], id);
}

#[actix_web::test]
async fn where_production_says_so_internal_addresses_are_refused_when_saved_and_when_sent() {
    let form = EndpointForm {
        url: "http://127.0.0.1:9/hooks".into(),
        events: vec!["order.placed".into()],
        ..EndpointForm::default()
    };
    assert!(
        form.check(false).is_empty(),
        "allowed on a developer's machine"
    );
    let errors = form.check(true);
    assert!(errors.has("url"));
    for url in [
        "http://localhost/x",
        "http://10.0.0.7/x",
        "http://169.254.169.254/latest",
    ] {
        let form = EndpointForm {
            url: url.into(),
            ..form.clone()
        };
        assert!(form.check(true).has("url"), "{url}");
    }

    // An endpoint saved before (or a name that now resolves inside): refused when sent.
    let app = spawn_app_with(&[("WEBHOOK_POLL_MILLISECONDS", "3600000")], |_| {}).await;
    let receiver = Receiver::start(Duration::ZERO);
    endpoint(
        &app,
        &format!("{}/inside", receiver.base),
        &["customer.created"],
    );
    app.create_customer("Inside GmbH", None);
    let settings = WebhookSettings {
        max_attempts: 1,
        retry_delay: Duration::from_secs(60),
        poll: Duration::from_secs(60),
        timeout: Duration::from_secs(5),
    };
    let production = WebhookSender::new(settings, true);
    assert!(production.send_one(&app.pool).await.unwrap());
    assert!(receiver.got("/inside").is_empty());
    let (status, error): (String, Option<String>) = webhook_deliveries::table
        .select((webhook_deliveries::status, webhook_deliveries::last_error))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(status, "failed");
    assert!(error.unwrap().contains("private network"));
}

/// Only administrators manage webhooks.
#[actix_web::test]
async fn staff_who_are_not_administrators_do_not_reach_webhooks() {
    let app = app("8").await;
    app.create_staff("clerk@vendor.test", PASSWORD, &[Role::Staff]);
    let clerk: TestClient = app.new_client();
    clerk.sign_in("clerk@vendor.test", PASSWORD).await;
    assert_eq!(
        clerk.get("/admin/webhooks").await.status,
        StatusCode::FORBIDDEN
    );
}
