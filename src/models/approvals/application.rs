//! Applications of prospects: the first request of a new customer, made from the portal's public
//! form (`/portal/apply`). The form is checked as the staff's new-customer form, address and
//! contact forms and the portal's request form check theirs, then kept (`applications`) until
//! the applicant follows the link emailed to them: only then, in one transaction, do the
//! customer (relationship `pending`), its address, its contact and its request exist, and the
//! request is routed and announced as any other. Approving the request invites the applicant as
//! the customer's first portal user (`welcome`).
//!
//! Applications are throttled per email and per client address with the sign-in throttle's
//! counts (`login_attempt`), kept under their own prefixes so they never count against a
//! sign-in. A newer application of the same email supersedes an unconfirmed one (a double click
//! leaves one working link).

use crate::{
    auth::store::key_hash,
    domain::forms::{FormErrors, optional},
    domain::{AddressKind, CustomerKind, RelationshipStatus, Service, token},
    error::{AppError, AppResult},
    i18n::{L10n, Lang, Msg, Zone},
    mail::{self, messages},
    models::{
        access::{customer_user, login_attempt, staff::Staff},
        approvals::{
            announcements,
            approval::{Asker, NewRequest, Request, RequestForm, Requester},
        },
        customers::{
            address::{AddressInput, AddressLines},
            contact::{ContactInput, ContactRow},
            customer::{self, Customer, CustomerInput},
            customer_form::CustomerForm,
            history::{self, Author, Entity, FieldChange},
        },
        reference::Reference,
    },
    schema::{applications, customer_addresses, customer_contacts, customers},
};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

/// How long the confirmation link works.
pub const CONFIRM_HOURS: i64 = 48;
/// The throttle counts applications under these prefixes, apart from sign-ins.
const THROTTLE_PREFIX: &str = "apply:";

/// The public form, as sent: strings, so that a refused one comes back as typed. Kept as it is
/// (without the hidden field) until the applicant confirms.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ApplyForm {
    pub legal_name: String,
    pub customer_type: String,
    pub line1: String,
    pub line2: String,
    pub postcode: String,
    pub city: String,
    pub country: String,
    pub tax_id: String,
    pub phone: String,
    pub contact_name: String,
    pub email: String,
    pub services: Vec<String>,
    pub salesperson: String,
    pub message: String,
    /// The hidden field that catches simple bots: people never see it, so leave it empty.
    #[serde(skip_serializing)]
    pub homepage: String,
}

/// An application, checked and typed: what confirming it creates.
#[derive(Clone, Debug)]
pub struct Application {
    pub customer: CustomerInput,
    pub address: AddressInput,
    pub contact: ContactInput,
    pub request: NewRequest,
}

impl ApplyForm {
    /// True when the hidden field was filled in: a bot, answered as if accepted.
    pub fn is_bot(&self) -> bool {
        !self.homepage.trim().is_empty()
    }

    pub fn is_chosen(&self, service: &Service) -> bool {
        self.services.iter().any(|s| s == service.as_str())
    }

    /// Checks the form with the checks of the staff's forms (customer, address, contact) and
    /// the portal's request form; amounts and the customer's language are `l`'s.
    pub fn parse(
        &self,
        refs: &Reference,
        salespeople: &[(i64, String)],
        l: &L10n,
    ) -> Result<Application, FormErrors> {
        let mut errors = FormErrors::new();
        if self.email.trim().is_empty() {
            errors.add("email", Msg::new("apply-email-missing"));
        }
        let customer = self.customer_form(refs, l);
        let customer = CustomerInput::parse(&customer, refs, l).map_err(|e| {
            // The salesperson is the request form's field here.
            copy_errors(&e, &mut errors, &[("salesperson_id", "")]);
        });
        let address = self.address();
        copy_errors(&address.check(), &mut errors, &[]);
        let contact = self.contact();
        copy_errors(&contact.check(), &mut errors, &[("name", "contact_name")]);
        let asked = RequestForm {
            services: self.services.clone(),
            salesperson: self.salesperson.clone(),
            message: self.message.clone(),
        };
        let request = NewRequest::parse(&asked, Service::ALL, salespeople, Asker::Customer)
            .map_err(|e| copy_errors(&e, &mut errors, &[]));
        match (customer, request) {
            (Ok(customer), Ok(request)) if errors.is_empty() => Ok(Application {
                customer,
                address,
                contact,
                request,
            }),
            _ => Err(errors),
        }
    }

    /// The staff's new-customer form, filled from this one.
    fn customer_form(&self, refs: &Reference, l: &L10n) -> CustomerForm {
        CustomerForm {
            legal_name: self.legal_name.clone(),
            customer_type: self.customer_type.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            tax_id: self.tax_id.clone(),
            salesperson_id: self.salesperson.clone(),
            language: l.lang.code().to_string(),
            ..CustomerForm::blank(CustomerKind::Customer, refs, l)
        }
    }

    /// The customer's first address: its primary and default billing one.
    fn address(&self) -> AddressInput {
        AddressInput {
            kind: AddressKind::Billing,
            lines: AddressLines {
                label: None,
                line1: self.line1.trim().to_string(),
                line2: optional(&self.line2),
                city: self.city.trim().to_string(),
                region: None,
                postcode: optional(&self.postcode),
                country: self.country.trim().to_ascii_uppercase(),
                phone: None,
            },
            is_primary: true,
            is_default_billing: true,
            is_default_shipping: false,
        }
    }

    /// The customer's first contact, the applicant: primary, with the email applied with.
    fn contact(&self) -> ContactInput {
        ContactInput {
            name: self.contact_name.trim().to_string(),
            job_title: None,
            email: optional(&self.email),
            phone: optional(&self.phone),
            is_primary: true,
            events: Vec::new(),
        }
    }
}

/// Copies `from`'s messages into `to`, renaming fields by `renames` (an empty new name drops
/// the message).
pub fn copy_errors(from: &FormErrors, to: &mut FormErrors, renames: &[(&str, &str)]) {
    for field in from.fields() {
        let name = renames
            .iter()
            .find(|(old, _)| *old == field)
            .map_or(field, |(_, new)| *new);
        if let (false, Some(message)) = (name.is_empty(), from.get(field)) {
            to.add(name, message.clone());
        }
    }
}

/// What became of a sent application.
#[derive(Debug)]
pub enum Applied {
    /// Kept, and the confirmation link mailed.
    Sent,
    /// Too many applications from this address or for this email: refused until then.
    Throttled(DateTime<Utc>),
}

/// Where an application comes from, and how many it may send in what time.
pub struct Sender<'a> {
    pub client_addr: &'a str,
    pub max: i64,
    pub window: std::time::Duration,
    pub base_url: &'a str,
}

/// Keeps a checked application and mails its confirmation link in `l`'s language, unless its
/// email or address has sent too many lately; in the caller's transaction.
pub fn submit(
    conn: &mut PgConnection,
    form: &ApplyForm,
    l: &L10n,
    from: &Sender,
) -> AppResult<Applied> {
    let email = form.email.trim().to_lowercase();
    let (key, addr) = (
        format!("{THROTTLE_PREFIX}{email}"),
        format!("{THROTTLE_PREFIX}{}", from.client_addr),
    );
    if let Some(until) = login_attempt::throttled_until(conn, &key, &addr, from.max, from.window)? {
        log::warn!("application from {} throttled", from.client_addr);
        return Ok(Applied::Throttled(until));
    }
    // Counted as a failure: the throttle counts failures, and an application never signs in.
    login_attempt::record(conn, &key, &addr, false)?;
    keep(conn, form, l, from.client_addr, from.base_url)?;
    Ok(Applied::Sent)
}

/// Keeps an application (superseding an unconfirmed one of its email) and mails its link in
/// `l`'s language; returns the link's token (the demo confirms it at once).
pub fn keep(
    conn: &mut PgConnection,
    form: &ApplyForm,
    l: &L10n,
    client_addr: &str,
    base_url: &str,
) -> AppResult<String> {
    let email = form.email.trim().to_lowercase();
    diesel::update(
        applications::table
            .filter(crate::models::lower(applications::email).eq(&email))
            .filter(applications::status.eq("unconfirmed")),
    )
    .set(applications::status.eq("superseded"))
    .execute(conn)?;
    let token = token::random_hex(32);
    let expires = Utc::now() + Duration::hours(CONFIRM_HOURS);
    let data = serde_json::to_value(form).map_err(|e| AppError::internal(e.to_string()))?;
    diesel::insert_into(applications::table)
        .values((
            applications::email.eq(&email),
            applications::language.eq(l.lang.code()),
            applications::form.eq(data),
            applications::token_hash.eq(key_hash(&token)),
            applications::client_addr.eq(client_addr),
            applications::expires_at.eq(expires),
        ))
        .execute(conn)?;
    let to = messages::Recipient {
        name: Some(form.contact_name.trim().to_string()),
        address: email,
        l: l.clone(),
    };
    let message = messages::ApplicationConfirm {
        name: form.contact_name.trim().to_string(),
        company: form.legal_name.trim().to_string(),
        link: format!("{base_url}/portal/apply/{token}"),
        hours: CONFIRM_HOURS,
    };
    mail::enqueue(conn, &[messages::application_confirm(&to, message)?])?;
    Ok(token)
}

/// What following a confirmation link came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Confirmed {
    /// The customer and its request now exist.
    Created { customer_id: i64, request_id: i64 },
    /// Confirmed before: nothing more was created.
    Already,
    /// No such link, or it expired or was superseded.
    Dead,
}

#[derive(Queryable)]
struct Pending {
    id: i64,
    language: String,
    form: serde_json::Value,
    status: String,
    expires_at: DateTime<Utc>,
}

/// What a confirmation link's page shows: "ask" (a button) while it can be confirmed,
/// "already" once it was; None when it is no link, or expired, or superseded.
pub fn state_of(conn: &mut PgConnection, token: &str) -> QueryResult<Option<&'static str>> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let found: Option<(String, DateTime<Utc>)> = applications::table
        .filter(applications::token_hash.eq(key_hash(token)))
        .select((applications::status, applications::expires_at))
        .first(conn)
        .optional()?;
    Ok(match found {
        Some((status, _)) if status == "confirmed" => Some("already"),
        Some((status, expires)) if status == "unconfirmed" && expires > Utc::now() => Some("ask"),
        _ => None,
    })
}

/// Follows a confirmation link: the first time, creates the pending customer with its address,
/// contact and request (routed and announced), all in the caller's transaction.
pub fn confirm(conn: &mut PgConnection, token: &str, at: &Place) -> AppResult<Confirmed> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(Confirmed::Dead);
    }
    let found: Option<Pending> = applications::table
        .filter(applications::token_hash.eq(key_hash(token)))
        .for_update()
        .select((
            applications::id,
            applications::language,
            applications::form,
            applications::status,
            applications::expires_at,
        ))
        .first(conn)
        .optional()?;
    let Some(pending) = found else {
        return Ok(Confirmed::Dead);
    };
    match pending.status.as_str() {
        "confirmed" => return Ok(Confirmed::Already),
        "unconfirmed" if pending.expires_at > Utc::now() => {}
        _ => return Ok(Confirmed::Dead),
    }
    let form: ApplyForm =
        serde_json::from_value(pending.form).map_err(|e| AppError::internal(e.to_string()))?;
    let lang = Lang::parse(&pending.language).unwrap_or_else(Lang::english);
    let l = L10n::new(lang, Zone::utc());
    let refs = Reference::load(conn)?;
    let salespeople = Staff::salespeople(conn)?;
    let Ok(application) = form.parse(&refs, &salespeople, &l) else {
        // Something it named is gone since (its salesperson left): it cannot be confirmed.
        log::warn!("application {} no longer valid at confirmation", pending.id);
        return Ok(Confirmed::Dead);
    };
    let (customer_id, request_id) = create_prospect(conn, &application, at)?;
    diesel::update(applications::table.find(pending.id))
        .set((
            applications::status.eq("confirmed"),
            applications::confirmed_at.eq(Some(Utc::now())),
            applications::customer_id.eq(Some(customer_id)),
            applications::request_id.eq(Some(request_id)),
        ))
        .execute(conn)?;
    Ok(Confirmed::Created {
        customer_id,
        request_id,
    })
}

/// Where the application lands: the links' base, and the domain of price-list addresses.
pub struct Place {
    pub base_url: String,
    pub price_list_domain: String,
}

/// The applicant as the history names them.
fn applicant_label(contact: &ContactInput) -> String {
    format!("{} (applicant)", contact.name)
}

/// Creates the customer (pending), its address and contact, and records its request.
fn create_prospect(
    conn: &mut PgConnection,
    application: &Application,
    at: &Place,
) -> AppResult<(i64, i64)> {
    let label = applicant_label(&application.contact);
    let author = Author::Applicant(label.clone());
    let domain = &at.price_list_domain;
    let created = customer::create(conn, application.customer.clone(), &author, domain).map_err(
        |e| match e {
            customer::SaveError::Failed(e) => e,
            other => AppError::internal(format!("an application's customer: {other:?}")),
        },
    )?;
    make_pending(conn, created.id)?;
    let customer = Customer::find(conn, created.id)?;
    add_address_and_contact(conn, &customer, application, &label)?;
    let requester = Requester::Applicant {
        label: label.clone(),
    };
    let by = Msg::new("apply-requested-by")
        .arg("name", application.contact.name.as_str())
        .arg(
            "email",
            application.contact.email.clone().unwrap_or_default(),
        );
    let request = announcements::record_request(
        conn,
        customer.id,
        &application.request,
        &requester,
        &by,
        &at.base_url,
    )?;
    Ok((customer.id, request.id))
}

/// A new customer's relationship starts as pending (a relationship is made on approval).
pub fn make_pending(conn: &mut PgConnection, customer_id: i64) -> QueryResult<()> {
    diesel::update(customers::table.find(customer_id))
        .set(customers::relationship_status.eq(RelationshipStatus::Pending))
        .execute(conn)
        .map(|_| ())
}

/// What the staff's new-customer form asks besides the customer, when its relationship is to
/// be pending: the request for its services (staff's words, the salesperson the customer's
/// field). None for an active relationship.
pub fn pending_request(
    conn: &mut PgConnection,
    form: &CustomerForm,
) -> QueryResult<Option<Result<NewRequest, FormErrors>>> {
    if !form.is_pending() {
        return Ok(None);
    }
    let asked = RequestForm {
        services: form.services.clone(),
        salesperson: form.salesperson_id.clone(),
        message: String::new(),
    };
    let salespeople = Staff::salespeople(conn)?;
    Ok(Some(
        NewRequest::parse(&asked, Service::ALL, &salespeople, Asker::Staff).map_err(|e| {
            let mut errors = FormErrors::new();
            copy_errors(&e, &mut errors, &[("salesperson", "salesperson_id")]);
            errors
        }),
    ))
}

/// A customer staff just created, made pending with its first request in the queue, recorded
/// and announced as staff's requests are.
pub fn hold_pending(
    conn: &mut PgConnection,
    customer_id: i64,
    new: &NewRequest,
    (staff_id, staff_name): (i64, &str),
    base_url: &str,
) -> AppResult<Request> {
    make_pending(conn, customer_id)?;
    let by = Msg::new("refusal-requested-by-staff").arg("name", staff_name);
    let requester = Requester::Staff(staff_id);
    announcements::record_request(conn, customer_id, new, &requester, &by, base_url)
}

/// The applicant's address and contact, each the customer's first (primary), in its history.
fn add_address_and_contact(
    conn: &mut PgConnection,
    customer: &Customer,
    application: &Application,
    label: &str,
) -> AppResult<()> {
    let address: i64 = diesel::insert_into(customer_addresses::table)
        .values((
            &application.address,
            customer_addresses::customer_id.eq(customer.id),
        ))
        .returning(customer_addresses::id)
        .get_result(conn)?;
    let changes = history::whole(&application.address.describe(), true);
    created(conn, (customer, label), Entity::Address, address, &changes)?;
    let c = &application.contact;
    let row = ContactRow {
        name: &c.name,
        job_title: None,
        email: c.email.as_deref(),
        phone: c.phone.as_deref(),
        is_primary: true,
        subscriptions: Vec::new(),
    };
    let contact: i64 = diesel::insert_into(customer_contacts::table)
        .values((row, customer_contacts::customer_id.eq(customer.id)))
        .returning(customer_contacts::id)
        .get_result(conn)?;
    let changes = history::whole(&c.describe(), true);
    created(conn, (customer, label), Entity::Contact, contact, &changes)?;
    Ok(())
}

/// The customer's history of one record the application created, signed with the applicant's
/// `label`.
fn created(
    conn: &mut PgConnection,
    (customer, label): (&Customer, &str),
    entity: Entity,
    id: i64,
    changes: &[FieldChange],
) -> QueryResult<()> {
    let (staff, actor) = (None, Some(label));
    history::record_as(
        conn,
        customer,
        staff,
        actor,
        entity,
        Some(id),
        "create",
        changes,
    )
}

/// After a decision: an approved application's applicant is invited as the customer's first
/// portal user, in their language (the customer's), unless their email has an account already.
/// Returns whether an invitation went out.
pub fn welcome(
    conn: &mut PgConnection,
    request: &Request,
    staff_id: i64,
    base_url: &str,
) -> AppResult<bool> {
    if request.status != crate::domain::RequestStatus::Approved {
        return Ok(false);
    }
    let found: Option<serde_json::Value> = applications::table
        .filter(applications::request_id.eq(request.id))
        .filter(applications::status.eq("confirmed"))
        .select(applications::form)
        .first(conn)
        .optional()?;
    let Some(form) = found else {
        return Ok(false);
    };
    let form: ApplyForm =
        serde_json::from_value(form).map_err(|e| AppError::internal(e.to_string()))?;
    let (name, email) = (form.contact_name.trim(), form.email.trim());
    if customer_user::CustomerUser::find_by_email(conn, email)?.is_some() {
        log::info!(
            "applicant of request {} has a portal account already",
            request.id
        );
        return Ok(false);
    }
    customer_user::invite(conn, request.customer_id, name, email, staff_id, base_url)?;
    Ok(true)
}
