//! The portal user's own account: who they are, changing the password, and the language and
//! time zone they read in. A password change ends every other portal session of the user at
//! once, as the staff account page does for staff: all of the user's sessions are deleted with
//! the change, and this one carries on under a new key.

use crate::routes::prelude::*;
use crate::{
    auth::session,
    models::access::customer_user,
    routes::{
        account::{Preferences, PreferencesForm, company_zone},
        forms::{FormErrors, PasswordForm},
    },
};

#[derive(Template)]
#[template(path = "portal/account.html")]
pub struct AccountPage {
    layout: PortalLayout,
    portal: Portal,
    errors: FormErrors,
    prefs: Preferences,
}

const PREFERENCES: &str = "/portal/account/preferences";

fn stored(desk: &PortalDesk) -> Preferences {
    let user = &desk.who.user;
    Preferences::stored(
        PREFERENCES,
        (user.language.as_deref(), user.time_zone.as_deref()),
        &company_zone(desk.request()),
    )
}

/// The account page: 200 when first shown, 422 with the messages of either form.
fn render(desk: &PortalDesk, errors: FormErrors, prefs: Preferences) -> Reply {
    let page = AccountPage {
        layout: desk
            .layout()?
            .titled(Msg::new("portal-account-title"))
            .in_section("account"),
        portal: desk.who.clone(),
        errors,
        prefs,
    };
    respond::form(&page, page.prefs.or_password(&page.errors))
}

pub async fn show(desk: PortalDesk) -> Reply {
    let prefs = stored(&desk);
    render(&desk, FormErrors::new(), prefs)
}

pub async fn change_password(desk: PortalDesk, form: web::Form<PasswordForm>) -> Reply {
    desk.frame_first()?;
    let stored_hash = desk.who.user.password_hash.clone();
    let new_hash = match form.into_inner().checked(stored_hash).await? {
        Ok(hash) => hash,
        Err(errors) => {
            let prefs = stored(&desk);
            return render(&desk, errors, prefs);
        }
    };
    let id = desk.who.user.id;
    desk.transaction(move |conn| Ok(customer_user::set_password(conn, id, &new_hash, None)?))
        .await?;
    log::info!("customer user {id} changed their password; their other sessions were ended");
    // Every stored session of this user is gone now; this one continues under a new key.
    session::sign_in_customer_user(&desk.session, id, None)?;
    desk.done(
        Msg::new("portal-account-password-changed"),
        "/portal/account",
    )
}

/// Saves the language and time zone the user chose; an invalid choice saves nothing. (A staff
/// member's read-only view never gets here: the guard refuses its every POST.)
pub async fn save_preferences(desk: PortalDesk, form: web::Form<PreferencesForm>) -> Reply {
    desk.frame_first()?;
    let chosen = match form.into_inner().checked(PREFERENCES, desk.request()) {
        Ok(chosen) => chosen,
        Err(prefs) => return render(&desk, FormErrors::new(), prefs),
    };
    let id = desk.who.user.id;
    desk.transaction(move |conn| Ok(customer_user::set_preferences(conn, id, &chosen)?))
        .await?;
    desk.done(
        Msg::new("portal-account-preferences-saved"),
        "/portal/account",
    )
}
