//! Staff sign-in and sign-out.
//!
//! An unknown email, a wrong password and a deactivated account get the same page, the same
//! status and (thanks to a decoy hash check) about the same time. Repeated failures for an
//! account or from an address pause sign-in for a while; every attempt is logged without the
//! password.

use crate::{
    auth::{
        session,
        sign_in::{self, Door},
    },
    config::Config,
    db::DbPool,
    error::AppResult,
    models::access::staff::Staff,
    routes::forms::FormErrors,
    routes::layout::Layout,
    routes::respond::{self, client_addr, see_other},
};
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use diesel::{PgConnection, QueryResult};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "auth/login.html")]
pub struct LoginPage {
    layout: Layout,
    email: String,
    next: Option<String>,
    notice: Option<String>,
    problem: Option<String>,
    errors: FormErrors,
}

impl LoginPage {
    fn respond(self, status: StatusCode) -> AppResult<HttpResponse> {
        crate::routes::respond::page(status, &self)
    }
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    signed_out: Option<String>,
}

pub async fn show(
    layout: Layout,
    query: web::Query<LoginQuery>,
    session: Session,
) -> AppResult<HttpResponse> {
    let next = respond::local_path(query.next.as_deref());
    if session::staff_id(&session)?.is_some() {
        return Ok(see_other(next.as_deref().unwrap_or("/")));
    }
    LoginPage {
        layout: layout.titled("Sign in"),
        email: String::new(),
        next,
        notice: query
            .signed_out
            .as_ref()
            .map(|_| "You have signed out.".to_string()),
        problem: None,
        errors: FormErrors::new(),
    }
    .respond(StatusCode::OK)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
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
        staff.active.then_some(staff.password_hash.as_str())
    }
}

pub async fn create(
    req: HttpRequest,
    layout: Layout,
    form: web::Form<LoginForm>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
    session: Session,
) -> AppResult<HttpResponse> {
    let LoginForm {
        email,
        password: secret,
        next,
    } = form.into_inner();
    let (email, next) = (
        email.trim().to_string(),
        respond::local_path(next.as_deref()),
    );
    let addr = client_addr(&req, config.trust_proxy_headers);
    let outcome = sign_in::attempt::<StaffDoor>(&pool, &config, &addr, &email, secret).await?;
    match outcome.verified() {
        Ok(staff) => {
            log::info!(
                "sign-in succeeded for staff {} ({:?}) from {addr}",
                staff.id,
                staff.email
            );
            session::sign_in(&session, staff.id)?;
            Ok(see_other(next.as_deref().unwrap_or("/")))
        }
        Err(failure) => LoginPage {
            layout: layout.titled("Sign in"),
            email,
            next,
            notice: None,
            problem: failure.problem,
            errors: failure.errors,
        }
        .respond(failure.status),
    }
}

pub async fn destroy(session: Session) -> HttpResponse {
    if let Ok(Some(id)) = session::staff_id(&session) {
        log::info!("staff {id} signed out");
    }
    session::sign_out(&session);
    see_other("/login?signed_out=1")
}
