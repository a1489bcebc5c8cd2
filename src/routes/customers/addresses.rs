//! A customer's addresses, and the ship-to download.

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}
