//! A customer's addresses: billing, shipping (ship-to locations) and admin.
//!
//! The database keeps the invariants: at most one primary, one default billing and one default
//! shipping address per customer (partial unique indexes, not deferrable), default billing only
//! on a billing address and default shipping only on a shipping one (CHECKs), and, at commit,
//! exactly one primary while the customer has any address (a deferred constraint trigger).
//! Changes go through the sub-record skeleton (`sub_record`) so that those never fire: it locks
//! the customer row, moves a flag by clearing it on its old holder first, refuses a stale edit
//! and writes the history. This file keeps what is an address's own: its columns and list
//! order, its three flags, its rules and words, and the ship-to list.

use crate::i18n::Msg;
use crate::models::customers::{
    history::Entity,
    sub_record::{self, MAX_LEN, SubRecord, shared_columns, text, ticked, yes_no},
};
use crate::{
    domain::CustomerId,
    domain::forms::{Fields, FormErrors, optional},
    domain::{AddressKind, CountryCode, Phone, PostalCode, Text},
    schema::customer_addresses,
};
use chrono::{DateTime, Utc};
use diesel::{
    dsl::sql,
    prelude::*,
    sql_types::{Bool, Integer},
};

pub use crate::domain::forms::SaveError;
pub use sub_record::create;

/// An address row: what a person sets (`AddressInput`, read through `Deref`: `a.city`) and
/// the bookkeeping around it.
#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = customer_addresses, check_for_backend(diesel::pg::Pg))]
pub struct Address {
    pub id: i64,
    pub customer_id: i64,
    #[diesel(embed)]
    pub fields: AddressInput,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Bumped by every change; an edit form carries it and a save from an older one is stale.
    pub lock_version: i32,
}

impl std::ops::Deref for Address {
    type Target = AddressInput;

    fn deref(&self) -> &AddressInput {
        &self.fields
    }
}

impl Address {
    /// The label when there is one, else the first line: how messages and buttons name it.
    pub fn name(&self) -> &str {
        self.label
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(&self.line1)
    }

    /// The address's parts as text, an absent optional one empty: what a download writes.
    pub fn text(&self) -> AddressText<'_> {
        fn text(o: &Option<String>) -> &str {
            o.as_deref().unwrap_or("")
        }
        AddressText {
            label: text(&self.label),
            line1: &self.line1,
            line2: text(&self.line2),
            city: &self.city,
            region: text(&self.region),
            postcode: text(&self.postcode),
            country: &self.country,
            phone: text(&self.phone),
        }
    }

    /// The customer's shipping addresses (ship-to locations), oldest first.
    pub fn ship_to(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Vec<Address>> {
        customer_addresses::table
            .filter(customer_addresses::customer_id.eq(customer_id))
            .filter(customer_addresses::kind.eq(AddressKind::Shipping))
            .order(customer_addresses::id)
            .select(Address::as_select())
            .load(conn)
    }
}

/// An address's parts as text (`Address::text`).
pub struct AddressText<'a> {
    pub label: &'a str,
    pub line1: &'a str,
    pub line2: &'a str,
    pub city: &'a str,
    pub region: &'a str,
    pub postcode: &'a str,
    pub country: &'a str,
    pub phone: &'a str,
}

// The list: primary first, then the default billing and default shipping ones, then by kind
// (billing, shipping, admin), then oldest first.
shared_columns!(
    Address,
    AddressInput,
    customer_addresses,
    order: (
        customer_addresses::is_primary.desc(),
        customer_addresses::is_default_billing.desc(),
        customer_addresses::is_default_shipping.desc(),
        sql::<Integer>(
            "CASE customer_addresses.kind WHEN 'billing' THEN 0 \
             WHEN 'shipping' THEN 1 ELSE 2 END",
        ),
        customer_addresses::id,
    )
);

impl SubRecord for Address {
    type Fields = AddressFields;
    type Context = ();
    const ENTITY: Entity = Entity::Address;
    const NOUN: &'static str = "address";
    const PLURAL: &'static str = "addresses";

    fn name(&self) -> &str {
        Address::name(self)
    }

    fn input(&self) -> AddressInput {
        self.fields.clone()
    }

    fn describe(input: &AddressInput) -> Vec<(&'static str, String)> {
        input.describe()
    }

    fn give_way(mut holder: AddressInput, claimed: &AddressInput) -> AddressInput {
        holder.is_primary &= !claimed.is_primary;
        holder.is_default_billing &= !claimed.is_default_billing;
        holder.is_default_shipping &= !claimed.is_default_shipping;
        holder
    }

    fn blank() -> AddressFields {
        AddressFields {
            kind: AddressKind::Billing.as_str().to_string(),
            ..Default::default()
        }
    }

    fn read(fields: &AddressFields) -> AddressInput {
        AddressInput {
            kind: fields.kind.parse().unwrap_or(AddressKind::Billing),
            lines: AddressLines::read(fields),
            is_primary: fields.is_primary,
            is_default_billing: fields.is_default_billing,
            is_default_shipping: fields.is_default_shipping,
        }
    }

    fn check_untyped(fields: &AddressFields, errors: &mut FormErrors) {
        if fields.kind.parse::<AddressKind>().is_err() {
            errors.add("kind", Msg::new("customer-parts-address-kind-invalid"));
        }
    }

    fn check(input: &AddressInput, _: ()) -> FormErrors {
        input.check()
    }

    fn context(_: &mut PgConnection, _: i64) -> QueryResult<()> {
        Ok(())
    }

    fn yield_flags(conn: &mut PgConnection, from: i64, to: i64) -> QueryResult<()> {
        let (p, b, s) = customer_addresses::table
            .filter(customer_addresses::customer_id.eq(to))
            .select((
                sql::<Bool>("COALESCE(bool_or(is_primary), FALSE)"),
                sql::<Bool>("COALESCE(bool_or(is_default_billing), FALSE)"),
                sql::<Bool>("COALESCE(bool_or(is_default_shipping), FALSE)"),
            ))
            .get_result::<(bool, bool, bool)>(conn)?;
        if p || b || s {
            use customer_addresses::{is_default_billing, is_default_shipping, is_primary};
            diesel::update(
                customer_addresses::table.filter(customer_addresses::customer_id.eq(from)),
            )
            .set((
                is_primary.eq(is_primary.and((!p).into_sql::<Bool>())),
                is_default_billing.eq(is_default_billing.and((!b).into_sql::<Bool>())),
                is_default_shipping.eq(is_default_shipping.and((!s).into_sql::<Bool>())),
            ))
            .execute(conn)?;
        }
        Ok(())
    }
}

/// What a person sets on an address, typed and trimmed (empty optional text is None). Written
/// as a whole on create and on every save, so clearing a field really clears it. Its lines are
/// read through `Deref`: `input.city`.
#[derive(Clone, Debug, PartialEq, Eq, Insertable, AsChangeset, Queryable, Selectable)]
#[diesel(table_name = customer_addresses, treat_none_as_null = true)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct AddressInput {
    pub kind: AddressKind,
    #[diesel(embed)]
    pub lines: AddressLines,
    pub is_primary: bool,
    pub is_default_billing: bool,
    pub is_default_shipping: bool,
}

impl std::ops::Deref for AddressInput {
    type Target = AddressLines;

    fn deref(&self) -> &AddressLines {
        &self.lines
    }
}

/// An address's lines, whatever its kind and flags: what a ship-to proposal says
/// (`models::approvals::ship_to`).
#[derive(Clone, Debug, PartialEq, Eq, Insertable, AsChangeset, Queryable, Selectable)]
#[diesel(table_name = customer_addresses, treat_none_as_null = true)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct AddressLines {
    pub label: Option<String>,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postcode: Option<String>,
    pub country: String,
    pub phone: Option<String>,
}

impl AddressLines {
    /// The lines as a form's fields show them, typed and trimmed.
    pub fn read(fields: &AddressFields) -> AddressLines {
        AddressLines {
            label: optional(&fields.label),
            line1: fields.line1.trim().to_string(),
            line2: optional(&fields.line2),
            city: fields.city.trim().to_string(),
            region: optional(&fields.region),
            postcode: optional(&fields.postcode),
            country: fields.country.trim().to_ascii_uppercase(),
            phone: optional(&fields.phone),
        }
    }

    /// `base` (its kind and flags) showing these lines, an absent optional one empty.
    pub fn in_fields(&self, base: AddressFields) -> AddressFields {
        AddressFields {
            label: text(&self.label),
            line1: self.line1.clone(),
            line2: text(&self.line2),
            city: self.city.clone(),
            region: text(&self.region),
            postcode: text(&self.postcode),
            country: self.country.clone(),
            phone: text(&self.phone),
            ..base
        }
    }

    /// "line1, line2, postcode city, region, country", leaving out the empty parts.
    pub fn one_line(&self) -> String {
        let text = |o: &Option<String>| o.as_deref().unwrap_or("").trim().to_string();
        let town = [text(&self.postcode), self.city.trim().to_string()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.line1.trim().to_string(),
            text(&self.line2),
            town,
            text(&self.region),
            self.country.trim().to_string(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// The flags alone, as `set_flags` writes them.
#[derive(AsChangeset)]
#[diesel(table_name = customer_addresses)]
pub struct AddressFlags {
    pub is_primary: bool,
    pub is_default_billing: bool,
    pub is_default_shipping: bool,
}

impl AddressInput {
    /// What is written on create and save: the input as it is.
    fn row(&self) -> &AddressInput {
        self
    }

    fn flags(&self) -> AddressFlags {
        AddressFlags {
            is_primary: self.is_primary,
            is_default_billing: self.is_default_billing,
            is_default_shipping: self.is_default_shipping,
        }
    }

    /// The addresses holding the primary, default billing or default shipping flag that this
    /// input claims.
    fn claimed(&self) -> Option<sub_record::Claimed<customer_addresses::table>> {
        use customer_addresses::{is_default_billing, is_default_shipping, is_primary};
        let (p, b, s) = (
            self.is_primary,
            self.is_default_billing,
            self.is_default_shipping,
        );
        (p || b || s).then(|| -> sub_record::Claimed<customer_addresses::table> {
            Box::new(
                is_primary
                    .and(p.into_sql::<Bool>())
                    .or(is_default_billing.and(b.into_sql::<Bool>()))
                    .or(is_default_shipping.and(s.into_sql::<Bool>())),
            )
        })
    }

    /// Messages for every field that breaks a rule, keyed by the form's field names. The
    /// create and update functions refuse input with any; forms show them beside the fields.
    pub fn check(&self) -> FormErrors {
        let mut f = Fields::new();
        let line = Text::<MAX_LEN>::parse;
        f.required(
            "line1",
            &self.line1,
            "customer-parts-address-line1-missing",
            line,
        );
        f.required(
            "city",
            &self.city,
            "customer-parts-address-city-missing",
            line,
        );
        for (field, value) in [
            ("label", &self.label),
            ("line2", &self.line2),
            ("region", &self.region),
        ] {
            f.optional(field, value.as_deref().unwrap_or_default(), line);
        }
        let postcode = self.postcode.as_deref().unwrap_or_default();
        f.optional("postcode", postcode, PostalCode::parse);
        f.required(
            "country",
            &self.country,
            "customer-parts-address-country-invalid",
            CountryCode::parse,
        );
        f.optional(
            "phone",
            self.phone.as_deref().unwrap_or_default(),
            Phone::parse,
        );
        let mut errors = f.into_errors();
        if self.is_default_billing && self.kind != AddressKind::Billing {
            errors.add(
                "is_default_billing",
                Msg::new("customer-parts-address-billing-only"),
            );
        }
        if self.is_default_shipping && self.kind != AddressKind::Shipping {
            errors.add(
                "is_default_shipping",
                Msg::new("customer-parts-address-shipping-only"),
            );
        }
        errors
    }

    /// The address in words, in form order, for history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Kind", self.kind.label().to_string()),
            ("Label", text(&self.label)),
            ("Address line 1", self.line1.clone()),
            ("Address line 2", text(&self.line2)),
            ("Town or city", self.city.clone()),
            ("Region", text(&self.region)),
            ("Postcode", text(&self.postcode)),
            ("Country", self.country.clone()),
            ("Phone", text(&self.phone)),
            ("Primary", yes_no(self.is_primary)),
            ("Default billing", yes_no(self.is_default_billing)),
            ("Default shipping", yes_no(self.is_default_shipping)),
        ]
    }
}

/// What the form's fields show: the person's input as typed (as posted: every field as text,
/// checkboxes present or absent), or the row's values.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AddressFields {
    pub kind: String,
    pub label: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub region: String,
    pub postcode: String,
    pub country: String,
    pub phone: String,
    #[serde(deserialize_with = "ticked")]
    pub is_primary: bool,
    #[serde(deserialize_with = "ticked")]
    pub is_default_billing: bool,
    #[serde(deserialize_with = "ticked")]
    pub is_default_shipping: bool,
}

impl From<&Address> for AddressFields {
    fn from(a: &Address) -> Self {
        a.lines.in_fields(AddressFields {
            kind: a.kind.as_str().to_string(),
            is_primary: a.is_primary,
            is_default_billing: a.is_default_billing,
            is_default_shipping: a.is_default_shipping,
            ..Default::default()
        })
    }
}

impl AddressFields {
    pub fn is_kind(&self, kind: &AddressKind) -> bool {
        self.kind == kind.as_str()
    }
}

/// Moves every address of one customer to another (merging customers): see
/// `sub_record::move_all`.
pub fn move_to(conn: &mut PgConnection, from: i64, to: i64) -> QueryResult<usize> {
    sub_record::move_all::<Address>(conn, from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Address {
        Address {
            id: 1,
            customer_id: 1,
            fields: AddressInput {
                kind: AddressKind::Shipping,
                lines: AddressLines {
                    label: None,
                    line1: "Hauptstr. 1".into(),
                    line2: Some(String::new()),
                    city: "Berlin".into(),
                    region: None,
                    postcode: Some("10115".into()),
                    country: "DE".into(),
                    phone: None,
                },
                is_primary: true,
                is_default_billing: false,
                is_default_shipping: false,
            },
            created_at: Utc::now(),
            updated_at: Utc::now(),
            lock_version: 0,
        }
    }

    #[test]
    fn one_line_leaves_out_empty_parts() {
        let mut a = sample();
        assert_eq!(a.one_line(), "Hauptstr. 1, 10115 Berlin, DE");
        a.fields.lines.line2 = Some("Hof 2".into());
        a.fields.lines.region = Some("Berlin".into());
        a.fields.lines.postcode = None;
        assert_eq!(a.one_line(), "Hauptstr. 1, Hof 2, Berlin, Berlin, DE");
    }

    #[test]
    fn default_flags_belong_to_their_kind() {
        let mut input = sample().input();
        input.is_default_billing = true;
        input.is_default_shipping = true;
        let errors = input.check();
        assert!(errors.has("is_default_billing"));
        assert!(!errors.has("is_default_shipping"));
    }

    #[test]
    fn country_and_phone_are_checked() {
        let mut input = sample().input();
        input.lines.country = "Deu".into();
        input.lines.phone = Some("call me".into());
        let errors = input.check();
        assert!(errors.has("country") && errors.has("phone"));
        input.lines.country = "GB".into();
        input.lines.phone = Some("+44 (20) 7946-0000".into());
        assert!(input.check().is_empty());
    }
}
