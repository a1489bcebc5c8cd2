//! Web plumbing every screen shares: answers, redirects and what a request may redirect to.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
