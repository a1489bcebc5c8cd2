//! What every page's template needs besides its own data: the title, who is signed in for the
//! header, the CSRF token for forms, the submission key of a create form, and flash messages.
//! One `Frame` serves both audiences; every page struct carries it as `layout`, and handlers
//! take it as an extractor (`Layout` on the staff side, `PortalLayout` in the portal).

use crate::auth::{
    CurrentStaff,
    csrf::CsrfToken,
    session::{self, Flash},
};
use crate::models::access::staff::Role;
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

/// The frame of a page for either audience: `V` is who is signed in, as the header shows them
/// (`NavStaff` on the staff side, the portal's admitted `Portal`). Templates read `layout.viewer`.
#[derive(Clone, Debug)]
pub struct Frame<V> {
    pub title: String,
    pub viewer: Option<V>,
    pub csrf_token: String,
    pub flashes: Vec<Flash>,
    /// The submission key this request's form carried, shown again when the form comes back
    /// with messages (see `crate::routes::submission`).
    pub submitted_key: Option<String>,
    /// The navigation entry to mark as current.
    pub section: &'static str,
}

/// The staff side's frame.
pub type Layout = Frame<NavStaff>;

/// Who a frame shows as signed in, read from what the guard left on the request.
pub trait Viewer: Sized {
    fn of(req: &HttpRequest) -> Option<Self>;
}

impl Viewer for NavStaff {
    fn of(req: &HttpRequest) -> Option<NavStaff> {
        let extensions = req.extensions();
        let staff = extensions.get::<CurrentStaff>()?;
        Some(NavStaff {
            name: staff.name.clone(),
            roles: staff.role_labels(),
            is_admin: staff.has_role(Role::Admin),
            is_digital_admin: staff.has_role(Role::DigitalAdmin),
        })
    }
}

impl<V> Frame<V> {
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
        Frame {
            title: String::new(),
            viewer: None,
            csrf_token: String::new(),
            flashes: Vec::new(),
            submitted_key: None,
            section: "",
        }
    }
}

impl<V: Viewer> Frame<V> {
    /// For the error page, rendered after the handler (and the session) are done with the request.
    pub fn for_error(req: &HttpRequest, csrf_token: Option<String>) -> Self {
        Frame {
            viewer: V::of(req),
            csrf_token: csrf_token.unwrap_or_default(),
            ..Frame::anonymous()
        }
    }
}

impl<V: Viewer> Frame<V> {
    /// The frame of the page a request renders; it takes the flash messages waiting in the
    /// session.
    pub fn read(req: &HttpRequest) -> crate::error::AppResult<Self> {
        let session = req.get_session();
        let csrf_token = match req.extensions().get::<CsrfToken>() {
            Some(t) => t.0.clone(),
            None => session::csrf_token(&session)?,
        };
        Ok(Frame {
            title: String::new(),
            viewer: V::of(req),
            csrf_token,
            flashes: session::take_flashes(&session),
            submitted_key: crate::routes::submission::submitted_key(req),
            section: "",
        })
    }
}

impl<V: Viewer> FromRequest for Frame<V> {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Frame::read(req).map_err(Error::from))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub status: u16,
    pub heading: String,
    pub message: String,
}

/// What tops every screen that shows a customer: its name, account number, the section tabs,
/// and the watch-list warning, impossible to miss. Page structs carry it as `header` and their
/// templates `{% include "customers/_header.html" %}`.
#[derive(Clone, Debug)]
pub struct CustomerHeader {
    pub customer: crate::models::customers::customer::Customer,
    pub watch: Option<crate::models::customers::note::WatchNote>,
    /// The tab to mark as current: overview, orders, addresses, contacts, notes, catalogs,
    /// requests, history.
    pub tab: &'static str,
    /// The value of its orders, in their currency or currencies.
    pub order_value: String,
}

impl CustomerHeader {
    /// Loads the customer (404 when there is none) and its warning: two queries.
    pub fn load(
        conn: &mut diesel::PgConnection,
        customer_id: i64,
        tab: &'static str,
    ) -> crate::error::AppResult<CustomerHeader> {
        let customer = crate::models::customers::customer::Customer::find(conn, customer_id)?;
        let watch = crate::models::customers::note::WatchNote::for_customer(conn, customer_id)?;
        let order_value = crate::models::orders::order::Order::value_text(conn, &customer)?;
        Ok(CustomerHeader {
            customer,
            watch,
            tab,
            order_value,
        })
    }

    /// The frame of one of the customer's tabs: titled "`what` · the customer's name", in the
    /// customers section.
    pub fn frame(&self, layout: Layout, what: &str) -> Layout {
        layout
            .titled(format!("{what} · {}", self.customer.legal_name))
            .in_section("customers")
    }
}

/// Pages of a list: where the previous and next pages are.
#[derive(Clone, Debug)]
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    pub fn new(base: &str, search: &str, page: i64, per_page: i64, total: i64) -> Pager {
        let pages = ((total + per_page - 1) / per_page).max(1);
        let href = |p: i64| {
            let mut pairs = Vec::new();
            if !search.is_empty() {
                pairs.push(("q", search.to_string()));
            }
            if p > 1 {
                pairs.push(("page", p.to_string()));
            }
            let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
            if query.is_empty() {
                base.to_string()
            } else {
                format!("{base}?{query}")
            }
        };
        Pager {
            page,
            pages,
            total,
            prev: (page > 1).then(|| href((page - 1).min(pages))),
            next: (page < pages).then(|| href(page + 1)),
        }
    }

    pub fn total_text(&self) -> String {
        crate::domain::group_digits(self.total.max(0) as u64)
    }
}

impl CustomerHeader {
    /// The page of one of customer `id`'s tabs, marked on `tab`: `page` builds it in one
    /// database call from the page's frame, titled "`what` · the customer's name", and the
    /// header (a 404 when there is no such customer).
    pub async fn tab<P, F>(
        desk: &crate::routes::desk::StaffDesk,
        id: i64,
        (tab, what): (&'static str, &'static str),
        page: F,
    ) -> crate::error::AppResult<P>
    where
        F: FnOnce(&mut diesel::PgConnection, Layout, CustomerHeader) -> crate::error::AppResult<P>
            + Send
            + 'static,
        P: Send + 'static,
    {
        let layout = desk.layout()?;
        desk.run(move |conn| {
            let header = CustomerHeader::load(conn, id, tab)?;
            page(conn, header.frame(layout, what), header)
        })
        .await
    }
}

/// The query of a searchable list in pages (`?q=…&page=…`), as a `Pager` links to it.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct SearchPage {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
}

impl SearchPage {
    /// What to search for, trimmed ("" for everything).
    pub fn search(&self) -> String {
        self.q.trim().to_string()
    }

    /// The page asked for, from 1.
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).max(1)
    }
}
