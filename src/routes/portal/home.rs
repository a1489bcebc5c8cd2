//! The portal's home page: the relationship and the status of each service, the salesperson,
//! and where to go next.

use crate::routes::prelude::*;
use crate::{
    domain::RequestStatus,
    models::{
        access::staff::Staff,
        approvals::approval::{self, Catalog, Request, ServiceState},
    },
};

#[derive(Template)]
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

pub async fn show(desk: PortalDesk) -> Reply {
    let (customer_id, salesperson_id) = (desk.who.customer.id, desk.who.customer.salesperson_id);
    let (services, catalogs, salesperson, requests) = desk
        .run(move |conn| {
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
    let count = |status| requests.iter().filter(|r| r.status == status).count();
    let portal = desk.who.clone();
    desk.show(Msg::new("portal-home-title"), "home", |layout| HomePage {
        layout,
        services,
        catalogs,
        salesperson,
        open_requests: count(RequestStatus::Open),
        waiting_on_us: count(RequestStatus::WaitingOnCustomer),
        portal,
    })
}
