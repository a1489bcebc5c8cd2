//! One module per table or aggregate: its row struct, what inserts and changes it, and its queries.

pub mod address;
pub mod approval;
pub mod assortment;
pub mod cached_sql;
pub mod catalog;
pub mod contact;
pub mod customer;
pub mod customer_detail;
pub mod customer_list;
pub mod customer_user;
pub mod history;
pub mod import_run;
pub mod login_attempt;
pub mod merge;
pub mod note;
pub mod order;
pub mod portal;
pub mod portal_catalog;
pub mod product;
pub mod reference;
pub mod staff;
pub mod submission;
