//! Administration (role `admin`): staff accounts, reference data, merges.

pub mod merge;
pub mod reference;
pub mod staff;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(staff::redirect_to_index))
        .route("/staff", web::get().to(staff::index))
        .route("/staff/{id}/active", web::post().to(staff::set_active))
        .route("/merge", web::get().to(merge::show))
        .route("/merge", web::post().to(merge::create))
        .configure(reference::configure);
}
