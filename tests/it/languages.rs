//! Languages: each email in its recipient's language (never the sender's), and the language and
//! time zone people choose on their account pages, against the browser's and the default.

use crate::{
    helpers::{PASSWORD, TestApp, TestClient, app_mailing_to, spawn_app},
    smtp_sink::SmtpSink,
};
use actix_web::http::StatusCode;
use clientele::{
    models::access::staff::Role,
    schema::{customer_addresses, customer_users, customers, staff},
};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

const USER_PASSWORD: &str = "a long enough customer password";

fn user_language(app: &TestApp, email: &str, language: &str) {
    diesel::update(customer_users::table.filter(customer_users::email.eq(email)))
        .set(customer_users::language.eq(language))
        .execute(&mut app.conn())
        .unwrap();
}

fn staff_language(app: &TestApp, email: &str, language: &str) {
    diesel::update(staff::table.filter(staff::email.eq(email)))
        .set(staff::language.eq(language))
        .execute(&mut app.conn())
        .unwrap();
}

/// A billing address in `country` for the customer.
fn address_in(app: &TestApp, customer_id: i64, country: &str) {
    diesel::insert_into(customer_addresses::table)
        .values((
            customer_addresses::customer_id.eq(customer_id),
            customer_addresses::kind.eq("billing"),
            customer_addresses::line1.eq("Hauptstraße 1"),
            customer_addresses::city.eq("Köln"),
            customer_addresses::country.eq(country),
            customer_addresses::is_primary.eq(true),
            customer_addresses::is_default_billing.eq(true),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

async fn wait_for_mail_to(sink: &SmtpSink, address: &str) -> crate::smtp_sink::Received {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(m) = sink.to(address).pop() {
            return m;
        }
        assert!(std::time::Instant::now() < deadline, "no mail to {address}");
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn forgot(app: &TestApp, email: &str) {
    let client = app.new_client();
    client.use_portal();
    client.get("/portal/password/forgot").await;
    let res = client
        .post("/portal/password/forgot", &[("email", email)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

#[actix_web::test]
async fn a_password_reset_is_written_in_the_language_of_its_recipient() {
    let sink = SmtpSink::start();
    let app = app_mailing_to(&sink.url(), &[]).await;
    // A user who chose German, in a customer that says nothing.
    let harbour = app.create_customer("Harbour Foods Ltd", None);
    app.create_customer_user(harbour.id, "ann@harbour.test", USER_PASSWORD);
    user_language(&app, "ann@harbour.test", "de");
    // A user who chose nothing, of a customer in Germany.
    let mueller = app.create_customer("Müller Armaturen GmbH", None);
    address_in(&app, mueller.id, "DE");
    app.create_customer_user(mueller.id, "fritz@mueller.test", USER_PASSWORD);
    // A user who chose nothing, of a customer whose own language is German, in Britain.
    let anglo = app.create_customer("Anglo-German Trading Ltd", None);
    address_in(&app, anglo.id, "GB");
    diesel::update(customers::table.find(anglo.id))
        .set(customers::language.eq("de"))
        .execute(&mut app.conn())
        .unwrap();
    app.create_customer_user(anglo.id, "greta@anglo.test", USER_PASSWORD);
    // And one of whom nothing is known: the default, English.
    let plain = app.create_customer("Plain Supplies Ltd", None);
    app.create_customer_user(plain.id, "bob@plain.test", USER_PASSWORD);

    for email in [
        "ann@harbour.test",
        "fritz@mueller.test",
        "greta@anglo.test",
        "bob@plain.test",
    ] {
        forgot(&app, email).await;
    }

    for email in ["ann@harbour.test", "fritz@mueller.test", "greta@anglo.test"] {
        let mail = wait_for_mail_to(&sink, email).await;
        assert_eq!(
            mail.subject(),
            "Passwort für das Kundenportal zurücksetzen",
            "{email}"
        );
        let text = mail.text();
        assert!(text.starts_with("Guten Tag"), "{email}: {text}");
        assert!(text.contains("60 Minuten lang"), "{email}: {text}");
        assert!(text.contains("/portal/password/reset/"), "{email}: {text}");
        let html = mail.html();
        assert!(html.contains(r#"<html lang="de">"#), "{email}: {html}");
        assert!(html.contains("Neues Passwort wählen"), "{email}: {html}");
    }
    let english = wait_for_mail_to(&sink, "bob@plain.test").await;
    assert_eq!(english.subject(), "Reset your customer portal password");
    assert!(
        english.text().starts_with("Hello bob,"),
        "{}",
        english.text()
    );
    assert!(english.text().contains("for 60 minutes"));
    assert!(english.html().contains(r#"<html lang="en">"#));
}

#[actix_web::test]
async fn an_invitation_is_german_for_a_customer_in_germany_and_staff_read_their_own_language() {
    let sink = SmtpSink::start();
    let app = app_mailing_to(&sink.url(), &[]).await;
    // Staff write in English; what they send is read in the recipient's language.
    let desk = app
        .desk(
            ["sally@vendor.test", "stan@vendor.test", "ada@vendor.test"],
            &[Role::Admin, Role::DigitalAdmin],
        )
        .await;
    let dieter = app.create_staff("dieter@vendor.test", PASSWORD, &[Role::DigitalAdmin]);
    staff_language(&app, "dieter@vendor.test", "de");

    let mueller = app.create_customer("Müller Armaturen GmbH", Some("C-900"));
    address_in(&app, mueller.id, "DE");
    app.post(
        &format!("/customers/{}/users", mueller.id),
        &[("name", "Fritz Müller"), ("email", "fritz@mueller.test")],
    )
    .await
    .assert_redirect_to(&format!("/customers/{}/users", mueller.id));
    let invitation = wait_for_mail_to(&sink, "fritz@mueller.test").await;
    assert_eq!(
        invitation.subject(),
        "Ihre Einladung zum Kundenportal von Müller Armaturen GmbH"
    );
    let text = invitation.text();
    assert!(text.starts_with("Guten Tag Fritz Müller,"), "{text}");
    assert!(text.contains("Legen Sie hier Ihr Passwort fest:"), "{text}");
    assert!(text.contains("/portal/invitation/"), "{text}");
    assert!(invitation.html().contains(r#"<html lang="de">"#));

    // A request recorded for the customer: the English salesperson and digital administrator
    // read English, the German one German, all from the same request.
    let sp = desk.salesperson.id.to_string();
    app.post(
        &format!("/customers/{}/requests", mueller.id),
        &[
            ("services", "ordering"),
            ("salesperson", sp.as_str()),
            ("message", "Bitte freischalten."),
        ],
    )
    .await
    .assert_redirect_to(&format!("/customers/{}/requests", mueller.id));
    for email in ["sally@vendor.test", "ada@vendor.test"] {
        let mail = wait_for_mail_to(&sink, email).await;
        assert_eq!(
            mail.subject(),
            "New request from Müller Armaturen GmbH: Ordering",
            "{email}"
        );
        assert!(
            mail.text()
                .contains("Open the request in the approval queue")
        );
        assert!(mail.html().contains(r#"<html lang="en">"#));
    }
    let german = wait_for_mail_to(&sink, &dieter.email).await;
    assert!(
        german
            .subject()
            .starts_with("Neue Anfrage von Müller Armaturen GmbH: "),
        "{}",
        german.subject()
    );
    assert!(
        german.text().contains("Vertriebsmitarbeiter: sally"),
        "{}",
        german.text()
    );
    assert!(german.html().contains(r#"<html lang="de">"#));
}

/// A customer user signed in to the portal.
async fn portal_user(app: &TestApp, email: &str) -> TestClient {
    let customer = app.create_customer("Sprachen GmbH", None);
    app.create_customer_user(customer.id, email, USER_PASSWORD);
    let client = app.new_client();
    client
        .portal_sign_in(email, USER_PASSWORD)
        .await
        .assert_redirect_to("/portal");
    client
}

fn lang_of(res: &crate::helpers::TestResponse) -> String {
    res.attr("html", "lang").unwrap_or_default()
}

#[actix_web::test]
async fn a_portal_user_chooses_german_and_it_beats_the_browser() {
    let app = spawn_app().await;
    let client = portal_user(&app, "lena@sprachen.test").await;
    let english = [("Accept-Language", "en-GB,en;q=0.9")];

    // Nothing chosen: the browser's language.
    let page = client.get_with("/portal/account", &english).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(lang_of(&page), "en");
    assert_eq!(page.text("main h1"), "Your account");
    assert!(page.body.contains("Automatic (your browser)"));
    assert_eq!(page.texts("#time_zone option")[0], "The company's (UTC)");

    let res = client
        .post(
            "/portal/account/preferences",
            &[("language", "de"), ("time_zone", "Europe/Berlin")],
        )
        .await;
    res.assert_redirect_to("/portal/account");
    let (language, zone): (Option<String>, Option<String>) = customer_users::table
        .filter(customer_users::email.eq("lena@sprachen.test"))
        .select((customer_users::language, customer_users::time_zone))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(language.as_deref(), Some("de"));
    assert_eq!(zone.as_deref(), Some("Europe/Berlin"));

    // The choice beats the browser's English.
    let page = client.get_with("/portal/account", &english).await;
    assert_eq!(lang_of(&page), "de");
    assert_eq!(page.text("main h1"), "Ihr Konto");
    assert!(
        page.text(".flash")
            .contains("Ihre Sprache und Zeitzone wurden gespeichert"),
        "{}",
        page.body
    );
    let home = client.get_with("/portal", &english).await;
    assert_eq!(lang_of(&home), "de");
    let nav = home.texts("nav[aria-label] a");
    assert!(nav.iter().any(|t| t == "Produkte"), "{nav:?}");
    assert!(nav.iter().any(|t| t == "Bestellungen"), "{nav:?}");
    // The form shows the choice.
    assert_eq!(
        page.attr("#language option[selected]", "value").as_deref(),
        Some("de")
    );
    assert_eq!(page.text("#time_zone option[selected]"), "Europe/Berlin");

    // Back to automatic: the browser decides again.
    client
        .post(
            "/portal/account/preferences",
            &[("language", ""), ("time_zone", "")],
        )
        .await
        .assert_redirect_to("/portal/account");
    let page = client.get_with("/portal", &english).await;
    assert_eq!(lang_of(&page), "en");
}

#[actix_web::test]
async fn invalid_preferences_are_refused_beside_their_field_and_nothing_is_saved() {
    let app = spawn_app().await;
    let client = portal_user(&app, "ivo@sprachen.test").await;
    let res = client
        .post(
            "/portal/account/preferences",
            &[("language", "xx"), ("time_zone", "Mars/Olympus")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text("#language-error"),
        "Choose one of the languages offered."
    );
    assert!(
        res.text("#time_zone-error")
            .contains("“Mars/Olympus” is not a time zone"),
        "{}",
        res.body
    );
    let (language, zone): (Option<String>, Option<String>) = customer_users::table
        .filter(customer_users::email.eq("ivo@sprachen.test"))
        .select((customer_users::language, customer_users::time_zone))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((language, zone), (None, None));
    // A good language with a bad zone saves neither.
    let res = client
        .post(
            "/portal/account/preferences",
            &[("language", "de"), ("time_zone", "Nowhere")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let language: Option<String> = customer_users::table
        .filter(customer_users::email.eq("ivo@sprachen.test"))
        .select(customer_users::language)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(language, None);
}

#[actix_web::test]
async fn a_staff_member_chooses_german_on_the_account_page() {
    let app = spawn_app().await;
    app.create_staff("sven@vendor.test", PASSWORD, &[Role::Staff]);
    app.sign_in("sven@vendor.test", PASSWORD).await;
    let english = [("Accept-Language", "en")];
    let page = app.get_with("/account/password", &english).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(lang_of(&page), "en");
    assert!(page.body.contains("Language and time zone"));

    app.post(
        "/account/preferences",
        &[("language", "de"), ("time_zone", "Europe/Vienna")],
    )
    .await
    .assert_redirect_to("/account/password");
    let (language, zone): (Option<String>, Option<String>) = staff::table
        .filter(staff::email.eq("sven@vendor.test"))
        .select((staff::language, staff::time_zone))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(language.as_deref(), Some("de"));
    assert_eq!(zone.as_deref(), Some("Europe/Vienna"));

    let page = app.get_with("/account/password", &english).await;
    assert_eq!(lang_of(&page), "de");
    assert_eq!(page.text("main h1"), "Passwort ändern");
    let dashboard = app.get_with("/", &english).await;
    assert_eq!(lang_of(&dashboard), "de");
    assert!(
        dashboard
            .texts("nav a")
            .iter()
            .any(|t| t == "Kundenübersicht"),
        "{:?}",
        dashboard.texts("nav a")
    );

    // An invalid zone: refused, beside the field, nothing saved.
    let res = app
        .post(
            "/account/preferences",
            &[("language", "en"), ("time_zone", "Europe/Atlantis")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text("#time_zone-error").contains("Europe/Atlantis"));
    let language: Option<String> = staff::table
        .filter(staff::email.eq("sven@vendor.test"))
        .select(staff::language)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(language.as_deref(), Some("de"));
}

#[actix_web::test]
async fn without_a_choice_the_browser_decides_and_without_either_the_default() {
    let app = spawn_app().await;
    let client = portal_user(&app, "nora@sprachen.test").await;
    let german = client
        .get_with("/portal", &[("Accept-Language", "de-DE,de;q=0.9,en;q=0.5")])
        .await;
    assert_eq!(lang_of(&german), "de");
    assert!(
        german
            .texts("nav[aria-label] a")
            .iter()
            .any(|t| t == "Produkte")
    );
    let neither = client.get("/portal").await;
    assert_eq!(lang_of(&neither), "en");
    assert!(
        neither
            .texts("nav[aria-label] a")
            .iter()
            .any(|t| t == "Products")
    );
}

#[actix_web::test]
async fn the_switch_on_the_sign_in_page_is_kept_through_sign_in() {
    let app = spawn_app().await;
    let customer = app.create_customer("Umschalter GmbH", None);
    app.create_customer_user(customer.id, "uwe@umschalter.test", USER_PASSWORD);
    let client = app.new_client();
    client.use_portal();
    let login = client.get("/portal/login?lang=de").await;
    assert_eq!(login.status, StatusCode::OK);
    assert_eq!(lang_of(&login), "de");
    client
        .post(
            "/portal/login",
            &[
                ("email", "uwe@umschalter.test"),
                ("password", USER_PASSWORD),
            ],
        )
        .await
        .assert_redirect_to("/portal");
    // No choice of their own: the switch holds, over the browser's English.
    let home = client
        .get_with("/portal", &[("Accept-Language", "en")])
        .await;
    assert_eq!(lang_of(&home), "de");
    assert_eq!(home.text("main h1"), "Willkommen, uwe");
}

#[actix_web::test]
async fn a_read_only_view_as_the_customer_cannot_save_a_choice() {
    let app = spawn_app().await;
    let admin = app.new_client();
    app.create_staff("adam@vendor.test", PASSWORD, &[Role::Admin]);
    admin.sign_in("adam@vendor.test", PASSWORD).await;
    let customer = app.create_customer("Viewed GmbH", None);
    let uid = app.create_customer_user(customer.id, "vera@viewed.test", USER_PASSWORD);
    let res = admin
        .post(
            &format!("/customers/{}/users/{uid}/view-as", customer.id),
            &[],
        )
        .await;
    let ticket = res.location().unwrap().to_string();
    let viewer = app.new_client();
    viewer.use_portal();
    viewer.get(&ticket).await.assert_redirect_to("/portal");
    let page = viewer.get("/portal/account").await;
    assert_eq!(page.status, StatusCode::OK);
    let form = page.attr(r#"form[action="/portal/account/preferences"]"#, "method");
    assert!(form.is_none(), "no form to save from a read-only view");
    let res = viewer
        .post(
            "/portal/account/preferences",
            &[("language", "de"), ("time_zone", "Europe/Berlin")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let (language, zone): (Option<String>, Option<String>) = customer_users::table
        .find(uid)
        .select((customer_users::language, customer_users::time_zone))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((language, zone), (None, None));
}

#[actix_web::test]
async fn the_portal_in_german_shows_german_money_dates_and_words() {
    let f = crate::portal_pages::fixture().await;
    let ann = crate::portal_pages::portal_client(&f.app, crate::portal_pages::ANN, PASSWORD).await;
    ann.post(
        "/portal/account/preferences",
        &[("language", "de"), ("time_zone", "Europe/Berlin")],
    )
    .await
    .assert_redirect_to("/portal/account");
    let res = ann.get("/portal/orders").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(lang_of(&res), "de");
    assert_eq!(res.text("main h1"), "Bestellungen");
    // The data-label follows the language too.
    let totals = res.texts("table.orders tbody td[data-label=Summe]");
    assert_eq!(totals[2], "1.234,57 €", "{totals:?}");
    // 1 March 2025, 09:00 UTC is 10:00 in Berlin.
    let placed = res.texts("table.orders tbody td[data-label=Bestellt]");
    assert_eq!(placed[2], "1. März 2025, 10:00 CET", "{placed:?}");
    let order = ann.get("/portal/orders/SO-A-0001").await;
    assert!(order.text("main h1").starts_with("Bestellung SO-A-0001"));
}

/// Of a recipient of whom nothing is known, the vendor's DEFAULT_LOCALE decides, per portal:
/// this app's German default reaches the email without touching another app's.
#[actix_web::test]
async fn a_recipient_of_whom_nothing_is_known_reads_the_vendors_default_language() {
    let sink = SmtpSink::start();
    let german = app_mailing_to(
        &sink.url(),
        &[("DEFAULT_LOCALE", "de"), ("TIME_ZONE", "Europe/Berlin")],
    )
    .await;
    // Another portal in the same process keeps its own (English) default.
    let english = app_mailing_to(&sink.url(), &[]).await;
    for (app, email) in [(&german, "kim@plain.test"), (&english, "lee@plain.test")] {
        let plain = app.create_customer("Plain Supplies Ltd", None);
        app.create_customer_user(plain.id, email, USER_PASSWORD);
        forgot(app, email).await;
    }
    let mail = wait_for_mail_to(&sink, "kim@plain.test").await;
    assert_eq!(mail.subject(), "Passwort für das Kundenportal zurücksetzen");
    let mail = wait_for_mail_to(&sink, "lee@plain.test").await;
    assert_eq!(mail.subject(), "Reset your customer portal password");
}
