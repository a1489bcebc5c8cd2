//! A customer's addresses: billing, shipping (ship-to locations) and admin.
//!
//! The database keeps the invariants: at most one primary, one default billing and one default
//! shipping address per customer (partial unique indexes, not deferrable), default billing only
//! on a billing address and default shipping only on a shipping one (CHECKs), and, at commit,
//! exactly one primary while the customer has any address (a deferred constraint trigger).
//! The functions here change addresses so that those never fire: every change runs in one
//! transaction that locks the customer row (so two people adding a first address cannot both
//! make it primary), moves a flag by clearing it on its old holder before setting it on the new
//! one, refuses an edit made on a stale form, and writes the history.

use crate::models::{
    customers::customer::Customer,
    customers::history::{self, Entity, FieldChange},
    customers::sub_record::{MAX_LEN, lock_customer, yes_no},
};
use crate::{
    domain::CustomerId,
    domain::forms::{Fields, FormErrors, optional},
    domain::{AddressKind, CountryCode, Phone, PostalCode, Text},
    schema::customer_addresses,
};
use chrono::{DateTime, Utc};
use diesel::{
    dsl::{now, sql},
    prelude::*,
    sql_types::{Bool, Integer},
};

pub use crate::domain::forms::SaveError;

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = customer_addresses, check_for_backend(diesel::pg::Pg))]
pub struct Address {
    pub id: i64,
    pub customer_id: i64,
    pub kind: AddressKind,
    pub label: Option<String>,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postcode: Option<String>,
    pub country: String,
    pub phone: Option<String>,
    pub is_primary: bool,
    pub is_default_billing: bool,
    pub is_default_shipping: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Bumped by every change; an edit form carries it and a save from an older one is stale.
    pub lock_version: i32,
}

impl Address {
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

    /// The label when there is one, else the first line: how messages and buttons name it.
    pub fn name(&self) -> &str {
        self.label
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(&self.line1)
    }

    /// The customer's addresses: primary first, then the default billing and default shipping
    /// ones, then by kind (billing, shipping, admin), then oldest first; at most `limit`, and
    /// how many there are in all (no second query when fewer than `limit` came back).
    pub fn for_customer(
        conn: &mut PgConnection,
        customer_id: i64,
        limit: i64,
    ) -> QueryResult<(Vec<Address>, i64)> {
        let rows = Self::first(conn, customer_id, limit)?;
        let total = if (rows.len() as i64) < limit {
            rows.len() as i64
        } else {
            customer_addresses::table
                .filter(customer_addresses::customer_id.eq(customer_id))
                .count()
                .get_result(conn)?
        };
        Ok((rows, total))
    }

    /// The first `limit` addresses in that order, without counting the rest.
    pub fn first(
        conn: &mut PgConnection,
        customer_id: i64,
        limit: i64,
    ) -> QueryResult<Vec<Address>> {
        customer_addresses::table
            .filter(customer_addresses::customer_id.eq(customer_id))
            .order((
                customer_addresses::is_primary.desc(),
                customer_addresses::is_default_billing.desc(),
                customer_addresses::is_default_shipping.desc(),
                sql::<Integer>(
                    "CASE customer_addresses.kind WHEN 'billing' THEN 0 \
                     WHEN 'shipping' THEN 1 ELSE 2 END",
                ),
                customer_addresses::id,
            ))
            .limit(limit)
            .select(Address::as_select())
            .load(conn)
    }

    /// One address of one customer: NotFound when the id belongs to another customer.
    pub fn find(conn: &mut PgConnection, customer_id: CustomerId, id: i64) -> QueryResult<Address> {
        customer_addresses::table
            .filter(customer_addresses::id.eq(id))
            .filter(customer_addresses::customer_id.eq(customer_id))
            .select(Address::as_select())
            .first(conn)
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

    /// The columns a person sets, as they are now.
    pub fn input(&self) -> AddressInput {
        AddressInput {
            kind: self.kind,
            label: self.label.clone(),
            line1: self.line1.clone(),
            line2: self.line2.clone(),
            city: self.city.clone(),
            region: self.region.clone(),
            postcode: self.postcode.clone(),
            country: self.country.clone(),
            phone: self.phone.clone(),
            is_primary: self.is_primary,
            is_default_billing: self.is_default_billing,
            is_default_shipping: self.is_default_shipping,
        }
    }
}

/// What a person sets on an address, typed and trimmed (empty optional text is None). Written
/// as a whole on create and on every save, so clearing a field really clears it.
#[derive(Clone, Debug, PartialEq, Eq, Insertable, AsChangeset)]
#[diesel(table_name = customer_addresses, treat_none_as_null = true)]
pub struct AddressInput {
    pub kind: AddressKind,
    pub label: Option<String>,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postcode: Option<String>,
    pub country: String,
    pub phone: Option<String>,
    pub is_primary: bool,
    pub is_default_billing: bool,
    pub is_default_shipping: bool,
}

impl AddressInput {
    /// Messages for every field that breaks a rule, keyed by the form's field names. The
    /// create and update functions refuse input with any; forms show them beside the fields.
    pub fn check(&self) -> FormErrors {
        let mut f = Fields::new();
        let line = Text::<MAX_LEN>::parse;
        f.required(
            "line1",
            &self.line1,
            "Enter the first line of the address.",
            line,
        );
        f.required("city", &self.city, "Enter the town or city.", line);
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
            "Enter the country as a two-letter code, such as DE.",
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
                "Only a billing address can be the default billing address.",
            );
        }
        if self.is_default_shipping && self.kind != AddressKind::Shipping {
            errors.add(
                "is_default_shipping",
                "Only a shipping address can be the default shipping address.",
            );
        }
        errors
    }

    /// The address in words, in form order, for history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
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

/// What the form's fields show: the person's input as typed, or the row's values.
#[derive(Clone, Debug, Default)]
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
    pub is_primary: bool,
    pub is_default_billing: bool,
    pub is_default_shipping: bool,
}

impl From<&Address> for AddressFields {
    fn from(a: &Address) -> Self {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        AddressFields {
            kind: a.kind.as_str().to_string(),
            label: text(&a.label),
            line1: a.line1.clone(),
            line2: text(&a.line2),
            city: a.city.clone(),
            region: text(&a.region),
            postcode: text(&a.postcode),
            country: a.country.clone(),
            phone: text(&a.phone),
            is_primary: a.is_primary,
            is_default_billing: a.is_default_billing,
            is_default_shipping: a.is_default_shipping,
        }
    }
}

impl AddressFields {
    pub fn is_kind(&self, kind: &AddressKind) -> bool {
        self.kind == kind.as_str()
    }
}

impl AddressInput {
    /// The fields as typed, trimmed (empty optional text is None), whether valid or not: what
    /// "changed meanwhile" compares.
    pub fn read(fields: &AddressFields) -> AddressInput {
        AddressInput {
            kind: fields.kind.parse().unwrap_or(AddressKind::Billing),
            label: optional(&fields.label),
            line1: fields.line1.trim().to_string(),
            line2: optional(&fields.line2),
            city: fields.city.trim().to_string(),
            region: optional(&fields.region),
            postcode: optional(&fields.postcode),
            country: fields.country.trim().to_ascii_uppercase(),
            phone: optional(&fields.phone),
            is_primary: fields.is_primary,
            is_default_billing: fields.is_default_billing,
            is_default_shipping: fields.is_default_shipping,
        }
    }

    /// The typed input, or a message beside every field that breaks a rule.
    pub fn parse(fields: &AddressFields) -> Result<AddressInput, FormErrors> {
        let input = AddressInput::read(fields);
        let mut errors = input.check();
        if fields.kind.parse::<AddressKind>().is_err() {
            errors.add("kind", "Choose billing, shipping or admin.");
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

fn count(conn: &mut PgConnection, customer_id: i64) -> QueryResult<i64> {
    customer_addresses::table
        .filter(customer_addresses::customer_id.eq(customer_id))
        .count()
        .get_result(conn)
}

/// Clears, on the customer's other addresses, the flags `input` claims (primary, default
/// billing, default shipping), with a history entry for each address changed. Run before the
/// claiming row is written: the unique indexes are checked at once, not at commit.
fn take_flags(
    conn: &mut PgConnection,
    customer: &Customer,
    staff_id: i64,
    except: Option<i64>,
    input: &AddressInput,
) -> QueryResult<()> {
    let (p, b, s) = (
        input.is_primary,
        input.is_default_billing,
        input.is_default_shipping,
    );
    if !(p || b || s) {
        return Ok(());
    }
    let mut query = customer_addresses::table
        .filter(customer_addresses::customer_id.eq(customer.id))
        .filter(
            customer_addresses::is_primary
                .and(p.into_sql::<Bool>())
                .or(customer_addresses::is_default_billing.and(b.into_sql::<Bool>()))
                .or(customer_addresses::is_default_shipping.and(s.into_sql::<Bool>())),
        )
        .select(Address::as_select())
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(customer_addresses::id.ne(id));
    }
    for holder in query.load(conn)? {
        let before = holder.input();
        let mut after = before.clone();
        after.is_primary &= !p;
        after.is_default_billing &= !b;
        after.is_default_shipping &= !s;
        diesel::update(customer_addresses::table.find(holder.id))
            .set((
                customer_addresses::is_primary.eq(after.is_primary),
                customer_addresses::is_default_billing.eq(after.is_default_billing),
                customer_addresses::is_default_shipping.eq(after.is_default_shipping),
                customer_addresses::lock_version.eq(customer_addresses::lock_version + 1),
                customer_addresses::updated_at.eq(now),
            ))
            .execute(conn)?;
        history::record(
            conn,
            customer,
            Some(staff_id),
            Entity::Address,
            Some(holder.id),
            "update",
            &history::diff(&before.describe(), &after.describe()),
        )?;
    }
    Ok(())
}

/// Adds an address. The customer's first address becomes primary whatever the form said; a
/// flag claimed here moves from the address that had it.
pub fn create(
    conn: &mut PgConnection,
    customer_id: i64,
    staff_id: i64,
    mut input: AddressInput,
) -> Result<Address, SaveError<Address>> {
    conn.transaction(|conn| {
        let customer = lock_customer(conn, customer_id)?;
        let errors = input.check();
        if !errors.is_empty() {
            return Err(SaveError::Invalid(errors));
        }
        if count(conn, customer_id)? == 0 {
            input.is_primary = true;
        }
        take_flags(conn, &customer, staff_id, None, &input)?;
        let address: Address = diesel::insert_into(customer_addresses::table)
            .values((customer_addresses::customer_id.eq(customer_id), &input))
            .returning(Address::as_returning())
            .get_result(conn)?;
        history::record(
            conn,
            &customer,
            Some(staff_id),
            Entity::Address,
            Some(address.id),
            "create",
            &history::whole(&input.describe(), true),
        )?;
        Ok(address)
    })
}

/// Saves a changed address, if nobody has changed it since the form's `expected_version`;
/// otherwise `Stale` with the row as it is now (checked before the fields, so a stale form is
/// a conflict even when it is also invalid). The primary flag cannot be taken off: another
/// address is made primary instead.
pub fn update(
    conn: &mut PgConnection,
    customer_id: CustomerId,
    address_id: i64,
    staff_id: i64,
    expected_version: i32,
    fields: &AddressFields,
) -> Result<Address, SaveError<Address>> {
    let customer_id = customer_id.get();
    conn.transaction(|conn| {
        let customer = lock_customer(conn, customer_id)?;
        let current: Address = customer_addresses::table
            .filter(customer_addresses::id.eq(address_id))
            .filter(customer_addresses::customer_id.eq(customer_id))
            .for_update()
            .select(Address::as_select())
            .first(conn)?;
        if current.lock_version != expected_version {
            return Err(SaveError::Stale(Box::new(current)));
        }
        let input = AddressInput::parse(fields).map_err(SaveError::Invalid)?;
        if current.is_primary && !input.is_primary {
            let mut errors = FormErrors::new();
            errors.add(
                "is_primary",
                "A customer with addresses always has a primary one. To change it, make another address primary.",
            );
            return Err(SaveError::Invalid(errors));
        }
        let changes = history::diff(&current.input().describe(), &input.describe());
        if changes.is_empty() {
            return Ok(current);
        }
        take_flags(conn, &customer, staff_id, Some(address_id), &input)?;
        let saved: Address = diesel::update(customer_addresses::table.find(address_id))
            .set((
                &input,
                customer_addresses::lock_version.eq(customer_addresses::lock_version + 1),
                customer_addresses::updated_at.eq(now),
            ))
            .returning(Address::as_returning())
            .get_result(conn)?;
        history::record(
            conn,
            &customer,
            Some(staff_id),
            Entity::Address,
            Some(address_id),
            "update",
            &changes,
        )?;
        Ok(saved)
    })
}

/// What a delete did.
#[derive(Clone, Debug)]
pub struct Deleted {
    pub address: Address,
    /// The address that became primary because the primary one was deleted.
    pub promoted: Option<Address>,
}

/// Deletes one of the customer's addresses (NotFound when it is not one of them). When it was
/// the primary, the oldest remaining address becomes primary.
pub fn delete(
    conn: &mut PgConnection,
    customer_id: CustomerId,
    address_id: i64,
    staff_id: i64,
) -> QueryResult<Deleted> {
    let customer_id = customer_id.get();
    conn.transaction(|conn| {
        let customer = lock_customer(conn, customer_id)?;
        let address: Address = diesel::delete(
            customer_addresses::table
                .filter(customer_addresses::id.eq(address_id))
                .filter(customer_addresses::customer_id.eq(customer_id)),
        )
        .returning(Address::as_returning())
        .get_result(conn)?;
        history::record(
            conn,
            &customer,
            Some(staff_id),
            Entity::Address,
            Some(address.id),
            "delete",
            &history::whole(&address.input().describe(), false),
        )?;
        let mut promoted = None;
        if address.is_primary {
            let next: Option<Address> = customer_addresses::table
                .filter(customer_addresses::customer_id.eq(customer_id))
                .order((customer_addresses::created_at, customer_addresses::id))
                .select(Address::as_select())
                .first(conn)
                .optional()?;
            if let Some(next) = next {
                let now_primary: Address = diesel::update(customer_addresses::table.find(next.id))
                    .set((
                        customer_addresses::is_primary.eq(true),
                        customer_addresses::lock_version.eq(customer_addresses::lock_version + 1),
                        customer_addresses::updated_at.eq(now),
                    ))
                    .returning(Address::as_returning())
                    .get_result(conn)?;
                history::record(
                    conn,
                    &customer,
                    Some(staff_id),
                    Entity::Address,
                    Some(next.id),
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
        Ok(Deleted { address, promoted })
    })
}

/// Moves every address of `from_customer` to `to_customer` (merging customers). A moved
/// address keeps its primary / default billing / default shipping flag only where the target
/// has no such address yet; the flag is cleared before the move so the unique indexes never
/// see two. Returns how many moved. The caller owns the transaction and the history.
pub fn move_to(
    conn: &mut PgConnection,
    from_customer: i64,
    to_customer: i64,
) -> QueryResult<usize> {
    if from_customer == to_customer {
        return Ok(0);
    }
    let target = customer_addresses::table
        .filter(customer_addresses::customer_id.eq(to_customer))
        .select((
            diesel::dsl::sql::<Bool>("COALESCE(bool_or(is_primary), FALSE)"),
            diesel::dsl::sql::<Bool>("COALESCE(bool_or(is_default_billing), FALSE)"),
            diesel::dsl::sql::<Bool>("COALESCE(bool_or(is_default_shipping), FALSE)"),
        ))
        .get_result::<(bool, bool, bool)>(conn)?;
    let from =
        || customer_addresses::table.filter(customer_addresses::customer_id.eq(from_customer));
    if target.0 {
        diesel::update(from().filter(customer_addresses::is_primary))
            .set(customer_addresses::is_primary.eq(false))
            .execute(conn)?;
    }
    if target.1 {
        diesel::update(from().filter(customer_addresses::is_default_billing))
            .set(customer_addresses::is_default_billing.eq(false))
            .execute(conn)?;
    }
    if target.2 {
        diesel::update(from().filter(customer_addresses::is_default_shipping))
            .set(customer_addresses::is_default_shipping.eq(false))
            .execute(conn)?;
    }
    diesel::update(from())
        .set((
            customer_addresses::customer_id.eq(to_customer),
            customer_addresses::lock_version.eq(customer_addresses::lock_version + 1),
            customer_addresses::updated_at.eq(now),
        ))
        .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Address {
        Address {
            id: 1,
            customer_id: 1,
            kind: AddressKind::Shipping,
            label: None,
            line1: "Hauptstr. 1".into(),
            line2: Some(String::new()),
            city: "Berlin".into(),
            region: None,
            postcode: Some("10115".into()),
            country: "DE".into(),
            phone: None,
            is_primary: true,
            is_default_billing: false,
            is_default_shipping: false,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            lock_version: 0,
        }
    }

    #[test]
    fn one_line_leaves_out_empty_parts() {
        let mut a = sample();
        assert_eq!(a.one_line(), "Hauptstr. 1, 10115 Berlin, DE");
        a.line2 = Some("Hof 2".into());
        a.region = Some("Berlin".into());
        a.postcode = None;
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
        input.country = "Deu".into();
        input.phone = Some("call me".into());
        let errors = input.check();
        assert!(errors.has("country") && errors.has("phone"));
        input.country = "GB".into();
        input.phone = Some("+44 (20) 7946-0000".into());
        assert!(input.check().is_empty());
    }
}
