//! Orders: what was ordered, its value, and the rules an order of a customer obeys.

pub mod order;
pub mod terms;
