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

fn emails(
    kind: &'static str,
    to: &[Recipient],
    subject: &str,
    text: String,
    html: String,
    customer_id: Option<i64>,
) -> Vec<Email> {
    to.iter()
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
        .collect()
}

#[derive(Template)]
#[template(path = "email/request_received.txt")]
struct RequestReceivedText<'a> {
    m: &'a RequestReceived,
}

#[derive(Template)]
#[template(path = "email/request_received.html")]
struct RequestReceivedHtml<'a> {
    m: &'a RequestReceived,
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
    Ok(emails(
        "request_received",
        to,
        &subject,
        RequestReceivedText { m: &m }.render()?,
        RequestReceivedHtml { m: &m }.render()?,
        Some(about.customer_id),
    ))
}

#[derive(Template)]
#[template(path = "email/request_decided.txt")]
struct RequestDecidedText<'a> {
    m: &'a RequestDecided,
}

#[derive(Template)]
#[template(path = "email/request_decided.html")]
struct RequestDecidedHtml<'a> {
    m: &'a RequestDecided,
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
    Ok(emails(
        "request_decided",
        to,
        &subject,
        RequestDecidedText { m: &m }.render()?,
        RequestDecidedHtml { m: &m }.render()?,
        Some(about.customer_id),
    ))
}

#[derive(Template)]
#[template(path = "email/information_asked.txt")]
struct InformationAskedText<'a> {
    m: &'a InformationAsked,
}

#[derive(Template)]
#[template(path = "email/information_asked.html")]
struct InformationAskedHtml<'a> {
    m: &'a InformationAsked,
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
    Ok(emails(
        "information_asked",
        to,
        &subject,
        InformationAskedText { m: &m }.render()?,
        InformationAskedHtml { m: &m }.render()?,
        Some(about.customer_id),
    ))
}

#[derive(Template)]
#[template(path = "email/answer_received.txt")]
struct AnswerReceivedText<'a> {
    m: &'a AnswerReceived,
}

#[derive(Template)]
#[template(path = "email/answer_received.html")]
struct AnswerReceivedHtml<'a> {
    m: &'a AnswerReceived,
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
    Ok(emails(
        "answer_received",
        to,
        &subject,
        AnswerReceivedText { m: &m }.render()?,
        AnswerReceivedHtml { m: &m }.render()?,
        Some(about.customer_id),
    ))
}

#[derive(Template)]
#[template(path = "email/invitation.txt")]
struct InvitationText<'a> {
    m: &'a Invitation,
}

#[derive(Template)]
#[template(path = "email/invitation.html")]
struct InvitationHtml<'a> {
    m: &'a Invitation,
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
    Ok(Email {
        kind: "invitation",
        to_address: m.address.clone(),
        to_name: Some(m.name.clone()),
        subject: format!("Your invitation to the customer portal of {}", m.customer),
        text: InvitationText { m: &m }.render()?,
        html: InvitationHtml { m: &m }.render()?,
        customer_id: Some(m.customer_id),
        sensitive: true,
    })
}

#[derive(Template)]
#[template(path = "email/password_reset.txt")]
struct ResetText<'a> {
    m: &'a PasswordReset,
}

#[derive(Template)]
#[template(path = "email/password_reset.html")]
struct ResetHtml<'a> {
    m: &'a PasswordReset,
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
    Ok(Email {
        kind: "password_reset",
        to_address: m.address.clone(),
        to_name: Some(m.name.clone()),
        subject: "Reset your customer portal password".into(),
        text: ResetText { m: &m }.render()?,
        html: ResetHtml { m: &m }.render()?,
        customer_id: Some(m.customer_id),
        sensitive: true,
    })
}
