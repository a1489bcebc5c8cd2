//! The customer's history: every create, change and delete of the customer, its addresses,
//! contacts, notes and watch-list warning, with who, when, the field, the old and the new value.
//! Written by the model functions in the same transaction as the change itself.

use crate::domain::{
    AddressKind, ContactEvent, CustomerKind, CustomerType, OverLimitPolicy, RelationshipStatus,
    RequestStatus, ReviewFlag, SalesTaxType, Service, ServiceStatus,
};
use crate::i18n::L10n;
use crate::models::access::customer_user::{CustomerRole, UserStatus};
use crate::models::customers::customer::Customer;
use crate::models::customers::customer_fields::FIELDS;
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
    /// A posting to the customer's account (an invoice, payment, credit note, …).
    Posting,
    /// The customer's contract prices, replaced by a price file.
    Prices,
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
            Entity::Posting => "posting",
            Entity::Prices => "prices",
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

/// Who makes a change: a staff member, a system by the name it is known by (an API client's
/// changes are signed "API: " and its name), or one of the customer's users in the portal
/// (signed with `CustomerUser::actor_label`, "Ann Buyer (customer user)").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Author {
    Staff(i64),
    Client(String),
    User {
        id: i64,
        label: String,
    },
    /// A prospect who applied in the portal, as the history names them.
    Applicant(String),
}

impl Author {
    pub fn staff_id(&self) -> Option<i64> {
        match self {
            Author::Staff(id) => Some(*id),
            Author::Client(_) | Author::User { .. } | Author::Applicant(_) => None,
        }
    }

    /// The name history shows for a change that no staff member made.
    pub fn label(&self) -> Option<String> {
        match self {
            Author::Staff(_) => None,
            Author::Client(name) => Some(format!("API: {name}")),
            Author::User { label, .. } => Some(label.clone()),
            Author::Applicant(label) => Some(label.clone()),
        }
    }

    /// How a person reads who it was: the staff member's name, else `label`.
    pub fn name(&self, conn: &mut PgConnection) -> QueryResult<String> {
        match self {
            Author::Staff(id) => staff::table.find(id).select(staff::name).first(conn),
            _ => Ok(self.label().unwrap_or_default()),
        }
    }
}

/// A staff member's id is the staff member as an author (what callers that only ever had staff
/// pass).
impl From<i64> for Author {
    fn from(staff_id: i64) -> Author {
        Author::Staff(staff_id)
    }
}

/// `record_as`, signed by `by`.
pub fn record_by(
    conn: &mut PgConnection,
    customer: &Customer,
    by: &Author,
    (entity, entity_id): (Entity, Option<i64>),
    action: &str,
    changes: &[FieldChange],
) -> QueryResult<()> {
    let label = by.label();
    record_as(
        conn,
        customer,
        by.staff_id(),
        label.as_deref(),
        entity,
        entity_id,
        action,
        changes,
    )
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
    /// Who made the change, in the reader's language when it was nobody in particular.
    pub fn who_text(&self, l: &L10n) -> String {
        match self.staff_name.as_deref().or(self.actor_label.as_deref()) {
            Some(name) => name.to_string(),
            None => l.t("customer-parts-history-system"),
        }
    }

    /// What was done ("Address changed"), in the reader's language: the entity and the action
    /// are stored as codes.
    pub fn what_text(&self, l: &L10n) -> String {
        l.t2(
            "customer-parts-history-change",
            ("entity", self.entity.as_str()),
            ("action", self.action.as_str()),
        )
    }

    /// The field's name, in the reader's language when it is one the application wrote.
    pub fn field_text(&self, l: &L10n) -> String {
        self.field
            .as_deref()
            .map(|f| field_text(l, f))
            .unwrap_or_default()
    }

    /// The old value, its fixed words in the reader's language.
    pub fn old_text(&self, l: &L10n) -> String {
        self.value_of(l, &self.old_value)
    }

    /// The new value, its fixed words in the reader's language.
    pub fn new_text(&self, l: &L10n) -> String {
        self.value_of(l, &self.new_value)
    }

    fn value_of(&self, l: &L10n, value: &Option<String>) -> String {
        match (&self.field, value) {
            (Some(field), Some(v)) => value_text(l, field, v),
            (None, Some(v)) => v.clone(),
            (_, None) => String::new(),
        }
    }

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
            "posting" => "Accounts",
            "prices" => "Contract prices",
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
            "post" => "posted",
            "remind" => "reminded",
            "statement" => "sent a statement",
            other => other,
        };
        format!("{thing} {verb}")
    }
}

// The history in the reader's language ------------------------------------------------------
//
// The history stores what it shows in English words: the field's label ("Town or city") and
// values as people read them ("Yes", "Shipping (ship-to)", "Order confirmation, Statements").
// What is stored stays as it is; the words the application itself wrote are put into the
// reader's language when they are shown. What people typed, names, and the labels of the
// customer's own fields (not known here) are shown as stored.

/// The message id of a field label the application writes into the history.
fn field_id(field: &str) -> Option<&'static str> {
    Some(match field {
        "Kind" => "customer-parts-address-kind",
        "Label" => "customer-parts-address-label",
        "Address line 1" => "customer-parts-address-line1",
        "Address line 2" => "customer-parts-address-line2",
        "Town or city" => "customer-parts-address-city",
        "Region" => "customer-parts-address-region",
        "Postcode" => "customer-parts-address-postcode",
        "Country" => "customer-parts-address-country",
        "Phone" => "customer-parts-phone",
        "Primary" => "customer-parts-history-field-primary",
        "Default billing" => "customer-parts-history-field-default-billing",
        "Default shipping" => "customer-parts-history-field-default-shipping",
        "Name" => "customer-parts-contact-name",
        "Job title" => "customer-parts-contact-job-title",
        "Email" => "customer-parts-contact-email",
        "Notifications" => "customer-parts-history-field-notifications",
        "Note" => "customer-parts-history-field-note",
        "Watch-list warning" => "customer-parts-history-field-watch",
        "Merged from" => "customer-parts-history-field-merged-from",
        "Merged into" => "customer-parts-history-field-merged-into",
        "Customer" => "customer-parts-history-field-customer",
        "Invitation sent again to" => "customer-parts-history-field-invitation-again",
        "Status" => "customer-parts-history-field-status",
        "Role" => "customer-parts-history-field-role",
        "Ship-to address" => "customer-parts-history-field-ship-to",
        "Opening balance" => "ledger-kind-opening",
        "Invoice" => "ledger-kind-invoice",
        "Credit note" => "ledger-kind-credit-note",
        "Payment" => "ledger-kind-payment",
        "Reversal" => "ledger-kind-reversal",
        "Reminder" => "ledger-history-reminder",
        "Statement" => "ledger-history-statement",
        "Viewed the portal as" => "customer-parts-history-field-viewed-as",
        "Relationship" => "customer-parts-history-field-relationship",
        "Services asked for" => "customer-parts-history-field-services",
        "Request" => "customer-parts-history-field-request",
        "Reason" => "customer-parts-history-field-reason",
        "Catalogs enabled" => "customer-parts-history-field-catalogs",
        "Answer" => "customer-parts-history-field-answer",
        "Catalog" => "customer-parts-history-field-catalog",
        "Specific product" => "customer-parts-history-field-product",
        "Stock visible at" => "customer-parts-history-field-stock",
        "Contract prices" => "customer-parts-history-field-prices",
        other => return service(other).map(|s| s.label_id()),
    })
}

/// The service whose label is `label` (a service's status change names the service as field).
fn service(label: &str) -> Option<Service> {
    Service::ALL.iter().copied().find(|s| s.label() == label)
}

/// A field's name as the history or "changed meanwhile" shows it: in the reader's language
/// when the application wrote it (its own labels, and those of the customer's fields), else as
/// stored.
pub fn field_text(l: &L10n, field: &str) -> String {
    if let Some(id) = field_id(field) {
        return l.t(id);
    }
    match FIELDS.iter().find(|f| f.label == field) {
        Some(f) => customer_field_text(l, f.name, f.label),
        None => field.to_string(),
    }
}

/// The label of the customer's field `name` (its form name) in the reader's language; `label`
/// (its English label) when it has no message yet (a field added to the table before its
/// history label: shown as stored).
pub fn customer_field_text(l: &L10n, name: &str, label: &str) -> String {
    l.try_t(format!(
        "customer-parts-history-customer-{}",
        name.replace('_', "-")
    ))
    .unwrap_or_else(|| label.to_string())
}

/// The message id of the label `$value` of the text enum `$enum`, if it is one of its labels.
macro_rules! label_id {
    ($enum:ty, $value:expr) => {
        <$enum>::ALL
            .iter()
            .find(|x| x.label() == $value)
            .map(|x| x.label_id())
    };
}

/// A value as the history or "changed meanwhile" shows it: the fixed words the application
/// wrote for the field (yes and no, kinds, statuses, notifications, services) in the reader's
/// language; what people typed, names and amounts as stored.
pub fn value_text(l: &L10n, field: &str, value: &str) -> String {
    let word =
        |id: Option<&'static str>, part: &str| id.map_or_else(|| part.to_string(), |id| l.t(id));
    // Lists of labels, written joined by ", ".
    let list = |id: &dyn Fn(&str) -> Option<&'static str>| -> String {
        value
            .split(", ")
            .map(|part| word(id(part), part))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let one = |id: Option<&'static str>| word(id, value);
    match field {
        // Flags, written "Yes" or "No".
        "Primary"
        | "Default billing"
        | "Default shipping"
        | "Active"
        | "Test record"
        | "Term customer"
        | "Allow store pickup"
        | "Allow cash on delivery"
        | "Allow payments on account" => one(match value {
            "Yes" => Some("customer-parts-yes"),
            "No" => Some("customer-parts-no"),
            _ => None,
        }),
        "Kind" => one(label_id!(AddressKind, value)),
        "Notifications" => list(&|part| label_id!(ContactEvent, part)),
        "Services asked for" => list(&|part| label_id!(Service, part)),
        "Relationship" => one(label_id!(RelationshipStatus, value)),
        "Request" => one(label_id!(RequestStatus, value)),
        "Status" => one(label_id!(UserStatus, value)),
        "Role" => one(label_id!(CustomerRole, value)),
        "Record kind" => one(label_id!(CustomerKind, value)),
        "Type" => one(label_id!(CustomerType, value)),
        "Over-limit policy" => one(label_id!(OverLimitPolicy, value)),
        "Sales tax type" => one(label_id!(SalesTaxType, value)),
        "Review flag" => one(label_id!(ReviewFlag, value)),
        _ if service(field).is_some() => one(label_id!(ServiceStatus, value)),
        // What people typed, names, amounts: as stored.
        _ => value.to_string(),
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
    use crate::i18n::{Lang, Zone};

    #[test]
    fn stored_english_words_are_shown_in_the_readers_language_and_typed_text_as_it_is() {
        let de = L10n::new(Lang::parse("de").unwrap(), Zone::utc());
        assert_eq!(field_text(&de, "Town or city"), "Ort");
        assert_eq!(field_text(&de, "Legal name"), "Firmenname");
        assert_eq!(field_text(&de, "Invoices"), "Rechnungen");
        assert_eq!(field_text(&de, "Something new"), "Something new");
        assert_eq!(value_text(&de, "Primary", "Yes"), "Ja");
        assert_eq!(value_text(&de, "Label", "Yes"), "Yes");
        assert_eq!(
            value_text(&de, "Kind", "Shipping (ship-to)"),
            "Lieferadresse"
        );
        assert_eq!(
            value_text(&de, "Notifications", "Invoice posted, Statements"),
            "Rechnung gestellt, Kontoauszüge"
        );
        assert_eq!(value_text(&de, "Invoices", "Active"), "Freigeschaltet");
        let en = L10n::english();
        assert_eq!(field_text(&en, "Town or city"), "Town or city");
        assert_eq!(
            value_text(&en, "Kind", "Shipping (ship-to)"),
            "Shipping (ship-to)"
        );
        assert_eq!(value_text(&en, "Primary", "No"), "No");
    }

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
