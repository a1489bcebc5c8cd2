//! `Idempotency-Key` on the API's POSTs: a client that cannot tell whether its request arrived
//! sends it again with the same key, and the work is done once.
//!
//! The key is reserved (the primary key of `api_idempotency`) in the transaction that does the
//! work, before the work; the answer is stored in the same transaction. A second request with
//! the same key meanwhile waits on the reservation: once the first commits, it answers the
//! stored answer again (`Idempotent-Replayed: true`); had the first failed, nothing was kept
//! and the second does the work. The same key with another route or body is a 422. Only
//! successful answers are kept: a refused request changed nothing, and sending it again asks
//! afresh. Keys are kept 24 hours.

use super::Problem;
use crate::error::AppError;
use actix_web::{
    HttpRequest, HttpResponse,
    http::{StatusCode, header},
};
use blake2::{Blake2b256, Digest};
use diesel::{
    prelude::*,
    sql_types::{BigInt, Bytea, Text},
};
use serde::Serialize;

/// The header, and the one a replayed answer carries.
pub const HEADER: &str = "Idempotency-Key";
pub const REPLAYED: &str = "Idempotent-Replayed";

/// A successful answer of a POST: its status, its JSON body, and where what it made lives.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub body: String,
    pub location: Option<String>,
}

impl Reply {
    pub fn new(status: StatusCode, body: &impl Serialize, location: Option<String>) -> Reply {
        Reply {
            status,
            body: serde_json::to_string(body).unwrap_or_else(|_| "{}".to_string()),
            location,
        }
    }

    /// The response; `replayed` when it answers a request done before.
    pub fn respond(self, replayed: bool) -> HttpResponse {
        let mut answer = HttpResponse::build(self.status);
        answer
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .content_type("application/json");
        if let Some(location) = self.location {
            answer.insert_header((header::LOCATION, location));
        }
        if replayed {
            answer.insert_header((REPLAYED, "true"));
        }
        answer.body(self.body)
    }
}

/// What a POST brings to be done once: its key, if it sent one, and the digest of its route
/// and body.
pub struct Once {
    key: Option<String>,
    fingerprint: Vec<u8>,
}

impl Once {
    /// The request's key (1-255 visible ASCII characters, else a 422 naming the header) and
    /// the fingerprint of its method, path and body (as read, so spacing does not count).
    pub fn of(req: &HttpRequest, body: &impl Serialize) -> Result<Once, Problem> {
        let key = match req.headers().get(HEADER) {
            None => None,
            Some(value) => {
                let key = value.to_str().ok().map(str::trim).unwrap_or_default();
                let visible = key.bytes().all(|b| b.is_ascii_graphic());
                if key.is_empty() || key.len() > 255 || !visible {
                    let detail = "must be 1 to 255 visible ASCII characters";
                    return Err(Problem::field(HEADER, detail));
                }
                Some(key.to_string())
            }
        };
        let mut digest = Blake2b256::new();
        digest.update(req.method().as_str());
        digest.update(b" ");
        digest.update(req.path());
        digest.update(b"\n");
        digest.update(serde_json::to_vec(body).unwrap_or_default());
        Ok(Once {
            key,
            fingerprint: digest.finalize().to_vec(),
        })
    }

    /// Does `work` once for this key (every time, without one) and answers its reply, and
    /// whether it was kept from before; a refusal of `work` takes back everything it wrote.
    pub fn run<F>(
        &self,
        conn: &mut PgConnection,
        client_id: i64,
        work: F,
    ) -> Result<(Reply, bool), Problem>
    where
        F: FnOnce(&mut PgConnection) -> Result<Reply, Problem>,
    {
        let done = conn.transaction::<_, Undo, _>(|conn| {
            if let Some(key) = &self.key
                && let Some(kept) = self.reserve(conn, client_id, key)?
            {
                return Ok((kept, true));
            }
            let reply = work(conn).map_err(Undo::Refused)?;
            if let Some(key) = &self.key {
                keep(conn, client_id, key, &reply)?;
            }
            Ok((reply, false))
        });
        match done {
            Ok(done) => Ok(done),
            Err(Undo::Refused(problem)) => Err(problem),
            Err(Undo::Failed(e)) => Err(Problem::from(e)),
        }
    }

    /// Reserves `key`, or (once the request that holds it is done) answers what it answered.
    fn reserve(
        &self,
        conn: &mut PgConnection,
        client_id: i64,
        key: &str,
    ) -> Result<Option<Reply>, Undo> {
        #[derive(QueryableByName)]
        struct Kept {
            #[diesel(sql_type = Bytea)]
            fingerprint: Vec<u8>,
            #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::SmallInt>)]
            status: Option<i16>,
            #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
            body: Option<String>,
            #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
            location: Option<String>,
        }
        diesel::sql_query(
            "DELETE FROM api_idempotency
              WHERE client_id = $1 AND created_at < now() - interval '24 hours'",
        )
        .bind::<BigInt, _>(client_id)
        .execute(conn)?;
        // Waits for a request holding the key; once it is done, takes nothing.
        let reserved = diesel::sql_query(
            "INSERT INTO api_idempotency (client_id, key, fingerprint) VALUES ($1, $2, $3)
             ON CONFLICT (client_id, key) DO NOTHING",
        )
        .bind::<BigInt, _>(client_id)
        .bind::<Text, _>(key)
        .bind::<Bytea, _>(&self.fingerprint)
        .execute(conn)?;
        if reserved == 1 {
            return Ok(None);
        }
        let kept: Kept = diesel::sql_query(
            "SELECT fingerprint, status, body, location FROM api_idempotency WHERE client_id = $1 AND key = $2",
        )
        .bind::<BigInt, _>(client_id)
        .bind::<Text, _>(key)
        .get_result(conn)?;
        if kept.fingerprint != self.fingerprint {
            let detail = "this key was sent before with another request; send a new key for a \
                          new request";
            return Err(Undo::Refused(Problem::field(HEADER, detail)));
        }
        let (Some(status), Some(body)) = (kept.status, kept.body) else {
            return Err(Undo::Failed(AppError::internal(
                "an idempotency key kept without its answer",
            )));
        };
        let status = StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK);
        Ok(Some(Reply {
            status,
            body,
            location: kept.location,
        }))
    }
}

/// Stores the answer of the request that reserved `key`.
fn keep(conn: &mut PgConnection, client_id: i64, key: &str, reply: &Reply) -> QueryResult<usize> {
    use crate::schema::api_idempotency as i;
    diesel::update(i::table.find((client_id, key)))
        .set((
            i::status.eq(reply.status.as_u16() as i16),
            i::body.eq(&reply.body),
            i::location.eq(&reply.location),
        ))
        .execute(conn)
}

/// Why a POST's transaction was taken back.
enum Undo {
    Refused(Problem),
    Failed(AppError),
}

impl From<diesel::result::Error> for Undo {
    fn from(e: diesel::result::Error) -> Undo {
        Undo::Failed(AppError::from(e))
    }
}
