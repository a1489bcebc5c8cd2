//! Customer screens: the record, its addresses and contacts, notes, the watch list, history,
//! and what the customer is offered (catalogs, specific products, stock locations).

pub mod accounts;
pub mod addresses;
pub mod assortment;
pub mod contacts;
pub mod list;
pub mod notes;
pub mod prices;
pub mod records;
pub mod requests;
pub mod sub_records;
pub mod users;
