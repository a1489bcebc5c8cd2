//! Orders: what was ordered, its value.

pub mod order;
