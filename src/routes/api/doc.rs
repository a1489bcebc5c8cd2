//! The API's OpenAPI 3.1 document, generated from the code by `utoipa`: each handler's
//! `#[utoipa::path]` (its method, path, parameters, body, answers and errors) and each type's
//! `ToSchema`. Served at `/api/v1/openapi.json` without a token; `/api/docs` reads it.
//!
//! Every route the API answers is registered through [`Routes`], which keeps the list; a test
//! fails when a route answers that the document does not name, or the other way round.

use super::{
    customer_parts, customer_writes, customers, order_intake, orders, postings, prices,
    problem::Problem, stock,
};
use actix_web::{HttpResponse, Route, http::Method, http::header, web};
use std::{
    collections::BTreeSet,
    sync::{LazyLock, Mutex},
};
use utoipa::{
    IntoParams, Modify, OpenApi, ToResponse,
    openapi::{
        Object, ObjectBuilder,
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Clientele API",
        description = "The door of the vendor's ERP and other systems. Every request carries \
                       `Authorization: Bearer <token>` of an API client (Administration → API \
                       clients); each operation names the scope it needs. Errors are RFC 9457 \
                       problem documents. Lists page by cursor (`limit`, `after`). POSTs take an \
                       `Idempotency-Key`."
    ),
    paths(
        document,
        customers::index,
        customers::show,
        customers::by_account,
        customer_parts::addresses,
        customer_parts::contacts,
        prices::put,
        customer_writes::create,
        customer_writes::update,
        orders::feed,
        orders::show,
        orders::acknowledge,
        orders::ship,
        order_intake::create,
        postings::invoice,
        postings::payment,
        stock::put,
    ),
    components(
        schemas(Problem),
        responses(
            BadRequest,
            Unauthorized,
            Forbidden,
            NotFound,
            Conflict,
            PreconditionFailed,
            Unprocessable,
            PreconditionRequired,
            TooManyRequests
        )
    ),
    modifiers(&Bearer, &Common),
    security(("bearer" = [])),
    tags(
        (name = "customers", description = "Customers, by id and by account number."),
        (name = "orders", description = "The orders feed, orders from other channels, and what the ERP reports back."),
        (name = "ledger", description = "Invoices and payments posted by the ERP."),
        (name = "stock", description = "Stock per SKU and store.")
    )
)]
pub struct ApiDoc;

/// The bearer token every operation needs.
struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "The token of an API client, shown once when it is made.",
            ))
            .build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The document as JSON, made once.
pub static OPENAPI: LazyLock<serde_json::Value> = LazyLock::new(|| {
    serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document serialises")
});

/// This document; it needs no token.
#[utoipa::path(get, path = "/api/v1/openapi.json", operation_id = "openapi", tag = "document", security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .json(&*OPENAPI)
}

/// The routes registered so far: (method, path under `/api/v1`).
static REGISTERED: Mutex<BTreeSet<(String, String)>> = Mutex::new(BTreeSet::new());

/// Every route the API answers, as registered (the document's own route among them).
pub fn registered() -> BTreeSet<(String, String)> {
    REGISTERED.lock().map(|r| r.clone()).unwrap_or_default()
}

/// Registers the API's resources, keeping the list of what answers.
pub struct Routes<'a> {
    pub cfg: &'a mut web::ServiceConfig,
}

impl Routes<'_> {
    /// `path` answering each of `routes` (`web::to(handler)` with its method); any other
    /// method is a 405 naming those it takes.
    pub fn at(&mut self, path: &'static str, routes: Vec<(Method, Route)>) -> &mut Self {
        let allowed: Vec<String> = routes.iter().map(|(m, _)| m.to_string()).collect();
        let allow = allowed.join(", ");
        let mut resource = web::resource(path)
            .default_service(web::to(move || super::method_not_allowed(allow.clone())));
        if let Ok(mut registered) = REGISTERED.lock() {
            registered.extend(allowed.into_iter().map(|m| (m, path.to_string())));
        }
        for (method, route) in routes {
            resource = resource.route(route.method(method));
        }
        self.cfg.service(resource);
        self
    }
}

/// The errors every operation but the document's own may answer: no token (401), no scope
/// (403), past the rate limit (429); where it reads a query, a path or a body, a request it
/// cannot read (400: a query string that does not fit, text with a NUL byte); and where it
/// reads a query or a body, invalid input (422).
struct Common;

impl Modify for Common {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{Ref, RefOr, path::ParameterIn};
        for item in openapi.paths.paths.values_mut() {
            let ops = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
            ];
            for op in ops.into_iter().flatten() {
                if op.operation_id.as_deref() == Some("openapi") {
                    continue;
                }
                let params = op.parameters.as_deref().unwrap_or_default();
                let read_from = |place: ParameterIn| {
                    params.iter().any(|p| match p {
                        RefOr::T(p) => p.parameter_in == place,
                        RefOr::Ref(_) => false,
                    })
                };
                let query = read_from(ParameterIn::Query);
                let path = read_from(ParameterIn::Path);
                let mut common = vec![
                    ("401", "Unauthorized"),
                    ("403", "Forbidden"),
                    ("429", "TooManyRequests"),
                ];
                if query || path || op.request_body.is_some() {
                    common.push(("400", "BadRequest"));
                }
                if query || op.request_body.is_some() {
                    common.push(("422", "Unprocessable"));
                }
                for (status, name) in common {
                    let answer = RefOr::Ref(Ref::from_response_name(name));
                    op.responses
                        .responses
                        .entry(status.to_string())
                        .or_insert(answer);
                }
            }
        }
    }
}

/// A text field that takes one of `words` (and null, when `nullable`), described: the schema
/// of such a field (`#[schema(schema_with = …)]`), its words listed as `enum`.
pub fn words(words: &[&str], nullable: bool, description: &str) -> Object {
    use utoipa::openapi::{Type, schema::SchemaType};
    let mut values: Vec<serde_json::Value> = words.iter().map(|w| (*w).into()).collect();
    let kind = match nullable {
        true => {
            values.push(serde_json::Value::Null);
            SchemaType::from_iter([Type::String, Type::Null])
        }
        false => SchemaType::Type(Type::String),
    };
    ObjectBuilder::new()
        .schema_type(kind)
        .enum_values(Some(values))
        .description(Some(description))
        .build()
}

/// A customer's id, in the path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct CustomerId {
    /// The customer's id.
    #[param(example = 1)]
    id: i64,
}

/// An order's number, in the path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct OrderNumber {
    /// The order's number (`SO-0001234`).
    #[param(example = "SO-0000003")]
    number: String,
}

/// The key a POST is done once for.
#[derive(IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub struct Idempotent {
    /// Send the request again with the same key (1-255 visible characters) to have it done
    /// once: the first answer comes again, marked `Idempotent-Replayed: true`.
    #[param(rename = "Idempotency-Key", value_type = String, required = false, pattern = "^[!-~]{1,255}$")]
    key: Option<String>,
}

/// The problem documents an operation may answer, by status, some with a header.
macro_rules! problems {
    ($($(#[$doc:meta])* $name:ident $(($($header:tt)*))?;)+) => {$(
        $(#[$doc])*
        #[derive(ToResponse)]
        #[response(content_type = "application/problem+json" $(, headers(($($header)*)))?)]
        #[allow(dead_code)]
        pub struct $name(Problem);
    )+};
}

problems! {
    /// The request cannot be read: a query string that does not fit the route, or text with
    /// characters that cannot be stored (a NUL byte).
    BadRequest;
    /// No valid bearer token.
    Unauthorized("WWW-Authenticate" = String, description = "`Bearer`");
    /// The client does not have the scope the operation needs.
    Forbidden;
    /// The resource does not exist.
    NotFound;
    /// A rule or the record's state forbids it; the detail names it.
    Conflict;
    /// `If-Match` names a version that is no longer the record's.
    PreconditionFailed;
    /// Invalid input: `errors` names each field.
    Unprocessable;
    /// The operation needs `If-Match`.
    PreconditionRequired;
    /// More requests this minute than the vendor allows the client.
    TooManyRequests("Retry-After" = u32, description = "Seconds to wait before asking again");
}
