//! Files that Excel opens and saves as a European office expects: downloads in "CSV UTF-8"
//! (byte-order mark), numbers as numbers, phones with their `+`; imports of what Excel writes
//! are in tests/it/import.rs and tests/it/products.rs.

use crate::helpers::{PASSWORD, spawn_app};
use actix_web::http::StatusCode;
use clientele::{models::access::staff::Role, schema::customers};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

#[actix_web::test]
async fn the_customer_export_is_utf8_with_a_byte_order_mark_and_keeps_numbers_numbers() {
    let app = spawn_app().await;
    app.create_staff("sam@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("sam@example.com", PASSWORD).await;
    let mueller = app.create_customer("Müller GmbH", Some("C-1"));
    let akesson = app.create_customer("Åkesson & Søn", Some("C-2"));
    diesel::update(customers::table.find(mueller.id))
        .set((
            customers::balance_cents.eq(-1250),
            customers::phone.eq("+49 30 1234567"),
        ))
        .execute(&mut app.conn())
        .unwrap();
    diesel::update(customers::table.find(akesson.id))
        .set(customers::phone.eq("=cmd|' /C calc'!A0"))
        .execute(&mut app.conn())
        .unwrap();

    let res = app.get("/customers.csv?sort=account").await;
    assert_eq!(res.status, StatusCode::OK);
    let bytes = res.body.as_bytes();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "Excel's CSV UTF-8 mark");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[0].starts_with("account_number,legal_name,"));
    // UTF-8 bytes of the names, not Latin-1 and not escaped.
    assert!(lines[1].starts_with("C-1,Müller GmbH,"), "{}", lines[1]);
    assert!(
        bytes
            .windows("Müller".len())
            .any(|w| w == [0x4D, 0xC3, 0xBC, 0x6C, 0x6C, 0x65, 0x72])
    );
    assert!(lines[2].starts_with("C-2,Åkesson & Søn,"), "{}", lines[2]);
    // The negative balance is a number and the phone keeps its plus sign; a phone that is
    // really a formula is still defused.
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert!(cells.contains(&"-12.50"), "{}", lines[1]);
    assert!(cells.contains(&"+49 30 1234567"), "{}", lines[1]);
    assert!(!lines[1].contains('\''), "{}", lines[1]);
    assert!(lines[2].contains(",'=cmd|"), "{}", lines[2]);
}

/// A reader with a decimal comma (German) gets what German Excel opens in columns: `;` between
/// cells, amounts with a decimal comma, the columns named in German; the English export keeps
/// its commas and column names.
#[actix_web::test]
async fn a_german_readers_downloads_are_split_by_semicolons_with_decimal_commas() {
    let app = spawn_app().await;
    app.create_staff("sam@example.com", PASSWORD, &[Role::Staff]);
    app.sign_in("sam@example.com", PASSWORD).await;
    let mueller = app.create_customer("Müller; Söhne GmbH", Some("C-1"));
    diesel::update(customers::table.find(mueller.id))
        .set(customers::balance_cents.eq(-123_450))
        .execute(&mut app.conn())
        .unwrap();

    let german = app
        .get_with(
            "/customers.csv?sort=account",
            &[("Accept-Language", "de-DE")],
        )
        .await;
    assert_eq!(german.status, StatusCode::OK);
    let text = german.body.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(
        lines[0].starts_with("Kundennummer;Firmenname;Handelsname;"),
        "{}",
        lines[0]
    );
    // The name holds the separator, so it is quoted; the balance has its decimal comma.
    assert!(
        lines[1].starts_with("C-1;\"Müller; Söhne GmbH\";"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains(";-1234,50;"), "{}", lines[1]);

    let english = app
        .get_with("/customers.csv?sort=account", &[("Accept-Language", "en")])
        .await;
    let lines: Vec<&str> = english.body.split("\r\n").collect();
    assert!(
        lines[0].contains("account_number,legal_name,"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains(",-1234.50,"), "{}", lines[1]);

    let ship_to = app
        .get_with(
            &format!("/customers/{}/ship-to.csv", mueller.id),
            &[("Accept-Language", "de")],
        )
        .await;
    assert!(
        ship_to
            .body
            .trim_start_matches('\u{feff}')
            .starts_with("ID;Bezeichnung;Adresszeile 1;"),
        "{}",
        ship_to.body
    );
}
