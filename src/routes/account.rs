//! The signed-in staff member's own account: changing the password, which ends every other
//! session of the account at once, and the language and time zone they read in.

use crate::routes::prelude::*;
use crate::{
    auth::session,
    i18n::{Choice, Lang, Zone},
    models::access::staff::Staff,
    routes::forms::{FormErrors, PasswordForm},
};

#[derive(Template)]
#[template(path = "account/password.html")]
pub struct PasswordPage {
    layout: Layout,
    errors: FormErrors,
    prefs: Preferences,
}

/// The "Language and time zone" form of either account page: what it shows, and its messages.
pub struct Preferences {
    pub action: &'static str,
    /// The language code chosen ("" for automatic).
    pub language: String,
    /// The IANA zone chosen ("" for the company's).
    pub time_zone: String,
    /// The company's zone, for the choice "The company's (…)".
    pub company_zone: String,
    pub errors: FormErrors,
}

impl Preferences {
    /// The form as a person's stored choice shows it.
    pub fn stored(
        action: &'static str,
        chose: (Option<&str>, Option<&str>),
        company_zone: &str,
    ) -> Preferences {
        Preferences {
            action,
            language: chose.0.unwrap_or_default().to_string(),
            time_zone: chose.1.unwrap_or_default().to_string(),
            company_zone: company_zone.to_string(),
            errors: FormErrors::new(),
        }
    }

    /// Every supported language as (code, its own name).
    pub fn languages(&self) -> Vec<(String, String)> {
        Lang::all()
            .iter()
            .map(|l| (l.code().to_string(), l.own_name()))
            .collect()
    }

    /// Every IANA zone name, for the list to choose from.
    pub fn zones(&self) -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|z| z.name())
    }
}

/// What the "Language and time zone" form posts.
#[derive(Deserialize)]
pub struct PreferencesForm {
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub time_zone: String,
}

impl PreferencesForm {
    /// The choice checked: as stored, or the messages beside the fields (and the form as sent,
    /// to show again).
    pub fn checked(
        self,
        action: &'static str,
        req: &actix_web::HttpRequest,
    ) -> Result<Choice, Preferences> {
        let mut errors = FormErrors::new();
        let language = self.language.trim();
        let lang = match language {
            "" => None,
            code => match Lang::all().iter().find(|l| l.code() == code) {
                Some(l) => Some(l.code().to_string()),
                None => {
                    errors.add("language", Msg::new("account-language-invalid"));
                    None
                }
            },
        };
        let time_zone = self.time_zone.trim();
        let zone = match time_zone {
            "" => None,
            name => match Zone::parse(name) {
                Some(z) => Some(z.name().to_string()),
                None => {
                    errors.add(
                        "time_zone",
                        Msg::new("account-time-zone-invalid").arg("zone", name.to_string()),
                    );
                    None
                }
            },
        };
        if errors.is_empty() {
            return Ok(Choice {
                language: lang,
                time_zone: zone,
            });
        }
        Err(Preferences {
            action,
            language: language.to_string(),
            time_zone: time_zone.to_string(),
            company_zone: company_zone(req),
            errors,
        })
    }
}

impl Preferences {
    /// The messages the account page answers with: the password form's, else these.
    pub fn or_password<'a>(&'a self, password: &'a FormErrors) -> &'a FormErrors {
        if password.is_empty() {
            &self.errors
        } else {
            password
        }
    }
}

/// The company's time zone (`TIME_ZONE`), as the choice of zone names it.
pub fn company_zone(req: &actix_web::HttpRequest) -> String {
    req.app_data::<web::Data<crate::config::Config>>()
        .map_or("UTC", |c| c.time_zone.name())
        .to_string()
}

const PREFERENCES: &str = "/account/preferences";

fn stored(desk: &StaffDesk) -> Preferences {
    Preferences::stored(
        PREFERENCES,
        (desk.who.language.as_deref(), desk.who.time_zone.as_deref()),
        &company_zone(desk.request()),
    )
}

pub async fn edit_password(desk: StaffDesk) -> Reply {
    let prefs = stored(&desk);
    render(desk.layout()?, FormErrors::new(), prefs)
}

/// The account page: 200 when first shown, 422 with messages (of either form).
fn render(layout: Layout, errors: FormErrors, prefs: Preferences) -> Reply {
    let page = PasswordPage {
        layout: layout
            .titled(Msg::new("account-password-title"))
            .in_section("account"),
        errors,
        prefs,
    };
    respond::form(&page, page.prefs.or_password(&page.errors))
}

pub async fn update_password(desk: StaffDesk, form: web::Form<PasswordForm>) -> Reply {
    // The frame first, as when it was an extractor: it takes the messages waiting, which a
    // redirect drops (the redirect's page shows this action's message alone).
    let layout = desk.layout()?;
    let stored_hash = desk.who.password_hash.clone();
    let new_hash = match form.into_inner().checked(stored_hash).await? {
        Ok(hash) => hash,
        Err(errors) => {
            let prefs = stored(&desk);
            return render(layout, errors, prefs);
        }
    };
    let id = desk.who.id;
    desk.run(move |conn| Ok(Staff::change_password(conn, id, &new_hash)?))
        .await?;
    log::info!("staff {id} changed their password; their other sessions were ended");
    // Every stored session of this account is gone now; this one continues under a new key.
    session::sign_in(&desk.session, id)?;
    desk.done(Msg::new("account-password-changed"), "/")
}

/// Saves the language and time zone the staff member chose; an invalid choice saves nothing.
pub async fn update_preferences(desk: StaffDesk, form: web::Form<PreferencesForm>) -> Reply {
    let layout = desk.layout()?;
    let chosen = match form.into_inner().checked(PREFERENCES, desk.request()) {
        Ok(chosen) => chosen,
        Err(prefs) => return render(layout, FormErrors::new(), prefs),
    };
    let id = desk.who.id;
    desk.run(move |conn| Ok(Staff::set_preferences(conn, id, &chosen)?))
        .await?;
    desk.done(Msg::new("account-preferences-saved"), "/account/password")
}
