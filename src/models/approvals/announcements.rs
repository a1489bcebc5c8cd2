//! The emails a request's life sends: who gets each, and what it says. The model gathers the
//! data and the recipients, `mail::messages` composes the words, and the emails are written to
//! the outbox in the caller's transaction, with the change they announce.

use crate::{
    domain::{CustomerId, RequestKind, RequestStatus},
    error::AppResult,
    i18n::Msg,
    mail::{
        self, Email,
        messages::{self, AboutRequest, Link, Recipient, ShipToLines},
    },
    models::{
        access::customer_user::{self, Ability},
        access::staff::Staff,
        approvals::approval::{self, Catalog, NewRequest, Request, Requester, requesting_user},
        approvals::ship_to::{self, Proposal},
        customers::history::Author,
        customers::sub_record::Rows,
        customers::{address::Address, address::AddressInput, contact, customer::Customer},
    },
};
use diesel::{OptionalExtension, PgConnection};

/// The request's customer, and what every message about the request names (a request that
/// asks for no services, a ship-to proposal, by its kind).
fn about(conn: &mut PgConnection, request: &Request) -> AppResult<(Customer, AboutRequest)> {
    let customer = Customer::find(conn, request.customer_id)?;
    let labels = match request.kind {
        RequestKind::Services => request.services().iter().map(|s| s.label_id()).collect(),
        kind => vec![kind.label_id()],
    };
    let about = AboutRequest {
        customer_id: customer.id,
        customer_name: customer.display_name().to_string(),
        customer_label: customer.label(),
        services: messages::Labels(labels),
    };
    Ok((customer, about))
}

/// A ship-to proposal and the address it changes, as that address is now (none: a new one,
/// or one deleted since); None for any other request.
fn proposal_of(
    conn: &mut PgConnection,
    request: &Request,
) -> AppResult<Option<(Proposal, Option<Address>)>> {
    if request.kind != RequestKind::ShipTo {
        return Ok(None);
    }
    let Some(proposal) = Proposal::of(conn, request.id)? else {
        return Ok(None);
    };
    let now = match proposal.address_id {
        Some(id) => Address::find(conn, CustomerId(request.customer_id), id).optional()?,
        None => None,
    };
    Ok(Some((proposal, now)))
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

/// Records a user's ship-to proposal (`ship_to::propose`) and announces it as every new
/// request is, in the caller's transaction.
pub fn record_proposal(
    conn: &mut PgConnection,
    customer_id: i64,
    address_id: Option<i64>,
    input: &AddressInput,
    proposer: (i64, &Author),
    requested_by: &Msg,
    base_url: &str,
) -> AppResult<Request> {
    let request = ship_to::propose(conn, customer_id, address_id, input, proposer)?;
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
    let ship_to = proposal_of(conn, request)?.map(|(proposal, now)| ShipToLines {
        proposed: proposal.one_line(now.as_ref()),
        now: now.as_ref().map(|a| a.one_line()),
    });
    let emails = messages::request_received(
        &to,
        &about,
        messages::RequestReceived {
            customer: about.customer_label.clone(),
            services: about.services.clone(),
            requested_by: requested_by.clone(),
            salesperson: salesperson.unwrap_or_else(|| "—".into()),
            message: request.message.clone(),
            ship_to,
            link: format!("{base_url}/approvals/{}", request.id),
        },
    )?;
    Ok(mail::enqueue(conn, &emails)?)
}

/// A decision: an approval or a rejection of services goes to the customer's requesting user
/// and its primary contact, of a ship-to proposal to the user who proposed it; a question to
/// the user who asked (the primary contact when staff recorded the request on the customer's
/// behalf).
pub fn announce_decision(
    conn: &mut PgConnection,
    request: &Request,
    base_url: &str,
) -> AppResult<usize> {
    let (customer, about) = about(conn, request)?;
    let emails = match request.status {
        RequestStatus::Approved | RequestStatus::Rejected
            if request.kind == RequestKind::ShipTo =>
        {
            proposal_decided(conn, request, &about, base_url)?
        }
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
                    address: None,
                    // Nobody at a customer without a portal user (a rejected applicant) could
                    // open the portal's list: the email then stands on its own.
                    link: customer_user::someone_may(conn, customer.id, Ability::Requests)?
                        .then(|| Link::requests(format!("{base_url}/portal/requests"))),
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

/// A ship-to proposal's approval (with the address as it now reads) or rejection (with the
/// proposed address and the reason), for the user who proposed it (nobody when revoked since),
/// in that user's language; its link goes to the portal page that shows the outcome, if the
/// user's role opens it (`CustomerRole::may`), else to the portal's home page.
fn proposal_decided(
    conn: &mut PgConnection,
    request: &Request,
    about: &AboutRequest,
    base_url: &str,
) -> AppResult<Vec<Email>> {
    let Some(user) = approval::requesting_customer_user(conn, request)? else {
        return Ok(Vec::new());
    };
    let approved = request.status == RequestStatus::Approved;
    let link = if approved && user.may(Ability::ShipTo) {
        Link::ship_to(format!("{base_url}/portal/ship-to"))
    } else if user.may(Ability::Requests) {
        Link::requests(format!("{base_url}/portal/requests/{}", request.id))
    } else {
        Link::portal(format!("{base_url}/portal"))
    };
    // Approved, the address reads as it now is (a new one: as proposed, which it was made of).
    let address = proposal_of(conn, request)?.map(|(proposal, now)| match now {
        Some(now) if approved => now.one_line(),
        now => proposal.one_line(now.as_ref()),
    });
    let to = [customer_user::recipient(conn, &user)?];
    messages::request_decided(
        &to,
        about,
        messages::RequestDecided {
            customer: about.customer_name.clone(),
            services: about.services.clone(),
            approved,
            catalogs: Vec::new(),
            reason: request.decision_reason.clone(),
            address,
            link: Some(link),
        },
    )
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
