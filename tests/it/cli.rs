//! The `clientele` command itself: subcommands, the embedded database, demo data, SIGTERM.

use crate::helpers::{TestClient, TestDb};
use actix_web::http::StatusCode;
use clientele::{auth::password, models::access::staff::Staff};
use std::{
    io::{BufRead, BufReader, Write},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

const BIN: &str = env!("CARGO_BIN_EXE_clientele");

pub fn clientele(args: &[&str], env: &[(&str, &str)]) -> Command {
    configured(Command::new(BIN), args, env)
}

/// `cmd` (the program, or what runs it) with the arguments and settings of a test run.
fn configured(mut cmd: Command, args: &[&str], env: &[(&str, &str)]) -> Command {
    cmd.args(args)
        .env_remove("DATABASE_URL")
        .env_remove("APP_ENV")
        .env_remove("SESSION_KEY")
        .env("RUST_LOG", "info");
    // Run from an empty directory so no developer .env leaks in.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-cwd");
    std::fs::create_dir_all(&dir).unwrap();
    cmd.current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Runs the command with `input` on its standard input and waits for it.
pub fn run_with_input(mut cmd: Command, input: &str) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn staff_add_reads_the_password_from_stdin_and_never_from_the_command_line() {
    let db = TestDb::new();
    let out = run_with_input(
        clientele(
            &[
                "staff",
                "add",
                "--email",
                "Kim@Example.com",
                "--name",
                "Kim Ito",
                "--role",
                "admin",
                "--salesperson",
            ],
            &[("DATABASE_URL", &db.url)],
        ),
        "a long enough passphrase\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kim = Staff::find_by_email(&mut db.connect(), "kim@example.com")
        .unwrap()
        .unwrap();
    assert_eq!(kim.name, "Kim Ito");
    assert!(kim.is_salesperson);
    assert_eq!(kim.role_labels(), "Staff, Administrator");
    let hash = kim.password_hash.as_deref().unwrap();
    assert!(password::verify("a long enough passphrase", hash));
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));

    // The same email again, in another case, is refused.
    let out = run_with_input(
        clientele(
            &["staff", "add", "--email", "kim@example.COM", "--name", "K"],
            &[("DATABASE_URL", &db.url)],
        ),
        "another long passphrase\n",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists already"));
}

#[test]
fn staff_add_refuses_a_short_password_and_writes_nothing() {
    let db = TestDb::new();
    let out = run_with_input(
        clientele(
            &[
                "staff",
                "add",
                "--email",
                "kim@example.com",
                "--name",
                "Kim",
            ],
            &[("DATABASE_URL", &db.url)],
        ),
        "short\n",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 12 characters"));
    assert!(
        Staff::find_by_email(&mut db.connect(), "kim@example.com")
            .unwrap()
            .is_none()
    );
}

#[test]
fn migrate_and_demo_work_against_database_url() {
    let db = TestDb::new();
    let out = clientele(&["migrate"], &[("DATABASE_URL", &db.url)])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Never in production: the demo's accounts share one printed password.
    let out = clientele(
        &["demo"],
        &[
            ("DATABASE_URL", &db.url),
            ("APP_ENV", "production"),
            ("SESSION_KEY", &"k".repeat(64)),
            ("PUBLIC_URL", "https://x.example"),
            ("SMTP_URL", "none"),
        ],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`clientele demo` refuses to run with APP_ENV=production"),
        "{err}"
    );
    assert_eq!(Staff::count(&mut db.connect()).unwrap(), 0);
    let out = clientele(&["demo"], &[("DATABASE_URL", &db.url)])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("Sign in as admin@example.com with the password demo-")
    );
    assert!(
        Staff::find_by_email(&mut db.connect(), "admin@example.com")
            .unwrap()
            .is_some()
    );
}

#[test]
fn production_mode_without_a_session_key_is_a_clear_start_up_error() {
    let out = clientele(
        &["serve"],
        &[
            ("APP_ENV", "production"),
            ("DATABASE_URL", "postgres://x/y"),
            ("PUBLIC_URL", "https://crm.example.com"),
        ],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SESSION_KEY"), "{err}");
}

#[test]
fn three_processes_migrating_one_fresh_database_at_once_apply_each_migration_once() {
    let db = TestDb::empty();
    let children: Vec<Child> = (0..3)
        .map(|_| {
            clientele(&["migrate"], &[("DATABASE_URL", &db.url)])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<std::process::Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for out in &outputs {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let applied: Vec<String> = outputs
        .iter()
        .filter_map(|o| {
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .find(|l| l.contains("migration(s)"))
                .map(String::from)
        })
        .collect();
    assert_eq!(applied.len(), 1, "one process migrated: {applied:?}");
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Counts {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        versions: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        distinct_versions: i64,
    }
    let c: Counts = diesel::sql_query(
        "SELECT count(*) AS versions, count(DISTINCT version) AS distinct_versions FROM __diesel_schema_migrations",
    )
    .get_result(&mut db.connect())
    .unwrap();
    assert_eq!(c.versions, c.distinct_versions);
    assert_eq!(
        c.versions as usize,
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().join("up.sql").exists())
            .count()
    );
}

#[test]
fn without_migrating_on_start_serving_waits_for_the_migrate_command() {
    let db = TestDb::empty();
    let port = free_port();
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("BIND_ADDR", &format!("127.0.0.1:{port}")),
        ("MIGRATE_ON_START", "false"),
    ];
    let out = clientele(&["serve"], &env).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("migration(s) and MIGRATE_ON_START=false: run `clientele migrate` first"),
        "{err}"
    );
    let out = clientele(&["migrate"], &[("DATABASE_URL", &db.url)])
        .output()
        .unwrap();
    assert!(out.status.success());
    let served = Served::start_with(&env);
    served.wait_for("Clientele is running at", Duration::from_secs(30));
    served.wait_until_answering(port);
    let (status, output) = served.terminate();
    assert!(status.success(), "{output}");
}

#[test]
fn production_does_not_run_silently_without_email() {
    let db = TestDb::new();
    let key = "k".repeat(64);
    let production = [
        ("APP_ENV", "production"),
        ("DATABASE_URL", db.url.as_str()),
        ("SESSION_KEY", key.as_str()),
        ("PUBLIC_URL", "https://crm.example.com"),
    ];
    let out = clientele(&["serve"], &production).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SMTP_URL"), "{err}");

    let with_smtp = [&production[..], &[("SMTP_URL", "smtp://127.0.0.1:1")]].concat();
    let out = clientele(&["serve"], &with_smtp).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("MAIL_FROM"), "{err}");

    // Opting out on purpose starts, and says so at once.
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let opted_out = [
        &production[..],
        &[("SMTP_URL", "none"), ("BIND_ADDR", bind.as_str())],
    ]
    .concat();
    let served = Served::start_with(&opted_out);
    served.wait_for("no email leaves this portal", Duration::from_secs(30));
    served.wait_until_answering(port);
    let (status, _) = served.terminate();
    assert!(status.success());
}

#[test]
fn a_dotenv_file_in_the_working_directory_is_honoured() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("dotenv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(".env"),
        "APP_ENV=production\nBIND_ADDR=127.0.0.1:1\n",
    )
    .unwrap();
    let out = clientele(&["serve"], &[])
        .current_dir(&dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("APP_ENV=production needs") && err.contains("DATABASE_URL"),
        "{err}"
    );
}

#[test]
fn with_database_url_set_serving_loads_no_demo_data() {
    let db = TestDb::new();
    let port = free_port();
    let served = Served::start_with(&[
        ("DATABASE_URL", &db.url),
        ("BIND_ADDR", &format!("127.0.0.1:{port}")),
    ]);
    served.wait_for("Clientele is running at", Duration::from_secs(30));
    served.wait_until_answering(port);
    let (status, output) = served.terminate();
    assert!(status.success(), "{output}");
    assert!(!output.contains("Demo sign-in"), "{output}");
    assert_eq!(Staff::count(&mut db.connect()).unwrap(), 0);
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `clientele serve` whose output is collected.
pub(crate) struct Served {
    child: Child,
    output: Arc<Mutex<Vec<String>>>,
}

impl Served {
    fn start(var_dir: &std::path::Path, port: u16) -> Served {
        Self::start_with(&[
            ("VAR_DIR", var_dir.to_str().unwrap()),
            ("BIND_ADDR", &format!("127.0.0.1:{port}")),
        ])
    }

    pub(crate) fn start_with(env: &[(&str, &str)]) -> Served {
        Self::spawn(clientele(&["serve"], env))
    }

    fn spawn(mut cmd: Command) -> Served {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let output = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    output.lock().unwrap().push(line);
                }
            });
        }
        Served { child, output }
    }

    pub(crate) fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Some(line) = self
                .output
                .lock()
                .unwrap()
                .iter()
                .find(|l| l.contains(needle))
            {
                return line.clone();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "`{needle}` did not appear; output:\n{}",
            self.output.lock().unwrap().join("\n")
        );
    }

    /// Waits until /healthz answers: by then the server runs, with its signal handlers in place
    /// (a SIGTERM sent earlier would meet the default action and kill the process).
    pub(crate) fn wait_until_answering(&self, port: u16) {
        use std::io::{Read, Write};
        for _ in 0..100 {
            if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
                let _ = s.write_all(b"GET /healthz HTTP/1.0\r\n\r\n");
                let mut reply = String::new();
                let _ = s.read_to_string(&mut reply);
                if reply.starts_with("HTTP/1.") {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the server never answered on port {port}");
    }

    pub(crate) fn terminate(mut self) -> (std::process::ExitStatus, String) {
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(200));
                return (status, self.output.lock().unwrap().join("\n"));
            }
            assert!(
                start.elapsed() < Duration::from_secs(40),
                "no exit after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[actix_web::test]
async fn with_no_configuration_it_runs_its_own_database_with_demo_data_and_stops_it_on_sigterm() {
    let var_dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("var-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&var_dir);
    let port = free_port();

    let served = Served::start(&var_dir, port);
    let login_line = served.wait_for("Demo sign-in:", Duration::from_secs(90));
    served.wait_for("Clientele is running at", Duration::from_secs(5));
    let (email, demo_password) = login_line
        .split_once("Demo sign-in:")
        .unwrap()
        .1
        .trim()
        .split_once(" / ")
        .unwrap();
    let (email, demo_password) = (email.to_string(), demo_password.to_string());

    let client = TestClient::new(&format!("http://127.0.0.1:{port}"));
    client
        .sign_in(&email, &demo_password)
        .await
        .assert_redirect_to("/");
    assert_eq!(client.get("/").await.text("main h1"), "Dashboard");

    let (status, output) = served.terminate();
    assert!(status.success(), "exit status {status:?}\n{output}");
    assert!(
        output.contains("stopped the private PostgreSQL cluster"),
        "{output}"
    );

    // A second run reuses the same data: same sign-in, no new demo data, sessions survive.
    let served = Served::start(&var_dir, port);
    let again = served.wait_for("Demo sign-in:", Duration::from_secs(60));
    assert!(
        again.ends_with(&format!("{email} / {demo_password}")),
        "{again}"
    );
    // A new connection (the old one went with the old process), the same cookies.
    let browser = TestClient::new(&format!("http://127.0.0.1:{port}"));
    browser.set_cookies(client.cookies());
    assert_eq!(
        browser.get("/").await.status,
        StatusCode::OK,
        "the session survived the restart"
    );
    let (status, output) = served.terminate();
    assert!(status.success());
    assert!(!output.contains("loaded the demo data set"), "{output}");
    assert!(
        output.contains("applied 0") || output.contains("(0 migration(s) applied)"),
        "{output}"
    );
    let _ = std::fs::remove_dir_all(&var_dir);
}

#[test]
fn help_lists_every_setting_with_its_default() {
    for args in [&["--help"][..], &["serve", "--help"]] {
        let out = clientele(args, &[]).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let help = String::from_utf8_lossy(&out.stdout);
        for line in [
            "  BIND_ADDR=127.0.0.1:8080",
            "  MIGRATE_ON_START=true",
            "  DB_POOL_TIMEOUT_SECONDS=3",
            "  DB_POOL_SIZE (twice the CPU cores)",
            "  SESSION_KEY (unset: local: generated once into VAR_DIR/session.key) [secret]",
        ] {
            assert!(help.lines().any(|l| l == line), "{line} in:\n{help}");
        }
        for s in clientele::settings::SETTINGS {
            assert!(help.contains(&format!("\n  {}", s.name)), "{}", s.name);
        }
    }
}

/// The password of a URL's `user:password@`, if it has one.
fn userinfo_password(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    let (userinfo, _) = authority.rsplit_once('@')?;
    userinfo.split_once(':').map(|(_, p)| p.to_string())
}

#[test]
fn serving_reports_its_settings_at_start_with_the_secrets_masked() {
    let db = TestDb::new();
    // A server that trusts its socket ignores a password it never asks for.
    let (url, db_password) = match userinfo_password(&db.url) {
        Some(password) => (db.url.clone(), password),
        None => {
            let joint = if db.url.contains('?') { '&' } else { '?' };
            let password = "hunter2-of-the-database".to_string();
            (format!("{}{joint}password={password}", db.url), password)
        }
    };
    let key = format!("never-logged-{}", "0123456789abcdef".repeat(4));
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let served = Served::start_with(&[
        ("DATABASE_URL", &url),
        ("BIND_ADDR", &bind),
        ("SESSION_KEY", &key),
        ("DB_POOL_SIZE", "3"),
    ]);
    let line = served.wait_for("settings: ", Duration::from_secs(30));
    served.wait_until_answering(port);
    let (status, output) = served.terminate();
    assert!(status.success(), "{output}");
    for shown in [
        "DATABASE_URL=postgres",
        "SESSION_KEY=set ",
        &format!("BIND_ADDR={bind} "),
        "DB_POOL_SIZE=3 ",
        "MIGRATE_ON_START=true ",
        "DATABASE_READ_URL=(unset) ",
    ] {
        assert!(line.contains(shown), "{shown} in {line}");
    }
    assert!(
        line.contains(":***@") || line.contains("password=***"),
        "{line}"
    );
    for secret in [db_password.as_str(), key.as_str(), "never-logged"] {
        assert!(
            !output.contains(secret),
            "{secret} in the output:\n{output}"
        );
    }
}

/// `bin` in a mount namespace of its own where the source tree's static files, templates,
/// translations, documents and migrations are empty directories, so that anything the binary
/// would read from them at run time is missing. None when this machine cannot make one.
fn without_the_source_tree(bin: &std::path::Path) -> Option<Command> {
    let possible = Command::new("unshare")
        .args(["--mount", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !possible {
        return None;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let hide: Vec<String> = ["static", "templates", "src", "docs", "migrations"]
        .iter()
        .map(|d| format!("mount -t tmpfs none '{root}/{d}'"))
        .collect();
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "sh", "-c"])
        .arg(format!("{} && exec \"$0\" \"$@\"", hide.join(" && ")))
        .arg(bin);
    Some(cmd)
}

#[actix_web::test]
async fn the_binary_alone_serves_pages_static_files_and_documents_from_an_empty_directory() {
    use clientele::models::access::staff::{NewStaff, Role};
    let db = TestDb::new();
    let hash = password::hash("a long enough passphrase").unwrap();
    NewStaff::new("ada@example.com", "Ada", hash, &[Role::Admin], false)
        .insert(&mut db.connect())
        .unwrap();
    let dir = std::env::temp_dir().join(format!("clientele-alone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bin = dir.join("clientele");
    std::fs::copy(BIN, &bin).unwrap();
    let program = without_the_source_tree(&bin).unwrap_or_else(|| {
        println!("NOTE: no mount namespace here; the source tree stays visible to the binary");
        Command::new(&bin)
    });
    let (port, var_dir) = (free_port(), dir.join("var"));
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("BIND_ADDR", &format!("127.0.0.1:{port}")),
        ("VAR_DIR", var_dir.to_str().unwrap()),
    ];
    let mut cmd = configured(program, &["serve"], &env);
    cmd.current_dir(&dir);
    let served = Served::spawn(cmd);
    served.wait_for("Clientele is running at", Duration::from_secs(30));
    served.wait_until_answering(port);

    let client = TestClient::new(&format!("http://127.0.0.1:{port}"));
    assert_eq!(
        client.get("/login").await.text("h1"),
        "Sign in to Clientele"
    );
    let german = client
        .get_with("/login", &[("accept-language", "de")])
        .await;
    assert_eq!(german.text("h1"), "Bei Clientele anmelden");
    crate::headers::assert_static_files_served(&client).await;
    client
        .sign_in("ada@example.com", "a long enough passphrase")
        .await
        .assert_redirect_to("/");
    let format = client.get("/admin/import/format").await;
    assert!(
        format.body.starts_with("# Import format"),
        "{}",
        format.body
    );

    // The container image's health check asks /livez the way it will there.
    let probe = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/livez-probe");
    let bind = format!("0.0.0.0:{port}");
    let healthy = || {
        Command::new(probe)
            .env("BIND_ADDR", &bind)
            .stderr(Stdio::null())
            .status()
            .unwrap()
    };
    assert!(healthy().success());
    let (status, output) = served.terminate();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(status.success(), "{output}");
    assert!(!healthy().success(), "the probe fails once nothing answers");
}
