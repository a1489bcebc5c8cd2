//! A customer's services and requests: the status of each service, the catalogs it may order
//! from, its requests, a form to record a request on the customer's behalf, and (for digital
//! administrators) the relationship actions: block, unblock, deactivate, reactivate.

use crate::routes::layout::CustomerHeader;
use crate::{
    auth::CurrentStaff,
    db::{self, DbPool},
    domain::{RelationshipStatus, Service},
    error::AppResult,
    models::{
        access::staff::{Role, Staff},
        approvals::announcements,
        approvals::approval::{
            self, Asker, Catalog, NewRequest, Request, RequestForm, ServiceState, StaffNames,
        },
    },
    routes::forms::{FormErrors, HtmlForm},
    routes::layout::Layout,
    routes::respond,
    routes::submission::Submission,
};
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "customers/requests.html")]
pub struct CustomerRequestsPage {
    layout: Layout,
    header: CustomerHeader,
    services: Vec<ServiceState>,
    catalogs: Vec<String>,
    requests: Vec<Request>,
    names: StaffNames,
    salespeople: Vec<(i64, String)>,
    can_manage: bool,
    chosen: Vec<String>,
    salesperson: String,
    message: String,
    errors: FormErrors,
}

impl CustomerRequestsPage {
    fn name(&self, id: &Option<i64>) -> String {
        self.names.name(id)
    }

    fn is_chosen(&self, service: &Service) -> bool {
        self.chosen.iter().any(|c| c == service.as_str())
    }

    /// The relationship actions offered from the current status, as (target, button label).
    fn actions(&self) -> Vec<(RelationshipStatus, &'static str)> {
        use RelationshipStatus as R;
        match self.header.customer.relationship_status {
            R::Active => vec![(R::Blocked, "Block"), (R::Inactive, "Deactivate")],
            R::Blocked => vec![(R::Active, "Unblock")],
            R::Inactive => vec![(R::Active, "Reactivate")],
            // Pending and rejected move only through a decision on a request.
            R::Pending | R::Rejected => Vec::new(),
        }
    }

    /// The services that are active now (a digital administrator may switch each off).
    fn active_services(&self) -> Vec<&ServiceState> {
        self.services
            .iter()
            .filter(|s| s.status == crate::domain::ServiceStatus::Active)
            .collect()
    }

    /// The services a block or deactivation switched off, which making it active can restore.
    fn remembered(&self) -> Vec<&'static str> {
        self.services
            .iter()
            .filter(|s| s.remembered)
            .map(|s| s.service.label())
            .collect()
    }
}

impl CustomerRequestsPage {
    /// The request form as it was sent, with its messages.
    fn with_form(mut self, form: RequestForm, errors: FormErrors) -> Self {
        self.chosen = form.services;
        self.salesperson = form.salesperson;
        self.message = form.message;
        self.errors = errors;
        self
    }
}

async fn load(
    pool: &DbPool,
    id: i64,
    layout: Layout,
    can_manage: bool,
) -> AppResult<CustomerRequestsPage> {
    db::run(pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "requests")?;
        let requests = Request::for_customer(conn, id)?;
        Ok(CustomerRequestsPage {
            layout: header.frame(layout, "Services and requests"),
            services: approval::services_of(conn, id)?,
            catalogs: Catalog::enabled_for(conn, id)?,
            names: StaffNames::of_requests(conn, &requests, None)?,
            salespeople: Staff::salespeople(conn)?,
            header,
            requests,
            can_manage,
            chosen: Vec::new(),
            salesperson: String::new(),
            message: String::new(),
            errors: FormErrors::new(),
        })
    })
    .await
}

pub async fn index(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let can_manage = staff.has_role(Role::DigitalAdmin);
    let page = load(&pool, path.into_inner(), layout, can_manage).await?;
    respond::page(StatusCode::OK, &page)
}

/// Records a request on the customer's behalf; any staff member may.
// One extractor per thing the handler needs, as in every handler.
#[allow(clippy::too_many_arguments)]
pub async fn create(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<RequestForm>,
    pool: web::Data<DbPool>,
    config: web::Data<crate::config::Config>,
    session: Session,
    submission: Submission,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let page = load(&pool, id, layout, staff.has_role(Role::DigitalAdmin)).await?;
    let new = match NewRequest::parse(&form, Service::ALL, &page.salespeople, Asker::Staff) {
        Ok(new) => new,
        Err(errors) => return respond::again(&page.with_form(form, errors)),
    };
    let requester = approval::Requester::Staff(staff.id);
    let requested_by = format!("{} (staff, on the customer's behalf)", staff.name);
    let base_url = config.public_url.clone();
    let location = format!("/customers/{id}/requests");
    let to = location.clone();
    let recorded = submission
        .once(&pool, move |conn| {
            announcements::record_request(conn, id, &new, &requester, &requested_by, &base_url)?;
            Ok(((), Some(to)))
        })
        .await?;
    let text = "The request has been recorded and waits in the approval queue.";
    respond::done_once(recorded, &session, text, &location)
}

#[derive(Deserialize)]
pub struct RelationshipForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    restore: Option<String>,
}

/// `POST /customers/{id}/relationship`: digital administrators only (guarded in the route table).
pub async fn change_relationship(
    staff: CurrentStaff,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<RelationshipForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let to: RelationshipStatus = form.to.parse().map_err(|_| respond::unreadable())?;
    let restore = form.restore.is_some();
    let staff_id = staff.id;
    let customer = db::transaction(&pool, move |conn| {
        approval::change_relationship(conn, id, to, restore, staff_id)
    })
    .await?;
    let text = format!(
        "The relationship is now {}.",
        customer.relationship_status.label().to_lowercase()
    );
    respond::done(&session, text, &format!("/customers/{id}/requests"))
}

#[derive(Deserialize)]
pub struct SwitchOffForm {
    #[serde(default)]
    service: String,
}

/// `DELETE /customers/{id}/services` (the form field `service` names which one): digital administrators only (guarded in the route table).
pub async fn switch_off(
    staff: CurrentStaff,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<SwitchOffForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let service: Service = form.service.parse().map_err(|_| respond::unreadable())?;
    let staff_id = staff.id;
    db::transaction(&pool, move |conn| {
        approval::switch_off(conn, id, service, staff_id)
    })
    .await?;
    let text = format!("{} has been switched off.", service.label());
    respond::done(&session, text, &format!("/customers/{id}/requests"))
}
