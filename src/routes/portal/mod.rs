//! The customer portal, under /portal: its own session cookie (path /portal), its own
//! sign-in, its own layout. A staff session never opens a portal page (the staff cookie is not
//! read here) and a portal session never opens a staff page (its cookie is never sent there,
//! and the staff side reads only its own).

pub mod account;
pub mod apply;
pub mod auth;
pub mod cart;
pub mod contacts;
pub mod guard;
pub mod home;
pub mod invoices;
pub mod layout;
pub mod orders;
pub mod products;
pub mod requests;
pub mod ship_to;
pub mod users;

pub use guard::{Portal, require_ability, require_customer_user};
