//! The customer's contacts, for its admins (`/portal/contacts`): the people the vendor talks
//! to and what each is notified of, added, edited and deleted through the staff's own model
//! functions (`sub_record`: the same rules, the primary flag, a stale form refused, the oldest
//! other contact made primary when the primary one goes) and signed in the customer's history
//! as the user who changed them. Only the user's own customer's contacts (another's is not
//! found).

use crate::routes::customers::sub_records::{Posted, added_text, deleted_text};
use crate::routes::prelude::*;
use crate::{
    domain::forms::SaveError,
    domain::{ContactEvent, CustomerId},
    models::customers::{
        contact::{Contact, ContactFields},
        customer,
        history::Author,
        sub_record::{self, LIST_LIMIT, Rows, SubRecord},
    },
};
use diesel::PgConnection;

const LIST: &str = "/portal/contacts";

#[derive(Template)]
#[template(path = "portal/contacts.html")]
pub struct ContactsPage {
    layout: PortalLayout,
    contacts: Vec<Contact>,
}

pub async fn index(desk: PortalDesk) -> Reply {
    let customer_id = desk.who.customer.id;
    let (contacts, _) = desk
        .run(move |conn| {
            Ok(sub_record::for_customer::<Contact>(
                conn,
                customer_id,
                LIST_LIMIT,
            )?)
        })
        .await?;
    desk.show(Msg::new("portal-contacts-title"), "contacts", |layout| {
        ContactsPage { layout, contacts }
    })
}

#[derive(Template)]
#[template(path = "portal/contact.html")]
pub struct ContactPage {
    layout: PortalLayout,
    /// None for a new contact.
    id: Option<i64>,
    version: i32,
    fields: ContactFields,
    errors: FormErrors,
    /// Whether other customers bill to this one: only then are the sell-to events offered.
    bill_to: bool,
}

impl ContactPage {
    /// The events this customer's contacts may be notified of.
    fn events(&self) -> Vec<ContactEvent> {
        ContactEvent::ALL
            .iter()
            .copied()
            .filter(|e| self.bill_to || !e.bill_to_only())
            .collect()
    }

    /// Where the form goes: the contact's own address, or the list's for a new one.
    fn action(&self) -> String {
        match self.id {
            Some(id) => format!("{LIST}/{id}"),
            None => LIST.to_string(),
        }
    }
}

/// The page of a new contact: blank, or the form as sent with its messages.
async fn new_page(
    desk: &PortalDesk,
    sent: Option<(ContactFields, FormErrors)>,
) -> AppResult<ContactPage> {
    let customer_id = desk.who.customer.id;
    let bill_to = desk
        .run(move |conn| Ok(customer::is_bill_to(conn, customer_id)?))
        .await?;
    let (fields, errors) = sent.unwrap_or_else(|| (Contact::blank(), FormErrors::new()));
    let layout = desk.layout()?.titled(Msg::new("portal-contact-new-title"));
    Ok(ContactPage {
        layout: layout.in_section("contacts"),
        id: None,
        version: 0,
        fields,
        errors,
        bill_to,
    })
}

/// `GET /portal/contacts/new`: the "add a contact" form.
pub async fn new(desk: PortalDesk) -> Reply {
    respond::page(StatusCode::OK, &new_page(&desk, None).await?)
}

/// Adds the contact unless the fields break a rule (then their messages, nothing written);
/// the list's path when it was added.
fn add(
    conn: &mut PgConnection,
    customer_id: i64,
    by: Author,
    fields: &ContactFields,
) -> AppResult<(Result<Msg, FormErrors>, Option<String>)> {
    let bill_to = Contact::context(conn, customer_id)?;
    let added = Contact::parse(fields, bill_to)
        .map_err(SaveError::Invalid)
        .and_then(|input| sub_record::create(conn, customer_id, by, input));
    match added {
        Ok(contact) => Ok((Ok(added_text(&contact)), Some(LIST.to_string()))),
        Err(SaveError::Invalid(errors)) => Ok((Err(errors), None)),
        Err(SaveError::Stale(_)) => Err(AppError::internal("a new contact cannot be stale")),
        Err(SaveError::Failed(e)) => Err(e),
    }
}

/// `POST /portal/contacts`: adds the contact, once per form.
pub async fn create(desk: PortalDesk, body: web::Bytes, submission: Submission) -> Reply {
    desk.frame_first()?;
    let fields = Posted::<ContactFields>::read(&body)?.fields;
    let (customer_id, by, to_save) = (desk.who.customer.id, desk.who.user.author(), fields.clone());
    let work = move |conn: &mut PgConnection| add(conn, customer_id, by, &to_save);
    match submission.once(desk.pool(), work).await? {
        Once::First(Ok(text)) => desk.done(text, LIST),
        Once::First(Err(errors)) => respond::again(&new_page(&desk, Some((fields, errors))).await?),
        Once::Repeat(location) => Ok(see_other(&location)),
    }
}

/// The contact's page: the contact as it is now, or the form as sent with its messages.
async fn page(
    desk: &PortalDesk,
    id: i64,
    sent: Option<(ContactFields, FormErrors)>,
) -> AppResult<ContactPage> {
    let customer_id = desk.who.customer.id;
    let (contact, bill_to) = desk
        .run(move |conn| {
            let contact = Contact::find(conn, CustomerId(customer_id), id)?;
            Ok((contact, customer::is_bill_to(conn, customer_id)?))
        })
        .await?;
    let (fields, errors) =
        sent.unwrap_or_else(|| (ContactFields::from(&contact), FormErrors::new()));
    let layout = desk
        .layout()?
        .titled(Msg::new("portal-contact-title").arg("name", contact.name.as_str()));
    Ok(ContactPage {
        layout: layout.in_section("contacts"),
        id: Some(id),
        version: contact.lock_version(),
        fields,
        errors,
        bill_to,
    })
}

pub async fn edit(desk: PortalDesk, path: web::Path<i64>) -> Reply {
    respond::page(StatusCode::OK, &page(&desk, path.into_inner(), None).await?)
}

/// `POST /portal/contacts/{id}`: saves the contact and its notifications, unless someone
/// changed it since the form was opened (then the form shows it as it is now).
pub async fn save(desk: PortalDesk, path: web::Path<i64>, body: web::Bytes) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let Posted { fields, version } = Posted::<ContactFields>::read(&body)?;
    let expected = version.ok_or_else(respond::unreadable)?;
    let (customer_id, by, to_save) = (desk.who.customer.id, desk.who.user.author(), fields.clone());
    let saved = desk
        .run(move |conn| {
            match sub_record::update::<Contact>(
                conn,
                CustomerId(customer_id),
                id,
                by,
                expected,
                &to_save,
            ) {
                Ok(saved) => Ok(Ok(saved)),
                Err(SaveError::Invalid(errors)) => Ok(Err(Some(errors))),
                Err(SaveError::Stale(_)) => Ok(Err(None)),
                Err(SaveError::Failed(e)) => Err(e),
            }
        })
        .await?;
    let path = format!("/portal/contacts/{id}");
    match saved {
        Ok(saved) => desk.done(
            Msg::new("portal-contact-saved").arg("name", saved.name()),
            LIST,
        ),
        Err(Some(errors)) => respond::again(&page(&desk, id, Some((fields, errors))).await?),
        Err(None) => desk.refused(Msg::new("portal-contact-stale"), &path),
    }
}

#[derive(Template)]
#[template(path = "portal/contact_delete.html")]
pub struct DeletePage {
    layout: PortalLayout,
    contact: Contact,
    /// How many contacts the customer has, this one included.
    count: i64,
}

/// `GET /portal/contacts/{id}/delete`: asks before the contact is deleted, saying what the
/// staff's rules will do (the oldest other contact becomes primary; the last leaves none).
pub async fn confirm_delete(desk: PortalDesk, path: web::Path<i64>) -> Reply {
    let (customer_id, id) = (desk.who.customer.id, path.into_inner());
    let (contact, count) = desk
        .run(move |conn| {
            let contact = Contact::find(conn, CustomerId(customer_id), id)?;
            Ok((contact, Contact::count(conn, customer_id)?))
        })
        .await?;
    let title = Msg::new("portal-contact-delete-title").arg("name", contact.name.as_str());
    let layout = desk.layout()?.titled(title).in_section("contacts");
    respond::page(
        StatusCode::OK,
        &DeletePage {
            layout,
            contact,
            count,
        },
    )
}

/// `DELETE /portal/contacts/{id}` (a POST with `_method=delete`): deletes the contact as
/// staff do, signed as the user.
pub async fn delete(desk: PortalDesk, path: web::Path<i64>) -> Reply {
    let (customer_id, id, by) = (
        desk.who.customer.id,
        path.into_inner(),
        desk.who.user.author(),
    );
    let deleted = desk
        .run(move |conn| {
            Ok(sub_record::delete::<Contact>(
                conn,
                CustomerId(customer_id),
                id,
                by,
            )?)
        })
        .await?;
    desk.done(deleted_text(&deleted), LIST)
}
