//! Middleware that wraps the whole application.

pub mod hardening;
