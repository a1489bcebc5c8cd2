//! What every page's template needs besides its own data: the title, who is signed in for the
//! header, the CSRF token for forms, the submission key of a create form, and flash messages.
//! One `Frame` serves both audiences; every page struct carries it as `layout`, and handlers
//! take it as an extractor (`Layout` on the staff side, `PortalLayout` in the portal).

use crate::auth::{CurrentStaff, csrf::CsrfToken, session};
use crate::i18n::{Arg, L10n, Lang, Msg, Named, Zone};
use crate::models::access::staff::Role;
use crate::routes::flash::{self, Flash};
use actix_session::SessionExt;
use actix_web::{Error, FromRequest, HttpMessage, HttpRequest, dev::Payload};
use askama::Template;
use std::future::{Ready, ready};

#[derive(Clone, Debug)]
pub struct NavStaff {
    pub name: String,
    /// The message ids of their roles' labels.
    pub roles: Vec<&'static str>,
    pub is_admin: bool,
    pub is_digital_admin: bool,
    language: Option<String>,
    time_zone: Option<String>,
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
    /// The reader's language and time zone.
    pub l: L10n,
}

/// The staff side's frame.
pub type Layout = Frame<NavStaff>;

impl Frame<NavStaff> {
    /// The signed-in staff member's roles, in the reader's words: "Staff, Administrator".
    pub fn roles(&self) -> String {
        let roles = self.viewer.as_ref().map_or(&[][..], |s| s.roles.as_slice());
        let words: Vec<String> = roles.iter().map(|id| self.l.t(id)).collect();
        words.join(", ")
    }
}

/// Who a frame shows as signed in, read from what the guard left on the request.
pub trait Viewer: Sized {
    fn of(req: &HttpRequest) -> Option<Self>;

    /// The language and time zone they chose on their account page, if they did.
    fn chose(&self) -> (Option<&str>, Option<&str>);
}

impl Viewer for NavStaff {
    fn of(req: &HttpRequest) -> Option<NavStaff> {
        let extensions = req.extensions();
        let staff = extensions.get::<CurrentStaff>()?;
        Some(NavStaff {
            name: staff.name.clone(),
            roles: staff.roles().iter().map(Role::label_id).collect(),
            is_admin: staff.has_role(Role::Admin),
            is_digital_admin: staff.has_role(Role::DigitalAdmin),
            language: staff.language.clone(),
            time_zone: staff.time_zone.clone(),
        })
    }

    fn chose(&self) -> (Option<&str>, Option<&str>) {
        (self.language.as_deref(), self.time_zone.as_deref())
    }
}

/// The language and time zone of a request's reader. The language: the one the person chose
/// on their account page, else the one picked with the switch on the sign-in pages (`?lang=`,
/// kept in the session), else the first of `Accept-Language` the portal speaks, else
/// `DEFAULT_LOCALE`. The zone: the person's, else `TIME_ZONE`.
pub fn reader(req: &HttpRequest, chose: (Option<&str>, Option<&str>)) -> L10n {
    let fallback = anyones_reader(req.headers(), req.app_data());
    let lang = chose
        .0
        .and_then(Lang::parse)
        .or_else(|| switched_language(req))
        .unwrap_or(fallback.lang);
    let zone = chose.1.and_then(Zone::parse).unwrap_or(fallback.zone);
    L10n::new(lang, zone)
}

/// The reader as far as the request alone tells, with no session: `Accept-Language`, else
/// `DEFAULT_LOCALE`, in `TIME_ZONE`.
pub fn anyones_reader(
    headers: &actix_web::http::header::HeaderMap,
    config: Option<&actix_web::web::Data<crate::config::Config>>,
) -> L10n {
    let lang = headers
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|h| h.to_str().ok())
        .and_then(Lang::from_accept_language)
        .or_else(|| config.map(|c| c.default_locale.clone()))
        .unwrap_or_else(Lang::english);
    let zone = config.map_or_else(Zone::utc, |c| c.time_zone);
    L10n::new(lang, zone)
}

/// The language of the switch: `?lang=de` on this request (then kept in the session), else the
/// one kept.
fn switched_language(req: &HttpRequest) -> Option<Lang> {
    let session = req.get_session();
    let asked = req
        .query_string()
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::parse);
    if let Some(lang) = &asked {
        session::switch_language(&session, lang.code());
        return asked;
    }
    session::switched_language(&session).and_then(|code| Lang::parse(&code))
}

impl<V> Frame<V> {
    /// The message `id` in the reader's language.
    pub fn t(&self, id: impl AsRef<str>) -> String {
        self.l.t(id)
    }

    /// The message `id` with one placeholder.
    pub fn t1(&self, id: impl AsRef<str>, name: &'static str, value: impl Arg) -> String {
        self.l.t1(id, name, value)
    }

    /// The message `id` with two placeholders.
    pub fn t2(&self, id: impl AsRef<str>, first: impl Named, second: impl Named) -> String {
        self.l.t2(id, first, second)
    }

    /// The languages to switch to, the reader's marked: (code, own name, current).
    pub fn languages(&self) -> Vec<(&'static str, String, bool)> {
        Lang::all()
            .iter()
            .map(|l| (l.code(), l.own_name(), *l == self.l.lang))
            .collect()
    }

    /// A message a check or a model made.
    pub fn msg(&self, msg: &Msg) -> String {
        self.l.msg(msg)
    }

    /// The page's title: a message (`Msg::new`) in the reader's language, or a name as it is.
    pub fn titled(mut self, title: impl Into<Msg>) -> Self {
        self.title = self.l.msg(&title.into());
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

    /// The frame in `l`'s language and zone.
    pub fn read_by(mut self, l: L10n) -> Self {
        self.l = l;
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
            l: L10n::english(),
        }
    }
}

impl<V: Viewer> Frame<V> {
    /// For the error page, rendered after the handler (and the session) are done with the request.
    pub fn for_error(req: &HttpRequest, csrf_token: Option<String>) -> Self {
        let viewer = V::of(req);
        let l = reader(req, viewer.as_ref().map_or((None, None), |v| v.chose()));
        Frame {
            viewer,
            csrf_token: csrf_token.unwrap_or_default(),
            l,
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
        let viewer = V::of(req);
        let l = reader(req, viewer.as_ref().map_or((None, None), |v| v.chose()));
        Ok(Frame {
            title: String::new(),
            viewer,
            csrf_token,
            flashes: flash::take(req),
            submitted_key: crate::routes::submission::submitted_key(req),
            section: "",
            l,
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
    /// The value of its orders in each of their currencies, the largest first.
    pub order_value: Vec<(String, i64)>,
    /// How many of its orders are on credit hold (shown on every tab: a hold nobody sees is
    /// an order nobody ships).
    pub held: i64,
}

impl CustomerHeader {
    /// Loads the customer (404 when there is none), its warning, the value of its orders and
    /// its held orders.
    pub fn load(
        conn: &mut diesel::PgConnection,
        customer_id: i64,
        tab: &'static str,
    ) -> crate::error::AppResult<CustomerHeader> {
        let customer = crate::models::customers::customer::Customer::find(conn, customer_id)?;
        let watch = crate::models::customers::note::WatchNote::for_customer(conn, customer_id)?;
        let order_value = crate::models::orders::order::Order::value_by_currency(conn, &customer)?;
        let held = crate::models::orders::order::Order::held_count(conn, customer_id)?;
        Ok(CustomerHeader {
            customer,
            watch,
            tab,
            order_value,
            held,
        })
    }

    /// The value of its orders as the reader writes money: "1,234.50 EUR"; with several
    /// currencies each on its own ("12.00 GBP + 3.50 EUR"); "none" with no orders.
    pub fn order_value_text(&self, l: &L10n) -> String {
        if self.order_value.is_empty() {
            return l.t("customers-value-none");
        }
        self.order_value
            .iter()
            .map(|(currency, cents)| l.money(cents, currency))
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// The frame of one of the customer's tabs: titled "`what` · the customer's name", in the
    /// customers section. `what` is a message (`Msg::new`), or text as it is.
    pub fn frame(&self, layout: Layout, title: &'static str) -> Layout {
        let title = Msg::new(title).arg("customer", self.customer.legal_name.as_str());
        layout.titled(title).in_section("customers")
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
    /// database call from the page's frame, titled by the message `title` (which is given the
    /// customer's name), and the header (a 404 when there is no such customer).
    pub async fn tab<P, F>(
        desk: &crate::routes::desk::StaffDesk,
        id: i64,
        (tab, title): (&'static str, &'static str),
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
            page(conn, header.frame(layout, title), header)
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
