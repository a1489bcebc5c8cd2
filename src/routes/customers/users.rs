//! A customer's portal users, for staff: who may sign in to the customer portal, the state of
//! each invitation, and the actions on them. Any staff member may invite, send a new link or
//! revoke; "view as customer" is for administrators and digital administrators and is recorded
//! in the customer's history. Staff never see or set a password.

use crate::routes::prelude::*;
use crate::{
    auth::CurrentStaff,
    config::Config,
    domain::forms::Fields,
    domain::{EmailAddress, Text},
    models::{
        access::customer_user::{self, CustomerUser, ShownStatus, UserRow, UserStatus},
        access::staff::Role,
    },
};
use diesel::PgConnection;

#[derive(Template)]
#[template(path = "customers/users.html")]
pub struct CustomerUsersPage {
    layout: Layout,
    header: CustomerHeader,
    users: Vec<UserRow>,
    can_view_as: bool,
    invite_name: String,
    invite_email: String,
    errors: FormErrors,
}

async fn load(desk: &StaffDesk, id: i64) -> AppResult<CustomerUsersPage> {
    let can_view_as = may_view_as(&desk.who);
    CustomerHeader::tab(
        desk,
        id,
        ("users", "customer-parts-users-title"),
        move |conn, layout, header| {
            Ok(CustomerUsersPage {
                layout,
                header,
                users: CustomerUser::for_customer(conn, id)?,
                can_view_as,
                invite_name: String::new(),
                invite_email: String::new(),
                errors: FormErrors::new(),
            })
        },
    )
    .await
}

impl CustomerUsersPage {
    /// A user's status as the list shows it, in the reader's language.
    fn status_text(&self, row: &UserRow) -> String {
        let id = match row.status() {
            ShownStatus::Pending => UserStatus::Pending.label_id(),
            ShownStatus::Active => UserStatus::Active.label_id(),
            ShownStatus::Revoked => UserStatus::Revoked.label_id(),
            ShownStatus::Expired => "customer-parts-users-expired",
        };
        self.layout.t(id)
    }

    /// The page with the invitation form as it was sent, and its messages.
    fn with_invite(mut self, form: &InviteForm, errors: FormErrors) -> Self {
        self.invite_name = form.name.trim().to_string();
        self.invite_email = form.email.trim().to_string();
        self.errors = errors;
        self
    }
}

fn may_view_as(staff: &CurrentStaff) -> bool {
    staff.has_role(Role::Admin) || staff.has_role(Role::DigitalAdmin)
}

pub async fn index(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let page = load(&desk, path.into_inner()).await?;
    respond::page(StatusCode::OK, &page)
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
}

impl InviteForm {
    /// The invitee's name and email address, or the messages beside them.
    fn parse(&self) -> Result<(String, String), FormErrors> {
        let mut f = Fields::new();
        let name = f.required(
            "name",
            &self.name,
            "customer-parts-users-name-missing",
            Text::<200>::parse,
        );
        let email = f.required(
            "email",
            &self.email,
            "customer-parts-users-email-missing",
            EmailAddress::parse,
        );
        match (name, email) {
            (Some(name), Some(email)) => f.finish(|| (name.into_string(), email.into_string())),
            _ => Err(f.into_errors()),
        }
    }
}

pub async fn invite(
    desk: StaffDesk,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<InviteForm>,
    config: web::Data<Config>,
    submission: Submission,
) -> Reply {
    desk.frame_first()?;
    let id = path.into_inner();
    let location = format!("/customers/{id}/users");
    let errors = match form.parse() {
        Err(errors) => errors,
        Ok((name, email)) => {
            let (staff_id, base, to) = (desk.who.id, config.public_url.clone(), location.clone());
            let outcome = submission
                .once(desk.pool(), move |conn| {
                    match customer_user::invite(conn, id, &name, &email, staff_id, &base) {
                        Ok(user) => Ok((Ok(user), Some(to))),
                        // The address has an account already: said beside the field.
                        Err(AppError::Conflict(message)) => Ok((Err(message), None)),
                        Err(e) => Err(e),
                    }
                })
                .await?;
            match outcome {
                Once::First(Ok(user)) => return desk.done(invited(&user), &location),
                Once::Repeat(first) => return Ok(see_other(&first)),
                Once::First(Err(taken)) => FormErrors::one("email", taken),
            }
        }
    };
    let page = load(&desk, id).await?;
    respond::again(&page.with_invite(&form, errors))
}

/// What the confirmation of an invitation says.
fn invited(user: &CustomerUser) -> Msg {
    Msg::new("customer-parts-users-invited")
        .arg("name", user.name.as_str())
        .arg("email", user.email.as_str())
}

/// `POST /customers/{id}/users/{user_id}/invitations`: a new invitation, the old link dies.
pub async fn resend(
    desk: StaffDesk,
    path: web::Path<(i64, i64)>,
    config: web::Data<Config>,
) -> Reply {
    let base = config.public_url.clone();
    let resend = move |conn: &mut PgConnection, id, user_id, staff_id| {
        customer_user::resend(conn, id, user_id, staff_id, &base)
    };
    change_user(&desk, path.into_inner(), resend, |user| {
        Msg::new("customer-parts-users-resent").arg("email", user.email.as_str())
    })
    .await
}

/// `DELETE /customers/{id}/users/{user_id}`: revokes the user (the row stays, for the record).
pub async fn revoke(desk: StaffDesk, path: web::Path<(i64, i64)>) -> Reply {
    change_user(&desk, path.into_inner(), customer_user::revoke, |user| {
        Msg::new("customer-parts-users-revoked").arg("name", user.name.as_str())
    })
    .await
}

/// Changes one of the customer's users (in a transaction, as the signed-in staff member) and
/// goes back to the tab, saying what `text` makes of the user as changed.
async fn change_user<F>(
    desk: &StaffDesk,
    (id, user_id): (i64, i64),
    change: F,
    text: fn(&CustomerUser) -> Msg,
) -> Reply
where
    F: FnOnce(&mut PgConnection, i64, i64, i64) -> AppResult<CustomerUser> + Send + 'static,
{
    let staff_id = desk.who.id;
    let user = desk
        .transaction(move |conn| change(conn, id, user_id, staff_id))
        .await?;
    desk.done(text(&user), &format!("/customers/{id}/users"))
}

/// Opens the portal read-only as this user: records the view in the customer's history, then
/// hands the browser a one-minute, single-use ticket for the portal's own session.
pub async fn view_as(desk: StaffDesk, path: web::Path<(i64, i64)>) -> Reply {
    if !may_view_as(&desk.who) {
        return Err(AppError::Forbidden(Msg::new("refusal-view-as-role")));
    }
    let ((id, user_id), staff_id) = (path.into_inner(), desk.who.id);
    let token = desk
        .transaction(move |conn| customer_user::view_as(conn, id, user_id, staff_id))
        .await?;
    Ok(see_other(&format!("/portal/view-as/{token}")))
}
