//! Reading forms: the extractor every form handler uses, and the password-change form both
//! sides share (`PasswordForm`). Their messages are `FormErrors` (`domain::forms`).

pub use crate::domain::forms::{FormErrors, optional};

use crate::auth::password;
use crate::i18n::Msg;

/// Like `web::Form`, but repeated keys (`tags=1&tags=2`, checkbox groups) collect into a `Vec`.
/// The body limit is the app's `PayloadConfig` (64 KiB: 413 beyond it); a body that does not
/// fit `T` is a 400 page that names no field.
pub struct HtmlForm<T>(pub T);

impl<T> std::ops::Deref for HtmlForm<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> HtmlForm<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for HtmlForm<T> {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(
        req: &actix_web::HttpRequest,
        payload: &mut actix_web::dev::Payload,
    ) -> Self::Future {
        let body = actix_web::web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let body = body.await?;
            serde_html_form::from_bytes::<T>(&body)
                .map(HtmlForm)
                .map_err(|e| {
                    log::info!("unreadable form: {e}");
                    super::respond::unreadable().into()
                })
        })
    }
}

/// The "change your password" form of either side. Only the three password fields are read;
/// anything else posted (a user id, a customer id) is ignored: the account changed is always the
/// signed-in one's.
#[derive(serde::Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

impl PasswordForm {
    /// The form checked whole: the new password against the policy and its confirmation, and
    /// the current password against `stored` (on a blocking thread, with a decoy check when
    /// there is none, and always, so every message shows at once). The new hash comes back only
    /// when all is well; otherwise the messages, beside their fields.
    pub async fn checked(
        self,
        stored: Option<String>,
    ) -> crate::error::AppResult<Result<String, FormErrors>> {
        let PasswordForm {
            current_password: current,
            new_password: new,
            confirm_password: confirm,
        } = self;
        let mut errors = FormErrors::new();
        if let Err(msg) = password::check_policy(&new) {
            errors.add("new_password", msg);
        }
        if new != confirm {
            errors.add("confirm_password", Msg::new("refusal-password-mismatch"));
        }
        let policy_ok = errors.is_empty();
        let (verified, new_hash) = actix_web::web::block(move || {
            verify_and_hash(&current, stored.as_deref(), &new, policy_ok)
        })
        .await
        .map_err(crate::error::AppError::from)??;
        if !verified {
            errors.add("current_password", Msg::new("refusal-password-wrong"));
        }
        Ok(match new_hash {
            Some(hash) if errors.is_empty() => Ok(hash),
            _ => Err(errors),
        })
    }
}

/// Whether `current` is the password `stored` hashes (checked against a decoy when there is
/// none, so that both take as long), and when it is and `hash_new` says so, `new`'s hash.
fn verify_and_hash(
    current: &str,
    stored: Option<&str>,
    new: &str,
    hash_new: bool,
) -> crate::error::AppResult<(bool, Option<String>)> {
    let verified = current.len() <= password::MAX_LENGTH * 4
        && match stored {
            Some(phc) => password::verify(current, phc),
            None => {
                password::verify_against_nobody(current);
                false
            }
        };
    let new_hash = if verified && hash_new {
        Some(password::hash(new)?)
    } else {
        None
    };
    Ok((verified, new_hash))
}

/// Whether `option` is among the boxes ticked (`chosen`), for a form's check list.
pub fn ticked(chosen: &[String], option: &str) -> bool {
    chosen.iter().any(|c| c == option)
}

/// The "choose a password" form behind an invitation or reset link, of either side.
#[derive(serde::Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    pub new_password: String,
    #[serde(default)]
    confirm_password: String,
}

impl SetPasswordForm {
    /// The new password against the policy, and its confirmation.
    pub fn errors(&self) -> FormErrors {
        let mut errors = FormErrors::new();
        if let Err(m) = password::check_policy(&self.new_password) {
            errors.add("new_password", m);
        } else if self.new_password != self.confirm_password {
            errors.add("confirm_password", Msg::new("portal-set-password-mismatch"));
        }
        errors
    }
}

/// A password's hash, worked out on a blocking thread.
pub async fn hashed(secret: String) -> crate::error::AppResult<String> {
    actix_web::web::block(move || password::hash(&secret))
        .await
        .map_err(crate::error::AppError::from)?
}

/// The "forgotten password" form of either side: one email address.
#[derive(serde::Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

impl ForgotForm {
    /// The address as typed (trimmed), and a message when it cannot be one.
    pub fn email(self) -> (String, FormErrors) {
        let email = self.email.trim().to_string();
        let mut errors = FormErrors::new();
        if email.is_empty() {
            errors.add("email", Msg::new("portal-forgot-email-missing"));
        } else if email.len() > 254 || email.chars().any(char::is_control) || !email.contains('@') {
            errors.add("email", Msg::new("portal-forgot-email-invalid"));
        }
        (email, errors)
    }

    /// Asks `request` (a side's `request_password_reset`) for a reset link when the address
    /// can be one, in one transaction. The same answer whether or not the address has an
    /// account: the address as typed, its messages, and whether it was sent on.
    pub async fn send(
        self,
        pool: &crate::db::DbPool,
        base_url: &str,
        request: ResetRequest,
    ) -> crate::error::AppResult<(String, FormErrors, bool)> {
        let (email, errors) = self.email();
        let sent = errors.is_empty();
        if sent {
            let (e, base) = (email.clone(), base_url.to_string());
            crate::db::transaction(pool, move |conn| request(conn, &e, &base)).await?;
        }
        Ok((email, errors, sent))
    }
}

/// A side's `request_password_reset`: the connection, the address, the site's public URL.
pub type ResetRequest = fn(&mut diesel::PgConnection, &str, &str) -> crate::error::AppResult<bool>;
