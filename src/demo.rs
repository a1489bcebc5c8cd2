//! Demo data for a first look: staff with each role and a few customers.

use crate::{
    auth::password,
    error::{AppError, AppResult},
    models::{
        customer::NewCustomer,
        staff::{NewStaff, Role, Staff},
    },
    util,
};
use diesel::{Connection, PgConnection};

pub const ADMIN_EMAIL: &str = "admin@example.com";
const DEMO_PRICE_LIST_DOMAIN: &str = "prices.example.com";

/// The sign-in the demo data was made with.
pub struct DemoLogin {
    pub email: String,
    pub password: String,
}

/// True when the database has no staff at all: a fresh install.
pub fn is_empty(conn: &mut PgConnection) -> AppResult<bool> {
    Ok(Staff::count(conn)? == 0)
}

/// Loads the demo data in one transaction and returns the sign-in. The password is random and
/// shared by the demo accounts; nothing here is fit for real data.
pub fn load(conn: &mut PgConnection) -> AppResult<DemoLogin> {
    if Staff::find_by_email(conn, ADMIN_EMAIL)?.is_some() {
        return Err(AppError::Conflict(format!(
            "the demo accounts exist already ({ADMIN_EMAIL})"
        )));
    }
    let secret = format!("demo-{}", util::random_hex(8));
    let hash = password::hash(&secret)?;
    conn.transaction(|conn| {
        let people: [(&str, &str, &[Role], bool); 4] = [
            (
                ADMIN_EMAIL,
                "Ada Lindqvist",
                &[Role::Admin, Role::DigitalAdmin],
                false,
            ),
            (
                "digital@example.com",
                "Dev Okafor",
                &[Role::DigitalAdmin],
                false,
            ),
            ("sales@example.com", "Sara Nunes", &[Role::Staff], true),
            ("support@example.com", "Tom Becker", &[Role::Staff], false),
        ];
        for (email, name, roles, sales) in people {
            NewStaff::new(email, name, hash.clone(), roles, sales).insert(conn)?;
        }
        let customers: [(&str, &str, Option<&str>, &str, &str); 6] = [
            (
                "C-10001",
                "Müller Haustechnik GmbH",
                Some("Müller Haustechnik"),
                "einkauf@mueller-haustechnik.de",
                "+49 30 1234567",
            ),
            (
                "C-10002",
                "Société Générale de Quincaillerie SARL",
                Some("SGQ"),
                "achats@sgq.fr",
                "+33 1 42 68 53 00",
            ),
            (
                "C-10003",
                "Northwind Traders Ltd",
                None,
                "orders@northwind.example",
                "+44 161 241 8744",
            ),
            (
                "C-10004",
                "Åkesson & Søn A/S",
                None,
                "indkob@akesson.dk",
                "+45 33 12 34 56",
            ),
            (
                "C-10005",
                "García Suministros S.L.",
                Some("Suministros García"),
                "compras@garcia-sum.es",
                "+34 91 555 01 23",
            ),
            (
                "C-10006",
                "Blue Ridge Hardware Co.",
                None,
                "buying@blueridge.example",
                "+1 540 555 0142",
            ),
        ];
        let store = crate::models::reference::Reference::load(conn)?
            .stores
            .first()
            .map(|s| s.id)
            .ok_or_else(|| AppError::internal("no store for the demo customers"))?;
        for (account, legal, trading, email, phone) in customers {
            NewCustomer {
                account_number: Some(account),
                legal_name: legal,
                trading_name: trading,
                email: Some(email),
                phone: Some(phone),
                default_store_id: store,
                price_list_email: crate::models::customer::new_price_list_email(
                    DEMO_PRICE_LIST_DOMAIN,
                ),
            }
            .insert(conn)?;
        }
        Ok::<_, AppError>(())
    })?;
    Ok(DemoLogin {
        email: ADMIN_EMAIL.into(),
        password: secret,
    })
}
