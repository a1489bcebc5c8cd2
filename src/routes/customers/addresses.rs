//! What a customer's address pages add to the sub-record skeleton (`sub_records`): the
//! kinds an address can be, and the ship-to download.

use crate::routes::prelude::*;
use crate::{
    domain::AddressKind, models::customers::address::Address,
    routes::customers::sub_records::AddressFormPage, routes::respond::csv,
};

impl AddressFormPage {
    pub(crate) fn kinds(&self) -> &'static [AddressKind] {
        AddressKind::ALL
    }
}

// The ship-to download ------------------------------------------------------------------------

pub async fn ship_to_csv(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let sheet = csv::Sheet::for_reader(&desk.layout()?.l);
    let text = move |conn: &mut diesel::PgConnection, id| {
        Ok(ship_to_text(&sheet, &Address::ship_to(conn, id)?))
    };
    csv::of_customer(&desk, (path.into_inner(), "ship-to"), text).await
}

/// The CSV: the byte-order mark and a header row, then one row per address; CR LF line ends.
pub fn ship_to_text(sheet: &csv::Sheet, rows: &[Address]) -> String {
    use csv::Cell::{Phone, Text, Value};
    let mut out = sheet.header(
        "ship-to",
        &[
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
        ],
    );
    for a in rows {
        let t = a.text();
        out.push_str(&sheet.line(&[
            Value(&a.id.to_string()),
            Text(t.label),
            Text(t.line1),
            Text(t.line2),
            Text(t.city),
            Text(t.region),
            Text(t.postcode),
            Value(t.country),
            Phone(t.phone),
            Value(if a.is_default_shipping {
                "true"
            } else {
                "false"
            }),
        ]));
    }
    out
}
