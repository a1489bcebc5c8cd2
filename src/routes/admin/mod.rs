//! Administration (role `admin`): staff accounts, reference data, catalogs and products, merges,
//! the CSV imports.

pub mod api_clients;
pub mod catalogs;
pub mod import;
pub mod maintenance;
pub mod merge;
pub mod outbox;
pub mod products;
pub mod reference;
pub mod staff;
pub mod webhooks;
