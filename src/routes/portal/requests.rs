//! The customer's requests, from the portal: ask for services and integrations (choosing the
//! salesperson), see each request's state, and answer a question the vendor asked about one.

use crate::routes::prelude::*;
use crate::{
    config::Config,
    domain::Note,
    domain::{RequestStatus, Service, ServiceStatus},
    models::{
        access::staff::Staff,
        approvals::announcements,
        approvals::approval::{
            self, Asker, NewRequest, Request, RequestEntry, RequestForm, Requester, ServiceState,
        },
    },
};

const TEXT_MAX: usize = 2000;

#[derive(Template)]
#[template(path = "portal/requests.html")]
struct RequestsPage {
    layout: PortalLayout,
    requests: Vec<Request>,
}

pub async fn index(desk: PortalDesk) -> Reply {
    let requests = desk
        .in_scope(|conn, scope| Ok(approval::requests_of(conn, scope)?))
        .await?;
    desk.show(Msg::new("portal-requests-title"), "requests", |layout| {
        RequestsPage { layout, requests }
    })
}

#[derive(Template)]
#[template(path = "portal/request_new.html")]
struct NewRequestPage {
    layout: PortalLayout,
    services: Vec<ServiceState>,
    salespeople: Vec<(i64, String)>,
    entry: RequestEntry,
}

impl NewRequestPage {
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

async fn new_page(desk: &PortalDesk) -> AppResult<NewRequestPage> {
    let customer = &desk.who.customer;
    let (customer_id, preset) = (customer.id, customer.salesperson_id);
    let (services, salespeople) = desk
        .run(move |conn| {
            Ok((
                approval::services_of(conn, customer_id)?,
                Staff::salespeople(conn)?,
            ))
        })
        .await?;
    Ok(NewRequestPage {
        layout: desk
            .layout()?
            .titled(Msg::new("portal-request-new-title"))
            .in_section("requests"),
        services,
        salespeople,
        entry: RequestEntry::blank(preset),
    })
}

pub async fn new(desk: PortalDesk) -> Reply {
    respond::page(StatusCode::OK, &new_page(&desk).await?)
}

pub async fn create(
    desk: PortalDesk,
    HtmlForm(form): HtmlForm<RequestForm>,
    config: web::Data<Config>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    // Checked before the services on offer, which the first arrival has changed.
    if let Some(location) = submission.repeated(desk.pool()).await? {
        return Ok(see_other(&location));
    }
    let page = new_page(&desk).await?;
    let offered: Vec<Service> = page.askable().iter().map(|a| a.service).collect();
    let new = match NewRequest::parse(&form, &offered, &page.salespeople, Asker::Customer) {
        Ok(new) => new,
        Err(errors) => {
            let entry = RequestEntry::sent(form, errors);
            return respond::again(&NewRequestPage { entry, ..page });
        }
    };
    let (customer_id, user) = (desk.who.customer.id, &desk.who.user);
    let (label, base) = (user.actor_label(), config.public_url.clone());
    let requester = Requester::User { id: user.id, label };
    let by = Msg::new("refusal-requested-by-user").arg("name", user.name.as_str());
    let sent = submission
        .once(desk.pool(), move |conn| {
            announcements::record_request(conn, customer_id, &new, &requester, &by, &base)?;
            Ok(((), Some("/portal/requests".to_string())))
        })
        .await?;
    let text = Msg::new("portal-request-sent");
    respond::done_once(sent, desk.request(), text, "/portal/requests")
}

#[derive(Template)]
#[template(path = "portal/request_show.html")]
struct RequestPage {
    layout: PortalLayout,
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

async fn load(desk: PortalDesk, id: i64) -> AppResult<RequestPage> {
    let (request, answer) = desk
        .in_scope(move |conn, scope| Ok(approval::request_of(conn, scope, id)?))
        .await?;
    let layout = desk.layout()?;
    let title = Msg::new("portal-request-title").arg("services", layout.services(&request));
    Ok(RequestPage {
        layout: layout.titled(title).in_section("requests"),
        request,
        answer,
        draft: String::new(),
        errors: FormErrors::new(),
    })
}

pub async fn show(desk: PortalDesk, path: web::Path<i64>) -> Reply {
    respond::page(StatusCode::OK, &load(desk, path.into_inner()).await?)
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// An answer to the vendor's question: required, and a `Note` of at most TEXT_MAX characters.
fn check_answer(answer: &str) -> Result<String, Msg> {
    match Note::<TEXT_MAX>::parse(answer) {
        Ok(text) if text.as_str().is_empty() => Err(Msg::new("portal-answer-missing")),
        Ok(text) => Ok(text.into_string()),
        Err(_) => Err(Msg::new("portal-answer-invalid").arg("max", TEXT_MAX as i64)),
    }
}

pub async fn answer(
    desk: PortalDesk,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<AnswerForm>,
    config: web::Data<Config>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let text = match check_answer(&form.answer) {
        Ok(text) => text,
        Err(problem) => {
            let mut page = load(desk, id).await?;
            page.errors.add("answer", problem);
            page.draft = form.answer;
            return respond::again(&page);
        }
    };
    let (scope, actor) = (desk.who.scope.clone(), desk.who.user.actor_label());
    let (base, location) = (config.public_url.clone(), format!("/portal/requests/{id}"));
    let to = location.clone();
    let sent = submission
        .once(desk.pool(), move |conn| {
            let request = approval::answer(conn, &scope, id, &text, &actor)?;
            announcements::announce_answer(conn, &request, &actor, &text, &base)?;
            Ok(((), Some(to)))
        })
        .await?;
    let thanks = Msg::new("portal-answer-sent");
    respond::done_once(sent, desk.request(), thanks, &location)
}
