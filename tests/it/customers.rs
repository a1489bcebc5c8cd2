//! The customer record: creating, validating, showing, editing by many hands, hierarchy,
//! inheritance, notes, the watch list, history and deletion.

use crate::helpers::{PASSWORD, TestApp, spawn_app};
use actix_web::http::StatusCode;
use clientele::{
    models::{
        access::staff::{Role, Staff},
        customers::customer::Customer,
        reference::Reference,
    },
    schema::{customer_history, customers},
};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

async fn signed_in_app() -> TestApp {
    let app = spawn_app().await;
    app.create_staff("sam@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("sam@example.com", PASSWORD).await;
    app
}

fn refs(app: &TestApp) -> Reference {
    Reference::load(&mut app.conn()).unwrap()
}

fn customer_count(app: &TestApp) -> i64 {
    Customer::count(&mut app.conn()).unwrap()
}

/// Every field of the form, filled as a person would.
fn full_form(app: &TestApp) -> Vec<(String, String)> {
    let r = refs(app);
    let group = r.groups.iter().find(|g| g.name == "Retailer").unwrap().id;
    let channel = r
        .channels
        .iter()
        .find(|c| c.name == "Trade counter")
        .unwrap()
        .id;
    let store = r.stores.iter().find(|s| s.code == "NORTH").unwrap().id;
    let terms = r.terms.iter().find(|t| t.name == "Net 30").unwrap().id;
    let tag = r.tags.iter().find(|t| t.name == "Export").unwrap().id;
    [
        ("kind", "customer".to_string()),
        ("account_number", "C-20001".into()),
        ("legal_name", "Müller Haustechnik GmbH".into()),
        ("trading_name", "Müller HT".into()),
        ("customer_type", "business".into()),
        ("customer_group_id", group.to_string()),
        ("sales_channel_id", channel.to_string()),
        ("default_store_id", store.to_string()),
        ("phone", "+49 30 1234567".into()),
        ("alt_phone", "(030) 765-4321".into()),
        ("email", "einkauf@mueller-ht.de".into()),
        ("website", "www.mueller-ht.de".into()),
        ("tax_id", "DE123456789".into()),
        ("accounts_id", "ACC-77".into()),
        ("default_bank_account", "Sparkasse 1".into()),
        ("forecast_code", "FC-3".into()),
        ("active", "on".into()),
        ("term_customer", "on".into()),
        ("allow_store_pickup", "on".into()),
        ("allow_cod", "on".into()),
        ("allow_payments_on_account", "on".into()),
        ("payment_terms_id", terms.to_string()),
        ("credit_limit", "10,000.00".into()),
        ("credit_limit_reason", "Trade references checked".into()),
        // Not a field any more (the balance comes from the ledger): sent anyway, it changes nothing.
        ("balance", "2500.5".into()),
        ("over_limit_policy", "block".into()),
        ("discount", "12.5".into()),
        ("sales_tax_type", "taxable".into()),
        ("exempt_jurisdictions", "ca, us-ny".into()),
        ("review_flag", "CHK".into()),
        ("internal_remark", "Prefers calls in the morning.".into()),
        ("tags", tag.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn with(fields: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .cloned()
        .collect();
    out.extend(changes.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    out
}

async fn post_fields(
    app: &TestApp,
    path: &str,
    fields: &[(String, String)],
) -> crate::helpers::TestResponse {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(path, &pairs).await
}

fn id_from(location: Option<&str>) -> i64 {
    location
        .unwrap()
        .trim_start_matches("/customers/")
        .parse()
        .unwrap()
}

#[actix_web::test]
async fn a_customer_with_every_field_is_created_shown_and_recorded_in_history() {
    let app = signed_in_app().await;
    let res = post_fields(&app, "/customers", &full_form(&app)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = id_from(res.location());

    let c = Customer::find(&mut app.conn(), id).unwrap();
    assert_eq!(c.account_number.as_deref(), Some("C-20001"));
    assert_eq!(c.website.as_deref(), Some("https://www.mueller-ht.de"));
    assert_eq!(
        (c.credit_limit_cents, c.balance_cents, c.discount_bp),
        (1_000_000, 0, 1250)
    );
    assert_eq!(c.exempt_list(), vec!["CA", "US-NY"]);
    assert!(
        c.term_customer
            && c.allow_cod
            && c.allow_store_pickup
            && c.allow_payments_on_account
            && c.active
    );
    assert!(
        c.price_list_email.starts_with("prices-")
            && c.price_list_email.ends_with("@prices.clientele.invalid")
    );

    let page = app.get(&format!("/customers/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("main h1"), "Müller Haustechnik GmbH");
    assert!(page.text(".flash--success").contains("has been created"));
    let facts = page.texts(".facts dd").join(" | ");
    for expected in [
        "Retailer",
        "Trade counter",
        "Trade",
        "NORTH North branch",
        "Net 30",
        "12.5 % off the price list",
        "10,000.00",
        "Block the order",
        "CA, US-NY",
        "DE123456789",
        "Export",
        "CHK (needs checking)",
    ] {
        assert!(
            facts.contains(expected),
            "`{expected}` missing from: {facts}"
        );
    }
    assert_eq!(page.text("#price-list-email"), c.price_list_email);
    assert!(
        page.attr("button[data-copy]", "data-copy").is_some(),
        "copy button for the price-list email"
    );

    let fields: Vec<String> = customer_history::table
        .filter(customer_history::customer_id.eq(id))
        .filter(customer_history::action.eq("create"))
        .select(customer_history::field)
        .load::<Option<String>>(&mut app.conn())
        .unwrap()
        .into_iter()
        .flatten()
        .collect();
    assert!(
        fields.contains(&"Legal name".to_string()) && fields.contains(&"Credit limit".to_string()),
        "{fields:?}"
    );
}

#[actix_web::test]
async fn an_invalid_form_comes_back_with_a_message_beside_each_field_and_nothing_written() {
    let app = signed_in_app().await;
    let bad = with(
        &full_form(&app),
        &[
            ("legal_name", "  "),
            ("email", "not-an-email"),
            ("phone", "call me"),
            ("credit_limit", "lots"),
            ("discount", "120"),
            ("account_number", "bad number!"),
            ("sales_tax_type", "government"),
            ("default_store_id", "999999"),
            ("review_flag", "pink"),
        ],
    );
    let res = post_fields(&app, "/customers", &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, words) in [
        ("legal_name", "legal name"),
        ("email", "email address"),
        ("phone", "digits"),
        ("credit_limit", "amount"),
        ("discount", "0 to 100"),
        ("account_number", "letters, digits"),
        ("exempt_jurisdictions", "Only taxable customers"),
        ("default_store_id", "store"),
        ("review_flag", "colour"),
    ] {
        let message = res.text(&format!("#{field}-error"));
        assert!(message.contains(words), "{field}: {message}");
        assert_eq!(
            res.attr(&format!("#{field}"), "aria-invalid").as_deref(),
            Some("true"),
            "{field}"
        );
    }
    // The input is kept.
    assert_eq!(res.attr("#email", "value").as_deref(), Some("not-an-email"));
    assert_eq!(res.attr("#credit_limit", "value").as_deref(), Some("lots"));
    assert_eq!(customer_count(&app), 0);
    let history: i64 = customer_history::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(history, 0);
}

#[actix_web::test]
async fn account_numbers_are_unique_when_set_and_may_be_left_empty() {
    let app = signed_in_app().await;
    app.create_customer("First GmbH", Some("C-1"));
    app.create_customer("No number yet", None);
    let res = post_fields(
        &app,
        "/customers",
        &with(&full_form(&app), &[("account_number", "C-1")]),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text("#account_number-error")
            .contains("First GmbH already has this account number")
    );
    let res = post_fields(
        &app,
        "/customers",
        &with(&full_form(&app), &[("account_number", "")]),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(customer_count(&app), 3);
}

#[actix_web::test]
async fn an_edit_saves_changes_and_history_records_field_old_and_new() {
    let app = signed_in_app().await;
    let c = app.create_customer("Blue Ridge Hardware", Some("C-5"));
    let form = app.get(&format!("/customers/{}/edit", c.id)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(
        form.attr("#legal_name", "value").as_deref(),
        Some("Blue Ridge Hardware")
    );
    let version = form.attr("input[name=lock_version]", "value").unwrap();

    let mut fields = full_form(&app);
    fields = with(
        &fields,
        &[
            ("account_number", "C-5"),
            ("legal_name", "Blue Ridge Hardware Co."),
            ("lock_version", &version),
        ],
    );
    let res = post_fields(&app, &format!("/customers/{}", c.id), &fields).await;
    res.assert_redirect_to(&format!("/customers/{}", c.id));

    let (old, new, who): (Option<String>, Option<String>, Option<i64>) = customer_history::table
        .filter(customer_history::customer_id.eq(c.id))
        .filter(customer_history::field.eq("Legal name"))
        .filter(customer_history::action.eq("update"))
        .select((
            customer_history::old_value,
            customer_history::new_value,
            customer_history::staff_id,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(old.as_deref(), Some("Blue Ridge Hardware"));
    assert_eq!(new.as_deref(), Some("Blue Ridge Hardware Co."));
    let sam = Staff::find_by_email(&mut app.conn(), "sam@example.com")
        .unwrap()
        .unwrap();
    assert_eq!(who, Some(sam.id));

    let history = app.get(&format!("/customers/{}/history", c.id)).await;
    assert_eq!(history.status, StatusCode::OK);
    let rows = history.texts("tbody tr").join("\n");
    assert!(
        rows.contains("Legal name")
            && rows.contains("Blue Ridge Hardware Co.")
            && rows.contains("sam"),
        "{rows}"
    );
}

#[actix_web::test]
async fn the_second_of_two_concurrent_edits_gets_409_with_what_changed_and_nothing_written() {
    let app = signed_in_app().await;
    let c = app.create_customer("Northwind Traders", Some("C-9"));
    let other = app.new_client();
    app.create_staff("ann@example.com", PASSWORD, &[Role::Staff]);
    other.sign_in("ann@example.com", PASSWORD).await;

    // Both open the edit form.
    let mine = app.get(&format!("/customers/{}/edit", c.id)).await;
    let theirs = other.get(&format!("/customers/{}/edit", c.id)).await;
    let v1 = mine.attr("input[name=lock_version]", "value").unwrap();
    let v2 = theirs.attr("input[name=lock_version]", "value").unwrap();
    assert_eq!(v1, v2);

    // Ann saves first.
    let fields = with(
        &full_form(&app),
        &[
            ("account_number", "C-9"),
            ("legal_name", "Northwind Traders Ltd"),
            ("lock_version", &v2),
        ],
    );
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    other
        .post(&format!("/customers/{}", c.id), &pairs)
        .await
        .assert_redirect_to(&format!("/customers/{}", c.id));

    // My save, from the older version, is refused.
    let fields = with(
        &full_form(&app),
        &[
            ("account_number", "C-9"),
            ("legal_name", "Northwind plc"),
            ("lock_version", &v1),
        ],
    );
    let res = post_fields(&app, &format!("/customers/{}", c.id), &fields).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    let conflict = res.text("#conflict");
    assert!(
        conflict.contains("Someone else saved this customer"),
        "{conflict}"
    );
    assert!(
        conflict.contains("Legal name")
            && conflict.contains("Northwind Traders Ltd")
            && conflict.contains("ann"),
        "{conflict}"
    );
    assert_eq!(
        res.attr("#legal_name", "value").as_deref(),
        Some("Northwind plc"),
        "my input is kept"
    );
    let saved = Customer::find(&mut app.conn(), c.id).unwrap();
    assert_eq!(saved.legal_name, "Northwind Traders Ltd");
    // The form now carries the current version, so saving again (after checking) works.
    let v3 = res.attr("input[name=lock_version]", "value").unwrap();
    assert_eq!(v3, saved.lock_version.to_string());
}

#[actix_web::test]
async fn a_member_inherits_its_organizations_group_and_price_list_and_the_page_says_so() {
    let app = signed_in_app().await;
    let r = refs(&app);
    let wholesale = r.groups.iter().find(|g| g.name == "Wholesale").unwrap().id;
    let distribution = r
        .channels
        .iter()
        .find(|c| c.name == "Distribution")
        .unwrap()
        .id;
    let org = post_fields(
        &app,
        "/customers",
        &with(
            &full_form(&app),
            &[
                ("kind", "organization"),
                ("account_number", "ORG-1"),
                ("legal_name", "Buying Group Nord"),
                ("customer_group_id", &wholesale.to_string()),
                ("sales_channel_id", &distribution.to_string()),
            ],
        ),
    )
    .await;
    let org_id = id_from(org.location());
    let member = post_fields(
        &app,
        "/customers",
        &with(
            &full_form(&app),
            &[
                ("account_number", "M-1"),
                ("customer_group_id", ""),
                ("sales_channel_id", ""),
                ("organization_id", &org_id.to_string()),
            ],
        ),
    )
    .await;
    assert_eq!(member.status, StatusCode::SEE_OTHER, "{}", member.body);
    let member_id = id_from(member.location());

    let page = app.get(&format!("/customers/{member_id}")).await;
    let overview = page.texts("#overview-heading + .facts dd");
    assert_eq!(
        overview[2], "Wholesale inherited from Buying Group Nord",
        "group: {overview:?}"
    );
    assert_eq!(
        overview[3], "Distribution inherited from Buying Group Nord",
        "channel: {overview:?}"
    );
    assert_eq!(
        overview[4], "Wholesale inherited from Buying Group Nord",
        "price list: {overview:?}"
    );

    // Its own values win.
    let own = post_fields(
        &app,
        "/customers",
        &with(
            &full_form(&app),
            &[
                ("account_number", "M-2"),
                ("organization_id", &org_id.to_string()),
            ],
        ),
    )
    .await;
    let page = app
        .get(&format!("/customers/{}", id_from(own.location())))
        .await;
    let overview = page.texts("#overview-heading + .facts dd");
    assert_eq!(
        (overview[2].as_str(), overview[4].as_str()),
        ("Retailer", "Trade"),
        "its own values: {overview:?}"
    );

    // The organization lists its members.
    let org_page = app.get(&format!("/customers/{org_id}")).await;
    assert_eq!(org_page.texts(".subheading")[0], "Members (2)");
}

#[actix_web::test]
async fn bill_to_and_master_chains_refuse_self_references_and_cycles() {
    let app = signed_in_app().await;
    let a = app.create_customer("Alpha", Some("A"));
    let b = app.create_customer("Beta", Some("B"));
    let c = app.create_customer("Gamma", Some("G"));
    let edit = |id: i64, changes: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let version = Customer::find(&mut app.conn(), id)
                .unwrap()
                .lock_version
                .to_string();
            let account = Customer::find(&mut app.conn(), id)
                .unwrap()
                .fields
                .account_number
                .unwrap();
            let mut ch: Vec<(&str, &str)> = changes.iter().map(|(k, v)| (*k, v.as_str())).collect();
            ch.push(("lock_version", &version));
            ch.push(("account_number", &account));
            post_fields(
                app,
                &format!("/customers/{id}"),
                &with(&full_form(app), &ch),
            )
            .await
        }
    };
    // A bills to B, B bills to C: fine.
    edit(a.id, vec![("bill_to_account", "B".into())])
        .await
        .assert_redirect_to(&format!("/customers/{}", a.id));
    edit(b.id, vec![("bill_to_account", "G".into())])
        .await
        .assert_redirect_to(&format!("/customers/{}", b.id));
    // C billing to A would close the loop.
    let res = edit(c.id, vec![("bill_to_account", "A".into())]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text("#bill_to_account-error").contains("loop"),
        "{}",
        res.text("#bill_to_account-error")
    );
    // Nobody is their own master; an unknown number is named.
    let res = edit(c.id, vec![("master_account", "G".into())]).await;
    assert!(
        res.text("#master_account-error")
            .contains("own bill-to or master")
    );
    let res = edit(c.id, vec![("master_account", "NOPE".into())]).await;
    assert!(
        res.text("#master_account-error")
            .contains("No customer has the account number NOPE")
    );
    assert_eq!(
        Customer::find(&mut app.conn(), c.id).unwrap().bill_to_id,
        None
    );
    assert_eq!(
        Customer::find(&mut app.conn(), c.id).unwrap().master_id,
        None
    );

    // B's page lists A among its sell-to customers; the database refuses a self-reference too.
    let page = app.get(&format!("/customers/{}", b.id)).await;
    assert!(
        page.texts(".subheading")
            .contains(&"Sell-to customers (billed here) (1)".to_string())
    );
    let refused = diesel::update(customers::table.find(a.id))
        .set(customers::bill_to_id.eq(a.id))
        .execute(&mut app.conn());
    assert!(refused.is_err());
}

#[actix_web::test]
async fn an_organization_cannot_join_an_organization() {
    let app = signed_in_app().await;
    let org = post_fields(
        &app,
        "/customers",
        &with(
            &full_form(&app),
            &[("kind", "organization"), ("account_number", "O1")],
        ),
    )
    .await;
    let org_id = id_from(org.location());
    let res = post_fields(
        &app,
        "/customers",
        &with(
            &full_form(&app),
            &[
                ("kind", "organization"),
                ("account_number", "O2"),
                ("organization_id", &org_id.to_string()),
            ],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text("#organization_id-error")
            .contains("cannot belong to another organization")
    );
}

#[actix_web::test]
async fn notes_are_signed_and_long_ones_are_shortened_with_the_full_text_on_focus() {
    let app = signed_in_app().await;
    let c = app.create_customer("Åkesson & Søn A/S", Some("C-4"));
    let long = format!(
        "Called about the spring order. {}",
        "They asked for delivery before the fair. ".repeat(6)
    );
    app.post(&format!("/customers/{}/notes", c.id), &[("body", &long)])
        .await
        .assert_redirect_to(&format!("/customers/{}#notes", c.id));
    app.post(
        &format!("/customers/{}/notes", c.id),
        &[("body", "Short one.")],
    )
    .await;
    let page = app.get(&format!("/customers/{}", c.id)).await;
    assert_eq!(page.text("#notes-heading"), "Notes (2)");
    let metas = page.texts(".note__meta");
    assert!(
        metas[0].starts_with("sam"),
        "signed by its author: {metas:?}"
    );
    assert_eq!(page.text(".note__body"), "Short one.");
    let short = page.text(".note-text__short");
    assert!(short.ends_with('…') && short.len() < long.len(), "{short}");
    assert_eq!(page.text(".note-text__full"), long.trim());
    assert_eq!(
        page.attr(".note-text", "tabindex").as_deref(),
        Some("0"),
        "reachable by keyboard"
    );

    // An empty note is refused beside the field, on the notes page.
    let res = app
        .post(&format!("/customers/{}/notes", c.id), &[("body", "   ")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.text("#body-error"), "Write the note first.");
}

#[actix_web::test]
async fn the_watch_list_warning_tops_every_screen_of_the_customer_and_lists_it() {
    let app = signed_in_app().await;
    let c = app.create_customer("García Suministros S.L.", Some("C-7"));
    let warning = "Returns several items claiming damage: check before despatch";
    app.post(&format!("/customers/{}/watch", c.id), &[("body", warning)])
        .await
        .assert_redirect_to(&format!("/customers/{}", c.id));
    for path in [
        "",
        "/edit",
        "/notes",
        "/history",
        "/delete",
        "/addresses",
        "/addresses/new",
        "/contacts",
        "/contacts/new",
    ] {
        let page = app.get(&format!("/customers/{}{path}", c.id)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(
            page.text(".watch-warning .watch-warning__body"),
            warning,
            "{path}"
        );
        assert_eq!(
            page.attr(".watch-warning", "role").as_deref(),
            Some("alert"),
            "{path}"
        );
    }
    let list = app.get("/watch-list").await;
    let row = list.text("tbody tr");
    assert!(
        row.contains("García Suministros S.L.") && row.contains(warning) && row.contains("sam"),
        "{row}"
    );

    // Taking it off the list removes the warning; both are in the history.
    app.delete(&format!("/customers/{}/watch", c.id), &[]).await;
    assert!(
        app.get(&format!("/customers/{}", c.id))
            .await
            .texts(".watch-warning")
            .is_empty()
    );
    assert!(
        app.get("/watch-list")
            .await
            .text("main")
            .contains("Nobody is on the watch list")
    );
    let entries: i64 = customer_history::table
        .filter(customer_history::customer_id.eq(c.id))
        .filter(customer_history::entity.eq("watch"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(entries, 2);
}

#[actix_web::test]
async fn deleting_needs_confirmation_and_is_refused_while_others_depend_on_the_customer() {
    let app = signed_in_app().await;
    let payer = app.create_customer("Payer", Some("P"));
    let child = app.create_customer("Child", Some("K"));
    diesel::update(customers::table.find(child.id))
        .set(customers::bill_to_id.eq(payer.id))
        .execute(&mut app.conn())
        .unwrap();

    let confirm = app.get(&format!("/customers/{}/delete", payer.id)).await;
    assert!(
        confirm
            .text("main")
            .contains("1 customers bill to this customer")
    );
    let res = app.delete(&format!("/customers/{}", payer.id), &[]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(Customer::find(&mut app.conn(), payer.id).is_ok());

    let confirm = app.get(&format!("/customers/{}/delete", child.id)).await;
    assert!(confirm.text("main").contains("cannot be undone"));
    app.delete(&format!("/customers/{}", child.id), &[])
        .await
        .assert_redirect_to("/customers");
    assert_eq!(
        app.get(&format!("/customers/{}", child.id)).await.status,
        StatusCode::NOT_FOUND
    );
    // The history keeps the deletion under the customer's name.
    let label: String = customer_history::table
        .filter(customer_history::action.eq("delete"))
        .filter(customer_history::entity.eq("customer"))
        .select(customer_history::customer_label)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(label, "Child (K)");
}

#[actix_web::test]
async fn a_missing_customer_is_a_404_page() {
    let app = signed_in_app().await;
    for path in [
        "/customers/999999",
        "/customers/999999/edit",
        "/customers/999999/history",
        "/customers/abc",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let res = app.post("/customers/999999/notes", &[("body", "x")]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn the_list_links_every_customer_and_pages_by_fifty() {
    let app = signed_in_app().await;
    {
        let mut conn = app.conn();
        let store = Reference::load(&mut conn).unwrap().stores[0].id;
        for i in 0..55 {
            clientele::models::customers::customer::NewCustomer {
                account_number: None,
                legal_name: &format!("Customer {i:02}"),
                trading_name: None,
                email: None,
                phone: None,
                default_store_id: store,
                price_list_email: format!("p{i}@x.invalid"),
            }
            .insert(&mut conn)
            .unwrap();
        }
    }
    let page = app.get("/customers").await;
    assert_eq!(page.texts("tbody tr").len(), 50);
    assert!(page.text("main").contains("55 customers"));
    let next = app.get("/customers?page=2").await;
    assert_eq!(next.texts("tbody tr").len(), 5);
}

#[actix_web::test]
async fn in_a_browser_a_customer_is_created_edited_noted_and_watched_with_no_axe_violations() {
    if crate::browser::skip() {
        return;
    }
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    crate::browser::run_script(
        "customers.mjs",
        &app.address,
        &[("EMAIL", "ada@example.com"), ("PASSWORD", PASSWORD)],
    )
    .await;
}

#[actix_web::test]
async fn the_extended_order_settings_are_saved_checked_and_in_the_history() {
    let app = signed_in_app().await;
    let c = app.create_customer("Settings Ltd", Some("C-77"));
    let form = app.get(&format!("/customers/{}/edit", c.id)).await;
    assert_eq!(
        form.attr("#minimum_order", "value").as_deref(),
        Some("0.00")
    );
    assert!(form.body.contains("Extended order settings"));
    let version = form.attr("input[name=lock_version]", "value").unwrap();
    let base = with(
        &full_form(&app),
        &[
            ("account_number", "C-77"),
            ("legal_name", "Settings Ltd"),
            ("lock_version", &version),
        ],
    );
    // A negative minimum is refused beside its field, and nothing is saved.
    let refused = post_fields(
        &app,
        &format!("/customers/{}", c.id),
        &with(&base, &[("minimum_order", "-5.00")]),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text("#minimum_order-error")
            .contains("cannot be negative")
    );
    let res = post_fields(
        &app,
        &format!("/customers/{}", c.id),
        &with(
            &base,
            &[("minimum_order", "1,250.50"), ("reference_required", "on")],
        ),
    )
    .await;
    res.assert_redirect_to(&format!("/customers/{}", c.id));
    let saved: (bool, i64) = customers::table
        .find(c.id)
        .select((
            customers::reference_required,
            customers::minimum_order_cents,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(saved, (true, 125_050));
    type Change = (Option<String>, Option<String>, Option<String>);
    let changes: Vec<Change> = customer_history::table
        .filter(customer_history::customer_id.eq(c.id))
        .filter(
            customer_history::field.eq_any(["Minimum order value", "Customer reference required"]),
        )
        .order(customer_history::field)
        .select((
            customer_history::field,
            customer_history::old_value,
            customer_history::new_value,
        ))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        changes,
        [
            (
                Some("Customer reference required".into()),
                Some("No".into()),
                Some("Yes".into())
            ),
            (
                Some("Minimum order value".into()),
                Some("0.00".into()),
                Some("1,250.50".into())
            ),
        ]
    );
    let page = app.get(&format!("/customers/{}", c.id)).await;
    assert!(
        page.body.contains("1,250.50"),
        "the overview shows the minimum"
    );
}

/// The edit form's lock version (its reason for a limit change starts empty).
async fn edit_version(app: &TestApp, id: i64) -> String {
    let form = app.get(&format!("/customers/{id}/edit")).await;
    let reason = form.attr("#credit_limit_reason", "value");
    assert_eq!(reason.as_deref(), Some(""), "the reason starts empty");
    form.attr("input[name=lock_version]", "value").unwrap()
}

#[actix_web::test]
async fn a_credit_limit_changes_only_with_a_reason_and_the_accounts_tab_lists_each_change() {
    let app = signed_in_app().await;
    // Created with a limit: the first line of its credit history, with the reason given.
    let created = post_fields(&app, "/customers", &full_form(&app)).await;
    let id = id_from(created.location());
    let version = edit_version(&app, id).await;
    let path = format!("/customers/{id}");

    // Raised without a reason: the message beside the reason, nothing saved.
    let fields = with(
        &full_form(&app),
        &[
            ("lock_version", &version),
            ("credit_limit", "25,000.00"),
            ("credit_limit_reason", ""),
        ],
    );
    let bare = post_fields(&app, &path, &fields).await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bare.text("#credit_limit_reason-error").contains("why"),
        "{}",
        bare.body
    );
    assert_eq!(
        Customer::find(&mut app.conn(), id)
            .unwrap()
            .credit_limit_cents,
        1_000_000
    );

    // With a reason: saved, and listed on the Accounts tab with who changed it.
    let fields = with(
        &fields,
        &[("credit_limit_reason", "Two years paid on time")],
    );
    post_fields(&app, &path, &fields)
        .await
        .assert_redirect_to(&path);
    assert_eq!(
        Customer::find(&mut app.conn(), id)
            .unwrap()
            .credit_limit_cents,
        2_500_000
    );
    // Another edit that leaves the limit alone needs no reason, and adds no line.
    let version = edit_version(&app, id).await;
    let fields = with(
        &fields,
        &[
            ("lock_version", &version),
            ("credit_limit_reason", ""),
            ("trading_name", "Renamed"),
        ],
    );
    post_fields(&app, &path, &fields)
        .await
        .assert_redirect_to(&path);
    let tab = app.get(&format!("/customers/{id}/accounts")).await;
    let rows = tab.texts(".credit-history tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].contains("25,000.00")
            && rows[0].contains("10,000.00")
            && rows[0].contains("Two years paid on time")
            && rows[0].contains("sam"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("10,000.00") && rows[1].contains("Trade references checked"),
        "{rows:?}"
    );
}
