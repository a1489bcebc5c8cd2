//! The portal user's own account: who they are, and changing the password. A change ends every
//! other portal session of the user at once, as the staff account page does for staff: all of
//! the user's sessions are deleted with the change, and this one carries on under a new key.

use crate::routes::prelude::*;
use crate::{
    auth::session,
    models::access::customer_user,
    routes::forms::{FormErrors, PasswordForm},
};

#[derive(Template)]
#[template(path = "portal/account.html")]
pub struct AccountPage {
    layout: PortalLayout,
    portal: Portal,
    errors: FormErrors,
}

/// The account page: 200 when first shown, 422 with the password form's messages.
fn render(desk: &PortalDesk, errors: FormErrors) -> Reply {
    let page = AccountPage {
        layout: desk.layout()?.titled("Your account").in_section("account"),
        portal: desk.who.clone(),
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn show(desk: PortalDesk) -> Reply {
    render(&desk, FormErrors::new())
}

pub async fn change_password(desk: PortalDesk, form: web::Form<PasswordForm>) -> Reply {
    desk.frame_first()?;
    let stored = desk.who.user.password_hash.clone();
    let new_hash = match form.into_inner().checked(stored).await? {
        Ok(hash) => hash,
        Err(errors) => return render(&desk, errors),
    };
    let id = desk.who.user.id;
    desk.transaction(move |conn| Ok(customer_user::set_password(conn, id, &new_hash, None)?))
        .await?;
    log::info!("customer user {id} changed their password; their other sessions were ended");
    // Every stored session of this user is gone now; this one continues under a new key.
    session::sign_in_customer_user(&desk.session, id, None)?;
    desk.done(
        "Your password has been changed. Your other sessions were signed out.",
        "/portal/account",
    )
}
