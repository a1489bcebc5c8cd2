//! An order's emails, delivered to a real SMTP server on loopback: the confirmation to the user
//! who ordered, the contacts subscribed to order confirmations and the bill-to customer's
//! contacts subscribed to sell-to confirmations; the shipment with its tracking number to those
//! subscribed to shipment notifications; the cancellation with its reason to the user and the
//! primary contact. Each in its recipient's language.

use crate::checkout::{buyer, count};
use crate::helpers::{PASSWORD, TestApp};
use crate::mail::app_sending_to;
use crate::smtp_sink::SmtpSink;
use clientele::models::access::staff::Role;
use diesel::{RunQueryDsl, sql_query};
use std::collections::BTreeSet;

pub fn run(app: &TestApp, sql: &str) {
    sql_query(sql).execute(&mut app.conn()).unwrap();
}

pub fn contact(app: &TestApp, customer: i64, email: &str, primary: bool, subscriptions: &str) {
    run(
        app,
        &format!(
            "INSERT INTO customer_contacts (customer_id, name, email, is_primary, subscriptions) \
             VALUES ({customer}, '{email}', '{email}', {primary}, '{{{subscriptions}}}')"
        ),
    );
}

#[actix_web::test]
async fn order_emails_reach_whoever_each_is_for_in_their_language() {
    let sink = SmtpSink::start();
    let app = app_sending_to(&sink.url(), &[]).await;
    app.create_staff("ada@vendor.test", PASSWORD, &[Role::Staff, Role::Admin]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    let (customer, ann) = buyer(&app).await;
    // The customer reads German; its bill-to customer English.
    run(
        &app,
        &format!("UPDATE customers SET language = 'de' WHERE id = {customer}"),
    );
    let bill_to = app.create_customer("Alpha Holding", Some("B-1")).id;
    run(
        &app,
        &format!("UPDATE customers SET bill_to_id = {bill_to} WHERE id = {customer}"),
    );
    contact(
        &app,
        customer,
        "orders@alpha.test",
        false,
        "order_confirmation",
    );
    contact(
        &app,
        customer,
        "ship@alpha.test",
        false,
        "shipment_notification",
    );
    contact(&app, customer, "boss@alpha.test", true, "");
    contact(
        &app,
        bill_to,
        "ap@holding.test",
        false,
        "sell_to_order_confirmation",
    );
    contact(
        &app,
        bill_to,
        "own@holding.test",
        false,
        "order_confirmation,shipment_notification",
    );

    // Ann orders in the portal, with a PO number.
    let valve = count(&app, "SELECT id FROM products WHERE sku = 'VALVE-1'");
    let order = |reference: &'static str| {
        let ann = &ann;
        async move {
            ann.post(
                "/portal/cart",
                &[("product_id", &valve.to_string()), ("quantity", "2")],
            )
            .await;
            let form = ann.get("/portal/checkout").await;
            let delivery = form.attr("input[name=delivery][checked]", "value").unwrap();
            let placed = ann
                .post(
                    "/portal/checkout",
                    &[
                        ("delivery", &delivery),
                        ("payment", "invoice"),
                        ("customer_reference", reference),
                    ],
                )
                .await;
            assert_eq!(placed.status, actix_web::http::StatusCode::SEE_OTHER);
            placed
                .location()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        }
    };
    let number = order("PO-9").await;
    let got = sink.wait_for(3).await;
    let to: BTreeSet<String> = got.iter().flat_map(|m| m.header("To")).collect();
    let addresses: BTreeSet<&str> =
        ["ann@alpha.test", "orders@alpha.test", "ap@holding.test"].into();
    assert_eq!(to.len(), 3, "{to:?}");
    for a in &addresses {
        assert!(to.iter().any(|t| t.contains(a)), "{a} missing from {to:?}");
    }
    let to_ann = &sink.to("ann@alpha.test")[0];
    assert_eq!(to_ann.subject(), format!("Bestellung {number} eingegangen"));
    assert!(to_ann.text().contains("PO-9") && to_ann.text().contains("Ball valve"));
    assert!(to_ann.text().contains("19,98"), "{}", to_ann.text());
    let to_holding = &sink.to("ap@holding.test")[0];
    assert_eq!(to_holding.subject(), format!("Order {number} received"));

    // The desk ships it: the shipment notification with the tracking number.
    let id = count(
        &app,
        &format!("SELECT id FROM orders WHERE order_number = '{number}'"),
    );
    app.post(&format!("/orders/{id}/allocation"), &[]).await;
    let shipped = app
        .post(
            &format!("/orders/{id}/shipment"),
            &[("carrier", "DHL"), ("tracking_number", "JD014600006281")],
        )
        .await;
    shipped.assert_redirect_to(&format!("/orders/{id}"));
    sink.wait_for(4).await;
    let notice = sink.to("ship@alpha.test");
    assert_eq!(notice.len(), 1);
    assert!(
        notice[0].subject().contains("JD014600006281"),
        "{}",
        notice[0].subject()
    );
    assert!(notice[0].text().contains("DHL"));

    // A second order, cancelled with a reason: to Ann and the primary contact.
    let second = order("PO-10").await;
    sink.wait_for(7).await;
    let id = count(
        &app,
        &format!("SELECT id FROM orders WHERE order_number = '{second}'"),
    );
    app.post(
        &format!("/orders/{id}/cancellation"),
        &[("reason", "Discontinued by the maker")],
    )
    .await
    .assert_redirect_to(&format!("/orders/{id}"));
    let all = sink.wait_for(9).await;
    let cancelled: Vec<_> = all
        .iter()
        .filter(|m| m.subject().contains("storniert") || m.subject().contains("cancelled"))
        .collect();
    assert_eq!(cancelled.len(), 2);
    let cancelled_to: BTreeSet<String> = cancelled.iter().flat_map(|m| m.header("To")).collect();
    assert!(cancelled_to.iter().any(|t| t.contains("ann@alpha.test")));
    assert!(cancelled_to.iter().any(|t| t.contains("boss@alpha.test")));
    assert!(
        cancelled
            .iter()
            .all(|m| m.text().contains("Discontinued by the maker"))
    );
    // Nobody else heard anything.
    assert!(sink.to("own@holding.test").is_empty());
    assert_eq!(sink.received().len(), 9);
}
