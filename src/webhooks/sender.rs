//! The webhook sender: any number of them may run, in any number of instances. Each takes one
//! due delivery at a time with a claim of its own (a token, leased for well beyond the request's
//! timeout, taken with `SKIP LOCKED`), so no delivery is sent by two at once; the outcome is
//! written only while the claim is still its own. A sender that dies mid-send leaves a claim
//! that runs out, and the delivery is sent again (at least once, never lost).
//!
//! A 2xx answer delivers it; anything else (another status, no answer in time, an address that
//! is refused) is retried after the first delay, doubling each time up to six hours, until the
//! last attempt marks it failed. Each attempt is in the endpoint's log with its status code.

use super::{address, signature};
use crate::{config::WebhookSettings, db::DbPool, error::AppError};
use diesel::{
    prelude::*,
    sql_types::{BigInt, Int4, Nullable, Text},
};
use std::time::{Duration, Instant};

/// How long a claim holds: far beyond the request's timeout.
const LEASE_SECONDS: i64 = 300;
/// The longest wait between two attempts.
const MAX_DELAY: Duration = Duration::from_secs(6 * 3600);
/// The most of an answer's body kept as the attempt's error.
const ERROR_MAX: usize = 500;

/// A delivery claimed: what to send where.
#[derive(QueryableByName, Debug)]
struct Claimed {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    event_id: String,
    #[diesel(sql_type = Text)]
    body: String,
    #[diesel(sql_type = Int4)]
    attempts: i32,
    #[diesel(sql_type = Text)]
    url: String,
    #[diesel(sql_type = Text)]
    secret: String,
}

/// What an attempt came to: the answer's status code, if any, and what went wrong, if anything.
#[derive(Debug)]
struct Outcome {
    status_code: Option<i32>,
    error: Option<String>,
    millis: i32,
}

#[derive(Clone)]
pub struct WebhookSender {
    settings: WebhookSettings,
    /// Internal addresses are refused (production).
    private_refused: bool,
}

impl WebhookSender {
    pub fn new(settings: WebhookSettings, private_refused: bool) -> WebhookSender {
        WebhookSender {
            settings,
            private_refused,
        }
    }

    /// Runs for as long as the server does: sends what is due, one after another, and looks
    /// again after the poll interval when nothing is.
    pub fn spawn(self, pool: DbPool) {
        let sent = |r: Result<bool, AppError>| r.unwrap_or_else(|e| !log_failure(&e));
        actix_web::rt::spawn(async move {
            loop {
                // Everything that is due, one after another; then a rest.
                while sent(self.send_one(&pool).await) {}
                actix_web::rt::time::sleep(self.settings.poll).await;
            }
        });
    }

    /// Claims one due delivery and makes one attempt; false when none was due.
    pub async fn send_one(&self, pool: &DbPool) -> Result<bool, AppError> {
        let token = crate::domain::token::random_hex(16);
        let claim_token = token.clone();
        let claimed = crate::db::run(pool, move |conn| Ok(claim(conn, &claim_token)?)).await?;
        let Some(delivery) = claimed else {
            return Ok(false);
        };
        let outcome = self.attempt(&delivery).await;
        if let Some(e) = &outcome.error {
            log::warn!(
                "webhooks: delivery {}, attempt {}: {e}",
                delivery.id,
                delivery.attempts
            );
        }
        let (max, delay) = (
            self.settings.max_attempts as i32,
            self.delay_after(delivery.attempts),
        );
        let (id, attempts) = (delivery.id, delivery.attempts);
        crate::db::run(pool, move |conn| {
            Ok(record(conn, (id, &token), outcome, attempts >= max, delay)?)
        })
        .await?;
        Ok(true)
    }

    /// The wait after `attempts` failed attempts: the first delay, doubling, at most 6 hours.
    pub fn delay_after(&self, attempts: i32) -> Duration {
        let doublings = (attempts.max(1) - 1).min(20) as u32;
        self.settings
            .retry_delay
            .saturating_mul(2u32.saturating_pow(doublings))
            .min(MAX_DELAY)
    }

    /// One POST of the delivery's body, signed now.
    async fn attempt(&self, d: &Claimed) -> Outcome {
        let started = Instant::now();
        let millis = |started: Instant| started.elapsed().as_millis().min(i32::MAX as u128) as i32;
        if let Err(why) = self.allowed(&d.url).await {
            return Outcome {
                status_code: None,
                error: Some(why),
                millis: 0,
            };
        }
        let timestamp = chrono::Utc::now().timestamp();
        let signed = signature(&d.secret, &d.event_id, timestamp, d.body.as_bytes());
        let client = awc::Client::builder()
            .disable_redirects()
            .timeout(self.settings.timeout)
            .finish();
        let sent = client
            .post(&d.url)
            .insert_header(("content-type", "application/json"))
            .insert_header(("user-agent", "Clientele-Webhooks/1"))
            .insert_header(("webhook-id", d.event_id.as_str()))
            .insert_header(("webhook-timestamp", timestamp.to_string()))
            .insert_header(("webhook-signature", signed))
            .send_body(d.body.clone())
            .await;
        match sent {
            Ok(mut res) => {
                let status = res.status();
                let error = match status.is_success() {
                    true => None,
                    false => {
                        let body = res.body().limit(64 * 1024).await.unwrap_or_default();
                        let text = String::from_utf8_lossy(&body);
                        Some(format!("HTTP {}: {}", status.as_u16(), clip(&text)))
                    }
                };
                Outcome {
                    status_code: Some(status.as_u16() as i32),
                    error,
                    millis: millis(started),
                }
            }
            Err(e) => Outcome {
                status_code: None,
                error: Some(clip(&e.to_string())),
                millis: millis(started),
            },
        }
    }

    /// Nothing, when the URL may be posted to now; else why not (in English, for the log).
    async fn allowed(&self, url: &str) -> Result<(), String> {
        if !self.private_refused {
            return Ok(());
        }
        let url = url.to_string();
        let checked = actix_web::web::block(move || {
            let (host, port) = address::host_port(&url)?;
            address::reachable(&host, port)
        })
        .await
        .map_err(|e| e.to_string())?;
        checked.map_err(|m| crate::i18n::L10n::english().msg(&m))
    }
}

/// Logs a round that failed (the database was away); true.
fn log_failure(e: &AppError) -> bool {
    log::warn!("webhooks: {e}");
    true
}

fn clip(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(ERROR_MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Claims the next due delivery of an active endpoint, as `token`: one waiting whose time has
/// come, or one whose sender's claim ran out. The claim counts as an attempt.
fn claim(conn: &mut PgConnection, token: &str) -> QueryResult<Option<Claimed>> {
    diesel::sql_query(format!(
        "UPDATE webhook_deliveries d
            SET status = 'sending', claim = $1, attempts = d.attempts + 1,
                lease_until = now() + interval '{LEASE_SECONDS} seconds'
           FROM webhook_endpoints w
          WHERE d.id = (SELECT q.id FROM webhook_deliveries q
                          JOIN webhook_endpoints e ON e.id = q.endpoint_id AND e.active
                         WHERE (q.status = 'pending' AND q.next_attempt_at <= now())
                            OR (q.status = 'sending' AND q.lease_until < now())
                         ORDER BY q.next_attempt_at, q.id
                         LIMIT 1
                           FOR UPDATE OF q SKIP LOCKED)
            AND w.id = d.endpoint_id
      RETURNING d.id, d.event_id, d.body, d.attempts, w.url, w.secret"
    ))
    .bind::<Text, _>(token)
    .get_result(conn)
    .optional()
}

/// Writes an attempt's outcome, if the claim is still `token`'s: delivered, failed for good
/// (`last`), or due again after `delay`.
fn record(
    conn: &mut PgConnection,
    (id, token): (i64, &str),
    outcome: Outcome,
    last: bool,
    delay: Duration,
) -> QueryResult<()> {
    conn.transaction(|conn| {
        let status = match (&outcome.error, last) {
            (None, _) => "delivered",
            (Some(_), true) => "failed",
            (Some(_), false) => "pending",
        };
        let updated = diesel::sql_query(
            "UPDATE webhook_deliveries
                SET status = $3, claim = NULL, lease_until = NULL,
                    last_status_code = $4, last_error = $5,
                    delivered_at = CASE WHEN $3 = 'delivered' THEN now() END,
                    next_attempt_at = now() + make_interval(secs => $6)
              WHERE id = $1 AND claim = $2",
        )
        .bind::<BigInt, _>(id)
        .bind::<Text, _>(token)
        .bind::<Text, _>(status)
        .bind::<Nullable<Int4>, _>(outcome.status_code)
        .bind::<Nullable<Text>, _>(&outcome.error)
        .bind::<diesel::sql_types::Double, _>(delay.as_secs_f64())
        .execute(conn)?;
        if updated == 1 {
            use crate::schema::webhook_attempts as a;
            diesel::insert_into(a::table)
                .values((
                    a::delivery_id.eq(id),
                    a::status_code.eq(outcome.status_code),
                    a::error.eq(&outcome.error),
                    a::millis.eq(outcome.millis),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}
