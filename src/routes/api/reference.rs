//! `GET /api/docs`: the API's reference as a page, made once from its OpenAPI document
//! (`doc::OPENAPI`). The document is walked into plain view structs here; the template
//! (`api/reference.html`) only loops over them, and escapes every word of the document.
//!
//! No session, token or sign-in takes part (the page lives under `/api`, which has none): the
//! reader's language is `?lang=` (the switch the page shows), else `Accept-Language`, else the
//! vendor's default. Only the page's own words are translated; the document's descriptions
//! stay as it has them.

use super::doc::OPENAPI;
use crate::error::AppResult;
use crate::i18n::{Lang, Msg};
use crate::routes::layout::{Layout, anyones_reader};
use actix_web::{HttpRequest, HttpResponse, http::StatusCode};
use askama::Template;
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// The page: its frame, and the reference (the same for every reader).
#[derive(Template)]
#[template(path = "api/reference.html")]
pub struct ReferencePage {
    pub layout: Layout,
    pub doc: &'static Reference,
}

/// `GET /api/docs`, for anyone.
pub async fn show(req: HttpRequest) -> AppResult<HttpResponse> {
    let mut l = anyones_reader(req.headers(), req.app_data());
    let asked = req
        .query_string()
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::parse);
    if let Some(lang) = asked {
        l.lang = lang;
    }
    let layout = Layout::anonymous()
        .read_by(l)
        .titled(Msg::new("api-docs-title"));
    let page = ReferencePage {
        layout,
        doc: &REFERENCE,
    };
    crate::routes::respond::page(StatusCode::OK, &page)
}

/// The reference, walked from the document once.
pub static REFERENCE: LazyLock<Reference> = LazyLock::new(|| Reference::of(&OPENAPI));

/// Everything the page shows of the document.
#[derive(Debug)]
pub struct Reference {
    /// The document's title and version.
    pub title: (String, String),
    pub tags: Vec<TagView>,
    pub schemas: Vec<SchemaView>,
    pub description: Prose,
    /// What the bearer scheme says of its token.
    pub token: Prose,
}

/// A tag and its operations, in the document's order of tags (those it does not list last).
#[derive(Debug)]
pub struct TagView {
    pub name: String,
    pub operations: Vec<OperationView>,
    pub anchor: String,
    pub description: Prose,
}

#[derive(Debug)]
pub struct OperationView {
    pub anchor: String,
    pub parameters: Vec<FieldView>,
    /// Its method (`GET`, `POST`, …) and path.
    pub route: (String, String),
    pub body: Option<BodyView>,
    pub responses: Vec<ResponseView>,
    pub summary: Prose,
    /// The scope the operation names (`customers:read`), if it names one.
    pub scope: Option<String>,
    pub description: Prose,
    /// Needs no token at all.
    pub open: bool,
}

/// A parameter, a body's field or a schema's property.
#[derive(Debug)]
pub struct FieldView {
    /// Nested fields are named by their path: `lines[].sku`, `address.city`.
    pub name: String,
    /// JSON Schema's own words: `minimum: 1`, `example: "edi"`.
    pub facts: Vec<String>,
    /// Where a parameter goes (`path`, `query`, `header`); empty for a field.
    pub location: String,
    pub ty: TypeView,
    pub required: bool,
    pub description: Prose,
}

#[derive(Debug)]
pub struct BodyView {
    pub content_type: String,
    pub required: bool,
    pub description: Prose,
    pub ty: TypeView,
    pub fields: Vec<FieldView>,
}

#[derive(Debug)]
pub struct ResponseView {
    pub status: String,
    pub description: Prose,
    pub content_type: Option<String>,
    pub ty: Option<TypeView>,
    /// The headers it carries: name and description.
    pub headers: Vec<(String, Prose)>,
}

#[derive(Debug)]
pub struct SchemaView {
    pub name: String,
    pub fields: Vec<FieldView>,
    pub anchor: String,
    pub description: Prose,
    pub ty: TypeView,
}

/// A type as the page writes it: `string (date-time) | null`, `NewLine[]`, each schema's name
/// a link to it.
#[derive(Debug, Default)]
pub struct TypeView {
    pub parts: Vec<Part>,
}

#[derive(Debug)]
pub struct Part {
    pub text: String,
    /// The anchor of the schema it names.
    pub anchor: Option<String>,
}

/// Text of the document: paragraphs of runs, a run in backticks being code.
#[derive(Debug, Default)]
pub struct Prose {
    pub paragraphs: Vec<Vec<Run>>,
}

#[derive(Debug)]
pub struct Run {
    pub text: String,
    pub code: bool,
}

impl Prose {
    /// `text` in paragraphs (blank lines apart), `code` marked by backticks.
    pub fn of(text: &str) -> Prose {
        let paragraphs = text
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.split('`')
                    .enumerate()
                    .filter(|(_, t)| !t.is_empty())
                    .map(|(i, t)| Run {
                        text: t.to_string(),
                        code: i % 2 == 1,
                    })
                    .collect()
            })
            .collect();
        Prose { paragraphs }
    }

    fn at(v: &Value, key: &str) -> Prose {
        Prose::of(v.get(key).and_then(Value::as_str).unwrap_or_default())
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// Every run of every paragraph.
    fn words(&self) -> impl Iterator<Item = &Run> {
        self.paragraphs.iter().flatten()
    }
}

/// The methods an operation may have, in the order the page lists them.
const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn object(v: &Value, key: &str) -> Map<String, Value> {
    v.get(key)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// An anchor made of `prefix` and `name`'s letters, digits, `-` and `_`.
fn anchor(prefix: &str, name: &str) -> String {
    let safe: String = name
        .chars()
        .map(
            |c| match c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                true => c,
                false => '_',
            },
        )
        .collect();
    format!("{prefix}{safe}")
}

impl Reference {
    pub fn of(doc: &Value) -> Reference {
        let info = &doc["info"];
        let token = &doc["components"]["securitySchemes"]["bearer"];
        let schemas = object(&doc["components"], "schemas")
            .iter()
            .map(|(name, schema)| SchemaView::of(doc, name, schema))
            .collect();
        Reference {
            title: (text(info, "title"), text(info, "version")),
            description: Prose::at(info, "description"),
            token: Prose::at(token, "description"),
            tags: tags(doc),
            schemas,
        }
    }
}

/// The operations grouped by their first tag: the document's tags first, in its order.
fn tags(doc: &Value) -> Vec<TagView> {
    let mut tags: Vec<TagView> = doc["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| TagView::new(&text(t, "name"), Prose::at(t, "description")))
        .collect();
    let open = doc["security"].as_array().is_some_and(|s| s.is_empty());
    for (path, item) in object(doc, "paths") {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let tag = op["tags"][0].as_str().unwrap_or("default");
            let index = match tags.iter().position(|t| t.name == tag) {
                Some(i) => i,
                None => {
                    tags.push(TagView::new(tag, Prose::default()));
                    tags.len() - 1
                }
            };
            let view = OperationView::of(doc, (method, &path), op, open);
            tags[index].operations.push(view);
        }
    }
    tags.retain(|t| !t.operations.is_empty());
    tags
}

impl TagView {
    fn new(name: &str, description: Prose) -> TagView {
        TagView {
            name: name.to_string(),
            anchor: anchor("tag-", name),
            description,
            operations: Vec::new(),
        }
    }
}

impl OperationView {
    /// Operation `op` at `method` and `path`; `open_by_default` when the document asks for no
    /// token unless an operation does.
    fn of(doc: &Value, (method, path): (&str, &str), op: &Value, open_by_default: bool) -> Self {
        let summary = Prose::at(op, "summary");
        let description = Prose::at(op, "description");
        let scope = summary.words().chain(description.words()).find_map(scope);
        // `security: [{}]` (or none at all) asks for no token.
        let open = match op.get("security").and_then(Value::as_array) {
            Some(s) => s.is_empty() || s.iter().all(|r| r.as_object().is_some_and(Map::is_empty)),
            None => open_by_default,
        };
        let id = op["operationId"]
            .as_str()
            .map_or_else(|| format!("{method}{path}"), str::to_string);
        OperationView {
            anchor: anchor("op-", &id),
            route: (method.to_uppercase(), path.to_string()),
            summary,
            description,
            scope,
            open,
            parameters: op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| parameter(doc, resolve(doc, p)))
                .collect(),
            body: op.get("requestBody").map(|b| BodyView::of(doc, b)),
            responses: object(op, "responses")
                .iter()
                .map(|(status, r)| ResponseView::of(doc, status, r))
                .collect(),
        }
    }
}

/// A run of code that names a scope: `customers:read`.
fn scope(run: &Run) -> Option<String> {
    let (resource, access) = run.text.split_once(':')?;
    let word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    (run.code && word(resource) && word(access)).then(|| run.text.clone())
}

fn parameter(doc: &Value, p: &Value) -> FieldView {
    let schema = resolve(doc, &p["schema"]);
    FieldView {
        name: text(p, "name"),
        location: text(p, "in"),
        ty: TypeView::of(&p["schema"]),
        required: p["required"].as_bool().unwrap_or(false),
        description: Prose::at(p, "description"),
        facts: facts(schema),
    }
}

impl BodyView {
    fn of(doc: &Value, body: &Value) -> BodyView {
        let body = resolve(doc, body);
        let content = object(body, "content");
        let (content_type, media) = content
            .iter()
            .next()
            .map_or((String::new(), &Value::Null), |(k, v)| (k.clone(), v));
        let schema = &media["schema"];
        let mut fields = Vec::new();
        fields_of(doc, resolve(doc, schema), "", &mut fields);
        BodyView {
            content_type,
            required: body["required"].as_bool().unwrap_or(false),
            description: Prose::at(body, "description"),
            ty: TypeView::of(schema),
            fields,
        }
    }
}

impl ResponseView {
    fn of(doc: &Value, status: &str, response: &Value) -> ResponseView {
        let response = resolve(doc, response);
        let content = object(response, "content");
        let media = content.iter().next();
        let headers = object(response, "headers")
            .iter()
            .map(|(name, h)| (name.clone(), Prose::at(resolve(doc, h), "description")))
            .collect();
        ResponseView {
            status: status.to_string(),
            description: Prose::at(response, "description"),
            content_type: media.map(|(k, _)| k.clone()),
            ty: media
                .map(|(_, m)| &m["schema"])
                .filter(|s| !s.is_null())
                .map(TypeView::of),
            headers,
        }
    }
}

impl SchemaView {
    fn of(doc: &Value, name: &str, schema: &Value) -> SchemaView {
        let mut fields = Vec::new();
        fields_of(doc, schema, "", &mut fields);
        SchemaView {
            name: name.to_string(),
            anchor: anchor("schema-", name),
            description: Prose::at(schema, "description"),
            ty: TypeView::of(schema),
            fields,
        }
    }
}

/// What `v` is when it is a `$ref` within the document (followed a few times), else `v`.
fn resolve<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    for _ in 0..8 {
        let Some(r) = v.get("$ref").and_then(Value::as_str) else {
            break;
        };
        match r.strip_prefix('#').and_then(|p| doc.pointer(p)) {
            Some(target) => v = target,
            None => break,
        }
    }
    v
}

/// How deep nested objects are listed as fields of their own.
const DEPTH: usize = 4;

/// The fields of object `schema` (its `allOf` parts merged), nested inline objects after
/// their field as `prefix.name`, `prefix[].name`; a `$ref` is a link, not listed again.
fn fields_of(doc: &Value, schema: &Value, prefix: &str, out: &mut Vec<FieldView>) {
    if prefix.matches(['.', ']']).count() >= DEPTH {
        return;
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        fields_of(doc, resolve(doc, part), prefix, out);
    }
    let required: Vec<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (name, property) in object(schema, "properties") {
        let full = format!("{prefix}{name}");
        out.push(FieldView {
            name: full.clone(),
            location: String::new(),
            ty: TypeView::of(&property),
            required: required.contains(&name.as_str()),
            description: described(&property),
            facts: facts(&property),
        });
        if let Some((inner, mark)) = inline_object(&property) {
            fields_of(doc, inner, &format!("{full}{mark}."), out);
        }
    }
}

/// A property's description: its own, else the one its alternative carries (an optional
/// `$ref` is `oneOf` the schema, described, and `null`).
fn described(property: &Value) -> Prose {
    let alternatives = ["oneOf", "anyOf", "allOf"]
        .iter()
        .filter_map(|k| property[*k].as_array())
        .flatten();
    std::iter::once(property)
        .chain(alternatives)
        .map(|v| Prose::at(v, "description"))
        .find(|p| !p.is_empty())
        .unwrap_or_default()
}

/// The object written out inside a property (not a `$ref`), alone, in an array, or beside
/// `null`; with the mark its fields' names take (`[]` for an array's items).
fn inline_object(property: &Value) -> Option<(&Value, &'static str)> {
    let has_fields = |v: &Value| v.get("properties").is_some() || v.get("allOf").is_some();
    if has_fields(property) {
        return Some((property, ""));
    }
    if let Some(items) = property.get("items").filter(|i| has_fields(i)) {
        return Some((items, "[]"));
    }
    let alternatives = property["oneOf"]
        .as_array()
        .or(property["anyOf"].as_array());
    let mut objects = alternatives.into_iter().flatten().filter(|v| has_fields(v));
    match (objects.next(), objects.next()) {
        (Some(only), None) => Some((only, "")),
        _ => None,
    }
}

/// JSON Schema's own words on a value: its bounds, default, example.
fn facts(schema: &Value) -> Vec<String> {
    const KEYS: [&str; 9] = [
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "pattern",
        "default",
        "example",
    ];
    let mut out: Vec<String> = KEYS
        .iter()
        .filter_map(|k| schema.get(*k).map(|v| format!("{k}: {v}")))
        .collect();
    if let Some(first) = schema["examples"].as_array().and_then(|e| e.first()) {
        out.push(format!("example: {first}"));
    }
    out
}

impl TypeView {
    pub fn of(schema: &Value) -> TypeView {
        let mut view = TypeView::default();
        view.write(schema);
        view
    }

    fn push(&mut self, text: impl Into<String>) {
        self.parts.push(Part {
            text: text.into(),
            anchor: None,
        });
    }

    /// Writes `schema`'s type: a `$ref` as a link, alternatives with `|`, arrays with `[]`.
    fn write(&mut self, schema: &Value) {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or(r);
            let to_schema = r.starts_with("#/components/schemas/");
            self.parts.push(Part {
                text: name.to_string(),
                anchor: to_schema.then(|| anchor("schema-", name)),
            });
            return;
        }
        for (key, mark) in [("oneOf", " | "), ("anyOf", " | "), ("allOf", " & ")] {
            if let Some(all) = schema.get(key).and_then(Value::as_array) {
                return self.alternatives(all, mark);
            }
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            let values: Vec<String> = values.iter().map(Value::to_string).collect();
            return self.push(values.join(" | "));
        }
        if let Some(value) = schema.get("const") {
            return self.push(value.to_string());
        }
        match &schema["type"] {
            Value::String(t) => self.primitive(t, schema),
            Value::Array(types) => {
                for (i, t) in types.iter().filter_map(Value::as_str).enumerate() {
                    if i > 0 {
                        self.push(" | ");
                    }
                    self.primitive(t, schema);
                }
            }
            _ => self.push("any"),
        }
    }

    fn alternatives(&mut self, all: &[Value], mark: &str) {
        for (i, one) in all.iter().enumerate() {
            if i > 0 {
                self.push(mark);
            }
            self.write(one);
        }
    }

    /// One of JSON Schema's types: `integer (int64)`, `NewLine[]`, `{ string: integer }`.
    fn primitive(&mut self, t: &str, schema: &Value) {
        match t {
            "array" => {
                let items = &schema["items"];
                let grouped = ["oneOf", "anyOf", "allOf"]
                    .iter()
                    .any(|k| items.get(*k).is_some())
                    || items["type"].is_array();
                if grouped {
                    self.push("(");
                }
                self.write(items);
                self.push(if grouped { ")[]" } else { "[]" });
            }
            "object" if schema["additionalProperties"].is_object() => {
                self.push("{ string: ");
                self.write(&schema["additionalProperties"]);
                self.push(" }");
            }
            "null" => self.push("null"),
            _ => match schema["format"].as_str() {
                Some(format) => self.push(format!("{t} ({format})")),
                None => self.push(t),
            },
        }
    }
}
