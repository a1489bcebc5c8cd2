//! What every portal page's template needs: the title, the signed-in user and customer for the
//! header, the CSRF token, the submission key of a create form, flash messages, and the banner of
//! a staff member's read-only view.

use super::guard::Portal;
use crate::auth::{
    csrf::CsrfToken,
    session::{self, Flash},
};
use actix_session::SessionExt;
use actix_web::{Error, FromRequest, HttpMessage, HttpRequest, dev::Payload};
use std::future::{Ready, ready};

#[derive(Clone, Debug)]
pub struct PortalNav {
    pub user_name: String,
    pub customer_name: String,
    /// "Viewing as Ann Buyer: read-only (Dana Admin)".
    pub viewing_staff: Option<String>,
}

#[derive(Clone, Debug)]
pub struct PortalLayout {
    pub title: String,
    pub nav: Option<PortalNav>,
    pub csrf_token: String,
    pub flashes: Vec<Flash>,
    /// The submission key this request's form carried, shown again when the form comes back
    /// with messages (see `crate::routes::submission`).
    pub submitted_key: Option<String>,
    pub section: &'static str,
}

impl PortalLayout {
    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    pub fn in_section(mut self, section: &'static str) -> Self {
        self.section = section;
        self
    }

    /// The key for a create form on this page: the one the request carried (a form shown again
    /// with messages stays the same submission), else a fresh one.
    pub fn submission_key(&self) -> String {
        self.submitted_key
            .clone()
            .unwrap_or_else(crate::routes::submission::fresh_key)
    }

    /// Keeps `key` for the page's create form (a multipart form, whose key the handler read).
    pub fn keeping(mut self, key: Option<&str>) -> Self {
        if let Some(key) = key {
            self.submitted_key = Some(key.to_string());
        }
        self
    }

    /// For the error page of a portal request, rendered after the handler is done with it.
    pub fn for_error(req: &HttpRequest, csrf_token: Option<String>) -> Self {
        PortalLayout {
            title: String::new(),
            nav: req.extensions().get::<Portal>().map(nav),
            csrf_token: csrf_token.unwrap_or_default(),
            flashes: Vec::new(),
            submitted_key: None,
            section: "",
        }
    }

    pub fn read_only(&self) -> bool {
        self.nav.as_ref().is_some_and(|n| n.viewing_staff.is_some())
    }
}

impl FromRequest for PortalLayout {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let session = req.get_session();
        let csrf_token = match req.extensions().get::<CsrfToken>() {
            Some(t) => Ok(t.0.clone()),
            None => session::csrf_token(&session),
        };
        let nav = req.extensions().get::<Portal>().map(nav);
        ready(
            csrf_token
                .map_err(Error::from)
                .map(|csrf_token| PortalLayout {
                    title: String::new(),
                    nav,
                    csrf_token,
                    flashes: session::take_flashes(&session),
                    submitted_key: crate::routes::submission::submitted_key(req),
                    section: "",
                }),
        )
    }
}

fn nav(p: &Portal) -> PortalNav {
    PortalNav {
        user_name: p.user.name.clone(),
        customer_name: p.customer.display_name().to_string(),
        viewing_staff: p.viewing_staff.clone(),
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
