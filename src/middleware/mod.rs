//! Middleware: what wraps the whole application, and the form-method override the route table
//! puts inside the CSRF check.

pub mod compression;
pub mod hardening;
pub mod method_override;
pub mod redact;
