//! The portal user's own account: who they are, and changing the password. A change ends every
//! other portal session of the user at once, as the staff account page does for staff: all of
//! the user's sessions are deleted with the change, and this one carries on under a new key.

use super::{guard::Portal, layout::PortalLayout};
use crate::{
    auth::session,
    db::{self, DbPool},
    error::AppResult,
    models::access::customer_user,
    routes::forms::{FormErrors, PasswordForm},
    routes::respond,
};
use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "portal/account.html")]
pub struct AccountPage {
    layout: PortalLayout,
    portal: Portal,
    errors: FormErrors,
}

/// The account page: 200 when first shown, 422 with the password form's messages.
fn render(layout: PortalLayout, portal: Portal, errors: FormErrors) -> AppResult<HttpResponse> {
    let page = AccountPage {
        layout: layout.titled("Your account").in_section("account"),
        portal,
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn show(layout: PortalLayout, portal: Portal) -> AppResult<HttpResponse> {
    render(layout, portal, FormErrors::new())
}

pub async fn change_password(
    layout: PortalLayout,
    portal: Portal,
    form: web::Form<PasswordForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let stored = portal.user.password_hash.clone();
    let new_hash = match form.into_inner().checked(stored).await? {
        Ok(hash) => hash,
        Err(errors) => return render(layout, portal, errors),
    };
    let id = portal.user.id;
    db::transaction(&pool, move |conn| {
        Ok(customer_user::set_password(conn, id, &new_hash, None)?)
    })
    .await?;
    log::info!("customer user {id} changed their password; their other sessions were ended");
    // Every stored session of this user is gone now; this one continues under a new key.
    session::sign_in_customer_user(&session, id, None)?;
    let text = "Your password has been changed. Your other sessions were signed out.";
    respond::done(&session, text, "/portal/account")
}
