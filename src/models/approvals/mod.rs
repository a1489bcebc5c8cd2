//! Requests from customers and their decisions.

pub mod announcements;
pub mod application;
pub mod approval;
pub mod duplicates;
pub mod ship_to;
