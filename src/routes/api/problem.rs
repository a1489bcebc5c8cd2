//! The API's errors as RFC 9457 problem documents (`application/problem+json`): `type`,
//! `title`, `status`, `detail`, and for invalid input (422) an `errors` list naming each field.
//! Nothing of the internals is ever in one: a failure inside says only that it failed, and the
//! cause goes to the log.

use crate::domain::forms::FormErrors;
use crate::error::AppError;
use crate::i18n::{L10n, Msg};
use actix_web::{
    HttpResponse, ResponseError,
    http::{StatusCode, header},
};
use serde::Serialize;
use std::fmt;

/// One field's message in a 422.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub detail: String,
}

/// An RFC 9457 problem document.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// `about:blank`: the status and title say what happened, the detail says why.
    #[serde(rename = "type")]
    #[schema(value_type = String)]
    pub kind: &'static str,
    #[schema(value_type = String)]
    pub title: &'static str,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Seconds to wait before asking again (429).
    #[serde(skip)]
    pub retry_after: Option<u32>,
    /// The methods the resource takes (405).
    #[serde(skip)]
    pub allow: Option<Box<str>>,
}

impl Problem {
    pub fn new(status: StatusCode, detail: impl Into<Option<String>>) -> Problem {
        Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
            retry_after: None,
            allow: None,
        }
    }

    pub fn unauthorized() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "A valid token is needed: send `Authorization: Bearer <token>` with a token of an API \
             client in use."
                .to_string(),
        )
    }

    pub fn missing_scope(scope: &str) -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            format!("This client does not have the scope `{scope}`."),
        )
    }

    pub fn not_found() -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "There is no such resource.".to_string(),
        )
    }

    pub fn too_many(retry_after: u32) -> Problem {
        let detail = format!(
            "This client has made more requests this minute than the vendor allows; try again \
             in {retry_after} s."
        );
        Problem {
            retry_after: Some(retry_after),
            ..Problem::new(StatusCode::TOO_MANY_REQUESTS, detail)
        }
    }

    /// A 422 with a message per field.
    pub fn invalid(errors: Vec<FieldError>) -> Problem {
        Problem {
            errors,
            ..Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "The request has invalid values; see `errors`.".to_string(),
            )
        }
    }

    /// A 422 naming one field and what is wrong with it.
    pub fn field(name: &str, detail: impl Into<String>) -> Problem {
        Problem::fields([(name, detail.into())])
    }

    /// A 422 naming each of `errors` (field, what is wrong).
    pub fn fields<'a>(errors: impl IntoIterator<Item = (&'a str, String)>) -> Problem {
        let errors = errors.into_iter().map(|(field, detail)| FieldError {
            field: field.to_string(),
            detail,
        });
        Problem::invalid(errors.collect())
    }

    /// A 422 of a form's messages, in English, each field named as the API names it (`names`:
    /// the form's name and the API's, where they differ).
    pub fn of_form(errors: &FormErrors, names: &[(&str, &str)]) -> Problem {
        let l = L10n::english();
        let named = |field: &str| {
            let api = names.iter().find(|(form, _)| *form == field);
            api.map_or(field, |(_, api)| api).to_string()
        };
        let fields = errors.fields().map(|field| FieldError {
            field: named(field),
            detail: errors.get(field).map(|m| l.msg(m)).unwrap_or_default(),
        });
        Problem::invalid(fields.collect())
    }

    /// A 409: a rule or the record's state forbids it, and `why` (in English) names it.
    pub fn conflict(why: &Msg) -> Problem {
        Problem::new(StatusCode::CONFLICT, L10n::english().msg(why))
    }

    /// The problem an extractor answered (the API's own, or one for its status alone).
    pub fn of_error(e: &actix_web::Error) -> Problem {
        e.as_error::<Problem>()
            .cloned()
            .unwrap_or_else(|| Problem::of_status(e.as_response_error().status_code()))
    }

    /// The same problem with its fields named as `names` (given, API) says, where they differ.
    pub fn named(mut self, names: &[(&str, &str)]) -> Problem {
        for error in &mut self.errors {
            if let Some((_, api)) = names.iter().find(|(given, _)| *given == error.field) {
                error.field = api.to_string();
            }
        }
        self
    }

    /// The document for `status` alone (an error some layer answered without one).
    pub fn of_status(status: StatusCode) -> Problem {
        Problem::new(status, None)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.title)
    }
}

impl ResponseError for Problem {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status_code());
        res.content_type("application/problem+json")
            .insert_header((header::CACHE_CONTROL, "no-store"));
        if let Some(seconds) = self.retry_after {
            res.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        if let Some(methods) = &self.allow {
            res.insert_header((header::ALLOW, &**methods));
        }
        if self.status == 401 {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        res.body(serde_json::to_string(self).unwrap_or_default())
    }
}

/// The application's errors as the API says them: what a page would say, in English; a
/// failure inside is logged here and answered without its cause.
impl From<AppError> for Problem {
    fn from(e: AppError) -> Problem {
        let status = e.status_code();
        match e {
            AppError::NotFound => Problem::not_found(),
            AppError::Internal(cause) | AppError::Unavailable(cause) => {
                log::error!("API request failed: {cause}");
                Problem::of_status(status)
            }
            other => Problem::new(status, L10n::english().msg(&other.public_message())),
        }
    }
}

impl From<diesel::result::Error> for Problem {
    fn from(e: diesel::result::Error) -> Problem {
        Problem::from(AppError::from(e))
    }
}
