//! Orders: what was ordered, its value, and the rules an order of a customer obeys.

pub mod cart;
pub mod order;
pub mod placing;
pub mod terms;
