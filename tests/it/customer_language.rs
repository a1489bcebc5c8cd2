//! The language a customer is written to in: chosen on the customer form ("From its country" or
//! one of the languages spoken here), saved with the other fields, shown on its page, and an
//! unknown code refused beside the field.

use crate::helpers::{PASSWORD, TestApp, spawn_app};
use actix_web::http::StatusCode;
use clientele::models::{access::staff::Role, customers::customer::Customer, reference::Reference};

async fn signed_in_app() -> TestApp {
    let app = spawn_app().await;
    app.create_staff("sam@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("sam@example.com", PASSWORD).await;
    app
}

/// The fields a new customer needs, with `language` as given.
fn form(app: &TestApp, language: &str) -> Vec<(&'static str, String)> {
    let store = Reference::load(&mut app.conn()).unwrap().stores[0].id;
    vec![
        ("kind", "customer".into()),
        ("legal_name", "Brauerei Aschau GmbH".into()),
        ("customer_type", "business".into()),
        ("default_store_id", store.to_string()),
        ("over_limit_policy", "warn".into()),
        ("sales_tax_type", "taxable".into()),
        ("credit_limit", "0.00".into()),
        ("discount", "0".into()),
        ("active", "on".into()),
        ("language", language.into()),
    ]
}

async fn post(
    app: &TestApp,
    path: &str,
    fields: &[(&'static str, String)],
) -> crate::helpers::TestResponse {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post(path, &pairs).await
}

#[actix_web::test]
async fn the_form_offers_the_country_or_each_language_by_its_own_name() {
    let app = signed_in_app().await;
    let res = app.get("/customers/new").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.text("label[for=language]"), "Language for emails");
    assert_eq!(
        res.texts("#language option"),
        ["From its country", "Deutsch", "English"]
    );
    assert_eq!(res.attr("#language option[selected]", "value"), None);
    assert_eq!(
        res.attr("#language option:first-child", "value").as_deref(),
        Some("")
    );
}

#[actix_web::test]
async fn the_chosen_language_is_saved_shown_and_can_be_changed_back_to_the_country() {
    let app = signed_in_app().await;
    let res = post(&app, "/customers", &form(&app, "de")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let path = res.location().unwrap().to_string();
    let id: i64 = path.trim_start_matches("/customers/").parse().unwrap();
    let saved = Customer::find(&mut app.conn(), id).unwrap();
    assert_eq!(saved.language.as_deref(), Some("de"));

    let page = app.get(&path).await;
    assert_eq!(page.text("#customer-language"), "Deutsch");
    let edit = app.get(&format!("{path}/edit")).await;
    assert_eq!(
        edit.attr("#language option[selected]", "value").as_deref(),
        Some("de")
    );

    // Back to the country's language: stored as NULL, and the page says so.
    let mut fields = form(&app, "");
    fields.push(("lock_version", saved.lock_version.to_string()));
    let res = post(&app, &path, &fields).await;
    res.assert_redirect_to(&path);
    let saved = Customer::find(&mut app.conn(), id).unwrap();
    assert_eq!(saved.language, None);
    assert_eq!(
        app.get(&path).await.text("#customer-language"),
        "From its country"
    );
    // The change is in the customer's history, by the language's name.
    let history = app.get(&format!("{path}/history")).await;
    assert!(
        history.body.contains("Language for emails"),
        "{}",
        history.body
    );
}

#[actix_web::test]
async fn an_unknown_language_is_refused_beside_the_field_and_nothing_is_saved() {
    let app = signed_in_app().await;
    for code in ["fr", "xx", "deutsch"] {
        let res = post(&app, "/customers", &form(&app, code)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{code}");
        assert_eq!(
            res.text("#language-error"),
            "Choose a language from the list.",
            "{code}"
        );
        assert_eq!(
            res.attr("#language", "aria-invalid").as_deref(),
            Some("true")
        );
    }
    assert_eq!(Customer::count(&mut app.conn()).unwrap(), 0);
}

#[actix_web::test]
async fn in_german_the_field_and_its_message_are_german() {
    let app = signed_in_app().await;
    let res = app.get("/customers/new?lang=de").await;
    assert_eq!(res.text("label[for=language]"), "Sprache für E-Mails");
    assert_eq!(res.text("#language option:first-child"), "Nach seinem Land");
    let res = post(&app, "/customers", &form(&app, "xx")).await;
    assert_eq!(
        res.text("#language-error"),
        "Wählen Sie eine Sprache aus der Liste."
    );
}

#[actix_web::test]
async fn the_customer_pages_read_in_german_with_german_amounts() {
    use chrono::{TimeZone, Utc};
    use clientele::domain::{OrderChannel, OrderStatus};
    use clientele::models::orders::order::OrderFields;
    let app = signed_in_app().await;
    // The switch keeps German for the session.
    let list = app.get("/customers?lang=de").await;
    assert_eq!(list.text("h1"), "Kunden");
    assert_eq!(list.text("#list-count"), "0 Kunden.");

    // An amount typed the German way is read the German way.
    let mut fields = form(&app, "");
    fields.retain(|(k, _)| *k != "credit_limit");
    fields.push(("credit_limit", "1.234,50".into()));
    let res = post(&app, "/customers", &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let path = res.location().unwrap().to_string();
    let id: i64 = path.trim_start_matches("/customers/").parse().unwrap();
    let c = Customer::find(&mut app.conn(), id).unwrap();
    assert_eq!(c.credit_limit_cents, 123_450);
    OrderFields {
        order_number: "SO-0000001".into(),
        customer_id: id,
        placed_at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
        status: OrderStatus::Allocated,
        total_cents: 123_450,
        currency: "EUR".into(),
        invoice_number: None,
        tracking_number: None,
        channel: OrderChannel::Web,
        channel_order_id: None,
        channel_user_id: None,
    }
    .insert(&mut app.conn())
    .unwrap();

    let page = app.get(&path).await;
    assert!(page.text(".flash--success").contains("wurde angelegt"));
    assert_eq!(page.text("#overview-heading"), "Übersicht");
    assert_eq!(page.text("#contact-heading"), "Kontaktdaten");
    assert_eq!(
        page.text("#recent-orders-heading"),
        "Bestellungen (1) · Wert 1.234,50 €"
    );
    assert!(
        page.texts(".facts dd.money")
            .contains(&"1.234,50".to_string())
    );
    let edit = app.get(&format!("{path}/edit")).await;
    assert_eq!(
        edit.attr("#credit_limit", "value").as_deref(),
        Some("1.234,50")
    );
    assert_eq!(
        edit.text(".record-form button[type=submit]"),
        "Änderungen speichern"
    );
    let orders = app.get(&format!("{path}/orders")).await;
    assert!(orders.text(".orders tbody tr").contains("1.234,50 €"));
    assert!(orders.text(".orders tbody tr").contains("2. März 2026"));
    let delete = app.get(&format!("{path}/delete")).await;
    assert!(
        delete.text(".form-card li").contains("er hat 1 Bestellung"),
        "{}",
        delete.text("section")
    );
    let dashboard = app.get("/").await;
    assert_eq!(
        dashboard.text("#recent-orders-heading"),
        "Letzte Bestellungen"
    );
}
