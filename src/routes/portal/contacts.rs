//! The customer's contacts, for its admins (`/portal/contacts`): the people the vendor talks
//! to and what each is notified of, edited through the staff's own model functions
//! (`sub_record`: the same rules, the primary flag, a stale form refused) and signed in the
//! customer's history as the user who changed them. Only the user's own customer's contacts
//! (another's is not found).

use crate::routes::customers::sub_records::Posted;
use crate::routes::prelude::*;
use crate::{
    domain::forms::SaveError,
    domain::{ContactEvent, CustomerId},
    models::customers::{
        contact::{Contact, ContactFields},
        customer,
        sub_record::{self, LIST_LIMIT, Rows, SubRecord},
    },
};

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
    id: i64,
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
        id,
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
            "/portal/contacts",
        ),
        Err(Some(errors)) => respond::again(&page(&desk, id, Some((fields, errors))).await?),
        Err(None) => desk.refused(Msg::new("portal-contact-stale"), &path),
    }
}
