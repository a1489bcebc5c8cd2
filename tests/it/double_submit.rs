//! Forms that create something act once: the same submission (its one-time key) sent again
//! answers the first answer's 303 and writes nothing more, even when both arrive at once. Each
//! create route is sent twice here, from its own page's form as a browser fills it.

use crate::helpers::{PASSWORD, TestApp, TestClient, TestResponse, spawn_app, submission_key};
use actix_web::http::StatusCode;
use clientele::models::staff::Role;
use diesel::{RunQueryDsl, sql_types::BigInt};
use scraper::{Html, Selector};

/// The fields a browser would send from the form posting to `action` on `page`: inputs (ticked
/// boxes only), the chosen (or first) option of each select, textareas.
async fn form_on(client: &TestClient, page: &str, action: &str) -> Vec<(String, String)> {
    let res = client.get(page).await;
    assert_eq!(res.status, StatusCode::OK, "{page}: {}", res.body);
    fields_of(&res, action)
}

fn fields_of(res: &TestResponse, action: &str) -> Vec<(String, String)> {
    let html = Html::parse_document(&res.body);
    let form_sel = Selector::parse(&format!("form[action=\"{action}\"]")).unwrap();
    let form = html
        .select(&form_sel)
        .next()
        .unwrap_or_else(|| panic!("a form to {action} in:\n{}", res.body));
    let field_sel = Selector::parse("input, select, textarea").unwrap();
    let option_sel = Selector::parse("option").unwrap();
    let mut fields = Vec::new();
    for el in form.select(&field_sel) {
        let v = el.value();
        let Some(name) = v.attr("name") else { continue };
        let value = match v.name() {
            "select" => {
                let options: Vec<_> = el.select(&option_sel).collect();
                let chosen = options
                    .iter()
                    .find(|o| o.value().attr("selected").is_some())
                    .or(options.first());
                match chosen {
                    Some(o) => o
                        .value()
                        .attr("value")
                        .map(str::to_string)
                        .unwrap_or_else(|| o.text().collect()),
                    None => continue,
                }
            }
            "textarea" => el.text().collect(),
            _ => match v.attr("type").unwrap_or("text") {
                "checkbox" | "radio" if v.attr("checked").is_none() => continue,
                "checkbox" | "radio" => v.attr("value").unwrap_or("on").to_string(),
                "submit" | "button" | "file" => continue,
                _ => v.attr("value").unwrap_or_default().to_string(),
            },
        };
        fields.push((name.to_string(), value));
    }
    assert!(
        fields
            .iter()
            .any(|(k, v)| k == "submission_key" && v.len() == 32),
        "the form to {action} carries a submission key: {fields:?}"
    );
    fields
}

/// `fields` with `changes` in place of (or added to) what they had.
fn with(fields: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .cloned()
        .collect();
    out.extend(changes.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    out
}

async fn send(client: &TestClient, path: &str, fields: &[(String, String)]) -> TestResponse {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(k, _)| k != "csrf_token")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client.post(path, &pairs).await
}

/// Sends the same submission twice, one after the other: both answer the same 303.
async fn sent_twice(client: &TestClient, path: &str, fields: &[(String, String)]) -> String {
    let first = send(client, path, fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let location = first.location().unwrap().to_string();
    send(client, path, fields)
        .await
        .assert_redirect_to(&location);
    location
}

fn count(app: &TestApp, sql: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    diesel::sql_query(format!("SELECT count(*) AS n FROM {sql}"))
        .get_result::<N>(&mut app.conn())
        .unwrap()
        .n
}

async fn staff_app(roles: &[Role]) -> TestApp {
    let app = spawn_app().await;
    app.create_staff("sam@example.com", PASSWORD, roles);
    app.sign_in("sam@example.com", PASSWORD).await;
    app
}

fn spent_keys(app: &TestApp) -> i64 {
    count(app, "form_submissions")
}

// Customers and organizations -------------------------------------------------------------------

#[actix_web::test]
async fn a_new_customer_sent_twice_is_created_once() {
    let app = staff_app(&[Role::Staff]).await;
    let form = form_on(&app, "/customers/new", "/customers").await;
    let form = with(&form, &[("legal_name", "Double Click GmbH")]);
    let location = sent_twice(&app, "/customers", &form).await;
    assert!(location.starts_with("/customers/"), "{location}");
    assert_eq!(
        count(&app, "customers WHERE legal_name = 'Double Click GmbH'"),
        1
    );
    assert_eq!(spent_keys(&app), 1);
}

#[actix_web::test]
async fn a_new_organization_sent_twice_is_created_once() {
    let app = staff_app(&[Role::Staff]).await;
    let form = form_on(&app, "/customers/new?kind=organization", "/customers").await;
    let form = with(&form, &[("legal_name", "Double Group")]);
    sent_twice(&app, "/customers", &form).await;
    assert_eq!(
        count(
            &app,
            "customers WHERE legal_name = 'Double Group' AND kind = 'organization'"
        ),
        1
    );
}

#[actix_web::test]
async fn a_new_customer_sent_twice_at_once_is_created_once_and_both_answers_agree() {
    let app = staff_app(&[Role::Staff]).await;
    let form = form_on(&app, "/customers/new", "/customers").await;
    let form = with(&form, &[("legal_name", "Both At Once AG")]);
    // Two clients with the one session, as two requests of one browser.
    let other = app.new_client();
    other.set_cookies(app.cookies());
    other.get("/customers/new").await;
    for _ in 0..3 {
        let fresh = with(&form, &[("submission_key", &submission_key())]);
        let (a, b) = futures_util::future::join(
            send(&app, "/customers", &fresh),
            send(&other, "/customers", &fresh),
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
        assert_eq!(b.status, StatusCode::SEE_OTHER, "{}", b.body);
        assert_eq!(a.location(), b.location());
    }
    assert_eq!(
        count(&app, "customers WHERE legal_name = 'Both At Once AG'"),
        3
    );
}

#[actix_web::test]
async fn a_form_refused_with_messages_keeps_its_key_and_the_corrected_one_creates_once() {
    let app = staff_app(&[Role::Staff]).await;
    let form = form_on(&app, "/customers/new", "/customers").await;
    let key = form
        .iter()
        .find(|(k, _)| k == "submission_key")
        .unwrap()
        .1
        .clone();
    let bad = send(&app, "/customers", &with(&form, &[("legal_name", "")])).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(spent_keys(&app), 0);
    // The page shown again carries the same key.
    let again = fields_of(&bad, "/customers");
    assert!(again.contains(&("submission_key".to_string(), key.clone())));
    let corrected = with(&again, &[("legal_name", "Corrected Ltd")]);
    sent_twice(&app, "/customers", &corrected).await;
    assert_eq!(
        count(&app, "customers WHERE legal_name = 'Corrected Ltd'"),
        1
    );
    assert_eq!(count(&app, "customers"), 1);
}

#[actix_web::test]
async fn a_key_sent_by_someone_else_never_answers_with_the_first_persons_record() {
    let app = staff_app(&[Role::Staff]).await;
    let form = form_on(&app, "/customers/new", "/customers").await;
    let first = send(
        &app,
        "/customers",
        &with(&form, &[("legal_name", "Sam's Customer")]),
    )
    .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);

    app.create_staff("kim@example.com", PASSWORD, &[Role::Staff]);
    let kim = app.new_client();
    kim.sign_in("kim@example.com", PASSWORD).await;
    let theirs = send(
        &kim,
        "/customers",
        &with(&form, &[("legal_name", "Kim's Customer")]),
    )
    .await;
    assert_eq!(theirs.status, StatusCode::SEE_OTHER, "{}", theirs.body);
    assert_ne!(theirs.location(), first.location());
    assert_eq!(
        count(&app, "customers WHERE legal_name = 'Kim''s Customer'"),
        1
    );
    assert_eq!(
        count(&app, "customers WHERE legal_name = 'Sam''s Customer'"),
        1
    );
}

#[actix_web::test]
async fn a_create_without_a_key_is_refused_and_writes_nothing() {
    let app = staff_app(&[Role::Staff]).await;
    let form = form_on(&app, "/customers/new", "/customers").await;
    let keyless: Vec<_> = with(&form, &[("legal_name", "No Key GmbH")])
        .into_iter()
        .filter(|(k, _)| k != "submission_key")
        .collect();
    let token = app.csrf_token().await;
    let mut pairs: Vec<(&str, &str)> = vec![("csrf_token", &token)];
    pairs.extend(
        keyless
            .iter()
            .filter(|(k, _)| k != "csrf_token")
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    let res = app.post_form("/customers", &pairs).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("reload the page"), "{}", res.body);
    assert_eq!(count(&app, "customers"), 0);
}

#[actix_web::test]
async fn a_key_spent_on_one_form_is_not_taken_on_another() {
    let app = staff_app(&[Role::Staff]).await;
    let (one, two) = (
        app.create_customer("Keyed AG", None),
        app.create_customer("Other AG", None),
    );
    let key = submission_key();
    let res = app
        .post(
            &format!("/customers/{}/notes", one.id),
            &[("submission_key", &key), ("body", "First note")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let other = app
        .post(
            &format!("/customers/{}/notes", two.id),
            &[("submission_key", &key), ("body", "Elsewhere")],
        )
        .await;
    assert_eq!(other.status, StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "customer_notes"), 1);
}
