//! Requests and approvals: staff record a request on a customer's behalf, the queue shows it,
//! digital administrators decide it (and only they), the relationship and services move only
//! through their state machines, two decisions at once leave exactly one, and history keeps all.

use crate::helpers::{PASSWORD, TestApp, TestClient, TestResponse, spawn_app};
use actix_web::http::StatusCode;
use clientele::{
    domain::{RelationshipStatus, RequestStatus, Service, ServiceStatus},
    models::{
        access::staff::Role,
        approvals::approval::{self, Request},
        customers::customer::Customer,
    },
    schema::{catalogs, customer_catalogs, customer_history, customers, requests},
};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

/// An app with a salesperson, a staff member (signed in on `app`) and a digital administrator.
struct World {
    app: TestApp,
    salesperson: i64,
    admin: TestClient,
}

async fn world() -> World {
    let app = spawn_app().await;
    let desk = app
        .desk(
            [
                "sam.seller@example.com",
                "stan@example.com",
                "dana@example.com",
            ],
            &[Role::DigitalAdmin],
        )
        .await;
    World {
        app,
        salesperson: desk.salesperson.id,
        admin: desk.decider,
    }
}

impl World {
    fn customer(&self, name: &str) -> Customer {
        self.app.create_customer(name, None)
    }

    /// A customer with an account number, as an integration needs to be approved.
    fn numbered_customer(&self, name: &str, number: &str) -> Customer {
        self.app.create_customer(name, Some(number))
    }

    fn set_relationship(&self, customer_id: i64, status: RelationshipStatus) {
        diesel::update(customers::table.find(customer_id))
            .set(customers::relationship_status.eq(status))
            .execute(&mut self.app.conn())
            .unwrap();
    }

    fn relationship(&self, customer_id: i64) -> RelationshipStatus {
        Customer::find(&mut self.app.conn(), customer_id)
            .unwrap()
            .relationship_status
    }

    fn service(&self, customer_id: i64, service: Service) -> (ServiceStatus, bool) {
        let s = approval::services_of(&mut self.app.conn(), customer_id)
            .unwrap()
            .into_iter()
            .find(|s| s.service == service)
            .unwrap();
        (s.status, s.remembered)
    }

    /// Records a request as the signed-in staff member; returns the response.
    async fn ask(&self, customer_id: i64, services: &[&str]) -> TestResponse {
        let sp = self.salesperson.to_string();
        let mut fields: Vec<(&str, &str)> = services.iter().map(|s| ("services", *s)).collect();
        fields.push(("salesperson", &sp));
        self.app
            .post(&format!("/customers/{customer_id}/requests"), &fields)
            .await
    }

    /// Records a request and returns it.
    async fn request(&self, customer_id: i64, services: &[&str]) -> Request {
        let res = self.ask(customer_id, services).await;
        res.assert_redirect_to(&format!("/customers/{customer_id}/requests"));
        Request::for_customer(&mut self.app.conn(), customer_id)
            .unwrap()
            .remove(0)
    }

    fn request_now(&self, id: i64) -> Request {
        Request::find(&mut self.app.conn(), id).unwrap()
    }

    fn catalog(&self, name: &str) -> i64 {
        catalogs::table
            .filter(catalogs::name.eq(name))
            .select(catalogs::id)
            .first(&mut self.app.conn())
            .unwrap()
    }

    async fn decide(&self, r: &Request, fields: &[(&str, &str)]) -> TestResponse {
        let version = r.version.to_string();
        let mut all = vec![("version", version.as_str())];
        all.extend_from_slice(fields);
        self.admin
            .post(&format!("/approvals/{}/decision", r.id), &all)
            .await
    }

    async fn approve(&self, r: &Request) -> TestResponse {
        let standard = self.catalog("Standard catalog").to_string();
        self.decide(r, &[("decision", "approve"), ("catalogs", &standard)])
            .await
    }

    async fn relationship_action(&self, customer_id: i64, fields: &[(&str, &str)]) -> TestResponse {
        self.admin
            .post(&format!("/customers/{customer_id}/relationship"), fields)
            .await
    }

    /// History rows about requests and relationships.
    fn history(&self, customer_id: i64) -> Vec<HistoryRow> {
        customer_history::table
            .filter(customer_history::customer_id.eq(customer_id))
            .filter(customer_history::entity.eq_any(["request", "relationship"]))
            .order(customer_history::id)
            .select((
                customer_history::entity,
                customer_history::action,
                customer_history::field,
                customer_history::old_value,
                customer_history::new_value,
            ))
            .load(&mut self.app.conn())
            .unwrap()
    }

    fn decisions_in_history(&self, customer_id: i64) -> usize {
        self.history(customer_id)
            .iter()
            .filter(|h| h.1 != "create" && h.1 != "update" && h.2.as_deref() == Some("Request"))
            .count()
    }
}

/// (entity, action, field, old, new)
type HistoryRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[actix_web::test]
async fn staff_record_a_request_and_it_waits_in_the_queue_oldest_first() {
    let w = world().await;
    let first = w.customer("First Foods");
    let second = w.customer("Second Supplies");
    w.request(first.id, &["ordering", "invoices"]).await;
    w.request(second.id, &["price_files"]).await;

    assert_eq!(
        w.service(first.id, Service::Ordering).0,
        ServiceStatus::Requested
    );
    assert_eq!(
        w.service(first.id, Service::Invoices).0,
        ServiceStatus::Requested
    );
    assert_eq!(
        w.service(first.id, Service::Orders).0,
        ServiceStatus::NotRequested
    );
    // An active relationship stays active: the request only asks for services.
    assert_eq!(w.relationship(first.id), RelationshipStatus::Active);

    let queue = w.app.get("/approvals").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert_eq!(
        queue.texts(".approvals td[data-label=Customer]"),
        vec!["First Foods", "Second Supplies"]
    );
    assert_eq!(
        queue.texts(".approvals td[data-label='Requested services']"),
        vec!["Ordering, Invoices", "Price files"]
    );
    assert_eq!(
        queue.text(".approvals td[data-label=Salesperson]"),
        "sam seller"
    );
    assert_eq!(queue.text(".approvals td[data-label=Age]"), "0 minutes");
    assert_eq!(
        queue.texts("nav[aria-label='Approval queue'] a"),
        vec!["Open requests 2", "Inactive 0", "Enabled 0", "Blocked 0"]
    );

    let history = w.history(first.id);
    assert!(history.contains(&(
        "request".into(),
        "create".into(),
        some("Services asked for"),
        None,
        some("Ordering, Invoices")
    )));
    assert!(history.contains(&(
        "request".into(),
        "create".into(),
        some("Invoices"),
        some("Not requested"),
        some("Requested")
    )));
    let page = w.app.get(&format!("/customers/{}/history", first.id)).await;
    assert!(page.body.contains("Request added"), "{}", page.body);
}

#[actix_web::test]
async fn a_request_needs_a_service_and_a_salesperson_and_writes_nothing_without_them() {
    let w = world().await;
    let c = w.customer("Empty Handed");
    let res = w
        .app
        .post(
            &format!("/customers/{}/requests", c.id),
            &[("salesperson", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.text("#services-error"), "Choose at least one service.");
    assert_eq!(
        res.text("#salesperson-error"),
        "Choose the salesperson who looks after the request."
    );
    let bogus = w
        .app
        .post(
            &format!("/customers/{}/requests", c.id),
            &[("services", "teleportation"), ("salesperson", "99999")],
        )
        .await;
    assert_eq!(bogus.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        Request::for_customer(&mut w.app.conn(), c.id)
            .unwrap()
            .is_empty()
    );
    assert!(w.history(c.id).is_empty());
}

#[actix_web::test]
async fn every_approval_route_checks_who_asks() {
    let w = world().await;
    let c = w.customer("Guarded Goods");
    let r = w.request(c.id, &["orders"]).await;

    // Not signed in: to the sign-in page, for reading and for deciding.
    let stranger = w.app.new_client();
    stranger
        .get("/approvals")
        .await
        .assert_redirect_to("/login?next=%2Fapprovals");
    stranger
        .get(&format!("/approvals/{}", r.id))
        .await
        .assert_redirect_to(&format!("/login?next=%2Fapprovals%2F{}", r.id));
    stranger
        .post(
            &format!("/approvals/{}/decision", r.id),
            &[("decision", "approve"), ("version", "0")],
        )
        .await
        .assert_redirect_to("/login");
    stranger
        .post(
            &format!("/customers/{}/relationship", c.id),
            &[("to", "blocked")],
        )
        .await
        .assert_redirect_to("/login");

    // Staff and administrators without the digital role: read, never decide.
    w.app
        .create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    let admin = w.app.new_client();
    admin.sign_in("ada@example.com", PASSWORD).await;
    for client in [&*w.app, &admin] {
        let queue = client.get("/approvals").await;
        assert_eq!(queue.status, StatusCode::OK);
        assert!(queue.body.contains("You can read the queue"));
        let page = client.get(&format!("/approvals/{}", r.id)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.texts("form.decision-form").is_empty());
        assert!(
            page.text(".read-only")
                .contains("Only digital administrators")
        );
        let res = client
            .post(
                &format!("/approvals/{}/decision", r.id),
                &[("decision", "approve"), ("version", "0")],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = client
            .post(
                &format!("/customers/{}/relationship", c.id),
                &[("to", "blocked")],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let tab = client.get(&format!("/customers/{}/requests", c.id)).await;
        assert!(tab.texts("form.relationship-form").is_empty());
    }
    assert_eq!(w.request_now(r.id).status, RequestStatus::Open);
    assert_eq!(w.relationship(c.id), RelationshipStatus::Active);

    // The digital administrator sees the forms.
    let page = w.admin.get(&format!("/approvals/{}", r.id)).await;
    assert_eq!(page.texts("form.decision-form").len(), 3);
    assert!(!page.body.contains("You can read the queue"));

    assert_eq!(
        w.admin.get("/approvals/999999").await.status,
        StatusCode::NOT_FOUND
    );
    let res = w
        .admin
        .post(
            "/approvals/999999/decision",
            &[("decision", "approve"), ("version", "0")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn approving_ordering_needs_a_catalog_and_enables_it() {
    let w = world().await;
    let c = w.numbered_customer("Catalog Corner", "A-1001");
    let r = w.request(c.id, &["ordering", "invoices"]).await;
    let before = w.history(c.id).len();

    let res = w.decide(&r, &[("decision", "approve")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text("#catalogs-error"),
        "Choose at least one catalog: approving ordering enables them."
    );
    assert_eq!(w.request_now(r.id).status, RequestStatus::Open);
    assert_eq!(w.history(c.id).len(), before);

    let trade = w.catalog("Trade catalog").to_string();
    let res = w
        .decide(&r, &[("decision", "approve"), ("catalogs", &trade)])
        .await;
    res.assert_redirect_to(&format!("/approvals/{}", r.id));
    let done = w.request_now(r.id);
    assert_eq!(done.status, RequestStatus::Approved);
    assert_eq!(done.version, 1);
    assert!(done.decided_at.is_some() && done.decided_by.is_some());
    assert_eq!(w.service(c.id, Service::Ordering).0, ServiceStatus::Active);
    assert_eq!(w.service(c.id, Service::Invoices).0, ServiceStatus::Active);
    let enabled: Vec<i64> = customer_catalogs::table
        .filter(customer_catalogs::customer_id.eq(c.id))
        .select(customer_catalogs::catalog_id)
        .load(&mut w.app.conn())
        .unwrap();
    assert_eq!(enabled, vec![w.catalog("Trade catalog")]);

    let history = w.history(c.id);
    assert!(history.contains(&(
        "request".into(),
        "approve".into(),
        some("Request"),
        some("Open"),
        some("Approved")
    )));
    assert!(history.contains(&(
        "request".into(),
        "approve".into(),
        some("Catalogs enabled"),
        None,
        some("Trade catalog")
    )));

    let page = w.admin.get(&format!("/approvals/{}", r.id)).await;
    assert!(page.texts("form.decision-form").is_empty());
    assert!(page.text(".customer-facts").contains("Trade catalog"));
    let queue = w.admin.get("/approvals?tab=enabled").await;
    assert_eq!(
        queue.text(".approvals td[data-label=Customer]"),
        "Catalog Corner (A-1001)"
    );
    assert_eq!(queue.text("nav.tabs a[aria-current=page]"), "Enabled 1");

    // The list and the detail page show the integration status.
    let list = w.app.get("/customers?q=Catalog+Corner").await;
    let list = if list.status == StatusCode::SEE_OTHER {
        w.app.get("/customers").await
    } else {
        list
    };
    assert!(
        list.texts("td[data-label=Integration]")
            .contains(&"1 of 5 active".to_string()),
        "{}",
        list.body
    );
    let detail = w.app.get(&format!("/customers/{}", c.id)).await;
    assert!(detail.text(".services").contains("Invoices Active"));
    assert!(
        detail
            .text(".services")
            .contains("Ship notices Not requested")
    );
}

#[actix_web::test]
async fn reject_and_ask_for_information_need_their_text() {
    let w = world().await;
    let c = w.customer("Wordless Wares");
    let r = w.request(c.id, &["orders", "ship_notices"]).await;
    let before = w.history(c.id).len();

    let res = w
        .decide(&r, &[("decision", "reject"), ("reason", "   ")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text("#reason-error"),
        "Write the reason for rejecting first."
    );
    assert_eq!(res.attr("#reason", "aria-invalid").as_deref(), Some("true"));
    let res = w
        .decide(&r, &[("decision", "ask_info"), ("message", "")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text("#message-error"),
        "Write the question for the customer first."
    );
    assert_eq!(w.request_now(r.id).status, RequestStatus::Open);
    assert_eq!(w.history(c.id).len(), before);

    // Asking for information: the request waits on the customer, still in the open tab.
    w.decide(
        &r,
        &[("decision", "ask_info"), ("message", "Which EDI provider?")],
    )
    .await
    .assert_redirect_to(&format!("/approvals/{}", r.id));
    let asked = w.request_now(r.id);
    assert_eq!(asked.status, RequestStatus::WaitingOnCustomer);
    assert_eq!(
        asked.decision_reason.as_deref(),
        Some("Which EDI provider?")
    );
    assert_eq!(w.service(c.id, Service::Orders).0, ServiceStatus::Requested);
    let queue = w.app.get("/approvals").await;
    assert_eq!(
        queue.text(".approvals td[data-label=Status]"),
        "Waiting on the customer"
    );

    // Rejecting (a waiting request can still be decided): services inactive, the reason kept.
    w.decide(
        &asked,
        &[("decision", "reject"), ("reason", "No EDI contract.")],
    )
    .await
    .assert_redirect_to(&format!("/approvals/{}", r.id));
    let rejected = w.request_now(r.id);
    assert_eq!(rejected.status, RequestStatus::Rejected);
    assert_eq!(
        rejected.decision_reason.as_deref(),
        Some("No EDI contract.")
    );
    assert_eq!(w.service(c.id, Service::Orders).0, ServiceStatus::Inactive);
    assert_eq!(
        w.service(c.id, Service::ShipNotices).0,
        ServiceStatus::Inactive
    );
    assert_eq!(w.relationship(c.id), RelationshipStatus::Active);
    let page = w.app.get(&format!("/approvals/{}", r.id)).await;
    assert_eq!(page.text(".decision-reason"), "No EDI contract.");
    assert!(page.text(".request-facts").contains("dana"));
    let history = w.history(c.id);
    assert!(history.contains(&(
        "request".into(),
        "reject".into(),
        some("Reason"),
        None,
        some("No EDI contract.")
    )));
    assert!(history.contains(&(
        "request".into(),
        "ask_info".into(),
        some("Reason"),
        None,
        some("Which EDI provider?")
    )));
    let tab = w.app.get("/approvals?tab=inactive").await;
    assert_eq!(
        tab.text(".approvals td[data-label=Customer]"),
        "Wordless Wares"
    );

    // A declined service can be asked for again; an asked-for one cannot be asked twice.
    w.request(c.id, &["orders"]).await;
    assert_eq!(w.service(c.id, Service::Orders).0, ServiceStatus::Requested);
    let twice = w.ask(c.id, &["orders"]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(
        twice
            .body
            .contains("Orders is requested; it cannot become requested.")
    );
}

#[actix_web::test]
async fn two_decisions_on_the_same_version_leave_exactly_one() {
    let w = world().await;
    w.app
        .create_staff("dora@example.com", PASSWORD, &[Role::DigitalAdmin]);
    let other = w.app.new_client();
    other.sign_in("dora@example.com", PASSWORD).await;
    let c = w.numbered_customer("Race Condition Ltd", "A-1002");
    let r = w.request(c.id, &["invoices"]).await;
    // Both pages carry version 0 (and each client its token).
    w.admin.get(&format!("/approvals/{}", r.id)).await;
    other.get(&format!("/approvals/{}", r.id)).await;

    let path = format!("/approvals/{}/decision", r.id);
    let (a, b) = futures_util::future::join(
        w.admin
            .post(&path, &[("decision", "approve"), ("version", "0")]),
        other.post(
            &path,
            &[
                ("decision", "reject"),
                ("version", "0"),
                ("reason", "Too late."),
            ],
        ),
    )
    .await;
    let mut statuses = vec![a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, vec![StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if a.status == StatusCode::CONFLICT {
        &a
    } else {
        &b
    };
    let done = w.request_now(r.id);
    let (winner, what) = match done.status {
        RequestStatus::Approved => ("dana", "approved this request"),
        RequestStatus::Rejected => ("dora", "rejected this request"),
        other => panic!("undecided: {other:?}"),
    };
    assert!(loser.body.contains(winner), "{}", loser.body);
    assert!(loser.body.contains(what), "{}", loser.body);
    assert!(loser.body.contains("Your decision was not recorded"));
    assert_eq!(done.version, 1);
    assert_eq!(w.decisions_in_history(c.id), 1);

    // A stale page later on: the same 409, nothing written.
    let late = w
        .admin
        .post(
            &path,
            &[("decision", "ask_info"), ("version", "0"), ("message", "?")],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(w.request_now(r.id).version, 1);
    assert_eq!(w.decisions_in_history(c.id), 1);
}

#[actix_web::test]
async fn a_pending_relationship_is_made_or_refused_by_the_decision() {
    let w = world().await;
    let yes = w.customer("Newcomer Yes");
    let no = w.customer("Newcomer No");
    w.set_relationship(yes.id, RelationshipStatus::Pending);
    w.set_relationship(no.id, RelationshipStatus::Pending);
    let ry = w.request(yes.id, &["ordering"]).await;
    let rn = w.request(no.id, &["orders"]).await;
    assert_eq!(w.relationship(yes.id), RelationshipStatus::Pending);

    w.approve(&ry)
        .await
        .assert_redirect_to(&format!("/approvals/{}", ry.id));
    assert_eq!(w.relationship(yes.id), RelationshipStatus::Active);
    assert_eq!(
        w.service(yes.id, Service::Ordering).0,
        ServiceStatus::Active
    );

    w.decide(
        &rn,
        &[("decision", "reject"), ("reason", "Not a trade customer.")],
    )
    .await
    .assert_redirect_to(&format!("/approvals/{}", rn.id));
    assert_eq!(w.relationship(no.id), RelationshipStatus::Rejected);
    assert!(w.history(no.id).contains(&(
        "request".into(),
        "reject".into(),
        some("Relationship"),
        some("Pending request"),
        some("Rejected")
    )));
    // Rejected is final: no requests, no reactivation.
    let again = w.ask(no.id, &["orders"]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("takes no requests"));
    let res = w.relationship_action(no.id, &[("to", "active")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.body
            .contains("The relationship is rejected; it cannot become active.")
    );
}

#[actix_web::test]
async fn every_relationship_transition_over_http() {
    use RelationshipStatus as R;
    let w = world().await;
    let c = w.customer("Stateful Stores");
    for from in R::ALL {
        for to in R::ALL {
            w.set_relationship(c.id, *from);
            let res = w.relationship_action(c.id, &[("to", to.as_str())]).await;
            if from.can_become(*to) {
                res.assert_redirect_to(&format!("/customers/{}/requests", c.id));
                assert_eq!(w.relationship(c.id), *to, "{from:?} → {to:?}");
            } else {
                assert_eq!(res.status, StatusCode::CONFLICT, "{from:?} → {to:?}");
                assert!(res.body.contains("it cannot become"), "{}", res.body);
                assert_eq!(w.relationship(c.id), *from, "{from:?} → {to:?}");
            }
        }
    }
    let res = w.relationship_action(c.id, &[("to", "friends")]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn blocking_switches_services_off_and_unblocking_can_restore_them() {
    let w = world().await;
    let c = w.numbered_customer("Blockable Bakery", "A-1004");
    let r = w.request(c.id, &["ordering", "orders", "invoices"]).await;
    w.approve(&r)
        .await
        .assert_redirect_to(&format!("/approvals/{}", r.id));
    let open = w.request(c.id, &["price_files"]).await;

    let tab = w.admin.get(&format!("/customers/{}/requests", c.id)).await;
    assert_eq!(
        tab.texts("form.relationship-form button"),
        vec!["Block", "Deactivate"]
    );
    w.relationship_action(c.id, &[("to", "blocked")])
        .await
        .assert_redirect_to(&format!("/customers/{}/requests", c.id));
    assert_eq!(w.relationship(c.id), RelationshipStatus::Blocked);
    for s in [Service::Ordering, Service::Orders, Service::Invoices] {
        assert_eq!(w.service(c.id, s), (ServiceStatus::Inactive, true), "{s:?}");
    }
    assert_eq!(
        w.service(c.id, Service::PriceFiles),
        (ServiceStatus::Requested, false)
    );
    assert!(w.history(c.id).contains(&(
        "relationship".into(),
        "update".into(),
        some("Invoices"),
        some("Active"),
        some("Inactive")
    )));

    // Nothing can be enabled or asked for while blocked.
    let res = w.decide(&open, &[("decision", "approve")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.body
            .contains("cannot be active while the relationship is blocked")
    );
    assert_eq!(w.request_now(open.id).status, RequestStatus::Open);
    assert_eq!(
        w.ask(c.id, &["ship_notices"]).await.status,
        StatusCode::CONFLICT
    );
    let queue = w.app.get("/approvals?tab=blocked").await;
    assert_eq!(queue.text("nav.tabs a[aria-current=page]"), "Blocked 1");

    // Unblocking offers the services that were on.
    let tab = w.admin.get(&format!("/customers/{}/requests", c.id)).await;
    assert_eq!(tab.texts("form.relationship-form button"), vec!["Unblock"]);
    assert!(
        tab.text("form.relationship-form label")
            .contains("Ordering, Orders, Invoices")
    );
    w.relationship_action(c.id, &[("to", "active"), ("restore", "1")])
        .await
        .assert_redirect_to(&format!("/customers/{}/requests", c.id));
    for s in [Service::Ordering, Service::Orders, Service::Invoices] {
        assert_eq!(w.service(c.id, s), (ServiceStatus::Active, false), "{s:?}");
    }

    // Deactivating switches them off too; reactivating without restoring leaves them off.
    w.relationship_action(c.id, &[("to", "inactive")])
        .await
        .assert_redirect_to(&format!("/customers/{}/requests", c.id));
    w.relationship_action(c.id, &[("to", "active")])
        .await
        .assert_redirect_to(&format!("/customers/{}/requests", c.id));
    for s in [Service::Ordering, Service::Orders, Service::Invoices] {
        assert_eq!(
            w.service(c.id, s),
            (ServiceStatus::Inactive, false),
            "{s:?}"
        );
    }
    // The open request can now be approved.
    w.approve(&open)
        .await
        .assert_redirect_to(&format!("/approvals/{}", open.id));
    assert_eq!(
        w.service(c.id, Service::PriceFiles).0,
        ServiceStatus::Active
    );
}

#[actix_web::test]
async fn a_merge_brings_the_duplicates_requests_catalogs_and_services_along() {
    let w = world().await;
    let keep = w.customer("Keeper Ltd");
    let dup = w.numbered_customer("Keeper Limited", "A-1003");
    // The survivor asked for invoices; the duplicate has ordering active (with a catalog),
    // invoices active too, and an open request for ship notices.
    w.request(keep.id, &["invoices"]).await;
    let r = w.request(dup.id, &["ordering", "invoices"]).await;
    w.approve(&r)
        .await
        .assert_redirect_to(&format!("/approvals/{}", r.id));
    let open = w.request(dup.id, &["ship_notices"]).await;
    let merger = w
        .app
        .create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    let (keep_now, dup_now) = (
        Customer::find(&mut w.app.conn(), keep.id).unwrap(),
        Customer::find(&mut w.app.conn(), dup.id).unwrap(),
    );
    clientele::models::customers::merge::merge(
        &mut w.app.conn(),
        keep.id,
        keep_now.lock_version,
        dup.id,
        dup_now.lock_version,
        &[],
        merger.id,
    )
    .unwrap();
    assert_eq!(
        w.service(keep.id, Service::Ordering).0,
        ServiceStatus::Active
    );
    assert_eq!(
        w.service(keep.id, Service::Invoices).0,
        ServiceStatus::Active,
        "active is further along than requested"
    );
    assert_eq!(
        w.service(keep.id, Service::ShipNotices).0,
        ServiceStatus::Requested
    );
    assert_eq!(w.request_now(open.id).customer_id, keep.id);
    let catalogs: i64 = clientele::schema::customer_catalogs::table
        .filter(clientele::schema::customer_catalogs::customer_id.eq(keep.id))
        .count()
        .get_result(&mut w.app.conn())
        .unwrap();
    assert_eq!(catalogs, 1);
    let left: i64 = clientele::schema::customer_services::table
        .filter(clientele::schema::customer_services::customer_id.eq(dup.id))
        .count()
        .get_result(&mut w.app.conn())
        .unwrap();
    assert_eq!(left, 0, "nothing stays with the retired duplicate");
    // The export says the same as the list's Integration column.
    let csv = w.app.get("/customers.csv?q=Keeper+Ltd&field=name").await;
    assert!(
        csv.body
            .contains(",active,\"1 of 5 active, 1 requested\",yes,"),
        "{}",
        csv.body
    );
}

#[actix_web::test]
async fn the_dashboard_counts_open_requests_and_links_to_the_queue() {
    let w = world().await;
    let a = w.customer("Dash One");
    let b = w.customer("Dash Two");
    w.request(a.id, &["orders"]).await;
    let r = w.request(b.id, &["invoices"]).await;
    w.decide(
        &r,
        &[("decision", "ask_info"), ("message", "Which format?")],
    )
    .await
    .assert_redirect_to(&format!("/approvals/{}", r.id));
    let page = w.app.get("/").await;
    // Waiting on the customer is not waiting for a decision.
    assert_eq!(page.text("#requests-heading + .card__number"), "1");
    assert_eq!(
        page.attr("#requests-heading ~ .card__note a", "href")
            .as_deref(),
        Some("/approvals")
    );
    let n: i64 = requests::table
        .count()
        .get_result(&mut w.app.conn())
        .unwrap();
    assert_eq!(n, 2);
}

#[actix_web::test]
async fn a_request_is_recorded_queued_and_approved_in_a_real_browser() {
    if crate::browser::skip() {
        return;
    }
    let w = world().await;
    w.app.create_staff(
        "deb@example.com",
        PASSWORD,
        &[Role::Staff, Role::DigitalAdmin],
    );
    let c = w.numbered_customer("Browser Approvals & Co", "A-1005");
    let id = c.id.to_string();
    crate::browser::run_script(
        "approvals.mjs",
        &w.app.address,
        &[
            ("EMAIL", "deb@example.com"),
            ("PASSWORD", PASSWORD),
            ("CUSTOMER_ID", &id),
        ],
    )
    .await;
    assert_eq!(w.service(c.id, Service::Ordering).0, ServiceStatus::Active);
}

#[actix_web::test]
async fn a_digital_administrator_switches_one_service_off_and_only_they_may() {
    let w = world().await;
    let c = w.numbered_customer("Switchable Ltd", "A-1006");
    let r = w.request(c.id, &["ordering", "invoices"]).await;
    w.approve(&r).await;
    assert_eq!(w.service(c.id, Service::Ordering).0, ServiceStatus::Active);
    let path = format!("/customers/{}/services", c.id);

    // Plain staff may not.
    let res = w.app.delete(&path, &[("service", "ordering")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    let res = w.admin.delete(&path, &[("service", "ordering")]).await;
    res.assert_redirect_to(&format!("/customers/{}/requests", c.id));
    assert_eq!(
        w.service(c.id, Service::Ordering).0,
        ServiceStatus::Inactive
    );
    assert_eq!(w.service(c.id, Service::Invoices).0, ServiceStatus::Active);
    assert_eq!(w.relationship(c.id), RelationshipStatus::Active);
    // Not active any more: nothing to switch off.
    let res = w.admin.delete(&path, &[("service", "ordering")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    let res = w.admin.delete(&path, &[("service", "teleportation")]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    // Recorded, and a new request may ask for it again.
    let last = w.history(c.id).pop().unwrap();
    assert_eq!(last.0, "relationship");
    w.request(c.id, &["ordering"]).await;
    assert_eq!(
        w.service(c.id, Service::Ordering).0,
        ServiceStatus::Requested
    );
}

#[actix_web::test]
async fn an_integration_is_not_approved_for_a_customer_without_an_account_number() {
    let w = world().await;
    let c = w.app.create_customer("Nameless Numbers", None);
    let r = w.request(c.id, &["orders", "price_files"]).await;
    let refused = w.approve(&r).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused.body.contains("no account number yet"),
        "{}",
        refused.body
    );
    assert_eq!(w.service(c.id, Service::Orders).0, ServiceStatus::Requested);
    assert!(w.request_now(r.id).status.is_undecided());

    // Ordering alone needs no number; an integration does once the number is set.
    let d = w.app.create_customer("Ordering Only", None);
    let o = w.request(d.id, &["ordering"]).await;
    w.approve(&o)
        .await
        .assert_redirect_to(&format!("/approvals/{}", o.id));
    diesel::update(customers::table.find(c.id))
        .set(customers::account_number.eq("A-7"))
        .execute(&mut w.app.conn())
        .unwrap();
    let approved = w.approve(&w.request_now(r.id)).await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    assert_eq!(w.service(c.id, Service::Orders).0, ServiceStatus::Active);
}
