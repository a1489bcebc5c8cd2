//! The approval queue: requests waiting for a decision and those decided, a request beside its
//! customer's record, and the decision (approve with catalogs, reject with a reason, or ask the
//! customer for more information). Every staff member sees the queue; only digital
//! administrators decide (the route table guards the decision).

use crate::routes::prelude::*;
use crate::{
    config::Config,
    domain::{RequestStatus, Service},
    models::{
        access::staff::Role,
        approvals::announcements,
        approvals::approval::{
            self, Catalog, Decision, QueueRow, QueueTab, Request, ServiceState, StaffNames,
        },
        approvals::ship_to::{self, Proposal},
        approvals::{application, duplicates, duplicates::Duplicate},
        customers::{address::Address, customer::Customer},
    },
};
use std::collections::HashMap;

/// The most rows a tab shows; older ones wait below the fold of a later page.
const QUEUE_ROWS: i64 = 200;
/// The longest reason or message a decision takes.
pub const REASON_MAX: usize = 2_000;

#[derive(Deserialize)]
pub struct QueueQuery {
    tab: Option<String>,
}

#[derive(Template)]
#[template(path = "approvals/index.html")]
pub struct ApprovalsIndexPage {
    layout: Layout,
    tab: QueueTab,
    counts: Vec<(QueueTab, i64)>,
    rows: Vec<QueueRow>,
    /// The possible duplicates of the pending customers among the rows.
    duplicates: HashMap<i64, Vec<Duplicate>>,
}

impl ApprovalsIndexPage {
    fn duplicates_of(&self, customer_id: &i64) -> &[Duplicate] {
        self.duplicates.get(customer_id).map_or(&[], Vec::as_slice)
    }
}

pub async fn index(desk: StaffDesk, query: web::Query<QueueQuery>) -> Reply {
    let tab = QueueTab::parse(query.tab.as_deref());
    let scope = desk.scope();
    let (rows, counts, duplicates) = desk
        .run(move |conn| {
            let (rows, counts) = approval::queue(conn, &scope, tab, QUEUE_ROWS)?;
            let ids: Vec<i64> = rows.iter().map(|r| r.request.customer_id).collect();
            Ok((rows, counts, duplicates::of(conn, &scope, &ids)?))
        })
        .await?;
    desk.show(Msg::new("admin-approvals-title"), "approvals", |layout| {
        ApprovalsIndexPage {
            layout,
            tab,
            counts,
            rows,
            duplicates,
        }
    })
}

#[derive(Template)]
#[template(path = "approvals/show.html")]
pub struct ApprovalShowPage {
    layout: Layout,
    request: Request,
    customer: Customer,
    services: Vec<ServiceState>,
    catalogs_enabled: Vec<String>,
    catalogs_offered: Vec<Catalog>,
    /// The customer's requests, newest first, this one included.
    requests: Vec<Request>,
    names: StaffNames,
    /// Other customers that may be this pending one (`duplicates`).
    duplicates: Vec<Duplicate>,
    can_decide: bool,
    errors: FormErrors,
    chosen_catalogs: Vec<i64>,
    reason: String,
    message: String,
    /// A ship-to proposal's lines, and the address it changes as it is now (none: a new one).
    proposal: Option<(Proposal, Option<Address>)>,
}

impl ApprovalShowPage {
    fn name(&self, id: &Option<i64>) -> String {
        self.names.name(id)
    }

    fn asks_for_ordering(&self) -> bool {
        self.request.asks_for(Service::Ordering)
    }

    fn chosen(&self, id: &i64) -> bool {
        self.chosen_catalogs.contains(id)
    }
}

/// Everything the request's page shows, in one trip to the database; only digital
/// administrators decide.
async fn load(desk: &StaffDesk, id: i64) -> AppResult<ApprovalShowPage> {
    let title = Msg::new("admin-approval-page-title").arg("id", id.to_string());
    let layout = desk.layout()?.titled(title).in_section("approvals");
    let (can_decide, scope) = (desk.who.has_role(Role::DigitalAdmin), desk.scope());
    desk.run(move |conn| {
        let request = Request::find(conn, id)?;
        let customer = Customer::find(conn, request.customer_id)?;
        let requests = Request::for_customer(conn, customer.id)?;
        let proposal = match Proposal::of(conn, id)? {
            Some(p) => {
                let now = match p.address_id {
                    Some(a) => Some(ship_to::ship_to_of(conn, customer.id, a)?),
                    None => None,
                };
                Some((p, now))
            }
            None => None,
        };
        Ok(ApprovalShowPage {
            proposal,
            layout,
            services: approval::services_of(conn, customer.id)?,
            catalogs_enabled: Catalog::enabled_for(conn, customer.id)?,
            catalogs_offered: Catalog::offered(conn)?,
            names: StaffNames::of_requests(conn, &requests, customer.salesperson_id)?,
            duplicates: duplicates::of_one(conn, &scope, customer.id)?,
            request,
            customer,
            requests,
            can_decide,
            errors: FormErrors::new(),
            chosen_catalogs: Vec::new(),
            reason: String::new(),
            message: String::new(),
        })
    })
    .await
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    respond::page(StatusCode::OK, &load(&desk, path.into_inner()).await?)
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    catalogs: Vec<String>,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    message: String,
}

/// A reason or message: required, and a `Note` of at most REASON_MAX characters.
/// The text of a decision, or why it cannot be stored: `missing` is the message id for an
/// empty text.
pub fn check_text(text: &str, missing: &'static str) -> Result<String, Msg> {
    if text.trim().is_empty() {
        return Err(Msg::new(missing));
    }
    Ok(crate::domain::Note::<REASON_MAX>::parse(text)?.into_string())
}

impl DecisionForm {
    /// The request's version and the decision, read and checked before anything is loaded. A
    /// form no page sends (an unknown decision, a version or catalog that is not a number) is a
    /// 400; a missing or unstorable text is a message beside its field.
    fn parse(&self) -> AppResult<(i32, Result<Decision, FormErrors>)> {
        let version = self
            .version
            .trim()
            .parse()
            .map_err(|_| respond::unreadable())?;
        let catalogs = self
            .catalogs
            .iter()
            .map(|c| c.trim().parse())
            .collect::<Result<_, _>>()
            .map_err(|_| respond::unreadable())?;
        let text = |field: &str, value: &str, what: &'static str| {
            check_text(value, what).map_err(|m| {
                let mut errors = FormErrors::new();
                errors.add(field, m);
                errors
            })
        };
        let decision = match self.decision.as_str() {
            "approve" => Ok(Decision::Approve { catalogs }),
            "reject" => text("reason", &self.reason, "admin-approval-write-reason")
                .map(|reason| Decision::Reject { reason }),
            "ask_info" => text("message", &self.message, "admin-approval-write-question")
                .map(|message| Decision::AskForInformation { message }),
            _ => return Err(respond::unreadable()),
        };
        Ok((version, decision))
    }

    /// The ticked catalogs, as the form shows them again.
    fn chosen(&self) -> Vec<i64> {
        self.catalogs
            .iter()
            .filter_map(|c| c.trim().parse().ok())
            .collect()
    }
}

/// Records a decision and announces it to the customer, in one transaction; messages for
/// fields when the decision cannot be taken as it stands (nothing written then).
async fn record(
    desk: &StaffDesk,
    (id, version): (i64, i32),
    decision: Decision,
    base_url: String,
) -> AppResult<Result<Request, FormErrors>> {
    let staff_id = desk.who.id;
    let l = crate::routes::layout::reader(
        desk.request(),
        (desk.who.language.as_deref(), desk.who.time_zone.as_deref()),
    );
    desk.transaction(move |conn| {
        match approval::decide_in(conn, id, version, &decision, staff_id, &l) {
            Ok(decided) => {
                announcements::announce_decision(conn, &decided, &base_url)?;
                application::welcome(conn, &decided, staff_id, &base_url)?;
                Ok(Ok(decided))
            }
            Err(e) => Ok(Err(e.into_invalid()?)),
        }
    })
    .await
}

/// `POST /approvals/{id}/decision`: digital administrators only (guarded in the route table).
pub async fn decide(
    desk: StaffDesk,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<DecisionForm>,
    config: web::Data<Config>,
) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let (version, decision) = form.parse()?;
    let decided = match decision {
        Ok(decision) => record(&desk, (id, version), decision, config.public_url.clone()).await?,
        Err(errors) => Err(errors),
    };
    let decided = match decided {
        Ok(decided) => decided,
        Err(errors) => {
            let mut page = load(&desk, id).await?;
            (page.errors, page.chosen_catalogs) = (errors, form.chosen());
            (page.reason, page.message) = (form.reason, form.message);
            return respond::again(&page);
        }
    };
    let text = match decided.status {
        RequestStatus::Approved => Msg::new("admin-approval-approved"),
        RequestStatus::Rejected => Msg::new("admin-approval-rejected"),
        _ => Msg::new("admin-approval-asked"),
    };
    desk.done(text, &format!("/approvals/{id}"))
}
