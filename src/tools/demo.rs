//! Demo data for a first look: staff with each role, a few customers, and products in the
//! seeded catalogs with prices and stock, enabled for the customers whose ordering is active.

use crate::{
    auth::password,
    domain::token,
    error::{AppError, AppResult},
    models::{
        access::staff::{NewStaff, Role, Staff},
        customers::customer::NewCustomer,
    },
};
use diesel::{Connection, PgConnection};

pub const ADMIN_EMAIL: &str = "admin@example.com";
const DEMO_PRICE_LIST_DOMAIN: &str = "prices.example.com";

/// The sign-in the demo data was made with.
pub struct DemoLogin {
    pub email: String,
    pub password: String,
    /// A customer user of Müller Haustechnik, for /portal/login (same password).
    pub portal_email: String,
    /// A salesperson who sees only their own customers (same password).
    pub limited_email: String,
}

/// The demo's salesperson limited to own customers (Northwind, García, Blue Ridge).
pub const LIMITED_EMAIL: &str = "own@example.com";

/// The demo's customer user (of Müller Haustechnik, which has ordering and products).
pub const PORTAL_EMAIL: &str = "buyer@example.com";

/// True when the database has no staff at all: a fresh install.
pub fn is_empty(conn: &mut PgConnection) -> AppResult<bool> {
    Ok(Staff::count(conn)? == 0)
}

/// Loads the demo data in one transaction and returns the sign-in. The password is random and
/// shared by the demo accounts (each hashed with its own salt); nothing here is fit for real data.
pub fn load(conn: &mut PgConnection, base_url: &str) -> AppResult<DemoLogin> {
    if Staff::find_by_email(conn, ADMIN_EMAIL)?.is_some() {
        return Err(AppError::Conflict(
            format!("the demo accounts exist already ({ADMIN_EMAIL})").into(),
        ));
    }
    let secret = format!("demo-{}", token::random_hex(8));
    conn.transaction(|conn| {
        staff(conn, &secret)?;
        showcase_customers(conn)?;
        own_customers(conn)?;
        enrich(conn, base_url)?;
        products(conn)?;
        order_terms(conn)?;
        contract_prices(conn)?;
        portal_users(conn, &secret, base_url)?;
        Ok::<_, AppError>(())
    })?;
    import_generated(conn)?;
    conn.transaction(|conn| desk_orders(conn, base_url))?;
    conn.transaction(|conn| invoices(conn, base_url))?;
    Ok(DemoLogin {
        email: ADMIN_EMAIL.into(),
        password: secret,
        portal_email: PORTAL_EMAIL.into(),
        limited_email: LIMITED_EMAIL.into(),
    })
}

/// The demo's staff, one password (`secret`) for all.
fn staff(conn: &mut PgConnection, secret: &str) -> AppResult<()> {
    let people: [(&str, &str, &[Role], bool); 5] = [
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
        (LIMITED_EMAIL, "Lena Vogt", &[Role::Staff], true),
    ];
    for (email, name, roles, sales) in people {
        NewStaff::new(email, name, password::hash(secret)?, roles, sales).insert(conn)?;
    }
    Ok(())
}

/// The six showcase customers: account number, legal name, trading name, email and phone.
#[rustfmt::skip]
const SHOWCASE_CUSTOMERS: [(&str, &str, Option<&str>, &str, &str); 6] = [
    ("C-10001", "Müller Haustechnik GmbH", Some("Müller Haustechnik"), "einkauf@mueller-haustechnik.de", "+49 30 1234567"),
    ("C-10002", "Société Générale de Quincaillerie SARL", Some("SGQ"), "achats@sgq.fr", "+33 1 42 68 53 00"),
    ("C-10003", "Northwind Traders Ltd", None, "orders@northwind.example", "+44 161 241 8744"),
    ("C-10004", "Åkesson & Søn A/S", None, "indkob@akesson.dk", "+45 33 12 34 56"),
    ("C-10005", "García Suministros S.L.", Some("Suministros García"), "compras@garcia-sum.es", "+34 91 555 01 23"),
    ("C-10006", "Blue Ridge Hardware Co.", None, "buying@blueridge.example", "+1 540 555 0142"),
];

/// The six showcase customers, all with the first store as their default.
fn showcase_customers(conn: &mut PgConnection) -> AppResult<()> {
    let store = crate::models::reference::Reference::load(conn)?
        .stores
        .first()
        .map(|s| s.id)
        .ok_or_else(|| AppError::internal("no store for the demo customers"))?;
    for (account, legal, trading, email, phone) in SHOWCASE_CUSTOMERS {
        NewCustomer {
            account_number: Some(account),
            legal_name: legal,
            trading_name: trading,
            email: Some(email),
            phone: Some(phone),
            default_store_id: store,
            price_list_email: crate::models::customers::customer::new_price_list_email(
                DEMO_PRICE_LIST_DOMAIN,
            ),
        }
        .insert(conn)?;
    }
    Ok(())
}

/// The limited salesperson's book: three showcase customers whose salesperson they are, and
/// their account limited to them (see `staff_scope`).
fn own_customers(conn: &mut PgConnection) -> AppResult<()> {
    use crate::schema::{customers, staff};
    use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
    let lena = staff_id(conn, LIMITED_EMAIL)?;
    diesel::update(staff::table.find(lena))
        .set(staff::limited_to_own_customers.eq(true))
        .execute(conn)?;
    diesel::update(
        customers::table
            .filter(customers::account_number.eq_any(["C-10003", "C-10005", "C-10006"])),
    )
    .set(customers::salesperson_id.eq(lena))
    .execute(conn)?;
    Ok(())
}

/// How many generated customers and orders the demo adds to the showcase customers.
pub const GENERATED_CUSTOMERS: usize = 3_000;
pub const GENERATED_ORDERS: usize = 30_000;

/// A realistic volume behind the showcase: generated customers with addresses and orders,
/// through the same import as `clientele import`.
fn import_generated(conn: &mut PgConnection) -> AppResult<()> {
    let dir = std::env::temp_dir().join(format!(
        "clientele-demo-{}-{}",
        std::process::id(),
        token::random_hex(4)
    ));
    let result = crate::tools::generate::generate(GENERATED_CUSTOMERS, GENERATED_ORDERS, &dir)
        .map_err(AppError::internal)
        .and_then(|_| {
            let options = crate::import::ImportOptions {
                price_list_email_domain: DEMO_PRICE_LIST_DOMAIN,
                bulk_from_rows: crate::import::BULK_FROM_ROWS,
            };
            crate::import::import_dir(conn, &dir, &options, &mut |line| log::info!("{line}"))
                .map_err(AppError::internal)
        });
    let _ = std::fs::remove_dir_all(&dir);
    result.map(|_| ())
}

/// The id of the demo staff member with this email (loaded before everything else).
fn staff_id(conn: &mut PgConnection, email: &str) -> AppResult<i64> {
    Ok(Staff::find_by_email(conn, email)?
        .ok_or(AppError::NotFound)?
        .id)
}

/// Gives the demo customers what the screens show: an organization with members, a bill-to,
/// addresses, contacts, notes and a watch-list warning, all through the models (with history),
/// and requests in the approval queue.
fn enrich(conn: &mut PgConnection, base_url: &str) -> AppResult<()> {
    let admin = staff_id(conn, ADMIN_EMAIL)?;
    let sales = staff_id(conn, "sales@example.com")?;
    organization(conn, admin, sales)?;
    addresses(conn, admin)?;
    contacts(conn, admin)?;
    notes(conn, admin, sales)?;
    webhook_example(conn, admin)?;
    approval_queue(conn, admin, sales, base_url)?;
    application(conn, sales, base_url)
}

/// A prospect's confirmed application in the queue, in German: a pending customer with its
/// address, contact and request, whose email domain is Müller's (a possible duplicate).
fn application(conn: &mut PgConnection, sales: i64, base_url: &str) -> AppResult<()> {
    use crate::models::approvals::application::{self, ApplyForm, Place};
    let form = ApplyForm {
        legal_name: "Müller Haustechnik Nord GmbH".into(),
        customer_type: "business".into(),
        line1: "Hafenstraße 12".into(),
        postcode: "20457".into(),
        city: "Hamburg".into(),
        country: "DE".into(),
        tax_id: "DE298765432".into(),
        phone: "+49 40 7654321".into(),
        contact_name: "Jonas Berg".into(),
        email: "j.berg@mueller-haustechnik.de".into(),
        services: vec!["ordering".into()],
        salesperson: sales.to_string(),
        message: "Wir sind die neue Niederlassung in Hamburg und möchten online bestellen.".into(),
        ..ApplyForm::default()
    };
    let l = crate::i18n::L10n::new(
        crate::i18n::Lang::parse("de").unwrap_or_else(crate::i18n::Lang::english),
        crate::i18n::Zone::utc(),
    );
    let token = application::keep(conn, &form, &l, "demo", base_url)?;
    let at = Place {
        base_url: base_url.to_string(),
        price_list_domain: DEMO_PRICE_LIST_DOMAIN.into(),
    };
    application::confirm(conn, &token, &at)?;
    Ok(())
}

/// Müller's price file, as its ERP would send it: a contract price for a radiator, lower again
/// from five, and one for a pipe cutter.
fn contract_prices(conn: &mut PgConnection) -> AppResult<()> {
    use crate::models::catalogs::contract_prices::{self, PriceLine};
    let admin = staff_id(conn, ADMIN_EMAIL)?;
    let mueller = by_account(conn, "C-10001")?;
    let line = |sku: &str, price_cents: i64, min_quantity: i32| PriceLine {
        sku: sku.into(),
        price_cents,
        min_quantity,
        valid: (None, None),
    };
    let file = [
        line("HTR-RAD6", 10500, 1),
        line("HTR-RAD6", 9900, 5),
        line("TOOL-CUT", 1750, 1),
    ];
    let by = crate::models::customers::history::Author::Staff(admin);
    contract_prices::replace(conn, mueller.id, &file, &by)?
        .map_err(|e| AppError::internal(format!("the demo's price file: {e:?}")))?;
    Ok(())
}

/// A webhook endpoint to look at: paused (the address is an example), so nothing is sent.
fn webhook_example(conn: &mut PgConnection, admin: i64) -> AppResult<()> {
    let form = crate::webhooks::EndpointForm {
        url: "https://erp.example.com/clientele/hooks".into(),
        description: "The ERP's receiver (an example, paused)".into(),
        events: vec!["order.placed".into(), "invoice.posted".into()],
        active: None,
    };
    let (endpoint, _) = crate::webhooks::create(conn, &form, admin)?;
    crate::webhooks::update(conn, endpoint.id, &form)?;
    Ok(())
}

/// A showcase customer by its account number.
fn by_account(
    conn: &mut PgConnection,
    n: &str,
) -> AppResult<crate::models::customers::customer::Customer> {
    crate::models::customers::customer::Customer::find_by_account_number(conn, n)?
        .ok_or(AppError::NotFound)
}

/// An organization of two members, a bill-to, and Müller's commercial terms.
fn organization(conn: &mut PgConnection, admin: i64, sales: i64) -> AppResult<()> {
    use crate::models::reference::Reference;
    use crate::schema::customers;
    use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

    let refs = Reference::load(conn)?;
    let group = |name: &str| refs.groups.iter().find(|g| g.name == name).map(|g| g.id);
    let channel = |name: &str| refs.channels.iter().find(|c| c.name == name).map(|c| c.id);
    let terms = |name: &str| refs.terms.iter().find(|t| t.name == name).map(|t| t.id);

    // An organization of two members that inherit its group and price list.
    let mut org = crate::models::customers::customer::CustomerInput::minimal(
        "Nordic Hardware Buying Group",
        refs.stores[0].id,
    );
    org.fields.kind = crate::domain::CustomerKind::Organization;
    org.fields.account_number = Some("ORG-100".into());
    org.fields.customer_group_id = group("Wholesale");
    org.fields.sales_channel_id = channel("Distribution");
    let by = crate::models::customers::history::Author::Staff(admin);
    let org = crate::models::customers::customer::create(conn, org, &by, DEMO_PRICE_LIST_DOMAIN)
        .map_err(|e| AppError::internal(format!("demo organization: {e:?}")))?;
    let mueller = by_account(conn, "C-10001")?;
    let akesson = by_account(conn, "C-10004")?;
    let sgq = by_account(conn, "C-10002")?;
    diesel::update(customers::table.filter(customers::id.eq_any([akesson.id, sgq.id])))
        .set(customers::organization_id.eq(org.id))
        .execute(conn)?;
    diesel::update(customers::table.find(sgq.id))
        .set(customers::bill_to_id.eq(mueller.id))
        .execute(conn)?;
    diesel::update(customers::table.find(mueller.id))
        .set((
            customers::customer_group_id.eq(group("Retailer")),
            customers::sales_channel_id.eq(channel("Trade counter")),
            customers::payment_terms_id.eq(terms("Net 30")),
            customers::salesperson_id.eq(Some(sales)),
            customers::credit_limit_cents.eq(2_500_000),
            customers::discount_bp.eq(750),
            customers::term_customer.eq(true),
            customers::review_flag.eq(Some(crate::domain::ReviewFlag::Check)),
        ))
        .execute(conn)?;
    owes(conn, mueller.id, 1_830_000)?;
    Ok(())
}

/// What a demo customer owed before the ledger began: an opening entry in euros, posted six
/// weeks ago and due a fortnight later, so it is overdue.
fn owes(conn: &mut PgConnection, customer_id: i64, cents: i64) -> diesel::QueryResult<()> {
    use crate::models::accounts::ledger;
    let today = ledger::today(conn)?;
    let posted = today - chrono::Days::new(42);
    let by = ledger::Poster {
        staff_id: None,
        name: "Clientele".into(),
    };
    let dates = (posted, posted + chrono::Days::new(14));
    let account = ledger::Account {
        customer_id,
        currency: "EUR".into(),
    };
    ledger::post_opening(conn, &account, cents, dates, &by).map(drop)
}

/// Müller's billing and shipping addresses.
fn addresses(conn: &mut PgConnection, admin: i64) -> AppResult<()> {
    use crate::domain::AddressKind;
    use crate::models::customers::address;

    let mueller = by_account(conn, "C-10001")?;
    let place = |kind, label: &str, line1: &str, postcode: &str, city: &str, country: &str| {
        address::AddressInput {
            kind,
            lines: address::AddressLines {
                label: Some(label.to_string()),
                line1: line1.to_string(),
                line2: None,
                city: city.to_string(),
                region: None,
                postcode: Some(postcode.to_string()),
                country: country.to_string(),
                phone: None,
            },
            is_primary: false,
            is_default_billing: kind == AddressKind::Billing,
            is_default_shipping: kind == AddressKind::Shipping,
        }
    };
    let garcia = by_account(conn, "C-10005")?;
    let blue_ridge = by_account(conn, "C-10006")?;
    let shipping = AddressKind::Shipping;
    for (customer, input) in [
        (
            &mueller,
            place(
                AddressKind::Billing,
                "Head office",
                "Hauptstraße 1",
                "10115",
                "Berlin",
                "DE",
            ),
        ),
        (
            &mueller,
            place(
                shipping,
                "Warehouse, dock 4",
                "Hafenstraße 12",
                "20457",
                "Hamburg",
                "DE",
            ),
        ),
        (
            &garcia,
            place(
                shipping,
                "Almacén",
                "Calle de Alcalá 45",
                "28014",
                "Madrid",
                "ES",
            ),
        ),
        (
            &blue_ridge,
            place(
                shipping,
                "Store",
                "12 Main Street",
                "24401",
                "Staunton",
                "US",
            ),
        ),
    ] {
        address::create(conn, customer.id, admin, input)
            .map_err(|e| AppError::internal(format!("demo address: {e:?}")))?;
    }
    Ok(())
}

/// Müller's two contacts.
fn contacts(conn: &mut PgConnection, admin: i64) -> AppResult<()> {
    use crate::domain::ContactEvent;
    use crate::models::customers::contact;

    let mueller = by_account(conn, "C-10001")?;
    let person =
        |name: &str, title: &str, email: &str, primary: bool, events: Vec<ContactEvent>| {
            contact::ContactInput {
                name: name.to_string(),
                job_title: Some(title.to_string()),
                email: Some(email.to_string()),
                phone: None,
                is_primary: primary,
                events,
            }
        };
    for input in [
        person(
            "Petra Schulz",
            "Head of purchasing",
            "p.schulz@mueller-haustechnik.de",
            true,
            vec![
                ContactEvent::OrderConfirmation,
                ContactEvent::ShipmentNotification,
            ],
        ),
        person(
            "Jonas Weber",
            "Accounts",
            "buchhaltung@mueller-haustechnik.de",
            false,
            vec![
                ContactEvent::InvoicePosted,
                ContactEvent::InvoiceDue,
                ContactEvent::Statements,
                ContactEvent::SellToInvoicePosted,
            ],
        ),
    ] {
        contact::create(conn, mueller.id, admin, input)
            .map_err(|e| AppError::internal(format!("demo contact: {e:?}")))?;
    }
    Ok(())
}

/// Two notes and a watch-list warning.
fn notes(conn: &mut PgConnection, admin: i64, sales: i64) -> AppResult<()> {
    use crate::models::customers::note;

    let mueller = by_account(conn, "C-10001")?;
    let akesson = by_account(conn, "C-10004")?;
    for (customer_id, author, body) in [
        (
            mueller.id,
            sales,
            "Called about the spring order: they want delivery before the trade fair in March and asked for a quote on the new pump range.",
        ),
        (
            akesson.id,
            admin,
            "Prefers emails in English; the warehouse closes at 15:00.",
        ),
    ] {
        note::Note::add(conn, customer_id, author, body)?;
    }
    let blue_ridge = by_account(conn, "C-10006")?;
    note::WatchNote::set(
        conn,
        blue_ridge.id,
        admin,
        "Returned several items claiming damage: check every parcel before despatch.",
    )?;
    Ok(())
}

/// Something in the approval queue.
fn approval_queue(
    conn: &mut PgConnection,
    admin: i64,
    sales: i64,
    base_url: &str,
) -> AppResult<()> {
    use crate::schema::customers;
    use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

    let mueller = by_account(conn, "C-10001")?;
    // Something in the approval queue: a new customer waiting for its relationship, and two
    // established ones asking for more.
    use crate::domain::{RelationshipStatus, Service};
    use crate::models::approvals::approval::{NewRequest, record_request};
    let northwind = by_account(conn, "C-10003")?;
    let garcia = by_account(conn, "C-10005")?;
    diesel::update(customers::table.find(northwind.id))
        .set(customers::relationship_status.eq(RelationshipStatus::Pending))
        .execute(conn)?;
    for (customer, services, message) in [
        (
            northwind.id,
            vec![Service::Ordering, Service::Orders],
            "We would like to order online and to send our purchase orders by EDI.",
        ),
        (
            garcia.id,
            vec![Service::Invoices, Service::ShipNotices],
            "Please send invoices and ship notices to our ERP.",
        ),
        (
            mueller.id,
            vec![Service::PriceFiles],
            "Our buyers need the price file every month.",
        ),
    ] {
        let request = record_request(
            conn,
            customer,
            &NewRequest {
                services,
                salesperson_id: sales,
                message: Some(message.to_string()),
            },
            &crate::models::approvals::approval::Requester::Staff(admin),
        )?;
        crate::models::approvals::announcements::announce_request(
            conn,
            &request,
            &"The demo data (on the customer's behalf)".into(),
            base_url,
        )?;
    }
    Ok(())
}

/// The demo products: SKU, name, unit, retail price in cents, and the catalogs they are in
/// (S standard, T trade, C clearance). Trade prices are 80 % of retail, wholesale 70 %; the
/// last few have no wholesale price ("price on request").
#[rustfmt::skip]
const DEMO_PRODUCTS: [(&str, &str, &str, i64, &str); 30] = [
    ("VLV-100", "Brass ball valve 1/2\"", "each", 1250, "ST"),
    ("VLV-110", "Brass ball valve 3/4\"", "each", 1690, "ST"),
    ("VLV-120", "Brass ball valve 1\"", "each", 2450, "ST"),
    ("VLV-200", "Thermostatic radiator valve", "each", 3190, "S"),
    ("VLV-300", "Non-return valve 1/2\"", "each", 899, "T"),
    ("PMP-10", "Circulation pump 25-40", "each", 18900, "ST"),
    ("PMP-20", "Circulation pump 25-60", "each", 23900, "T"),
    ("PMP-30", "Condensate pump", "each", 7450, "S"),
    ("FIT-15E", "Press fitting elbow 15 mm", "box of 10", 1590, "ST"),
    ("FIT-15T", "Press fitting tee 15 mm", "box of 10", 1890, "ST"),
    ("FIT-22E", "Press fitting elbow 22 mm", "box of 10", 2190, "ST"),
    ("FIT-22T", "Press fitting tee 22 mm", "box of 10", 2590, "T"),
    ("FIT-28C", "Press coupling 28 mm", "box of 10", 2990, "T"),
    ("PIP-15", "Copper pipe 15 mm", "3 m length", 1490, "ST"),
    ("PIP-22", "Copper pipe 22 mm", "3 m length", 2790, "ST"),
    ("PIP-PEX16", "PEX pipe 16 mm", "50 m coil", 5990, "S"),
    ("PIP-PEX20", "PEX pipe 20 mm", "50 m coil", 7990, "T"),
    ("TAP-100", "Basin mixer tap, chrome", "each", 6900, "S"),
    ("TAP-200", "Kitchen mixer tap, pull-out", "each", 12900, "S"),
    ("TAP-300", "Thermostatic shower mixer", "each", 15900, "ST"),
    ("SEAL-PTFE", "PTFE thread seal tape", "roll", 129, "ST"),
    ("SEAL-PASTE", "Jointing paste 250 g", "tin", 649, "ST"),
    ("TOOL-PRESS", "Press tool jaws 15-28 mm", "set", 34900, "T"),
    ("TOOL-CUT", "Pipe cutter 3-35 mm", "each", 2490, "ST"),
    ("HTR-RAD6", "Panel radiator 600 x 1000", "each", 14900, "S"),
    ("HTR-RAD9", "Panel radiator 600 x 1400", "each", 19900, "S"),
    ("OLD-VLV90", "Gate valve 1/2\" (old model)", "each", 590, "C"),
    ("OLD-TAP55", "Pillar taps, pair (old model)", "pair", 1990, "C"),
    ("OLD-PMP15", "Circulation pump 15-50 (old model)", "each", 9900, "C"),
    ("OLD-FIT12", "Compression fittings 12 mm (old size)", "box of 10", 990, "C"),
];

/// Products in the seeded catalogs with prices on the seeded price lists and stock in the
/// seeded stores, two customer-specific products, and ordering approved (with catalogs and
/// stock locations) for two demo customers, so that a demo portal user sees products.
fn products(conn: &mut PgConnection) -> AppResult<()> {
    use crate::models::reference::Reference;
    use crate::schema::catalog_products;
    use diesel::{ExpressionMethods, RunQueryDsl};

    let admin = staff_id(conn, ADMIN_EMAIL)?;
    let sales = staff_id(conn, "sales@example.com")?;
    let refs = Reference::load(conn)?;
    let price_list = |name: &str| {
        refs.price_lists
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.id)
    };
    let store = |code: &str| refs.stores.iter().find(|s| s.code == code).map(|s| s.id);
    let catalogs = crate::models::approvals::approval::Catalog::offered(conn)?;
    let catalog = |letter: char| {
        let name = match letter {
            'S' => "Standard catalog",
            'T' => "Trade catalog",
            _ => "Clearance catalog",
        };
        catalogs.iter().find(|c| c.name == name).map(|c| c.id)
    };
    let lists = [
        price_list("Retail"),
        price_list("Trade"),
        price_list("Wholesale"),
    ];
    let stores = [store("MAIN"), store("NORTH"), store("SOUTH")];
    let make = |conn: &mut PgConnection, i, product, specific| {
        make_product(conn, i, product, specific, lists, &stores)
    };
    for (i, (sku, name, unit, cents, letters)) in DEMO_PRODUCTS.into_iter().enumerate() {
        let id = make(conn, i, (sku, name, unit, cents), false)?;
        for letter in letters.chars() {
            if let Some(catalog_id) = catalog(letter) {
                diesel::insert_into(catalog_products::table)
                    .values((
                        catalog_products::catalog_id.eq(catalog_id),
                        catalog_products::product_id.eq(id),
                        catalog_products::added_by.eq(admin),
                    ))
                    .execute(conn)?;
            }
        }
    }
    make(
        conn,
        30,
        (
            "MH-MANIFOLD-8",
            "Heating manifold, 8 circuits, to Müller's drawing",
            "each",
            48900,
        ),
        true,
    )?;
    make(
        conn,
        31,
        (
            "AK-PUMPSET-N",
            "Pump set Nordic, pre-assembled for Åkesson",
            "set",
            61500,
        ),
        true,
    )?;

    ordering_approved(conn, (admin, sales), &catalog, &store)
}

/// Demo product `i` with its retail, trade (80 %) and wholesale (70 %; none from the 27th on)
/// prices on `lists`, and some stock in each of `stores`.
fn make_product(
    conn: &mut PgConnection,
    i: usize,
    (sku, name, unit, cents): (&str, &str, &str, i64),
    specific: bool,
    lists: [Option<i64>; 3],
    stores: &[Option<i64>; 3],
) -> AppResult<i64> {
    use crate::models::catalogs::product::{self, ProductForm};

    let mut form = ProductForm::blank();
    form.sku = sku.into();
    form.name = name.into();
    form.unit = unit.into();
    form.specific = specific;
    form.description = format!("{name}. Demo product.");
    let price = |c: i64| crate::domain::Cents(c).plain();
    for (list, share) in lists.into_iter().zip([100, 80, 70]) {
        if let Some(list) = list
            && !(share == 70 && i >= 26)
        {
            form.prices.insert(list, price(cents * share / 100));
        }
    }
    for (n, s) in stores.iter().enumerate() {
        if let Some(s) = s {
            form.stock
                .insert(*s, ((i * 37 + n * 11 + 7) % 60 * (3 - n)).to_string());
        }
    }
    product::create(conn, &form)
        .map(|p| p.id)
        .map_err(|e| AppError::internal(format!("demo product {sku}: {e:?}")))
}

/// Ordering approved for two customers, each with its catalogs (by letter), specific product
/// and stock (by store code).
fn ordering_approved(
    conn: &mut PgConnection,
    (admin, sales): (i64, i64),
    catalog: &dyn Fn(char) -> Option<i64>,
    store: &dyn Fn(&str) -> Option<i64>,
) -> AppResult<()> {
    use crate::domain::Service;
    use crate::models::{
        approvals::approval::{self, Decision, NewRequest},
        catalogs::assortment,
    };

    let mueller = by_account(conn, "C-10001")?;
    let akesson = by_account(conn, "C-10004")?;
    let sgq = by_account(conn, "C-10002")?;
    let garcia = by_account(conn, "C-10005")?;
    let blue_ridge = by_account(conn, "C-10006")?;
    for (customer, letters, specific, visible) in [
        (
            &mueller,
            "ST",
            "MH-MANIFOLD-8",
            ["MAIN", "NORTH"].as_slice(),
        ),
        (&akesson, "SC", "AK-PUMPSET-N", ["MAIN"].as_slice()),
        (&sgq, "S", "", ["MAIN"].as_slice()),
        (&garcia, "S", "", ["MAIN"].as_slice()),
        (&blue_ridge, "S", "", ["MAIN"].as_slice()),
    ] {
        let request = approval::record_request(
            conn,
            customer.id,
            &NewRequest {
                services: vec![Service::Ordering],
                salesperson_id: sales,
                message: Some("We would like to order in the portal.".into()),
            },
            &approval::Requester::Staff(admin),
        )?;
        let chosen: Vec<i64> = letters.chars().filter_map(catalog).collect();
        approval::decide(
            conn,
            request.id,
            request.version,
            &Decision::Approve { catalogs: chosen },
            admin,
        )
        .map_err(|e| AppError::internal(format!("demo decision: {e:?}")))?;
        if !specific.is_empty() {
            assortment::add_specific_products(conn, customer.id, specific, admin)
                .map_err(|e| AppError::internal(format!("demo specific product: {e:?}")))?;
        }
        let ids: Vec<i64> = visible.iter().filter_map(|c| store(c)).collect();
        assortment::set_stock_locations(conn, customer.id, &ids, admin)?;
    }
    Ok(())
}

/// Terms that make the checkout show its branches: Müller orders on invoice (Net 30, a credit
/// limit with some used, held over it) and must give its reference; Åkesson is no term customer,
/// may pay cash on delivery or pick up at the stores it sees, and has a minimum order value; SGQ
/// pays in full before despatch and may pick up; García (Net 30) and Blue Ridge (Net 15) have low
/// limits nearly used, García's blocking an order over it and Blue Ridge's letting it through
/// marked.
fn order_terms(conn: &mut PgConnection) -> AppResult<()> {
    use crate::schema::customers;
    use diesel::prelude::*;
    let mueller = by_account(conn, "C-10001")?;
    let akesson = by_account(conn, "C-10004")?;
    diesel::update(customers::table.find(mueller.id))
        .set((
            customers::reference_required.eq(true),
            customers::over_limit_policy.eq(crate::domain::OverLimitPolicy::Warn),
        ))
        .execute(conn)?;
    diesel::update(customers::table.find(akesson.id))
        .set((
            customers::term_customer.eq(false),
            customers::allow_cod.eq(true),
            customers::allow_store_pickup.eq(true),
            customers::minimum_order_cents.eq(10_000),
        ))
        .execute(conn)?;
    let terms = |conn: &mut PgConnection, name: &str| -> AppResult<Option<i64>> {
        use crate::schema::payment_terms as t;
        Ok(t::table
            .filter(t::name.eq(name))
            .select(t::id)
            .first(conn)
            .optional()?)
    };
    let sgq = by_account(conn, "C-10002")?;
    let prepaid = terms(conn, "Full payment before despatch")?;
    diesel::update(customers::table.find(sgq.id))
        .set((
            customers::payment_terms_id.eq(prepaid),
            customers::allow_store_pickup.eq(true),
        ))
        .execute(conn)?;
    // García and Blue Ridge buy at the trade counter on terms, with low limits nearly used.
    use crate::domain::OverLimitPolicy::{Allow, Block};
    let trade = {
        use crate::schema::sales_channels as c;
        let trade = c::table.filter(c::name.eq("Trade counter"));
        trade.select(c::id).first::<i64>(conn)?
    };
    for (account, net, (limit, owed), policy) in [
        ("C-10005", "Net 30", (30_000, 25_000), Block),
        ("C-10006", "Net 15", (50_000, 48_000), Allow),
    ] {
        let customer = by_account(conn, account)?;
        let net = terms(conn, net)?;
        let credit = (
            customers::credit_limit_cents.eq(limit),
            customers::over_limit_policy.eq(policy),
        );
        owes(conn, customer.id, owed)?;
        diesel::update(customers::table.find(customer.id))
            .set((customers::payment_terms_id.eq(net), credit))
            .execute(conn)?;
        diesel::update(customers::table.find(customer.id))
            .set((
                customers::sales_channel_id.eq(trade),
                customers::term_customer.eq(true),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Orders placed through the one door on the customers' behalf, so the dispatch queue shows
/// each state: Müller's on invoice (ready) and one over its limit (held), SGQ's waiting for its
/// payment, Blue Ridge's over its limit and marked (its watch-list warning on the row, put first).
fn desk_orders(conn: &mut PgConnection, base_url: &str) -> AppResult<()> {
    use crate::domain::PaymentMethod::{self, Invoice, Prepay};
    use crate::models::catalogs::portal_catalog;
    use crate::models::orders::{placing, terms};
    use diesel::prelude::*;
    let admin = Staff::find_by_email(conn, ADMIN_EMAIL)?
        .ok_or_else(|| AppError::internal("demo admin missing"))?;
    let mut place = |account: &str, value_cents: i64, payment: PaymentMethod| {
        let customer = by_account(conn, account)?;
        let standing = placing::standing(conn, customer.id)?;
        let delivery = match (standing.ship_to.first(), standing.pickup_stores().first()) {
            (Some(address), _) => terms::Delivery::Ship(*address),
            (None, Some(store)) => terms::Delivery::Pickup(*store),
            (None, None) => return Err(AppError::internal("demo order without a delivery")),
        };
        let all: Vec<(i64, i32)> = crate::schema::products::table
            .select((
                crate::schema::products::id,
                1.into_sql::<diesel::sql_types::Int4>(),
            ))
            .load(conn)?;
        let (product_id, price) = portal_catalog::for_order(conn, customer.id, (&all, false))?
            .into_iter()
            .find_map(|p| Some((p.product_id, p.your_price?.0)))
            .ok_or_else(|| {
                AppError::internal(format!("demo customer {account} sees nothing priced"))
            })?;
        let quantity = (value_cents / price.max(1) + 1).min(1_000) as i32;
        let checkout = placing::Checkout {
            customer_id: customer.id,
            lines: vec![placing::Wanted {
                product_id,
                quantity,
            }],
            lines_from: placing::LinesFrom::Typed,
            choice: terms::Choice {
                delivery: Some(delivery),
                payment: Some(payment),
                reference: format!("PO-{}", 4400 + quantity),
                requested_delivery: None,
                note: None,
            },
            placer: placing::Placer::Staff {
                id: admin.id,
                name: admin.name.clone(),
            },
            source: placing::Source::default(),
        };
        placing::place(conn, &checkout, base_url)
            .map_err(|e| AppError::internal(format!("demo order of {account}: {e:?}")))
    };
    place("C-10001", 12_000, Invoice)?;
    place("C-10001", 900_000, Invoice)?;
    place("C-10002", 8_000, Prepay)?;
    let marked = place("C-10006", 6_000, Invoice)?;
    diesel::update(crate::schema::orders::table.find(marked.id))
        .set(crate::schema::orders::priority.eq(true))
        .execute(conn)?;
    Ok(())
}

/// Müller's accounts as a credit controller finds them: the opening balance overdue (so the
/// ageing and the reminders have something to show) and partly paid, its first order dispatched
/// and so invoiced (open, not yet due), and a service invoice paid in full.
fn invoices(conn: &mut PgConnection, base_url: &str) -> AppResult<()> {
    use crate::models::accounts::ledger::{self, Allocation, InvoiceFor, PaidBy, PaymentIn};
    use crate::models::orders::{
        desk::{self, Action},
        placing,
    };
    use crate::schema::orders;
    use diesel::prelude::*;
    let admin = Staff::find_by_email(conn, ADMIN_EMAIL)?
        .ok_or_else(|| AppError::internal("demo admin missing"))?;
    let mueller = by_account(conn, "C-10001")?;
    let first: i64 = orders::table
        .filter(orders::customer_id.eq(mueller.id))
        .filter(orders::status.eq(crate::domain::OrderStatus::Unallocated))
        .order(orders::total_cents)
        .select(orders::id)
        .first(conn)?;
    let shipment = Action::Shipment {
        carrier: "DHL".into(),
        tracking: "JD014600003456".into(),
    };
    let staff = placing::Placer::Staff {
        id: admin.id,
        name: admin.name.clone(),
    };
    desk::act(conn, first, &staff, &shipment, base_url)
        .map_err(|e| AppError::internal(format!("demo shipment: {e:?}")))?;
    let by = ledger::Poster {
        staff_id: Some(admin.id),
        name: admin.name.clone(),
    };
    let account = ledger::Account {
        customer_id: mueller.id,
        currency: "EUR".into(),
    };
    let service = InvoiceFor {
        account: account.clone(),
        amount_cents: 48_000,
        order_id: None,
        reason: Some("Annual service contract, heating systems".into()),
        due_days: None,
    };
    let today = ledger::today(conn)?;
    let paid_by = |cents, reference: &str, allocation| PaymentIn {
        account: account.clone(),
        amount_cents: cents,
        method: PaidBy::BankTransfer,
        reference: Some(reference.into()),
        received_on: today,
        allocation,
    };
    let partly = paid_by(300_000, "Remittance 2211", Allocation::OldestFirst);
    let refused = |e| AppError::internal(format!("demo posting: {e:?}"));
    partly.record(conn, &by).map_err(refused)?;
    let invoice = service.post(conn, &by).map_err(refused)?;
    let whole = Allocation::Chosen(vec![(invoice.id, 48_000)]);
    paid_by(48_000, "Remittance 2230", whole)
        .record(conn, &by)
        .map_err(refused)?;
    Ok(())
}

/// A customer user of Müller Haustechnik who can sign in to the portal (with the demo
/// password), and one of Åkesson invited but without a password yet, whose invitation waits
/// readable in the outbox (local mode sends nothing).
fn portal_users(conn: &mut PgConnection, secret: &str, base_url: &str) -> AppResult<()> {
    use crate::{
        models::{access::customer_user, customers::customer::Customer},
        schema::customer_users,
    };
    use diesel::prelude::*;
    let by_account = |conn: &mut PgConnection, n: &str| -> AppResult<Customer> {
        Customer::find_by_account_number(conn, n)?.ok_or(AppError::NotFound)
    };
    let admin = Staff::find_by_email(conn, ADMIN_EMAIL)?
        .ok_or_else(|| AppError::internal("demo admin missing"))?
        .id;
    let mueller = by_account(conn, "C-10001")?;
    diesel::insert_into(customer_users::table)
        .values((
            customer_users::customer_id.eq(mueller.id),
            customer_users::name.eq("Bernd Einkauf"),
            customer_users::email.eq(PORTAL_EMAIL),
            customer_users::password_hash.eq(password::hash(secret)?),
            customer_users::status.eq("active"),
            customer_users::role.eq("admin"),
            customer_users::password_changed_at.eq(Some(chrono::Utc::now())),
            customer_users::created_by.eq(admin),
        ))
        .execute(conn)?;
    let akesson = by_account(conn, "C-10004")?;
    customer_user::invite(
        conn,
        akesson.id,
        "Karin Åkesson",
        "karin@example.com",
        admin,
        base_url,
    )?;
    Ok(())
}
