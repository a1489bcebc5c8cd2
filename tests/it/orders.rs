//! Orders: every customer's number and value of orders stay right whatever happens to its
//! orders, and staff see them newest first.

use crate::helpers::{PASSWORD, TestApp, spawn_app};
use actix_web::http::StatusCode;
use chrono::{Duration, TimeZone, Utc};
use clientele::{
    domain::{OrderChannel, OrderStatus},
    models::{
        access::staff::Role,
        customers::customer::Customer,
        orders::order::{Order, OrderFields},
    },
    schema::orders,
};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

async fn signed_in_app() -> TestApp {
    let app = spawn_app().await;
    app.create_staff("sam@example.com", PASSWORD, &[Role::Staff, Role::Admin]);
    app.sign_in("sam@example.com", PASSWORD).await;
    app
}

fn order(customer_id: i64, number: u32, status: OrderStatus, cents: i64) -> OrderFields {
    OrderFields {
        order_number: format!("SO-{number:07}"),
        customer_id,
        placed_at: Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0).unwrap()
            + Duration::hours(number as i64),
        status,
        total_cents: cents,
        currency: "EUR".into(),
        invoice_number: Some(format!("INV-{number:08}")),
        tracking_number: None,
        channel: OrderChannel::Web,
        channel_order_id: None,
        channel_user_id: None,
    }
}

fn totals(app: &TestApp, id: i64) -> (i32, i64) {
    let c = Customer::find(&mut app.conn(), id).unwrap();
    (c.order_count, c.order_value_cents)
}

#[actix_web::test]
async fn order_counts_and_values_stay_right_when_orders_change() {
    let app = signed_in_app().await;
    let a = app.create_customer("Alpha", Some("A"));
    let b = app.create_customer("Beta", Some("B"));
    assert_eq!(totals(&app, a.id), (0, 0));

    // One at a time and many in one statement.
    order(a.id, 1, OrderStatus::Dispatched, 10_000)
        .insert(&mut app.conn())
        .unwrap();
    let batch: Vec<OrderFields> = (2..=4)
        .map(|n| order(a.id, n, OrderStatus::Allocated, 2_500))
        .chain([order(b.id, 5, OrderStatus::Unallocated, 999)])
        .collect();
    diesel::insert_into(orders::table)
        .values(&batch)
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(totals(&app, a.id), (4, 17_500));
    assert_eq!(totals(&app, b.id), (1, 999));

    // A cancelled order still counts, but adds no value; a changed total changes the value.
    diesel::update(orders::table.filter(orders::order_number.eq("SO-0000002")))
        .set(orders::status.eq(OrderStatus::Cancelled))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(totals(&app, a.id), (4, 15_000));
    diesel::update(orders::table.filter(orders::order_number.eq("SO-0000001")))
        .set(orders::total_cents.eq(12_000))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(totals(&app, a.id), (4, 17_000));

    // An order moved to another customer moves its count and value.
    diesel::update(orders::table.filter(orders::order_number.eq("SO-0000003")))
        .set(orders::customer_id.eq(b.id))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(totals(&app, a.id), (3, 14_500));
    assert_eq!(totals(&app, b.id), (2, 3_499));

    // Deleting takes them away.
    diesel::delete(orders::table.filter(orders::order_number.eq("SO-0000004")))
        .execute(&mut app.conn())
        .unwrap();
    let left: Vec<(OrderStatus, i64)> = orders::table
        .filter(orders::customer_id.eq(a.id))
        .select((orders::status, orders::total_cents))
        .load(&mut app.conn())
        .unwrap();
    let fresh_value: i64 = left
        .iter()
        .filter(|(s, _)| *s != OrderStatus::Cancelled)
        .map(|(_, v)| v)
        .sum();
    assert_eq!(
        totals(&app, a.id),
        (left.len() as i32, fresh_value),
        "kept totals equal a fresh sum"
    );
    assert_eq!(totals(&app, a.id), (2, 12_000));
}

#[actix_web::test]
async fn amounts_in_different_currencies_are_never_added_into_one() {
    let app = signed_in_app().await;
    let c = app.create_customer("Globex", Some("G-1"));
    let currency_of = |app: &TestApp| {
        Customer::find(&mut app.conn(), c.id)
            .unwrap()
            .order_currency
    };
    let list_cell =
        |res: &crate::helpers::TestResponse| res.text("tbody tr td[data-label='Value of orders']");
    let res = app.get("/customers").await;
    assert_eq!(list_cell(&res), "none");

    order(c.id, 1, OrderStatus::Dispatched, 123_450)
        .insert(&mut app.conn())
        .unwrap();
    assert_eq!(currency_of(&app).as_deref(), Some("EUR"));
    assert_eq!(list_cell(&app.get("/customers").await), "1,234.50 EUR");

    let mut pounds = order(c.id, 2, OrderStatus::Allocated, 1_200);
    pounds.currency = "GBP".into();
    pounds.insert(&mut app.conn()).unwrap();
    assert_eq!(currency_of(&app), None);
    assert_eq!(
        list_cell(&app.get("/customers").await),
        "several currencies"
    );
    let show = app.get(&format!("/customers/{}", c.id)).await;
    assert!(
        show.text("#recent-orders-heading")
            .ends_with("value 1,234.50 EUR + 12.00 GBP"),
        "{}",
        show.text("#recent-orders-heading")
    );
    let csv = app.get("/customers.csv").await;
    assert!(csv.body.contains(",2,,several,"), "{}", csv.body);

    // The euro order goes: one currency again.
    diesel::delete(orders::table.filter(orders::order_number.eq("SO-0000001")))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(currency_of(&app).as_deref(), Some("GBP"));
    let page = app.get(&format!("/customers/{}/orders", c.id)).await;
    assert!(
        page.body
            .contains("Value of orders (not cancelled): 12.00 GBP")
    );
    // Moved in one statement to a customer with euro orders: both sides follow.
    let d = app.create_customer("Initech", Some("I-1"));
    order(d.id, 3, OrderStatus::Allocated, 500)
        .insert(&mut app.conn())
        .unwrap();
    diesel::update(orders::table.filter(orders::customer_id.eq(c.id)))
        .set(orders::customer_id.eq(d.id))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(currency_of(&app), None);
    assert_eq!(totals(&app, c.id), (0, 0));
    let d_now = Customer::find(&mut app.conn(), d.id).unwrap();
    assert_eq!((d_now.order_count, d_now.order_currency), (2, None));
}

#[actix_web::test]
async fn two_transactions_adding_orders_in_two_currencies_at_once_leave_both_counted() {
    use diesel::Connection;
    let app = signed_in_app().await;
    let c = app.create_customer("Umbrella", Some("U-1"));
    let (first_inserted, first_go) = (
        std::sync::mpsc::channel::<()>(),
        std::sync::mpsc::channel::<()>(),
    );
    let (inserted_tx, inserted_rx) = first_inserted;
    let (go_tx, go_rx) = first_go;
    let mut one = app.conn();
    let mut two = app.conn();
    let id = c.id;
    // The first transaction adds a euro order and waits, uncommitted, while the second adds a
    // pound order (which must wait for the first) and both commit.
    let first = std::thread::spawn(move || {
        one.transaction::<_, diesel::result::Error, _>(|conn| {
            order(id, 1, OrderStatus::Allocated, 1_000).insert(conn)?;
            inserted_tx.send(()).unwrap();
            go_rx.recv().unwrap();
            Ok(())
        })
        .unwrap();
    });
    inserted_rx.recv().unwrap();
    let second = std::thread::spawn(move || {
        let mut pounds = order(id, 2, OrderStatus::Allocated, 2_000);
        pounds.currency = "GBP".into();
        pounds.insert(&mut two).unwrap();
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    go_tx.send(()).unwrap();
    first.join().unwrap();
    second.join().unwrap();
    let now = Customer::find(&mut app.conn(), c.id).unwrap();
    assert_eq!((now.order_count, now.order_value_cents), (2, 3_000));
    assert_eq!(now.order_currency, None, "two currencies, so no single one");
}

#[actix_web::test]
async fn a_customers_orders_are_listed_newest_first_with_paging_and_each_has_its_page() {
    let app = signed_in_app().await;
    let c = app.create_customer("Northwind Traders", Some("C-9"));
    let rows: Vec<OrderFields> = (1..=55)
        .map(|n| {
            order(
                c.id,
                n,
                if n % 10 == 0 {
                    OrderStatus::Cancelled
                } else {
                    OrderStatus::Dispatched
                },
                1_000 * n as i64,
            )
        })
        .collect();
    diesel::insert_into(orders::table)
        .values(&rows)
        .execute(&mut app.conn())
        .unwrap();

    let page = app.get(&format!("/customers/{}/orders", c.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("#orders-heading"), "Orders (55)");
    let numbers = page.texts("tbody td:first-child a");
    assert_eq!(numbers.len(), 50);
    assert_eq!(numbers[0], "SO-0000055", "newest first");
    assert!(
        page.texts(".order-status")
            .contains(&"Cancelled".to_string())
    );
    let next = app.get(&format!("/customers/{}/orders?page=2", c.id)).await;
    assert_eq!(
        next.texts("tbody td:first-child a"),
        vec![
            "SO-0000005",
            "SO-0000004",
            "SO-0000003",
            "SO-0000002",
            "SO-0000001"
        ]
    );

    // The detail page shows the newest five, the count and the value, with the tab's count.
    let detail = app.get(&format!("/customers/{}", c.id)).await;
    assert!(
        detail
            .text("#recent-orders-heading")
            .starts_with("Orders (55)")
    );
    assert_eq!(detail.texts(".orders tbody tr").len(), 5);
    assert!(
        detail
            .text("nav[aria-label='Customer sections']")
            .contains("Orders 55")
    );

    let one = Order::for_customer(&mut app.conn(), c.id, 0, 1)
        .unwrap()
        .remove(0);
    let shown = app.get(&format!("/orders/{}", one.id)).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.text("#order-heading").contains("SO-0000055"));
    assert!(shown.text(".facts").contains("INV-00000055"));
    assert_eq!(
        app.get("/orders/999999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn a_customer_with_orders_cannot_be_deleted_but_can_be_merged_with_its_orders() {
    let app = signed_in_app().await;
    let keep = app.create_customer("Keep", Some("K"));
    let dup = app.create_customer("Dup", Some("D"));
    order(dup.id, 1, OrderStatus::Dispatched, 5_000)
        .insert(&mut app.conn())
        .unwrap();
    let res = app.delete(&format!("/customers/{}", dup.id), &[]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.text("main").contains("1 orders"),
        "{}",
        res.text("main")
    );

    let dup = Customer::find(&mut app.conn(), dup.id).unwrap();
    app.post(
        "/admin/merge",
        &[
            ("survivor_id", &keep.id.to_string()),
            ("survivor_version", &keep.lock_version.to_string()),
            ("duplicate_id", &dup.id.to_string()),
            ("duplicate_version", &dup.lock_version.to_string()),
        ],
    )
    .await
    .assert_redirect_to(&format!("/customers/{}", keep.id));
    assert_eq!(totals(&app, keep.id), (1, 5_000));
    assert_eq!(totals(&app, dup.id), (0, 0));
}

#[actix_web::test]
async fn the_dashboard_shows_recent_orders() {
    let app = signed_in_app().await;
    let c = app.create_customer("García Suministros S.L.", Some("C-7"));
    order(c.id, 7, OrderStatus::Allocated, 4_200)
        .insert(&mut app.conn())
        .unwrap();
    let page = app.get("/").await;
    let row = page.text("#recent-orders-heading + .table-wrap tbody tr");
    assert!(
        row.contains("SO-0000007")
            && row.contains("García Suministros S.L.")
            && row.contains("42.00 EUR"),
        "{row}"
    );
}

#[actix_web::test]
async fn the_dashboard_counts_customers_waiting_for_approval_and_links_to_them() {
    let app = signed_in_app().await;
    for (name, account) in [("One", "W1"), ("Two", "W2"), ("Three", "W3")] {
        app.create_customer(name, Some(account));
    }
    diesel::update(
        clientele::schema::customers::table
            .filter(clientele::schema::customers::account_number.ne("W3")),
    )
    .set(
        clientele::schema::customers::relationship_status
            .eq(clientele::domain::RelationshipStatus::Pending),
    )
    .execute(&mut app.conn())
    .unwrap();
    let page = app.get("/").await;
    assert_eq!(page.text("#waiting-heading + .card__number"), "2");
    assert_eq!(
        page.attr("#waiting-heading ~ .card__note a", "href")
            .as_deref(),
        Some("/customers?status=pending")
    );
}
