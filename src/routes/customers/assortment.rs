//! A customer's Catalogs and products tab: the catalogs enabled for it, its customer-specific
//! products, and the stores whose stock its users may see in the portal. Every staff member
//! reads it; administrators and digital administrators change it (the POST routes are guarded
//! in the route table). Every change is in the customer's history.

use crate::routes::layout::CustomerHeader;
use crate::{
    auth::CurrentStaff,
    db::{self, DbPool},
    error::AppResult,
    models::{
        access::staff::Role,
        catalogs::assortment::{self, Assortment},
        catalogs::catalog::SKUS_MAX,
        catalogs::product,
    },
    routes::forms::{FormErrors, HtmlForm},
    routes::layout::Layout,
    routes::respond,
};
use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// Who may change what a customer is offered.
pub const EDITORS: &[Role] = &[Role::Admin, Role::DigitalAdmin];

#[derive(Template)]
#[template(path = "customers/catalogs.html")]
pub struct AssortmentPage {
    layout: Layout,
    header: CustomerHeader,
    assortment: Assortment,
    can_edit: bool,
    skus: String,
    errors: FormErrors,
}

impl AssortmentPage {
    fn skus_hint(&self) -> String {
        format!(
            "One SKU or several (up to {SKUS_MAX}), separated by spaces or commas. Only customer-specific products are added here."
        )
    }
}

fn can_edit(staff: &CurrentStaff) -> bool {
    EDITORS.iter().any(|r| staff.has_role(*r))
}

async fn page(
    pool: &DbPool,
    layout: Layout,
    id: i64,
    can_edit: bool,
    skus: String,
    errors: FormErrors,
) -> AppResult<HttpResponse> {
    let (header, assortment) = db::run(pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "catalogs")?;
        let assortment = Assortment::load(conn, id)?;
        Ok((header, assortment))
    })
    .await?;
    let page = AssortmentPage {
        layout: header.frame(layout, "Catalogs and products"),
        header,
        assortment,
        can_edit,
        skus,
        errors,
    };
    respond::form(&page, &page.errors)
}

/// Back to the tab, saying what changed.
fn back(session: &Session, id: i64, text: impl Into<String>) -> AppResult<HttpResponse> {
    respond::done(session, text, &format!("/customers/{id}/catalogs"))
}

pub async fn index(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    page(
        &pool,
        layout,
        path.into_inner(),
        can_edit(&staff),
        String::new(),
        FormErrors::new(),
    )
    .await
}

/// `POST /customers/{id}/catalogs/{catalog_id}/enabled`
pub async fn enable_catalog(
    staff: CurrentStaff,
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    switch_catalog(staff.id, path.into_inner(), &pool, &session, true).await
}

/// `DELETE /customers/{id}/catalogs/{catalog_id}/enabled`: a 409 for the last catalog while
/// ordering is active.
pub async fn disable_catalog(
    staff: CurrentStaff,
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    switch_catalog(staff.id, path.into_inner(), &pool, &session, false).await
}

/// Enables (`on`) or disables a catalog for a customer, and says whether that changed anything.
async fn switch_catalog(
    staff_id: i64,
    (id, catalog_id): (i64, i64),
    pool: &DbPool,
    session: &Session,
    on: bool,
) -> AppResult<HttpResponse> {
    let (name, changed) = db::run(pool, move |conn| match on {
        true => assortment::enable_catalog(conn, id, catalog_id, staff_id),
        false => assortment::disable_catalog(conn, id, catalog_id, staff_id),
    })
    .await?;
    let text = match (on, changed) {
        (true, true) => {
            format!("The catalog “{name}” is enabled: its products show in this customer's portal.")
        }
        (true, false) => format!("The catalog “{name}” was enabled already."),
        (false, true) => format!("The catalog “{name}” is disabled for this customer."),
        (false, false) => format!("The catalog “{name}” was not enabled for this customer."),
    };
    back(session, id, text)
}

#[derive(Deserialize)]
pub struct SkusForm {
    #[serde(default)]
    skus: String,
}

/// `POST /customers/{id}/products`: adds customer-specific products by SKU.
pub async fn add_products(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<SkusForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (raw, staff_id) = (form.skus.clone(), staff.id);
    match db::run(&pool, move |conn| {
        Ok(assortment::add_specific_products(conn, id, &raw, staff_id))
    })
    .await?
    {
        Ok((added, already)) => {
            let text = product::added_text(&added, &already, |skus| {
                format!(" The customer had {skus} already.")
            });
            back(&session, id, text)
        }
        Err(e) => page(&pool, layout, id, true, form.skus, e.into_invalid()?).await,
    }
}

/// `DELETE /customers/{id}/products/{product_id}`
pub async fn remove_product(
    staff: CurrentStaff,
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let (id, product_id) = path.into_inner();
    let staff_id = staff.id;
    let removed = db::run(&pool, move |conn| {
        assortment::remove_specific_product(conn, id, product_id, staff_id)
    })
    .await?;
    let text = match removed {
        Some(p) => format!("{} is no longer offered to this customer.", p.label()),
        None => "That product was not offered to this customer (any more).".to_string(),
    };
    back(&session, id, text)
}

#[derive(Deserialize)]
pub struct LocationsForm {
    #[serde(default)]
    stores: Vec<i64>,
}

/// `POST /customers/{id}/stock-locations`: the ticked stores, exactly.
pub async fn set_locations(
    staff: CurrentStaff,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<LocationsForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let staff_id = staff.id;
    let stores = form.stores;
    let (added, removed) = db::run(&pool, move |conn| {
        assortment::set_stock_locations(conn, id, &stores, staff_id)
    })
    .await?;
    let names = |list: &[crate::models::reference::Store]| {
        list.iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("Stock now shows at {}.", names(&added)));
    }
    if !removed.is_empty() {
        parts.push(format!("Stock no longer shows at {}.", names(&removed)));
    }
    if parts.is_empty() {
        parts.push("Nothing changed.".into());
    }
    back(&session, id, parts.join(" "))
}
