//! The portal's isolation sweep: signed in as a user of customer A, every portal route is asked
//! for customer B's orders, addresses, users and requests. Each answers 404 (or, for a list
//! page, shows A's data only; for a link token, the dead-link page), no response shows any of
//! B's data, the session stays A's user's, and nothing of B's is written.
//!
//! Adding a portal route means adding a line to `probes`.

use crate::{
    helpers::{PASSWORD, TestApp, TestClient},
    portal_pages::{ANN, BOB, Fixture, fixture, portal_client},
};
use actix_web::http::StatusCode;
use clientele::schema::{
    cart_lines, customer_addresses, customer_contacts, customer_products, customer_users,
    customers, orders, products, requests, sessions,
};
use diesel::prelude::*;

/// Text that only B's data contains: none of it may show on a page A's user gets.
const B_MARKERS: &[&str] = &[
    "SO-B-",
    "Beta Supplies",
    "Beta dock",
    "Betastraße",
    "B-200",
    "secret request",
    "B-OWN-1",
    "INV-000002",
    "Beta secret work",
    "Beta secret contact",
];

enum Method {
    Get,
    Post(Vec<(String, String)>),
}

struct Probe {
    method: Method,
    path: String,
    status: StatusCode,
    /// For a redirect: where to.
    location: Option<&'static str>,
    /// Text the page must show (A's data on a list page).
    shows: Option<&'static str>,
}

fn get(path: impl Into<String>, status: StatusCode) -> Probe {
    Probe {
        method: Method::Get,
        path: path.into(),
        status,
        location: None,
        shows: None,
    }
}

fn post(path: impl Into<String>, fields: &[(&str, &str)], status: StatusCode) -> Probe {
    Probe {
        method: Method::Post(
            fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
        ..get(path, status)
    }
}

impl Probe {
    fn showing(mut self, text: &'static str) -> Self {
        self.shows = Some(text);
        self
    }

    fn to(mut self, location: &'static str) -> Self {
        self.location = Some(location);
        self
    }
}

const OK: StatusCode = StatusCode::OK;
const SEE_OTHER: StatusCode = StatusCode::SEE_OTHER;
const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;
/// A link token that is nobody's: the "this link no longer works" page.
const DEAD_LINK: StatusCode = StatusCode::GONE;

/// Every portal route (src/routes/portal/mod.rs), each asked with B's ids wherever it takes one.
fn probes(
    f: &Fixture,
    b_order_id: i64,
    (b_product, a_product): (i64, i64),
    b_contact: i64,
) -> Vec<Probe> {
    let (b, bob) = (f.b.id.to_string(), f.bob.to_string());
    let (b_addr, b_req) = (f.b_ship_to.id.to_string(), f.b_request_id.to_string());
    let token = "3f9a1c0d5e7b2a4968c1d0e3f5a7b9c1d2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a1";
    let new_password = "a new password for ann only";
    let as_b = |extra: &[(&'static str, &'static str)]| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = extra
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        for key in ["user_id", "id", "customer_user_id"] {
            v.push((key.into(), bob.clone()));
        }
        v.push(("customer_id".into(), b.clone()));
        v.push(("email".into(), BOB.into()));
        v
    };
    let owned = |fields: Vec<(String, String)>| Probe {
        method: Method::Post(fields),
        ..get("/portal/account", StatusCode::UNPROCESSABLE_ENTITY)
    };
    vec![
        // Sign-in and links (open to anyone; a signed-in user is sent home or shown the form).
        get("/portal/login", SEE_OTHER).to("/portal"),
        post(
            "/portal/login",
            &[("email", BOB), ("password", "not bob's password")],
            StatusCode::UNAUTHORIZED,
        ),
        get(format!("/portal/invitation/{token}"), DEAD_LINK),
        post(
            format!("/portal/invitation/{token}?user_id={bob}"),
            &[
                ("new_password", new_password),
                ("confirm_password", new_password),
                ("user_id", &bob),
            ],
            DEAD_LINK,
        ),
        get("/portal/password/forgot", OK),
        // A signed-in user applying is a prospect like any other: B named nowhere, nothing kept.
        get("/portal/apply", OK),
        post(
            "/portal/apply",
            &[("email", BOB), ("tax_id", "x")],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        get(format!("/portal/apply/{token}"), DEAD_LINK),
        post(format!("/portal/apply/{token}"), &[], DEAD_LINK),
        // The same answer as for anyone: a reset mail goes to Bob himself, nothing else.
        post("/portal/password/forgot", &[("email", BOB)], OK),
        get(format!("/portal/password/reset/{token}"), DEAD_LINK),
        post(
            format!("/portal/password/reset/{token}"),
            &[
                ("new_password", new_password),
                ("confirm_password", new_password),
                ("user_id", &bob),
            ],
            DEAD_LINK,
        ),
        get(format!("/portal/view-as/{token}?user_id={bob}"), DEAD_LINK),
        // Home.
        get("/portal", OK).showing("Alpha Trading Ltd"),
        get(format!("/portal/?customer_id={b}"), OK).showing("Alpha Trading Ltd"),
        // Orders.
        get(format!("/portal/orders?customer_id={b}"), OK).showing("SO-A-0001"),
        get("/portal/orders?status=dispatched", OK).showing("SO-A-0001"),
        get("/portal/orders/SO-B-0001", NOT_FOUND),
        get("/portal/orders/SO-B-0002", NOT_FOUND),
        post("/portal/orders/SO-B-0001/again", &[], NOT_FOUND),
        get(format!("/portal/orders/{b_order_id}"), NOT_FOUND),
        get(
            format!("/portal/orders/SO-B-0001?customer_id={b}"),
            NOT_FOUND,
        ),
        // Products: A's own is there, B's specific product is not, by list or by id.
        get(format!("/portal/products?customer_id={b}"), OK).showing("A-OWN-1"),
        get("/portal/products?q=B-OWN", OK),
        get(format!("/portal/products/{a_product}"), OK).showing("A-OWN-1"),
        get(format!("/portal/products/{b_product}"), NOT_FOUND),
        get(
            format!("/portal/products/{b_product}?customer_id={b}"),
            NOT_FOUND,
        ),
        // Ship-to.
        get(format!("/portal/ship-to?customer_id={b}"), OK).showing("Alphaweg 2"),
        get(
            format!("/portal/ship-to.csv?customer_id={b}&id={b_addr}"),
            OK,
        )
        .showing("Alphaweg 2"),
        get(format!("/portal/ship-to/{b_addr}"), NOT_FOUND),
        // Requests: the list and form are A's; B's request is not found, to see or to answer;
        // a new request (refused here for want of a service) could only ever be A's.
        get(format!("/portal/requests?customer_id={b}"), OK),
        get(format!("/portal/requests/new?customer_id={b}"), OK),
        post(
            "/portal/requests",
            &[("customer_id", &b), ("salesperson", "0"), ("message", "hi")],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        get(format!("/portal/requests/{b_req}"), NOT_FOUND),
        post(
            format!("/portal/requests/{b_req}/answer"),
            &[("answer", "Answered by A's user"), ("customer_id", &b)],
            NOT_FOUND,
        ),
        // Users (Ann is her customer's admin): B's user is not found, to resend, revoke or
        // give a role; an invitation of B's user's address is refused beside the field.
        get(format!("/portal/users?customer_id={b}"), OK).showing(ANN),
        post(format!("/portal/users/{bob}/invitations"), &[], NOT_FOUND),
        post(format!("/portal/users/{bob}/revocation"), &[], NOT_FOUND),
        post(
            format!("/portal/users/{bob}/role"),
            &[("role", "viewer"), ("customer_id", &b)],
            NOT_FOUND,
        ),
        post(
            "/portal/users",
            &[("name", "Bob"), ("email", BOB), ("customer_id", &b)],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        // Ship-to proposals: B's address is not found, to propose a change to.
        get(
            format!("/portal/ship-to/proposals/new?address={b_addr}"),
            NOT_FOUND,
        ),
        post(
            "/portal/ship-to/proposals",
            &[
                ("address", &b_addr),
                ("line1", "Hijack Road 1"),
                ("city", "Berlin"),
                ("country", "DE"),
            ],
            NOT_FOUND,
        ),
        // Contacts: A's only; B's contact is not found, to see, save or delete; a new contact
        // (refused here for want of a name) could only ever be A's.
        get(format!("/portal/contacts?customer_id={b}"), OK),
        get(format!("/portal/contacts/new?customer_id={b}"), OK),
        post(
            "/portal/contacts",
            &[("name", ""), ("customer_id", &b)],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        get(format!("/portal/contacts/{b_contact}"), NOT_FOUND),
        get(format!("/portal/contacts/{b_contact}/delete"), NOT_FOUND),
        post(
            format!("/portal/contacts/{b_contact}"),
            &[("_method", "delete"), ("customer_id", &b)],
            NOT_FOUND,
        ),
        post(
            format!("/portal/contacts/{b_contact}"),
            &[
                ("version", "0"),
                ("name", "Renamed by A"),
                ("customer_id", &b),
            ],
            NOT_FOUND,
        ),
        // Cart and checkout: B is no customer A's user orders for, and B's product goes into no
        // cart of A's; nothing is put in a cart and no order is placed.
        get(format!("/portal/cart?for={b}"), NOT_FOUND),
        get(format!("/portal/checkout?for={b}"), NOT_FOUND),
        post(
            "/portal/cart",
            &[
                ("product_id", &b_product.to_string()),
                ("quantity", "1"),
                ("for", &b),
            ],
            NOT_FOUND,
        ),
        post(
            "/portal/cart",
            &[("product_id", &b_product.to_string()), ("quantity", "1")],
            SEE_OTHER,
        ),
        post(
            "/portal/cart/quick",
            &[("lines", "A-OWN-1, 1"), ("for", &b)],
            NOT_FOUND,
        ),
        post(
            format!("/portal/cart/{b_product}"),
            &[("quantity", "0"), ("for", &b)],
            NOT_FOUND,
        ),
        post(
            "/portal/checkout",
            &[
                ("for", &b),
                ("payment", "prepay"),
                ("delivery", &format!("ship:{b_addr}")),
            ],
            NOT_FOUND,
        ),
        // Invoices and the statement: A's only, by list, number, customer or PDF.
        get(format!("/portal/invoices?customer_id={b}"), OK).showing("INV-000001"),
        get("/portal/invoices?show=open", OK).showing("INV-000001"),
        get("/portal/invoices/INV-000001/pdf", OK),
        get("/portal/invoices/INV-000002/pdf", NOT_FOUND),
        get(
            format!("/portal/invoices/INV-000002/pdf?customer_id={b}"),
            NOT_FOUND,
        ),
        get("/portal/statement", OK).showing("INV-000001"),
        get(format!("/portal/statement?customer_id={b}"), OK).showing("INV-000001"),
        get(format!("/portal/statement?customer={b}"), NOT_FOUND),
        get(format!("/portal/statement.pdf?customer={b}"), NOT_FOUND),
        get(format!("/portal/statement.pdf?customer_id={b}"), OK),
        // Account: B's user id in the form is ignored; only the signed-in user is ever changed.
        get(format!("/portal/account?user_id={bob}"), OK).showing(ANN),
        owned(as_b(&[
            ("current_password", "not anybody's password"),
            ("new_password", "a new password for bob"),
            ("confirm_password", "a new password for bob"),
        ])),
        Probe {
            status: SEE_OTHER,
            location: Some("/portal/account"),
            ..owned(as_b(&[
                ("current_password", PASSWORD),
                ("new_password", "a new password for ann only"),
                ("confirm_password", "a new password for ann only"),
            ]))
        },
        // Keep last: it ends the session.
        post(
            "/portal/logout",
            &[("user_id", &bob), ("customer_id", &b)],
            SEE_OTHER,
        )
        .to("/portal/login?signed_out=1"),
    ]
}

/// What must not change: rows of the tables a portal request could touch, and B's user.
#[derive(Debug, PartialEq)]
struct Snapshot {
    customer_users: i64,
    cart_lines: i64,
    sessions_of_bob: i64,
    orders: i64,
    orders_of_b: Vec<(String, String, i64)>,
    customer_addresses: i64,
    addresses_of_b: Vec<(i64, String, Option<String>)>,
    requests: i64,
    bob: (Option<String>, String, i64, String),
    contacts_of_b: Vec<(i64, String, Vec<Option<String>>)>,
    customer_contacts: i64,
    masters: Vec<(i64, Option<i64>, Option<i64>)>,
}

fn snapshot(app: &TestApp, bob: i64, b: i64) -> Snapshot {
    let conn = &mut app.conn();
    Snapshot {
        customer_users: customer_users::table.count().get_result(conn).unwrap(),
        cart_lines: cart_lines::table.count().get_result(conn).unwrap(),
        sessions_of_bob: sessions::table
            .filter(sessions::customer_user_id.eq(bob))
            .count()
            .get_result(conn)
            .unwrap(),
        orders: orders::table.count().get_result(conn).unwrap(),
        orders_of_b: orders::table
            .filter(orders::customer_id.eq(b))
            .order(orders::id)
            .select((orders::order_number, orders::status, orders::total_cents))
            .load(conn)
            .unwrap(),
        customer_addresses: customer_addresses::table.count().get_result(conn).unwrap(),
        addresses_of_b: customer_addresses::table
            .filter(customer_addresses::customer_id.eq(b))
            .order(customer_addresses::id)
            .select((
                customer_addresses::id,
                customer_addresses::line1,
                customer_addresses::label,
            ))
            .load(conn)
            .unwrap(),
        requests: requests::table.count().get_result(conn).unwrap(),
        bob: customer_users::table
            .find(bob)
            .select((
                customer_users::password_hash,
                customer_users::status,
                customer_users::customer_id,
                customer_users::role,
            ))
            .first(conn)
            .unwrap(),
        contacts_of_b: customer_contacts::table
            .filter(customer_contacts::customer_id.eq(b))
            .order(customer_contacts::id)
            .select((
                customer_contacts::id,
                customer_contacts::name,
                customer_contacts::subscriptions,
            ))
            .load(conn)
            .unwrap(),
        customer_contacts: customer_contacts::table.count().get_result(conn).unwrap(),
        masters: customers::table
            .order(customers::id)
            .select((customers::id, customers::master_id, customers::bill_to_id))
            .load(conn)
            .unwrap(),
    }
}

async fn send(client: &TestClient, probe: &Probe) -> crate::helpers::TestResponse {
    match &probe.method {
        Method::Get => client.get(&probe.path).await,
        Method::Post(fields) => {
            // A fresh token: a probe before may have renewed the session.
            client.get("/portal").await;
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            client.post(&probe.path, &fields).await
        }
    }
}

#[actix_web::test]
async fn a_customer_users_requests_with_another_customers_ids_find_nothing_and_change_nothing() {
    let f = fixture().await;
    let b_order_id: i64 = orders::table
        .filter(orders::order_number.eq("SO-B-0001"))
        .select(orders::id)
        .first(&mut f.app.conn())
        .unwrap();
    let b_contact = clientele::models::customers::contact::create(
        &mut f.app.conn(),
        f.b.id,
        f.staff_id,
        clientele::models::customers::contact::ContactInput {
            name: "Beta secret contact".into(),
            job_title: None,
            email: None,
            phone: None,
            is_primary: true,
            events: vec![clientele::domain::ContactEvent::Statements],
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"))
    .id;
    let bob = portal_client(&f.app, BOB, PASSWORD).await;
    let ann = portal_client(&f.app, ANN, PASSWORD).await;
    let before = snapshot(&f.app, f.bob, f.b.id);
    assert_eq!(before.sessions_of_bob, 1);
    let ann_hash_before = ann_hash(&f.app, f.ann);

    // A product made for each customer.
    let product = |sku: &str, customer_id: i64| -> i64 {
        let mut conn = f.app.conn();
        let id: i64 = diesel::insert_into(products::table)
            .values((
                products::sku.eq(sku),
                products::name.eq(format!("Product {sku}")),
                products::specific.eq(true),
            ))
            .returning(products::id)
            .get_result(&mut conn)
            .unwrap();
        diesel::insert_into(customer_products::table)
            .values((
                customer_products::customer_id.eq(customer_id),
                customer_products::product_id.eq(id),
            ))
            .execute(&mut conn)
            .unwrap();
        id
    };
    for customer_id in [f.a.id, f.b.id] {
        diesel::sql_query(format!(
            "INSERT INTO customer_services (customer_id, service, status) VALUES ({customer_id}, 'ordering', 'active') \
             ON CONFLICT (customer_id, service) DO UPDATE SET status = 'active'"
        ))
        .execute(&mut f.app.conn())
        .unwrap();
    }
    let a_product = product("A-OWN-1", f.a.id);
    let b_product = product("B-OWN-1", f.b.id);
    let probes = probes(&f, b_order_id, (b_product, a_product), b_contact);
    let last = probes.len() - 1;
    for (i, probe) in probes.iter().enumerate() {
        let what = format!(
            "{} {}",
            match probe.method {
                Method::Get => "GET",
                Method::Post(_) => "POST",
            },
            probe.path
        );
        let res = send(&ann, probe).await;
        assert_eq!(res.status, probe.status, "{what}:\n{}", res.body);
        if let Some(location) = probe.location {
            assert_eq!(res.location(), Some(location), "{what}");
        }
        if let Some(text) = probe.shows {
            assert!(
                res.body.contains(text),
                "{what} should show {text}:\n{}",
                res.body
            );
        }
        for marker in B_MARKERS {
            assert!(
                !res.body.contains(marker),
                "{what} shows B's {marker:?}:\n{}",
                res.body
            );
        }
        if i < last {
            // Still A's user, whatever was posted.
            let me = ann.get("/portal/account").await;
            assert_eq!(me.status, StatusCode::OK, "after {what}");
            assert_eq!(me.text("dd.account-email"), ANN, "after {what}");
        }
        assert_eq!(snapshot(&f.app, f.bob, f.b.id), before, "after {what}");
    }

    // The account change changed A's user only; B's user is still signed in, password and all.
    assert_ne!(ann_hash(&f.app, f.ann), ann_hash_before);
    assert_eq!(bob.get("/portal/orders").await.status, StatusCode::OK);
    assert_eq!(ann.get("/portal").await.location(), Some("/portal/login"));
    f.app
        .new_client()
        .portal_sign_in(BOB, PASSWORD)
        .await
        .assert_redirect_to("/portal");
}

fn ann_hash(app: &TestApp, id: i64) -> Option<String> {
    customer_users::table
        .find(id)
        .select(customer_users::password_hash)
        .first(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn a_staff_session_never_opens_a_portal_page_and_a_portal_session_never_a_staff_page() {
    let f = fixture().await;
    let staff = f.app.new_client();
    staff
        .sign_in("sam@example.com", PASSWORD)
        .await
        .assert_redirect_to("/");
    assert_eq!(staff.get("/customers").await.status, StatusCode::OK);
    for path in [
        "/portal",
        "/portal/orders",
        "/portal/ship-to.csv",
        "/portal/account",
    ] {
        staff.get(path).await.assert_redirect_to("/portal/login");
    }
    assert_eq!(
        staff.get("/portal/orders/SO-A-0001").await.location(),
        Some("/portal/login")
    );

    let ann = portal_client(&f.app, ANN, PASSWORD).await;
    // The test client sends every cookie to every path: the portal cookie reaches staff pages
    // here, and they must not take it for a staff session.
    ann.get("/").await.assert_redirect_to("/login");
    ann.get("/customers")
        .await
        .assert_redirect_to("/login?next=%2Fcustomers");
    let res = ann.get(&format!("/customers/{}/ship-to.csv", f.a.id)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(res.location().unwrap().starts_with("/login"));
    // And the portal session is untouched by it.
    assert_eq!(ann.get("/portal/orders").await.status, StatusCode::OK);
}
