//! Receivables: the ledger of invoices, credit notes, payments and reversals, what pays what,
//! and the balances they add up to.

pub mod ledger;
pub mod view;
