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

/// Every `(METHOD, path)` the document names, and the names of its component schemas.
fn operations_and_schemas(doc: &Value) -> (Vec<String>, Vec<String>) {
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            operations.push(format!("{} {path}", method.to_uppercase()));
        }
    }
    let schemas = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    (operations, schemas)
}

#[actix_web::test]
async fn the_api_reference_is_a_page_for_anyone_naming_every_operation_and_schema() {
    let app = spawn_app().await;
    // No token, no cookie, no sign-in.
    let res = TestClient::new(&app.address).get("/api/docs").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let content_type = res.header("content-type").unwrap();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(res.header("set-cookie").is_none(), "no session is started");
    assert_eq!(res.text("h1"), "API reference");
    assert_eq!(res.attr("html", "lang").as_deref(), Some("en"));

    // Every operation, by method and path, and every schema, each with its own anchor.
    let (operations, schemas) = operations_and_schemas(&OPENAPI);
    let headings = res.texts(".api-op__heading");
    for operation in &operations {
        assert!(headings.contains(operation), "{operation} in {headings:?}");
    }
    for schema in &schemas {
        let heading = res.text(&format!("#schema-{schema}-heading"));
        assert_eq!(&heading, schema);
    }
    assert_eq!(headings.len(), operations.len() + schemas.len());

    // Each in-page link has its target: the contents, and each type's link to its schema.
    let html = res.html();
    let links = scraper::Selector::parse("a[href^='#']").unwrap();
    let mut targets = 0;
    for link in html.select(&links) {
        let id = &link.value().attr("href").unwrap()[1..];
        let target = scraper::Selector::parse(&format!("[id='{id}']")).unwrap();
        assert!(
            html.select(&target).next().is_some(),
            "#{id} is on the page"
        );
        targets += 1;
    }
    assert!(
        targets > operations.len() + schemas.len(),
        "{targets} links"
    );

    // An operation names its scope, its parameters, its body's fields and its answers.
    let index = res.text("#op-customers_index");
    for words in [
        "Scope: customers:read",
        "Parameters",
        "limit",
        "query",
        "Responses",
        "CustomerPage",
        "401",
        "429",
    ] {
        assert!(index.contains(words), "{words} in {index}");
    }
    let intake = res.text("#op-orders_create");
    for words in ["Request body", "application/json", "lines", "Required"] {
        assert!(intake.contains(words), "{words} in {intake}");
    }
    assert!(res.text("#op-openapi").contains("Needs no token"));
    assert!(
        res.text(".api-intro")
            .contains("Administration → API clients")
    );
    assert_eq!(
        res.attr("a[href='/api/v1/openapi.json']", "href")
            .as_deref(),
        Some("/api/v1/openapi.json")
    );
}

#[actix_web::test]
async fn the_api_reference_speaks_the_readers_language_and_the_document_stays_english() {
    let app = spawn_app().await;
    let client = TestClient::new(&app.address);
    let de = client
        .get_with(
            "/api/docs",
            &[("Accept-Language", "de-DE,de;q=0.9,en;q=0.5")],
        )
        .await;
    assert_eq!(de.status, StatusCode::OK);
    assert_eq!(de.attr("html", "lang").as_deref(), Some("de"));
    assert_eq!(de.text("h1"), "API-Referenz");
    let index = de.text("#op-customers_index");
    for words in [
        "Berechtigung: customers:read",
        "Parameter",
        "Antworten",
        "Pflicht",
    ] {
        assert!(index.contains(words), "{words} in {index}");
    }
    assert!(de.text("#schemas-heading").contains("Schemas"));
    assert!(de.text(".api-intro").contains("Verwaltung → API-Clients"));
    // The API's own descriptions as the document has them.
    assert!(index.contains("Customers in id order"), "{index}");

    // The switch on the page: `?lang=` wins over the header, without a session.
    let en = client
        .get_with("/api/docs?lang=en", &[("Accept-Language", "de")])
        .await;
    assert_eq!(en.text("h1"), "API reference");
    assert!(en.header("set-cookie").is_none());
}

#[actix_web::test]
async fn the_api_reference_keeps_the_strict_policy_and_escapes_the_document() {
    let app = spawn_app().await;
    let res = TestClient::new(&app.address).get("/api/docs").await;
    let page = TestClient::new(&app.address).get("/login").await;
    let csp = res.header("content-security-policy");
    assert_eq!(
        csp.as_deref(),
        Some(clientele::middleware::hardening::CONTENT_SECURITY_POLICY)
    );
    assert_eq!(csp, page.header("content-security-policy"));
    assert_eq!(res.header("x-frame-options").as_deref(), Some("DENY"));

    // Scripts only from files; no inline style at all.
    let body = res.body.to_lowercase();
    for (at, _) in body.match_indices("<script") {
        let tag = &body[at..at + body[at..].find('>').unwrap()];
        assert!(tag.contains(" src="), "an inline script: {tag}");
    }
    assert!(!body.contains("style="), "a style attribute");
    assert!(!body.contains("<style"), "a style element");
    assert!(body.contains("/static/app.css"), "the site's stylesheet");

    // The document's words are escaped: its `<token>` is text, never a tag.
    assert!(res.body.contains("Bearer &lt;token&gt;"), "escaped");
    assert!(!res.body.contains("<token>"));
}

/// Nested objects written out inside a schema are listed as fields of their own, by path;
/// `$ref`s are links; optional values show `| null`.
#[test]
fn the_reference_lists_nested_fields_by_path_and_links_named_schemas() {
    use clientele::routes::api::reference::Reference;
    let doc = serde_json::json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1", "description": "Send `X-Key: <k>`."},
        "paths": {"/things": {"post": {
            "operationId": "things_create", "tags": ["things"],
            "summary": "Makes a thing (`things:write`).",
            "requestBody": {"required": true, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Thing"}}}},
            "responses": {"201": {"description": "Made", "content": {"application/json": {
                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}}
        }}},
        "components": {"schemas": {
            "Part": {"type": "string", "enum": ["a", "b"]},
            "Thing": {"type": "object", "required": ["box"], "properties": {
                "box": {"type": "object", "required": ["size"], "properties": {
                    "size": {"type": "integer", "format": "int32", "minimum": 1}}},
                "parts": {"type": "array", "items": {"type": "object", "properties": {
                    "part": {"$ref": "#/components/schemas/Part"}}}},
                "note": {"type": ["string", "null"]},
                "main": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Part"}]}
            }}
        }}
    });
    let reference = Reference::of(&doc);
    let op = &reference.tags[0].operations[0];
    assert_eq!(
        (op.route.0.as_str(), op.scope.as_deref()),
        ("POST", Some("things:write"))
    );
    let body = op.body.as_ref().unwrap();
    let fields: Vec<(String, String, bool)> = body
        .fields
        .iter()
        .map(|f| {
            let ty: String = f.ty.parts.iter().map(|p| p.text.as_str()).collect();
            (f.name.clone(), ty, f.required)
        })
        .collect();
    let expected = [
        ("box", "object", true),
        ("box.size", "integer (int32)", true),
        ("main", "null | Part", false),
        ("note", "string | null", false),
        ("parts", "object[]", false),
        ("parts[].part", "Part", false),
    ];
    let expected: Vec<(String, String, bool)> = expected
        .iter()
        .map(|(n, t, r)| (n.to_string(), t.to_string(), *r))
        .collect();
    assert_eq!(fields, expected);
    assert_eq!(body.fields[1].facts, ["minimum: 1"]);
    let part = body.fields[5].ty.parts[0].anchor.as_deref();
    assert_eq!(part, Some("schema-Part"));
    let made = &op.responses[0];
    let ty: String = made
        .ty
        .as_ref()
        .unwrap()
        .parts
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!((made.status.as_str(), ty.as_str()), ("201", "Thing[]"));
    let names: Vec<&str> = reference.schemas.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Part", "Thing"]);
}
