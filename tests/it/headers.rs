//! Security headers are on every kind of response.

use crate::helpers::{PASSWORD, TestClient, TestResponse, spawn_app, spawn_app_with};
use actix_web::http::StatusCode;
use clientele::models::access::staff::Role;

#[track_caller]
fn assert_hardened(what: &str, res: &TestResponse) {
    let csp = res
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    assert!(csp.contains("default-src 'none'"), "{what}: {csp}");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{what}: {csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(
        res.header("x-content-type-options").as_deref(),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        res.header("referrer-policy").as_deref(),
        Some("same-origin"),
        "{what}"
    );
    assert_eq!(
        res.header("x-frame-options").as_deref(),
        Some("DENY"),
        "{what}"
    );
    assert!(res.header("server").is_none(), "{what}: a server banner");
    assert!(
        res.header("cache-control").is_some(),
        "{what}: no cache-control"
    );
}

#[actix_web::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = spawn_app().await;
    app.create_staff("bob@example.com", PASSWORD, &[Role::Staff]);
    let page = app.get("/login").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_hardened("page", &page);
    assert_eq!(page.header("cache-control").as_deref(), Some("no-store"));

    let redirect = app.get("/").await;
    assert_eq!(redirect.status, StatusCode::SEE_OTHER);
    assert_hardened("redirect", &redirect);

    let css = app.get("/static/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert_hardened("static file", &css);

    assert_hardened("health", &app.get("/healthz").await);
    assert_hardened("403 csrf", &app.post_form("/login", &[]).await);
    assert_hardened(
        "404 anonymous GET of a POST-only path",
        &app.get("/logout").await,
    );

    app.sign_in("bob@example.com", PASSWORD).await;
    let forbidden = app.get("/admin/staff").await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert_hardened("403 role", &forbidden);
    let missing = app.get("/nope").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_hardened("404", &missing);
    let too_large = app
        .post_raw("/logout", "x".repeat(2 * 1024 * 1024), &[])
        .await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_hardened("413", &too_large);
}

#[actix_web::test]
async fn https_deployments_also_send_strict_transport_security() {
    let app = spawn_app_with(&[("PUBLIC_URL", "https://crm.example.com")], |_| {}).await;
    let res = app.get("/login").await;
    assert!(
        res.header("strict-transport-security")
            .unwrap()
            .contains("max-age=")
    );
}

#[actix_web::test]
async fn pages_load_no_inline_script_or_style() {
    let app = spawn_app().await;
    let page = app.get("/login").await;
    assert!(page.texts("script:not([src])").is_empty());
    assert!(page.texts("style").is_empty());
    assert!(!page.body.contains(" style=\""), "inline style attribute");
    assert!(!page.body.contains(" onclick="), "inline handler");
}

/// What `/static/` serves, wherever the binary runs: each file with its type and bytes, an ETag
/// the browser revalidates against (304 while unchanged), and a 404 for any other name,
/// including one that climbs out of the directory.
pub async fn assert_static_files_served(client: &TestClient) {
    for (path, bytes, content_type) in [
        (
            "/static/app.css",
            &include_bytes!("../../static/app.css")[..],
            "text/css; charset=utf-8",
        ),
        (
            "/static/app.js",
            include_bytes!("../../static/app.js"),
            "text/javascript; charset=utf-8",
        ),
        (
            "/static/favicon.svg",
            include_bytes!("../../static/favicon.svg"),
            "image/svg+xml",
        ),
    ] {
        let res = client.get(path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(res.header("content-type").as_deref(), Some(content_type));
        assert_eq!(res.bytes, bytes, "{path}");
        assert_eq!(res.header("cache-control").as_deref(), Some("no-cache"));
        let etag = res
            .header("etag")
            .unwrap_or_else(|| panic!("{path}: no ETag"));
        assert!(etag.starts_with('"') && etag.len() > 20, "{etag}");
        let again = client.get_with(path, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.bytes.is_empty());
        assert_eq!(again.header("etag").as_deref(), Some(etag.as_str()));
        let stale = client
            .get_with(path, &[("if-none-match", "\"other\"")])
            .await;
        assert_eq!(stale.status, StatusCode::OK, "{path}");
    }
    let head = client.send_json(("HEAD", "/static/app.css"), "", &[]).await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.bytes.is_empty());
    for path in [
        "/static/nope.css",
        "/static/",
        "/static/../Cargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static/..%2fsrc%2fmain.rs",
        "/static//etc/passwd",
        "/static/app.css/",
    ] {
        let res = client.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(res.text("main h1"), "Page not found", "{path}");
    }
}

#[actix_web::test]
async fn static_files_have_their_type_an_etag_and_nothing_outside_them_is_served() {
    let app = spawn_app().await;
    assert_static_files_served(&app.client).await;
}
