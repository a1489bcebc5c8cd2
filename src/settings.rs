//! The one list of every setting Clientele reads, with its default as people are shown it, what it
//! means and whether it is secret. `clientele --help` prints it, `serve` reports the values it
//! runs with from it (secrets masked), and tests hold `config.rs`, the README's table and
//! `deploy/clientele.env.example` to it.

use crate::config::{Config, Mode};

/// What a setting is when it is not set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Initial {
    /// This value.
    Value(&'static str),
    /// Nothing; the text says what that means.
    Unset(&'static str),
    /// Worked out at start (the text says how).
    Derived(&'static str),
}

#[derive(Clone, Copy, Debug)]
pub struct Setting {
    pub name: &'static str,
    pub initial: Initial,
    pub meaning: &'static str,
    /// Never shown: a URL's password is masked, anything else is only "set".
    pub secret: bool,
}

const fn plain(name: &'static str, initial: Initial, meaning: &'static str) -> Setting {
    Setting {
        name,
        initial,
        meaning,
        secret: false,
    }
}

const fn secret(name: &'static str, initial: Initial, meaning: &'static str) -> Setting {
    Setting {
        name,
        initial,
        meaning,
        secret: true,
    }
}

use Initial::{Derived, Unset, Value};

/// Every setting, in the README's order.
#[rustfmt::skip]
pub const SETTINGS: &[Setting] = &[
    plain("APP_ENV", Value("local"), "`production` requires DATABASE_URL, SESSION_KEY, PUBLIC_URL and SMTP_URL"),
    secret("DATABASE_URL", Unset("a private cluster under VAR_DIR"), "the PostgreSQL URL (the primary)"),
    secret("DATABASE_READ_URL", Unset("every read goes to DATABASE_URL"), "a streaming replica for exports, API lists and statements"),
    plain("DATABASE_READ_MAX_LAG_SECONDS", Value("10"), "a replica further behind than this is skipped for the primary"),
    plain("DB_POOL_MODE", Value("session"), "`transaction` behind PgBouncer in transaction pooling mode"),
    plain("BIND_ADDR", Value("127.0.0.1:8080"), "the address and port to listen on"),
    plain("PUBLIC_URL", Derived("http:// + BIND_ADDR"), "the address people use; https:// makes cookies Secure"),
    secret("SESSION_KEY", Unset("local: generated once into VAR_DIR/session.key"), "at least 64 characters; the same on every instance"),
    secret("SMTP_URL", Unset("local: nothing is sent"), "outgoing mail server (smtp://, smtps://); `none` sends no email"),
    plain("MAIL_FROM", Value("Clientele <no-reply@clientele.invalid>"), "the sender of every message"),
    plain("MIGRATE_ON_START", Value("true"), "`false`: `clientele migrate` is a release step, serving waits for it"),
    plain("DRAIN_SECONDS", Derived("5 in production, 0 locally"), "after SIGTERM, keep serving this long while /readyz answers 503 draining"),
    plain("OUTBOX_MAX_ATTEMPTS", Value("10"), "attempts before an email is marked failed"),
    plain("OUTBOX_RETRY_SECONDS", Value("30"), "the wait after a first failed email; doubles each time, at most 6 h"),
    plain("OUTBOX_POLL_MILLISECONDS", Value("1000"), "how often the email sender looks for due messages"),
    plain("WEBHOOK_MAX_ATTEMPTS", Value("8"), "attempts before a webhook delivery is marked failed"),
    plain("WEBHOOK_RETRY_SECONDS", Value("30"), "the wait after a first failed delivery; doubles, at most 6 h"),
    plain("WEBHOOK_POLL_MILLISECONDS", Value("1000"), "how often the webhook sender looks for due deliveries"),
    plain("WEBHOOK_TIMEOUT_SECONDS", Value("10"), "how long the webhook sender waits for an endpoint"),
    plain("RUST_LOG", Value("info"), "log filter, e.g. clientele=debug,actix_web=info"),
    plain("LOG_FORMAT", Value("text"), "`json`: one JSON object per log line"),
    plain("METRICS_ADDR", Unset("/metrics is served on BIND_ADDR, behind METRICS_TOKEN"), "a separate address for /metrics"),
    secret("METRICS_TOKEN", Unset("no token"), "the bearer token /metrics asks for"),
    plain("VAR_DIR", Value("var"), "local state: the private cluster, the session key, the demo sign-in"),
    plain("SESSION_IDLE_TIMEOUT_MINUTES", Value("30"), "a session ends after this long without a request"),
    plain("SESSION_ABSOLUTE_TIMEOUT_HOURS", Value("12"), "and this long after sign-in, however busy"),
    plain("LOGIN_MAX_FAILURES", Value("5"), "failed sign-ins (per account and address) that pause sign-in"),
    plain("LOGIN_THROTTLE_MINUTES", Value("15"), "the window those failures are counted in"),
    plain("DB_POOL_SIZE", Derived("twice the CPU cores"), "database work at once for pages (two more connections for jobs)"),
    plain("DB_POOL_TIMEOUT_SECONDS", Value("3"), "how long a request waits for a connection before a 503"),
    plain("DB_STATEMENT_TIMEOUT_SECONDS", Value("5"), "the longest a statement may run (also the lock timeout)"),
    plain("TRUST_PROXY_HEADERS", Value("false"), "take client addresses from X-Forwarded-For (behind your proxy)"),
    plain("WORKERS", Value("0"), "HTTP worker threads; 0: one per CPU core"),
    plain("PRICE_LIST_EMAIL_DOMAIN", Value("prices.clientele.invalid"), "domain of the addresses that receive price files"),
    plain("VENDOR_NAME", Value("Clientele"), "the vendor's name on invoices and statements"),
    plain("VENDOR_ADDRESS", Unset("no address"), "the vendor's address under it, lines separated by `;`"),
    plain("REMINDER_DAYS", Value("7,21,35"), "days past due of the three reminders"),
    plain("CREDIT_HOLD_OVERDUE_DAYS", Value("45"), "debts overdue this many days…"),
    plain("CREDIT_HOLD_OVERDUE_AMOUNT", Value("0.01"), "…of at least this much put new orders on invoice on hold"),
    plain("API_REQUESTS_PER_MINUTE", Value("600"), "requests each API client may make a minute"),
    plain("CHASE_EVERY_SECONDS", Value("300"), "how often reminders and statements are sent; 0: never"),
    plain("DEFAULT_LOCALE", Value("en"), "the language of people who chose none (en or de)"),
    plain("TIME_ZONE", Value("UTC"), "the vendor's time zone (IANA, e.g. Europe/Berlin)"),
    plain("IMPORT_MAX_UPLOAD_MB", Value("512"), "the most one upload on /admin/import may hold, in MiB"),
];

/// The settings as `--help` lists them, after the commands.
pub fn help() -> String {
    let mut text = String::from(
        "Settings, from the environment or a .env file in the working directory, with their\n\
         defaults (README.md and docs/operations.md say more):\n",
    );
    for s in SETTINGS {
        let default = match s.initial {
            Value(v) => format!("={v}"),
            Unset(what) => format!(" (unset: {what})"),
            Derived(how) => format!(" ({how})"),
        };
        let secret = if s.secret { " [secret]" } else { "" };
        text.push_str(&format!(
            "  {}{default}{secret}\n      {}\n",
            s.name, s.meaning
        ));
    }
    text
}

/// One line for the log at start: every setting with the value this process runs with, secrets
/// masked (a URL's password as `***`, a key only as "set" or "generated"). `lookup` reads a
/// setting as `Config::from_lookup` did.
pub fn report(config: &Config, lookup: impl Fn(&str) -> Option<String>) -> String {
    let values: Vec<String> = SETTINGS
        .iter()
        .map(|s| {
            let value = effective(config, s.name)
                .or_else(|| lookup(s.name).map(|v| shown(s, &v)))
                .unwrap_or_else(|| match s.initial {
                    Value(v) => v.to_string(),
                    Unset(_) => "(unset)".into(),
                    Derived(how) => format!("({how})"),
                });
            format!("{}={}", s.name, quoted(&value))
        })
        .collect();
    format!("settings: {}", values.join(" "))
}

/// The values `Config` worked out itself (or that are secret and need saying how they stand).
fn effective(config: &Config, name: &str) -> Option<String> {
    let setting = SETTINGS.iter().find(|s| s.name == name)?;
    Some(match name {
        "APP_ENV" => match config.mode {
            Mode::Local => "local".into(),
            Mode::Production => "production".into(),
        },
        "DATABASE_URL" => match &config.database_url {
            Some(url) => shown(setting, url.expose()),
            None => format!(
                "(private cluster under {}/postgres)",
                config.var_dir.display()
            ),
        },
        "SESSION_KEY" => match config.session_key {
            Some(_) => "set".into(),
            None => "generated".into(),
        },
        "SMTP_URL" => match &config.smtp_url {
            Some(url) => shown(setting, url.expose()),
            None if config.mode == Mode::Production => "none".into(),
            None => "(unset: nothing is sent)".into(),
        },
        "BIND_ADDR" => config.bind_addr.to_string(),
        "PUBLIC_URL" => config.public_url.clone(),
        "DB_POOL_SIZE" => config.db_pool_size.to_string(),
        "DRAIN_SECONDS" => config.drain_period.as_secs().to_string(),
        "WORKERS" if config.workers == 0 => format!(
            "0 ({} cores)",
            std::thread::available_parallelism().map_or(1, |n| n.get())
        ),
        _ => return None,
    })
}

/// A value as the report may show it.
fn shown(setting: &Setting, value: &str) -> String {
    if !setting.secret {
        return value.to_string();
    }
    if value.contains("://") || value.contains("password=") {
        mask_password(value)
    } else {
        "set".into()
    }
}

/// A URL (or libpq key=value string) with its password, wherever it is, replaced by `***`.
pub fn mask_password(url: &str) -> String {
    let mut masked = url.to_string();
    if let Some(scheme_end) = url.find("://") {
        let rest = &url[scheme_end + 3..];
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        if let Some(at) = rest[..authority_end].rfind('@')
            && let Some(colon) = rest[..at].find(':')
        {
            let start = scheme_end + 3 + colon + 1;
            masked.replace_range(start..scheme_end + 3 + at, "***");
        }
    }
    let mut out = String::with_capacity(masked.len());
    let mut rest = masked.as_str();
    while let Some(i) = rest.find("password=") {
        let value_start = i + "password=".len();
        out.push_str(&rest[..value_start]);
        out.push_str("***");
        let value = &rest[value_start..];
        rest = &value[value.find(['&', ' ', '#']).unwrap_or(value.len())..];
    }
    out.push_str(rest);
    out
}

fn quoted(value: &str) -> String {
    if value.is_empty() || value.contains([' ', '"']) {
        format!("{value:?}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn names() -> Vec<&'static str> {
        SETTINGS.iter().map(|s| s.name).collect()
    }

    /// The keys config.rs reads: `get("X")` and the helpers' `number(&get, "X"` and the like.
    fn keys_read_by_config() -> Vec<String> {
        let source = include_str!("config.rs");
        let code = &source[..source.find("#[cfg(test)]").unwrap_or(source.len())];
        let mut keys = Vec::new();
        for opening in ["get(\"", "get, \""] {
            for (i, _) in code.match_indices(opening) {
                let rest = &code[i + opening.len()..];
                let key = &rest[..rest.find('"').unwrap()];
                keys.push(key.to_string());
            }
        }
        assert!(keys.len() > 30, "the scan finds config.rs's keys: {keys:?}");
        keys
    }

    #[test]
    fn every_key_the_configuration_reads_is_in_the_list() {
        let listed = names();
        for key in keys_read_by_config() {
            assert!(listed.contains(&key.as_str()), "{key} is not in SETTINGS");
        }
        // And what it asks for when run, in either mode.
        for mode in ["local", "production"] {
            let asked = std::sync::Mutex::new(Vec::new());
            let _ = Config::from_lookup(|k| {
                asked.lock().unwrap().push(k.to_string());
                (k == "APP_ENV").then(|| mode.to_string())
            });
            for key in asked.into_inner().unwrap() {
                assert!(listed.contains(&key.as_str()), "{key} is not in SETTINGS");
            }
        }
    }

    #[test]
    fn each_setting_is_listed_once() {
        let mut listed = names();
        listed.sort();
        let before = listed.len();
        listed.dedup();
        assert_eq!(before, listed.len());
    }

    /// The names in the first column of README.md's "## Settings" table.
    fn readme_table() -> Vec<String> {
        let readme = include_str!("../README.md");
        let section = readme
            .split("\n## Settings\n")
            .nth(1)
            .expect("a Settings section");
        let section = section.split("\n## ").next().unwrap();
        section
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .map(|l| l[..l.find('`').unwrap()].to_string())
            .collect()
    }

    #[test]
    fn the_readme_table_names_every_setting_once_and_nothing_else() {
        let table = readme_table();
        for name in names() {
            let rows = table.iter().filter(|n| *n == name).count();
            assert_eq!(
                rows, 1,
                "{name} is in README.md's Settings table {rows} times"
            );
        }
        for name in &table {
            assert!(
                names().contains(&name.as_str()),
                "README.md names {name}, not in SETTINGS"
            );
        }
    }

    #[test]
    fn the_deployment_settings_file_names_every_setting() {
        let example = include_str!("../deploy/clientele.env.example");
        for name in names() {
            assert!(
                example.lines().any(|l| {
                    let l = l.trim_start_matches(['#', ' ']);
                    l.starts_with(name) && l[name.len()..].starts_with('=')
                }),
                "deploy/clientele.env.example lacks {name}"
            );
        }
    }

    #[test]
    fn passwords_in_urls_are_masked_wherever_they_are() {
        assert_eq!(
            mask_password("postgresql://clientele:hunter2@db:5432/clientele"),
            "postgresql://clientele:***@db:5432/clientele"
        );
        assert_eq!(
            mask_password("postgres://u:p@ss:w@rd@db/x?sslmode=require"),
            "postgres://u:***@db/x?sslmode=require"
        );
        assert_eq!(
            mask_password("postgresql:///x?host=/run&password=hunter2&user=u"),
            "postgresql:///x?host=/run&password=***&user=u"
        );
        assert_eq!(
            mask_password("host=db password=hunter2 dbname=x"),
            "host=db password=*** dbname=x"
        );
        assert_eq!(
            mask_password("smtp://mail.example.com:25"),
            "smtp://mail.example.com:25"
        );
    }

    #[test]
    fn the_report_shows_effective_values_and_never_a_secret() {
        let key = "k".repeat(64);
        let env: HashMap<&str, &str> = [
            (
                "DATABASE_URL",
                "postgresql://clientele:hunter2@db/clientele",
            ),
            ("SESSION_KEY", key.as_str()),
            ("SMTP_URL", "smtp://mailer:s3cret@mail.example.com:587"),
            ("METRICS_TOKEN", "tok-very-secret"),
            ("MAIL_FROM", "Example GmbH <crm@example.com>"),
            ("DB_POOL_SIZE", "7"),
        ]
        .into();
        let lookup = |k: &str| env.get(k).map(|v| v.to_string());
        let config = Config::from_lookup(lookup).unwrap();
        let line = report(&config, lookup);
        for hidden in ["hunter2", "kkkk", "s3cret", "tok-very-secret"] {
            assert!(!line.contains(hidden), "{line}");
        }
        for shown in [
            "DATABASE_URL=postgresql://clientele:***@db/clientele",
            "SESSION_KEY=set",
            "SMTP_URL=smtp://mailer:***@mail.example.com:587",
            "METRICS_TOKEN=set",
            "MAIL_FROM=\"Example GmbH <crm@example.com>\"",
            "DB_POOL_SIZE=7",
            "BIND_ADDR=127.0.0.1:8080",
            "PUBLIC_URL=http://127.0.0.1:8080",
            "OUTBOX_MAX_ATTEMPTS=10",
            "DATABASE_READ_URL=(unset)",
        ] {
            assert!(line.contains(shown), "{shown} in {line}");
        }
        let local = Config::from_lookup(|_| None).unwrap();
        let line = report(&local, |_| None);
        assert!(line.contains("SESSION_KEY=generated"), "{line}");
        assert!(!line.contains('\n'), "one line: {line}");
    }

    #[test]
    fn help_lists_every_setting_with_its_default() {
        let help = help();
        for s in SETTINGS {
            assert!(help.contains(&format!("  {}", s.name)), "{}", s.name);
        }
        assert!(help.contains("  BIND_ADDR=127.0.0.1:8080\n"), "{help}");
        assert!(
            help.contains("  SESSION_KEY (unset: local: generated"),
            "{help}"
        );
    }
}
