//! What a customer's address pages add to the sub-record skeleton (`sub_records`): the
//! kinds an address can be, and the ship-to download.

use crate::routes::prelude::*;
use crate::{
    domain::AddressKind,
    models::customers::{address::Address, customer::Customer},
    routes::customers::sub_records::AddressFormPage,
    routes::respond::csv,
};

impl AddressFormPage {
    pub(crate) fn kinds(&self) -> &'static [AddressKind] {
        AddressKind::ALL
    }
}

// The ship-to download ------------------------------------------------------------------------

pub async fn ship_to_csv(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let id = path.into_inner();
    let (customer, rows) = desk
        .run(move |conn| {
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
