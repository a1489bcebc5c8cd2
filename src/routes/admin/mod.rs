//! Administration (role `admin`): staff accounts, reference data, catalogs and products, merges,
//! the CSV imports.

pub mod catalogs;
pub mod import;
pub mod maintenance;
pub mod merge;
pub mod outbox;
pub mod products;
pub mod reference;
pub mod staff;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(staff::redirect_to_index))
        .route("/staff", web::get().to(staff::index))
        .route("/staff/{id}/active", web::post().to(staff::set_active))
        .route("/merge", web::get().to(merge::show))
        .route("/merge", web::post().to(merge::create))
        .route("/import", web::get().to(import::index))
        .route("/import", web::post().to(import::create))
        .route("/import/format", web::get().to(import::format))
        .route("/import/{id:\\d+}.json", web::get().to(import::json))
        .route("/import/{id:\\d+}", web::get().to(import::show))
        .route("/maintenance", web::get().to(maintenance::show))
        .route(
            "/maintenance/invite-all",
            web::post().to(maintenance::invite_all),
        )
        .route("/outbox", web::get().to(outbox::index))
        .route("/outbox/{id}", web::get().to(outbox::show))
        .route("/outbox/{id}/retry", web::post().to(outbox::retry))
        .configure(catalogs::configure)
        .configure(products::configure)
        .configure(reference::configure);
}
