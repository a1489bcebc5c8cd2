//! A customer and what hangs on it: its record, detail and list read models, addresses, contacts,
//! notes and the watch list, history, merging.

pub mod address;
pub mod contact;
pub mod customer;
pub mod customer_detail;
pub mod customer_fields;
pub mod customer_form;
pub mod customer_list;
pub mod history;
pub mod merge;
pub mod note;
pub mod sub_record;
