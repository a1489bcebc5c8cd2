//! A customer's portal users, for staff: who may sign in to the customer portal, the state of
//! each invitation, and the actions on them. Any staff member may invite, send a new link or
//! revoke, and give a user another role (the customer's first user is its admin; the last
//! active admin keeps its role); "view as customer" is for administrators and digital
//! administrators and is recorded in the customer's history. Staff never see or set a password.
//! The invitation and role forms are the portal's too (`/portal/users`).

use crate::routes::prelude::*;
use crate::{
    auth::CurrentStaff,
    config::Config,
    domain::forms::Fields,
    domain::{EmailAddress, Text},
    models::{
        access::customer_user::{
            self, CustomerRole, CustomerUser, Invitee, ShownStatus, UserRow, UserStatus,
        },
        access::staff::Role,
        customers::history::Author,
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
    invite: InviteEntry,
}

/// The invitation form as a page shows it: blank, or as it was sent with its messages.
#[derive(Clone, Debug, Default)]
pub struct InviteEntry {
    pub name: String,
    pub email: String,
    pub role: String,
    pub errors: FormErrors,
}

impl InviteEntry {
    /// The form as it was sent, with its messages.
    pub fn sent(form: &InviteForm, errors: FormErrors) -> InviteEntry {
        InviteEntry {
            name: form.name.trim().to_string(),
            email: form.email.trim().to_string(),
            role: form.role.trim().to_string(),
            errors,
        }
    }

    /// Whether the role select shows `role` chosen (a buyer when nothing was sent).
    pub fn is_role(&self, role: &CustomerRole) -> bool {
        match self.role.as_str() {
            "" => *role == CustomerRole::Buyer,
            chosen => chosen == role.as_str(),
        }
    }
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
                invite: InviteEntry::default(),
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
        self.invite = InviteEntry::sent(form, errors);
        self
    }

    fn roles(&self) -> &'static [CustomerRole] {
        CustomerRole::ALL
    }
}

fn may_view_as(staff: &CurrentStaff) -> bool {
    staff.has_role(Role::Admin) || staff.has_role(Role::DigitalAdmin)
}

pub async fn index(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let page = load(&desk, path.into_inner()).await?;
    respond::page(StatusCode::OK, &page)
}

/// The invitation form, on the staff's Users tab and the portal's users page (what is not sent
/// is empty).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    name: String,
    email: String,
    /// A buyer when not sent.
    role: String,
}

/// A role as a form sends it; a form no page sends (an unknown role) is a 400.
pub fn parse_role(role: &str) -> AppResult<CustomerRole> {
    match role.trim() {
        "" => Ok(CustomerRole::Buyer),
        role => role.parse().map_err(|_| respond::unreadable()),
    }
}

/// An invitee as `customer_user::invite_as` takes it, owned.
pub struct NewUser {
    pub name: String,
    pub email: String,
    pub role: CustomerRole,
}

impl NewUser {
    pub fn invitee(&self) -> Invitee<'_> {
        Invitee {
            name: &self.name,
            email: &self.email,
            role: self.role,
        }
    }
}

impl InviteForm {
    /// The invitee, or the messages beside the fields (a role no page offers is a 400).
    pub fn read(&self) -> AppResult<Result<NewUser, FormErrors>> {
        let role = parse_role(&self.role)?;
        Ok(self
            .parse()
            .map(|(name, email)| NewUser { name, email, role }))
    }

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
    let errors = match form.read()? {
        Err(errors) => errors,
        Ok(new) => {
            let (by, base) = (Author::Staff(desk.who.id), config.public_url.clone());
            match send_invitation(&submission, desk.pool(), (id, new, by), base, &location).await? {
                Ok(reply) => return desk_reply(&desk, reply, &location),
                Err(errors) => errors,
            }
        }
    };
    let page = load(&desk, id).await?;
    respond::again(&page.with_invite(&form, errors))
}

/// Where an invitation that went out leads: the confirmation, or the first arrival's page.
pub enum Sent {
    Invited(Box<CustomerUser>),
    Repeat(String),
}

/// Invites `new` to customer `id` as `by`, once per form (`submission`), answering `location`
/// when it went out; an address that has an account already is a message beside the field.
pub async fn send_invitation(
    submission: &Submission,
    pool: &crate::db::DbPool,
    (id, new, by): (i64, NewUser, Author),
    base: String,
    location: &str,
) -> AppResult<Result<Sent, FormErrors>> {
    let to = location.to_string();
    let outcome = submission
        .once(pool, move |conn| {
            match customer_user::invite_as(conn, id, new.invitee(), &by, &base) {
                Ok(user) => Ok((Ok(user), Some(to))),
                // The address has an account already: said beside the field.
                Err(AppError::Conflict(message)) => Ok((Err(message), None)),
                Err(e) => Err(e),
            }
        })
        .await?;
    Ok(match outcome {
        Once::First(Ok(user)) => Ok(Sent::Invited(Box::new(user))),
        Once::Repeat(first) => Ok(Sent::Repeat(first)),
        Once::First(Err(taken)) => Err(FormErrors::one("email", taken)),
    })
}

/// The answer to an invitation that went out (`send_invitation`).
pub fn desk_reply<S: crate::routes::desk::SignedIn>(
    desk: &crate::routes::desk::Desk<S>,
    sent: Sent,
    location: &str,
) -> Reply {
    match sent {
        Sent::Invited(user) => desk.done(invited(&user), location),
        Sent::Repeat(first) => Ok(see_other(&first)),
    }
}

/// What the confirmation of an invitation says (the role it was given).
fn invited(user: &CustomerUser) -> Msg {
    Msg::new("customer-parts-users-invited")
        .arg("name", user.name.as_str())
        .arg("email", user.email.as_str())
        .label("role", user.role.label_id())
}

/// `POST /customers/{id}/users/{user_id}/invitations`: a new invitation, the old link dies.
pub async fn resend(
    desk: StaffDesk,
    path: web::Path<(i64, i64)>,
    config: web::Data<Config>,
) -> Reply {
    let base = config.public_url.clone();
    let resend = move |conn: &mut PgConnection, id, user_id, staff_id| {
        customer_user::resend(conn, id, user_id, &Author::Staff(staff_id), &base)
    };
    change_user(&desk, path.into_inner(), resend, resent).await
}

/// `DELETE /customers/{id}/users/{user_id}`: revokes the user (the row stays, for the record).
pub async fn revoke(desk: StaffDesk, path: web::Path<(i64, i64)>) -> Reply {
    let revoke = |conn: &mut PgConnection, id, user_id, staff_id| {
        customer_user::revoke(conn, id, user_id, &Author::Staff(staff_id))
    };
    change_user(&desk, path.into_inner(), revoke, revoked).await
}

/// What the confirmation of a revocation says.
pub fn revoked(user: &CustomerUser) -> Msg {
    Msg::new("customer-parts-users-revoked").arg("name", user.name.as_str())
}

/// What the confirmation of a new link says.
pub fn resent(user: &CustomerUser) -> Msg {
    Msg::new("customer-parts-users-resent").arg("email", user.email.as_str())
}

/// What the confirmation of a role change says.
pub fn role_set(user: &CustomerUser) -> Msg {
    Msg::new("customer-parts-users-role-set")
        .arg("name", user.name.as_str())
        .label("role", user.role.label_id())
}

/// The role form of a user's row.
#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

impl RoleForm {
    pub fn role(&self) -> AppResult<CustomerRole> {
        parse_role(&self.role)
    }
}

/// `POST /customers/{id}/users/{user_id}/role`: another role (the last active admin keeps its).
pub async fn set_role(
    desk: StaffDesk,
    path: web::Path<(i64, i64)>,
    HtmlForm(form): HtmlForm<RoleForm>,
) -> Reply {
    let role = form.role()?;
    let set = move |conn: &mut PgConnection, id, user_id, staff_id| {
        customer_user::set_role(conn, id, user_id, role, &Author::Staff(staff_id))
    };
    change_user(&desk, path.into_inner(), set, role_set).await
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
