//! Salespeople who see their own customers: a staff account limited to its own customers (those
//! whose salesperson it is, and their members, sell-to and associated customers) sees only
//! them, on every staff page; everyone has "My customers" and a salesperson filter on the list.
//!
//! The isolation sweep (`a_limited_accounts_requests_with_another_customers_ids_find_nothing_
//! and_change_nothing`) asks every staff route of src/routes/mod.rs with customer B's ids, as
//! an account limited to A's book that holds every role (so no role guard answers first). Each
//! answers 404, or for a list page shows A's data only; no response shows any of B's data; and
//! no table changes (every table's content is compared, sessions and sign-ins aside).
//!
//! Adding a staff route means adding a line to `probes`: a GET or a POST (a DELETE is a POST
//! with `_method=delete`) with B's ids wherever it takes one, and what it answers. A route under
//! `/customers/{id}`, `/orders/{id}`, `/invoices/{id}` or `/approvals/{id}` is checked by
//! `require_in_scope` in the route table before its handler runs; a new list or search must
//! take the `StaffScope` (`desk.scope()`) in its query.

use crate::{
    helpers::{PASSWORD, TestApp, TestClient, TestResponse},
    portal_pages::{BOB, Fixture, fixture},
};
use actix_web::http::StatusCode;
use clientele::{
    domain::Service,
    models::{
        access::staff::Role,
        approvals::approval::{self, NewRequest},
    },
    schema::{customer_contacts, customers, ledger_entries, orders, staff, watch_notes},
};
use diesel::prelude::*;

const LENA: &str = "lena@example.com";

/// Text that only B's data holds: none of it may show on a page the limited account gets.
const B_MARKERS: &[&str] = &[
    "Beta Supplies",
    "B-200",
    "SO-B-",
    "Betastraße",
    "Beta dock",
    "INV-000002",
    "Beta's secret request",
    "Beta secret work",
    "Bertha Beta",
    "Beta is late",
    BOB,
];

/// The portal's two customers, and the limited account's book: A (Alpha Trading Ltd, A-100,
/// whose salesperson is Lena), its member A-101 and its sell-to customer A-102. B (Beta
/// Supplies AG, B-200) is Sam's; it has an order, an invoice, a request, an address, a contact,
/// a user and a watch-list warning.
struct Book {
    f: Fixture,
    lena: i64,
    member: i64,
    sell_to: i64,
    b_order: i64,
    b_invoice: i64,
    b_contact: i64,
    a_contact: i64,
}

async fn book() -> Book {
    let f = fixture().await;
    let app = &f.app;
    let lena = app.create_staff(
        LENA,
        PASSWORD,
        &[Role::Staff, Role::DigitalAdmin, Role::Admin],
    );
    let conn = &mut app.conn();
    diesel::update(staff::table.find(lena.id))
        .set((
            staff::limited_to_own_customers.eq(true),
            staff::is_salesperson.eq(true),
        ))
        .execute(conn)
        .unwrap();
    let member = app.create_customer("Alpha Member GmbH", Some("A-101")).id;
    let sell_to = app.create_customer("Alpha Sell-to KG", Some("A-102")).id;
    diesel::update(customers::table.find(f.a.id))
        .set(customers::salesperson_id.eq(lena.id))
        .execute(conn)
        .unwrap();
    diesel::update(customers::table.find(f.b.id))
        .set(customers::salesperson_id.eq(f.staff_id))
        .execute(conn)
        .unwrap();
    diesel::update(customers::table.find(member))
        .set(customers::master_id.eq(f.a.id))
        .execute(conn)
        .unwrap();
    diesel::update(customers::table.find(sell_to))
        .set(customers::bill_to_id.eq(f.a.id))
        .execute(conn)
        .unwrap();
    let contact = |customer_id: i64, name: &str| -> i64 {
        diesel::insert_into(customer_contacts::table)
            .values((
                customer_contacts::customer_id.eq(customer_id),
                customer_contacts::name.eq(name),
            ))
            .returning(customer_contacts::id)
            .get_result(&mut app.conn())
            .unwrap()
    };
    let (a_contact, b_contact) = (
        contact(f.a.id, "Alfred Alpha"),
        contact(f.b.id, "Bertha Beta"),
    );
    for (customer_id, body) in [(f.a.id, "Alpha pays late"), (f.b.id, "Beta is late")] {
        diesel::insert_into(watch_notes::table)
            .values((
                watch_notes::customer_id.eq(customer_id),
                watch_notes::body.eq(body),
            ))
            .execute(conn)
            .unwrap();
    }
    approval::record_request(
        conn,
        f.a.id,
        &NewRequest {
            services: vec![Service::Orders],
            salesperson_id: lena.id,
            message: Some("Alpha's request".into()),
        },
        &approval::Requester::Staff(lena.id),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let b_order = orders::table
        .filter(orders::order_number.eq("SO-B-0001"))
        .select(orders::id)
        .first(conn)
        .unwrap();
    let b_invoice = ledger_entries::table
        .filter(ledger_entries::number.eq("INV-000002"))
        .select(ledger_entries::id)
        .first(conn)
        .unwrap();
    Book {
        lena: lena.id,
        member,
        sell_to,
        b_order,
        b_invoice,
        b_contact,
        a_contact,
        f,
    }
}

async fn signed_in(app: &TestApp, email: &str) -> TestClient {
    let client = app.new_client();
    client.sign_in(email, PASSWORD).await;
    client
}

fn names(res: &TestResponse) -> Vec<String> {
    res.texts("table.customer-list tbody td[data-label=Name] a")
}

fn assert_no_b(what: &str, res: &TestResponse) {
    for marker in B_MARKERS {
        assert!(
            !res.body.contains(marker),
            "{what} shows B's {marker:?}:\n{}",
            res.body
        );
    }
}

const ALPHAS: [&str; 3] = ["Alpha Member GmbH", "Alpha Sell-to KG", "Alpha Trading Ltd"];

#[actix_web::test]
async fn a_limited_account_lists_searches_and_exports_only_its_own_customers() {
    let b = book().await;
    let lena = signed_in(&b.f.app, LENA).await;
    let list = lena.get("/customers").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(names(&list), ALPHAS);
    assert!(list.body.contains("id=\"limited-note\""));
    assert_no_b("the list", &list);
    // An unlimited colleague sees everyone, and no note.
    let sam = signed_in(&b.f.app, "sam@example.com").await;
    let all = sam.get("/customers").await;
    assert!(names(&all).contains(&"Beta Supplies AG".to_string()));
    assert!(!all.body.contains("id=\"limited-note\""));

    // An exact identifier of B's finds nothing, exactly as one that does not exist.
    let empty = |res: &TestResponse, q: &str| res.text(".list-empty").replace(q, "…");
    for field in ["account_number", "any"] {
        let theirs = lena.get(&format!("/customers?q=B-200&field={field}")).await;
        let nobodys = lena.get(&format!("/customers?q=Z-999&field={field}")).await;
        assert_eq!(theirs.status, StatusCode::OK, "{field}");
        assert!(names(&theirs).is_empty(), "{field}");
        assert_eq!(empty(&theirs, "B-200"), empty(&nobodys, "Z-999"), "{field}");
    }
    for q in ["SO-B-0001", "INV-SO-B-0001", "bob%40beta.example"] {
        let res = lena.get(&format!("/customers?q={q}")).await;
        assert_eq!(res.status, StatusCode::OK, "{q}");
        assert!(names(&res).is_empty(), "{q}");
    }
    // Its own exact identifiers still open the customer; a name fragment finds its own only.
    let own = lena.get("/customers?q=A-100").await;
    own.assert_redirect_to(&format!("/customers/{}", b.f.a.id));
    assert_eq!(names(&lena.get("/customers?q=a&field=name").await), ALPHAS);
    // The unlimited colleague's search for B-200 opens B.
    sam.get("/customers?q=B-200")
        .await
        .assert_redirect_to(&format!("/customers/{}", b.f.b.id));

    // The export: its own three.
    let csv = lena.get("/customers.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.body.lines().count(), 1 + 3, "{}", csv.body);
    assert_no_b("the export", &csv);
    let csv = lena
        .get("/customers.csv?q=B-200&field=account_number")
        .await;
    assert_eq!(csv.body.lines().count(), 1, "{}", csv.body);
}

#[actix_web::test]
async fn a_limited_accounts_dashboard_approval_queue_watch_list_and_orders_are_its_own() {
    let b = book().await;
    let lena = signed_in(&b.f.app, LENA).await;
    let sam = signed_in(&b.f.app, "sam@example.com").await;
    let number = |res: &TestResponse, id: &str| {
        res.text(&format!("section[aria-labelledby={id}] .card__number"))
    };
    let (mine, all) = (lena.get("/").await, sam.get("/").await);
    assert_eq!(mine.status, StatusCode::OK);
    assert_no_b("the dashboard", &mine);
    // Customers: A's three of the four the fixture's colleague sees (Cora's and the rest).
    let everyone: i64 = customers::table
        .count()
        .get_result(&mut b.f.app.conn())
        .unwrap();
    assert_eq!(number(&mine, "customers-heading"), "3");
    assert_eq!(number(&all, "customers-heading"), everyone.to_string());
    // One open request each, one warning each.
    assert_eq!(number(&mine, "requests-heading"), "1");
    assert_eq!(number(&all, "requests-heading"), "2");
    assert_eq!(number(&mine, "watched-heading"), "1");
    assert_eq!(number(&all, "watched-heading"), "2");
    assert!(mine.body.contains("SO-A-0002") && all.body.contains("SO-B-0001"));

    let queue = lena.get("/approvals").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains("Alpha Trading Ltd"), "{}", queue.body);
    assert_no_b("the approval queue", &queue);
    assert!(
        sam.get("/approvals")
            .await
            .body
            .contains("Beta Supplies AG")
    );

    let watch = lena.get("/watch-list").await;
    assert!(watch.body.contains("Alpha pays late"), "{}", watch.body);
    assert_no_b("the watch list", &watch);
    assert!(sam.get("/watch-list").await.body.contains("Beta is late"));

    for path in ["/orders?status=allocated", "/orders?status=dispatched"] {
        let orders = lena.get(path).await;
        assert_eq!(orders.status, StatusCode::OK, "{path}");
        assert_no_b(path, &orders);
        assert!(sam.get(path).await.body.contains("SO-B-"), "{path}");
    }
    assert!(
        lena.get("/orders?status=allocated")
            .await
            .body
            .contains("SO-A-0002")
    );
    // B's account number in the queue's customer filter is an unknown one.
    let (theirs, nobodys) = (
        lena.get("/orders?status=allocated&customer=B-200").await,
        lena.get("/orders?status=allocated&customer=Z-999").await,
    );
    assert_eq!(
        theirs.body.replace("B-200", "…"),
        nobodys.body.replace("Z-999", "…")
    );
}

#[actix_web::test]
async fn everyone_filters_the_list_by_my_customers_and_by_salesperson() {
    let b = book().await;
    let sam = signed_in(&b.f.app, "sam@example.com").await;
    // Sam is B's salesperson: "My customers" is B (and its associated customers: none).
    let mine = sam.get("/customers?mine=yes").await;
    assert_eq!(names(&mine), ["Beta Supplies AG"]);
    assert_eq!(
        mine.attr("nav.list-whose a[aria-current=true]", "href")
            .as_deref(),
        Some("/customers?mine=yes")
    );
    // Lena's book through the salesperson filter: A with its member and sell-to customer.
    let lenas = format!("/customers?salesperson={}", b.lena);
    assert_eq!(names(&sam.get(&lenas).await), ALPHAS);
    let option = format!("select[name=salesperson] option[value=\"{}\"]", b.lena);
    assert_eq!(sam.get("/customers").await.text(&option), "lena");
    // With a search, a sort, a status tab and a page: the filters stay.
    let res = sam
        .get(&format!("{lenas}&q=alpha&field=name&sort=name&dir=desc"))
        .await;
    assert_eq!(
        names(&res),
        ALPHAS.iter().rev().copied().collect::<Vec<_>>()
    );
    let tab = res.attr("nav.tabs a[href*=pending]", "href").unwrap();
    assert!(tab.contains(&format!("salesperson={}", b.lena)), "{tab}");
    assert!(names(&sam.get(&format!("{lenas}&page=2")).await).is_empty());
    assert!(names(&sam.get("/customers?mine=yes&q=alpha").await).is_empty());
    // The export follows the filters.
    let csv = sam
        .get(&format!("/customers.csv?salesperson={}", b.lena))
        .await;
    assert_eq!(csv.body.lines().count(), 1 + 3, "{}", csv.body);
    let csv = sam.get("/customers.csv?mine=yes").await;
    assert_eq!(csv.body.lines().count(), 1 + 1, "{}", csv.body);
    assert!(csv.body.contains("B-200"));
    // A limited account's own "My customers" is its whole book.
    let lena = signed_in(&b.f.app, LENA).await;
    assert_eq!(names(&lena.get("/customers?mine=yes").await), ALPHAS);
    let _ = (b.member, b.sell_to);
}

enum Method {
    Get,
    Post,
    Delete,
}

struct Probe {
    method: Method,
    path: String,
    status: StatusCode,
    /// Text the page must show (A's data on a list page).
    shows: Option<&'static str>,
}

fn probe(method: Method, path: impl Into<String>, status: StatusCode) -> Probe {
    Probe {
        method,
        path: path.into(),
        status,
        shows: None,
    }
}

fn get(path: impl Into<String>, status: StatusCode) -> Probe {
    probe(Method::Get, path, status)
}

fn post(path: impl Into<String>) -> Probe {
    probe(Method::Post, path, NOT_FOUND)
}

fn delete(path: impl Into<String>) -> Probe {
    probe(Method::Delete, path, NOT_FOUND)
}

impl Probe {
    fn showing(mut self, text: &'static str) -> Self {
        self.shows = Some(text);
        self
    }
}

const OK: StatusCode = StatusCode::OK;
const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;

/// Every staff route (src/routes/mod.rs) that names a customer or something of one, asked with
/// B's ids; the lists and searches, which must show A's only.
fn probes(b: &Book) -> Vec<Probe> {
    let (a, bid) = (b.f.a.id, b.f.b.id);
    let c = format!("/customers/{bid}");
    let (addr, contact) = (b.f.b_ship_to.id, b.b_contact);
    let (order, invoice, request) = (b.b_order, b.b_invoice, b.f.b_request_id);
    let bob = b.f.bob;
    let mut probes = vec![
        // The lists and searches: A's only.
        get("/", OK).showing("Alpha Trading Ltd"),
        get("/customers", OK).showing("Alpha Trading Ltd"),
        get(format!("/customers?salesperson={}", b.f.staff_id), OK),
        get("/customers?q=Beta", OK),
        get("/customers.csv", OK).showing("Alpha Trading Ltd"),
        get("/watch-list", OK).showing("Alpha pays late"),
        get("/approvals", OK).showing("Alpha Trading Ltd"),
        get("/approvals?tab=inactive", OK),
        get("/orders?status=allocated", OK).showing("SO-A-0002"),
        get("/orders?status=dispatched", OK).showing("SO-A-0001"),
        get(
            "/admin/merge?survivor=A-100&duplicate=B-200",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        get(
            format!("/admin/merge?survivor={a}&duplicate={bid}"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        // B's own pages, every one under /customers/{id}.
        get(&c, NOT_FOUND),
        post(&c),
        delete(&c),
        get(format!("{c}/edit"), NOT_FOUND),
        get(format!("{c}/delete"), NOT_FOUND),
        get(format!("{c}/orders"), NOT_FOUND),
        post(format!("{c}/orders")),
        get(format!("{c}/orders/new"), NOT_FOUND),
        get(format!("{c}/notes"), NOT_FOUND),
        post(format!("{c}/notes")),
        post(format!("{c}/watch")),
        delete(format!("{c}/watch")),
        get(format!("{c}/history"), NOT_FOUND),
        post(format!("{c}/accounts/payments")),
        post(format!("{c}/accounts/postings")),
        get(format!("{c}/accounts"), NOT_FOUND),
        get(format!("{c}/accounts/statement.pdf"), NOT_FOUND),
        get(format!("{c}/addresses"), NOT_FOUND),
        post(format!("{c}/addresses")),
        get(format!("{c}/addresses/new"), NOT_FOUND),
        get(format!("{c}/addresses/{addr}/edit"), NOT_FOUND),
        post(format!("{c}/addresses/{addr}")),
        delete(format!("{c}/addresses/{addr}")),
        get(format!("{c}/ship-to.csv"), NOT_FOUND),
        get(format!("{c}/contacts"), NOT_FOUND),
        post(format!("{c}/contacts")),
        get(format!("{c}/contacts/new"), NOT_FOUND),
        get(format!("{c}/contacts/{contact}/edit"), NOT_FOUND),
        post(format!("{c}/contacts/{contact}")),
        delete(format!("{c}/contacts/{contact}")),
        get(format!("{c}/catalogs"), NOT_FOUND),
        post(format!("{c}/catalogs/1/enabled")),
        delete(format!("{c}/catalogs/1/enabled")),
        post(format!("{c}/products")),
        delete(format!("{c}/products/1")),
        post(format!("{c}/stock-locations")),
        post(format!("{c}/prices")),
        get(format!("{c}/prices.csv"), NOT_FOUND),
        get(format!("{c}/requests"), NOT_FOUND),
        post(format!("{c}/requests")),
        delete(format!("{c}/services")),
        post(format!("{c}/relationship")),
        get(format!("{c}/users"), NOT_FOUND),
        post(format!("{c}/users")),
        delete(format!("{c}/users/{bob}")),
        post(format!("{c}/users/{bob}/invitations")),
        post(format!("{c}/users/{bob}/view-as")),
        // B's things under A's own pages: not A's, so not found.
        get(format!("/customers/{a}/addresses/{addr}/edit"), NOT_FOUND),
        post(format!("/customers/{a}/addresses/{addr}")),
        delete(format!("/customers/{a}/addresses/{addr}")),
        get(format!("/customers/{a}/contacts/{contact}/edit"), NOT_FOUND),
        post(format!("/customers/{a}/contacts/{contact}")),
        delete(format!("/customers/{a}/contacts/{contact}")),
        delete(format!("/customers/{a}/users/{bob}")),
        post(format!("/customers/{a}/users/{bob}/invitations")),
        post(format!("/customers/{a}/users/{bob}/view-as")),
        // B's order, invoice and request.
        get(format!("/orders/{order}"), NOT_FOUND),
        post(format!("/orders/{order}/payment")),
        delete(format!("/orders/{order}/hold")),
        post(format!("/orders/{order}/allocation")),
        post(format!("/orders/{order}/priority")),
        delete(format!("/orders/{order}/priority")),
        post(format!("/orders/{order}/shipment")),
        post(format!("/orders/{order}/invoice")),
        post(format!("/orders/{order}/cancellation")),
        post(format!("/orders/{order}/notes")),
        get(format!("/invoices/{invoice}"), NOT_FOUND),
        get(format!("/invoices/{invoice}/pdf"), NOT_FOUND),
        post(format!("/invoices/{invoice}/reversal")),
        post(format!("/invoices/{invoice}/allocations")),
        get(format!("/approvals/{request}"), NOT_FOUND),
        post(format!("/approvals/{request}/decision")),
        // A merge of B into A, or of A into B.
        post("/admin/merge"),
    ];
    // A's own pages answer (the sweep would pass for a route that answers 404 to everyone).
    for path in [
        "",
        "/addresses",
        "/contacts",
        "/notes",
        "/orders",
        "/accounts",
    ] {
        probes.push(get(format!("/customers/{a}{path}"), OK));
    }
    probes.push(get(
        format!("/customers/{a}/contacts/{}/edit", b.a_contact),
        OK,
    ));
    probes
}

/// Every table's content, as one digest each: sessions and sign-in attempts aside, which the
/// sweep's own requests write.
fn digest(app: &TestApp) -> Vec<(String, String)> {
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        tablename: String,
    }
    #[derive(QueryableByName)]
    struct Digest {
        #[diesel(sql_type = diesel::sql_types::Text)]
        d: String,
    }
    let conn = &mut app.conn();
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' \
         AND tablename NOT IN ('sessions', 'login_attempts') ORDER BY tablename",
    )
    .load(conn)
    .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let sql = format!(
                "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d \
                 FROM \"{}\" t",
                t.tablename
            );
            let d: Digest = diesel::sql_query(sql).get_result(conn).unwrap();
            (t.tablename, d.d)
        })
        .collect()
}

#[actix_web::test]
async fn a_limited_accounts_requests_with_another_customers_ids_find_nothing_and_change_nothing() {
    let b = book().await;
    let lena = signed_in(&b.f.app, LENA).await;
    // Pages read once first, so what a first visit writes (none expected) is not counted.
    lena.get("/").await;
    let before = digest(&b.f.app);
    for probe in probes(&b) {
        let a_key = ("merge_into", b.f.a.id.to_string());
        let fields: Vec<(&str, String)> = vec![
            ("customer_id", b.f.b.id.to_string()),
            ("survivor_id", b.f.a.id.to_string()),
            ("survivor_version", b.f.a.lock_version.to_string()),
            ("duplicate_id", b.f.b.id.to_string()),
            ("duplicate_version", b.f.b.lock_version.to_string()),
            ("body", "Written by Lena".into()),
            ("name", "Written by Lena".into()),
            ("version", "1".into()),
            a_key,
        ];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (what, res) = match probe.method {
            Method::Get => (format!("GET {}", probe.path), lena.get(&probe.path).await),
            Method::Post => (
                format!("POST {}", probe.path),
                lena.post(&probe.path, &fields).await,
            ),
            Method::Delete => (
                format!("DELETE {}", probe.path),
                lena.delete(&probe.path, &fields).await,
            ),
        };
        assert_eq!(res.status, probe.status, "{what}:\n{}", res.body);
        if let Some(text) = probe.shows {
            assert!(
                res.body.contains(text),
                "{what} shows {text}:\n{}",
                res.body
            );
        }
        if !probe.path.contains("B-200") {
            assert_no_b(&what, &res);
        }
    }
    let after = digest(&b.f.app);
    let changed: Vec<&String> = before
        .iter()
        .zip(&after)
        .filter(|(x, y)| x != y)
        .map(|(x, _)| &x.0)
        .collect();
    assert!(changed.is_empty(), "the sweep changed {changed:?}");
}

#[actix_web::test]
async fn the_demos_limited_salesperson_sees_their_three_customers() {
    let app = crate::helpers::spawn_app().await;
    let login = clientele::tools::demo::load(&mut app.conn(), &app.address).unwrap();
    let own = app.new_client();
    own.sign_in(&login.limited_email, &login.password).await;
    let list = own.get("/customers").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(
        names(&list),
        [
            "Blue Ridge Hardware Co.",
            "García Suministros S.L.",
            "Northwind Traders Ltd"
        ]
    );
    let mueller = own.get("/customers?q=C-10001").await;
    assert!(names(&mueller).is_empty());
    let dashboard = own.get("/").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(!dashboard.body.contains("Müller"), "{}", dashboard.body);
}

#[actix_web::test]
async fn a_customer_a_limited_account_creates_is_its_own() {
    let b = book().await;
    let lena = signed_in(&b.f.app, LENA).await;
    let store = clientele::models::reference::Reference::load(&mut b.f.app.conn())
        .unwrap()
        .stores[0]
        .id
        .to_string();
    diesel::update(staff::table.find(b.f.staff_id))
        .set(staff::is_salesperson.eq(true))
        .execute(&mut b.f.app.conn())
        .unwrap();
    let sam = b.f.staff_id.to_string();
    let form = |bill_to: &'static str| -> Vec<(&'static str, String)> {
        vec![
            ("kind", "customer".into()),
            ("legal_name", "Aschau Brauerei GmbH".into()),
            ("customer_type", "business".into()),
            ("default_store_id", store.clone()),
            ("over_limit_policy", "warn".into()),
            ("sales_tax_type", "taxable".into()),
            ("credit_limit", "0.00".into()),
            ("discount", "0".into()),
            ("active", "on".into()),
            // Another salesperson chosen: the customer is Lena's all the same.
            ("salesperson_id", sam.clone()),
            ("bill_to_account", bill_to.into()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let lena = &lena;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            lena.post("/customers", &pairs).await
        }
    };
    // B's account number as bill-to is one nobody has.
    let (theirs, nobodys) = (send(form("B-200")).await, send(form("Z-999")).await);
    assert_eq!(theirs.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        theirs.text("#bill_to_account-error").replace("B-200", "…"),
        nobodys.text("#bill_to_account-error").replace("Z-999", "…")
    );
    assert!(!theirs.text("#bill_to_account-error").is_empty());
    // B's account number for the new customer is taken, without a word of whose it is.
    let mut taken = form("");
    taken.push(("account_number", "B-200".into()));
    let taken = send(taken).await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        taken.text("#account_number-error"),
        "Another customer has this account number already."
    );
    assert!(!taken.body.contains("Beta Supplies"), "{}", taken.body);
    let res = send(form("")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let made: (i64, Option<i64>) = customers::table
        .filter(customers::legal_name.eq("Aschau Brauerei GmbH"))
        .select((customers::id, customers::salesperson_id))
        .first(&mut b.f.app.conn())
        .unwrap();
    assert_eq!(made.1, Some(b.lena));
    res.assert_redirect_to(&format!("/customers/{}", made.0));
    assert_eq!(
        lena.get(&format!("/customers/{}", made.0)).await.status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn a_limited_accounts_customer_page_names_no_linked_customer_outside_its_book() {
    let b = book().await;
    let (a, beta) = (b.f.a.id, b.f.b.id);
    // A bills to B; B is a sell-to customer of A's sell-to customer (which Lena sees through A,
    // while B, one step further, stays Sam's) and an associated customer of A's member.
    diesel::update(customers::table.find(a))
        .set(customers::bill_to_id.eq(beta))
        .execute(&mut b.f.app.conn())
        .unwrap();
    diesel::update(customers::table.find(beta))
        .set((
            customers::bill_to_id.eq(b.sell_to),
            customers::master_id.eq(b.member),
        ))
        .execute(&mut b.f.app.conn())
        .unwrap();
    let lena = signed_in(&b.f.app, LENA).await;
    let sam = signed_in(&b.f.app, "sam@example.com").await;
    for id in [a, b.sell_to, b.member] {
        let page = lena.get(&format!("/customers/{id}")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_no_b(&format!("customer {id}'s page"), &page);
        assert!(!page.body.contains(&format!("href=\"/customers/{beta}\"")));
        // Sam, who sees everyone, is shown B by name.
        let page = sam.get(&format!("/customers/{id}")).await;
        assert!(page.body.contains("Beta Supplies AG"), "{}", page.body);
    }
    // Where A points at B, Lena reads that it is someone outside her customers, not a dash.
    let page = lena.get(&format!("/customers/{a}")).await;
    assert!(
        page.body.contains("A customer outside your customers"),
        "{}",
        page.body
    );
    // B is not counted among the sell-to customers of A's sell-to customer either.
    let page = lena.get(&format!("/customers/{}", b.sell_to)).await;
    let headings = page.texts(".subheading");
    assert!(headings.iter().all(|h| !h.contains('1')), "{headings:?}");
}

/// The fields of the form posting to `action` on `page`, as a browser would send it unchanged.
fn form_as_shown(page: &TestResponse, action: &str) -> Vec<(String, String)> {
    let html = page.html();
    let form = scraper::Selector::parse(&format!("form[action=\"{action}\"]")).unwrap();
    let form = html.select(&form).next().expect("the form");
    let mut fields = Vec::new();
    let named = scraper::Selector::parse("input[name], select[name], textarea[name]").unwrap();
    let selected = scraper::Selector::parse("option[selected]").unwrap();
    for el in form.select(&named) {
        let v = el.value();
        let name = v.attr("name").unwrap().to_string();
        let value = match v.name() {
            "select" => el
                .select(&selected)
                .filter_map(|o| o.value().attr("value"))
                .map(str::to_string)
                .collect(),
            "textarea" => vec![el.text().collect()],
            _ if matches!(v.attr("type"), Some("checkbox" | "radio")) => v
                .attr("checked")
                .and(v.attr("value").or(Some("on")))
                .map(str::to_string)
                .into_iter()
                .collect(),
            _ => vec![v.attr("value").unwrap_or_default().to_string()],
        };
        fields.extend(value.into_iter().map(|v| (name.clone(), v)));
    }
    fields
}

async fn send(client: &TestClient, path: &str, fields: &[(String, String)]) -> TestResponse {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client.post(path, &pairs).await
}

#[actix_web::test]
async fn a_limited_account_keeps_a_link_outside_its_book_but_makes_none() {
    let b = book().await;
    let (a, beta) = (b.f.a.id, b.f.b.id);
    let org = b.f.app.create_customer("Beta Holding", Some("B-300")).id;
    diesel::update(customers::table.find(org))
        .set(customers::kind.eq(clientele::domain::CustomerKind::Organization))
        .execute(&mut b.f.app.conn())
        .unwrap();
    // A is Lena's; its organization and bill-to customer are not.
    diesel::update(customers::table.find(a))
        .set((
            customers::bill_to_id.eq(beta),
            customers::organization_id.eq(org),
        ))
        .execute(&mut b.f.app.conn())
        .unwrap();
    let lena = signed_in(&b.f.app, LENA).await;
    let path = format!("/customers/{a}");
    // The form as it first appears saves, keeping A's bill-to customer.
    let edit = lena.get(&format!("{path}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    let shown = form_as_shown(&edit, &path);
    let mut changed = shown.clone();
    for (k, v) in changed.iter_mut() {
        if k == "trading_name" {
            *v = "Alpha Trade".into();
        }
    }
    send(&lena, &path, &changed).await.assert_redirect_to(&path);
    assert!(!edit.body.contains("Beta Holding"), "{}", edit.body);
    let now: (Option<i64>, Option<i64>, Option<String>) = customers::table
        .find(a)
        .select((
            customers::bill_to_id,
            customers::organization_id,
            customers::trading_name,
        ))
        .first(&mut b.f.app.conn())
        .unwrap();
    assert_eq!(now, (Some(beta), Some(org), Some("Alpha Trade".into())));
    diesel::update(customers::table.find(a))
        .set(customers::organization_id.eq(None::<i64>))
        .execute(&mut b.f.app.conn())
        .unwrap();

    // Pointing anew at a customer outside the book is refused as an unknown one would be.
    let edit = lena.get(&format!("{path}/edit")).await;
    let with = |field: &str, value: &str| -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = form_as_shown(&edit, &path)
            .into_iter()
            .filter(|(k, _)| k != field)
            .collect();
        fields.push((field.into(), value.into()));
        fields
    };
    let res = send(&lena, &path, &with("master_account", "B-200")).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.text("#master_account-error").contains("B-200"));
    let res = send(&lena, &path, &with("organization_id", &org.to_string())).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(!res.text("#organization_id-error").is_empty());
    assert!(!res.body.contains("Beta Holding"), "{}", res.body);
    let kept: (Option<i64>, Option<i64>) = customers::table
        .find(a)
        .select((customers::master_id, customers::organization_id))
        .first(&mut b.f.app.conn())
        .unwrap();
    assert_eq!(kept, (None, None));
}
