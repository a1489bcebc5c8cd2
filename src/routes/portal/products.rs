//! What the customer may buy: the products of its enabled catalogs and its own specific
//! products, each with "your price" (the price list's price less the customer's discount) and
//! stock at the locations it may see. Only customers whose ordering service is active (which
//! needs an active relationship) are offered anything, checked on every request; visibility is
//! then decided by `models::catalogs::portal_catalog`, given the scope narrowed to them; a
//! product outside it is a 404 like one that does not exist.

use crate::models::catalogs::{
    contract_prices,
    portal_catalog::{self, Shelf, VisibleProduct},
};
use crate::routes::prelude::*;

pub const PAGE_SIZE: i64 = 25;

#[derive(Deserialize)]
pub struct ProductsQuery {
    q: Option<String>,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "portal/products.html")]
pub struct ProductsPage {
    layout: PortalLayout,
    shelf: Shelf,
    q: String,
}

impl ProductsPage {
    fn has_next(&self) -> bool {
        self.shelf.page * PAGE_SIZE < self.shelf.total
    }

    fn page_href(&self, page: i64) -> String {
        let q: String = serde_urlencoded::to_string([("q", self.q.as_str())]).unwrap_or_default();
        format!("/portal/products?{q}&page={page}")
    }
}

/// The search as typed, trimmed and cut to 100 characters.
fn search_text(q: Option<&str>) -> String {
    q.unwrap_or("").trim().chars().take(100).collect()
}

pub async fn index(desk: PortalDesk, query: web::Query<ProductsQuery>) -> Reply {
    let q = search_text(query.q.as_deref());
    let page = query.page.unwrap_or(1).clamp(1, 10_000);
    let search = q.clone();
    let shelf = desk
        .in_scope(move |conn, scope| {
            let search = Some(search.as_str()).filter(|s| !s.is_empty());
            Ok(portal_catalog::shelf(conn, scope, search, page, PAGE_SIZE)?)
        })
        .await?;
    desk.show(Msg::new("portal-products-title"), "products", |layout| {
        ProductsPage { layout, shelf, q }
    })
}

#[derive(Template)]
#[template(path = "portal/product.html")]
pub struct ProductPage {
    layout: PortalLayout,
    product: VisibleProduct,
    /// The customer's contract prices of the product that hold today, by quantity.
    tiers: Vec<contract_prices::Tier>,
}

pub async fn show(desk: PortalDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let (product, tiers) = desk
        .one_in_scope(move |conn, scope| {
            let Some(product) = portal_catalog::orderable_product(conn, scope, id)? else {
                return Ok(None);
            };
            let tiers = contract_prices::tiers(conn, product.customer_id, id)?;
            Ok(Some((product, tiers)))
        })
        .await?;
    let title = product.name.clone();
    desk.show(title, "products", |layout| ProductPage {
        layout,
        product,
        tiers,
    })
}
