//! What the address and contact tests share: a signed-in staff member with a customer, the
//! customer's history of one kind of sub-record, and the version an edit form carries.

use crate::helpers::{PASSWORD, TestApp, spawn_app};
use actix_web::http::StatusCode;
use clientele::{
    models::{access::staff::Role, customers::customer::Customer},
    schema::customer_history,
};
use diesel::prelude::*;

/// The app with a staff member signed in, and a customer "Müller GmbH".
pub async fn signed_in_with_customer(account: Option<&str>) -> (TestApp, Customer) {
    let app = spawn_app().await;
    app.create_staff("sam@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("sam@example.com", PASSWORD)
        .await
        .assert_redirect_to("/");
    let customer = app.create_customer("Müller GmbH", account);
    (app, customer)
}

pub type HistoryRow = (
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// (entity_id, action, field, old, new) of the customer's history of `entity` ("address",
/// "contact"), oldest first.
pub fn history_of(app: &TestApp, entity: &str, customer_id: i64) -> Vec<HistoryRow> {
    customer_history::table
        .filter(customer_history::customer_id.eq(customer_id))
        .filter(customer_history::entity.eq(entity))
        .order(customer_history::id)
        .select((
            customer_history::entity_id,
            customer_history::action,
            customer_history::field,
            customer_history::old_value,
            customer_history::new_value,
        ))
        .load(&mut app.conn())
        .unwrap()
}

pub fn has_change(
    rows: &[HistoryRow],
    id: i64,
    action: &str,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> bool {
    rows.iter().any(|(e, a, f, o, n)| {
        *e == Some(id)
            && a == action
            && f.as_deref() == Some(field)
            && o.as_deref() == old
            && n.as_deref() == new
    })
}

/// The version the edit form of a customer's sub-record (`plural`: "addresses", "contacts")
/// carries.
pub async fn edit_version(app: &TestApp, plural: &str, customer_id: i64, id: i64) -> String {
    let page = app
        .get(&format!("/customers/{customer_id}/{plural}/{id}/edit"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.attr("input[name=version]", "value").unwrap()
}
