//! The customer's requests, from the portal: ask for services and integrations (choosing the
//! salesperson), see each request's state, and answer a question the vendor asked about one.

use super::{guard::Portal, layout::PortalLayout};
use crate::{
    config::Config,
    db::{self, DbPool},
    domain::Note,
    domain::{RequestStatus, Service, ServiceStatus},
    error::AppResult,
    models::{
        access::staff::Staff,
        approvals::announcements,
        approvals::approval::{
            self, Asker, NewRequest, Request, RequestForm, Requester, ServiceState,
        },
    },
    routes::forms::{FormErrors, HtmlForm},
    routes::respond,
    routes::respond::see_other,
    routes::submission::Submission,
};
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

const TEXT_MAX: usize = 2000;

#[derive(Template)]
#[template(path = "portal/requests.html")]
struct RequestsPage {
    layout: PortalLayout,
    portal: Portal,
    requests: Vec<Request>,
}

pub async fn index(
    layout: PortalLayout,
    portal: Portal,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let scope = portal.scope.clone();
    let requests = db::run(&pool, move |conn| Ok(approval::requests_of(conn, &scope)?)).await?;
    respond::page(
        StatusCode::OK,
        &RequestsPage {
            layout: layout.titled("Your requests").in_section("requests"),
            portal,
            requests,
        },
    )
}

#[derive(Template)]
#[template(path = "portal/request_new.html")]
struct NewRequestPage {
    layout: PortalLayout,
    services: Vec<ServiceState>,
    salespeople: Vec<(i64, String)>,
    chosen: Vec<String>,
    salesperson: String,
    message: String,
    errors: FormErrors,
}

impl NewRequestPage {
    fn is_chosen(&self, s: &Service) -> bool {
        self.chosen.iter().any(|c| c == s.as_str())
    }

    /// Services that can be asked for: not already active or waiting.
    fn askable(&self) -> Vec<&ServiceState> {
        self.services
            .iter()
            .filter(|s| !matches!(s.status, ServiceStatus::Active | ServiceStatus::Requested))
            .collect()
    }

    fn not_askable(&self) -> Vec<&ServiceState> {
        self.services
            .iter()
            .filter(|s| matches!(s.status, ServiceStatus::Active | ServiceStatus::Requested))
            .collect()
    }
}

async fn new_page(
    pool: &DbPool,
    layout: PortalLayout,
    portal: &Portal,
) -> AppResult<NewRequestPage> {
    let customer_id = portal.customer.id;
    let preset = portal
        .customer
        .salesperson_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    db::run(pool, move |conn| {
        Ok(NewRequestPage {
            layout: layout.titled("New request").in_section("requests"),
            services: approval::services_of(conn, customer_id)?,
            salespeople: Staff::salespeople(conn)?,
            chosen: Vec::new(),
            salesperson: preset,
            message: String::new(),
            errors: FormErrors::new(),
        })
    })
    .await
}

pub async fn new(
    layout: PortalLayout,
    portal: Portal,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let page = new_page(&pool, layout, &portal).await?;
    respond::page(StatusCode::OK, &page)
}

impl NewRequestPage {
    /// The form as it was sent, with its messages.
    fn with_form(mut self, form: RequestForm, errors: FormErrors) -> Self {
        self.chosen = form.services;
        self.salesperson = form.salesperson;
        self.message = form.message;
        self.errors = errors;
        self
    }
}

pub async fn create(
    layout: PortalLayout,
    portal: Portal,
    HtmlForm(form): HtmlForm<RequestForm>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
    session: Session,
    submission: Submission,
) -> AppResult<HttpResponse> {
    // Checked before the services on offer, which the first arrival has changed.
    if let Some(location) = submission.repeated(&pool).await? {
        return Ok(see_other(&location));
    }
    let page = new_page(&pool, layout, &portal).await?;
    let offered: Vec<Service> = page.askable().iter().map(|a| a.service).collect();
    let new = match NewRequest::parse(&form, &offered, &page.salespeople, Asker::Customer) {
        Ok(new) => new,
        Err(errors) => return respond::again(&page.with_form(form, errors)),
    };
    let customer_id = portal.customer.id;
    let label = portal.user.actor_label();
    let requester = Requester::User {
        id: portal.user.id,
        label: label.clone(),
    };
    let base = config.public_url.clone();
    let sent = submission
        .once(&pool, move |conn| {
            announcements::record_request(conn, customer_id, &new, &requester, &label, &base)?;
            Ok(((), Some("/portal/requests".to_string())))
        })
        .await?;
    let text = "Thank you: your request has been sent. We will let you know by email when it has been decided.";
    respond::done_once(sent, &session, text, "/portal/requests")
}

#[derive(Template)]
#[template(path = "portal/request_show.html")]
struct RequestPage {
    layout: PortalLayout,
    portal: Portal,
    request: Request,
    answer: Option<String>,
    draft: String,
    errors: FormErrors,
}

impl RequestPage {
    fn waiting_on_customer(&self) -> bool {
        self.request.status == RequestStatus::WaitingOnCustomer
    }
}

async fn load(
    pool: &DbPool,
    layout: PortalLayout,
    portal: Portal,
    id: i64,
) -> AppResult<RequestPage> {
    let scope = portal.scope.clone();
    let (request, answer) = db::run(pool, move |conn| {
        Ok(approval::request_of(conn, &scope, id)?)
    })
    .await?;
    Ok(RequestPage {
        layout: layout
            .titled(format!("Request: {}", request.services_text()))
            .in_section("requests"),
        portal,
        request,
        answer,
        draft: String::new(),
        errors: FormErrors::new(),
    })
}

pub async fn show(
    layout: PortalLayout,
    portal: Portal,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let page = load(&pool, layout, portal, path.into_inner()).await?;
    respond::page(StatusCode::OK, &page)
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// An answer to the vendor's question: required, and a `Note` of at most TEXT_MAX characters.
fn check_answer(answer: &str) -> Result<String, String> {
    match Note::<TEXT_MAX>::parse(answer) {
        Ok(text) if text.as_str().is_empty() => Err("Write your answer.".to_string()),
        other => other.map(Note::into_string),
    }
}

// One extractor per thing the handler needs, as in every handler.
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    layout: PortalLayout,
    portal: Portal,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<AnswerForm>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
    session: Session,
    submission: Submission,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let text = match check_answer(&form.answer) {
        Ok(text) => text,
        Err(problem) => {
            let mut page = load(&pool, layout, portal, id).await?;
            page.errors.add("answer", problem);
            page.draft = form.answer;
            return respond::again(&page);
        }
    };
    let scope = portal.scope.clone();
    let actor = portal.user.actor_label();
    let base = config.public_url.clone();
    let location = format!("/portal/requests/{id}");
    let to = location.clone();
    let sent = submission
        .once(&pool, move |conn| {
            let request = approval::answer(conn, &scope, id, &text, &actor)?;
            announcements::announce_answer(conn, &request, &actor, &text, &base)?;
            Ok(((), Some(to)))
        })
        .await?;
    let thanks = "Thank you: your answer has been sent and the request is back with us.";
    respond::done_once(sent, &session, thanks, &location)
}
