//! Clientele's integration tests: one binary, the real application on its own fresh database
//! (cloned from a migrated template), spoken to over HTTP.

mod helpers;

mod addresses;
mod api;
mod approvals;
mod auth;
mod browser;
mod chasing;
mod checkout;
mod cli;
mod contacts;
mod csrf;
mod customer_language;
mod customer_list;
mod customers;
mod documents;
mod double_submit;
mod durability;
mod errors;
mod excel;
mod german;
mod headers;
mod health;
mod import;
mod import_page;
mod languages;
mod ledger;
mod mail;
mod merge;
mod method_override;
mod order_desk;
mod order_mail;
mod orders;
mod placing;
mod portal_isolation;
mod portal_pages;
mod portal_products;
mod portal_users;
mod products;
mod reference_data;
mod secrets;
mod sessions;
mod smtp_sink;
mod sub_records;
mod translations;
