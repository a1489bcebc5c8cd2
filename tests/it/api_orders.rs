//! Orders through the API: the feed the ERP pulls (only customers whose orders integration is
//! active, once their account number is set, in commit order), acknowledgements and shipments
//! reported back under their integrations and the desk's rules, and `Idempotency-Key` on the
//! POSTs (the same key and body answered again, another body refused, two at once done once).

use crate::api::{api_client, api_get};
use crate::helpers::{TestApp, TestClient, TestResponse, spawn_app};
use crate::placing::{Shop, checkout, place, shop};
use actix_web::http::StatusCode;
use clientele::{
    domain::PaymentMethod,
    schema::{customer_services, customers, order_events, orders, outbox},
};
use diesel::prelude::*;
use serde_json::Value;
use std::time::{Duration, Instant};

fn json(res: &TestResponse) -> Value {
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", res.body))
}

/// Sets `service` of customer `id` to active.
fn activate(app: &TestApp, id: i64, service: &str) {
    diesel::insert_into(customer_services::table)
        .values((
            customer_services::customer_id.eq(id),
            customer_services::service.eq(service),
            customer_services::status.eq("active"),
        ))
        .on_conflict((customer_services::customer_id, customer_services::service))
        .do_update()
        .set(customer_services::status.eq("active"))
        .execute(&mut app.conn())
        .unwrap();
}

fn set_account_number(app: &TestApp, id: i64, number: &str) {
    diesel::update(customers::table.find(id))
        .set(customers::account_number.eq(number))
        .execute(&mut app.conn())
        .unwrap();
}

/// A shop whose customer has the orders integration active and `account` (if any).
fn integrated(app: &TestApp, name: &str, account: Option<&str>) -> Shop {
    let s = shop(app, name);
    activate(app, s.customer_id, "orders");
    if let Some(number) = account {
        set_account_number(app, s.customer_id, number);
    }
    s
}

fn placed(app: &TestApp, s: &Shop) -> String {
    place(app, &checkout(s, 1, PaymentMethod::Invoice))
        .unwrap()
        .number
}

/// The feed's order numbers after `after`, asked until `want` of them show (other databases'
/// transactions on the same server hold the feed back for a moment) or 10 s pass.
async fn feed(app: &TestApp, token: &str, after: &str, want: usize) -> (Vec<String>, String) {
    let started = Instant::now();
    loop {
        let res = api_get(app, Some(token), &format!("/api/v1/orders?after={after}")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let page = json(&res);
        let numbers: Vec<String> = page["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["number"].as_str().unwrap().to_string())
            .collect();
        if numbers.len() >= want || started.elapsed() > Duration::from_secs(10) {
            return (numbers, page["next_after"].as_str().unwrap().to_string());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[actix_web::test]
async fn the_feed_has_orders_of_integrated_customers_once_their_account_number_is_set() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["orders:read"]);
    let (_, no_scope) = api_client(&app, "Shop", &["customers:read"]);
    let ready = integrated(&app, "Ready GmbH", Some("A-100"));
    let waiting = integrated(&app, "Waiting GmbH", None);
    let keyed = shop(&app, "Keyed By Hand GmbH");
    set_account_number(&app, keyed.customer_id, "A-300");

    let first = placed(&app, &ready);
    let held_back = placed(&app, &waiting);
    let by_hand = placed(&app, &keyed);
    let (numbers, cursor) = feed(&app, &token, "0.0", 1).await;
    assert_eq!(numbers, vec![first.clone()]);

    // The order waiting for its account number says so in the desk's queue and on its page.
    let staff = app.new_client();
    app.create_staff(
        "desk@vendor.test",
        crate::helpers::PASSWORD,
        &[clientele::models::access::staff::Role::Staff],
    );
    staff
        .sign_in("desk@vendor.test", crate::helpers::PASSWORD)
        .await;
    let queue = staff.get("/orders?status=unallocated").await;
    let waits = queue.texts(".order-erp-waiting");
    assert_eq!(waits.len(), 1, "{waits:?}");
    assert!(waits[0].contains("account number"), "{waits:?}");
    let erp: Vec<(String, Option<String>)> = orders::table
        .order(orders::id)
        .select((orders::order_number, orders::erp))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        erp,
        vec![
            (first.clone(), Some("released".to_string())),
            (held_back.clone(), Some("waiting".to_string())),
            (by_hand.clone(), None),
        ]
    );

    // The number set, the waiting order follows; the one placed without the integration never
    // comes, and a later one comes after it.
    set_account_number(&app, waiting.customer_id, "A-200");
    let later = placed(&app, &ready);
    let (numbers, cursor) = feed(&app, &token, &cursor, 2).await;
    assert_eq!(numbers, vec![held_back.clone(), later.clone()]);
    let (numbers, again) = feed(&app, &token, &cursor, 0).await;
    assert!(numbers.is_empty());
    assert_eq!(again, cursor, "an empty page keeps the cursor");

    // Page by page with limit=1 the same orders, none twice.
    let mut seen = Vec::new();
    let mut after = "0.0".to_string();
    loop {
        let path = format!("/api/v1/orders?limit=1&after={after}");
        let page = json(&api_get(&app, Some(&token), &path).await);
        let Some(o) = page["data"].as_array().unwrap().first() else {
            break;
        };
        seen.push(o["number"].as_str().unwrap().to_string());
        after = page["next_after"].as_str().unwrap().to_string();
    }
    assert_eq!(seen, vec![first.clone(), held_back, later]);

    // What an order carries.
    let page = json(&api_get(&app, Some(&token), "/api/v1/orders?limit=1").await);
    let o = &page["data"][0];
    assert_eq!(o["customer"]["account_number"], "A-100");
    assert_eq!(o["status"], "unallocated");
    assert_eq!(o["test_record"], false);
    assert_eq!(o["payment"]["method"], "invoice");
    assert_eq!(o["placed"]["reference"], "PO-77");
    assert_eq!(o["placed"]["channel"], "web");
    assert_eq!(o["lines"][0]["quantity"], 1);
    assert_eq!(o["lines"][0]["unit_cents"], 1111);
    assert_eq!(o["total_cents"], 1111);
    assert!(
        o["delivery"]["ship_to"]
            .as_str()
            .unwrap()
            .contains("Hamburg")
    );

    // A test record's orders are marked.
    diesel::update(customers::table.find(ready.customer_id))
        .set(customers::test_record.eq(true))
        .execute(&mut app.conn())
        .unwrap();
    let page = json(&api_get(&app, Some(&token), "/api/v1/orders?limit=1").await);
    assert_eq!(page["data"][0]["test_record"], true);

    // The integration made inactive, its customer's orders leave the feed.
    diesel::update(customer_services::table)
        .filter(customer_services::customer_id.eq(ready.customer_id))
        .set(customer_services::status.eq("inactive"))
        .execute(&mut app.conn())
        .unwrap();
    let (numbers, _) = feed(&app, &token, "0.0", 1).await;
    assert_eq!(numbers.len(), 1, "{numbers:?}");

    // Wrong paging, a missing scope.
    let bad = api_get(&app, Some(&token), "/api/v1/orders?limit=1001&after=x").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = json(&bad)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, vec!["limit", "after"]);
    let forbidden = api_get(&app, Some(&no_scope), "/api/v1/orders").await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn the_feed_follows_commit_order_so_an_order_that_commits_late_is_not_lost() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["orders:read"]);
    let slow = integrated(&app, "Slow GmbH", Some("A-1"));
    let quick = integrated(&app, "Quick GmbH", Some("A-2"));

    // The first order's transaction stays open while a second order commits.
    let (placed_tx, placed_rx) = std::sync::mpsc::channel();
    let (commit_tx, commit_rx) = std::sync::mpsc::channel::<()>();
    let mut conn = app.conn();
    let order = checkout(&slow, 1, PaymentMethod::Invoice);
    let slow_one = std::thread::spawn(move || {
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            let placed = clientele::models::orders::placing::place(conn, &order, "http://x")
                .map_err(|_| diesel::result::Error::RollbackTransaction)?;
            placed_tx.send(placed.number.clone()).unwrap();
            commit_rx.recv().unwrap();
            Ok(placed.number)
        })
        .unwrap()
    });
    let slow_number = placed_rx.recv().unwrap();
    let quick_number = placed(&app, &quick);

    // The committed order is not handed out ahead of the open one: its cursor would skip it.
    let res = api_get(&app, Some(&token), "/api/v1/orders").await;
    let page = json(&res);
    assert_eq!(page["data"].as_array().unwrap().len(), 0, "{page}");
    assert_eq!(page["next_after"], "0.0");

    commit_tx.send(()).unwrap();
    assert_eq!(slow_one.join().unwrap(), slow_number);
    let (numbers, _) = feed(&app, &token, "0.0", 2).await;
    assert_eq!(numbers, vec![slow_number, quick_number]);
}

/// A POST of the API with `token` and extra `headers`.
async fn api_post(
    app: &TestApp,
    token: &str,
    (path, body): (&str, &str),
    headers: &[(&str, &str)],
) -> TestResponse {
    let bearer = format!("Bearer {token}");
    let mut all = vec![("Authorization", bearer.as_str())];
    all.extend_from_slice(headers);
    TestClient::new(&app.address)
        .send_json(("POST", path), body, &all)
        .await
}

fn timeline(app: &TestApp, number: &str) -> Vec<(String, String, Option<String>)> {
    order_events::table
        .inner_join(orders::table)
        .filter(orders::order_number.eq(number))
        .order(order_events::id)
        .select((
            order_events::kind,
            order_events::actor_name,
            order_events::detail,
        ))
        .load(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn the_erp_acknowledges_and_ships_orders_under_their_integrations_and_the_desks_rules() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["orders:read", "orders:write"]);
    let (_, reader) = api_client(&app, "Reader", &["orders:read"]);
    let s = integrated(&app, "Acme GmbH", Some("A-1"));
    let ship_to = "ship@acme.test";
    crate::order_mail::contact(&app, s.customer_id, ship_to, false, "shipment_notification");
    let number = placed(&app, &s);
    let ack = format!("/api/v1/orders/{number}/acknowledgement");
    let ship = format!("/api/v1/orders/{number}/shipments");
    let date = r#"{"expected_on": "2027-01-15"}"#;

    // Without the integration: a 409 naming it; without the scope: 403; no such order: 404.
    let off = api_post(&app, &token, (&ack, date), &[]).await;
    assert_eq!(off.status, StatusCode::CONFLICT, "{}", off.body);
    assert!(
        json(&off)["detail"]
            .as_str()
            .unwrap()
            .contains("Order acknowledgements integration is not active"),
        "{}",
        off.body
    );
    let scope = api_post(&app, &reader, (&ack, date), &[]).await;
    assert_eq!(scope.status, StatusCode::FORBIDDEN);
    let missing = api_post(
        &app,
        &token,
        ("/api/v1/orders/SO-0/acknowledgement", date),
        &[],
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    activate(&app, s.customer_id, "order_acknowledgements");
    let done = api_post(&app, &token, (&ack, date), &[]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let order = json(&done);
    assert_eq!(order["status"], "allocated");
    assert_eq!(order["fulfilment"]["expected_on"], "2027-01-15");
    // Once allocated, it cannot be acknowledged again: the desk's rule, a 409.
    let twice = api_post(&app, &token, (&ack, date), &[]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);

    // Shipments: the integration, then the fields, then dispatched with the desk's email.
    let parcel = r#"{"carrier": "DHL", "tracking_number": "JD0001"}"#;
    let off = api_post(&app, &token, (&ship, parcel), &[]).await;
    assert_eq!(off.status, StatusCode::CONFLICT, "{}", off.body);
    activate(&app, s.customer_id, "ship_notices");
    let blank = api_post(
        &app,
        &token,
        (&ship, r#"{"carrier": " ", "tracking_number": ""}"#),
        &[],
    )
    .await;
    assert_eq!(
        blank.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        blank.body
    );
    let fields: Vec<String> = json(&blank)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, vec!["carrier", "tracking_number"]);
    let shipped = api_post(&app, &token, (&ship, parcel), &[]).await;
    assert_eq!(shipped.status, StatusCode::OK, "{}", shipped.body);
    let order = json(&shipped);
    assert_eq!(order["status"], "dispatched");
    assert_eq!(order["fulfilment"]["carrier"], "DHL");
    assert_eq!(order["fulfilment"]["tracking_number"], "JD0001");
    assert!(
        order["payment"]["invoice_number"].is_string(),
        "invoiced on dispatch"
    );
    let mails: Vec<String> = outbox::table
        .filter(outbox::kind.eq("order_shipped"))
        .select(outbox::to_address)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(mails, vec![ship_to], "the desk's shipment email");

    // Every step signed with the client's name.
    let steps = timeline(&app, &number);
    let by_api: Vec<(&str, Option<&str>)> = steps
        .iter()
        .filter(|(_, actor, _)| actor == "API: ERP")
        .map(|(kind, _, detail)| (kind.as_str(), detail.as_deref()))
        .collect();
    assert_eq!(
        by_api,
        vec![
            ("allocated", Some("2027-01-15")),
            ("shipped", Some("DHL · JD0001")),
            ("invoiced", by_api.get(2).and_then(|s| s.1)),
        ]
    );

    // The order read alone.
    let read = api_get(&app, Some(&reader), &format!("/api/v1/orders/{number}")).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(json(&read)["status"], "dispatched");
}

#[actix_web::test]
async fn an_idempotency_key_answers_the_first_response_again_and_refuses_another_body() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["orders:write"]);
    let (_, other) = api_client(&app, "Other", &["orders:write"]);
    let s = integrated(&app, "Acme GmbH", Some("A-1"));
    activate(&app, s.customer_id, "order_acknowledgements");
    let first = placed(&app, &s);
    let second = placed(&app, &s);
    let ack = |n: &str| format!("/api/v1/orders/{n}/acknowledgement");
    let body = r#"{"expected_on": "2027-01-15"}"#;
    let key = [("Idempotency-Key", "ack-1")];

    let done = api_post(&app, &token, (&ack(&first), body), &key).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.header("idempotent-replayed"), None);
    // Sent again (spacing aside): the same answer, marked, and nothing done twice.
    let again = api_post(
        &app,
        &token,
        (&ack(&first), r#"{ "expected_on":"2027-01-15" }"#),
        &key,
    )
    .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body, done.body);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    let allocated = |n: &str| {
        timeline(&app, n)
            .iter()
            .filter(|(kind, _, _)| kind == "allocated")
            .count()
    };
    assert_eq!(allocated(&first), 1);

    // The same key with another body, or on another order: a 422 naming the header.
    let other_body = api_post(&app, &token, (&ack(&first), "{}"), &key).await;
    assert_eq!(
        other_body.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        other_body.body
    );
    assert_eq!(json(&other_body)["errors"][0]["field"], "Idempotency-Key");
    let other_order = api_post(&app, &token, (&ack(&second), body), &key).await;
    assert_eq!(other_order.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Keys are the client's own: another client's same key is a new request (here refused by
    // the desk, as the order is allocated already).
    let theirs = api_post(&app, &other, (&ack(&first), body), &key).await;
    assert_eq!(theirs.status, StatusCode::CONFLICT, "{}", theirs.body);
    // A key that is no key.
    let long = "k".repeat(256);
    let bad = api_post(
        &app,
        &token,
        (&ack(&second), body),
        &[("Idempotency-Key", &long)],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A refusal is not kept: once the rule allows it, the same key does the work.
    let refused_key = [("Idempotency-Key", "ack-2")];
    diesel::delete(customer_services::table)
        .filter(customer_services::service.eq("order_acknowledgements"))
        .execute(&mut app.conn())
        .unwrap();
    let refused = api_post(&app, &token, (&ack(&second), body), &refused_key).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    activate(&app, s.customer_id, "order_acknowledgements");
    let now = api_post(&app, &token, (&ack(&second), body), &refused_key).await;
    assert_eq!(now.status, StatusCode::OK, "{}", now.body);
}

#[actix_web::test]
async fn two_requests_with_the_same_key_at_the_same_moment_are_done_once() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["orders:write"]);
    let s = integrated(&app, "Acme GmbH", Some("A-1"));
    activate(&app, s.customer_id, "ship_notices");
    for round in 0..5 {
        let number = placed(&app, &s);
        let path = format!("/api/v1/orders/{number}/shipments");
        let body = format!(r#"{{"carrier": "DHL", "tracking_number": "T-{round}"}}"#);
        let key = format!("ship-{round}");
        let headers = [("Idempotency-Key", key.as_str())];
        let (a, b) = futures_util::future::join(
            api_post(&app, &token, (&path, &body), &headers),
            api_post(&app, &token, (&path, &body), &headers),
        )
        .await;
        assert_eq!(
            (a.status, b.status),
            (StatusCode::OK, StatusCode::OK),
            "{} {}",
            a.body,
            b.body
        );
        assert_eq!(a.body, b.body);
        let shipped = timeline(&app, &number)
            .iter()
            .filter(|(kind, _, _)| kind == "shipped")
            .count();
        assert_eq!(shipped, 1, "round {round}");
    }
}

/// The customer, channel and status of order `number`, and who placed it.
fn order_row(app: &TestApp, number: &str) -> (i64, String, Option<String>, String, Option<String>) {
    orders::table
        .filter(orders::order_number.eq(number))
        .select((
            orders::customer_id,
            orders::channel,
            orders::channel_order_id,
            orders::status,
            orders::placed_by_name,
        ))
        .first(&mut app.conn())
        .unwrap()
}

/// An EDI order for the customer with account number A-1: `quantity` of `sku`, then `extra`
/// fields (each starting with a comma).
fn edi_order(sku: &str, quantity: i32, extra: &str) -> String {
    format!(
        r#"{{"channel": "edi", "account_number": "A-1", "lines": [{{"sku": "{sku}", "quantity": {quantity}}}]{extra}}}"#
    )
}

#[actix_web::test]
async fn another_channel_places_an_order_by_account_number_under_the_portals_rules() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["orders:write"]);
    let s = integrated(&app, "Acme GmbH", Some("A-1"));
    let sku = format!("VLV-{}", s.customer_id);
    let order = |extra: &str| edi_order(&sku, 2, extra);

    let made = api_post(
        &app,
        &token,
        (
            "/api/v1/orders",
            &order(r#", "channel_order_id": "EDI-1", "reference": "PO-9""#),
        ),
        &[],
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let body = json(&made);
    let number = body["number"].as_str().unwrap().to_string();
    assert_eq!(
        made.location(),
        Some(format!("/api/v1/orders/{number}").as_str())
    );
    assert_eq!(body["status"], "unallocated");
    assert_eq!(
        order_row(&app, &number),
        (
            s.customer_id,
            "edi".to_string(),
            Some("EDI-1".to_string()),
            "unallocated".to_string(),
            Some("API: ERP".to_string())
        )
    );
    // The customer's default address and first payment method, the line at its price.
    let total: i64 = orders::table
        .filter(orders::order_number.eq(&number))
        .select(orders::total_cents)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(total, 2222);

    // The same channel order again: a 409 naming the order it became.
    let again = api_post(
        &app,
        &token,
        ("/api/v1/orders", &order(r#", "channel_order_id": "EDI-1""#)),
        &[],
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(json(&again)["detail"].as_str().unwrap().contains(&number));

    // Wrong input, each beside its field; nothing placed.
    let cases = [
        (
            r#"{"channel": "fax", "account_number": "A-1", "lines": []}"#.to_string(),
            "channel",
        ),
        (order("").replace("A-1", "NOPE"), "account_number"),
        (order("").replace(&sku, "NO-SUCH-SKU"), "lines[0].sku"),
        (
            order(r#", "payment": "cod""#).replace("\"cod\"", "\"barter\""),
            "payment",
        ),
        (order(r#", "pickup_store": "XX""#), "pickup_store"),
        (
            order(&format!(r#", "channel_order_id": "{}""#, "x".repeat(101))),
            "channel_order_id",
        ),
    ];
    for (sent, name) in cases {
        let bad = api_post(&app, &token, ("/api/v1/orders", &sent), &[]).await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{sent}: {}",
            bad.body
        );
        assert_eq!(json(&bad)["errors"][0]["field"], name, "{}", bad.body);
    }
    // Over the customer's credit limit under "block": refused by the portal's rule.
    let big = order("").replace("\"quantity\": 2", "\"quantity\": 90");
    let refused = api_post(&app, &token, ("/api/v1/orders", &big), &[]).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let count: i64 = orders::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 1);
}

#[actix_web::test]
async fn a_marketplace_order_from_an_unknown_buyer_makes_a_customer_who_pays_before_despatch() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "Marketplace", &["orders:write"]);
    let s = shop(&app, "Product Owner GmbH");
    let sku = format!("VLV-{}", s.customer_id);
    diesel::sql_query(format!(
        "INSERT INTO product_prices (product_id, price_list_id, price_cents)
         SELECT {}, id, 1500 FROM price_lists WHERE name = 'Retail'",
        s.product_id
    ))
    .execute(&mut app.conn())
    .unwrap();
    let order = |id: &str| {
        format!(
            r#"{{"channel": "amazon", "channel_order_id": "{id}",
                 "buyer": {{"id": "amzn-buyer-7", "name": "Jo Buyer", "email": "jo@buyer.test",
                           "address": {{"line1": "5 High St", "city": "Leeds", "postcode": "LS1 4AP", "country": "gb"}}}},
                 "lines": [{{"sku": "{sku}", "quantity": 1}}]}}"#
        )
    };
    let first = api_post(&app, &token, ("/api/v1/orders", &order("A-100")), &[]).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let body = json(&first);
    assert_eq!(
        body["status"], "awaiting_payment",
        "paid in full before despatch"
    );
    let buyer = body["customer_id"].as_i64().unwrap();
    let made: (String, Option<String>, bool, bool, Option<String>) = customers::table
        .left_join(clientele::schema::payment_terms::table)
        .filter(customers::id.eq(buyer))
        .select((
            customers::legal_name,
            customers::email,
            customers::term_customer,
            customers::allow_cod,
            clientele::schema::payment_terms::name.nullable(),
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(
        made,
        (
            "Jo Buyer".to_string(),
            Some("jo@buyer.test".to_string()),
            false,
            false,
            Some("Full payment before despatch".to_string())
        )
    );
    let number = body["number"].as_str().unwrap().to_string();
    let (_, channel, _, _, _) = order_row(&app, &number);
    assert_eq!(channel, "amazon");
    let ship_to: Option<String> = orders::table
        .filter(orders::order_number.eq(&number))
        .select(orders::ship_to)
        .first(&mut app.conn())
        .unwrap();
    assert!(ship_to.unwrap().contains("Leeds"));

    // The same buyer again is the same customer.
    let second = api_post(&app, &token, ("/api/v1/orders", &order("A-101")), &[]).await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.body);
    assert_eq!(json(&second)["customer_id"], buyer);
    let customers_now: i64 = customers::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(customers_now, 2, "the shop's owner and the one buyer");

    // Not a marketplace: a buyer is not enough.
    let edi = order("E-1").replace("\"amazon\"", "\"edi\"");
    let refused = api_post(&app, &token, ("/api/v1/orders", &edi), &[]).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
}

#[actix_web::test]
async fn the_erp_posts_invoices_and_payments_under_the_invoices_integration() {
    use clientele::schema::{customer_history as h, ledger_entries as e};
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["invoices:write"]);
    let (_, reader) = api_client(&app, "Reader", &["orders:read"]);
    let s = integrated(&app, "Acme GmbH", Some("A-1"));
    crate::order_mail::contact(&app, s.customer_id, "ap@acme.test", false, "invoice_posted");
    let number = placed(&app, &s);
    let manual = r#"{"account_number": "A-1", "currency": "EUR", "amount_cents": 12500,
                     "text": "Installation, 3 hours"}"#;

    // Without the integration: 409 naming it; without the scope: 403.
    let off = api_post(&app, &token, ("/api/v1/invoices", manual), &[]).await;
    assert_eq!(off.status, StatusCode::CONFLICT, "{}", off.body);
    assert!(json(&off)["detail"].as_str().unwrap().contains("Invoices"));
    let scope = api_post(&app, &reader, ("/api/v1/invoices", manual), &[]).await;
    assert_eq!(scope.status, StatusCode::FORBIDDEN);

    activate(&app, s.customer_id, "invoices");
    let posted = api_post(&app, &token, ("/api/v1/invoices", manual), &[]).await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.body);
    let inv = json(&posted);
    assert!(inv["number"].as_str().unwrap().starts_with("INV-"));
    assert_eq!(inv["amount_cents"], 12500);

    // An order's invoice: its total, written on the order, once.
    let of_order = format!(r#"{{"account_number": "A-1", "order_number": "{number}"}}"#);
    let order_inv = api_post(&app, &token, ("/api/v1/invoices", &of_order), &[]).await;
    assert_eq!(order_inv.status, StatusCode::CREATED, "{}", order_inv.body);
    assert_eq!(json(&order_inv)["amount_cents"], 1111);
    let written: Option<String> = orders::table
        .filter(orders::order_number.eq(&number))
        .select(orders::invoice_number)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(written.as_deref(), json(&order_inv)["number"].as_str());
    let twice = api_post(&app, &token, ("/api/v1/invoices", &of_order), &[]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);

    // The same emails as staff postings: each invoice to the subscribed contact.
    let mails: i64 = outbox::table
        .filter(outbox::to_address.eq("ap@acme.test"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(mails, 2);

    // A payment, allocated oldest first: the balance is what is left.
    let pay = r#"{"account_number": "A-1", "currency": "EUR", "amount_cents": 10000,
                  "method": "bank_transfer", "reference": "BT-1", "received_on": "2026-11-30"}"#;
    let paid = api_post(
        &app,
        &token,
        ("/api/v1/payments", pay),
        &[("Idempotency-Key", "pay-1")],
    )
    .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{}", paid.body);
    assert_eq!(json(&paid)["amount_cents"], -10000);
    let again = api_post(
        &app,
        &token,
        ("/api/v1/payments", pay),
        &[("Idempotency-Key", "pay-1")],
    )
    .await;
    assert_eq!(again.body, paid.body);
    let sum: Vec<i64> = e::table
        .filter(e::customer_id.eq(s.customer_id))
        .select(e::amount_cents)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(sum.iter().sum::<i64>(), 12500 + 1111 - 10000, "{sum:?}");
    let balance: i64 = customers::table
        .find(s.customer_id)
        .select(customers::balance_cents)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(balance, 12500 + 1111 - 10000);

    // Wrong input beside its fields; every posting in the history signed with the client.
    let cases = [
        (
            r#"{"account_number": "NOPE", "currency": "EUR", "amount_cents": 1, "text": "x"}"#,
            "account_number",
        ),
        (
            r#"{"account_number": "A-1", "currency": "euro", "amount_cents": 1, "text": "x"}"#,
            "currency",
        ),
        (
            r#"{"account_number": "A-1", "currency": "EUR", "amount_cents": 0, "text": "x"}"#,
            "amount_cents",
        ),
        (
            r#"{"account_number": "A-1", "currency": "EUR", "amount_cents": 5}"#,
            "text",
        ),
    ];
    for (sent, name) in cases {
        let bad = api_post(&app, &token, ("/api/v1/invoices", sent), &[]).await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{sent}: {}",
            bad.body
        );
        assert_eq!(json(&bad)["errors"][0]["field"], name);
    }
    let bad_method = pay.replace("bank_transfer", "barter");
    let bad = api_post(&app, &token, ("/api/v1/payments", &bad_method), &[]).await;
    assert_eq!(json(&bad)["errors"][0]["field"], "method");
    let signed: Vec<Option<String>> = h::table
        .filter(h::customer_id.eq(s.customer_id))
        .filter(h::action.eq("post"))
        .select(h::actor_label)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(signed.len(), 3, "{signed:?}");
    assert!(
        signed.iter().all(|a| a.as_deref() == Some("API: ERP")),
        "{signed:?}"
    );
}

/// The fields of a 422 problem, in its order.
fn fields(res: &TestResponse) -> Vec<String> {
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    json(res)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn an_orders_reference_day_and_note_are_checked_as_the_order_form_checks_them() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["orders:write"]);
    let s = integrated(&app, "Acme GmbH", Some("A-1"));
    let sku = format!("VLV-{}", s.customer_id);
    let order = |extra: &str| edi_order(&sku, 1, extra);
    let post = |body: String| {
        let (app, token) = (&app, &token);
        async move { api_post(app, token, ("/api/v1/orders", &body), &[]).await }
    };
    // A note over 2,000 characters and a reference over 60 were a 500 (the database's checks);
    // a day before today, or one of more than four digits of year, was taken.
    let long = format!(
        r#", "reference": "{}", "note": "{}", "requested_on": "2020-01-01""#,
        "R".repeat(61),
        "n".repeat(2001)
    );
    assert_eq!(
        fields(&post(order(&long)).await),
        ["reference", "note", "requested_on"]
    );
    let control = r#", "reference": "PO\u0007", "note": "ok\nfine""#;
    assert_eq!(fields(&post(order(control)).await), ["reference"]);
    let far = post(order(r#", "requested_on": "+262000-01-01""#)).await;
    assert_eq!(far.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", far.body);
    let count: i64 = orders::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 0);

    // The reference a customer must give is named as the API names it.
    diesel::update(customers::table.find(s.customer_id))
        .set(customers::reference_required.eq(true))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(fields(&post(order("")).await), ["reference"]);

    // Within the rules: placed, the note and reference as sent (trimmed).
    let fine = format!(
        r#", "reference": " PO-1 ", "note": "Ring twice.\nGoods entrance.", "requested_on": "{}""#,
        chrono::Utc::now().date_naive() + chrono::Days::new(7)
    );
    let made = post(order(&fine)).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let number = json(&made)["number"].as_str().unwrap().to_string();
    let (reference, note): (Option<String>, Option<String>) = orders::table
        .filter(orders::order_number.eq(&number))
        .select((orders::customer_reference, orders::note))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(reference.as_deref(), Some("PO-1"));
    assert_eq!(note.as_deref(), Some("Ring twice.\nGoods entrance."));
}

#[actix_web::test]
async fn a_new_buyers_address_is_checked_as_every_address_is_and_nothing_is_made_without_one() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "Marketplace", &["orders:write"]);
    let s = shop(&app, "Product Owner GmbH");
    let sku = format!("VLV-{}", s.customer_id);
    let order = |buyer: &str| {
        format!(
            r#"{{"channel": "ebay", "buyer": {{"id": "eb-1", {buyer}}},
                 "lines": [{{"sku": "{sku}", "quantity": 1}}]}}"#
        )
    };
    // A country that is no ISO code, or an empty line and city, was a 500 (the database's
    // checks); each is now named beside the buyer's field, and no customer is made.
    let cases = [
        (
            r#""name": "Jo", "address": {"line1": "5 High St", "city": "Leeds", "country": "England"}"#,
            vec!["buyer.address.country"],
        ),
        (
            r#""name": "Jo", "address": {"line1": " ", "city": "", "country": "GB"}"#,
            vec!["buyer.address.city", "buyer.address.line1"],
        ),
        (
            r#""name": "Jo", "email": "not an address""#,
            vec!["buyer.email"],
        ),
        (r#""name": " ""#, vec!["buyer.name"]),
    ];
    for (buyer, want) in cases {
        let res = api_post(&app, &token, ("/api/v1/orders", &order(buyer)), &[]).await;
        assert_eq!(fields(&res), want, "{buyer}");
    }
    let count: i64 = customers::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(count, 1, "only the shop's owner");
}

#[actix_web::test]
async fn an_acknowledgement_whose_body_cannot_be_read_is_refused_not_taken_for_one_without_a_date()
{
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["orders:write"]);
    let s = integrated(&app, "Acme GmbH", Some("A-1"));
    activate(&app, s.customer_id, "order_acknowledgements");
    let number = placed(&app, &s);
    let ack = format!("/api/v1/orders/{number}/acknowledgement");
    // Each of these allocated the order without a date.
    for body in [
        r#"{"expected_on": "15.01.2027"}"#,
        r#"{"expected_on": "+262000-01-01"}"#,
        r#"{"expected": "2027-01-15"}"#,
        "not JSON",
    ] {
        let res = api_post(&app, &token, (&ack, body), &[]).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            res.body
        );
    }
    let (_, _, _, status, _) = order_row(&app, &number);
    assert_eq!(status, "unallocated");
    // No body at all: acknowledged without a date.
    let bare = api_post(&app, &token, (&ack, ""), &[]).await;
    assert_eq!(bare.status, StatusCode::OK, "{}", bare.body);
    assert_eq!(json(&bare)["fulfilment"]["expected_on"], Value::Null);
    let (_, _, _, status, _) = order_row(&app, &number);
    assert_eq!(status, "allocated");
}

#[actix_web::test]
async fn invoices_and_payments_take_only_what_the_staffs_forms_take() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["invoices:write"]);
    let s = integrated(&app, "Acme GmbH", Some("A-1"));
    activate(&app, s.customer_id, "invoices");
    let invoice = |extra: &str| {
        format!(r#"{{"account_number": "A-1", "currency": "EUR", "amount_cents": 500{extra}}}"#)
    };
    let post = |path: &'static str, body: String| {
        let (app, token) = (&app, &token);
        async move { api_post(app, token, (path, &body), &[]).await }
    };
    // Days until due past what a date can hold panicked (a 500); a text with a control
    // character was posted.
    for days in [-1, 366, i32::MAX] {
        let sent = invoice(&format!(r#", "text": "Service", "due_days": {days}"#));
        assert_eq!(fields(&post("/api/v1/invoices", sent).await), ["due_days"]);
    }
    let bell = invoice(r#", "text": "Service\u0007""#);
    assert_eq!(fields(&post("/api/v1/invoices", bell).await), ["text"]);
    let fine = invoice(r#", "text": "Service,\nthree hours", "due_days": 365"#);
    let posted = post("/api/v1/invoices", fine).await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.body);

    // A payment received after tomorrow (a mistyped year) or with a control character in its
    // reference was recorded; a year of more than four digits came back as no date can.
    let payment = |extra: &str| {
        format!(
            r#"{{"account_number": "A-1", "currency": "EUR", "amount_cents": 100,
                 "method": "cash"{extra}}}"#
        )
    };
    let later = chrono::Utc::now().date_naive() + chrono::Days::new(3);
    let future = payment(&format!(r#", "received_on": "{later}""#));
    assert_eq!(
        fields(&post("/api/v1/payments", future).await),
        ["received_on"]
    );
    let far = post(
        "/api/v1/payments",
        payment(r#", "received_on": "+262000-01-01""#),
    )
    .await;
    assert_eq!(far.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", far.body);
    let tab = payment(r#", "received_on": "2026-01-02", "reference": "BT\u0001""#);
    assert_eq!(fields(&post("/api/v1/payments", tab).await), ["reference"]);
    let paid = post(
        "/api/v1/payments",
        payment(r#", "received_on": "2026-01-02""#),
    )
    .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{}", paid.body);
    let payments: i64 = clientele::schema::ledger_entries::table
        .filter(clientele::schema::ledger_entries::kind.eq("payment"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(payments, 1);
}
