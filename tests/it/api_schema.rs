//! Every answer of the API in the test suite is checked against the OpenAPI document: the
//! operation must list the status it answered with, and the body must match that answer's
//! schema (JSON Schema 2020-12, as OpenAPI 3.1 says); and a JSON body the API took must fit
//! the operation's request body schema. `TestClient` calls [`check`] and [`check_request`] for
//! each request under `/api/v1/`.

use clientele::routes::api::doc::OPENAPI;
use serde_json::{Value, json};

/// The document's made-up address, under which its `$ref`s resolve (nothing is fetched).
const DOC_URI: &str = "https://clientele.invalid/openapi.json";

/// The document's path template that `path` (under `/api/v1/…`, no query) fills, if any.
fn template(doc: &Value, path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let paths = doc["paths"].as_object()?;
    let fits = |t: &str| {
        let tparts: Vec<&str> = t.split('/').collect();
        tparts.len() == parts.len()
            && tparts
                .iter()
                .zip(&parts)
                .all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
    };
    // A literal segment wins over a parameter (`by-account/{number}` over `{id}`).
    let mut found: Vec<&String> = paths.keys().filter(|t| fits(t)).collect();
    found.sort_by_key(|t| t.matches('{').count());
    found.first().map(|t| t.to_string())
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Panics unless the answer (`status`, `content_type`, `body`) to `method path` is one the
/// document lists, with a body that matches its schema. A path or method the document does
/// not name is left to the route test (`api_doc`), which keeps the two the same.
pub fn check(method: &str, path: &str, status: u16, content_type: Option<&str>, body: &str) {
    let doc: &Value = &OPENAPI;
    let Some(template) = template(doc, path) else {
        return;
    };
    let method = method.to_lowercase();
    let op = &doc["paths"][&template][&method];
    if op.is_null() {
        assert_eq!(
            status, 405,
            "{method} {path}: not in the document, yet answered {status}"
        );
        return;
    }
    let mut pointer = format!("/paths/{}/{method}/responses/{status}", escape(&template));
    let mut answer = doc.pointer(&pointer).unwrap_or_else(|| {
        panic!("{method} {template} answered {status}, which its document does not list: {body}")
    });
    if let Some(r) = answer["$ref"].as_str() {
        pointer = r.trim_start_matches('#').to_string();
        answer = doc.pointer(&pointer).expect("the response's $ref resolves");
    }
    let Some(content) = answer["content"].as_object() else {
        return;
    };
    let ct = content_type.unwrap_or_default();
    let ct = ct.split(';').next().unwrap_or_default().trim();
    assert!(
        content.contains_key(ct),
        "{method} {template} {status}: content type {ct:?}, the document says {:?}",
        content.keys().collect::<Vec<_>>()
    );
    if content[ct]["schema"].is_null() {
        return;
    }
    let instance: Value = serde_json::from_str(body)
        .unwrap_or_else(|e| panic!("{method} {template} {status}: not JSON ({e}): {body}"));
    let errors = validate(
        doc,
        &format!("{pointer}/content/{}/schema", escape(ct)),
        &instance,
    );
    assert!(
        errors.is_empty(),
        "{method} {template} {status}: the body breaks its schema: {errors:#?}\n{body}"
    );
}

/// Panics when the API took (2xx) a JSON request body that its operation's `requestBody`
/// schema refuses: what the API takes, the document must allow, or a client generated from it
/// could not send it.
pub fn check_request(method: &str, path: &str, status: u16, body: &str) {
    let doc: &Value = &OPENAPI;
    let (Some(template), true) = (template(doc, path), (200..300).contains(&status)) else {
        return;
    };
    let method = method.to_lowercase();
    let pointer = format!("/paths/{}/{method}/requestBody", escape(&template));
    let Some(request) = doc.pointer(&pointer) else {
        return;
    };
    if body.trim().is_empty() {
        assert_ne!(
            request["required"], true,
            "{method} {template} took no body, which its document requires"
        );
        return;
    }
    let instance: Value = serde_json::from_str(body)
        .unwrap_or_else(|e| panic!("{method} {template}: a request body not JSON ({e}): {body}"));
    let schema = format!("{pointer}/content/application~1json/schema");
    let errors = validate(doc, &schema, &instance);
    assert!(
        errors.is_empty(),
        "{method} {template} took a body its schema refuses: {errors:#?}\n{body}"
    );
}

/// The messages of `instance` against the schema at `pointer` in the document (none: it fits).
fn validate(doc: &Value, pointer: &str, instance: &Value) -> Vec<String> {
    // In a URI, the pointer's braces are written as %7B and %7D.
    let fragment = pointer.replace('{', "%7B").replace('}', "%7D");
    let schema = json!({ "$ref": format!("{DOC_URI}#{fragment}") });
    let registry = jsonschema::Registry::new()
        .add(DOC_URI, doc.clone())
        .expect("the document is a resource")
        .prepare()
        .expect("the document's registry");
    let validator = jsonschema::draft202012::options()
        .with_registry(&registry)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{pointer}: the schema builds: {e}"));
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}
