//! Email that is never lost. A message is written to the `outbox` table in the same transaction
//! as the change that causes it (`enqueue`), so it exists exactly when the change does; the
//! background sender (`sender`) delivers it over SMTP with retries, and `/admin/outbox` shows
//! every message, its attempts and its last error. Without SMTP_URL (local mode) nothing is
//! sent and the messages stay readable there.

pub mod messages;
pub mod sender;

use crate::{
    i18n::{L10n, Lang, Zone},
    schema::outbox,
    text_enum,
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// Writes the vendor's language and time zone (`DEFAULT_LOCALE`, `TIME_ZONE`) where the
/// models that compose emails read them (`reader`), and its name and address
/// (`VENDOR_NAME`, `VENDOR_ADDRESS`) where invoices and statements do: its database, so that
/// each portal (and each test's) keeps its own, with no state shared across a process.
pub fn set_defaults(conn: &mut PgConnection, config: &crate::config::Config) -> QueryResult<()> {
    use crate::schema::vendor_settings::dsl as v;
    let (lang, zone) = (&config.default_locale, config.time_zone);
    let values = (
        v::default_locale.eq(lang.code()),
        v::time_zone.eq(zone.name()),
        v::vendor_name.eq(&config.vendor_name),
        v::vendor_address.eq(&config.vendor_address),
        v::reminder_days.eq(config.reminder_days.to_vec()),
        v::hold_overdue_days.eq(config.hold_overdue.0),
        v::hold_overdue_cents.eq(config.hold_overdue.1),
        v::api_requests_per_minute.eq(config.api_requests_per_minute),
    );
    diesel::insert_into(v::vendor_settings)
        .values((v::only_row.eq(true), values.clone()))
        .on_conflict(v::only_row)
        .do_update()
        .set(values)
        .execute(conn)?;
    Ok(())
}

/// The language and time zone to write to someone in: the language they chose, else the one
/// `otherwise` gives (their customer's), else the vendor's; their zone, else the vendor's (as
/// the portal wrote them at start; English in UTC before it ever did).
pub fn reader(
    conn: &mut PgConnection,
    language: Option<&str>,
    time_zone: Option<&str>,
    otherwise: Option<Lang>,
) -> QueryResult<L10n> {
    use crate::schema::vendor_settings::dsl as v;
    let vendor: Option<(String, String)> = v::vendor_settings
        .select((v::default_locale, v::time_zone))
        .first(conn)
        .optional()?;
    let (vendor_locale, vendor_zone) = vendor.unzip();
    Ok(reader_of(
        (language, time_zone, otherwise),
        (vendor_locale.as_deref(), vendor_zone.as_deref()),
    ))
}

/// [`reader`] from what it reads: the reader's choice (`language`, `time_zone`, else
/// `otherwise`) and the vendor's default locale and time zone.
pub fn reader_of(
    (language, time_zone, otherwise): (Option<&str>, Option<&str>, Option<Lang>),
    (vendor_locale, vendor_zone): (Option<&str>, Option<&str>),
) -> L10n {
    let lang = language
        .and_then(Lang::parse)
        .or(otherwise)
        .or(vendor_locale.and_then(Lang::parse))
        .unwrap_or_else(Lang::english);
    let zone = time_zone
        .and_then(Zone::parse)
        .or(vendor_zone.and_then(Zone::parse))
        .unwrap_or_else(Zone::utc);
    L10n::new(lang, zone)
}

text_enum!(
    OutboxStatus {
        Pending => ("pending", "Waiting"),
        Sending => ("sending", "Sending"),
        Sent => ("sent", "Sent"),
        Failed => ("failed", "Failed"),
    }
);

/// One message to one recipient, ready for the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub kind: &'static str,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub customer_id: Option<i64>,
    /// Holds a single-use link: its bodies are cleared once it is sent.
    pub sensitive: bool,
    /// A PDF it carries: a file name and the bytes.
    pub attachment: Option<(String, Vec<u8>)>,
}

/// A header value on one line: line breaks and other control characters become spaces, so a
/// name or subject built from what people typed can never start a header of its own.
pub fn one_line(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes messages to the outbox, in the caller's transaction. Each address gets one message
/// (the first of several to the same address, compared case-insensitively, wins).
pub fn enqueue(conn: &mut PgConnection, emails: &[Email]) -> QueryResult<usize> {
    let mut seen = std::collections::HashSet::new();
    let mut written = 0;
    for e in emails {
        let address = e.to_address.trim().to_string();
        if address.is_empty() || !seen.insert(address.to_lowercase()) {
            continue;
        }
        written += diesel::insert_into(outbox::table)
            .values((
                outbox::kind.eq(e.kind),
                outbox::to_address.eq(&address),
                outbox::to_name.eq(e.to_name.as_deref().map(one_line)),
                outbox::subject.eq(one_line(&e.subject)),
                outbox::body_text.eq(&e.text),
                outbox::body_html.eq(&e.html),
                outbox::customer_id.eq(e.customer_id),
                outbox::sensitive.eq(e.sensitive),
                outbox::attachment_name.eq(e.attachment.as_ref().map(|a| one_line(&a.0))),
                outbox::attachment.eq(e.attachment.as_ref().map(|a| &a.1)),
            ))
            .execute(conn)?;
    }
    Ok(written)
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = outbox, check_for_backend(diesel::pg::Pg))]
pub struct OutboxMessage {
    pub id: i64,
    pub kind: String,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub customer_id: Option<i64>,
    pub sensitive: bool,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub lease_until: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    /// A file it carries (an invoice or statement as PDF): its name and bytes.
    pub attachment_name: Option<String>,
    pub attachment: Option<Vec<u8>>,
}

/// What the outbox page lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutboxFilter {
    All,
    Waiting,
    Failed,
    Sent,
}

impl OutboxFilter {
    pub const ALL: [OutboxFilter; 4] = [
        OutboxFilter::All,
        OutboxFilter::Waiting,
        OutboxFilter::Failed,
        OutboxFilter::Sent,
    ];

    pub fn parse(s: Option<&str>) -> OutboxFilter {
        match s {
            Some("waiting") => OutboxFilter::Waiting,
            Some("failed") => OutboxFilter::Failed,
            Some("sent") => OutboxFilter::Sent,
            _ => OutboxFilter::All,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            OutboxFilter::All => "all",
            OutboxFilter::Waiting => "waiting",
            OutboxFilter::Failed => "failed",
            OutboxFilter::Sent => "sent",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            OutboxFilter::All => "All",
            OutboxFilter::Waiting => "Waiting",
            OutboxFilter::Failed => "Failed",
            OutboxFilter::Sent => "Sent",
        }
    }

    /// The label's message id, for the reader's language.
    pub fn label_id(&self) -> &'static str {
        match self {
            OutboxFilter::All => "email-outbox-all",
            OutboxFilter::Waiting => "email-outbox-waiting",
            OutboxFilter::Failed => "email-outbox-failed",
            OutboxFilter::Sent => "email-outbox-sent",
        }
    }

    fn statuses(&self) -> Vec<OutboxStatus> {
        match self {
            OutboxFilter::All => OutboxStatus::ALL.to_vec(),
            OutboxFilter::Waiting => vec![OutboxStatus::Pending, OutboxStatus::Sending],
            OutboxFilter::Failed => vec![OutboxStatus::Failed],
            OutboxFilter::Sent => vec![OutboxStatus::Sent],
        }
    }
}

/// How many messages each filter holds, in `OutboxFilter::ALL` order.
pub type FilterCounts = Vec<(OutboxFilter, i64)>;

impl OutboxMessage {
    pub const PAGE_SIZE: i64 = 50;

    pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<OutboxMessage> {
        outbox::table
            .find(id)
            .select(OutboxMessage::as_select())
            .first(conn)
    }

    /// A page of messages, newest first, and how many there are under each filter.
    pub fn page(
        conn: &mut PgConnection,
        filter: OutboxFilter,
        page: i64,
    ) -> QueryResult<(Vec<OutboxMessage>, FilterCounts)> {
        let rows = outbox::table
            .filter(outbox::status.eq_any(filter.statuses()))
            .order((outbox::created_at.desc(), outbox::id.desc()))
            .limit(Self::PAGE_SIZE)
            .offset((page.max(1) - 1) * Self::PAGE_SIZE)
            .select(OutboxMessage::as_select())
            .load(conn)?;
        let by_status: Vec<(OutboxStatus, i64)> = outbox::table
            .group_by(outbox::status)
            .select((outbox::status, diesel::dsl::count_star()))
            .load(conn)?;
        let counts = OutboxFilter::ALL
            .iter()
            .map(|f| {
                let statuses = f.statuses();
                let n = by_status
                    .iter()
                    .filter(|(s, _)| statuses.contains(s))
                    .map(|(_, n)| n)
                    .sum();
                (*f, n)
            })
            .collect();
        Ok((rows, counts))
    }

    /// Puts a failed message back in the queue, due now, with a fresh set of attempts.
    /// Returns false if it was not failed (someone retried it already, or it was sent).
    pub fn retry(conn: &mut PgConnection, id: i64) -> QueryResult<bool> {
        let n = diesel::update(
            outbox::table
                .find(id)
                .filter(outbox::status.eq(OutboxStatus::Failed)),
        )
        .set((
            outbox::status.eq(OutboxStatus::Pending),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    pub fn is_failed(&self) -> bool {
        self.status == OutboxStatus::Failed
    }

    /// The recipient as shown: `Name <address>` or the address.
    pub fn recipient(&self) -> String {
        match &self.to_name {
            Some(n) if !n.is_empty() => format!("{n} <{}>", self.to_address),
            _ => self.to_address.clone(),
        }
    }

    /// The links in the text body that lead into the portal (so that in local mode an
    /// invitation or reset link can be followed from the outbox page).
    pub fn portal_links(&self, public_url: &str) -> Vec<String> {
        self.body_text
            .split_whitespace()
            .filter(|w| w.starts_with(public_url))
            .map(|w| w.trim_end_matches(['.', ',', ')', '>']).to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_are_one_line() {
        assert_eq!(one_line("Evil\r\nBcc: x@y.z"), "Evil Bcc: x@y.z");
        assert_eq!(one_line("  a\tb\u{0}c  "), "a b c");
        assert_eq!(one_line("Müller GmbH"), "Müller GmbH");
    }

    /// Mail composes from plain data; the models call it, never the other way round.
    #[test]
    fn mail_knows_nothing_of_the_models() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/mail");
        // Spelled in two halves so that this test does not find itself.
        let needle = ["models", "::"].concat();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let code = std::fs::read_to_string(&path).unwrap();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                assert!(
                    !line.contains(&needle),
                    "{} uses the models: {line}",
                    path.display()
                );
            }
        }
    }
}
