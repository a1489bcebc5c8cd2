//! API clients: the systems (the vendor's ERP, an EDI gateway, a web shop) that use the JSON
//! API under `/api/v1`, each with its scopes and a bearer token.
//!
//! A token is 256 random bits, shown once when its client is made and kept only as a digest
//! (BLAKE2b-256: the token is random, so a fast digest is as good as a slow password hash and
//! costs every request nothing). A revoked client's token stops working at once. Requests are
//! counted per client and minute in `api_requests`, so the rate limit holds across instances.

use crate::domain::forms::{FormErrors, SaveError};
use crate::i18n::Msg;
use crate::schema::{api_clients, api_requests};
use blake2::{Blake2b256, Digest};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// Every scope a client may be given, in the order the form lists them.
pub const SCOPES: [&str; 7] = [
    "customers:read",
    "customers:write",
    "orders:read",
    "orders:write",
    "invoices:write",
    "prices:write",
    "stock:write",
];

/// What every token starts with, so one pasted in the wrong place is recognised.
const PREFIX: &str = "clt_";

/// The longest name.
const NAME_MAX: usize = 100;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = api_clients, check_for_backend(diesel::pg::Pg))]
pub struct ApiClient {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<String>,
    /// The token's first characters.
    pub token_hint: String,
    /// Who made it (their name then), and when.
    #[diesel(column_name = created_by_name)]
    pub made_by: String,
    #[diesel(column_name = created_at)]
    pub made_at: DateTime<Utc>,
    /// None: never used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When and by whom it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by_name: Option<String>,
}

/// What a request's count came to: go on, or wait this many seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rate {
    Within,
    Exceeded { retry_after: u32 },
}

fn digest(token: &str) -> Vec<u8> {
    Blake2b256::digest(token.as_bytes()).to_vec()
}

impl ApiClient {
    pub fn allows(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }

    pub fn revoked(&self) -> bool {
        self.revoked_at.is_some()
    }

    /// Every client, those in use first, each group by name.
    pub fn all(conn: &mut PgConnection) -> QueryResult<Vec<ApiClient>> {
        api_clients::table
            .order((
                api_clients::revoked_at.is_not_null(),
                api_clients::name,
                api_clients::id,
            ))
            .select(ApiClient::as_select())
            .load(conn)
    }

    /// Makes a client named `name` with `scopes`, for staff member `by` (id, name): the client
    /// and its token, which is not kept anywhere else. A name missing, too long or in use by
    /// another client, or no scope (or one unknown), comes back as messages beside the fields.
    pub fn create(
        conn: &mut PgConnection,
        (name, scopes): (&str, &[String]),
        by: (i64, &str),
    ) -> Result<(ApiClient, String), SaveError> {
        let name = name.trim();
        let mut errors = FormErrors::new();
        let words = ("api-client-name-missing", "api-client-name-too-long");
        errors.require_text(("name", name), NAME_MAX, words);
        if scopes.is_empty() || scopes.iter().any(|s| !SCOPES.contains(&s.as_str())) {
            errors.add("scopes", Msg::new("api-client-scopes-missing"));
        }
        if !errors.is_empty() {
            return Err(SaveError::Invalid(errors));
        }
        let token = format!("{PREFIX}{}", crate::domain::token::random_hex(32));
        let hint = format!("{}…", &token[..PREFIX.len() + 6]);
        let row = (
            api_clients::name.eq(name),
            api_clients::scopes.eq(scopes),
            api_clients::token_digest.eq(digest(&token)),
            api_clients::token_hint.eq(hint),
        );
        let who = (
            api_clients::created_by.eq(by.0),
            api_clients::created_by_name.eq(by.1),
        );
        let made = diesel::insert_into(api_clients::table)
            .values((row, who))
            .returning(ApiClient::as_returning())
            .get_result(conn);
        let taken = || {
            let message = Msg::new("api-client-name-taken").arg("name", name);
            SaveError::Invalid(FormErrors::one("name", message))
        };
        match made {
            Ok(client) => Ok((client, token)),
            Err(e) => Err(crate::models::unique_as(e, taken)),
        }
    }

    /// Revokes client `id` for staff member `by` (a NotFound when there is none); revoking
    /// one revoked already changes nothing.
    pub fn revoke(conn: &mut PgConnection, id: i64, by: &str) -> QueryResult<ApiClient> {
        let revoked = diesel::update(
            api_clients::table
                .find(id)
                .filter(api_clients::revoked_at.is_null()),
        )
        .set((
            api_clients::revoked_at.eq(diesel::dsl::now),
            api_clients::revoked_by_name.eq(by),
        ))
        .returning(ApiClient::as_returning())
        .get_result(conn)
        .optional()?;
        match revoked {
            Some(client) => Ok(client),
            None => api_clients::table
                .find(id)
                .select(ApiClient::as_select())
                .first(conn),
        }
    }

    /// The client in use whose token `token` is, if any; its last use is written at most once
    /// a minute, so a busy client does not write its row on every request.
    pub fn authenticate(conn: &mut PgConnection, token: &str) -> QueryResult<Option<ApiClient>> {
        if !token.starts_with(PREFIX) {
            return Ok(None);
        }
        let client = api_clients::table
            .filter(api_clients::token_digest.eq(digest(token)))
            .filter(api_clients::revoked_at.is_null())
            .select(ApiClient::as_select())
            .first(conn)
            .optional()?;
        if let Some(c) = &client {
            let stale = c
                .last_used_at
                .is_none_or(|at| Utc::now() - at > chrono::TimeDelta::seconds(60));
            if stale {
                diesel::update(api_clients::table.find(c.id))
                    .set(api_clients::last_used_at.eq(diesel::dsl::now))
                    .execute(conn)?;
            }
        }
        Ok(client)
    }

    /// Counts a request of this client in the current minute, against the vendor's limit per
    /// minute; the minute's first request clears the client's older counts.
    pub fn count_request(&self, conn: &mut PgConnection) -> QueryResult<Rate> {
        // Every request of a client updates its one row of the minute: with the commit waiting
        // for the disk, the row's lock would be held through each flush and a busy client's
        // requests would queue behind each other. A count lost in a crash costs nothing, so
        // this one commit does not wait.
        conn.transaction(|conn| {
            diesel::sql_query("SET LOCAL synchronous_commit TO off").execute(conn)?;
            self.count_in(conn)
        })
    }

    fn count_in(&self, conn: &mut PgConnection) -> QueryResult<Rate> {
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            requests: i32,
            #[diesel(sql_type = diesel::sql_types::Integer)]
            allowed: i32,
            #[diesel(sql_type = diesel::sql_types::Integer)]
            retry_after: i32,
        }
        let count: Count = crate::models::cached_sql::Kept(
            diesel::sql_query(
                "INSERT INTO api_requests AS r (client_id, minute, requests)
                 VALUES ($1, date_trunc('minute', now()), 1)
                 ON CONFLICT (client_id, minute) DO UPDATE SET requests = r.requests + 1
                 RETURNING r.requests,
                           coalesce((SELECT v.api_requests_per_minute FROM vendor_settings v), 600)
                               AS allowed,
                           greatest(1, ceil(extract(epoch FROM date_trunc('minute', now())
                                                    + interval '1 minute' - now())))::int
                               AS retry_after",
            )
            .bind::<diesel::sql_types::BigInt, _>(self.id),
        )
        .get_result(conn)?;
        if count.requests == 1 {
            diesel::delete(
                api_requests::table
                    .filter(api_requests::client_id.eq(self.id))
                    .filter(api_requests::minute.lt(diesel::dsl::sql::<
                        diesel::sql_types::Timestamptz,
                    >(
                        "date_trunc('minute', now())"
                    ))),
            )
            .execute(conn)?;
        }
        Ok(match count.requests > count.allowed {
            true => Rate::Exceeded {
                retry_after: count.retry_after as u32,
            },
            false => Rate::Within,
        })
    }
}
