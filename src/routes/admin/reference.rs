//! Reference data kept by administrators: stores, price lists, sales channels, customer groups,
//! payment terms and tags.

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}
