//! Requests from customers and their decisions.

pub mod announcements;
pub mod approval;
pub mod ship_to;
