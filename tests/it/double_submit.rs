//! Forms that create something act once: the same submission (its one-time key) sent again
//! answers the first answer's 303 and writes nothing more, even when both arrive at once. Each
//! create route is sent twice here, from its own page's form as a browser fills it.

use crate::helpers::{PASSWORD, TestApp, TestClient, TestResponse, spawn_app, submission_key};
use actix_web::http::StatusCode;
use clientele::models::access::staff::Role;
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

// The parts of a customer ------------------------------------------------------------------------

#[actix_web::test]
async fn a_note_sent_twice_is_added_once() {
    let app = staff_app(&[Role::Staff]).await;
    let c = app.create_customer("Noted GmbH", None);
    let action = format!("/customers/{}/notes", c.id);
    let form = form_on(&app, &format!("/customers/{}", c.id), &action).await;
    sent_twice(
        &app,
        &action,
        &with(&form, &[("body", "Call back on Monday.")]),
    )
    .await;
    assert_eq!(count(&app, "customer_notes"), 1);
}

#[actix_web::test]
async fn an_address_sent_twice_is_added_once() {
    let app = staff_app(&[Role::Staff]).await;
    let c = app.create_customer("Addressed GmbH", None);
    let action = format!("/customers/{}/addresses", c.id);
    let form = form_on(&app, &format!("{action}/new"), &action).await;
    let form = with(
        &form,
        &[
            ("line1", "Hauptstraße 1"),
            ("city", "Berlin"),
            ("postcode", "10115"),
            ("country", "DE"),
        ],
    );
    let location = sent_twice(&app, &action, &form).await;
    assert_eq!(location, action);
    assert_eq!(count(&app, "customer_addresses"), 1);
}

#[actix_web::test]
async fn a_contact_sent_twice_is_added_once() {
    let app = staff_app(&[Role::Staff]).await;
    let c = app.create_customer("Contacted GmbH", None);
    let action = format!("/customers/{}/contacts", c.id);
    let form = form_on(&app, &format!("{action}/new"), &action).await;
    let form = with(
        &form,
        &[("name", "Petra Paulsen"), ("email", "petra@contacted.test")],
    );
    sent_twice(&app, &action, &form).await;
    assert_eq!(count(&app, "customer_contacts"), 1);
}

fn make_salesperson(app: &TestApp) -> i64 {
    app.create_salesperson("sally@example.com").id
}

#[actix_web::test]
async fn a_request_recorded_by_staff_sent_twice_is_recorded_once() {
    let app = staff_app(&[Role::Staff]).await;
    let sales = make_salesperson(&app).to_string();
    let c = app.create_customer("Requesting GmbH", None);
    let action = format!("/customers/{}/requests", c.id);
    let form = form_on(&app, &action, &action).await;
    let form = with(&form, &[("services", "ordering"), ("salesperson", &sales)]);
    let first = send(&app, &action, &form).await;
    first.assert_redirect_to(&action);
    let announced = count(&app, "outbox");
    send(&app, &action, &form).await.assert_redirect_to(&action);
    assert_eq!(count(&app, "requests"), 1);
    assert_eq!(count(&app, "outbox"), announced, "no second announcement");
}

#[actix_web::test]
async fn an_invitation_sent_twice_invites_once() {
    let app = staff_app(&[Role::Admin, Role::DigitalAdmin]).await;
    let c = app.create_customer("Inviting GmbH", None);
    let action = format!("/customers/{}/users", c.id);
    let form = form_on(&app, &action, &action).await;
    let form = with(
        &form,
        &[("name", "Ines Invited"), ("email", "ines@inviting.test")],
    );
    sent_twice(&app, &action, &form).await;
    assert_eq!(count(&app, "customer_users"), 1);
    assert_eq!(count(&app, "outbox"), 1);
}

// The customer portal ----------------------------------------------------------------------------

/// A customer user signed in to the portal, and a salesperson it may choose.
async fn portal_user(app: &TestApp) -> (TestClient, i64, String) {
    let sales = make_salesperson(app).to_string();
    let c = app.create_customer("Portal Buyer GmbH", None);
    app.create_customer_user(c.id, "pia@buyer.test", PASSWORD);
    let user = app.new_client();
    let res = user.portal_sign_in("pia@buyer.test", PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    (user, c.id, sales)
}

#[actix_web::test]
async fn a_portal_request_sent_twice_is_sent_once() {
    let app = staff_app(&[Role::Staff]).await;
    let (user, _, sales) = portal_user(&app).await;
    let form = form_on(&user, "/portal/requests/new", "/portal/requests").await;
    let form = with(&form, &[("services", "ordering"), ("salesperson", &sales)]);
    let location = sent_twice(&user, "/portal/requests", &form).await;
    assert_eq!(location, "/portal/requests");
    assert_eq!(count(&app, "requests"), 1);
}

#[actix_web::test]
async fn a_portal_answer_sent_twice_is_answered_once() {
    let app = staff_app(&[Role::DigitalAdmin]).await;
    let (user, customer_id, sales) = portal_user(&app).await;
    user.post(
        "/portal/requests",
        &[("services", "ordering"), ("salesperson", &sales)],
    )
    .await
    .assert_redirect_to("/portal/requests");
    let id =
        clientele::models::approvals::approval::Request::for_customer(&mut app.conn(), customer_id)
            .unwrap()
            .remove(0)
            .id;
    let res = app
        .post(
            &format!("/approvals/{id}/decision"),
            &[
                ("version", "0"),
                ("decision", "ask_info"),
                ("message", "Which branch orders?"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let action = format!("/portal/requests/{id}/answer");
    let form = form_on(&user, &format!("/portal/requests/{id}"), &action).await;
    let form = with(&form, &[("answer", "The northern branch.")]);
    let location = sent_twice(&user, &action, &form).await;
    assert_eq!(location, format!("/portal/requests/{id}"));
    let r = clientele::models::approvals::approval::Request::find(&mut app.conn(), id).unwrap();
    assert_eq!((r.status.as_str(), r.version), ("open", 2));
}

#[actix_web::test]
async fn a_portal_contact_sent_twice_is_added_once() {
    let app = staff_app(&[Role::Staff]).await;
    let c = app.create_customer("Portal Admin GmbH", None);
    app.create_customer_user_as(c.id, "ada@admin.test", PASSWORD, "admin");
    let user = app.new_client();
    user.portal_sign_in("ada@admin.test", PASSWORD)
        .await
        .assert_redirect_to("/portal");
    let form = form_on(&user, "/portal/contacts/new", "/portal/contacts").await;
    let form = with(&form, &[("name", "Petra Paulsen")]);
    let location = sent_twice(&user, "/portal/contacts", &form).await;
    assert_eq!(location, "/portal/contacts");
    assert_eq!(count(&app, "customer_contacts"), 1);
}

#[actix_web::test]
async fn a_portal_users_key_is_its_own() {
    let app = staff_app(&[Role::Staff]).await;
    let (user, _, sales) = portal_user(&app).await;
    let key = submission_key();
    let fields = [
        ("services", "ordering"),
        ("salesperson", sales.as_str()),
        ("submission_key", key.as_str()),
    ];
    user.post("/portal/requests", &fields)
        .await
        .assert_redirect_to("/portal/requests");
    // A staff member sending the same key to a staff form gets their own record.
    let c = app.create_customer("Staff Side GmbH", None);
    let res = app
        .post(
            &format!("/customers/{}/notes", c.id),
            &[("submission_key", &key), ("body", "Mine")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(count(&app, "customer_notes"), 1);
    assert_eq!(count(&app, "form_submissions"), 2);
}

// Administration ---------------------------------------------------------------------------------

#[actix_web::test]
async fn a_product_sent_twice_is_added_once() {
    let app = staff_app(&[Role::Admin]).await;
    let form = form_on(&app, "/admin/products/new", "/admin/products").await;
    let form = with(&form, &[("sku", "DBL-1"), ("name", "Double valve")]);
    let location = sent_twice(&app, "/admin/products", &form).await;
    assert!(location.starts_with("/admin/products/"), "{location}");
    assert_eq!(count(&app, "products"), 1);
}

#[actix_web::test]
async fn a_catalog_sent_twice_is_added_once() {
    let app = staff_app(&[Role::Admin]).await;
    let before = count(&app, "catalogs");
    let form = form_on(&app, "/admin/catalogs", "/admin/catalogs").await;
    let form = with(&form, &[("name", "Double catalog")]);
    sent_twice(&app, "/admin/catalogs", &form).await;
    assert_eq!(count(&app, "catalogs"), before + 1);
}

#[actix_web::test]
async fn each_kind_of_reference_data_sent_twice_is_added_once() {
    let app = staff_app(&[Role::Admin]).await;
    let retail = {
        #[derive(diesel::QueryableByName)]
        struct Id {
            #[diesel(sql_type = BigInt)]
            id: i64,
        }
        diesel::sql_query("SELECT id FROM price_lists WHERE name = 'Retail'")
            .get_result::<Id>(&mut app.conn())
            .unwrap()
            .id
            .to_string()
    };
    // (path, table, fields)
    type Kind<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>);
    let kinds: [Kind; 6] = [
        (
            "stores",
            "stores",
            vec![("code", "EAST"), ("name", "East branch")],
        ),
        (
            "price-lists",
            "price_lists",
            vec![("name", "Export"), ("currency", "USD")],
        ),
        (
            "sales-channels",
            "sales_channels",
            vec![("name", "Telephone"), ("price_list_id", retail.as_str())],
        ),
        (
            "customer-groups",
            "customer_groups",
            vec![("name", "Distributor")],
        ),
        (
            "payment-terms",
            "payment_terms",
            vec![("name", "Net 90"), ("days", "90")],
        ),
        ("tags", "tags", vec![("name", "Dormant")]),
    ];
    for (path, table, fields) in kinds {
        let before = count(&app, table);
        let action = format!("/admin/{path}");
        let form = form_on(&app, &format!("{action}/new"), &action).await;
        let location = sent_twice(&app, &action, &with(&form, &fields)).await;
        assert_eq!(location, action);
        assert_eq!(count(&app, table), before + 1, "{path}");
    }
}

const BOUNDARY: &str = "----clientele-once-Zx81kQ";

/// A multipart upload of `files` with the page's key, as the upload form sends it.
pub async fn upload(
    client: &TestClient,
    path: &str,
    key: &str,
    files: &[(&str, &str)],
) -> TestResponse {
    // As the page's form sends it: the session's token first, then the key, then the files.
    let token = client.csrf_token().await;
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"submission_key\"\r\n\r\n{key}\r\n"
    );
    for (name, content) in files {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n"
        ));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    client
        .post_raw(path, body, &[("Content-Type", &content_type)])
        .await
}

/// The key of the upload form on `page`.
async fn upload_key(client: &TestClient, page: &str) -> String {
    let res = client.get(page).await;
    assert_eq!(res.status, StatusCode::OK);
    res.attr("form[enctype] input[name=submission_key]", "value")
        .expect("the upload form carries a submission key")
}

#[actix_web::test]
async fn an_import_upload_sent_twice_starts_one_run() {
    let _turn = crate::import_page::uploads_turn().await;
    let app = staff_app(&[Role::Admin]).await;
    let key = upload_key(&app, "/admin/import").await;
    let files = [("customers.csv", "x\n")];
    let first = upload(&app, "/admin/import", &key, &files).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let location = first.location().unwrap().to_string();
    assert!(location.starts_with("/admin/import/"), "{location}");
    upload(&app, "/admin/import", &key, &files)
        .await
        .assert_redirect_to(&location);
    assert_eq!(count(&app, "import_runs"), 1);
    // Let the run finish before the database goes.
    let started = std::time::Instant::now();
    while app
        .get(&format!("{location}.json"))
        .await
        .body
        .contains("\"running\":true")
    {
        assert!(started.elapsed() < std::time::Duration::from_secs(90));
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[actix_web::test]
async fn a_product_import_sent_twice_imports_once() {
    let app = staff_app(&[Role::Admin]).await;
    let key = upload_key(&app, "/admin/products/import").await;
    let files = [(
        "products.csv",
        "sku,name,description,unit,active,catalogs,customers\nDBL-9,Double,,,true,,\n",
    )];
    let first = upload(&app, "/admin/products/import", &key, &files).await;
    first.assert_redirect_to("/admin/products/import");
    upload(&app, "/admin/products/import", &key, &files)
        .await
        .assert_redirect_to("/admin/products/import");
    assert_eq!(count(&app, "products"), 1);
    assert_eq!(count(&app, "form_submissions"), 1);
}

#[actix_web::test]
async fn an_upload_without_its_key_is_refused() {
    let app = staff_app(&[Role::Admin]).await;
    let files = [(
        "products.csv",
        "sku,name,description,unit,active,catalogs,customers\nDBL-9,Double,,,true,,\n",
    )];
    let res = upload(&app, "/admin/products/import", "", &files).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "products"), 0);
}

/// Stands for a first arrival still in its transaction: the key reserved, not yet committed.
fn first_arrival_in_flight(app: &TestApp, actor: &str, key: &str) -> diesel::PgConnection {
    use diesel::connection::SimpleConnection;
    let mut first = app.db.connect();
    first
        .batch_execute(&format!(
            "BEGIN; INSERT INTO form_submissions (actor, key, route, location) \
             VALUES ('{actor}', '{key}', '/customers', '/customers/424242')"
        ))
        .unwrap();
    first
}

#[actix_web::test]
async fn a_second_arrival_waits_for_the_first_and_answers_with_its_record_once_it_commits() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    let sam = app.create_staff("sam@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("sam@example.com", PASSWORD).await;
    let form = form_on(&app, "/customers/new", "/customers").await;
    let key = submission_key();
    let form = with(
        &form,
        &[("legal_name", "Waiting AG"), ("submission_key", &key)],
    );
    let mut first = first_arrival_in_flight(&app, &format!("staff:{}", sam.id), &key);
    let (second, ()) = futures_util::future::join(send(&app, "/customers", &form), async {
        actix_web::rt::time::sleep(std::time::Duration::from_millis(800)).await;
        first.batch_execute("COMMIT").unwrap();
    })
    .await;
    second.assert_redirect_to("/customers/424242");
    assert_eq!(count(&app, "customers"), 0);
}

#[actix_web::test]
async fn a_second_arrival_goes_ahead_when_the_first_rolls_back() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    let sam = app.create_staff("sam@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("sam@example.com", PASSWORD).await;
    let form = form_on(&app, "/customers/new", "/customers").await;
    let key = submission_key();
    let form = with(
        &form,
        &[("legal_name", "Second Try AG"), ("submission_key", &key)],
    );
    let mut first = first_arrival_in_flight(&app, &format!("staff:{}", sam.id), &key);
    let (second, ()) = futures_util::future::join(send(&app, "/customers", &form), async {
        actix_web::rt::time::sleep(std::time::Duration::from_millis(800)).await;
        first.batch_execute("ROLLBACK").unwrap();
    })
    .await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    assert_ne!(second.location(), Some("/customers/424242"));
    assert_eq!(
        count(&app, "customers WHERE legal_name = 'Second Try AG'"),
        1
    );
}

#[actix_web::test]
async fn a_second_arrival_that_waits_too_long_is_told_the_first_is_still_being_handled() {
    use diesel::connection::SimpleConnection;
    let app =
        crate::helpers::spawn_app_with(&[("DB_STATEMENT_TIMEOUT_SECONDS", "1")], |_| {}).await;
    let sam = app.create_staff("sam@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("sam@example.com", PASSWORD).await;
    let form = form_on(&app, "/customers/new", "/customers").await;
    let key = submission_key();
    let form = with(
        &form,
        &[("legal_name", "Slow AG"), ("submission_key", &key)],
    );
    let mut first = first_arrival_in_flight(&app, &format!("staff:{}", sam.id), &key);
    let second = send(&app, "/customers", &form).await;
    first.batch_execute("ROLLBACK").unwrap();
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert!(
        second.body.contains("still being handled"),
        "{}",
        second.body
    );
    assert_eq!(count(&app, "customers"), 0);
}
