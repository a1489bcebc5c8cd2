//! What a handler behind a guard works with, taken as one extractor: who is signed in, the
//! session, the database, and the page's frame when it renders one. `StaffDesk` on the staff
//! side (behind `require_staff`), `PortalDesk` in the portal (behind `require_customer_user`).
//!
//! Its `run`/`transaction` are `db::run`/`db::transaction` on the application's pool, and its
//! `done`/`refused` are `respond::done`/`respond::refused` on its request, so a handler names
//! only what is its own: the path, the form, the model call and the answer.

use crate::models::{access::staff_scope::StaffScope, portal::PortalScope};
use crate::{
    auth::CurrentStaff,
    db::{self, DbPool},
    error::{AppError, AppResult},
    routes::{
        layout::{Frame, NavStaff, Viewer},
        portal::guard::Portal,
        respond,
    },
};
use actix_session::{Session, SessionExt};
use actix_web::{Error, FromRequest, HttpMessage, HttpRequest, HttpResponse, dev::Payload, web};
use diesel::PgConnection;
use std::{
    cell::RefCell,
    future::{Ready, ready},
};

/// A handler's answer: a response, or an error page.
pub type Reply = AppResult<HttpResponse>;

/// Who a guard admitted, as its handlers see them.
pub trait SignedIn: Clone + 'static {
    /// How the page header shows them.
    type Nav: Viewer;
    /// What the guard left on the request.
    fn of(req: &HttpRequest) -> Option<Self> {
        req.extensions().get::<Self>().cloned()
    }
}

impl SignedIn for CurrentStaff {
    type Nav = NavStaff;
}

impl SignedIn for Portal {
    type Nav = Portal;
}

pub struct Desk<S: SignedIn> {
    /// The signed-in staff member (`StaffDesk`) or customer user (`PortalDesk`).
    pub who: S,
    pub session: Session,
    pool: web::Data<DbPool>,
    req: HttpRequest,
    /// The frame `frame_first` took, until `layout` hands it out.
    frame: RefCell<Option<Frame<S::Nav>>>,
}

pub type StaffDesk = Desk<CurrentStaff>;
pub type PortalDesk = Desk<Portal>;

impl<S: SignedIn> Desk<S> {
    /// The frame of the page this request renders. It takes the flash messages waiting in the
    /// session, so a handler asks for it only when it renders a page.
    pub fn layout(&self) -> AppResult<Frame<S::Nav>> {
        match self.frame.borrow_mut().take() {
            Some(frame) => Ok(frame),
            None => Frame::read(&self.req),
        }
    }

    /// Takes the page's frame, and with it the flash messages waiting, before the handler's
    /// work; `layout` then hands out this frame. A form handler that shows its page again when
    /// the form is wrong calls it first, so that the messages left from before are taken
    /// whether the form then succeeds (and redirects) or not.
    pub fn frame_first(&self) -> AppResult<()> {
        let frame = Frame::read(&self.req)?;
        *self.frame.borrow_mut() = Some(frame);
        Ok(())
    }

    /// The reader's language and time zone, without taking the page's frame (and with it the
    /// messages waiting): for reading a form's amounts and dates.
    pub fn reader(&self) -> crate::i18n::L10n {
        let viewer = <S::Nav as crate::routes::layout::Viewer>::of(&self.req);
        let chose = viewer.as_ref().map_or((None, None), |v| v.chose());
        crate::routes::layout::reader(&self.req, chose)
    }

    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    pub fn request(&self) -> &HttpRequest {
        &self.req
    }

    /// The portal's public address (`PUBLIC_URL`), for the links in the emails a change sends.
    pub fn base_url(&self) -> String {
        self.req
            .app_data::<web::Data<crate::config::Config>>()
            .map(|c| c.public_url.clone())
            .unwrap_or_default()
    }

    /// `db::run` on the application's pool.
    pub async fn run<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        db::run(&self.pool, f).await
    }

    /// `run` where this person's long reads go (`db::replica`): the read replica when it is
    /// fresh enough and holds their own writes, else the primary. For exports and statements.
    pub async fn read<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut PgConnection) -> AppResult<T> + Clone + Send + 'static,
        T: Send + 'static,
    {
        self.read_source().await?.run(f).await
    }

    /// Where this person's long reads go now (an export reads all its batches there).
    pub async fn read_source(&self) -> AppResult<crate::db::replica::Source> {
        crate::routes::reads::source(&self.req, &self.pool).await
    }

    /// `db::transaction` on the application's pool.
    pub async fn transaction<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        db::transaction(&self.pool, f).await
    }

    /// Renders a page (200 OK) titled `title`, in the navigation's `section`: `build` makes the
    /// page around the frame.
    pub fn show<P: askama::Template>(
        &self,
        title: impl Into<crate::i18n::Msg>,
        section: &'static str,
        build: impl FnOnce(Frame<S::Nav>) -> P,
    ) -> Reply {
        let layout = self.layout()?.titled(title).in_section(section);
        respond::page(actix_web::http::StatusCode::OK, &build(layout))
    }

    /// `respond::done`: to `location`, with `text` as a success message there.
    pub fn done(&self, text: impl Into<crate::i18n::Msg>, location: &str) -> Reply {
        respond::done(&self.req, text, location)
    }

    /// `respond::refused`: to `location`, with `text` as an error message there.
    pub fn refused(&self, text: impl Into<crate::i18n::Msg>, location: &str) -> Reply {
        respond::refused(&self.req, text, location)
    }
}

impl<S: SignedIn> FromRequest for Desk<S> {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Only reachable without the guard through a mistake in the route table: fail closed.
        let who = S::of(req).ok_or_else(|| AppError::internal("a desk outside its guard"));
        let pool = req
            .app_data::<web::Data<DbPool>>()
            .cloned()
            .ok_or_else(|| AppError::internal("no database pool registered"));
        ready(match (who, pool) {
            (Ok(who), Ok(pool)) => Ok(Desk {
                who,
                session: req.get_session(),
                pool,
                req: req.clone(),
                frame: RefCell::new(None),
            }),
            (Err(e), _) | (_, Err(e)) => Err(e.into()),
        })
    }
}

impl StaffDesk {
    /// The signed-in staff member's scope: what every staff query reading customers takes.
    pub fn scope(&self) -> StaffScope {
        StaffScope::of(&self.who)
    }
}

impl PortalDesk {
    /// `run` with the user's scope, the only one portal queries take.
    pub async fn in_scope<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut PgConnection, &PortalScope) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let scope = self.who.scope.clone();
        self.run(move |conn| f(conn, &scope)).await
    }

    /// `read` with the user's scope.
    pub async fn read_in_scope<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut PgConnection, &PortalScope) -> AppResult<T> + Clone + Send + 'static,
        T: Send + 'static,
    {
        let scope = self.who.scope.clone();
        self.read(move |conn| f(conn, &scope)).await
    }

    /// The one record `find` reads within the user's scope, or a 404 page: a record outside
    /// the scope answers exactly as one that does not exist, so a page never tells the two
    /// apart.
    pub async fn one_in_scope<T, F>(&self, find: F) -> AppResult<T>
    where
        F: FnOnce(&mut PgConnection, &PortalScope) -> AppResult<Option<T>> + Send + 'static,
        T: Send + 'static,
    {
        self.in_scope(move |conn, scope| find(conn, scope)?.ok_or(AppError::NotFound))
            .await
    }
}
