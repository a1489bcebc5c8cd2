//! Who is asking: password hashing, the server-side session store, CSRF protection, and the
//! guard that admits only signed-in, active staff (and, per scope, only the right role).

pub mod csrf;
pub mod guard;
pub mod password;
pub mod session;
pub mod sign_in;
pub mod store;

pub use guard::{CurrentStaff, require_any_role, require_in_scope, require_role, require_staff};
