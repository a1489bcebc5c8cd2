//! One sign-in attempt, whichever door it comes through (staff at /login, customer users at
//! /portal/login): the form's own checks, the throttle per account and per address, finding the
//! account, checking the password on a blocking thread (against a decoy when there is no
//! account, so an unknown email and a wrong password take as long and answer alike), and
//! recording the attempt. Each door says how it finds its accounts (`Door`); its handler turns
//! the `Outcome` into its page. `attempt_from` is the attempt as both doors' handlers make it,
//! from the request.

use crate::{
    auth::password,
    config::Config,
    db::{self, DbPool},
    domain::forms::FormErrors,
    error::{AppError, AppResult},
    i18n::Msg,
    metrics::Metrics,
    models::access::login_attempt,
};
use actix_web::{HttpRequest, http::StatusCode, web};
use chrono::{DateTime, Utc};
use diesel::{PgConnection, QueryResult};

/// Where people sign in, and what an account is there.
pub trait Door: 'static {
    type Account: Send + 'static;
    /// How the log names this door's attempts ("sign-in", "portal sign-in").
    const NAME: &'static str;
    /// The key the throttle counts an account's attempts under.
    fn throttle_key(email: &str) -> String;
    /// The account with this email, if there is one.
    fn find(conn: &mut PgConnection, email: &str) -> QueryResult<Option<Self::Account>>;
    /// The password hash of an account that may sign in with a password at all (an inactive
    /// account has none here: it is refused as a wrong password is).
    fn password_hash(account: &Self::Account) -> Option<&str>;
    /// Written with the attempt's record when the password was right.
    fn verified(_conn: &mut PgConnection, _account: &Self::Account) -> QueryResult<()> {
        Ok(())
    }
}

/// What became of an attempt.
pub enum Outcome<A> {
    /// The form's own checks failed: messages beside the fields; nothing was counted.
    Invalid(FormErrors),
    /// Too many failures for this account or this address: paused until then.
    Throttled(DateTime<Utc>),
    /// No such account, a wrong password, or an account that may not sign in.
    Refused,
    /// The password was right.
    Verified(A),
}

impl<A> Outcome<A> {
    /// The account whose password was right, or what the sign-in page says instead.
    pub fn verified(self) -> Result<A, Failure> {
        match self {
            Outcome::Verified(account) => Ok(account),
            Outcome::Invalid(errors) => Err(Failure {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                problem: None,
                errors,
            }),
            Outcome::Throttled(until) => Err(Failure::problem(
                StatusCode::TOO_MANY_REQUESTS,
                throttled_text(until),
            )),
            Outcome::Refused => Err(Failure::problem(StatusCode::UNAUTHORIZED, refused())),
        }
    }
}

/// What the sign-in page answers when nobody was signed in: its status, a problem above the
/// form, or messages beside the fields.
pub struct Failure {
    pub status: StatusCode,
    pub problem: Option<Msg>,
    pub errors: FormErrors,
}

impl Failure {
    pub fn problem(status: StatusCode, text: impl Into<Msg>) -> Failure {
        Failure {
            status,
            problem: Some(text.into()),
            errors: FormErrors::new(),
        }
    }
}

/// What either door's sign-in form carries (the staff form adds where to go next).
#[derive(serde::Deserialize)]
pub struct Credentials {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

/// What a sign-in handler gets back from `attempt_from`.
pub struct Attempt<A> {
    /// The email as the page shows it again (trimmed).
    pub email: String,
    /// Where the attempt came from, for the log.
    pub addr: String,
    pub outcome: Outcome<A>,
}

/// One attempt at door `D` with what the sign-in form carried (the email is trimmed first),
/// from the request's client address, on the application's pool and configuration.
pub async fn attempt_from<D: Door>(
    req: &HttpRequest,
    credentials: Credentials,
) -> AppResult<Attempt<D::Account>> {
    let Credentials {
        email,
        password: secret,
    } = credentials;
    let (pool, config) = (
        req.app_data::<web::Data<DbPool>>(),
        req.app_data::<web::Data<Config>>(),
    );
    let (Some(pool), Some(config)) = (pool, config) else {
        return Err(AppError::internal(
            "no database pool or configuration registered",
        ));
    };
    let email = email.trim().to_string();
    let addr = crate::routes::respond::client_addr(req, config.trust_proxy_headers);
    let outcome = attempt::<D>(pool, config, &addr, &email, secret).await?;
    let failed = match outcome {
        Outcome::Refused => Some("refused"),
        Outcome::Throttled(_) => Some("throttled"),
        Outcome::Invalid(_) | Outcome::Verified(_) => None,
    };
    if let (Some(reason), Some(metrics)) = (failed, req.app_data::<web::Data<Metrics>>()) {
        metrics.sign_in_failed(D::NAME, reason);
    }
    Ok(Attempt {
        email,
        addr,
        outcome,
    })
}

/// What either door's sign-in page shows around its form: the email as sent, a notice above it
/// (signed out), what went wrong, and the page's status.
pub struct SignInView {
    pub email: String,
    pub notice: Option<Msg>,
    pub problem: Option<Msg>,
    pub errors: FormErrors,
    pub status: StatusCode,
}

impl SignInView {
    /// The page as first shown: 200, an empty form, and `notice` if there is one.
    pub fn first(notice: Option<Msg>) -> SignInView {
        SignInView {
            email: String::new(),
            notice,
            problem: None,
            errors: FormErrors::new(),
            status: StatusCode::OK,
        }
    }

    /// The page again after an attempt that signed nobody in: the email as sent, and why.
    pub fn again(email: String, failure: Failure) -> SignInView {
        SignInView {
            email,
            notice: None,
            problem: failure.problem,
            errors: failure.errors,
            status: failure.status,
        }
    }
}

/// Runs one attempt at door `D` for `email` (as typed, trimmed) and `secret` from `addr`.
pub async fn attempt<D: Door>(
    pool: &web::Data<DbPool>,
    config: &Config,
    addr: &str,
    email: &str,
    secret: String,
) -> AppResult<Outcome<D::Account>> {
    let errors = form_errors(email, &secret);
    if !errors.is_empty() {
        return Ok(Outcome::Invalid(errors));
    }
    let key = D::throttle_key(email);
    let (max, window) = (config.login_max_failures, config.login_throttle_window);
    let (throttled, account) = {
        let (key, email, addr) = (key.clone(), email.to_string(), addr.to_string());
        db::run(pool, move |conn| {
            let until = login_attempt::throttled_until(conn, &key, &addr, max, window)?;
            let account = match until {
                Some(_) => None,
                None => D::find(conn, &email)?,
            };
            Ok((until, account))
        })
        .await?
    };
    if let Some(until) = throttled {
        log::warn!("{} refused (throttled) for {email:?} from {addr}", D::NAME);
        return Ok(Outcome::Throttled(until));
    }
    let verified = web::block(
        move || match account.as_ref().and_then(|a| D::password_hash(a)) {
            Some(hash) if password::verify(&secret, hash) => account,
            Some(_) => None,
            None => {
                password::verify_against_nobody(&secret);
                None
            }
        },
    )
    .await
    .map_err(AppError::from)?;
    let addr_owned = addr.to_string();
    let verified = db::run(pool, move |conn| {
        login_attempt::record(conn, &key, &addr_owned, verified.is_some())?;
        if let Some(account) = &verified {
            D::verified(conn, account)?;
        }
        Ok(verified)
    })
    .await?;
    Ok(match verified {
        Some(account) => Outcome::Verified(account),
        None => {
            log::warn!("{} failed for {email:?} from {addr}", D::NAME);
            Outcome::Refused
        }
    })
}

/// The sign-in form's own checks (both doors alike): both fields filled, neither longer than any
/// real one, no control characters in the address.
pub fn form_errors(email: &str, secret: &str) -> FormErrors {
    let mut errors = FormErrors::new();
    if email.is_empty() {
        errors.add("email", Msg::new("auth-email-missing"));
    } else if email.len() > 254 {
        errors.add("email", Msg::new("auth-email-too-long"));
    } else if email.chars().any(char::is_control) {
        errors.add("email", Msg::new("auth-email-invalid"));
    }
    if secret.is_empty() {
        errors.add("password", Msg::new("auth-password-missing"));
    } else if secret.len() > password::MAX_LENGTH * 4 {
        errors.add("password", Msg::new("auth-password-too-long"));
    }
    errors
}

/// What a throttled sign-in is told: how long, in whole minutes (at least one).
pub fn throttled_text(until: DateTime<Utc>) -> Msg {
    let minutes = ((until - Utc::now()).num_seconds().max(60) + 59) / 60;
    Msg::new("auth-throttled").arg("minutes", minutes)
}

/// What a refused sign-in is told, whatever the reason.
pub fn refused() -> Msg {
    Msg::new("auth-refused")
}
