//! What every page's template needs besides its own data: the title, the signed-in staff member
//! for the navigation, the CSRF token for forms, the submission key of a create form, and flash
//! messages. Every page struct carries a `layout: Layout` field; handlers take it as an extractor.

use crate::auth::{
    CurrentStaff,
    csrf::CsrfToken,
    session::{self, Flash},
};
use crate::models::staff::Role;
use actix_session::SessionExt;
use actix_web::{Error, FromRequest, HttpMessage, HttpRequest, dev::Payload};
use askama::Template;
use std::future::{Ready, ready};

#[derive(Clone, Debug)]
pub struct NavStaff {
    pub name: String,
    pub roles: String,
    pub is_admin: bool,
    pub is_digital_admin: bool,
}

#[derive(Clone, Debug)]
pub struct Layout {
    pub title: String,
    pub staff: Option<NavStaff>,
    pub csrf_token: String,
    pub flashes: Vec<Flash>,
    /// The submission key this request's form carried, shown again when the form comes back
    /// with messages (see `crate::routes::submission`).
    pub submitted_key: Option<String>,
    /// The navigation entry to mark as current.
    pub section: &'static str,
}

impl Layout {
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

    /// No one signed in, no session: the sign-in page before a session exists, escaped errors.
    pub fn anonymous() -> Self {
        Layout {
            title: String::new(),
            staff: None,
            csrf_token: String::new(),
            flashes: Vec::new(),
            submitted_key: None,
            section: "",
        }
    }

    /// For the error page, rendered after the handler (and the session) are done with the request.
    pub fn for_error(req: &HttpRequest, csrf_token: Option<String>) -> Self {
        Layout {
            title: String::new(),
            staff: req.extensions().get::<CurrentStaff>().map(nav),
            csrf_token: csrf_token.unwrap_or_default(),
            flashes: Vec::new(),
            submitted_key: None,
            section: "",
        }
    }
}

fn nav(staff: &CurrentStaff) -> NavStaff {
    NavStaff {
        name: staff.name.clone(),
        roles: staff.role_labels(),
        is_admin: staff.has_role(Role::Admin),
        is_digital_admin: staff.has_role(Role::DigitalAdmin),
    }
}

impl FromRequest for Layout {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let session = req.get_session();
        let csrf_token = match req.extensions().get::<CsrfToken>() {
            Some(t) => Ok(t.0.clone()),
            None => session::csrf_token(&session),
        };
        ready(csrf_token.map_err(Error::from).map(|csrf_token| Layout {
            title: String::new(),
            staff: req.extensions().get::<CurrentStaff>().map(nav),
            csrf_token,
            flashes: session::take_flashes(&session),
            submitted_key: crate::routes::submission::submitted_key(req),
            section: "",
        }))
    }
}

/// A rendered page with a status of its choosing (422 for a form with errors, 409, …).
pub fn respond(
    status: actix_web::http::StatusCode,
    page: &impl Template,
) -> crate::error::AppResult<actix_web::HttpResponse> {
    Ok(actix_web::HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page.render()?))
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub status: u16,
    pub heading: String,
    pub message: String,
}
