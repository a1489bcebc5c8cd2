//! Who signs in: staff accounts, customer users (invitations, password resets), sign-in
//! attempts.

pub mod api_client;
pub mod customer_user;
pub mod login_attempt;
pub mod staff;
pub mod staff_account;
pub mod staff_scope;
pub mod token;
