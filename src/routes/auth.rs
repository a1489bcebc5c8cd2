//! Staff sign-in and sign-out.
//!
//! An unknown email, a wrong password and a deactivated account get the same page, the same
//! status and (thanks to a decoy hash check) about the same time. Repeated failures for an
//! account or from an address pause sign-in for a while; every attempt is logged without the
//! password.

use crate::{
    auth::{password, session},
    config::Config,
    db::{self, DbPool},
    error::{AppError, AppResult},
    models::{access::login_attempt, access::staff::Staff},
    routes::forms::FormErrors,
    routes::layout::Layout,
    routes::respond::{self, client_addr, see_other},
};
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
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
    let email = email.trim().to_string();
    let next = respond::local_path(next.as_deref());
    let page = |layout: Layout, problem: Option<String>, errors: FormErrors| LoginPage {
        layout: layout.titled("Sign in"),
        email: email.clone(),
        next: next.clone(),
        notice: None,
        problem,
        errors,
    };

    let errors = sign_in_form_errors(&email, &secret);
    if !errors.is_empty() {
        return page(layout, None, errors).respond(StatusCode::UNPROCESSABLE_ENTITY);
    }

    let addr = client_addr(&req, config.trust_proxy_headers);
    let (max, window) = (config.login_max_failures, config.login_throttle_window);
    let (throttled, account) = {
        let (email, addr) = (email.clone(), addr.clone());
        db::run(&pool, move |conn| {
            let until = login_attempt::throttled_until(conn, &email, &addr, max, window)?;
            let account = match until {
                Some(_) => None,
                None => Staff::find_by_email(conn, &email)?,
            };
            Ok((until, account))
        })
        .await?
    };
    if let Some(until) = throttled {
        log::warn!("sign-in refused (throttled) for {email:?} from {addr}");
        let problem = throttled_text(until);
        return page(layout, Some(problem), FormErrors::new())
            .respond(StatusCode::TOO_MANY_REQUESTS);
    }

    let signed_in = web::block(move || match account {
        Some(staff) if password::verify(&secret, &staff.password_hash) && staff.active => {
            Some(staff)
        }
        Some(_) => None,
        None => {
            password::verify_against_nobody(&secret);
            None
        }
    })
    .await
    .map_err(AppError::from)?;

    {
        let (email, addr, ok) = (email.clone(), addr.clone(), signed_in.is_some());
        db::run(&pool, move |conn| {
            Ok(login_attempt::record(conn, &email, &addr, ok)?)
        })
        .await?;
    }
    match signed_in {
        Some(staff) => {
            log::info!(
                "sign-in succeeded for staff {} ({:?}) from {addr}",
                staff.id,
                staff.email
            );
            session::sign_in(&session, staff.id)?;
            Ok(see_other(next.as_deref().unwrap_or("/")))
        }
        None => {
            log::warn!("sign-in failed for {email:?} from {addr}");
            let problem =
                "The email address or password is not right. Check them and try again.".to_string();
            page(layout, Some(problem), FormErrors::new()).respond(StatusCode::UNAUTHORIZED)
        }
    }
}

/// The sign-in form's own checks (staff and portal alike): both fields filled, neither longer
/// than any real one, no control characters in the address.
pub fn sign_in_form_errors(email: &str, secret: &str) -> FormErrors {
    let mut errors = FormErrors::new();
    if email.is_empty() {
        errors.add("email", "Enter your email address.");
    } else if email.len() > 254 {
        errors.add("email", "That is longer than any email address can be.");
    } else if email.chars().any(char::is_control) {
        errors.add("email", "That is not an email address.");
    }
    if secret.is_empty() {
        errors.add("password", "Enter your password.");
    } else if secret.len() > password::MAX_LENGTH * 4 {
        errors.add("password", "That is longer than any password here can be.");
    }
    errors
}

/// What a throttled sign-in is told: how long, in whole minutes (at least one).
pub fn throttled_text(until: chrono::DateTime<Utc>) -> String {
    let minutes = ((until - Utc::now()).num_seconds().max(60) + 59) / 60;
    format!(
        "Too many failed sign-in attempts. For your security, sign-in is paused: try again in \
         {minutes} minute{}.",
        if minutes == 1 { "" } else { "s" }
    )
}

pub async fn destroy(session: Session) -> HttpResponse {
    if let Ok(Some(id)) = session::staff_id(&session) {
        log::info!("staff {id} signed out");
    }
    session::sign_out(&session);
    see_other("/login?signed_out=1")
}
