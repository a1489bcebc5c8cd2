//! Small helpers with no better home.

/// Lower-case hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares secrets in time that depends only on their lengths.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `n` random bytes as hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).expect("the operating system has no randomness");
    hex(&bytes)
}

/// A redirect target taken from user input, kept only if it stays on this site: a path that
/// starts with one `/` (not `//host`, not `/\host`), with no scheme and no control characters.
pub fn local_path(candidate: Option<&str>) -> Option<String> {
    let p = candidate?.trim();
    let ok = p.starts_with('/')
        && !p.starts_with("//")
        && !p.starts_with("/\\")
        && !p.chars().any(|c| c.is_control() || c == '\\');
    ok.then(|| p.to_string())
}

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

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(
            local_path(Some("/customers?q=a")).as_deref(),
            Some("/customers?q=a")
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            "/a\nb",
            "",
        ] {
            assert_eq!(local_path(Some(bad)), None, "{bad}");
        }
    }

    #[test]
    fn equal_secrets_compare_equal() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
