//! Requests and approvals: what a customer asked for, the state of each of its services, the
//! catalogs it may order from, and the decisions of digital administrators. Every change runs in
//! the caller's transaction, locks the rows it decides on, goes through the state machines of
//! `domain::approvals`, and writes the customer's history.

use crate::mail::messages::Recipient;
use crate::models::{
    access::staff_scope::StaffScope,
    customers::customer::Customer,
    customers::history::{self, Entity, FieldChange},
    portal::PortalScope,
};
use crate::{
    domain::forms::{FormErrors, SaveError},
    domain::{RelationshipStatus, RequestKind, RequestStatus, Service, ServiceStatus},
    error::{AppError, AppResult},
    schema::{catalogs, customer_catalogs, customer_services, customers, requests, staff},
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = catalogs, check_for_backend(diesel::pg::Pg))]
pub struct Catalog {
    pub id: i64,
    pub name: String,
    pub active: bool,
}

impl Catalog {
    /// The catalogs that can be enabled, by name.
    pub fn offered(conn: &mut PgConnection) -> QueryResult<Vec<Catalog>> {
        catalogs::table
            .filter(catalogs::active.eq(true))
            .order(catalogs::name)
            .select(Catalog::as_select())
            .load(conn)
    }

    /// The names of the catalogs enabled for a customer.
    pub fn enabled_for(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Vec<String>> {
        customer_catalogs::table
            .inner_join(catalogs::table)
            .filter(customer_catalogs::customer_id.eq(customer_id))
            .order(catalogs::name)
            .select(catalogs::name)
            .load(conn)
    }
}

/// One service of one customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceState {
    pub service: Service,
    pub status: ServiceStatus,
    /// Switched off by a block or deactivation while active: unblocking may restore it.
    pub remembered: bool,
}

/// Every service of a customer, in `Service::ALL` order; those without a row are not requested.
pub fn services_of(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Vec<ServiceState>> {
    let rows: Vec<(String, String, bool)> = customer_services::table
        .filter(customer_services::customer_id.eq(customer_id))
        .select((
            customer_services::service,
            customer_services::status,
            customer_services::restore_on_unblock,
        ))
        .load(conn)?;
    Ok(Service::ALL
        .iter()
        .map(|s| {
            let row = rows.iter().find(|(name, _, _)| name == s.as_str());
            ServiceState {
                service: *s,
                status: row
                    .and_then(|(_, st, _)| st.parse().ok())
                    .unwrap_or(ServiceStatus::NotRequested),
                remembered: row.is_some_and(|(_, _, r)| *r),
            }
        })
        .collect())
}

/// Those customers of `scope` whose `service` is active (in the scope's order). A service is
/// active only while the relationship is, so this is also "may use it now".
pub fn with_active_service(
    conn: &mut PgConnection,
    scope: &PortalScope,
    service: Service,
) -> QueryResult<PortalScope> {
    let active: Vec<i64> = customer_services::table
        .inner_join(customers::table)
        .filter(customer_services::customer_id.eq_any(scope.ids()))
        .filter(customer_services::service.eq(service.as_str()))
        .filter(customer_services::status.eq(ServiceStatus::Active.as_str()))
        .filter(customers::relationship_status.eq(RelationshipStatus::Active))
        .select(customer_services::customer_id)
        .load(conn)?;
    Ok(scope.retain(|id| active.contains(&id)))
}

/// The integration column of the customer list: "2 of 5 active, 1 requested", or "—".
pub fn integration_summary(active: usize, requested: usize) -> String {
    let total = Service::INTEGRATIONS.len();
    match (active, requested) {
        (0, 0) => "—".into(),
        (a, 0) => format!("{a} of {total} active"),
        (0, r) => format!("{r} requested"),
        (a, r) => format!("{a} of {total} active, {r} requested"),
    }
}

/// The integration summaries of many customers at once (for a page of the list), for those
/// with an integration active or requested; the others have none to show.
pub fn integration_summaries(
    conn: &mut PgConnection,
    customer_ids: &[i64],
) -> QueryResult<HashMap<i64, String>> {
    let integrations: Vec<&str> = Service::INTEGRATIONS.iter().map(|s| s.as_str()).collect();
    let rows: Vec<(i64, String)> = customer_services::table
        .filter(customer_services::customer_id.eq_any(customer_ids))
        .filter(customer_services::service.eq_any(integrations))
        .select((customer_services::customer_id, customer_services::status))
        .load(conn)?;
    let mut counts: HashMap<i64, (usize, usize)> = HashMap::new();
    for (id, status) in rows {
        let entry = counts.entry(id).or_default();
        match status.parse() {
            Ok(ServiceStatus::Active) => entry.0 += 1,
            Ok(ServiceStatus::Requested) => entry.1 += 1,
            _ => {}
        }
    }
    Ok(counts
        .into_iter()
        .filter(|(_, (a, r))| a + r > 0)
        .map(|(id, (a, r))| (id, integration_summary(a, r)))
        .collect())
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = requests, check_for_backend(diesel::pg::Pg))]
pub struct Request {
    pub id: i64,
    pub customer_id: i64,
    services: Vec<Option<String>>,
    pub salesperson_id: Option<i64>,
    pub requested_by_staff_id: Option<i64>,
    pub requested_by_user_id: Option<i64>,
    pub status: RequestStatus,
    pub message: Option<String>,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub kind: RequestKind,
}

impl Request {
    pub fn services(&self) -> Vec<Service> {
        self.services
            .iter()
            .flatten()
            .filter_map(|s| s.parse().ok())
            .collect()
    }

    /// What it asks for in the reader's language: `services_text`, or the kind of a request
    /// that asks for no services (a ship-to address change).
    pub fn services_in(&self, l: &crate::i18n::L10n) -> String {
        if self.kind != RequestKind::Services {
            return l.t(self.kind.label_id());
        }
        self.services()
            .iter()
            .map(|s| l.t(s.label_id()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `age` in the reader's language.
    pub fn age_in(&self, l: &crate::i18n::L10n) -> String {
        age_in(l, Utc::now() - self.created_at)
    }

    pub fn services_text(&self) -> String {
        self.services()
            .iter()
            .map(|s| s.label())
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn asks_for(&self, service: Service) -> bool {
        self.services().contains(&service)
    }

    /// How long it has waited: "3 days", "5 hours", "12 minutes".
    pub fn age(&self) -> String {
        age_text(Utc::now() - self.created_at)
    }

    pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<Request> {
        requests::table
            .find(id)
            .select(Request::as_select())
            .first(conn)
    }

    /// The customer's requests, newest first.
    pub fn for_customer(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Vec<Request>> {
        requests::table
            .filter(requests::customer_id.eq(customer_id))
            .order((requests::created_at.desc(), requests::id.desc()))
            .select(Request::as_select())
            .load(conn)
    }

    /// Requests waiting for a decision (not those waiting on the customer): the dashboard count.
    /// The open requests of the customers a staff member's scope sees.
    pub fn count_waiting(conn: &mut PgConnection, scope: &StaffScope) -> QueryResult<i64> {
        requests::table
            .filter(requests::status.eq(RequestStatus::Open))
            .filter(scope.admits("requests.customer_id"))
            .count()
            .get_result(conn)
    }
}

/// `age_text` in the reader's language.
pub fn age_in(l: &crate::i18n::L10n, d: chrono::TimeDelta) -> String {
    if d.num_days() > 0 {
        l.t1("admin-age-days", "count", d.num_days())
    } else if d.num_hours() > 0 {
        l.t1("admin-age-hours", "count", d.num_hours())
    } else {
        l.t1("admin-age-minutes", "count", d.num_minutes().max(0))
    }
}

pub fn age_text(d: chrono::TimeDelta) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if d.num_days() > 0 {
        plural(d.num_days(), "day")
    } else if d.num_hours() > 0 {
        plural(d.num_hours(), "hour")
    } else {
        plural(d.num_minutes().max(0), "minute")
    }
}

/// Names of staff members by id, for the people a page mentions.
pub fn staff_names(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<HashMap<i64, String>> {
    Ok(staff::table
        .filter(staff::id.eq_any(ids))
        .select((staff::id, staff::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect())
}

/// The staff members a request's page mentions, by id.
#[derive(Debug, Default)]
pub struct StaffNames(HashMap<i64, String>);

impl StaffNames {
    /// The people `requests` mention (salesperson, who recorded each, who decided it), and `also`.
    pub fn of_requests(
        conn: &mut PgConnection,
        requests: &[Request],
        also: Option<i64>,
    ) -> QueryResult<StaffNames> {
        let people: Vec<i64> = requests
            .iter()
            .flat_map(|r| [r.salesperson_id, r.requested_by_staff_id, r.decided_by])
            .flatten()
            .chain(also)
            .collect();
        Ok(StaffNames(staff_names(conn, &people)?))
    }

    /// The name of `id`, or a dash for nobody.
    pub fn name(&self, id: &Option<i64>) -> String {
        id.and_then(|id| self.0.get(&id).cloned())
            .unwrap_or_else(|| "—".into())
    }
}

/// The tabs of the approval queue. Every request is in exactly one: undecided requests are open;
/// decided ones are blocked when their customer is, enabled when approved for an active
/// relationship, and inactive otherwise (rejected, or the relationship went inactive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueTab {
    Open,
    Inactive,
    Enabled,
    Blocked,
}

impl QueueTab {
    pub const ALL: [QueueTab; 4] = [
        QueueTab::Open,
        QueueTab::Inactive,
        QueueTab::Enabled,
        QueueTab::Blocked,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            QueueTab::Open => "open",
            QueueTab::Inactive => "inactive",
            QueueTab::Enabled => "enabled",
            QueueTab::Blocked => "blocked",
        }
    }

    /// The message id of `label`.
    pub fn label_id(&self) -> &'static str {
        match self {
            QueueTab::Open => "admin-approvals-tab-open",
            QueueTab::Inactive => "admin-approvals-tab-inactive",
            QueueTab::Enabled => "admin-approvals-tab-enabled",
            QueueTab::Blocked => "admin-approvals-tab-blocked",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            QueueTab::Open => "Open requests",
            QueueTab::Inactive => "Inactive",
            QueueTab::Enabled => "Enabled",
            QueueTab::Blocked => "Blocked",
        }
    }

    pub fn parse(s: Option<&str>) -> QueueTab {
        QueueTab::ALL
            .into_iter()
            .find(|t| Some(t.as_str()) == s)
            .unwrap_or(QueueTab::Open)
    }

    /// The tab's requests of the customers `scope` sees.
    fn query(self, scope: &StaffScope) -> requests::BoxedQuery<'static, diesel::pg::Pg> {
        use RelationshipStatus as R;
        let decided = vec![RequestStatus::Approved, RequestStatus::Rejected];
        let in_customers = |rel: Vec<R>| {
            customers::table
                .filter(customers::relationship_status.eq_any(rel))
                .select(customers::id)
        };
        let q = requests::table
            .filter(scope.admits("requests.customer_id"))
            .into_boxed();
        match self {
            QueueTab::Open => q.filter(
                requests::status
                    .eq_any(vec![RequestStatus::Open, RequestStatus::WaitingOnCustomer]),
            ),
            QueueTab::Blocked => q
                .filter(requests::status.eq_any(decided))
                .filter(requests::customer_id.eq_any(in_customers(vec![R::Blocked]))),
            QueueTab::Enabled => q
                .filter(requests::status.eq(RequestStatus::Approved))
                .filter(requests::customer_id.eq_any(in_customers(vec![R::Active]))),
            QueueTab::Inactive => q
                .filter(requests::status.eq_any(decided))
                .filter(requests::customer_id.ne_all(in_customers(vec![R::Blocked])))
                .filter(
                    requests::status
                        .eq(RequestStatus::Rejected)
                        .or(requests::customer_id.ne_all(in_customers(vec![R::Active]))),
                ),
        }
    }
}

/// A row of the approval queue.
#[derive(Clone, Debug)]
pub struct QueueRow {
    pub request: Request,
    pub customer_label: String,
    pub salesperson: Option<String>,
}

/// How many requests each tab holds.
pub type TabCounts = Vec<(QueueTab, i64)>;

/// The queue's rows on one tab, oldest first (at most `limit`), and every tab's count.
pub fn queue(
    conn: &mut PgConnection,
    scope: &StaffScope,
    tab: QueueTab,
    limit: i64,
) -> QueryResult<(Vec<QueueRow>, TabCounts)> {
    let found: Vec<Request> = tab
        .query(scope)
        .order((requests::created_at.asc(), requests::id.asc()))
        .limit(limit)
        .select(Request::as_select())
        .load(conn)?;
    let customer_ids: Vec<i64> = found.iter().map(|r| r.customer_id).collect();
    let labels: HashMap<i64, String> = Customer::find_many(conn, &customer_ids)?
        .into_iter()
        .map(|c| (c.id, c.label()))
        .collect();
    let people: Vec<i64> = found.iter().filter_map(|r| r.salesperson_id).collect();
    let names = staff_names(conn, &people)?;
    let rows = found
        .into_iter()
        .map(|request| QueueRow {
            customer_label: labels
                .get(&request.customer_id)
                .cloned()
                .unwrap_or_default(),
            salesperson: request
                .salesperson_id
                .and_then(|id| names.get(&id).cloned()),
            request,
        })
        .collect();
    let mut counts = Vec::new();
    for t in QueueTab::ALL {
        counts.push((t, t.query(scope).count().get_result(conn)?));
    }
    Ok((rows, counts))
}

/// Changes to the relationship and its services, in the customer's history.
fn record_relationship(
    conn: &mut PgConnection,
    customer: &Customer,
    staff_id: i64,
    changes: &[FieldChange],
) -> QueryResult<()> {
    let entity = Entity::Relationship;
    history::record(
        conn,
        customer,
        Some(staff_id),
        entity,
        None,
        "update",
        changes,
    )
}

fn set_service(
    conn: &mut PgConnection,
    customer_id: i64,
    service: Service,
    status: ServiceStatus,
    remembered: bool,
) -> QueryResult<()> {
    diesel::insert_into(customer_services::table)
        .values((
            customer_services::customer_id.eq(customer_id),
            customer_services::service.eq(service),
            customer_services::status.eq(status),
            customer_services::restore_on_unblock.eq(remembered),
        ))
        .on_conflict((customer_services::customer_id, customer_services::service))
        .do_update()
        .set((
            customer_services::status.eq(status),
            customer_services::restore_on_unblock.eq(remembered),
            customer_services::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    Ok(())
}

fn service_change(service: Service, old: ServiceStatus, new: ServiceStatus) -> FieldChange {
    FieldChange {
        field: service.label(),
        old: Some(old.label().to_string()),
        new: Some(new.label().to_string()),
    }
}

fn relationship_change(old: RelationshipStatus, new: RelationshipStatus) -> FieldChange {
    FieldChange {
        field: "Relationship",
        old: Some(old.label().to_string()),
        new: Some(new.label().to_string()),
    }
}

fn set_relationship(
    conn: &mut PgConnection,
    customer_id: i64,
    status: RelationshipStatus,
) -> QueryResult<()> {
    // The edit form does not carry the relationship, so its lock_version is left alone: a
    // decision does not make someone's open edit of the record stale.
    diesel::update(customers::table.find(customer_id))
        .set(customers::relationship_status.eq(status))
        .execute(conn)?;
    // The guard refuses them on their next request anyway; ending the sessions makes it so
    // on every instance at once.
    if matches!(
        status,
        RelationshipStatus::Blocked | RelationshipStatus::Rejected
    ) {
        crate::models::access::customer_user::end_sessions_of_customer(conn, customer_id)?;
    }
    Ok(())
}

/// Who asks: a staff member on the customer's behalf, or one of the customer's users.
#[derive(Clone, Debug)]
pub enum Requester {
    Staff(i64),
    User {
        id: i64,
        label: String,
    },
    /// A prospect whose application was confirmed (no account yet), as the history names them.
    Applicant {
        label: String,
    },
}

/// What a new request asks for.
#[derive(Clone, Debug)]
pub struct NewRequest {
    pub services: Vec<Service>,
    pub salesperson_id: i64,
    pub message: Option<String>,
}

/// The longest message a request, or a reason or question on one, may carry.
pub const MESSAGE_MAX: usize = 2_000;

/// The request form, as staff fill it in on the customer's behalf and customer users in the
/// portal.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RequestForm {
    pub services: Vec<String>,
    pub salesperson: String,
    pub message: String,
}

/// The request form as a page shows it: blank, or as it was sent with its messages.
#[derive(Clone, Debug, Default)]
pub struct RequestEntry {
    pub chosen: Vec<String>,
    pub salesperson: String,
    pub message: String,
    pub errors: FormErrors,
}

impl RequestEntry {
    /// A blank form, the salesperson chosen when `salesperson` names one.
    pub fn blank(salesperson: Option<i64>) -> RequestEntry {
        RequestEntry {
            salesperson: salesperson.map(|id| id.to_string()).unwrap_or_default(),
            ..RequestEntry::default()
        }
    }

    /// The form as it was sent, with its messages.
    pub fn sent(form: RequestForm, errors: FormErrors) -> RequestEntry {
        RequestEntry {
            chosen: form.services,
            salesperson: form.salesperson,
            message: form.message,
            errors,
        }
    }

    pub fn is_chosen(&self, service: &Service) -> bool {
        self.chosen.iter().any(|c| c == service.as_str())
    }
}

/// Who fills in a request form: the rules are the same, the words are the asker's.
#[derive(Clone, Copy, Debug)]
pub enum Asker {
    /// A staff member, on the customer's behalf.
    Staff,
    /// A customer user, in the portal.
    Customer,
}

impl NewRequest {
    /// Reads a request form: at least one service, all of them among `offered`; a salesperson
    /// among `salespeople`; an optional message.
    pub fn parse(
        form: &RequestForm,
        offered: &[Service],
        salespeople: &[(i64, String)],
        asker: Asker,
    ) -> Result<NewRequest, FormErrors> {
        let mut errors = FormErrors::new();
        let services: Vec<Service> = form
            .services
            .iter()
            .filter_map(|s| s.parse().ok())
            .filter(|s| offered.contains(s))
            .collect();
        if services.is_empty() || services.len() != form.services.len() {
            errors.add("services", crate::i18n::Msg::new(asker.words().0));
        }
        let salesperson_id = form
            .salesperson
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| salespeople.iter().any(|(s, _)| s == id));
        if salesperson_id.is_none() {
            errors.add("salesperson", crate::i18n::Msg::new(asker.words().1));
        }
        let message = match crate::domain::Note::<MESSAGE_MAX>::parse(&form.message) {
            Ok(m) => crate::domain::forms::optional(m.as_str()),
            Err(e) => {
                errors.add("message", e);
                None
            }
        };
        match salesperson_id {
            Some(salesperson_id) if errors.is_empty() => Ok(NewRequest {
                services,
                salesperson_id,
                message,
            }),
            _ => Err(errors),
        }
    }
}

impl Asker {
    /// The message ids of what the services and the salesperson fields say when nothing
    /// fitting was chosen.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Asker::Staff => (
                "admin-approval-choose-service",
                "admin-approval-choose-salesperson",
            ),
            Asker::Customer => (
                "admin-approval-choose-service-customer",
                "admin-approval-choose-salesperson-customer",
            ),
        }
    }
}

/// Records a request, by a staff member on the customer's behalf or by a customer user. Each
/// service asked for becomes requested; the relationship is left as it is: an active
/// relationship just gains requests, a pending one stays pending until the request is decided.
/// A blocked, inactive or rejected relationship takes no requests.
pub fn record_request(
    conn: &mut PgConnection,
    customer_id: i64,
    new: &NewRequest,
    requester: &Requester,
) -> AppResult<Request> {
    let (staff_id, user_id, actor) = match requester {
        Requester::Staff(id) => (Some(*id), None, None),
        Requester::User { id, label } => (None, Some(*id), Some(label.as_str())),
        Requester::Applicant { label } => (None, None, Some(label.as_str())),
    };
    let customer = Customer::lock(conn, customer_id)?;
    let rel = customer.relationship_status;
    if !matches!(
        rel,
        RelationshipStatus::Active | RelationshipStatus::Pending
    ) {
        return Err(AppError::Conflict(
            crate::i18n::Msg::new("refusal-request-relationship")
                .arg("customer", customer.display_name())
                .label("status", rel.inline_id()),
        ));
    }
    let states = services_of(conn, customer_id)?;
    let mut changes = vec![FieldChange {
        field: "Services asked for",
        old: None,
        new: Some(
            new.services
                .iter()
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }];
    for service in &new.services {
        let old = states
            .iter()
            .find(|s| s.service == *service)
            .map_or(ServiceStatus::NotRequested, |s| s.status);
        let to = old
            .transition(ServiceStatus::Requested, *service, rel)
            .map_err(AppError::Conflict)?;
        set_service(conn, customer_id, *service, to, false)?;
        changes.push(service_change(*service, old, to));
    }
    let request: Request = diesel::insert_into(requests::table)
        .values((
            requests::customer_id.eq(customer_id),
            requests::services.eq(new
                .services
                .iter()
                .map(|s| Some(s.as_str().to_string()))
                .collect::<Vec<_>>()),
            requests::salesperson_id.eq(new.salesperson_id),
            requests::requested_by_staff_id.eq(staff_id),
            requests::requested_by_user_id.eq(user_id),
            requests::message.eq(&new.message),
        ))
        .returning(Request::as_returning())
        .get_result(conn)?;
    history::record_as(
        conn,
        &customer,
        staff_id,
        actor,
        Entity::Request,
        Some(request.id),
        "create",
        &changes,
    )?;
    Ok(request)
}

/// A digital administrator's decision on a request.
#[derive(Clone, Debug)]
pub enum Decision {
    /// Catalogs to enable: at least one when ordering is asked for.
    Approve {
        catalogs: Vec<i64>,
    },
    Reject {
        reason: String,
    },
    AskForInformation {
        message: String,
    },
}

impl Decision {
    fn status(&self) -> RequestStatus {
        match self {
            Decision::Approve { .. } => RequestStatus::Approved,
            Decision::Reject { .. } => RequestStatus::Rejected,
            Decision::AskForInformation { .. } => RequestStatus::WaitingOnCustomer,
        }
    }

    fn action(&self) -> &'static str {
        match self {
            Decision::Approve { .. } => "approve",
            Decision::Reject { .. } => "reject",
            Decision::AskForInformation { .. } => "ask_info",
        }
    }
}

/// Says who decided the request, what and when: the message of a decision that lost the race.
fn already_decided(
    conn: &mut PgConnection,
    request: &Request,
    l: &crate::i18n::L10n,
) -> AppResult<AppError> {
    let who = match request.decided_by {
        Some(id) => staff_names(conn, &[id])?
            .remove(&id)
            .unwrap_or_else(|| l.t("admin-approval-someone")),
        None => l.t("admin-approval-someone"),
    };
    let msg = match request.decided_at {
        Some(t) => {
            crate::i18n::Msg::new("admin-approval-already-decided-on").arg("time", l.time(&t))
        }
        None => crate::i18n::Msg::new("admin-approval-already-decided"),
    };
    Ok(AppError::Conflict(
        l.msg(&msg.arg("who", who).arg("status", request.status.as_str()))
            .into(),
    ))
}

/// Decides a request the deciding person saw at `version`. The request row is locked and its
/// version checked, so of two decisions made at once exactly one wins; the other is a 409 that
/// says what happened. Approving makes a pending relationship active and every service asked for
/// active (ordering with its catalogs: approving ordering without one is a message beside the
/// catalogs, before anything is written); rejecting makes them inactive (and a pending
/// relationship rejected); asking for information leaves them requested.
pub fn decide(
    conn: &mut PgConnection,
    request_id: i64,
    version: i32,
    decision: &Decision,
    staff_id: i64,
) -> Result<Request, SaveError> {
    let l = crate::i18n::L10n::english();
    decide_in(conn, request_id, version, decision, staff_id, &l)
}

/// `decide`, with its refusals in `l`'s words.
pub fn decide_in(
    conn: &mut PgConnection,
    request_id: i64,
    version: i32,
    decision: &Decision,
    staff_id: i64,
    l: &crate::i18n::L10n,
) -> Result<Request, SaveError> {
    let request: Request = requests::table
        .find(request_id)
        .for_update()
        .select(Request::as_select())
        .first(conn)?;
    if request.version != version || !request.status.is_undecided() {
        return Err(already_decided(conn, &request, l)?.into());
    }
    if let Decision::Approve { catalogs } = decision
        && request.asks_for(Service::Ordering)
        && catalogs.is_empty()
    {
        let mut errors = FormErrors::new();
        errors.add(
            "catalogs",
            crate::i18n::Msg::new("admin-approval-choose-catalog"),
        );
        return Err(SaveError::Invalid(errors));
    }
    let customer = Customer::lock(conn, request.customer_id)?;
    let mut changes = vec![FieldChange {
        field: "Request",
        old: Some(request.status.label().to_string()),
        new: Some(decision.status().label().to_string()),
    }];
    let reason = carry_out(conn, &request, &customer, decision, staff_id, &mut changes)?;
    if let Some(reason) = &reason {
        changes.push(FieldChange {
            field: "Reason",
            old: None,
            new: Some(reason.clone()),
        });
    }
    let decided: Request = diesel::update(
        requests::table
            .find(request.id)
            .filter(requests::version.eq(version)),
    )
    .set((
        requests::status.eq(decision.status()),
        requests::decision_reason.eq(&reason),
        requests::decided_by.eq(staff_id),
        requests::decided_at.eq(diesel::dsl::now),
        requests::version.eq(version + 1),
    ))
    .returning(Request::as_returning())
    .get_result(conn)?;
    history::record(
        conn,
        &customer,
        Some(staff_id),
        Entity::Request,
        Some(request.id),
        decision.action(),
        &changes,
    )?;
    Ok(decided)
}

/// Does what `decision` says to `request` (a service request changes the relationship and the
/// services; an approved ship-to proposal applies itself), noting the changes; the reason or
/// message to keep with the request.
fn carry_out(
    conn: &mut PgConnection,
    request: &Request,
    customer: &Customer,
    decision: &Decision,
    staff_id: i64,
    changes: &mut Vec<FieldChange>,
) -> Result<Option<String>, SaveError> {
    let services = request.kind == RequestKind::Services;
    Ok(match decision {
        Decision::Approve { catalogs } if services => {
            approve(conn, request, customer, catalogs, staff_id, changes)?;
            None
        }
        // A proposal applies itself; the relationship and services stay as they are.
        Decision::Approve { .. } => {
            super::ship_to::apply(conn, request, staff_id)?;
            None
        }
        Decision::Reject { reason } => {
            if services {
                reject(conn, request, customer, changes)?;
            }
            Some(reason.clone())
        }
        Decision::AskForInformation { message } => Some(message.clone()),
    })
}

/// Moves every service `request` asks for to `to`, noting each change.
fn set_requested_services(
    conn: &mut PgConnection,
    request: &Request,
    customer_id: i64,
    rel: RelationshipStatus,
    to: ServiceStatus,
    changes: &mut Vec<FieldChange>,
) -> AppResult<()> {
    let states = services_of(conn, customer_id)?;
    for service in request.services() {
        let old = states
            .iter()
            .find(|s| s.service == service)
            .map_or(ServiceStatus::NotRequested, |s| s.status);
        let to = old
            .transition(to, service, rel)
            .map_err(AppError::Conflict)?;
        set_service(conn, customer_id, service, to, false)?;
        changes.push(service_change(service, old, to));
    }
    Ok(())
}

/// Approving: a pending relationship becomes active, the chosen catalogs are enabled when
/// ordering is asked for, and every service asked for becomes active.
fn approve(
    conn: &mut PgConnection,
    request: &Request,
    customer: &Customer,
    chosen: &[i64],
    staff_id: i64,
    changes: &mut Vec<FieldChange>,
) -> AppResult<()> {
    // An integration sends the account number as the customer's identifier (seed 003): none
    // is approved before the number is set.
    let integration = Service::INTEGRATIONS.iter().any(|s| request.asks_for(*s));
    let numbered = customer
        .account_number
        .as_deref()
        .is_some_and(|n| !n.trim().is_empty());
    if integration && !numbered {
        let refusal = crate::i18n::Msg::new("approval-integration-needs-account-number");
        return Err(AppError::Conflict(refusal));
    }
    let mut rel = customer.relationship_status;
    if rel == RelationshipStatus::Pending {
        rel = rel
            .transition(RelationshipStatus::Active)
            .map_err(AppError::Conflict)?;
        set_relationship(conn, customer.id, rel)?;
        changes.push(relationship_change(RelationshipStatus::Pending, rel));
    }
    if request.asks_for(Service::Ordering) {
        let names = enable_catalogs(conn, customer.id, chosen, staff_id)?;
        changes.push(FieldChange {
            field: "Catalogs enabled",
            old: None,
            new: Some(names),
        });
    }
    set_requested_services(
        conn,
        request,
        customer.id,
        rel,
        ServiceStatus::Active,
        changes,
    )
}

/// Enables the chosen catalogs for a customer; all of them must still be offered. Returns their
/// names for the history.
fn enable_catalogs(
    conn: &mut PgConnection,
    customer_id: i64,
    chosen: &[i64],
    staff_id: i64,
) -> AppResult<String> {
    let found: Vec<Catalog> = catalogs::table
        .filter(catalogs::id.eq_any(chosen))
        .filter(catalogs::active.eq(true))
        .select(Catalog::as_select())
        .load(conn)?;
    if found.is_empty() || found.len() != chosen.len() {
        return Err(AppError::Conflict(crate::i18n::Msg::new(
            "admin-approval-catalog-gone",
        )));
    }
    for c in &found {
        crate::models::catalogs::assortment::link_catalog(conn, customer_id, c.id, staff_id)?;
    }
    Ok(found
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", "))
}

/// Rejecting: every service asked for becomes inactive, and a pending relationship rejected.
fn reject(
    conn: &mut PgConnection,
    request: &Request,
    customer: &Customer,
    changes: &mut Vec<FieldChange>,
) -> AppResult<()> {
    let rel = customer.relationship_status;
    set_requested_services(
        conn,
        request,
        customer.id,
        rel,
        ServiceStatus::Inactive,
        changes,
    )?;
    if rel == RelationshipStatus::Pending {
        let to = rel
            .transition(RelationshipStatus::Rejected)
            .map_err(AppError::Conflict)?;
        set_relationship(conn, customer.id, to)?;
        changes.push(relationship_change(rel, to));
    }
    Ok(())
}

/// Moves the relationship (block, unblock, deactivate, reactivate) through its state machine.
/// Blocking or deactivating switches every active service off and remembers it; making the
/// relationship active again switches the remembered services back on when `restore` is set,
/// and forgets them otherwise.
pub fn change_relationship(
    conn: &mut PgConnection,
    customer_id: i64,
    to: RelationshipStatus,
    restore: bool,
    staff_id: i64,
) -> AppResult<Customer> {
    let customer = Customer::lock(conn, customer_id)?;
    let from = customer.relationship_status;
    let to = from.transition(to).map_err(AppError::Conflict)?;
    set_relationship(conn, customer.id, to)?;
    let mut changes = vec![relationship_change(from, to)];
    for state in services_of(conn, customer.id)? {
        match to {
            RelationshipStatus::Blocked | RelationshipStatus::Inactive
                if state.status == ServiceStatus::Active =>
            {
                let off = state
                    .status
                    .transition(ServiceStatus::Inactive, state.service, to)
                    .map_err(AppError::Conflict)?;
                set_service(conn, customer.id, state.service, off, true)?;
                changes.push(service_change(state.service, state.status, off));
            }
            RelationshipStatus::Active if state.remembered => {
                if restore {
                    let on = state
                        .status
                        .restore(true, state.service, to)
                        .map_err(AppError::Conflict)?;
                    set_service(conn, customer.id, state.service, on, false)?;
                    changes.push(service_change(state.service, state.status, on));
                } else {
                    set_service(conn, customer.id, state.service, state.status, false)?;
                }
            }
            _ => {}
        }
    }
    record_relationship(conn, &customer, staff_id, &changes)?;
    Ok(Customer::find(conn, customer.id)?)
}

/// Switches one active service off (active → inactive), as a digital administrator may at any
/// time; the relationship stays as it is. Ordering keeps its catalogs, so approving it again
/// needs no new choice unless wanted. A later request can ask for it again.
pub fn switch_off(
    conn: &mut PgConnection,
    customer_id: i64,
    service: Service,
    staff_id: i64,
) -> AppResult<ServiceStatus> {
    let customer = Customer::lock(conn, customer_id)?;
    let state = services_of(conn, customer.id)?
        .into_iter()
        .find(|s| s.service == service)
        .ok_or(AppError::NotFound)?;
    if state.status != ServiceStatus::Active {
        return Err(AppError::Conflict(
            crate::i18n::Msg::new("refusal-service-not-active")
                .label("service", service.label_id())
                .label("status", state.status.inline_id()),
        ));
    }
    let off = state
        .status
        .transition(
            ServiceStatus::Inactive,
            service,
            customer.relationship_status,
        )
        .map_err(AppError::Conflict)?;
    set_service(conn, customer.id, service, off, false)?;
    record_relationship(
        conn,
        &customer,
        staff_id,
        &[service_change(service, state.status, off)],
    )?;
    Ok(off)
}

/// The customer user who made the request (none when staff recorded it, or the user has been
/// revoked since).
pub fn requesting_customer_user(
    conn: &mut PgConnection,
    request: &Request,
) -> QueryResult<Option<crate::models::access::customer_user::CustomerUser>> {
    use crate::schema::customer_users;
    let Some(id) = request.requested_by_user_id else {
        return Ok(None);
    };
    customer_users::table
        .find(id)
        .filter(customer_users::status.ne("revoked"))
        .select(crate::models::access::customer_user::CustomerUser::as_select())
        .first(conn)
        .optional()
}

/// The customer user who made the request, to write to (see `requesting_customer_user`).
pub fn requesting_user(
    conn: &mut PgConnection,
    request: &Request,
) -> QueryResult<Option<Recipient>> {
    requesting_customer_user(conn, request)?
        .map(|u| crate::models::access::customer_user::recipient(conn, &u))
        .transpose()
}

/// The requests of the customers of a portal user's scope, newest first.
pub fn requests_of(conn: &mut PgConnection, scope: &PortalScope) -> QueryResult<Vec<Request>> {
    requests::table
        .filter(requests::customer_id.eq_any(scope.ids()))
        .order((requests::created_at.desc(), requests::id.desc()))
        .select(Request::as_select())
        .load(conn)
}

/// One request, found only among those of the scope's customers (anything else is not found).
pub fn request_of(
    conn: &mut PgConnection,
    scope: &PortalScope,
    id: i64,
) -> QueryResult<(Request, Option<String>)> {
    requests::table
        .find(id)
        .filter(requests::customer_id.eq_any(scope.ids()))
        .select((Request::as_select(), requests::answer))
        .first(conn)
}

/// The customer's answer to a question about its request: the request goes back to the queue
/// (open), one version on, with the answer kept and shown in the history.
pub fn answer(
    conn: &mut PgConnection,
    scope: &PortalScope,
    request_id: i64,
    text: &str,
    actor: &str,
) -> AppResult<Request> {
    let request: Request = requests::table
        .find(request_id)
        .filter(requests::customer_id.eq_any(scope.ids()))
        .for_update()
        .select(Request::as_select())
        .first(conn)?;
    if request.status != RequestStatus::WaitingOnCustomer {
        return Err(AppError::Conflict(crate::i18n::Msg::new(
            "refusal-request-not-waiting",
        )));
    }
    let customer = Customer::lock(conn, request.customer_id)?;
    let updated: Request = diesel::update(requests::table.find(request.id))
        .set((
            requests::status.eq(RequestStatus::Open),
            requests::answer.eq(text),
            requests::answered_at.eq(Some(Utc::now())),
            requests::version.eq(requests::version + 1),
        ))
        .returning(Request::as_returning())
        .get_result(conn)?;
    history::record_as(
        conn,
        &customer,
        None,
        Some(actor),
        Entity::Request,
        Some(request.id),
        "answer",
        &[
            FieldChange {
                field: "Request",
                old: Some(request.status.label().to_string()),
                new: Some(RequestStatus::Open.label().to_string()),
            },
            FieldChange {
                field: "Answer",
                old: None,
                new: Some(text.to_string()),
            },
        ],
    )?;
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_integration_summary_is_compact() {
        assert_eq!(integration_summary(0, 0), "—");
        assert_eq!(integration_summary(2, 0), "2 of 5 active");
        assert_eq!(integration_summary(0, 1), "1 requested");
        assert_eq!(integration_summary(2, 1), "2 of 5 active, 1 requested");
    }

    #[test]
    fn ages_read_in_the_largest_whole_unit() {
        assert_eq!(age_text(chrono::TimeDelta::seconds(20)), "0 minutes");
        assert_eq!(age_text(chrono::TimeDelta::minutes(1)), "1 minute");
        assert_eq!(age_text(chrono::TimeDelta::minutes(130)), "2 hours");
        assert_eq!(age_text(chrono::TimeDelta::hours(49)), "2 days");
    }

    #[test]
    fn an_unknown_tab_is_the_open_requests() {
        assert_eq!(QueueTab::parse(Some("blocked")), QueueTab::Blocked);
        assert_eq!(QueueTab::parse(Some("nonsense")), QueueTab::Open);
        assert_eq!(QueueTab::parse(None), QueueTab::Open);
    }
}
