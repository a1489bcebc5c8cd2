//! The portal's ship-to locations: the shipping addresses of every customer the user may see,
//! as a page and as a CSV download made like the staff one (formula-safe, RFC 4180 quoting).

use super::{guard::Portal, layout::PortalLayout};
use crate::{
    db::{self, DbPool},
    error::AppResult,
    models::{address::Address, portal},
    routes::customers::addresses::csv_cell,
};
use actix_web::{HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;

/// The ship-to addresses in scope, the user's own customer's first (the scope's order).
async fn load(portal: &Portal, pool: &DbPool) -> AppResult<Vec<Address>> {
    let ids = portal.customer_ids();
    let order = ids.clone();
    let mut rows = db::run(pool, move |conn| Ok(portal::ship_to(conn, &ids)?)).await?;
    rows.sort_by_key(|a| order.iter().position(|id| *id == a.customer_id));
    Ok(rows)
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/ship_to.html")]
pub struct ShipToPage {
    layout: PortalLayout,
    portal: Portal,
    addresses: Vec<Address>,
}

pub async fn index(
    layout: PortalLayout,
    portal: Portal,
    pool: web::Data<DbPool>,
) -> AppResult<ShipToPage> {
    let addresses = load(&portal, &pool).await?;
    Ok(ShipToPage {
        layout: layout.titled("Ship-to locations").in_section("ship-to"),
        portal,
        addresses,
    })
}

pub async fn csv(portal: Portal, pool: web::Data<DbPool>) -> AppResult<HttpResponse> {
    let rows = load(&portal, &pool).await?;
    let own = &portal.customer;
    let name = own
        .account_number
        .clone()
        .unwrap_or_else(|| own.id.to_string());
    let filename: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"ship-to-{filename}.csv\""),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .body(csv_text(&portal, &rows)))
}

pub const CSV_HEADER: &str = "id,customer_account_number,customer_name,label,line1,line2,postcode,city,region,country,phone,default_shipping";

/// A header row, then one row per address; CRLF line ends (RFC 4180); every cell through
/// `csv_cell` (quoted when needed, a leading = + - @ neutralised with an apostrophe).
pub fn csv_text(portal: &Portal, rows: &[Address]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for a in rows {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        let customer = portal.scope.iter().find(|c| c.id == a.customer_id);
        let cells = [
            a.id.to_string(),
            customer
                .and_then(|c| c.account_number.clone())
                .unwrap_or_default(),
            customer.map(|c| c.name.clone()).unwrap_or_default(),
            text(&a.label),
            a.line1.clone(),
            text(&a.line2),
            text(&a.postcode),
            a.city.clone(),
            text(&a.region),
            a.country.clone(),
            text(&a.phone),
            if a.is_default_shipping { "yes" } else { "no" }.to_string(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}
