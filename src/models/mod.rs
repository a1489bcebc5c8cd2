//! One module per table or aggregate: its row struct, what inserts and changes it, and its queries.

pub mod customer;
pub mod login_attempt;
pub mod staff;
