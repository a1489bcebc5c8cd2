//! The customer list: a typed `ListQuery` read from the URL (filters, one search, sort, page),
//! and the queries it makes. Every part combines with every other; user input only ever
//! reaches the database as bound parameters.

use crate::models::{
    access::staff_scope::{StaffScope, customers_of},
    cached_sql,
};
use crate::{
    domain::{CustomerKind, CustomerType, RelationshipStatus, ReviewFlag},
    i18n::Msg,
    schema::{customer_addresses, customer_groups, customers, orders, watch_notes},
};
use diesel::{
    dsl,
    pg::Pg,
    prelude::*,
    query_builder::{AstPass, Query, QueryFragment, QueryId},
    sql_types::{BigInt, Bool, Nullable, Text},
};
use serde::Deserialize;

/// Rows on a page.
pub const PAGE_SIZE: i64 = 50;
/// Above this many matches the count says "more than 10,000", or gives the planner's estimate.
pub const COUNT_CAP: i64 = 10_000;
/// When the planner expects more matches than this, counting them (even up to COUNT_CAP) is
/// skipped and its estimate is shown as one. Twice the cap: a simple filter's estimate is rarely
/// off by that much, and a page that comes back short corrects it (see `Count::settle`). Counting
/// up to the cap means reading 10,000 index entries that match and all those that do not in
/// between; beyond twice the cap that was the whole cost of a filtered page (at 100k customers,
/// 40,000 active business customers: 167 requests/s, p99 275 ms with five times the cap).
const ESTIMATE_ABOVE: f64 = 2.0 * COUNT_CAP as f64;
/// When the planner expects at most this many matches, they are counted and paged in one pass.
const ONE_PASS_UP_TO: f64 = 5_000.0;
/// Up to this many customers, a name fragment of four characters or more is narrow (see
/// `Criterion::is_narrow`): the commonest surnames are on one customer in a hundred or so
/// (`müller`: 1,536 of 100k generated customers), so such a fragment matches a few thousand at
/// most, which one pass reads faster than the planner could be asked. Beyond, the planner's
/// estimate decides, as for any filter: at 1M customers `müller` matched 15,358, and reading
/// them all for an exact count took 39 ms where a page in name order takes a few.
const NARROW_NAMES_UP_TO: f64 = 250_000.0;
/// Rows read per database call when exporting.
pub const EXPORT_BATCH: usize = 1_000;
/// At most this many customers are taken from one exact-identifier search.
const EXACT_IDS_MAX: i64 = 1_000;

/// The URL's parameters as they come: every one optional, empty meaning unset.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ListParams {
    pub status: Option<String>,
    pub kind: Option<String>,
    #[serde(rename = "type")]
    pub customer_type: Option<String>,
    pub group: Option<String>,
    pub tag: Option<String>,
    pub flag: Option<String>,
    pub channel: Option<String>,
    pub active: Option<String>,
    pub watch: Option<String>,
    /// `yes`: "My customers", the signed-in staff member's own (see `staff_scope`).
    pub mine: Option<String>,
    /// A salesperson's id: that salesperson's customers, as "My customers" are one's own.
    pub salesperson: Option<String>,
    pub q: Option<String>,
    pub field: Option<String>,
    pub sort: Option<String>,
    pub dir: Option<String>,
    pub page: Option<String>,
}

/// The relationship-status tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusTab {
    #[default]
    All,
    Pending,
    Inactive,
    Active,
    Blocked,
}

impl StatusTab {
    pub const ALL: &'static [StatusTab] = &[
        StatusTab::Pending,
        StatusTab::Inactive,
        StatusTab::Active,
        StatusTab::Blocked,
        StatusTab::All,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            StatusTab::All => "all",
            StatusTab::Pending => "pending",
            StatusTab::Inactive => "inactive",
            StatusTab::Active => "active",
            StatusTab::Blocked => "blocked",
        }
    }

    /// The label's message id, for the reader's language.
    pub fn label_id(&self) -> &'static str {
        match self {
            StatusTab::All => "customers-tab-all",
            StatusTab::Pending => "customers-tab-pending",
            StatusTab::Inactive => "customers-tab-inactive",
            StatusTab::Active => "customers-tab-active",
            StatusTab::Blocked => "customers-tab-blocked",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            StatusTab::All => "All",
            StatusTab::Pending => "Open requests",
            StatusTab::Inactive => "Inactive",
            StatusTab::Active => "Enabled",
            StatusTab::Blocked => "Blocked",
        }
    }

    fn status(&self) -> Option<RelationshipStatus> {
        match self {
            StatusTab::All => None,
            StatusTab::Pending => Some(RelationshipStatus::Pending),
            StatusTab::Inactive => Some(RelationshipStatus::Inactive),
            StatusTab::Active => Some(RelationshipStatus::Active),
            StatusTab::Blocked => Some(RelationshipStatus::Blocked),
        }
    }

    fn parse(s: &str) -> StatusTab {
        StatusTab::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == s)
            .unwrap_or_default()
    }
}

/// Where the search box looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchField {
    #[default]
    Any,
    Name,
    AccountNumber,
    Email,
    Phone,
    Postcode,
    City,
    OrderNumber,
    InvoiceNumber,
    TrackingNumber,
    ChannelOrderId,
    ChannelUserId,
}

impl SearchField {
    pub const ALL: &'static [SearchField] = &[
        SearchField::Any,
        SearchField::Name,
        SearchField::AccountNumber,
        SearchField::Email,
        SearchField::Phone,
        SearchField::Postcode,
        SearchField::City,
        SearchField::OrderNumber,
        SearchField::InvoiceNumber,
        SearchField::TrackingNumber,
        SearchField::ChannelOrderId,
        SearchField::ChannelUserId,
    ];

    /// The identifiers "any" tries, in this order, before falling back to the name.
    const EXACT: &'static [SearchField] = &[
        SearchField::AccountNumber,
        SearchField::Email,
        SearchField::OrderNumber,
        SearchField::InvoiceNumber,
        SearchField::TrackingNumber,
        SearchField::ChannelOrderId,
        SearchField::ChannelUserId,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            SearchField::Any => "any",
            SearchField::Name => "name",
            SearchField::AccountNumber => "account_number",
            SearchField::Email => "email",
            SearchField::Phone => "phone",
            SearchField::Postcode => "postcode",
            SearchField::City => "city",
            SearchField::OrderNumber => "order_number",
            SearchField::InvoiceNumber => "invoice_number",
            SearchField::TrackingNumber => "tracking_number",
            SearchField::ChannelOrderId => "channel_order_id",
            SearchField::ChannelUserId => "channel_user_id",
        }
    }

    /// The label's message id, for the reader's language.
    pub fn label_id(&self) -> &'static str {
        match self {
            SearchField::Any => "customers-field-any",
            SearchField::Name => "customers-field-name",
            SearchField::AccountNumber => "customers-field-account-number",
            SearchField::Email => "customers-field-email",
            SearchField::Phone => "customers-field-phone",
            SearchField::Postcode => "customers-field-postcode",
            SearchField::City => "customers-field-city",
            SearchField::OrderNumber => "customers-field-order-number",
            SearchField::InvoiceNumber => "customers-field-invoice-number",
            SearchField::TrackingNumber => "customers-field-tracking-number",
            SearchField::ChannelOrderId => "customers-field-channel-order-id",
            SearchField::ChannelUserId => "customers-field-channel-user-id",
        }
    }

    /// "Found by …" under "Anything": the message id for a customer found by this field.
    pub fn found_by_id(&self) -> &'static str {
        match self {
            SearchField::Any => "customers-found-by-any",
            SearchField::Name => "customers-found-by-name",
            SearchField::AccountNumber => "customers-found-by-account-number",
            SearchField::Email => "customers-found-by-email",
            SearchField::Phone => "customers-found-by-phone",
            SearchField::Postcode => "customers-found-by-postcode",
            SearchField::City => "customers-found-by-city",
            SearchField::OrderNumber => "customers-found-by-order-number",
            SearchField::InvoiceNumber => "customers-found-by-invoice-number",
            SearchField::TrackingNumber => "customers-found-by-tracking-number",
            SearchField::ChannelOrderId => "customers-found-by-channel-order-id",
            SearchField::ChannelUserId => "customers-found-by-channel-user-id",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            SearchField::Any => "Anything",
            SearchField::Name => "Name",
            SearchField::AccountNumber => "Account number",
            SearchField::Email => "Email",
            SearchField::Phone => "Phone",
            SearchField::Postcode => "Postcode",
            SearchField::City => "City",
            SearchField::OrderNumber => "Order number",
            SearchField::InvoiceNumber => "Invoice number",
            SearchField::TrackingNumber => "Tracking number",
            SearchField::ChannelOrderId => "Marketplace order id",
            SearchField::ChannelUserId => "Marketplace user id",
        }
    }

    /// True for identifiers: one match goes straight to the customer.
    pub fn is_exact(&self) -> bool {
        SearchField::EXACT.contains(self)
    }

    fn parse(s: &str) -> SearchField {
        SearchField::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .unwrap_or_default()
    }
}

/// The sortable columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortColumn {
    Account,
    #[default]
    Name,
    Type,
    Group,
    Status,
    Orders,
    Value,
    Balance,
    Flag,
    Watch,
}

impl SortColumn {
    pub const ALL: &'static [SortColumn] = &[
        SortColumn::Account,
        SortColumn::Name,
        SortColumn::Type,
        SortColumn::Group,
        SortColumn::Status,
        SortColumn::Orders,
        SortColumn::Value,
        SortColumn::Balance,
        SortColumn::Flag,
        SortColumn::Watch,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            SortColumn::Account => "account",
            SortColumn::Name => "name",
            SortColumn::Type => "type",
            SortColumn::Group => "group",
            SortColumn::Status => "status",
            SortColumn::Orders => "orders",
            SortColumn::Value => "value",
            SortColumn::Balance => "balance",
            SortColumn::Flag => "flag",
            SortColumn::Watch => "watch",
        }
    }

    fn parse(s: &str) -> SortColumn {
        SortColumn::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .unwrap_or_default()
    }
}

/// What the list shows: parsed leniently (a value that makes no sense is ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub status: StatusTab,
    pub kind: Option<CustomerKind>,
    pub customer_type: Option<CustomerType>,
    pub group: Option<i64>,
    pub tag: Option<i64>,
    pub flag: Option<ReviewFlag>,
    pub channel: Option<i64>,
    pub active: Option<bool>,
    pub watch: bool,
    pub mine: bool,
    pub salesperson: Option<i64>,
    pub q: String,
    pub field: SearchField,
    pub sort: SortColumn,
    pub desc: bool,
    pub page: i64,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ListQuery {
    pub fn parse(p: &ListParams) -> ListQuery {
        ListQuery {
            status: given(&p.status).map(StatusTab::parse).unwrap_or_default(),
            kind: given(&p.kind).and_then(|s| s.parse().ok()),
            customer_type: given(&p.customer_type).and_then(|s| s.parse().ok()),
            group: given(&p.group).and_then(|s| s.parse().ok()),
            tag: given(&p.tag).and_then(|s| s.parse().ok()),
            flag: given(&p.flag).and_then(|s| s.parse().ok()),
            channel: given(&p.channel).and_then(|s| s.parse().ok()),
            active: match given(&p.active) {
                Some("yes") => Some(true),
                Some("no") => Some(false),
                _ => None,
            },
            watch: matches!(given(&p.watch), Some("yes" | "on" | "true" | "1")),
            mine: matches!(given(&p.mine), Some("yes" | "on" | "true" | "1")),
            salesperson: given(&p.salesperson).and_then(|s| s.parse().ok()),
            q: given(&p.q).unwrap_or_default().chars().take(200).collect(),
            field: given(&p.field).map(SearchField::parse).unwrap_or_default(),
            sort: given(&p.sort).map(SortColumn::parse).unwrap_or_default(),
            desc: given(&p.dir) == Some("desc"),
            page: given(&p.page)
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(1)
                .clamp(1, 1_000_000),
        }
    }

    /// The URL parameters that differ from the defaults, page excluded.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.status != StatusTab::All {
            out.push(("status", self.status.as_str().to_string()));
        }
        if let Some(k) = self.kind {
            out.push(("kind", k.as_str().to_string()));
        }
        if let Some(t) = self.customer_type {
            out.push(("type", t.as_str().to_string()));
        }
        if let Some(g) = self.group {
            out.push(("group", g.to_string()));
        }
        if let Some(t) = self.tag {
            out.push(("tag", t.to_string()));
        }
        if let Some(f) = self.flag {
            out.push(("flag", f.as_str().to_string()));
        }
        if let Some(c) = self.channel {
            out.push(("channel", c.to_string()));
        }
        if let Some(a) = self.active {
            out.push(("active", if a { "yes" } else { "no" }.to_string()));
        }
        if self.watch {
            out.push(("watch", "yes".to_string()));
        }
        if self.mine {
            out.push(("mine", "yes".to_string()));
        }
        if let Some(s) = self.salesperson {
            out.push(("salesperson", s.to_string()));
        }
        if !self.q.is_empty() {
            out.push(("q", self.q.clone()));
            if self.field != SearchField::Any {
                out.push(("field", self.field.as_str().to_string()));
            }
        }
        if self.sort != SortColumn::Name {
            out.push(("sort", self.sort.as_str().to_string()));
        }
        if self.desc {
            out.push(("dir", "desc".to_string()));
        }
        out
    }

    fn href(&self, path: &str, pairs: Vec<(&'static str, String)>) -> String {
        if pairs.is_empty() {
            path.to_string()
        } else {
            format!(
                "{path}?{}",
                serde_urlencoded::to_string(pairs).unwrap_or_default()
            )
        }
    }

    /// This list, on another page.
    pub fn page_href(&self, page: i64) -> String {
        let mut pairs = self.pairs();
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        self.href("/customers", pairs)
    }

    /// This list under another status tab, from its first page.
    pub fn status_href(&self, tab: &StatusTab) -> String {
        let q = ListQuery {
            status: *tab,
            ..self.clone()
        };
        self.href("/customers", q.pairs())
    }

    /// This list sorted by `column`: ascending, or the other way when already sorted by it.
    pub fn sort_href(&self, column: &SortColumn) -> String {
        let q = ListQuery {
            sort: *column,
            desc: self.sort == *column && !self.desc,
            ..self.clone()
        };
        self.href("/customers", q.pairs())
    }

    /// `ascending`/`descending` for the header sorted by, else nothing.
    pub fn aria_sort(&self, column: &SortColumn) -> &'static str {
        match (self.sort == *column, self.desc) {
            (false, _) => "",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }

    /// The whole list (every page) as CSV.
    pub fn csv_href(&self) -> String {
        self.href("/customers.csv", self.pairs())
    }

    pub fn has_filters(&self) -> bool {
        self.kind.is_some()
            || self.customer_type.is_some()
            || self.group.is_some()
            || self.tag.is_some()
            || self.flag.is_some()
            || self.channel.is_some()
            || self.active.is_some()
            || self.watch
            || self.mine
            || self.salesperson.is_some()
    }

    /// This list, "My customers" or not (`mine`), from its first page.
    pub fn mine_href(&self, mine: bool) -> String {
        let q = ListQuery {
            mine,
            ..self.clone()
        };
        self.href("/customers", q.pairs())
    }
}

/// What the search box came to, once identifiers have been looked up.
#[derive(Clone, Debug)]
enum Criterion {
    None,
    /// Customers found by an exact identifier.
    Ids(Vec<i64>),
    /// A LIKE-escaped substring of the search name (folded by the database).
    Name(String),
    /// The digits of a phone number, or a run of them.
    Phone(String),
    /// Upper case, no spaces.
    Postcode(String),
    /// A LIKE-escaped city or its beginning (folded by the database).
    City(String),
    /// "Anything" for a text with digits (a postcode, a phone number) once no identifier
    /// matched: the customers its lookups found (see `anything_hits`), and what found each one
    /// when it was not its name.
    Hits(Vec<i64>, std::collections::HashMap<i64, Msg>),
    /// "Anything" for a text with no digit (so neither a phone nor a postcode) once no
    /// identifier matched: the text within the search name, or (when some city begins with it,
    /// the flag) the customers with an address in such a city. Planned with the pattern, as
    /// `Name` is: a name that many customers share is then paged in name order rather than read
    /// whole.
    NameOrCity(AnyTerms, bool),
}

/// Under "Anything", a phone is looked for when the text has at least this many digits (and
/// nothing but phone punctuation besides): fewer is a postcode (`10115`, `58-040`), not a phone.
const ANY_PHONE_DIGITS: usize = 7;

/// What "Anything" looks for besides identifiers. Each term is tried only where the text can
/// be one: the end of a phone number (with or without country code or trunk 0, see the
/// anything_phone_ends migration) where it holds only digits and phone punctuation
/// (ANY_PHONE_DIGITS digits at least), a postcode's beginning where it holds a digit and nothing
/// but letters, digits, spaces and hyphens.
#[derive(Clone, Debug, Default)]
struct AnyTerms {
    /// LIKE-escaped, for the search name and the city.
    text: String,
    /// As typed (trimmed), for the start of a city.
    words: String,
    /// Digits, or empty.
    phone: String,
    /// LIKE-escaped, upper case, no spaces; or empty.
    postcode: String,
}

impl AnyTerms {
    fn new(q: &str) -> AnyTerms {
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        let phone_like = q
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
        let postcode_like = q.chars().any(|c| c.is_ascii_digit())
            && q.chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
        AnyTerms {
            text: like_escape(q),
            words: q.to_string(),
            phone: if phone_like && digits.len() >= ANY_PHONE_DIGITS {
                digits
            } else {
                String::new()
            },
            postcode: if postcode_like {
                like_escape(&postcode_key(q))
            } else {
                String::new()
            },
        }
    }
}

/// A postcode as it is compared: upper case, no spaces.
fn postcode_key(q: &str) -> String {
    q.chars()
        .filter(|c| *c != ' ')
        .collect::<String>()
        .to_uppercase()
}

impl Criterion {
    /// A search that by its nature finds few customers: a name fragment of four characters or
    /// more, a postcode, four digits or more of a phone number. Such a search skips asking the
    /// planner for an estimate (a third of its cost) and counts and pages in one pass; should a
    /// fragment be common after all, the pass is slower but the answer is still exact.
    ///
    /// A name fragment's matches grow with the table: it is narrow only while the table holds
    /// at most NARROW_NAMES_UP_TO customers (`customers` is their number as last counted).
    /// "Anything" with digits has found its customers already (see `anything_hits`).
    fn is_narrow(&self, customers: f64) -> bool {
        let long = |pattern: &str| pattern.chars().filter(|c| *c != '\\').count() >= 4;
        match self {
            Criterion::Name(pattern) => long(pattern) && customers <= NARROW_NAMES_UP_TO,
            Criterion::Hits(..) => true,
            Criterion::NameOrCity(terms, _) => long(&terms.text) && customers <= NARROW_NAMES_UP_TO,
            Criterion::Postcode(_) => true,
            Criterion::Phone(digits) => digits.chars().filter(char::is_ascii_digit).count() >= 4,
            Criterion::None | Criterion::Ids(_) | Criterion::City(_) => false,
        }
    }
}

/// A search, resolved: what filters the list, and whether one match should open the customer.
#[derive(Clone, Debug)]
pub struct Search {
    criterion: Criterion,
    pub exact: bool,
    /// Under "Anything", the identifier that matched.
    matched_field: Option<SearchField>,
    /// What was searched, trimmed.
    text: String,
    /// Whose customers the list may show: identifiers of others find nothing.
    scope: StaffScope,
}

fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The customers one identifier belongs to (at most EXACT_IDS_MAX of them).
fn exact_ids(
    conn: &mut PgConnection,
    scope: &StaffScope,
    field: SearchField,
    q: &str,
) -> QueryResult<Vec<i64>> {
    let ids = exact_ids_of_all(conn, field, q)?;
    scope.keep(conn, ids)
}

/// `exact_ids` among every customer.
fn exact_ids_of_all(conn: &mut PgConnection, field: SearchField, q: &str) -> QueryResult<Vec<i64>> {
    let q = q.to_string();
    let by_order =
        |conn: &mut PgConnection,
         filter: Box<dyn BoxableExpression<orders::table, Pg, SqlType = Nullable<Bool>>>|
         -> QueryResult<Vec<i64>> {
            orders::table
                .filter(filter)
                .select(orders::customer_id)
                .distinct()
                .limit(EXACT_IDS_MAX)
                .load(conn)
        };
    match field {
        SearchField::AccountNumber => customers::table
            .filter(customers::account_number.eq(q))
            .select(customers::id)
            .load(conn),
        SearchField::Email => customers::table
            .filter(
                cached_sql::sql::<Bool>("lower(customers.email) = lower(")
                    .bind::<Text, _>(q)
                    .sql(")"),
            )
            .select(customers::id)
            .limit(EXACT_IDS_MAX)
            .load(conn),
        SearchField::OrderNumber => by_order(conn, Box::new(orders::order_number.nullable().eq(q))),
        SearchField::InvoiceNumber => by_order(conn, Box::new(orders::invoice_number.eq(q))),
        SearchField::TrackingNumber => by_order(conn, Box::new(orders::tracking_number.eq(q))),
        SearchField::ChannelOrderId => by_order(conn, Box::new(orders::channel_order_id.eq(q))),
        SearchField::ChannelUserId => by_order(conn, Box::new(orders::channel_user_id.eq(q))),
        _ => Ok(Vec::new()),
    }
}

#[derive(QueryableByName)]
struct FoundBy {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    field: i32,
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// Every identifier at once, for "Anything": the customers of the first identifier (in
/// `SearchField::EXACT`'s order) that the text is, and which one it is. One round trip of
/// unique-index lookups. An identifier of a customer outside `scope` is one of none.
fn any_exact_ids(
    conn: &mut PgConnection,
    scope: &StaffScope,
    q: &str,
) -> QueryResult<Option<(SearchField, Vec<i64>)>> {
    // A function, so that the connection keeps its plan (migration anything_functions).
    let mut found: Vec<FoundBy> =
        diesel::sql_query("SELECT field, id FROM clientele_identifier_matches($1, $2)")
            .bind::<Text, _>(q)
            .bind::<diesel::sql_types::Integer, _>(EXACT_IDS_MAX as i32)
            .load(conn)?;
    if scope.is_limited() {
        let seen = scope.keep(conn, found.iter().map(|f| f.id).collect())?;
        found.retain(|f| seen.contains(&f.id));
    }
    let Some(first) = found.iter().map(|f| f.field).min() else {
        return Ok(None);
    };
    let ids = found
        .iter()
        .filter(|f| f.field == first)
        .map(|f| f.id)
        .collect();
    Ok(Some((SearchField::EXACT[first as usize], ids)))
}

#[derive(QueryableByName)]
struct Hit {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Nullable<Text>)]
    value: Option<String>,
}

/// The customers "Anything" finds for a text with digits, in one call to a function whose plans
/// the connection keeps (see the anything_hits migration), and for each found by other than its
/// name what found it: its phone, else an address's postcode, else its city ("postcode EH24
/// 3BL"), as written.
fn anything_hits(
    conn: &mut PgConnection,
    terms: &AnyTerms,
) -> QueryResult<(Vec<i64>, std::collections::HashMap<i64, Msg>)> {
    let hits: Vec<Hit> =
        diesel::sql_query("SELECT id, kind, value FROM clientele_anything_hits($1, $2, $3, $4)")
            .bind::<Text, _>(&terms.text)
            .bind::<Text, _>(&terms.words)
            .bind::<Text, _>(&terms.phone)
            .bind::<Text, _>(&terms.postcode)
            .load(conn)?;
    const RANK: [&str; 4] = ["name", "phone", "postcode", "city"];
    let rank = |kind: &str| RANK.iter().position(|k| *k == kind).unwrap_or(RANK.len());
    // The first hit of the best kind for each customer.
    let mut best: std::collections::HashMap<i64, &Hit> = Default::default();
    let mut ids = Vec::new();
    for hit in &hits {
        match best.get(&hit.id) {
            Some(known) if rank(&known.kind) <= rank(&hit.kind) => {}
            Some(_) => {
                best.insert(hit.id, hit);
            }
            None => {
                ids.push(hit.id);
                best.insert(hit.id, hit);
            }
        }
    }
    let notes = best
        .into_iter()
        .filter(|(_, hit)| hit.kind != "name")
        .filter_map(|(id, hit)| {
            let field = match hit.kind.as_str() {
                "phone" => SearchField::Phone,
                "postcode" => SearchField::Postcode,
                "city" => SearchField::City,
                _ => SearchField::Any,
            };
            Some((
                id,
                Msg::new(field.found_by_id()).arg("value", hit.value.as_ref()?),
            ))
        })
        .collect();
    Ok((ids, notes))
}

#[derive(QueryableByName)]
struct Exists {
    #[diesel(sql_type = Bool)]
    found: bool,
}

/// The customers with an address in a city that begins with a text (folded as names are), as SQL
/// in two parts with the text between them: `{IN_CITIES}` text `{IN_CITIES_END}`.
const IN_CITIES: &str = "SELECT a.customer_id FROM customer_addresses a, (SELECT clientele_fold(";
const IN_CITIES_END: &str = ") AS f) w \
     WHERE clientele_fold(a.city) ~>=~ w.f AND clientele_fold(a.city) ~<~ (w.f || chr(1114111))";

/// Whether some address's city begins with `words`.
fn some_city_begins(conn: &mut PgConnection, words: &str) -> QueryResult<bool> {
    diesel::sql_query(format!(
        "SELECT EXISTS ({IN_CITIES}$1{IN_CITIES_END}) AS found"
    ))
    .bind::<Text, _>(words)
    .get_result::<Exists>(conn)
    .map(|e| e.found)
}

#[derive(QueryableByName)]
struct MatchRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Bool)]
    by_name: bool,
    #[diesel(sql_type = Nullable<Text>)]
    phone: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    postcode: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    city: Option<String>,
}

impl Search {
    /// Looks identifiers up (one round trip of indexed queries) and prepares the rest.
    /// Only customers in `scope` are found.
    pub fn resolve(
        conn: &mut PgConnection,
        query: &ListQuery,
        scope: &StaffScope,
    ) -> QueryResult<Search> {
        let q = query.q.trim();
        let search = |criterion, exact, matched_field| Search {
            criterion,
            exact,
            matched_field,
            text: q.to_string(),
            scope: scope.clone(),
        };
        if q.is_empty() {
            return Ok(search(Criterion::None, false, None));
        }
        let name = || Criterion::Name(like_escape(q));
        Ok(match query.field {
            SearchField::Any => match any_exact_ids(conn, scope, q)? {
                Some((field, ids)) => search(Criterion::Ids(ids), true, Some(field)),
                None => {
                    let terms = AnyTerms::new(q);
                    if terms.phone.is_empty() && terms.postcode.is_empty() {
                        let city = some_city_begins(conn, &terms.words)?;
                        search(Criterion::NameOrCity(terms, city), false, None)
                    } else {
                        let (ids, notes) = anything_hits(conn, &terms)?;
                        search(Criterion::Hits(ids, notes), false, None)
                    }
                }
            },
            SearchField::Name => search(name(), false, None),
            SearchField::Phone => search(
                Criterion::Phone(q.chars().filter(char::is_ascii_digit).collect()),
                false,
                None,
            ),
            SearchField::Postcode => search(Criterion::Postcode(postcode_key(q)), false, None),
            SearchField::City => search(Criterion::City(like_escape(q)), false, None),
            field => search(
                Criterion::Ids(exact_ids(conn, scope, field, q)?),
                true,
                None,
            ),
        })
    }

    /// Under "Anything", what each of these customers was found by when it was not its name:
    /// "postcode EH24 3BL", "city Edinburgh", "phone +44 20 9516 4298", "email …".
    pub fn matched(
        &self,
        conn: &mut PgConnection,
        ids: &[i64],
    ) -> QueryResult<std::collections::HashMap<i64, Msg>> {
        if let Some(field) = self.matched_field {
            return Ok(ids
                .iter()
                .map(|id| (*id, Msg::new(field.found_by_id()).arg("value", &self.text)))
                .collect());
        }
        let (terms, ids) = match &self.criterion {
            Criterion::Hits(_, notes) => {
                return Ok(ids
                    .iter()
                    .filter_map(|id| notes.get(id).map(|note| (*id, note.clone())))
                    .collect());
            }
            // Without a city that begins with the text, every customer was found by its name.
            Criterion::NameOrCity(terms, true) => (terms, ids.to_vec()),
            _ => return Ok(Default::default()),
        };
        // A function, so that the connection keeps its plan (migration anything_functions).
        let rows: Vec<MatchRow> = diesel::sql_query(
            "SELECT id, by_name, phone, postcode, city FROM clientele_anything_found($1, $2, $3, $4)",
        )
        .bind::<Text, _>(&terms.text)
        .bind::<Text, _>(&terms.phone)
        .bind::<Text, _>(&terms.postcode)
        .bind::<diesel::sql_types::Array<BigInt>, _>(&ids)
        .load(conn)?;
        Ok(rows
            .into_iter()
            .filter(|r| !r.by_name)
            .filter_map(|r| {
                let (field, value) = if let Some(p) = r.phone {
                    (SearchField::Phone, p)
                } else if let Some(p) = r.postcode {
                    (SearchField::Postcode, p)
                } else {
                    (SearchField::City, r.city?)
                };
                let text = Msg::new(field.found_by_id()).arg("value", &value);
                Some((r.id, text))
            })
            .collect())
    }
}

type Source = diesel::helper_types::LeftJoin<
    diesel::helper_types::LeftJoin<customers::table, customer_groups::table>,
    watch_notes::table,
>;
type Boxed = diesel::helper_types::IntoBoxed<'static, Source, Pg>;

/// `$b` narrowed to the customers whose `$column` is `$value`, when the query asks for one.
macro_rules! narrowed_to {
    ($b:ident, $column:expr, $value:expr) => {
        if let Some(value) = $value {
            $b = $b.filter($column.eq(value));
        }
    };
}

/// The customers the query and search select, neither sorted nor paged.
fn filtered(query: &ListQuery, search: &Search) -> Boxed {
    let mut b = customers::table
        .left_join(customer_groups::table)
        .left_join(watch_notes::table)
        .into_boxed();
    narrowed_to!(b, customers::relationship_status, query.status.status());
    narrowed_to!(b, customers::kind, query.kind);
    narrowed_to!(b, customers::customer_type, query.customer_type);
    narrowed_to!(b, customers::customer_group_id, query.group);
    if let Some(t) = query.tag {
        // customers.tag_ids is kept from customer_tags by the database (list_filter_indexes).
        // Which tag decides the plan (a key-account tag on a tenth of the customers is best read
        // in name order, a rare one through its GIN index), and a generic plan cannot know how
        // many customers an array holds: diesel's own fragment keeps this query planned with
        // the value (at 1M customers the generic plan took 2 s).
        b = b.filter(
            dsl::sql::<Bool>("customers.tag_ids @> ARRAY[")
                .bind::<BigInt, _>(t)
                .sql("]::bigint[]"),
        );
    }
    narrowed_to!(b, customers::review_flag, query.flag);
    narrowed_to!(b, customers::sales_channel_id, query.channel);
    narrowed_to!(b, customers::active, query.active);
    if query.watch {
        // customers.watched is kept from watch_notes by the database (flag_and_watch_indexes).
        b = b.filter(cached_sql::sql::<Bool>("customers.watched"));
    }
    if let Some(own) = search.scope.restriction("customers.id") {
        b = b.filter(own);
    }
    if query.mine {
        b = b.filter(customers_of("customers.id", search.scope.me()));
    }
    if let Some(salesperson) = query.salesperson {
        b = b.filter(customers_of("customers.id", salesperson));
    }
    searched(b, &search.criterion)
}

/// `b` narrowed to what the search box asked for.
fn searched(mut b: Boxed, criterion: &Criterion) -> Boxed {
    match criterion {
        Criterion::None => {}
        Criterion::Ids(ids) => b = b.filter(customers::id.eq_any(ids.clone())),
        // A LIKE pattern decides the plan (a trigram index for a rare fragment, a sort index
        // for a common one; a prefix range only for a known prefix): these criteria use diesel's
        // own fragments, which keep the query from being prepared, so it is planned with the
        // value each time.
        Criterion::Name(pattern) | Criterion::NameOrCity(AnyTerms { text: pattern, .. }, false) => {
            b = b.filter(
                dsl::sql::<Bool>("customers.search_name LIKE '%' || clientele_fold(")
                    .bind::<Text, _>(pattern.clone())
                    .sql(") || '%'"),
            )
        }
        Criterion::Phone(digits) if digits.is_empty() => {
            b = b.filter(cached_sql::sql::<Bool>("FALSE"))
        }
        Criterion::Phone(digits) => {
            b = b.filter(
                dsl::sql::<Bool>("customers.phone_digits LIKE '%' || ")
                    .bind::<Text, _>(digits.clone())
                    .sql(" || '%'"),
            )
        }
        Criterion::Postcode(code) => {
            b = b.filter(
                customers::id.eq_any(
                    customer_addresses::table
                        .filter(
                            cached_sql::sql::<Bool>(
                                "upper(replace(customer_addresses.postcode, ' ', '')) = ",
                            )
                            .bind::<Text, _>(code.clone()),
                        )
                        .select(customer_addresses::customer_id),
                ),
            )
        }
        Criterion::City(pattern) => {
            b = b.filter(
                customers::id.eq_any(
                    customer_addresses::table
                        .filter(
                            dsl::sql::<Bool>(
                                "clientele_fold(customer_addresses.city) LIKE clientele_fold(",
                            )
                            .bind::<Text, _>(pattern.clone())
                            .sql(") || '%'"),
                        )
                        .select(customer_addresses::customer_id),
                ),
            )
        }
        // The name's matches and the city's customers as one set the list joins to: an OR of the
        // two would be tested on every customer.
        Criterion::NameOrCity(terms, true) => {
            b = b.filter(
                dsl::sql::<Bool>(
                    "customers.id IN (SELECT n.id FROM customers n \
                     WHERE n.search_name LIKE '%' || clientele_fold(",
                )
                .bind::<Text, _>(terms.text.clone())
                .sql(&format!(") || '%' UNION ALL {IN_CITIES}"))
                .bind::<Text, _>(terms.words.clone())
                .sql(&format!("{IN_CITIES_END})")),
            )
        }
        Criterion::Hits(ids, _) => b = b.filter(customers::id.eq_any(ids.clone())),
    }
    b
}

fn sorted(b: Boxed, query: &ListQuery) -> Boxed {
    macro_rules! by {
        ($b:expr, $($e:expr),+) => {{
            let b = $b;
            if query.desc {
                b$(.then_order_by($e.desc()))+.then_order_by(customers::id.desc())
            } else {
                b$(.then_order_by($e.asc()))+.then_order_by(customers::id.asc())
            }
        }};
    }
    match query.sort {
        SortColumn::Account => by!(b, customers::account_number),
        SortColumn::Name => by!(b, customers::legal_name),
        SortColumn::Type => by!(b, customers::kind, customers::customer_type),
        SortColumn::Group => by!(b, customer_groups::name.nullable()),
        SortColumn::Status => by!(b, customers::relationship_status),
        SortColumn::Orders => by!(b, customers::order_count),
        SortColumn::Value => by!(b, customers::order_value_cents),
        SortColumn::Balance => by!(b, customers::balance_cents),
        SortColumn::Flag => by!(b, customers::review_flag),
        SortColumn::Watch => by!(b, watch_notes::customer_id.nullable().is_not_null()),
    }
}

/// One row of the list (and of the export).
#[derive(Clone, Debug, Queryable)]
pub struct ListRow {
    pub id: i64,
    pub account_number: Option<String>,
    pub legal_name: String,
    pub trading_name: Option<String>,
    pub kind: CustomerKind,
    pub customer_type: CustomerType,
    pub relationship_status: RelationshipStatus,
    pub order_count: i32,
    pub order_value_cents: i64,
    pub balance_cents: i64,
    pub review_flag: Option<ReviewFlag>,
    pub active: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub sales_channel_id: Option<i64>,
    pub group_name: Option<String>,
    pub watched: Option<i64>,
    pub order_currency: Option<String>,
}

impl ListRow {
    pub fn is_watched(&self) -> bool {
        self.watched.is_some()
    }

    pub fn order_value(&self) -> crate::domain::Cents {
        crate::domain::Cents(self.order_value_cents)
    }

    /// "1,234.50 EUR", "none", or "several currencies" (the detail page lists them), in the
    /// reader's language.
    pub fn order_value_text(&self, l: &crate::i18n::L10n) -> String {
        match (&self.order_currency, self.order_count) {
            (_, 0) => l.t("customers-value-none"),
            (Some(currency), _) => l.money(self.order_value_cents, currency),
            (None, _) => l.t("customers-value-several"),
        }
    }

    pub fn balance(&self) -> crate::domain::Cents {
        crate::domain::Cents(self.balance_cents)
    }
}

macro_rules! row_columns {
    () => {
        (
            customers::id,
            customers::account_number,
            customers::legal_name,
            customers::trading_name,
            customers::kind,
            customers::customer_type,
            customers::relationship_status,
            customers::order_count,
            customers::order_value_cents,
            customers::balance_cents,
            customers::review_flag,
            customers::active,
            customers::email,
            customers::phone,
            customers::sales_channel_id,
            customer_groups::name.nullable(),
            watch_notes::customer_id.nullable(),
            customers::order_currency,
        )
    };
}

/// `EXPLAIN (FORMAT JSON) <query>`: the planner's view, without running the query.
struct Explain<Q>(Q);

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for Explain<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("EXPLAIN (FORMAT JSON) ");
        self.0.walk_ast(out.reborrow())
    }
}

impl<Q> QueryId for Explain<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q> Query for Explain<Q> {
    type SqlType = diesel::sql_types::Json;
}

impl<Q> RunQueryDsl<PgConnection> for Explain<Q> {}

/// How many customers match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    /// Exact up to COUNT_CAP, COUNT_CAP + 1 for "more than", or the planner's estimate.
    pub value: i64,
    pub estimated: bool,
}

impl Count {
    pub fn exact(value: i64) -> Count {
        Count {
            value,
            estimated: false,
        }
    }

    /// A page that came back short ends the list, which makes the count known exactly.
    pub fn settle(self, page: i64, rows: usize) -> Count {
        let rows = rows as i64;
        if rows < PAGE_SIZE && (rows > 0 || page == 1) {
            Count::exact((page - 1) * PAGE_SIZE + rows)
        } else {
            self
        }
    }
}

#[derive(QueryableByName)]
struct Reltuples {
    #[diesel(sql_type = diesel::sql_types::Double)]
    n: f64,
}

/// How many customers there are as the statistics last counted them (0 before the first count),
/// asked of the database at most once a minute per process: it only tells a hundred thousand
/// from a million.
fn customers_counted(conn: &mut PgConnection) -> QueryResult<f64> {
    use std::sync::Mutex;
    use std::time::{Duration, Instant};
    static COUNTED: Mutex<Option<(Instant, f64)>> = Mutex::new(None);
    let cached = *COUNTED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((at, n)) = cached
        && at.elapsed() < Duration::from_secs(60)
    {
        return Ok(n);
    }
    let n = diesel::sql_query(
        "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'customers'::regclass",
    )
    .get_result::<Reltuples>(conn)?
    .n
    .max(0.0);
    *COUNTED.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), n));
    Ok(n)
}

/// The planner's estimate of the rows a query returns.
fn estimated_rows<Q: QueryFragment<Pg>>(conn: &mut PgConnection, q: Q) -> QueryResult<f64> {
    let plan: serde_json::Value = Explain(q).get_result(conn)?;
    Ok(plan[0]["Plan"]["Plan Rows"].as_f64().unwrap_or(0.0))
}

/// `SELECT count(*) FROM (<query> LIMIT n) t`: a count that stops early.
struct CappedCount<Q>(Q);

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for CappedCount<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("SELECT count(*) FROM (");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(") AS capped");
        Ok(())
    }
}

impl<Q> QueryId for CappedCount<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q> Query for CappedCount<Q> {
    type SqlType = BigInt;
}

impl<Q> RunQueryDsl<PgConnection> for CappedCount<Q> {}

/// How many customers match: exact up to COUNT_CAP, else COUNT_CAP + 1 ("more than").
pub fn count(conn: &mut PgConnection, query: &ListQuery, search: &Search) -> QueryResult<Count> {
    CappedCount(
        filtered(query, search)
            .select(customers::id)
            .limit(COUNT_CAP + 1),
    )
    .get_result(conn)
    .map(Count::exact)
}

/// One page of the list and how many customers match, each read the cheapest way the planner's
/// estimate of the matches allows:
/// - far more than COUNT_CAP expected: the estimate stands for the count (said to be one), and
///   the page is read in index order, stopping after 50;
/// - a few thousand at most, or a narrow search (see `Criterion::is_narrow`): one pass reads
///   every match, counts them all and keeps the page, rather than reading the matches once to
///   count and again to page;
/// - in between: a count that stops at COUNT_CAP + 1, then the page.
pub fn counted_page(
    conn: &mut PgConnection,
    query: &ListQuery,
    search: &Search,
) -> QueryResult<(Count, Vec<ListRow>)> {
    if let Some(found) = by_name_words(conn, query, search)? {
        return Ok(found);
    }
    let customers = match search.criterion {
        Criterion::Name(_) | Criterion::NameOrCity(..) => customers_counted(conn)?,
        _ => 0.0,
    };
    let expected = if search.criterion.is_narrow(customers) {
        0.0
    } else {
        estimated_rows(conn, filtered(query, search).select(customers::id))?
    };
    // Tagged customers, and those whose names hold a fragment, cannot be counted from an index
    // alone (the GIN indexes that find them point into the table): beyond a one-pass count,
    // their estimate stands for the count, and the page is read in list order from a sort
    // index that carries the tags and the search name (list_filter_indexes, name_search_index).
    let estimate_above = if query.tag.is_some()
        || matches!(
            search.criterion,
            Criterion::Name(_) | Criterion::NameOrCity(..)
        ) {
        ONE_PASS_UP_TO
    } else {
        ESTIMATE_ABOVE
    };
    if expected > estimate_above {
        let estimate = Count {
            value: expected.round() as i64,
            estimated: true,
        };
        let rows = page(conn, query, search)?;
        return Ok((estimate.settle(query.page, rows.len()), rows));
    }
    if expected <= ONE_PASS_UP_TO {
        // Ordered by the count first (the same on every row, so the order is unchanged): the
        // planner then cannot walk a sort index and filter every row it passes, which it
        // otherwise prefers under LIMIT though every match has to be read for the count anyway.
        let mut matches = filtered(query, search);
        if matches!(
            search.criterion,
            Criterion::Name(_) | Criterion::NameOrCity(..)
        ) {
            // A condition every customer meets, on a column no index carries: the matches of a
            // name fragment are then read through the trigram index. Otherwise the planner scans
            // the whole name index that carries the search name (name_search_index), costing
            // its LIKE per entry far below what it takes (100k customers, `müller`: 50 ms
            // against 4 ms for its 1,579 matches).
            matches = matches.filter(cached_sql::sql::<Bool>("customers.lock_version >= 0"));
        }
        let found: Vec<(i64, i64)> = sorted(
            matches.order_by(cached_sql::sql::<BigInt>("count(*) OVER ()")),
            query,
        )
        .select((customers::id, cached_sql::sql::<BigInt>("count(*) OVER ()")))
        .offset((query.page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .load(conn)?;
        // A page past the end has no row to carry the count; count it apart then.
        if let Some((_, total)) = found.first() {
            let count = Count::exact((*total).min(COUNT_CAP + 1));
            let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
            return Ok((count, rows_of(conn, &ids)?));
        }
    }
    let count = count(conn, query, search)?;
    Ok((count, page(conn, query, search)?))
}

/// Under the words that hold it, at most this many: a fragment in more of the names' words (a
/// few common letters) is paged by the list's own query.
const NAME_WORDS_MAX: i32 = 30;

#[derive(QueryableByName)]
struct NamePageRow {
    #[diesel(sql_type = Nullable<BigInt>)]
    id: Option<i64>,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

/// A name fragment of three characters or more, with no filter and the list in name order:
/// counted and paged from the words of the customers' names, each word's customers kept in
/// name order by the database (see the name_words migration), so neither the count nor the page
/// reads the customers that match. At 100k customers, `müller` (1,579 matches) takes 0.7 ms this
/// way against 2.7 ms through the trigram index; at 1M the cost stays that of one page. `None`
/// when the words cannot answer (see `clientele_name_page`).
fn by_name_words(
    conn: &mut PgConnection,
    query: &ListQuery,
    search: &Search,
) -> QueryResult<Option<(Count, Vec<ListRow>)>> {
    let pattern = match &search.criterion {
        Criterion::Name(pattern) | Criterion::NameOrCity(AnyTerms { text: pattern, .. }, false) => {
            pattern
        }
        _ => return Ok(None),
    };
    let in_name_order_unfiltered = query.sort == SortColumn::Name
        && query.status == StatusTab::All
        && !query.has_filters()
        && !search.scope.is_limited();
    // Pages stop at 1,000,000 (ListQuery::parse), so the skip fits the function's integer.
    let Ok(skip) = i32::try_from((query.page - 1) * PAGE_SIZE) else {
        return Ok(None);
    };
    if search.text.chars().count() < 3 || !in_name_order_unfiltered {
        return Ok(None);
    }
    let found: Vec<NamePageRow> =
        diesel::sql_query("SELECT id, total FROM clientele_name_page($1, $2, $3, $4, $5, $6)")
            .bind::<Text, _>(pattern)
            .bind::<Bool, _>(query.desc)
            .bind::<diesel::sql_types::Integer, _>(skip)
            .bind::<diesel::sql_types::Integer, _>(PAGE_SIZE as i32)
            .bind::<diesel::sql_types::Integer, _>(COUNT_CAP as i32)
            .bind::<diesel::sql_types::Integer, _>(NAME_WORDS_MAX)
            .load(conn)?;
    let Some(first) = found.first() else {
        return Ok(None);
    };
    let count = Count::exact(first.total.min(COUNT_CAP + 1));
    let ids: Vec<i64> = found.iter().filter_map(|row| row.id).collect();
    Ok(Some((count, rows_of(conn, &ids)?)))
}

/// One page of the list: its ids first, read from a sort index that carries the filter columns
/// (see the covering_list_indexes migration) without touching the table, then those rows.
pub fn page(
    conn: &mut PgConnection,
    query: &ListQuery,
    search: &Search,
) -> QueryResult<Vec<ListRow>> {
    let ids: Vec<i64> = sorted(filtered(query, search), query)
        .select(customers::id)
        .offset((query.page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .load(conn)?;
    rows_of(conn, &ids)
}

/// Every matching id, in list order: what the export walks through in batches.
pub fn all_ids(
    conn: &mut PgConnection,
    query: &ListQuery,
    search: &Search,
) -> QueryResult<Vec<i64>> {
    sorted(filtered(query, search), query)
        .select(customers::id)
        .load(conn)
}

/// The rows of these ids, in the order given.
pub fn rows_of(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<Vec<ListRow>> {
    let rows: Vec<ListRow> = customers::table
        .left_join(customer_groups::table)
        .left_join(watch_notes::table)
        .filter(customers::id.eq_any(ids))
        .select(row_columns!())
        .load(conn)?;
    let mut by_id: std::collections::HashMap<i64, ListRow> =
        rows.into_iter().map(|r| (r.id, r)).collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_of_four_characters_or_more_are_narrow() {
        let small = 100_000.0;
        assert!(Criterion::Name(like_escape("müll")).is_narrow(small));
        assert!(!Criterion::Name(like_escape("mül")).is_narrow(small));
        assert!(!Criterion::Name(like_escape("a%_")).is_narrow(small));
        assert!(Criterion::Phone("0 *3 *0 *1".into()).is_narrow(small));
        assert!(!Criterion::Phone("0 *3".into()).is_narrow(small));
        assert!(!Criterion::None.is_narrow(small));
        // In a table of a million, a name fragment may match tens of thousands: the planner
        // is asked. A postcode or phone stays narrow.
        let large = 1_000_000.0;
        assert!(!Criterion::Name(like_escape("müll")).is_narrow(large));
        assert!(Criterion::Hits(vec![1], Default::default()).is_narrow(large));
        assert!(!Criterion::NameOrCity(AnyTerms::new("müll"), false).is_narrow(large));
        assert!(Criterion::NameOrCity(AnyTerms::new("müll"), true).is_narrow(small));
        assert!(Criterion::Postcode("EH243BL".into()).is_narrow(large));
        assert!(Criterion::Phone("0 *3 *0 *1".into()).is_narrow(large));
    }

    #[test]
    fn a_short_page_makes_an_estimated_count_exact() {
        let estimate = Count {
            value: 60_000,
            estimated: true,
        };
        assert_eq!(estimate.settle(1, 50), estimate);
        assert_eq!(estimate.settle(1, 7), Count::exact(7));
        assert_eq!(estimate.settle(1, 0), Count::exact(0));
        assert_eq!(estimate.settle(3, 20), Count::exact(120));
        // A page past the end says nothing of where the end is.
        assert_eq!(estimate.settle(9, 0), estimate);
    }

    #[test]
    fn like_wildcards_in_the_input_are_escaped() {
        assert_eq!(like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
    }

    #[test]
    fn unknown_values_are_ignored_and_links_keep_the_rest() {
        let q = ListQuery::parse(&ListParams {
            status: Some("blocked".into()),
            kind: Some("planet".into()),
            q: Some("Müller & Co".into()),
            sort: Some("value".into()),
            dir: Some("desc".into()),
            page: Some("-3".into()),
            ..Default::default()
        });
        assert_eq!(q.kind, None);
        assert_eq!(q.page, 1);
        assert_eq!(
            q.page_href(2),
            "/customers?status=blocked&q=M%C3%BCller+%26+Co&sort=value&dir=desc&page=2"
        );
        assert_eq!(
            q.sort_href(&SortColumn::Value),
            "/customers?status=blocked&q=M%C3%BCller+%26+Co&sort=value"
        );
        assert_eq!(q.aria_sort(&SortColumn::Value), "descending");
    }
}
