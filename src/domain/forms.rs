//! Messages shown beside form fields. A page re-rendered after a failed submission carries the
//! user's input and one of these; templates ask `errors.get("field")`.

use crate::i18n::Msg;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct FormErrors(BTreeMap<String, Msg>);

impl FormErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// One message, beside `field`.
    pub fn one(field: &str, message: impl Into<Msg>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    /// Records a message for `field`; the first message for a field wins.
    pub fn add(&mut self, field: &str, message: impl Into<Msg>) {
        self.0
            .entry(field.to_string())
            .or_insert_with(|| message.into());
    }

    /// Checks a required text of at most `max` characters: beside `field`, message `missing`
    /// when it is empty, `too_long` (with the `max`) when it is longer.
    pub fn require_text(
        &mut self,
        (field, text): (&str, &str),
        max: usize,
        (missing, too_long): (&'static str, &'static str),
    ) {
        if text.is_empty() {
            self.add(field, Msg::new(missing));
        } else if text.chars().count() > max {
            self.add(field, Msg::new(too_long).arg("max", max as i64));
        }
    }

    pub fn get(&self, field: &str) -> Option<&Msg> {
        self.0.get(field)
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields with a message, in order.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
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
                let msg = match &e.message {
                    Some(m) => Msg::verbatim(m.to_string()),
                    None => Msg::new("field-check-value"),
                };
                out.add(field.as_ref(), msg);
            }
        }
        out
    }
}

/// A form's fields parsed one by one: each parse gives the typed value, or records the type's
/// message beside the field and gives None. `finish` then yields the input or every message.
#[derive(Debug, Default)]
pub struct Fields {
    errors: FormErrors,
}

impl Fields {
    pub fn new() -> Self {
        Self::default()
    }

    /// An optional field: None when it is empty once trimmed, else what `parse` makes of it.
    pub fn optional<T, E: Into<Msg>>(
        &mut self,
        field: &str,
        raw: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        if raw.trim().is_empty() {
            return None;
        }
        self.parse(field, raw, parse)
    }

    /// A required field: the message `missing` (an id) beside it when it is empty once trimmed.
    pub fn required<T, E: Into<Msg>>(
        &mut self,
        field: &str,
        raw: &str,
        missing: &'static str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        if raw.trim().is_empty() {
            self.errors.add(field, Msg::new(missing));
        }
        self.optional(field, raw, parse)
    }

    /// Any field, empty or not, as `parse` sees it.
    pub fn parse<T, E, P>(&mut self, field: &str, raw: &str, parse: P) -> Option<T>
    where
        E: Into<Msg>,
        P: FnOnce(&str) -> Result<T, E>,
    {
        parse(raw).map_err(|m| self.errors.add(field, m)).ok()
    }

    /// Records a message of a rule across fields (the first message for a field wins).
    pub fn add(&mut self, field: &str, message: impl Into<Msg>) {
        self.errors.add(field, message);
    }

    pub fn has(&self, field: &str) -> bool {
        self.errors.has(field)
    }

    /// The messages so far.
    pub fn errors(&self) -> &FormErrors {
        &self.errors
    }

    /// The input `build` makes, when no field had a message.
    pub fn finish<T>(self, build: impl FnOnce() -> T) -> Result<T, FormErrors> {
        if self.errors.is_empty() {
            Ok(build())
        } else {
            Err(self.errors)
        }
    }

    pub fn into_errors(self) -> FormErrors {
        self.errors
    }
}

/// The trimmed value, or None when it is empty.
pub fn optional(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// Why a save did not happen; nothing was written in any case. `Stale` is what a record is now
/// when someone saved it after the form was loaded (a form without optimistic locking leaves it
/// uninhabited).
#[derive(Debug)]
pub enum SaveError<Stale = std::convert::Infallible> {
    /// Messages for fields.
    Invalid(FormErrors),
    /// Someone saved the record after this form was loaded: the record, or its changes, now.
    Stale(Box<Stale>),
    /// NotFound or a database failure.
    Failed(crate::error::AppError),
}

impl SaveError {
    /// The messages of a save that takes no lock version (it cannot be stale); a failure stays
    /// the error it is.
    pub fn into_invalid(self) -> crate::error::AppResult<FormErrors> {
        match self {
            SaveError::Invalid(errors) => Ok(errors),
            SaveError::Failed(e) => Err(e),
            SaveError::Stale(never) => match *never {},
        }
    }
}

impl<S> From<diesel::result::Error> for SaveError<S> {
    fn from(e: diesel::result::Error) -> Self {
        SaveError::Failed(e.into())
    }
}

impl<S> From<crate::error::AppError> for SaveError<S> {
    fn from(e: crate::error::AppError) -> Self {
        SaveError::Failed(e)
    }
}
