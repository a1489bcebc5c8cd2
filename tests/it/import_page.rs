//! The import page for administrators (/admin/import): uploads, the run in the background, its
//! page and JSON, and what is refused.

use crate::helpers::{PASSWORD, TestApp, TestDb, TestResponse, spawn_app, spawn_app_with};
use crate::import::count;
use actix_web::http::StatusCode;
use clientele::{
    models::{
        access::staff::{NewStaff, Role, Staff},
        customers::customer::Customer,
        import_run::{INTERRUPTED, ImportRun},
    },
    tools::generate::generate,
};
use diesel::{PgConnection, RunQueryDsl, sql_types::BigInt};
use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};
use tokio::sync::{Mutex, MutexGuard};

/// Uploads in this process take turns, so that a test can tell that its upload directory was
/// removed (every upload directory of the process is one of ours).
static UPLOADS: Mutex<()> = Mutex::const_new(());

pub async fn uploads_turn() -> MutexGuard<'static, ()> {
    UPLOADS.lock().await
}

/// The upload directories of this process that exist now.
fn upload_dirs() -> Vec<PathBuf> {
    let prefix = format!("clientele-import-{}-", std::process::id());
    std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect()
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "import-page-{name}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small generated data set.
pub fn dataset(name: &str, customers: usize, orders: usize) -> PathBuf {
    let dir = temp_dir(name);
    generate(customers, orders, &dir).unwrap();
    dir
}

pub(crate) fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

const BOUNDARY: &str = "----clientele-test-7MA4YWxkTrZu0gW";

/// A multipart/form-data body with one `files` part per (file name, content), after the
/// session's token when one is given (first, as the page's form sends it) and the form's fresh
/// submission key.
fn multipart(token: Option<&str>, files: &[(&str, &str)]) -> String {
    let mut body = String::new();
    if let Some(token) = token {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"submission_key\"\r\n\r\n{}\r\n",
        crate::helpers::submission_key()
    ));
    for (name, content) in files {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n"
        ));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body
}

async fn post_multipart(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
    files: &[(&str, &str)],
) -> TestResponse {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    app.post_raw(
        path,
        multipart(token, files),
        &[("Content-Type", &content_type)],
    )
    .await
}

/// Uploads as the page's form does, with the session's token as the body's first field.
pub(crate) async fn upload(app: &TestApp, files: &[(&str, &str)]) -> TestResponse {
    let token = app.csrf_token().await;
    post_multipart(app, "/admin/import", Some(&token), files).await
}

/// The run's id from the redirect an accepted upload answers with.
pub(crate) fn run_id(res: &TestResponse) -> i64 {
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location()
        .and_then(|l| l.strip_prefix("/admin/import/"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("a redirect to the run, not {:?}", res.location()))
}

/// Polls the run's JSON until it has finished.
pub(crate) async fn finished(app: &TestApp, id: i64) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let res = app.get(&format!("/admin/import/{id}.json")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(
            res.header("content-type")
                .is_some_and(|c| c.starts_with("application/json")),
            "JSON is JSON"
        );
        let run: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        if run["running"] == false {
            return run;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "the import run did not finish: {run}"
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Makes run `id`'s last heartbeat `seconds` old, as if that long had passed since.
pub(crate) fn stamped_ago(conn: &mut PgConnection, id: i64, seconds: i64) {
    diesel::sql_query(
        "UPDATE import_runs SET heartbeat_at = now() - make_interval(secs => $2) WHERE id = $1",
    )
    .bind::<BigInt, _>(id)
    .bind::<diesel::sql_types::Double, _>(seconds as f64)
    .execute(conn)
    .unwrap();
}

fn stamp(app: &TestApp, id: i64, seconds: i64) {
    stamped_ago(&mut app.conn(), id, seconds);
}

fn runs(app: &TestApp) -> i64 {
    count(&mut app.conn(), "SELECT count(*) AS n FROM import_runs")
}

pub(crate) async fn admin(app: &TestApp) {
    app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    app.sign_in("ada@example.com", PASSWORD).await;
}

#[actix_web::test]
async fn other_staff_get_403_on_the_page_the_upload_and_the_runs() {
    let app = spawn_app().await;
    app.create_staff(
        "sam@example.com",
        PASSWORD,
        &[Role::Staff, Role::DigitalAdmin],
    );
    app.sign_in("sam@example.com", PASSWORD).await;
    for path in ["/admin/import", "/admin/import/1", "/admin/import/1.json"] {
        assert_eq!(app.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    let res = upload(&app, &[("customers.csv", "x\n")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(runs(&app), 0);

    // And no one signed out gets past the sign-in.
    let stranger = app.new_client();
    let res = stranger.get("/admin/import").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn an_upload_without_the_csrf_token_is_refused() {
    let app = spawn_app().await;
    admin(&app).await;
    let res = post_multipart(&app, "/admin/import", None, &[("customers.csv", "x\n")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = post_multipart(
        &app,
        "/admin/import",
        Some("not-the-token"),
        &[("customers.csv", "x\n")],
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // The right token in the URL is refused too: URLs reach logs, history and Referer headers.
    let token = app.csrf_token().await;
    let res = post_multipart(
        &app,
        &format!("/admin/import?csrf_token={token}"),
        None,
        &[("customers.csv", "x\n")],
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(runs(&app), 0);
}

#[actix_web::test]
async fn the_page_has_a_labelled_file_field_posting_with_the_token_and_links_the_format() {
    let app = spawn_app().await;
    admin(&app).await;
    let res = app.get("/admin/import").await;
    assert_eq!(res.status, StatusCode::OK);
    let token = app.csrf_token().await;
    assert_eq!(
        res.attr("main form", "action").as_deref(),
        Some("/admin/import")
    );
    // The token travels in the body, as the form's first field, never in the URL.
    assert_eq!(
        res.attr("main form > input:first-child", "name").as_deref(),
        Some("csrf_token")
    );
    assert_eq!(
        res.attr("main form > input:first-child", "value"),
        Some(token)
    );
    assert_eq!(
        res.attr("main form", "enctype").as_deref(),
        Some("multipart/form-data")
    );
    assert_eq!(res.text("label[for=files]"), "CSV files to import");
    assert!(
        res.attr("input#files[type=file][multiple]", "name")
            .is_some()
    );
    assert_eq!(
        res.attr(
            "nav[aria-label=Administration] a[aria-current=page]",
            "href"
        )
        .as_deref(),
        Some("/admin/import")
    );
    assert_eq!(
        res.text(".import-runs .empty"),
        "Nothing has been imported here yet."
    );
    let format = res.attr("a[href='/admin/import/format']", "href");
    assert!(format.is_some(), "the page links the format");
    let doc = app.get("/admin/import/format").await;
    assert_eq!(doc.status, StatusCode::OK);
    assert!(
        doc.body.starts_with("# Import format"),
        "{}",
        &doc.body[..40]
    );
}

#[actix_web::test]
async fn valid_files_import_in_the_background_and_the_run_shows_the_counts() {
    let _turn = uploads_turn().await;
    let app = spawn_app().await;
    admin(&app).await;
    let data = dataset("valid", 25, 120);
    let (customers, addresses, orders) = (
        read(&data, "customers.csv"),
        read(&data, "addresses.csv"),
        read(&data, "orders.csv"),
    );
    let address_rows = addresses.lines().count() as u64 - 1;
    // In any order: the import takes them in the format's.
    let res = upload(
        &app,
        &[
            ("orders.csv", &orders),
            ("customers.csv", &customers),
            ("addresses.csv", &addresses),
        ],
    )
    .await;
    let id = run_id(&res);

    let run = finished(&app, id).await;
    assert_eq!(run["status"], "succeeded", "{run}");
    assert_eq!(
        (run["files_done"].as_u64(), run["files_total"].as_u64()),
        (Some(3), Some(3))
    );
    let files = run["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(names, ["customers.csv", "addresses.csv", "orders.csv"]);
    for (f, rows) in files.iter().zip([25, address_rows, 120]) {
        assert_eq!(f["state"], "Imported");
        assert_eq!(f["rows"].as_u64(), Some(rows), "{f}");
        assert_eq!(f["inserted"].as_u64(), Some(rows), "{f}");
        assert_eq!(f["updated"].as_u64(), Some(0), "{f}");
    }
    assert!(
        run["progress"].as_array().unwrap().len() >= 9,
        "a line per phase of each file: {run}"
    );
    assert!(upload_dirs().is_empty(), "the upload directory is removed");

    // The customers are there.
    let mut conn = app.conn();
    assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM customers"), 25);
    assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM orders"), 120);
    let first = customers.lines().nth(1).unwrap().split(',').next().unwrap();
    assert!(
        Customer::find_by_account_number(&mut conn, first)
            .unwrap()
            .is_some()
    );
    drop(conn);

    // The run's page.
    let page = app.get(&format!("/admin/import/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("#import-badge"), "Succeeded");
    assert_eq!(
        page.text("#import-summary"),
        format!(
            "3 files imported: {} rows inserted, 0 updated, 0 unchanged.",
            25 + address_rows + 120
        )
    );
    assert_eq!(page.attr("#import-progress", "value").as_deref(), Some("3"));
    assert_eq!(page.attr("#import-progress", "max").as_deref(), Some("3"));
    assert_eq!(
        page.attr("#import-status", "aria-live").as_deref(),
        Some("polite")
    );
    assert!(
        page.attr("#import-run", "data-import-poll").is_none(),
        "a finished run is not followed"
    );
    assert!(
        !page.body.contains("http-equiv=\"refresh\""),
        "a finished run does not reload"
    );
    assert_eq!(
        page.texts("tr[data-file=customers\\.csv] td"),
        ["customers.csv", "Imported", "25", "25", "0", "0"]
    );
    assert!(page.texts("#import-log li").len() >= 9);
    assert!(page.texts("#import-error").is_empty());

    // The list of runs.
    let list = app.get("/admin/import").await;
    assert_eq!(list.texts(".import-runs tbody tr").len(), 1);
    assert_eq!(list.text(".import-runs td[data-label=By]"), "ada");
    assert_eq!(list.text(".import-runs td[data-label=Status]"), "Succeeded");
    assert_eq!(
        list.attr(".import-runs td[data-label=Started] a", "href"),
        Some(format!("/admin/import/{id}"))
    );

    // The same files again change nothing.
    let again = run_id(&upload(&app, &[("customers.csv", &customers)]).await);
    let run = finished(&app, again).await;
    assert_eq!(run["status"], "succeeded");
    assert_eq!(run["files"][0]["unchanged"].as_u64(), Some(25), "{run}");
}

#[actix_web::test]
async fn a_bad_row_fails_the_run_with_its_line_and_nothing_of_that_file_is_written() {
    let _turn = uploads_turn().await;
    let app = spawn_app().await;
    admin(&app).await;
    let data = dataset("bad-row", 10, 40);
    let customers = read(&data, "customers.csv");
    let addresses = read(&data, "addresses.csv");
    // Line 6 of orders.csv gets a total that is not money.
    let mut lines: Vec<String> = read(&data, "orders.csv")
        .lines()
        .map(String::from)
        .collect();
    let mut fields: Vec<String> = lines[5].split(',').map(String::from).collect();
    fields[4] = "twelve".into();
    lines[5] = fields.join(",");
    let orders = lines.join("\n") + "\n";

    let id = run_id(
        &upload(
            &app,
            &[
                ("customers.csv", &customers),
                ("addresses.csv", &addresses),
                ("orders.csv", &orders),
            ],
        )
        .await,
    );
    let run = finished(&app, id).await;
    assert_eq!(run["status"], "failed", "{run}");
    let error = run["error"].as_str().unwrap();
    assert!(error.starts_with("orders.csv line 6: "), "{error}");
    assert!(
        error.ends_with("(nothing of orders.csv was imported)"),
        "{error}"
    );
    assert_eq!(run["files_done"].as_u64(), Some(2));
    assert!(upload_dirs().is_empty(), "the upload directory is removed");

    let mut conn = app.conn();
    assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM orders"), 0);
    assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM customers"), 10);
    drop(conn);

    let page = app.get(&format!("/admin/import/{id}")).await;
    assert_eq!(page.text("#import-badge"), "Failed");
    let shown = page.text("#import-error");
    assert!(shown.contains("orders.csv line 6:"), "{shown}");
    assert_eq!(
        page.texts("tr[data-file=orders\\.csv] td"),
        [
            "orders.csv",
            "Failed: nothing of it was imported",
            "–",
            "–",
            "–",
            "–"
        ]
    );
    assert_eq!(
        page.texts("tr[data-file=customers\\.csv] td")[1],
        "Imported",
        "files before the failing one stay imported"
    );
    assert_eq!(page.attr("#import-progress", "value").as_deref(), Some("2"));
    let list = app.get("/admin/import").await;
    assert!(
        list.text(".import-runs td[data-label=Outcome]")
            .contains("orders.csv line 6:")
    );
}

#[actix_web::test]
async fn unknown_twice_chosen_and_missing_files_are_explained_beside_the_field() {
    let _turn = uploads_turn().await;
    let app = spawn_app().await;
    admin(&app).await;
    let customers = read(&dataset("unknown", 3, 3), "customers.csv");

    let res = upload(
        &app,
        &[("customers.csv", &customers), ("notes.txt", "hello\n")],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text("#files-error"),
        "“notes.txt” is not a file of the import format: the files must be named customers.csv, addresses.csv or orders.csv, which says what each holds."
    );
    assert_eq!(res.attr("#files", "aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        res.attr("#files", "aria-describedby").as_deref(),
        Some("files-hint files-error")
    );

    let res = upload(
        &app,
        &[("customers.csv", &customers), ("customers.csv", &customers)],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text("#files-error"),
        "customers.csv was chosen more than once; choose each file once."
    );

    // A form sent with no file chosen: the browser sends an empty part with no name.
    let res = upload(&app, &[("", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text("#files-error")
            .starts_with("Choose the files to import")
    );

    assert_eq!(runs(&app), 0, "nothing was started");
    assert_eq!(
        count(&mut app.conn(), "SELECT count(*) AS n FROM customers"),
        0
    );
    assert!(
        upload_dirs().is_empty(),
        "refused uploads leave nothing behind"
    );
}

#[actix_web::test]
async fn an_upload_over_the_cap_is_refused_with_413_and_the_reason() {
    let _turn = uploads_turn().await;
    let app = spawn_app_with(&[("IMPORT_MAX_UPLOAD_MB", "1")], |_| {}).await;
    admin(&app).await;
    let big = "x".repeat(1024 * 1024 + 10);
    let res = upload(&app, &[("customers.csv", &big)]).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        res.text("#files-error")
            .starts_with("The files come to more than 1 MB"),
        "{}",
        res.body
    );
    assert_eq!(runs(&app), 0);
    assert!(upload_dirs().is_empty());
}

#[actix_web::test]
async fn one_import_runs_at_a_time() {
    let _turn = uploads_turn().await;
    let app = spawn_app().await;
    admin(&app).await;
    let ada = Staff::find_by_email(&mut app.conn(), "ada@example.com")
        .unwrap()
        .unwrap()
        .id;
    // A run another instance is working on: its job keeps its heartbeat fresh.
    let mut other = app.db.connect();
    let running = ImportRun::start(&mut other, ada, &["orders.csv"])
        .unwrap()
        .unwrap();
    // Its page follows it: with script through the JSON, without by reloading itself.
    let page = app.get(&format!("/admin/import/{running}")).await;
    assert_eq!(page.text("#import-badge"), "Running");
    assert_eq!(page.text("#import-summary"), "0 of 1 file imported so far.");
    assert_eq!(
        page.attr("#import-run", "data-import-poll"),
        Some(format!("/admin/import/{running}.json"))
    );
    assert!(
        page.body
            .contains(r#"<noscript><meta http-equiv="refresh" content="3"></noscript>"#)
    );
    assert_eq!(page.texts("tr[data-file=orders\\.csv] td")[1], "Importing…");
    let json: serde_json::Value =
        serde_json::from_str(&app.get(&format!("/admin/import/{running}.json")).await.body)
            .unwrap();
    assert_eq!(
        (json["running"].as_bool(), json["status"].as_str()),
        (Some(true), Some("running"))
    );

    let res = upload(&app, &[("customers.csv", "x\n")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.text("#files-error")
            .starts_with("Another import is still running")
    );
    assert_eq!(runs(&app), 1);
    assert!(upload_dirs().is_empty());
    // A sweep leaves it alone while its heartbeat is fresh, or even stale by less than a
    // minute…
    assert_eq!(ImportRun::fail_interrupted(&mut app.conn()).unwrap(), 0);
    stamp(&app, running, 50);
    assert_eq!(ImportRun::fail_interrupted(&mut app.conn()).unwrap(), 0);
    // …and fails it once nothing has stamped it for a minute (its instance is gone).
    drop(other);
    stamp(&app, running, 61);
    assert_eq!(ImportRun::fail_interrupted(&mut app.conn()).unwrap(), 1);
    let run = ImportRun::find(&mut app.conn(), running).unwrap();
    assert_eq!(run.error.as_deref(), Some(INTERRUPTED));
    assert!(!run.is_running());
}

#[actix_web::test]
async fn a_run_left_running_by_a_restart_is_marked_failed_at_start_up() {
    let db = TestDb::new();
    let id = {
        let mut conn = db.connect();
        let staff = NewStaff::new("ada@example.com", "Ada", "x".into(), &[Role::Admin], false)
            .insert(&mut conn)
            .unwrap();
        // Started, then the process stopped over a minute ago: nothing has stamped it since.
        let id = ImportRun::start(&mut conn, staff.id, &["customers.csv"])
            .unwrap()
            .unwrap();
        stamped_ago(&mut conn, id, 61);
        id
    };
    let app = spawn_app_with(&[("DATABASE_URL", &db.url)], |_| {}).await;
    let started = Instant::now();
    let run = loop {
        let run = ImportRun::find(&mut app.conn(), id).unwrap();
        if !run.is_running() || started.elapsed() > Duration::from_secs(20) {
            break run;
        }
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(run.status_label(), "Failed");
    assert_eq!(run.error.as_deref(), Some("interrupted by a restart"));
    assert!(run.finished_at.is_some());
}

#[actix_web::test]
async fn an_unknown_run_is_a_404_page() {
    let app = spawn_app().await;
    admin(&app).await;
    for path in [
        "/admin/import/424242",
        "/admin/import/424242.json",
        "/admin/import/99999999999999999999999",
        "/admin/import/abc",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(res.text("h1"), "Page not found", "{path}");
    }
}

// In a browser ------------------------------------------------------------------------------------

#[actix_web::test]
async fn an_upload_in_the_browser_follows_the_run_to_its_result_and_passes_axe() {
    if crate::browser::skip() {
        return;
    }
    let _turn = uploads_turn().await;
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    // Large enough that the run is usually still going when its page loads.
    let data = dataset("browser", 3_000, 30_000);
    crate::browser::run_script(
        "admin_import.mjs",
        &app.address,
        &[
            ("EMAIL", "ada@example.com"),
            ("PASSWORD", PASSWORD),
            ("DATA_DIR", data.to_str().unwrap()),
            ("CUSTOMERS", "3,000"),
        ],
    )
    .await;
    assert_eq!(
        count(&mut app.conn(), "SELECT count(*) AS n FROM customers"),
        3_000
    );
    assert!(upload_dirs().is_empty(), "the upload directory is removed");
}

#[actix_web::test]
async fn a_stored_reason_of_a_known_shape_reads_in_german_and_as_stored_in_english() {
    let app = spawn_app().await;
    admin(&app).await;
    let stored = "orders.csv line 6: total 'twelve' is not money with two decimals (like 1213.89) (nothing of orders.csv was imported)";
    let id = {
        let mut conn = app.conn();
        let staff = Staff::find_by_email(&mut conn, "ada@example.com")
            .unwrap()
            .unwrap();
        let id = ImportRun::start(&mut conn, staff.id, &["orders.csv"])
            .unwrap()
            .unwrap();
        ImportRun::finish(&mut conn, id, &[], Some(stored)).unwrap();
        id
    };
    let path = format!("/admin/import/{id}");
    let english = app.get(&path).await.text("#import-error");
    assert!(english.ends_with(stored), "{english}");
    let german = app
        .get_with(&path, &[("Accept-Language", "de")])
        .await
        .text("#import-error");
    assert!(
        german.ends_with(
            "orders.csv, Zeile 6: total 'twelve' ist kein Geldbetrag mit zwei Nachkommastellen (wie 1213.89) (von orders.csv wurde nichts importiert)"
        ),
        "{german}"
    );
}
