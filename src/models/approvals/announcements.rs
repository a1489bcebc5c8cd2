//! The emails a request's life sends: who gets each, and what it says. The model gathers the
//! data and the recipients, `mail::messages` composes the words, and the emails are written to
//! the outbox in the caller's transaction, with the change they announce.

use crate::{
    domain::RequestStatus,
    error::AppResult,
    i18n::Msg,
    mail::{
        self,
        messages::{self, AboutRequest, Recipient},
    },
    models::{
        access::staff::Staff,
        approvals::approval::{self, Catalog, NewRequest, Request, Requester, requesting_user},
        customers::{contact, customer::Customer},
    },
};
use diesel::PgConnection;

/// The request's customer, and what every message about the request names.
fn about(conn: &mut PgConnection, request: &Request) -> AppResult<(Customer, AboutRequest)> {
    let customer = Customer::find(conn, request.customer_id)?;
    let about = AboutRequest {
        customer_id: customer.id,
        customer_name: customer.display_name().to_string(),
        customer_label: customer.label(),
        services: messages::Labels(request.services().iter().map(|s| s.label_id()).collect()),
    };
    Ok((customer, about))
}

/// Who hears of a request on the vendor's side (its salesperson and every digital
/// administrator), and what it is about.
fn to_the_desk(
    conn: &mut PgConnection,
    request: &Request,
) -> AppResult<(Vec<Recipient>, AboutRequest)> {
    let (_, about) = about(conn, request)?;
    let to = Staff::salesperson_and_digital_admins(conn, request.salesperson_id)?;
    Ok((to, about))
}

/// Records a new request (`approval::record_request`) and announces it, in the caller's
/// transaction: every request that is recorded is announced.
pub fn record_request(
    conn: &mut PgConnection,
    customer_id: i64,
    new: &NewRequest,
    requester: &Requester,
    requested_by: &Msg,
    base_url: &str,
) -> AppResult<Request> {
    let request = approval::record_request(conn, customer_id, new, requester)?;
    announce_request(conn, &request, requested_by, base_url)?;
    Ok(request)
}

/// A new request: to the chosen salesperson and every digital administrator.
pub fn announce_request(
    conn: &mut PgConnection,
    request: &Request,
    requested_by: &Msg,
    base_url: &str,
) -> AppResult<usize> {
    let (to, about) = to_the_desk(conn, request)?;
    let salesperson = match request.salesperson_id {
        Some(id) => Staff::name_of(conn, id)?,
        None => None,
    };
    let emails = messages::request_received(
        &to,
        &about,
        messages::RequestReceived {
            customer: about.customer_label.clone(),
            services: about.services.clone(),
            requested_by: requested_by.clone(),
            salesperson: salesperson.unwrap_or_else(|| "—".into()),
            message: request.message.clone(),
            link: format!("{base_url}/approvals/{}", request.id),
        },
    )?;
    Ok(mail::enqueue(conn, &emails)?)
}

/// A decision: an approval or a rejection goes to the customer's requesting user and its
/// primary contact; a question to the user who asked (the primary contact when staff recorded
/// the request on the customer's behalf).
pub fn announce_decision(
    conn: &mut PgConnection,
    request: &Request,
    base_url: &str,
) -> AppResult<usize> {
    // A ship-to proposal's outcome is shown in the portal's requests list; it mails nobody.
    if request.kind != crate::domain::RequestKind::Services {
        return Ok(0);
    }
    let (customer, about) = about(conn, request)?;
    let emails = match request.status {
        RequestStatus::Approved | RequestStatus::Rejected => {
            let approved = request.status == RequestStatus::Approved;
            let catalogs = if approved {
                Catalog::enabled_for(conn, customer.id)?
            } else {
                Vec::new()
            };
            let mut to: Vec<Recipient> = requesting_user(conn, request)?.into_iter().collect();
            to.extend(contact::recipient_for(conn, &customer)?);
            messages::request_decided(
                &to,
                &about,
                messages::RequestDecided {
                    customer: about.customer_name.clone(),
                    services: about.services.clone(),
                    approved,
                    catalogs,
                    reason: request.decision_reason.clone(),
                    link: format!("{base_url}/portal/requests"),
                },
            )?
        }
        RequestStatus::WaitingOnCustomer => {
            let to: Vec<Recipient> = match requesting_user(conn, request)? {
                Some(user) => vec![user],
                None => contact::recipient_for(conn, &customer)?
                    .into_iter()
                    .collect(),
            };
            messages::information_asked(
                &to,
                &about,
                messages::InformationAsked {
                    customer: about.customer_name.clone(),
                    services: about.services.clone(),
                    question: request.decision_reason.clone().unwrap_or_default(),
                    link: format!("{base_url}/portal/requests/{}", request.id),
                },
            )?
        }
        RequestStatus::Open => Vec::new(),
    };
    Ok(mail::enqueue(conn, &emails)?)
}

/// The customer's answer to a question: to the salesperson and every digital administrator,
/// as a new request goes (the request is back in their queue).
pub fn announce_answer(
    conn: &mut PgConnection,
    request: &Request,
    answered_by: &str,
    answer: &str,
    base_url: &str,
) -> AppResult<usize> {
    let (to, about) = to_the_desk(conn, request)?;
    let emails = messages::answer_received(
        &to,
        &about,
        messages::AnswerReceived {
            customer: about.customer_label.clone(),
            services: about.services.clone(),
            answered_by: answered_by.to_string(),
            question: request.decision_reason.clone().unwrap_or_default(),
            answer: answer.to_string(),
            link: format!("{base_url}/approvals/{}", request.id),
        },
    )?;
    Ok(mail::enqueue(conn, &emails)?)
}
