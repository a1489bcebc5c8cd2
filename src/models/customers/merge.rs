//! Merging a duplicate customer into the one that survives, in one transaction: the survivor
//! takes the field values chosen from the duplicate; addresses, contacts, notes, the watch-list
//! warning and history move to it; customers that pointed at the duplicate point at it; the
//! duplicate stays, inactive and marked merged-into, so old links still lead somewhere.

use crate::models::access::staff_scope::{Owned, StaffScope};
use crate::models::{
    customers::address,
    customers::contact,
    customers::customer::{self, Customer, CustomerFields, SaveError},
    customers::customer_fields::Field,
    customers::history::{self, Entity, FieldChange},
    customers::note::WatchNote,
    reference::Reference,
};
use crate::{
    domain::forms::FormErrors,
    error::{AppError, AppResult},
    i18n::{L10n, Msg},
    schema::{customer_history, customer_notes, customer_tags, customers, watch_notes},
};
use diesel::prelude::*;

/// One field side by side, for choosing.
#[derive(Clone, Debug)]
pub struct MergeField {
    pub key: &'static str,
    pub label: &'static str,
    pub survivor: String,
    pub duplicate: String,
}

impl MergeField {
    pub fn differs(&self) -> bool {
        self.survivor != self.duplicate
    }

    /// The field's label in the reader's language.
    pub fn label_text(&self, l: &L10n) -> String {
        history::customer_field_text(l, self.key, self.label)
    }

    /// The survivor's value, its fixed words ("Yes", kinds, policies) in the reader's language.
    pub fn survivor_text(&self, l: &L10n) -> String {
        history::value_text(l, self.label, &self.survivor)
    }

    /// The duplicate's value, its fixed words in the reader's language.
    pub fn duplicate_text(&self, l: &L10n) -> String {
        history::value_text(l, self.label, &self.duplicate)
    }
}

/// Both customers' fields in words, in form order.
pub fn compare(
    conn: &mut PgConnection,
    survivor: &Customer,
    duplicate: &Customer,
) -> QueryResult<Vec<MergeField>> {
    let refs = Reference::load(conn)?;
    let (s_tags, d_tags) = (
        Customer::tag_ids(conn, survivor.id)?,
        Customer::tag_ids(conn, duplicate.id)?,
    );
    let s = customer::describe_keyed(conn, &survivor.fields, &s_tags, &refs)?;
    let d = customer::describe_keyed(conn, &duplicate.fields, &d_tags, &refs)?;
    Ok(s.into_iter()
        .zip(d)
        .filter(|((key, _, _), _)| Field::named(key).is_some_and(Field::is_chosen))
        .map(|((key, label, survivor), (_, _, duplicate))| MergeField {
            key,
            label,
            survivor,
            duplicate,
        })
        .collect())
}

/// The merge screen's comparison: the pair (when both were found), their watch-list warnings
/// and fields side by side, and messages for what was not found.
#[derive(Default)]
pub struct Comparison {
    pub pair: Option<(Customer, Customer)>,
    /// The watch-list warnings of either customer, with its name.
    pub warnings: Vec<(String, WatchNote)>,
    pub fields: Vec<MergeField>,
    pub errors: FormErrors,
}

impl Comparison {
    /// The pair typed as `survivor` and `duplicate` (account numbers or ids), or messages saying
    /// which input found nobody.
    /// Only customers `scope` sees are found.
    pub fn load(
        conn: &mut PgConnection,
        scope: &StaffScope,
        survivor: &str,
        duplicate: &str,
    ) -> AppResult<Comparison> {
        let mut errors = FormErrors::new();
        if survivor.trim().is_empty() || duplicate.trim().is_empty() {
            return Ok(Comparison::default());
        }
        let s = find(conn, scope, survivor)?;
        let d = find(conn, scope, duplicate)?;
        for (field, input, found) in [
            ("survivor", survivor, s.is_some()),
            ("duplicate", duplicate, d.is_some()),
        ] {
            if !found {
                errors.add(
                    field,
                    Msg::new("customers-merge-no-such-customer").arg("input", input.trim()),
                );
            }
        }
        match (s, d) {
            (Some(s), Some(d)) if s.id != d.id => return Comparison::of(conn, s, d),
            (Some(_), Some(_)) => errors.add("duplicate", Msg::new("customers-merge-choose-two")),
            _ => {}
        }
        Ok(Comparison {
            errors,
            ..Comparison::default()
        })
    }

    /// Two customers that were found, side by side.
    pub fn of(conn: &mut PgConnection, s: Customer, d: Customer) -> AppResult<Comparison> {
        let mut warnings = Vec::new();
        for c in [&s, &d] {
            if let Some(w) = WatchNote::for_customer(conn, c.id)? {
                warnings.push((c.legal_name.clone(), w));
            }
        }
        Ok(Comparison {
            fields: compare(conn, &s, &d)?,
            pair: Some((s, d)),
            warnings,
            errors: FormErrors::new(),
        })
    }
}

/// A customer `scope` sees, by id or account number as typed (one outside it is none).
fn find(conn: &mut PgConnection, scope: &StaffScope, input: &str) -> AppResult<Option<Customer>> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let seen = |conn: &mut PgConnection, c: Option<Customer>| -> AppResult<Option<Customer>> {
        Ok(match c {
            Some(c) if scope.sees(conn, Owned::Customer, c.id)? => Some(c),
            _ => None,
        })
    };
    let by_account = Customer::find_by_account_number(conn, input)?;
    if let Some(c) = seen(conn, by_account)? {
        return Ok(Some(c));
    }
    match input.parse::<i64>() {
        Ok(id) => {
            let by_id = Customer::find(conn, id).ok();
            seen(conn, by_id)
        }
        Err(_) => Ok(None),
    }
}

/// Copies the field named `key` from `from` into `into`.
fn take(key: &str, into: &mut CustomerFields, from: &CustomerFields) {
    if let Some(field) = Field::named(key) {
        field.take(into, from);
    }
}

/// What a merge moved, for the confirmation.
#[derive(Debug, Default)]
pub struct Moved {
    pub addresses: usize,
    pub contacts: usize,
    pub notes: usize,
    pub history: usize,
    pub dependents: usize,
    pub orders: usize,
}

/// Merges `duplicate_id` into `survivor_id`, taking the fields named in `take_from_duplicate`.
/// Both versions must still be current: a record changed since the comparison was shown is
/// refused as stale, and nothing is written.
pub fn merge(
    conn: &mut PgConnection,
    survivor_id: i64,
    survivor_version: i32,
    duplicate_id: i64,
    duplicate_version: i32,
    take_from_duplicate: &[String],
    staff_id: i64,
) -> Result<(Customer, Moved), SaveError> {
    conn.transaction(|conn| {
        if survivor_id == duplicate_id {
            return Err(invalid("duplicate", Msg::new("customers-merge-choose-two")));
        }
        let (survivor, duplicate) = lock_pair(conn, survivor_id, duplicate_id)?;
        if survivor.lock_version != survivor_version || duplicate.lock_version != duplicate_version
        {
            let mut changes = history::customer_changes_since(conn, survivor.id, survivor_version)?;
            changes.extend(history::customer_changes_since(
                conn,
                duplicate.id,
                duplicate_version,
            )?);
            return Err(SaveError::Stale(Box::new(changes)));
        }
        check_mergeable(&survivor, &duplicate)?;

        let refs = Reference::load(conn)?;
        let before_tags = Customer::tag_ids(conn, survivor.id)?;
        let mut tags = before_tags.clone();
        tags.extend(Customer::tag_ids(conn, duplicate.id)?);
        tags.sort_unstable();
        tags.dedup();
        let fields = merged_fields(&survivor, &duplicate, take_from_duplicate);
        let taking_number =
            fields.account_number.is_some() && fields.account_number == duplicate.account_number;
        let retired = retire(conn, &duplicate, survivor.id, taking_number)?;

        let before = customer::describe_keyed(conn, &survivor.fields, &before_tags, &refs)?;
        let after = customer::describe_keyed(conn, &fields, &tags, &refs)?;
        let strip = |v: Vec<(&'static str, &'static str, String)>| {
            v.into_iter().map(|(_, l, v)| (l, v)).collect::<Vec<_>>()
        };
        let mut changes = vec![FieldChange {
            field: "Merged from",
            old: None,
            new: Some(duplicate.label()),
        }];
        changes.extend(history::diff(&strip(before), &strip(after)));

        let merged = save_survivor(conn, survivor.id, &fields, &tags)?;
        let moved = move_records(conn, duplicate.id, &merged)?;
        record_merge(conn, &merged, &retired, staff_id, &changes)?;
        Ok((merged, moved))
    })
}

/// Locks both customers, always in id order so two merges of the same pair cannot deadlock;
/// returns (survivor, duplicate).
fn lock_pair(
    conn: &mut PgConnection,
    survivor_id: i64,
    duplicate_id: i64,
) -> Result<(Customer, Customer), SaveError> {
    let mut locked: Vec<Customer> = customers::table
        .filter(customers::id.eq_any([survivor_id, duplicate_id]))
        .order(customers::id)
        .for_update()
        .select(Customer::as_select())
        .load(conn)?;
    let position = |id: i64, list: &Vec<Customer>| list.iter().position(|c| c.id == id);
    let (Some(si), Some(di)) = (
        position(survivor_id, &locked),
        position(duplicate_id, &locked),
    ) else {
        return Err(SaveError::Failed(AppError::NotFound));
    };
    let duplicate = locked.remove(di);
    let survivor = locked.remove(if si > di { si - 1 } else { si });
    Ok((survivor, duplicate))
}

/// Neither may already be merged, and a customer never merges with an organization.
fn check_mergeable(survivor: &Customer, duplicate: &Customer) -> Result<(), SaveError> {
    if duplicate.merged_into_id.is_some() {
        return Err(invalid(
            "duplicate",
            Msg::new("customers-merge-duplicate-already-merged"),
        ));
    }
    if survivor.merged_into_id.is_some() {
        return Err(invalid(
            "survivor",
            Msg::new("customers-merge-survivor-merged"),
        ));
    }
    if survivor.kind != duplicate.kind {
        return Err(invalid(
            "duplicate",
            Msg::new("customers-merge-kinds-differ"),
        ));
    }
    Ok(())
}

/// The survivor's fields with the chosen ones taken from the duplicate.
fn merged_fields(
    survivor: &Customer,
    duplicate: &Customer,
    take_from_duplicate: &[String],
) -> CustomerFields {
    let mut fields = survivor.fields.clone();
    for key in take_from_duplicate {
        take(key, &mut fields, &duplicate.fields);
    }
    // Nothing may end up pointing at itself or at the record being retired.
    for link in [
        &mut fields.organization_id,
        &mut fields.bill_to_id,
        &mut fields.master_id,
    ] {
        if *link == Some(survivor.id) || *link == Some(duplicate.id) {
            *link = None;
        }
    }
    if fields.sales_tax_type != crate::domain::SalesTaxType::Taxable {
        fields.exempt_jurisdictions.clear();
    }
    fields
}

/// The duplicate steps aside first: inactive, merged, and without the number if it moves.
fn retire(
    conn: &mut PgConnection,
    duplicate: &Customer,
    survivor_id: i64,
    taking_number: bool,
) -> QueryResult<Customer> {
    diesel::update(customers::table.find(duplicate.id))
        .set((
            customers::merged_into_id.eq(survivor_id),
            customers::active.eq(false),
            customers::account_number.eq(if taking_number {
                None
            } else {
                duplicate.account_number.clone()
            }),
            customers::lock_version.eq(customers::lock_version + 1),
            customers::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Customer::as_returning())
        .get_result(conn)
}

/// Writes the merged fields onto the survivor and adds the duplicate's tags.
fn save_survivor(
    conn: &mut PgConnection,
    survivor_id: i64,
    fields: &CustomerFields,
    tags: &[i64],
) -> QueryResult<Customer> {
    let merged: Customer = diesel::update(customers::table.find(survivor_id))
        .set((
            fields,
            customers::lock_version.eq(customers::lock_version + 1),
            customers::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Customer::as_returning())
        .get_result(conn)?;
    diesel::insert_into(customer_tags::table)
        .values(
            tags.iter()
                .map(|t| {
                    (
                        customer_tags::customer_id.eq(merged.id),
                        customer_tags::tag_id.eq(*t),
                    )
                })
                .collect::<Vec<_>>(),
        )
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(merged)
}

/// Everything that belonged to the duplicate moves to the survivor.
fn move_records(
    conn: &mut PgConnection,
    duplicate_id: i64,
    merged: &Customer,
) -> QueryResult<Moved> {
    let mut moved = Moved {
        addresses: address::move_to(conn, duplicate_id, merged.id)?,
        contacts: contact::move_to(conn, duplicate_id, merged.id)?,
        notes: diesel::update(
            customer_notes::table.filter(customer_notes::customer_id.eq(duplicate_id)),
        )
        .set(customer_notes::customer_id.eq(merged.id))
        .execute(conn)?,
        ..Moved::default()
    };
    // The survivor's own warning stays; a duplicate's warning moves only where there is none.
    let survivor_watched: bool =
        diesel::select(diesel::dsl::exists(watch_notes::table.find(merged.id))).get_result(conn)?;
    if !survivor_watched {
        diesel::update(watch_notes::table.find(duplicate_id))
            .set(watch_notes::customer_id.eq(merged.id))
            .execute(conn)?;
    }
    // Customers that pointed at the duplicate now point at the survivor.
    for (column, name) in [
        ("organization_id", "organization"),
        ("bill_to_id", "bill-to"),
        ("master_id", "master"),
    ] {
        let sql = format!("UPDATE customers SET {column} = $1 WHERE {column} = $2 AND id <> $1");
        let n = diesel::sql_query(sql)
            .bind::<diesel::sql_types::BigInt, _>(merged.id)
            .bind::<diesel::sql_types::BigInt, _>(duplicate_id)
            .execute(conn)?;
        log::debug!("merge moved {n} {name} links");
        moved.dependents += n;
    }
    // The duplicate's history follows it (each row keeps the label it was written under).
    moved.history = diesel::update(
        customer_history::table.filter(customer_history::customer_id.eq(duplicate_id)),
    )
    .set(customer_history::customer_id.eq(merged.id))
    .execute(conn)?;
    moved.orders = crate::models::orders::order::move_to(conn, duplicate_id, merged.id)?;
    moved_requests_and_services(conn, duplicate_id, merged)?;
    // Later work moves customer users here too.
    Ok(moved)
}

/// One history entry on each side: the survivor's changes, and where the duplicate went.
fn record_merge(
    conn: &mut PgConnection,
    merged: &Customer,
    retired: &Customer,
    staff_id: i64,
    changes: &[FieldChange],
) -> QueryResult<()> {
    history::record(
        conn,
        merged,
        Some(staff_id),
        Entity::Merge,
        Some(retired.id),
        "merge",
        changes,
    )?;
    history::record(
        conn,
        retired,
        Some(staff_id),
        Entity::Merge,
        Some(merged.id),
        "merge",
        &[FieldChange {
            field: "Merged into",
            old: None,
            new: Some(merged.label()),
        }],
    )?;
    Ok(())
}

/// The duplicate's requests and portal users follow it, its catalogs, specific products and stock locations join
/// the survivor's, and each of its services counts where it is further along than the
/// survivor's (requested over declined, active over requested). A service can be active only while the survivor's relationship is:
/// otherwise an active one arrives switched off, remembered for when the relationship returns.
fn moved_requests_and_services(
    conn: &mut PgConnection,
    duplicate_id: i64,
    survivor: &Customer,
) -> QueryResult<()> {
    use diesel::sql_types::{BigInt, Bool};
    let relationship_active =
        survivor.relationship_status == crate::domain::RelationshipStatus::Active;
    let mut statements: Vec<String> = vec![
        "UPDATE requests SET customer_id = $1 WHERE customer_id = $2".into(),
        // The duplicate's portal users now sign in for the survivor (their sessions carry on:
        // the guard reads the customer afresh on every request).
        "UPDATE customer_users SET customer_id = $1, updated_at = now() WHERE customer_id = $2"
            .into(),
    ];
    // What staff enabled for the duplicate (and who, and when) joins what they enabled for the
    // survivor.
    for (links, key) in [
        ("customer_catalogs", "catalog_id"),
        ("customer_products", "product_id"),
        ("customer_stock_locations", "store_id"),
    ] {
        statements.push(format!(
            "INSERT INTO {links} (customer_id, {key}, enabled_by, enabled_at)
             SELECT $1, {key}, enabled_by, enabled_at FROM {links}
              WHERE customer_id = $2
             ON CONFLICT DO NOTHING"
        ));
        statements.push(format!("DELETE FROM {links} WHERE customer_id = $2"));
    }
    statements.push(
        "INSERT INTO customer_services AS s (customer_id, service, status, restore_on_unblock)
         SELECT $1, d.service,
                CASE WHEN d.status = 'active' AND NOT $3 THEN 'inactive' ELSE d.status END,
                d.restore_on_unblock OR (d.status = 'active' AND NOT $3)
           FROM customer_services d WHERE d.customer_id = $2
         ON CONFLICT (customer_id, service) DO UPDATE
            SET status = excluded.status, restore_on_unblock = excluded.restore_on_unblock,
                updated_at = now()
          WHERE array_position(ARRAY['not_requested', 'inactive', 'requested', 'active'], excluded.status)
              > array_position(ARRAY['not_requested', 'inactive', 'requested', 'active'], s.status)"
            .into(),
    );
    statements.push("DELETE FROM customer_services WHERE customer_id = $2".into());
    for sql in statements {
        diesel::sql_query(sql)
            .bind::<BigInt, _>(survivor.id)
            .bind::<BigInt, _>(duplicate_id)
            .bind::<Bool, _>(relationship_active)
            .execute(conn)?;
    }
    Ok(())
}

fn invalid(field: &str, message: Msg) -> SaveError {
    let mut errors = FormErrors::new();
    errors.add(field, message);
    SaveError::Invalid(errors)
}
