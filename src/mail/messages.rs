//! The messages the portal sends and their words (askama templates under templates/email/, a
//! plain-text and an HTML part each), composed from plain data: each function takes the
//! recipients and a struct with what its message says, and returns the emails for
//! `super::enqueue`. Knowing nothing of the models, it is the models that gather the data, find
//! the recipients and enqueue, in the transaction of the change they announce
//! (`models::approvals::announcements`, `models::access::customer_user`).
//!
//! Each email is written in its recipient's language and time zone (`Recipient::l`), never the
//! sender's: subject, both parts, and the HTML part's `<html lang>`.

use super::Email;
use crate::{
    error::AppResult,
    i18n::{L10n, Msg},
};
use askama::Template;

/// A person to write to, and the language and time zone to write in.
#[derive(Clone, Debug)]
pub struct Recipient {
    pub name: Option<String>,
    pub address: String,
    pub l: L10n,
}

/// A message with a plain-text and an HTML part, rendered from its own templates in a reader's
/// language.
trait Parts {
    fn parts(&self, l: &L10n) -> askama::Result<(String, String)>;
}

/// Declares the two templates of message `$m` (text, then HTML; each sees the message as `m`
/// and the reader's language as `l`) and renders them as its `Parts`.
macro_rules! parts {
    ($m:ident, $text:tt, $html:tt) => {
        const _: () = {
            #[derive(Template)]
            #[template(path = $text)]
            struct Text<'a> {
                m: &'a $m,
                l: &'a L10n,
            }

            #[derive(Template)]
            #[template(path = $html)]
            struct Html<'a> {
                m: &'a $m,
                l: &'a L10n,
            }

            impl Parts for $m {
                fn parts(&self, l: &L10n) -> askama::Result<(String, String)> {
                    Ok((Text { m: self, l }.render()?, Html { m: self, l }.render()?))
                }
            }
        };
    };
}

parts!(
    RequestReceived,
    "email/request_received.txt",
    "email/request_received.html"
);
parts!(
    RequestDecided,
    "email/request_decided.txt",
    "email/request_decided.html"
);
parts!(
    InformationAsked,
    "email/information_asked.txt",
    "email/information_asked.html"
);
parts!(
    AnswerReceived,
    "email/answer_received.txt",
    "email/answer_received.html"
);
parts!(Invitation, "email/invitation.txt", "email/invitation.html");
parts!(
    OrderPlaced,
    "email/order_placed.txt",
    "email/order_placed.html"
);
parts!(
    OrderShipped,
    "email/order_shipped.txt",
    "email/order_shipped.html"
);
parts!(
    OrderCancelled,
    "email/order_cancelled.txt",
    "email/order_cancelled.html"
);
parts!(
    StaffInvitation,
    "email/staff_invitation.txt",
    "email/staff_invitation.html"
);
parts!(
    ApplicationConfirm,
    "email/application_confirm.txt",
    "email/application_confirm.html"
);
parts!(
    PasswordReset,
    "email/password_reset.txt",
    "email/password_reset.html"
);

/// The emails a message makes, one to each of its recipients.
type Emails = AppResult<Vec<Email>>;

/// One email of `kind` to each of `to`, all saying `m`, each in its recipient's language.
fn emails(
    kind: &'static str,
    to: &[Recipient],
    subject: impl Fn(&L10n) -> String,
    m: &impl Parts,
    customer_id: Option<i64>,
) -> AppResult<Vec<Email>> {
    to.iter()
        .map(|r| {
            let (text, html) = m.parts(&r.l)?;
            Ok(Email {
                kind,
                to_address: r.address.clone(),
                to_name: r.name.clone(),
                subject: subject(&r.l),
                text,
                html,
                customer_id,
                sensitive: false,
                attachment: None,
            })
        })
        .collect()
}

/// The one email of `kind` that carries `m`'s single-use link to the user it is for (a secret:
/// its bodies are cleared once sent, and the outbox shows it redacted).
fn secret_link(
    kind: &'static str,
    to: &Recipient,
    subject: String,
    m: &impl Parts,
    customer_id: Option<i64>,
) -> AppResult<Email> {
    let (text, html) = m.parts(&to.l)?;
    Ok(Email {
        kind,
        to_address: to.address.clone(),
        to_name: to.name.clone(),
        subject,
        text,
        html,
        customer_id,
        sensitive: true,
        attachment: None,
    })
}

/// Names to be read in each recipient's language: the message ids of their labels (the
/// services of a request).
#[derive(Clone, Debug, Default)]
pub struct Labels(pub Vec<&'static str>);

impl Labels {
    /// The labels in `l`'s language, separated by commas.
    pub fn of(&self, l: &L10n) -> String {
        self.0
            .iter()
            .map(|id| l.t(id))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What every message about a request names: the customer (by its name, and labelled with its
/// account number) and the services asked for.
pub struct AboutRequest {
    pub customer_id: i64,
    pub customer_name: String,
    pub customer_label: String,
    pub services: Labels,
}

impl AboutRequest {
    /// The request's emails of `kind`, all saying `m`: one to each of `to`, under `subject` (a
    /// message that may name the customer and the services).
    fn emails(
        &self,
        to: &[Recipient],
        (kind, subject): (&'static str, &str),
        m: &impl Parts,
    ) -> Emails {
        let subject = |l: &L10n| {
            let customer = ("customer", self.customer_name.as_str());
            l.t2(subject, customer, ("services", self.services.of(l)))
        };
        emails(kind, to, subject, m, Some(self.customer_id))
    }
}

/// A new request, for the salesperson and the digital administrators.
pub struct RequestReceived {
    pub customer: String,
    pub services: Labels,
    /// Who asked, in the recipient's words.
    pub requested_by: Msg,
    pub salesperson: String,
    pub message: Option<String>,
    /// A ship-to proposal's address lines.
    pub ship_to: Option<ShipToLines>,
    pub link: String,
}

/// A ship-to proposal's address lines: as proposed, and as the address reads now (none for a
/// new address).
#[derive(Clone, Debug)]
pub struct ShipToLines {
    pub proposed: String,
    pub now: Option<String>,
}

/// A link in a message: where it goes, and the message ids of its words (alone, and before
/// the address itself in the plain-text part).
#[derive(Clone, Debug)]
pub struct Link {
    pub url: String,
    pub text: &'static str,
    pub text_colon: &'static str,
}

impl Link {
    /// To the portal's requests list (or one request).
    pub fn requests(url: String) -> Link {
        Link {
            url,
            text: "email-see-requests",
            text_colon: "email-see-requests-colon",
        }
    }

    /// To the portal's ship-to locations.
    pub fn ship_to(url: String) -> Link {
        Link {
            url,
            text: "email-see-ship-to",
            text_colon: "email-see-ship-to-colon",
        }
    }

    /// To the portal's home page (every role opens it).
    pub fn portal(url: String) -> Link {
        Link {
            url,
            text: "email-open-portal",
            text_colon: "email-open-portal-colon",
        }
    }
}

/// A new request's emails: one to each of `to`.
pub fn request_received(to: &[Recipient], about: &AboutRequest, m: RequestReceived) -> Emails {
    about.emails(
        to,
        ("request_received", "email-request-received-subject"),
        &m,
    )
}

/// An approval (with the catalogs the customer now has) or a rejection (with its reason).
pub struct RequestDecided {
    pub customer: String,
    pub services: Labels,
    pub approved: bool,
    pub catalogs: Vec<String>,
    pub reason: Option<String>,
    /// A ship-to proposal's address: as it now reads (approved), or as proposed (rejected).
    pub address: Option<String>,
    /// Where to see it in the portal; None when nobody at the customer could open it.
    pub link: Option<Link>,
}

/// A decision's emails: one to each of `to` (the requesting user and the primary contact).
pub fn request_decided(to: &[Recipient], about: &AboutRequest, m: RequestDecided) -> Emails {
    let subject = if m.approved {
        "email-request-approved-subject"
    } else {
        "email-request-rejected-subject"
    };
    about.emails(to, ("request_decided", subject), &m)
}

/// A question about a request, for the customer.
pub struct InformationAsked {
    pub customer: String,
    pub services: Labels,
    pub question: String,
    pub link: String,
}

/// A question's emails: one to each of `to`.
pub fn information_asked(to: &[Recipient], about: &AboutRequest, m: InformationAsked) -> Emails {
    about.emails(
        to,
        ("information_asked", "email-information-asked-subject"),
        &m,
    )
}

/// The customer's answer to a question, for the salesperson and the digital administrators.
pub struct AnswerReceived {
    pub customer: String,
    pub services: Labels,
    pub answered_by: String,
    pub question: String,
    pub answer: String,
    pub link: String,
}

/// An answer's emails: one to each of `to`.
pub fn answer_received(to: &[Recipient], about: &AboutRequest, m: AnswerReceived) -> Emails {
    about.emails(to, ("answer_received", "email-answer-received-subject"), &m)
}

/// An invitation to the portal: who is invited, to which customer's portal, by whom, and the
/// single-use link with its expiry.
pub struct Invitation {
    pub name: String,
    pub customer: String,
    pub customer_id: i64,
    pub invited_by: String,
    pub link: String,
    pub expires: chrono::DateTime<chrono::Utc>,
}

/// The invitation's email to `to` (its link is a secret: the outbox shows it redacted).
pub fn invitation(to: &Recipient, m: Invitation) -> AppResult<Email> {
    let subject =
        to.l.t1("email-invitation-subject", "customer", m.customer.as_str());
    secret_link("invitation", to, subject, &m, Some(m.customer_id))
}

/// An invitation to a staff account: who made it, with which roles, and the link to choose a
/// password, valid until `expires`.
pub struct StaffInvitation {
    pub name: String,
    pub invited_by: String,
    pub roles: Labels,
    pub link: String,
    pub expires: chrono::DateTime<chrono::Utc>,
}

/// The staff invitation's email to `to` (its link is a secret: the outbox shows it redacted).
pub fn staff_invitation(to: &Recipient, m: StaffInvitation) -> AppResult<Email> {
    let subject = to.l.t("email-staff-invitation-subject");
    secret_link("staff_invitation", to, subject, &m, None)
}

/// A password-reset link, valid for `minutes`: a customer user's (with its customer), or a staff
/// account's (without one; the same templates in words that name no customer portal).
pub struct PasswordReset {
    pub name: String,
    pub customer_id: Option<i64>,
    pub link: String,
    pub minutes: i64,
}

impl PasswordReset {
    /// The message id of `what` ("subject", "lead", "text").
    pub fn words(&self, what: &str) -> String {
        match self.customer_id {
            Some(_) => format!("email-password-reset-{what}"),
            None => format!("email-staff-password-reset-{what}"),
        }
    }
}

/// The password reset's email to `to` (its link is a secret: the outbox shows it redacted).
pub fn password_reset(to: &Recipient, m: PasswordReset) -> AppResult<Email> {
    let kind = match m.customer_id {
        Some(_) => "password_reset",
        None => "staff_password_reset",
    };
    secret_link(kind, to, to.l.t(m.words("subject")), &m, m.customer_id)
}

/// The link that confirms a prospect's application (`models::approvals::application`).
pub struct ApplicationConfirm {
    pub name: String,
    pub company: String,
    pub link: String,
    pub hours: i64,
}

/// The confirmation's email to the applicant (its link is a secret; no customer exists yet).
pub fn application_confirm(to: &Recipient, m: ApplicationConfirm) -> AppResult<Email> {
    let (text, html) = m.parts(&to.l)?;
    Ok(Email {
        kind: "application_confirm",
        to_address: to.address.clone(),
        to_name: to.name.clone(),
        subject: to.l.t("email-application-confirm-subject"),
        text,
        html,
        customer_id: None,
        sensitive: true,
        attachment: None,
    })
}

/// What every message about an order names: its customer, its number, its value, and the link
/// to it in the portal.
pub struct AboutOrder {
    pub customer_id: i64,
    pub customer: String,
    pub number: String,
    /// Its value in minor units, and their currency.
    pub total: (i64, String),
    pub link: String,
}

impl AboutOrder {
    /// The order's emails of `kind`, all saying `m`: one to each of `to`.
    fn emails(
        &self,
        (kind, to): (&'static str, &[Recipient]),
        subject: impl Fn(&L10n) -> String,
        m: &impl Parts,
    ) -> Emails {
        emails(kind, to, subject, m, Some(self.customer_id))
    }

    /// The subject `id`, naming the order by its number.
    fn subject(&self, l: &L10n, id: &str) -> String {
        l.t1(id, "number", self.number.as_str())
    }
}

/// One line of an order, as its confirmation lists it.
pub struct MailLine {
    pub sku: String,
    pub name: String,
    pub quantity: i32,
    pub line_cents: i64,
}

/// A placed order's confirmation: its lines, the customer's reference, where it goes, and
/// whether it waits (for its payment, or held for credit).
pub struct OrderPlaced {
    pub about: AboutOrder,
    pub lines: Vec<MailLine>,
    pub reference: Option<String>,
    /// Where it goes ("Ship to …", "Pickup at …").
    pub delivery: Option<Msg>,
    /// The message id of what the order waits for, if it waits.
    pub waiting: Option<&'static str>,
}

/// A confirmation's emails: one to each of `to`.
pub fn order_placed(to: &[Recipient], m: OrderPlaced) -> Emails {
    let subject = |l: &L10n| m.about.subject(l, "email-order-placed-subject");
    m.about.emails(("order_placed", to), subject, &m)
}

/// A shipment: the carrier and the tracking number.
pub struct OrderShipped {
    pub about: AboutOrder,
    pub carrier: String,
    pub tracking: String,
}

/// A shipment's emails: one to each of `to`.
pub fn order_shipped(to: &[Recipient], m: OrderShipped) -> Emails {
    let subject = |l: &L10n| {
        l.t2(
            "email-order-shipped-subject",
            ("number", m.about.number.as_str()),
            ("tracking", m.tracking.as_str()),
        )
    };
    m.about.emails(("order_shipped", to), subject, &m)
}

/// A cancellation, with its reason.
pub struct OrderCancelled {
    pub about: AboutOrder,
    pub reason: String,
}

/// A cancellation's emails: one to each of `to`.
pub fn order_cancelled(to: &[Recipient], m: OrderCancelled) -> Emails {
    let subject = |l: &L10n| m.about.subject(l, "email-order-cancelled-subject");
    m.about.emails(("order_cancelled", to), subject, &m)
}

/// An accounts email: an invoice posted (to the customer's contacts, or to its bill-to
/// customer's), a reminder of an overdue invoice (three levels), or a monthly statement. Its
/// words come by `kind` ("invoice-posted", "sell-to-invoice-posted", "reminder-1" to
/// "reminder-3", "statement"); the PDF it carries is added per recipient, in their language.
pub struct AccountsNote {
    pub kind: &'static str,
    pub customer_id: i64,
    pub customer: String,
    /// The invoice's number, or the statement's month.
    pub number: String,
    /// What is open on it (a statement: the closing balance), and its currency.
    pub open: (i64, String),
    pub due: Option<chrono::NaiveDate>,
    pub link: String,
}
parts!(AccountsNote, "email/accounts.txt", "email/accounts.html");

impl AccountsNote {
    /// Its `part` ("subject", "text") in `l`'s words.
    pub fn say(&self, part: &str, l: &L10n) -> String {
        let due = self.due.map(|d| l.day(&d)).unwrap_or_default();
        let words = Msg::new(format!("email-{}-{part}", self.kind))
            .arg("number", self.number.as_str())
            .arg("customer", self.customer.as_str())
            .money("amount", self.open.0, &self.open.1)
            .arg("due", due);
        l.msg(&words)
    }
}

/// An accounts email to each of `to`, each carrying `pdf` made in its reader's language.
pub fn accounts_note(
    to: &[Recipient],
    m: &AccountsNote,
    mut pdf: impl FnMut(&L10n) -> (String, Vec<u8>),
) -> AppResult<Vec<Email>> {
    let kind = match m.kind {
        "invoice-posted" => "invoice_posted",
        "sell-to-invoice-posted" => "sell_to_invoice_posted",
        "statement" => "statement",
        _ => "invoice_due",
    };
    let subject = |l: &L10n| m.say("subject", l);
    let mut all = emails(kind, to, subject, m, Some(m.customer_id))?;
    for (email, r) in all.iter_mut().zip(to) {
        email.attachment = Some(pdf(&r.l));
    }
    Ok(all)
}
