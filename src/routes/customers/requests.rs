//! A customer's services and requests: the status of each service, the catalogs it may order
//! from, its requests, a form to record a request on the customer's behalf, and (for digital
//! administrators) the relationship actions: block, unblock, deactivate, reactivate.

use crate::routes::prelude::*;
use crate::{
    domain::{RelationshipStatus, Service},
    models::{
        access::staff::{Role, Staff},
        approvals::announcements,
        approvals::approval::{
            self, Asker, Catalog, NewRequest, Request, RequestEntry, RequestForm, ServiceState,
            StaffNames,
        },
    },
};
use diesel::PgConnection;

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
    /// The "record a request" form.
    entry: RequestEntry,
}

impl CustomerRequestsPage {
    fn name(&self, id: &Option<i64>) -> String {
        self.names.name(id)
    }

    /// The relationship actions offered from the current status, as (target, the button
    /// label's message id).
    fn actions(&self) -> Vec<(RelationshipStatus, &'static str)> {
        use RelationshipStatus as R;
        match self.header.customer.relationship_status {
            R::Active => vec![
                (R::Blocked, "customer-parts-requests-block"),
                (R::Inactive, "customer-parts-requests-deactivate"),
            ],
            R::Blocked => vec![(R::Active, "customer-parts-requests-unblock")],
            R::Inactive => vec![(R::Active, "customer-parts-requests-reactivate")],
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
    fn remembered(&self) -> Vec<Service> {
        self.services
            .iter()
            .filter(|s| s.remembered)
            .map(|s| s.service)
            .collect()
    }

    /// `remembered`, named in the reader's language.
    fn remembered_text(&self) -> String {
        self.remembered()
            .iter()
            .map(|s| self.layout.t(s.label_id()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

async fn load(desk: &StaffDesk, id: i64) -> AppResult<CustomerRequestsPage> {
    let can_manage = desk.who.has_role(Role::DigitalAdmin);
    let tab = ("requests", "customer-parts-requests-title");
    CustomerHeader::tab(desk, id, tab, move |conn, layout, header| {
        let requests = Request::for_customer(conn, id)?;
        Ok(CustomerRequestsPage {
            layout,
            services: approval::services_of(conn, id)?,
            catalogs: Catalog::enabled_for(conn, id)?,
            names: StaffNames::of_requests(conn, &requests, None)?,
            salespeople: Staff::salespeople(conn)?,
            header,
            requests,
            can_manage,
            entry: RequestEntry::blank(None),
        })
    })
    .await
}

pub async fn index(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let page = load(&desk, path.into_inner()).await?;
    respond::page(StatusCode::OK, &page)
}

/// Records a request on the customer's behalf; any staff member may.
pub async fn create(
    desk: StaffDesk,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<RequestForm>,
    config: web::Data<crate::config::Config>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let page = load(&desk, id).await?;
    let new = match NewRequest::parse(&form, Service::ALL, &page.salespeople, Asker::Staff) {
        Ok(new) => new,
        Err(errors) => {
            let entry = RequestEntry::sent(form, errors);
            return respond::again(&CustomerRequestsPage { entry, ..page });
        }
    };
    let requester = approval::Requester::Staff(desk.who.id);
    let requested_by = Msg::new("refusal-requested-by-staff").arg("name", desk.who.name.as_str());
    let base_url = config.public_url.clone();
    let location = format!("/customers/{id}/requests");
    let to = location.clone();
    let recorded = submission
        .once(desk.pool(), move |conn| {
            announcements::record_request(conn, id, &new, &requester, &requested_by, &base_url)?;
            Ok(((), Some(to)))
        })
        .await?;
    let text = Msg::new("customer-parts-requests-recorded");
    respond::done_once(recorded, desk.request(), text, &location)
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
    desk: StaffDesk,
    path: web::Path<i64>,
    form: HtmlForm<RelationshipForm>,
) -> Reply {
    let (id, to) = (path.into_inner(), choice::<RelationshipStatus>(&form.to)?);
    let restore = form.restore.is_some();
    let change = move |conn: &mut PgConnection, staff_id| {
        approval::change_relationship(conn, id, to, restore, staff_id)
    };
    act(&desk, id, change, |customer| {
        let status = customer.relationship_status.as_str();
        Msg::new("customer-parts-requests-relationship-now").arg("status", status)
    })
    .await
}

#[derive(Deserialize)]
pub struct SwitchOffForm {
    #[serde(default)]
    service: String,
}

/// `DELETE /customers/{id}/services` (the form field `service` names which one): digital administrators only (guarded in the route table).
pub async fn switch_off(
    desk: StaffDesk,
    path: web::Path<i64>,
    HtmlForm(SwitchOffForm { service }): HtmlForm<SwitchOffForm>,
) -> Reply {
    let (id, service) = (path.into_inner(), choice::<Service>(&service)?);
    let change =
        move |conn: &mut PgConnection, staff_id| approval::switch_off(conn, id, service, staff_id);
    act(&desk, id, change, |_| {
        Msg::new("customer-parts-requests-switched-off").arg("service", service.as_str())
    })
    .await
}

/// A form's choice among fixed values: anything else is a form that cannot be read.
fn choice<T: std::str::FromStr>(value: &str) -> AppResult<T> {
    value.parse().map_err(|_| respond::unreadable())
}

/// A digital administrator's action on the customer: `change` in a transaction, as the
/// signed-in staff member, then back to the tab saying what `text` makes of its outcome.
async fn act<T, F>(desk: &StaffDesk, id: i64, change: F, text: impl FnOnce(T) -> Msg) -> Reply
where
    F: FnOnce(&mut PgConnection, i64) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let staff_id = desk.who.id;
    let outcome = desk.transaction(move |conn| change(conn, staff_id)).await?;
    desk.done(text(outcome), &format!("/customers/{id}/requests"))
}
