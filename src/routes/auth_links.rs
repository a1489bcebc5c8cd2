//! A staff account's single-use links (an invitation, a password reset) and its "forgotten
//! password" form: the portal's pages on the staff side, with the same forms
//! (`forms::SetPasswordForm`, `forms::ForgotForm`), the same links (`models::access::token`)
//! and the same throttle. The form answers alike whether or not the address has an account.

use crate::routes::prelude::*;
use crate::{
    auth::{password, session},
    config::Config,
    db::{self, DbPool},
    models::access::{
        staff::Staff,
        staff_account::{self, Actor},
        token::TokenPurpose,
    },
    routes::forms::{ForgotForm, SetPasswordForm, hashed},
};
use actix_session::Session;
use actix_web::HttpRequest;

#[derive(Template)]
#[template(path = "auth/set_password.html")]
struct SetPasswordPage {
    layout: Layout,
    heading: Msg,
    lead: Msg,
    action: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "auth/link_dead.html")]
struct LinkDeadPage {
    layout: Layout,
}

/// What the pages behind a link work with: nobody is signed in yet.
type LinkPage = (Layout, web::Data<DbPool>, Session, HttpRequest);
type Token = web::Path<String>;
type NewPassword = web::Form<SetPasswordForm>;

fn dead_link(layout: Layout) -> Reply {
    let page = LinkDeadPage {
        layout: layout.titled(Msg::new("portal-link-dead-title")),
    };
    respond::page(StatusCode::GONE, &page)
}

/// The page's heading and the link's path under /login.
fn purpose_words(purpose: TokenPurpose) -> (Msg, &'static str) {
    match purpose {
        TokenPurpose::Invitation => (Msg::new("portal-set-password-invitation"), "invitation"),
        _ => (Msg::new("portal-set-password-reset"), "reset"),
    }
}

/// Where the link's holder chooses a password: 200 when first shown, 422 with messages.
fn set_password_page(
    layout: Layout,
    (purpose, token): (TokenPurpose, &str),
    lead: Msg,
    errors: FormErrors,
) -> Reply {
    let (heading, path) = purpose_words(purpose);
    let page = SetPasswordPage {
        layout: layout.titled(heading.clone()),
        heading,
        lead,
        action: format!("/login/{path}/{token}"),
        errors,
    };
    respond::form(&page, &page.errors)
}

async fn show_link((layout, pool, _, _): LinkPage, token: String, purpose: TokenPurpose) -> Reply {
    let t = token.clone();
    let found = db::run(&pool, move |conn| {
        Ok(staff_account::check_link(conn, &t, purpose, false)?)
    })
    .await?;
    let Some(holder) = found else {
        return dead_link(layout);
    };
    let lead = Msg::new("portal-set-password-lead-for")
        .arg("name", holder.name)
        .arg("email", holder.email)
        .arg("min", password::MIN_LENGTH as i64);
    set_password_page(layout, (purpose, &token), lead, FormErrors::new())
}

/// Sets the password of the link's holder and spends the link, in one transaction; `None` when
/// the link no longer works.
async fn spend_link(
    pool: &DbPool,
    token: String,
    purpose: TokenPurpose,
    secret: String,
) -> AppResult<Option<Staff>> {
    let hash = hashed(secret).await?;
    db::transaction(pool, move |conn| {
        let Some(holder) = staff_account::check_link(conn, &token, purpose, true)? else {
            return Ok(None);
        };
        let me = Actor::Staff(holder.id);
        staff_account::set_password(conn, holder.id, &hash, me)?;
        Ok(Some(holder))
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
        let min = password::MIN_LENGTH as i64;
        let lead = Msg::new("portal-set-password-lead").arg("min", min);
        return set_password_page(layout, (purpose, &token), lead, errors);
    }
    let Some(holder) = spend_link(&pool, token, purpose, form.new_password).await? else {
        return dead_link(layout);
    };
    log::info!("staff {} set a password ({})", holder.id, purpose.as_str());
    session::sign_in(&session, holder.id)?;
    respond::done(&req, Msg::new("portal-set-password-done"), "/")
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
#[template(path = "auth/forgot.html")]
struct ForgotPage {
    layout: Layout,
    email: String,
    sent: bool,
    errors: FormErrors,
}

/// The forgotten-password page: the form, or what became of the address sent (`sent`).
fn forgot_page(layout: Layout, email: String, errors: FormErrors, sent: bool) -> Reply {
    let layout = layout.titled(Msg::new("portal-forgot-title"));
    let page = ForgotPage {
        layout,
        email,
        sent,
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn show_forgot(layout: Layout) -> Reply {
    forgot_page(layout, String::new(), FormErrors::new(), false)
}

/// Always the same answer, whether or not the address has an account.
pub async fn forgot(
    layout: Layout,
    form: web::Form<ForgotForm>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
) -> Reply {
    let request = staff_account::request_password_reset;
    let sent = form.into_inner().send(&pool, &config.public_url, request);
    let (email, errors, sent) = sent.await?;
    forgot_page(layout, email, errors, sent)
}
