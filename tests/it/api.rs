//! The API's door: API clients made and revoked by administrators (the token shown once), bearer
//! tokens (401), scopes (403), problem documents for every error under /api, the customers read
//! by cursor, by id and by account number with their ETag, and the rate limit per client kept in
//! the database (429 with Retry-After).

use crate::helpers::{PASSWORD, TestApp, TestClient, TestResponse, spawn_app, submission_key};
use actix_web::http::StatusCode;
use clientele::models::access::{api_client::ApiClient, staff::Role};
use clientele::schema::{api_clients, vendor_settings};
use diesel::prelude::*;
use serde_json::Value;

/// A client made through the model with `scopes`, and its token.
pub fn api_client(app: &TestApp, name: &str, scopes: &[&str]) -> (i64, String) {
    let staff = app.create_staff(
        &format!("{}@example.com", name.to_lowercase().replace(' ', ".")),
        PASSWORD,
        &[Role::Admin],
    );
    let scopes: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
    let made = ApiClient::create(&mut app.conn(), (name, &scopes), (staff.id, &staff.name));
    let (client, token) = made.unwrap_or_else(|_| panic!("client {name} made"));
    (client.id, token)
}

/// A GET of the API with `token` (none: no Authorization header).
pub async fn api_get(app: &TestApp, token: Option<&str>, path: &str) -> TestResponse {
    let client = TestClient::new(&app.address);
    let bearer = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = bearer
        .iter()
        .map(|b| ("Authorization", b.as_str()))
        .collect();
    client.get_with(path, &headers).await
}

fn json(res: &TestResponse) -> Value {
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", res.body))
}

/// Asserts `res` is a problem document of `status`, and returns it.
fn problem(res: &TestResponse, status: StatusCode) -> Value {
    assert_eq!(res.status, status, "{}", res.body);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("application/problem+json"),
        "{}",
        res.body
    );
    let doc = json(res);
    assert_eq!(doc["status"], status.as_u16(), "{doc}");
    assert!(doc["type"].is_string() && doc["title"].is_string(), "{doc}");
    doc
}

#[actix_web::test]
async fn an_administrator_makes_a_client_whose_token_is_shown_once_then_revokes_it() {
    let app = spawn_app().await;
    app.create_staff("admin@example.com", PASSWORD, &[Role::Admin]);
    let admin = app.new_client();
    admin.sign_in("admin@example.com", PASSWORD).await;

    // The form as it first appears: every scope, none ticked.
    let page = admin.get("/admin/api-clients").await;
    assert_eq!(page.status, StatusCode::OK);
    let count = |css: &str| {
        let selector = scraper::Selector::parse(css).unwrap();
        page.html().select(&selector).count()
    };
    assert_eq!(count("input[name=scopes]"), 7);
    assert_eq!(count("input[name=scopes][checked]"), 0);

    // Nothing ticked and no name: messages beside both, nothing made.
    let bad = admin.post("/admin/api-clients", &[("name", " ")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.text("#name-error").contains("Enter a name"));
    assert!(bad.text("#scopes-error").contains("at least one scope"));
    let none: i64 = api_clients::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(none, 0);

    // Made once however often the form is sent; the token is in the next page's message only.
    let key = submission_key();
    let fields = [
        ("submission_key", key.as_str()),
        ("name", "ERP (production)"),
        ("scopes", "customers:read"),
        ("scopes", "orders:read"),
    ];
    let made = admin.post("/admin/api-clients", &fields).await;
    made.assert_redirect_to("/admin/api-clients");
    let again = admin.post("/admin/api-clients", &fields).await;
    again.assert_redirect_to("/admin/api-clients");
    let page = admin.get("/admin/api-clients").await;
    let message = page.text(".flash--success");
    let token = message
        .split_whitespace()
        .find(|w| w.starts_with("clt_"))
        .unwrap_or_else(|| panic!("the token in {message}"))
        .to_string();
    assert_eq!(token.len(), 4 + 64);
    let rows: Vec<(String, Vec<String>)> = api_clients::table
        .select((api_clients::name, api_clients::scopes))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        rows,
        vec![(
            "ERP (production)".to_string(),
            vec!["customers:read".to_string(), "orders:read".to_string()]
        )]
    );
    let stored: Vec<u8> = api_clients::table
        .select(api_clients::token_digest)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(stored.len(), 32, "only a digest is kept");
    assert_ne!(stored, token.as_bytes()[..32].to_vec());
    let later = admin.get("/admin/api-clients").await;
    assert!(!later.body.contains(&token), "the token is shown once");
    assert!(
        later.body.contains(&token[..10]),
        "its first characters tell it apart"
    );

    // The token works, is seen as used, and stops working once revoked.
    let res = api_get(&app, Some(&token), "/api/v1/customers").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let used: Option<chrono::DateTime<chrono::Utc>> = api_clients::table
        .select(api_clients::last_used_at)
        .first(&mut app.conn())
        .unwrap();
    assert!(used.is_some());
    let id: i64 = api_clients::table
        .select(api_clients::id)
        .first(&mut app.conn())
        .unwrap();
    let revoked = admin
        .post(&format!("/admin/api-clients/{id}/revocation"), &[])
        .await;
    revoked.assert_redirect_to("/admin/api-clients");
    let res = api_get(&app, Some(&token), "/api/v1/customers").await;
    problem(&res, StatusCode::UNAUTHORIZED);

    // A revoked client's name may be given again; a name in use may not.
    let reuse = admin
        .post(
            "/admin/api-clients",
            &[("name", "ERP (production)"), ("scopes", "stock:write")],
        )
        .await;
    reuse.assert_redirect_to("/admin/api-clients");
    let taken = admin
        .post(
            "/admin/api-clients",
            &[("name", "erp (PRODUCTION)"), ("scopes", "stock:write")],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.text("#name-error").contains("Another client in use"));
}

#[actix_web::test]
async fn only_staff_administrators_reach_the_clients_page() {
    let app = spawn_app().await;
    app.create_staff("clerk@example.com", PASSWORD, &[Role::Staff]);
    let clerk = app.new_client();
    clerk.sign_in("clerk@example.com", PASSWORD).await;
    assert_eq!(
        clerk.get("/admin/api-clients").await.status,
        StatusCode::FORBIDDEN
    );
    let anonymous = app.new_client();
    let res = anonymous.get("/admin/api-clients").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn requests_without_a_valid_token_or_scope_are_refused_with_problem_documents() {
    let app = spawn_app().await;
    let (_, orders_only) = api_client(&app, "Gateway", &["orders:read"]);

    let res = api_get(&app, None, "/api/v1/customers").await;
    let doc = problem(&res, StatusCode::UNAUTHORIZED);
    assert_eq!(res.header("www-authenticate").as_deref(), Some("Bearer"));
    assert!(doc["detail"].as_str().unwrap().contains("Bearer"));
    for bad in ["clt_0000", "not-a-token", ""] {
        let res = api_get(&app, Some(bad), "/api/v1/customers").await;
        problem(&res, StatusCode::UNAUTHORIZED);
    }
    let client = TestClient::new(&app.address);
    let basic = client
        .get_with("/api/v1/customers", &[("Authorization", "Basic YTpi")])
        .await;
    problem(&basic, StatusCode::UNAUTHORIZED);

    let res = api_get(&app, Some(&orders_only), "/api/v1/customers").await;
    let doc = problem(&res, StatusCode::FORBIDDEN);
    assert!(
        doc["detail"].as_str().unwrap().contains("customers:read"),
        "{doc}"
    );

    // What names nothing is a 404 problem, under /api as under /api/v1, never a page or the
    // sign-in; a method a route does not take is a 405 problem.
    for path in [
        "/api/v1/nothing",
        "/api/v2/customers",
        "/api",
        "/api/v1/customers/abc",
    ] {
        let res = api_get(&app, Some(&orders_only), path).await;
        let status = match path {
            "/api/v1/customers/abc" => StatusCode::FORBIDDEN,
            _ => StatusCode::NOT_FOUND,
        };
        problem(&res, status);
    }
    let post = client
        .post_raw("/api/v1/customers/by-account/X", String::new(), &[])
        .await;
    problem(&post, StatusCode::METHOD_NOT_ALLOWED);
    assert!(!post.body.contains("csrf") && !post.body.contains("<html"));
}

#[actix_web::test]
async fn customers_are_read_by_cursor_by_id_and_by_account_number_with_their_version() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["customers:read"]);
    let mut ids: Vec<i64> = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
        .iter()
        .enumerate()
        .map(|(i, name)| app.create_customer(name, Some(&format!("A-{i}"))).id)
        .collect();
    ids.sort();

    // Pages of two follow each other by `next_after`: every customer once, in id order.
    let mut seen = Vec::new();
    let mut path = "/api/v1/customers?limit=2".to_string();
    loop {
        let res = api_get(&app, Some(&token), &path).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let page = json(&res);
        for c in page["data"].as_array().unwrap() {
            seen.push(c["id"].as_i64().unwrap());
        }
        match page["next_after"].as_i64() {
            Some(after) => path = format!("/api/v1/customers?limit=2&after={after}"),
            None => break,
        }
    }
    assert_eq!(seen, ids);
    let all = json(&api_get(&app, Some(&token), "/api/v1/customers").await);
    assert_eq!(
        all["data"].as_array().unwrap().len(),
        5,
        "50 a page by default"
    );
    assert!(all["next_after"].is_null());

    for bad in ["limit=0", "limit=201"] {
        let res = api_get(&app, Some(&token), &format!("/api/v1/customers?{bad}")).await;
        let doc = problem(&res, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(doc["errors"][0]["field"], "limit", "{doc}");
    }
    for bad in ["after=abc", "updated_since=yesterday"] {
        let res = api_get(&app, Some(&token), &format!("/api/v1/customers?{bad}")).await;
        let doc = problem(&res, StatusCode::BAD_REQUEST);
        assert!(
            doc["detail"].as_str().unwrap().contains("query string"),
            "{doc}"
        );
    }

    // Changed since: only what was updated at or after the moment.
    diesel::sql_query("UPDATE customers SET updated_at = now() - interval '2 days'")
        .execute(&mut app.conn())
        .unwrap();
    diesel::sql_query(format!(
        "UPDATE customers SET updated_at = now() WHERE id = {}",
        ids[3]
    ))
    .execute(&mut app.conn())
    .unwrap();
    let since = (chrono::Utc::now() - chrono::TimeDelta::days(1))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let recent = json(
        &api_get(
            &app,
            Some(&token),
            &format!("/api/v1/customers?updated_since={since}"),
        )
        .await,
    );
    let recent: Vec<i64> = recent["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(recent, vec![ids[3]]);

    // One by id and by account number, the same record with its version as the ETag.
    let one = api_get(&app, Some(&token), &format!("/api/v1/customers/{}", ids[2])).await;
    assert_eq!(one.status, StatusCode::OK);
    let body = json(&one);
    assert_eq!(one.header("etag"), Some(format!("\"{}\"", body["version"])));
    let number = body["account_number"].as_str().unwrap().to_string();
    let by_number = api_get(
        &app,
        Some(&token),
        &format!("/api/v1/customers/by-account/{number}"),
    )
    .await;
    assert_eq!(json(&by_number), body);
    assert_eq!(by_number.header("etag"), one.header("etag"));
    for path in [
        "/api/v1/customers/999999",
        "/api/v1/customers/by-account/NOPE",
    ] {
        problem(
            &api_get(&app, Some(&token), path).await,
            StatusCode::NOT_FOUND,
        );
    }
}

#[actix_web::test]
async fn the_rate_limit_is_per_client_and_kept_in_the_database() {
    let app = spawn_app().await;
    let (_, busy) = api_client(&app, "Busy", &["customers:read"]);
    let (_, calm) = api_client(&app, "Calm", &["customers:read"]);
    diesel::update(vendor_settings::table)
        .set(vendor_settings::api_requests_per_minute.eq(3))
        .execute(&mut app.conn())
        .unwrap();
    // Not across a minute's turn, where the count starts again.
    let second = chrono::Timelike::second(&chrono::Utc::now());
    if second > 50 {
        actix_web::rt::time::sleep(std::time::Duration::from_secs(61 - second as u64)).await;
    }
    for _ in 0..3 {
        let res = api_get(&app, Some(&busy), "/api/v1/customers").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let res = api_get(&app, Some(&busy), "/api/v1/customers").await;
    let doc = problem(&res, StatusCode::TOO_MANY_REQUESTS);
    let wait: u32 = res.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(doc["detail"].as_str().unwrap().contains("try again"));
    // Another client has its own count.
    let other = api_get(&app, Some(&calm), "/api/v1/customers").await;
    assert_eq!(other.status, StatusCode::OK);
}

/// A PATCH of the API with `token`, `If-Match` as given.
async fn api_patch(
    app: &TestApp,
    token: &str,
    path: &str,
    if_match: Option<&str>,
    body: &str,
) -> TestResponse {
    let bearer = format!("Bearer {token}");
    let mut headers = vec![("Authorization", bearer.as_str())];
    headers.extend(if_match.map(|m| ("If-Match", m)));
    TestClient::new(&app.address)
        .send_json(("PATCH", path), body, &headers)
        .await
}

#[actix_web::test]
async fn an_erp_changes_the_fields_it_owns_with_if_match_through_the_forms_checks_signed_in_the_history()
 {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["customers:read", "customers:write"]);
    let (_, reader) = api_client(&app, "Reader", &["customers:read"]);
    let c = app.create_customer("Patchwork GmbH", Some("P-1")).id;
    // Another customer holds account number P-2.
    app.create_customer("Other GmbH", Some("P-2"));
    let path = format!("/api/v1/customers/{c}");
    let read = api_get(&app, Some(&token), &path).await;
    let etag = read.header("etag").unwrap();

    // Without the scope, without If-Match, with a stale one: refused, nothing changed.
    let body = r#"{"accounts_id": "FIBU-77"}"#;
    problem(
        &api_patch(&app, &reader, &path, Some(&etag), body).await,
        StatusCode::FORBIDDEN,
    );
    problem(
        &api_patch(&app, &token, &path, None, body).await,
        StatusCode::PRECONDITION_REQUIRED,
    );
    problem(
        &api_patch(&app, &token, &path, Some("\"99\""), body).await,
        StatusCode::PRECONDITION_FAILED,
    );

    // The form's checks: another customer's account number, a limit changed without a reason,
    // unknown payment terms; a field the ERP does not own; each a 422 naming the field.
    let cases = [
        (r#"{"account_number": "P-2"}"#, "account_number"),
        (r#"{"credit_limit_cents": 500000}"#, "credit_limit_reason"),
        (r#"{"payment_terms": "Net 999"}"#, "payment_terms"),
        (r#"{"minimum_order_cents": -5}"#, "minimum_order_cents"),
    ];
    for (body, field) in cases {
        let res = api_patch(&app, &token, &path, Some(&etag), body).await;
        let doc = problem(&res, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_fields(&doc).contains(&field), "{body}: {doc}");
    }
    let res = api_patch(
        &app,
        &token,
        &path,
        Some(&etag),
        r#"{"legal_name": "Renamed"}"#,
    )
    .await;
    let doc = problem(&res, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        doc["detail"].as_str().unwrap().contains("legal_name"),
        "{doc}"
    );
    let unchanged = json(&api_get(&app, Some(&token), &path).await);
    assert_eq!(unchanged["version"], json(&read)["version"]);

    // A change that passes: the new version as ETag, the credit history and the customer's
    // history signed with the client's name; a weak ETag is accepted.
    let weak = format!("W/{etag}");
    let body = r#"{"credit_limit_cents": 750000, "credit_limit_reason": "ERP credit review", "accounts_id": "FIBU-77", "allow_cod": true, "tax_id": null}"#;
    let res = api_patch(&app, &token, &path, Some(&weak), body).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let now = json(&res);
    assert_eq!(now["credit"]["limit_cents"], 750000);
    assert_eq!(now["books"]["accounts_id"], "FIBU-77");
    assert_eq!(now["ordering"]["allow_cod"], true);
    assert_ne!(res.header("etag"), Some(etag.clone()));
    assert_eq!(res.header("etag"), Some(format!("\"{}\"", now["version"])));
    let signed: Vec<Option<String>> = clientele::schema::customer_history::table
        .filter(clientele::schema::customer_history::customer_id.eq(c))
        .filter(clientele::schema::customer_history::action.eq("update"))
        .select(clientele::schema::customer_history::actor_label)
        .load(&mut app.conn())
        .unwrap();
    assert!(
        !signed.is_empty() && signed.iter().all(|s| s.as_deref() == Some("API: ERP")),
        "{signed:?}"
    );
    let credit: (Option<String>, String) = clientele::schema::credit_limit_changes::table
        .filter(clientele::schema::credit_limit_changes::customer_id.eq(c))
        .order(clientele::schema::credit_limit_changes::id.desc())
        .select((
            clientele::schema::credit_limit_changes::reason,
            clientele::schema::credit_limit_changes::changed_by,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(
        credit,
        (
            Some("ERP credit review".to_string()),
            "API: ERP".to_string()
        )
    );
    // The old ETag is stale now.
    let again = api_patch(&app, &token, &path, Some(&etag), r#"{"allow_cod": false}"#).await;
    problem(&again, StatusCode::PRECONDITION_FAILED);
}

/// The stock of `sku` at store `code`, if it has a row.
fn stock(app: &TestApp, sku: &str, code: &str) -> Option<i32> {
    use clientele::schema::{product_stock, products, stores};
    product_stock::table
        .inner_join(products::table)
        .inner_join(stores::table)
        .filter(products::sku.eq(sku))
        .filter(stores::code.eq(code))
        .select(product_stock::quantity)
        .first(&mut app.conn())
        .optional()
        .unwrap()
}

#[actix_web::test]
async fn stock_is_put_in_bulk_all_or_nothing_and_again_changes_nothing() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "Warehouse", &["stock:write"]);
    let (_, reader) = api_client(&app, "Reader", &["customers:read"]);
    diesel::sql_query(
        "INSERT INTO products (sku, name, unit) VALUES ('VALVE-1', 'Ball valve', 'each'), ('PIPE-2', 'Copper pipe', 'm')",
    )
    .execute(&mut app.conn())
    .unwrap();
    let store: String = clientele::schema::stores::table
        .select(clientele::schema::stores::code)
        .first(&mut app.conn())
        .unwrap();
    let put = |token: String, body: String| {
        let app = &app;
        async move {
            let bearer = format!("Bearer {token}");
            TestClient::new(&app.address)
                .send_json(
                    ("PUT", "/api/v1/stock"),
                    &body,
                    &[("Authorization", bearer.as_str())],
                )
                .await
        }
    };
    let body = format!(
        r#"{{"levels": [{{"sku": "VALVE-1", "store": "{store}", "quantity": 12}}, {{"sku": "pipe-2", "store": "{store}", "quantity": 0}}]}}"#
    );
    problem(
        &put(reader.clone(), body.clone()).await,
        StatusCode::FORBIDDEN,
    );
    let res = put(token.clone(), body.clone()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(json(&res)["changed"], 2);
    assert_eq!(stock(&app, "VALVE-1", &store), Some(12));
    assert_eq!(stock(&app, "PIPE-2", &store), Some(0));
    let again = put(token.clone(), body).await;
    assert_eq!(
        json(&again)["changed"],
        0,
        "the same levels again change nothing"
    );

    // One wrong line refuses them all, each wrong line named.
    let negative = format!(r#", {{"sku": "VALVE-1", "store": "{store}", "quantity": -1}}"#);
    let res = put(token.clone(), bad_lines(&store, &negative)).await;
    let doc = problem(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = error_fields(&doc);
    assert_eq!(fields, ["levels[3].quantity", "levels[3].sku"], "{doc}");
    let res = put(token.clone(), bad_lines(&store, "")).await;
    let doc = problem(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = error_fields(&doc);
    assert_eq!(fields, ["levels[1].sku", "levels[2].store"], "{doc}");
    assert_eq!(stock(&app, "VALVE-1", &store), Some(12), "nothing written");
    let res = put(token, r#"{"levels": [{"sku": "VALVE-1"}]}"#.to_string()).await;
    problem(&res, StatusCode::UNPROCESSABLE_ENTITY);
}

/// Three levels, the second naming no product and the third no store, then `more` lines.
fn bad_lines(store: &str, more: &str) -> String {
    format!(
        r#"{{"levels": [{{"sku": "VALVE-1", "store": "{store}", "quantity": 5}}, {{"sku": "NOPE", "store": "{store}", "quantity": 1}}, {{"sku": "PIPE-2", "store": "NOWHERE", "quantity": 1}}{more}]}}"#
    )
}

/// The fields a 422 problem names, in order.
fn error_fields(doc: &Value) -> Vec<&str> {
    let errors = doc["errors"].as_array().expect("a 422 lists its errors");
    errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect()
}

#[actix_web::test]
async fn an_erp_creates_a_customer_through_the_forms_checks_once_per_key() {
    use clientele::schema::{customer_history as h, customers};
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["customers:read", "customers:write"]);
    let (_, reader) = api_client(&app, "Reader", &["customers:read"]);
    app.create_customer("Taken GmbH", Some("T-1"));
    let post = |token: &str, body: &str, key: Option<&str>| {
        let bearer = format!("Bearer {token}");
        let (body, key) = (body.to_string(), key.map(str::to_string));
        let app = &app;
        async move {
            let mut headers = vec![("Authorization", bearer.as_str())];
            headers.extend(key.as_deref().map(|k| ("Idempotency-Key", k)));
            TestClient::new(&app.address)
                .send_json(("POST", "/api/v1/customers"), &body, &headers)
                .await
        }
    };
    let body = r#"{"legal_name": "Neu GmbH", "email": "einkauf@neu.test", "language": "de",
                   "account_number": "N-1", "payment_terms": "Net 30", "term_customer": true,
                   "credit_limit_cents": 500000, "credit_limit_reason": "ERP onboarding"}"#;

    let made = post(&token, body, Some("new-1")).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let doc = json(&made);
    let id = doc["id"].as_i64().unwrap();
    assert_eq!(
        made.location(),
        Some(format!("/api/v1/customers/{id}").as_str())
    );
    assert_eq!(doc["account_number"], "N-1");
    assert_eq!(doc["credit"]["payment_terms"], "Net 30");
    assert_eq!(doc["credit"]["limit_cents"], 500000);
    assert_eq!(doc["language"], "de");
    let again = post(&token, body, Some("new-1")).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body, made.body);
    let named: i64 = customers::table
        .filter(customers::legal_name.eq("Neu GmbH"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(named, 1, "made once");
    let signed: Vec<Option<String>> = h::table
        .filter(h::customer_id.eq(id))
        .filter(h::action.eq("create"))
        .select(h::actor_label)
        .distinct()
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(signed, vec![Some("API: ERP".to_string())]);

    // The form's checks, each beside its field, in the API's names; nothing made.
    let cases = [
        (r#"{"email": "x@y.test"}"#, "legal_name"),
        (
            r#"{"legal_name": "Dup", "account_number": "T-1"}"#,
            "account_number",
        ),
        (
            r#"{"legal_name": "Dup", "payment_terms": "Net 999"}"#,
            "payment_terms",
        ),
        (
            r#"{"legal_name": "Dup", "email": "not an address"}"#,
            "email",
        ),
    ];
    for (sent, field) in cases {
        let bad = post(&token, sent, None).await;
        let doc = problem(&bad, StatusCode::UNPROCESSABLE_ENTITY);
        let fields = error_fields(&doc);
        assert!(fields.contains(&field), "{sent}: {doc}");
    }
    let unknown = post(&token, r#"{"legal_name": "Dup", "colour": "red"}"#, None).await;
    problem(&unknown, StatusCode::UNPROCESSABLE_ENTITY);
    let scope = post(&reader, body, None).await;
    problem(&scope, StatusCode::FORBIDDEN);
    let dups: i64 = customers::table
        .filter(customers::legal_name.eq("Dup"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(dups, 0);
}

#[actix_web::test]
async fn a_customers_ship_to_locations_and_contacts_come_with_their_stable_ids() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["customers:read"]);
    let c = app.create_customer("Parts GmbH", Some("P-1")).id;
    let mut conn = app.conn();
    let insert = |line1: &str, default: bool| {
        let primary = !default;
        diesel::sql_query(format!(
            "INSERT INTO customer_addresses (customer_id, kind, line1, city, postcode, country,
                                             is_default_shipping, is_primary)
             VALUES ({c}, 'shipping', '{line1}', 'Bremen', '28195', 'DE', {default}, {primary})
             RETURNING id"
        ))
        .execute(&mut app.conn())
        .unwrap();
    };
    insert("1 Quay", false);
    insert("2 Dock", true);
    crate::order_mail::contact(&app, c, "buyer@parts.test", true, "order_confirmation");
    let ids: Vec<i64> = clientele::schema::customer_addresses::table
        .filter(clientele::schema::customer_addresses::customer_id.eq(c))
        .order(clientele::schema::customer_addresses::id)
        .select(clientele::schema::customer_addresses::id)
        .load(&mut conn)
        .unwrap();

    let res = api_get(
        &app,
        Some(&token),
        &format!("/api/v1/customers/{c}/addresses"),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let doc = json(&res);
    let listed: Vec<(i64, bool)> = doc["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_i64().unwrap(),
                a["default_shipping"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        vec![(ids[1], true), (ids[0], false)],
        "the default first"
    );
    assert_eq!(doc["data"][0]["line1"], "2 Dock");

    let res = api_get(
        &app,
        Some(&token),
        &format!("/api/v1/customers/{c}/contacts"),
    )
    .await;
    let doc = json(&res);
    assert_eq!(doc["data"][0]["email"], "buyer@parts.test");
    assert_eq!(doc["data"][0]["subscriptions"][0], "order_confirmation");
    assert_eq!(doc["data"][0]["primary"], true);

    let missing = api_get(&app, Some(&token), "/api/v1/customers/999999/contacts").await;
    problem(&missing, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn text_with_a_nul_byte_is_a_400_the_document_lists_wherever_text_is_sent() {
    let app = spawn_app().await;
    let scopes = ["customers:read", "stock:write", "orders:write"];
    let (_, token) = api_client(&app, "ERP", &scopes);
    let bearer = format!("Bearer {token}");
    let auth = [("Authorization", bearer.as_str())];
    let client = TestClient::new(&app.address);
    // PostgreSQL stores no NUL: each was a 400 the operation's document did not list (every
    // answer here is checked against it).
    let stock = r#"{"levels": [{"sku": "A\u0000B", "store": "MAIN", "quantity": 1}]}"#;
    let res = client
        .send_json(("PUT", "/api/v1/stock"), stock, &auth)
        .await;
    problem(&res, StatusCode::BAD_REQUEST);
    let order = r#"{"channel": "edi", "account_number": "A\u0000", "lines": []}"#;
    let res = client
        .send_json(("POST", "/api/v1/orders"), order, &auth)
        .await;
    problem(&res, StatusCode::BAD_REQUEST);
    let res = api_get(&app, Some(&token), "/api/v1/customers/by-account/A%00B").await;
    problem(&res, StatusCode::BAD_REQUEST);
}

#[test]
fn a_new_customers_body_is_one_object_the_document_allows() {
    use crate::api_schema::check_request;
    let fails = |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err();
    // Who it is and the fields a PATCH takes, together (an `allOf` of the two, each refusing
    // the other's fields, allowed no body at all).
    let body = r#"{"legal_name": "Acme GmbH", "email": "buy@acme.test", "account_number": "A-1",
                   "credit_limit_cents": 500000, "credit_limit_reason": "Opening", "allow_cod": false}"#;
    check_request("POST", "/api/v1/customers", 201, body);
    // Without its legal name, or with a field the API does not take: not what it takes.
    let nameless = r#"{"email": "buy@acme.test"}"#;
    assert!(fails(&|| check_request(
        "POST",
        "/api/v1/customers",
        201,
        nameless
    )));
    let unknown = r#"{"legal_name": "Acme GmbH", "fax": "none"}"#;
    assert!(fails(&|| check_request(
        "POST",
        "/api/v1/customers",
        201,
        unknown
    )));
}
