//! The background sender: claims due messages from the outbox, delivers each over SMTP, and
//! records the outcome. A claim is a lease: a message whose sender died mid-send (the portal
//! was stopped) becomes due again when its lease runs out, so nothing is lost; the price is
//! that such a message may be delivered twice, never zero times. Failed attempts are retried
//! with a doubling delay; after `max_attempts`, or at once when the server refuses the message
//! for good (a 5xx reply, an address that is not one), it is marked failed for an
//! administrator to see and retry at `/admin/outbox`.

use super::{OutboxMessage, OutboxStatus};
use crate::{db::DbPool, schema::outbox};
use diesel::{
    dsl::{now, sql},
    prelude::*,
    sql_types::{Nullable, Timestamptz},
};
use lettre::{
    Message, SmtpTransport, Transport,
    message::{Attachment, Mailbox, MultiPart, header::ContentType},
};
use std::time::Duration;

/// How many messages one round claims.
const BATCH: i64 = 20;
/// How long a claim lasts: well beyond the SMTP timeout.
const LEASE: &str = "5 minutes";
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest wait between two attempts.
const MAX_DELAY: Duration = Duration::from_secs(6 * 3600);

#[derive(Clone)]
pub struct Sender {
    transport: SmtpTransport,
    from: Mailbox,
    max_attempts: i32,
    first_delay: Duration,
    poll: Duration,
}

#[derive(Debug)]
pub struct SenderError(pub String);

impl std::fmt::Display for SenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SenderError {}

/// The MAIL_FROM setting as a mailbox, or a message saying what is wrong with it.
pub fn parse_from(from: &str) -> Result<Mailbox, SenderError> {
    from.parse()
        .map_err(|e| SenderError(format!("MAIL_FROM `{from}` is not an address: {e}")))
}

impl Sender {
    /// A sender for SMTP_URL: `smtp://host:25` (plain), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS), `smtps://user:pass@host:465` (TLS from the start).
    pub fn new(
        smtp_url: &str,
        from: &str,
        max_attempts: u32,
        first_delay: Duration,
        poll: Duration,
    ) -> Result<Sender, SenderError> {
        let transport = SmtpTransport::from_url(smtp_url)
            .map_err(|e| SenderError(format!("SMTP_URL is not usable: {e}")))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Sender {
            transport,
            from: parse_from(from)?,
            max_attempts: max_attempts.max(1) as i32,
            first_delay,
            poll,
        })
    }

    /// Runs for as long as the server does.
    pub fn spawn(self, pool: DbPool) {
        actix_web::rt::spawn(async move {
            loop {
                match self.round(&pool).await {
                    // A full batch: there may be more due at once.
                    Ok(n) if n as i64 == BATCH => continue,
                    Ok(_) => {}
                    Err(e) => log::warn!("outbox: {e}"),
                }
                actix_web::rt::time::sleep(self.poll).await;
            }
        });
    }

    /// Claims what is due and tries each once. Returns how many were claimed.
    pub async fn round(&self, pool: &DbPool) -> Result<usize, crate::error::AppError> {
        let claimed = crate::db::transaction(pool, |conn| Ok(claim(conn)?)).await?;
        let n = claimed.len();
        self.send_claimed(pool, claimed).await?;
        Ok(n)
    }

    /// Tries each message this sender claimed once, one after another; one whose claim is no
    /// longer its own by the time its turn comes is left alone.
    pub async fn send_claimed(
        &self,
        pool: &DbPool,
        claimed: Vec<OutboxMessage>,
    ) -> Result<(), crate::error::AppError> {
        for message in claimed {
            let id = message.id;
            let attempts = message.attempts;
            // The batch's lease may have run out while the messages before were sent, and
            // another sender may have claimed this one since: renew it first, or leave it.
            if !crate::db::run(pool, move |conn| Ok(renew(conn, id, attempts)?)).await? {
                log::info!("outbox: message {id} is no longer this sender's claim; left to it");
                continue;
            }
            let outcome = self.deliver(message).await;
            if let Err(e) = &outcome {
                log::warn!("outbox: message {id}, attempt {attempts}: {}", e.text);
            }
            let (max, delay) = (self.max_attempts, self.delay_after(attempts));
            crate::db::run(pool, move |conn| {
                Ok(record(conn, id, attempts, outcome, max, delay)?)
            })
            .await?;
        }
        Ok(())
    }

    /// The wait before the next attempt after `attempts` failed ones: the first delay,
    /// doubling each time, at most six hours.
    pub fn delay_after(&self, attempts: i32) -> Duration {
        let doublings = (attempts.max(1) - 1).min(20) as u32;
        self.first_delay
            .saturating_mul(2u32.saturating_pow(doublings))
            .min(MAX_DELAY)
    }

    async fn deliver(&self, m: OutboxMessage) -> Result<(), Failure> {
        let email = build(&m, &self.from)?;
        let transport = self.transport.clone();
        match actix_web::web::block(move || transport.send(&email)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(Failure {
                permanent: e.is_permanent(),
                text: e.to_string(),
            }),
            Err(e) => Err(Failure {
                permanent: false,
                text: format!("the sending thread failed: {e}"),
            }),
        }
    }
}

#[derive(Debug)]
pub struct Failure {
    /// Retrying cannot help (the server said no for good, or the address is not one).
    permanent: bool,
    text: String,
}

/// The message as it goes on the wire: plain text and HTML alternatives, a Message-ID of our
/// own (the same on every attempt, so a receiving server can recognise a repeat).
pub fn build(m: &OutboxMessage, from: &Mailbox) -> Result<Message, Failure> {
    let permanent = |text: String| Failure {
        permanent: true,
        text,
    };
    let address = m
        .to_address
        .parse()
        .map_err(|_| permanent(format!("`{}` is not an email address", m.to_address)))?;
    let to = Mailbox::new(m.to_name.as_deref().map(super::one_line), address);
    let domain = from.email.domain().to_string();
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(super::one_line(&m.subject))
        .message_id(Some(format!(
            "<outbox-{}.{}@{domain}>",
            m.id,
            m.created_at.timestamp()
        )))
        .multipart(with_attachment(m))
        .map_err(|e| permanent(format!("the message could not be built: {e}")))
}

/// The plain text and HTML alternatives, and beside them the message's PDF when it has one.
fn with_attachment(m: &OutboxMessage) -> MultiPart {
    let bodies = MultiPart::alternative_plain_html(m.body_text.clone(), m.body_html.clone());
    let (Some(name), Some(bytes)) = (&m.attachment_name, &m.attachment) else {
        return bodies;
    };
    let pdf = ContentType::parse("application/pdf").expect("a content type");
    let file = Attachment::new(name.clone()).body(bytes.clone(), pdf);
    MultiPart::mixed().multipart(bodies).singlepart(file)
}

/// Renews the lease of message `id` just before it is sent, if it is still the claim that
/// counted `attempts` and that claim has not run out; false when it is not (another sender has
/// it, or may take it at any moment): then it must not be sent.
pub fn renew(conn: &mut PgConnection, id: i64, attempts: i32) -> QueryResult<bool> {
    let renewed = diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::status.eq(OutboxStatus::Sending))
            .filter(outbox::attempts.eq(attempts))
            .filter(outbox::lease_until.gt(sql::<Nullable<Timestamptz>>("now()"))),
    )
    .set(
        outbox::lease_until.eq(sql::<Nullable<Timestamptz>>(&format!(
            "now() + interval '{LEASE}'"
        ))),
    )
    .execute(conn)?;
    Ok(renewed == 1)
}

/// Claims up to BATCH due messages: waiting ones whose time has come, and those claimed by a
/// sender whose lease ran out. Each claim counts as an attempt.
pub fn claim(conn: &mut PgConnection) -> QueryResult<Vec<OutboxMessage>> {
    let due = outbox::status
        .eq(OutboxStatus::Pending)
        .and(outbox::next_attempt_at.le(now))
        .or(outbox::status
            .eq(OutboxStatus::Sending)
            .and(outbox::lease_until.lt(sql::<Nullable<Timestamptz>>("now()"))));
    let ids: Vec<i64> = outbox::table
        .filter(due)
        .order((outbox::next_attempt_at, outbox::id))
        .limit(BATCH)
        .for_update()
        .skip_locked()
        .select(outbox::id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
        .set((
            outbox::status.eq(OutboxStatus::Sending),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::lease_until.eq(sql::<Nullable<Timestamptz>>(&format!(
                "now() + interval '{LEASE}'"
            ))),
        ))
        .returning(OutboxMessage::as_returning())
        .get_results(conn)
}

/// Records how an attempt went, if the message is still ours (claimed and not since retried).
fn record(
    conn: &mut PgConnection,
    id: i64,
    attempts: i32,
    outcome: Result<(), Failure>,
    max_attempts: i32,
    delay: Duration,
) -> QueryResult<()> {
    let ours = outbox::table
        .find(id)
        .filter(outbox::status.eq(OutboxStatus::Sending))
        .filter(outbox::attempts.eq(attempts));
    match outcome {
        Ok(()) => {
            diesel::update(ours)
                .set((
                    outbox::status.eq(OutboxStatus::Sent),
                    outbox::sent_at.eq(sql::<Nullable<Timestamptz>>("now()")),
                    outbox::lease_until.eq(None::<chrono::DateTime<chrono::Utc>>),
                    outbox::last_error.eq(None::<String>),
                ))
                .execute(conn)?;
            // A single-use link has no business lying around once it is delivered.
            diesel::update(outbox::table.find(id).filter(outbox::sensitive.eq(true)))
                .set((
                    outbox::body_text.eq(REMOVED),
                    outbox::body_html.eq(format!("<p>{REMOVED}</p>")),
                ))
                .execute(conn)?;
        }
        Err(f) => {
            let give_up = f.permanent || attempts >= max_attempts;
            let error: String = f.text.chars().take(1000).collect();
            if give_up {
                diesel::update(ours)
                    .set((
                        outbox::status.eq(OutboxStatus::Failed),
                        outbox::lease_until.eq(None::<chrono::DateTime<chrono::Utc>>),
                        outbox::last_error.eq(error),
                    ))
                    .execute(conn)?;
            } else {
                diesel::update(ours)
                    .set((
                        outbox::status.eq(OutboxStatus::Pending),
                        outbox::lease_until.eq(None::<chrono::DateTime<chrono::Utc>>),
                        outbox::last_error.eq(error),
                        outbox::next_attempt_at.eq(sql::<Timestamptz>(&format!(
                            "now() + interval '{} seconds'",
                            delay.as_secs().max(1)
                        ))),
                    ))
                    .execute(conn)?;
            }
        }
    }
    Ok(())
}

/// What a sensitive message's bodies say once it has been delivered.
pub const REMOVED: &str = "(Removed once delivered: this message held a single-use link that only its recipient may see.)";

#[cfg(test)]
mod tests {
    use super::*;

    /// A sender of five attempts, the first retry after 30 seconds.
    fn sender(smtp_url: &str, from: &str) -> Result<Sender, SenderError> {
        let (first_delay, poll) = (Duration::from_secs(30), Duration::from_secs(1));
        Sender::new(smtp_url, from, 5, first_delay, poll)
    }

    #[test]
    fn the_delay_doubles_and_has_a_ceiling() {
        let s = sender("smtp://127.0.0.1:2525", "Clientele <no-reply@example.com>").unwrap();
        assert_eq!(s.delay_after(1), Duration::from_secs(30));
        assert_eq!(s.delay_after(2), Duration::from_secs(60));
        assert_eq!(s.delay_after(4), Duration::from_secs(240));
        assert_eq!(s.delay_after(30), MAX_DELAY);
    }

    #[test]
    fn settings_that_cannot_work_are_refused_with_their_name() {
        let bad_url = sender("http://x", "a@b.c");
        assert!(bad_url.err().unwrap().0.contains("SMTP_URL"));
        assert!(
            parse_from("not an address")
                .unwrap_err()
                .0
                .contains("MAIL_FROM")
        );
    }
}
