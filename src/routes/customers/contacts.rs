//! A customer's contacts and what each is notified of.
//!
//! As with addresses: every query is scoped by the customer in the path (another customer's
//! contact id is a 404 and nothing is written), and an edit over someone else's newer save is a
//! 409 with the contact as it is now. The sell-to events are offered, and accepted, only for a
//! customer that other customers bill to.

use crate::routes::layout::CustomerHeader;
use crate::{
    auth::{CurrentStaff, session},
    db::{self, DbPool},
    domain::ContactEvent,
    domain::CustomerId,
    error::{AppError, AppResult},
    models::{
        customers::address::SaveError,
        customers::contact::{self, Contact, ContactFields, ContactInput},
        customers::customer,
        customers::sub_record::{self, Meanwhile},
    },
    routes::forms::{FormErrors, HtmlForm},
    routes::layout::Layout,
    routes::respond::{self, see_other},
    routes::submission::{Once, Submission},
};
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

const LIST_LIMIT: i64 = 1000;

fn list_path(customer_id: i64) -> String {
    format!("/customers/{customer_id}/contacts")
}

// The list ------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "customers/contacts/index.html")]
pub struct ContactsPage {
    layout: Layout,
    header: CustomerHeader,
    contacts: Vec<Contact>,
    total: i64,
}

pub async fn index(
    layout: Layout,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (header, (contacts, total)) = db::run(&pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "contacts")?;
        Ok((header, Contact::for_customer(conn, id, LIST_LIMIT)?))
    })
    .await?;
    let title = format!("Contacts · {}", header.customer.display_name());
    respond::page(
        StatusCode::OK,
        &ContactsPage {
            layout: layout.titled(title),
            header,
            contacts,
            total,
        },
    )
}

// The form ------------------------------------------------------------------------------------

/// The form as posted. `subscriptions` repeats, one value per ticked box.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContactForm {
    name: String,
    job_title: String,
    email: String,
    phone: String,
    is_primary: Option<String>,
    subscriptions: Vec<String>,
    version: Option<i32>,
}

impl From<ContactForm> for ContactFields {
    fn from(f: ContactForm) -> Self {
        ContactFields {
            name: f.name,
            job_title: f.job_title,
            email: f.email,
            phone: f.phone,
            is_primary: f.is_primary.is_some(),
            subscriptions: f.subscriptions,
        }
    }
}

fn meanwhile(current: &Contact, fields: &ContactFields) -> Vec<Meanwhile> {
    sub_record::meanwhile(
        current.input().describe(),
        ContactInput::read(fields).0.describe(),
    )
}

#[derive(Template)]
#[template(path = "customers/contacts/form.html")]
pub struct ContactFormPage {
    layout: Layout,
    header: CustomerHeader,
    contact_id: Option<i64>,
    version: i32,
    was_primary: bool,
    /// Whether other customers bill to this one: only then are the sell-to events offered.
    is_bill_to: bool,
    fields: ContactFields,
    errors: FormErrors,
    changed: Option<Vec<Meanwhile>>,
}

impl ContactFormPage {
    fn new(layout: Layout, header: CustomerHeader, is_bill_to: bool) -> Self {
        let title = format!("Add a contact · {}", header.customer.display_name());
        ContactFormPage {
            layout: layout.titled(title),
            header,
            contact_id: None,
            version: 0,
            was_primary: false,
            is_bill_to,
            fields: ContactFields::default(),
            errors: FormErrors::new(),
            changed: None,
        }
    }

    fn editing(
        layout: Layout,
        header: CustomerHeader,
        is_bill_to: bool,
        contact: &Contact,
    ) -> Self {
        let title = format!("Edit contact · {}", header.customer.display_name());
        ContactFormPage {
            layout: layout.titled(title),
            header,
            contact_id: Some(contact.id),
            version: contact.lock_version,
            was_primary: contact.is_primary,
            is_bill_to,
            fields: ContactFields::from(contact),
            errors: FormErrors::new(),
            changed: None,
        }
    }

    fn noun(&self) -> &'static str {
        "contact"
    }

    fn list_path(&self) -> String {
        list_path(self.header.customer.id)
    }

    fn action(&self) -> String {
        match self.contact_id {
            Some(c) => format!("/customers/{}/contacts/{c}", self.header.customer.id),
            None => format!("/customers/{}/contacts", self.header.customer.id),
        }
    }

    /// The edited contact has sell-to events that this customer is no longer offered (saving
    /// drops them).
    fn unoffered(&self) -> bool {
        self.contact_id.is_some()
            && !self.errors.has("subscriptions")
            && self.fields.has_unoffered(self.is_bill_to)
    }

    /// The events this customer's contacts may be notified of.
    fn events(&self) -> Vec<ContactEvent> {
        ContactEvent::ALL
            .iter()
            .copied()
            .filter(|e| self.is_bill_to || !e.bill_to_only())
            .collect()
    }
}

pub async fn new(
    layout: Layout,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (header, is_bill_to) = db::run(&pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "contacts")?;
        Ok((header, customer::is_bill_to(conn, id)?))
    })
    .await?;
    respond::page(
        StatusCode::OK,
        &ContactFormPage::new(layout, header, is_bill_to),
    )
}

pub async fn create(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    form: HtmlForm<ContactForm>,
    pool: web::Data<DbPool>,
    session: Session,
    submission: Submission,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let fields = ContactFields::from(form.0);
    let staff_id = staff.id;
    let to_save = fields.clone();
    let saved = submission
        .once(&pool, move |conn| {
            let header = CustomerHeader::load(conn, id, "contacts")?;
            let is_bill_to = customer::is_bill_to(conn, id)?;
            let result = match ContactInput::parse(&to_save, is_bill_to) {
                Ok(input) => contact::create(conn, id, staff_id, input),
                Err(errors) => Err(SaveError::Invalid(errors)),
            };
            let location = result.is_ok().then(|| list_path(id));
            Ok(((header, is_bill_to, result), location))
        })
        .await?;
    let (header, is_bill_to, result) = match saved {
        Once::First(saved) => saved,
        Once::Repeat(location) => return Ok(see_other(&location)),
    };
    match result {
        Ok(saved) => {
            let text = if saved.is_primary {
                format!("Contact {} added as the primary contact.", saved.name)
            } else {
                format!("Contact {} added.", saved.name)
            };
            session::flash(&session, session::FlashLevel::Success, text);
            Ok(see_other(&list_path(id)))
        }
        Err(SaveError::Invalid(errors)) => {
            let mut page = ContactFormPage::new(layout, header, is_bill_to);
            page.fields = fields;
            page.errors = errors;
            respond::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(SaveError::Stale(_)) => Err(AppError::internal("a new contact cannot be stale")),
        Err(SaveError::Failed(e)) => Err(e),
    }
}

pub async fn edit(
    layout: Layout,
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let (id, contact_id) = path.into_inner();
    let (header, is_bill_to, contact) = db::run(&pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "contacts")?;
        let contact = Contact::find(conn, CustomerId(id), contact_id)?;
        Ok((header, customer::is_bill_to(conn, id)?, contact))
    })
    .await?;
    respond::page(
        StatusCode::OK,
        &ContactFormPage::editing(layout, header, is_bill_to, &contact),
    )
}

pub async fn update(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<(i64, i64)>,
    form: HtmlForm<ContactForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let (id, contact_id) = path.into_inner();
    let form = form.0;
    let expected = form.version.ok_or_else(respond::unreadable)?;
    let fields = ContactFields::from(form);
    let staff_id = staff.id;
    let to_save = fields.clone();
    let (header, is_bill_to, current, result) = db::run(&pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "contacts")?;
        let current = Contact::find(conn, CustomerId(id), contact_id)?;
        let is_bill_to = customer::is_bill_to(conn, id)?;
        let result = contact::update(
            conn,
            CustomerId(id),
            contact_id,
            staff_id,
            expected,
            &to_save,
        );
        Ok((header, is_bill_to, current, result))
    })
    .await?;
    match result {
        Ok(saved) => {
            session::flash(
                &session,
                session::FlashLevel::Success,
                format!("Contact {} saved.", saved.name),
            );
            Ok(see_other(&list_path(id)))
        }
        Err(SaveError::Invalid(errors)) => {
            let mut page = ContactFormPage::editing(layout, header, is_bill_to, &current);
            page.fields = fields;
            page.errors = errors;
            respond::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(SaveError::Stale(now)) => {
            log::info!(
                "staff {staff_id}: stale edit of contact {contact_id} of customer {id} refused"
            );
            // The form now carries the current version: saving again, after a look at what
            // changed, is a deliberate choice to replace it.
            let mut page = ContactFormPage::editing(layout, header, is_bill_to, &now);
            page.changed = Some(meanwhile(&now, &fields));
            page.fields = fields;
            respond::page(StatusCode::CONFLICT, &page)
        }
        Err(SaveError::Failed(e)) => Err(e),
    }
}

pub async fn delete(
    staff: CurrentStaff,
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let (id, contact_id) = path.into_inner();
    let staff_id = staff.id;
    let deleted = db::run(&pool, move |conn| {
        Ok(contact::delete(conn, CustomerId(id), contact_id, staff_id)?)
    })
    .await?;
    let mut text = format!("Contact {} deleted.", deleted.contact.name);
    if let Some(p) = &deleted.promoted {
        text.push_str(&format!(" {} is now the primary contact.", p.name));
    }
    session::flash(&session, session::FlashLevel::Success, text);
    Ok(see_other(&list_path(id)))
}
