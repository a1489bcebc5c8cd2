//! Reference data kept by administrators: stores, price lists, sales channels, customer groups,
//! payment terms and tags. Small tables, loaded whole for forms and for naming things.

use crate::i18n::Msg;
use crate::models::{Counts, lower};
use crate::{
    domain::forms::FormErrors,
    error::AppResult,
    schema::{
        customer_groups, customer_tags, customers, payment_terms, price_lists, sales_channels,
        stores, tags,
    },
};
use chrono::{DateTime, Utc};
use diesel::{
    dsl::count_star,
    prelude::*,
    result::{DatabaseErrorKind, Error as DbError},
};
use serde::Deserialize;

pub use crate::domain::forms::SaveError;

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = stores, check_for_backend(diesel::pg::Pg))]
pub struct Store {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = price_lists, check_for_backend(diesel::pg::Pg))]
pub struct PriceList {
    pub id: i64,
    pub name: String,
    pub currency: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sales_channels, check_for_backend(diesel::pg::Pg))]
pub struct SalesChannel {
    pub id: i64,
    pub name: String,
    pub price_list_id: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = customer_groups, check_for_backend(diesel::pg::Pg))]
pub struct CustomerGroup {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = payment_terms, check_for_backend(diesel::pg::Pg))]
pub struct PaymentTerm {
    pub id: i64,
    pub name: String,
    /// None: prepaid, full payment before despatch.
    pub days: Option<i32>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = tags, check_for_backend(diesel::pg::Pg))]
pub struct Tag {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// A staff member customers can be assigned to.
#[derive(Clone, Debug, Queryable)]
pub struct Salesperson {
    pub id: i64,
    pub name: String,
}

/// All reference data at once: what forms offer and what ids are called.
#[derive(Clone, Debug, Default)]
pub struct Reference {
    pub stores: Vec<Store>,
    pub price_lists: Vec<PriceList>,
    pub channels: Vec<SalesChannel>,
    pub groups: Vec<CustomerGroup>,
    pub terms: Vec<PaymentTerm>,
    pub tags: Vec<Tag>,
    pub salespeople: Vec<Salesperson>,
}

/// What the customer list's filters offer: three of the seven kinds of reference data.
pub struct FilterChoices {
    pub channels: Vec<SalesChannel>,
    pub groups: Vec<CustomerGroup>,
    pub tags: Vec<Tag>,
}

/// One of the filters' choices as the statement reads them: its kind (0 a sales channel, 1 a
/// group, 2 a tag), id, name, a channel's price list, and when it was made.
type ChoiceRow = (i32, i64, String, Option<i64>, DateTime<Utc>);

impl FilterChoices {
    /// The three kinds in one statement (the customer list asks on every page: one round trip
    /// rather than three), each in name order.
    pub fn load(conn: &mut PgConnection) -> QueryResult<FilterChoices> {
        use diesel::query_dsl::positional_order_dsl::PositionalOrderDsl;
        use diesel::sql_types::{BigInt, Integer, Nullable};
        let no_list = || None::<i64>.into_sql::<Nullable<BigInt>>();
        let rows: Vec<ChoiceRow> = sales_channels::table
            .select((
                0.into_sql::<Integer>(),
                sales_channels::id,
                sales_channels::name,
                sales_channels::price_list_id.nullable(),
                sales_channels::created_at,
            ))
            .union_all(customer_groups::table.select((
                1.into_sql::<Integer>(),
                customer_groups::id,
                customer_groups::name,
                no_list(),
                customer_groups::created_at,
            )))
            .union_all(tags::table.select((
                2.into_sql::<Integer>(),
                tags::id,
                tags::name,
                no_list(),
                tags::created_at,
            )))
            .positional_order_by((1, 3))
            .load(conn)?;
        let mut choices = FilterChoices {
            channels: Vec::new(),
            groups: Vec::new(),
            tags: Vec::new(),
        };
        for (kind, id, name, price_list_id, created_at) in rows {
            match (kind, price_list_id) {
                (0, Some(price_list_id)) => choices.channels.push(SalesChannel {
                    id,
                    name,
                    price_list_id,
                    created_at,
                }),
                (1, _) => choices.groups.push(CustomerGroup {
                    id,
                    name,
                    created_at,
                }),
                _ => choices.tags.push(Tag {
                    id,
                    name,
                    created_at,
                }),
            }
        }
        Ok(choices)
    }
}

impl Reference {
    pub fn load(conn: &mut PgConnection) -> QueryResult<Reference> {
        let FilterChoices {
            channels,
            groups,
            tags,
        } = FilterChoices::load(conn)?;
        Ok(Reference {
            stores: Store::all(conn)?,
            price_lists: PriceList::all(conn)?,
            channels,
            groups,
            terms: PaymentTerm::all(conn)?,
            tags,
            salespeople: crate::models::access::staff::Staff::salespeople(conn)?
                .into_iter()
                .map(|(id, name)| Salesperson { id, name })
                .collect(),
        })
    }

    pub fn store(&self, id: i64) -> Option<&Store> {
        self.stores.iter().find(|s| s.id == id)
    }

    pub fn channel(&self, id: i64) -> Option<&SalesChannel> {
        self.channels.iter().find(|c| c.id == id)
    }

    pub fn price_list(&self, id: i64) -> Option<&PriceList> {
        self.price_lists.iter().find(|p| p.id == id)
    }

    pub fn group(&self, id: i64) -> Option<&CustomerGroup> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn term(&self, id: i64) -> Option<&PaymentTerm> {
        self.terms.iter().find(|t| t.id == id)
    }

    pub fn tag(&self, id: i64) -> Option<&Tag> {
        self.tags.iter().find(|t| t.id == id)
    }

    pub fn salesperson(&self, id: i64) -> Option<&Salesperson> {
        self.salespeople.iter().find(|s| s.id == id)
    }

    pub fn store_label(&self, id: i64) -> String {
        self.store(id)
            .map(|s| format!("{} {}", s.code, s.name))
            .unwrap_or_else(|| format!("store #{id}"))
    }

    pub fn channel_label(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.channel(id))
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    pub fn group_label(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.group(id))
            .map(|g| g.name.clone())
            .unwrap_or_default()
    }

    pub fn term_label(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.term(id))
            .map(|t| t.name.clone())
            .unwrap_or_default()
    }

    /// The price list a sales channel decides.
    pub fn price_list_of_channel(&self, channel_id: Option<i64>) -> Option<&PriceList> {
        channel_id
            .and_then(|c| self.channel(c))
            .and_then(|c| self.price_list(c.price_list_id))
    }
}

// Administration ----------------------------------------------------------------------------------
//
// Every kind of reference data is listed with how much uses it, created and changed through a
// form whose input is checked here (all of it, including uniqueness, before anything is
// written), and deleted only while nothing uses it.

/// Longest name of a store, price list, sales channel, customer group or payment term.
pub const NAME_MAX: usize = 120;
/// Longest tag name.
pub const TAG_NAME_MAX: usize = 60;
/// Longest store code.
pub const STORE_CODE_MAX: usize = 20;
/// Longest payment term, in days.
pub const DAYS_MAX: i32 = 365;

/// What uses a row: customers, and (for a price list) sales channels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub customers: i64,
    pub channels: i64,
}

impl Usage {
    /// Used by `customers` customers (and by no sales channel).
    fn of_customers(customers: i64) -> Usage {
        Usage {
            customers,
            channels: 0,
        }
    }

    pub fn is_unused(&self) -> bool {
        self.customers == 0 && self.channels == 0
    }

    /// "3 customers", "1 sales channel (and through it 4 customers)", "nothing".
    pub fn describe(&self) -> String {
        let customers = plural(self.customers, "customer", "customers");
        match (self.channels, self.customers) {
            (0, 0) => "nothing".into(),
            (0, _) => customers,
            (1, 0) => "1 sales channel".into(),
            (1, _) => format!("1 sales channel (and through it {customers})"),
            (n, 0) => format!("{n} sales channels"),
            (n, _) => format!("{n} sales channels (and through them {customers})"),
        }
    }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What a delete did.
#[derive(Debug)]
pub enum Removal<T> {
    Deleted(T),
    /// Refused: the row is still used; nothing was deleted.
    InUse(T, Usage),
}

/// Locks the row (so nothing can start using it meanwhile), counts what uses it, and deletes it
/// only when nothing does; all in one transaction.
fn delete_unless_used<T>(
    conn: &mut PgConnection,
    lock: impl FnOnce(&mut PgConnection) -> QueryResult<T>,
    usage: impl FnOnce(&mut PgConnection) -> QueryResult<Usage>,
    delete: impl FnOnce(&mut PgConnection) -> QueryResult<usize>,
) -> AppResult<Removal<T>> {
    conn.transaction(|conn| {
        let row = lock(conn)?;
        let used = usage(conn)?;
        if !used.is_unused() {
            return Ok(Removal::InUse(row, used));
        }
        delete(conn)?;
        Ok(Removal::Deleted(row))
    })
}

/// Customers per referenced id, for the columns that may be empty.
fn counts(rows: Vec<(Option<i64>, i64)>) -> Counts {
    rows.into_iter().collect()
}

fn with_customer_counts<T>(
    rows: Vec<T>,
    id: impl Fn(&T) -> i64,
    counts: &Counts,
) -> Vec<(T, Usage)> {
    rows.into_iter()
        .map(|row| {
            let customers = counts.of(id(&row));
            (row, Usage::of_customers(customers))
        })
        .collect()
}

/// A unique violation that raced past the check becomes the message on its field.
fn unique_to_field(e: DbError, index: &str, field: &str, message: Msg) -> SaveError {
    match e {
        DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, ref info)
            if info.constraint_name() == Some(index) =>
        {
            let mut errors = FormErrors::new();
            errors.add(field, message);
            SaveError::Invalid(errors)
        }
        other => SaveError::Failed(other.into()),
    }
}

/// A name that raced past the check: the same message as the check's.
fn name_taken(e: DbError, index: &str, what: &str, name: &str) -> SaveError {
    unique_to_field(e, index, "name", taken_message(what, name))
}

/// Stops with the messages when there are any.
fn ensure_valid(errors: FormErrors) -> Result<(), SaveError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(SaveError::Invalid(errors))
    }
}

/// A required name: trimmed, on one line, at most `max` characters.
fn check_name(raw: &str, max: usize, field: &str, errors: &mut FormErrors) -> String {
    let name = raw.trim();
    let length = name.chars().count();
    if name.is_empty() {
        errors.add(field, Msg::new("admin-ref-enter-name"));
    } else if name.chars().any(char::is_control) {
        errors.add(field, Msg::new("admin-ref-name-one-line"));
    } else if length > max {
        errors.add(
            field,
            Msg::new("admin-ref-name-too-long")
                .arg("max", max)
                .arg("length", length),
        );
    }
    name.to_string()
}

/// A kind's required name from `$raw` (see `check_name`); unless that is already wrong, checked
/// against every other row than `$except`, ignoring case, with a message naming the kind `$what`
/// and the other row's name as it is written.
macro_rules! free_name {
    ($conn:expr, $table:ident, $raw:expr, $max:expr, $what:expr, $except:expr, $errors:expr) => {{
        let name = check_name($raw, $max, "name", $errors);
        if !$errors.has("name")
            && let Some(existing) = $table::table
                .filter(lower($table::name).eq(lower(&name)))
                .filter($table::id.ne($except.unwrap_or(0)))
                .select($table::name)
                .first::<String>($conn)
                .optional()?
        {
            $errors.add("name", taken_message($what, &existing));
        }
        name
    }};
}

/// `usage` and `list` for a kind of reference data that only customers use, through
/// `$users::$column` (a column of `customers`, or of a table of customers' links): the count of
/// those rows, and every row (as `all` orders them) with its count.
macro_rules! used_by_customers {
    ($row:ident, $users:ident :: $column:ident) => {
        impl $row {
            pub fn usage(conn: &mut PgConnection, id: i64) -> QueryResult<Usage> {
                let customers = $users::table
                    .filter($users::$column.eq(id))
                    .count()
                    .get_result(conn)?;
                Ok(Usage::of_customers(customers))
            }

            pub fn list(conn: &mut PgConnection) -> QueryResult<Vec<($row, Usage)>> {
                let rows = Self::all(conn)?;
                let counts = counts(
                    $users::table
                        .group_by($users::$column)
                        .select(($users::$column.nullable(), count_star()))
                        .load(conn)?,
                );
                Ok(with_customer_counts(rows, |r| r.id, &counts))
            }
        }
    };
}

/// The queries every kind of reference data shares: `all` (in `$order`), `find`, `with_usage`,
/// `create`, `update` (the row locked first) and `delete` (refused while in use). Each kind
/// brings its own `usage`, `check` (the form's rules, into its insertable `$fields`) and `unique`
/// (the message for a name or code that raced past the check).
macro_rules! reference_queries {
    ($row:ident, $table:ident, $order:expr, $input:ty, $fields:ty) => {
        impl $row {
            pub fn all(conn: &mut PgConnection) -> QueryResult<Vec<$row>> {
                $table::table
                    .order($order)
                    .select($row::as_select())
                    .load(conn)
            }

            pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<$row> {
                $table::table.find(id).select($row::as_select()).first(conn)
            }

            pub fn with_usage(conn: &mut PgConnection, id: i64) -> QueryResult<($row, Usage)> {
                Ok((Self::find(conn, id)?, Self::usage(conn, id)?))
            }

            pub fn create(conn: &mut PgConnection, input: &$input) -> Result<$row, SaveError> {
                conn.transaction(|conn| {
                    let fields: $fields = Self::check(conn, input, None)?;
                    diesel::insert_into($table::table)
                        .values(&fields)
                        .returning($row::as_returning())
                        .get_result(conn)
                        .map_err(|e| Self::unique(e, &fields))
                })
            }

            pub fn update(
                conn: &mut PgConnection,
                id: i64,
                input: &$input,
            ) -> Result<$row, SaveError> {
                conn.transaction(|conn| {
                    $table::table
                        .find(id)
                        .for_update()
                        .select($table::id)
                        .first::<i64>(conn)?;
                    let fields: $fields = Self::check(conn, input, Some(id))?;
                    diesel::update($table::table.find(id))
                        .set(&fields)
                        .returning($row::as_returning())
                        .get_result(conn)
                        .map_err(|e| Self::unique(e, &fields))
                })
            }

            pub fn delete(conn: &mut PgConnection, id: i64) -> AppResult<Removal<$row>> {
                delete_unless_used(
                    conn,
                    |c| {
                        $table::table
                            .find(id)
                            .for_update()
                            .select($row::as_select())
                            .first(c)
                    },
                    |c| Self::usage(c, id),
                    |c| diesel::delete($table::table.find(id)).execute(c),
                )
            }
        }
    };
}

/// "“Retail” already exists": the existing name, as it is written.
fn taken_message(what: &str, existing: &str) -> Msg {
    // The kind as the messages choose it: "price list" is price-lists.
    let kind = format!("{}s", what.replace(' ', "-"));
    Msg::new("admin-ref-name-taken")
        .arg("kind", kind)
        .arg("name", existing)
}

// Stores -------------------------------------------------------------------------------------------

/// The store form as sent.
#[derive(Clone, Debug, Deserialize)]
pub struct StoreInput {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    /// A checkbox: absent when unticked.
    #[serde(default)]
    pub active: bool,
}

impl Default for StoreInput {
    /// A new store starts active.
    fn default() -> Self {
        StoreInput {
            code: String::new(),
            name: String::new(),
            active: true,
        }
    }
}

impl From<&Store> for StoreInput {
    fn from(s: &Store) -> Self {
        StoreInput {
            code: s.code.clone(),
            name: s.name.clone(),
            active: s.active,
        }
    }
}

#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = stores)]
struct StoreFields {
    code: String,
    name: String,
    active: bool,
}

/// A store code: trimmed and upper-cased; letters A to Z, digits, - and _, at most 20, starting
/// with a letter or digit.
fn check_store_code(raw: &str, errors: &mut FormErrors) -> String {
    let code = raw.trim().to_ascii_uppercase();
    let length = code.chars().count();
    let allowed = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_';
    if code.is_empty() {
        errors.add("code", Msg::new("admin-ref-enter-code"));
    } else if !code.chars().all(allowed) || !code.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        errors.add("code", Msg::new("admin-ref-code-characters"));
    } else if length > STORE_CODE_MAX {
        errors.add(
            "code",
            Msg::new("admin-ref-code-too-long")
                .arg("max", STORE_CODE_MAX)
                .arg("length", length),
        );
    }
    code
}

fn store_code_taken(code: &str, owner: &str) -> Msg {
    Msg::new("admin-ref-code-taken")
        .arg("code", code)
        .arg("owner", owner)
}

impl Store {
    /// "NORTH North branch".
    pub fn label(&self) -> String {
        format!("{} {}", self.code, self.name)
    }

    fn check(
        conn: &mut PgConnection,
        input: &StoreInput,
        except: Option<i64>,
    ) -> Result<StoreFields, SaveError> {
        let mut errors = FormErrors::new();
        let code = check_store_code(&input.code, &mut errors);
        let name = check_name(&input.name, NAME_MAX, "name", &mut errors);
        if !errors.has("code") {
            let owner = stores::table
                .filter(stores::code.eq(&code))
                .filter(stores::id.ne(except.unwrap_or(0)))
                .select(stores::name)
                .first::<String>(conn)
                .optional()?;
            if let Some(owner) = owner {
                errors.add("code", store_code_taken(&code, &owner));
            }
        }
        ensure_valid(errors)?;
        Ok(StoreFields {
            code,
            name,
            active: input.active,
        })
    }

    fn unique(e: DbError, fields: &StoreFields) -> SaveError {
        let message = Msg::new("admin-ref-code-in-use").arg("code", &fields.code);
        unique_to_field(e, "stores_code_key", "code", message)
    }
}

// Stores are used by the customers that have them as their default store.
used_by_customers!(Store, customers::default_store_id);

// Stores are listed by code.
reference_queries!(Store, stores, stores::code, StoreInput, StoreFields);

// Price lists --------------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PriceListInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub currency: String,
}

impl From<&PriceList> for PriceListInput {
    fn from(p: &PriceList) -> Self {
        PriceListInput {
            name: p.name.clone(),
            currency: p.currency.clone(),
        }
    }
}

#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = price_lists)]
struct PriceListFields {
    name: String,
    currency: String,
}

/// An ISO 4217 code: three letters, upper-cased.
fn check_currency(raw: &str, errors: &mut FormErrors) -> String {
    let currency = raw.trim().to_ascii_uppercase();
    if currency.is_empty() {
        errors.add("currency", Msg::new("admin-ref-enter-currency"));
    } else if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        errors.add("currency", Msg::new("admin-ref-currency-code"));
    }
    currency
}

impl PriceList {
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.currency)
    }

    /// The sales channels that use it, and the customers that buy through those channels.
    pub fn usage(conn: &mut PgConnection, id: i64) -> QueryResult<Usage> {
        let channels = sales_channels::table
            .filter(sales_channels::price_list_id.eq(id))
            .count()
            .get_result(conn)?;
        let customers = customers::table
            .inner_join(sales_channels::table)
            .filter(sales_channels::price_list_id.eq(id))
            .count()
            .get_result(conn)?;
        Ok(Usage {
            customers,
            channels,
        })
    }

    pub fn list(conn: &mut PgConnection) -> QueryResult<Vec<(PriceList, Usage)>> {
        let rows = Self::all(conn)?;
        let by_price_list = sales_channels::price_list_id;
        let channels = Counts::per(conn, sales_channels::table, by_price_list)?;
        let with_channels = customers::table.inner_join(sales_channels::table);
        let customers = Counts::per(conn, with_channels, by_price_list)?;
        Ok(rows
            .into_iter()
            .map(|p| {
                let usage = Usage {
                    customers: customers.of(p.id),
                    channels: channels.of(p.id),
                };
                (p, usage)
            })
            .collect())
    }

    fn check(
        conn: &mut PgConnection,
        input: &PriceListInput,
        except: Option<i64>,
    ) -> Result<PriceListFields, SaveError> {
        let mut errors = FormErrors::new();
        let name = free_name!(
            conn,
            price_lists,
            &input.name,
            NAME_MAX,
            "price list",
            except,
            &mut errors
        );
        let currency = check_currency(&input.currency, &mut errors);
        ensure_valid(errors)?;
        Ok(PriceListFields { name, currency })
    }

    fn unique(e: DbError, fields: &PriceListFields) -> SaveError {
        name_taken(e, "price_lists_name_key", "price list", &fields.name)
    }
}

// Price lists are listed by name: what a sales channel's form offers.
reference_queries!(
    PriceList,
    price_lists,
    price_lists::name,
    PriceListInput,
    PriceListFields
);

// Sales channels -----------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, Deserialize)]
pub struct SalesChannelInput {
    #[serde(default)]
    pub name: String,
    /// The id of its price list, as the form's select sends it.
    #[serde(default)]
    pub price_list_id: String,
}

impl From<&SalesChannel> for SalesChannelInput {
    fn from(c: &SalesChannel) -> Self {
        SalesChannelInput {
            name: c.name.clone(),
            price_list_id: c.price_list_id.to_string(),
        }
    }
}

#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = sales_channels)]
struct SalesChannelFields {
    name: String,
    price_list_id: i64,
}

/// A sales channel with the name of its price list, for the list page.
#[derive(Clone, Debug)]
pub struct ChannelRow {
    pub channel: SalesChannel,
    pub price_list: PriceList,
}

impl SalesChannel {
    pub fn usage(conn: &mut PgConnection, id: i64) -> QueryResult<Usage> {
        let customers = customers::table
            .filter(customers::sales_channel_id.eq(id))
            .count()
            .get_result(conn)?;
        Ok(Usage::of_customers(customers))
    }

    /// Every channel by name with its price list and how many customers buy through it.
    pub fn list(conn: &mut PgConnection) -> QueryResult<Vec<(ChannelRow, Usage)>> {
        let rows: Vec<ChannelRow> = sales_channels::table
            .inner_join(price_lists::table)
            .order(sales_channels::name)
            .select((SalesChannel::as_select(), PriceList::as_select()))
            .load::<(SalesChannel, PriceList)>(conn)?
            .into_iter()
            .map(|(channel, price_list)| ChannelRow {
                channel,
                price_list,
            })
            .collect();
        let counts = counts(
            customers::table
                .filter(customers::sales_channel_id.is_not_null())
                .group_by(customers::sales_channel_id)
                .select((customers::sales_channel_id, count_star()))
                .load(conn)?,
        );
        Ok(with_customer_counts(rows, |r| r.channel.id, &counts))
    }

    fn check(
        conn: &mut PgConnection,
        input: &SalesChannelInput,
        except: Option<i64>,
    ) -> Result<SalesChannelFields, SaveError> {
        let mut errors = FormErrors::new();
        let name = free_name!(
            conn,
            sales_channels,
            &input.name,
            NAME_MAX,
            "sales channel",
            except,
            &mut errors
        );
        let chosen = input.price_list_id.trim();
        // Key-share locked: the price list cannot be deleted before this transaction ends.
        let price_list = match chosen.parse::<i64>() {
            Ok(id) => price_lists::table
                .find(id)
                .for_key_share()
                .select(price_lists::id)
                .first::<i64>(conn)
                .optional()?,
            Err(_) => None,
        };
        if price_list.is_none() {
            errors.add(
                "price_list_id",
                Msg::new(if chosen.is_empty() {
                    "admin-ref-choose-price-list"
                } else {
                    "admin-ref-price-list-gone"
                }),
            );
        }
        ensure_valid(errors)?;
        Ok(SalesChannelFields {
            name,
            price_list_id: price_list.unwrap_or_default(),
        })
    }

    fn unique(e: DbError, fields: &SalesChannelFields) -> SaveError {
        name_taken(e, "sales_channels_name_key", "sales channel", &fields.name)
    }
}

reference_queries!(
    SalesChannel,
    sales_channels,
    sales_channels::name,
    SalesChannelInput,
    SalesChannelFields
);

// Customer groups ----------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, Deserialize)]
pub struct CustomerGroupInput {
    #[serde(default)]
    pub name: String,
}

impl From<&CustomerGroup> for CustomerGroupInput {
    fn from(g: &CustomerGroup) -> Self {
        CustomerGroupInput {
            name: g.name.clone(),
        }
    }
}

#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = customer_groups)]
struct CustomerGroupFields {
    name: String,
}

impl CustomerGroup {
    fn check(
        conn: &mut PgConnection,
        input: &CustomerGroupInput,
        except: Option<i64>,
    ) -> Result<CustomerGroupFields, SaveError> {
        let mut errors = FormErrors::new();
        let name = free_name!(
            conn,
            customer_groups,
            &input.name,
            NAME_MAX,
            "customer group",
            except,
            &mut errors
        );
        ensure_valid(errors)?;
        Ok(CustomerGroupFields { name })
    }

    fn unique(e: DbError, fields: &CustomerGroupFields) -> SaveError {
        name_taken(
            e,
            "customer_groups_name_key",
            "customer group",
            &fields.name,
        )
    }
}

used_by_customers!(CustomerGroup, customers::customer_group_id);

reference_queries!(
    CustomerGroup,
    customer_groups,
    customer_groups::name,
    CustomerGroupInput,
    CustomerGroupFields
);

// Payment terms ------------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PaymentTermInput {
    #[serde(default)]
    pub name: String,
    /// Days to pay; empty for full payment before despatch.
    #[serde(default)]
    pub days: String,
}

impl From<&PaymentTerm> for PaymentTermInput {
    fn from(t: &PaymentTerm) -> Self {
        PaymentTermInput {
            name: t.name.clone(),
            days: t.days.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = payment_terms, treat_none_as_null = true)]
struct PaymentTermFields {
    name: String,
    days: Option<i32>,
}

/// Empty means prepaid; otherwise a whole number from 0 to 365.
fn check_days(raw: &str, errors: &mut FormErrors) -> Option<i32> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<i32>() {
        Ok(days) if (0..=DAYS_MAX).contains(&days) => Some(days),
        _ => {
            errors.add(
                "days",
                Msg::new("admin-ref-days-invalid").arg("max", DAYS_MAX),
            );
            None
        }
    }
}

impl PaymentTerm {
    /// "30 days", "Prepaid: full payment before despatch".
    /// `days_label` as a message to translate.
    pub fn days_msg(&self) -> crate::i18n::Msg {
        match self.days {
            None => crate::i18n::Msg::new("admin-ref-prepaid"),
            Some(n) => crate::i18n::Msg::new("admin-ref-days").arg("count", n as i64),
        }
    }

    pub fn days_label(&self) -> String {
        match self.days {
            None => "Prepaid: full payment before despatch".into(),
            Some(1) => "1 day".into(),
            Some(n) => format!("{n} days"),
        }
    }

    fn check(
        conn: &mut PgConnection,
        input: &PaymentTermInput,
        except: Option<i64>,
    ) -> Result<PaymentTermFields, SaveError> {
        let mut errors = FormErrors::new();
        let name = free_name!(
            conn,
            payment_terms,
            &input.name,
            NAME_MAX,
            "payment term",
            except,
            &mut errors
        );
        let days = check_days(&input.days, &mut errors);
        ensure_valid(errors)?;
        Ok(PaymentTermFields { name, days })
    }

    fn unique(e: DbError, fields: &PaymentTermFields) -> SaveError {
        name_taken(e, "payment_terms_name_key", "payment term", &fields.name)
    }
}

used_by_customers!(PaymentTerm, customers::payment_terms_id);

// Payment terms are listed prepaid first, then by days and name.
reference_queries!(
    PaymentTerm,
    payment_terms,
    (payment_terms::days.asc().nulls_first(), payment_terms::name),
    PaymentTermInput,
    PaymentTermFields
);

// Tags ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, Deserialize)]
pub struct TagInput {
    #[serde(default)]
    pub name: String,
}

impl From<&Tag> for TagInput {
    fn from(t: &Tag) -> Self {
        TagInput {
            name: t.name.clone(),
        }
    }
}

#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = tags)]
struct TagFields {
    name: String,
}

impl Tag {
    fn check(
        conn: &mut PgConnection,
        input: &TagInput,
        except: Option<i64>,
    ) -> Result<TagFields, SaveError> {
        let mut errors = FormErrors::new();
        let name = free_name!(
            conn,
            tags,
            &input.name,
            TAG_NAME_MAX,
            "tag",
            except,
            &mut errors
        );
        ensure_valid(errors)?;
        Ok(TagFields { name })
    }

    fn unique(e: DbError, fields: &TagFields) -> SaveError {
        name_taken(e, "tags_name_key", "tag", &fields.name)
    }
}

used_by_customers!(Tag, customer_tags::tag_id);

// A tag is refused deletion while any customer has it (the database would quietly untag them).
reference_queries!(Tag, tags, tags::name, TagInput, TagFields);
