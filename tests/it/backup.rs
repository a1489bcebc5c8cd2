//! Backups as docs/operations.md describes them: `pg_dump -Fc` of a database with data,
//! `pg_restore` into a new database, and Clientele started on the copy (the real binary) finds
//! the same rows, lets people sign in, and keeps counting orders.

use crate::cli::{Served, free_port};
use crate::helpers::{PASSWORD, TestClient, TestDb, spawn_app};
use crate::portal_pages::order;
use clientele::{
    domain::OrderStatus, models::access::staff::Role, models::customers::customer::Customer,
};
use diesel::{PgConnection, RunQueryDsl, sql_types::Text};
use std::{path::PathBuf, process::Command, time::Duration};

/// A PostgreSQL client program: the server's own (same version), else the one on PATH.
fn pg_program(name: &str) -> PathBuf {
    clientele::tools::pgcluster::find_server_binaries()
        .map(|dir| dir.join(name))
        .unwrap_or_else(|_| name.into())
}

#[derive(diesel::QueryableByName)]
struct TableName {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// The number of rows in every table, by table.
fn row_counts(conn: &mut PgConnection) -> Vec<(String, i64)> {
    let tables: Vec<TableName> = diesel::sql_query(
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .load(conn)
    .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let count: Count =
                diesel::sql_query(format!("SELECT count(*) AS n FROM \"{}\"", t.name))
                    .get_result(conn)
                    .unwrap();
            (t.name, count.n)
        })
        .collect()
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[actix_web::test]
async fn a_dump_restored_into_a_new_database_serves_the_same_data_and_sign_ins() {
    let app = spawn_app().await;
    app.create_staff("ada@example.com", PASSWORD, &[Role::Staff, Role::Admin]);
    let alpha = app.create_customer("Alpha Backup GmbH", Some("B-1"));
    let beta = app.create_customer("Beta Backup AG", Some("B-2"));
    app.create_customer_user(alpha.id, "buyer@alpha.example", PASSWORD);
    for (i, number) in ["SO-BK-1", "SO-BK-2", "SO-BK-3"].into_iter().enumerate() {
        order(alpha.id, number, i as i64, OrderStatus::Dispatched)
            .insert(&mut app.conn())
            .unwrap();
    }
    order(beta.id, "SO-BK-4", 9, OrderStatus::Unallocated)
        .insert(&mut app.conn())
        .unwrap();
    let before = row_counts(&mut app.conn());
    let count = |table: &str| before.iter().find(|(t, _)| t == table).unwrap().1;
    assert_eq!((count("customers"), count("orders")), (2, 4));
    assert_eq!((count("staff"), count("customer_users")), (2, 1));

    let dump = std::env::temp_dir().join(format!("clientele-{}.dump", app.db.name));
    run(Command::new(pg_program("pg_dump"))
        .args(["--format=custom", "--file"])
        .arg(&dump)
        .arg(format!("--dbname={}", app.db.url)));
    let restored = TestDb::empty();
    run(Command::new(pg_program("pg_restore"))
        .args(["--exit-on-error", "--no-owner"])
        .arg(format!("--dbname={}", restored.url))
        .arg(&dump));
    let _ = std::fs::remove_file(&dump);
    assert_eq!(row_counts(&mut restored.connect()), before);

    // Clientele on the copy: nothing to migrate, the same people sign in.
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let served = Served::start_with(&[
        ("DATABASE_URL", &restored.url),
        ("BIND_ADDR", &bind),
        ("MIGRATE_ON_START", "false"),
    ]);
    served.wait_for("Clientele is running at", Duration::from_secs(30));
    served.wait_until_answering(port);
    let staff = TestClient::new(&format!("http://{bind}"));
    staff
        .sign_in("ada@example.com", PASSWORD)
        .await
        .assert_redirect_to("/");
    let list = staff.get("/customers").await;
    assert!(list.body.contains("Alpha Backup GmbH") && list.body.contains("Beta Backup AG"));
    let buyer = TestClient::new(&format!("http://{bind}"));
    let signed_in = buyer.portal_sign_in("buyer@alpha.example", PASSWORD).await;
    assert_eq!(signed_in.location(), Some("/portal"), "{}", signed_in.body);
    let (status, output) = served.terminate();
    assert!(status.success(), "{output}");

    // Its sequences and triggers came along: a new order gets a new id and is counted.
    let mut conn = restored.connect();
    order(alpha.id, "SO-BK-5", 10, OrderStatus::Allocated)
        .insert(&mut conn)
        .unwrap();
    assert_eq!(Customer::find(&mut conn, alpha.id).unwrap().order_count, 4);
}
