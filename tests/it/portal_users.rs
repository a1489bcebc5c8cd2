//! Customer users and the portal's door: invitations (use, reuse, expiry, resend, revoke) with
//! the email received by a real SMTP sink, sign-in separation between staff and portal, blocked
//! and rejected customers, view-as recorded, the maintenance invitation, password reset, and
//! the customer's side of requests (issue 5).

use crate::{
    helpers::{PASSWORD, TestApp, TestClient, app_mailing_to},
    smtp_sink::SmtpSink,
};
use actix_web::http::StatusCode;
use clientele::{
    domain::RelationshipStatus,
    mail::sender::REMOVED,
    models::{access::staff::Role, approvals::approval::Request},
    schema::{catalogs, customer_history, customer_users, customers, outbox, user_tokens},
};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

const USER_PASSWORD: &str = "a long and happy customer password";

struct World {
    app: TestApp,
    sink: SmtpSink,
    admin: TestClient,
}

/// An app sending mail to a sink; `app` is signed in as plain staff, `admin` as an
/// administrator and digital administrator; a salesperson exists.
async fn world() -> World {
    let sink = SmtpSink::start();
    let app = app_mailing_to(&sink.url(), &[]).await;
    let desk = app
        .desk(
            ["sally@vendor.test", "stan@vendor.test", "ada@vendor.test"],
            &[Role::Admin, Role::DigitalAdmin],
        )
        .await;
    World {
        app,
        sink,
        admin: desk.decider,
    }
}

impl World {
    async fn invite(&self, customer_id: i64, name: &str, email: &str) -> String {
        let before = self.sink.to(email).len();
        let res = self
            .app
            .post(
                &format!("/customers/{customer_id}/users"),
                &[("name", name), ("email", email)],
            )
            .await;
        res.assert_redirect_to(&format!("/customers/{customer_id}/users"));
        let got = loop {
            let got = self.sink.to(email);
            if got.len() > before {
                break got;
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
        };
        link_in(&got.last().unwrap().text(), "/portal/invitation/")
    }

    fn user_id(&self, email: &str) -> i64 {
        customer_users::table
            .filter(customer_users::email.eq(email))
            .select(customer_users::id)
            .first(&mut self.app.conn())
            .unwrap()
    }

    fn set_relationship(&self, customer_id: i64, to: RelationshipStatus) {
        diesel::update(customers::table.find(customer_id))
            .set(customers::relationship_status.eq(to))
            .execute(&mut self.app.conn())
            .unwrap();
    }
}

/// The path of the first link in `text` that contains `marker` (links use PUBLIC_URL).
fn link_in(text: &str, marker: &str) -> String {
    let word = text
        .split_whitespace()
        .find(|w| w.contains(marker))
        .unwrap_or_else(|| panic!("no {marker} link in {text}"));
    word[word.find("/portal/").unwrap()..].to_string()
}

async fn accept(client: &TestClient, link: &str) -> crate::helpers::TestResponse {
    client.use_portal();
    let res = client.get(link).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    client
        .post(
            link,
            &[
                ("new_password", USER_PASSWORD),
                ("confirm_password", USER_PASSWORD),
            ],
        )
        .await
}

#[actix_web::test]
async fn an_invitation_is_mailed_used_once_and_never_shows_a_password() {
    let w = world().await;
    let customer = w.app.create_customer("Harbour Foods Ltd", Some("C-700"));
    let link = w.invite(customer.id, "Ann Buyer", "ann@harbour.test").await;

    let mail = w.sink.to("ann@harbour.test").remove(0);
    assert_eq!(
        mail.subject(),
        "Your invitation to the customer portal of Harbour Foods Ltd"
    );
    assert!(mail.text().contains("works once"), "{}", mail.text());
    assert!(mail.html().contains("/portal/invitation/"));
    // Staff see the user as invited, never a password.
    let page = w
        .app
        .get(&format!("/customers/{}/users", customer.id))
        .await;
    assert_eq!(
        page.texts("table.users td[data-label=Status] .badge"),
        ["Invited"]
    );
    assert!(!page.body.contains(&link));

    let user = w.app.new_client();
    let res = accept(&user, &link).await;
    res.assert_redirect_to("/portal");
    let home = user.get("/portal").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(home.text("h1"), "Welcome, Ann Buyer");

    // The link works once.
    let again = w.app.new_client().get(&link).await;
    assert_eq!(again.status, StatusCode::GONE);
    // Once delivered, the message's bodies no longer hold the link.
    let bodies: Vec<String> = outbox::table
        .filter(outbox::kind.eq("invitation"))
        .select(outbox::body_text)
        .load(&mut w.app.conn())
        .unwrap();
    assert_eq!(bodies, [REMOVED]);
    // The password works at the door.
    let other = w.app.new_client();
    other
        .portal_sign_in("ann@harbour.test", USER_PASSWORD)
        .await
        .assert_redirect_to("/portal");
    let page = w
        .app
        .get(&format!("/customers/{}/users", customer.id))
        .await;
    assert_eq!(
        page.texts("table.users td[data-label=Status] .badge"),
        ["Active"]
    );
}

#[actix_web::test]
async fn expired_resent_and_revoked_invitations() {
    let w = world().await;
    let customer = w.app.create_customer("Expiry Ltd", None);
    let first = w
        .invite(customer.id, "Eve Expired", "eve@expiry.test")
        .await;
    let id = w.user_id("eve@expiry.test");
    // 72 hours later…
    diesel::update(user_tokens::table.filter(user_tokens::user_id.eq(id)))
        .set(user_tokens::expires_at.eq(chrono::Utc::now() - chrono::Duration::minutes(1)))
        .execute(&mut w.app.conn())
        .unwrap();
    assert_eq!(
        w.app.new_client().get(&first).await.status,
        StatusCode::GONE
    );
    let page = w
        .app
        .get(&format!("/customers/{}/users", customer.id))
        .await;
    assert_eq!(
        page.texts("table.users td[data-label=Status] .badge"),
        ["Invitation expired"]
    );

    // A new link: the old one stays dead, the new one works.
    let res = w
        .app
        .post(
            &format!("/customers/{}/users/{id}/invitations", customer.id),
            &[],
        )
        .await;
    res.assert_redirect_to(&format!("/customers/{}/users", customer.id));
    let mails = loop {
        let m = w.sink.to("eve@expiry.test");
        if m.len() == 2 {
            break m;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let second = link_in(&mails[1].text(), "/portal/invitation/");
    assert_ne!(first, second);
    assert_eq!(
        w.app.new_client().get(&first).await.status,
        StatusCode::GONE
    );
    let user = w.app.new_client();
    accept(&user, &second).await.assert_redirect_to("/portal");

    // Revoked: the session ends on its next request and the door stays shut.
    let res = w
        .app
        .delete(&format!("/customers/{}/users/{id}", customer.id), &[])
        .await;
    res.assert_redirect_to(&format!("/customers/{}/users", customer.id));
    // (Revoking deleted the session row, so the cookie finds nothing at all.)
    user.get("/portal")
        .await
        .assert_redirect_to("/portal/login");
    let res = w
        .app
        .new_client()
        .portal_sign_in("eve@expiry.test", USER_PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    // Another customer's user id in the path is not found.
    let other = w.app.create_customer("Other Ltd", None);
    let res = w
        .app
        .delete(&format!("/customers/{}/users/{id}", other.id), &[])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn bad_or_taken_addresses_are_refused_beside_the_field_and_nothing_is_written() {
    let w = world().await;
    let customer = w.app.create_customer("Careful Ltd", None);
    let taken = w.app.create_customer("Taken Ltd", None);
    w.app
        .create_customer_user(taken.id, "taken@careful.test", USER_PASSWORD);
    for (email, message) in [
        (
            "not an address",
            "Enter an email address in the form name@example.com.",
        ),
        (
            "TAKEN@careful.test",
            "Someone with this email address already has a portal account.",
        ),
    ] {
        let res = w
            .app
            .post(
                &format!("/customers/{}/users", customer.id),
                &[("name", "Carl Careful"), ("email", email)],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(res.text("#email-error"), message);
        // What was typed stays in the form.
        assert_eq!(res.attr("#name", "value").as_deref(), Some("Carl Careful"));
        assert_eq!(res.attr("#email", "value").as_deref(), Some(email));
    }
    let blank = w
        .app
        .get(&format!("/customers/{}/users", customer.id))
        .await;
    assert_eq!(blank.attr("#name", "value").as_deref(), Some(""));
    let res = w
        .app
        .post(
            &format!("/customers/{}/users", customer.id),
            &[("name", ""), ("email", "carl@careful.test")],
        )
        .await;
    assert_eq!(res.text("#name-error"), "Enter the person's name.");
    let n: i64 = customer_users::table
        .count()
        .get_result(&mut w.app.conn())
        .unwrap();
    assert_eq!(n, 1);
    let mails: i64 = outbox::table.count().get_result(&mut w.app.conn()).unwrap();
    assert_eq!(mails, 0);
}

#[actix_web::test]
async fn staff_and_portal_sessions_never_open_each_others_pages() {
    let w = world().await;
    let customer = w.app.create_customer("Separate Ltd", None);
    w.app
        .create_customer_user(customer.id, "sep@separate.test", USER_PASSWORD);
    // A signed-in staff member is a stranger to the portal.
    w.app
        .get("/portal")
        .await
        .assert_redirect_to("/portal/login");
    // A signed-in customer user is a stranger to the staff side, even with both cookies.
    let user = w.app.new_client();
    user.portal_sign_in("sep@separate.test", USER_PASSWORD)
        .await
        .assert_redirect_to("/portal");
    assert_eq!(user.get("/portal").await.status, StatusCode::OK);
    user.get("/").await.assert_redirect_to("/login");
    assert_eq!(
        user.get("/customers").await.location(),
        Some("/login?next=%2Fcustomers")
    );
    // Staff credentials do not open the portal, nor portal credentials the staff side.
    let res = w
        .app
        .new_client()
        .portal_sign_in("stan@vendor.test", PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let res = w
        .app
        .new_client()
        .sign_in("sep@separate.test", USER_PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn users_of_a_blocked_or_rejected_customer_are_signed_out_and_cannot_sign_in() {
    let w = world().await;
    let customer = w.app.create_customer("Blocked Soon Ltd", None);
    w.app
        .create_customer_user(customer.id, "bob@blocked.test", USER_PASSWORD);
    let user = w.app.new_client();
    user.portal_sign_in("bob@blocked.test", USER_PASSWORD).await;
    assert_eq!(user.get("/portal").await.status, StatusCode::OK);

    // A digital administrator blocks the relationship mid-session.
    let res = w
        .admin
        .post(
            &format!("/customers/{}/relationship", customer.id),
            &[("to", "blocked")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // Blocking ended the user's sessions everywhere.
    user.get("/portal/requests")
        .await
        .assert_redirect_to("/portal/login");
    let res = w
        .app
        .new_client()
        .portal_sign_in("bob@blocked.test", USER_PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.text("#login-problem").contains("withdrawn"));
    // A wrong password learns nothing about the block.
    let res = w
        .app
        .new_client()
        .portal_sign_in("bob@blocked.test", "not the password at all")
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);

    // The guard itself checks the relationship on every request, whatever the session table
    // says: a change that did not end the sessions (another path, another instance) still
    // signs the user out on their next request.
    let other = w.app.create_customer("Rejected Soon Ltd", None);
    w.app
        .create_customer_user(other.id, "rita@rejected.test", USER_PASSWORD);
    let rita = w.app.new_client();
    rita.portal_sign_in("rita@rejected.test", USER_PASSWORD)
        .await;
    assert_eq!(rita.get("/portal").await.status, StatusCode::OK);
    w.set_relationship(other.id, RelationshipStatus::Rejected);
    rita.get("/portal/requests")
        .await
        .assert_redirect_to("/portal/login?signed_out=withdrawn");
    let login = rita.get("/portal/login?signed_out=withdrawn").await;
    assert!(login.text(".notice").contains("withdrawn"));
    assert_eq!(rita.get("/portal").await.location(), Some("/portal/login"));

    w.set_relationship(customer.id, RelationshipStatus::Rejected);
    let res = w
        .app
        .new_client()
        .portal_sign_in("bob@blocked.test", USER_PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn view_as_customer_is_read_only_for_admins_only_and_recorded() {
    let w = world().await;
    let customer = w.app.create_customer("Viewed Ltd", None);
    let uid = w
        .app
        .create_customer_user(customer.id, "val@viewed.test", USER_PASSWORD);
    let path = format!("/customers/{}/users/{uid}/view-as", customer.id);
    // Plain staff may not.
    assert_eq!(w.app.post(&path, &[]).await.status, StatusCode::FORBIDDEN);

    let res = w.admin.post(&path, &[]).await;
    let ticket = res.location().unwrap().to_string();
    assert!(ticket.starts_with("/portal/view-as/"), "{ticket}");
    let viewer = w.app.new_client();
    viewer.use_portal();
    viewer.get(&ticket).await.assert_redirect_to("/portal");
    let home = viewer.get("/portal").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.text(".view-as-banner")
            .contains("Read-only view as val")
    );
    // Nothing can be changed from the view (only signing out of it).
    let res = viewer
        .post("/portal/requests", &[("services", "invoices")])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // The ticket works once.
    assert_eq!(
        w.app.new_client().get(&ticket).await.status,
        StatusCode::GONE
    );
    let recorded: Vec<(String, Option<String>)> = customer_history::table
        .filter(customer_history::customer_id.eq(customer.id))
        .filter(customer_history::action.eq("view_as"))
        .select((customer_history::action, customer_history::new_value))
        .load(&mut w.app.conn())
        .unwrap();
    assert_eq!(recorded.len(), 1);
    assert!(
        recorded[0]
            .1
            .as_deref()
            .unwrap()
            .contains("val@viewed.test")
    );
    let history = w
        .admin
        .get(&format!("/customers/{}/history", customer.id))
        .await;
    assert!(
        history.body.contains("viewed as (read-only portal)"),
        "{}",
        history.body
    );
}

#[actix_web::test]
async fn the_maintenance_action_invites_every_user_without_a_password() {
    let w = world().await;
    let customer = w.app.create_customer("Many Users Ltd", None);
    w.invite(customer.id, "One", "one@many.test").await;
    w.invite(customer.id, "Two", "two@many.test").await;
    w.app
        .create_customer_user(customer.id, "has@many.test", USER_PASSWORD);
    let page = w.admin.get("/admin/maintenance").await;
    assert!(
        page.text("main").contains("(2 now)"),
        "{}",
        page.text("main")
    );
    let res = w.admin.post("/admin/maintenance/invitations", &[]).await;
    res.assert_redirect_to("/admin/maintenance");
    let page = w.admin.get("/admin/maintenance").await;
    assert!(
        page.text(".flash")
            .contains("2 customer users without a password")
    );
    w.sink.wait_for(4).await;
    assert_eq!(w.sink.to("one@many.test").len(), 2);
    assert!(w.sink.to("has@many.test").is_empty());
    // Plain staff may not.
    assert_eq!(
        w.app
            .post("/admin/maintenance/invitations", &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[actix_web::test]
async fn a_password_reset_link_sets_a_new_password_and_ends_other_sessions() {
    let w = world().await;
    let customer = w.app.create_customer("Forgetful Ltd", None);
    w.app
        .create_customer_user(customer.id, "fred@forgetful.test", USER_PASSWORD);
    let elsewhere = w.app.new_client();
    elsewhere
        .portal_sign_in("fred@forgetful.test", USER_PASSWORD)
        .await;

    let client = w.app.new_client();
    client.use_portal();
    client.get("/portal/password/forgot").await;
    for email in ["fred@forgetful.test", "nobody@forgetful.test"] {
        let res = client
            .post("/portal/password/forgot", &[("email", email)])
            .await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(
            res.text(".notice").contains("If"),
            "the same answer for both"
        );
    }
    let mails = w.sink.wait_for(1).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject(), "Reset your customer portal password");
    let link = link_in(&mails[0].text(), "/portal/password/reset/");
    let new_password = "an entirely new customer password";
    let res = client
        .post(
            &link,
            &[
                ("new_password", new_password),
                ("confirm_password", new_password),
            ],
        )
        .await;
    res.assert_redirect_to("/portal");
    elsewhere
        .get("/portal")
        .await
        .assert_redirect_to("/portal/login");
    assert_eq!(w.app.new_client().get(&link).await.status, StatusCode::GONE);
    w.app
        .new_client()
        .portal_sign_in("fred@forgetful.test", new_password)
        .await
        .assert_redirect_to("/portal");
}

#[actix_web::test]
async fn a_customer_user_asks_answers_and_sees_ordering_enabled() {
    let w = world().await;
    let customer = w.app.create_customer("Portal Buyer Ltd", Some("C-900"));
    w.app
        .create_customer_user(customer.id, "pia@buyer.test", USER_PASSWORD);
    let user = w.app.new_client();
    user.portal_sign_in("pia@buyer.test", USER_PASSWORD).await;
    let form = user.get("/portal/requests/new").await;
    let sally: String = form
        .attr("#salesperson option:nth-child(2)", "value")
        .unwrap();
    // Nothing chosen: messages beside the fields, nothing written.
    let res = user.post("/portal/requests", &[("salesperson", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text("#services-error").contains("Choose at least one"));
    assert!(res.text("#salesperson-error").contains("salesperson"));
    let res = user
        .post(
            "/portal/requests",
            &[
                ("services", "ordering"),
                ("salesperson", &sally),
                ("message", "We would like to order online."),
            ],
        )
        .await;
    res.assert_redirect_to("/portal/requests");
    let request = Request::for_customer(&mut w.app.conn(), customer.id)
        .unwrap()
        .remove(0);
    assert!(request.requested_by_user_id.is_some());
    // The salesperson and the digital administrator hear of it.
    w.sink.wait_for(2).await;
    let to_sally = w.sink.to("sally@vendor.test");
    assert_eq!(
        to_sally[0].subject(),
        "New request from Portal Buyer Ltd: Ordering"
    );
    assert!(to_sally[0].text().contains("pia (customer user)"));
    assert_eq!(w.sink.to("ada@vendor.test").len(), 1);

    // The administrator asks a question; the user is told, answers, and it is back in the queue.
    let res = w
        .admin
        .post(
            &format!("/approvals/{}/decision", request.id),
            &[
                ("version", "0"),
                ("decision", "ask_info"),
                ("message", "Which branch orders?"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    w.sink.wait_for(3).await;
    assert_eq!(w.sink.to("pia@buyer.test").len(), 1);
    let page = user.get(&format!("/portal/requests/{}", request.id)).await;
    assert!(page.text("main").contains("Which branch orders?"));
    let res = user
        .post(
            &format!("/portal/requests/{}/answer", request.id),
            &[("answer", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.text("#answer-error"), "Write your answer.");
    let res = user
        .post(
            &format!("/portal/requests/{}/answer", request.id),
            &[("answer", "The northern branch.")],
        )
        .await;
    res.assert_redirect_to(&format!("/portal/requests/{}", request.id));
    let request = Request::find(&mut w.app.conn(), request.id).unwrap();
    assert_eq!(request.status.as_str(), "open");
    assert_eq!(request.version, 2);
    // The salesperson and the digital administrator hear of the answer.
    w.sink.wait_for(5).await;
    let answers: Vec<_> = w
        .sink
        .to("sally@vendor.test")
        .into_iter()
        .filter(|m| m.subject() == "Answer from Portal Buyer Ltd: Ordering")
        .collect();
    assert_eq!(answers.len(), 1);
    let text = answers[0].text();
    assert!(
        text.contains("Which branch orders?") && text.contains("The northern branch."),
        "{text}"
    );
    assert!(text.contains(&format!("/approvals/{}", request.id)));

    // Approved with a catalog: the user sees ordering active, and is told by email.
    let standard: i64 = catalogs::table
        .filter(catalogs::name.eq("Standard catalog"))
        .select(catalogs::id)
        .first(&mut w.app.conn())
        .unwrap();
    let res = w
        .admin
        .post(
            &format!("/approvals/{}/decision", request.id),
            &[
                ("version", "2"),
                ("decision", "approve"),
                ("catalogs", &standard.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let home = user.get("/portal").await;
    let row = home
        .texts("#services-heading + table tbody tr")
        .into_iter()
        .find(|r| r.starts_with("Ordering"))
        .unwrap();
    assert!(row.contains("Active"), "{row}");
    assert!(home.text("main").contains("Standard catalog"));
    w.sink.wait_for(6).await;
    let to_pia = w.sink.to("pia@buyer.test");
    assert_eq!(to_pia.len(), 2);
    assert_eq!(
        to_pia[1].subject(),
        "Your request has been approved: Ordering"
    );
    // The history says who asked and who answered.
    let history = w
        .admin
        .get(&format!("/customers/{}/history", customer.id))
        .await;
    assert!(history.body.contains("pia (customer user)"));
}

#[actix_web::test]
async fn portal_sign_in_has_the_staff_sides_protections() {
    let app = crate::helpers::spawn_app().await;
    let customer = app.create_customer("Guarded Ltd", None);
    app.create_customer_user(customer.id, "gus@guarded.test", USER_PASSWORD);

    // Fixation: the key a visitor had before signing in is not the one after.
    let user = app.new_client();
    user.use_portal();
    user.get("/portal/login").await;
    let before = user.cookies().get("clientele_portal").cloned();
    assert!(before.is_some(), "the sign-in page starts a portal session");
    user.portal_sign_in("gus@guarded.test", USER_PASSWORD)
        .await
        .assert_redirect_to("/portal");
    let after = user.cookies().get("clientele_portal").cloned();
    assert_ne!(before, after);
    // A planted pre-sign-in cookie is worthless afterwards.
    let planted = app.new_client();
    let mut jar = planted.cookies();
    jar.insert("clientele_portal".into(), before.unwrap());
    planted.set_cookies(jar);
    planted
        .get("/portal")
        .await
        .assert_redirect_to("/portal/login");

    // CSRF: a form without the session's token changes nothing.
    let res = user
        .post_form("/portal/requests", &[("services", "invoices")])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // Revocation on sign-out: the old cookie no longer opens anything.
    let copy = user.cookies();
    user.post("/portal/logout", &[]).await;
    let replay = app.new_client();
    replay.set_cookies(copy);
    replay
        .get("/portal")
        .await
        .assert_redirect_to("/portal/login");

    // Throttling: five failures pause sign-in for the account, even with the right password.
    let guesser = app.new_client();
    for _ in 0..5 {
        let res = guesser
            .portal_sign_in("gus@guarded.test", "wrong wrong wrong")
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let res = guesser
        .portal_sign_in("gus@guarded.test", USER_PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.text("#login-problem").contains("paused"));
    // Accounts are counted apart: the portal's failures do not pause a staff account of the same
    // address (from another client address; this one is paused for everything, as it should be).
    let window = std::time::Duration::from_secs(15 * 60);
    let mut conn = app.conn();
    let staff_side = clientele::models::access::login_attempt::throttled_until(
        &mut conn,
        "gus@guarded.test",
        "10.9.8.7",
        5,
        window,
    )
    .unwrap();
    assert_eq!(staff_side, None);
    let portal_side = clientele::models::access::login_attempt::throttled_until(
        &mut conn,
        "portal:gus@guarded.test",
        "10.9.8.7",
        5,
        window,
    )
    .unwrap();
    assert!(portal_side.is_some());
}

#[actix_web::test]
async fn the_reset_form_cannot_flood_an_inbox() {
    let w = world().await;
    let customer = w.app.create_customer("Flooded Ltd", None);
    w.app
        .create_customer_user(customer.id, "flo@flooded.test", USER_PASSWORD);
    let client = w.app.new_client();
    client.use_portal();
    for _ in 0..5 {
        let res = client
            .post("/portal/password/forgot", &[("email", "flo@flooded.test")])
            .await;
        // The same answer every time: the page never says a link was held back.
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.text(".notice").contains("If"));
    }
    w.sink.wait_for(3).await;
    actix_web::rt::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        w.sink.to("flo@flooded.test").len(),
        clientele::models::access::customer_user::RESETS_PER_HOUR as usize
    );
}

#[actix_web::test]
async fn users_there_before_roles_got_the_oldest_active_one_of_each_customer_as_admin() {
    use diesel_migrations::MigrationHarness;
    let app = crate::helpers::spawn_app().await;
    let ids: Vec<i64> = ["Roles One", "Roles Two", "Roles Three"]
        .iter()
        .map(|name| app.create_customer(name, None).id)
        .collect();
    let conn = &mut app.db.connect();
    // The database as it was before customer users had roles (later migrations reverted too).
    let has_roles = |conn: &mut diesel::PgConnection| {
        diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(
            "EXISTS (SELECT 1 FROM information_schema.columns
                      WHERE table_name = 'customer_users' AND column_name = 'role')",
        ))
        .get_result::<bool>(conn)
        .unwrap()
    };
    while has_roles(conn) {
        conn.revert_last_migration(clientele::db::MIGRATIONS)
            .unwrap();
    }
    // One: an invited user older than two active ones. Two: invited only, the revoked one
    // oldest. Three: nobody.
    let (one, two) = (ids[0], ids[1]);
    diesel::sql_query(format!(
        "INSERT INTO customer_users (customer_id, name, email, status, created_at, password_hash)
         SELECT customer_id, name, email, status, created_at::timestamptz,
                CASE WHEN status = 'active' THEN 'x' END
           FROM (VALUES
           ({one}, 'Invited early', 'early@one.test', 'pending', now() - interval '3 days'),
           ({one}, 'Active first', 'first@one.test', 'active', now() - interval '2 days'),
           ({one}, 'Active later', 'later@one.test', 'active', now() - interval '1 day'),
           ({two}, 'Revoked', 'gone@two.test', 'revoked', now() - interval '3 days'),
           ({two}, 'Invited', 'inv@two.test', 'pending', now() - interval '2 days'),
           ({two}, 'Invited too', 'too@two.test', 'pending', now() - interval '1 day')
         ) AS u (customer_id, name, email, status, created_at)"
    ))
    .execute(conn)
    .unwrap();

    clientele::db::migrate(conn).unwrap();
    let mut roles: Vec<(String, String)> = customer_users::table
        .filter(customer_users::customer_id.eq_any(&ids))
        .select((customer_users::email, customer_users::role))
        .load(conn)
        .unwrap();
    roles.sort();
    let want = [
        ("early@one.test", "buyer"),
        ("first@one.test", "admin"),
        ("gone@two.test", "buyer"),
        ("inv@two.test", "admin"),
        ("later@one.test", "buyer"),
        ("too@two.test", "buyer"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(e, r)| (e.to_string(), r.to_string()))
        .collect();
    assert_eq!(roles, want);
}
