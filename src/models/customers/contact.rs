//! A customer's contacts: the people to talk to, one of them primary, and what each is notified
//! of. The sell-to events go only to contacts of a bill-to customer (one that other customers
//! bill to).
//!
//! As with addresses, changes go through the sub-record skeleton (`sub_record`): it locks the
//! customer row, moves the primary flag by clearing it before setting it (the partial unique
//! index is checked at once), refuses a stale edit and writes the history. This file keeps what
//! is a contact's own: its columns and list order, its notifications, its rules and words, and
//! whom to write to at a customer.

use crate::i18n::Msg;
use crate::models::customers::{
    customer::{self, Customer},
    history::Entity,
    sub_record::{self, MAX_LEN, SubRecord, shared_columns, text, ticked, yes_no},
};
use crate::{
    domain::CustomerId,
    domain::forms::{Fields, FormErrors, optional},
    domain::{ContactEvent, EmailAddress, Phone, Text},
    mail::messages::Recipient,
    schema::customer_contacts,
};
use chrono::{DateTime, Utc};
use diesel::{dsl::sql, prelude::*, sql_types};

pub use sub_record::create;

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = customer_contacts, check_for_backend(diesel::pg::Pg))]
pub struct Contact {
    pub id: i64,
    pub customer_id: i64,
    pub name: String,
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub is_primary: bool,
    pub subscriptions: Vec<Option<String>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Bumped by every change; an edit form carries it and a save from an older one is stale.
    pub lock_version: i32,
}

impl Contact {
    /// What the contact is notified of, in the vocabulary's order (unknown names are skipped).
    pub fn events(&self) -> Vec<ContactEvent> {
        ContactEvent::ALL
            .iter()
            .copied()
            .filter(|e| self.subscriptions.iter().flatten().any(|s| s == e.as_str()))
            .collect()
    }

    pub fn subscribes_to(&self, event: &ContactEvent) -> bool {
        self.events().contains(event)
    }
}

// The list: primary first, then by name.
shared_columns!(
    Contact,
    ContactInput,
    customer_contacts,
    order: (
        customer_contacts::is_primary.desc(),
        sql::<sql_types::Text>("lower(customer_contacts.name)"),
        customer_contacts::id,
    )
);

impl SubRecord for Contact {
    type Fields = ContactFields;
    /// Whether other customers bill to this one: only then are the sell-to events allowed.
    type Context = bool;
    const ENTITY: Entity = Entity::Contact;
    const NOUN: &'static str = "contact";
    const PLURAL: &'static str = "contacts";

    fn name(&self) -> &str {
        &self.name
    }

    fn input(&self) -> ContactInput {
        ContactInput {
            name: self.name.clone(),
            job_title: self.job_title.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            is_primary: self.is_primary,
            events: self.events(),
        }
    }

    fn describe(input: &ContactInput) -> Vec<(&'static str, String)> {
        input.describe()
    }

    fn give_way(holder: ContactInput, claimed: &ContactInput) -> ContactInput {
        ContactInput {
            is_primary: holder.is_primary && !claimed.is_primary,
            ..holder
        }
    }

    /// Notifications not in the vocabulary are left out (`check_untyped` names them).
    fn read(fields: &ContactFields) -> ContactInput {
        let mut events = Vec::new();
        for e in fields.subscriptions.iter().filter_map(|s| s.parse().ok()) {
            if !events.contains(&e) {
                events.push(e);
            }
        }
        ContactInput {
            name: fields.name.trim().to_string(),
            job_title: optional(&fields.job_title),
            email: optional(&fields.email),
            phone: optional(&fields.phone),
            is_primary: fields.is_primary,
            events,
        }
    }

    fn check_untyped(fields: &ContactFields, errors: &mut FormErrors) {
        let known = |s: &String| s.parse::<ContactEvent>().is_ok();
        if !fields.subscriptions.iter().all(known) {
            errors.add(
                "subscriptions",
                Msg::new("customer-parts-contact-events-invalid"),
            );
        }
    }

    fn check(input: &ContactInput, is_bill_to: bool) -> FormErrors {
        let mut errors = input.check();
        input.check_events(is_bill_to, &mut errors);
        errors
    }

    fn context(conn: &mut PgConnection, customer_id: i64) -> QueryResult<bool> {
        customer::is_bill_to(conn, customer_id)
    }

    fn yield_flags(conn: &mut PgConnection, from: i64, to: i64) -> QueryResult<()> {
        let target_has_primary: bool = diesel::select(diesel::dsl::exists(
            customer_contacts::table
                .filter(customer_contacts::customer_id.eq(to))
                .filter(customer_contacts::is_primary),
        ))
        .get_result(conn)?;
        if target_has_primary {
            diesel::update(
                customer_contacts::table
                    .filter(customer_contacts::customer_id.eq(from))
                    .filter(customer_contacts::is_primary),
            )
            .set(customer_contacts::is_primary.eq(false))
            .execute(conn)?;
        }
        Ok(())
    }
}

/// What a person sets on a contact, typed and trimmed (empty optional text is None).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactInput {
    pub name: String,
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub is_primary: bool,
    /// Without duplicates, in any order.
    pub events: Vec<ContactEvent>,
}

/// A contact's columns as create and save write them.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = customer_contacts, treat_none_as_null = true)]
pub struct ContactRow<'a> {
    pub name: &'a str,
    pub job_title: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub is_primary: bool,
    pub subscriptions: Vec<String>,
}

impl ContactInput {
    fn row(&self) -> ContactRow<'_> {
        ContactRow {
            name: &self.name,
            job_title: self.job_title.as_deref(),
            email: self.email.as_deref(),
            phone: self.phone.as_deref(),
            is_primary: self.is_primary,
            subscriptions: self.subscriptions(),
        }
    }

    /// The flag alone, as `set_flags` writes it.
    fn flags(&self) -> diesel::dsl::Eq<customer_contacts::is_primary, bool> {
        customer_contacts::is_primary.eq(self.is_primary)
    }

    /// The primary contact, when this input claims the flag.
    fn claimed(&self) -> Option<sub_record::Claimed<customer_contacts::table>> {
        self.is_primary
            .then(|| -> sub_record::Claimed<customer_contacts::table> {
                Box::new(customer_contacts::is_primary)
            })
    }

    /// Messages for every field that breaks a rule, keyed by the form's field names. Whether
    /// the sell-to events may be chosen depends on the customer: see `check_events`.
    pub fn check(&self) -> FormErrors {
        let mut f = Fields::new();
        let name = Text::<MAX_LEN>::parse;
        f.required(
            "name",
            &self.name,
            "customer-parts-contact-name-missing",
            name,
        );
        f.optional(
            "job_title",
            self.job_title.as_deref().unwrap_or_default(),
            name,
        );
        f.optional(
            "email",
            self.email.as_deref().unwrap_or_default(),
            EmailAddress::parse,
        );
        f.optional(
            "phone",
            self.phone.as_deref().unwrap_or_default(),
            Phone::parse,
        );
        f.into_errors()
    }

    /// The sell-to events only for a customer that is a bill-to.
    pub fn check_events(&self, is_bill_to: bool, errors: &mut FormErrors) {
        if !is_bill_to && self.events.iter().any(ContactEvent::bill_to_only) {
            errors.add(
                "subscriptions",
                Msg::new("customer-parts-contact-sell-to-only"),
            );
        }
    }

    /// The events as stored: the vocabulary's order, no duplicates.
    fn subscriptions(&self) -> Vec<String> {
        ContactEvent::ALL
            .iter()
            .filter(|e| self.events.contains(e))
            .map(|e| e.as_str().to_string())
            .collect()
    }

    /// The contact in words, in form order, for history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let events: Vec<&str> = ContactEvent::ALL
            .iter()
            .filter(|e| self.events.contains(e))
            .map(ContactEvent::label)
            .collect();
        vec![
            ("Name", self.name.clone()),
            ("Job title", text(&self.job_title)),
            ("Email", text(&self.email)),
            ("Phone", text(&self.phone)),
            ("Primary", yes_no(self.is_primary)),
            ("Notifications", events.join(", ")),
        ]
    }
}

/// What the form's fields show: the person's input as typed (as posted: `subscriptions`
/// repeats, one value per ticked box), or the contact's values.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ContactFields {
    pub name: String,
    pub job_title: String,
    pub email: String,
    pub phone: String,
    #[serde(deserialize_with = "ticked")]
    pub is_primary: bool,
    pub subscriptions: Vec<String>,
}

impl From<&Contact> for ContactFields {
    fn from(c: &Contact) -> Self {
        ContactFields {
            name: c.name.clone(),
            job_title: text(&c.job_title),
            email: text(&c.email),
            phone: text(&c.phone),
            is_primary: c.is_primary,
            subscriptions: c.events().iter().map(|e| e.as_str().to_string()).collect(),
        }
    }
}

impl ContactFields {
    pub fn subscribes_to(&self, event: &ContactEvent) -> bool {
        self.subscriptions.iter().any(|s| s == event.as_str())
    }

    /// Ticked sell-to events that this customer is not offered (it no longer is a bill-to).
    pub fn has_unoffered(&self, is_bill_to: bool) -> bool {
        !is_bill_to
            && ContactEvent::ALL
                .iter()
                .any(|e| e.bill_to_only() && self.subscribes_to(e))
    }
}

/// Moves every contact of one customer to another (merging customers): see
/// `sub_record::move_all`.
pub fn move_to(conn: &mut PgConnection, from: i64, to: i64) -> QueryResult<usize> {
    sub_record::move_all::<Contact>(conn, from, to)
}

/// Whom to write to at a customer: its primary contact with an email address, else the
/// customer's own address.
pub fn recipient_for(
    conn: &mut PgConnection,
    customer: &Customer,
) -> QueryResult<Option<Recipient>> {
    let primary: Option<(String, Option<String>)> = customer_contacts::table
        .filter(customer_contacts::customer_id.eq(customer.id))
        .filter(customer_contacts::is_primary.eq(true))
        .select((customer_contacts::name, customer_contacts::email))
        .first(conn)
        .optional()?;
    let l = crate::models::access::customer_user::reader_for(conn, None, None, customer.id)?;
    Ok(match primary {
        Some((name, Some(address))) if !address.trim().is_empty() => Some(Recipient {
            name: Some(name),
            address,
            l,
        }),
        _ => customer
            .email
            .as_ref()
            .filter(|a| !a.trim().is_empty())
            .map(|address| Recipient {
                name: Some(customer.display_name().to_string()),
                address: address.clone(),
                l,
            }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ContactInput {
        ContactInput {
            name: "Ann Lee".into(),
            job_title: None,
            email: Some("ann@example.com".into()),
            phone: Some("+1 (555) 010-0000".into()),
            is_primary: false,
            events: vec![ContactEvent::InvoicePosted, ContactEvent::OrderConfirmation],
        }
    }

    #[test]
    fn a_valid_contact_has_no_messages() {
        assert!(input().check().is_empty());
        assert_eq!(
            input().subscriptions(),
            vec!["order_confirmation", "invoice_posted"]
        );
    }

    #[test]
    fn email_phone_and_sell_to_events_are_checked() {
        let mut c = input();
        c.email = Some("not an email".into());
        c.phone = Some("ring ring".into());
        c.events.push(ContactEvent::SellToInvoicePosted);
        let mut errors = c.check();
        c.check_events(false, &mut errors);
        assert!(errors.has("email") && errors.has("phone") && errors.has("subscriptions"));
        let mut errors = FormErrors::new();
        c.check_events(true, &mut errors);
        assert!(errors.is_empty());
    }
}
