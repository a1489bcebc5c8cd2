//! Orders: what was ordered, its value, and the rules an order of a customer obeys.

use crate::error::AppError;

/// Why an order was not placed or a step not taken: refused, and why (`R`), or the database
/// failed.
#[derive(Debug)]
pub enum NotDone<R> {
    Refused(R),
    Failed(AppError),
}

impl<R> From<diesel::result::Error> for NotDone<R> {
    fn from(e: diesel::result::Error) -> Self {
        NotDone::Failed(e.into())
    }
}

impl<R> From<AppError> for NotDone<R> {
    fn from(e: AppError) -> Self {
        NotDone::Failed(e)
    }
}

pub mod announcements;
pub mod cart;
pub mod desk;
pub mod erp;
pub mod invoicing;
pub mod order;
pub mod placing;
pub mod queue;
pub mod terms;
