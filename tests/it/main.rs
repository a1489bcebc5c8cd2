//! Clientele's integration tests: one binary, the real application on its own fresh database
//! (cloned from a migrated template), spoken to over HTTP.

mod helpers;

mod auth;
mod browser;
mod cli;
mod csrf;
mod errors;
mod headers;
mod health;
mod sessions;
