//! Portal sign-in, sign-out, invitation and password-reset links, and the entrance of a staff
//! member's read-only view. The same protections as staff sign-in: one answer for an unknown
//! email and a wrong password, throttling per account and per address (counted apart from
//! staff accounts), a new session key at sign-in, CSRF on every form.

use super::layout::PortalLayout;
use crate::{
    auth::{
        password, session,
        sign_in::{self, Door, Failure},
    },
    config::Config,
    db::{self, DbPool},
    error::{AppError, AppResult},
    models::{
        access::customer_user::{self, CustomerUser, TokenPurpose, UserStatus},
        customers::customer::Customer,
    },
    routes::forms::FormErrors,
    routes::respond,
    routes::respond::{client_addr, see_other},
};
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use diesel::{PgConnection, QueryResult};
use serde::Deserialize;

/// Sign-in attempts of portal users are kept under this prefix, apart from staff accounts.
const THROTTLE_PREFIX: &str = "portal:";

#[derive(Template)]
#[template(path = "portal/login.html")]
struct LoginPage {
    layout: PortalLayout,
    email: String,
    notice: Option<String>,
    problem: Option<String>,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    signed_out: Option<String>,
}

pub async fn show_login(
    layout: PortalLayout,
    query: web::Query<LoginQuery>,
    session: Session,
) -> AppResult<HttpResponse> {
    if session::customer_user_id(&session)?.is_some() {
        return Ok(see_other("/portal"));
    }
    let notice = query.signed_out.as_deref().map(|why| match why {
        "withdrawn" => "Your company's access to the portal has been withdrawn, so you have been signed out. Please contact your salesperson.".to_string(),
        "ended" => "Your session has ended. Please sign in again.".to_string(),
        _ => "You have signed out.".to_string(),
    });
    respond::page(
        StatusCode::OK,
        &LoginPage {
            layout: layout.titled("Sign in"),
            email: String::new(),
            notice,
            problem: None,
            errors: FormErrors::new(),
        },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// The portal's door of `sign_in::attempt`: customer users by email, with their customer; only
/// an active user with a password may sign in. A right password is counted as one even when the
/// customer's access is withdrawn (the handler says so); the sign-in is recorded on the user only
/// when it leads in.
struct PortalDoor;

impl Door for PortalDoor {
    type Account = (CustomerUser, Customer);
    const NAME: &'static str = "portal sign-in";
    fn throttle_key(email: &str) -> String {
        format!("{THROTTLE_PREFIX}{}", email.to_lowercase())
    }
    fn find(conn: &mut PgConnection, email: &str) -> QueryResult<Option<Self::Account>> {
        match CustomerUser::find_by_email(conn, email)? {
            Some(u) => {
                let customer = Customer::find(conn, u.customer_id)?;
                Ok(Some((u, customer)))
            }
            None => Ok(None),
        }
    }
    fn password_hash((user, _): &Self::Account) -> Option<&str> {
        (user.status == UserStatus::Active)
            .then_some(user.password_hash.as_deref())
            .flatten()
    }
    fn verified(conn: &mut PgConnection, (user, customer): &Self::Account) -> QueryResult<()> {
        if super::guard::portal_allowed(customer) {
            customer_user::record_sign_in(conn, user.id)?;
        }
        Ok(())
    }
}

pub async fn login(
    req: HttpRequest,
    layout: PortalLayout,
    form: web::Form<LoginForm>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
    session: Session,
) -> AppResult<HttpResponse> {
    let LoginForm {
        email,
        password: secret,
    } = form.into_inner();
    let email = email.trim().to_string();
    let addr = client_addr(&req, config.trust_proxy_headers);
    let outcome = sign_in::attempt::<PortalDoor>(&pool, &config, &addr, &email, secret).await?;
    let failure = match outcome.verified() {
        Ok((user, customer)) if super::guard::portal_allowed(&customer) => {
            log::info!(
                "portal sign-in succeeded for customer user {} from {addr}",
                user.id
            );
            session::sign_in_customer_user(&session, user.id, None)?;
            return Ok(see_other("/portal"));
        }
        Ok((user, _)) => withdrawn(user.id),
        Err(failure) => failure,
    };
    respond::page(
        failure.status,
        &LoginPage {
            layout: layout.titled("Sign in"),
            email,
            notice: None,
            problem: failure.problem,
            errors: failure.errors,
        },
    )
}

/// The right password of a customer whose portal access was withdrawn: a 403 that says so.
fn withdrawn(user_id: i64) -> Failure {
    log::warn!("portal sign-in refused for customer user {user_id}: access withdrawn");
    Failure::problem(
        StatusCode::FORBIDDEN,
        "Your company's access to the portal has been withdrawn. Please contact your salesperson.",
    )
}

pub async fn logout(session: Session) -> HttpResponse {
    session::sign_out(&session);
    see_other("/portal/login?signed_out=1")
}

#[derive(Template)]
#[template(path = "portal/set_password.html")]
struct SetPasswordPage {
    layout: PortalLayout,
    heading: &'static str,
    lead: String,
    action: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "portal/link_dead.html")]
struct LinkDeadPage {
    layout: PortalLayout,
}

fn dead_link(layout: PortalLayout) -> AppResult<HttpResponse> {
    respond::page(
        StatusCode::GONE,
        &LinkDeadPage {
            layout: layout.titled("This link no longer works"),
        },
    )
}

fn purpose_words(purpose: TokenPurpose) -> (&'static str, &'static str) {
    match purpose {
        TokenPurpose::Invitation => ("Choose your password", "invitation"),
        _ => ("Choose a new password", "password/reset"),
    }
}

async fn show_link(
    layout: PortalLayout,
    token: String,
    purpose: TokenPurpose,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let t = token.clone();
    let found = db::run(&pool, move |conn| {
        Ok(customer_user::check_token(conn, &t, purpose, false)?)
    })
    .await?;
    let Some(valid) = found else {
        return dead_link(layout);
    };
    let lead = format!(
        "For {} ({}). At least {} characters; a short sentence works well.",
        valid.user.name,
        valid.user.email,
        password::MIN_LENGTH
    );
    set_password_page(layout, purpose, &token, lead, FormErrors::new())
}

/// The page where a link's holder chooses a password: 200 when first shown, 422 with messages.
fn set_password_page(
    layout: PortalLayout,
    purpose: TokenPurpose,
    token: &str,
    lead: String,
    errors: FormErrors,
) -> AppResult<HttpResponse> {
    let (heading, path) = purpose_words(purpose);
    let page = SetPasswordPage {
        layout: layout.titled(heading),
        heading,
        lead,
        action: format!("/portal/{path}/{token}"),
        errors,
    };
    respond::form(&page, &page.errors)
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

impl SetPasswordForm {
    /// The new password against the policy, and its confirmation.
    fn errors(&self) -> FormErrors {
        let mut errors = FormErrors::new();
        if let Err(m) = password::check_policy(&self.new_password) {
            errors.add("new_password", m);
        } else if self.new_password != self.confirm_password {
            errors.add(
                "confirm_password",
                "This does not match the password above.",
            );
        }
        errors
    }
}

/// Sets the password of the link's holder and spends the link, in one transaction; `None` when
/// the link no longer works.
async fn spend_link(
    pool: &DbPool,
    token: String,
    purpose: TokenPurpose,
    secret: String,
) -> AppResult<Option<customer_user::CustomerUser>> {
    let hash = web::block(move || password::hash(&secret))
        .await
        .map_err(AppError::from)??;
    db::transaction(pool, move |conn| {
        let Some(valid) = customer_user::check_token(conn, &token, purpose, true)? else {
            return Ok(None);
        };
        customer_user::set_password(conn, valid.user.id, &hash, None)?;
        Ok(Some(valid.user))
    })
    .await
}

async fn use_link(
    layout: PortalLayout,
    token: String,
    purpose: TokenPurpose,
    form: SetPasswordForm,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let errors = form.errors();
    if !errors.is_empty() {
        let lead = format!(
            "At least {} characters; a short sentence works well.",
            password::MIN_LENGTH
        );
        return set_password_page(layout, purpose, &token, lead, errors);
    }
    let used = spend_link(&pool, token, purpose, form.new_password).await?;
    let Some(user) = used else {
        return dead_link(layout);
    };
    log::info!(
        "customer user {} set a password ({})",
        user.id,
        purpose.as_str()
    );
    session::sign_in_customer_user(&session, user.id, None)?;
    respond::done(
        &session,
        "Your password is set and you are signed in.",
        "/portal",
    )
}

pub async fn show_invitation(
    layout: PortalLayout,
    path: web::Path<String>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    show_link(layout, path.into_inner(), TokenPurpose::Invitation, pool).await
}

pub async fn accept_invitation(
    layout: PortalLayout,
    path: web::Path<String>,
    form: web::Form<SetPasswordForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    use_link(
        layout,
        path.into_inner(),
        TokenPurpose::Invitation,
        form.into_inner(),
        pool,
        session,
    )
    .await
}

pub async fn show_reset(
    layout: PortalLayout,
    path: web::Path<String>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    show_link(layout, path.into_inner(), TokenPurpose::PasswordReset, pool).await
}

pub async fn reset(
    layout: PortalLayout,
    path: web::Path<String>,
    form: web::Form<SetPasswordForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    use_link(
        layout,
        path.into_inner(),
        TokenPurpose::PasswordReset,
        form.into_inner(),
        pool,
        session,
    )
    .await
}

#[derive(Template)]
#[template(path = "portal/forgot.html")]
struct ForgotPage {
    layout: PortalLayout,
    email: String,
    sent: bool,
    errors: FormErrors,
}

pub async fn show_forgot(layout: PortalLayout) -> AppResult<HttpResponse> {
    respond::page(
        StatusCode::OK,
        &ForgotPage {
            layout: layout.titled("Forgotten password"),
            email: String::new(),
            sent: false,
            errors: FormErrors::new(),
        },
    )
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// Always the same answer, whether or not the address has an account.
pub async fn forgot(
    layout: PortalLayout,
    form: web::Form<ForgotForm>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
) -> AppResult<HttpResponse> {
    let email = form.into_inner().email.trim().to_string();
    let mut errors = FormErrors::new();
    if email.is_empty() {
        errors.add("email", "Enter your email address.");
    } else if email.len() > 254 || email.chars().any(char::is_control) || !email.contains('@') {
        errors.add("email", "That is not an email address.");
    }
    if errors.is_empty() {
        let (e, base) = (email.clone(), config.public_url.clone());
        db::transaction(&pool, move |conn| {
            customer_user::request_password_reset(conn, &e, &base)
        })
        .await?;
    }
    let page = ForgotPage {
        layout: layout.titled("Forgotten password"),
        sent: errors.is_empty(),
        email,
        errors,
    };
    respond::form(&page, &page.errors)
}

/// The entrance of a staff member's read-only view as a customer user: a one-minute,
/// single-use ticket made by the staff side (which also wrote the customer's history).
pub async fn view_as(
    layout: PortalLayout,
    path: web::Path<String>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let found = db::transaction(&pool, move |conn| {
        Ok(customer_user::check_token(
            conn,
            &token,
            TokenPurpose::ViewAs,
            true,
        )?)
    })
    .await?;
    match found {
        Some(valid) if valid.staff_id.is_some() => {
            session::sign_in_customer_user(&session, valid.user.id, valid.staff_id)?;
            Ok(see_other("/portal"))
        }
        _ => dead_link(layout),
    }
}
