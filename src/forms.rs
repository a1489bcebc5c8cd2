//! Messages shown beside form fields. A page re-rendered after a failed submission carries the
//! user's input and one of these; templates ask `errors.get("field")`.

use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct FormErrors(BTreeMap<String, String>);

impl FormErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a message for `field`; the first message for a field wins.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_string())
            .or_insert_with(|| message.into());
    }

    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.get(field)
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl From<validator::ValidationErrors> for FormErrors {
    fn from(errs: validator::ValidationErrors) -> Self {
        let mut out = FormErrors::new();
        for (field, list) in errs.field_errors() {
            for e in list.iter() {
                let msg = e
                    .message
                    .as_ref()
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "Please check this value.".to_string());
                out.add(field.as_ref(), msg);
            }
        }
        out
    }
}

/// Like `web::Form`, but repeated keys (`tags=1&tags=2`, checkbox groups) collect into a `Vec`.
/// The body limit is the app's `PayloadConfig` (64 KiB: 413 beyond it); a body that does not
/// fit `T` is a 400 page that names no field.
pub struct HtmlForm<T>(pub T);

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
                    crate::error::AppError::BadRequest(
                        "The form could not be read. Go back, reload the page and try again."
                            .into(),
                    )
                    .into()
                })
        })
    }
}

/// The trimmed value, or None when it is empty.
pub fn optional(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_string())
}
