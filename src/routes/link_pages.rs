//! The pages behind a single-use link (an invitation, a password reset) and the "forgotten
//! password" form, once for both audiences: the staff's (`auth_links`) and the portal's
//! (`portal::auth`). The steps are the same (the link checked; a password chosen; the link spent
//! in the transaction that sets it; its holder signed in), as are the forms
//! (`forms::SetPasswordForm`, `forms::ForgotForm`), the links (`models::access::token`) and the
//! throttle; a side says what differs as a `LinkDoor`: its frame and pages, its accounts, its
//! paths. The forgotten-password form answers alike whether or not the address has an account.

use crate::routes::prelude::*;
use crate::{
    auth::password,
    config::Config,
    db::{self, DbPool},
    models::access::token::TokenPurpose,
    routes::{
        forms::{ForgotForm, ResetRequest, SetPasswordForm, hashed},
        layout::{Frame, Viewer},
    },
};
use actix_session::Session;
use actix_web::HttpRequest;
use diesel::{PgConnection, QueryResult};

/// What the set-password page shows: its heading and lead, where the form posts, its messages.
pub struct NewPassword {
    pub heading: Msg,
    pub lead: Msg,
    pub action: String,
    pub errors: FormErrors,
}

/// What the forgotten-password page shows: the address typed, whether a link went to it (when
/// it has an account), the messages beside it.
pub struct Forgot {
    pub email: String,
    pub sent: bool,
    pub errors: FormErrors,
}

/// Where a side's link pages live and lead.
pub struct LinkPaths {
    /// The invitation's and the reset's pages, each followed by `/{token}`.
    pub invitation: &'static str,
    pub reset: &'static str,
    /// Where a holder lands once signed in.
    pub home: &'static str,
}

/// The account a link belongs to: its id, and its name and email as the page's lead says them.
pub struct LinkHolder {
    pub id: i64,
    pub name: String,
    pub email: String,
}

/// One side's links: its accounts, its pages, its paths.
pub trait LinkDoor: 'static {
    /// Who the side's frame shows (`Frame<Self::Viewer>` is its pages' layout).
    type Viewer: Viewer + 'static;
    /// The holder's kind in the log: "staff", "customer user".
    const WHO: &'static str;
    const PATHS: LinkPaths;
    /// The side's `request_password_reset`.
    const REQUEST_RESET: ResetRequest;

    /// The holder of `token` when the link works for `purpose`; `spend` uses it up.
    fn check(
        conn: &mut PgConnection,
        token: &str,
        purpose: TokenPurpose,
        spend: bool,
    ) -> QueryResult<Option<LinkHolder>>;
    /// Sets the password of holder `id`, as the holder.
    fn set_password(conn: &mut PgConnection, id: i64, hash: &str) -> QueryResult<()>;
    /// Signs holder `id` in, with a new session key.
    fn sign_in(session: &Session, id: i64) -> AppResult<()>;

    /// The set-password page: 200 when first shown, 422 with messages.
    fn password_page(layout: Frame<Self::Viewer>, page: NewPassword) -> Reply;
    /// The page of a link that no longer works (410).
    fn dead_page(layout: Frame<Self::Viewer>) -> Reply;
    /// The forgotten-password page (422 with messages).
    fn forgot_page(layout: Frame<Self::Viewer>, page: Forgot) -> Reply;
}

/// What the pages behind a link work with: nobody is signed in yet.
pub type LinkPage<V> = (Frame<V>, web::Data<DbPool>, Session, HttpRequest);
/// The link's token, from the path.
pub type Token = web::Path<String>;
/// The pages behind `D`'s links.
type Link<D> = LinkPage<<D as LinkDoor>::Viewer>;
type PasswordForm = web::Form<SetPasswordForm>;
/// What became of a forgotten-password form: the address, its messages, whether it was sent on.
type Sent = (String, FormErrors, bool);

/// The page of a link that no longer works: used up, expired or never made.
pub fn dead_link<D: LinkDoor>(layout: Frame<D::Viewer>) -> Reply {
    D::dead_page(layout.titled(Msg::new("portal-link-dead-title")))
}

/// Where the link's holder chooses a password, led by `lead`.
fn set_password_page<D: LinkDoor>(
    layout: Frame<D::Viewer>,
    (purpose, token): (TokenPurpose, &str),
    lead: Msg,
    errors: FormErrors,
) -> Reply {
    let (heading, path) = match purpose {
        TokenPurpose::Invitation => ("portal-set-password-invitation", D::PATHS.invitation),
        _ => ("portal-set-password-reset", D::PATHS.reset),
    };
    let heading = Msg::new(heading);
    let page = NewPassword {
        heading: heading.clone(),
        lead,
        action: format!("{path}/{token}"),
        errors,
    };
    D::password_page(layout.titled(heading), page)
}

async fn show_link<D: LinkDoor>(
    (layout, pool, _, _): Link<D>,
    token: String,
    purpose: TokenPurpose,
) -> Reply {
    let t = token.clone();
    let found = db::run(&pool, move |conn| Ok(D::check(conn, &t, purpose, false)?)).await?;
    let Some(holder) = found else {
        return dead_link::<D>(layout);
    };
    let lead = Msg::new("portal-set-password-lead-for")
        .arg("name", holder.name)
        .arg("email", holder.email)
        .arg("min", password::MIN_LENGTH as i64);
    set_password_page::<D>(layout, (purpose, &token), lead, FormErrors::new())
}

/// Sets the password of the link's holder and spends the link, in one transaction; `None` when
/// the link no longer works.
async fn spend_link<D: LinkDoor>(
    pool: &DbPool,
    token: String,
    purpose: TokenPurpose,
    secret: String,
) -> AppResult<Option<i64>> {
    let hash = hashed(secret).await?;
    db::transaction(pool, move |conn| {
        let Some(holder) = D::check(conn, &token, purpose, true)? else {
            return Ok(None);
        };
        D::set_password(conn, holder.id, &hash)?;
        Ok(Some(holder.id))
    })
    .await
}

async fn use_link<D: LinkDoor>(
    link: Link<D>,
    token: String,
    purpose: TokenPurpose,
    form: PasswordForm,
) -> Reply {
    let ((layout, pool, session, req), form) = (link, form.into_inner());
    let errors = form.errors();
    if !errors.is_empty() {
        let min = password::MIN_LENGTH as i64;
        let lead = Msg::new("portal-set-password-lead").arg("min", min);
        return set_password_page::<D>(layout, (purpose, &token), lead, errors);
    }
    let Some(id) = spend_link::<D>(&pool, token, purpose, form.new_password).await? else {
        return dead_link::<D>(layout);
    };
    log::info!("{} {id} set a password ({})", D::WHO, purpose.as_str());
    D::sign_in(&session, id)?;
    respond::done(&req, Msg::new("portal-set-password-done"), D::PATHS.home)
}

pub async fn show_invitation<D: LinkDoor>(link: Link<D>, token: Token) -> Reply {
    show_link::<D>(link, token.into_inner(), TokenPurpose::Invitation).await
}

pub async fn accept_invitation<D: LinkDoor>(
    link: Link<D>,
    token: Token,
    form: PasswordForm,
) -> Reply {
    use_link::<D>(link, token.into_inner(), TokenPurpose::Invitation, form).await
}

pub async fn show_reset<D: LinkDoor>(link: Link<D>, token: Token) -> Reply {
    show_link::<D>(link, token.into_inner(), TokenPurpose::PasswordReset).await
}

pub async fn reset<D: LinkDoor>(link: Link<D>, token: Token, form: PasswordForm) -> Reply {
    use_link::<D>(link, token.into_inner(), TokenPurpose::PasswordReset, form).await
}

/// The forgotten-password page: the form, or what became of the address sent (`sent`).
fn forgot_page<D: LinkDoor>(layout: Frame<D::Viewer>, (email, errors, sent): Sent) -> Reply {
    let page = Forgot {
        email,
        sent,
        errors,
    };
    D::forgot_page(layout.titled(Msg::new("portal-forgot-title")), page)
}

pub async fn show_forgot<D: LinkDoor>(layout: Frame<D::Viewer>) -> Reply {
    forgot_page::<D>(layout, (String::new(), FormErrors::new(), false))
}

/// Always the same answer, whether or not the address has an account.
pub async fn forgot<D: LinkDoor>(
    layout: Frame<D::Viewer>,
    form: web::Form<ForgotForm>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
) -> Reply {
    let request = D::REQUEST_RESET;
    let sent = form.into_inner().send(&pool, &config.public_url, request);
    forgot_page::<D>(layout, sent.await?)
}
