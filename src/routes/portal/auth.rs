//! Portal sign-in, sign-out, invitation and password-reset links, and the entrance of a staff
//! member's read-only view. The same protections as staff sign-in: one answer for an unknown
//! email and a wrong password, throttling per account and per address (counted apart from
//! staff accounts), a new session key at sign-in, CSRF on every form.

use crate::routes::prelude::*;
use crate::{
    auth::{
        password, session,
        sign_in::{self, Credentials, Door, Failure, SignInView},
    },
    config::Config,
    db::{self, DbPool},
    models::{
        access::customer_user::{self, CustomerUser, TokenPurpose, UserStatus},
        customers::customer::Customer,
    },
    routes::{
        forms::{ForgotForm, SetPasswordForm, hashed},
        portal::guard,
    },
};
use actix_session::{Session, SessionExt};
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use diesel::{PgConnection, QueryResult};

/// Sign-in attempts of portal users are kept under this prefix, apart from staff accounts.
const THROTTLE_PREFIX: &str = "portal:";

#[derive(Template)]
#[template(path = "portal/login.html")]
struct LoginPage {
    layout: PortalLayout,
    view: SignInView,
}

/// The portal's sign-in page, first shown or again after an attempt.
fn render(layout: PortalLayout, view: SignInView) -> Reply {
    let (status, layout) = (view.status, layout.titled(Msg::new("auth-sign-in")));
    respond::page(status, &LoginPage { layout, view })
}

#[derive(Deserialize)]
pub struct LoginQuery {
    signed_out: Option<String>,
}

pub async fn show_login(
    layout: PortalLayout,
    query: web::Query<LoginQuery>,
    session: Session,
) -> Reply {
    if session::customer_user_id(&session)?.is_some() {
        return Ok(see_other("/portal"));
    }
    let notice = query.signed_out.as_deref().map(|why| match why {
        "withdrawn" => Msg::new("portal-access-withdrawn"),
        "ended" => Msg::new("auth-session-ended"),
        _ => Msg::new("auth-signed-out"),
    });
    render(layout, SignInView::first(notice))
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
        if guard::portal_allowed(customer) {
            customer_user::record_sign_in(conn, user.id)?;
        }
        Ok(())
    }
}

pub async fn login(req: HttpRequest, layout: PortalLayout, form: web::Form<Credentials>) -> Reply {
    let tried = sign_in::attempt_from::<PortalDoor>(&req, form.into_inner()).await?;
    let failure = match tried.outcome.verified() {
        Ok((user, customer)) if guard::portal_allowed(&customer) => {
            let (id, addr) = (user.id, &tried.addr);
            log::info!("portal sign-in succeeded for customer user {id} from {addr}");
            session::sign_in_customer_user(&req.get_session(), id, None)?;
            return Ok(see_other("/portal"));
        }
        Ok((user, _)) => withdrawn(user.id),
        Err(failure) => failure,
    };
    render(layout, SignInView::again(tried.email, failure))
}

/// The right password of a customer whose portal access was withdrawn: a 403 that says so.
fn withdrawn(user_id: i64) -> Failure {
    log::warn!("portal sign-in refused for customer user {user_id}: access withdrawn");
    Failure::problem(StatusCode::FORBIDDEN, Msg::new("portal-sign-in-withdrawn"))
}

pub async fn logout(session: Session) -> HttpResponse {
    session::sign_out(&session);
    see_other("/portal/login?signed_out=1")
}

#[derive(Template)]
#[template(path = "portal/set_password.html")]
struct SetPasswordPage {
    layout: PortalLayout,
    heading: Msg,
    lead: Msg,
    action: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "portal/link_dead.html")]
struct LinkDeadPage {
    layout: PortalLayout,
}

/// What the pages behind a link (invitation, password reset, view-as) work with: nobody is
/// signed in yet.
type LinkPage = (PortalLayout, web::Data<DbPool>, Session, HttpRequest);
/// The link's token, from the path.
type Token = web::Path<String>;
type NewPassword = web::Form<SetPasswordForm>;

fn dead_link(layout: PortalLayout) -> Reply {
    let page = LinkDeadPage {
        layout: layout.titled(Msg::new("portal-link-dead-title")),
    };
    respond::page(StatusCode::GONE, &page)
}

fn purpose_words(purpose: TokenPurpose) -> (Msg, &'static str) {
    match purpose {
        TokenPurpose::Invitation => (Msg::new("portal-set-password-invitation"), "invitation"),
        _ => (Msg::new("portal-set-password-reset"), "password/reset"),
    }
}

async fn show_link((layout, pool, _, _): LinkPage, token: String, purpose: TokenPurpose) -> Reply {
    let t = token.clone();
    let found = db::run(&pool, move |conn| {
        Ok(customer_user::check_token(conn, &t, purpose, false)?)
    })
    .await?;
    let Some(valid) = found else {
        return dead_link(layout);
    };
    let (user, min) = (&valid.user, password::MIN_LENGTH);
    let lead = Msg::new("portal-set-password-lead-for")
        .arg("name", user.name.clone())
        .arg("email", user.email.clone())
        .arg("min", min as i64);
    set_password_page(layout, purpose, &token, lead, FormErrors::new())
}

/// The page where a link's holder chooses a password: 200 when first shown, 422 with messages.
fn set_password_page(
    layout: PortalLayout,
    purpose: TokenPurpose,
    token: &str,
    lead: Msg,
    errors: FormErrors,
) -> Reply {
    let (heading, path) = purpose_words(purpose);
    let page = SetPasswordPage {
        layout: layout.titled(heading.clone()),
        heading,
        lead,
        action: format!("/portal/{path}/{token}"),
        errors,
    };
    respond::form(&page, &page.errors)
}

/// Sets the password of the link's holder and spends the link, in one transaction; `None` when
/// the link no longer works.
async fn spend_link(
    pool: &DbPool,
    token: String,
    purpose: TokenPurpose,
    secret: String,
) -> AppResult<Option<customer_user::CustomerUser>> {
    let hash = hashed(secret).await?;
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
    link: LinkPage,
    token: String,
    purpose: TokenPurpose,
    form: NewPassword,
) -> Reply {
    let ((layout, pool, session, req), form) = (link, form.into_inner());
    let errors = form.errors();
    if !errors.is_empty() {
        let min = password::MIN_LENGTH;
        let lead = Msg::new("portal-set-password-lead").arg("min", min as i64);
        return set_password_page(layout, purpose, &token, lead, errors);
    }
    let Some(user) = spend_link(&pool, token, purpose, form.new_password).await? else {
        return dead_link(layout);
    };
    let (id, purpose) = (user.id, purpose.as_str());
    log::info!("customer user {id} set a password ({purpose})");
    session::sign_in_customer_user(&session, user.id, None)?;
    let text = Msg::new("portal-set-password-done");
    respond::done(&req, text, "/portal")
}

pub async fn show_invitation(link: LinkPage, token: Token) -> Reply {
    show_link(link, token.into_inner(), TokenPurpose::Invitation).await
}

pub async fn accept_invitation(link: LinkPage, token: Token, form: NewPassword) -> Reply {
    use_link(link, token.into_inner(), TokenPurpose::Invitation, form).await
}

pub async fn show_reset(link: LinkPage, token: Token) -> Reply {
    show_link(link, token.into_inner(), TokenPurpose::PasswordReset).await
}

pub async fn reset(link: LinkPage, token: Token, form: NewPassword) -> Reply {
    use_link(link, token.into_inner(), TokenPurpose::PasswordReset, form).await
}

#[derive(Template)]
#[template(path = "portal/forgot.html")]
struct ForgotPage {
    layout: PortalLayout,
    email: String,
    sent: bool,
    errors: FormErrors,
}

/// The forgotten-password page: the form, or what became of the address sent (`sent`).
fn forgot_page(layout: PortalLayout, email: String, errors: FormErrors, sent: bool) -> Reply {
    let layout = layout.titled(Msg::new("portal-forgot-title"));
    let page = ForgotPage {
        layout,
        email,
        sent,
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn show_forgot(layout: PortalLayout) -> Reply {
    forgot_page(layout, String::new(), FormErrors::new(), false)
}

/// Always the same answer, whether or not the address has an account.
pub async fn forgot(
    layout: PortalLayout,
    form: web::Form<ForgotForm>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
) -> Reply {
    let request = customer_user::request_password_reset;
    let sent = form.into_inner().send(&pool, &config.public_url, request);
    let (email, errors, sent) = sent.await?;
    forgot_page(layout, email, errors, sent)
}

/// The entrance of a staff member's read-only view as a customer user: a one-minute,
/// single-use ticket made by the staff side (which also wrote the customer's history).
pub async fn view_as((layout, pool, session, _): LinkPage, token: Token) -> Reply {
    let token = token.into_inner();
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
