//! Typed configuration, read once from the environment at start-up (a `.env` file is honoured).
//!
//! Every setting has a default that suits a developer's machine; `APP_ENV=production` turns the
//! defaults that would be unsafe in production into start-up errors instead.

use std::{env, fmt, net::SocketAddr, path::PathBuf, time::Duration};

/// A value that must never reach a log line: its `Debug` prints a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A developer's machine: a private PostgreSQL cluster and a session key under `VAR_DIR`.
    Local,
    /// A real deployment: DATABASE_URL, SESSION_KEY and PUBLIC_URL are required.
    Production,
}

/// How webhooks are sent (see `Config::webhooks`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WebhookSettings {
    pub max_attempts: u32,
    pub retry_delay: Duration,
    pub poll: Duration,
    pub timeout: Duration,
}

/// How log lines are written (`LOG_FORMAT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// One readable line per event, as a developer reads them (the default).
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// Where `/metrics` is served: on its own address (`METRICS_ADDR`) to whoever reaches it, and
/// at `/metrics` on `BIND_ADDR` to a bearer of `METRICS_TOKEN`. Neither set: nowhere.
#[derive(Clone, Debug, Default)]
pub struct MetricsSettings {
    pub addr: Option<SocketAddr>,
    pub token: Option<Secret<String>>,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub mode: Mode,
    /// None in local mode means "run the private cluster under VAR_DIR".
    pub database_url: Option<Secret<String>>,
    /// A streaming replica for the long reads (see `db::replica`); None: every read on the
    /// primary.
    pub database_read_url: Option<Secret<String>>,
    /// How far behind the replica may be before its reads go to the primary.
    pub database_read_max_lag: Duration,
    pub bind_addr: SocketAddr,
    /// The address people type; decides cookie `Secure`, and the origin that forms may post from.
    pub public_url: String,
    /// At least 64 bytes. None in local mode means "generate once and keep under VAR_DIR".
    pub session_key: Option<Secret<Vec<u8>>>,
    /// None means local mode for email: messages stay readable at /admin/outbox, unsent.
    /// Production needs it, unless set to `none` on purpose.
    pub smtp_url: Option<Secret<String>>,
    /// The sender of every message: `Name <address>` or an address.
    pub mail_from: String,
    /// Attempts before a message is marked failed.
    pub outbox_max_attempts: u32,
    /// The wait after the first failed attempt; it doubles after each further one (at most 6 h).
    pub outbox_retry_delay: Duration,
    /// How often the sender looks for due messages.
    pub outbox_poll_interval: Duration,
    /// The webhook sender: attempts before a delivery is marked failed, the wait after the
    /// first failed one (doubling, at most 6 h), how often it looks, and how long it waits for
    /// an endpoint's answer.
    pub webhooks: WebhookSettings,
    pub var_dir: PathBuf,
    pub session_idle_timeout: Duration,
    pub session_absolute_timeout: Duration,
    pub login_max_failures: i64,
    pub login_throttle_window: Duration,
    pub db_pool_size: u32,
    pub db_pool_timeout: Duration,
    pub db_statement_timeout: Duration,
    /// DB_POOL_MODE: whether a transaction-pooling PgBouncer stands in front of the database.
    pub db_pool_mode: crate::db::PoolMode,
    pub trust_proxy_headers: bool,
    pub workers: usize,
    /// How long an instance keeps serving after SIGTERM while `/readyz` says it is draining
    /// (see `drain`): DRAIN_SECONDS, 5 in production and 0 locally by default.
    pub drain_period: Duration,
    /// Domain of the per-customer addresses that receive price files.
    pub price_list_email_domain: String,
    /// The vendor's name and address (lines split by ";") on invoices and statements.
    pub vendor_name: String,
    pub vendor_address: String,
    /// Chasing what is owed: the days past due of the three reminders, and the days and the
    /// amount (minor units) overdue that put new orders on invoice on hold.
    pub reminder_days: [i32; 3],
    pub hold_overdue: (i32, i64),
    /// How many requests an API client may make a minute (kept in the settings table, so every
    /// instance counts against the same limit).
    pub api_requests_per_minute: i32,
    /// How often each instance sends the reminders and statements due (None: never).
    pub chase_every: Option<Duration>,
    /// The most an upload on /admin/import may hold, all its files together, in bytes.
    pub import_max_upload_bytes: u64,
    /// Whether `serve` applies pending migrations at start (else `clientele migrate` does, and
    /// serving refuses to start while any is pending).
    pub migrate_on_start: bool,
    /// The language of people who chose none and whose browser asks for none we have.
    pub default_locale: crate::i18n::Lang,
    /// The vendor's time zone: times are shown in it, and "today" is its today.
    pub time_zone: crate::i18n::Zone,
    pub log_format: LogFormat,
    pub metrics: MetricsSettings,
}

#[derive(Debug)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// `APP_ENV`: local (the default) or production.
fn mode(get: &impl Fn(&str) -> Option<String>) -> Result<Mode, ConfigError> {
    match get("APP_ENV").as_deref().map(str::trim) {
        None | Some("local") | Some("development") => Ok(Mode::Local),
        Some("production") => Ok(Mode::Production),
        Some(other) => Err(ConfigError(format!(
            "APP_ENV must be `local` or `production`, not `{other}`"
        ))),
    }
}

/// `LOG_FORMAT`: `text` (the default) or `json`.
fn log_format(get: &impl Fn(&str) -> Option<String>) -> Result<LogFormat, ConfigError> {
    match get("LOG_FORMAT")
        .map(|v| v.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("text") => Ok(LogFormat::Text),
        Some("json") => Ok(LogFormat::Json),
        Some(other) => Err(ConfigError(format!(
            "LOG_FORMAT must be `text` or `json`, not `{other}`"
        ))),
    }
}

/// `METRICS_ADDR` (an address like 127.0.0.1:9090) and `METRICS_TOKEN` (at least 32
/// characters, so that it cannot be guessed), both unset by default.
fn metrics_settings(get: &impl Fn(&str) -> Option<String>) -> Result<MetricsSettings, ConfigError> {
    let addr = match get("METRICS_ADDR") {
        None => None,
        Some(a) => Some(a.trim().parse().map_err(|e| {
            ConfigError(format!(
                "METRICS_ADDR is not an address like 127.0.0.1:9090: {e}"
            ))
        })?),
    };
    let token = match get("METRICS_TOKEN").map(|t| t.trim().to_string()) {
        Some(t) if t.len() < 32 => {
            return Err(ConfigError(
                "METRICS_TOKEN must be at least 32 characters (try `openssl rand -hex 32`)".into(),
            ));
        }
        token => token.map(Secret::new),
    };
    Ok(MetricsSettings { addr, token })
}

/// `BIND_ADDR` and `PUBLIC_URL` (by default the bound address over http).
fn addresses(get: &impl Fn(&str) -> Option<String>) -> Result<(SocketAddr, String), ConfigError> {
    let bind_addr: SocketAddr = get("BIND_ADDR")
        .unwrap_or_else(|| "127.0.0.1:8080".into())
        .parse()
        .map_err(|e| {
            ConfigError(format!(
                "BIND_ADDR is not an address like 127.0.0.1:8080: {e}"
            ))
        })?;
    let public_url = get("PUBLIC_URL")
        .map(|u| u.trim_end_matches('/').to_string())
        .unwrap_or_else(|| format!("http://{bind_addr}"));
    if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
        return Err(ConfigError(
            "PUBLIC_URL must start with http:// or https://".into(),
        ));
    }
    Ok((bind_addr, public_url))
}

/// `SESSION_KEY`: at least 64 characters when set.
fn session_key(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<Secret<Vec<u8>>>, ConfigError> {
    match get("SESSION_KEY") {
        Some(k) if k.len() < 64 => Err(ConfigError(
            "SESSION_KEY must be at least 64 characters (try `openssl rand -hex 64`)".into(),
        )),
        Some(k) => Ok(Some(Secret::new(k.into_bytes()))),
        None => Ok(None),
    }
}

/// Production refuses to start without the settings it cannot guess, or with a sender nobody
/// can answer.
fn production_ready(
    get: &impl Fn(&str) -> Option<String>,
    sends_mail: bool,
    mail_from: &str,
) -> Result<(), ConfigError> {
    let required = [
        ("DATABASE_URL", "DATABASE_URL"),
        (
            "SESSION_KEY",
            "SESSION_KEY (at least 64 characters, e.g. `openssl rand -hex 64`)",
        ),
        ("PUBLIC_URL", "PUBLIC_URL (the https:// address people use)"),
        (
            "SMTP_URL",
            "SMTP_URL (smtp://, smtps:// or smtp://…?tls=required; `none` sends no email at all)",
        ),
    ];
    let missing: Vec<&str> = required
        .iter()
        .filter(|(key, _)| get(key).is_none())
        .map(|(_, name)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(ConfigError(format!(
            "APP_ENV=production needs these settings: {}",
            missing.join(", ")
        )));
    }
    if sends_mail && sender_domain(mail_from).ends_with(".invalid") {
        return Err(ConfigError(format!(
            "MAIL_FROM must be a sender people can answer in production, not `{mail_from}` \
             (an .invalid domain): set MAIL_FROM, e.g. `Example GmbH <crm@example.com>`"
        )));
    }
    Ok(())
}

/// A setting as `Config::from_env` reads it: set and not blank.
pub fn env_value(key: &str) -> Option<String> {
    env::var(key).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    /// Reads `.env` (if present) and then the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(env_value)
    }

    /// LOG_FORMAT alone, read the same way, for logging that starts before the rest is read
    /// (a mistake in it is reported with the rest, in the default format).
    pub fn log_format_from_env() -> LogFormat {
        let _ = dotenvy::dotenv();
        log_format(&env_value).unwrap_or(LogFormat::Text)
    }

    /// Builds the configuration from any key lookup; tests use this to avoid global state.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mode = mode(&get)?;
        let (bind_addr, public_url) = addresses(&get)?;
        let session_key = session_key(&get)?;
        let database_url = get("DATABASE_URL").map(Secret::new);
        let smtp_setting = get("SMTP_URL").map(|u| u.trim().to_string());
        let smtp_url = smtp_setting
            .clone()
            .filter(|u| !u.eq_ignore_ascii_case("none"))
            .map(Secret::new);
        let (default_locale, time_zone) = locale_and_zone(&get)?;
        let mail_from =
            get("MAIL_FROM").unwrap_or_else(|| "Clientele <no-reply@clientele.invalid>".into());
        if mode == Mode::Production {
            production_ready(&get, smtp_url.is_some(), &mail_from)?;
        }
        Ok(Config {
            mode,
            database_url,
            database_read_url: get("DATABASE_READ_URL").map(Secret::new),
            database_read_max_lag: seconds(&get, "DATABASE_READ_MAX_LAG_SECONDS", 10)?,
            bind_addr,
            public_url,
            session_key,
            smtp_url,
            mail_from,
            outbox_max_attempts: number(&get, "OUTBOX_MAX_ATTEMPTS", 10)? as u32,
            outbox_retry_delay: seconds(&get, "OUTBOX_RETRY_SECONDS", 30)?,
            outbox_poll_interval: millis(&get, "OUTBOX_POLL_MILLISECONDS", 1000)?,
            webhooks: webhook_settings(&get)?,
            var_dir: PathBuf::from(get("VAR_DIR").unwrap_or_else(|| "var".into())),
            session_idle_timeout: minutes(number(&get, "SESSION_IDLE_TIMEOUT_MINUTES", 30)?),
            session_absolute_timeout: minutes(
                60 * number(&get, "SESSION_ABSOLUTE_TIMEOUT_HOURS", 12)?,
            ),
            login_max_failures: number(&get, "LOGIN_MAX_FAILURES", 5)? as i64,
            login_throttle_window: minutes(number(&get, "LOGIN_THROTTLE_MINUTES", 15)?),
            db_pool_size: number(&get, "DB_POOL_SIZE", crate::db::default_pool_size() as u64)?
                as u32,
            db_pool_timeout: seconds(&get, "DB_POOL_TIMEOUT_SECONDS", 3)?,
            db_statement_timeout: seconds(&get, "DB_STATEMENT_TIMEOUT_SECONDS", 5)?,
            db_pool_mode: pool_mode(get("DB_POOL_MODE"))?,
            trust_proxy_headers: matches!(
                get("TRUST_PROXY_HEADERS").as_deref(),
                Some("1") | Some("true") | Some("yes")
            ),
            workers: number(&get, "WORKERS", 0)? as usize,
            drain_period: seconds(
                &get,
                "DRAIN_SECONDS",
                if mode == Mode::Production { 5 } else { 0 },
            )?,
            price_list_email_domain: get("PRICE_LIST_EMAIL_DOMAIN")
                .unwrap_or_else(|| "prices.clientele.invalid".into()),
            vendor_name: vendor_name(get("VENDOR_NAME")),
            vendor_address: get("VENDOR_ADDRESS").unwrap_or_default(),
            reminder_days: reminder_days(get("REMINDER_DAYS"))?,
            chase_every: chase_every(get("CHASE_EVERY_SECONDS"))?,
            hold_overdue: hold_overdue(&get)?,
            api_requests_per_minute: number(&get, "API_REQUESTS_PER_MINUTE", 600)?.min(1_000_000)
                as i32,
            import_max_upload_bytes: number(&get, "IMPORT_MAX_UPLOAD_MB", 512)?
                .checked_mul(1024 * 1024)
                .ok_or_else(|| ConfigError("IMPORT_MAX_UPLOAD_MB is too large".into()))?,
            migrate_on_start: boolean(&get, "MIGRATE_ON_START", true)?,
            default_locale,
            time_zone,
            log_format: log_format(&get)?,
            metrics: metrics_settings(&get)?,
        })
    }

    /// True when people reach the portal over TLS, so cookies must be `Secure`.
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// A setting from the process environment; an empty one counts as unset.
/// The domain of a sender written `Name <address>` or `address`, in lower case.
fn sender_domain(from: &str) -> String {
    let address = match (from.rfind('<'), from.rfind('>')) {
        (Some(open), Some(close)) if open < close => &from[open + 1..close],
        _ => from,
    };
    address
        .rsplit_once('@')
        .map(|(_, domain)| domain.trim().trim_end_matches('.').to_ascii_lowercase())
        .unwrap_or_default()
}

fn boolean(
    get: &impl Fn(&str) -> Option<String>,
    key: &str,
    default: bool,
) -> Result<bool, ConfigError> {
    match get(key).as_deref().map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if ["1", "true", "yes", "on"].contains(&v.as_str()) => Ok(true),
        Some(v) if ["0", "false", "no", "off"].contains(&v.as_str()) => Ok(false),
        Some(v) => Err(ConfigError(format!(
            "{key} must be true or false, not `{v}`"
        ))),
    }
}

/// `DEFAULT_LOCALE` (a language the portal speaks; English) and `TIME_ZONE` (IANA; UTC).
fn locale_and_zone(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<(crate::i18n::Lang, crate::i18n::Zone), ConfigError> {
    use crate::i18n::{Lang, Zone};
    let lang = match get("DEFAULT_LOCALE") {
        None => Lang::english(),
        Some(tag) => Lang::parse(&tag).ok_or_else(|| {
            let known: Vec<_> = Lang::all().iter().map(|l| l.code()).collect();
            ConfigError(format!(
                "DEFAULT_LOCALE {tag:?} is not a language the portal speaks ({})",
                known.join(", ")
            ))
        })?,
    };
    let zone = match get("TIME_ZONE") {
        None => Zone::utc(),
        Some(name) => Zone::parse(&name).ok_or_else(|| {
            ConfigError(format!(
                "TIME_ZONE {name:?} is not an IANA time zone such as Europe/Berlin"
            ))
        })?,
    };
    Ok((lang, zone))
}

fn minutes(n: u64) -> Duration {
    Duration::from_secs(60 * n)
}

/// REMINDER_DAYS: three whole numbers of days past due, rising ("7,21,35", the default).
fn reminder_days(value: Option<String>) -> Result<[i32; 3], ConfigError> {
    let Some(text) = value else {
        return Ok([7, 21, 35]);
    };
    let days: Vec<i32> = text
        .split(',')
        .filter_map(|d| d.trim().parse().ok())
        .collect();
    match days[..] {
        [a, b, c] if 0 < a && a < b && b < c && c <= 3650 => Ok([a, b, c]),
        _ => Err(ConfigError(format!(
            "REMINDER_DAYS must be three rising numbers of days, like 7,21,35, not `{text}`"
        ))),
    }
}

/// CHASE_EVERY_SECONDS: how often reminders and statements are sent (300; 0: never).
fn chase_every(value: Option<String>) -> Result<Option<Duration>, ConfigError> {
    match value.map(|v| v.trim().parse::<u64>()) {
        None => Ok(Some(Duration::from_secs(300))),
        Some(Ok(0)) => Ok(None),
        Some(Ok(n)) => Ok(Some(Duration::from_secs(n))),
        Some(Err(_)) => Err(ConfigError(
            "CHASE_EVERY_SECONDS must be a whole number of seconds (0: never)".into(),
        )),
    }
}

/// A positive number of seconds.
fn seconds(
    get: &impl Fn(&str) -> Option<String>,
    key: &str,
    default: u64,
) -> Result<Duration, ConfigError> {
    Ok(Duration::from_secs(number(get, key, default)?))
}

/// A positive number of milliseconds.
fn millis(
    get: &impl Fn(&str) -> Option<String>,
    key: &str,
    default: u64,
) -> Result<Duration, ConfigError> {
    Ok(Duration::from_millis(number(get, key, default)?))
}

/// DB_POOL_MODE: `session` (the default: a direct connection, or a pooler in session mode) or
/// `transaction` (a pooler in transaction mode, such as PgBouncer's `pool_mode = transaction`).
fn pool_mode(value: Option<String>) -> Result<crate::db::PoolMode, ConfigError> {
    let Some(text) = value else {
        return Ok(crate::db::PoolMode::Session);
    };
    crate::db::PoolMode::parse(&text).ok_or_else(|| {
        ConfigError(format!(
            "DB_POOL_MODE must be `session` or `transaction`, not `{text}`"
        ))
    })
}

/// The WEBHOOK_* settings.
fn webhook_settings(get: &impl Fn(&str) -> Option<String>) -> Result<WebhookSettings, ConfigError> {
    Ok(WebhookSettings {
        max_attempts: number(get, "WEBHOOK_MAX_ATTEMPTS", 8)?.max(1) as u32,
        retry_delay: seconds(get, "WEBHOOK_RETRY_SECONDS", 30)?,
        poll: millis(get, "WEBHOOK_POLL_MILLISECONDS", 1000)?,
        timeout: seconds(get, "WEBHOOK_TIMEOUT_SECONDS", 10)?,
    })
}

/// VENDOR_NAME, "Clientele" where it is not set.
fn vendor_name(value: Option<String>) -> String {
    let name = value.filter(|n| !n.trim().is_empty());
    name.unwrap_or_else(|| "Clientele".into())
}

/// CREDIT_HOLD_OVERDUE_DAYS and CREDIT_HOLD_OVERDUE_AMOUNT: what overdue for how long holds.
fn hold_overdue(get: &impl Fn(&str) -> Option<String>) -> Result<(i32, i64), ConfigError> {
    let days = number(get, "CREDIT_HOLD_OVERDUE_DAYS", 45)?.min(36_500) as i32;
    Ok((days, hold_amount(get("CREDIT_HOLD_OVERDUE_AMOUNT"))?))
}

/// CREDIT_HOLD_OVERDUE_AMOUNT: an amount like 100.00 (in minor units, at least 0.01).
fn hold_amount(value: Option<String>) -> Result<i64, ConfigError> {
    let Some(text) = value else { return Ok(1) };
    let cents = crate::i18n::L10n::english()
        .parse_amount(&text)
        .ok()
        .filter(|c| *c > 0);
    cents.ok_or_else(|| {
        ConfigError(format!(
            "CREDIT_HOLD_OVERDUE_AMOUNT must be an amount like 100.00, not `{text}`"
        ))
    })
}

fn number(
    get: &impl Fn(&str) -> Option<String>,
    key: &str,
    default: u64,
) -> Result<u64, ConfigError> {
    match get(key) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| *n > 0 || ["WORKERS", "DRAIN_SECONDS"].contains(&key))
            .ok_or_else(|| {
                ConfigError(format!("{key} must be a positive whole number, not `{v}`"))
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn local_mode_needs_no_settings() {
        let c = config(&[]).unwrap();
        assert_eq!(c.mode, Mode::Local);
        assert_eq!(c.bind_addr.to_string(), "127.0.0.1:8080");
        assert_eq!(c.public_url, "http://127.0.0.1:8080");
        assert_eq!(c.session_idle_timeout, Duration::from_secs(30 * 60));
        assert_eq!(c.session_absolute_timeout, Duration::from_secs(12 * 3600));
        assert_eq!(c.import_max_upload_bytes, 512 * 1024 * 1024);
        assert!(!c.https());
    }

    #[test]
    fn the_default_language_and_zone_are_english_and_utc_and_can_be_set() {
        let c = config(&[]).unwrap();
        assert_eq!(c.default_locale.code(), "en");
        assert_eq!(c.time_zone.name(), "UTC");
        let c = config(&[("DEFAULT_LOCALE", "de-DE"), ("TIME_ZONE", "Europe/Berlin")]).unwrap();
        assert_eq!(c.default_locale.code(), "de");
        assert_eq!(c.time_zone.name(), "Europe/Berlin");
        let err = config(&[("DEFAULT_LOCALE", "xx")]).unwrap_err();
        assert!(err.0.contains("DEFAULT_LOCALE"), "{}", err.0);
        let err = config(&[("TIME_ZONE", "Berlin")]).unwrap_err();
        assert!(err.0.contains("TIME_ZONE"), "{}", err.0);
    }

    #[test]
    fn production_without_a_session_key_is_a_clear_error() {
        let err = config(&[
            ("APP_ENV", "production"),
            ("DATABASE_URL", "postgres://x/y"),
            ("PUBLIC_URL", "https://crm.example.com"),
        ])
        .unwrap_err();
        assert!(err.0.contains("SESSION_KEY"), "{}", err.0);
    }

    const PRODUCTION: [(&str, &str); 4] = [
        ("APP_ENV", "production"),
        ("DATABASE_URL", "postgres://x/y"),
        ("PUBLIC_URL", "https://crm.example.com"),
        (
            "SESSION_KEY",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ),
    ];

    fn production(more: &[(&str, &str)]) -> Result<Config, ConfigError> {
        config(&[&PRODUCTION[..], more].concat())
    }

    #[test]
    fn production_needs_an_smtp_server_or_an_explicit_none() {
        let err = production(&[]).unwrap_err();
        assert!(err.0.contains("SMTP_URL"), "{}", err.0);
        let c = production(&[("SMTP_URL", "none")]).unwrap();
        assert!(c.smtp_url.is_none());
        let c = production(&[
            ("SMTP_URL", "smtp://mail.example.com:587?tls=required"),
            ("MAIL_FROM", "Example GmbH <crm@example.com>"),
        ])
        .unwrap();
        assert!(c.smtp_url.is_some());
    }

    #[test]
    fn production_refuses_a_sender_at_an_invalid_domain() {
        for from in [
            None,
            Some("crm@shop.invalid"),
            Some("Shop <crm@Shop.INVALID>"),
        ] {
            let mut more = vec![("SMTP_URL", "smtp://mail.example.com")];
            if let Some(from) = from {
                more.push(("MAIL_FROM", from));
            }
            let err = production(&more).unwrap_err();
            assert!(err.0.starts_with("MAIL_FROM"), "{}", err.0);
        }
        // Local mode keeps its harmless default.
        assert!(config(&[]).unwrap().mail_from.ends_with(".invalid>"));
    }

    #[test]
    fn migrating_on_start_is_the_default_and_can_be_left_to_the_migrate_command() {
        assert!(config(&[]).unwrap().migrate_on_start);
        assert!(
            !config(&[("MIGRATE_ON_START", "false")])
                .unwrap()
                .migrate_on_start
        );
        assert!(config(&[("MIGRATE_ON_START", "maybe")]).is_err());
    }

    #[test]
    fn the_pool_mode_is_session_unless_a_transaction_pooler_is_named() {
        use crate::db::PoolMode;
        assert_eq!(config(&[]).unwrap().db_pool_mode, PoolMode::Session);
        for (value, mode) in [
            ("session", PoolMode::Session),
            ("transaction", PoolMode::Transaction),
            (" Transaction ", PoolMode::Transaction),
        ] {
            assert_eq!(
                config(&[("DB_POOL_MODE", value)]).unwrap().db_pool_mode,
                mode
            );
        }
        let err = config(&[("DB_POOL_MODE", "statement")]).unwrap_err();
        assert!(err.0.contains("DB_POOL_MODE must be"), "{}", err.0);
    }

    #[test]
    fn the_import_upload_cap_is_in_mebibytes_and_must_be_positive() {
        let c = config(&[("IMPORT_MAX_UPLOAD_MB", "3")]).unwrap();
        assert_eq!(c.import_max_upload_bytes, 3 * 1024 * 1024);
        let err = config(&[("IMPORT_MAX_UPLOAD_MB", "0")]).unwrap_err();
        assert!(err.0.contains("IMPORT_MAX_UPLOAD_MB"), "{}", err.0);
    }

    #[test]
    fn draining_lasts_five_seconds_in_production_none_locally_and_can_be_set() {
        assert_eq!(config(&[]).unwrap().drain_period, Duration::ZERO);
        let c = production(&[("SMTP_URL", "none")]).unwrap();
        assert_eq!(c.drain_period, Duration::from_secs(5));
        let c = production(&[("SMTP_URL", "none"), ("DRAIN_SECONDS", "0")]).unwrap();
        assert_eq!(c.drain_period, Duration::ZERO);
        assert!(config(&[("DRAIN_SECONDS", "soon")]).is_err());
    }

    #[test]
    fn logs_are_text_unless_json_is_asked_for() {
        assert_eq!(config(&[]).unwrap().log_format, LogFormat::Text);
        let c = config(&[("LOG_FORMAT", "JSON")]).unwrap();
        assert_eq!(c.log_format, LogFormat::Json);
        let err = config(&[("LOG_FORMAT", "xml")]).unwrap_err();
        assert!(err.0.contains("LOG_FORMAT"), "{}", err.0);
    }

    #[test]
    fn metrics_are_served_nowhere_unless_an_address_or_a_long_token_is_set() {
        let c = config(&[]).unwrap();
        assert!(c.metrics.addr.is_none() && c.metrics.token.is_none());
        let token = "t".repeat(32);
        let c = config(&[
            ("METRICS_ADDR", "127.0.0.1:9090"),
            ("METRICS_TOKEN", &token),
        ])
        .unwrap();
        assert_eq!(c.metrics.addr.unwrap().to_string(), "127.0.0.1:9090");
        assert_eq!(c.metrics.token.as_ref().unwrap().expose(), &token);
        assert!(!format!("{c:?}").contains(&token), "the token is a secret");
        let err = config(&[("METRICS_TOKEN", "short")]).unwrap_err();
        assert!(err.0.contains("METRICS_TOKEN"), "{}", err.0);
        let err = config(&[("METRICS_ADDR", "9090")]).unwrap_err();
        assert!(err.0.contains("METRICS_ADDR"), "{}", err.0);
    }

    #[test]
    fn the_read_replica_is_off_by_default_and_lags_at_most_ten_seconds() {
        let c = config(&[]).unwrap();
        assert!(c.database_read_url.is_none());
        assert_eq!(c.database_read_max_lag, Duration::from_secs(10));
        let c = config(&[
            ("DATABASE_READ_URL", "postgres://u:hunter2@replica/x"),
            ("DATABASE_READ_MAX_LAG_SECONDS", "3"),
        ])
        .unwrap();
        assert_eq!(
            c.database_read_url.as_ref().map(|u| u.expose().as_str()),
            Some("postgres://u:hunter2@replica/x")
        );
        assert_eq!(c.database_read_max_lag, Duration::from_secs(3));
        assert!(!format!("{c:?}").contains("hunter2"));
        let err = config(&[("DATABASE_READ_MAX_LAG_SECONDS", "0")]).unwrap_err();
        assert!(err.0.contains("DATABASE_READ_MAX_LAG_SECONDS"), "{}", err.0);
    }

    #[test]
    fn a_short_session_key_is_refused() {
        assert!(config(&[("SESSION_KEY", "short")]).is_err());
    }

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let c = config(&[
            ("DATABASE_URL", "postgres://u:hunter2@db/x"),
            ("SESSION_KEY", &"k".repeat(64)),
        ])
        .unwrap();
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("hunter2") && !shown.contains("kkkk"),
            "{shown}"
        );
    }
}
