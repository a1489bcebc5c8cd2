//! Webhooks: the endpoints an administrator registers (Administration → Webhooks), the events
//! each takes, and the log of their deliveries.
//!
//! An event's deliveries are written by database triggers on the tables the change itself is
//! written to (customers, the customer's history, its services, requests, the order timeline,
//! the ledger; see the `webhooks` migration), so they commit with the change or not at all, as
//! the outbox's email does. [`sender`] posts them.
//!
//! Each delivery is signed as the Standard Webhooks convention has it: the headers
//! `webhook-id` (the event's id, the same on every attempt: the receiver's key for dropping a
//! repeat), `webhook-timestamp` (seconds since 1970) and `webhook-signature`
//! (`v1,<base64 of HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`), where the key is what the
//! endpoint's secret (`whsec_<base64>`) decodes to and the body is the exact bytes sent.

pub mod address;
pub mod sender;

use crate::domain::forms::FormErrors;
use crate::i18n::Msg;
use crate::schema::{webhook_attempts, webhook_deliveries, webhook_endpoints};
use base64::{Engine, engine::general_purpose::STANDARD};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hmac::{Hmac, Mac};

/// The events an endpoint may take.
pub const EVENTS: [&str; 11] = [
    "customer.created",
    "customer.updated",
    "relationship.changed",
    "service.changed",
    "request.created",
    "request.decided",
    "order.placed",
    "order.cancelled",
    "order.shipped",
    "invoice.posted",
    "payment.recorded",
];

/// The longest URL an endpoint may have.
pub const URL_MAX: usize = 2000;

/// An endpoint as its page shows it (its secret is shown once, when it is made).
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = webhook_endpoints, check_for_backend(diesel::pg::Pg))]
pub struct Endpoint {
    pub id: i64,
    pub url: String,
    pub description: String,
    #[diesel(select_expression = webhook_endpoints::events)]
    pub events: Vec<Option<String>>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

impl Endpoint {
    pub fn takes(&self, event: &str) -> bool {
        self.events.iter().flatten().any(|e| e == event)
    }

    pub fn all(conn: &mut PgConnection) -> QueryResult<Vec<Endpoint>> {
        webhook_endpoints::table
            .order(webhook_endpoints::id)
            .select(Endpoint::as_select())
            .load(conn)
    }

    pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<Endpoint> {
        webhook_endpoints::table
            .find(id)
            .select(Endpoint::as_select())
            .first(conn)
    }
}

/// What the endpoint form sends.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct EndpointForm {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub events: Vec<String>,
    /// "on" when ticked (the edit form only; a new endpoint is active).
    #[serde(default)]
    pub active: Option<String>,
}

impl EndpointForm {
    pub fn of(e: &Endpoint) -> EndpointForm {
        EndpointForm {
            url: e.url.clone(),
            description: e.description.clone(),
            events: e.events.iter().flatten().cloned().collect(),
            active: e.active.then(|| "on".to_string()),
        }
    }

    /// The form's messages, beside its fields: a URL that is not http(s) or, where private
    /// addresses are refused (`private_refused`), one on loopback or a private network; no
    /// event ticked, or one that is not known.
    pub fn check(&self, private_refused: bool) -> FormErrors {
        let mut errors = FormErrors::new();
        let url = self.url.trim();
        if let Err(why) = address::check_url(url, private_refused) {
            errors.add("url", why);
        }
        if self.description.trim().chars().count() > 200 {
            errors.add(
                "description",
                Msg::new("admin-webhook-description-too-long"),
            );
        }
        if self.events.is_empty() || self.events.iter().any(|e| !EVENTS.contains(&e.as_str())) {
            errors.add("events", Msg::new("admin-webhook-events-missing"));
        }
        errors
    }
}

/// A new secret: `whsec_` and the base64 of 24 random bytes.
fn new_secret() -> String {
    let mut key = [0u8; 24];
    getrandom::fill(&mut key).expect("the system's random numbers");
    format!("whsec_{}", STANDARD.encode(key))
}

/// Makes an endpoint (checked already), and answers it with its secret, shown once.
pub fn create(
    conn: &mut PgConnection,
    form: &EndpointForm,
    staff_id: i64,
) -> QueryResult<(Endpoint, String)> {
    let secret = new_secret();
    let endpoint = diesel::insert_into(webhook_endpoints::table)
        .values((
            webhook_endpoints::url.eq(form.url.trim()),
            webhook_endpoints::description.eq(form.description.trim()),
            webhook_endpoints::secret.eq(&secret),
            webhook_endpoints::events.eq(&form.events),
            webhook_endpoints::created_by.eq(staff_id),
        ))
        .returning(Endpoint::as_returning())
        .get_result(conn)?;
    Ok((endpoint, secret))
}

/// Changes an endpoint's URL, description, events and whether it is active (checked already).
pub fn update(conn: &mut PgConnection, id: i64, form: &EndpointForm) -> QueryResult<Endpoint> {
    diesel::update(webhook_endpoints::table.find(id))
        .set((
            webhook_endpoints::url.eq(form.url.trim()),
            webhook_endpoints::description.eq(form.description.trim()),
            webhook_endpoints::events.eq(&form.events),
            webhook_endpoints::active.eq(form.active.is_some()),
            webhook_endpoints::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Endpoint::as_returning())
        .get_result(conn)
}

/// Deletes an endpoint and its deliveries; its URL, or None when there was none.
pub fn delete(conn: &mut PgConnection, id: i64) -> QueryResult<Option<String>> {
    diesel::delete(webhook_endpoints::table.find(id))
        .returning(webhook_endpoints::url)
        .get_result(conn)
        .optional()
}

/// A delivery as the endpoint's log lists it.
#[derive(Clone, Debug, Queryable)]
pub struct Delivery {
    pub id: i64,
    /// The event, and its id.
    pub event: (String, String),
    pub status: String,
    pub attempts: i32,
    pub last_status_code: Option<i32>,
    /// When the event happened, and when the next attempt is due.
    pub times: (DateTime<Utc>, DateTime<Utc>),
}

impl Delivery {
    /// Whether it may be sent again by hand: it is not being sent now.
    pub fn redeliverable(&self) -> bool {
        self.status != "sending"
    }
}

/// The most deliveries an endpoint's log lists.
pub const LOG_SIZE: i64 = 100;

/// The endpoint's latest deliveries, newest first.
pub fn deliveries(conn: &mut PgConnection, endpoint_id: i64) -> QueryResult<Vec<Delivery>> {
    use webhook_deliveries as d;
    d::table
        .filter(d::endpoint_id.eq(endpoint_id))
        .order(d::id.desc())
        .limit(LOG_SIZE)
        .select((
            d::id,
            (d::event, d::event_id),
            d::status,
            d::attempts,
            d::last_status_code,
            (d::created_at, d::next_attempt_at),
        ))
        .load(conn)
}

/// One attempt of a delivery.
#[derive(Clone, Debug, Queryable)]
pub struct Attempt {
    pub delivery_id: i64,
    pub at: DateTime<Utc>,
    /// The answer's status code (none without an answer), and what went wrong.
    pub outcome: (Option<i32>, Option<String>),
    pub millis: i32,
}

/// The attempts of the given deliveries, oldest first.
pub fn attempts(conn: &mut PgConnection, delivery_ids: &[i64]) -> QueryResult<Vec<Attempt>> {
    use webhook_attempts as a;
    a::table
        .filter(a::delivery_id.eq_any(delivery_ids))
        .order(a::id)
        .select((a::delivery_id, a::at, (a::status_code, a::error), a::millis))
        .load(conn)
}

/// Sends a delivery of endpoint `endpoint_id` again, as soon as the sender looks: its event
/// id stays, so a receiver that has it already can tell. False when there is no such delivery
/// or it is being sent right now.
pub fn redeliver(conn: &mut PgConnection, endpoint_id: i64, id: i64) -> QueryResult<bool> {
    use webhook_deliveries as d;
    let n = diesel::update(
        d::table
            .filter(d::id.eq(id))
            .filter(d::endpoint_id.eq(endpoint_id))
            .filter(d::status.ne("sending")),
    )
    .set((
        d::status.eq("pending"),
        d::next_attempt_at.eq(diesel::dsl::now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The `webhook-signature` of `body` sent as event `id` at `timestamp` with `secret`:
/// `v1,` and the base64 of HMAC-SHA256 over `<id>.<timestamp>.<body>`.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> String {
    let key = secret.strip_prefix("whsec_").unwrap_or(secret);
    let key = STANDARD
        .decode(key)
        .unwrap_or_else(|_| key.as_bytes().to_vec());
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(&key).expect("HMAC takes a key of any length");
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_standard_webhooks_one() {
        // The example of the Standard Webhooks specification.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn a_new_secret_is_24_random_bytes() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        let key = STANDARD.decode(a.strip_prefix("whsec_").unwrap()).unwrap();
        assert_eq!(key.len(), 24);
    }
}
