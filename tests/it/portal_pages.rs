//! The portal's orders, ship-to locations and account pages: a customer user sees the data of
//! the customers in its scope and nothing else.

use crate::helpers::{PASSWORD, TestApp, TestClient, spawn_app};
use actix_web::http::StatusCode;
use chrono::{Duration, TimeZone, Utc};
use clientele::{
    domain::{AddressKind, OrderChannel, OrderStatus, Service},
    models::{
        access::staff::Role,
        approvals::approval::{self, NewRequest},
        customers::address::{self, Address, AddressInput, AddressLines},
        customers::customer::Customer,
        orders::order::OrderFields,
    },
    schema::{customer_users, customers, orders},
};
use diesel::prelude::*;

pub const ANN: &str = "ann@alpha.example";
pub const BOB: &str = "bob@beta.example";

/// Two customers, A and B, each with orders, addresses and a user; B also has a request.
pub struct Fixture {
    pub app: TestApp,
    pub staff_id: i64,
    pub a: Customer,
    pub b: Customer,
    pub ann: i64,
    pub bob: i64,
    /// A's ship-to addresses, in the order the portal lists them (default first).
    pub a_ship_to: Vec<Address>,
    pub a_billing: Address,
    pub b_ship_to: Address,
    pub b_request_id: i64,
}

/// A's orders, newest first.
pub const A_ORDERS: [&str; 3] = ["SO-A-0003", "SO-A-0002", "SO-A-0001"];
pub const B_ORDERS: [&str; 2] = ["SO-B-0002", "SO-B-0001"];

pub fn order(customer_id: i64, number: &str, hour: i64, status: OrderStatus) -> OrderFields {
    OrderFields {
        order_number: number.to_string(),
        customer_id,
        placed_at: Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap() + Duration::hours(hour),
        status,
        total_cents: 123_456 + hour,
        currency: "EUR".into(),
        invoice_number: Some(format!("INV-{number}")),
        tracking_number: (status == OrderStatus::Dispatched).then(|| format!("TRK-{number}")),
        channel: OrderChannel::Web,
        channel_order_id: None,
        channel_user_id: None,
    }
}

pub fn input(kind: AddressKind, label: &str, line1: &str, default_shipping: bool) -> AddressInput {
    AddressInput {
        kind,
        lines: AddressLines {
            label: Some(label.to_string()),
            line1: line1.to_string(),
            line2: None,
            city: "Berlin".into(),
            region: None,
            postcode: Some("10115".into()),
            country: "DE".into(),
            phone: None,
        },
        is_primary: false,
        is_default_billing: false,
        is_default_shipping: default_shipping,
    }
}

pub fn add_address(app: &TestApp, customer_id: i64, staff_id: i64, input: AddressInput) -> Address {
    address::create(&mut app.conn(), customer_id, staff_id, input)
        .unwrap_or_else(|e| panic!("{e:?}"))
}

pub async fn fixture() -> Fixture {
    let app = spawn_app().await;
    let staff = app.create_staff("sam@example.com", PASSWORD, &[Role::Staff, Role::Admin]);
    let a = app.create_customer("Alpha Trading Ltd", Some("A-100"));
    let b = app.create_customer("Beta Supplies AG", Some("B-200"));
    let batch = vec![
        order(a.id, "SO-A-0001", 1, OrderStatus::Dispatched),
        order(b.id, "SO-B-0001", 2, OrderStatus::Allocated),
        order(a.id, "SO-A-0002", 3, OrderStatus::Allocated),
        order(b.id, "SO-B-0002", 4, OrderStatus::Dispatched),
        order(a.id, "SO-A-0003", 5, OrderStatus::Cancelled),
    ];
    diesel::insert_into(orders::table)
        .values(&batch)
        .execute(&mut app.conn())
        .unwrap();

    let a_billing = add_address(
        &app,
        a.id,
        staff.id,
        input(AddressKind::Billing, "Alpha accounts", "Alphaweg 1", false),
    );
    let mut quoted = input(
        AddressKind::Shipping,
        "Dock 4, \"North\"",
        "Alphaweg 2",
        false,
    );
    quoted.lines.line2 = Some("Gate B".into());
    let quoted = add_address(&app, a.id, staff.id, quoted);
    let mut formula = input(
        AddressKind::Shipping,
        "=HYPERLINK(\"http://evil.example\")",
        "Alphaweg 3",
        true,
    );
    formula.lines.phone = Some("+49 30 1".into());
    formula.lines.region = Some("@risk".into());
    let formula = add_address(&app, a.id, staff.id, formula);
    let b_ship_to = add_address(
        &app,
        b.id,
        staff.id,
        input(AddressKind::Shipping, "Beta dock", "Betastraße 9", true),
    );
    let b_request_id = approval::record_request(
        &mut app.conn(),
        b.id,
        &NewRequest {
            services: vec![Service::Orders],
            salesperson_id: staff.id,
            message: Some("Beta's secret request".into()),
        },
        &approval::Requester::Staff(staff.id),
    )
    .unwrap_or_else(|e| panic!("{e:?}"))
    .id;

    let ann = app.create_customer_user(a.id, ANN, PASSWORD);
    let bob = app.create_customer_user(b.id, BOB, PASSWORD);
    // An invoice each: A's is INV-000001, B's INV-000002.
    for (customer, text) in [(a.id, "Alpha consulting"), (b.id, "Beta secret work")] {
        post_invoice(&app, customer, 50_000, text);
    }
    Fixture {
        staff_id: staff.id,
        a_ship_to: vec![formula, quoted],
        a_billing,
        b_ship_to,
        b_request_id,
        ann,
        bob,
        a,
        b,
        app,
    }
}

/// Posts a manual invoice of `cents` EUR to `customer_id` for `text`; its number.
pub fn post_invoice(app: &TestApp, customer_id: i64, cents: i64, text: &str) -> String {
    use clientele::models::accounts::ledger::{Account, InvoiceFor, Poster};
    use diesel::Connection;
    let what = InvoiceFor {
        account: Account {
            customer_id,
            currency: "EUR".into(),
        },
        amount_cents: cents,
        order_id: None,
        reason: Some(text.into()),
        due_days: None,
    };
    let by = Poster {
        staff_id: None,
        name: "Test Clerk".into(),
    };
    let conn = &mut *app.conn();
    let entry = conn.transaction(|c| what.post(c, &by));
    entry.unwrap_or_else(|e| panic!("{e:?}")).number
}

/// A client of the portal signed in as `email`.
pub async fn portal_client(app: &TestApp, email: &str, password: &str) -> TestClient {
    let client = app.new_client();
    client
        .portal_sign_in(email, password)
        .await
        .assert_redirect_to("/portal");
    client
}

fn order_numbers(res: &crate::helpers::TestResponse) -> Vec<String> {
    res.texts("table.orders tbody td[data-label=Order]")
}

#[actix_web::test]
async fn a_user_sees_its_customers_orders_newest_first_and_never_another_customers() {
    let f = fixture().await;
    let ann = portal_client(&f.app, ANN, PASSWORD).await;

    let res = ann.get("/portal/orders").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(order_numbers(&res), A_ORDERS);
    for b in B_ORDERS {
        assert!(!res.body.contains(b), "{b} shown to A's user");
    }
    // One customer: no Customer column.
    assert!(
        !res.texts("table.orders th")
            .contains(&"Customer".to_string())
    );
    assert_eq!(
        res.texts("table.orders tbody td[data-label=Total]")[2],
        "1,234.57 EUR"
    );
    assert_eq!(
        res.texts("table.orders tbody td[data-label=Tracking]")[2],
        "TRK-SO-A-0001"
    );
    assert_eq!(
        res.texts("table.orders tbody td[data-label=Invoice]")[0],
        "INV-SO-A-0003"
    );
    assert_eq!(
        res.attr("nav.main-nav a[aria-current=page]", "href")
            .as_deref(),
        Some("/portal/orders")
    );

    // The status filter; an unknown status is no filter.
    let res = ann.get("/portal/orders?status=dispatched").await;
    assert_eq!(order_numbers(&res), ["SO-A-0001"]);
    let res = ann.get("/portal/orders?status=allocated").await;
    assert_eq!(order_numbers(&res), ["SO-A-0002"]);
    let res = ann.get("/portal/orders?status=bogus").await;
    assert_eq!(order_numbers(&res), A_ORDERS);

    // One order by its number; B's number is a 404, like one that does not exist.
    let res = ann.get("/portal/orders/SO-A-0001").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.text("h1"), "Order SO-A-0001 Dispatched");
    assert!(res.body.contains("INV-SO-A-0001") && res.body.contains("TRK-SO-A-0001"));
    let theirs = ann.get("/portal/orders/SO-B-0001").await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert!(!theirs.body.contains("INV-SO-B-0001"));
    let nowhere = ann.get("/portal/orders/SO-X-9999").await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert_eq!(
        theirs.text("main h1"),
        nowhere.text("main h1"),
        "another customer's order and a missing one look alike"
    );
}

#[actix_web::test]
async fn orders_are_paged_fifty_at_a_time() {
    let f = fixture().await;
    let many: Vec<OrderFields> = (0..52)
        .map(|n| {
            order(
                f.a.id,
                &format!("SO-P-{n:04}"),
                100 + n,
                OrderStatus::Allocated,
            )
        })
        .collect();
    diesel::insert_into(orders::table)
        .values(&many)
        .execute(&mut f.app.conn())
        .unwrap();
    let ann = portal_client(&f.app, ANN, PASSWORD).await;
    let first = ann.get("/portal/orders").await;
    let numbers = order_numbers(&first);
    assert_eq!(numbers.len(), 50);
    assert_eq!(numbers[0], "SO-P-0051");
    assert_eq!(
        first.attr("a[rel=next]", "href").as_deref(),
        Some("/portal/orders?page=2")
    );
    let second = ann.get("/portal/orders?page=2").await;
    let mut rest = vec!["SO-P-0001".to_string(), "SO-P-0000".to_string()];
    rest.extend(A_ORDERS.iter().map(|s| s.to_string()));
    assert_eq!(order_numbers(&second), rest);
    assert!(second.attr("a[rel=next]", "href").is_none());
    // The filter is kept from page to page.
    let filtered = ann.get("/portal/orders?status=allocated").await;
    assert_eq!(
        filtered.attr("a[rel=next]", "href").as_deref(),
        Some("/portal/orders?status=allocated&page=2")
    );
}

#[actix_web::test]
async fn ship_to_lists_and_downloads_only_the_customers_shipping_addresses_escaped() {
    let f = fixture().await;
    let ann = portal_client(&f.app, ANN, PASSWORD).await;

    let res = ann.get("/portal/ship-to").await;
    assert_eq!(res.status, StatusCode::OK);
    let ids: Vec<String> = f
        .a_ship_to
        .iter()
        .map(|a| format!("ship-to-{}", a.id))
        .collect();
    let shown: Vec<String> = res
        .html()
        .select(&scraper::Selector::parse("table.ship-to tbody tr").unwrap())
        .map(|tr| tr.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(shown, ids);
    assert!(!res.body.contains("Beta dock") && !res.body.contains("Betastraße"));
    assert!(
        !res.body.contains("Alpha accounts"),
        "a billing address is not a ship-to"
    );
    assert!(
        res.texts("table.ship-to th")
            .iter()
            .all(|t| t != "Customer")
    );

    let res = ann.get("/portal/ship-to.csv").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(
        res.header("content-disposition").as_deref(),
        Some("attachment; filename=\"ship-to-A-100.csv\"")
    );
    let (formula, quoted) = (&f.a_ship_to[0], &f.a_ship_to[1]);
    // Excel's "CSV UTF-8": a byte-order mark first.
    let body = res
        .body
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark");
    let lines: Vec<&str> = body.split("\r\n").collect();
    assert_eq!(
        lines,
        vec![
            "id,customer_account_number,customer_name,label,line1,line2,postcode,city,region,country,phone,default_shipping",
            &format!(
                "{},A-100,Alpha Trading Ltd,\"'=HYPERLINK(\"\"http://evil.example\"\")\",Alphaweg 3,,10115,Berlin,'@risk,DE,+49 30 1,yes",
                formula.id
            ),
            &format!(
                "{},A-100,Alpha Trading Ltd,\"Dock 4, \"\"North\"\"\",Alphaweg 2,Gate B,10115,Berlin,,DE,,no",
                quoted.id
            ),
            "",
        ]
    );
    assert!(!res.body.contains(&format!("\r\n{},", f.b_ship_to.id)));
    assert!(!res.body.contains(&format!("\r\n{},", f.a_billing.id)));
}

#[actix_web::test]
async fn a_master_customers_user_sees_the_associated_customers_data_labelled_by_customer() {
    let f = fixture().await;
    let c = f.app.create_customer("Gamma Retail GmbH", Some("C-300"));
    diesel::update(customers::table.find(c.id))
        .set(customers::master_id.eq(f.a.id))
        .execute(&mut f.app.conn())
        .unwrap();
    diesel::insert_into(orders::table)
        .values(&order(c.id, "SO-C-0001", 10, OrderStatus::Allocated))
        .execute(&mut f.app.conn())
        .unwrap();
    let gamma_dock = add_address(
        &f.app,
        c.id,
        f.staff_id,
        input(AddressKind::Shipping, "Gamma dock", "Gammagasse 5", true),
    );
    let ann = portal_client(&f.app, ANN, PASSWORD).await;

    let res = ann.get("/portal/orders").await;
    assert_eq!(
        order_numbers(&res),
        ["SO-C-0001", "SO-A-0003", "SO-A-0002", "SO-A-0001"]
    );
    assert!(
        res.texts("table.orders th")
            .contains(&"Customer".to_string())
    );
    assert_eq!(
        res.texts("table.orders tbody td[data-label=Customer]"),
        [
            "Gamma Retail GmbH",
            "Alpha Trading Ltd",
            "Alpha Trading Ltd",
            "Alpha Trading Ltd"
        ]
    );
    for b in B_ORDERS {
        assert!(!res.body.contains(b));
    }
    let detail = ann.get("/portal/orders/SO-C-0001").await;
    assert_eq!(detail.status, StatusCode::OK);
    assert_eq!(detail.text("dd.order-customer"), "Gamma Retail GmbH");
    assert_eq!(
        ann.get("/portal/orders/SO-B-0001").await.status,
        StatusCode::NOT_FOUND
    );

    // Ship-to: A's first, then Gamma's, each labelled.
    let res = ann.get("/portal/ship-to").await;
    assert_eq!(
        res.texts("table.ship-to td.ship-to-customer"),
        [
            "Alpha Trading Ltd",
            "Alpha Trading Ltd",
            "Gamma Retail GmbH"
        ]
    );
    let csv = ann.get("/portal/ship-to.csv").await;
    assert!(csv.body.contains(&format!(
        "\r\n{},C-300,Gamma Retail GmbH,Gamma dock,Gammagasse 5,",
        gamma_dock.id
    )));
    assert!(!csv.body.contains("Beta"));

    // Gamma's own user sees only Gamma: the association goes one way.
    f.app
        .create_customer_user(c.id, "gus@gamma.example", PASSWORD);
    let gus = portal_client(&f.app, "gus@gamma.example", PASSWORD).await;
    assert_eq!(
        order_numbers(&gus.get("/portal/orders").await),
        ["SO-C-0001"]
    );
    assert_eq!(
        gus.get("/portal/orders/SO-A-0001").await.status,
        StatusCode::NOT_FOUND
    );
}

fn password_hash(app: &TestApp, user_id: i64) -> Option<String> {
    customer_users::table
        .find(user_id)
        .select(customer_users::password_hash)
        .first(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn changing_the_password_keeps_this_session_and_ends_the_others() {
    let f = fixture().await;
    let ann = portal_client(&f.app, ANN, PASSWORD).await;
    let elsewhere = portal_client(&f.app, ANN, PASSWORD).await;
    let bob = portal_client(&f.app, BOB, PASSWORD).await;

    let res = ann.get("/portal/account").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.text("dd.account-name"), "ann");
    assert_eq!(res.text("dd.account-email"), ANN);
    assert_eq!(
        res.text("dd.account-customer"),
        "Alpha Trading Ltd (account A-100)"
    );
    assert_eq!(
        res.attr("a.account-menu__name", "aria-current").as_deref(),
        Some("page")
    );

    let before = password_hash(&f.app, f.ann);
    let new = "a brand new sentence of a password";
    // The wrong current password is refused beside its field; nothing changes.
    let res = ann
        .post(
            "/portal/account",
            &[
                ("current_password", "not my password at all"),
                ("new_password", new),
                ("confirm_password", new),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text("#current_password-error"),
        "This is not your current password."
    );
    // A short or mismatched new password, beside its field.
    let res = ann
        .post(
            "/portal/account",
            &[
                ("current_password", PASSWORD),
                ("new_password", "short"),
                ("confirm_password", "short"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text("#new_password-error").contains("at least 12"));
    let res = ann
        .post(
            "/portal/account",
            &[
                ("current_password", PASSWORD),
                ("new_password", new),
                ("confirm_password", "something else entirely"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text("#confirm_password-error")
            .contains("does not match")
    );
    assert_eq!(password_hash(&f.app, f.ann), before);
    assert_eq!(elsewhere.get("/portal").await.status, StatusCode::OK);

    // The right one: this session carries on, the other one of the same user ends, other
    // users' sessions are untouched.
    let res = ann
        .post(
            "/portal/account",
            &[
                ("current_password", PASSWORD),
                ("new_password", new),
                ("confirm_password", new),
            ],
        )
        .await;
    res.assert_redirect_to("/portal/account");
    let res = ann.get("/portal/account").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.text(".flash--success")
            .contains("password has been changed")
    );
    assert_ne!(password_hash(&f.app, f.ann), before);
    elsewhere
        .get("/portal")
        .await
        .assert_redirect_to("/portal/login");
    assert_eq!(bob.get("/portal").await.status, StatusCode::OK);
    assert_eq!(ann.get("/portal/orders").await.status, StatusCode::OK);

    // The old password no longer signs in; the new one does.
    let again = f.app.new_client();
    assert_eq!(
        again.portal_sign_in(ANN, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    again
        .portal_sign_in(ANN, new)
        .await
        .assert_redirect_to("/portal");
}
