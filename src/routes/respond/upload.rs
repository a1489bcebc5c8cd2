//! The file upload both import screens share: a multipart form with a `files` field for the
//! files of one format (each known by its name) and the form's one-time key.
//!
//! The multipart parts are streamed to a fresh private directory ([`UploadDir`]), never held
//! whole in memory, and reading stops as soon as more than the form's cap has come. A body that
//! declares itself larger than the cap (by more than the multipart framing may add) is refused
//! before it is read. What cannot be imported comes back as a [`Refusal`]: 413 for too large, 422
//! for unknown, repeated or missing files, with the sentence the form shows beside its field.
//! Each screen declares its files and words in an [`UploadForm`].

use crate::{
    error::{AppError, AppResult},
    i18n::{L10n, Msg},
    import::job::UploadDir,
    routes::forms::FormErrors,
    routes::layout::Layout,
    routes::respond,
    routes::submission,
};
use actix_multipart::{Field, Multipart};
use actix_web::{
    HttpRequest,
    http::{StatusCode, header},
    web,
};
use futures_util::StreamExt;
use std::{fs::File, io::Write};

/// The multipart framing around the files: a declared body larger than the cap by more than
/// this is refused before it is read.
const FRAMING_ALLOWANCE: u64 = 1024 * 1024;

/// Uploaded bytes are written in pieces of about this size, off the async workers.
const WRITE_BUFFER: usize = 1024 * 1024;

/// The form field that carries the files.
const FILES_FIELD: &str = "files";

/// What one upload form takes.
pub struct UploadForm {
    /// The names of the format's files, in the order they are imported.
    pub files: &'static [&'static str],
    /// The most one upload may hold, all files together.
    pub max: u64,
    /// What an unknown file is not a file of: "import" (the import format) or "products" (the
    /// product import), as the message `admin-upload-unknown` chooses.
    pub format: &'static str,
    /// The message id of what is said after "too large", if the screen has advice ("Upload
    /// them one at a time…").
    pub too_large_advice: Option<&'static str>,
    /// Some(message id): the form takes one file of any name (as `files[0]`), and the message
    /// asks for it when none came. None: each file is known by its name.
    pub any_name: Option<&'static str>,
}

/// An upload that can be imported: its files, written to `dir`.
pub struct Upload {
    pub dir: UploadDir,
    /// The format's files that came, in the format's order.
    pub files: Vec<&'static str>,
}

impl Upload {
    /// The files with their content, for an import that reads them from memory.
    pub async fn contents(&self) -> AppResult<Vec<(&'static str, Vec<u8>)>> {
        let paths = self
            .files
            .iter()
            .map(|f| Ok((*f, self.dir.file_path(f)?)))
            .collect::<std::io::Result<Vec<_>>>()
            .map_err(AppError::internal)?;
        web::block(move || {
            paths
                .into_iter()
                .map(|(f, path)| Ok((f, std::fs::read(path)?)))
                .collect::<std::io::Result<Vec<_>>>()
        })
        .await?
        .map_err(AppError::internal)
    }
}

/// Why an upload cannot be imported: the status and the sentences for the file field.
pub struct Refusal {
    pub status: StatusCode,
    pub messages: Vec<Msg>,
}

impl Refusal {
    /// The sentences in the reader's language, one after the other.
    pub fn message(&self, l: &L10n) -> String {
        let sentences: Vec<String> = self.messages.iter().map(|m| l.msg(m)).collect();
        sentences.join(" ")
    }

    /// The message beside the form's file field, in the reader's language.
    pub fn errors(&self, l: &L10n) -> FormErrors {
        field_error(self.message(l))
    }
}

/// `message` beside the upload form's file field.
pub fn field_error(message: impl Into<crate::i18n::Msg>) -> FormErrors {
    let mut errors = FormErrors::new();
    errors.add(FILES_FIELD, message);
    errors
}

/// What a received upload came to: the form's one-time key (a text part of the upload, for
/// `Submission::with_key`), and the files or why they cannot be imported.
pub struct Received {
    pub submission_key: Option<String>,
    pub upload: Result<Upload, Refusal>,
}

impl UploadForm {
    /// Reads the request's upload into a fresh directory.
    pub async fn receive(&self, req: &HttpRequest, payload: &mut Multipart) -> AppResult<Received> {
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > self.max.saturating_add(FRAMING_ALLOWANCE)) {
            return Ok(Received {
                submission_key: None,
                upload: Err(self.too_large()),
            });
        }
        let dir = UploadDir::create().map_err(AppError::internal)?;
        let parts = self.stream(payload, &dir).await?;
        let upload = match self.problems(&parts) {
            Some(refusal) => Err(refusal),
            None => Ok(Upload {
                dir,
                files: (self.files.iter().copied())
                    .filter(|f| parts.files.contains(f))
                    .collect(),
            }),
        };
        Ok(Received {
            submission_key: parts.submission_key,
            upload,
        })
    }

    /// Streams the parts into `dir`; stops early once more than the cap has come.
    async fn stream(&self, payload: &mut Multipart, dir: &UploadDir) -> AppResult<Parts> {
        let mut parts = Parts::default();
        let mut total: u64 = 0;
        while let Some(field) = payload.next().await {
            let mut field = field.map_err(respond::unreadable_upload)?;
            let read = if field.name() == Some(submission::FIELD) {
                let key = read_text(&mut field, &mut total, self.max).await?;
                key.map(|k| parts.submission_key = Some(k))
            } else if let Some(file) = self.target(&field, &mut parts) {
                let written = write_file(&mut field, dir, file, &mut total, self.max).await?;
                written.map(|_| parts.files.push(file))
            } else {
                skip(&mut field, &mut total, self.max).await?
            };
            if read.is_none() {
                parts.too_large = true;
                return Ok(parts);
            }
        }
        Ok(parts)
    }

    /// The format's file a part holds, if it is one not chosen before; notes unknown and
    /// repeated names. An empty part (no file chosen) or another field holds none.
    fn target(&self, field: &Field, parts: &mut Parts) -> Option<&'static str> {
        if field.name() != Some(FILES_FIELD) {
            return None;
        }
        let name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(|n| base_name(n).to_string())
            .filter(|n| !n.is_empty())?;
        let known = match self.any_name {
            Some(_) => self.files.first(),
            None => self.files.iter().find(|f| **f == name),
        };
        let (file, noted) = match known {
            Some(file) if !parts.files.contains(file) => return Some(file),
            Some(_) => (None, &mut parts.duplicates),
            None => (None, &mut parts.unknown),
        };
        if !noted.contains(&name) {
            noted.push(name);
        }
        file
    }

    fn too_large(&self) -> Refusal {
        let mut messages = vec![Msg::new("admin-upload-too-large").arg("max", megabytes(self.max))];
        if let Some(advice) = self.too_large_advice {
            messages.push(Msg::new(advice));
        }
        Refusal {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            messages,
        }
    }

    /// Why the parts cannot be imported, if they cannot.
    fn problems(&self, parts: &Parts) -> Option<Refusal> {
        if parts.too_large {
            return Some(self.too_large());
        }
        // The files' names as a sentence lists them: "a.csv, b.csv or c.csv" (every form has
        // several files).
        let (first, last) = match self.files {
            [first @ .., last] => (first.join(", "), *last),
            [] => (String::new(), ""),
        };
        let names = |m: Msg| m.arg("first", &first).arg("last", last);
        let mut sentences = Vec::new();
        if !parts.unknown.is_empty() {
            let quoted: Vec<String> = parts.unknown.iter().map(|n| format!("“{n}”")).collect();
            sentences.push(names(
                Msg::new("admin-upload-unknown")
                    .arg("count", quoted.len())
                    .arg("files", quoted.join(", "))
                    .arg("format", self.format),
            ));
        }
        for d in &parts.duplicates {
            sentences.push(Msg::new("admin-upload-duplicate").arg("file", d));
        }
        if sentences.is_empty() && parts.files.is_empty() {
            sentences.push(names(Msg::new(
                self.any_name.unwrap_or("admin-upload-choose"),
            )));
        }
        (!sentences.is_empty()).then_some(Refusal {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            messages: sentences,
        })
    }

    /// The cap as the form states it.
    pub fn max_upload(&self) -> String {
        megabytes(self.max)
    }

    /// The frame of the form's page, an administrator's, titled by the message `title`; it
    /// keeps the submission `key` an upload carried, so a retry is still the same submission.
    pub fn frame(&self, layout: Layout, key: Option<&str>, title: &'static str) -> Layout {
        layout
            .keeping(key)
            .titled(Msg::new(title))
            .in_section("admin")
    }
}

/// What came in with an upload, before it is judged.
#[derive(Default)]
struct Parts {
    /// The format's files, as named by the upload, in the order they came.
    files: Vec<&'static str>,
    unknown: Vec<String>,
    duplicates: Vec<String>,
    too_large: bool,
    submission_key: Option<String>,
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// The last part of a file name as a browser sends it (old browsers send a whole path).
fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The next chunk of `field`, counted into `total`: `Some(None)` at the end, `None` once the
/// upload has gone over `max`.
async fn next_chunk(
    field: &mut Field,
    total: &mut u64,
    max: u64,
) -> AppResult<Option<Option<web::Bytes>>> {
    let Some(chunk) = field.next().await else {
        return Ok(Some(None));
    };
    let chunk = chunk.map_err(respond::unreadable_upload)?;
    *total += chunk.len() as u64;
    Ok((*total <= max).then_some(Some(chunk)))
}

/// Reads a text part; `None` once the upload has gone over `max`.
async fn read_text(field: &mut Field, total: &mut u64, max: u64) -> AppResult<Option<String>> {
    let mut text = Vec::new();
    loop {
        match next_chunk(field, total, max).await? {
            None => return Ok(None),
            Some(None) => return Ok(Some(String::from_utf8_lossy(&text).into_owned())),
            Some(Some(chunk)) => text.extend_from_slice(&chunk),
        }
    }
}

/// Reads a part that is not kept; `None` once the upload has gone over `max`.
async fn skip(field: &mut Field, total: &mut u64, max: u64) -> AppResult<Option<()>> {
    loop {
        match next_chunk(field, total, max).await? {
            None => return Ok(None),
            Some(None) => return Ok(Some(())),
            Some(Some(_)) => {}
        }
    }
}

/// Writes a file part to its place in `dir`; `None` once the upload has gone over `max`.
async fn write_file(
    field: &mut Field,
    dir: &UploadDir,
    file: &'static str,
    total: &mut u64,
    max: u64,
) -> AppResult<Option<()>> {
    let path = dir.file_path(file).map_err(AppError::internal)?;
    let mut out = web::block(move || File::create(path))
        .await?
        .map_err(AppError::internal)?;
    let mut buffer = web::BytesMut::new();
    loop {
        match next_chunk(field, total, max).await? {
            None => return Ok(None),
            Some(None) => break,
            Some(Some(chunk)) => buffer.extend_from_slice(&chunk),
        }
        if buffer.len() >= WRITE_BUFFER {
            out = write_off_worker(out, buffer.split().freeze()).await?;
        }
    }
    if !buffer.is_empty() {
        write_off_worker(out, buffer.freeze()).await?;
    }
    Ok(Some(()))
}

/// Writes `bytes` to `file` on the blocking pool; gives the file back.
async fn write_off_worker(mut file: File, bytes: web::Bytes) -> AppResult<File> {
    web::block(move || file.write_all(&bytes).map(|_| file))
        .await?
        .map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: UploadForm = UploadForm {
        files: &["customers.csv", "addresses.csv", "orders.csv"],
        max: 3 * 1024 * 1024,
        format: "import",
        too_large_advice: Some("admin-import-too-large-advice"),
        any_name: None,
    };

    #[test]
    fn browsers_paths_are_cut_to_the_file_name() {
        assert_eq!(base_name("C:\\Users\\ann\\orders.csv"), "orders.csv");
        assert_eq!(base_name("dir/customers.csv"), "customers.csv");
        assert_eq!(base_name("addresses.csv"), "addresses.csv");
    }

    #[test]
    fn an_upload_is_explained_when_it_cannot_be_imported() {
        let en = L10n::english();
        let message = |parts: &Parts| FORM.problems(parts).map(|r| r.message(&en));
        let nothing = Parts::default();
        assert_eq!(
            message(&nothing).unwrap(),
            "Choose the files to import: customers.csv, addresses.csv or orders.csv, or several of them."
        );
        let fine = Parts {
            files: vec!["orders.csv"],
            ..Parts::default()
        };
        assert!(FORM.problems(&fine).is_none());
        let odd = Parts {
            files: vec!["orders.csv"],
            unknown: vec!["notes.txt".into()],
            duplicates: vec!["orders.csv".into()],
            ..Parts::default()
        };
        let text = message(&odd).unwrap();
        assert!(
            text.contains("“notes.txt” is not a file of the import format"),
            "{text}"
        );
        assert!(
            text.contains("orders.csv was chosen more than once"),
            "{text}"
        );
        let refusal = FORM.too_large();
        assert_eq!(refusal.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            refusal.message(&en),
            "The files come to more than 3 MB, the most one upload may hold. Upload them one at a time: customers.csv first, then addresses.csv, then orders.csv."
        );
        assert_eq!(
            FORM.problems(&odd).unwrap().status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
}
