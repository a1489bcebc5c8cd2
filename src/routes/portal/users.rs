//! The customer's users, for its admins (`/portal/users`): who may sign in to the portal for
//! the customer, with their roles, and the staff's own actions on them (invite, send a new
//! link, revoke, change a role) through the same model functions, signed in the customer's
//! history as the admin who did it. An admin manages its own customer's users only (another
//! customer's user is not found), and cannot take the customer's last active admin away.

use crate::models::access::customer_user::{self, CustomerRole, CustomerUser, UserRow};
use crate::routes::customers::users::{self as staff_side, InviteEntry, InviteForm, RoleForm};
use crate::routes::prelude::*;
use diesel::PgConnection;

const USERS: &str = "/portal/users";

#[derive(Template)]
#[template(path = "portal/users.html")]
pub struct UsersPage {
    layout: PortalLayout,
    users: Vec<UserRow>,
    invite: InviteEntry,
    /// The signed-in admin.
    me: i64,
}

impl UsersPage {
    fn roles(&self) -> &'static [CustomerRole] {
        CustomerRole::ALL
    }
}

async fn load(desk: &PortalDesk, invite: InviteEntry) -> AppResult<UsersPage> {
    let customer_id = desk.who.customer.id;
    let users = desk
        .run(move |conn| Ok(CustomerUser::for_customer(conn, customer_id)?))
        .await?;
    let layout = desk.layout()?;
    Ok(UsersPage {
        layout: layout
            .titled(Msg::new("portal-users-title"))
            .in_section("users"),
        users,
        invite,
        me: desk.who.user.id,
    })
}

pub async fn index(desk: PortalDesk) -> Reply {
    respond::page(StatusCode::OK, &load(&desk, InviteEntry::default()).await?)
}

/// `POST /portal/users`: invites a colleague with a role, once per form.
pub async fn invite(
    desk: PortalDesk,
    HtmlForm(form): HtmlForm<InviteForm>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let errors = match form.read()? {
        Err(errors) => errors,
        Ok(new) => {
            let (id, by) = (desk.who.customer.id, desk.who.user.author());
            let base = desk.base_url();
            match staff_side::send_invitation(&submission, desk.pool(), (id, new, by), base, USERS)
                .await?
            {
                Ok(sent) => return staff_side::desk_reply(&desk, sent, USERS),
                Err(errors) => errors,
            }
        }
    };
    respond::again(&load(&desk, InviteEntry::sent(&form, errors)).await?)
}

/// `POST /portal/users/{user_id}/invitations`: a new invitation, the old link dies.
pub async fn resend(desk: PortalDesk, path: web::Path<i64>) -> Reply {
    let base = desk.base_url();
    let resend = move |conn: &mut PgConnection, id, user_id, by: &_| {
        customer_user::resend(conn, id, user_id, by, &base)
    };
    change_user(&desk, path.into_inner(), resend, staff_side::resent).await
}

/// `POST /portal/users/{user_id}/revocation`: revokes the user (never the last active admin).
pub async fn revoke(desk: PortalDesk, path: web::Path<i64>) -> Reply {
    change_user(
        &desk,
        path.into_inner(),
        customer_user::revoke,
        staff_side::revoked,
    )
    .await
}

/// `POST /portal/users/{user_id}/role`: another role (the last active admin keeps its own).
pub async fn set_role(
    desk: PortalDesk,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<RoleForm>,
) -> Reply {
    let role = form.role()?;
    let set = move |conn: &mut PgConnection, id, user_id, by: &_| {
        customer_user::set_role(conn, id, user_id, role, by)
    };
    change_user(&desk, path.into_inner(), set, staff_side::role_set).await
}

/// Changes one of the customer's users in a transaction, as the signed-in admin, and goes back
/// to the list saying what `text` makes of the user; a refusal (the last admin, a user already
/// revoked) is said there instead.
async fn change_user<F>(
    desk: &PortalDesk,
    user_id: i64,
    change: F,
    text: fn(&CustomerUser) -> Msg,
) -> Reply
where
    F: FnOnce(
            &mut PgConnection,
            i64,
            i64,
            &crate::models::customers::history::Author,
        ) -> AppResult<CustomerUser>
        + Send
        + 'static,
{
    let (customer_id, by) = (desk.who.customer.id, desk.who.user.author());
    let changed = desk
        .transaction(move |conn| match change(conn, customer_id, user_id, &by) {
            Err(AppError::Conflict(refusal)) => Ok(Err(refusal)),
            other => other.map(Ok),
        })
        .await?;
    match changed {
        Ok(user) => desk.done(text(&user), USERS),
        Err(refusal) => desk.refused(refusal, USERS),
    }
}
