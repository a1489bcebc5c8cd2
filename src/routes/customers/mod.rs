//! Customer screens: the record, its addresses and contacts, notes, the watch list, history,
//! and what the customer is offered (catalogs, specific products, stock locations).

pub mod addresses;
pub mod assortment;
pub mod contacts;
pub mod form;
pub mod list;
pub mod notes;
pub mod records;
pub mod requests;
pub mod users;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/customers", web::get().to(list::index))
        .route("/customers.csv", web::get().to(list::csv))
        .route("/customers", web::post().to(records::create))
        .route("/customers/new", web::get().to(records::new))
        .route("/customers/{id}", web::get().to(records::show))
        .route("/customers/{id}", web::post().to(records::update))
        .route("/customers/{id}/edit", web::get().to(records::edit))
        .route(
            "/customers/{id}/delete",
            web::get().to(records::confirm_delete),
        )
        .route("/customers/{id}/delete", web::post().to(records::destroy))
        .route("/customers/{id}/notes", web::get().to(notes::index))
        .route("/customers/{id}/notes", web::post().to(notes::create))
        .route("/customers/{id}/watch", web::post().to(notes::set_watch))
        .route(
            "/customers/{id}/watch/delete",
            web::post().to(notes::remove_watch),
        )
        .route("/customers/{id}/history", web::get().to(notes::history))
        .route("/customers/{id}/catalogs", web::get().to(assortment::index))
        .route("/customers/{id}/requests", web::get().to(requests::index))
        .route("/customers/{id}/requests", web::post().to(requests::create))
        .route("/customers/{id}/users", web::get().to(users::index))
        .route("/customers/{id}/users", web::post().to(users::invite))
        .route(
            "/customers/{id}/users/{user_id}/resend",
            web::post().to(users::resend),
        )
        .route(
            "/customers/{id}/users/{user_id}/revoke",
            web::post().to(users::revoke),
        )
        .route(
            "/customers/{id}/users/{user_id}/view-as",
            web::post().to(users::view_as),
        )
        .route("/watch-list", web::get().to(notes::watch_list))
        .configure(addresses::configure)
        .configure(contacts::configure);
}
