//! A staff account's single-use links (an invitation, a password reset) and its "forgotten
//! password" form: the portal's pages on the staff side (`link_pages`), under /login, for
//! staff accounts (`staff_account`).

use crate::routes::prelude::*;
use crate::{
    auth::session,
    models::access::{
        staff::Staff,
        staff_account::{self, Actor},
        token::TokenPurpose,
    },
    routes::{
        forms::ResetRequest,
        layout::NavStaff,
        link_pages::{Forgot, LinkDoor, LinkHolder, LinkPaths, NewPassword},
    },
};
use actix_session::Session;
use diesel::{PgConnection, QueryResult};

#[derive(Template)]
#[template(path = "auth/set_password.html")]
struct SetPasswordPage {
    layout: Layout,
    page: NewPassword,
}

#[derive(Template)]
#[template(path = "auth/link_dead.html")]
struct LinkDeadPage {
    layout: Layout,
}

#[derive(Template)]
#[template(path = "auth/forgot.html")]
struct ForgotPage {
    layout: Layout,
    page: Forgot,
}

/// The staff side's links: staff accounts, the staff's pages, under /login.
pub struct StaffLinks;

impl LinkDoor for StaffLinks {
    type Viewer = NavStaff;
    const WHO: &'static str = "staff";
    const PATHS: LinkPaths = LinkPaths {
        invitation: "/login/invitation",
        reset: "/login/reset",
        home: "/",
    };
    const REQUEST_RESET: ResetRequest = staff_account::request_password_reset;

    fn check(
        conn: &mut PgConnection,
        token: &str,
        purpose: TokenPurpose,
        spend: bool,
    ) -> QueryResult<Option<LinkHolder>> {
        let staff = staff_account::check_link(conn, token, purpose, spend)?;
        Ok(staff.map(
            |Staff {
                 id, name, email, ..
             }| LinkHolder { id, name, email },
        ))
    }

    fn set_password(conn: &mut PgConnection, id: i64, hash: &str) -> QueryResult<()> {
        staff_account::set_password(conn, id, hash, Actor::Staff(id))
    }

    fn sign_in(session: &Session, id: i64) -> AppResult<()> {
        session::sign_in(session, id)
    }

    fn password_page(layout: Layout, page: NewPassword) -> Reply {
        let page = SetPasswordPage { layout, page };
        respond::form(&page, &page.page.errors)
    }

    fn dead_page(layout: Layout) -> Reply {
        respond::page(StatusCode::GONE, &LinkDeadPage { layout })
    }

    fn forgot_page(layout: Layout, page: Forgot) -> Reply {
        let page = ForgotPage { layout, page };
        respond::form(&page, &page.page.errors)
    }
}
