//! The messages the portal sends, who gets each, and their words (askama templates under
//! templates/email/, a plain-text and an HTML part each). Each function returns the emails for
//! `super::enqueue`, to be written in the transaction of the change they announce.

use super::Email;
use crate::{
    domain::RequestStatus,
    error::AppResult,
    models::{approvals::approval::Request, customers::customer::Customer},
    schema::{customer_contacts, staff},
};
use askama::Template;
use diesel::prelude::*;

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

/// The salesperson (if still active) and every active digital administrator.
fn salesperson_and_digital_admins(
    conn: &mut PgConnection,
    salesperson_id: Option<i64>,
) -> QueryResult<Vec<Recipient>> {
    let rows: Vec<(String, String)> = staff::table
        .filter(staff::active.eq(true))
        .filter(
            staff::id
                .nullable()
                .eq(salesperson_id)
                .or(staff::roles.contains(vec![Some("digital_admin".to_string())])),
        )
        .order((staff::id.nullable().eq(salesperson_id).desc(), staff::name))
        .select((staff::name, staff::email))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(name, address)| Recipient {
            name: Some(name),
            address,
        })
        .collect())
}

/// The customer's primary contact with an email address, else the customer's own address.
pub fn customer_contact(
    conn: &mut PgConnection,
    customer: &Customer,
) -> QueryResult<Option<Recipient>> {
    let primary: Option<(String, Option<String>)> = customer_contacts::table
        .filter(customer_contacts::customer_id.eq(customer.id))
        .filter(customer_contacts::is_primary.eq(true))
        .select((customer_contacts::name, customer_contacts::email))
        .first(conn)
        .optional()?;
    Ok(match primary {
        Some((name, Some(address))) if !address.trim().is_empty() => Some(Recipient {
            name: Some(name),
            address,
        }),
        _ => customer
            .email
            .as_ref()
            .filter(|a| !a.trim().is_empty())
            .map(|address| Recipient {
                name: Some(customer.display_name().to_string()),
                address: address.clone(),
            }),
    })
}

/// The customer user who asked (once the portal has customer users), then the contact.
fn requester_and_contact(
    conn: &mut PgConnection,
    request: &Request,
    customer: &Customer,
) -> QueryResult<Vec<Recipient>> {
    let mut to = Vec::new();
    if let Some(user) = super::super::models::approvals::approval::requesting_user(conn, request)? {
        to.push(user);
    }
    to.extend(customer_contact(conn, customer)?);
    Ok(to)
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

struct RequestReceived {
    customer: String,
    services: String,
    requested_by: String,
    salesperson: String,
    message: Option<String>,
    link: String,
}

/// A new request: to the chosen salesperson and every digital administrator.
pub fn request_received(
    conn: &mut PgConnection,
    request: &Request,
    customer: &Customer,
    requested_by: &str,
    base_url: &str,
) -> AppResult<Vec<Email>> {
    let to = salesperson_and_digital_admins(conn, request.salesperson_id)?;
    let salesperson = match request.salesperson_id {
        Some(id) => staff::table
            .find(id)
            .select(staff::name)
            .first(conn)
            .optional()?
            .unwrap_or_else(|| "—".into()),
        None => "—".into(),
    };
    let m = RequestReceived {
        customer: customer.label(),
        services: request.services_text(),
        requested_by: requested_by.to_string(),
        salesperson,
        message: request.message.clone(),
        link: format!("{base_url}/approvals/{}", request.id),
    };
    let subject = format!(
        "New request from {}: {}",
        customer.display_name(),
        m.services
    );
    Ok(emails(
        "request_received",
        &to,
        &subject,
        RequestReceivedText { m: &m }.render()?,
        RequestReceivedHtml { m: &m }.render()?,
        Some(customer.id),
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

struct RequestDecided {
    customer: String,
    services: String,
    approved: bool,
    catalogs: Vec<String>,
    reason: Option<String>,
    link: String,
}

/// An approval or a rejection: to the customer's requesting user and its primary contact.
pub fn request_decided(
    conn: &mut PgConnection,
    request: &Request,
    customer: &Customer,
    catalogs: Vec<String>,
    base_url: &str,
) -> AppResult<Vec<Email>> {
    let to = requester_and_contact(conn, request, customer)?;
    let approved = request.status == RequestStatus::Approved;
    let m = RequestDecided {
        customer: customer.display_name().to_string(),
        services: request.services_text(),
        approved,
        catalogs,
        reason: request.decision_reason.clone(),
        link: format!("{base_url}/portal/requests"),
    };
    let subject = if approved {
        format!("Your request has been approved: {}", m.services)
    } else {
        format!("Your request was not approved: {}", m.services)
    };
    Ok(emails(
        "request_decided",
        &to,
        &subject,
        RequestDecidedText { m: &m }.render()?,
        RequestDecidedHtml { m: &m }.render()?,
        Some(customer.id),
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

struct InformationAsked {
    customer: String,
    services: String,
    question: String,
    link: String,
}

/// A question about a request: to the customer user who made it (the primary contact when
/// staff recorded the request on the customer's behalf).
pub fn information_asked(
    conn: &mut PgConnection,
    request: &Request,
    customer: &Customer,
    base_url: &str,
) -> AppResult<Vec<Email>> {
    let to = match super::super::models::approvals::approval::requesting_user(conn, request)? {
        Some(user) => vec![user],
        None => customer_contact(conn, customer)?.into_iter().collect(),
    };
    let m = InformationAsked {
        customer: customer.display_name().to_string(),
        services: request.services_text(),
        question: request.decision_reason.clone().unwrap_or_default(),
        link: format!("{base_url}/portal/requests/{}", request.id),
    };
    let subject = format!(
        "We need more information about your request: {}",
        m.services
    );
    Ok(emails(
        "information_asked",
        &to,
        &subject,
        InformationAskedText { m: &m }.render()?,
        InformationAskedHtml { m: &m }.render()?,
        Some(customer.id),
    ))
}

/// Writes the messages for a new request to the outbox (in the caller's transaction).
pub fn announce_request(
    conn: &mut PgConnection,
    request: &Request,
    requested_by: &str,
    base_url: &str,
) -> AppResult<usize> {
    let customer = Customer::find(conn, request.customer_id)?;
    let emails = request_received(conn, request, &customer, requested_by, base_url)?;
    Ok(super::enqueue(conn, &emails)?)
}

/// Writes the messages for a decision on a request to the outbox (in the caller's transaction).
pub fn announce_decision(
    conn: &mut PgConnection,
    request: &Request,
    base_url: &str,
) -> AppResult<usize> {
    let customer = Customer::find(conn, request.customer_id)?;
    let emails = match request.status {
        RequestStatus::Approved => {
            let catalogs =
                crate::models::approvals::approval::Catalog::enabled_for(conn, customer.id)?;
            request_decided(conn, request, &customer, catalogs, base_url)?
        }
        RequestStatus::Rejected => request_decided(conn, request, &customer, Vec::new(), base_url)?,
        RequestStatus::WaitingOnCustomer => information_asked(conn, request, &customer, base_url)?,
        RequestStatus::Open => Vec::new(),
    };
    Ok(super::enqueue(conn, &emails)?)
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

struct AnswerReceived {
    customer: String,
    services: String,
    answered_by: String,
    question: String,
    answer: String,
    link: String,
}

/// The customer's answer to a question: to the salesperson and every digital administrator,
/// as a new request goes (the request is back in their queue). In the caller's transaction.
pub fn announce_answer(
    conn: &mut PgConnection,
    request: &Request,
    answered_by: &str,
    answer: &str,
    base_url: &str,
) -> AppResult<usize> {
    let customer = Customer::find(conn, request.customer_id)?;
    let to = salesperson_and_digital_admins(conn, request.salesperson_id)?;
    let m = AnswerReceived {
        customer: customer.label(),
        services: request.services_text(),
        answered_by: answered_by.to_string(),
        question: request.decision_reason.clone().unwrap_or_default(),
        answer: answer.to_string(),
        link: format!("{base_url}/approvals/{}", request.id),
    };
    let subject = format!("Answer from {}: {}", customer.display_name(), m.services);
    let emails = emails(
        "answer_received",
        &to,
        &subject,
        AnswerReceivedText { m: &m }.render()?,
        AnswerReceivedHtml { m: &m }.render()?,
        Some(customer.id),
    );
    Ok(super::enqueue(conn, &emails)?)
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
