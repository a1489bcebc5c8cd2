//! Customer screens: the record, its addresses and contacts, notes, the watch list, history.

pub mod addresses;
pub mod contacts;
pub mod form;
pub mod notes;
pub mod records;

use crate::{
    error::AppResult,
    models::{customer::Customer, note::WatchNote},
};
use actix_web::web;
use diesel::PgConnection;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(addresses::configure)
        .configure(contacts::configure);
}

/// What tops every screen that shows a customer: its name, account number, the section tabs,
/// and the watch-list warning, impossible to miss. Page structs carry it as `header` and their
/// templates `{% include "customers/_header.html" %}`.
#[derive(Clone, Debug)]
pub struct CustomerHeader {
    pub customer: Customer,
    pub watch: Option<WatchNote>,
    /// The tab to mark as current: overview, addresses, contacts, notes, history.
    pub tab: &'static str,
}

impl CustomerHeader {
    /// Loads the customer (404 when there is none) and its warning: two queries.
    pub fn load(
        conn: &mut PgConnection,
        customer_id: i64,
        tab: &'static str,
    ) -> AppResult<CustomerHeader> {
        let customer = Customer::find(conn, customer_id)?;
        let watch = WatchNote::for_customer(conn, customer_id)?;
        Ok(CustomerHeader {
            customer,
            watch,
            tab,
        })
    }
}
