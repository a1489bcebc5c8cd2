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
pub mod metrics;
pub mod middleware;
pub mod models;
pub mod pdf;
pub mod routes;
pub mod schema;
pub mod settings;
pub mod startup;
pub mod telemetry;
pub mod tools;
pub mod webhooks;
