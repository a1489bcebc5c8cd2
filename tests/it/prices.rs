//! Customer price files: the ERP's `PUT /api/v1/customers/{id}/prices` (its scope, the
//! price-files integration, all or nothing with line-numbered errors) and the same file uploaded
//! by staff on the Catalogs and products tab; a contract price overrides the list price less
//! discount in the portal, in the cart, at checkout and on the order line, from its minimum
//! quantity on and only between its days.

use crate::api::api_client;
use crate::helpers::{PASSWORD, TestApp, TestClient, TestResponse, spawn_app, submission_key};
use crate::placing::{Shop, checkout, place, shop};
use actix_web::http::StatusCode;
use clientele::{
    domain::PaymentMethod,
    models::{access::staff::Role, catalogs::portal_catalog},
    schema::{customer_history, customer_prices, customer_services, customers, order_lines},
};
use diesel::prelude::*;
use serde_json::Value;

fn json(res: &TestResponse) -> Value {
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", res.body))
}

async fn put_prices(app: &TestApp, token: &str, customer_id: i64, body: &str) -> TestResponse {
    let bearer = format!("Bearer {token}");
    TestClient::new(&app.address)
        .send_json(
            ("PUT", &format!("/api/v1/customers/{customer_id}/prices")),
            body,
            &[("Authorization", bearer.as_str())],
        )
        .await
}

fn allow_price_files(app: &TestApp, customer_id: i64) {
    diesel::insert_into(customer_services::table)
        .values((
            customer_services::customer_id.eq(customer_id),
            customer_services::service.eq("price_files"),
            customer_services::status.eq("active"),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

/// What customer `s` pays for one of its product at `quantity`, and whether it is a contract
/// price, as an order prices its line.
fn your_price(app: &TestApp, s: &Shop, quantity: i32) -> (i64, bool) {
    let p = portal_catalog::for_order(
        &mut app.conn(),
        s.customer_id,
        (&[(s.product_id, quantity)], false),
    )
    .unwrap()
    .pop()
    .expect("the product is visible");
    (p.your_price.unwrap().0, p.contract)
}

fn sku(s: &Shop) -> String {
    format!("VLV-{}", s.customer_id)
}

fn error_fields(doc: &Value) -> Vec<String> {
    doc["errors"]
        .as_array()
        .expect("a 422 lists its errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn the_erps_price_file_replaces_the_contract_prices_all_or_nothing_under_its_integration() {
    let app = spawn_app().await;
    let s = shop(&app, "Contract Plumbing GmbH");
    let (_, token) = api_client(&app, "ERP", &["prices:write"]);
    let (_, reader) = api_client(&app, "Reader", &["customers:read"]);
    let sku = sku(&s);
    // 12.34 less 10 % is 11.106: 11.11.
    assert_eq!(your_price(&app, &s, 1), (1111, false));
    let file = format!(
        r#"{{"prices": [{{"sku": "{sku}", "price_cents": 1000}}, {{"sku": "{}", "price_cents": 800, "min_quantity": 10}}]}}"#,
        sku.to_lowercase()
    );

    let res = put_prices(&app, &reader, s.customer_id, &file).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    let res = put_prices(&app, &token, s.customer_id, &file).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(
        json(&res)["detail"]
            .as_str()
            .unwrap()
            .contains("Price files"),
        "{}",
        res.body
    );
    allow_price_files(&app, s.customer_id);
    let res = put_prices(&app, &token, s.customer_id + 1000, &file).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);

    let res = put_prices(&app, &token, s.customer_id, &file).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(json(&res)["prices"], 2);
    assert_eq!(json(&res)["currency"], "EUR");
    assert_eq!(
        your_price(&app, &s, 1),
        (1000, true),
        "the contract price, no discount on it"
    );
    assert_eq!(your_price(&app, &s, 9), (1000, true));
    assert_eq!(
        your_price(&app, &s, 10),
        (800, true),
        "from its minimum quantity on"
    );
    let again = put_prices(&app, &token, s.customer_id, &file).await;
    assert_eq!(
        json(&again)["prices"],
        2,
        "the same file again leaves the same prices"
    );
    let (who, old, new): (Option<String>, Option<String>, Option<String>) = customer_history::table
        .filter(customer_history::customer_id.eq(s.customer_id))
        .filter(customer_history::entity.eq("prices"))
        .order(customer_history::id.desc())
        .select((
            customer_history::actor_label,
            customer_history::old_value,
            customer_history::new_value,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(who.as_deref(), Some("API: ERP"));
    assert_eq!((old.as_deref(), new.as_deref()), (Some("2"), Some("2")));

    // The order line is charged the contract price for its quantity.
    let placed = place(&app, &checkout(&s, 10, PaymentMethod::Invoice)).unwrap();
    let unit: i64 = order_lines::table
        .filter(order_lines::order_id.eq(placed.id))
        .select(order_lines::unit_cents)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(unit, 800);

    // Any wrong line refuses the whole file, each named; nothing changes.
    let bad = format!(
        r#"{{"prices": [{{"sku": "{sku}", "price_cents": 700}}, {{"sku": "NOPE", "price_cents": 1}}, {{"sku": "{sku}", "price_cents": -5, "min_quantity": 5}}, {{"sku": "{sku}", "price_cents": 600}}, {{"sku": "{sku}", "price_cents": 1, "min_quantity": 0, "valid_from": "2026-02-01", "valid_to": "2026-01-01"}}]}}"#
    );
    let res = put_prices(&app, &token, s.customer_id, &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert_eq!(
        error_fields(&json(&res)),
        [
            "prices[2].price_cents",
            "prices[3].sku",
            "prices[4].min_quantity",
            "prices[4].valid_to"
        ],
        "{}",
        res.body
    );
    let unknown = format!(
        r#"{{"prices": [{{"sku": "{sku}", "price_cents": 700}}, {{"sku": "NOPE", "price_cents": 1}}]}}"#
    );
    let res = put_prices(&app, &token, s.customer_id, &unknown).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert_eq!(error_fields(&json(&res)), ["prices[1].sku"]);
    assert!(res.body.contains("No product has this SKU"), "{}", res.body);
    assert_eq!(your_price(&app, &s, 1), (1000, true), "nothing written");

    // An empty file removes them all: the list price less discount again.
    let res = put_prices(&app, &token, s.customer_id, r#"{"prices": []}"#).await;
    assert_eq!(json(&res)["prices"], 0, "{}", res.body);
    assert_eq!(your_price(&app, &s, 1), (1111, false));

    // A customer without a price list has no currency for contract prices.
    diesel::update(customers::table.find(s.customer_id))
        .set(customers::sales_channel_id.eq(None::<i64>))
        .execute(&mut app.conn())
        .unwrap();
    let res = put_prices(&app, &token, s.customer_id, &file).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.body.contains("no price list"), "{}", res.body);
}

#[actix_web::test]
async fn a_contract_price_holds_only_between_its_days_the_latest_start_winning() {
    let app = spawn_app().await;
    let s = shop(&app, "Seasonal Trade GmbH");
    allow_price_files(&app, s.customer_id);
    let (_, token) = api_client(&app, "ERP", &["prices:write"]);
    let sku = sku(&s);
    let today = chrono::Utc::now().date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    let file = format!(
        r#"{{"prices": [
            {{"sku": "{sku}", "price_cents": 900, "valid_to": "{}"}},
            {{"sku": "{sku}", "price_cents": 700, "valid_from": "{}"}},
            {{"sku": "{sku}", "price_cents": 500, "min_quantity": 5, "valid_from": "{}", "valid_to": "{}"}},
            {{"sku": "{sku}", "price_cents": 450, "min_quantity": 5, "valid_from": "{}", "valid_to": "{}"}}
        ]}}"#,
        day(-1),
        day(1),
        day(-30),
        day(30),
        day(-2),
        day(0)
    );
    let res = put_prices(&app, &token, s.customer_id, &file).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        your_price(&app, &s, 1),
        (1111, false),
        "one ended yesterday, one starts tomorrow: the list price less discount"
    );
    assert_eq!(
        your_price(&app, &s, 5),
        (450, true),
        "of two that hold, the one that started last; its last day included"
    );
    let stored: i64 = customer_prices::table
        .filter(customer_prices::customer_id.eq(s.customer_id))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(stored, 4);
}

#[actix_web::test]
async fn the_portal_shows_the_contract_price_and_the_cart_charges_it_by_quantity() {
    let app = spawn_app().await;
    let s = shop(&app, "Portal Contract GmbH");
    allow_price_files(&app, s.customer_id);
    let (_, token) = api_client(&app, "ERP", &["prices:write"]);
    let sku = sku(&s);
    let file = format!(
        r#"{{"prices": [{{"sku": "{sku}", "price_cents": 1000}}, {{"sku": "{sku}", "price_cents": 800, "min_quantity": 10}}]}}"#
    );
    assert_eq!(
        put_prices(&app, &token, s.customer_id, &file).await.status,
        StatusCode::OK
    );
    app.create_customer_user(s.customer_id, "buyer@contract.test", PASSWORD);
    let buyer = app.new_client();
    buyer.portal_sign_in("buyer@contract.test", PASSWORD).await;

    let list = buyer.get("/portal/products").await;
    let price = list.text("table.products td[data-label='Your price']");
    assert!(
        price.contains("10.00 EUR") && price.contains("Contract price"),
        "{price}"
    );
    assert!(
        list.text("table.products td[data-label='List price']")
            .contains("12.34 EUR")
    );
    let product = buyer
        .get(&format!("/portal/products/{}", s.product_id))
        .await;
    assert_eq!(
        product.texts("#contract-prices li"),
        ["10.00 EUR", "From 10: 8.00 EUR"]
    );

    let added = buyer
        .post(
            "/portal/cart",
            &[
                ("product_id", &s.product_id.to_string()),
                ("for", &s.customer_id.to_string()),
                ("quantity", "10"),
                ("submission_key", &submission_key()),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let cart = buyer.get("/portal/cart").await;
    let line = cart.text("td[data-label='Your price']");
    assert!(
        line.contains("8.00 EUR") && line.contains("Contract price"),
        "{line}"
    );
    assert!(cart.body.contains("80.00 EUR"), "the line at 10 × 8.00");

    // In German, too.
    let german = app.new_client();
    german.portal_sign_in("buyer@contract.test", PASSWORD).await;
    let de = german
        .get_with("/portal/products", &[("Accept-Language", "de")])
        .await;
    assert!(de.body.contains("Vertragspreis"), "{}", de.body);
}

/// An administrator's client on customer `id`'s Catalogs and products tab.
async fn editor(app: &TestApp) -> TestClient {
    let client = app.new_client();
    app.create_staff("editor@vendor.test", PASSWORD, &[Role::Admin]);
    client.sign_in("editor@vendor.test", PASSWORD).await;
    client
}

#[actix_web::test]
async fn staff_upload_the_price_file_on_the_catalogs_tab_and_download_what_it_holds() {
    let _turn = crate::import_page::uploads_turn().await;
    let app = spawn_app().await;
    let s = shop(&app, "Uploaded Prices GmbH");
    let sku = sku(&s);
    let staff = editor(&app).await;
    let tab = format!("/customers/{}/catalogs", s.customer_id);
    let action = format!("/customers/{}/prices", s.customer_id);
    let page = staff.get(&tab).await;
    assert_eq!(page.text("#contract-prices-count"), "No contract prices.");
    let key = staff.form_key(&tab, &action).await;

    // A wrong line: nothing written, the line named beside the field.
    let wrong = format!("sku,price,min_quantity\n{sku},9.50,\nNOPE,1.00,\n{sku},x,5\n");
    let res =
        crate::double_submit::upload(&staff, &action, &key, &[("my prices.csv", &wrong)]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert_eq!(
        res.text("#files-error"),
        "Line 4: The price \"x\" cannot be read (prices like 8.50, whole quantities, days like 2026-12-31)."
    );
    let unknown = format!("sku,price\n{sku},9.50\nNOPE,1.00\n");
    let res =
        crate::double_submit::upload(&staff, &action, &key, &[("my prices.csv", &unknown)]).await;
    assert_eq!(res.text("#files-error"), "Line 3: No product has this SKU.");
    assert_eq!(your_price(&app, &s, 1), (1111, false), "nothing written");

    // The file applies, once for its key, even sent twice; the upload needs no integration.
    let good = format!(
        "sku,price,min_quantity,valid_from,valid_to\n{sku},9.50,,,\n{sku},8.00,10,2020-01-01,\n"
    );
    let first =
        crate::double_submit::upload(&staff, &action, &key, &[("my prices.csv", &good)]).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let page = staff.get(&tab).await;
    assert!(
        page.text(".flash--success")
            .contains("Contract prices replaced: 2 prices in EUR.")
    );
    assert!(
        page.text("#contract-prices-count")
            .starts_with("2 contract prices. Last price file:")
    );
    let again =
        crate::double_submit::upload(&staff, &action, &key, &[("my prices.csv", &good)]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let changes: i64 = customer_history::table
        .filter(customer_history::customer_id.eq(s.customer_id))
        .filter(customer_history::entity.eq("prices"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(changes, 1, "one file applied once");
    assert_eq!(your_price(&app, &s, 12), (800, true));

    let csv = staff
        .get(&format!("/customers/{}/prices.csv", s.customer_id))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(
        csv.body,
        format!(
            "sku,price,min_quantity,valid_from,valid_to\n{sku},9.50,1,,\n{sku},8.00,10,2020-01-01,\n"
        )
    );

    // A German spreadsheet's file: semicolons and decimal commas.
    let key = staff.form_key(&tab, &action).await;
    let german = format!("sku;price\n{sku};7,25\n");
    let res = crate::double_submit::upload(&staff, &action, &key, &[("preise.csv", &german)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(your_price(&app, &s, 12), (725, true));

    // The customer's page says how price files reach the portal.
    let show = staff.get(&format!("/customers/{}", s.customer_id)).await;
    assert!(
        show.text("#price-list-email-note")
            .contains("Catalogs and products tab")
    );
}

#[actix_web::test]
async fn only_administrators_and_digital_administrators_upload_a_price_file() {
    let _turn = crate::import_page::uploads_turn().await;
    let app = spawn_app().await;
    let s = shop(&app, "Guarded Prices GmbH");
    app.create_staff("clerk@vendor.test", PASSWORD, &[Role::Staff]);
    let clerk = app.new_client();
    clerk.sign_in("clerk@vendor.test", PASSWORD).await;
    let tab = clerk
        .get(&format!("/customers/{}/catalogs", s.customer_id))
        .await;
    assert_eq!(tab.status, StatusCode::OK);
    assert!(
        tab.html()
            .select(&scraper::Selector::parse("form[enctype]").unwrap())
            .next()
            .is_none()
    );
    let res = crate::double_submit::upload(
        &clerk,
        &format!("/customers/{}/prices", s.customer_id),
        &submission_key(),
        &[("prices.csv", "sku,price\n")],
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
