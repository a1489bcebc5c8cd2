//! Receivables: the ledger of invoices, credit notes, payments and reversals, what pays what,
//! and the balances they add up to.

pub mod announcements;
pub mod chasing;
pub mod credit;
pub mod documents;
pub mod entry;
pub mod ledger;
pub mod portal;
pub mod view;
