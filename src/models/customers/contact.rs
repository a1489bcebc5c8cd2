//! A customer's contacts: the people to talk to, one of them primary, and what each is notified
//! of. The sell-to events go only to contacts of a bill-to customer (one that other customers
//! bill to).
//!
//! As with addresses, every change runs in one transaction that locks the customer row, moves
//! the primary flag by clearing it before setting it (the partial unique index is checked at
//! once), refuses an edit made on a stale form, and writes the history.

use crate::models::{
    customers::customer::{self, Customer},
    customers::history::{self, Entity, FieldChange},
    customers::sub_record::{MAX_LEN, lock_customer, yes_no},
};
use crate::{
    domain::CustomerId,
    domain::forms::SaveError,
    domain::forms::{Fields, FormErrors, optional},
    domain::{ContactEvent, EmailAddress, Phone, Text},
    mail::messages::Recipient,
    schema::customer_contacts,
};
use chrono::{DateTime, Utc};
use diesel::{
    dsl::{now, sql},
    prelude::*,
    sql_types,
};

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

    /// The events' labels, comma-separated, for lists.
    pub fn events_text(&self) -> String {
        self.events()
            .iter()
            .map(ContactEvent::label)
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn subscribes_to(&self, event: &ContactEvent) -> bool {
        self.events().contains(event)
    }

    /// The customer's contacts, primary first, then by name; at most `limit`, and how many
    /// there are in all (no second query when fewer than `limit` came back).
    pub fn for_customer(
        conn: &mut PgConnection,
        customer_id: i64,
        limit: i64,
    ) -> QueryResult<(Vec<Contact>, i64)> {
        let rows = Self::first(conn, customer_id, limit)?;
        let total = if (rows.len() as i64) < limit {
            rows.len() as i64
        } else {
            customer_contacts::table
                .filter(customer_contacts::customer_id.eq(customer_id))
                .count()
                .get_result(conn)?
        };
        Ok((rows, total))
    }

    /// The first `limit` contacts in that order, without counting the rest.
    pub fn first(
        conn: &mut PgConnection,
        customer_id: i64,
        limit: i64,
    ) -> QueryResult<Vec<Contact>> {
        customer_contacts::table
            .filter(customer_contacts::customer_id.eq(customer_id))
            .order((
                customer_contacts::is_primary.desc(),
                sql::<sql_types::Text>("lower(customer_contacts.name)"),
                customer_contacts::id,
            ))
            .limit(limit)
            .select(Contact::as_select())
            .load(conn)
    }

    /// One contact of one customer: NotFound when the id belongs to another customer.
    pub fn find(conn: &mut PgConnection, customer_id: CustomerId, id: i64) -> QueryResult<Contact> {
        customer_contacts::table
            .filter(customer_contacts::id.eq(id))
            .filter(customer_contacts::customer_id.eq(customer_id))
            .select(Contact::as_select())
            .first(conn)
    }

    /// The fields a person sets, as they are now.
    pub fn input(&self) -> ContactInput {
        ContactInput {
            name: self.name.clone(),
            job_title: self.job_title.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            is_primary: self.is_primary,
            events: self.events(),
        }
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

impl ContactInput {
    /// Messages for every field that breaks a rule, keyed by the form's field names. Whether
    /// the sell-to events may be chosen depends on the customer: see `check_events`.
    pub fn check(&self) -> FormErrors {
        let mut f = Fields::new();
        let name = Text::<MAX_LEN>::parse;
        f.required("name", &self.name, "Enter the contact's name.", name);
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
                "Sell-to notifications are only for a customer that other customers bill to.",
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
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
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

/// What the form's fields show: the person's input as typed, or the contact's values.
#[derive(Clone, Debug, Default)]
pub struct ContactFields {
    pub name: String,
    pub job_title: String,
    pub email: String,
    pub phone: String,
    pub is_primary: bool,
    pub subscriptions: Vec<String>,
}

impl From<&Contact> for ContactFields {
    fn from(c: &Contact) -> Self {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
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

impl ContactInput {
    /// The fields as typed, trimmed (empty optional text is None), whether valid or not, and
    /// whether a notification was not one of the vocabulary's.
    pub fn read(fields: &ContactFields) -> (ContactInput, bool) {
        let mut events = Vec::new();
        let mut unknown = false;
        for s in &fields.subscriptions {
            match s.parse::<ContactEvent>() {
                Ok(e) if !events.contains(&e) => events.push(e),
                Ok(_) => {}
                Err(_) => unknown = true,
            }
        }
        let input = ContactInput {
            name: fields.name.trim().to_string(),
            job_title: optional(&fields.job_title),
            email: optional(&fields.email),
            phone: optional(&fields.phone),
            is_primary: fields.is_primary,
            events,
        };
        (input, unknown)
    }

    /// The typed input, or a message beside every field that breaks a rule, the sell-to rule
    /// included.
    pub fn parse(fields: &ContactFields, is_bill_to: bool) -> Result<ContactInput, FormErrors> {
        let (input, unknown) = ContactInput::read(fields);
        let mut errors = input.check();
        input.check_events(is_bill_to, &mut errors);
        if unknown {
            errors.add(
                "subscriptions",
                "Choose only from the notifications listed.",
            );
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

fn count(conn: &mut PgConnection, customer_id: i64) -> QueryResult<i64> {
    customer_contacts::table
        .filter(customer_contacts::customer_id.eq(customer_id))
        .count()
        .get_result(conn)
}

/// Takes the primary flag off the customer's primary contact (other than `except`), with its
/// history entry. Run before the new primary is written.
fn take_primary(
    conn: &mut PgConnection,
    customer: &Customer,
    staff_id: i64,
    except: Option<i64>,
) -> QueryResult<()> {
    let mut query = customer_contacts::table
        .filter(customer_contacts::customer_id.eq(customer.id))
        .filter(customer_contacts::is_primary)
        .select(customer_contacts::id)
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(customer_contacts::id.ne(id));
    }
    for id in query.load::<i64>(conn)? {
        diesel::update(customer_contacts::table.find(id))
            .set((
                customer_contacts::is_primary.eq(false),
                customer_contacts::lock_version.eq(customer_contacts::lock_version + 1),
                customer_contacts::updated_at.eq(now),
            ))
            .execute(conn)?;
        history::record(
            conn,
            customer,
            Some(staff_id),
            Entity::Contact,
            Some(id),
            "update",
            &[FieldChange {
                field: "Primary",
                old: Some(yes_no(true)),
                new: Some(yes_no(false)),
            }],
        )?;
    }
    Ok(())
}

/// Adds a contact. The customer's first contact becomes primary whatever the form said;
/// making this one primary takes the flag from the contact that had it.
pub fn create(
    conn: &mut PgConnection,
    customer_id: i64,
    staff_id: i64,
    mut input: ContactInput,
) -> Result<Contact, SaveError<Contact>> {
    conn.transaction(|conn| {
        let customer = lock_customer(conn, customer_id)?;
        let mut errors = input.check();
        input.check_events(customer::is_bill_to(conn, customer_id)?, &mut errors);
        if !errors.is_empty() {
            return Err(SaveError::Invalid(errors));
        }
        if count(conn, customer_id)? == 0 {
            input.is_primary = true;
        }
        if input.is_primary {
            take_primary(conn, &customer, staff_id, None)?;
        }
        let contact: Contact = diesel::insert_into(customer_contacts::table)
            .values((
                customer_contacts::customer_id.eq(customer_id),
                customer_contacts::name.eq(&input.name),
                customer_contacts::job_title.eq(&input.job_title),
                customer_contacts::email.eq(&input.email),
                customer_contacts::phone.eq(&input.phone),
                customer_contacts::is_primary.eq(input.is_primary),
                customer_contacts::subscriptions.eq(input.subscriptions()),
            ))
            .returning(Contact::as_returning())
            .get_result(conn)?;
        history::record(
            conn,
            &customer,
            Some(staff_id),
            Entity::Contact,
            Some(contact.id),
            "create",
            &history::whole(&input.describe(), true),
        )?;
        Ok(contact)
    })
}

/// Saves a changed contact, if nobody has changed it since the form's `expected_version`;
/// otherwise `Stale` with the row as it is now (checked before the fields, so a stale form is
/// a conflict even when it is also invalid). The primary flag cannot be taken off: another
/// contact is made primary instead.
pub fn update(
    conn: &mut PgConnection,
    customer_id: CustomerId,
    contact_id: i64,
    staff_id: i64,
    expected_version: i32,
    fields: &ContactFields,
) -> Result<Contact, SaveError<Contact>> {
    let customer_id = customer_id.get();
    conn.transaction(|conn| {
        let customer = lock_customer(conn, customer_id)?;
        let current: Contact = customer_contacts::table
            .filter(customer_contacts::id.eq(contact_id))
            .filter(customer_contacts::customer_id.eq(customer_id))
            .for_update()
            .select(Contact::as_select())
            .first(conn)?;
        if current.lock_version != expected_version {
            return Err(SaveError::Stale(Box::new(current)));
        }
        let is_bill_to = customer::is_bill_to(conn, customer_id)?;
        let input = ContactInput::parse(fields, is_bill_to).map_err(SaveError::Invalid)?;
        if current.is_primary && !input.is_primary {
            let mut errors = FormErrors::new();
            errors.add(
                "is_primary",
                "A customer with contacts always has a primary one. To change it, make another contact primary.",
            );
            return Err(SaveError::Invalid(errors));
        }
        let changes = history::diff(&current.input().describe(), &input.describe());
        if changes.is_empty() {
            return Ok(current);
        }
        if input.is_primary {
            take_primary(conn, &customer, staff_id, Some(contact_id))?;
        }
        let saved: Contact = diesel::update(customer_contacts::table.find(contact_id))
            .set((
                customer_contacts::name.eq(&input.name),
                customer_contacts::job_title.eq(&input.job_title),
                customer_contacts::email.eq(&input.email),
                customer_contacts::phone.eq(&input.phone),
                customer_contacts::is_primary.eq(input.is_primary),
                customer_contacts::subscriptions.eq(input.subscriptions()),
                customer_contacts::lock_version.eq(customer_contacts::lock_version + 1),
                customer_contacts::updated_at.eq(now),
            ))
            .returning(Contact::as_returning())
            .get_result(conn)?;
        history::record(
            conn,
            &customer,
            Some(staff_id),
            Entity::Contact,
            Some(contact_id),
            "update",
            &changes,
        )?;
        Ok(saved)
    })
}

/// What a delete did.
#[derive(Clone, Debug)]
pub struct Deleted {
    pub contact: Contact,
    /// The contact that became primary because the primary one was deleted.
    pub promoted: Option<Contact>,
}

/// Deletes one of the customer's contacts (NotFound when it is not one of them). When it was
/// the primary, the oldest remaining contact becomes primary.
pub fn delete(
    conn: &mut PgConnection,
    customer_id: CustomerId,
    contact_id: i64,
    staff_id: i64,
) -> QueryResult<Deleted> {
    let customer_id = customer_id.get();
    conn.transaction(|conn| {
        let customer = lock_customer(conn, customer_id)?;
        let contact: Contact = diesel::delete(
            customer_contacts::table
                .filter(customer_contacts::id.eq(contact_id))
                .filter(customer_contacts::customer_id.eq(customer_id)),
        )
        .returning(Contact::as_returning())
        .get_result(conn)?;
        history::record(
            conn,
            &customer,
            Some(staff_id),
            Entity::Contact,
            Some(contact.id),
            "delete",
            &history::whole(&contact.input().describe(), false),
        )?;
        let mut promoted = None;
        if contact.is_primary {
            let next: Option<i64> = customer_contacts::table
                .filter(customer_contacts::customer_id.eq(customer_id))
                .order((customer_contacts::created_at, customer_contacts::id))
                .select(customer_contacts::id)
                .first(conn)
                .optional()?;
            if let Some(next) = next {
                let now_primary: Contact = diesel::update(customer_contacts::table.find(next))
                    .set((
                        customer_contacts::is_primary.eq(true),
                        customer_contacts::lock_version.eq(customer_contacts::lock_version + 1),
                        customer_contacts::updated_at.eq(now),
                    ))
                    .returning(Contact::as_returning())
                    .get_result(conn)?;
                history::record(
                    conn,
                    &customer,
                    Some(staff_id),
                    Entity::Contact,
                    Some(next),
                    "update",
                    &[FieldChange {
                        field: "Primary",
                        old: Some(yes_no(false)),
                        new: Some(yes_no(true)),
                    }],
                )?;
                promoted = Some(now_primary);
            }
        }
        Ok(Deleted { contact, promoted })
    })
}

/// Moves every contact of `from_customer` to `to_customer` (merging customers). A moved
/// contact stays primary only when the target has no primary contact yet; the flag is cleared
/// before the move so the unique index never sees two. Returns how many moved. The caller
/// owns the transaction and the history.
pub fn move_to(
    conn: &mut PgConnection,
    from_customer: i64,
    to_customer: i64,
) -> QueryResult<usize> {
    if from_customer == to_customer {
        return Ok(0);
    }
    let target_has_primary: bool = diesel::select(diesel::dsl::exists(
        customer_contacts::table
            .filter(customer_contacts::customer_id.eq(to_customer))
            .filter(customer_contacts::is_primary),
    ))
    .get_result(conn)?;
    let from = || customer_contacts::table.filter(customer_contacts::customer_id.eq(from_customer));
    if target_has_primary {
        diesel::update(from().filter(customer_contacts::is_primary))
            .set(customer_contacts::is_primary.eq(false))
            .execute(conn)?;
    }
    diesel::update(from())
        .set((
            customer_contacts::customer_id.eq(to_customer),
            customer_contacts::lock_version.eq(customer_contacts::lock_version + 1),
            customer_contacts::updated_at.eq(now),
        ))
        .execute(conn)
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
    Ok(match primary {
        Some((name, Some(address))) if !address.trim().is_empty() => Some(Recipient {
            name: Some(name),
            address,
        }),
        _ => customer
            .email
            .as_ref()
            .filter(|a| !a.trim().is_empty())
            .map(|address| Recipient {
                name: Some(customer.display_name().to_string()),
                address: address.clone(),
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
