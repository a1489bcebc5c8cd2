//! Staff accounts run from the browser (issue 18, section 1): invitations through a single-use
//! link received by a real SMTP sink, password-reset links, the forgotten-password form and its
//! throttle, role changes that end no session, deactivation that ends them all, the last
//! administrator, the record of changes on the member's page, and the command line.

use crate::{
    cli::{clientele, run_with_input},
    helpers::{PASSWORD, TestApp, TestClient, TestDb, app_mailing_to},
    smtp_sink::{Received, SmtpSink},
};
use actix_web::http::StatusCode;
use clientele::{
    error::AppError,
    models::access::{
        staff::{Role, Staff, StaffStatus},
        staff_account::{self, Actor},
    },
    schema::{staff, staff_changes, user_tokens},
};
use diesel::{Connection, ExpressionMethods, QueryDsl, RunQueryDsl};

const NEW_PASSWORD: &str = "a fresh and long staff password";

struct World {
    app: TestApp,
    sink: SmtpSink,
    ada: Staff,
}

/// An app sending mail to a sink, its own client signed in as Ada, an administrator.
async fn world() -> World {
    let sink = SmtpSink::start();
    let app = app_mailing_to(&sink.url(), &[]).await;
    let ada = app.create_staff("ada@vendor.test", PASSWORD, &[Role::Admin]);
    app.sign_in("ada@vendor.test", PASSWORD).await;
    World { app, sink, ada }
}

impl World {
    /// Waits for the `n`th email (counting from 1) to `to`.
    async fn mail(&self, to: &str, n: usize) -> Received {
        for _ in 0..200 {
            let got = self.sink.to(to);
            if got.len() >= n {
                return got[n - 1].clone();
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no email number {n} to {to}");
    }

    /// Invites a colleague through the form with `fields` besides name and email; returns the
    /// path of the link in the email.
    async fn invite(&self, name: &str, email: &str, fields: &[(&str, &str)]) -> String {
        let mut all = vec![("name", name), ("email", email)];
        all.extend_from_slice(fields);
        let res = self.app.post("/admin/staff", &all).await;
        let id = staff_id(&self.app, email);
        res.assert_redirect_to(&format!("/admin/staff/{id}"));
        link_in(&self.mail(email, 1).await.text(), "/login/invitation/")
    }

    /// The "What" column of the member's page, newest first.
    async fn changes(&self, id: i64) -> Vec<String> {
        let page = self.app.get(&format!("/admin/staff/{id}")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        page.texts("table.staff-changes td[data-label=What]")
    }
}

fn staff_id(app: &TestApp, email: &str) -> i64 {
    staff::table
        .filter(staff::email.eq(email))
        .select(staff::id)
        .first(&mut app.conn())
        .unwrap()
}

/// The path of the first link in `text` that contains `marker` (links use PUBLIC_URL).
fn link_in(text: &str, marker: &str) -> String {
    let word = text
        .split_whitespace()
        .find(|w| w.contains(marker))
        .unwrap_or_else(|| panic!("no {marker} link in {text}"));
    word[word.find("/login/").unwrap()..].to_string()
}

/// Chooses `NEW_PASSWORD` through `link` in a fresh browser, which is then signed in.
async fn choose_password(app: &TestApp, link: &str) -> TestClient {
    let browser = app.new_client();
    let res = browser.get(link).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = browser
        .post(
            link,
            &[
                ("new_password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
            ],
        )
        .await;
    res.assert_redirect_to("/");
    assert_eq!(browser.get("/").await.status, StatusCode::OK);
    browser
}

/// Whether `email` gets in with `password` at the staff door.
async fn can_sign_in(app: &TestApp, email: &str, password: &str) -> bool {
    let res = app.new_client().sign_in(email, password).await;
    res.status == StatusCode::SEE_OTHER
}

#[actix_web::test]
async fn an_invited_colleague_chooses_a_password_through_a_single_use_link() {
    let w = world().await;
    let link = w
        .invite(
            "Ivy Invited",
            "ivy@vendor.test",
            &[
                ("roles", "digital_admin"),
                ("salesperson", "on"),
                ("limited", "on"),
            ],
        )
        .await;
    let mail = w.mail("ivy@vendor.test", 1).await;
    assert_eq!(mail.subject(), "Your staff account in Clientele");
    assert!(
        mail.text().contains("Digital administrator"),
        "{}",
        mail.text()
    );
    assert!(mail.text().contains("works once"));

    // Invited: listed so, stored with its roles and flags, and no way in yet.
    let ivy = Staff::find_by_email(&mut w.app.conn(), "ivy@vendor.test")
        .unwrap()
        .unwrap();
    assert_eq!(ivy.status(), StaffStatus::Invited);
    assert!(ivy.has_role(Role::DigitalAdmin) && !ivy.has_role(Role::Admin));
    assert!(ivy.is_salesperson && ivy.limited_to_own_customers);
    let list = w.app.get("/admin/staff").await;
    assert!(
        list.texts("tbody td[data-label=Status]")
            .contains(&"Invited".to_string())
    );
    let roles = list.texts("tbody td[data-label=Roles]");
    assert!(
        roles
            .iter()
            .any(|r| r.contains("Digital administrator") && r.contains("Limited to own customers")),
        "{roles:?}"
    );
    assert!(!can_sign_in(&w.app, "ivy@vendor.test", "").await);
    assert!(!can_sign_in(&w.app, "ivy@vendor.test", NEW_PASSWORD).await);

    // A staff account's link opens nothing in the portal.
    let portal = link.replace("/login/invitation/", "/portal/invitation/");
    assert_eq!(
        w.app.new_client().get(&portal).await.status,
        StatusCode::GONE
    );
    let ivys = choose_password(&w.app, &link).await;
    assert_eq!(ivys.get("/approvals").await.status, StatusCode::OK);
    // The link works once.
    assert_eq!(w.app.new_client().get(&link).await.status, StatusCode::GONE);
    assert!(can_sign_in(&w.app, "ivy@vendor.test", NEW_PASSWORD).await);

    // The member's page lists who did what.
    let page = w.app.get(&format!("/admin/staff/{}", ivy.id)).await;
    assert_eq!(
        page.texts("table.staff-changes td[data-label=By]"),
        ["Ivy Invited", "ada"]
    );
    let what = w.changes(ivy.id).await;
    assert!(what[0].starts_with("Password set"), "{what:?}");
    assert!(what[1].starts_with("Invitation sent"), "{what:?}");
    assert!(
        what[1].ends_with("Staff, Digital administrator, Salesperson, Limited to own customers"),
        "{what:?}"
    );
}

#[actix_web::test]
async fn an_invitation_that_ran_out_is_refused_and_a_new_one_works() {
    let w = world().await;
    let old = w.invite("Eve Late", "eve@vendor.test", &[]).await;
    let id = staff_id(&w.app, "eve@vendor.test");
    diesel::update(user_tokens::table.filter(user_tokens::staff_account_id.eq(id)))
        .set(user_tokens::expires_at.eq(chrono::Utc::now() - chrono::Duration::minutes(1)))
        .execute(&mut w.app.conn())
        .unwrap();
    let browser = w.app.new_client();
    assert_eq!(browser.get(&old).await.status, StatusCode::GONE);
    let res = browser
        .post(
            &old,
            &[
                ("new_password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::GONE);
    assert!(!can_sign_in(&w.app, "eve@vendor.test", NEW_PASSWORD).await);

    // An invited account's "send a link" is a new invitation.
    let page = w.app.get(&format!("/admin/staff/{id}")).await;
    assert!(page.body.contains("Send the invitation again"));
    w.app
        .post(&format!("/admin/staff/{id}/link"), &[])
        .await
        .assert_redirect_to(&format!("/admin/staff/{id}"));
    let new = link_in(
        &w.mail("eve@vendor.test", 2).await.text(),
        "/login/invitation/",
    );
    assert_ne!(new, old);
    choose_password(&w.app, &new).await;
    assert!(can_sign_in(&w.app, "eve@vendor.test", NEW_PASSWORD).await);
}

#[actix_web::test]
async fn a_reset_link_from_the_members_page_sets_a_new_password_once_in_their_language() {
    let w = world().await;
    let bob = w
        .app
        .create_staff("bob@vendor.test", PASSWORD, &[Role::Staff]);
    diesel::update(staff::table.find(bob.id))
        .set(staff::language.eq(Some("de")))
        .execute(&mut w.app.conn())
        .unwrap();
    let bobs_old_browser = w.app.new_client();
    bobs_old_browser.sign_in("bob@vendor.test", PASSWORD).await;

    let res = w
        .app
        .post(&format!("/admin/staff/{}/link", bob.id), &[])
        .await;
    res.assert_redirect_to(&format!("/admin/staff/{}", bob.id));
    let mail = w.mail("bob@vendor.test", 1).await;
    assert_eq!(mail.subject(), "Ihr Clientele-Passwort zurücksetzen");
    let link = link_in(&mail.text(), "/login/reset/");

    choose_password(&w.app, &link).await;
    // Every other session of Bob's ended; the old password is gone; the link is spent.
    bobs_old_browser.get("/").await.assert_redirect_to("/login");
    assert!(!can_sign_in(&w.app, "bob@vendor.test", PASSWORD).await);
    assert!(can_sign_in(&w.app, "bob@vendor.test", NEW_PASSWORD).await);
    assert_eq!(w.app.new_client().get(&link).await.status, StatusCode::GONE);
    let what = w.changes(bob.id).await;
    assert!(what[0].starts_with("Password set"), "{what:?}");
    assert!(what[1].starts_with("Password-reset link sent"), "{what:?}");
}

#[actix_web::test]
async fn the_forgotten_password_form_answers_alike_and_is_throttled() {
    let w = world().await;
    w.app
        .create_staff("bob@vendor.test", PASSWORD, &[Role::Staff]);
    let visitor = w.app.new_client();
    let login = visitor.get("/login").await;
    assert_eq!(
        login.attr("a[href=\"/login/forgot\"]", "href").unwrap(),
        "/login/forgot"
    );
    assert_eq!(visitor.get("/login/forgot").await.status, StatusCode::OK);

    let answer = |email: &'static str| {
        let visitor = &visitor;
        async move {
            let res = visitor.post("/login/forgot", &[("email", email)]).await;
            assert_eq!(res.status, StatusCode::OK);
            res.text(".notice").replace(email, "…")
        }
    };
    let known = answer("bob@vendor.test").await;
    let unknown = answer("nobody@vendor.test").await;
    assert_eq!(known, unknown);
    let mail = w.mail("bob@vendor.test", 1).await;
    assert_eq!(mail.subject(), "Reset your Clientele password");
    assert!(link_in(&mail.text(), "/login/reset/").starts_with("/login/reset/"));

    // Three links an hour, then silence, with the same answer.
    for _ in 0..3 {
        assert_eq!(answer("bob@vendor.test").await, known);
    }
    w.mail("bob@vendor.test", 3).await;
    actix_web::rt::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(w.sink.to("bob@vendor.test").len(), 3);
    assert!(w.sink.to("nobody@vendor.test").is_empty());

    // An empty address is a message beside the field.
    let res = visitor.post("/login/forgot", &[("email", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[actix_web::test]
async fn a_role_change_applies_on_the_next_page_and_ends_no_session() {
    let w = world().await;
    let bob = w
        .app
        .create_staff("bob@vendor.test", PASSWORD, &[Role::Staff]);
    let bobs = w.app.new_client();
    bobs.sign_in("bob@vendor.test", PASSWORD).await;
    assert_eq!(bobs.get("/admin/staff").await.status, StatusCode::FORBIDDEN);

    let access = format!("/admin/staff/{}/access", bob.id);
    w.app
        .post(&access, &[("roles", "admin"), ("salesperson", "on")])
        .await
        .assert_redirect_to(&format!("/admin/staff/{}", bob.id));
    assert_eq!(bobs.get("/admin/staff").await.status, StatusCode::OK);
    let now = Staff::find(&mut w.app.conn(), bob.id).unwrap();
    assert!(now.has_role(Role::Admin) && now.is_salesperson);

    w.app.post(&access, &[]).await;
    assert_eq!(bobs.get("/admin/staff").await.status, StatusCode::FORBIDDEN);
    assert_eq!(bobs.get("/").await.status, StatusCode::OK);
    let what = w.changes(bob.id).await;
    assert_eq!(what.len(), 2, "{what:?}");
    assert!(what[0].starts_with("Roles changed"), "{what:?}");
    assert!(
        what[0].ends_with("Staff, Administrator, Salesperson → Staff"),
        "{what:?}"
    );
    assert!(
        what[1].ends_with("Staff → Staff, Administrator, Salesperson"),
        "{what:?}"
    );

    // An unknown role is a message beside the field, and changes nothing.
    let res = w.app.post(&access, &[("roles", "owner")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(w.changes(bob.id).await.len(), 2);
}

#[actix_web::test]
async fn deactivation_ends_sessions_at_once_and_reactivation_lets_them_back() {
    let w = world().await;
    let bob = w
        .app
        .create_staff("bob@vendor.test", PASSWORD, &[Role::Staff]);
    let bobs = w.app.new_client();
    bobs.sign_in("bob@vendor.test", PASSWORD).await;
    let active = format!("/admin/staff/{}/active", bob.id);
    w.app.post(&active, &[("active", "false")]).await;
    bobs.get("/").await.assert_redirect_to("/login");
    assert!(!can_sign_in(&w.app, "bob@vendor.test", PASSWORD).await);
    // A deactivated account is sent no link.
    w.app
        .post(&format!("/admin/staff/{}/link", bob.id), &[])
        .await;
    let page = w.app.get(&format!("/admin/staff/{}", bob.id)).await;
    assert!(page.text(".flash--error").contains("is deactivated"));

    w.app.post(&active, &[("active", "true")]).await;
    assert!(can_sign_in(&w.app, "bob@vendor.test", PASSWORD).await);
    let what = w.changes(bob.id).await;
    assert_eq!(what, ["Reactivated", "Deactivated"]);
}

#[actix_web::test]
async fn the_last_active_administrator_is_neither_demoted_nor_deactivated() {
    let w = world().await;
    // An invited administrator cannot sign in, so does not count.
    w.invite("Zed Invited", "zed@vendor.test", &[("roles", "admin")])
        .await;
    let own = format!("/admin/staff/{}", w.ada.id);
    let res = w.app.post(&format!("{own}/access"), &[]).await;
    res.assert_redirect_to(&own);
    let page = w.app.get(&own).await;
    assert!(
        page.text(".flash--error")
            .contains("ada is the last active administrator"),
        "{}",
        page.body
    );
    assert!(
        Staff::find(&mut w.app.conn(), w.ada.id)
            .unwrap()
            .has_role(Role::Admin)
    );
    let refused = staff_account::set_active(&mut w.app.conn(), w.ada.id, false, Actor::CommandLine);
    assert!(matches!(refused, Err(AppError::Conflict(_))), "{refused:?}");
    assert!(Staff::find(&mut w.app.conn(), w.ada.id).unwrap().active);

    // With a second administrator, either may go, but not both.
    let bob = w
        .app
        .create_staff("bob@vendor.test", PASSWORD, &[Role::Admin]);
    let mut conn = w.app.conn();
    staff_account::set_active(&mut conn, bob.id, false, Actor::Staff(w.ada.id)).unwrap();
    staff_account::set_active(&mut conn, bob.id, true, Actor::Staff(w.ada.id)).unwrap();
    let plain = staff_account::Access::default();
    staff_account::change_access(&mut conn, w.ada.id, &plain, Actor::Staff(w.ada.id)).unwrap();
    let refused = staff_account::change_access(&mut conn, bob.id, &plain, Actor::CommandLine);
    assert!(matches!(refused, Err(AppError::Conflict(_))), "{refused:?}");
    let refused = staff_account::set_active(&mut conn, bob.id, false, Actor::CommandLine);
    assert!(matches!(refused, Err(AppError::Conflict(_))), "{refused:?}");
    assert!(
        Staff::find(&mut conn, bob.id)
            .unwrap()
            .has_role(Role::Admin)
    );
}

#[actix_web::test]
async fn two_administrators_demoting_each_other_at_once_leave_one_administrator() {
    let w = world().await;
    let bob = w
        .app
        .create_staff("bob@vendor.test", PASSWORD, &[Role::Admin]);
    // Each demotion in its own transaction; the first holds its locks a while.
    let demote = |id: i64, hold: u64| {
        let pool = w.app.pool.clone();
        std::thread::spawn(move || {
            let mut conn = pool.get().unwrap();
            conn.transaction(|conn| {
                let plain = staff_account::Access::default();
                let done = staff_account::change_access(conn, id, &plain, Actor::CommandLine);
                std::thread::sleep(std::time::Duration::from_millis(hold));
                done
            })
        })
    };
    let first = demote(w.ada.id, 500);
    std::thread::sleep(std::time::Duration::from_millis(150));
    let second = demote(bob.id, 0);
    let (first, second) = (first.join().unwrap(), second.join().unwrap());
    assert!(first.is_ok(), "{first:?}");
    assert!(matches!(second, Err(AppError::Conflict(_))), "{second:?}");
    assert!(
        Staff::find(&mut w.app.conn(), bob.id)
            .unwrap()
            .has_role(Role::Admin)
    );
}

#[actix_web::test]
async fn the_invitation_form_refuses_bad_input_beside_the_fields_and_writes_nothing() {
    let w = world().await;
    let before = Staff::count(&mut w.app.conn()).unwrap();
    let res = w
        .app
        .post("/admin/staff", &[("name", ""), ("email", "not an address")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("id=\"name-error\""), "{}", res.body);
    assert!(res.body.contains("id=\"email-error\""), "{}", res.body);
    let res = w
        .app
        .post(
            "/admin/staff",
            &[("name", "Ada Again"), ("email", "ADA@vendor.test")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text("#email-error").contains("exists already"),
        "{}",
        res.body
    );
    assert_eq!(Staff::count(&mut w.app.conn()).unwrap(), before);
    assert!(w.sink.to("ADA@vendor.test").is_empty());
}

#[actix_web::test]
async fn an_administrator_cannot_be_limited_to_own_customers() {
    // An administrator's powers reach every customer (staff accounts, its own limit included,
    // API tokens, webhooks): the invitation, the member's page and the command line refuse it.
    let w = world().await;
    let before = Staff::count(&mut w.app.conn()).unwrap();
    let both = [("roles", "admin"), ("limited", "on")];
    let mut fields = vec![("name", "Lim Admin"), ("email", "lim@vendor.test")];
    fields.extend_from_slice(&both);
    let res = w.app.post("/admin/staff", &fields).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(
        res.text("#roles-error").contains("sees every customer"),
        "{}",
        res.body
    );
    assert_eq!(Staff::count(&mut w.app.conn()).unwrap(), before);
    assert!(w.sink.to("lim@vendor.test").is_empty());

    let bob = w
        .app
        .create_staff("bob@vendor.test", PASSWORD, &[Role::Staff]);
    let access = format!("/admin/staff/{}/access", bob.id);
    let res = w.app.post(&access, &both).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let now = Staff::find(&mut w.app.conn(), bob.id).unwrap();
    assert!(!now.has_role(Role::Admin) && !now.limited_to_own_customers);
    assert!(w.changes(bob.id).await.is_empty());
    // Either alone is fine.
    for one in [("roles", "admin"), ("limited", "on")] {
        w.app
            .post(&access, &[one])
            .await
            .assert_redirect_to(&format!("/admin/staff/{}", bob.id));
    }
}

/// Runs `clientele staff …` against `db`, with `input` on stdin.
fn staff_cli(db: &TestDb, args: &[&str], input: &str) -> std::process::Output {
    let mut all = vec!["staff"];
    all.extend_from_slice(args);
    run_with_input(clientele(&all, &[("DATABASE_URL", &db.url)]), input)
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn the_command_line_lists_accounts_sets_passwords_and_roles_and_records_them() {
    let db = TestDb::new();
    let add = [
        "add",
        "--email",
        "kim@example.com",
        "--name",
        "Kim Ito",
        "--role",
        "admin",
    ];
    stdout(&staff_cli(&db, &add, "a long enough passphrase\n"));
    let list = stdout(&staff_cli(&db, &["list"], ""));
    assert!(
        list.contains("kim@example.com\tKim Ito\tstaff, admin\t\tactive"),
        "{list}"
    );

    // The only administrator keeps the role.
    let out = staff_cli(&db, &["roles", "kim@example.com", "digital_admin"], "");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("last active administrator"), "{err}");
    let roles = [
        "roles",
        "kim@example.com",
        "admin",
        "digital_admin",
        "--salesperson",
        "true",
    ];
    let said = stdout(&staff_cli(&db, &roles, ""));
    assert!(said.contains("Digital administrator"), "{said}");
    let limited = ["roles", "kim@example.com", "admin", "--limited", "true"];
    let out = staff_cli(&db, &limited, "");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sees every customer"), "{err}");
    let kim = Staff::find_by_email(&mut db.connect(), "kim@example.com")
        .unwrap()
        .unwrap();
    assert!(kim.has_role(Role::DigitalAdmin) && kim.is_salesperson);

    let set = ["set-password", "kim@example.com"];
    stdout(&staff_cli(&db, &set, "another long passphrase\n"));
    let kim = Staff::find(&mut db.connect(), kim.id).unwrap();
    let hash = kim.password_hash.as_deref().unwrap();
    assert!(clientele::auth::password::verify(
        "another long passphrase",
        hash
    ));
    let out = staff_cli(&db, &["set-password", "nobody@example.com"], "x\n");
    assert!(!out.status.success());

    let recorded: Vec<(String, Option<i64>, Option<String>)> = staff_changes::table
        .filter(staff_changes::staff_id.eq(kim.id))
        .order(staff_changes::id)
        .select((
            staff_changes::action,
            staff_changes::changed_by,
            staff_changes::by_label,
        ))
        .load(&mut db.connect())
        .unwrap();
    let cli = Some("command_line".to_string());
    assert_eq!(
        recorded,
        [
            ("added".to_string(), None, cli.clone()),
            ("roles_changed".to_string(), None, cli.clone()),
            ("password_set".to_string(), None, cli),
        ]
    );
}
