//! The customer's history: every create, change and delete of the customer, its addresses,
//! contacts, notes and watch-list warning, with who, when, the field, the old and the new value.
//! Written by the model functions in the same transaction as the change itself.

use crate::models::customers::customer::Customer;
use crate::schema::{customer_history, staff};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Customer,
    Address,
    Contact,
    Note,
    Watch,
    Merge,
    /// A request for services and the decisions on it.
    Request,
    /// The business relationship: block, unblock, deactivate, reactivate.
    Relationship,
    /// A customer user: invited, revoked, viewed as.
    User,
    /// A catalog enabled or disabled for the customer.
    Catalog,
    /// A customer-specific product enabled or disabled for the customer.
    Product,
    /// A store whose stock the customer may see, enabled or disabled.
    StockLocation,
}

impl Entity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Entity::Customer => "customer",
            Entity::Address => "address",
            Entity::Contact => "contact",
            Entity::Note => "note",
            Entity::Watch => "watch",
            Entity::Merge => "merge",
            Entity::Request => "request",
            Entity::Relationship => "relationship",
            Entity::User => "user",
            Entity::Catalog => "catalog",
            Entity::Product => "product",
            Entity::StockLocation => "stock_location",
        }
    }
}

/// One field's change. `old` is None on create, `new` is None on delete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The fields whose words differ between two descriptions of the same record.
pub fn diff(
    before: &[(&'static str, String)],
    after: &[(&'static str, String)],
) -> Vec<FieldChange> {
    before
        .iter()
        .zip(after)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| FieldChange {
            field,
            old: Some(a.clone()).filter(|s| !s.is_empty()),
            new: Some(b.clone()).filter(|s| !s.is_empty()),
        })
        .collect()
}

/// A create or delete of a child record, every non-empty field as one change.
pub fn whole(described: &[(&'static str, String)], created: bool) -> Vec<FieldChange> {
    described
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(field, v)| FieldChange {
            field,
            old: (!created).then(|| v.clone()),
            new: created.then(|| v.clone()),
        })
        .collect()
}

/// Writes the changes (one row each; a single row with no field when there are none).
pub fn record(
    conn: &mut PgConnection,
    customer: &Customer,
    staff_id: Option<i64>,
    entity: Entity,
    entity_id: Option<i64>,
    action: &str,
    changes: &[FieldChange],
) -> QueryResult<()> {
    record_as(
        conn, customer, staff_id, None, entity, entity_id, action, changes,
    )
}

/// `record`, for a change made by someone who is not a staff member (a customer user): the
/// history shows `actor` as who did it.
#[allow(clippy::too_many_arguments)]
pub fn record_as(
    conn: &mut PgConnection,
    customer: &Customer,
    staff_id: Option<i64>,
    actor: Option<&str>,
    entity: Entity,
    entity_id: Option<i64>,
    action: &str,
    changes: &[FieldChange],
) -> QueryResult<()> {
    let version = if entity == Entity::Customer {
        customer.lock_version
    } else {
        0
    };
    let row = |c: Option<&FieldChange>| {
        (
            customer_history::customer_id.eq(Some(customer.id)),
            customer_history::customer_label.eq(customer.label()),
            customer_history::staff_id.eq(staff_id),
            customer_history::version.eq(version),
            customer_history::entity.eq(entity.as_str()),
            customer_history::entity_id.eq(entity_id),
            customer_history::action.eq(action),
            customer_history::field.eq(c.map(|c| c.field)),
            customer_history::old_value.eq(c.and_then(|c| c.old.clone())),
            customer_history::new_value.eq(c.and_then(|c| c.new.clone())),
            customer_history::actor_label.eq(actor),
        )
    };
    let rows: Vec<_> = if changes.is_empty() {
        vec![row(None)]
    } else {
        changes.iter().map(Some).map(row).collect()
    };
    diesel::insert_into(customer_history::table)
        .values(rows)
        .execute(conn)?;
    Ok(())
}

/// A history row as pages show it.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = customer_history, check_for_backend(diesel::pg::Pg))]
pub struct HistoryEntry {
    pub id: i64,
    pub changed_at: DateTime<Utc>,
    /// The staff member's name (the history is read left-joined to `staff`).
    #[diesel(select_expression = staff::name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<staff::name>)]
    pub staff_name: Option<String>,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub actor_label: Option<String>,
}

impl HistoryEntry {
    pub fn who(&self) -> &str {
        self.staff_name
            .as_deref()
            .or(self.actor_label.as_deref())
            .unwrap_or("the system")
    }

    pub fn what(&self) -> String {
        let thing = match self.entity.as_str() {
            "customer" => "Customer",
            "address" => "Address",
            "contact" => "Contact",
            "note" => "Note",
            "watch" => "Watch-list warning",
            "merge" => "Merge",
            "request" => "Request",
            "relationship" => "Relationship",
            "user" => "Customer user",
            "catalog" => "Catalog",
            "product" => "Specific product",
            "stock_location" => "Stock location",
            other => other,
        };
        let verb = match self.action.as_str() {
            "create" => "added",
            "update" => "changed",
            "delete" => "removed",
            "merge" => "merged",
            "approve" => "approved",
            "reject" => "rejected",
            "ask_info" => "sent back for more information",
            "answer" => "answered",
            "invite" => "invited",
            "revoke" => "revoked",
            "view_as" => "viewed as (read-only portal)",
            "enable" => "enabled",
            "disable" => "disabled",
            other => other,
        };
        format!("{thing} {verb}")
    }
}

/// Newest first, a page at a time; and the total.
pub fn for_customer(
    conn: &mut PgConnection,
    customer_id: i64,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<HistoryEntry>, i64)> {
    let rows = newest_first(conn, customer_id, offset, limit)?;
    let total = customer_history::table
        .filter(customer_history::customer_id.eq(customer_id))
        .count()
        .get_result(conn)?;
    Ok((rows, total))
}

/// The newest `limit` entries, without counting them all.
pub fn latest(
    conn: &mut PgConnection,
    customer_id: i64,
    limit: i64,
) -> QueryResult<Vec<HistoryEntry>> {
    newest_first(conn, customer_id, 0, limit)
}

/// `limit` entries from `offset` on, newest first.
fn newest_first(
    conn: &mut PgConnection,
    customer_id: i64,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<HistoryEntry>> {
    of_customer(customer_id)
        .order(customer_history::id.desc())
        .offset(offset)
        .limit(limit)
        .select(HistoryEntry::as_select())
        .load(conn)
}

/// The changes to the customer's own fields made after `version`: "what changed meanwhile".
pub fn customer_changes_since(
    conn: &mut PgConnection,
    customer_id: i64,
    version: i32,
) -> QueryResult<Vec<HistoryEntry>> {
    of_customer(customer_id)
        .filter(customer_history::entity.eq("customer"))
        .filter(customer_history::version.gt(version))
        .order(customer_history::id.asc())
        .select(HistoryEntry::as_select())
        .load(conn)
}

/// The customer's entries, each with the staff member who made it (for their name).
#[diesel::dsl::auto_type(no_type_alias)]
fn of_customer(customer_id: i64) -> _ {
    customer_history::table
        .left_join(staff::table)
        .filter(customer_history::customer_id.eq(customer_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_only_changed_fields() {
        let before = [
            ("Name", "A".to_string()),
            ("Phone", String::new()),
            ("Email", "x@y".to_string()),
        ];
        let after = [
            ("Name", "A".to_string()),
            ("Phone", "123".to_string()),
            ("Email", String::new()),
        ];
        assert_eq!(
            diff(&before, &after),
            vec![
                FieldChange {
                    field: "Phone",
                    old: None,
                    new: Some("123".into())
                },
                FieldChange {
                    field: "Email",
                    old: Some("x@y".into()),
                    new: None
                },
            ]
        );
    }
}
