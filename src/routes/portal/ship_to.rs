//! The portal's ship-to locations: the shipping addresses of every customer the user may see,
//! as a page and as a CSV download made like the staff one (formula-safe, RFC 4180 quoting).

use crate::routes::prelude::*;
use crate::{
    models::{customers::address::Address, portal},
    routes::respond::csv,
};

/// The ship-to addresses in scope, the user's own customer's first (the scope's order).
async fn load(desk: &PortalDesk) -> AppResult<Vec<Address>> {
    let order = desk.who.scope.ids();
    let mut rows = desk
        .in_scope(|conn, scope| Ok(portal::ship_to(conn, scope)?))
        .await?;
    rows.sort_by_key(|a| order.iter().position(|id| *id == a.customer_id));
    Ok(rows)
}

#[derive(Template)]
#[template(path = "portal/ship_to.html")]
pub struct ShipToPage {
    layout: PortalLayout,
    addresses: Vec<Address>,
}

pub async fn index(desk: PortalDesk) -> Reply {
    let addresses = load(&desk).await?;
    desk.show(Msg::new("portal-ship-to-title"), "ship-to", |layout| {
        ShipToPage { layout, addresses }
    })
}

pub async fn csv(desk: PortalDesk) -> Reply {
    let rows = load(&desk).await?;
    let name = desk.who.customer.account_or_id();
    Ok(csv::download(
        &csv::file_name(&format!("ship-to-{name}.csv")),
        csv_text(&csv::Sheet::for_reader(&desk.layout()?.l), &desk.who, &rows),
    ))
}

pub const CSV_HEADER: &str = "id,customer_account_number,customer_name,label,line1,line2,postcode,city,region,country,phone,default_shipping";

/// The byte-order mark and a header row, then one row per address; CR LF line ends; typed
/// text guarded against formulas, phones keeping their `+` (see `routes::respond::csv`).
pub fn csv_text(sheet: &csv::Sheet, portal: &Portal, rows: &[Address]) -> String {
    use csv::Cell::{Phone, Text, Value};
    let mut out = sheet.header("portal-ship-to", &CSV_HEADER.split(',').collect::<Vec<_>>());
    for a in rows {
        let customer = portal
            .scope
            .customers()
            .iter()
            .find(|c| c.id == a.customer_id);
        let account_number = customer
            .and_then(|c| c.account_number.clone())
            .unwrap_or_default();
        let customer_name = customer.map(|c| c.name.clone()).unwrap_or_default();
        let t = a.text();
        out.push_str(&sheet.line(&[
            Value(&a.id.to_string()),
            Text(&account_number),
            Text(&customer_name),
            Text(t.label),
            Text(t.line1),
            Text(t.line2),
            Text(t.postcode),
            Text(t.city),
            Text(t.region),
            Value(t.country),
            Phone(t.phone),
            Value(if a.is_default_shipping { "yes" } else { "no" }),
        ]));
    }
    out
}
