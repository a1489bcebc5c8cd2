//! The CSV import for administrators: upload customers.csv, addresses.csv and orders.csv, watch
//! the import run in the background, and look back at recent runs.
//!
//! The upload is multipart, so the CSRF token travels in the form's query string (the CSRF
//! check does not read multipart bodies). The parts are streamed to a fresh private directory
//! (`routes::respond::upload`), never held in memory; the run is recorded and handed to `import::job`, and the request
//! answers at once with a redirect to the run's page, which follows the run as it goes.

use crate::routes::prelude::*;
use crate::{
    config::Config,
    db::{DbConn, DbPool},
    import::job::{self, Job},
    models::import_run::{AlreadyRunning, FILES, ImportRun},
    routes::layout::reader,
    routes::respond::{
        self, see_other,
        upload::{Upload, UploadForm, field_error},
    },
};
use actix_multipart::Multipart;
use actix_web::{HttpResponse, http::StatusCode, web};
use serde::Serialize;

/// How many runs the upload page lists.
const RECENT_RUNS: i64 = 20;

/// The answer to an upload sent while another run is still going.
const ALREADY_RUNNING: &str = "admin-import-already-running";

/// The format's documentation, served to administrators as it is in the repository.
const FORMAT_DOC: &str = include_str!("../../../docs/import-format.md");
const FORMAT_DOC_DE: &str = include_str!("../../../docs/import-format.de.md");

#[derive(Template)]
#[template(path = "admin/import/index.html")]
pub struct ImportPage {
    layout: Layout,
    errors: FormErrors,
    runs: Vec<ImportRun>,
    max_upload: String,
}

#[derive(Template)]
#[template(path = "admin/import/show.html")]
pub struct RunPage {
    layout: Layout,
    run: ImportRun,
}

/// The upload form and the recent runs, with `errors` beside the file field; the form keeps the
/// submission `key` an upload carried.
async fn form_page(
    desk: &StaffDesk,
    layout: Layout,
    key: Option<&str>,
    config: &Config,
    status: StatusCode,
    errors: FormErrors,
) -> Reply {
    let runs = desk
        .run(|conn| Ok(ImportRun::recent(conn, RECENT_RUNS)?))
        .await?;
    let form = upload_form(config);
    let page = ImportPage {
        layout: form.frame(layout, key, "admin-import-title"),
        errors,
        runs,
        max_upload: form.max_upload(),
    };
    respond::page(status, &page)
}

/// The upload: the format's files, up to the configured size together.
fn upload_form(config: &Config) -> UploadForm {
    UploadForm {
        files: &FILES,
        max: config.import_max_upload_bytes,
        format: "import",
        too_large_advice: Some("admin-import-too-large-advice"),
        any_name: None,
    }
}

pub async fn index(desk: StaffDesk, config: web::Data<Config>) -> Reply {
    let layout = desk.layout()?;
    form_page(
        &desk,
        layout,
        None,
        &config,
        StatusCode::OK,
        FormErrors::new(),
    )
    .await
}

pub async fn create(
    desk: StaffDesk,
    mut payload: Multipart,
    config: web::Data<Config>,
    submission: Submission,
) -> Reply {
    // The frame first, as when it was an extractor: it takes the messages waiting, which a
    // redirect drops (the redirect's page shows this action's message alone).
    let layout = desk.layout()?;
    let received = upload_form(&config)
        .receive(desk.request(), &mut payload)
        .await?;
    let submission = submission.with_key(received.submission_key.as_deref());
    let key = submission.key().map(str::to_string);
    let upload = match received.upload {
        Ok(upload) => upload,
        Err(refusal) => {
            let (status, errors) = (refusal.status, refusal.errors(&layout.l));
            return form_page(&desk, layout, key.as_deref(), &config, status, errors).await;
        }
    };
    let (staff_id, pool) = (desk.who.id, desk.pool());
    let (id, run_conn) = match start_run(pool, submission, staff_id, &upload.files).await? {
        // Sent again: the first upload's run is the one; these files are dropped with the upload.
        Once::Repeat(location) => return Ok(see_other(&location)),
        Once::First(Ok(started)) => started,
        Once::First(Err(AlreadyRunning(_))) => {
            let (status, errors) = (StatusCode::CONFLICT, field_error(Msg::new(ALREADY_RUNNING)));
            return form_page(&desk, layout, key.as_deref(), &config, status, errors).await;
        }
    };
    log::info!(
        "staff {staff_id} started import run {id} with {:?}",
        upload.files
    );
    launch(pool, &config, id, run_conn, upload)?;
    Ok(see_other(&format!("/admin/import/{id}")))
}

/// Hands run `id` with its files to the background job.
fn launch(
    pool: &DbPool,
    config: &Config,
    id: i64,
    run_conn: DbConn,
    upload: Upload,
) -> AppResult<()> {
    let job = Job {
        pool: pool.clone(),
        run_id: id,
        dir: upload.dir,
        files: upload.files,
        price_list_email_domain: config.price_list_email_domain.clone(),
    };
    // On failure the job is dropped and nothing stamps the run alive: a sweep marks it
    // interrupted once its heartbeat is stale.
    job::spawn(job, run_conn).map_err(AppError::internal)
}

/// The run of `files`, recorded once for the submission: its id and the connection that
/// started it (the job keeps it, to record progress and stamp the run alive), or why it could
/// not start.
async fn start_run(
    pool: &DbPool,
    submission: Submission,
    staff_id: i64,
    files: &[&'static str],
) -> AppResult<Once<Result<(i64, DbConn), AlreadyRunning>>> {
    let names = files.to_vec();
    let pool = pool.clone();
    web::block(move || -> AppResult<_> {
        let mut conn = pool.get()?;
        let started = submission.once_on(&mut conn, |conn| {
            let started = ImportRun::start(conn, staff_id, &names)?;
            let location = started
                .as_ref()
                .ok()
                .map(|id| format!("/admin/import/{id}"));
            Ok((started, location))
        })?;
        Ok(match started {
            Once::First(started) => Once::First(started.map(|id| (id, conn))),
            Once::Repeat(location) => Once::Repeat(location),
        })
    })
    .await?
}

/// Run `id`.
async fn find(desk: &StaffDesk, id: i64) -> AppResult<ImportRun> {
    desk.run(move |conn| Ok(ImportRun::find(conn, id)?)).await
}

pub async fn show(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let run = find(&desk, path.into_inner()).await?;
    let layout = desk.layout()?;
    let title = Msg::new("admin-import-page-title").arg("time", layout.l.time(&run.started_at));
    let page = RunPage {
        layout: layout.titled(title).in_section("admin"),
        run,
    };
    respond::page(StatusCode::OK, &page)
}

#[derive(Serialize)]
struct RunJson {
    id: i64,
    status: &'static str,
    status_label: String,
    badge: &'static str,
    running: bool,
    summary: String,
    files_total: usize,
    files_done: usize,
    progress: Vec<String>,
    error: Option<String>,
    files: Vec<FileJson>,
}

#[derive(Serialize)]
struct FileJson {
    file: String,
    state: String,
    rows: Option<u64>,
    inserted: Option<u64>,
    updated: Option<u64>,
    unchanged: Option<u64>,
}

/// The run as JSON, for the run page's script (and anything else that wants to follow it).
pub async fn json(desk: StaffDesk, path: web::Path<i64>) -> Reply {
    let run = find(&desk, path.into_inner()).await?;
    // The reader's language without the page's frame, which would take the flash messages.
    let who = &desk.who;
    let l = reader(
        desk.request(),
        (who.language.as_deref(), who.time_zone.as_deref()),
    );
    let body = RunJson {
        id: run.id,
        status: run.status().as_str(),
        status_label: l.t(run.status_label_id()),
        badge: run.badge(),
        running: run.is_running(),
        summary: run.summary_in(&l),
        files_total: run.files_total(),
        files_done: run.files_done(),
        progress: run.lines_in(&l),
        error: run.error_in(&l),
        files: run
            .file_states()
            .into_iter()
            .map(|s| FileJson {
                file: s.file,
                state: l.t(s.state_id),
                rows: s.outcome.as_ref().map(|o| o.rows),
                inserted: s.outcome.as_ref().map(|o| o.inserted),
                updated: s.outcome.as_ref().map(|o| o.updated),
                unchanged: s.outcome.as_ref().map(|o| o.unchanged),
            })
            .collect(),
    };
    Ok(HttpResponse::Ok().json(body))
}

/// docs/import-format.md, as plain text; docs/import-format.de.md for a German reader.
pub async fn format(desk: StaffDesk) -> HttpResponse {
    let who = &desk.who;
    let l = reader(
        desk.request(),
        (who.language.as_deref(), who.time_zone.as_deref()),
    );
    let doc = match l.lang.code() {
        "de" => FORMAT_DOC_DE,
        _ => FORMAT_DOC,
    };
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(doc)
}
