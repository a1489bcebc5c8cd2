//! `/metrics`: what an operator's Prometheus scrapes, in its text format.
//!
//! Counted as it happens, per instance: requests by method, route pattern (never the path
//! itself, which holds ids and tokens) and status, their time to the response's head, and
//! failed sign-ins. Read when scraped: the database pool (work in progress and waiting at the
//! gate, connections open and idle), and from the database, shared by all instances, the
//! outbox's and the webhooks' backlog and failures and the import runs by status.
//!
//! Served on `METRICS_ADDR` (its own small server) and, behind `METRICS_TOKEN`, at `/metrics`
//! on the main address; without either, nowhere (see `routes::metrics`).

use crate::{
    db::{self, DbPool},
    error::AppResult,
    schema::import_runs,
};
use actix_web::{HttpResponse, dev::ServiceRequest, http::StatusCode, web};
use diesel::prelude::*;
use prometheus_client::{
    encoding::EncodeLabelSet,
    metrics::{counter::Counter, family::Family, gauge::Gauge, histogram::Histogram},
    registry::{Registry, Unit},
};
use std::time::Instant;

/// A request's labels: its method, the pattern of the route that matched (`unmatched` when
/// none did) and its status.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: String,
}

type Labels = [(&'static str, &'static str); 1];

/// Seconds, from 5 ms (a cached page) to 10 s (past the statement timeout).
const LATENCY_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

/// The instance's metrics, shared by its workers (and its metrics server).
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    sign_in_failures: Family<[(&'static str, &'static str); 2], Counter>,
    /// Read when scraped.
    pool: Family<Labels, Gauge>,
    outbox: Family<Labels, Gauge>,
    webhooks: Family<Labels, Gauge>,
    import_runs: Family<Labels, Gauge>,
    database_up: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut m = Metrics {
            registry: Registry::with_prefix("clientele"),
            requests: Family::default(),
            latency: Family::new_with_constructor(latency_histogram),
            sign_in_failures: Family::default(),
            pool: Family::default(),
            outbox: Family::default(),
            webhooks: Family::default(),
            import_runs: Family::default(),
            database_up: Gauge::default(),
        };
        let r = &mut m.registry;
        r.register(
            "http_requests",
            "HTTP requests answered, by method, route pattern and status",
            m.requests.clone(),
        );
        r.register_with_unit(
            "http_request_duration",
            "Time to the response's head, by method and route pattern",
            Unit::Seconds,
            m.latency.clone(),
        );
        r.register(
            "sign_in_failures",
            "Sign-ins refused (wrong or unknown credentials) or throttled, by door and reason",
            m.sign_in_failures.clone(),
        );
        let gauges = [
            (
                "db_pool",
                "Database work: turns (size), in use, and waiting for one; connections open and idle",
                &m.pool,
            ),
            (
                "outbox_messages",
                "Emails not yet sent (backlog) and given up on (failed), all instances",
                &m.outbox,
            ),
            (
                "webhook_deliveries",
                "Webhook deliveries not yet made (backlog) and given up on (failed), all instances",
                &m.webhooks,
            ),
            ("import_runs", "Import runs by status", &m.import_runs),
        ];
        for (name, help, family) in gauges {
            r.register(name, help, family.clone());
        }
        r.register(
            "database_up",
            "Whether the database answered this scrape's queries (1) or not (0)",
            m.database_up.clone(),
        );
        m
    }

    /// A sign-in at `door` that signed nobody in, for `reason` (`refused`, `throttled`).
    pub fn sign_in_failed(&self, door: &'static str, reason: &'static str) {
        self.sign_in_failures
            .get_or_create(&[("door", door), ("reason", reason)])
            .inc();
    }

    /// Everything, read now, in the Prometheus text format.
    pub async fn scrape(&self, pool: &DbPool) -> String {
        let stats = pool.stats();
        for (state, value) in [
            ("size", stats.size),
            ("in_use", stats.in_use),
            ("waiting", stats.waiting),
            ("connections_open", stats.connections as usize),
            ("connections_idle", stats.idle_connections as usize),
        ] {
            self.pool
                .get_or_create(&[("state", state)])
                .set(value as i64);
        }
        match db::run(pool, |conn| Ok(Backlog::read(conn)?)).await {
            Ok(backlog) => {
                self.record(&backlog);
                self.database_up.set(1);
            }
            Err(e) => {
                log::warn!("metrics: the database did not answer: {e}");
                self.database_up.set(0);
            }
        }
        let mut text = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry)
            .expect("writing to a String");
        text
    }

    fn record(&self, b: &Backlog) {
        let set = |family: &Family<Labels, Gauge>, key, values: &[(&'static str, i64)]| {
            for (value, n) in values {
                family.get_or_create(&[(key, value)]).set(*n);
            }
        };
        set(
            &self.outbox,
            "state",
            &[("backlog", b.outbox.0), ("failed", b.outbox.1)],
        );
        set(
            &self.webhooks,
            "state",
            &[("backlog", b.webhooks.0), ("failed", b.webhooks.1)],
        );
        let runs: Vec<(&'static str, i64)> = IMPORT_STATUSES
            .iter()
            .map(|s| {
                (
                    *s,
                    b.import_runs
                        .iter()
                        .find(|(t, _)| t == s)
                        .map_or(0, |r| r.1),
                )
            })
            .collect();
        set(&self.import_runs, "status", &runs);
    }
}

/// Every status an import run can have (the table's check).
const IMPORT_STATUSES: [&str; 3] = ["running", "succeeded", "failed"];

/// The database's side of a scrape: (backlog, failed) of the outbox and of the webhook
/// deliveries, and import runs by status.
struct Backlog {
    outbox: (i64, i64),
    webhooks: (i64, i64),
    import_runs: Vec<(String, i64)>,
}

#[derive(QueryableByName)]
struct Counts {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    outbox_backlog: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    outbox_failed: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    webhook_backlog: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    webhook_failed: i64,
}

/// One round trip; each count is read through a partial index on its status.
const COUNTS: &str = "SELECT \
    (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')) AS outbox_backlog, \
    (SELECT count(*) FROM outbox WHERE status = 'failed') AS outbox_failed, \
    (SELECT count(*) FROM webhook_deliveries WHERE status IN ('pending', 'sending')) \
        AS webhook_backlog, \
    (SELECT count(*) FROM webhook_deliveries WHERE status = 'failed') AS webhook_failed";

impl Backlog {
    fn read(conn: &mut PgConnection) -> QueryResult<Backlog> {
        let c: Counts = diesel::sql_query(COUNTS).get_result(conn)?;
        let import_runs = import_runs::table
            .group_by(import_runs::status)
            .select((import_runs::status, diesel::dsl::count_star()))
            .load(conn)?;
        Ok(Backlog {
            outbox: (c.outbox_backlog, c.outbox_failed),
            webhooks: (c.webhook_backlog, c.webhook_failed),
            import_runs,
        })
    }
}

/// A request being timed: its labels are taken before the inner services run (the route from
/// the path, since nothing may hold the request meanwhile), its status after.
pub struct Timer {
    metrics: Option<web::Data<Metrics>>,
    method: &'static str,
    route: String,
    started: Instant,
}

impl Timer {
    pub fn start(req: &ServiceRequest) -> Timer {
        Timer {
            metrics: req.app_data::<web::Data<Metrics>>().cloned(),
            method: method_label(req.method()),
            route: req
                .match_pattern()
                .unwrap_or_else(|| "unmatched".to_string()),
            started: Instant::now(),
        }
    }

    pub fn finish(self, status: StatusCode) {
        let Some(metrics) = self.metrics else { return };
        let route = RouteLabels {
            method: self.method,
            route: self.route,
        };
        metrics
            .latency
            .get_or_create(&route)
            .observe(self.started.elapsed().as_secs_f64());
        metrics
            .requests
            .get_or_create(&RequestLabels {
                method: route.method,
                route: route.route,
                status: status.as_u16(),
            })
            .inc();
    }
}

/// The standard methods by name; any other a client makes up counts as `other`.
fn method_label(method: &actix_web::http::Method) -> &'static str {
    const KNOWN: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    KNOWN
        .into_iter()
        .find(|m| *m == method.as_str())
        .unwrap_or("other")
}

/// The scrape as an HTTP answer.
pub async fn answer(metrics: &Metrics, pool: &DbPool) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok()
        .content_type(prometheus_client::encoding::prometheus_text::CONTENT_TYPE)
        .insert_header(("Cache-Control", "no-store"))
        .body(metrics.scrape(pool).await))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_nobody_knows_share_one_label() {
        use actix_web::http::Method;
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::from_bytes(b"BREW").unwrap()), "other");
    }
}
