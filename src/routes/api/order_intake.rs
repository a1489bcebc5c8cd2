//! `POST /api/v1/orders` (`orders:write`): an order from another channel (EDI, a web shop, a
//! marketplace) for a customer named by its account number, placed through the same rules as
//! the portal (`models::orders::placing`): what the customer may see at its prices, its payment
//! methods, its credit, its delivery choices. The order is signed "API: <client>", carries its
//! channel and its id there (an id already placed is a 409 naming that order), and goes out
//! with the same confirmation email.
//!
//! A marketplace order (`ebay`, `amazon`) may name its `buyer` instead: a buyer seen before is
//! the customer its earlier order went to; an unknown one becomes a new customer (seed 002)
//! who pays in full before despatch, priced as the web shop's customers are, with the standard
//! catalog and the buyer's address to ship to.

use super::doc::{Conflict, Idempotent};
use super::{
    Answer, Caller, Problem,
    customer_writes::{Identity, buyer_made},
    idempotency::Reply,
    problem::FieldError,
};
use crate::{
    domain::{AddressKind, OrderChannel, PaymentMethod, forms::optional},
    models::{
        customers::{
            address::{AddressInput, AddressLines},
            history::Author,
        },
        orders::{
            NotDone,
            placing::{self, Checkout, LinesFrom, Source, Wanted},
            terms::{Choice, Delivery, Refusal},
        },
    },
    routes::orders::form::OrderForm,
    schema::{customers, orders, products, stores},
};
use actix_web::{HttpRequest, http::StatusCode, web};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An order as a channel sends it.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "channel": "edi", "channel_order_id": "EDI-4711", "account_number": "C-10001",
    "reference": "PO-2291", "payment": "invoice", "requested_on": "2027-01-15",
    "lines": [{"sku": "VLV-100", "quantity": 2}]
}))]
pub struct NewOrder {
    #[schema(min_items = 1)]
    pub lines: Vec<NewLine>,
    #[schema(schema_with = channels, example = "edi")]
    pub channel: String,
    /// The order's id in that channel (unique across orders), at most 100 characters.
    #[schema(example = "EDI-4711", max_length = 100)]
    pub channel_order_id: Option<String>,
    /// The customer, by the account number the ERP knows it by.
    #[schema(example = "C-10001")]
    pub account_number: Option<String>,
    /// A marketplace's buyer, when no account number is given.
    pub buyer: Option<Buyer>,
    /// The buyer's reference (purchase order number), at most 60 characters on one line.
    #[schema(example = "PO-2291", max_length = 60)]
    pub reference: Option<String>,
    /// One of the customer's shipping addresses (its default when neither this nor
    /// `pickup_store` is given).
    pub ship_to_address_id: Option<i64>,
    /// A store's code, to collect from.
    #[schema(example = "MAIN")]
    pub pickup_store: Option<String>,
    #[schema(schema_with = payments, example = "invoice")]
    pub payment: Option<String>,
    /// The day the buyer asks for it: today or later.
    #[schema(example = "2027-01-15")]
    #[serde(default, deserialize_with = "super::day::optional")]
    pub requested_on: Option<NaiveDate>,
    /// At most 2,000 characters.
    #[schema(example = "Please ring at the goods entrance.", max_length = 2000)]
    pub note: Option<String>,
}

fn channels() -> utoipa::openapi::Object {
    let words = ["edi", "web", "ebay", "amazon"];
    super::doc::words(&words, false, "Where the order comes from.")
}

fn payments() -> utoipa::openapi::Object {
    let why = "How it is paid; the first way the customer may use when not given.";
    super::doc::words(&["invoice", "cod", "prepay"], true, why)
}

/// A marketplace's buyer: its id there, its name and how to reach it, and where to ship.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Buyer {
    /// The buyer's id at the marketplace, at most 100 characters.
    #[schema(example = "amzn-1-7731", max_length = 100)]
    pub id: String,
    #[schema(example = "Jo Buyer")]
    pub name: String,
    #[schema(example = "jo@example.com")]
    pub email: Option<String>,
    #[schema(example = "+44 113 496 0000")]
    pub phone: Option<String>,
    pub address: Option<BuyerAddress>,
}

/// Where a buyer's order goes.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BuyerAddress {
    #[schema(example = "5 High Street")]
    pub line1: String,
    pub line2: Option<String>,
    #[schema(example = "LS1 4AP")]
    pub postcode: Option<String>,
    #[schema(example = "Leeds")]
    pub city: String,
    /// An ISO 3166 code.
    #[schema(example = "GB")]
    pub country: String,
}

/// One line: a SKU and how many.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLine {
    #[schema(example = "VLV-100")]
    pub sku: String,
    #[schema(example = 2, minimum = 1, maximum = 1_000_000)]
    pub quantity: i32,
}

/// What the order was placed as: its number, its first status, its customer.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacedOrder {
    number: String,
    status: String,
    customer_id: i64,
}

/// The most characters a channel's order id or a marketplace buyer's id may have.
const ID_MAX: usize = 100;

/// The customer the order is for: by account number, or a marketplace's buyer (found by its
/// earlier orders, else made).
fn customer_of(conn: &mut PgConnection, o: &NewOrder, by: (&Author, &str)) -> Result<i64, Problem> {
    let channel: OrderChannel = o.channel.parse().map_err(|_| {
        Problem::field(
            "channel",
            "must be one of \"web\", \"edi\", \"ebay\", \"amazon\"",
        )
    })?;
    let too_long = |id: Option<&String>| id.is_some_and(|id| id.chars().count() > ID_MAX);
    if too_long(o.channel_order_id.as_ref()) {
        return Err(Problem::field("channel_order_id", "at most 100 characters"));
    }
    if too_long(o.buyer.as_ref().map(|b| &b.id)) {
        return Err(Problem::field("buyer.id", "at most 100 characters"));
    }
    if let Some(number) = &o.account_number {
        return customers::table
            .filter(customers::account_number.eq(number.trim()))
            .select(customers::id)
            .first(conn)
            .optional()?
            .ok_or_else(|| {
                Problem::field("account_number", "no customer has this account number")
            });
    }
    let marketplace = matches!(channel, OrderChannel::Ebay | OrderChannel::Amazon);
    let (Some(buyer), true) = (&o.buyer, marketplace) else {
        return Err(Problem::field(
            "account_number",
            "name the customer by account number (a marketplace order may name its buyer)",
        ));
    };
    let seen: Option<i64> = orders::table
        .filter(orders::channel.eq(channel))
        .filter(orders::channel_user_id.eq(&buyer.id))
        .select(orders::customer_id)
        .first(conn)
        .optional()?;
    match seen {
        Some(id) => Ok(id),
        None => new_buyer(conn, buyer, by),
    }
}

/// How the customer form and the address rules name a buyer's fields, and how the API does.
const BUYER_FIELDS: [(&str, &str); 8] = [
    ("legal_name", "buyer.name"),
    ("email", "buyer.email"),
    ("phone", "buyer.phone"),
    ("line1", "buyer.address.line1"),
    ("line2", "buyer.address.line2"),
    ("postcode", "buyer.address.postcode"),
    ("city", "buyer.address.city"),
    ("country", "buyer.address.country"),
];

/// The buyer's address as a default shipping address, checked by the rules of every address
/// (a line and a city, a country's ISO code).
fn buyer_address(a: &BuyerAddress) -> Result<AddressInput, Problem> {
    let input = AddressInput {
        kind: AddressKind::Shipping,
        lines: AddressLines {
            label: None,
            line1: a.line1.trim().to_string(),
            line2: optional(a.line2.as_deref().unwrap_or_default()),
            city: a.city.trim().to_string(),
            region: None,
            postcode: optional(a.postcode.as_deref().unwrap_or_default()),
            country: a.country.trim().to_uppercase(),
            phone: None,
        },
        is_primary: true,
        is_default_billing: false,
        is_default_shipping: true,
    };
    let errors = input.check();
    match errors.is_empty() {
        true => Ok(input),
        false => Err(Problem::of_form(&errors, &BUYER_FIELDS)),
    }
}

/// A buyer made a customer who may order: ordering active, the standard catalog, its address.
fn new_buyer(conn: &mut PgConnection, buyer: &Buyer, by: (&Author, &str)) -> Result<i64, Problem> {
    let identity = Identity {
        legal_name: Some(buyer.name.clone()),
        email: buyer.email.clone(),
        phone: buyer.phone.clone(),
        customer_type: Some("individual".to_string()),
        ..Identity::default()
    };
    let address = buyer.address.as_ref().map(buyer_address).transpose()?;
    let id = buyer_made(conn, &identity, by).map_err(|p| p.named(&BUYER_FIELDS))?;
    diesel::sql_query(
        "WITH ordering AS (
             INSERT INTO customer_services (customer_id, service, status)
             VALUES ($1, 'ordering', 'active'))
         INSERT INTO customer_catalogs (customer_id, catalog_id)
         SELECT $1, id FROM catalogs WHERE name = 'Standard catalog'",
    )
    .bind::<diesel::sql_types::BigInt, _>(id)
    .execute(conn)?;
    if let Some(address) = address {
        use crate::schema::customer_addresses as ca;
        diesel::insert_into(ca::table)
            .values((ca::customer_id.eq(id), &address))
            .execute(conn)?;
    }
    Ok(id)
}

/// The lines as products and quantities; a SKU nobody has is named by its line.
fn wanted(conn: &mut PgConnection, lines: &[NewLine]) -> Result<Vec<Wanted>, Problem> {
    let skus: Vec<String> = lines.iter().map(|l| l.sku.trim().to_lowercase()).collect();
    let known: Vec<(String, i64)> = products::table
        .filter(crate::models::lower(products::sku).eq_any(&skus))
        .select((crate::models::lower(products::sku), products::id))
        .load(conn)?;
    let mut errors = Vec::new();
    let mut wanted = Vec::new();
    for (i, (line, sku)) in lines.iter().zip(&skus).enumerate() {
        match known.iter().find(|(k, _)| k == sku) {
            Some((_, id)) => wanted.push(Wanted {
                product_id: *id,
                quantity: line.quantity,
            }),
            None => errors.push(FieldError {
                field: format!("lines[{i}].sku"),
                detail: "no product has this SKU".to_string(),
            }),
        }
    }
    match errors.is_empty() {
        true => Ok(wanted),
        false => Err(Problem::invalid(errors)),
    }
}

/// How the order form names its fields, and how the API does.
const ORDER_FIELDS: [(&str, &str); 3] = [
    ("delivery", "ship_to_address_id"),
    ("requested_delivery", "requested_on"),
    ("customer_reference", "reference"),
];

/// The buyer's choice: the delivery (the default address when none is named), the payment
/// (the first the customer may use when none is named), and the reference, the requested day
/// and the note through the order form's checks (at most 60 characters on one line, today or
/// later, at most 2,000 characters).
fn choice(conn: &mut PgConnection, customer_id: i64, o: &NewOrder) -> Result<Choice, Problem> {
    let form = OrderForm {
        customer_reference: o.reference.clone().unwrap_or_default(),
        requested_delivery: o.requested_on.map(|d| d.to_string()).unwrap_or_default(),
        note: o.note.clone().unwrap_or_default(),
        ..OrderForm::default()
    };
    let checked = form
        .checkout(
            customer_id,
            placing::Placer::Client {
                name: String::new(),
            },
        )
        .map_err(|errors| Problem::of_form(&errors, &ORDER_FIELDS))?
        .choice;
    let choices = placing::choices(conn, customer_id)?;
    let delivery = match (&o.pickup_store, o.ship_to_address_id) {
        (Some(code), _) => {
            let store: Option<i64> = stores::table
                .filter(stores::code.eq(code.trim()))
                .select(stores::id)
                .first(conn)
                .optional()?;
            Some(Delivery::Pickup(store.ok_or_else(|| {
                Problem::field("pickup_store", "no store has this code")
            })?))
        }
        (None, Some(address)) => Some(Delivery::Ship(address)),
        (None, None) => choices.addresses.first().map(|(id, _)| Delivery::Ship(*id)),
    };
    let payment = match &o.payment {
        Some(p) => Some(p.parse::<PaymentMethod>().map_err(|_| {
            Problem::field("payment", "must be one of \"invoice\", \"cod\", \"prepay\"")
        })?),
        None => choices.payments().first().copied(),
    };
    Ok(Choice {
        delivery,
        payment,
        ..checked
    })
}

/// Places `o` as client `by`; what it was placed as.
fn placed(
    conn: &mut PgConnection,
    o: &NewOrder,
    (by, name, domain, base_url): (&Author, &str, &str, &str),
) -> Result<Reply, Problem> {
    if let Some(id) = &o.channel_order_id {
        let taken: Option<String> = orders::table
            .filter(orders::channel_order_id.eq(id))
            .select(orders::order_number)
            .first(conn)
            .optional()?;
        if let Some(number) = taken {
            let detail = format!("This channel order id was placed already, as {number}.");
            return Err(Problem::new(StatusCode::CONFLICT, detail));
        }
    }
    let customer_id = customer_of(conn, o, (by, domain))?;
    let checkout = Checkout {
        customer_id,
        lines: wanted(conn, &o.lines)?,
        lines_from: LinesFrom::Typed,
        choice: choice(conn, customer_id, o)?,
        placer: placing::Placer::Client {
            name: name.to_string(),
        },
        source: Source {
            channel: o.channel.parse().unwrap_or(OrderChannel::Edi),
            order_id: o.channel_order_id.clone(),
            buyer_id: o.buyer.as_ref().map(|b| b.id.clone()),
        },
    };
    let order = match placing::place(conn, &checkout, base_url) {
        Ok(order) => order,
        Err(NotDone::Failed(e)) => return Err(e.into()),
        Err(NotDone::Refused(Refusal::CannotOrder(why))) => return Err(Problem::conflict(&why)),
        Err(NotDone::Refused(Refusal::Fields(errors))) => {
            return Err(Problem::of_form(&errors, &ORDER_FIELDS));
        }
    };
    let body = PlacedOrder {
        number: order.number.clone(),
        status: order.status.as_str().to_string(),
        customer_id,
    };
    let location = format!("/api/v1/orders/{}", order.number);
    Ok(Reply::new(StatusCode::CREATED, &body, Some(location)))
}

/// An order from another channel, placed through the portal's rules (`orders:write`); answers
/// 201 with what it was placed as and its `Location`.
#[utoipa::path(post, path = "/api/v1/orders", operation_id = "orders_create", tag = "orders",
    params(Idempotent), request_body = NewOrder,
    responses((status = 201, description = "The order placed", body = PlacedOrder),
        (status = 409, response = Conflict)))]
pub async fn create(caller: Caller, req: HttpRequest, body: web::Json<NewOrder>) -> Answer {
    caller.require("orders:write")?;
    let (order, sent) = (body.clone(), body.into_inner());
    let name = caller.client.name.clone();
    let by = Author::Client(name.clone());
    let (domain, base_url) = (caller.price_list_domain(), caller.base_url());
    caller
        .once(&req, &sent, move |conn| {
            placed(conn, &order, (&by, &name, &domain, &base_url))
        })
        .await
}
