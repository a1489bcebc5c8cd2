//! Read models for the customer detail page: everything the page names about a customer in one
//! query, and its dependents (members, sell-to customers, associated customers) in another, so
//! that the page costs the same handful of queries whatever the customer's size.

use crate::models::{access::staff_scope::StaffScope, cached_sql::Kept};
use diesel::{
    prelude::*,
    sql_types::{BigInt, Integer, Nullable, Text},
};

/// Names and counts around one customer, including what it inherits from its organization.
#[derive(Clone, Debug, QueryableByName)]
pub struct CustomerFacts {
    #[diesel(sql_type = Nullable<Text>)]
    pub group_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub channel_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub price_list_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub price_list_currency: Option<String>,
    #[diesel(sql_type = Text)]
    pub store_code: String,
    #[diesel(sql_type = Text)]
    pub store_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub terms_name: Option<String>,
    #[diesel(sql_type = Nullable<Integer>)]
    pub terms_days: Option<i32>,
    #[diesel(sql_type = Nullable<Text>)]
    pub salesperson_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub org_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub org_account: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub org_group_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub org_channel_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub org_price_list_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub bill_to_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub bill_to_account: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub master_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub master_account: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub merged_into_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub tags: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub members_total: i64,
    #[diesel(sql_type = BigInt)]
    pub sell_to_total: i64,
    #[diesel(sql_type = BigInt)]
    pub associated_total: i64,
    #[diesel(sql_type = BigInt)]
    pub notes_total: i64,
    #[diesel(sql_type = BigInt)]
    pub history_total: i64,
    #[diesel(sql_type = BigInt)]
    pub addresses_total: i64,
    #[diesel(sql_type = BigInt)]
    pub contacts_total: i64,
}

/// One row of names for the ids a customer points at. Single-row lookups are written as scalar
/// subqueries rather than joins: with fourteen joined tables PostgreSQL spent 8-20 ms planning
/// (searching join orders) a query that runs in 0.2 ms; each subquery plans on its own at once.
///
/// `$2` is the reader's scope (`StaffScope::salesperson`: NULL for every customer): another
/// customer it points at is named, and counted among the dependents, only when the reader sees
/// it; `seen` is worked out (once) only for a limited reader.
const FACTS_SQL: &str = "WITH seen AS (SELECT clientele_customers_of($2) AS id)
SELECT
       (SELECT name FROM customer_groups WHERE id = c.customer_group_id) AS group_name,
       ch.name AS channel_name, pl.name AS price_list_name, pl.currency AS price_list_currency,
       s.code AS store_code, s.name AS store_name,
       (SELECT name FROM payment_terms WHERE id = c.payment_terms_id) AS terms_name,
       (SELECT days FROM payment_terms WHERE id = c.payment_terms_id) AS terms_days,
       (SELECT name FROM staff WHERE id = c.salesperson_id) AS salesperson_name,
       CASE WHEN $2::bigint IS NULL OR o.id IN (SELECT id FROM seen) THEN o.legal_name END
         AS org_name,
       CASE WHEN $2::bigint IS NULL OR o.id IN (SELECT id FROM seen) THEN o.account_number END
         AS org_account,
       (SELECT name FROM customer_groups WHERE id = o.customer_group_id) AS org_group_name,
       (SELECT name FROM sales_channels WHERE id = o.sales_channel_id) AS org_channel_name,
       (SELECT opl.name FROM sales_channels och JOIN price_lists opl ON opl.id = och.price_list_id
         WHERE och.id = o.sales_channel_id) AS org_price_list_name,
       (SELECT legal_name FROM customers x WHERE x.id = c.bill_to_id AND ($2::bigint IS NULL
          OR x.id IN (SELECT id FROM seen))) AS bill_to_name,
       (SELECT account_number FROM customers x WHERE x.id = c.bill_to_id AND ($2::bigint IS NULL
          OR x.id IN (SELECT id FROM seen))) AS bill_to_account,
       (SELECT legal_name FROM customers x WHERE x.id = c.master_id AND ($2::bigint IS NULL
          OR x.id IN (SELECT id FROM seen))) AS master_name,
       (SELECT account_number FROM customers x WHERE x.id = c.master_id AND ($2::bigint IS NULL
          OR x.id IN (SELECT id FROM seen))) AS master_account,
       (SELECT legal_name FROM customers x WHERE x.id = c.merged_into_id AND ($2::bigint IS NULL
          OR x.id IN (SELECT id FROM seen))) AS merged_into_name,
       (SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM customer_tags ct
          JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id) AS tags,
       (SELECT count(*) FROM customers x WHERE x.organization_id = c.id AND ($2::bigint IS NULL
          OR x.id IN (SELECT id FROM seen))) AS members_total,
       (SELECT count(*) FROM customers x WHERE x.bill_to_id = c.id AND ($2::bigint IS NULL
          OR x.id IN (SELECT id FROM seen))) AS sell_to_total,
       (SELECT count(*) FROM customers x WHERE x.master_id = c.id AND ($2::bigint IS NULL
          OR x.id IN (SELECT id FROM seen))) AS associated_total,
       (SELECT count(*) FROM customer_notes n WHERE n.customer_id = c.id) AS notes_total,
       (SELECT count(*) FROM customer_history h WHERE h.customer_id = c.id) AS history_total,
       (SELECT count(*) FROM customer_addresses a WHERE a.customer_id = c.id) AS addresses_total,
       (SELECT count(*) FROM customer_contacts p WHERE p.customer_id = c.id) AS contacts_total
  FROM customers c
  JOIN stores s ON s.id = c.default_store_id
  LEFT JOIN sales_channels ch ON ch.id = c.sales_channel_id
  LEFT JOIN price_lists pl ON pl.id = ch.price_list_id
  LEFT JOIN customers o ON o.id = c.organization_id
 WHERE c.id = $1";

impl CustomerFacts {
    /// The facts of `customer_id` as `scope`'s reader may see them: a linked customer outside
    /// the scope is not named (its id is still on the customer: the page says "outside your
    /// customers") and not counted.
    pub fn load(
        conn: &mut PgConnection,
        customer_id: i64,
        scope: &StaffScope,
    ) -> QueryResult<CustomerFacts> {
        Kept(
            diesel::sql_query(FACTS_SQL)
                .bind::<BigInt, _>(customer_id)
                .bind::<Nullable<BigInt>, _>(scope.salesperson()),
        )
        .get_result(conn)
    }

    /// The customer's group, or its organization's, saying which.
    pub fn group(&self) -> Inherited {
        Inherited::pick(&self.group_name, &self.org_group_name, &self.org_name)
    }

    pub fn channel(&self) -> Inherited {
        Inherited::pick(&self.channel_name, &self.org_channel_name, &self.org_name)
    }

    /// The price list follows the sales channel, own or inherited.
    pub fn price_list(&self) -> Inherited {
        if self.channel_name.is_some() {
            Inherited::pick(&self.price_list_name, &None, &None)
        } else {
            Inherited::pick(&None, &self.org_price_list_name, &self.org_name)
        }
    }
}

/// A value as the page shows it: the customer's own, or its organization's.
#[derive(Clone, Debug, Default)]
pub struct Inherited {
    pub value: Option<String>,
    /// The organization it comes from, when inherited.
    pub from: Option<String>,
}

impl Inherited {
    fn pick(own: &Option<String>, inherited: &Option<String>, org: &Option<String>) -> Inherited {
        match (own, inherited) {
            (Some(v), _) => Inherited {
                value: Some(v.clone()),
                from: None,
            },
            (None, Some(v)) => Inherited {
                value: Some(v.clone()),
                from: org.clone(),
            },
            (None, None) => Inherited::default(),
        }
    }
}

/// A customer that points at another one: a member, sell-to or associated customer.
#[derive(Clone, Debug, QueryableByName)]
pub struct Dependent {
    #[diesel(sql_type = Text)]
    pub relation: String,
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub legal_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub account_number: Option<String>,
}

/// The dependents, `$3` being the reader's scope as in `FACTS_SQL`.
const DEPENDENTS_SQL: &str = "WITH seen AS (SELECT clientele_customers_of($3) AS id)
SELECT relation, id, legal_name, account_number FROM (
    SELECT 'member' AS relation, id, legal_name, account_number,
           row_number() OVER (ORDER BY legal_name, id) AS n FROM customers WHERE organization_id = $1
             AND ($3::bigint IS NULL OR id IN (SELECT id FROM seen))
    UNION ALL
    SELECT 'sell_to', id, legal_name, account_number,
           row_number() OVER (ORDER BY legal_name, id) FROM customers WHERE bill_to_id = $1
             AND ($3::bigint IS NULL OR id IN (SELECT id FROM seen))
    UNION ALL
    SELECT 'associated', id, legal_name, account_number,
           row_number() OVER (ORDER BY legal_name, id) FROM customers WHERE master_id = $1
             AND ($3::bigint IS NULL OR id IN (SELECT id FROM seen))
) d WHERE n <= $2 ORDER BY relation, n";

/// Up to `per_relation` of each kind of dependent that `scope`'s reader sees, by name.
pub fn dependents(
    conn: &mut PgConnection,
    customer_id: i64,
    per_relation: i64,
    scope: &StaffScope,
) -> QueryResult<Vec<Dependent>> {
    Kept(
        diesel::sql_query(DEPENDENTS_SQL)
            .bind::<BigInt, _>(customer_id)
            .bind::<BigInt, _>(per_relation)
            .bind::<Nullable<BigInt>, _>(scope.salesperson()),
    )
    .load(conn)
}
