//! The CSV import for administrators: upload customers.csv, addresses.csv and orders.csv, watch
//! the import run in the background, and look back at recent runs.
//!
//! The upload is multipart, so the CSRF token travels in the form's query string (the CSRF
//! check does not read multipart bodies). The parts are streamed to a fresh private directory,
//! never held in memory; the run is recorded and handed to `import::job`, and the request
//! answers at once with a redirect to the run's page, which follows the run as it goes.

use crate::{
    auth::CurrentStaff,
    config::Config,
    db::{self, DbPool},
    error::{AppError, AppResult},
    import::job::{self, Job, UploadDir},
    models::import_run::{FILES, ImportRun},
    routes::forms::FormErrors,
    routes::layout::Layout,
    routes::respond::{self, see_other},
    routes::submission::{self, Once, Submission},
};
use actix_multipart::Multipart;
use actix_web::{
    HttpRequest, HttpResponse,
    http::{StatusCode, header},
    web,
};
use askama::Template;
use futures_util::StreamExt;
use serde::Serialize;
use std::{fs::File, io::Write};

/// How many runs the upload page lists.
const RECENT_RUNS: i64 = 20;

/// The multipart framing around the files: a declared body larger than the cap by more than
/// this is refused before it is read.
const FRAMING_ALLOWANCE: u64 = 1024 * 1024;

/// Uploaded bytes are written in pieces of about this size, off the async workers.
const WRITE_BUFFER: usize = 1024 * 1024;

/// The format's documentation, served to administrators as it is in the repository.
const FORMAT_DOC: &str = include_str!("../../../docs/import-format.md");

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

/// The upload form and the recent runs, with `errors` beside the file field.
async fn form_page(
    layout: Layout,
    pool: &DbPool,
    config: &Config,
    status: StatusCode,
    errors: FormErrors,
) -> AppResult<HttpResponse> {
    let runs = db::run(pool, |conn| Ok(ImportRun::recent(conn, RECENT_RUNS)?)).await?;
    let page = ImportPage {
        layout: layout.titled("Import").in_section("admin"),
        errors,
        runs,
        max_upload: megabytes(config.import_max_upload_bytes),
    };
    respond::page(status, &page)
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

fn field_error(message: impl Into<String>) -> FormErrors {
    let mut errors = FormErrors::new();
    errors.add("files", message);
    errors
}

pub async fn index(
    layout: Layout,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
) -> AppResult<HttpResponse> {
    form_page(layout, &pool, &config, StatusCode::OK, FormErrors::new()).await
}

/// What came in with an upload.
#[derive(Default)]
struct Received {
    /// The format's files, as named by the upload, in the order they came.
    files: Vec<&'static str>,
    unknown: Vec<String>,
    duplicates: Vec<String>,
    too_large: bool,
    /// The form's one-time key (`crate::routes::submission`), a text part of the upload.
    submission_key: Option<String>,
}

impl Received {
    /// Messages for the file field, if the upload cannot be imported.
    fn problems(&self, max: u64) -> Option<String> {
        if self.too_large {
            return Some(format!(
                "The files come to more than {}, the most one upload may hold. Upload them one at a time: customers.csv first, then addresses.csv, then orders.csv.",
                megabytes(max)
            ));
        }
        let mut sentences = Vec::new();
        if !self.unknown.is_empty() {
            let (names, verb) = match self.unknown.as_slice() {
                [one] => (format!("“{one}”"), "is not a file"),
                more => (
                    more.iter()
                        .map(|n| format!("“{n}”"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    "are not files",
                ),
            };
            sentences.push(format!(
                "{names} {verb} of the import format: the files must be named customers.csv, addresses.csv or orders.csv, which says what each holds."
            ));
        }
        for d in &self.duplicates {
            sentences.push(format!(
                "{d} was chosen more than once; choose each file once."
            ));
        }
        if sentences.is_empty() && self.files.is_empty() {
            sentences.push(
                "Choose the files to import: customers.csv, addresses.csv or orders.csv, or several of them."
                    .into(),
            );
        }
        (!sentences.is_empty()).then(|| sentences.join(" "))
    }
}

/// The last part of a file name as a browser sends it (old browsers send a whole path).
fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// Writes `bytes` to `file` on the blocking pool; gives the file back.
async fn write_off_worker(mut file: File, bytes: web::Bytes) -> AppResult<File> {
    web::block(move || file.write_all(&bytes).map(|_| file))
        .await?
        .map_err(AppError::internal)
}

/// Streams the upload's files into `dir`; stops early once more than `max` bytes have come.
async fn receive(payload: &mut Multipart, dir: &UploadDir, max: u64) -> AppResult<Received> {
    let mut received = Received::default();
    let mut total: u64 = 0;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(respond::unreadable_upload)?;
        let name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(|n| base_name(n).to_string());
        if field.name() == Some(submission::FIELD) {
            let mut key = Vec::new();
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(respond::unreadable_upload)?;
                total += chunk.len() as u64;
                if total > max {
                    received.too_large = true;
                    return Ok(received);
                }
                key.extend_from_slice(&chunk);
            }
            received.submission_key = Some(String::from_utf8_lossy(&key).into_owned());
            continue;
        }
        let target = match (field.name(), name) {
            (Some("files"), Some(name)) if !name.is_empty() => {
                match FILES.into_iter().find(|f| *f == name) {
                    Some(_) if received.files.iter().any(|f| *f == name) => {
                        if !received.duplicates.contains(&name) {
                            received.duplicates.push(name);
                        }
                        None
                    }
                    Some(file) => Some(file),
                    None => {
                        if !received.unknown.contains(&name) {
                            received.unknown.push(name);
                        }
                        None
                    }
                }
            }
            // No file chosen (an empty part), or a field this form does not have.
            _ => None,
        };
        let Some(file) = target else {
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(respond::unreadable_upload)?;
                total += chunk.len() as u64;
                if total > max {
                    received.too_large = true;
                    return Ok(received);
                }
            }
            continue;
        };
        let path = dir.file_path(file).map_err(AppError::internal)?;
        let mut out = web::block(move || File::create(path))
            .await?
            .map_err(AppError::internal)?;
        let mut buffer = web::BytesMut::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(respond::unreadable_upload)?;
            total += chunk.len() as u64;
            if total > max {
                received.too_large = true;
                return Ok(received);
            }
            buffer.extend_from_slice(&chunk);
            if buffer.len() >= WRITE_BUFFER {
                out = write_off_worker(out, buffer.split().freeze()).await?;
            }
        }
        if !buffer.is_empty() {
            write_off_worker(out, buffer.freeze()).await?;
        }
        received.files.push(file);
    }
    Ok(received)
}

pub async fn create(
    layout: Layout,
    staff: CurrentStaff,
    req: HttpRequest,
    mut payload: Multipart,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
    submission: Submission,
) -> AppResult<HttpResponse> {
    let max = config.import_max_upload_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let received = if declared.is_some_and(|n| n > max.saturating_add(FRAMING_ALLOWANCE)) {
        None
    } else {
        let dir = UploadDir::create().map_err(AppError::internal)?;
        let received = receive(&mut payload, &dir, max).await?;
        Some((dir, received))
    };
    let submission = submission.with_key(
        received
            .as_ref()
            .and_then(|(_, r)| r.submission_key.as_deref()),
    );
    let layout = layout.keeping(submission.key());
    let (dir, received) = match received {
        Some((dir, received)) if received.problems(max).is_none() => (dir, received),
        other => {
            let too_large = other.as_ref().is_none_or(|(_, r)| r.too_large);
            let message = other
                .and_then(|(_, r)| r.problems(max))
                .unwrap_or_else(|| Received::too_large_message(max));
            let status = if too_large {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            return form_page(layout, &pool, &config, status, field_error(message)).await;
        }
    };

    let files: Vec<&'static str> = FILES
        .into_iter()
        .filter(|f| received.files.contains(f))
        .collect();
    let staff_id = staff.id;
    let names = files.clone();
    let run_pool = pool.get_ref().clone();
    let started = web::block(move || -> AppResult<_> {
        let mut conn = run_pool.get()?;
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
    .await??;
    let (id, run_conn) = match started {
        // Sent again: the first upload's run is the one; these files are dropped with `dir`.
        Once::Repeat(location) => return Ok(see_other(&location)),
        Once::First(Ok(started)) => started,
        Once::First(Err(_)) => {
            let errors = field_error(
                "Another import is still running (it is at the top of the list below). Start this one when it has finished.",
            );
            return form_page(layout, &pool, &config, StatusCode::CONFLICT, errors).await;
        }
    };
    log::info!("staff {staff_id} started import run {id} with {files:?}");
    let job = Job {
        pool: pool.get_ref().clone(),
        run_id: id,
        dir,
        files,
        price_list_email_domain: config.price_list_email_domain.clone(),
    };
    // On failure the job is dropped with its connection, still holding the run's lock: the run
    // stays "running" until that connection closes and a sweep marks it interrupted.
    job::spawn(job, run_conn).map_err(AppError::internal)?;
    Ok(see_other(&format!("/admin/import/{id}")))
}

impl Received {
    fn too_large_message(max: u64) -> String {
        Received {
            too_large: true,
            ..Received::default()
        }
        .problems(max)
        .unwrap_or_default()
    }
}

pub async fn show(
    layout: Layout,
    path: web::Path<i64>,
    pool: web::Data<DbPool>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let run = db::run(&pool, move |conn| Ok(ImportRun::find(conn, id)?)).await?;
    let page = RunPage {
        layout: layout
            .titled(format!(
                "Import {}",
                run.started_at.format("%-d %b %Y %H:%M")
            ))
            .in_section("admin"),
        run,
    };
    respond::page(StatusCode::OK, &page)
}

#[derive(Serialize)]
struct RunJson<'a> {
    id: i64,
    status: &'static str,
    status_label: &'static str,
    badge: &'static str,
    running: bool,
    summary: String,
    files_total: usize,
    files_done: usize,
    progress: Vec<&'a str>,
    error: Option<&'a str>,
    files: Vec<FileJson>,
}

#[derive(Serialize)]
struct FileJson {
    file: String,
    state: &'static str,
    rows: Option<u64>,
    inserted: Option<u64>,
    updated: Option<u64>,
    unchanged: Option<u64>,
}

/// The run as JSON, for the run page's script (and anything else that wants to follow it).
pub async fn json(path: web::Path<i64>, pool: web::Data<DbPool>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let run = db::run(&pool, move |conn| Ok(ImportRun::find(conn, id)?)).await?;
    let body = RunJson {
        id: run.id,
        status: run.status().as_str(),
        status_label: run.status_label(),
        badge: run.badge(),
        running: run.is_running(),
        summary: run.summary(),
        files_total: run.files_total(),
        files_done: run.files_done(),
        progress: run.lines(),
        error: run.error.as_deref(),
        files: run
            .file_states()
            .into_iter()
            .map(|s| FileJson {
                file: s.file,
                state: s.state,
                rows: s.outcome.as_ref().map(|o| o.rows),
                inserted: s.outcome.as_ref().map(|o| o.inserted),
                updated: s.outcome.as_ref().map(|o| o.updated),
                unchanged: s.outcome.as_ref().map(|o| o.unchanged),
            })
            .collect(),
    };
    Ok(HttpResponse::Ok().json(body))
}

/// docs/import-format.md, as plain text.
pub async fn format() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(FORMAT_DOC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_paths_are_cut_to_the_file_name() {
        assert_eq!(base_name("C:\\Users\\ann\\orders.csv"), "orders.csv");
        assert_eq!(base_name("dir/customers.csv"), "customers.csv");
        assert_eq!(base_name("addresses.csv"), "addresses.csv");
    }

    #[test]
    fn an_upload_is_explained_when_it_cannot_be_imported() {
        let nothing = Received::default();
        assert!(nothing.problems(1).unwrap().starts_with("Choose the files"));
        let fine = Received {
            files: vec!["orders.csv"],
            ..Received::default()
        };
        assert_eq!(fine.problems(1), None);
        let odd = Received {
            files: vec!["orders.csv"],
            unknown: vec!["notes.txt".into()],
            duplicates: vec!["orders.csv".into()],
            ..Received::default()
        };
        let text = odd.problems(1).unwrap();
        assert!(
            text.contains("“notes.txt” is not a file of the import format"),
            "{text}"
        );
        assert!(
            text.contains("orders.csv was chosen more than once"),
            "{text}"
        );
        assert!(Received::too_large_message(3 * 1024 * 1024).contains("more than 3 MB"));
    }
}
