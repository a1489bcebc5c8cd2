//! One module per table or aggregate: its row struct, what inserts and changes it, and its queries.

pub mod access;
pub mod approvals;
pub mod cached_sql;
pub mod catalogs;
pub mod customers;
pub mod import_run;
pub mod orders;
pub mod portal;
pub mod reference;
pub mod submission;

// `lower(text)`, for the case-blind comparisons of names, SKUs and email addresses.
diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);
