//! Customer admins and self-service in the portal (issue 18, section 4): roles decide what a
//! user may open (the portal's 403 otherwise, and no navigation item for it), a customer admin
//! manages its own customer's users through the staff's own functions (never another
//! customer's, never its last admin away), a customer's first user is its admin, and staff set
//! roles.

use crate::{
    helpers::{PASSWORD, TestApp, TestClient, app_mailing_to},
    portal_pages::{add_address, input, portal_client},
    smtp_sink::SmtpSink,
};
use actix_web::http::StatusCode;
use clientele::{
    domain::AddressKind,
    models::access::staff::Role,
    schema::{customer_addresses, customer_history, customer_users, requests},
};
use diesel::prelude::*;

const ADA: &str = "ada@acme.test";

/// A history row: who (for a customer user), the action, the field and its new value.
type HistoryRow = (Option<String>, String, Option<String>, Option<String>);

struct World {
    app: TestApp,
    sink: SmtpSink,
    customer: i64,
    /// Signed in to the portal as Ada, the customer's admin.
    ada: TestClient,
    ada_id: i64,
}

/// An app mailing to a sink, a customer with its admin Ada signed in to the portal, and a
/// staff member (an administrator) signed in as `app`.
async fn world() -> World {
    let sink = SmtpSink::start();
    let app = app_mailing_to(&sink.url(), &[]).await;
    app.create_staff(
        "sam@vendor.test",
        PASSWORD,
        &[Role::Staff, Role::Admin, Role::DigitalAdmin],
    );
    app.sign_in("sam@vendor.test", PASSWORD).await;
    let customer = app.create_customer("Acme Fittings GmbH", Some("C-1")).id;
    let ada_id = app.create_customer_user_as(customer, ADA, PASSWORD, "admin");
    let ada = portal_client(&app, ADA, PASSWORD).await;
    World {
        app,
        sink,
        customer,
        ada,
        ada_id,
    }
}

impl World {
    fn user(&self, email: &str) -> (i64, String, String) {
        customer_users::table
            .filter(customer_users::email.eq(email))
            .select((
                customer_users::id,
                customer_users::role,
                customer_users::status,
            ))
            .first(&mut self.app.conn())
            .unwrap()
    }

    fn role(&self, email: &str) -> String {
        self.user(email).1
    }

    fn make_active(&self, email: &str) {
        diesel::update(customer_users::table.filter(customer_users::email.eq(email)))
            .set((
                customer_users::status.eq("active"),
                customer_users::password_hash.eq("x"),
            ))
            .execute(&mut self.app.conn())
            .unwrap();
    }

    /// The emails to `to`, once there are `count` of them.
    async fn mails(&self, to: &str, count: usize) -> Vec<crate::smtp_sink::Received> {
        for _ in 0..200 {
            let got = self.sink.to(to);
            if got.len() >= count {
                return got;
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("{count} emails to {to} never came");
    }

    /// The customer's history rows about user `id`: (actor, action, field, new value).
    fn user_history(&self, id: i64) -> Vec<HistoryRow> {
        customer_history::table
            .filter(customer_history::entity.eq("user"))
            .filter(customer_history::entity_id.eq(id))
            .order(customer_history::id)
            .select((
                customer_history::actor_label,
                customer_history::action,
                customer_history::field,
                customer_history::new_value,
            ))
            .load(&mut self.app.conn())
            .unwrap()
    }
}

const ADA_SIGNS: &str = "ada (customer user)";

#[actix_web::test]
async fn a_customer_admin_invites_resends_changes_roles_and_revokes_its_users() {
    let w = world().await;
    let page = w.ada.get("/portal/users").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.texts("nav a").iter().any(|t| t == "Users"));

    let res = w
        .ada
        .post(
            "/portal/users",
            &[
                ("name", "Bea Buyer"),
                ("email", "bea@acme.test"),
                ("role", "buyer"),
            ],
        )
        .await;
    res.assert_redirect_to("/portal/users");
    let mail = &w.mails("bea@acme.test", 1).await[0];
    assert!(
        mail.text().contains("/portal/invitation/"),
        "{}",
        mail.text()
    );
    assert!(mail.text().contains("ada"), "{}", mail.text());
    let (bea, role, status) = w.user("bea@acme.test");
    assert_eq!((role.as_str(), status.as_str()), ("buyer", "pending"));
    let page = w.ada.get("/portal/users").await;
    assert!(page.text(&format!("#user-{bea}")).contains("Bea Buyer"));

    // A new link, then another role, then no access: each signed as Ada in the history.
    w.ada
        .post(&format!("/portal/users/{bea}/invitations"), &[])
        .await
        .assert_redirect_to("/portal/users");
    w.mails("bea@acme.test", 2).await;
    w.ada
        .post(
            &format!("/portal/users/{bea}/role"),
            &[("role", "accounts")],
        )
        .await
        .assert_redirect_to("/portal/users");
    assert_eq!(w.role("bea@acme.test"), "accounts");
    w.ada
        .post(&format!("/portal/users/{bea}/revocation"), &[])
        .await
        .assert_redirect_to("/portal/users");
    assert_eq!(w.user("bea@acme.test").2, "revoked");
    let history = w.user_history(bea);
    assert!(
        history
            .iter()
            .all(|(who, ..)| who.as_deref() == Some(ADA_SIGNS)),
        "{history:?}"
    );
    let actions: Vec<&str> = history.iter().map(|(_, a, ..)| a.as_str()).collect();
    for action in ["invite", "update", "revoke"] {
        assert!(actions.contains(&action), "{actions:?}");
    }
    assert!(
        history
            .iter()
            .any(|(_, _, f, v)| f.as_deref() == Some("Role") && v.as_deref() == Some("Accounts"))
    );
}

#[actix_web::test]
async fn an_admin_keeps_its_last_admin_and_never_reaches_another_customers_users() {
    let w = world().await;
    let ada = w.ada_id;
    // The last active admin can neither revoke nor demote itself.
    let res = w
        .ada
        .post(&format!("/portal/users/{ada}/revocation"), &[])
        .await;
    res.assert_redirect_to("/portal/users");
    let page = w.ada.get("/portal/users").await;
    assert!(
        page.body.contains("last active customer admin"),
        "{}",
        page.body
    );
    w.ada
        .post(&format!("/portal/users/{ada}/role"), &[("role", "buyer")])
        .await
        .assert_redirect_to("/portal/users");
    assert_eq!(w.user(ADA), (ada, "admin".into(), "active".into()));

    // Another customer's user is not found, and stays as it was.
    let other = w.app.create_customer("Other Works Ltd", None).id;
    let otto = w
        .app
        .create_customer_user_as(other, "otto@other.test", PASSWORD, "buyer");
    for (path, fields) in [
        (format!("/portal/users/{otto}/revocation"), vec![]),
        (format!("/portal/users/{otto}/invitations"), vec![]),
        (
            format!("/portal/users/{otto}/role"),
            vec![("role", "admin")],
        ),
    ] {
        let res = w.ada.post(&path, &fields).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(w.user("otto@other.test").1, "buyer");
    assert_eq!(w.user("otto@other.test").2, "active");
    assert!(
        !w.ada
            .get("/portal/users")
            .await
            .body
            .contains("otto@other.test")
    );

    // With a second active admin, Ada may step down.
    w.app
        .create_customer_user_as(w.customer, "abe@acme.test", PASSWORD, "admin");
    w.ada
        .post(&format!("/portal/users/{ada}/role"), &[("role", "viewer")])
        .await
        .assert_redirect_to("/portal/users");
    assert_eq!(w.role(ADA), "viewer");
    assert_eq!(
        w.ada.get("/portal/users").await.status,
        StatusCode::FORBIDDEN
    );
}

#[actix_web::test]
async fn roles_decide_what_a_user_may_open_and_the_navigation_offers() {
    let w = world().await;
    for (email, role) in [
        ("bo@acme.test", "buyer"),
        ("al@acme.test", "accounts"),
        ("vi@acme.test", "viewer"),
    ] {
        w.app
            .create_customer_user_as(w.customer, email, PASSWORD, role);
    }
    let buyer = portal_client(&w.app, "bo@acme.test", PASSWORD).await;
    let accounts = portal_client(&w.app, "al@acme.test", PASSWORD).await;
    let viewer = portal_client(&w.app, "vi@acme.test", PASSWORD).await;
    let forbidden = StatusCode::FORBIDDEN;

    // A buyer orders, but manages no users and reads no invoices.
    assert_eq!(buyer.get("/portal/cart").await.status, StatusCode::OK);
    assert_eq!(buyer.get("/portal/users").await.status, forbidden);
    let res = buyer
        .post(
            "/portal/users",
            &[
                ("name", "Sneaky"),
                ("email", "sneaky@acme.test"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(res.status, forbidden);
    assert!(
        res.body.contains("Your role does not include this page"),
        "{}",
        res.body
    );
    assert_eq!(
        buyer
            .post(
                &format!("/portal/users/{}/role", w.ada_id),
                &[("role", "viewer")]
            )
            .await
            .status,
        forbidden
    );
    assert_eq!(buyer.get("/portal/invoices").await.status, forbidden);
    let nav = buyer.get("/portal").await.texts("nav a");
    assert!(nav.iter().any(|t| t == "Cart"), "{nav:?}");
    assert!(
        !nav.iter().any(|t| t == "Users" || t == "Invoices"),
        "{nav:?}"
    );

    // Accounts reads invoices and statements, and places no orders.
    assert_eq!(
        accounts.get("/portal/invoices").await.status,
        StatusCode::OK
    );
    // (No statement period asked for yet: the form, not a refusal.)
    assert_ne!(accounts.get("/portal/statement").await.status, forbidden);
    assert_eq!(accounts.get("/portal/cart").await.status, forbidden);
    assert_eq!(
        accounts.post("/portal/checkout", &[]).await.status,
        forbidden
    );
    assert_eq!(
        accounts
            .post("/portal/cart", &[("product_id", "1"), ("quantity", "1")])
            .await
            .status,
        forbidden
    );
    let nav = accounts.get("/portal").await.texts("nav a");
    assert!(
        nav.iter().any(|t| t == "Invoices") && !nav.iter().any(|t| t == "Cart"),
        "{nav:?}"
    );

    // A viewer reads products and orders only.
    assert_eq!(viewer.get("/portal/products").await.status, StatusCode::OK);
    assert_eq!(viewer.get("/portal/orders").await.status, StatusCode::OK);
    for path in [
        "/portal/requests",
        "/portal/ship-to",
        "/portal/invoices",
        "/portal/cart",
    ] {
        assert_eq!(viewer.get(path).await.status, forbidden, "{path}");
    }
    let nav = viewer.get("/portal").await.texts("nav a");
    assert!(
        !nav.iter()
            .any(|t| ["Cart", "Invoices", "Requests", "Users"].contains(&t.as_str())),
        "{nav:?}"
    );
    // Nothing was written by the refused ones.
    assert!(w.sink.to("sneaky@acme.test").is_empty());
    assert_eq!(w.role(ADA), "admin");
}

#[actix_web::test]
async fn a_customers_first_user_is_its_admin_and_staff_set_roles() {
    let w = world().await;
    let fresh = w.app.create_customer("Fresh Start KG", None).id;
    let users = format!("/customers/{fresh}/users");
    // Whatever role was asked for, the first user of a customer without an admin is its admin.
    w.app
        .post(
            &users,
            &[
                ("name", "Fay First"),
                ("email", "fay@fresh.test"),
                ("role", "viewer"),
            ],
        )
        .await
        .assert_redirect_to(&users);
    assert_eq!(w.user("fay@fresh.test").1, "admin");
    // The next one is what was asked for (a buyer when nothing was).
    w.app
        .post(
            &users,
            &[("name", "Sid Second"), ("email", "sid@fresh.test")],
        )
        .await
        .assert_redirect_to(&users);
    assert_eq!(w.user("sid@fresh.test").1, "buyer");
    let page = w.app.get(&users).await;
    assert!(
        page.body.contains("role-"),
        "the staff page offers the role select"
    );

    // Fay is the only admin (and none is active): she keeps the role until another one is.
    let fay = w.user("fay@fresh.test").0;
    let sid = w.user("sid@fresh.test").0;
    let res = w
        .app
        .post(&format!("{users}/{fay}/role"), &[("role", "buyer")])
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    w.app
        .post(&format!("{users}/{sid}/role"), &[("role", "admin")])
        .await
        .assert_redirect_to(&users);
    w.make_active("sid@fresh.test");
    w.app
        .post(&format!("{users}/{fay}/role"), &[("role", "accounts")])
        .await
        .assert_redirect_to(&users);
    assert_eq!(w.user("fay@fresh.test").1, "accounts");
    assert_eq!(w.user("sid@fresh.test").1, "admin");
    // Signed by the staff member, not a customer user.
    assert!(w.user_history(fay).iter().all(|(who, ..)| who.is_none()));
    // A role no form offers is refused.
    let res = w
        .app
        .post(&format!("{users}/{fay}/role"), &[("role", "owner")])
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

impl World {
    fn staff_id(&self) -> i64 {
        clientele::models::access::staff::Staff::find_by_email(
            &mut self.app.conn(),
            "sam@vendor.test",
        )
        .unwrap()
        .unwrap()
        .id
    }

    /// The newest request of the customer: (id, kind, status).
    fn newest_request(&self) -> (i64, String, String) {
        requests::table
            .filter(requests::customer_id.eq(self.customer))
            .order(requests::id.desc())
            .select((requests::id, requests::kind, requests::status))
            .first(&mut self.app.conn())
            .unwrap()
    }

    fn ship_to_lines(&self) -> Vec<String> {
        customer_addresses::table
            .filter(customer_addresses::customer_id.eq(self.customer))
            .filter(customer_addresses::kind.eq("shipping"))
            .order(customer_addresses::id)
            .select(customer_addresses::line1)
            .load(&mut self.app.conn())
            .unwrap()
    }

    async fn propose(&self, client: &TestClient, address: &str, line1: &str) {
        let res = client
            .post(
                "/portal/ship-to/proposals",
                &[
                    ("address", address),
                    ("label", "Dock"),
                    ("line1", line1),
                    ("postcode", "20095"),
                    ("city", "Hamburg"),
                    ("country", "DE"),
                ],
            )
            .await;
        res.assert_redirect_to("/portal/requests");
    }

    async fn decide(&self, id: i64, fields: &[(&str, &str)]) {
        let mut all = vec![("version", "0")];
        all.extend_from_slice(fields);
        self.app
            .post(&format!("/approvals/{id}/decision"), &all)
            .await
            .assert_redirect_to(&format!("/approvals/{id}"));
    }
}

#[actix_web::test]
async fn a_ship_to_change_waits_in_the_queue_and_applies_only_when_approved() {
    let w = world().await;
    let dock = add_address(
        &w.app,
        w.customer,
        w.staff_id(),
        input(AddressKind::Shipping, "Dock 1", "Old Road 1", true),
    );
    let buyer = {
        w.app
            .create_customer_user_as(w.customer, "bo@acme.test", PASSWORD, "buyer");
        portal_client(&w.app, "bo@acme.test", PASSWORD).await
    };
    let page = buyer.get("/portal/ship-to").await;
    assert!(page.body.contains(&format!(
        "/portal/ship-to/proposals/new?address={}",
        dock.id
    )));
    let form = buyer
        .get(&format!(
            "/portal/ship-to/proposals/new?address={}",
            dock.id
        ))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Old Road 1"));

    // A change: it waits in the queue, the address stays as it is.
    let id = dock.id.to_string();
    w.propose(&buyer, &id, "New Quay 7").await;
    let (request, kind, status) = w.newest_request();
    assert_eq!((kind.as_str(), status.as_str()), ("ship_to", "open"));
    assert_eq!(w.ship_to_lines(), ["Old Road 1"]);
    let queue = w.app.get("/approvals").await;
    assert!(
        queue.body.contains("Ship-to address change"),
        "{}",
        queue.body
    );
    let shown = w.app.get(&format!("/approvals/{request}")).await;
    assert!(shown.text(".ship-to-proposed").contains("New Quay 7"));
    assert!(shown.text(".ship-to-now").contains("Old Road 1"));
    // The proposal is in the customer's history, signed as the buyer.
    let signed: Vec<Option<String>> = customer_history::table
        .filter(customer_history::entity.eq("request"))
        .filter(customer_history::entity_id.eq(request))
        .select(customer_history::actor_label)
        .load(&mut w.app.conn())
        .unwrap();
    assert_eq!(signed, [Some("bo (customer user)".to_string())]);

    // Rejected: nothing changes, and the buyer's requests list says so.
    w.decide(
        request,
        &[("decision", "reject"), ("reason", "Not our area")],
    )
    .await;
    assert_eq!(w.ship_to_lines(), ["Old Road 1"]);
    let list = buyer.get("/portal/requests").await;
    assert!(
        list.body.contains("Ship-to address change") && list.body.contains("Rejected"),
        "{}",
        list.body
    );

    // Approved: the change applies, and so does a new address.
    w.propose(&buyer, &id, "New Quay 7").await;
    let (request, ..) = w.newest_request();
    w.decide(request, &[("decision", "approve")]).await;
    assert_eq!(w.newest_request().2, "approved");
    assert_eq!(w.ship_to_lines(), ["New Quay 7"]);
    w.propose(&buyer, "", "Second Gate 3").await;
    let (request, ..) = w.newest_request();
    w.decide(request, &[("decision", "approve")]).await;
    assert_eq!(w.ship_to_lines(), ["New Quay 7", "Second Gate 3"]);

    // Another customer's address is not found; a bad form says so beside the field.
    let other = w.app.create_customer("Other Works Ltd", None).id;
    let theirs = add_address(
        &w.app,
        other,
        w.staff_id(),
        input(AddressKind::Shipping, "T", "Their Way 1", true),
    );
    let path = format!("/portal/ship-to/proposals/new?address={}", theirs.id);
    assert_eq!(buyer.get(&path).await.status, StatusCode::NOT_FOUND);
    let res = buyer
        .post(
            "/portal/ship-to/proposals",
            &[
                ("address", &theirs.id.to_string()),
                ("line1", "X"),
                ("city", "Y"),
                ("country", "DE"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = buyer
        .post(
            "/portal/ship-to/proposals",
            &[
                ("address", ""),
                ("line1", ""),
                ("city", "Y"),
                ("country", "DE"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.html()
            .select(&scraper::Selector::parse("#line1-error").unwrap())
            .next()
            .is_some()
    );
    // An accounts user proposes nothing.
    w.app
        .create_customer_user_as(w.customer, "al@acme.test", PASSWORD, "accounts");
    let accounts = portal_client(&w.app, "al@acme.test", PASSWORD).await;
    let res = accounts
        .post(
            "/portal/ship-to/proposals",
            &[("line1", "Z"), ("city", "Y"), ("country", "DE")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn an_admin_edits_its_contacts_and_their_notifications_signed_in_history() {
    use clientele::{
        domain::ContactEvent,
        models::customers::contact::{self, ContactInput},
        schema::customer_contacts,
    };
    let w = world().await;
    let contact_input = |name: &str| ContactInput {
        name: name.into(),
        job_title: None,
        email: Some(format!("{}@acme.test", name.to_lowercase())),
        phone: None,
        is_primary: false,
        events: vec![ContactEvent::OrderConfirmation],
    };
    let carl = contact::create(
        &mut w.app.conn(),
        w.customer,
        w.staff_id(),
        contact_input("Carl"),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let list = w.ada.get("/portal/contacts").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.text(&format!("#contact-{}", carl.id)).contains("Carl"));
    let path = format!("/portal/contacts/{}", carl.id);
    assert_eq!(w.ada.get(&path).await.status, StatusCode::OK);

    let version = carl.lock_version.to_string();
    let save = |events: &'static [&'static str], email: &'static str| {
        let mut fields = vec![
            ("version", version.as_str()),
            ("name", "Carl Contact"),
            ("email", email),
            ("is_primary", "on"),
        ];
        fields.extend(events.iter().map(|e| ("subscriptions", *e)));
        fields
    };
    // A bad address is said beside its field, and nothing is written.
    let res = w
        .ada
        .post(&path, &save(&["statements"], "not an email"))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("email-error"), "{}", res.body);
    w.ada
        .post(
            &path,
            &save(&["statements", "invoice_due"], "carl@acme.test"),
        )
        .await
        .assert_redirect_to("/portal/contacts");
    let (name, subs): (String, Vec<Option<String>>) = customer_contacts::table
        .find(carl.id)
        .select((customer_contacts::name, customer_contacts::subscriptions))
        .first(&mut w.app.conn())
        .unwrap();
    assert_eq!(name, "Carl Contact");
    assert_eq!(
        subs,
        [Some("invoice_due".into()), Some("statements".into())]
    );
    let signed: Vec<(Option<String>, Option<String>)> = customer_history::table
        .filter(customer_history::entity.eq("contact"))
        .filter(customer_history::entity_id.eq(carl.id))
        .filter(customer_history::action.eq("update"))
        .select((customer_history::actor_label, customer_history::field))
        .load(&mut w.app.conn())
        .unwrap();
    assert!(
        signed
            .iter()
            .any(|(_, f)| f.as_deref() == Some("Notifications")),
        "{signed:?}"
    );
    assert!(
        signed
            .iter()
            .all(|(who, _)| who.as_deref() == Some(ADA_SIGNS)),
        "{signed:?}"
    );
    // The same form again is stale.
    w.ada
        .post(&path, &save(&[], "carl@acme.test"))
        .await
        .assert_redirect_to(&path);

    // Another customer's contact is not found; a buyer edits none.
    let other = w.app.create_customer("Other Works Ltd", None).id;
    let theirs = contact::create(
        &mut w.app.conn(),
        other,
        w.staff_id(),
        contact_input("Olga"),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let res = w.ada.get(&format!("/portal/contacts/{}", theirs.id)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = w
        .ada
        .post(
            &format!("/portal/contacts/{}", theirs.id),
            &[("version", "0"), ("name", "Mine")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    w.app
        .create_customer_user_as(w.customer, "bo@acme.test", PASSWORD, "buyer");
    let buyer = portal_client(&w.app, "bo@acme.test", PASSWORD).await;
    assert_eq!(
        buyer.get("/portal/contacts").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        buyer.post(&path, &save(&[], "x@acme.test")).await.status,
        StatusCode::FORBIDDEN
    );
}

impl World {
    /// The customer's contacts: (id, name, primary), in id order.
    fn contacts_of(&self, customer: i64) -> Vec<(i64, String, bool)> {
        use clientele::schema::customer_contacts as c;
        c::table
            .filter(c::customer_id.eq(customer))
            .order(c::id)
            .select((c::id, c::name, c::is_primary))
            .load(&mut self.app.conn())
            .unwrap()
    }

    /// The history entries about contact `id` (one per change, not per field): (actor, action).
    fn contact_history(&self, id: i64) -> Vec<(Option<String>, String)> {
        let mut rows: Vec<(Option<String>, String)> = customer_history::table
            .filter(customer_history::entity.eq("contact"))
            .filter(customer_history::entity_id.eq(id))
            .order(customer_history::id)
            .select((customer_history::actor_label, customer_history::action))
            .load(&mut self.app.conn())
            .unwrap();
        rows.dedup();
        rows
    }

    /// A contact of `customer` added by the staff member.
    fn staff_adds_contact(&self, customer: i64, name: &str) -> i64 {
        use clientele::{domain::ContactEvent, models::customers::contact};
        let input = contact::ContactInput {
            name: name.into(),
            job_title: None,
            email: Some(format!("{}@contact.test", name.to_lowercase())),
            phone: None,
            is_primary: false,
            events: vec![ContactEvent::Statements],
        };
        contact::create(&mut self.app.conn(), customer, self.staff_id(), input)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .id
    }
}

#[actix_web::test]
async fn an_admin_adds_a_contact_once_and_a_bad_form_writes_nothing() {
    let w = world().await;
    let list = w.ada.get("/portal/contacts").await;
    assert!(
        list.body.contains("href=\"/portal/contacts/new\""),
        "{}",
        list.body
    );
    let key = w
        .ada
        .form_key("/portal/contacts/new", "/portal/contacts")
        .await;

    // Bad input: 422, a message beside each field, nothing written, the key kept in the form.
    let res = w
        .ada
        .post(
            "/portal/contacts",
            &[
                ("submission_key", &key),
                ("name", " "),
                ("email", "not an email"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("id=\"name-error\""), "{}", res.body);
    assert!(res.body.contains("id=\"email-error\""), "{}", res.body);
    assert_eq!(
        res.attr("input[name=submission_key]", "value").as_deref(),
        Some(key.as_str())
    );
    assert!(w.contacts_of(w.customer).is_empty());

    // The corrected form, sent twice (a double click): one contact, the customer's first and so
    // its primary, signed as Ada.
    let fields = [
        ("submission_key", key.as_str()),
        ("name", "Nora New"),
        ("email", "nora@acme.test"),
        ("subscriptions", "statements"),
    ];
    let first = w.ada.post("/portal/contacts", &fields).await;
    first.assert_redirect_to("/portal/contacts");
    let again = w.ada.post("/portal/contacts", &fields).await;
    again.assert_redirect_to("/portal/contacts");
    let contacts = w.contacts_of(w.customer);
    assert_eq!(contacts.len(), 1, "{contacts:?}");
    let (nora, name, primary) = contacts[0].clone();
    assert_eq!((name.as_str(), primary), ("Nora New", true));
    assert_eq!(
        w.contact_history(nora),
        [(Some(ADA_SIGNS.to_string()), "create".to_string())]
    );
    let list = w.ada.get("/portal/contacts").await;
    assert!(list.text(&format!("#contact-{nora}")).contains("Nora New"));

    // A buyer adds none.
    w.app
        .create_customer_user_as(w.customer, "bo@acme.test", PASSWORD, "buyer");
    let buyer = portal_client(&w.app, "bo@acme.test", PASSWORD).await;
    let forbidden = StatusCode::FORBIDDEN;
    assert_eq!(buyer.get("/portal/contacts/new").await.status, forbidden);
    let res = buyer
        .post("/portal/contacts", &[("name", "Sneaky Contact")])
        .await;
    assert_eq!(res.status, forbidden);
    assert_eq!(w.contacts_of(w.customer).len(), 1);
}

#[actix_web::test]
async fn an_admin_deletes_contacts_as_staff_do_and_never_another_customers() {
    let w = world().await;
    let carl = w.staff_adds_contact(w.customer, "Carl");
    let dora = w.staff_adds_contact(w.customer, "Dora");
    let list = w.ada.get("/portal/contacts").await;
    assert!(
        list.body
            .contains(&format!("href=\"/portal/contacts/{carl}/delete\""))
    );

    // The primary one: the page asks first and says who takes over; the oldest other does.
    let ask = w.ada.get(&format!("/portal/contacts/{carl}/delete")).await;
    assert_eq!(ask.status, StatusCode::OK, "{}", ask.body);
    assert!(ask.body.contains("is your primary contact"), "{}", ask.body);
    assert_eq!(
        ask.attr("form input[name=_method]", "value").as_deref(),
        Some("delete")
    );
    w.ada
        .delete(&format!("/portal/contacts/{carl}"), &[])
        .await
        .assert_redirect_to("/portal/contacts");
    assert_eq!(w.contacts_of(w.customer), [(dora, "Dora".into(), true)]);
    let page = w.ada.get("/portal/contacts").await;
    assert!(
        page.body.contains("Dora is now the primary contact"),
        "{}",
        page.body
    );
    let ada = Some(ADA_SIGNS.to_string());
    assert_eq!(
        w.contact_history(carl).last(),
        Some(&(ada.clone(), "delete".into()))
    );
    assert_eq!(
        w.contact_history(dora).last(),
        Some(&(ada.clone(), "update".into()))
    );

    // The last one: the page says so, and it goes as staff's would.
    let ask = w.ada.get(&format!("/portal/contacts/{dora}/delete")).await;
    assert!(ask.body.contains("is your only contact"), "{}", ask.body);
    w.ada
        .delete(&format!("/portal/contacts/{dora}"), &[])
        .await
        .assert_redirect_to("/portal/contacts");
    assert!(w.contacts_of(w.customer).is_empty());
    // Gone is gone: a second delete finds nothing.
    let res = w.ada.delete(&format!("/portal/contacts/{dora}"), &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // Another customer's contact is not found, to ask about or to delete.
    let other = w.app.create_customer("Other Works Ltd", None).id;
    let olga = w.staff_adds_contact(other, "Olga");
    let res = w.ada.get(&format!("/portal/contacts/{olga}/delete")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = w.ada.delete(&format!("/portal/contacts/{olga}"), &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(w.contacts_of(other).len(), 1);

    // A buyer deletes none.
    let erik = w.staff_adds_contact(w.customer, "Erik");
    w.app
        .create_customer_user_as(w.customer, "bo@acme.test", PASSWORD, "buyer");
    let buyer = portal_client(&w.app, "bo@acme.test", PASSWORD).await;
    let path = format!("/portal/contacts/{erik}");
    assert_eq!(
        buyer.get(&format!("{path}/delete")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(buyer.delete(&path, &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(w.contacts_of(w.customer).len(), 1);
}

#[actix_web::test]
async fn a_ship_to_proposal_is_announced_like_any_request_and_its_decision_mailed_to_the_proposer()
{
    use clientele::schema::{customers, staff};
    let w = world().await;
    let sally = w.app.create_salesperson("sally@vendor.test");
    let dina = w.app.create_staff(
        "dina@vendor.test",
        PASSWORD,
        &[Role::Staff, Role::DigitalAdmin],
    );
    w.app
        .create_staff("paul@vendor.test", PASSWORD, &[Role::Staff]);
    {
        let conn = &mut w.app.conn();
        diesel::update(customers::table.find(w.customer))
            .set(customers::salesperson_id.eq(sally.id))
            .execute(conn)
            .unwrap();
        diesel::update(staff::table.find(dina.id))
            .set(staff::language.eq("de"))
            .execute(conn)
            .unwrap();
    }
    // The primary contact, whom a proposal's decision does not concern.
    w.staff_adds_contact(w.customer, "Prima");
    let dock = add_address(
        &w.app,
        w.customer,
        w.staff_id(),
        input(AddressKind::Shipping, "Dock 1", "Old Road 1", true),
    );
    w.app
        .create_customer_user_as(w.customer, "bo@acme.test", PASSWORD, "buyer");
    let buyer = portal_client(&w.app, "bo@acme.test", PASSWORD).await;
    let id = dock.id.to_string();
    // The customer's country would make its users read German; Bo chose English.
    let bo_reads = |language: &str| {
        diesel::update(customer_users::table.filter(customer_users::email.eq("bo@acme.test")))
            .set(customer_users::language.eq(language))
            .execute(&mut w.app.conn())
            .unwrap();
    };
    bo_reads("en");

    // A proposal: the salesperson and every digital administrator hear of it, each in their
    // own language, with the address as proposed and as it is; plain staff do not.
    w.propose(&buyer, &id, "New Quay 7").await;
    let (request, ..) = w.newest_request();
    for to in ["sally@vendor.test", "sam@vendor.test"] {
        let mail = &w.mails(to, 1).await[0];
        assert_eq!(
            mail.subject(),
            "New request from Acme Fittings GmbH: Ship-to address change",
            "{to}"
        );
        let text = mail.text();
        for part in [
            "bo (customer user)",
            "Proposed address: New Quay 7, 20095 Hamburg, DE",
            "Instead of: Old Road 1",
            &format!("/approvals/{request}"),
        ] {
            assert!(text.contains(part), "{to} should read {part:?}:\n{text}");
        }
    }
    let german = &w.mails("dina@vendor.test", 1).await[0];
    assert!(
        german.subject().contains("Änderung einer Lieferadresse"),
        "{}",
        german.subject()
    );
    assert!(
        german.text().contains("Vorgeschlagene Adresse: New Quay 7"),
        "{}",
        german.text()
    );
    assert!(w.sink.to("paul@vendor.test").is_empty());
    assert!(w.sink.to("bo@acme.test").is_empty());

    // Approved: the proposer hears, with the address as it now is and a link to the ship-to
    // locations (a page a buyer opens); the primary contact is not written to.
    w.decide(request, &[("decision", "approve")]).await;
    assert_eq!(w.ship_to_lines(), ["New Quay 7"]);
    let mail = &w.mails("bo@acme.test", 1).await[0];
    assert_eq!(
        mail.subject(),
        "Your request has been approved: Ship-to address change"
    );
    let text = mail.text();
    assert!(
        text.contains("The ship-to address now reads: New Quay 7, 20095 Hamburg, DE"),
        "{text}"
    );
    assert!(text.contains("/portal/ship-to"), "{text}");
    assert!(mail.html().contains("/portal/ship-to"));
    let page = buyer.get("/portal/ship-to").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("New Quay 7"));

    // Rejected, for a proposer who reads German: the reason, a link to the request, and the
    // address as it was.
    bo_reads("de");
    w.propose(&buyer, &id, "Wrong Street 9").await;
    let (rejected, ..) = w.newest_request();
    w.mails("sally@vendor.test", 2).await;
    w.decide(
        rejected,
        &[("decision", "reject"), ("reason", "Not our delivery area")],
    )
    .await;
    assert_eq!(w.ship_to_lines(), ["New Quay 7"]);
    let mails = w.mails("bo@acme.test", 2).await;
    let mail = mails
        .iter()
        .find(|m| m.text().contains("Not our delivery area"))
        .expect("the rejection, with its reason");
    assert!(
        mail.subject().contains("nicht freigegeben"),
        "{}",
        mail.subject()
    );
    let text = mail.text();
    assert!(
        text.contains("Vorgeschlagene Adresse: Wrong Street 9"),
        "{text}"
    );
    assert!(
        text.contains(&format!("/portal/requests/{rejected}")),
        "{text}"
    );
    assert!(w.sink.to("prima@contact.test").is_empty());

    // A question about a proposal goes to the proposer too, as for any request.
    w.propose(&buyer, &id, "Maybe Lane 3").await;
    let (asked, ..) = w.newest_request();
    w.decide(
        asked,
        &[("decision", "ask_info"), ("message", "Which gate, please?")],
    )
    .await;
    let mails = w.mails("bo@acme.test", 3).await;
    let question = mails
        .iter()
        .find(|m| m.text().contains("Which gate, please?"))
        .expect("the question");
    assert!(
        question
            .text()
            .contains(&format!("/portal/requests/{asked}")),
        "{}",
        question.text()
    );
    assert!(w.sink.to("prima@contact.test").is_empty());
}
