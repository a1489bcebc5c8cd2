//! The route table: every path, every scope and every guard, on one screen.
//!
//! Deny by default: everything under the staff scope needs a signed-in, active staff account
//! (`require_staff`); the /admin scope and the role-guarded resources add `require_role`; the
//! portal's pages need a signed-in customer user (`require_customer_user`); the API under
//! /api/v1 a bearer token of an API client in use, checked by its `Caller` extractor. Every
//! state-changing page request passes the CSRF check. Only the sign-in pages, the portal's application form, health check,
//! static files and the API's reference (`/api/docs`, `/api/v1/openapi.json`) are open. Screen
//! modules export handlers only; every path is named here.
//!
//! Paths name resources, never verbs: an action that is not a plain edit is a small resource
//! that is POSTed to create it or turn it on, and DELETEd to remove it or turn it off. HTML forms
//! send a DELETE as a POST with `_method=delete`, which `override_method` turns into one after
//! the CSRF check has seen the POST (on staff pages and in the portal alike).

pub mod account;
pub mod admin;
pub mod api;
pub mod approvals;
pub mod auth;
pub mod auth_links;
pub mod customers;
pub mod dashboard;
pub mod desk;
pub mod flash;
pub mod forms;
pub mod health;
pub mod invoices;
pub mod layout;
pub mod link_pages;
pub mod metrics;
pub mod orders;
pub mod portal;
pub mod prelude;
pub mod reads;
pub mod respond;
pub mod statements;
pub mod static_files;
pub mod submission;

use crate::auth::{
    csrf, require_any_role, require_in_scope, require_role, require_staff, store::PgSessionStore,
};
use crate::middleware::method_override::override_method;
use crate::models::{
    access::{staff::Role, staff_scope::Owned},
    reference::{CustomerGroup, PaymentTerm, PriceList, SalesChannel, Store, Tag},
};
use crate::routes::{auth_links::StaffLinks, link_pages as links, portal::auth::PortalLinks};
use actix_session::SessionMiddleware;
use actix_web::{
    middleware::from_fn,
    web::{self, delete, get, post},
};

pub fn configure(
    cfg: &mut web::ServiceConfig,
    staff_session: SessionMiddleware<PgSessionStore>,
    portal_session: SessionMiddleware<PgSessionStore>,
) {
    cfg.route("/healthz", get().to(health::show))
        .route("/readyz", get().to(health::show))
        .route("/livez", get().to(health::live))
        // Only with METRICS_TOKEN set, and to its bearer.
        .route("/metrics", get().to(metrics::show))
        .route("/static/{name:.*}", get().to(static_files::show))
        .route("/static/{name:.*}", web::head().to(static_files::show))
        // The API: bearer tokens, no session or CSRF token; anything under /api that names
        // nothing is a 404 problem, never the staff sign-in.
        .service(
            web::scope("/api")
                .app_data(web::QueryConfig::default().error_handler(api::unreadable_query))
                // Bodies up to 64 MiB: a stock or price file of 100,000 lines is a few MiB.
                .app_data(
                    web::JsonConfig::default()
                        .limit(64 * 1024 * 1024)
                        .error_handler(api::unreadable_json),
                )
                // The API's reference, a page for people: no token, no sign-in.
                .route("/docs", get().to(api::reference::show))
                .service(
                    web::scope("/v1")
                        .configure(api_routes)
                        .default_service(web::to(api::no_such_route)),
                )
                .default_service(web::to(api::no_such_route)),
        )
        // Before the staff scope, which would otherwise take /portal too.
        .service(
            // As on the staff side: the session, then the CSRF check, then the override.
            web::scope("/portal")
                .wrap(from_fn(flash::portal))
                .wrap(from_fn(override_method))
                .wrap(from_fn(csrf::protect))
                .wrap(portal_session)
                .configure(portal_pages),
        )
        .service(
            // The last wrap runs first: the session, then the CSRF check, then the override.
            web::scope("")
                .wrap(from_fn(flash::staff))
                .wrap(from_fn(override_method))
                .wrap(from_fn(csrf::protect))
                .wrap(staff_session)
                .route("/login", get().to(auth::show))
                .route("/login", post().to(auth::create))
                .route("/logout", post().to(auth::destroy))
                // A staff account's links and forgotten password: nobody signed in yet.
                .configure(staff_links)
                .service(
                    web::scope("")
                        .wrap(from_fn(require_staff))
                        .configure(staff_pages)
                        .service(
                            web::scope("/admin")
                                .wrap(from_fn(require_role(Role::Admin)))
                                .configure(admin_pages),
                        ),
                ),
        );
}

/// A staff account's link pages (invitation, reset) and its forgotten-password form, the
/// generic link pages over the staff's accounts (`StaffLinks`).
fn staff_links(cfg: &mut web::ServiceConfig) {
    use links::{accept_invitation, forgot, reset, show_forgot, show_invitation, show_reset};
    cfg.route("/login/forgot", get().to(show_forgot::<StaffLinks>))
        .route("/login/forgot", post().to(forgot::<StaffLinks>))
        .route(
            "/login/invitation/{token}",
            get().to(show_invitation::<StaffLinks>),
        )
        .route(
            "/login/invitation/{token}",
            post().to(accept_invitation::<StaffLinks>),
        )
        .route("/login/reset/{token}", get().to(show_reset::<StaffLinks>))
        .route("/login/reset/{token}", post().to(reset::<StaffLinks>));
}

/// The API's routes, under /api/v1; each handler asks for its scope. Each path answers the
/// methods listed (any other is a 405 naming them), and every route is in the OpenAPI document
/// (a test compares them).
fn api_routes(cfg: &mut web::ServiceConfig) {
    use actix_web::http::Method;
    use api::{
        customer_parts, customer_writes, customers, doc, order_intake, orders, postings, prices,
        stock,
    };
    let (get, post) = (Method::GET, Method::POST);
    use actix_web::web::to;
    doc::Routes { cfg }
        .at("/openapi.json", vec![(get.clone(), to(doc::document))])
        .at(
            "/customers",
            vec![
                (get.clone(), to(customers::index)),
                (post.clone(), to(customer_writes::create)),
            ],
        )
        .at(
            "/customers/by-account/{number}",
            vec![(get.clone(), to(customers::by_account))],
        )
        .at(
            "/customers/{id}",
            vec![
                (get.clone(), to(customers::show)),
                (Method::PATCH, to(customer_writes::update)),
            ],
        )
        .at(
            "/customers/{id}/addresses",
            vec![(get.clone(), to(customer_parts::addresses))],
        )
        .at(
            "/customers/{id}/contacts",
            vec![(get.clone(), to(customer_parts::contacts))],
        )
        .at(
            "/customers/{id}/prices",
            vec![(Method::PUT, to(prices::put))],
        )
        .at(
            "/orders",
            vec![
                (get.clone(), to(orders::feed)),
                (post.clone(), to(order_intake::create)),
            ],
        )
        .at("/orders/{number}", vec![(get, to(orders::show))])
        .at(
            "/orders/{number}/acknowledgement",
            vec![(post.clone(), to(orders::acknowledge))],
        )
        .at("/orders/{number}/shipments", vec![(post, to(orders::ship))])
        .at("/invoices", vec![(Method::POST, to(postings::invoice))])
        .at("/payments", vec![(Method::POST, to(postings::payment))])
        .at("/stock", vec![(Method::PUT, to(stock::put))]);
}

/// Every staff member's pages. Some actions on a customer belong to a role: each such resource
/// carries its guard (a scope cannot, as it would answer 404 for every other path below it).
fn staff_pages(cfg: &mut web::ServiceConfig) {
    use customers::{list, notes, records};
    cfg.route("/", get().to(dashboard::show))
        .route("/account/password", get().to(account::edit_password))
        .route("/account/password", post().to(account::update_password))
        .route(
            "/account/preferences",
            post().to(account::update_preferences),
        )
        .route("/watch-list", get().to(notes::watch_list))
        .route("/customers.csv", get().to(list::csv))
        .service(
            web::scope("/customers")
                .route("", get().to(list::index))
                .route("", post().to(records::create))
                .route("/new", get().to(records::new))
                .service(
                    web::scope("/{id}")
                        .wrap(from_fn(require_in_scope(Owned::Customer)))
                        .configure(customer_pages),
                ),
        )
        .configure(order_pages)
        .configure(posting_pages)
        .route("/approvals", get().to(approvals::index))
        .service(
            web::scope("/approvals/{id}")
                .wrap(from_fn(require_in_scope(Owned::Request)))
                .route("", get().to(approvals::show))
                .service(
                    web::resource("/decision")
                        .wrap(from_fn(require_role(Role::DigitalAdmin)))
                        .route(post().to(approvals::decide)),
                ),
        );
}

/// The order desk: the dispatch queue, one order, and its actions (recording a payment and
/// releasing a credit hold belong to administrators).
fn order_pages(cfg: &mut web::ServiceConfig) {
    use orders::{actions, queue};
    let admins = |path: &str| web::resource(path).wrap(from_fn(require_role(Role::Admin)));
    cfg.route("/orders", get().to(queue::index)).service(
        web::scope("/orders/{id}")
            .wrap(from_fn(require_in_scope(Owned::Order)))
            .route("", get().to(orders::show))
            .service(admins("/payment").route(post().to(actions::payment)))
            .service(admins("/hold").route(delete().to(actions::release)))
            .route("/allocation", post().to(actions::allocate))
            .route("/priority", post().to(actions::prioritise))
            .route("/priority", delete().to(actions::unprioritise))
            .route("/shipment", post().to(actions::ship))
            .route("/invoice", post().to(actions::invoice))
            .route("/cancellation", post().to(actions::cancel))
            .route("/notes", post().to(actions::note)),
    );
}

/// The ledger's postings: every staff member reads one; administrators correct it.
fn posting_pages(cfg: &mut web::ServiceConfig) {
    let admins = |path: &str| web::resource(path).wrap(from_fn(require_role(Role::Admin)));
    cfg.service(
        web::scope("/invoices/{id}")
            .wrap(from_fn(require_in_scope(Owned::Posting)))
            .route("", get().to(invoices::show))
            .route("/pdf", get().to(invoices::pdf))
            .service(admins("/reversal").route(post().to(invoices::reverse)))
            .service(admins("/allocations").route(post().to(invoices::allocate))),
    );
}

/// A customer's pages, under `/customers/{id}`: every staff member reads them; the resources
/// that change what a customer is offered carry the catalog editors' guard, and the
/// relationship and services the digital administrators'.
fn customer_pages(cfg: &mut web::ServiceConfig) {
    use crate::models::customers::{address::Address, contact::Contact};
    use customers::{addresses, assortment, notes, prices, records, requests, sub_records, users};
    // Deciding and moving a relationship belong to digital administrators; every staff member
    // reads the queue and records requests.
    let digital_admins =
        |path: &str| web::resource(path).wrap(from_fn(require_role(Role::DigitalAdmin)));
    // What a customer is offered: administrators and digital administrators change it; every
    // staff member reads it.
    let editors =
        |path: &str| web::resource(path).wrap(from_fn(require_any_role(assortment::EDITORS)));
    cfg.route("", get().to(records::show))
        .route("", post().to(records::update))
        .route("", delete().to(records::destroy))
        .route("/edit", get().to(records::edit))
        // The page that asks before a DELETE of the customer.
        .route("/delete", get().to(records::confirm_delete))
        .route("/orders", get().to(orders::for_customer))
        .route("/orders", post().to(orders::behalf::create))
        .route("/orders/new", get().to(orders::behalf::new))
        .route("/notes", get().to(notes::index))
        .route("/notes", post().to(notes::create))
        .route("/watch", post().to(notes::set_watch))
        .route("/watch", delete().to(notes::remove_watch))
        .route("/history", get().to(notes::history))
        .configure(accounts_pages)
        .route("/addresses", get().to(sub_records::index::<Address>))
        .route("/addresses", post().to(sub_records::create::<Address>))
        .route("/addresses/new", get().to(sub_records::new::<Address>))
        .route(
            "/addresses/{address_id}/edit",
            get().to(sub_records::edit::<Address>),
        )
        .route(
            "/addresses/{address_id}",
            post().to(sub_records::update::<Address>),
        )
        .route(
            "/addresses/{address_id}",
            delete().to(sub_records::delete::<Address>),
        )
        .route("/ship-to.csv", get().to(addresses::ship_to_csv))
        .route("/contacts", get().to(sub_records::index::<Contact>))
        .route("/contacts", post().to(sub_records::create::<Contact>))
        .route("/contacts/new", get().to(sub_records::new::<Contact>))
        .route(
            "/contacts/{contact_id}/edit",
            get().to(sub_records::edit::<Contact>),
        )
        .route(
            "/contacts/{contact_id}",
            post().to(sub_records::update::<Contact>),
        )
        .route(
            "/contacts/{contact_id}",
            delete().to(sub_records::delete::<Contact>),
        )
        .route("/catalogs", get().to(assortment::index))
        .service(
            editors("/catalogs/{catalog_id}/enabled")
                .route(post().to(assortment::enable_catalog))
                .route(delete().to(assortment::disable_catalog)),
        )
        .service(editors("/products").route(post().to(assortment::add_products)))
        .service(editors("/products/{product_id}").route(delete().to(assortment::remove_product)))
        .service(editors("/stock-locations").route(post().to(assortment::set_locations)))
        .service(editors("/prices").route(post().to(prices::upload)))
        .route("/prices.csv", get().to(prices::download))
        .route("/requests", get().to(requests::index))
        .route("/requests", post().to(requests::create))
        .service(digital_admins("/services").route(delete().to(requests::switch_off)))
        .service(digital_admins("/relationship").route(post().to(requests::change_relationship)))
        .route("/users", get().to(users::index))
        .route("/users", post().to(users::invite))
        .route("/users/{user_id}", delete().to(users::revoke))
        .route("/users/{user_id}/invitations", post().to(users::resend))
        .route("/users/{user_id}/role", post().to(users::set_role))
        .route("/users/{user_id}/view-as", post().to(users::view_as));
}

/// A customer's Accounts tab and its statement: every staff member reads them; payments and
/// postings are the administrators'.
fn accounts_pages(cfg: &mut web::ServiceConfig) {
    use customers::accounts;
    let admins = |path: &str| web::resource(path).wrap(from_fn(require_role(Role::Admin)));
    cfg.service(admins("/accounts/payments").route(post().to(accounts::record)))
        .service(admins("/accounts/postings").route(post().to(accounts::posting)))
        .route("/accounts", get().to(accounts::show))
        .route("/accounts/statement.pdf", get().to(accounts::statement));
}

/// Administration, under /admin, for administrators.
fn admin_pages(cfg: &mut web::ServiceConfig) {
    use admin::{
        api_clients, catalogs, import, maintenance, merge, outbox, products, reference, staff,
        webhooks,
    };
    cfg.route("", get().to(staff::redirect_to_index))
        .route("/api-clients", get().to(api_clients::index))
        .route("/api-clients", post().to(api_clients::create))
        .route(
            "/api-clients/{id}/revocation",
            post().to(api_clients::revoke),
        )
        .route("/webhooks", get().to(webhooks::index))
        .route("/webhooks", post().to(webhooks::create))
        .route("/webhooks/{id:\\d+}", get().to(webhooks::show))
        .route("/webhooks/{id:\\d+}", post().to(webhooks::update))
        .route("/webhooks/{id:\\d+}", delete().to(webhooks::delete))
        .route(
            "/webhooks/{id:\\d+}/deliveries/{delivery_id:\\d+}/redelivery",
            post().to(webhooks::redeliver),
        )
        .route("/staff", get().to(staff::index))
        .route("/staff", post().to(staff::invite))
        .route("/staff/{id:\\d+}", get().to(staff::show))
        .route("/staff/{id:\\d+}/access", post().to(staff::update_access))
        .route("/staff/{id:\\d+}/link", post().to(staff::send_link))
        .route("/staff/{id}/active", post().to(staff::set_active))
        .route("/merge", get().to(merge::show))
        .route("/merge", post().to(merge::create))
        .route("/import", get().to(import::index))
        .route("/import", post().to(import::create))
        .route("/import/format", get().to(import::format))
        .route("/import/{id:\\d+}.json", get().to(import::json))
        .route("/import/{id:\\d+}", get().to(import::show))
        .route("/maintenance", get().to(maintenance::show))
        .route(
            "/maintenance/invitations",
            post().to(maintenance::invite_all),
        )
        .route("/maintenance/chasing", post().to(maintenance::chase_now))
        .route("/outbox", get().to(outbox::index))
        .route("/outbox/{id}", get().to(outbox::show))
        .route("/outbox/{id}/retries", post().to(outbox::retry))
        .route("/catalogs", get().to(catalogs::index))
        .route("/catalogs", post().to(catalogs::create))
        .route("/catalogs/{id:\\d+}", get().to(catalogs::show))
        .route("/catalogs/{id:\\d+}", post().to(catalogs::rename))
        .route(
            "/catalogs/{id:\\d+}/active",
            post().to(catalogs::set_active),
        )
        .route(
            "/catalogs/{id:\\d+}/products",
            post().to(catalogs::add_products),
        )
        .route(
            "/catalogs/{id:\\d+}/products/{product_id:\\d+}",
            delete().to(catalogs::remove_product),
        )
        .route("/products", get().to(products::index))
        .route("/products", post().to(products::create))
        .route("/products/new", get().to(products::new))
        .route("/products/import", get().to(products::import_form))
        .route("/products/import", post().to(products::import))
        .route("/products/{id:\\d+}", get().to(products::edit))
        .route("/products/{id:\\d+}", post().to(products::update))
        // Reference data: one generic set of screens per kind (list, new, edit, delete) under
        // /admin/<kind's path>: see `reference::routes`.
        .configure(reference::routes::<Store>)
        .configure(reference::routes::<PriceList>)
        .configure(reference::routes::<SalesChannel>)
        .configure(reference::routes::<CustomerGroup>)
        .configure(reference::routes::<PaymentTerm>)
        .configure(reference::routes::<Tag>);
}

/// The customer portal, under /portal: its own session and sign-in; every page past the
/// sign-in needs a signed-in customer user (`portal::require_customer_user`).
fn portal_pages(cfg: &mut web::ServiceConfig) {
    use portal::{account, apply, auth, home, orders, products};
    cfg.route("/login", get().to(auth::show_login))
        .route("/login", post().to(auth::login))
        .route("/logout", post().to(auth::logout))
        .route(
            "/invitation/{token}",
            get().to(links::show_invitation::<PortalLinks>),
        )
        .route(
            "/invitation/{token}",
            post().to(links::accept_invitation::<PortalLinks>),
        )
        .route(
            "/password/forgot",
            get().to(links::show_forgot::<PortalLinks>),
        )
        .route("/password/forgot", post().to(links::forgot::<PortalLinks>))
        .route(
            "/password/reset/{token}",
            get().to(links::show_reset::<PortalLinks>),
        )
        .route(
            "/password/reset/{token}",
            post().to(links::reset::<PortalLinks>),
        )
        .route("/view-as/{token}", get().to(auth::view_as))
        // Prospects apply, signed out; the emailed link confirms.
        .route("/apply", get().to(apply::new))
        .route("/apply", post().to(apply::create))
        .route("/apply/{token}", get().to(apply::show))
        .route("/apply/{token}", post().to(apply::confirm))
        .service(
            web::scope("")
                .wrap(from_fn(portal::require_customer_user))
                // Every role reads products and orders, and its own account.
                .route("", get().to(home::show))
                .route("/", get().to(home::show))
                .route("/products", get().to(products::index))
                .route("/products/{id}", get().to(products::show))
                .route("/orders", get().to(orders::index))
                .route("/orders/{number}", get().to(orders::show))
                .route("/account", get().to(account::show))
                .route("/account", post().to(account::change_password))
                .route("/account/preferences", post().to(account::save_preferences))
                .configure(portal_role_pages),
        );
}

/// The portal's pages that belong to some roles only (`CustomerRole::may`): each resource
/// carries its guard, as the staff side's role-guarded resources do.
fn portal_role_pages(cfg: &mut web::ServiceConfig) {
    use crate::models::access::customer_user::Ability;
    use portal::{cart, contacts, invoices, requests, ship_to, users};
    let may = |ability: Ability, path: &str| {
        web::resource(path).wrap(from_fn(portal::require_ability(ability)))
    };
    let order = |p: &str| may(Ability::Order, p);
    let accounts = |p: &str| may(Ability::Accounts, p);
    let asks = |p: &str| may(Ability::Requests, p);
    let users_of = |p: &str| may(Ability::ManageUsers, p);
    cfg.service(
        asks("/requests")
            .route(get().to(requests::index))
            .route(post().to(requests::create)),
    )
    .service(asks("/requests/new").route(get().to(requests::new)))
    .service(asks("/requests/{id}").route(get().to(requests::show)))
    .service(asks("/requests/{id}/answer").route(post().to(requests::answer)))
    .service(
        order("/cart")
            .route(get().to(cart::show))
            .route(post().to(cart::add)),
    )
    .service(order("/cart/quick").route(post().to(cart::quick)))
    .service(order("/cart/{product_id}").route(post().to(cart::update)))
    .service(
        order("/checkout")
            .route(get().to(cart::checkout))
            .route(post().to(cart::place)),
    )
    .service(order("/orders/{number}/again").route(post().to(cart::order_again)))
    .service(accounts("/invoices").route(get().to(invoices::index)))
    .service(accounts("/invoices/{number}/pdf").route(get().to(invoices::pdf)))
    .service(accounts("/statement").route(get().to(invoices::statement)))
    .service(accounts("/statement.pdf").route(get().to(invoices::statement_pdf)))
    .service(may(Ability::ShipTo, "/ship-to").route(get().to(ship_to::index)))
    .service(may(Ability::ShipTo, "/ship-to.csv").route(get().to(ship_to::csv)))
    .service(may(Ability::ShipTo, "/ship-to/proposals").route(post().to(ship_to::propose)))
    .service(may(Ability::ShipTo, "/ship-to/proposals/new").route(get().to(ship_to::new_proposal)))
    .service(
        users_of("/users")
            .route(get().to(users::index))
            .route(post().to(users::invite)),
    )
    .service(users_of("/users/{user_id}/invitations").route(post().to(users::resend)))
    .service(users_of("/users/{user_id}/revocation").route(post().to(users::revoke)))
    .service(users_of("/users/{user_id}/role").route(post().to(users::set_role)))
    .service(
        may(Ability::Contacts, "/contacts")
            .route(get().to(contacts::index))
            .route(post().to(contacts::create)),
    )
    // Before "/contacts/{id}", which would otherwise take "new" for an id.
    .service(may(Ability::Contacts, "/contacts/new").route(get().to(contacts::new)))
    .service(
        may(Ability::Contacts, "/contacts/{id}")
            .route(get().to(contacts::edit))
            .route(post().to(contacts::save))
            .route(delete().to(contacts::delete)),
    )
    // The page that asks before a DELETE of the contact.
    .service(
        may(Ability::Contacts, "/contacts/{id}/delete").route(get().to(contacts::confirm_delete)),
    );
}
