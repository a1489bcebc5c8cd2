//! The messages the portal sends and their words (askama templates under templates/email/, a
//! plain-text and an HTML part each), composed from plain data: each function takes the
//! recipients and a struct with what its message says, and returns the emails for
//! `super::enqueue`. Knowing nothing of the models, it is the models that gather the data, find
//! the recipients and enqueue, in the transaction of the change they announce
//! (`models::approvals::announcements`, `models::access::customer_user`).

use super::Email;
use crate::error::AppResult;
use askama::Template;

/// A person to write to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub name: Option<String>,
    pub address: String,
}

/// A message with a plain-text and an HTML part, rendered from its own templates.
trait Parts {
    fn parts(&self) -> askama::Result<(String, String)>;
}

/// Declares the two templates of message `$m` (text, then HTML; each sees the message as `m`)
/// and renders them as its `Parts`.
macro_rules! parts {
    ($m:ident, $text:tt, $html:tt) => {
        const _: () = {
            #[derive(Template)]
            #[template(path = $text)]
            struct Text<'a> {
                m: &'a $m,
            }

            #[derive(Template)]
            #[template(path = $html)]
            struct Html<'a> {
                m: &'a $m,
            }

            impl Parts for $m {
                fn parts(&self) -> askama::Result<(String, String)> {
                    Ok((Text { m: self }.render()?, Html { m: self }.render()?))
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
    PasswordReset,
    "email/password_reset.txt",
    "email/password_reset.html"
);

/// One email of `kind` to each of `to`, all saying `m`.
fn emails(
    kind: &'static str,
    to: &[Recipient],
    subject: &str,
    m: &impl Parts,
    customer_id: Option<i64>,
) -> AppResult<Vec<Email>> {
    let (text, html) = m.parts()?;
    Ok(to
        .iter()
        .map(|r| Email {
            kind,
            to_address: r.address.clone(),
            to_name: r.name.clone(),
            subject: subject.to_string(),
            text: text.clone(),
            html: html.clone(),
            customer_id,
            sensitive: false,
        })
        .collect())
}

/// The one email of `kind` that carries `m`'s single-use link to the user it is for (a secret:
/// its bodies are cleared once sent, and the outbox shows it redacted).
fn secret_link(
    kind: &'static str,
    (name, address): (&str, &str),
    subject: String,
    m: &impl Parts,
    customer_id: i64,
) -> AppResult<Email> {
    let (text, html) = m.parts()?;
    Ok(Email {
        kind,
        to_address: address.to_string(),
        to_name: Some(name.to_string()),
        subject,
        text,
        html,
        customer_id: Some(customer_id),
        sensitive: true,
    })
}

/// What every message about a request names: the customer (by its name, and labelled with its
/// account number) and the services asked for.
pub struct AboutRequest {
    pub customer_id: i64,
    pub customer_name: String,
    pub customer_label: String,
    pub services: String,
}

/// A new request, for the salesperson and the digital administrators.
pub struct RequestReceived {
    pub customer: String,
    pub services: String,
    pub requested_by: String,
    pub salesperson: String,
    pub message: Option<String>,
    pub link: String,
}

/// A new request's emails: one to each of `to`.
pub fn request_received(
    to: &[Recipient],
    about: &AboutRequest,
    m: RequestReceived,
) -> AppResult<Vec<Email>> {
    let subject = format!("New request from {}: {}", about.customer_name, m.services);
    emails(
        "request_received",
        to,
        &subject,
        &m,
        Some(about.customer_id),
    )
}

/// An approval (with the catalogs the customer now has) or a rejection (with its reason).
pub struct RequestDecided {
    pub customer: String,
    pub services: String,
    pub approved: bool,
    pub catalogs: Vec<String>,
    pub reason: Option<String>,
    pub link: String,
}

/// A decision's emails: one to each of `to` (the requesting user and the primary contact).
pub fn request_decided(
    to: &[Recipient],
    about: &AboutRequest,
    m: RequestDecided,
) -> AppResult<Vec<Email>> {
    let subject = if m.approved {
        format!("Your request has been approved: {}", m.services)
    } else {
        format!("Your request was not approved: {}", m.services)
    };
    emails("request_decided", to, &subject, &m, Some(about.customer_id))
}

/// A question about a request, for the customer.
pub struct InformationAsked {
    pub customer: String,
    pub services: String,
    pub question: String,
    pub link: String,
}

/// A question's emails: one to each of `to`.
pub fn information_asked(
    to: &[Recipient],
    about: &AboutRequest,
    m: InformationAsked,
) -> AppResult<Vec<Email>> {
    let subject = format!(
        "We need more information about your request: {}",
        m.services
    );
    emails(
        "information_asked",
        to,
        &subject,
        &m,
        Some(about.customer_id),
    )
}

/// The customer's answer to a question, for the salesperson and the digital administrators.
pub struct AnswerReceived {
    pub customer: String,
    pub services: String,
    pub answered_by: String,
    pub question: String,
    pub answer: String,
    pub link: String,
}

/// An answer's emails: one to each of `to`.
pub fn answer_received(
    to: &[Recipient],
    about: &AboutRequest,
    m: AnswerReceived,
) -> AppResult<Vec<Email>> {
    let subject = format!("Answer from {}: {}", about.customer_name, m.services);
    emails("answer_received", to, &subject, &m, Some(about.customer_id))
}

/// An invitation to the portal: who is invited, to which customer's portal, by whom, and the
/// single-use link with its expiry.
pub struct Invitation {
    pub name: String,
    pub address: String,
    pub customer: String,
    pub customer_id: i64,
    pub invited_by: String,
    pub link: String,
    pub expires: String,
}

/// The invitation's email (its link is a secret: the outbox shows it redacted).
pub fn invitation(m: Invitation) -> AppResult<Email> {
    let subject = format!("Your invitation to the customer portal of {}", m.customer);
    secret_link(
        "invitation",
        (&m.name, &m.address),
        subject,
        &m,
        m.customer_id,
    )
}

/// A password-reset link for a customer user, valid for `minutes`.
pub struct PasswordReset {
    pub name: String,
    pub address: String,
    pub customer_id: i64,
    pub link: String,
    pub minutes: i64,
}

/// The password reset's email (its link is a secret: the outbox shows it redacted).
pub fn password_reset(m: PasswordReset) -> AppResult<Email> {
    let subject = "Reset your customer portal password".to_string();
    secret_link(
        "password_reset",
        (&m.name, &m.address),
        subject,
        &m,
        m.customer_id,
    )
}
