//! The customer portal, under /portal: its own session cookie (path /portal), its own
//! sign-in, its own layout. A staff session never opens a portal page (the staff cookie is not
//! read here) and a portal session never opens a staff page (its cookie is never sent there,
//! and the staff side reads only its own).

pub mod account;
pub mod auth;
pub mod guard;
pub mod home;
pub mod layout;
pub mod orders;
pub mod products;
pub mod requests;
pub mod ship_to;

pub use guard::{Portal, require_customer_user};

use crate::auth::{csrf, store::PgSessionStore};
use actix_session::SessionMiddleware;
use actix_web::{middleware::from_fn, web};

pub fn configure(cfg: &mut web::ServiceConfig, portal_session: SessionMiddleware<PgSessionStore>) {
    cfg.service(
        web::scope("/portal")
            .wrap(from_fn(csrf::protect))
            .wrap(portal_session)
            .route("/login", web::get().to(auth::show_login))
            .route("/login", web::post().to(auth::login))
            .route("/logout", web::post().to(auth::logout))
            .route("/invitation/{token}", web::get().to(auth::show_invitation))
            .route(
                "/invitation/{token}",
                web::post().to(auth::accept_invitation),
            )
            .route("/password/forgot", web::get().to(auth::show_forgot))
            .route("/password/forgot", web::post().to(auth::forgot))
            .route("/password/reset/{token}", web::get().to(auth::show_reset))
            .route("/password/reset/{token}", web::post().to(auth::reset))
            .route("/view-as/{token}", web::get().to(auth::view_as))
            .service(
                web::scope("")
                    .wrap(from_fn(require_customer_user))
                    .route("", web::get().to(home::show))
                    .route("/", web::get().to(home::show))
                    .route("/products", web::get().to(products::index))
                    .route("/products/{id}", web::get().to(products::show))
                    .route("/requests", web::get().to(requests::index))
                    .route("/requests", web::post().to(requests::create))
                    .route("/requests/new", web::get().to(requests::new))
                    .route("/requests/{id}", web::get().to(requests::show))
                    .route("/requests/{id}/answer", web::post().to(requests::answer))
                    .route("/orders", web::get().to(orders::index))
                    .route("/orders/{number}", web::get().to(orders::show))
                    .route("/ship-to", web::get().to(ship_to::index))
                    .route("/ship-to.csv", web::get().to(ship_to::csv))
                    .route("/account", web::get().to(account::show))
                    .route("/account", web::post().to(account::change_password)),
            ),
    );
}
