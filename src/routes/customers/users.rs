//! A customer's portal users, for staff: who may sign in to the customer portal, the state of
//! each invitation, and the actions on them. Any staff member may invite, send a new link or
//! revoke; "view as customer" is for administrators and digital administrators and is recorded
//! in the customer's history. Staff never see or set a password.

use crate::routes::layout::CustomerHeader;
use crate::{
    auth::CurrentStaff,
    config::Config,
    db::{self, DbPool},
    domain::forms::Fields,
    domain::{EmailAddress, Text},
    error::{AppError, AppResult},
    models::{
        access::customer_user::{self, CustomerUser, UserRow},
        access::staff::Role,
    },
    routes::forms::{FormErrors, HtmlForm},
    routes::layout::Layout,
    routes::respond,
    routes::respond::see_other,
    routes::submission::{Once, Submission},
};
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

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

async fn load(
    pool: &DbPool,
    id: i64,
    layout: Layout,
    can_view_as: bool,
) -> AppResult<CustomerUsersPage> {
    db::run(pool, move |conn| {
        let header = CustomerHeader::load(conn, id, "users")?;
        let users = CustomerUser::for_customer(conn, id)?;
        Ok(CustomerUsersPage {
            layout: header.frame(layout, "Portal users"),
            header,
            users,
            can_view_as,
            invite_name: String::new(),
            invite_email: String::new(),
            errors: FormErrors::new(),
        })
    })
    .await
}

impl CustomerUsersPage {
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

pub async fn index(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let page = load(&pool, path.into_inner(), layout, may_view_as(&staff)).await?;
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
            "Enter the person's name.",
            Text::<200>::parse,
        );
        let email = f.required(
            "email",
            &self.email,
            "Enter the email address the invitation goes to.",
            EmailAddress::parse,
        );
        match (name, email) {
            (Some(name), Some(email)) => f.finish(|| (name.into_string(), email.into_string())),
            _ => Err(f.into_errors()),
        }
    }
}

// One extractor per thing the handler needs, as in every handler.
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    layout: Layout,
    staff: CurrentStaff,
    path: web::Path<i64>,
    HtmlForm(form): HtmlForm<InviteForm>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
    session: Session,
    submission: Submission,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let location = format!("/customers/{id}/users");
    let errors = match form.parse() {
        Err(errors) => errors,
        Ok((name, email)) => {
            let (staff_id, base, to) = (staff.id, config.public_url.clone(), location.clone());
            let outcome = submission
                .once(&pool, move |conn| {
                    match customer_user::invite(conn, id, &name, &email, staff_id, &base) {
                        Ok(user) => Ok((Ok(user), Some(to))),
                        // The address has an account already: said beside the field.
                        Err(AppError::Conflict(message)) => Ok((Err(message), None)),
                        Err(e) => Err(e),
                    }
                })
                .await?;
            match outcome {
                Once::First(Ok(user)) => return respond::done(&session, invited(&user), &location),
                Once::Repeat(first) => return Ok(see_other(&first)),
                Once::First(Err(taken)) => FormErrors::one("email", taken),
            }
        }
    };
    let page = load(&pool, id, layout, may_view_as(&staff)).await?;
    respond::again(&page.with_invite(&form, errors))
}

/// What the confirmation of an invitation says.
fn invited(user: &CustomerUser) -> String {
    format!(
        "{} has been invited: an email with a link to choose a password is on its way to {}. The link works for 72 hours.",
        user.name, user.email
    )
}

/// `POST /customers/{id}/users/{user_id}/invitations`: a new invitation, the old link dies.
pub async fn resend(
    staff: CurrentStaff,
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
    session: Session,
) -> AppResult<HttpResponse> {
    let (id, user_id) = path.into_inner();
    let (staff_id, base) = (staff.id, config.public_url.clone());
    let user = db::transaction(&pool, move |conn| {
        customer_user::resend(conn, id, user_id, staff_id, &base)
    })
    .await?;
    let text = format!(
        "A new invitation is on its way to {}; the earlier link no longer works.",
        user.email
    );
    respond::done(&session, text, &format!("/customers/{id}/users"))
}

/// `DELETE /customers/{id}/users/{user_id}`: revokes the user (the row stays, for the record).
pub async fn revoke(
    staff: CurrentStaff,
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let (id, user_id) = path.into_inner();
    let staff_id = staff.id;
    let user = db::transaction(&pool, move |conn| {
        customer_user::revoke(conn, id, user_id, staff_id)
    })
    .await?;
    let text = format!(
        "{} can no longer sign in; their sessions and links have ended.",
        user.name
    );
    respond::done(&session, text, &format!("/customers/{id}/users"))
}

/// Opens the portal read-only as this user: records the view in the customer's history, then
/// hands the browser a one-minute, single-use ticket for the portal's own session.
pub async fn view_as(
    staff: CurrentStaff,
    path: web::Path<(i64, i64)>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    if !may_view_as(&staff) {
        return Err(AppError::Forbidden(
            "Viewing the portal as a customer is for administrators and digital administrators."
                .into(),
        ));
    }
    let (id, user_id) = path.into_inner();
    let staff_id = staff.id;
    let token = db::transaction(&pool, move |conn| {
        customer_user::view_as(conn, id, user_id, staff_id)
    })
    .await?;
    Ok(see_other(&format!("/portal/view-as/{token}")))
}
