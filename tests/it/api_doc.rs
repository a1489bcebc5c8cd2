//! The OpenAPI document: served without a token, OpenAPI 3.1, every `$ref` in it resolves, and
//! it names exactly the routes the API answers (a route the generator never saw fails here).

use crate::api::{api_client, api_get};
use crate::helpers::{TestClient, spawn_app};
use actix_web::http::StatusCode;
use clientele::routes::api::doc::{OPENAPI, registered};
use serde_json::Value;
use std::collections::BTreeSet;

/// Every `$ref` string in `v`.
fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[actix_web::test]
async fn the_document_names_every_route_the_api_answers_and_nothing_else() {
    let app = spawn_app().await;
    let doc: &Value = &OPENAPI;
    assert_eq!(doc["openapi"], "3.1.0");

    // Served as it is, without a token.
    let served = TestClient::new(&app.address)
        .get("/api/v1/openapi.json")
        .await;
    assert_eq!(served.status, StatusCode::OK);
    let served: Value = serde_json::from_str(&served.body).unwrap();
    assert_eq!(&served, doc);

    let mut found = Vec::new();
    refs(doc, &mut found);
    assert!(!found.is_empty());
    for r in found {
        assert!(
            doc.pointer(r.trim_start_matches('#')).is_some(),
            "{r} resolves"
        );
    }

    // The routes as registered (the app above registered them) and as documented.
    let answered: BTreeSet<(String, String)> = registered()
        .into_iter()
        .map(|(method, path)| (method.to_lowercase(), format!("/api/v1{path}")))
        .collect();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.clone(), path.clone()))
        })
        .collect();
    assert_eq!(answered, documented);
    assert!(answered.len() >= 12, "{answered:?}");

    // Each operation names its errors, and its id is its own.
    let mut ids = BTreeSet::new();
    for (method, path) in &documented {
        let op = &doc["paths"][path][method];
        assert!(ids.insert(op["operationId"].as_str().unwrap().to_string()));
        if path != "/api/v1/openapi.json" {
            for status in ["401", "403", "429"] {
                assert!(
                    op["responses"][status].is_object(),
                    "{method} {path} lists {status}"
                );
            }
        }
    }
}

#[actix_web::test]
async fn a_method_a_path_does_not_take_is_a_405_naming_those_it_takes() {
    let app = spawn_app().await;
    let (_, token) = api_client(&app, "ERP", &["customers:read"]);
    let bearer = format!("Bearer {token}");
    let res = TestClient::new(&app.address)
        .send_json(
            ("DELETE", "/api/v1/customers"),
            "",
            &[("Authorization", &bearer)],
        )
        .await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.header("allow").as_deref(), Some("GET, POST"));
    let fine = api_get(&app, Some(&token), "/api/v1/customers").await;
    assert_eq!(fine.status, StatusCode::OK);
}

#[test]
fn an_answer_the_document_does_not_allow_fails_the_check_every_api_test_makes() {
    use crate::api_schema::check;
    let json = Some("application/json");
    let problem = Some("application/problem+json");
    let fails = |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err();
    // A customer without its fields; a status the operation does not list; a problem that is
    // not one; a page whose rows are not customers.
    assert!(fails(&|| check(
        "GET",
        "/api/v1/customers/7",
        200,
        json,
        "{}"
    )));
    assert!(fails(&|| check(
        "GET",
        "/api/v1/customers/7",
        409,
        problem,
        "{}"
    )));
    assert!(fails(&|| check(
        "GET",
        "/api/v1/customers/7",
        404,
        problem,
        r#"{"status": "x"}"#
    )));
    let page = r#"{"data": [{"id": 1}], "next_after": null}"#;
    assert!(fails(&|| check(
        "GET",
        "/api/v1/customers",
        200,
        json,
        page
    )));
    // What the API does answer passes.
    let not_found = r#"{"type": "about:blank", "title": "Not Found", "status": 404}"#;
    check("GET", "/api/v1/customers/7", 404, problem, not_found);
    check(
        "GET",
        "/api/v1/customers",
        200,
        json,
        r#"{"data": [], "next_after": null}"#,
    );
}
