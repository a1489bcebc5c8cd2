//! Requests from customers and their decisions.

pub mod approval;
