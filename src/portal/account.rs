//! The portal user's own account: who they are, and changing the password. A change ends every
//! other portal session of the user at once, as the staff account page does for staff: all of
//! the user's sessions are deleted with the change, and this one carries on under a new key.

use super::{guard::Portal, layout::PortalLayout};
use crate::{
    auth::{password, session},
    db::{self, DbPool},
    error::{AppError, AppResult},
    forms::FormErrors,
    layout::respond,
    models::customer_user,
    routes::auth::see_other,
};
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "portal/account.html")]
pub struct AccountPage {
    layout: PortalLayout,
    portal: Portal,
    errors: FormErrors,
}

fn render(
    layout: PortalLayout,
    portal: Portal,
    errors: FormErrors,
    status: StatusCode,
) -> AppResult<HttpResponse> {
    respond(
        status,
        &AccountPage {
            layout: layout.titled("Your account").in_section("account"),
            portal,
            errors,
        },
    )
}

pub async fn show(layout: PortalLayout, portal: Portal) -> AppResult<HttpResponse> {
    render(layout, portal, FormErrors::new(), StatusCode::OK)
}

/// Only the three password fields are read; anything else posted (a user id, a customer id) is
/// ignored: the account changed is always the signed-in user's.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

pub async fn change_password(
    layout: PortalLayout,
    portal: Portal,
    form: web::Form<PasswordForm>,
    pool: web::Data<DbPool>,
    session: Session,
) -> AppResult<HttpResponse> {
    let PasswordForm {
        current_password,
        new_password,
        confirm_password,
    } = form.into_inner();
    let mut errors = FormErrors::new();
    if let Err(msg) = password::check_policy(&new_password) {
        errors.add("new_password", msg);
    } else if new_password != confirm_password {
        errors.add("confirm_password", "This does not match the new password.");
    }
    // The current password is checked whatever else is wrong, so every message shows at once;
    // the new one is hashed only when all is well.
    let stored = portal.user.password_hash.clone();
    let policy_ok = errors.is_empty();
    let (verified, new_hash) = web::block(move || {
        let verified = current_password.len() <= password::MAX_LENGTH * 4
            && match stored.as_deref() {
                Some(phc) => password::verify(&current_password, phc),
                None => {
                    password::verify_against_nobody(&current_password);
                    false
                }
            };
        let new_hash = if verified && policy_ok {
            Some(password::hash(&new_password)?)
        } else {
            None
        };
        Ok::<_, AppError>((verified, new_hash))
    })
    .await
    .map_err(AppError::from)??;
    if !verified {
        errors.add("current_password", "This is not your current password.");
    }
    let (Some(new_hash), true) = (new_hash, errors.is_empty()) else {
        return render(layout, portal, errors, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let id = portal.user.id;
    db::transaction(&pool, move |conn| {
        Ok(customer_user::set_password(conn, id, &new_hash, None)?)
    })
    .await?;
    log::info!("customer user {id} changed their password; their other sessions were ended");
    // Every stored session of this user is gone now; this one continues under a new key.
    session::sign_in_customer_user(&session, id, None)?;
    session::flash(
        &session,
        session::FlashLevel::Success,
        "Your password has been changed. Your other sessions were signed out.",
    );
    Ok(see_other("/portal/account"))
}
