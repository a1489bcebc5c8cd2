//! A customer's addresses, and the ship-to download.
//!
//! Every query is scoped by the customer in the path: an address id of another customer is a
//! 404 whatever the method, and nothing is written. Edits carry the row's `lock_version`; a
//! save over someone else's newer save is a 409 that shows the form again with the row as it
//! is now.

use crate::routes::layout::CustomerHeader;
use crate::{
    auth::{CurrentStaff, session},
    db::{self, DbPool},
    domain::AddressKind,
    domain::CustomerId,
    error::{AppError, AppResult},
    models::{
        customers::address::{self, Address, AddressFields, AddressInput, SaveError},
        customers::customer::Customer,
        customers::sub_record::{self, Meanwhile},
    },
    routes::forms::{FormErrors, HtmlForm},
    routes::layout::Layout,
    routes::respond::{self, csv, see_other},
    routes::submission::{Once, Submission},
};
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

/// More than any real customer has; the list says so if there are ever more.
const LIST_LIMIT: i64 = 1000;

fn list_path(customer_id: i64) -> String {
    format!("/customers/{customer_id}/addresses")
}

// The list ------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "customers/addresses/index.html")]
pub struct AddressesPage {
    layout: Layout,
    header: CustomerHeader,
    addresses: Vec<Address>,
    total: i64,
}

pub async fn index(
    layout: Layout,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (header, (addresses, total)) = db::run(&pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "addresses")?;
        Ok((header, Address::for_customer(conn, id, LIST_LIMIT)?))
    })
    .await?;
    let title = format!("Addresses · {}", header.customer.display_name());
    respond::page(
        StatusCode::OK,
        &AddressesPage {
            layout: layout.titled(title),
            header,
            addresses,
            total,
        },
    )
}

// The form ------------------------------------------------------------------------------------

/// The form as posted: every field as text, checkboxes present or absent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AddressForm {
    kind: String,
    label: String,
    line1: String,
    line2: String,
    city: String,
    region: String,
    postcode: String,
    country: String,
    phone: String,
    is_primary: Option<String>,
    is_default_billing: Option<String>,
    is_default_shipping: Option<String>,
    /// The edited row's `lock_version`; absent on create.
    version: Option<i32>,
}

impl From<AddressForm> for AddressFields {
    fn from(f: AddressForm) -> Self {
        AddressFields {
            kind: f.kind,
            label: f.label,
            line1: f.line1,
            line2: f.line2,
            city: f.city,
            region: f.region,
            postcode: f.postcode,
            country: f.country,
            phone: f.phone,
            is_primary: f.is_primary.is_some(),
            is_default_billing: f.is_default_billing.is_some(),
            is_default_shipping: f.is_default_shipping.is_some(),
        }
    }
}

fn meanwhile(current: &Address, fields: &AddressFields) -> Vec<Meanwhile> {
    sub_record::meanwhile(
        current.input().describe(),
        AddressInput::read(fields).describe(),
    )
}

#[derive(Template)]
#[template(path = "customers/addresses/form.html")]
pub struct AddressFormPage {
    layout: Layout,
    header: CustomerHeader,
    /// None for a new address.
    address_id: Option<i64>,
    /// The edited row's version, for the hidden field.
    version: i32,
    /// The edited row is the primary address (its flag cannot simply be unticked).
    was_primary: bool,
    /// A new address that will be the customer's first, and so its primary one.
    is_first: bool,
    fields: AddressFields,
    errors: FormErrors,
    /// Set when someone else saved the row after the form was loaded.
    changed: Option<Vec<Meanwhile>>,
    kinds: &'static [AddressKind],
}

impl AddressFormPage {
    fn new(layout: Layout, header: CustomerHeader, fields: AddressFields) -> Self {
        let title = format!("Add an address · {}", header.customer.display_name());
        AddressFormPage {
            layout: layout.titled(title),
            header,
            address_id: None,
            version: 0,
            was_primary: false,
            is_first: false,
            fields,
            errors: FormErrors::new(),
            changed: None,
            kinds: AddressKind::ALL,
        }
    }

    fn editing(layout: Layout, header: CustomerHeader, address: &Address) -> Self {
        let title = format!("Edit address · {}", header.customer.display_name());
        AddressFormPage {
            layout: layout.titled(title),
            header,
            address_id: Some(address.id),
            version: address.lock_version,
            was_primary: address.is_primary,
            is_first: false,
            fields: AddressFields::from(address),
            errors: FormErrors::new(),
            changed: None,
            kinds: AddressKind::ALL,
        }
    }

    fn noun(&self) -> &'static str {
        "address"
    }

    fn list_path(&self) -> String {
        list_path(self.header.customer.id)
    }

    fn action(&self) -> String {
        match self.address_id {
            Some(a) => format!("/customers/{}/addresses/{a}", self.header.customer.id),
            None => format!("/customers/{}/addresses", self.header.customer.id),
        }
    }
}

pub async fn new(
    layout: Layout,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (header, count) = db::run(&pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "addresses")?;
        Ok((header, Address::for_customer(conn, id, 1)?.1))
    })
    .await?;
    let fields = AddressFields {
        kind: AddressKind::Billing.as_str().to_string(),
        ..Default::default()
    };
    let mut page = AddressFormPage::new(layout, header, fields);
    page.is_first = count == 0;
    respond::page(StatusCode::OK, &page)
}

pub async fn create(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    form: HtmlForm<AddressForm>,
    pool: web::Data<DbPool>,
    session: Session,
    submission: Submission,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let fields = AddressFields::from(form.0);
    let staff_id = staff.id;
    let to_save = fields.clone();
    let saved = submission
        .once(&pool, move |conn| {
            let header = CustomerHeader::load(conn, id, "addresses")?;
            let result = match AddressInput::parse(&to_save) {
                Ok(input) => address::create(conn, id, staff_id, input),
                Err(errors) => Err(SaveError::Invalid(errors)),
            };
            let is_first = matches!(result, Err(SaveError::Invalid(_)))
                && Address::for_customer(conn, id, 1)?.1 == 0;
            let location = result.is_ok().then(|| list_path(id));
            Ok(((header, result, is_first), location))
        })
        .await?;
    let (header, result, is_first) = match saved {
        Once::First(saved) => saved,
        Once::Repeat(location) => return Ok(see_other(&location)),
    };
    match result {
        Ok(saved) => {
            let text = if saved.is_primary {
                format!("Address “{}” added as the primary address.", saved.name())
            } else {
                format!("Address “{}” added.", saved.name())
            };
            session::flash(&session, session::FlashLevel::Success, text);
            Ok(see_other(&list_path(id)))
        }
        Err(SaveError::Invalid(errors)) => {
            let mut page = AddressFormPage::new(layout, header, fields);
            page.errors = errors;
            page.is_first = is_first;
            respond::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(SaveError::Stale(_)) => Err(AppError::internal("a new address cannot be stale")),
        Err(SaveError::Failed(e)) => Err(e),
    }
}

pub async fn edit(
    layout: Layout,
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let (id, address_id) = path.into_inner();
    let (header, address) = db::run(&pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "addresses")?;
        Ok((header, Address::find(conn, CustomerId(id), address_id)?))
    })
    .await?;
    respond::page(
        StatusCode::OK,
        &AddressFormPage::editing(layout, header, &address),
    )
}

pub async fn update(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<(i64, i64)>,
    form: HtmlForm<AddressForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let (id, address_id) = path.into_inner();
    let form = form.0;
    let expected = form.version.ok_or_else(respond::unreadable)?;
    let fields = AddressFields::from(form);
    let staff_id = staff.id;
    let to_save = fields.clone();
    let (header, current, result) = db::run(&pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "addresses")?;
        let current = Address::find(conn, CustomerId(id), address_id)?;
        let result = address::update(
            conn,
            CustomerId(id),
            address_id,
            staff_id,
            expected,
            &to_save,
        );
        Ok((header, current, result))
    })
    .await?;
    match result {
        Ok(saved) => {
            session::flash(
                &session,
                session::FlashLevel::Success,
                format!("Address “{}” saved.", saved.name()),
            );
            Ok(see_other(&list_path(id)))
        }
        Err(SaveError::Invalid(errors)) => {
            let mut page = AddressFormPage::editing(layout, header, &current);
            page.fields = fields;
            page.errors = errors;
            respond::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(SaveError::Stale(now)) => {
            log::info!(
                "staff {staff_id}: stale edit of address {address_id} of customer {id} refused"
            );
            // The form now carries the current version: saving again, after a look at what
            // changed, is a deliberate choice to replace it.
            let mut page = AddressFormPage::editing(layout, header, &now);
            page.changed = Some(meanwhile(&now, &fields));
            page.fields = fields;
            respond::page(StatusCode::CONFLICT, &page)
        }
        Err(SaveError::Failed(e)) => Err(e),
    }
}

pub async fn delete(
    staff: CurrentStaff,
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let (id, address_id) = path.into_inner();
    let staff_id = staff.id;
    let deleted = db::run(&pool, move |conn| {
        Ok(address::delete(conn, CustomerId(id), address_id, staff_id)?)
    })
    .await?;
    let mut text = format!("Address “{}” deleted.", deleted.address.name());
    if let Some(p) = &deleted.promoted {
        text.push_str(&format!(" “{}” is now the primary address.", p.name()));
    }
    session::flash(&session, session::FlashLevel::Success, text);
    Ok(see_other(&list_path(id)))
}

// The ship-to download ------------------------------------------------------------------------

pub async fn ship_to_csv(path: web::Path<i64>, pool: web::Data<DbPool>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (customer, rows) = db::run(&pool, move |conn| {
        let customer = Customer::find(conn, id)?;
        Ok((customer, Address::ship_to(conn, id)?))
    })
    .await?;
    let name = customer
        .account_number
        .clone()
        .unwrap_or_else(|| customer.id.to_string());
    Ok(csv::download(
        &csv::file_name(&format!("ship-to-{name}.csv")),
        ship_to_text(&rows),
    ))
}

/// The CSV: the byte-order mark and a header row, then one row per address; CR LF line ends.
pub fn ship_to_text(rows: &[Address]) -> String {
    use csv::Cell::{Phone, Text, Value};
    let mut out = csv::header(&[
        "id",
        "label",
        "line1",
        "line2",
        "city",
        "region",
        "postcode",
        "country",
        "phone",
        "default_shipping",
    ]);
    for a in rows {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        let (id, label, line2, region, postcode, phone) = (
            a.id.to_string(),
            text(&a.label),
            text(&a.line2),
            text(&a.region),
            text(&a.postcode),
            text(&a.phone),
        );
        out.push_str(&csv::line(&[
            Value(&id),
            Text(&label),
            Text(&a.line1),
            Text(&line2),
            Text(&a.city),
            Text(&region),
            Text(&postcode),
            Value(&a.country),
            Phone(&phone),
            Value(if a.is_default_shipping {
                "true"
            } else {
                "false"
            }),
        ]));
    }
    out
}
