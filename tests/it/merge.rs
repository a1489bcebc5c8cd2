//! Merging duplicate customers: every child row moves to the survivor in one transaction, the
//! chosen fields win, the duplicate stays as merged-into, and nothing half-happens.

use crate::helpers::{PASSWORD, TestApp, spawn_app};
use actix_web::http::StatusCode;
use clientele::{
    models::{access::staff::Role, customers::customer::Customer, customers::note::Note},
    schema::{
        customer_addresses, customer_contacts, customer_history, customer_notes, customer_tags,
        customers, tags, watch_notes,
    },
};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

async fn admin_app() -> TestApp {
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Admin]);
    app.sign_in("ada@example.com", PASSWORD).await;
    app
}

fn add_address(app: &TestApp, customer_id: i64, kind: &str, primary: bool, default_shipping: bool) {
    diesel::insert_into(customer_addresses::table)
        .values((
            customer_addresses::customer_id.eq(customer_id),
            customer_addresses::kind.eq(kind),
            customer_addresses::line1.eq("1 High Street"),
            customer_addresses::city.eq("Leeds"),
            customer_addresses::country.eq("GB"),
            customer_addresses::is_primary.eq(primary),
            customer_addresses::is_default_shipping.eq(default_shipping),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

fn add_contact(app: &TestApp, customer_id: i64, name: &str, primary: bool) {
    diesel::insert_into(customer_contacts::table)
        .values((
            customer_contacts::customer_id.eq(customer_id),
            customer_contacts::name.eq(name),
            customer_contacts::is_primary.eq(primary),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

fn tag(app: &TestApp, customer_id: i64, name: &str) {
    let tag_id: i64 = tags::table
        .filter(tags::name.eq(name))
        .select(tags::id)
        .first(&mut app.conn())
        .unwrap();
    diesel::insert_into(customer_tags::table)
        .values((
            customer_tags::customer_id.eq(customer_id),
            customer_tags::tag_id.eq(tag_id),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

macro_rules! count {
    ($app:expr, $q:expr) => {
        $q.count().get_result::<i64>(&mut $app.conn()).unwrap()
    };
}

#[actix_web::test]
async fn a_merge_moves_every_child_row_keeps_chosen_fields_and_retires_the_duplicate() {
    let app = admin_app().await;
    let keep = app.create_customer("Müller Haustechnik GmbH", Some("C-1"));
    let dup = app.create_customer("Mueller Haustechnik", Some("C-1-DUP"));
    let member = app.create_customer("Filiale Nord", Some("C-3"));
    diesel::update(customers::table.find(member.id))
        .set(customers::bill_to_id.eq(dup.id))
        .execute(&mut app.conn())
        .unwrap();
    diesel::update(customers::table.find(dup.id))
        .set((
            customers::phone.eq("+49 30 999"),
            customers::email.eq("einkauf@mueller.de"),
        ))
        .execute(&mut app.conn())
        .unwrap();
    add_address(&app, keep.id, "shipping", true, true);
    add_address(&app, dup.id, "shipping", true, true);
    add_address(&app, dup.id, "billing", false, false);
    add_contact(&app, keep.id, "Anna Keep", true);
    add_contact(&app, dup.id, "Dirk Dup", true);
    Note::add(
        &mut app.conn(),
        dup.id,
        keep_staff(&app),
        "Called from the duplicate record.",
    )
    .unwrap();
    diesel::insert_into(watch_notes::table)
        .values((
            watch_notes::customer_id.eq(dup.id),
            watch_notes::body.eq("Check payment first"),
        ))
        .execute(&mut app.conn())
        .unwrap();
    tag(&app, keep.id, "Export");
    tag(&app, dup.id, "Seasonal");
    let dup_user = app.create_customer_user(dup.id, "buyer@mueller.de", crate::helpers::PASSWORD);

    // Side by side.
    let page = app
        .get(&format!(
            "/admin/merge?survivor={}&duplicate=C-1-DUP",
            keep.id
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text(".watch-warning").contains("Check payment first"),
        "the duplicate's warning shows on the merge page"
    );
    assert!(
        page.text(".watch-warning").contains("Check payment first"),
        "the duplicate's warning shows on the merge page"
    );
    let differing = page.texts(".merge-table__differs th");
    assert!(
        differing.contains(&"Legal name".to_string())
            && differing.contains(&"Primary phone".to_string()),
        "{differing:?}"
    );

    let keep_now = Customer::find(&mut app.conn(), keep.id).unwrap();
    let dup_now = Customer::find(&mut app.conn(), dup.id).unwrap();
    let res = app
        .post(
            "/admin/merge",
            &[
                ("survivor_id", &keep.id.to_string()),
                ("survivor_version", &keep_now.lock_version.to_string()),
                ("duplicate_id", &dup.id.to_string()),
                ("duplicate_version", &dup_now.lock_version.to_string()),
                ("take", "phone"),
                ("take", "email"),
            ],
        )
        .await;
    res.assert_redirect_to(&format!("/customers/{}", keep.id));

    let merged = Customer::find(&mut app.conn(), keep.id).unwrap();
    assert_eq!(
        merged.legal_name, "Müller Haustechnik GmbH",
        "not chosen: the survivor's value stays"
    );
    assert_eq!(
        merged.phone.as_deref(),
        Some("+49 30 999"),
        "chosen: the duplicate's value wins"
    );
    assert_eq!(merged.email.as_deref(), Some("einkauf@mueller.de"));
    let retired = Customer::find(&mut app.conn(), dup.id).unwrap();
    assert_eq!(retired.merged_into_id, Some(keep.id));
    assert!(!retired.active);

    // The duplicate's portal user now signs in for the survivor.
    let user_customer: i64 = clientele::schema::customer_users::table
        .find(dup_user)
        .select(clientele::schema::customer_users::customer_id)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(user_customer, keep.id);

    // Every child row moved, with one primary and one default shipping address left.
    assert_eq!(
        count!(
            app,
            customer_addresses::table.filter(customer_addresses::customer_id.eq(keep.id))
        ),
        3
    );
    assert_eq!(
        count!(
            app,
            customer_addresses::table.filter(customer_addresses::customer_id.eq(dup.id))
        ),
        0
    );
    assert_eq!(
        count!(
            app,
            customer_addresses::table
                .filter(customer_addresses::customer_id.eq(keep.id))
                .filter(customer_addresses::is_primary.eq(true))
        ),
        1
    );
    assert_eq!(
        count!(
            app,
            customer_contacts::table.filter(customer_contacts::customer_id.eq(keep.id))
        ),
        2
    );
    assert_eq!(
        count!(
            app,
            customer_contacts::table
                .filter(customer_contacts::customer_id.eq(keep.id))
                .filter(customer_contacts::is_primary.eq(true))
        ),
        1
    );
    assert_eq!(
        count!(
            app,
            customer_notes::table.filter(customer_notes::customer_id.eq(keep.id))
        ),
        1
    );
    assert_eq!(
        count!(
            app,
            watch_notes::table.filter(watch_notes::customer_id.eq(keep.id))
        ),
        1,
        "the warning moved"
    );
    assert_eq!(
        count!(
            app,
            customer_tags::table.filter(customer_tags::customer_id.eq(keep.id))
        ),
        2,
        "tags combined"
    );
    assert_eq!(
        Customer::find(&mut app.conn(), member.id)
            .unwrap()
            .bill_to_id,
        Some(keep.id),
        "dependents repointed"
    );
    // The duplicate's own history moved; the merge is recorded on both.
    assert!(
        count!(
            app,
            customer_history::table
                .filter(customer_history::customer_id.eq(keep.id))
                .filter(customer_history::customer_label.eq("Mueller Haustechnik (C-1-DUP)"))
        ) > 0
    );
    let merged_from: Option<String> = customer_history::table
        .filter(customer_history::customer_id.eq(keep.id))
        .filter(customer_history::field.eq("Merged from"))
        .select(customer_history::new_value)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(
        merged_from.as_deref(),
        Some("Mueller Haustechnik (C-1-DUP)")
    );
    assert_eq!(
        count!(
            app,
            customer_history::table
                .filter(customer_history::customer_id.eq(dup.id))
                .filter(customer_history::field.eq("Merged into"))
        ),
        1
    );

    // The survivor's page confirms; the duplicate's page points to it.
    assert!(
        app.get(&format!("/customers/{}", keep.id))
            .await
            .text(".flash--success")
            .contains("Merged")
    );
    let old = app.get(&format!("/customers/{}", dup.id)).await;
    assert!(
        old.text(".notice")
            .contains("merged into Müller Haustechnik GmbH"),
        "{}",
        old.text(".notice")
    );
}

fn keep_staff(app: &TestApp) -> i64 {
    clientele::models::access::staff::Staff::find_by_email(&mut app.conn(), "ada@example.com")
        .unwrap()
        .unwrap()
        .id
}

#[actix_web::test]
async fn taking_the_duplicates_account_number_frees_it_first() {
    let app = admin_app().await;
    let keep = app.create_customer("Keep", None);
    let dup = app.create_customer("Dup", Some("EDI-42"));
    let res = app
        .post(
            "/admin/merge",
            &[
                ("survivor_id", &keep.id.to_string()),
                ("survivor_version", &keep.lock_version.to_string()),
                ("duplicate_id", &dup.id.to_string()),
                ("duplicate_version", &dup.lock_version.to_string()),
                ("take", "account_number"),
            ],
        )
        .await;
    res.assert_redirect_to(&format!("/customers/{}", keep.id));
    assert_eq!(
        Customer::find(&mut app.conn(), keep.id)
            .unwrap()
            .account_number
            .as_deref(),
        Some("EDI-42")
    );
    assert_eq!(
        Customer::find(&mut app.conn(), dup.id)
            .unwrap()
            .account_number,
        None
    );
}

#[actix_web::test]
async fn a_merge_against_a_changed_record_is_refused_and_nothing_moves() {
    let app = admin_app().await;
    let keep = app.create_customer("Keep", Some("K"));
    let dup = app.create_customer("Dup", Some("D"));
    add_address(&app, dup.id, "billing", true, false);
    // Someone edits the duplicate after the comparison was shown.
    diesel::update(customers::table.find(dup.id))
        .set((
            customers::phone.eq("123"),
            customers::lock_version.eq(customers::lock_version + 1),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let res = app
        .post(
            "/admin/merge",
            &[
                ("survivor_id", &keep.id.to_string()),
                ("survivor_version", &keep.lock_version.to_string()),
                ("duplicate_id", &dup.id.to_string()),
                ("duplicate_version", &dup.lock_version.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.text("#conflict")
            .contains("changed after you compared them")
    );
    assert_eq!(
        count!(
            app,
            customer_addresses::table.filter(customer_addresses::customer_id.eq(dup.id))
        ),
        1
    );
    assert_eq!(
        Customer::find(&mut app.conn(), dup.id)
            .unwrap()
            .merged_into_id,
        None
    );
}

#[actix_web::test]
async fn merging_a_customer_into_itself_or_twice_is_refused() {
    let app = admin_app().await;
    let keep = app.create_customer("Keep", Some("K"));
    let dup = app.create_customer("Dup", Some("D"));
    let same = app.get("/admin/merge?survivor=K&duplicate=K").await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        same.text("#duplicate-error")
            .contains("two different customers")
    );
    let unknown = app.get("/admin/merge?survivor=K&duplicate=NOPE").await;
    assert!(unknown.text("#duplicate-error").contains("NOPE"));

    let merge = |dup_version: i32| {
        let app = &app;
        let (k, d) = (keep.id.to_string(), dup.id.to_string());
        async move {
            let kv = Customer::find(&mut app.conn(), keep.id)
                .unwrap()
                .lock_version
                .to_string();
            app.post(
                "/admin/merge",
                &[
                    ("survivor_id", &k),
                    ("survivor_version", &kv),
                    ("duplicate_id", &d),
                    ("duplicate_version", &dup_version.to_string()),
                ],
            )
            .await
        }
    };
    merge(dup.lock_version)
        .await
        .assert_redirect_to(&format!("/customers/{}", keep.id));
    let again = merge(
        Customer::find(&mut app.conn(), dup.id)
            .unwrap()
            .lock_version,
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text("main").contains("already been merged"));
}

#[actix_web::test]
async fn only_administrators_may_merge() {
    let app = spawn_app().await;
    app.create_staff(
        "sam@example.com",
        PASSWORD,
        &[Role::Staff, Role::DigitalAdmin],
    );
    app.sign_in("sam@example.com", PASSWORD).await;
    let keep = app.create_customer("Keep", Some("K"));
    let dup = app.create_customer("Dup", Some("D"));
    assert_eq!(app.get("/admin/merge").await.status, StatusCode::FORBIDDEN);
    let res = app
        .post(
            "/admin/merge",
            &[
                ("survivor_id", &keep.id.to_string()),
                ("survivor_version", "0"),
                ("duplicate_id", &dup.id.to_string()),
                ("duplicate_version", "0"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(
        Customer::find(&mut app.conn(), dup.id)
            .unwrap()
            .merged_into_id,
        None
    );
}

#[actix_web::test]
async fn the_merge_table_reads_its_labels_and_fixed_values_in_german() {
    let app = admin_app().await;
    let keep = app.create_customer("Keep", Some("K"));
    let dup = app.create_customer("Dup", Some("D"));
    diesel::update(customers::table.find(dup.id))
        .set(customers::active.eq(!keep.fields.active))
        .execute(&mut app.conn())
        .unwrap();
    let path = "/admin/merge?survivor=K&duplicate=D";
    let english = app.get(path).await;
    let labels = english.texts(".merge-table__differs th");
    assert!(
        labels.contains(&"Legal name".to_string()) && labels.contains(&"Active".to_string()),
        "{labels:?}"
    );
    let cells = english.texts(".merge-table__differs td").join(" | ");
    assert!(cells.contains("Yes") && cells.contains("No"), "{cells}");

    let german = app.get_with(path, &[("Accept-Language", "de")]).await;
    let labels = german.texts(".merge-table__differs th");
    assert!(
        labels.contains(&"Firmenname".to_string()) && labels.contains(&"Aktiv".to_string()),
        "{labels:?}"
    );
    let cells = german.texts(".merge-table__differs td").join(" | ");
    assert!(cells.contains("Ja") && cells.contains("Nein"), "{cells}");
    assert!(!cells.contains("Yes"), "{cells}");
}
