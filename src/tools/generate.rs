//! A synthetic but realistic data set in the import format (docs/import-format.md): customers,
//! their addresses and their orders, written as `customers.csv`, `addresses.csv`, `orders.csv`
//! and an informational `summary.json`.
//!
//! Deterministic: the same arguments give byte-identical files (a fixed seed and a small
//! splitmix64 generator of our own, so no crate update can change the output).

use chrono::DateTime;
use std::{
    fmt::Write as _,
    fs::File,
    io::{BufWriter, Write},
    path::Path,
};

/// The headers of the three files, exactly as documented.
pub const CUSTOMERS_HEADER: &str = "account_number,name,trading_name,customer_type,email,phone,postcode,city,country,sales_channel,tags,credit_limit,payment_terms,active,created_at";
pub const ADDRESSES_HEADER: &str =
    "account_number,kind,is_default,line1,line2,city,postcode,country";
pub const ORDERS_HEADER: &str = "order_number,account_number,placed_at,status,total,currency,invoice_number,tracking_number,channel,channel_order_id,channel_user_id";

const SEED: u64 = 20_240_601;
/// 2016-01-01T00:00:00Z and 2025-10-01T00:00:00Z.
const START: i64 = 1_451_606_400;
const END: i64 = 1_759_276_800;

/// How many rows were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    pub customers: usize,
    pub addresses: usize,
    pub orders: usize,
}

/// splitmix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn f(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in [0, n).
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.f() < p
    }
    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len() as u64) as usize]
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
    fn letters(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'A' + self.below(26) as u8))
            .collect()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Country {
    Gb,
    De,
    Fr,
    Us,
    Pl,
}

impl Country {
    fn code(self) -> &'static str {
        match self {
            Country::Gb => "GB",
            Country::De => "DE",
            Country::Fr => "FR",
            Country::Us => "US",
            Country::Pl => "PL",
        }
    }
    fn currency(self) -> &'static str {
        match self {
            Country::Gb => "GBP",
            Country::Us => "USD",
            _ => "EUR",
        }
    }
    fn pick(rng: &mut Rng) -> Country {
        match rng.below(100) {
            0..=34 => Country::Gb,
            35..=54 => Country::De,
            55..=69 => Country::Fr,
            70..=87 => Country::Us,
            _ => Country::Pl,
        }
    }
    #[rustfmt::skip]
    fn surnames(self) -> &'static [&'static str] {
        match self {
            Country::Gb => &[
                "Hall", "Martin", "Hughes", "O'Brien", "Smith", "Taylor", "Davies", "Evans",
                "Wright", "Walker", "Thompson", "Robinson", "Clarke", "Patel", "Khan", "Murphy",
            ],
            Country::De => &[
                "Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Schäfer", "Köhler", "Krüger",
                "Hoffmann", "Groß", "Wagner", "Becker", "Bäcker", "Jäger",
            ],
            Country::Fr => &[
                "Dubois", "Lefèvre", "Rivière", "Girard", "Moreau", "Légaré", "Fontaine", "Bérard",
                "Mercier", "Lambert", "Faure", "Gauthier",
            ],
            Country::Us => &[
                "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Rodriguez",
                "Martinez", "Anderson", "Jackson", "Lee", "Nguyen",
            ],
            Country::Pl => &[
                "Kowalski", "Wiśniewski", "Wójcik", "Kwiatkowski", "Kamiński", "Lewandowski",
                "Zieliński", "Szymański", "Woźniak", "Dąbrowski",
            ],
        }
    }
    #[rustfmt::skip]
    fn given_names(self) -> &'static [&'static str] {
        match self {
            Country::Gb => &["Zoë", "Seán", "Oliver", "Amelia", "Harry", "Isla", "George", "Niamh", "Chloë"],
            Country::De => &["Jürgen", "Günter", "Anna", "Lena", "Jörg", "Björn", "Sören", "Käthe", "Uwe"],
            Country::Fr => &["Zoé", "Hélène", "François", "Élodie", "Jérôme", "Céline", "Loïc", "Benoît"],
            Country::Us => &["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda"],
            Country::Pl => &["Łukasz", "Małgorzata", "Paweł", "Agnieszka", "Michał", "Żaneta", "Wojciech"],
        }
    }
    fn suffixes(self) -> &'static [&'static str] {
        match self {
            Country::Gb => &["Ltd", "Limited", "& Sons Ltd", "Trading Ltd", "plc"],
            Country::De => &["GmbH", "KG", "GmbH & Co. KG", "AG", "Haustechnik GmbH"],
            Country::Fr => &["SARL", "SA", "SNC", "Emballages SNC", "SAS"],
            Country::Us => &["Inc.", "LLC", "Co.", "Supply Co.", "Corp."],
            Country::Pl => &["Sp. z o.o.", "S.A.", "Sp. j."],
        }
    }
    /// (city, postcode prefix/state) pairs.
    fn cities(self) -> &'static [&'static str] {
        match self {
            Country::Gb => &[
                "London",
                "Manchester",
                "Newcastle upon Tyne",
                "Leeds",
                "Bristol",
                "Stoke-on-Trent",
            ],
            Country::De => &[
                "München",
                "Berlin",
                "Köln",
                "Düsseldorf",
                "Leipzig",
                "Nürnberg",
            ],
            Country::Fr => &[
                "Paris",
                "Saint-Étienne",
                "Lyon",
                "Besançon",
                "Orléans",
                "Nîmes",
            ],
            Country::Us => &[
                "Boston", "Chicago", "Seattle", "Austin", "Denver", "Portland",
            ],
            Country::Pl => &["Łódź", "Kraków", "Wrocław", "Gdańsk", "Poznań", "Warszawa"],
        }
    }
    fn postcode(self, rng: &mut Rng) -> String {
        match self {
            Country::Gb => {
                let area = rng.pick(&["SW1A", "M8", "NE1", "LS2", "BS1", "ST4", "EC2V", "W1"]);
                format!("{area} {}{}", rng.digits(1), rng.letters(2))
            }
            Country::De | Country::Fr => format!("{}{}", rng.below(9) + 1, rng.digits(4)),
            Country::Us => {
                let zip = format!("0{}", rng.digits(4));
                if rng.chance(0.2) {
                    format!("{zip}-{}", rng.digits(4))
                } else {
                    zip
                }
            }
            Country::Pl => format!("{}-{}", rng.digits(2), rng.digits(3)),
        }
    }
    fn street(self, rng: &mut Rng) -> String {
        let n = rng.below(180) + 1;
        match self {
            Country::Gb => {
                if rng.chance(0.1) {
                    format!("Unit {n}, Kingsway Trading Estate")
                } else {
                    let s = rng.pick(&["High Street", "Station Road", "Church Lane", "Mill Road"]);
                    format!("{n} {s}")
                }
            }
            Country::De => {
                let s = rng.pick(&["Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schloßallee"]);
                let letter = if rng.chance(0.2) { "a" } else { "" };
                format!("{s} {n}{letter}")
            }
            Country::Fr => {
                let bis = if rng.chance(0.15) { " bis" } else { "" };
                let s = rng.pick(&[
                    "rue Victor Hugo",
                    "avenue de la République",
                    "rue de l'Église",
                ]);
                format!("{n}{bis} {s}")
            }
            Country::Us => {
                let s = rng.pick(&["Main Street", "Oak Avenue", "Elm Street", "Commerce Drive"]);
                format!("{n} {s}")
            }
            Country::Pl => {
                let s = rng.pick(&["ul. Piotrkowska", "ul. Długa", "al. Jana Pawła II"]);
                format!("{s} {n}/{}", rng.below(20) + 1)
            }
        }
    }
    fn line2(self, rng: &mut Rng) -> String {
        let n = rng.below(40) + 1;
        match self {
            Country::Gb | Country::Us => format!("Suite {n}"),
            Country::De => format!("{}. OG", n % 5 + 1),
            Country::Fr => format!("Bâtiment {}", char::from(b'A' + (n % 6) as u8)),
            Country::Pl => format!("lok. {n}"),
        }
    }
    fn phone(self, rng: &mut Rng) -> String {
        match self {
            Country::Gb => format!("+44 20 {} {}", rng.digits(4), rng.digits(4)),
            Country::De => format!("+49 89 {}", rng.digits(7)),
            Country::Fr => format!(
                "+33 1 {} {} {} {}",
                rng.digits(2),
                rng.digits(2),
                rng.digits(2),
                rng.digits(2)
            ),
            Country::Us => format!("({}) 555-{}", rng.below(800) + 200, rng.digits(4)),
            Country::Pl => format!(
                "+48 42 {} {} {}",
                rng.digits(3),
                rng.digits(2),
                rng.digits(2)
            ),
        }
    }
}

const TAGS: [&str; 10] = [
    "vip",
    "key-account",
    "credit-hold",
    "tax-exempt",
    "dropship",
    "trade-show",
    "newsletter",
    "late-payer",
    "eu-vat",
    "priority-shipping",
];

struct Customer {
    account: String,
    name: String,
    email: String,
    postcode: String,
    country: Country,
    business: bool,
    channel: &'static str,
    created_at: i64,
    /// For marketplace customers: amazon or ebay; else web/edi.
    order_channel: &'static str,
    ebay_user: Option<String>,
}

/// A field as CSV wants it: quoted when it holds a comma or a double quote (RFC 4180).
fn field(out: &mut String, value: &str) {
    if value.contains([',', '"']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f);
    }
    out.push('\n');
}

fn timestamp(secs: i64) -> String {
    DateTime::from_timestamp(secs, 0)
        .expect("timestamps in range")
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn ascii_slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let mapped = match c {
            'ä' | 'Ä' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            'ß' => "ss",
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'ę' => "e",
            'à' | 'â' | 'ą' => "a",
            'ç' | 'ć' => "c",
            'î' | 'ï' => "i",
            'ô' | 'ó' => "o",
            'û' | 'ù' => "u",
            'ł' | 'Ł' => "l",
            'ś' | 'Ś' => "s",
            'ź' | 'ż' | 'Ż' => "z",
            'ń' => "n",
            _ if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => {
                if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
                continue;
            }
        };
        out.push_str(mapped);
    }
    out.trim_end_matches('-').to_string()
}

fn base36(mut n: u64, width: usize) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = Vec::new();
    while n > 0 || s.len() < width {
        s.push(digits[(n % 36) as usize]);
        n /= 36;
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

/// A generated customer's legal name: a business after its surname, or a person.
fn customer_name(rng: &mut Rng, country: Country, business: bool, surname: &str) -> String {
    if business {
        match rng.below(10) {
            0 => {
                let other = rng.pick(country.surnames());
                format!("{surname} & {other} {}", rng.pick(country.suffixes()))
            }
            1 if country == Country::Fr => "Société Atlantique de Distribution SA".to_string(),
            2 => format!("{surname} (Holdings) {}", rng.pick(country.suffixes())),
            _ => format!("{surname} {}", rng.pick(country.suffixes())),
        }
    } else if rng.chance(0.2) {
        format!(
            "{} {}. {surname}",
            rng.pick(country.given_names()),
            rng.letters(1)
        )
    } else {
        format!("{} {surname}", rng.pick(country.given_names()))
    }
}

/// A trading name for some businesses; empty for the rest.
fn trading_name(rng: &mut Rng, country: Country, business: bool, surname: &str) -> String {
    if business && rng.chance(0.15) {
        match rng.below(4) {
            0 => format!(
                "\"{}\" Manufacturing",
                rng.pick(&["Pacific", "Atlas", "Nordstern"])
            ),
            1 => format!("{surname}, {} & Co", rng.pick(country.surnames())),
            2 => format!("{surname} Direct"),
            _ => format!("{}, Wholesale", surname.to_uppercase()),
        }
    } else {
        String::new()
    }
}

/// Marketplace buyers get a relay address; everyone else one at their own name's domain.
fn customer_email(
    rng: &mut Rng,
    (i, country): (usize, Country),
    (business, channel): (bool, &str),
    name: &str,
) -> String {
    if channel == "marketplace" && !business {
        let tld = match country {
            Country::Gb => "co.uk",
            Country::De => "de",
            Country::Fr => "fr",
            Country::Us => "com",
            Country::Pl => "pl",
        };
        format!(
            "{}{}@marketplace.amazon.{tld}",
            base36(rng.below(36u64.pow(9)), 9),
            base36(i as u64, 6)
        )
    } else {
        let local = if business {
            rng.pick(&["info", "orders", "accounts", "einkauf", "achats", "buying"])
        } else {
            "me"
        };
        format!(
            "{local}.{}@{}.example",
            base36(i as u64, 4),
            ascii_slug(name)
        )
    }
}

/// Up to three distinct tags, ";"-separated, for half of the customers.
fn customer_tags(rng: &mut Rng) -> String {
    if rng.chance(0.5) {
        String::new()
    } else {
        let k = rng.below(3) + 1;
        let mut chosen: Vec<&str> = Vec::new();
        while (chosen.len() as u64) < k {
            let t = TAGS[rng.below(TAGS.len() as u64) as usize];
            if !chosen.contains(&t) {
                chosen.push(t);
            }
        }
        chosen.join(";")
    }
}

/// Where a customer's orders come from, by its sales channel.
fn order_channel(rng: &mut Rng, channel: &str) -> &'static str {
    match channel {
        "marketplace" => {
            if rng.chance(0.5) {
                "amazon"
            } else {
                "ebay"
            }
        }
        "wholesale" => "edi",
        "trade" if rng.chance(0.3) => "edi",
        _ => "web",
    }
}

fn make_customer(rng: &mut Rng, i: usize, n: usize, out: &mut String) -> (Customer, String) {
    let country = Country::pick(rng);
    let business = rng.chance(0.6);
    let surname = rng.pick(country.surnames());
    let name = customer_name(rng, country, business, surname);
    let trading = trading_name(rng, country, business, surname);
    let channel = if business {
        rng.pick(&["trade", "trade", "wholesale", "retail", "marketplace"])
    } else {
        rng.pick(&["retail", "retail", "retail", "marketplace"])
    };
    let account = format!("C{i:06}");
    let email = customer_email(rng, (i, country), (business, channel), &name);
    let phone = if rng.chance(0.05) {
        String::new()
    } else {
        country.phone(rng)
    };
    let postcode = country.postcode(rng);
    let city = rng.pick(country.cities()).to_string();
    let tags = customer_tags(rng);
    let terms = if !business || rng.chance(0.4) {
        "prepaid"
    } else {
        rng.pick(&["net_15", "net_30", "net_30", "net_60"])
    };
    let credit = if terms == "prepaid" {
        0
    } else {
        [500u64, 1000, 2500, 5000, 10000, 25000, 50000, 100000][rng.below(8) as usize] * 100
    };
    let active = rng.chance(0.93);
    // Opened in account-number order over the first nine years.
    let step = (END - START - 120 * 86_400) / n.max(1) as i64;
    let created_at = START + (i as i64 - 1) * step + rng.below(step.max(1) as u64) as i64;
    let order_channel = order_channel(rng, channel);
    let ebay_user = (order_channel == "ebay").then(|| {
        let handle = rng.pick(&["henry-deals", "vintageparts", "bargain_bin", "toolfan"]);
        format!("{handle}{}", base36(i as u64, 3))
    });
    row(
        out,
        &[
            &account,
            &name,
            &trading,
            if business { "business" } else { "individual" },
            &email,
            &phone,
            &postcode,
            &city,
            country.code(),
            channel,
            &tags,
            &money(credit),
            terms,
            if active { "true" } else { "false" },
            &timestamp(created_at),
        ],
    );
    let customer = Customer {
        account,
        name,
        email,
        postcode,
        country,
        business,
        channel,
        created_at,
        order_channel,
        ebay_user,
    };
    (customer, city)
}

fn write_addresses(rng: &mut Rng, c: &Customer, city: &str, out: &mut String) -> usize {
    let mut rows = 0;
    let one = |rng: &mut Rng,
               kind: &str,
               default: bool,
               country: Country,
               city: &str,
               postcode: &str,
               out: &mut String| {
        let line2 = if rng.chance(0.15) {
            country.line2(rng)
        } else {
            String::new()
        };
        row(
            out,
            &[
                &c.account,
                kind,
                if default { "true" } else { "false" },
                &country.street(rng),
                &line2,
                city,
                postcode,
                country.code(),
            ],
        );
    };
    one(rng, "billing", true, c.country, city, &c.postcode, out);
    rows += 1;
    let shipping = match rng.below(10) {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    for s in 0..shipping {
        let country = if rng.chance(0.1) {
            Country::pick(rng)
        } else {
            c.country
        };
        let city = rng.pick(country.cities()).to_string();
        let postcode = country.postcode(rng);
        one(rng, "shipping", s == 0, country, &city, &postcode, out);
        rows += 1;
    }
    if c.business && rng.chance(0.2) {
        let city = rng.pick(c.country.cities()).to_string();
        let postcode = c.country.postcode(rng);
        one(rng, "admin", false, c.country, &city, &postcode, out);
        rows += 1;
    }
    rows
}

/// Writes the data set into `dir` (created if missing; existing files are overwritten).
/// How many orders each customer placed: ~40 % none, a heavy tail with thousands.
fn order_counts(rng: &mut Rng, all: &[Customer], orders: usize) -> Vec<usize> {
    let customers = all.len();
    let weights: Vec<f64> = all
        .iter()
        .map(|c| {
            if rng.chance(0.4) {
                0.0
            } else {
                let pareto = (1.0 - rng.f()).powf(-1.0 / 1.15).min(5000.0);
                let factor = match (c.business, c.channel) {
                    (false, _) => 0.3,
                    (true, "retail") => 1.0,
                    _ => 3.0,
                };
                pareto * factor
            }
        })
        .collect();
    let ordering: Vec<usize> = (0..customers).filter(|&i| weights[i] > 0.0).collect();
    let mut counts = vec![0usize; customers];
    if !ordering.is_empty() && orders > 0 {
        let base = if orders >= ordering.len() { 1 } else { 0 };
        let rest = orders - base * ordering.len();
        let total: f64 = ordering.iter().map(|&i| weights[i]).sum();
        let mut given = 0;
        for &i in &ordering {
            let k = (rest as f64 * weights[i] / total).floor() as usize;
            counts[i] = base + k;
            given += base + k;
        }
        let mut j = 0;
        while given < orders {
            counts[ordering[j % ordering.len()]] += 1;
            given += 1;
            j += 1;
        }
    }

    counts
}

/// Every order's time and customer, all of them in time order.
fn placed_orders(
    rng: &mut Rng,
    all: &[Customer],
    counts: &[usize],
    orders: usize,
) -> Vec<(i64, u32)> {
    let mut placed: Vec<(i64, u32)> = Vec::with_capacity(orders);
    for (i, c) in all.iter().enumerate() {
        for _ in 0..counts[i] {
            let t = c.created_at + rng.below((END - 1 - c.created_at) as u64) as i64;
            placed.push((t, i as u32));
        }
    }
    placed.sort_unstable();

    placed
}

/// customers.csv and addresses.csv: the customers, and how many address rows they have.
fn write_customers(
    rng: &mut Rng,
    dir: &Path,
    customers: usize,
) -> std::io::Result<(Vec<Customer>, usize)> {
    let mut cust_out = BufWriter::new(File::create(dir.join("customers.csv"))?);
    let mut addr_out = BufWriter::new(File::create(dir.join("addresses.csv"))?);
    writeln!(cust_out, "{CUSTOMERS_HEADER}")?;
    writeln!(addr_out, "{ADDRESSES_HEADER}")?;
    let mut all = Vec::with_capacity(customers);
    let mut address_rows = 0;
    let mut line = String::new();
    let mut addr_line = String::new();
    for i in 1..=customers {
        line.clear();
        addr_line.clear();
        let (c, city) = make_customer(rng, i, customers, &mut line);
        address_rows += write_addresses(rng, &c, &city, &mut addr_line);
        cust_out.write_all(line.as_bytes())?;
        addr_out.write_all(addr_line.as_bytes())?;
        all.push(c);
    }
    cust_out.flush()?;
    addr_out.flush()?;

    Ok((all, address_rows))
}

/// A recent order may still be open; an older one was dispatched or (rarely) cancelled.
fn order_status(rng: &mut Rng, recent: bool) -> &'static str {
    if recent {
        rng.pick(&["unallocated", "allocated", "dispatched"])
    } else if rng.chance(0.05) {
        "cancelled"
    } else {
        "dispatched"
    }
}

/// The `n`th Amazon order id: the counter spread over 14 digits, unique yet random-looking.
fn amazon_order_id(rng: &mut Rng, n: u64) -> String {
    let x = (n * 7_919_234_567) % 100_000_000_000_000;
    let x = format!("{x:014}");
    format!("{}-{}-{}", rng.below(900) + 100, &x[..7], &x[7..])
}

/// orders.csv, in time order: the sample values for the summary, and each customer's total.
fn write_orders(
    rng: &mut Rng,
    dir: &Path,
    all: &[Customer],
    placed: &[(i64, u32)],
) -> std::io::Result<(Samples, Vec<u64>)> {
    let customers = all.len();
    let mut line = String::new();
    let mut ord_out = BufWriter::new(File::create(dir.join("orders.csv"))?);
    writeln!(ord_out, "{ORDERS_HEADER}")?;
    let mut invoices = 0u64;
    let mut trackings = 0u64;
    let mut amazons = 0u64;
    let mut samples = Samples::default();
    let mut totals = vec![0u64; customers];
    for (n, &(t, ci)) in placed.iter().enumerate() {
        let c = &all[ci as usize];
        let order_number = format!("SO-{:07}", n + 1);
        let recent = t > END - 6 * 86_400;
        let status = order_status(rng, recent);
        let u = rng.f();
        let cents = 100 + (u * u * 11.5).exp() as u64 * 100 + rng.below(100);
        if status != "cancelled" {
            totals[ci as usize] += cents;
        }
        let invoiced = match status {
            "dispatched" => rng.chance(0.98),
            "allocated" => rng.chance(0.3),
            "cancelled" => rng.chance(0.05),
            _ => false,
        };
        let invoice = if invoiced {
            invoices += 1;
            format!("INV-{:08}", invoices)
        } else {
            String::new()
        };
        let tracking = if status == "dispatched" && rng.chance(0.97) {
            trackings += 1;
            tracking_number(rng, trackings)
        } else {
            String::new()
        };
        let channel_order_id = if c.order_channel == "amazon" {
            amazons += 1;
            amazon_order_id(rng, amazons)
        } else {
            String::new()
        };
        let user = c.ebay_user.as_deref().unwrap_or("");
        line.clear();
        row(
            &mut line,
            &[
                &order_number,
                &c.account,
                &timestamp(t),
                status,
                &money(cents),
                c.country.currency(),
                &invoice,
                &tracking,
                c.order_channel,
                &channel_order_id,
                user,
            ],
        );
        ord_out.write_all(line.as_bytes())?;
        let late = n >= placed.len() / 3;
        if n == placed.len() / 2 {
            samples.order_number = Some(order_number.clone());
        }
        samples.keep(late, invoice, tracking, channel_order_id, user);
    }
    ord_out.flush()?;

    Ok((samples, totals))
}

pub fn generate(customers: usize, orders: usize, dir: &Path) -> std::io::Result<Generated> {
    if customers == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "--customers must be at least 1",
        ));
    }
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(SEED);

    // Customers and addresses.
    let (all, address_rows) = write_customers(&mut rng, dir, customers)?;

    let counts = order_counts(&mut rng, &all, orders);
    let placed = placed_orders(&mut rng, &all, &counts, orders);
    let (samples, totals) = write_orders(&mut rng, dir, &all, &placed)?;
    write_summary(dir, &all, &counts, &totals, address_rows, orders, samples)?;
    Ok(Generated {
        customers,
        addresses: address_rows,
        orders: placed.len(),
    })
}

fn tracking_number(rng: &mut Rng, k: u64) -> String {
    // Each carrier's number holds the counter, so numbers never repeat.
    match rng.below(5) {
        0 => format!("RM{:09}GB", (k * 387_420_489) % 1_000_000_000),
        1 => format!(
            "1Z{}{:010}",
            rng.letters(6),
            (k * 7_777_777_777) % 10_000_000_000
        ),
        2 => format!("00340434{:012}", (k * 999_999_937) % 1_000_000_000_000),
        3 => format!("6A{:011}", (k * 48_271) % 100_000_000_000),
        _ => format!("9400{:018}", (k * 1_000_003) % 1_000_000_000_000_000_000),
    }
}

#[derive(Default)]
struct Samples {
    order_number: Option<String>,
    invoice_number: Option<String>,
    tracking_number: Option<String>,
    channel_order_id: Option<String>,
    channel_user_id: Option<String>,
}

impl Samples {
    /// Keeps the first invoice and tracking number from a `late` order (the last two thirds),
    /// and the first marketplace order id and user anywhere.
    fn keep(
        &mut self,
        late: bool,
        invoice: String,
        tracking: String,
        channel_order_id: String,
        user: &str,
    ) {
        if self.invoice_number.is_none() && !invoice.is_empty() && late {
            self.invoice_number = Some(invoice);
        }
        if self.tracking_number.is_none() && !tracking.is_empty() && late {
            self.tracking_number = Some(tracking);
        }
        if self.channel_order_id.is_none() && !channel_order_id.is_empty() {
            self.channel_order_id = Some(channel_order_id);
        }
        if self.channel_user_id.is_none() && !user.is_empty() {
            self.channel_user_id = Some(user.to_string());
        }
    }
}

fn write_summary(
    dir: &Path,
    all: &[Customer],
    counts: &[usize],
    totals: &[u64],
    addresses: usize,
    orders: usize,
    s: Samples,
) -> std::io::Result<()> {
    let mid = &all[all.len() / 2];
    let fragment = mid
        .name
        .split_whitespace()
        .find(|w| w.chars().count() >= 4)
        .unwrap_or(&mid.name)
        .to_lowercase();
    let fragment_customers = all
        .iter()
        .filter(|c| c.name.to_lowercase().contains(&fragment))
        .count();
    let postcode_customers = all.iter().filter(|c| c.postcode == mid.postcode).count();
    let mut largest: Vec<usize> = (0..all.len()).collect();
    largest.sort_by_key(|&i| (std::cmp::Reverse(counts[i]), i));
    largest.truncate(10);
    let largest: Vec<serde_json::Value> = largest
        .into_iter()
        .filter(|&i| counts[i] > 0)
        .map(|i| {
            serde_json::json!({
                "account_number": all[i].account,
                "name": all[i].name,
                "orders": counts[i],
                "orders_total": money(totals[i]),
            })
        })
        .collect();
    let mut files = serde_json::Map::new();
    for f in ["customers.csv", "addresses.csv", "orders.csv"] {
        let bytes = std::fs::metadata(dir.join(f))?.len();
        files.insert(f.into(), serde_json::json!({ "bytes": bytes }));
    }
    let summary = serde_json::json!({
        "generator": "clientele generate",
        "seed": SEED,
        "customers": all.len(),
        "addresses": addresses,
        "orders": orders,
        "largest_customers": largest,
        "samples": {
            "name_fragment": fragment,
            "name_fragment_customers": fragment_customers,
            "postcode": mid.postcode,
            "postcode_customers": postcode_customers,
            "email": mid.email,
            "account_number": mid.account,
            "order_number": s.order_number,
            "invoice_number": s.invoice_number,
            "tracking_number": s.tracking_number,
            "channel_order_id": s.channel_order_id,
            "channel_user_id": s.channel_user_id,
        },
        "files": files,
    });
    let mut text = serde_json::to_string_pretty(&summary).map_err(std::io::Error::other)?;
    let _ = writeln!(text);
    std::fs::write(dir.join("summary.json"), text)
}
