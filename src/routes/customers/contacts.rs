//! A customer's contacts and what each is notified of.

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}
