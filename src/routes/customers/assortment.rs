//! A customer's Catalogs and products tab: the catalogs enabled for it, its customer-specific
//! products, and the stores whose stock its users may see in the portal. Every staff member
//! reads it; administrators and digital administrators change it (the POST routes are guarded
//! in the route table). Every change is in the customer's history.

use crate::routes::layout::CustomerHeader;
use crate::routes::prelude::*;
use crate::{
    auth::CurrentStaff,
    models::{
        access::staff::Role,
        catalogs::assortment::{self, Assortment},
        catalogs::contract_prices::{self, PriceFile},
        catalogs::product,
    },
};

/// Who may change what a customer is offered.
pub const EDITORS: &[Role] = &[Role::Admin, Role::DigitalAdmin];

#[derive(Template)]
#[template(path = "customers/catalogs.html")]
pub struct AssortmentPage {
    layout: Layout,
    header: CustomerHeader,
    assortment: Assortment,
    /// The customer's contract prices: how many, and the last file.
    prices: PriceFile,
    /// The most lines a price file may hold.
    prices_max: usize,
    can_edit: bool,
    skus: String,
    errors: FormErrors,
}

fn can_edit(staff: &CurrentStaff) -> bool {
    EDITORS.iter().any(|r| staff.has_role(*r))
}

async fn page(desk: &StaffDesk, id: i64, skus: String, errors: FormErrors) -> Reply {
    let can_edit = can_edit(&desk.who);
    let what = ("catalogs", "customer-parts-catalogs-title");
    let page = CustomerHeader::tab(desk, id, what, move |conn, layout, header| {
        Ok(AssortmentPage {
            layout,
            header,
            assortment: Assortment::load(conn, id)?,
            prices: PriceFile::load(conn, id)?,
            prices_max: contract_prices::LINES_MAX,
            can_edit,
            skus,
            errors,
        })
    })
    .await?;
    respond::form(&page, &page.errors)
}

/// The tab again, with `errors` beside its forms' fields (a 422).
pub async fn with_errors(desk: &StaffDesk, id: i64, errors: FormErrors) -> Reply {
    page(desk, id, String::new(), errors).await
}

/// Back to the tab, saying what changed.
fn back(desk: &StaffDesk, id: i64, text: impl Into<crate::i18n::Msg>) -> Reply {
    desk.done(text, &format!("/customers/{id}/catalogs"))
}

pub async fn index(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    page(&desk, path.into_inner(), String::new(), FormErrors::new()).await
}

/// `POST /customers/{id}/catalogs/{catalog_id}/enabled`
pub async fn enable_catalog(desk: StaffDesk, path: web::Path<(i64, i64)>) -> Reply {
    switch_catalog(&desk, path.into_inner(), true).await
}

/// `DELETE /customers/{id}/catalogs/{catalog_id}/enabled`: a 409 for the last catalog while
/// ordering is active.
pub async fn disable_catalog(desk: StaffDesk, path: web::Path<(i64, i64)>) -> Reply {
    switch_catalog(&desk, path.into_inner(), false).await
}

/// Enables (`on`) or disables a catalog for a customer, and says whether that changed anything.
async fn switch_catalog(desk: &StaffDesk, (id, catalog_id): (i64, i64), on: bool) -> Reply {
    let staff_id = desk.who.id;
    let (name, changed) = desk
        .run(move |conn| assortment::switch_catalog(conn, id, catalog_id, staff_id, on))
        .await?;
    let text = match (on, changed) {
        (true, true) => "customer-parts-catalog-enabled",
        (true, false) => "customer-parts-catalog-enabled-already",
        (false, true) => "customer-parts-catalog-disabled",
        (false, false) => "customer-parts-catalog-not-enabled",
    };
    back(desk, id, Msg::new(text).arg("name", name))
}

#[derive(Deserialize)]
pub struct SkusForm {
    #[serde(default)]
    skus: String,
}

/// `POST /customers/{id}/products`: adds customer-specific products by SKU.
pub async fn add_products(
    desk: StaffDesk,
    path: web::Path<i64>,
    form: HtmlForm<SkusForm>,
) -> Reply {
    desk.frame_first()?;
    let (id, raw, staff_id) = (path.into_inner(), form.skus.clone(), desk.who.id);
    match desk
        .run(move |conn| Ok(assortment::add_specific_products(conn, id, &raw, staff_id)))
        .await?
    {
        Ok((added, already)) => back(&desk, id, added_text(&added, &already)),
        Err(e) => page(&desk, id, form.into_inner().skus, e.into_invalid()?).await,
    }
}

/// `DELETE /customers/{id}/products/{product_id}`
/// What adding products by SKU did: the SKUs added and those the customer had already, each
/// list naming its first five and how many more.
fn added_text(added: &[product::Product], already: &[product::Product]) -> Msg {
    let (skus, more) = sku_list(added);
    let msg = match already.is_empty() {
        true => Msg::new("customer-parts-skus-added"),
        false => {
            let (had, had_more) = sku_list(already);
            Msg::new("customer-parts-skus-added-had")
                .arg("had", had)
                .arg("had_more", had_more)
        }
    };
    msg.arg("count", added.len())
        .arg("skus", skus)
        .arg("more", more)
}

/// The first five SKUs, and how many more there are.
fn sku_list(products: &[product::Product]) -> (String, usize) {
    let shown: Vec<&str> = products.iter().take(5).map(|p| p.sku.as_str()).collect();
    (shown.join(", "), products.len().saturating_sub(5))
}

pub async fn remove_product(desk: StaffDesk, path: web::Path<(i64, i64)>) -> Reply {
    let ((id, product_id), staff_id) = (path.into_inner(), desk.who.id);
    let removed = desk
        .run(move |conn| assortment::remove_specific_product(conn, id, product_id, staff_id))
        .await?;
    let text = match removed {
        Some(p) => Msg::new("customer-parts-product-removed").arg("product", p.label()),
        None => Msg::new("customer-parts-product-not-offered"),
    };
    back(&desk, id, text)
}

#[derive(Deserialize)]
pub struct LocationsForm {
    #[serde(default)]
    stores: Vec<i64>,
}

/// `POST /customers/{id}/stock-locations`: the ticked stores, exactly.
pub async fn set_locations(
    desk: StaffDesk,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<LocationsForm>,
) -> Reply {
    let (id, stores, staff_id) = (path.into_inner(), form.stores, desk.who.id);
    let (added, removed) = desk
        .run(move |conn| assortment::set_stock_locations(conn, id, &stores, staff_id))
        .await?;
    let names = |list: &[crate::models::reference::Store]| {
        list.iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = match (added.is_empty(), removed.is_empty()) {
        (false, true) => Msg::new("customer-parts-stock-added").arg("added", names(&added)),
        (true, false) => Msg::new("customer-parts-stock-removed").arg("removed", names(&removed)),
        (false, false) => Msg::new("customer-parts-stock-added-removed")
            .arg("added", names(&added))
            .arg("removed", names(&removed)),
        (true, true) => Msg::new("customer-parts-stock-unchanged"),
    };
    back(&desk, id, text)
}
