//! Draining: what an instance does between being told to stop and stopping.
//!
//! On SIGTERM (or Ctrl-C) the instance keeps serving for `DRAIN_SECONDS` while `/readyz` answers
//! 503 "draining" and every response carries `Connection: close`, so a proxy stops sending it
//! new work and drops the connections it keeps to it; then it stops accepting connections and
//! lets the requests in flight finish (up to 30 s). A second signal, or SIGQUIT, stops it at
//! once. Without a drain period it stops accepting straight away, as before.

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServerHandle, ServiceRequest, ServiceResponse},
    http::ConnectionType,
    middleware::Next,
    web,
};
use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

/// Whether this instance is draining, shared by the signal task, the probes and the middleware.
#[derive(Clone, Debug)]
pub struct Drain {
    draining: Arc<AtomicBool>,
    period: Duration,
}

impl Drain {
    pub fn new(period: Duration) -> Drain {
        Drain {
            draining: Arc::new(AtomicBool::new(false)),
            period,
        }
    }

    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Relaxed)
    }

    /// Drains for the period, then stops the server gracefully (requests in flight finish).
    pub async fn drain_and_stop(&self, server: ServerHandle) {
        if !self.draining.swap(true, Ordering::SeqCst) {
            log::info!(
                "draining for {} s before stopping (/readyz answers 503)",
                self.period.as_secs()
            );
        }
        actix_web::rt::time::sleep(self.period).await;
        server.stop(true).await;
    }

    /// Waits for SIGTERM or SIGINT and drains; a second signal or SIGQUIT stops at once.
    pub async fn on_signals(self, server: ServerHandle) {
        use actix_web::rt::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut int), Ok(mut quit)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
            signal(SignalKind::quit()),
        ) else {
            log::error!("cannot listen for signals; stop the process with SIGKILL");
            return;
        };
        let first = tokio::select! {
            _ = term.recv() => "SIGTERM",
            _ = int.recv() => "SIGINT",
            _ = quit.recv() => return server.stop(false).await,
        };
        log::info!("{first} received: stopping");
        let graceful = self.drain_and_stop(server.clone());
        tokio::select! {
            _ = graceful => {}
            _ = term.recv() => server.stop(false).await,
            _ = int.recv() => server.stop(false).await,
            _ = quit.recv() => server.stop(false).await,
        }
    }
}

/// Asks the client (a proxy, most often) to close the connection after each response while
/// the instance drains.
pub async fn close_when_draining(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let draining = req
        .app_data::<web::Data<Drain>>()
        .is_some_and(|d| d.is_draining());
    let mut res = next.call(req).await?;
    if draining {
        res.response_mut()
            .head_mut()
            .set_connection_type(ConnectionType::Close);
    }
    Ok(res)
}
