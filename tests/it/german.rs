//! Every page in German. With `DEFAULT_LOCALE=de` and the demo data, the staff side and the
//! portal are crawled from their home pages (every link within the site, GET only); no page may
//! hold a phrase of three words or more of the English catalogue, and every GET route of the
//! route table (`src/routes/mod.rs`) must be among the pages seen.

use crate::helpers::*;
use clientele::models::access::staff::Role;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// A page's visible words and the labels a screen reader reads out, in one line.
fn page_text(body: &str) -> String {
    let html = scraper::Html::parse_document(body);
    let mut words = Vec::new();
    let skip = ["script", "style"];
    for node in html.root_element().descendants() {
        if let Some(text) = node.value().as_text() {
            let inside_skipped = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| skip.contains(&e.name()))
            });
            if !inside_skipped {
                words.push(text.to_string());
            }
        } else if let Some(e) = node.value().as_element() {
            for attr in ["aria-label", "placeholder", "title", "alt"] {
                if let Some(v) = e.attr(attr) {
                    words.push(v.to_string());
                }
            }
        }
    }
    words
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The links of a page that stay on the site and are pages (not downloads, not sign-out).
fn links(body: &str, inside: &dyn Fn(&str) -> bool) -> Vec<String> {
    let html = scraper::Html::parse_document(body);
    let a = scraper::Selector::parse("a[href]").unwrap();
    html.select(&a)
        .filter_map(|e| e.value().attr("href"))
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .filter(|h| !h.is_empty() && !h.contains(".csv") && !h.contains(".json"))
        .filter(|h| !h.contains("lang="))
        .filter(|h| inside(h))
        .collect()
}

/// Visits every page reachable from `start`, at most `limit`; a list's further pages and
/// filters are followed too, three of each shape (`shape` below).
async fn crawl(
    client: &TestClient,
    start: &[&str],
    inside: &dyn Fn(&str) -> bool,
    limit: usize,
) -> BTreeMap<String, String> {
    let mut seen = BTreeMap::new();
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut queue: VecDeque<String> = start.iter().map(|s| s.to_string()).collect();
    while let Some(path) = queue.pop_front() {
        if seen.contains_key(&path) || seen.len() >= limit {
            continue;
        }
        // Three of each kind of page: one customer may have no addresses, the next has some.
        let count = shapes.entry(shape(&path)).or_default();
        *count += 1;
        if *count > 3 {
            continue;
        }
        let res = client.get(&path).await;
        assert!(
            res.status.is_success(),
            "{path} answered {} in German",
            res.status
        );
        for link in links(&res.body, inside) {
            queue.push_back(link);
        }
        seen.insert(path, page_text(&res.body));
    }
    seen
}

/// A path with its numbers and its query's values left out: `/customers/{}/notes`, so a list of
/// a hundred customers is read once per kind of page, not a hundred times.
fn shape(path: &str) -> String {
    let (route, query) = path.split_once('?').unwrap_or((path, ""));
    let route: Vec<&str> = route
        .split('/')
        .map(|s| {
            if s.chars().all(|c| c.is_ascii_digit()) && !s.is_empty() {
                "{}"
            } else {
                s
            }
        })
        .collect();
    let mut keys: Vec<&str> = query
        .split('&')
        .filter_map(|kv| kv.split('=').next())
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    format!("{}?{}", route.join("/"), keys.join("&"))
}

/// The English catalogue's phrases of three words or more: each message's text between its
/// placeholders, unless German says the same (a name, a code).
fn english_phrases() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/locales");
    let read = |lang: &str| -> Vec<String> {
        let mut texts = Vec::new();
        for f in std::fs::read_dir(root.join(lang)).unwrap().flatten() {
            let text = std::fs::read_to_string(f.path()).unwrap();
            for line in text.lines() {
                // `id = text` and `.attr = text` lines, and the variants of a select.
                let value = match line.split_once(" = ") {
                    Some((id, v)) if !id.trim_start().starts_with("format-") => v,
                    _ => match line
                        .trim_start()
                        .strip_prefix('[')
                        .and_then(|l| l.split_once("] "))
                    {
                        Some((_, v)) => v,
                        None => line
                            .trim_start()
                            .strip_prefix("*[")
                            .and_then(|l| l.split_once("] "))
                            .map_or("", |(_, v)| v),
                    },
                };
                texts.push(value.to_string());
            }
        }
        texts
    };
    let pieces = |texts: Vec<String>| -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for t in texts {
            let mut depth = 0;
            let mut piece = String::new();
            for c in t.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        out.insert(std::mem::take(&mut piece));
                    }
                    '}' => depth -= 1,
                    _ if depth == 0 => piece.push(c),
                    _ => {}
                }
            }
            out.insert(piece);
        }
        out.into_iter()
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .map(|p| {
                p.trim_matches(|c: char| c.is_ascii_punctuation() || c == ' ')
                    .to_string()
            })
            .collect()
    };
    let german = pieces(read("de"));
    pieces(read("en"))
        .into_iter()
        .filter(|p| p.split_whitespace().count() >= 3 && !german.contains(p))
        .collect()
}

/// The GET routes of `src/routes/mod.rs`, with their scopes' prefixes (the reference kinds'
/// generic routes are declared elsewhere and reached through the administration's navigation).
fn get_routes() -> Vec<String> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes/mod.rs"),
    )
    .unwrap();
    let prefixes = [
        ("fn staff_pages", ""),
        ("fn customer_pages", "/customers/{id}"),
        ("fn admin_pages", "/admin"),
        ("fn portal_pages", "/portal"),
    ];
    let mut routes = Vec::new();
    for (i, (start, prefix)) in prefixes.iter().enumerate() {
        let from = text.find(start).unwrap();
        let to = prefixes
            .get(i + 1)
            .and_then(|(next, _)| text.find(next))
            .unwrap_or(text.len());
        let body: String = text[from..to]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("");
        let chars: Vec<char> = body.chars().collect();
        let at = |k: usize, s: &str| chars[k..].iter().take(s.len()).copied().eq(s.chars());
        let quoted =
            |k: usize| -> String { chars[k..].iter().take_while(|c| **c != '"').collect() };
        // The index of the parenthesis that closes the one opened at `open`.
        let close = |open: usize| -> usize {
            let mut depth = 0;
            for (i, c) in chars.iter().enumerate().skip(open) {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            return i;
                        }
                    }
                    _ => {}
                }
            }
            chars.len()
        };
        // Scopes, each alive until the parenthesis around it closes.
        let mut scopes: Vec<(usize, String)> = Vec::new();
        let mut depth = 0usize;
        let mut k = 0;
        while k < chars.len() {
            if at(k, "web::scope(\"") {
                let path = quoted(k + "web::scope(\"".len());
                scopes.push((depth, path));
            }
            let scope: String = scopes.iter().map(|(_, s)| s.as_str()).collect();
            if at(k, ".route(\"") {
                let open = k + ".route".len();
                let path = quoted(open + 2);
                let call: String = chars[open..=close(open).min(chars.len() - 1)]
                    .iter()
                    .collect();
                if call.contains("get()") {
                    routes.push(format!("{prefix}{scope}{path}"));
                }
            }
            for opener in ["web::resource(\"", "editors(\"", "digital_admins(\""] {
                let own = k == 0 || !chars[k - 1].is_alphanumeric() && chars[k - 1] != '_';
                if own && at(k, opener) {
                    let open = k + opener.len() - 2;
                    let path = quoted(open + 2);
                    // The resource's methods are the `.route(..)` calls chained after it.
                    let mut end = close(open) + 1;
                    let mut get = false;
                    while at(end, ".route(") || at(end, ".wrap(") {
                        let call_open = end + if at(end, ".route(") { 6 } else { 5 };
                        let call_close = close(call_open);
                        let call: String = chars[end..=call_close].iter().collect();
                        get |= call.starts_with(".route(get()");
                        end = call_close + 1;
                    }
                    if get {
                        routes.push(format!("{prefix}{scope}{path}"));
                    }
                }
            }
            match chars[k] {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    while scopes.last().is_some_and(|(d, _)| *d > depth) {
                        scopes.pop();
                    }
                }
                _ => {}
            }
            k += 1;
        }
    }
    routes.sort();
    routes.dedup();
    routes
}

/// Whether a visited path is an instance of a route pattern (`{x}` or `{x:\d+}` is a segment).
fn instance_of(pattern: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let p: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    let v: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    p.len() == v.len()
        && p.iter().zip(&v).all(|(p, v)| {
            if let Some(inner) = p.strip_prefix('{') {
                let digits = inner.contains("\\d");
                let rest_ok = match p.find('}') {
                    Some(end) => v.ends_with(&p[end + 1..]),
                    None => false,
                };
                rest_ok && (!digits || v.chars().next().is_some_and(|c| c.is_ascii_digit()))
            } else {
                p == v
            }
        })
}

#[actix_web::test]
async fn every_staff_and_portal_page_reads_in_german() {
    // German by each person's own choice (and by the browser's, signed out), the way people
    // get it; the default language is tested in tests/it/languages.rs.
    let app = spawn_app().await;
    let login = {
        let mut conn = app.conn();
        clientele::tools::demo::load(&mut conn, &app.address).unwrap()
    };

    // Signed out first: the sign-in pages and the pages of a link that no longer works.
    let mut pages = BTreeMap::new();
    let visitor = app.new_client();
    for path in [
        "/login",
        "/portal/login",
        "/portal/password/forgot",
        "/portal/apply",
        "/portal/apply/no-such-token",
        "/portal/invitation/no-such-token",
        "/portal/password/reset/no-such-token",
        "/portal/view-as/no-such-token",
    ] {
        let res = visitor
            .get_with(path, &[("Accept-Language", "de-DE,de;q=0.9")])
            .await;
        pages.insert(path.to_string(), page_text(&res.body));
    }

    // The demo customer of the portal user, its addresses and contacts, and one order of it
    // (the showcase customers have none) so that the portal's order page is reached too.
    let customer_id: i64 = {
        use clientele::schema::customer_users;
        use diesel::prelude::*;
        let mut conn = app.conn();
        let id = customer_users::table
            .filter(customer_users::email.eq(&login.portal_email))
            .select(customer_users::customer_id)
            .first(&mut conn)
            .unwrap();
        crate::portal_pages::order(
            id,
            "SO-DE-0001",
            1,
            clientele::domain::OrderStatus::Dispatched,
        )
        .insert(&mut conn)
        .unwrap();
        id
    };
    {
        use diesel::prelude::*;
        let mut conn = app.conn();
        diesel::sql_query("UPDATE staff SET language = 'de'")
            .execute(&mut conn)
            .unwrap();
        diesel::sql_query("UPDATE customer_users SET language = 'de'")
            .execute(&mut conn)
            .unwrap();
        // Invoices and statements are written in their customer's language.
        diesel::sql_query("UPDATE customers SET language = 'de'")
            .execute(&mut conn)
            .unwrap();
    }
    let res = app.sign_in(&login.email, &login.password).await;
    assert!(
        res.status.is_redirection(),
        "the demo administrator signs in"
    );
    let (addresses, contacts) = (
        format!("/customers/{customer_id}/addresses"),
        format!("/customers/{customer_id}/contacts"),
    );
    let staff = crawl(
        &app,
        &["/", &addresses, &contacts],
        &|p| !p.starts_with("/portal"),
        400,
    )
    .await;
    pages.extend(staff);
    let missing = app.get("/no-such-page").await;
    assert_eq!(missing.status, 404);
    pages.insert("/no-such-page".into(), page_text(&missing.body));

    let portal = app.new_client();
    portal.use_portal();
    let res = portal
        .portal_sign_in(&login.portal_email, &login.password)
        .await;
    assert!(
        res.status.is_redirection(),
        "the demo customer user signs in"
    );
    // A product in the cart, as a buyer puts it there, so that the checkout is reached too.
    let products = portal.get("/portal/products").await;
    let first = products
        .attr("table.products td a[href^='/portal/products/']", "href")
        .expect("the demo customer user sees products");
    let product = portal.get(&first).await;
    let field = |name: &str| {
        product
            .attr(
                &format!("form[action='/portal/cart'] input[name={name}]"),
                "value",
            )
            .unwrap_or_else(|| panic!("{first} has an add-to-cart form with {name}"))
    };
    let (product_id, for_id) = (field("product_id"), field("for"));
    let added = portal
        .post(
            "/portal/cart",
            &[
                ("product_id", &product_id),
                ("quantity", "2"),
                ("for", &for_id),
            ],
        )
        .await;
    assert!(added.status.is_redirection(), "{}", added.body);
    pages.extend(crawl(&portal, &["/portal"], &|p| p.starts_with("/portal"), 200).await);

    let mut problems = Vec::new();
    let phrases = english_phrases();
    assert!(
        phrases.len() > 100,
        "the English catalogue has its phrases: {}",
        phrases.len()
    );
    // The outbox shows the emails as they were written, each in its recipient's language (the
    // demo's recipients read English): that copy is a record, not the page's words.
    let written: Vec<String> = {
        use clientele::schema::outbox;
        use diesel::prelude::*;
        let rows: Vec<(String, String)> = outbox::table
            .select((outbox::subject, outbox::body_text))
            .load(&mut app.conn())
            .unwrap();
        let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut all: Vec<String> = rows
            .iter()
            .flat_map(|(s, b)| [squash(s), squash(b)])
            .collect();
        all.sort_by_key(|t| std::cmp::Reverse(t.len()));
        all
    };
    for (path, text) in &pages {
        assert!(!text.is_empty(), "{path} shows nothing");
        let mut text = text.clone();
        if path.starts_with("/admin/outbox") {
            for copy in &written {
                text = text.replace(copy.as_str(), "");
            }
        }
        for phrase in &phrases {
            if text.contains(phrase.as_str()) {
                problems.push(format!("{path}: {phrase:?}"));
            }
        }
    }
    for route in get_routes() {
        let downloads = [".csv", ".json", ".pdf", "/pdf"]
            .iter()
            .any(|end| route.ends_with(end));
        let reached = pages.keys().any(|p| instance_of(&route, p));
        // `/admin` and `/portal/` only redirect; a token's page was visited with a dead token;
        // the demo data holds no import run.
        let unreachable =
            ["/admin", "/portal/", "/admin/import/{id:\\\\d+}"].contains(&route.as_str());
        if !downloads && !unreachable && !reached {
            problems.push(format!("the route {route} was never reached"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems on {} pages:\n{}",
        problems.len(),
        pages.len(),
        problems.join("\n")
    );

    // The check itself: the same dashboard in English holds the English phrases.
    app.create_staff("english@example.com", PASSWORD, &[Role::Staff]);
    let reader = app.new_client();
    reader.sign_in("english@example.com", PASSWORD).await;
    let english = reader.get("/").await;
    let text = page_text(&english.body);
    assert!(
        phrases.iter().filter(|p| text.contains(p.as_str())).count() >= 3,
        "the English dashboard shows English phrases: {text}"
    );
}

/// Every email, rendered for a German reader: subject, text and HTML hold none of the English
/// catalogue's phrases, and the HTML part says `lang="de"`.
#[test]
fn every_email_reads_in_german() {
    use clientele::i18n::{L10n, Lang, Zone};
    use clientele::mail::messages::*;
    let de = L10n::new(
        Lang::parse("de").unwrap(),
        Zone::parse("Europe/Berlin").unwrap(),
    );
    let to = Recipient {
        name: Some("Jana Müller".into()),
        address: "jana@mueller.test".into(),
        l: de,
    };
    let everyone = std::slice::from_ref(&to);
    let services = || Labels(vec!["Service-ordering", "Service-invoices"]);
    let about = AboutRequest {
        customer_id: 7,
        customer_name: "Müller Haustechnik GmbH".into(),
        customer_label: "Müller Haustechnik GmbH (C-1001)".into(),
        services: services(),
    };
    let link = "https://portal.example.com/x".to_string();
    let mut emails = Vec::new();
    emails.extend(
        request_received(
            everyone,
            &about,
            RequestReceived {
                customer: about.customer_name.clone(),
                services: services(),
                requested_by: "Jana Müller".into(),
                salesperson: "Sam Seller".into(),
                message: Some("Bitte freischalten.".into()),
                ship_to: None,
                link: link.clone(),
            },
        )
        .unwrap(),
    );
    // A ship-to proposal, of a new address and of a change.
    for now in [None, Some("Alte Straße 1, 20095 Hamburg, DE".to_string())] {
        emails.extend(
            request_received(
                everyone,
                &about,
                RequestReceived {
                    customer: about.customer_name.clone(),
                    services: Labels(vec!["RequestKind-ship_to"]),
                    requested_by: "Jana Müller".into(),
                    salesperson: "Sam Seller".into(),
                    message: None,
                    ship_to: Some(ShipToLines {
                        proposed: "Hafenstraße 12, 20457 Hamburg, DE".into(),
                        now,
                    }),
                    link: link.clone(),
                },
            )
            .unwrap(),
        );
    }
    for (approved, ship_to) in [(true, false), (false, false), (true, true), (false, true)] {
        let links = [
            Link::requests(link.clone()),
            Link::ship_to(link.clone()),
            Link::portal(link.clone()),
        ];
        for see in links {
            emails.extend(
                request_decided(
                    everyone,
                    &about,
                    RequestDecided {
                        customer: about.customer_name.clone(),
                        services: services(),
                        approved,
                        catalogs: vec!["Standardkatalog".into()],
                        reason: (!approved).then(|| "Keine Bonität.".into()),
                        address: ship_to.then(|| "Hafenstraße 12, 20457 Hamburg, DE".into()),
                        link: Some(see),
                    },
                )
                .unwrap(),
            );
        }
    }
    emails.extend(
        information_asked(
            everyone,
            &about,
            InformationAsked {
                customer: about.customer_name.clone(),
                services: services(),
                question: "Welche Filialen?".into(),
                link: link.clone(),
            },
        )
        .unwrap(),
    );
    emails.extend(
        answer_received(
            everyone,
            &about,
            AnswerReceived {
                customer: about.customer_name.clone(),
                services: services(),
                answered_by: "Jana Müller".into(),
                question: "Welche Filialen?".into(),
                answer: "Alle.".into(),
                link: link.clone(),
            },
        )
        .unwrap(),
    );
    emails.push(
        invitation(
            &to,
            Invitation {
                name: "Jana Müller".into(),
                customer: about.customer_name.clone(),
                customer_id: 7,
                invited_by: "Sam Seller".into(),
                link: link.clone(),
                expires: chrono::Utc::now(),
            },
        )
        .unwrap(),
    );
    emails.push(
        password_reset(
            &to,
            PasswordReset {
                name: "Jana Müller".into(),
                customer_id: Some(7),
                link: link.clone(),
                minutes: 60,
            },
        )
        .unwrap(),
    );
    let order = || AboutOrder {
        customer_id: 7,
        customer: about.customer_name.clone(),
        number: "SO-0001234".into(),
        total: (12_345, "EUR".into()),
        link: link.clone(),
    };
    for (waiting, delivery) in [
        (
            Some("email-order-credit-hold"),
            clientele::i18n::Msg::new("email-order-ship-to").arg("address", "Hafenstraße 12"),
        ),
        (
            Some("email-order-awaiting-payment"),
            clientele::i18n::Msg::new("email-order-pickup").arg("store", "Hamburg"),
        ),
    ] {
        emails.extend(
            order_placed(
                everyone,
                OrderPlaced {
                    about: order(),
                    lines: vec![MailLine {
                        sku: "VLV-100".into(),
                        name: "Kugelhahn".into(),
                        quantity: 3,
                        line_cents: 12_345,
                    }],
                    reference: Some("PO-4711".into()),
                    delivery: Some(delivery),
                    waiting,
                },
            )
            .unwrap(),
        );
    }
    emails.extend(
        order_shipped(
            everyone,
            OrderShipped {
                about: order(),
                carrier: "DHL".into(),
                tracking: "JD0146".into(),
            },
        )
        .unwrap(),
    );
    emails.extend(
        order_cancelled(
            everyone,
            OrderCancelled {
                about: order(),
                reason: "Nicht mehr lieferbar.".into(),
            },
        )
        .unwrap(),
    );
    assert_eq!(
        emails.len(),
        23,
        "every kind of email, and every shape of a request's"
    );
    let phrases = english_phrases();
    let mut problems = Vec::new();
    for e in &emails {
        assert!(
            e.html.contains("lang=\"de\""),
            "{}: the HTML part is German",
            e.kind
        );
        let text = format!("{} {} {}", e.subject, e.text, page_text(&e.html));
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for phrase in &phrases {
            if text.contains(phrase.as_str()) {
                problems.push(format!("{}: {phrase:?}", e.kind));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
