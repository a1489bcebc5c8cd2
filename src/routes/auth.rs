//! Staff sign-in and sign-out.
//!
//! An unknown email, a wrong password and a deactivated account get the same page, the same
//! status and (thanks to a decoy hash check) about the same time. Repeated failures for an
//! account or from an address pause sign-in for a while; every attempt is logged without the
//! password.

use crate::routes::prelude::*;
use crate::{
    auth::{
        session,
        sign_in::{self, Credentials, Door, SignInView},
    },
    models::access::staff::Staff,
};
use actix_session::{Session, SessionExt};
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::{PgConnection, QueryResult};

#[derive(Template)]
#[template(path = "auth/login.html")]
pub struct LoginPage {
    layout: Layout,
    next: Option<String>,
    view: SignInView,
}

/// The sign-in page; `next` is where a sign-in goes on to.
fn render(layout: Layout, next: Option<String>, view: SignInView) -> Reply {
    let status = view.status;
    let layout = layout.titled(Msg::new("auth-sign-in"));
    respond::page(status, &LoginPage { layout, next, view })
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    signed_out: Option<String>,
}

pub async fn show(layout: Layout, query: web::Query<LoginQuery>, session: Session) -> Reply {
    let next = respond::local_path(query.next.as_deref());
    if session::staff_id(&session)?.is_some() {
        return Ok(see_other(next.as_deref().unwrap_or("/")));
    }
    let notice = query
        .signed_out
        .as_ref()
        .map(|_| Msg::new("auth-signed-out"));
    render(layout, next, SignInView::first(notice))
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(flatten)]
    credentials: Credentials,
    next: Option<String>,
}

/// The staff door of `sign_in::attempt`: staff accounts by email; an inactive one is refused.
struct StaffDoor;

impl Door for StaffDoor {
    type Account = Staff;
    const NAME: &'static str = "sign-in";
    fn throttle_key(email: &str) -> String {
        email.to_string()
    }
    fn find(conn: &mut PgConnection, email: &str) -> QueryResult<Option<Staff>> {
        Staff::find_by_email(conn, email)
    }
    fn password_hash(staff: &Staff) -> Option<&str> {
        staff
            .active
            .then_some(staff.password_hash.as_deref())
            .flatten()
    }
}

pub async fn create(req: HttpRequest, layout: Layout, form: web::Form<LoginForm>) -> Reply {
    let LoginForm { credentials, next } = form.into_inner();
    let next = respond::local_path(next.as_deref());
    let tried = sign_in::attempt_from::<StaffDoor>(&req, credentials).await?;
    match tried.outcome.verified() {
        Ok(staff) => {
            let (id, email, addr) = (staff.id, &staff.email, &tried.addr);
            log::info!("sign-in succeeded for staff {id} ({email:?}) from {addr}");
            session::sign_in(&req.get_session(), id)?;
            Ok(see_other(next.as_deref().unwrap_or("/")))
        }
        Err(failure) => render(layout, next, SignInView::again(tried.email, failure)),
    }
}

pub async fn destroy(session: Session) -> HttpResponse {
    if let Ok(Some(id)) = session::staff_id(&session) {
        log::info!("staff {id} signed out");
    }
    session::sign_out(&session);
    see_other("/login?signed_out=1")
}
