//! The order desk: orders placed on a customer's behalf under its rules, the dispatch queue
//! (tabs, counts, order, warnings, filters), every action on an order with its role and its
//! place in the timeline, credit that is asked again when a hold is released, and what the
//! customer's page and the dashboard show.

use crate::checkout::{buyer, count};
use crate::helpers::{PASSWORD, TestApp, TestClient, spawn_app, submission_key};
use crate::placing::{Shop, checkout, place, shop};
use actix_web::http::StatusCode;
use clientele::{
    domain::{OrderStatus, PaymentMethod},
    models::access::staff::Role,
    schema::{customers, orders},
};
use diesel::{
    BoolExpressionMethods, ExpressionMethods, NullableExpressionMethods, OptionalExtension,
    QueryDsl, RunQueryDsl, sql_query,
};

/// The app with an administrator signed in on its own client, and a plain staff member (the
/// order desk's clerk) signed in on the returned one.
async fn desk_app() -> (TestApp, TestClient) {
    let app = spawn_app().await;
    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff, Role::Admin]);
    app.create_staff("carl@vendor.test", PASSWORD, &[Role::Staff]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    let clerk = app.new_client();
    clerk.sign_in("carl@vendor.test", PASSWORD).await;
    (app, clerk)
}

fn status_of(app: &TestApp, id: i64) -> OrderStatus {
    orders::table
        .find(id)
        .select(orders::status)
        .first(&mut app.conn())
        .unwrap()
}

fn timeline(app: &TestApp, id: i64) -> Vec<(String, String, Option<String>)> {
    use clientele::schema::order_events as e;
    e::table
        .filter(e::order_id.eq(id))
        .order(e::id)
        .select((e::kind, e::actor_name, e::detail))
        .load(&mut app.conn())
        .unwrap()
}

fn placed(app: &TestApp, s: &Shop, quantity: i32, payment: PaymentMethod) -> i64 {
    place(app, &checkout(s, quantity, payment)).unwrap().id
}

#[actix_web::test]
async fn staff_place_an_order_on_the_customers_behalf_under_its_rules_once() {
    let (app, _) = desk_app().await;
    let (customer, _ann) = buyer(&app).await;
    let orders_of = || {
        count(
            &app,
            &format!("SELECT count(*) FROM orders WHERE customer_id = {customer}"),
        )
    };
    let address = count(
        &app,
        &format!("SELECT id FROM customer_addresses WHERE customer_id = {customer}"),
    );

    // The form as it first appears: the default address chosen, on invoice first, no COD.
    let form = app.get(&format!("/customers/{customer}/orders/new")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(
        form.attr("input[name=delivery][checked]", "value").unwrap(),
        format!("ship:{address}")
    );
    assert_eq!(
        form.attr("input[name=payment][checked]", "value")
            .as_deref(),
        Some("invoice")
    );
    assert!(
        form.attr("input[name=payment][value=cod]", "value")
            .is_none()
    );
    assert!(form.attr("textarea[name=lines]", "name").is_some());

    let path = format!("/customers/{customer}/orders");
    let delivery = format!("ship:{address}");
    let send = |lines: &'static str, payment: &'static str, key: String| {
        let (path, delivery) = (path.clone(), delivery.clone());
        let app = &app;
        async move {
            app.post(
                &path,
                &[
                    ("lines", lines),
                    ("delivery", &delivery),
                    ("payment", payment),
                    ("submission_key", &key),
                ],
            )
            .await
        }
    };

    // Bad lines are named with their numbers and reasons; nothing is written.
    let bad = send(
        "VALVE-1, 2\nNOPE-9, 1\nQUOTE-3",
        "invoice",
        submission_key(),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reasons = bad.texts(".bad-lines li");
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].contains("Line 2") && reasons[0].contains("NOPE-9"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].contains("Line 3") && reasons[1].contains("QUOTE-3"),
        "{reasons:?}"
    );
    // A payment the customer may not use, crafted: refused beside the field.
    let crafted = send("VALVE-1, 2", "cod", submission_key()).await;
    assert_eq!(crafted.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!crafted.text("#payment-error").is_empty());
    // The credit check runs here too: 199.80 on invoice against a 100.00 limit that blocks.
    let over = send("VALVE-1, 20", "invoice", submission_key()).await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        over.text("#payment-error").contains("100.00"),
        "{}",
        over.text("#payment-error")
    );
    assert_eq!(orders_of(), 0);

    // Placed once, however often it is sent; signed by the staff member.
    let key = submission_key();
    let first = send("VALVE-1, 2\nPIPE-2, 4", "invoice", key.clone()).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let again = send("VALVE-1, 2\nPIPE-2, 4", "invoice", key).await;
    assert_eq!(again.location(), first.location());
    assert_eq!(orders_of(), 1);
    let id = count(
        &app,
        &format!("SELECT id FROM orders WHERE customer_id = {customer}"),
    );
    assert_eq!(first.location(), Some(format!("/orders/{id}").as_str()));
    let (staff_id, name, total): (Option<i64>, Option<String>, i64) = orders::table
        .find(id)
        .select((
            orders::placed_by_staff_id,
            orders::placed_by_name,
            orders::total_cents,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert!(staff_id.is_some());
    assert_eq!(name.as_deref(), Some("ada"));
    assert_eq!(total, 2 * 999 + 4 * 250);
    assert_eq!(timeline(&app, id), [("placed".into(), "ada".into(), None)]);
    let page = app.get(&format!("/orders/{id}")).await;
    assert!(page.text(".timeline").contains("ada"));
    assert_eq!(page.texts("table.table tbody tr").len(), 2);
}

#[actix_web::test]
async fn a_prepaid_order_reaches_ready_only_by_its_payment_recorded_by_an_administrator() {
    let (app, clerk) = desk_app().await;
    let s = shop(&app, "Prepay Ltd");
    let id = placed(&app, &s, 1, PaymentMethod::Prepay);
    assert_eq!(status_of(&app, id), OrderStatus::AwaitingPayment);
    let at = |what: &str| format!("/orders/{id}/{what}");

    // Not before its payment: neither allocated nor shipped, and the database agrees.
    let early = clerk.post(&at("allocation"), &[]).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    let ship = [("carrier", "DHL"), ("tracking_number", "JD0001")];
    assert_eq!(
        clerk.post(&at("shipment"), &ship).await.status,
        StatusCode::CONFLICT
    );
    let skipped = sql_query(format!(
        "UPDATE orders SET status = 'unallocated' WHERE id = {id}"
    ))
    .execute(&mut app.conn());
    assert!(skipped.is_err(), "a prepaid order skipped its payment");
    // The page says it is not paid yet.
    assert!(
        app.get(&format!("/orders/{id}"))
            .await
            .text(".facts")
            .contains("not paid yet")
    );

    // Only administrators record payments.
    let refused = clerk.post(&at("payment"), &[("reference", "BANK-1")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(status_of(&app, id), OrderStatus::AwaitingPayment);
    let paid = app.post(&at("payment"), &[("reference", "BANK-1")]).await;
    paid.assert_redirect_to(&format!("/orders/{id}"));
    assert_eq!(status_of(&app, id), OrderStatus::Unallocated);
    assert_eq!(
        app.post(&at("payment"), &[]).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        timeline(&app, id).last().unwrap(),
        &("payment".into(), "ada".into(), Some("BANK-1".into()))
    );
}

#[actix_web::test]
async fn every_desk_action_lands_in_the_timeline_signed_by_who_took_it() {
    let (app, clerk) = desk_app().await;
    let s = shop(&app, "Steps GmbH");
    let id = placed(&app, &s, 1, PaymentMethod::Invoice);
    let at = |what: &str| format!("/orders/{id}/{what}");

    clerk
        .post(&at("priority"), &[])
        .await
        .assert_redirect_to(&format!("/orders/{id}"));
    clerk
        .delete(&at("priority"), &[])
        .await
        .assert_redirect_to(&format!("/orders/{id}"));
    clerk
        .post(&at("allocation"), &[])
        .await
        .assert_redirect_to(&format!("/orders/{id}"));
    assert_eq!(status_of(&app, id), OrderStatus::Allocated);
    assert_eq!(
        clerk.post(&at("allocation"), &[]).await.status,
        StatusCode::CONFLICT
    );
    // A shipment needs both fields: the messages stand beside them.
    let half = clerk.post(&at("shipment"), &[("carrier", "DHL")]).await;
    assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!half.text("#tracking_number-error").is_empty());
    assert_eq!(
        half.attr("input[name=carrier]", "value").as_deref(),
        Some("DHL")
    );
    let note = clerk
        .post(
            &at("notes"),
            &[("body", "Customer called: deliver after 10.")],
        )
        .await;
    note.assert_redirect_to(&format!("/orders/{id}"));
    assert_eq!(
        clerk.post(&at("notes"), &[("body", " ")]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let shipped = clerk
        .post(
            &at("shipment"),
            &[("carrier", "DHL"), ("tracking_number", "JD0002")],
        )
        .await;
    shipped.assert_redirect_to(&format!("/orders/{id}"));
    assert_eq!(status_of(&app, id), OrderStatus::Dispatched);
    // Dispatched: no more steps but notes.
    let late = clerk
        .post(&at("cancellation"), &[("reason", "Too late")])
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.text(".form-problem").contains("dispatched"));

    let kinds: Vec<(String, String)> = timeline(&app, id)
        .into_iter()
        .map(|(kind, who, _)| (kind, who))
        .collect();
    let expected = [
        ("placed", "Cora Creator"),
        ("prioritised", "carl"),
        ("unprioritised", "carl"),
        ("allocated", "carl"),
        ("note", "carl"),
        ("shipped", "carl"),
        ("invoiced", "carl"),
    ];
    assert_eq!(kinds, expected.map(|(k, w)| (k.to_string(), w.to_string())));
    let page = app.get(&format!("/orders/{id}")).await;
    assert!(page.text(".timeline").contains("deliver after 10."));
    assert!(page.text(".facts").contains("JD0002"));

    // A second order, cancelled: a reason is required, and the order leaves the exposure.
    let other = placed(&app, &s, 2, PaymentMethod::Invoice);
    let cancel = format!("/orders/{other}/cancellation");
    assert_eq!(
        clerk.post(&cancel, &[("reason", "")]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    clerk
        .post(&cancel, &[("reason", "Ordered twice")])
        .await
        .assert_redirect_to(&format!("/orders/{other}"));
    assert_eq!(status_of(&app, other), OrderStatus::Cancelled);
}

/// A customer of `shop` set to hold orders over its limit ("warn") with `owed` as its balance.
fn holding(app: &TestApp, s: &Shop, owed: i64) {
    diesel::update(customers::table.find(s.customer_id))
        .set(customers::over_limit_policy.eq("warn"))
        .execute(&mut app.conn())
        .unwrap();
    crate::ledger::owe(app, s.customer_id, owed);
}

#[actix_web::test]
async fn a_credit_hold_is_released_by_administrators_once_the_credit_covers_it_or_on_purpose() {
    let (app, clerk) = desk_app().await;
    let s = shop(&app, "Held AG");
    // 100.00 limit, 95.00 owed: an order of about 22.20 is held.
    holding(&app, &s, 9_500);
    let id = placed(&app, &s, 2, PaymentMethod::Invoice);
    assert_eq!(status_of(&app, id), OrderStatus::CreditHold);
    let release = format!("/orders/{id}/hold");

    // Seen where the desk looks: the queue row, the order's page, the customer's page.
    let tab = app.get("/orders?status=credit_hold").await;
    assert!(
        tab.text("table.orders-queue tbody")
            .contains("over the credit limit")
    );
    assert!(
        app.get(&format!("/orders/{id}"))
            .await
            .text(".order-hold-notice")
            .contains("credit limit")
    );
    let customer_page = app.get(&format!("/customers/{}", s.customer_id)).await;
    assert!(
        customer_page
            .text(".hold-notice")
            .contains("One order is on credit hold")
    );

    // Administrators only.
    assert_eq!(
        clerk.delete(&release, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    // The credit is asked again: still not covered, refused with what is available.
    let refused = app.delete(&release, &[]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused.text(".form-problem").contains("5.00"),
        "{}",
        refused.text(".form-problem")
    );
    assert_eq!(status_of(&app, id), OrderStatus::CreditHold);
    // A payment came in: the balance fell, and the release goes through, within the limit.
    holding(&app, &s, 1_000);
    app.delete(&release, &[])
        .await
        .assert_redirect_to(&format!("/orders/{id}"));
    let (status, over): (OrderStatus, bool) = orders::table
        .find(id)
        .select((orders::status, orders::over_limit))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((status, over), (OrderStatus::Unallocated, false));

    // Released over the limit on purpose: marked so, and said in the timeline.
    holding(&app, &s, 9_900);
    let second = placed(&app, &s, 1, PaymentMethod::Invoice);
    assert_eq!(status_of(&app, second), OrderStatus::CreditHold);
    let forced = app
        .delete(&format!("/orders/{second}/hold"), &[("over_limit", "on")])
        .await;
    forced.assert_redirect_to(&format!("/orders/{second}"));
    let over: bool = orders::table
        .find(second)
        .select(orders::over_limit)
        .first(&mut app.conn())
        .unwrap();
    assert!(over);
    let page = app.get(&format!("/orders/{second}")).await;
    assert!(
        page.text(".timeline").contains("on purpose"),
        "{}",
        page.text(".timeline")
    );
    assert!(
        app.get(&format!("/customers/{}", s.customer_id))
            .await
            .texts(".hold-notice")
            .is_empty()
    );

    // A held order cancelled is held no more: nothing says so but its timeline.
    let third = placed(&app, &s, 1, PaymentMethod::Invoice);
    assert_eq!(status_of(&app, third), OrderStatus::CreditHold);
    clerk
        .post(
            &format!("/orders/{third}/cancellation"),
            &[("reason", "Over the limit")],
        )
        .await
        .assert_redirect_to(&format!("/orders/{third}"));
    let cancelled = app.get("/orders?status=cancelled").await;
    assert!(
        !cancelled
            .text("table.orders-queue tbody")
            .contains("over the credit limit")
    );
    assert!(
        app.get(&format!("/customers/{}", s.customer_id))
            .await
            .texts(".hold-notice")
            .is_empty()
    );
    let kinds: Vec<String> = timeline(&app, third).into_iter().map(|t| t.0).collect();
    assert_eq!(kinds, ["placed", "held", "cancelled"]);
}

#[actix_web::test]
async fn the_queue_reads_priority_first_then_oldest_with_counts_warnings_and_filters() {
    let (app, _) = desk_app().await;
    let a = shop(&app, "Oldest Co");
    let b = shop(&app, "Watched Co");
    let first = placed(&app, &a, 1, PaymentMethod::Invoice);
    let second = placed(&app, &b, 1, PaymentMethod::Invoice);
    let third = placed(&app, &a, 1, PaymentMethod::Invoice);
    let prepaid = placed(&app, &a, 1, PaymentMethod::Prepay);
    // Oldest first: make the order of placing certain.
    for (id, minutes) in [(first, 30), (second, 20), (third, 10)] {
        sql_query(format!(
            "UPDATE orders SET placed_at = now() - interval '{minutes} minutes' WHERE id = {id}"
        ))
        .execute(&mut app.conn())
        .unwrap();
    }
    sql_query(format!(
        "UPDATE orders SET priority = true WHERE id = {third}"
    ))
    .execute(&mut app.conn())
    .unwrap();
    sql_query(format!(
        "INSERT INTO watch_notes (customer_id, body) VALUES ({}, 'Pays late: call before shipping')",
        b.customer_id
    ))
    .execute(&mut app.conn())
    .unwrap();
    let number = |id: i64| {
        orders::table
            .find(id)
            .select(orders::order_number)
            .first::<String>(&mut app.conn())
            .unwrap()
    };

    // The default tab is "ready to allocate".
    let queue = app.get("/orders").await;
    assert_eq!(queue.status, StatusCode::OK);
    let rows = queue.texts("table.orders-queue tbody tr");
    assert_eq!(rows.len(), 3);
    for (row, id) in rows.iter().zip([third, first, second]) {
        assert!(row.contains(&number(id)), "{rows:?}");
    }
    assert!(
        rows[2].contains("Pays late: call before shipping"),
        "{rows:?}"
    );
    assert!(!rows[1].contains("Pays late"));
    let tabs = queue.texts("nav.tabs a");
    assert!(
        tabs[0].starts_with("Awaiting payment") && tabs[0].ends_with('1'),
        "{tabs:?}"
    );
    assert!(
        tabs[2].starts_with("Unallocated") && tabs[2].ends_with('3'),
        "{tabs:?}"
    );
    assert_eq!(
        queue
            .attr("nav.tabs a[aria-current=page]", "href")
            .as_deref(),
        Some("/orders?status=unallocated")
    );
    let awaiting = app.get("/orders?status=awaiting_payment").await;
    assert!(
        awaiting
            .text("table.orders-queue tbody")
            .contains(&number(prepaid))
    );

    // Filters: the customer's account number, the store, the channel.
    diesel::update(customers::table.find(b.customer_id))
        .set(customers::account_number.eq("W-1"))
        .execute(&mut app.conn())
        .unwrap();
    let only_b = app.get("/orders?customer=W-1").await;
    assert_eq!(only_b.texts("table.orders-queue tbody tr").len(), 1);
    let unknown = app.get("/orders?customer=NO-SUCH").await;
    assert!(unknown.text(".form-problem").contains("NO-SUCH"));
    assert!(unknown.texts("table.orders-queue tbody tr").is_empty());
    let store: i64 = orders::table
        .find(first)
        .select(orders::fulfilling_store_id)
        .first::<Option<i64>>(&mut app.conn())
        .unwrap()
        .unwrap();
    assert_eq!(
        app.get(&format!("/orders?store={store}"))
            .await
            .texts("table.orders-queue tbody tr")
            .len(),
        3
    );
    assert_eq!(
        app.get(&format!("/orders?store={}", store + 999))
            .await
            .texts("table.orders-queue tbody tr")
            .len(),
        0
    );
    assert_eq!(
        app.get("/orders?channel=web")
            .await
            .texts("table.orders-queue tbody tr")
            .len(),
        3
    );
    assert_eq!(
        app.get("/orders?channel=edi")
            .await
            .texts("table.orders-queue tbody tr")
            .len(),
        0
    );

    // The dashboard shows the queue's counts.
    let dashboard = app.get("/").await;
    let counts = dashboard.texts(".queue-counts li");
    assert!(
        counts
            .iter()
            .any(|c| c.starts_with("Unallocated") && c.ends_with('3')),
        "{counts:?}"
    );
    assert!(
        counts
            .iter()
            .any(|c| c.starts_with("Awaiting payment") && c.ends_with('1')),
        "{counts:?}"
    );
}

#[actix_web::test]
async fn a_missing_order_is_a_404_for_the_page_and_every_action() {
    let (app, _) = desk_app().await;
    assert_eq!(
        app.get("/orders/999999").await.status,
        StatusCode::NOT_FOUND
    );
    for what in ["allocation", "priority", "cancellation", "notes", "payment"] {
        let res = app
            .post(
                &format!("/orders/999999/{what}"),
                &[("reason", "x"), ("body", "x")],
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{what}");
    }
}

#[actix_web::test]
async fn exposure_counts_an_open_order_once_and_a_cancellation_gives_it_back_once() {
    let (app, clerk) = desk_app().await;
    let s = shop(&app, "Exposure KG");
    let available = || {
        clientele::models::orders::placing::standing(&mut app.conn(), s.customer_id)
            .unwrap()
            .credit()
            .available_cents
    };
    assert_eq!(available(), 10_000);
    let id = placed(&app, &s, 3, PaymentMethod::Invoice);
    let total: i64 = orders::table
        .find(id)
        .select(orders::total_cents)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(available(), 10_000 - total);
    // Allocated, still open: counted once.
    clerk.post(&format!("/orders/{id}/allocation"), &[]).await;
    assert_eq!(available(), 10_000 - total);
    // Cancelled: given back once, never more than the limit.
    clerk
        .post(
            &format!("/orders/{id}/cancellation"),
            &[("reason", "Not needed")],
        )
        .await
        .assert_redirect_to(&format!("/orders/{id}"));
    assert_eq!(available(), 10_000);
    // Orders paid otherwise never count.
    placed(&app, &s, 3, PaymentMethod::Prepay);
    placed(&app, &s, 3, PaymentMethod::Cod);
    assert_eq!(available(), 10_000);
}

/// The order's invoice in the ledger: its number, amount, posting date and due date.
fn invoice_of(
    app: &TestApp,
    order: i64,
) -> Option<(String, i64, chrono::NaiveDate, chrono::NaiveDate)> {
    use clientele::schema::ledger_entries as l;
    l::table
        .filter(l::order_id.eq(order).and(l::kind.eq("invoice")))
        .select((
            l::number,
            l::amount_cents,
            l::posted_on,
            l::due_on.assume_not_null(),
        ))
        .first(&mut app.conn())
        .optional()
        .unwrap()
}

fn invoice_number(app: &TestApp, order: i64) -> Option<String> {
    orders::table
        .find(order)
        .select(orders::invoice_number)
        .first(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn an_order_on_invoice_is_invoiced_when_dispatched_or_at_the_desk_and_only_once() {
    let (app, clerk) = desk_app().await;
    let s = shop(&app, "Invoiced AG");
    let available = || {
        clientele::models::orders::placing::standing(&mut app.conn(), s.customer_id)
            .unwrap()
            .credit()
            .available_cents
    };
    let balance =
        || clientele::models::accounts::ledger::balances(&mut app.conn(), s.customer_id).unwrap();
    let id = placed(&app, &s, 2, PaymentMethod::Invoice);
    let total: i64 = orders::table
        .find(id)
        .select(orders::total_cents)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(invoice_of(&app, id), None, "placing does not invoice");
    let before = available();

    // Dispatched: invoiced for its total, due after the order's 30 days, the number on the order
    // and in its timeline; the credit it used moves from the open order to the balance, once.
    clerk
        .post(
            &format!("/orders/{id}/shipment"),
            &[("carrier", "DHL"), ("tracking_number", "INV-T1")],
        )
        .await
        .assert_redirect_to(&format!("/orders/{id}"));
    let (number, amount, posted, due) = invoice_of(&app, id).expect("invoiced on dispatch");
    assert!(number.starts_with("INV-"), "{number}");
    assert_eq!(amount, total);
    assert_eq!(due, posted + chrono::Days::new(30));
    assert_eq!(invoice_number(&app, id).as_deref(), Some(number.as_str()));
    assert_eq!(
        timeline(&app, id).last().unwrap(),
        &("invoiced".into(), "carl".into(), Some(number.clone()))
    );
    assert_eq!(balance(), vec![("EUR".to_string(), total)]);
    assert_eq!(available(), before);
    let page = app.get(&format!("/orders/{id}")).await;
    assert!(page.text(".facts").contains(&number));

    // Invoiced at the desk before it leaves: once, however often the button is pressed; the
    // shipment later does not invoice it again.
    let early = placed(&app, &s, 1, PaymentMethod::Invoice);
    let page = clerk.get(&format!("/orders/{early}")).await;
    assert!(
        page.attr("form[action$='/invoice'] button", "type")
            .is_some(),
        "the form as it first appears"
    );
    clerk
        .post(&format!("/orders/{early}/invoice"), &[])
        .await
        .assert_redirect_to(&format!("/orders/{early}"));
    let first = invoice_of(&app, early).expect("invoiced at the desk");
    let again = clerk.post(&format!("/orders/{early}/invoice"), &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.text(".form-problem").contains("invoiced"));
    clerk
        .post(
            &format!("/orders/{early}/shipment"),
            &[("carrier", "DHL"), ("tracking_number", "INV-T2")],
        )
        .await
        .assert_redirect_to(&format!("/orders/{early}"));
    assert_eq!(invoice_of(&app, early), Some(first));
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM ledger_entries WHERE order_id = {early}")
        ),
        1
    );

    // Not an order paid otherwise, nor a cancelled one; cash on delivery is never invoiced.
    let cod = placed(&app, &s, 1, PaymentMethod::Cod);
    assert_eq!(
        clerk
            .post(&format!("/orders/{cod}/invoice"), &[])
            .await
            .status,
        StatusCode::CONFLICT
    );
    clerk
        .post(
            &format!("/orders/{cod}/shipment"),
            &[("carrier", "DHL"), ("tracking_number", "INV-T3")],
        )
        .await
        .assert_redirect_to(&format!("/orders/{cod}"));
    assert_eq!(invoice_of(&app, cod), None);
    let gone = placed(&app, &s, 1, PaymentMethod::Invoice);
    clerk
        .post(
            &format!("/orders/{gone}/cancellation"),
            &[("reason", "Not needed")],
        )
        .await;
    assert_eq!(
        clerk
            .post(&format!("/orders/{gone}/invoice"), &[])
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(invoice_of(&app, gone), None);
}

#[actix_web::test]
async fn a_prepaid_orders_payment_is_an_invoice_paid_in_the_ledger_and_leaves_older_items_open() {
    let (app, _clerk) = desk_app().await;
    let s = shop(&app, "Prepaid Ledger Ltd");
    crate::ledger::owe(&app, s.customer_id, 2_500);
    let id = placed(&app, &s, 1, PaymentMethod::Prepay);
    let total: i64 = orders::table
        .find(id)
        .select(orders::total_cents)
        .first(&mut app.conn())
        .unwrap();
    app.post(
        &format!("/orders/{id}/payment"),
        &[("reference", "BANK-77")],
    )
    .await
    .assert_redirect_to(&format!("/orders/{id}"));
    let (number, amount, posted, due) = invoice_of(&app, id).expect("invoiced with its payment");
    assert_eq!((amount, due), (total, posted));
    assert_eq!(invoice_number(&app, id), Some(number));
    let paid = count(
        &app,
        &format!(
            "SELECT count(*) FROM ledger_entries p JOIN ledger_allocations a ON a.credit_id = p.id
              JOIN ledger_entries i ON i.id = a.debit_id
             WHERE p.kind = 'payment' AND p.reference = 'BANK-77' AND p.amount_cents = -{total}
               AND i.order_id = {id} AND a.amount_cents = {total}"
        ),
    );
    assert_eq!(
        paid, 1,
        "the payment pays the order's invoice and nothing else"
    );
    // The older debt is as open as it was: the balance is what was owed before.
    assert_eq!(
        clientele::models::accounts::ledger::balances(&mut app.conn(), s.customer_id).unwrap(),
        vec![("EUR".to_string(), 2_500)]
    );
}
