//! What nearly every screen module names, in one import (`use crate::routes::prelude::*;`):
//! the desks a handler takes and the `Reply` it gives, the page frames and the customer header,
//! the form reader and its messages, the one-time submission key, the respond helpers, and the
//! web, status and template types of a page.

pub use crate::error::{AppError, AppResult};
pub use crate::i18n::Msg;
pub use crate::routes::{
    desk::{PortalDesk, Reply, StaffDesk},
    forms::{FormErrors, HtmlForm},
    layout::{CustomerHeader, Layout},
    portal::{guard::Portal, layout::PortalLayout},
    respond::{self, see_other},
    submission::{Once, Submission},
};
pub use actix_web::{http::StatusCode, web};
pub use askama::Template;
pub use serde::Deserialize;
