//! Ordering in the portal: the cart (from a product's page and the quick-order box), the
//! checkout offering only what the customer may use, the order placed once however often the
//! checkout is sent, and a crafted choice refused by the server.

use crate::helpers::{PASSWORD, TestApp, TestClient, spawn_app, submission_key};
use actix_web::http::StatusCode;
use diesel::{RunQueryDsl, sql_query};

/// A customer (Net 30 term customer, COD off, 100.00 limit, blocking) that may order VALVE-1
/// at 9.99 and PIPE-2 at 2.50 on the Trade list, ships to one address; and its user, signed in.
pub async fn buyer(app: &TestApp) -> (i64, TestClient) {
    let c = app.create_customer("Alpha Plumbing", Some("A-1"));
    app.create_customer_user(c.id, "ann@alpha.test", PASSWORD);
    let id = c.id;
    for sql in [
        format!(
            "UPDATE customers SET sales_channel_id = (SELECT id FROM sales_channels WHERE name = 'Trade counter'), \
             term_customer = true, payment_terms_id = (SELECT id FROM payment_terms WHERE name = 'Net 30'), \
             credit_limit_cents = 10000, over_limit_policy = 'block', allow_cod = false WHERE id = {id}"
        ),
        "INSERT INTO products (sku, name, unit) VALUES ('VALVE-1', 'Ball valve', 'each'), ('PIPE-2', 'Copper pipe', 'm'), ('QUOTE-3', 'Custom rig', 'each')".into(),
        "INSERT INTO product_prices (product_id, price_list_id, price_cents) SELECT p.id, l.id, \
         CASE p.sku WHEN 'VALVE-1' THEN 999 ELSE 250 END FROM products p, price_lists l \
         WHERE l.name = 'Trade' AND p.sku IN ('VALVE-1', 'PIPE-2')".into(),
        "INSERT INTO catalog_products (catalog_id, product_id) SELECT c.id, p.id FROM catalogs c, products p \
         WHERE c.name = 'Standard catalog'".into(),
        format!("INSERT INTO customer_catalogs (customer_id, catalog_id) SELECT {id}, id FROM catalogs WHERE name = 'Standard catalog'"),
        format!("INSERT INTO customer_services (customer_id, service, status) VALUES ({id}, 'ordering', 'active')"),
        format!(
            "INSERT INTO customer_addresses (customer_id, kind, line1, city, postcode, country, is_default_shipping, is_primary) \
             VALUES ({id}, 'shipping', '1 Dock Road', 'Hamburg', '20457', 'DE', true, true)"
        ),
    ] {
        sql_query(sql).execute(&mut app.conn()).unwrap();
    }
    let ann = app.new_client();
    ann.portal_sign_in("ann@alpha.test", PASSWORD).await;
    (id, ann)
}

pub fn count(app: &TestApp, sql: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    sql_query(format!("SELECT ({sql})::bigint AS n"))
        .get_result::<N>(&mut app.conn())
        .unwrap()
        .n
}

fn product_id(app: &TestApp, sku: &str) -> i64 {
    count(app, &format!("SELECT id FROM products WHERE sku = '{sku}'"))
}

#[actix_web::test]
async fn a_buyer_fills_the_cart_and_places_the_order_once() {
    let app = spawn_app().await;
    let (customer, ann) = buyer(&app).await;
    let valve = product_id(&app, "VALVE-1");

    // From the product's page.
    let page = ann.get(&format!("/portal/products/{valve}")).await;
    assert!(
        page.html()
            .select(
                &scraper::Selector::parse("form[action='/portal/cart'] input[name=quantity]")
                    .unwrap()
            )
            .next()
            .is_some()
    );
    let added = ann
        .post(
            "/portal/cart",
            &[
                ("product_id", &valve.to_string()),
                ("quantity", "2"),
                ("for", &customer.to_string()),
            ],
        )
        .await;
    added.assert_redirect_to(&format!("/portal/cart?for={customer}"));

    // The quick-order box: good lines go in, the bad ones are named by number and kept.
    let quick = ann
        .post(
            "/portal/cart/quick",
            &[
                ("lines", "PIPE-2, 4\nNOPE-9, 1\n\nQUOTE-3, 1\nVALVE-1; 1"),
                ("for", &customer.to_string()),
            ],
        )
        .await;
    assert_eq!(
        quick.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        quick.body
    );
    let bad = quick.texts(".bad-lines li");
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(
        bad[0].starts_with("Line 2 (NOPE-9, 1):") && bad[0].contains("There is no product NOPE-9"),
        "{bad:?}"
    );
    assert!(
        bad[1].starts_with("Line 4 (QUOTE-3, 1):") && bad[1].contains("price on request"),
        "{bad:?}"
    );
    assert!(
        quick.body.contains(">NOPE-9, 1\nQUOTE-3, 1</textarea>"),
        "the bad lines are kept: {}",
        quick.body
    );

    // The cart: 3 valves (2 + 1) at 9.99 and 4 m of pipe at 2.50: 39.97.
    let cart = ann.get("/portal/cart").await;
    assert_eq!(cart.status, StatusCode::OK);
    assert_eq!(
        cart.texts("table.cart td[data-label=SKU]"),
        ["VALVE-1", "PIPE-2"],
        "by name: Ball valve, Copper pipe"
    );
    assert!(
        cart.text("table.cart tfoot").contains("39.97 EUR"),
        "{}",
        cart.text("table.cart tfoot")
    );

    // The checkout offers invoice (a term customer) and prepayment, not cash on delivery.
    let checkout = ann.get(&format!("/portal/checkout?for={customer}")).await;
    assert_eq!(checkout.status, StatusCode::OK);
    let payments: Vec<String> = checkout
        .html()
        .select(&scraper::Selector::parse("input[name=payment]").unwrap())
        .map(|e| e.value().attr("value").unwrap().to_string())
        .collect();
    assert_eq!(payments, ["invoice", "prepay"]);
    let delivery = checkout
        .attr("input[name=delivery][checked]", "value")
        .unwrap();
    assert!(
        delivery.starts_with("ship:"),
        "the default shipping address is chosen: {delivery}"
    );
    assert_eq!(
        checkout
            .attr("input[name=payment][checked]", "value")
            .as_deref(),
        Some("invoice"),
        "a term customer's form first offers its terms"
    );
    let key = checkout
        .attr("input[name=submission_key]", "value")
        .unwrap();

    // A crafted cash-on-delivery payment is refused by the server, and nothing is ordered.
    let crafted = ann
        .post(
            "/portal/checkout",
            &[
                ("for", &customer.to_string()),
                ("delivery", &delivery),
                ("payment", "cod"),
                ("submission_key", &key),
            ],
        )
        .await;
    assert_eq!(crafted.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        crafted.text("#payment-error").contains("not available"),
        "{}",
        crafted.body
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM orders WHERE customer_id = {customer}")
        ),
        0
    );

    // Another customer's address, and a store it may not pick up from (pickup is off), crafted
    // into the form: refused beside the delivery, nothing ordered.
    let other = app.create_customer("Beta Pipes", Some("B-2")).id;
    sql_query(format!(
        "INSERT INTO customer_addresses (customer_id, kind, line1, city, country, is_primary) \
         VALUES ({other}, 'shipping', '9 Other Way', 'Bremen', 'DE', true)"
    ))
    .execute(&mut app.conn())
    .unwrap();
    let theirs = count(
        &app,
        &format!("SELECT id FROM customer_addresses WHERE customer_id = {other}"),
    );
    let store = count(&app, "SELECT min(id) FROM stores");
    for crafted in [format!("ship:{theirs}"), format!("pickup:{store}")] {
        let refused = ann
            .post(
                "/portal/checkout",
                &[
                    ("for", &customer.to_string()),
                    ("delivery", &crafted),
                    ("payment", "invoice"),
                ],
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{crafted}"
        );
        assert!(!refused.text("#delivery-error").is_empty(), "{crafted}");
    }
    assert_eq!(count(&app, "SELECT count(*) FROM orders"), 0);

    // Placed on invoice with a PO number; sent twice (a double click), one order.
    let fields = [
        ("for", customer.to_string()),
        ("delivery", delivery.clone()),
        ("payment", "invoice".to_string()),
        ("customer_reference", "PO-4711".to_string()),
        ("submission_key", key.clone()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let placed = ann.post("/portal/checkout", &fields).await;
    assert_eq!(placed.status, StatusCode::SEE_OTHER, "{}", placed.body);
    let location = placed.location().unwrap().to_string();
    assert!(location.starts_with("/portal/orders/SO-"), "{location}");
    let again = ann.post("/portal/checkout", &fields).await;
    assert_eq!(again.location(), Some(location.as_str()));
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM orders WHERE customer_id = {customer}")
        ),
        1
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM cart_lines"),
        0,
        "the cart is emptied"
    );

    // The order's page: its lines at the prices fixed, its reference and payment.
    let order = ann.get(&location).await;
    assert_eq!(order.status, StatusCode::OK);
    assert!(order.body.contains("PO-4711") && order.body.contains("Send invoice"));
    assert!(order.body.contains("39.97 EUR") && order.body.contains("Copper pipe"));

    // Order again: what can still be ordered goes into the cart at today's price; the rest is
    // left out, and the message says which.
    sql_query("UPDATE products SET active = false WHERE sku = 'PIPE-2'")
        .execute(&mut app.conn())
        .unwrap();
    let again = ann.post(&format!("{location}/again"), &[]).await;
    again.assert_redirect_to(&format!("/portal/cart?for={customer}"));
    let cart = ann.get(&format!("/portal/cart?for={customer}")).await;
    assert!(
        cart.body
            .contains("These can no longer be ordered and were left out: PIPE-2."),
        "{}",
        cart.body
    );
    assert_eq!(cart.texts("table.cart td[data-label=SKU]"), ["VALVE-1"]);
    assert_eq!(
        cart.attr("table.cart input[name=quantity]", "value")
            .as_deref(),
        Some("3")
    );
}

#[actix_web::test]
async fn a_customer_that_may_not_order_gets_no_checkout() {
    let app = spawn_app().await;
    let (customer, ann) = buyer(&app).await;
    let valve = product_id(&app, "VALVE-1");
    ann.post(
        "/portal/cart",
        &[
            ("product_id", &valve.to_string()),
            ("quantity", "1"),
            ("for", &customer.to_string()),
        ],
    )
    .await;
    sql_query(format!(
        "UPDATE customers SET active = false WHERE id = {customer}"
    ))
    .execute(&mut app.conn())
    .unwrap();
    let cart = ann.get("/portal/cart").await;
    assert!(
        cart.text(".form-problem").contains("is marked inactive"),
        "{}",
        cart.body
    );
    assert!(!cart.body.contains("/portal/checkout"));
    let checkout = ann.get("/portal/checkout").await;
    let key = checkout
        .attr("input[name=submission_key]", "value")
        .unwrap();
    let placed = ann
        .post(
            "/portal/checkout",
            &[
                ("for", &customer.to_string()),
                ("payment", "prepay"),
                ("submission_key", &key),
            ],
        )
        .await;
    assert_eq!(placed.status, StatusCode::CONFLICT);
    assert_eq!(count(&app, "SELECT count(*) FROM orders"), 0);
}

#[actix_web::test]
async fn another_customers_cart_is_not_found() {
    let app = spawn_app().await;
    let (_, ann) = buyer(&app).await;
    let other = app.create_customer("Other Ltd", Some("O-1"));
    assert_eq!(
        ann.get(&format!("/portal/cart?for={}", other.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        ann.get(&format!("/portal/checkout?for={}", other.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let valve = product_id(&app, "VALVE-1");
    let res = ann
        .post(
            "/portal/cart",
            &[
                ("product_id", &valve.to_string()),
                ("quantity", "1"),
                ("for", &other.id.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Another customer's own product, pasted by SKU, reads exactly as one that does not exist.
    for sql in [
        "INSERT INTO products (sku, name, specific) VALUES ('OTHER-SPECIAL', 'Made for Other', true)".to_string(),
        format!(
            "INSERT INTO customer_products (customer_id, product_id) SELECT {}, id FROM products WHERE sku = 'OTHER-SPECIAL'",
            other.id
        ),
    ] {
        sql_query(sql).execute(&mut app.conn()).unwrap();
    }
    let quick = ann
        .post(
            "/portal/cart/quick",
            &[("lines", "OTHER-SPECIAL, 1\nNO-SUCH-SKU, 1")],
        )
        .await;
    assert_eq!(quick.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad = quick.texts(".bad-lines li");
    assert_eq!(
        bad,
        [
            "Line 1 (OTHER-SPECIAL, 1): There is no product OTHER-SPECIAL that you can order.",
            "Line 2 (NO-SUCH-SKU, 1): There is no product NO-SUCH-SKU that you can order.",
        ]
    );
    assert_eq!(count(&app, "SELECT count(*) FROM cart_lines"), 0);
}

#[actix_web::test]
async fn a_double_click_adds_to_the_cart_and_orders_again_once() {
    let app = spawn_app().await;
    let (customer, ann) = buyer(&app).await;
    let valve = product_id(&app, "VALVE-1").to_string();
    let quantity = || {
        count(
            &app,
            &format!(
                "SELECT coalesce(sum(quantity), 0) FROM cart_lines WHERE customer_id = {customer}"
            ),
        )
    };
    // "Add to cart" clicked twice: the same form's key, one line of 2.
    let key = submission_key();
    let add = [
        ("product_id", valve.as_str()),
        ("quantity", "2"),
        ("submission_key", &key),
    ];
    ann.post("/portal/cart", &add)
        .await
        .assert_redirect_to(&format!("/portal/cart?for={customer}"));
    ann.post("/portal/cart", &add)
        .await
        .assert_redirect_to(&format!("/portal/cart?for={customer}"));
    assert_eq!(quantity(), 2);
    // The quick-order box sent twice.
    let key = submission_key();
    let quick = [("lines", "PIPE-2, 3"), ("submission_key", key.as_str())];
    ann.post("/portal/cart/quick", &quick).await;
    ann.post("/portal/cart/quick", &quick).await;
    assert_eq!(quantity(), 5);
    // Placed, then "order again" clicked twice: its lines once.
    let checkout = ann.get("/portal/checkout").await;
    let key = checkout
        .attr("input[name=submission_key]", "value")
        .unwrap();
    let delivery = checkout
        .attr("input[name=delivery][checked]", "value")
        .unwrap();
    let placed = ann
        .post(
            "/portal/checkout",
            &[
                ("delivery", &delivery),
                ("payment", "prepay"),
                ("submission_key", &key),
            ],
        )
        .await;
    let order = placed.location().unwrap().to_string();
    assert_eq!(quantity(), 0);
    let page = ann.get(&order).await;
    let key = page
        .attr(
            &format!("form[action='{order}/again'] input[name=submission_key]"),
            "value",
        )
        .expect("the order page's order-again form has its key");
    let again = [("submission_key", key.as_str())];
    ann.post(&format!("{order}/again"), &again).await;
    ann.post(&format!("{order}/again"), &again).await;
    assert_eq!(quantity(), 5);
}

#[actix_web::test]
async fn a_paste_naming_a_product_twice_adds_up_and_a_full_cart_takes_no_new_product() {
    let app = spawn_app().await;
    let (customer, ann) = buyer(&app).await;
    let line = |sku: &str| {
        count(
            &app,
            &format!(
                "SELECT coalesce(sum(l.quantity), 0) FROM cart_lines l JOIN products p ON p.id = l.product_id \
                 WHERE l.customer_id = {customer} AND p.sku = '{sku}'"
            ),
        )
    };
    // One line per product however it is spelled: 1 + 2 pipes and a valve.
    let quick = ann
        .post(
            "/portal/cart/quick",
            &[("lines", "PIPE-2, 1\npipe-2 2\nVALVE-1")],
        )
        .await;
    quick.assert_redirect_to(&format!("/portal/cart?for={customer}"));
    assert_eq!((line("PIPE-2"), line("VALVE-1")), (3, 1));

    // 198 more products in the cart make 200 lines, the most an order takes: more of a product
    // already in it still goes in, a new one is named as the line that did not fit.
    for sql in [
        "INSERT INTO products (sku, name, unit) SELECT 'BULK-' || i, 'Bulk ' || i, 'each' FROM generate_series(1, 199) i".to_string(),
        "INSERT INTO product_prices (product_id, price_list_id, price_cents) SELECT p.id, l.id, 100 \
         FROM products p, price_lists l WHERE l.name = 'Trade' AND p.sku LIKE 'BULK-%'".into(),
        "INSERT INTO catalog_products (catalog_id, product_id) SELECT c.id, p.id FROM catalogs c, products p \
         WHERE c.name = 'Standard catalog' AND p.sku LIKE 'BULK-%'".into(),
        format!(
            "INSERT INTO cart_lines (user_id, customer_id, product_id, quantity) \
             SELECT u.id, {customer}, p.id, 1 FROM customer_users u, products p \
             WHERE u.email = 'ann@alpha.test' AND p.sku LIKE 'BULK-%' AND p.sku <> 'BULK-199'"
        ),
    ] {
        sql_query(sql).execute(&mut app.conn()).unwrap();
    }
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM cart_lines WHERE customer_id = {customer}")
        ),
        200
    );
    let full = ann
        .post(
            "/portal/cart/quick",
            &[("lines", "VALVE-1, 2\nBULK-199, 1\nPIPE-2 1")],
        )
        .await;
    assert_eq!(
        full.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        full.body
    );
    let bad = full.texts(".bad-lines li");
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0].starts_with("Line 2 (BULK-199, 1):") && bad[0].contains("200"),
        "{bad:?}"
    );
    assert_eq!(
        (line("VALVE-1"), line("PIPE-2"), line("BULK-199")),
        (3, 4, 0)
    );
}

#[actix_web::test]
async fn a_product_taken_out_of_the_catalog_after_it_went_into_the_cart_is_left_out_of_the_order() {
    let app = spawn_app().await;
    let (customer, ann) = buyer(&app).await;
    let quick = ann
        .post("/portal/cart/quick", &[("lines", "VALVE-1, 2\nPIPE-2, 4")])
        .await;
    quick.assert_redirect_to(&format!("/portal/cart?for={customer}"));
    // The pipe leaves the customer's catalog: the cart no longer shows it, nor does the order
    // hold it; the valves are placed.
    sql_query(
        "DELETE FROM catalog_products WHERE product_id = (SELECT id FROM products WHERE sku = 'PIPE-2')",
    )
    .execute(&mut app.conn())
    .unwrap();
    let cart = ann.get(&format!("/portal/cart?for={customer}")).await;
    assert_eq!(cart.texts("table.cart td[data-label=SKU]"), ["VALVE-1"]);
    let told = "No longer available to order, so not part of the order: PIPE-2.";
    assert_eq!(
        cart.texts("main .notice[role=status]"),
        [told],
        "the cart says so"
    );
    let checkout = ann.get(&format!("/portal/checkout?for={customer}")).await;
    assert_eq!(
        checkout.texts("main .notice[role=status]"),
        [told],
        "so does the checkout"
    );
    let delivery = checkout
        .attr("input[name=delivery][checked]", "value")
        .unwrap();
    let place = |key: String| {
        [
            ("for", customer.to_string()),
            ("delivery", delivery.clone()),
            ("payment", "invoice".to_string()),
            ("submission_key", key),
        ]
    };
    let fields = place(submission_key());
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let placed = ann.post("/portal/checkout", &fields).await;
    assert_eq!(placed.status, StatusCode::SEE_OTHER, "{}", placed.body);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM order_lines l JOIN products p ON p.id = l.product_id WHERE p.sku = 'VALVE-1' AND l.quantity = 2"
        ),
        1
    );
    assert_eq!(count(&app, "SELECT count(*) FROM order_lines"), 1);
    assert_eq!(
        count(&app, "SELECT sum(total_cents) FROM orders"),
        1998,
        "the order's value is the valves' alone"
    );

    // A cart holding only what the customer no longer sees orders nothing, and says it is
    // empty.
    sql_query(format!(
        "INSERT INTO cart_lines (user_id, customer_id, product_id, quantity) \
         SELECT u.id, {customer}, p.id, 1 FROM customer_users u, products p \
         WHERE u.email = 'ann@alpha.test' AND p.sku = 'PIPE-2'"
    ))
    .execute(&mut app.conn())
    .unwrap();
    let fields = place(submission_key());
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = ann.post("/portal/checkout", &fields).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("Add at least one product to order."),
        "{}",
        refused.body
    );
    assert_eq!(count(&app, "SELECT count(*) FROM orders"), 1);
}
