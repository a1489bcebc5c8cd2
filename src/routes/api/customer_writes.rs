//! Customers written through the API (`customers:write`), through the same checks as the
//! customer form and signed in the history with the client's name.
//!
//! `POST /api/v1/customers` creates one: its name and contact details (`legal_name`,
//! `trading_name`, `email`, `phone`, `customer_type`, `language`) and any field a PATCH takes.
//! `PATCH /api/v1/customers/{id}` changes the fields an ERP owns (account number, credit limit
//! with its reason, payment terms, the ordering flags, tax and accounting ids), only when
//! `If-Match` names the version the ERP read (412 otherwise; 428 without it). A field the body
//! does not name stays as it is; a field the API does not take is a 422.

use super::customers::ApiCustomer;
use super::doc::{CustomerId, Idempotent, NotFound, PreconditionFailed, PreconditionRequired};
use super::{Answer, Caller, Problem, idempotency::Reply};
use crate::domain::CustomerKind;
use crate::domain::forms::{FormErrors, SaveError};
use crate::error::AppError;
use crate::i18n::L10n;
use crate::models::customers::{
    customer::{self, Customer, CustomerInput},
    customer_form::CustomerForm,
    history::Author,
};
use crate::models::reference::Reference;
use actix_web::{HttpRequest, http::StatusCode, web};
use diesel::PgConnection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::{
    PartialSchema, ToSchema,
    openapi::{RefOr, Schema, schema::AdditionalProperties},
};

/// What a PATCH may change; `null` clears a text field.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerPatch {
    #[serde(default, with = "double_option")]
    #[schema(value_type = Option<String>)]
    account_number: Option<Option<String>>,
    credit_limit_cents: Option<i64>,
    /// Why the limit changes (needed when it does).
    credit_limit_reason: Option<String>,
    /// A payment terms' name (`Net 30`), or `null` for none.
    #[serde(default, with = "double_option")]
    #[schema(value_type = Option<String>)]
    payment_terms: Option<Option<String>>,
    #[schema(schema_with = policies)]
    over_limit_policy: Option<String>,
    term_customer: Option<bool>,
    allow_cod: Option<bool>,
    allow_store_pickup: Option<bool>,
    allow_payments_on_account: Option<bool>,
    reference_required: Option<bool>,
    minimum_order_cents: Option<i64>,
    #[serde(default, with = "double_option")]
    #[schema(value_type = Option<String>)]
    tax_id: Option<Option<String>>,
    /// The customer's id in the vendor's accounting.
    #[serde(default, with = "double_option")]
    #[schema(value_type = Option<String>)]
    accounts_id: Option<Option<String>>,
}

/// A field that may be absent (unchanged), `null` (cleared) or a value.
mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub fn serialize<S: Serializer>(v: &Option<Option<String>>, s: S) -> Result<S::Ok, S::Error> {
        v.as_ref().map(Option::as_deref).serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

/// The form's field names as the API names them, for the messages of a 422.
const FIELD_NAMES: [(&str, &str); 3] = [
    ("credit_limit", "credit_limit_cents"),
    ("minimum_order", "minimum_order_cents"),
    ("payment_terms_id", "payment_terms"),
];

impl CustomerPatch {
    /// The customer form as it stands, with this patch's values put in (amounts and flags
    /// written as the form would send them); a payment terms' name nobody has is a message.
    fn onto(
        &self,
        mut form: CustomerForm,
        refs: &Reference,
        l: &L10n,
    ) -> Result<CustomerForm, FormErrors> {
        if let Some(terms) = &self.payment_terms {
            form.payment_terms_id = terms_id(refs, terms.as_deref())?;
        }
        let texts = [
            (&self.account_number, &mut form.account_number),
            (&self.tax_id, &mut form.tax_id),
            (&self.accounts_id, &mut form.accounts_id),
        ];
        for (value, field) in texts {
            if let Some(v) = value {
                *field = v.clone().unwrap_or_default();
            }
        }
        let words = [
            (&self.credit_limit_reason, &mut form.credit_limit_reason),
            (&self.over_limit_policy, &mut form.over_limit_policy),
        ];
        for (value, field) in words {
            if let Some(v) = value {
                field.clone_from(v);
            }
        }
        let amounts = [
            (self.credit_limit_cents, &mut form.credit_limit),
            (self.minimum_order_cents, &mut form.minimum_order),
        ];
        for (cents, field) in amounts {
            if let Some(cents) = cents {
                *field = l.amount(cents);
            }
        }
        let flags = [
            (self.term_customer, &mut form.term_customer),
            (self.allow_cod, &mut form.allow_cod),
            (self.allow_store_pickup, &mut form.allow_store_pickup),
            (
                self.allow_payments_on_account,
                &mut form.allow_payments_on_account,
            ),
            (self.reference_required, &mut form.reference_required),
        ];
        for (value, field) in flags {
            if let Some(on) = value {
                *field = on.then(|| "on".to_string());
            }
        }
        Ok(form)
    }
}

/// The form's value for the payment terms named `name` (none: ""), or the message that there
/// are none of that name.
fn terms_id(refs: &Reference, name: Option<&str>) -> Result<String, FormErrors> {
    let Some(name) = name else {
        return Ok(String::new());
    };
    let found = refs
        .terms
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(name.trim()));
    found.map(|t| t.id.to_string()).ok_or_else(|| {
        let message = crate::i18n::Msg::new("api-payment-terms-unknown").arg("name", name);
        FormErrors::one("payment_terms_id", message)
    })
}

/// The version `If-Match` names (`"3"` or weak `W/"3"`), or the problem that stops the PATCH.
fn if_match(req: &HttpRequest) -> Result<i32, Problem> {
    let Some(value) = req.headers().get(actix_web::http::header::IF_MATCH) else {
        let detail = "Send If-Match with the ETag of the customer as you read it.".to_string();
        return Err(Problem::new(StatusCode::PRECONDITION_REQUIRED, detail));
    };
    let tag = value.to_str().unwrap_or_default().trim();
    let tag = tag.strip_prefix("W/").unwrap_or(tag);
    tag.trim_matches('"').parse().map_err(|_| {
        Problem::new(
            StatusCode::PRECONDITION_FAILED,
            "If-Match names no version of this customer.".to_string(),
        )
    })
}

/// The messages of a refused change, named as the API names its fields, in English.
fn invalid(errors: &FormErrors) -> Problem {
    Problem::of_form(errors, &FIELD_NAMES)
}

/// Puts `patch` onto customer `id` if it is still at `version`, as client `by`.
fn apply(
    conn: &mut PgConnection,
    (id, version): (i64, i32),
    patch: &CustomerPatch,
    by: &Author,
) -> Result<Result<(), Problem>, AppError> {
    let l = L10n::english();
    let current = Customer::find(conn, id)?;
    let refs = Reference::load(conn)?;
    let form = CustomerForm::load(conn, &current, &l)?;
    let input = patch
        .onto(form, &refs, &l)
        .and_then(|form| CustomerInput::parse(&form, &refs, &l));
    let input = match input {
        Ok(input) => input,
        Err(errors) => return Ok(Err(invalid(&errors))),
    };
    match customer::update(conn, id, version, input, by) {
        Ok(_) => Ok(Ok(())),
        Err(SaveError::Invalid(errors)) => Ok(Err(invalid(&errors))),
        Err(SaveError::Stale(_)) => Ok(Err(Problem::new(
            StatusCode::PRECONDITION_FAILED,
            "The customer changed since that version was read: read it again.".to_string(),
        ))),
        Err(SaveError::Failed(e)) => Err(e),
    }
}

/// Who a new customer is: the fields a POST takes beside those a PATCH takes.
#[derive(Clone, Debug, Default, Deserialize)]
pub(super) struct Identity {
    pub legal_name: Option<String>,
    pub trading_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// "business" or "individual"; business when not given.
    pub customer_type: Option<String>,
    /// "en", "de"; the country's when not given.
    pub language: Option<String>,
}

const IDENTITY: [&str; 6] = [
    "legal_name",
    "trading_name",
    "email",
    "phone",
    "customer_type",
    "language",
];

impl Identity {
    /// The new customer's identity and the rest of the body as a patch (a field neither takes
    /// is a 422).
    fn read(mut body: Map<String, Value>) -> Result<(Identity, CustomerPatch), Problem> {
        let unreadable = |e: serde_json::Error| {
            let detail = format!("The JSON body could not be read: {e}");
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, detail)
        };
        let own: Map<String, Value> = IDENTITY
            .iter()
            .filter_map(|k| body.remove(*k).map(|v| (k.to_string(), v)))
            .collect();
        let identity = serde_json::from_value(Value::Object(own)).map_err(unreadable)?;
        let patch = serde_json::from_value(Value::Object(body)).map_err(unreadable)?;
        Ok((identity, patch))
    }

    /// A blank customer form with this identity written in.
    fn onto(&self, mut form: CustomerForm) -> CustomerForm {
        let texts = [
            (&self.legal_name, &mut form.legal_name),
            (&self.trading_name, &mut form.trading_name),
            (&self.email, &mut form.email),
            (&self.phone, &mut form.phone),
            (&self.customer_type, &mut form.customer_type),
            (&self.language, &mut form.language),
        ];
        for (value, field) in texts {
            if let Some(v) = value {
                field.clone_from(v);
            }
        }
        form
    }
}

/// Creates the customer `identity` and `patch` describe (on a blank form `form` may change
/// further), as client `by`; its id.
fn made(
    conn: &mut PgConnection,
    (identity, patch): (&Identity, &CustomerPatch),
    form: impl FnOnce(&mut CustomerForm, &Reference),
    (by, price_list_domain): (&Author, &str),
) -> Result<i64, Problem> {
    let l = L10n::english();
    let refs = Reference::load(conn)?;
    let mut blank = identity.onto(CustomerForm::blank(CustomerKind::Customer, &refs, &l));
    form(&mut blank, &refs);
    let input = patch
        .onto(blank, &refs, &l)
        .and_then(|form| CustomerInput::parse(&form, &refs, &l))
        .map_err(|errors| invalid(&errors))?;
    match customer::create(conn, input, by, price_list_domain) {
        Ok(c) => Ok(c.id),
        Err(SaveError::Invalid(errors)) => Err(invalid(&errors)),
        Err(SaveError::Stale(_)) => Err(Problem::of_status(StatusCode::CONFLICT)),
        Err(SaveError::Failed(e)) => Err(e.into()),
    }
}

/// The payment terms, and the sales channel, of a customer an external channel creates.
pub(super) const BUYER_TERMS: &str = "Full payment before despatch";
pub(super) const BUYER_CHANNEL: &str = "Web shop";

/// A marketplace's buyer made a customer (seed 002): it pays in full before despatch (no
/// invoice, no cash on delivery) and is priced as the web shop's customers are; the caller
/// gives it what ordering needs.
pub(super) fn buyer_made(
    conn: &mut PgConnection,
    identity: &Identity,
    by: (&Author, &str),
) -> Result<i64, Problem> {
    let patch = CustomerPatch {
        payment_terms: Some(Some(BUYER_TERMS.to_string())),
        term_customer: Some(false),
        allow_cod: Some(false),
        ..CustomerPatch::default()
    };
    let web_shop = |form: &mut CustomerForm, refs: &Reference| {
        let channel = refs.channels.iter().find(|c| c.name == BUYER_CHANNEL);
        form.sales_channel_id = channel.map(|c| c.id.to_string()).unwrap_or_default();
    };
    made(conn, (identity, &patch), web_shop, by)
}

/// Who a new customer is, for the document: the fields a POST takes beside a PATCH's.
#[derive(ToSchema)]
#[allow(dead_code)]
struct NewIdentity {
    /// Required.
    legal_name: String,
    trading_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    #[schema(schema_with = customer_types)]
    customer_type: Option<String>,
    /// "en" or "de"; the country's when not given.
    language: Option<String>,
}

fn customer_types() -> utoipa::openapi::Object {
    let why = "A business or a person; business when not given.";
    super::doc::words(&["business", "individual"], true, why)
}

fn policies() -> utoipa::openapi::Object {
    let why = "What happens to an order over the credit limit: refused, held, or let through.";
    super::doc::words(&["block", "warn", "allow"], true, why)
}

/// A new customer as `POST /api/v1/customers` takes it: who it is (`NewIdentity`), and any
/// field a PATCH takes (`CustomerPatch`), in one object that takes no other field. (The
/// handler reads the two apart; `allOf` of the two would take no body at all, since each
/// refuses the other's fields.)
pub struct NewCustomer;

impl PartialSchema for NewCustomer {
    fn schema() -> RefOr<Schema> {
        let fields = |schema: RefOr<Schema>| match schema {
            RefOr::T(Schema::Object(object)) => object,
            _ => unreachable!("a derived struct's schema is an object"),
        };
        let mut new = fields(NewIdentity::schema());
        let patch = fields(CustomerPatch::schema());
        new.properties.extend(patch.properties);
        new.required.extend(patch.required);
        new.description = Some(
            "A new customer: who it is, and any field a PATCH takes (`CustomerPatch`).".to_string(),
        );
        new.additional_properties = Some(Box::new(AdditionalProperties::FreeForm(false)));
        RefOr::T(Schema::Object(new))
    }
}

impl ToSchema for NewCustomer {}

/// Creates a customer through the customer form's checks, signed with the client's name in its
/// history (`customers:write`). Answers 201 with the customer and its `Location`.
#[utoipa::path(post, path = "/api/v1/customers", operation_id = "customers_create", tag = "customers",
    params(Idempotent), request_body = NewCustomer,
    responses((status = 201, description = "The customer made", body = ApiCustomer)))]
pub async fn create(
    caller: Caller,
    req: HttpRequest,
    body: web::Json<Map<String, Value>>,
) -> Answer {
    caller.require("customers:write")?;
    let body = body.into_inner();
    let (identity, patch) = Identity::read(body.clone())?;
    let by = Author::Client(caller.client.name.clone());
    let domain = caller.price_list_domain();
    caller
        .once(&req, &body, move |conn| {
            let id = made(conn, (&identity, &patch), |_, _| {}, (&by, &domain))?;
            let customer = super::customers::find(conn, super::customers::Key::Id(id))?;
            let location = format!("/api/v1/customers/{id}");
            Ok(Reply::new(StatusCode::CREATED, &customer, Some(location)))
        })
        .await
}

/// Changes the fields the ERP owns, if the customer is still at the version `If-Match` names
/// (`customers:write`); answers the customer as it now stands, with its new `ETag`.
#[utoipa::path(patch, path = "/api/v1/customers/{id}", operation_id = "customers_update", tag = "customers",
    params(CustomerId, ("If-Match" = String, Header, description = "The customer's `ETag` as read")),
    request_body = CustomerPatch, responses(
        (status = 200, description = "The customer as it now stands", body = ApiCustomer),
        (status = 404, response = NotFound), (status = 412, response = PreconditionFailed),
        (status = 428, response = PreconditionRequired)))]
pub async fn update(
    caller: Caller,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<CustomerPatch>,
) -> Answer {
    caller.require("customers:write")?;
    let id: i64 = path.parse().map_err(|_| Problem::not_found())?;
    let version = if_match(&req)?;
    let by = Author::Client(caller.client.name.clone());
    let patch = body.into_inner();
    caller
        .run(move |conn| apply(conn, (id, version), &patch, &by))
        .await??;
    super::customers::one(caller, super::customers::Key::Id(id)).await
}
