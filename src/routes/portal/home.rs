//! The portal's home page: the relationship and the status of each service, the salesperson,
//! and where to go next.

use super::{guard::Portal, layout::PortalLayout};
use crate::{
    db::{self, DbPool},
    error::AppResult,
    models::{
        access::staff::Staff,
        approvals::approval::{self, Catalog, Request, ServiceState},
    },
};
use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

#[derive(Template, WebTemplate)]
#[template(path = "portal/home.html")]
pub struct HomePage {
    layout: PortalLayout,
    portal: Portal,
    services: Vec<ServiceState>,
    catalogs: Vec<String>,
    salesperson: Option<(String, String)>,
    open_requests: usize,
    waiting_on_us: usize,
}

pub async fn show(
    layout: PortalLayout,
    portal: Portal,
    pool: web::Data<DbPool>,
) -> AppResult<HomePage> {
    let customer_id = portal.customer.id;
    let salesperson_id = portal.customer.salesperson_id;
    let (services, catalogs, salesperson, requests) = db::run(&pool, move |conn| {
        let salesperson = match salesperson_id {
            Some(id) => Staff::contact(conn, id)?,
            None => None,
        };
        Ok((
            approval::services_of(conn, customer_id)?,
            Catalog::enabled_for(conn, customer_id)?,
            salesperson,
            Request::for_customer(conn, customer_id)?,
        ))
    })
    .await?;
    Ok(HomePage {
        layout: layout.titled("Home").in_section("home"),
        services,
        catalogs,
        salesperson,
        open_requests: requests
            .iter()
            .filter(|r| r.status == crate::domain::RequestStatus::Open)
            .count(),
        waiting_on_us: requests
            .iter()
            .filter(|r| r.status == crate::domain::RequestStatus::WaitingOnCustomer)
            .count(),
        portal,
    })
}
