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
pub mod health;
pub mod orders;

use crate::auth::{csrf, require_role, require_staff, store::PgSessionStore};
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
        .configure(|cfg| crate::portal::configure(cfg, portal_session))
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
                            web::resource("/customers/{id}/relationship")
                                .wrap(from_fn(require_role(Role::DigitalAdmin)))
                                .route(web::post().to(customers::requests::change_relationship)),
                        )
                        .service(
                            web::scope("/admin")
                                .wrap(from_fn(require_role(Role::Admin)))
                                .configure(admin::configure),
                        ),
                ),
        );
}
