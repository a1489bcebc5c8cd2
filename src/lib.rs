//! Clientele: a server-rendered B2B customer-management portal.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod drain;
pub mod error;
pub mod i18n;
pub mod import;
pub mod mail;
pub mod middleware;
pub mod models;
pub mod pdf;
pub mod routes;
pub mod schema;
pub mod startup;
pub mod tools;
pub mod webhooks;

/// Where static files are served from: `STATIC_DIR`, else `./static` when it exists, else the
/// source tree's `static/` (so `cargo run` works from any directory).
pub fn static_dir() -> std::path::PathBuf {
    if let Some(dir) = std::env::var_os("STATIC_DIR").filter(|d| !d.is_empty()) {
        return dir.into();
    }
    let here = std::path::PathBuf::from("static");
    if here.join("app.css").is_file() {
        return here;
    }
    std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/static"))
}
