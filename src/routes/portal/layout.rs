//! What every portal page's template needs: the title, the signed-in user and customer for the
//! header, the CSRF token, the submission key of a create form, flash messages, and the banner of
//! a staff member's read-only view.

use super::guard::Portal;
use crate::routes::layout::{Frame, Viewer};
use actix_web::{HttpMessage, HttpRequest};

#[derive(Clone, Debug)]
pub struct PortalNav {
    pub user_name: String,
    pub customer_name: String,
    /// "Viewing as Ann Buyer: read-only (Dana Admin)".
    pub viewing_staff: Option<String>,
}

/// The portal's frame (see `crate::routes::layout::Frame`).
pub type PortalLayout = Frame<PortalNav>;

impl PortalLayout {
    pub fn read_only(&self) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|n| n.viewing_staff.is_some())
    }
}

impl Viewer for PortalNav {
    fn of(req: &HttpRequest) -> Option<PortalNav> {
        let extensions = req.extensions();
        let p = extensions.get::<Portal>()?;
        Some(PortalNav {
            user_name: p.user.name.clone(),
            customer_name: p.customer.display_name().to_string(),
            viewing_staff: p.viewing_staff.clone(),
        })
    }
}

/// The error page inside the portal: its own look, and a way back to the portal's home.
#[derive(askama::Template)]
#[template(path = "portal/error.html")]
pub struct PortalErrorPage {
    pub layout: PortalLayout,
    pub status: u16,
    pub heading: String,
    pub message: String,
}
