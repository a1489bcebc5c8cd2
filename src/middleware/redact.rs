//! What of a request may be written to a log: no secret, no searched value.

/// Path segments after which a single-use secret follows (invitation, reset and view-as links).
const SECRET_AFTER: &[&str] = &["invitation", "reset", "view-as"];

/// A request's path and query as they may be written to a log: a segment that carries a secret
/// (after `invitation`, `reset` or `view-as`, or any long opaque run of letters, digits, `-` and
/// `_` such as a token) becomes `[redacted]`, and every query value becomes `…`, since searches
/// hold emails and phone numbers. Nothing in the log can open an account or name a person.
pub fn loggable_path(path: &str, query: &str) -> String {
    let mut out = String::with_capacity(path.len() + query.len());
    let mut secret_next = false;
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let opaque = segment.len() >= 20
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'%');
        if (secret_next && !segment.is_empty()) || opaque {
            out.push_str("[redacted]");
        } else {
            out.push_str(segment);
        }
        secret_next = SECRET_AFTER.contains(&segment);
    }
    if !query.is_empty() {
        out.push('?');
        for (i, pair) in query.split('&').enumerate() {
            if i > 0 {
                out.push('&');
            }
            match pair.split_once('=') {
                Some((key, _)) => {
                    out.push_str(key);
                    out.push_str("=…");
                }
                None => out.push('…'),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logged_paths_carry_no_secret_and_no_searched_value() {
        let token = "3f9a1c2b7d4e0a653f9a1c2b7d4e0a653f9a1c2b7d4e0a653f9a1c2b7d4e0a65";
        assert_eq!(
            loggable_path(&format!("/portal/invitation/{token}"), ""),
            "/portal/invitation/[redacted]"
        );
        assert_eq!(
            loggable_path("/portal/password/reset/short", ""),
            "/portal/password/reset/[redacted]"
        );
        assert_eq!(
            loggable_path(&format!("/portal/view-as/{token}"), ""),
            "/portal/view-as/[redacted]"
        );
        assert_eq!(
            loggable_path(&format!("/anything/{token}/x"), ""),
            "/anything/[redacted]/x"
        );
        assert_eq!(
            loggable_path("/customers", "q=ann%40example.com&page=2&x"),
            "/customers?q=…&page=…&…"
        );
        assert_eq!(
            loggable_path("/customers/42/notes", ""),
            "/customers/42/notes"
        );
        assert_eq!(
            loggable_path("/portal/password/reset", ""),
            "/portal/password/reset"
        );
    }
}
