//! The customer record: new customer / new organization, the detail page, the
//! edit form (refusing stale saves with a 409 that shows what changed meanwhile), and delete.

use crate::routes::prelude::*;
use crate::{
    config::Config,
    domain::CustomerKind,
    models::{
        access::staff_scope::StaffScope,
        approvals::{application, approval},
        catalogs::assortment,
        customers::address::Address,
        customers::contact::Contact,
        customers::customer::{self, Customer, CustomerInput, SaveError},
        customers::customer_detail::{self, CustomerFacts, Dependent},
        customers::customer_form::CustomerForm,
        customers::history::{self, Author, HistoryEntry},
        customers::note::Note,
        orders::order::Order,
        reference::Reference,
    },
};
use diesel::PgConnection;

/// The language and time zone of the person at the desk, for a message outside a page.
fn reader(desk: &StaffDesk) -> crate::i18n::L10n {
    let who = &desk.who;
    crate::routes::layout::reader(
        desk.request(),
        (who.language.as_deref(), who.time_zone.as_deref()),
    )
}

/// How many of each long section the detail page shows before linking to its own page.
pub const DETAIL_ROWS: i64 = 10;

#[derive(Template)]
#[template(path = "customers/form.html")]
pub struct CustomerFormPage {
    layout: Layout,
    form: CustomerForm,
    errors: FormErrors,
    refs: Reference,
    organizations: Vec<Customer>,
    /// Set when editing.
    header: Option<CustomerHeader>,
    /// After a refused stale save: what others changed since the form was loaded (as far as
    /// the history tells).
    changed_meanwhile: Option<Vec<HistoryEntry>>,
}

impl CustomerFormPage {
    fn title(&self) -> Msg {
        match (&self.header, self.form.kind()) {
            (Some(h), _) => {
                Msg::new("customer-form-title-edit").arg("name", &h.customer.legal_name)
            }
            (None, CustomerKind::Organization) => Msg::new("customer-form-title-new-organization"),
            (None, CustomerKind::Customer) => Msg::new("customer-form-title-new-customer"),
        }
    }

    fn respond(mut self, status: StatusCode) -> Reply {
        let title = self.title();
        self.layout = self.layout.titled(title).in_section("customers");
        respond::page(status, &self)
    }

    /// True when the form holds an organization the reader's scope does not offer (the
    /// customer's own, outside a limited account's book): offered unnamed, so that saving the
    /// form as shown keeps it.
    fn organization_outside(&self) -> bool {
        let chosen = self.form.organization_id.as_str();
        !chosen.is_empty()
            && !self
                .organizations
                .iter()
                .any(|o| o.id.to_string() == chosen)
    }

    /// The form's action: where it posts.
    fn action(&self) -> String {
        match &self.header {
            Some(h) => format!("/customers/{}", h.customer.id),
            None => "/customers".into(),
        }
    }
}

/// What the customer form shows besides the form: the reference data, the organizations to
/// choose from and, when editing, the customer's header.
struct FormContext {
    refs: Reference,
    organizations: Vec<Customer>,
    header: Option<CustomerHeader>,
}

impl FormContext {
    /// The organizations offered are those `scope` sees.
    fn load(
        conn: &mut PgConnection,
        scope: &StaffScope,
        refs: Reference,
        header: Option<CustomerHeader>,
    ) -> AppResult<FormContext> {
        Ok(FormContext {
            refs,
            organizations: Customer::organizations(conn, scope)?,
            header,
        })
    }

    /// The form page, without messages.
    fn page(self, layout: Layout, form: CustomerForm) -> CustomerFormPage {
        CustomerFormPage {
            layout,
            form,
            errors: FormErrors::new(),
            refs: self.refs,
            organizations: self.organizations,
            header: self.header,
            changed_meanwhile: None,
        }
    }
}

#[derive(Deserialize)]
pub struct NewQuery {
    kind: Option<String>,
}

pub async fn new(desk: StaffDesk, query: web::Query<NewQuery>) -> Reply {
    let kind = match query.kind.as_deref() {
        Some("organization") => CustomerKind::Organization,
        _ => CustomerKind::Customer,
    };
    let scope = desk.scope();
    let context = desk
        .run(move |conn| {
            let refs = Reference::load(conn)?;
            FormContext::load(conn, &scope, refs, None)
        })
        .await?;
    let form = CustomerForm::blank(kind, &context.refs, &reader(&desk));
    context.page(desk.layout()?, form).respond(StatusCode::OK)
}

/// A save that was refused, with what the form needs to be shown again.
struct Retry {
    errors: FormErrors,
    changed_meanwhile: Option<Vec<HistoryEntry>>,
    context: FormContext,
}

impl Retry {
    /// The form shown again as it was sent: 422 with its messages, or 409 with what changed
    /// meanwhile.
    fn show(self, layout: Layout, form: CustomerForm) -> Reply {
        let status = if self.changed_meanwhile.is_none() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::CONFLICT
        };
        let mut page = self.context.page(layout, form);
        page.errors = self.errors;
        page.changed_meanwhile = self.changed_meanwhile;
        page.respond(status)
    }
}

/// What a save came to: the saved customer, or what the form needs to be shown again.
type Saved = Result<Customer, Box<Retry>>;

pub async fn create(
    desk: StaffDesk,
    HtmlForm(form): HtmlForm<CustomerForm>,
    config: web::Data<Config>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let staff = (desk.who.id, desk.who.name.clone());
    let at = (
        config.price_list_email_domain.clone(),
        config.public_url.clone(),
    );
    let (submitted, l, scope) = (form.clone(), reader(&desk), desk.scope());
    let saved = submission
        .once(desk.pool(), move |conn| {
            let saved = create_new(conn, &submitted, &l, &scope, (staff.0, &staff.1), &at)?;
            let location = saved.as_ref().ok().map(|c| format!("/customers/{}", c.id));
            Ok((saved, location))
        })
        .await?;
    match saved {
        Once::Repeat(location) => Ok(see_other(&location)),
        Once::First(Ok(c)) => {
            log::info!("staff {} created customer {}", desk.who.id, c.id);
            let location = format!("/customers/{}", c.id);
            desk.done(
                Msg::new("customers-created").arg("name", &c.legal_name),
                &location,
            )
        }
        Once::First(Err(retry)) => retry.show(desk.layout()?, form),
    }
}

/// Creates the customer the form describes; a pending one gets its request in the approval
/// queue (`application::hold_pending`). The form's messages, and the request's, otherwise.
fn create_new(
    conn: &mut PgConnection,
    form: &CustomerForm,
    l: &crate::i18n::L10n,
    scope: &StaffScope,
    staff: (i64, &str),
    (domain, base_url): &(String, String),
) -> AppResult<Saved> {
    let refs = Reference::load(conn)?;
    let input = CustomerInput::parse(form, &refs, l)
        .map_err(SaveError::Invalid)
        .map(|mut input| {
            let chosen = input.fields.salesperson_id;
            input.fields.salesperson_id = scope.salesperson_of_new(chosen);
            input
        });
    let request = application::pending_request(conn, form)?;
    let author = Author::Staff(staff.0);
    let result = match (input, request) {
        (Ok(input), None) => customer::create(conn, input, &author, domain),
        (Ok(input), Some(Ok(new))) => {
            customer::create(conn, input, &author, domain).and_then(|c| {
                application::hold_pending(conn, c.id, &new, staff, base_url)?;
                Ok(c)
            })
        }
        (input, request) => {
            let mut errors = match input {
                Err(SaveError::Invalid(errors)) => errors,
                Err(other) => return again_or_done(conn, scope, Err(other), refs, None),
                Ok(_) => FormErrors::new(),
            };
            if let Some(Err(e)) = request {
                application::copy_errors(&e, &mut errors, &[]);
            }
            Err(SaveError::Invalid(errors))
        }
    };
    again_or_done(conn, scope, result, refs, None)
}

fn again_or_done(
    conn: &mut diesel::PgConnection,
    scope: &StaffScope,
    result: Result<Customer, SaveError>,
    refs: Reference,
    header: Option<CustomerHeader>,
) -> AppResult<Saved> {
    let (errors, changed_meanwhile) = match result {
        Ok(c) => return Ok(Ok(c)),
        Err(SaveError::Failed(e)) => return Err(e),
        Err(SaveError::Invalid(errors)) => (errors, None),
        Err(SaveError::Stale(changes)) => (FormErrors::new(), Some(*changes)),
    };
    // A stale form is shown against the record as it is now, so its warning and tabs are current.
    let header = match header {
        Some(h) if changed_meanwhile.is_some() => {
            Some(CustomerHeader::load(conn, h.customer.id, "overview")?)
        }
        other => other,
    };
    Ok(Err(Box::new(Retry {
        errors,
        changed_meanwhile,
        context: FormContext::load(conn, scope, refs, header)?,
    })))
}

#[derive(Template)]
#[template(path = "customers/show.html")]
pub struct CustomerShowPage {
    layout: Layout,
    header: CustomerHeader,
    facts: CustomerFacts,
    members: Vec<Dependent>,
    sell_to: Vec<Dependent>,
    associated: Vec<Dependent>,
    notes: Vec<Note>,
    history: Vec<HistoryEntry>,
    addresses: Vec<Address>,
    contacts: Vec<Contact>,
    orders: Vec<Order>,
    /// Each service and integration transaction type with its status.
    services: Vec<approval::ServiceState>,
    /// Catalogs, specific products and stock locations, in brief.
    assortment: assortment::Summary,
    can_merge: bool,
}

impl CustomerShowPage {
    /// The current warning, to edit in place.
    fn watch_text(&self) -> String {
        self.header
            .watch
            .as_ref()
            .map(|w| w.body.clone())
            .unwrap_or_default()
    }

    fn no_errors(&self) -> FormErrors {
        FormErrors::new()
    }

    /// What a contact is notified of, in the reader's words.
    fn events_of(&self, contact: &Contact) -> String {
        (contact.events().iter())
            .map(|e| self.layout.t(e.label_id()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The language chosen for its emails, by its own name; None: its country's.
    fn language_name(&self) -> Option<String> {
        let code = self.header.customer.language.as_deref()?;
        Some(crate::i18n::Lang::parse(code).map_or_else(|| code.to_string(), |l| l.own_name()))
    }

    /// Members, sell-to and associated customers, the ones that exist.
    fn dependent_groups(&self) -> Vec<DependentGroup<'_>> {
        [
            ("customers-members", &self.members, self.facts.members_total),
            ("customers-sell-to", &self.sell_to, self.facts.sell_to_total),
            (
                "customers-associated",
                &self.associated,
                self.facts.associated_total,
            ),
        ]
        .into_iter()
        .filter(|(_, _, total)| *total > 0)
        .map(|(title, list, total)| DependentGroup {
            title,
            list,
            total,
            more: total - list.len() as i64,
        })
        .collect()
    }
}

pub struct DependentGroup<'a> {
    /// The group's message id.
    pub title: &'static str,
    pub list: &'a [Dependent],
    pub total: i64,
    pub more: i64,
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let can_merge = desk.who.has_role(crate::models::access::staff::Role::Admin);
    let (layout, scope) = (desk.layout()?, desk.scope());
    let page = desk
        .run(move |conn| CustomerShowPage::load(conn, id, layout, (can_merge, &scope)))
        .await?;
    respond::page(StatusCode::OK, &page)
}

impl CustomerShowPage {
    /// Everything the detail page shows, in the same handful of queries whatever the customer's
    /// size (a few rows of each part, with links to the rest).
    fn load(
        conn: &mut PgConnection,
        id: i64,
        layout: Layout,
        (can_merge, scope): (bool, &StaffScope),
    ) -> AppResult<CustomerShowPage> {
        let header = CustomerHeader::load(conn, id, "overview")?;
        let dependents = customer_detail::dependents(conn, id, DETAIL_ROWS * 2, scope)?;
        let of = |relation: &str| {
            dependents
                .iter()
                .filter(|d| d.relation == relation)
                .cloned()
                .collect::<Vec<_>>()
        };
        Ok(CustomerShowPage {
            layout: layout
                .titled(header.customer.legal_name.clone())
                .in_section("customers"),
            members: of("member"),
            sell_to: of("sell_to"),
            associated: of("associated"),
            facts: CustomerFacts::load(conn, id, scope)?,
            notes: Note::latest(conn, id, DETAIL_ROWS)?,
            history: history::latest(conn, id, DETAIL_ROWS)?,
            addresses: Address::first(conn, id, DETAIL_ROWS)?,
            contacts: Contact::first(conn, id, DETAIL_ROWS)?,
            orders: Order::for_customer(conn, id, 0, 5)?,
            services: approval::services_of(conn, id)?,
            assortment: assortment::Summary::load(conn, id)?,
            header,
            can_merge,
        })
    }
}

pub async fn edit(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let (id, l, scope) = (path.into_inner(), reader(&desk), desk.scope());
    let (form, context) = desk
        .run(move |conn| {
            let header = CustomerHeader::load(conn, id, "overview")?;
            let form = CustomerForm::load(conn, &header.customer, &l)?;
            let refs = Reference::load(conn)?;
            Ok((form, FormContext::load(conn, &scope, refs, Some(header))?))
        })
        .await?;
    context.page(desk.layout()?, form).respond(StatusCode::OK)
}

pub async fn update(
    desk: StaffDesk,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<CustomerForm>,
) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let expected: i32 = form
        .lock_version
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest(Msg::new("customer-form-version-missing")))?;
    let (staff_id, submitted, l) = (desk.who.id, form.clone(), reader(&desk));
    let scope = desk.scope();
    let saved = desk
        .run(move |conn| {
            let header = CustomerHeader::load(conn, id, "overview")?;
            let refs = Reference::load(conn)?;
            let result = CustomerInput::parse(&submitted, &refs, &l)
                .map_err(SaveError::Invalid)
                .and_then(|input| {
                    customer::update(conn, id, expected, input, &Author::Staff(staff_id))
                });
            again_or_done(conn, &scope, result, refs, Some(header))
        })
        .await?;
    match saved {
        Ok(c) => desk.done(Msg::new("customers-saved"), &format!("/customers/{}", c.id)),
        Err(retry) => retry.show(desk.layout()?, form),
    }
}

#[derive(Template)]
#[template(path = "customers/delete.html")]
pub struct CustomerDeletePage {
    layout: Layout,
    header: CustomerHeader,
    blockers: Vec<Msg>,
}

pub async fn confirm_delete(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let (header, blockers) = desk
        .run(move |conn| {
            Ok((
                CustomerHeader::load(conn, id, "overview")?,
                customer::delete_blockers(conn, id)?,
            ))
        })
        .await?;
    let page = CustomerDeletePage {
        layout: desk
            .layout()?
            .titled(Msg::new("customers-delete-title").arg("name", &header.customer.legal_name)),
        header,
        blockers,
    };
    respond::page(StatusCode::OK, &page)
}

pub async fn destroy(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let (id, staff_id) = (path.into_inner(), desk.who.id);
    let outcome = desk
        .run(move |conn| customer::delete(conn, id, staff_id))
        .await?;
    match outcome {
        Ok(name) => {
            log::info!("staff {staff_id} deleted customer {id}");
            desk.done(
                Msg::new("customers-deleted").arg("name", &name),
                "/customers",
            )
        }
        Err(blockers) => {
            let l = reader(&desk);
            let why: Vec<String> = blockers.iter().map(|b| l.msg(b)).collect();
            Err(AppError::Conflict(
                Msg::new("customers-delete-refused").arg("reasons", why.join("; ")),
            ))
        }
    }
}
