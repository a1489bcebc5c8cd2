//! The signed-in staff member's own account: changing the password, which ends every other
//! session of the account at once.

use crate::routes::prelude::*;
use crate::{
    auth::session,
    models::access::staff::Staff,
    routes::forms::{FormErrors, PasswordForm},
};

#[derive(Template)]
#[template(path = "account/password.html")]
pub struct PasswordPage {
    layout: Layout,
    errors: FormErrors,
}

pub async fn edit_password(desk: StaffDesk) -> Reply {
    render(desk.layout()?, FormErrors::new())
}

/// The password page: 200 when first shown, 422 with messages.
fn render(layout: Layout, errors: FormErrors) -> Reply {
    let page = PasswordPage {
        layout: layout.titled("Change your password").in_section("account"),
        errors,
    };
    respond::form(&page, &page.errors)
}

pub async fn update_password(desk: StaffDesk, form: web::Form<PasswordForm>) -> Reply {
    // The frame first, as when it was an extractor: it takes the messages waiting, which a
    // redirect drops (the redirect's page shows this action's message alone).
    let layout = desk.layout()?;
    let stored = Some(desk.who.password_hash.clone());
    let new_hash = match form.into_inner().checked(stored).await? {
        Ok(hash) => hash,
        Err(errors) => return render(layout, errors),
    };
    let id = desk.who.id;
    desk.run(move |conn| Ok(Staff::change_password(conn, id, &new_hash)?))
        .await?;
    log::info!("staff {id} changed their password; their other sessions were ended");
    // Every stored session of this account is gone now; this one continues under a new key.
    session::sign_in(&desk.session, id)?;
    let text = "Your password has been changed. Other sessions were signed out.";
    desk.done(text, "/")
}
