//! Customers: the businesses and individuals the vendor sells to, and the organizations that
//! group them. Creating and changing a customer happens here, in one transaction that checks
//! what the database cannot (hierarchy cycles), refuses stale edits, and writes the history.

use crate::models::{
    access::staff::Staff,
    access::staff_scope::{Owned, StaffScope},
    accounts::credit,
    customers::customer_fields::{FIELDS, Names},
    customers::history::{self, Author, Entity, FieldChange},
    reference::Reference,
};
use crate::{
    domain::forms::FormErrors,
    domain::token,
    domain::{
        Cents, CustomerKind, CustomerType, OverLimitPolicy, Percent, RelationshipStatus,
        ReviewFlag, SalesTaxType,
    },
    error::AppError,
    i18n::Msg,
    schema::{customer_tags, customers, tags},
};
use chrono::{DateTime, Utc};
use diesel::{
    pg::Pg,
    prelude::*,
    sql_types::{Array, Bool, Nullable, Text},
};

/// Why a customer's save did not happen (`Stale`: the changes saved since the form was loaded).
pub type SaveError = crate::domain::forms::SaveError<Vec<history::HistoryEntry>>;

/// A saved customer: the fields a person sets (`fields`, read through `Deref` as
/// `customer.legal_name`) and what the application keeps beside them.
#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = customers, check_for_backend(diesel::pg::Pg))]
pub struct Customer {
    pub id: i64,
    #[diesel(embed)]
    pub fields: CustomerFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub price_list_email: String,
    pub relationship_status: RelationshipStatus,
    pub merged_into_id: Option<i64>,
    pub lock_version: i32,
    /// Kept by the database as orders change: all orders, and the value of those not cancelled.
    pub order_count: i32,
    pub order_value_cents: i64,
    /// The one currency of the customer's orders; None with no orders or several currencies.
    pub order_currency: Option<String>,
    /// Kept by the database from the ledger: the balance in the one currency of the customer's
    /// entries (`balance_currency`); 0 and None with none or several (see `ledger::balances`).
    pub balance_cents: i64,
    pub balance_currency: Option<String>,
}

impl std::ops::Deref for Customer {
    type Target = CustomerFields;

    fn deref(&self) -> &CustomerFields {
        &self.fields
    }
}

impl Customer {
    /// The name people know the customer by: the trading name when there is one.
    pub fn display_name(&self) -> &str {
        self.trading_name
            .as_deref()
            .filter(|t| !t.is_empty())
            .unwrap_or(&self.legal_name)
    }

    /// The account number, else the id: how a download's file name and the merge form's
    /// boxes name the customer.
    pub fn account_or_id(&self) -> String {
        self.account_number
            .clone()
            .unwrap_or_else(|| self.id.to_string())
    }

    /// "Müller GmbH (C-10001)": for history, links and messages.
    pub fn label(&self) -> String {
        label(&self.legal_name, self.account_number.as_deref())
    }

    pub fn credit_limit(&self) -> Cents {
        Cents(self.credit_limit_cents)
    }

    pub fn balance(&self) -> Cents {
        Cents(self.balance_cents)
    }

    /// Derived, never stored: credit limit less balance.
    pub fn available_credit(&self) -> Cents {
        Cents(self.credit_limit_cents - self.balance_cents)
    }

    pub fn discount(&self) -> Percent {
        Percent(self.discount_bp)
    }

    pub fn exempt_list(&self) -> Vec<String> {
        self.exempt_jurisdictions.clone()
    }

    pub fn is_organization(&self) -> bool {
        self.kind == CustomerKind::Organization
    }

    pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<Customer> {
        customers::table
            .find(id)
            .select(Customer::as_select())
            .first(conn)
    }

    /// The customer, its row locked (FOR UPDATE) until the caller's transaction ends: edits,
    /// approvals, portal users and assortment changes of one customer take turns.
    pub fn lock(conn: &mut PgConnection, id: i64) -> QueryResult<Customer> {
        customers::table
            .find(id)
            .for_update()
            .select(Customer::as_select())
            .first(conn)
    }

    pub fn find_many(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<Vec<Customer>> {
        customers::table
            .filter(customers::id.eq_any(ids))
            .select(Customer::as_select())
            .load(conn)
    }

    pub fn find_by_account_number(
        conn: &mut PgConnection,
        number: &str,
    ) -> QueryResult<Option<Customer>> {
        customers::table
            .filter(customers::account_number.eq(number.trim()))
            .select(Customer::as_select())
            .first(conn)
            .optional()
    }

    pub fn count(conn: &mut PgConnection) -> QueryResult<i64> {
        customers::table.count().get_result(conn)
    }

    /// The customers a staff member's scope sees.
    pub fn count_in(conn: &mut PgConnection, scope: &StaffScope) -> QueryResult<i64> {
        customers::table
            .filter(scope.admits("customers.id"))
            .count()
            .get_result(conn)
    }

    /// Those of them whose relationship is `status`.
    pub fn count_with_status(
        conn: &mut PgConnection,
        scope: &StaffScope,
        status: RelationshipStatus,
    ) -> QueryResult<i64> {
        customers::table
            .filter(customers::relationship_status.eq(status))
            .filter(scope.admits("customers.id"))
            .count()
            .get_result(conn)
    }

    /// The newest customers a staff member's scope sees.
    pub fn newest(
        conn: &mut PgConnection,
        scope: &StaffScope,
        limit: i64,
    ) -> QueryResult<Vec<Customer>> {
        customers::table
            .filter(scope.admits("customers.id"))
            .order((customers::created_at.desc(), customers::id.desc()))
            .limit(limit)
            .select(Customer::as_select())
            .load(conn)
    }

    /// Organizations that `scope` sees, for the membership choice.
    pub fn organizations(
        conn: &mut PgConnection,
        scope: &StaffScope,
    ) -> QueryResult<Vec<Customer>> {
        customers::table
            .filter(customers::kind.eq(CustomerKind::Organization))
            .filter(scope.admits("customers.id"))
            .filter(customers::merged_into_id.is_null())
            .order(customers::legal_name)
            .select(Customer::as_select())
            .load(conn)
    }

    /// A page of customers by name (the full list, search and filters are the list's own work).
    pub fn page(conn: &mut PgConnection, offset: i64, limit: i64) -> QueryResult<Vec<Customer>> {
        customers::table
            .order((customers::legal_name, customers::id))
            .offset(offset)
            .limit(limit)
            .select(Customer::as_select())
            .load(conn)
    }

    pub fn tag_names(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Vec<String>> {
        customer_tags::table
            .inner_join(tags::table)
            .filter(customer_tags::customer_id.eq(customer_id))
            .order(tags::name)
            .select(tags::name)
            .load(conn)
    }

    pub fn tag_ids(conn: &mut PgConnection, customer_id: i64) -> QueryResult<Vec<i64>> {
        customer_tags::table
            .filter(customer_tags::customer_id.eq(customer_id))
            .select(customer_tags::tag_id)
            .load(conn)
    }
}

pub fn label(name: &str, account_number: Option<&str>) -> String {
    match account_number {
        Some(n) => format!("{name} ({n})"),
        None => name.to_string(),
    }
}

/// The columns a person sets on a customer, checked and typed. Written as a whole on create and
/// on every save (so clearing a field really clears it), and read back as part of `Customer`.
#[derive(Clone, Debug, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = customers, treat_none_as_null = true)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct CustomerFields {
    pub account_number: Option<String>,
    pub legal_name: String,
    pub trading_name: Option<String>,
    pub kind: CustomerKind,
    pub customer_type: CustomerType,
    pub customer_group_id: Option<i64>,
    pub sales_channel_id: Option<i64>,
    pub default_store_id: i64,
    pub phone: Option<String>,
    pub alt_phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub salesperson_id: Option<i64>,
    pub tax_id: Option<String>,
    pub accounts_id: Option<String>,
    pub default_bank_account: Option<String>,
    pub forecast_code: Option<String>,
    pub active: bool,
    pub test_record: bool,
    pub term_customer: bool,
    pub allow_store_pickup: bool,
    pub allow_cod: bool,
    pub allow_payments_on_account: bool,
    /// Extended order settings: a customer reference (PO number) required at the checkout, and
    /// the least an order may be worth (in its price list's currency).
    pub reference_required: bool,
    pub minimum_order_cents: i64,
    pub payment_terms_id: Option<i64>,
    pub credit_limit_cents: i64,
    pub over_limit_policy: OverLimitPolicy,
    pub discount_bp: i32,
    pub sales_tax_type: SalesTaxType,
    #[diesel(deserialize_as = Regions)]
    pub exempt_jurisdictions: Vec<String>,
    pub review_flag: Option<ReviewFlag>,
    pub internal_remark: Option<String>,
    pub organization_id: Option<i64>,
    pub bill_to_id: Option<i64>,
    pub master_id: Option<i64>,
    /// The language emails to it are written in (a code of `Lang::all()`); None: its country's.
    pub language: Option<String>,
}

/// Everything a customer form submits, typed. Bill-to and master are given by account number
/// (there may be many thousands of customers); they are resolved inside the saving transaction.
#[derive(Clone, Debug)]
pub struct CustomerInput {
    pub fields: CustomerFields,
    pub bill_to_account: Option<String>,
    pub master_account: Option<String>,
    pub tag_ids: Vec<i64>,
    /// Why the credit limit is what it is: needed when it changes (the credit history).
    pub credit_limit_reason: Option<String>,
}

impl CustomerInput {
    /// A customer with a name and default store and nothing else: the starting point of a form,
    /// and what tests and imports build on.
    pub fn minimal(legal_name: &str, default_store_id: i64) -> CustomerInput {
        CustomerInput {
            fields: CustomerFields {
                account_number: None,
                legal_name: legal_name.to_string(),
                trading_name: None,
                kind: CustomerKind::Customer,
                customer_type: CustomerType::Business,
                customer_group_id: None,
                sales_channel_id: None,
                default_store_id,
                phone: None,
                alt_phone: None,
                email: None,
                website: None,
                salesperson_id: None,
                tax_id: None,
                accounts_id: None,
                default_bank_account: None,
                forecast_code: None,
                active: true,
                test_record: false,
                term_customer: false,
                allow_store_pickup: false,
                allow_cod: false,
                allow_payments_on_account: false,
                reference_required: false,
                minimum_order_cents: 0,
                payment_terms_id: None,
                credit_limit_cents: 0,
                over_limit_policy: OverLimitPolicy::Warn,
                discount_bp: 0,
                sales_tax_type: SalesTaxType::Taxable,
                exempt_jurisdictions: Vec::new(),
                review_flag: None,
                internal_remark: None,
                organization_id: None,
                bill_to_id: None,
                master_id: None,
                language: None,
            },
            bill_to_account: None,
            master_account: None,
            tag_ids: Vec::new(),
            credit_limit_reason: None,
        }
    }
}

/// One field as history and the "changed meanwhile" list show it.
type Described = Vec<(&'static str, String)>;

/// The customer's fields in words, in form order, for history diffs.
fn describe(
    conn: &mut PgConnection,
    f: &CustomerFields,
    tag_ids: &[i64],
    refs: &Reference,
) -> QueryResult<Described> {
    Ok(describe_keyed(conn, f, tag_ids, refs)?
        .into_iter()
        .map(|(_, label, value)| (label, value))
        .collect())
}

/// As `describe`, each field also under its form name (the key merges choose by).
pub fn describe_keyed(
    conn: &mut PgConnection,
    f: &CustomerFields,
    tag_ids: &[i64],
    refs: &Reference,
) -> QueryResult<Vec<(&'static str, &'static str, String)>> {
    let names = Names::load(conn, f, tag_ids, refs)?;
    Ok(FIELDS
        .iter()
        .map(|field| (field.name, field.label, field.show(f, &names)))
        .collect())
}

/// The exempt jurisdictions as read: the column is an array whose elements the database
/// allows to be NULL, though the application never writes one.
pub struct Regions(Vec<Option<String>>);

impl Queryable<Array<Nullable<Text>>, Pg> for Regions {
    type Row = Vec<Option<String>>;

    fn build(row: Self::Row) -> diesel::deserialize::Result<Regions> {
        Ok(Regions(row))
    }
}

impl From<Regions> for Vec<String> {
    fn from(regions: Regions) -> Vec<String> {
        regions.0.into_iter().flatten().collect()
    }
}

/// Resolves account numbers and checks what only the database can tell: uniqueness, that the
/// organization is one, and that bill-to and master chains do not come back to `current`
/// (None for a new customer).
///
/// A staff member limited to its own customers (`by`) learns nothing of another customer here
/// either: an account number taken by one is "taken" without its name, and a bill-to or master
/// account of one is "no such account", unless the customer points there already.
fn check_relations(
    conn: &mut PgConnection,
    current: Option<&Customer>,
    input: &mut CustomerInput,
    (errors, by): (&mut FormErrors, &Author),
) -> QueryResult<()> {
    let self_id = current.map(|c| c.id);
    let reader = Reader::of(conn, by)?;
    let sees = |conn: &mut PgConnection, id: i64| reader.sees(conn, id);
    let f = &mut input.fields;
    if let Some(number) = &f.account_number
        && let Some(other) = Customer::find_by_account_number(conn, number)?
        && Some(other.id) != self_id
    {
        let message = match sees(conn, other.id)? {
            true => Msg::new("customer-form-account-taken-by").arg("name", &other.legal_name),
            false => Msg::new("staff-scope-account-taken"),
        };
        errors.add("account_number", message);
    }
    check_organization(conn, f, current, &reader, errors)?;
    for (field, account, target, (column, now)) in [
        (
            "bill_to_account",
            &input.bill_to_account,
            &mut f.bill_to_id,
            ("bill_to_id", current.and_then(|c| c.bill_to_id)),
        ),
        (
            "master_account",
            &input.master_account,
            &mut f.master_id,
            ("master_id", current.and_then(|c| c.master_id)),
        ),
    ] {
        *target = None;
        let Some(account) = account else { continue };
        let found = match Customer::find_by_account_number(conn, account)? {
            Some(other) if Some(other.id) == now || sees(conn, other.id)? => Some(other),
            _ => None,
        };
        let Some(other) = found else {
            errors.add(
                field,
                Msg::new("customer-form-no-such-account").arg("account", account),
            );
            continue;
        };
        if Some(other.id) == self_id {
            errors.add(field, Msg::new("customer-form-own-bill-to"));
            continue;
        }
        if let Some(me) = self_id
            && chain_reaches(conn, column, other.id, me)?
        {
            errors.add(
                field,
                Msg::new("customer-form-chain-loop").arg("customer", other.label()),
            );
            continue;
        }
        *target = Some(other.id);
    }
    Ok(())
}

/// Whoever saves a customer, as far as which other customers it may name or link: a staff
/// member's scope (from its row), or everyone (an API client, an applicant, the demo).
struct Reader(Option<StaffScope>);

impl Reader {
    fn of(conn: &mut PgConnection, by: &Author) -> QueryResult<Reader> {
        Ok(Reader(match by.staff_id() {
            Some(id) => Some(StaffScope::of(&Staff::find(conn, id)?)),
            None => None,
        }))
    }

    fn sees(&self, conn: &mut PgConnection, id: i64) -> QueryResult<bool> {
        match &self.0 {
            Some(scope) => scope.sees(conn, Owned::Customer, id),
            None => Ok(true),
        }
    }
}

/// The organization chosen is one (and a customer, not itself an organization, chose it), and
/// one `reader` sees, unless the customer (`current`) belongs to it already.
fn check_organization(
    conn: &mut PgConnection,
    f: &CustomerFields,
    current: Option<&Customer>,
    reader: &Reader,
    errors: &mut FormErrors,
) -> QueryResult<()> {
    let Some(org_id) = f.organization_id else {
        return Ok(());
    };
    if f.kind == CustomerKind::Organization {
        errors.add(
            "organization_id",
            Msg::new("customer-form-organization-nested"),
        );
        return Ok(());
    }
    let seen =
        Some(org_id) == current.and_then(|c| c.organization_id) || reader.sees(conn, org_id)?;
    let kind = customers::table
        .find(org_id)
        .select(customers::kind)
        .first::<CustomerKind>(conn)
        .optional()?;
    if !(seen && kind == Some(CustomerKind::Organization)) {
        errors.add(
            "organization_id",
            Msg::new("customer-form-choose-organization"),
        );
    }
    Ok(())
}

/// True when following `column` (bill_to_id or master_id) upwards from `start` reaches `target`.
fn chain_reaches(
    conn: &mut PgConnection,
    column: &str,
    start: i64,
    target: i64,
) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = Bool)]
        found: bool,
    }
    // `column` is one of two fixed names, never user input. UNION (not UNION ALL) stops at a
    // node already seen, so even a cycle that slipped in earlier cannot loop forever.
    debug_assert!(column == "bill_to_id" || column == "master_id");
    let sql = format!(
        "WITH RECURSIVE chain(id) AS (SELECT $1::BIGINT UNION SELECT c.{column} FROM customers c \
         JOIN chain ON c.id = chain.id WHERE c.{column} IS NOT NULL) \
         SELECT EXISTS (SELECT 1 FROM chain WHERE id = $2) AS found"
    );
    let row: Found = diesel::sql_query(sql)
        .bind::<diesel::sql_types::BigInt, _>(start)
        .bind::<diesel::sql_types::BigInt, _>(target)
        .get_result(conn)?;
    Ok(row.found)
}

fn replace_tags(conn: &mut PgConnection, customer_id: i64, tag_ids: &[i64]) -> QueryResult<()> {
    diesel::delete(customer_tags::table.filter(customer_tags::customer_id.eq(customer_id)))
        .execute(conn)?;
    let rows: Vec<_> = tag_ids
        .iter()
        .map(|t| {
            (
                customer_tags::customer_id.eq(customer_id),
                customer_tags::tag_id.eq(*t),
            )
        })
        .collect();
    diesel::insert_into(customer_tags::table)
        .values(rows)
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(())
}

/// A fresh, unguessable address for the customer's price files.
pub fn new_price_list_email(domain: &str) -> String {
    format!("prices-{}@{domain}", &token::random_hex(6))
}

/// Creates a customer with its tags and a history entry per field set, signed by `by` (a staff
/// member, an API client); all or nothing.
pub fn create(
    conn: &mut PgConnection,
    mut input: CustomerInput,
    by: &Author,
    price_list_email_domain: &str,
) -> Result<Customer, SaveError> {
    conn.transaction(|conn| {
        let mut errors = FormErrors::new();
        check_relations(conn, None, &mut input, (&mut errors, by))?;
        if !errors.is_empty() {
            return Err(SaveError::Invalid(errors));
        }
        let customer: Customer = diesel::insert_into(customers::table)
            .values((
                &input.fields,
                customers::price_list_email.eq(new_price_list_email(price_list_email_domain)),
            ))
            .returning(Customer::as_returning())
            .get_result(conn)
            .map_err(account_number_taken)?;
        replace_tags(conn, customer.id, &input.tag_ids)?;
        if customer.credit_limit_cents > 0 {
            let limit = (None, customer.credit_limit_cents);
            let reason = input.credit_limit_reason.as_deref();
            credit::record(conn, customer.id, limit, reason, by)?;
        }
        let refs = Reference::load(conn)?;
        let after = describe(conn, &input.fields, &input.tag_ids, &refs)?;
        // A new record's history lists what was filled in, not every default left alone.
        let changes: Vec<FieldChange> = after
            .into_iter()
            .filter(|(_, v)| !matches!(v.as_str(), "" | "No" | "0.00" | "0 %"))
            .map(|(field, v)| FieldChange {
                field,
                old: None,
                new: Some(v),
            })
            .collect();
        history::record_as(
            conn,
            &customer,
            by.staff_id(),
            by.label().as_deref(),
            Entity::Customer,
            Some(customer.id),
            "create",
            &changes,
        )?;
        Ok(customer)
    })
}

/// Saves a changed customer if nobody else has since `expected_version`; writes one history
/// row per changed field. Returns the saved customer.
pub fn update(
    conn: &mut PgConnection,
    id: i64,
    expected_version: i32,
    mut input: CustomerInput,
    by: &Author,
) -> Result<Customer, SaveError> {
    conn.transaction(|conn| {
        let current = Customer::lock(conn, id).map_err(AppError::from)?;
        if current.lock_version != expected_version {
            return Err(SaveError::Stale(Box::new(history::customer_changes_since(
                conn,
                id,
                expected_version,
            )?)));
        }
        // What the form does not offer stays as it is.
        input.fields.kind = current.kind;
        let mut errors = FormErrors::new();
        check_relations(conn, Some(&current), &mut input, (&mut errors, by))?;
        let limit = (current.credit_limit_cents, input.fields.credit_limit_cents);
        if limit.0 != limit.1 && input.credit_limit_reason.is_none() {
            errors.add(
                "credit_limit_reason",
                Msg::new("customer-form-credit-reason-missing"),
            );
        }
        if !errors.is_empty() {
            return Err(SaveError::Invalid(errors));
        }
        if limit.0 != limit.1 {
            let reason = input.credit_limit_reason.as_deref();
            credit::record(conn, id, (Some(limit.0), limit.1), reason, by)?;
        }
        let refs = Reference::load(conn)?;
        let before_tags = Customer::tag_ids(conn, id)?;
        let before = describe(conn, &current.fields, &before_tags, &refs)?;
        let after = describe(conn, &input.fields, &input.tag_ids, &refs)?;
        let changes = history::diff(&before, &after);
        if changes.is_empty() {
            return Ok(current);
        }
        let saved: Customer = diesel::update(customers::table.find(id))
            .set((
                &input.fields,
                customers::lock_version.eq(customers::lock_version + 1),
                customers::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Customer::as_returning())
            .get_result(conn)
            .map_err(account_number_taken)?;
        replace_tags(conn, id, &input.tag_ids)?;
        let (staff_id, label) = (by.staff_id(), by.label());
        history::record_as(
            conn,
            &saved,
            staff_id,
            label.as_deref(),
            Entity::Customer,
            Some(id),
            "update",
            &changes,
        )?;
        Ok(saved)
    })
}

/// A unique violation that raced past the check becomes a message on the field.
/// The account number is another customer's: said beside the field.
fn account_number_taken(e: diesel::result::Error) -> SaveError {
    unique_to_field(e, "account_number", Msg::new("customer-form-account-taken"))
}

fn unique_to_field(e: diesel::result::Error, field: &str, message: Msg) -> SaveError {
    crate::models::unique_as(e, || SaveError::Invalid(FormErrors::one(field, message)))
}

/// Customers that point at `id` through `column` (members, sell-to customers, associated
/// customers), the first `limit` by name, and how many there are in all.
pub fn dependents(
    conn: &mut PgConnection,
    id: i64,
    column: Dependents,
    limit: i64,
) -> QueryResult<(Vec<Customer>, i64)> {
    let base = || {
        let q = customers::table.into_boxed();
        match column {
            Dependents::Members => q.filter(customers::organization_id.eq(id)),
            Dependents::SellTo => q.filter(customers::bill_to_id.eq(id)),
            Dependents::Associated => q.filter(customers::master_id.eq(id)),
        }
    };
    let rows = base()
        .order(customers::legal_name)
        .limit(limit)
        .select(Customer::as_select())
        .load(conn)?;
    let total = if (rows.len() as i64) < limit {
        rows.len() as i64
    } else {
        base().count().get_result(conn)?
    };
    Ok((rows, total))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dependents {
    Members,
    SellTo,
    Associated,
}

/// Whether any customer bills to this one (only then do its contacts get the sell-to events).
pub fn is_bill_to(conn: &mut PgConnection, id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        customers::table.filter(customers::bill_to_id.eq(id)),
    ))
    .get_result(conn)
}

#[derive(Debug, Insertable)]
#[diesel(table_name = customers)]
pub struct NewCustomer<'a> {
    pub account_number: Option<&'a str>,
    pub legal_name: &'a str,
    pub trading_name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub default_store_id: i64,
    pub price_list_email: String,
}

impl NewCustomer<'_> {
    /// A bare insert with no history: for demo data and imports.
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Customer> {
        diesel::insert_into(customers::table)
            .values(self)
            .returning(Customer::as_returning())
            .get_result(conn)
    }
}

/// Why a customer cannot be deleted right now, in words; empty when it can.
pub fn delete_blockers(conn: &mut PgConnection, id: i64) -> QueryResult<Vec<Msg>> {
    let count = |conn: &mut PgConnection, column: Dependents| {
        dependents(conn, id, column, 1).map(|(_, n)| n)
    };
    let mut blockers = Vec::new();
    for (relation, what) in [
        (Dependents::Members, "customers-delete-blocker-members"),
        (Dependents::SellTo, "customers-delete-blocker-sell-to"),
        (
            Dependents::Associated,
            "customers-delete-blocker-associated",
        ),
    ] {
        let n = count(conn, relation)?;
        if n > 0 {
            blockers.push(Msg::new(what).arg("count", n));
        }
    }
    let orders: i32 = customers::table
        .find(id)
        .select(customers::order_count)
        .first(conn)?;
    if orders > 0 {
        blockers.push(Msg::new("customers-delete-blocker-orders").arg("count", orders));
    }
    let merged: i64 = customers::table
        .filter(customers::merged_into_id.eq(id))
        .count()
        .get_result(conn)?;
    if merged > 0 {
        blockers.push(Msg::new("customers-delete-blocker-merged").arg("count", merged));
    }
    Ok(blockers)
}

/// Deletes a customer (and its addresses, contacts, notes) unless something depends on it; the
/// history keeps a record of the deletion under the customer's name. Returns the name, or why not.
pub fn delete(
    conn: &mut PgConnection,
    id: i64,
    staff_id: i64,
) -> Result<Result<String, Vec<Msg>>, AppError> {
    conn.transaction(|conn| {
        let customer: Customer = customers::table
            .find(id)
            .for_update()
            .select(Customer::as_select())
            .first(conn)?;
        let blockers = delete_blockers(conn, id)?;
        if !blockers.is_empty() {
            return Ok(Err(blockers));
        }
        let change = FieldChange {
            field: "Customer",
            old: Some(customer.label()),
            new: None,
        };
        history::record(
            conn,
            &customer,
            Some(staff_id),
            Entity::Customer,
            Some(id),
            "delete",
            &[change],
        )?;
        diesel::delete(customers::table.find(id)).execute(conn)?;
        Ok(Ok(customer.fields.legal_name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exempt_jurisdictions_are_read_without_null_elements() {
        let read = Regions(vec![Some("CA".into()), None, Some("US-NY".into())]);
        assert_eq!(Vec::<String>::from(read), ["CA", "US-NY"]);
    }
}
