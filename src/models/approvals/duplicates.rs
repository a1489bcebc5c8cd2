//! Possible duplicates of a pending customer, shown beside its request in the approval queue so
//! that a prospect who is already a customer is merged rather than approved twice: other
//! customers (not merged away) with an email address at the same domain (the customer's own
//! address, its contacts' and its portal users'; free-mail domains say nothing about a company
//! and are left out), or sharing a word of the name (from the customers' name words, legal forms
//! left out) with an address in the same postcode.

use crate::models::access::staff_scope::StaffScope;
use crate::models::customers::customer::Customer;
use diesel::{
    prelude::*,
    sql_types::{Array, BigInt, Text},
};
use std::collections::HashMap;

/// Domains of free mail services: an address there tells nothing about its company.
pub const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.de",
    "hotmail.com",
    "hotmail.de",
    "outlook.com",
    "outlook.de",
    "live.com",
    "live.de",
    "msn.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "gmx.de",
    "gmx.net",
    "gmx.at",
    "web.de",
    "t-online.de",
    "freenet.de",
    "mail.de",
    "posteo.de",
    "proton.me",
    "protonmail.com",
];

/// Words of a name that say nothing about which company it is (as the name words hold them:
/// folded to lower case).
const COMMON_WORDS: &[&str] = &[
    "gmbh", "mbh", "ltd", "llc", "inc", "corp", "ohg", "und", "and", "the", "der", "die", "das",
    "company", "group", "gruppe", "handel", "service", "services",
];

/// Why a customer may be the same as the pending one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    pub id: i64,
    pub label: String,
    /// The message ids of the reasons: same email domain, similar name in the same postcode.
    pub reasons: Vec<&'static str>,
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = BigInt)]
    pending_id: i64,
    #[diesel(sql_type = BigInt)]
    other_id: i64,
    #[diesel(sql_type = Text)]
    why: String,
}

const QUERY: &str = "
WITH pending AS (
    SELECT id FROM customers WHERE id = ANY($1) AND relationship_status = 'pending'
), addresses(customer_id, email) AS (
    SELECT id, email FROM customers WHERE email IS NOT NULL
    UNION ALL SELECT customer_id, email FROM customer_contacts WHERE email IS NOT NULL
    UNION ALL SELECT customer_id, email FROM customer_users
), domains AS (
    SELECT DISTINCT a.customer_id AS id, lower(split_part(a.email, '@', 2)) AS domain
    FROM addresses a JOIN pending p ON p.id = a.customer_id
), found AS (
    SELECT DISTINCT d.id AS pending_id, a.customer_id AS other_id, 'domain' AS why
    FROM domains d JOIN addresses a
        ON lower(split_part(a.email, '@', 2)) = d.domain AND a.customer_id <> d.id
    WHERE d.domain <> '' AND d.domain <> ALL($2)
    UNION
    SELECT DISTINCT me.customer_id, other.customer_id, 'name'
    FROM customer_name_words me
    JOIN customer_name_words other ON other.word = me.word AND other.customer_id <> me.customer_id
    WHERE me.customer_id IN (SELECT id FROM pending)
      AND length(me.word) >= 3 AND me.word <> ALL($3)
      AND EXISTS (
        SELECT 1 FROM customer_addresses mine JOIN customer_addresses theirs
            ON upper(replace(theirs.postcode, ' ', '')) = upper(replace(mine.postcode, ' ', ''))
        WHERE mine.customer_id = me.customer_id AND theirs.customer_id = other.customer_id
          AND coalesce(mine.postcode, '') <> '')
)
SELECT f.pending_id, f.other_id, string_agg(DISTINCT f.why, ',' ORDER BY f.why) AS why
FROM found f JOIN customers c ON c.id = f.other_id AND c.merged_into_id IS NULL
GROUP BY f.pending_id, f.other_id
ORDER BY f.pending_id, f.other_id
LIMIT 500";

/// The possible duplicates of each pending customer among `customer_ids` (the others have none
/// to show), each list by id; only customers `scope` sees are named (a limited account learns
/// nothing of the others).
pub fn of(
    conn: &mut PgConnection,
    scope: &StaffScope,
    customer_ids: &[i64],
) -> QueryResult<HashMap<i64, Vec<Duplicate>>> {
    if customer_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let found: Vec<Found> = diesel::sql_query(QUERY)
        .bind::<Array<BigInt>, _>(customer_ids)
        .bind::<Array<Text>, _>(FREE_MAIL)
        .bind::<Array<Text>, _>(COMMON_WORDS)
        .load(conn)?;
    let others = scope.keep(conn, found.iter().map(|f| f.other_id).collect())?;
    let found = found.into_iter().filter(|f| others.contains(&f.other_id));
    let labels: HashMap<i64, String> = Customer::find_many(conn, &others)?
        .into_iter()
        .map(|c| (c.id, c.label()))
        .collect();
    let mut all: HashMap<i64, Vec<Duplicate>> = HashMap::new();
    for f in found {
        let reasons = f
            .why
            .split(',')
            .map(|why| match why {
                "domain" => "approval-duplicate-domain",
                _ => "approval-duplicate-name",
            })
            .collect();
        all.entry(f.pending_id).or_default().push(Duplicate {
            id: f.other_id,
            label: labels.get(&f.other_id).cloned().unwrap_or_default(),
            reasons,
        });
    }
    Ok(all)
}

/// The possible duplicates of one customer (none unless it is pending).
pub fn of_one(
    conn: &mut PgConnection,
    scope: &StaffScope,
    customer_id: i64,
) -> QueryResult<Vec<Duplicate>> {
    Ok(of(conn, scope, &[customer_id])?
        .remove(&customer_id)
        .unwrap_or_default())
}
