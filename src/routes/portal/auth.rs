//! Portal sign-in, sign-out, invitation and password-reset links, and the entrance of a staff
//! member's read-only view. The same protections as staff sign-in: one answer for an unknown
//! email and a wrong password, throttling per account and per address (counted apart from
//! staff accounts), a new session key at sign-in, CSRF on every form.

use crate::routes::prelude::*;
use crate::{
    auth::{
        session,
        sign_in::{self, Credentials, Door, Failure, SignInView},
    },
    db,
    models::{
        access::customer_user::{self, CustomerUser, TokenPurpose, UserStatus},
        customers::customer::Customer,
    },
    routes::{
        forms::ResetRequest,
        link_pages::{self, Forgot, LinkDoor, LinkHolder, LinkPage, LinkPaths, NewPassword, Token},
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
    page: NewPassword,
}

#[derive(Template)]
#[template(path = "portal/link_dead.html")]
struct LinkDeadPage {
    layout: PortalLayout,
}

#[derive(Template)]
#[template(path = "portal/forgot.html")]
struct ForgotPage {
    layout: PortalLayout,
    page: Forgot,
}

/// The portal's links (`link_pages`): customer users, the portal's pages, under /portal.
pub struct PortalLinks;

impl LinkDoor for PortalLinks {
    type Viewer = Portal;
    const WHO: &'static str = "customer user";
    const PATHS: LinkPaths = LinkPaths {
        invitation: "/portal/invitation",
        reset: "/portal/password/reset",
        home: "/portal",
    };
    const REQUEST_RESET: ResetRequest = customer_user::request_password_reset;

    fn check(
        conn: &mut PgConnection,
        token: &str,
        purpose: TokenPurpose,
        spend: bool,
    ) -> QueryResult<Option<LinkHolder>> {
        let valid = customer_user::check_token(conn, token, purpose, spend)?;
        Ok(valid.map(|v| LinkHolder {
            id: v.user.id,
            name: v.user.name,
            email: v.user.email,
        }))
    }

    fn set_password(conn: &mut PgConnection, id: i64, hash: &str) -> QueryResult<()> {
        customer_user::set_password(conn, id, hash, None)
    }

    fn sign_in(session: &Session, id: i64) -> AppResult<()> {
        session::sign_in_customer_user(session, id, None)
    }

    fn password_page(layout: PortalLayout, page: NewPassword) -> Reply {
        let page = SetPasswordPage { layout, page };
        respond::form(&page, &page.page.errors)
    }

    fn dead_page(layout: PortalLayout) -> Reply {
        respond::page(StatusCode::GONE, &LinkDeadPage { layout })
    }

    fn forgot_page(layout: PortalLayout, page: Forgot) -> Reply {
        let page = ForgotPage { layout, page };
        respond::form(&page, &page.page.errors)
    }
}

/// The entrance of a staff member's read-only view as a customer user: a one-minute,
/// single-use ticket made by the staff side (which also wrote the customer's history).
pub async fn view_as((layout, pool, session, _): LinkPage<Portal>, token: Token) -> Reply {
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
        _ => link_pages::dead_link::<PortalLinks>(layout),
    }
}
