//! Middleware that wraps the whole application.

pub mod hardening;
pub mod redact;
