//! The customer list: filters, one search box, sorting and paging, all in the URL; and the same
//! list, every page of it, as a streamed CSV download.

use crate::models::{
    access::staff_scope::StaffScope,
    customers::customer_list::{
        self, COUNT_CAP, EXPORT_BATCH, ListParams, ListQuery, ListRow, PAGE_SIZE, Search,
        SearchField, SortColumn, StatusTab,
    },
    reference::FilterChoices,
};
use crate::routes::prelude::*;
use crate::routes::respond::csv::Sheet;
use diesel::PgConnection;
use futures_util::StreamExt;
use std::collections::HashMap;

/// The list's sortable header cells, in order: (label's message id, column). The integration
/// column, which does not sort, stands after the first `INTEGRATION_AT`.
const HEADERS: &[(&str, SortColumn)] = &[
    ("customers-col-account", SortColumn::Account),
    ("customers-col-name", SortColumn::Name),
    ("customers-col-type", SortColumn::Type),
    ("customers-col-group", SortColumn::Group),
    ("customers-col-relationship", SortColumn::Status),
    ("customers-col-orders", SortColumn::Orders),
    ("customers-col-value", SortColumn::Value),
    ("customers-col-balance", SortColumn::Balance),
    ("customers-col-flag", SortColumn::Flag),
    ("customers-col-watch", SortColumn::Watch),
];
const INTEGRATION_AT: usize = 5;

#[derive(Template)]
#[template(path = "customers/index.html")]
pub struct CustomerListPage {
    layout: Layout,
    query: ListQuery,
    rows: Vec<ListRow>,
    /// Capped: COUNT_CAP + 1 means "more than COUNT_CAP"; unless `estimated`.
    total: i64,
    estimated: bool,
    refs: FilterChoices,
    /// The salespeople the salesperson filter offers, as (id, name).
    salespeople: Vec<(i64, String)>,
    /// The signed-in account sees only its own customers.
    limited: bool,
    /// "2 of 5 active, 1 requested" per customer with any integration asked for.
    integrations: HashMap<i64, String>,
    /// Under "Anything", what found each customer when it was not its name.
    matched: HashMap<i64, Msg>,
}

impl CustomerListPage {
    fn integration(&self, id: &i64) -> &str {
        self.integrations.get(id).map_or("—", String::as_str)
    }

    fn matched_by(&self, id: &i64) -> Option<String> {
        self.matched.get(id).map(|m| self.layout.msg(m))
    }

    fn tabs(&self) -> &'static [StatusTab] {
        StatusTab::ALL
    }

    fn fields(&self) -> &'static [SearchField] {
        SearchField::ALL
    }

    fn headers_before(&self) -> &'static [(&'static str, SortColumn)] {
        &HEADERS[..INTEGRATION_AT]
    }

    fn headers_after(&self) -> &'static [(&'static str, SortColumn)] {
        &HEADERS[INTEGRATION_AT..]
    }

    fn flags(&self) -> &'static [crate::domain::ReviewFlag] {
        crate::domain::ReviewFlag::ALL
    }

    fn kinds(&self) -> &'static [crate::domain::CustomerKind] {
        crate::domain::CustomerKind::ALL
    }

    fn types(&self) -> &'static [crate::domain::CustomerType] {
        crate::domain::CustomerType::ALL
    }

    fn capped(&self) -> bool {
        self.total > COUNT_CAP && !self.estimated
    }

    /// The count in one of three messages: an estimate ($n rounded), more than the cap ($cap),
    /// or exact ($count, with $n as the reader writes it). The list's lead says "1,234
    /// customers.", "more than 10,000 customers match (the count stops at 10,000)." or "about
    /// 56,000 customers match (an estimate: …)."; the download link alike.
    fn count_words(&self, [about, more, exact]: &[&str; 3]) -> String {
        let l = &self.layout.l;
        if self.estimated {
            self.layout.t2(
                about,
                ("n", l.number(round_to_two_digits(self.total))),
                ("cap", l.number(COUNT_CAP)),
            )
        } else if self.capped() {
            self.layout.t1(more, "cap", l.number(COUNT_CAP))
        } else {
            self.layout
                .t2(exact, ("count", self.total), ("n", l.number(self.total)))
        }
    }

    /// "Page 2 of 7", "Page 2 of about 1,100", "Page 2 of more than 200" (and the table's
    /// caption, alike): one of three messages with $page and $pages.
    fn pages_words(&self, [about, more, exact]: &[&str; 3]) -> String {
        let id = if self.estimated {
            about
        } else if self.capped() {
            more
        } else {
            exact
        };
        // Page numbers as they are in the address, without grouping.
        self.layout
            .t2(id, ("page", self.query.page), ("pages", self.pages()))
    }

    /// The number of pages (about, when the count is an estimate).
    fn pages(&self) -> i64 {
        let known = if self.estimated {
            round_to_two_digits(self.total)
        } else {
            self.total.min(COUNT_CAP)
        };
        ((known + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
    }

    fn has_next(&self) -> bool {
        if self.estimated || self.capped() {
            self.rows.len() as i64 == PAGE_SIZE
        } else {
            self.query.page < self.pages()
        }
    }

    fn is_status(&self, tab: &StatusTab) -> bool {
        self.query.status == *tab
    }

    fn selected_id(&self, value: &Option<i64>, id: &i64) -> bool {
        *value == Some(*id)
    }

    fn field_is(&self, f: &SearchField) -> bool {
        self.query.field == *f
    }

    fn kind_is(&self, k: &crate::domain::CustomerKind) -> bool {
        self.query.kind == Some(*k)
    }

    fn type_is(&self, t: &crate::domain::CustomerType) -> bool {
        self.query.customer_type == Some(*t)
    }

    fn flag_is(&self, f: &crate::domain::ReviewFlag) -> bool {
        self.query.flag == Some(*f)
    }

    fn filtered(&self) -> bool {
        self.query.has_filters() || self.query.status != StatusTab::All
    }
}

/// 55,907 → 56,000: an estimate shown with no more precision than it has.
fn round_to_two_digits(n: i64) -> i64 {
    let mut unit = 1;
    while n / unit >= 100 {
        unit *= 10;
    }
    (n + unit / 2) / unit * unit
}

/// What the list page shows besides the query, or the one customer an exact identifier found.
enum Found {
    One(i64),
    List(Box<Listed>),
}

struct Listed {
    refs: FilterChoices,
    salespeople: Vec<(i64, String)>,
    total: customer_list::Count,
    rows: Vec<ListRow>,
    integrations: HashMap<i64, String>,
    matched: HashMap<i64, Msg>,
}

/// Runs the query: an exact identifier that one customer has finds that customer; anything
/// else finds a page of rows with their integration summaries and what matched.
fn find(conn: &mut PgConnection, q: &ListQuery, scope: &StaffScope) -> AppResult<Found> {
    let search = Search::resolve(conn, q, scope)?;
    let (total, rows) = if search.exact {
        let total = customer_list::count(conn, q, &search)?;
        if total.value == 1 {
            return Ok(Found::One(customer_list::all_ids(conn, q, &search)?[0]));
        }
        (total, customer_list::page(conn, q, &search)?)
    } else {
        customer_list::counted_page(conn, q, &search)?
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    Ok(Found::List(Box::new(Listed {
        integrations: crate::models::approvals::approval::integration_summaries(conn, &ids)?,
        matched: search.matched(conn, &ids)?,
        refs: FilterChoices::load(conn)?,
        salespeople: crate::models::access::staff::Staff::salespeople(conn)?,
        total,
        rows,
    })))
}

pub async fn index(desk: StaffDesk, params: web::Query<ListParams>) -> Reply {
    let query = ListQuery::parse(&params);
    let (q, scope) = (query.clone(), desk.scope());
    let limited = scope.is_limited();
    let listed = match desk.run(move |conn| find(conn, &q, &scope)).await? {
        Found::List(listed) => *listed,
        Found::One(id) => return Ok(see_other(&format!("/customers/{id}"))),
    };
    desk.show(Msg::new("customers-title"), "customers", |layout| {
        CustomerListPage {
            layout,
            query,
            rows: listed.rows,
            total: listed.total.value,
            estimated: listed.total.estimated,
            refs: listed.refs,
            salespeople: listed.salespeople,
            limited,
            integrations: listed.integrations,
            matched: listed.matched,
        }
    })
}

/// The header row of the export.
const CSV_HEADER: &[&str] = &[
    "account_number",
    "legal_name",
    "trading_name",
    "kind",
    "type",
    "group",
    "relationship_status",
    "integration",
    "active",
    "email",
    "phone",
    "orders",
    "order_value",
    "order_currency",
    "balance",
    "flag",
    "watch_list",
];

fn csv_row(sheet: &Sheet, r: &ListRow, integration: Option<&String>) -> String {
    use crate::routes::respond::csv::Cell;
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let (account_number, trading_name, group_name) = (
        text(&r.account_number),
        text(&r.trading_name),
        text(&r.group_name),
    );
    let (email, phone) = (text(&r.email), text(&r.phone));
    let order_count = r.order_count.to_string();
    // With several currencies no one amount is right: the currency says "several" and the
    // amount is left empty.
    let order_value = match (&r.order_currency, r.order_count) {
        (None, n) if n > 0 => String::new(),
        _ => sheet.amount(r.order_value_cents),
    };
    let balance = sheet.amount(r.balance_cents);
    sheet.line(&[
        Cell::Text(&account_number),
        Cell::Text(&r.legal_name),
        Cell::Text(&trading_name),
        Cell::Value(r.kind.as_str()),
        Cell::Value(r.customer_type.as_str()),
        Cell::Text(&group_name),
        Cell::Value(r.relationship_status.as_str()),
        Cell::Value(integration.map_or("", String::as_str)),
        Cell::Value(if r.active { "yes" } else { "no" }),
        Cell::Text(&email),
        Cell::Phone(&phone),
        Cell::Value(&order_count),
        Cell::Value(&order_value),
        Cell::Value(match (&r.order_currency, r.order_count) {
            (Some(currency), _) => currency.as_str(),
            (None, 0) => "",
            (None, _) => "several",
        }),
        Cell::Value(&balance),
        Cell::Value(r.review_flag.map(|f| f.as_str()).unwrap_or("")),
        Cell::Value(if r.is_watched() { "yes" } else { "no" }),
    ])
}

/// Every matching customer, in list order, streamed: the ids first (one query), then the rows
/// a thousand at a time, each batch in its own database call.
pub async fn csv(desk: StaffDesk, params: web::Query<ListParams>) -> Reply {
    let query = ListQuery::parse(&params);
    let sheet = Sheet::for_reader(&desk.layout()?.l);
    let header = sheet.header("customers", CSV_HEADER);
    // From the read replica when it may serve this person (`db::replica`), every batch alike.
    let source = desk.read_source().await?;
    let scope = desk.scope();
    let ids = source
        .run(move |conn| {
            let search = Search::resolve(conn, &query, &scope)?;
            Ok(customer_list::all_ids(conn, &query, &search)?)
        })
        .await?;
    let batches: Vec<Vec<i64>> = ids.chunks(EXPORT_BATCH).map(<[i64]>::to_vec).collect();
    let body = futures_util::stream::iter(batches).then(move |batch| {
        let (source, sheet) = (source.clone(), sheet.clone());
        async move {
            let (rows, integrations) = source
                .run(move |conn| {
                    Ok((
                        customer_list::rows_of(conn, &batch)?,
                        crate::models::approvals::approval::integration_summaries(conn, &batch)?,
                    ))
                })
                .await?;
            let mut out = String::new();
            for r in &rows {
                out.push_str(&csv_row(&sheet, r, integrations.get(&r.id)));
            }
            Ok(out)
        }
    });
    Ok(respond::csv::stream("customers.csv", header, body))
}

#[cfg(test)]
mod tests {
    use super::round_to_two_digits;

    #[test]
    fn estimates_keep_two_significant_digits() {
        assert_eq!(round_to_two_digits(55_907), 56_000);
        assert_eq!(round_to_two_digits(100_000), 100_000);
        assert_eq!(round_to_two_digits(1_234_567), 1_200_000);
        assert_eq!(round_to_two_digits(99), 99);
        assert_eq!(round_to_two_digits(50_001), 50_000);
    }
}
