//! Prospects apply (issue 18, section 3): the public form and its checks, the emailed link that
//! confirms it (once), the pending customer and its request in the queue with the staff told,
//! possible duplicates with a link to merge, approval inviting the applicant and rejection
//! telling them why, the throttle and the hidden field, and staff creating a pending customer.

use crate::{
    helpers::{PASSWORD, TestApp, TestClient, TestResponse, app_mailing_to},
    smtp_sink::{Received, SmtpSink},
};
use actix_web::http::StatusCode;
use clientele::{
    domain::{RelationshipStatus, RequestStatus},
    models::{access::staff::Role, approvals::approval::Request},
    schema::{
        applications, catalogs, customer_addresses, customer_contacts, customers, login_attempts,
        outbox, requests, staff,
    },
};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

struct World {
    app: TestApp,
    sink: SmtpSink,
    /// An administrator and digital administrator.
    admin: TestClient,
    salesperson: i64,
}

async fn world_with(extra: &[(&str, &str)]) -> World {
    let sink = SmtpSink::start();
    let app = app_mailing_to(&sink.url(), extra).await;
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
        salesperson: desk.salesperson.id,
    }
}

async fn world() -> World {
    world_with(&[]).await
}

/// A complete application of `company` by `email`, asking for ordering.
fn fields(w: &World, company: &str, email: &str) -> Vec<(String, String)> {
    [
        ("legal_name", company),
        ("customer_type", "business"),
        ("line1", "Hafenstraße 4"),
        ("postcode", "20457"),
        ("city", "Hamburg"),
        ("country", "DE"),
        ("tax_id", "DE123456789"),
        ("phone", "+49 40 123456"),
        ("contact_name", "Petra Prospect"),
        ("email", email),
        ("services", "ordering"),
        ("message", "We would like to order online."),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .chain([("salesperson".to_string(), w.salesperson.to_string())])
    .collect()
}

/// A signed-out visitor of the portal, reading in `lang`.
async fn visitor(w: &World, lang: &str) -> TestClient {
    let client = w.app.new_client();
    client.use_portal();
    let res = client.get(&format!("/portal/apply?lang={lang}")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    client
}

async fn send(client: &TestClient, fields: &[(String, String)]) -> TestResponse {
    send_to(client, "/portal/apply", fields).await
}

async fn send_to(client: &TestClient, path: &str, fields: &[(String, String)]) -> TestResponse {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client.post(path, &pairs).await
}

async fn mail_to(sink: &SmtpSink, address: &str, n: usize) -> Vec<Received> {
    for _ in 0..200 {
        let got = sink.to(address);
        if got.len() >= n {
            return got;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no mail number {n} to {address}");
}

/// The path of the first link in `text` that contains `marker`.
fn link_in(text: &str, marker: &str) -> String {
    let word = text
        .split_whitespace()
        .find(|w| w.contains(marker))
        .unwrap_or_else(|| panic!("no {marker} link in {text}"));
    word[word.find("/portal/").unwrap()..].to_string()
}

fn count_applications(app: &TestApp) -> i64 {
    applications::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn count_customers(app: &TestApp) -> i64 {
    customers::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn customer_named(app: &TestApp, name: &str) -> (i64, RelationshipStatus) {
    customers::table
        .filter(customers::legal_name.eq(name))
        .select((customers::id, customers::relationship_status))
        .first(&mut app.conn())
        .unwrap()
}

fn request_of(app: &TestApp, customer_id: i64) -> Request {
    let id: i64 = requests::table
        .filter(requests::customer_id.eq(customer_id))
        .select(requests::id)
        .first(&mut app.conn())
        .unwrap();
    Request::find(&mut app.conn(), id).unwrap()
}

/// Applies as `company`/`email` in `lang` and confirms through the emailed link; the customer.
async fn apply_and_confirm(w: &World, company: &str, email: &str, lang: &str) -> i64 {
    let client = visitor(w, lang).await;
    let res = send(&client, &fields(w, company, email)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let mail = mail_to(&w.sink, email, 1).await.pop().unwrap();
    let link = link_in(&mail.text(), "/portal/apply/");
    assert_eq!(client.get(&link).await.status, StatusCode::OK);
    let res = client.post(&link, &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    customer_named(&w.app, company).0
}

#[actix_web::test]
async fn a_wrong_application_is_422_beside_its_fields_and_writes_nothing() {
    let w = world().await;
    let client = visitor(&w, "en").await;
    let mut bad = fields(&w, "", "not an email");
    bad.retain(|(k, _)| !matches!(k.as_str(), "services" | "city" | "country"));
    bad.push(("country".into(), "Germany".into()));
    let res = send(&client, &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    for field in ["legal_name", "email", "services", "city", "country"] {
        assert!(
            res.body.contains(&format!("id=\"{field}-error\"")),
            "no message beside {field}: {}",
            res.body
        );
    }
    // What was typed comes back.
    assert!(res.body.contains("not an email"));
    assert_eq!(count_applications(&w.app), 0);
    let mails: i64 = outbox::table.count().get_result(&mut w.app.conn()).unwrap();
    assert_eq!(mails, 0);
}

#[actix_web::test]
async fn a_confirmed_application_is_a_pending_customer_with_its_request_in_the_queue() {
    let w = world().await;
    let before = count_customers(&w.app);
    let client = visitor(&w, "de").await;
    let res = send(
        &client,
        &fields(&w, "Hafen Feinkost GmbH", "petra@hafen.test"),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("petra@hafen.test"));
    // Nothing reaches the staff before the link is followed.
    assert_eq!(count_customers(&w.app), before);
    let mail = mail_to(&w.sink, "petra@hafen.test", 1).await.pop().unwrap();
    assert_eq!(mail.subject(), "Bestätigen Sie Ihre Bewerbung");
    let link = link_in(&mail.text(), "/portal/apply/");

    // The link shows a button first (a mail scanner's visit creates nothing).
    let page = client.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(count_customers(&w.app), before);
    let res = client.post(&link, &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("Bewerbung bestätigt"), "{}", res.body);

    let (id, status) = customer_named(&w.app, "Hafen Feinkost GmbH");
    assert_eq!(status, RelationshipStatus::Pending);
    let (city, primary): (String, bool) = customer_addresses::table
        .filter(customer_addresses::customer_id.eq(id))
        .select((customer_addresses::city, customer_addresses::is_primary))
        .first(&mut w.app.conn())
        .unwrap();
    assert_eq!((city.as_str(), primary), ("Hamburg", true));
    let contact: (String, Option<String>) = customer_contacts::table
        .filter(customer_contacts::customer_id.eq(id))
        .select((customer_contacts::name, customer_contacts::email))
        .first(&mut w.app.conn())
        .unwrap();
    assert_eq!(contact.0, "Petra Prospect");
    assert_eq!(contact.1.as_deref(), Some("petra@hafen.test"));
    let request = request_of(&w.app, id);
    assert_eq!(request.status, RequestStatus::Open);
    assert_eq!(request.salesperson_id, Some(w.salesperson));

    // In the queue, and the salesperson and the digital administrator are told.
    let queue = w.admin.get("/approvals").await;
    assert!(queue.body.contains("Hafen Feinkost GmbH"), "{}", queue.body);
    for staff in ["sally@vendor.test", "ada@vendor.test"] {
        let got = mail_to(&w.sink, staff, 1).await;
        assert!(
            got[0]
                .text()
                .contains(&format!("/approvals/{}", request.id))
        );
    }

    // The link works once: again, it says so and creates nothing.
    let customers_now = count_customers(&w.app);
    let again = client.post(&link, &[]).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.body.contains("bereits bestätigt"), "{}", again.body);
    assert_eq!(client.get(&link).await.status, StatusCode::OK);
    assert_eq!(count_customers(&w.app), customers_now);
    let requests_now: i64 = requests::table
        .count()
        .get_result(&mut w.app.conn())
        .unwrap();
    assert_eq!(requests_now, 1);
    // A link that is none is gone.
    assert_eq!(
        client
            .get(&format!("/portal/apply/{}", "0".repeat(64)))
            .await
            .status,
        StatusCode::GONE
    );
}

#[actix_web::test]
async fn approving_makes_it_active_and_invites_the_applicant() {
    let w = world().await;
    let id = apply_and_confirm(&w, "Nordlicht Handel KG", "nora@nordlicht.test", "de").await;
    let request = request_of(&w.app, id);
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
                ("version", &request.version.to_string()),
                ("decision", "approve"),
                ("catalogs", &standard.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        customer_named(&w.app, "Nordlicht Handel KG").1,
        RelationshipStatus::Active
    );
    // The confirmation, the decision and the invitation, all in German.
    let got = mail_to(&w.sink, "nora@nordlicht.test", 3).await;
    let invitation = got
        .iter()
        .find(|m| m.text().contains("/portal/invitation/"))
        .expect("an invitation");
    assert!(
        invitation.subject().contains("Einladung"),
        "{}",
        invitation.subject()
    );
    let link = link_in(&invitation.text(), "/portal/invitation/");
    let user = w.app.new_client();
    user.use_portal();
    let pw = "a long and happy customer password";
    let res = user
        .post(&link, &[("new_password", pw), ("confirm_password", pw)])
        .await;
    res.assert_redirect_to("/portal");
}

#[actix_web::test]
async fn rejecting_tells_the_applicant_why_and_the_customer_stays_rejected() {
    let w = world().await;
    let id = apply_and_confirm(&w, "Grauzone Trading Ltd", "gary@grauzone.test", "en").await;
    let request = request_of(&w.app, id);
    let res = w
        .admin
        .post(
            &format!("/approvals/{}/decision", request.id),
            &[
                ("version", &request.version.to_string()),
                ("decision", "reject"),
                ("reason", "We do not deliver to your region."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        customer_named(&w.app, "Grauzone Trading Ltd").1,
        RelationshipStatus::Rejected
    );
    let got = mail_to(&w.sink, "gary@grauzone.test", 2).await;
    let decision = got
        .iter()
        .find(|m| m.text().contains("We do not deliver to your region."))
        .expect("the reason is emailed");
    assert!(!decision.text().contains("/portal/invitation/"));
    assert!(
        got.iter()
            .all(|m| !m.text().contains("/portal/invitation/"))
    );
    // No link to a portal the applicant cannot open.
    assert!(!decision.text().contains("/portal"), "{}", decision.text());
    assert!(!decision.html().contains("/portal"), "{}", decision.html());
    assert_eq!(mail_to(&w.sink, "gary@grauzone.test", 2).await.len(), 2);
}

#[actix_web::test]
async fn the_queue_shows_possible_duplicates_with_a_link_to_merge() {
    let w = world().await;
    // One with a contact at the same domain, one with a similar name in the same postcode, one
    // at a free-mail domain (ignored) and one unrelated.
    let same_domain = w.app.create_customer("Blue Harbour Foods", Some("C-100"));
    let similar = w.app.create_customer("Möwe Feinkost", Some("C-101"));
    let free_mail = w.app.create_customer("Someone Else", Some("C-102"));
    {
        let mut conn = w.app.conn();
        diesel::insert_into(customer_contacts::table)
            .values((
                customer_contacts::customer_id.eq(same_domain.id),
                customer_contacts::name.eq("Bo"),
                customer_contacts::email.eq("bo@moewe.test"),
                customer_contacts::is_primary.eq(true),
            ))
            .execute(&mut conn)
            .unwrap();
        diesel::update(customers::table.find(free_mail.id))
            .set(customers::email.eq("someone@gmail.com"))
            .execute(&mut conn)
            .unwrap();
        diesel::insert_into(customer_addresses::table)
            .values((
                customer_addresses::customer_id.eq(similar.id),
                customer_addresses::kind.eq("billing"),
                customer_addresses::line1.eq("Elbchaussee 1"),
                customer_addresses::city.eq("Hamburg"),
                customer_addresses::postcode.eq("20457"),
                customer_addresses::country.eq("DE"),
                customer_addresses::is_primary.eq(true),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    let client = visitor(&w, "en").await;
    send(
        &client,
        &fields(&w, "Möwe Handelshaus GmbH", "mia@moewe.test"),
    )
    .await;
    let mail = mail_to(&w.sink, "mia@moewe.test", 1).await.pop().unwrap();
    client
        .post(&link_in(&mail.text(), "/portal/apply/"), &[])
        .await;
    let (pending, _) = customer_named(&w.app, "Möwe Handelshaus GmbH");
    let request = request_of(&w.app, pending);

    let queue = w.admin.get("/approvals").await;
    let links = queue.texts(".duplicates li");
    assert_eq!(links.len(), 2, "{links:?}");
    assert!(
        links
            .iter()
            .any(|l| l.contains("Blue Harbour Foods") && l.contains("same email domain"))
    );
    assert!(
        links
            .iter()
            .any(|l| l.contains("Möwe Feinkost") && l.contains("similar name"))
    );
    for other in [same_domain.id, similar.id] {
        let href = format!("/admin/merge?survivor={other}&duplicate={pending}");
        assert!(
            queue.body.contains(&href.replace('&', "&amp;")),
            "{}",
            queue.body
        );
        assert_eq!(w.admin.get(&href).await.status, StatusCode::OK);
    }
    let page = w.admin.get(&format!("/approvals/{}", request.id)).await;
    assert_eq!(page.texts(".duplicates li").len(), 2);

    // The applicant's salesperson, limited to its own customers, sees the application but is
    // not told of customers outside its book.
    diesel::update(staff::table.find(w.salesperson))
        .set(staff::limited_to_own_customers.eq(true))
        .execute(&mut w.app.conn())
        .unwrap();
    let own = w.app.new_client();
    own.sign_in("sally@vendor.test", PASSWORD).await;
    let queue = own.get("/approvals").await;
    assert!(
        queue.body.contains("Möwe Handelshaus GmbH"),
        "{}",
        queue.body
    );
    assert!(queue.texts(".duplicates li").is_empty(), "{}", queue.body);
    let page = own.get(&format!("/approvals/{}", request.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.texts(".duplicates li").is_empty(), "{}", page.body);
    assert!(!page.body.contains("Blue Harbour Foods"), "{}", page.body);

    // A free-mail domain says nothing: an applicant at gmail.com is not the customer there.
    let id = apply_and_confirm(&w, "Zander Werkzeuge", "zed@gmail.com", "en").await;
    let page = w
        .admin
        .get(&format!("/approvals/{}", request_of(&w.app, id).id))
        .await;
    assert!(page.texts(".duplicates li").is_empty(), "{}", page.body);
}

#[actix_web::test]
async fn applications_are_throttled_per_address_and_email() {
    let w = world_with(&[("LOGIN_MAX_FAILURES", "2")]).await;
    let client = visitor(&w, "en").await;
    for n in 0..2 {
        let email = format!("p{n}@throttle.test");
        let res = send(&client, &fields(&w, "Throttle Ltd", &email)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    // The third from this address is refused, and nothing is kept.
    let res = send(&client, &fields(&w, "Throttle Ltd", "p2@throttle.test")).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(count_applications(&w.app), 2);
    // Sign-in from the same address is not counted against.
    let staff = w.app.new_client();
    let res = staff
        .sign_in("stan@vendor.test", crate::helpers::PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    // Per email too: two applications for this email from elsewhere, and this one is refused.
    diesel::delete(login_attempts::table)
        .execute(&mut w.app.conn())
        .unwrap();
    for _ in 0..2 {
        diesel::insert_into(login_attempts::table)
            .values((
                login_attempts::email.eq("apply:same@throttle.test"),
                login_attempts::client_addr.eq("apply:198.51.100.7"),
                login_attempts::succeeded.eq(false),
            ))
            .execute(&mut w.app.conn())
            .unwrap();
    }
    let res = send(&client, &fields(&w, "Throttle Ltd", "Same@Throttle.test")).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    let res = send(&client, &fields(&w, "Throttle Ltd", "other@throttle.test")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

#[actix_web::test]
async fn the_hidden_field_is_answered_as_accepted_and_keeps_nothing() {
    let w = world().await;
    let client = visitor(&w, "en").await;
    let mut form = fields(&w, "Bot Corp", "bot@bots.test");
    form.push(("homepage".into(), "http://spam.test".into()));
    let res = send(&client, &form).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("bot@bots.test"));
    assert_eq!(count_applications(&w.app), 0);
    let mails: i64 = outbox::table.count().get_result(&mut w.app.conn()).unwrap();
    assert_eq!(mails, 0);
}

/// The staff's new-customer form, as pending, asking for `services`.
fn staff_form(w: &World, name: &str, services: &[&str]) -> Vec<(String, String)> {
    let store = clientele::models::reference::Reference::load(&mut w.app.conn())
        .unwrap()
        .stores[0]
        .id;
    let mut all: Vec<(String, String)> = [
        ("kind", "customer"),
        ("legal_name", name),
        ("customer_type", "business"),
        ("over_limit_policy", "warn"),
        ("sales_tax_type", "taxable"),
        ("credit_limit", "0.00"),
        ("discount", "0"),
        ("active", "on"),
        ("relationship", "pending"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    all.push(("default_store_id".into(), store.to_string()));
    all.push(("salesperson_id".into(), w.salesperson.to_string()));
    all.extend(
        services
            .iter()
            .map(|s| ("services".to_string(), s.to_string())),
    );
    all
}

#[actix_web::test]
async fn staff_create_a_pending_customer_whose_request_waits_in_the_queue() {
    let w = world().await;
    // Pending without a service: the message beside the services, nothing written.
    let before = count_customers(&w.app);
    let res = send_to(
        &w.app,
        "/customers",
        &staff_form(&w, "Kanal Kaffee AG", &[]),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("id=\"services-error\""), "{}", res.body);
    assert_eq!(count_customers(&w.app), before);

    let form = staff_form(&w, "Kanal Kaffee AG", &["ordering"]);
    let res = send_to(&w.app, "/customers", &form).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let (id, status) = customer_named(&w.app, "Kanal Kaffee AG");
    assert_eq!(status, RelationshipStatus::Pending);
    let request = request_of(&w.app, id);
    assert_eq!(request.status, RequestStatus::Open);
    assert_eq!(request.salesperson_id, Some(w.salesperson));
    assert!(
        w.admin
            .get("/approvals")
            .await
            .body
            .contains("Kanal Kaffee AG")
    );
    let told = mail_to(&w.sink, "sally@vendor.test", 1).await;
    assert!(
        told[0]
            .text()
            .contains(&format!("/approvals/{}", request.id))
    );

    // Active (the default) puts nothing in the queue.
    let mut active = staff_form(&w, "Kanal Tee AG", &[]);
    active.retain(|(k, _)| k != "relationship");
    let res = send_to(&w.app, "/customers", &active).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let (id, status) = customer_named(&w.app, "Kanal Tee AG");
    assert_eq!(status, RelationshipStatus::Active);
    let none: i64 = requests::table
        .filter(requests::customer_id.eq(id))
        .count()
        .get_result(&mut w.app.conn())
        .unwrap();
    assert_eq!(none, 0);
}

#[actix_web::test]
async fn the_demo_has_a_confirmed_application_with_a_possible_duplicate_in_the_queue() {
    let app = crate::helpers::spawn_app().await;
    let login = clientele::tools::demo::load(&mut app.conn(), &app.address).unwrap();
    let (id, status) = customer_named(&app, "Müller Haustechnik Nord GmbH");
    assert_eq!(status, RelationshipStatus::Pending);
    assert_eq!(request_of(&app, id).status, RequestStatus::Open);
    app.sign_in(&login.email, &login.password).await;
    let queue = app.get("/approvals").await;
    let dups = queue.texts(".duplicates li");
    assert!(
        dups.iter().any(|d| d.contains("Müller Haustechnik GmbH")),
        "{dups:?}"
    );
}

#[actix_web::test]
async fn an_expired_or_superseded_link_confirms_nothing() {
    let w = world().await;
    let client = visitor(&w, "en").await;
    let form = fields(&w, "Twice Sent Ltd", "tess@twice.test");
    send(&client, &form).await;
    let first = link_in(
        &mail_to(&w.sink, "tess@twice.test", 1).await[0].text(),
        "/portal/apply/",
    );
    // A second sending (a double click) supersedes the first link.
    send(&client, &form).await;
    let second = link_in(
        &mail_to(&w.sink, "tess@twice.test", 2).await[1].text(),
        "/portal/apply/",
    );
    assert_eq!(client.get(&first).await.status, StatusCode::GONE);
    assert_eq!(client.post(&first, &[]).await.status, StatusCode::GONE);
    // Run out: gone too.
    diesel::update(applications::table)
        .set(applications::expires_at.eq(chrono::Utc::now() - chrono::Duration::minutes(1)))
        .execute(&mut w.app.conn())
        .unwrap();
    assert_eq!(client.post(&second, &[]).await.status, StatusCode::GONE);
    let none: i64 = customers::table
        .filter(customers::legal_name.eq("Twice Sent Ltd"))
        .count()
        .get_result(&mut w.app.conn())
        .unwrap();
    assert_eq!(none, 0);
}

#[actix_web::test]
async fn a_double_click_on_the_form_as_it_first_appears_applies_once() {
    let w = world().await;
    let client = visitor(&w, "en").await;
    // The key the page carries, as a person's two clicks both send it.
    let key = client.form_key("/portal/apply", "/portal/apply").await;
    let mut form = fields(&w, "Twice GmbH", "twice@twice.test");
    form.push(("submission_key".into(), key.clone()));
    let (a, b) = futures_util::future::join(send(&client, &form), send(&client, &form)).await;
    for res in [&a, &b] {
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.body.contains("twice@twice.test"), "{}", res.body);
    }
    // Sent again later (the back button), it is still the same application.
    let res = send(&client, &form).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(count_applications(&w.app), 1);
    let mails: i64 = outbox::table.count().get_result(&mut w.app.conn()).unwrap();
    assert_eq!(mails, 1, "one confirmation email");
    // The same page sent for another address is another applicant's application.
    let mut other = fields(&w, "Twice GmbH", "other@twice.test");
    other.push(("submission_key".into(), key));
    let res = send(&client, &other).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(count_applications(&w.app), 2);
    // A wrong form keeps its key: corrected, it applies once.
    let key = client.form_key("/portal/apply", "/portal/apply").await;
    let mut wrong = fields(&w, "", "third@twice.test");
    wrong.push(("submission_key".into(), key.clone()));
    let res = send(&client, &wrong).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(
        res.body.contains(&key),
        "the form shown again keeps its key"
    );
    let mut right = fields(&w, "Third GmbH", "third@twice.test");
    right.push(("submission_key".into(), key));
    assert_eq!(send(&client, &right).await.status, StatusCode::OK);
    assert_eq!(count_applications(&w.app), 3);
}
