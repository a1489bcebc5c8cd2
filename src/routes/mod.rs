//! The route table: every path, every scope and every guard, on one screen.
//!
//! Deny by default: everything under the staff scope needs a signed-in, active staff account
//! (`require_staff`); role scopes add `require_role`. Every state-changing request passes the CSRF
//! check. Only the sign-in page, health check and static files are open.

pub mod account;
pub mod admin;
pub mod approvals;
pub mod auth;
pub mod customers;
pub mod dashboard;
pub mod forms;
pub mod health;
pub mod layout;
pub mod orders;
pub mod portal;
pub mod respond;
pub mod submission;

use crate::auth::{csrf, require_any_role, require_role, require_staff, store::PgSessionStore};
use crate::models::staff::Role;
use actix_session::SessionMiddleware;
use actix_web::{middleware::from_fn, web};

pub fn configure(
    cfg: &mut web::ServiceConfig,
    staff_session: SessionMiddleware<PgSessionStore>,
    portal_session: SessionMiddleware<PgSessionStore>,
) {
    cfg.route("/healthz", web::get().to(health::show))
        .service(actix_files::Files::new("/static", crate::static_dir()).prefer_utf8(true))
        // Before the staff scope, which would otherwise take /portal too.
        .configure(|cfg| crate::routes::portal::configure(cfg, portal_session))
        .service(
            web::scope("")
                .wrap(from_fn(csrf::protect))
                .wrap(staff_session)
                .route("/login", web::get().to(auth::show))
                .route("/login", web::post().to(auth::create))
                .route("/logout", web::post().to(auth::destroy))
                .service(
                    web::scope("")
                        .wrap(from_fn(require_staff))
                        .route("/", web::get().to(dashboard::show))
                        .route("/account/password", web::get().to(account::edit_password))
                        .route(
                            "/account/password",
                            web::post().to(account::update_password),
                        )
                        .configure(customers::configure)
                        .configure(orders::configure)
                        .configure(approvals::configure)
                        // Deciding and moving a relationship belong to digital administrators;
                        // every staff member reads the queue and records requests.
                        .service(
                            web::resource("/approvals/{id}/decision")
                                .wrap(from_fn(require_role(Role::DigitalAdmin)))
                                .route(web::post().to(approvals::decide)),
                        )
                        .service(
                            web::resource("/customers/{id}/services/off")
                                .wrap(from_fn(require_role(Role::DigitalAdmin)))
                                .route(web::post().to(customers::requests::switch_off)),
                        )
                        .service(
                            web::resource("/customers/{id}/relationship")
                                .wrap(from_fn(require_role(Role::DigitalAdmin)))
                                .route(web::post().to(customers::requests::change_relationship)),
                        )
                        // What a customer is offered: administrators and digital administrators
                        // change it; every staff member reads it.
                        .configure(assortment_changes)
                        .service(
                            web::scope("/admin")
                                .wrap(from_fn(require_role(Role::Admin)))
                                .configure(admin::configure),
                        ),
                ),
        );
}

/// The POST routes of a customer's Catalogs and products tab, for its editors only.
fn assortment_changes(cfg: &mut web::ServiceConfig) {
    use customers::assortment::{self as a, EDITORS};
    let guarded = |path: &str| web::resource(path).wrap(from_fn(require_any_role(EDITORS)));
    cfg.service(
        guarded("/customers/{id}/catalogs/{catalog_id}/enable")
            .route(web::post().to(a::enable_catalog)),
    )
    .service(
        guarded("/customers/{id}/catalogs/{catalog_id}/disable")
            .route(web::post().to(a::disable_catalog)),
    )
    .service(guarded("/customers/{id}/products").route(web::post().to(a::add_products)))
    .service(
        guarded("/customers/{id}/products/{product_id}/delete")
            .route(web::post().to(a::remove_product)),
    )
    .service(guarded("/customers/{id}/stock-locations").route(web::post().to(a::set_locations)));
}
