//! The commands of the `clientele` program (`src/main.rs` parses the command line and calls
//! these): serve, migrate, staff add, demo, generate, import.

use crate::{
    auth::password,
    config::{Config, Mode},
    models::access::{
        staff::{NewStaff, Role, Staff},
        staff_account::{self, Access, Actor},
    },
    startup::{self, Application, BoxError},
    tools::demo,
};
use std::io::{BufRead, IsTerminal};
use std::path::Path;

/// `clientele generate`: needs no database and no configuration.
pub fn generate(customers: usize, orders: usize, out: &Path) -> Result<(), BoxError> {
    let g = crate::tools::generate::generate(customers, orders, out)?;
    println!(
        "Wrote {} customers, {} addresses and {} orders to {}",
        g.customers,
        g.addresses,
        g.orders,
        out.display()
    );
    Ok(())
}

/// `clientele migrate` (and, behind a transaction pooler, the role's limits).
pub fn migrate(config: &Config) -> Result<(), BoxError> {
    with_database(config, |url| startup::set_role_limits(config, url))
}

/// `clientele staff add`: the password comes from the terminal or standard input, never from
/// the command line.
pub fn staff_add(
    config: &Config,
    email: &str,
    name: &str,
    roles: &[Role],
    salesperson: bool,
) -> Result<(), BoxError> {
    with_database(config, |url| {
        add_staff(config, url, email, name, roles, salesperson)
    })
}

/// `clientele staff list`: every account, one a line.
pub fn staff_list(config: &Config) -> Result<(), BoxError> {
    with_database(config, |url| {
        let mut conn = startup::connect(config, url)?;
        for s in Staff::all(&mut conn)? {
            let mut flags = Vec::new();
            if s.is_salesperson {
                flags.push("salesperson");
            }
            if s.limited_to_own_customers {
                flags.push("limited to own customers");
            }
            let status = match s.status() {
                crate::models::access::staff::StaffStatus::Invited => "invited",
                crate::models::access::staff::StaffStatus::Active => "active",
                crate::models::access::staff::StaffStatus::Deactivated => "deactivated",
            };
            println!(
                "{}\t{}\t{}\t{}\t{status}",
                s.email,
                s.name,
                s.role_codes(),
                flags.join(", ")
            );
        }
        Ok(())
    })
}

/// The account with this email, or an error that says there is none.
fn account(conn: &mut diesel::PgConnection, email: &str) -> Result<Staff, BoxError> {
    Staff::find_by_email(conn, email)?
        .ok_or_else(|| BoxError::from(format!("there is no staff account with the email {email}")))
}

/// `clientele staff set-password EMAIL`: the password comes from the terminal or standard
/// input, never from the command line; the account's sessions and links end.
pub fn staff_set_password(config: &Config, email: &str) -> Result<(), BoxError> {
    with_database(config, |url| {
        let mut conn = startup::connect(config, url)?;
        let staff = account(&mut conn, email)?;
        let secret = read_password()?;
        password::check_policy(&secret).map_err(|m| m.to_string())?;
        let hash = password::hash(&secret)?;
        use diesel::Connection;
        conn.transaction(|conn| {
            staff_account::set_password(conn, staff.id, &hash, Actor::CommandLine)
        })?;
        println!("Set the password of {} <{}>", staff.name, staff.email);
        if !staff.active {
            println!("The account is deactivated: reactivate it to sign in with it.");
        }
        Ok(())
    })
}

/// `clientele staff roles EMAIL [ROLE…]`: the account's roles, and its flags when given.
pub fn staff_roles(
    config: &Config,
    email: &str,
    roles: &[Role],
    (salesperson, limited): (Option<bool>, Option<bool>),
) -> Result<(), BoxError> {
    with_database(config, |url| {
        let mut conn = startup::connect(config, url)?;
        let staff = account(&mut conn, email)?;
        let access = Access {
            roles: roles.to_vec(),
            salesperson: salesperson.unwrap_or(staff.is_salesperson),
            limited: limited.unwrap_or(staff.limited_to_own_customers),
        };
        use diesel::Connection;
        let changed = conn
            .transaction(|conn| {
                staff_account::change_access(conn, staff.id, &access, Actor::CommandLine)
            })
            .map_err(|e| BoxError::from(e.public_message().to_string()))?;
        println!(
            "{} <{}> now has roles: {}",
            changed.name,
            changed.email,
            changed.role_labels()
        );
        Ok(())
    })
}

/// `clientele demo`: never in production.
pub fn demo(config: &Config) -> Result<(), BoxError> {
    if config.mode == Mode::Production {
        return Err(BoxError::from(
            "`clientele demo` refuses to run with APP_ENV=production: its accounts share one \
             printed password and its customers are made up",
        ));
    }
    with_database(config, |url| {
        let mut conn = startup::connect(config, url)?;
        let login = demo::load(&mut conn, &config.public_url)?;
        remember_demo_login(config, &login);
        println!(
            "Demo data loaded. Sign in as {} with the password {}; the customer portal \
             (/portal/login) as {} with the same password; a salesperson who sees only their \
             own customers as {}, alike",
            login.email, login.password, login.portal_email, login.limited_email
        );
        Ok(())
    })
}

/// `clientele import DIR`, with a progress bar on a terminal.
pub fn import(config: &Config, dir: &Path) -> Result<(), BoxError> {
    with_database(config, |url| {
        let mut conn = startup::connect(config, url)?;
        let options = crate::import::ImportOptions {
            price_list_email_domain: &config.price_list_email_domain,
            bulk_from_rows: crate::import::BULK_FROM_ROWS,
        };
        let started = std::time::Instant::now();
        let present: Vec<&str> = crate::import::FILES
            .into_iter()
            .filter(|f| dir.join(f).is_file())
            .collect();
        let bar = crate::import::progress::Bar::new(&present, std::io::stderr().is_terminal());
        let outcome =
            crate::import::import_dir(&mut conn, dir, &options, &mut |line| bar.step(line));
        bar.finish();
        for r in outcome? {
            println!("{r}");
        }
        println!(
            "Import finished in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        Ok(())
    })
}

/// Finds (or starts) the database, migrates it, runs `f`, and stops a cluster it started.
fn with_database(
    config: &Config,
    f: impl FnOnce(&str) -> Result<(), BoxError>,
) -> Result<(), BoxError> {
    let database = startup::database(config)?;
    let applied = startup::migrate(&database.url)?;
    if applied > 0 {
        log::info!("applied {applied} migration(s)");
    }
    f(&database.url)
}

/// `clientele serve` (and `clientele` alone).
pub fn serve(config: Config) -> Result<(), BoxError> {
    log::info!(
        "{}",
        crate::settings::report(&config, crate::config::env_value)
    );
    let database = startup::database(&config)?;
    startup::prepare_schema(&config, &database.url)?;
    if config.mode == Mode::Production && config.smtp_url.is_none() {
        log::warn!(
            "SMTP_URL=none: no email leaves this portal; messages wait unsent at /admin/outbox"
        );
    }
    let local_demo = config.mode == Mode::Local && database.cluster.is_some();
    if local_demo {
        let mut conn = startup::connect(&config, &database.url)?;
        if demo::is_empty(&mut conn)? {
            let login = demo::load(&mut conn, &config.public_url)?;
            remember_demo_login(&config, &login);
            log::info!("loaded the demo data set");
        }
    }
    let key = startup::session_key(&config)?;
    let public_url = config.public_url.clone();
    let pool = startup::pool(&config, &database.url);
    let demo_login = if local_demo {
        std::fs::read_to_string(config.var_dir.join("demo-login.txt")).ok()
    } else {
        None
    };

    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(config, pool, key)?;
        println!();
        println!("  Clientele is running at {public_url}");
        if let Some(login) = demo_login {
            let mut lines = login.lines();
            if let Some(staff) = lines.next() {
                println!("  Demo sign-in: {}", staff.trim());
            }
            for more in lines {
                println!("  {}", more.trim());
            }
        }
        println!("  Stop it with Ctrl-C.");
        println!();
        app.run_until_stopped().await
    })?;
    // Dropping the database stops the private cluster if this process started it.
    drop(database);
    Ok(())
}

fn remember_demo_login(config: &Config, login: &demo::DemoLogin) {
    if config.mode == Mode::Local {
        let _ = std::fs::create_dir_all(&config.var_dir);
        let text = format!(
            "{} / {}\nCustomer portal (/portal/login): {} / {}\n\
             Salesperson, own customers only: {} / {}\n",
            login.email,
            login.password,
            login.portal_email,
            login.password,
            login.limited_email,
            login.password
        );
        let _ = startup::write_private(&config.var_dir.join("demo-login.txt"), &text);
    }
}

fn add_staff(
    config: &Config,
    url: &str,
    email: &str,
    name: &str,
    roles: &[Role],
    salesperson: bool,
) -> Result<(), BoxError> {
    let email = crate::domain::EmailAddress::parse(email)
        .map_err(|e| format!("--email must be an email address: {e}"))?;
    let email = email.as_str();
    if name.trim().is_empty() {
        return Err("--name must not be empty".into());
    }
    let secret = read_password()?;
    password::check_policy(&secret).map_err(|m| m.to_string())?;
    let hash = password::hash(&secret)?;
    let mut conn = startup::connect(config, url)?;
    let new = NewStaff::new(email, name, hash, roles, salesperson);
    let staff = staff_account::add(&mut conn, &new).map_err(|e| match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => BoxError::from(format!(
            "a staff account with the email {email} exists already"
        )),
        other => other.into(),
    })?;
    println!(
        "Added {} <{}> with roles: {}",
        staff.name,
        staff.email,
        staff.role_labels()
    );
    Ok(())
}

/// Asks twice on a terminal (without echo); otherwise reads one line from stdin.
fn read_password() -> Result<String, BoxError> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            return Err("the two passwords differ".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}
