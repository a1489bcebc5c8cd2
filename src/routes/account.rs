//! The signed-in staff member's own account: changing the password, which ends every other
//! session of the account at once.

use super::respond;
use crate::{
    auth::{CurrentStaff, session},
    db::{self, DbPool},
    error::AppResult,
    models::access::staff::Staff,
    routes::forms::{FormErrors, PasswordForm},
    routes::layout::Layout,
};
use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "account/password.html")]
pub struct PasswordPage {
    layout: Layout,
    errors: FormErrors,
}

pub async fn edit_password(layout: Layout) -> AppResult<HttpResponse> {
    render(layout, FormErrors::new())
}

/// The password page: 200 when first shown, 422 with messages.
fn render(layout: Layout, errors: FormErrors) -> AppResult<HttpResponse> {
    let page = PasswordPage {
        layout: layout.titled("Change your password").in_section("account"),
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn update_password(
    layout: Layout,
    staff: CurrentStaff,
    form: web::Form<PasswordForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let stored = Some(staff.password_hash.clone());
    let new_hash = match form.into_inner().checked(stored).await? {
        Ok(hash) => hash,
        Err(errors) => return render(layout, errors),
    };
    let id = staff.id;
    db::run(&pool, move |conn| {
        Ok(Staff::change_password(conn, id, &new_hash)?)
    })
    .await?;
    log::info!("staff {id} changed their password; their other sessions were ended");
    // Every stored session of this account is gone now; this one continues under a new key.
    session::sign_in(&session, id)?;
    let text = "Your password has been changed. Other sessions were signed out.";
    respond::done(&session, text, "/")
}
