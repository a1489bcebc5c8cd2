//! HTML forms send only GET and POST: a form that removes something or turns it off posts a
//! hidden field, `<input type="hidden" name="_method" value="delete">`, and is routed as the
//! DELETE it stands for.
//!
//! Only an urlencoded POST is changed, and only into a DELETE: a query string, another content
//! type or another method is left as it came. The route table places this inside the CSRF check
//! (`crate::auth::csrf::protect`), which therefore sees what the browser sent, a POST, and wants
//! its token.

use crate::auth::csrf;
use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::Method,
    middleware::Next,
};

/// The form field that names the method.
pub const FIELD: &str = "_method";

pub async fn override_method(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if req.method() == Method::POST && csrf::is_urlencoded(&req) {
        let body = csrf::peek_form_body(&mut req).await?;
        if asks_for_delete(&csrf::form_fields(&body)) {
            req.head_mut().method = Method::DELETE;
        }
    }
    next.call(req).await
}

fn asks_for_delete(fields: &[(String, String)]) -> bool {
    fields
        .iter()
        .any(|(k, v)| k == FIELD && v.eq_ignore_ascii_case("delete"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn only_delete_is_asked_for() {
        assert!(asks_for_delete(&fields(&[("_method", "delete")])));
        assert!(asks_for_delete(&fields(&[
            ("a", "1"),
            ("_method", "DELETE")
        ])));
        for other in ["get", "put", "patch", ""] {
            assert!(!asks_for_delete(&fields(&[("_method", other)])), "{other}");
        }
        assert!(!asks_for_delete(&fields(&[("method", "delete")])));
    }
}
