//! The gate in front of the connection pool: database work waits here for a turn, and a freed
//! turn goes to the waiting work of the *oldest request*, not to whichever asked first.
//!
//! A page or a form makes several trips to the database (the session, the guard, the handler's
//! work, the session again). Served first come first served per trip, a request on its last trip
//! queues behind the first trips of every request that arrived meanwhile, and under load its
//! answer takes as long as all of theirs: the slowest answers grow with the number of trips.
//! Served by age, a request that has started finishes before later ones take the database from
//! it, so each answer waits for the requests ahead of it and no more. A request's age is the
//! instant its middleware ([`by_age`]) saw it; work outside a request (a background job) is as
//! old as its call.

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
};
use std::{
    cmp::Ordering,
    collections::BinaryHeap,
    sync::{Arc, Mutex, PoisonError},
    time::Instant,
};
use tokio::sync::oneshot;

tokio::task_local! {
    static REQUEST_STARTED: Instant;
}

/// Middleware: the request's database work takes its turns by the request's age.
pub async fn by_age(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    REQUEST_STARTED.scope(Instant::now(), next.call(req)).await
}

/// When the work asking now started: its request's arrival, else now.
pub fn started() -> Instant {
    REQUEST_STARTED
        .try_with(|t| *t)
        .unwrap_or_else(|_| Instant::now())
}

/// A number of turns handed out oldest first.
pub struct Gate {
    turns: usize,
    queue: Mutex<Queue>,
}

/// How busy the gate is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Load {
    pub turns: usize,
    pub in_use: usize,
    /// Waiters still waiting (one that gave up is only skipped when its turn comes).
    pub waiting: usize,
}

struct Queue {
    free: usize,
    waiting: BinaryHeap<Waiter>,
    /// Arrival order among waiters of the same instant.
    next: u64,
}

struct Waiter {
    started: Instant,
    seq: u64,
    hand: oneshot::Sender<Turn>,
}

impl Waiter {
    fn age(&self) -> (Instant, u64) {
        (self.started, self.seq)
    }
}

// The heap's greatest is the oldest.
impl Ord for Waiter {
    fn cmp(&self, other: &Self) -> Ordering {
        other.age().cmp(&self.age())
    }
}

impl PartialOrd for Waiter {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Waiter {
    fn eq(&self, other: &Self) -> bool {
        self.age() == other.age()
    }
}

impl Eq for Waiter {}

/// A turn at the gate; dropping it hands it on.
pub struct Turn {
    gate: Option<Arc<Gate>>,
}

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some(gate) = self.gate.take() {
            gate.hand_on();
        }
    }
}

impl Gate {
    pub fn new(turns: usize) -> Arc<Gate> {
        Arc::new(Gate {
            turns,
            queue: Mutex::new(Queue {
                free: turns,
                waiting: BinaryHeap::new(),
                next: 0,
            }),
        })
    }

    fn queue(&self) -> std::sync::MutexGuard<'_, Queue> {
        // Nothing panics while holding the lock; a poisoned one holds a consistent queue.
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn load(&self) -> Load {
        let q = self.queue();
        Load {
            turns: self.turns,
            in_use: self.turns - q.free,
            waiting: q.waiting.iter().filter(|w| !w.hand.is_closed()).count(),
        }
    }

    /// A turn for work that started at `started`, once every older waiter has had one. None
    /// only if the gate is gone.
    pub async fn turn(self: &Arc<Self>, started: Instant) -> Option<Turn> {
        let handed = {
            let mut q = self.queue();
            if q.free > 0 {
                q.free -= 1;
                return Some(Turn {
                    gate: Some(self.clone()),
                });
            }
            let (hand, handed) = oneshot::channel();
            let seq = q.next;
            q.next += 1;
            q.waiting.push(Waiter { started, seq, hand });
            handed
        };
        // Dropped while waiting (a timeout, a client gone): the waiter is skipped when its turn
        // comes, and a turn already handed to it comes back through `Turn`'s drop.
        handed.await.ok()
    }

    /// A turn is given back: to the oldest waiter still waiting, else to the free ones.
    fn hand_on(self: &Arc<Self>) {
        let mut q = self.queue();
        while let Some(waiter) = q.waiting.pop() {
            let turn = Turn {
                gate: Some(self.clone()),
            };
            match waiter.hand.send(turn) {
                Ok(()) => return,
                // That waiter stopped waiting: disarm the turn (its drop would hand on again,
                // under this lock) and try the next.
                Err(mut turn) => {
                    turn.gate = None;
                }
            }
        }
        q.free += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[actix_web::test]
    async fn a_freed_turn_goes_to_the_oldest_waiter_not_the_first_to_ask() {
        let gate = Gate::new(1);
        let held = gate.turn(Instant::now()).await.expect("a free turn");
        let old = Instant::now();
        let young = old + Duration::from_millis(5);
        let (g1, g2) = (gate.clone(), gate.clone());
        let order = Arc::new(Mutex::new(Vec::new()));
        let (o1, o2) = (order.clone(), order.clone());
        // The younger asks first.
        let first = tokio::spawn(async move {
            let _t = g1.turn(young).await;
            o1.lock().unwrap().push("young");
        });
        tokio::task::yield_now().await;
        let second = tokio::spawn(async move {
            let _t = g2.turn(old).await;
            o2.lock().unwrap().push("old");
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(
            order.lock().unwrap().is_empty(),
            "nobody passes a held gate"
        );
        drop(held);
        first.await.unwrap();
        second.await.unwrap();
        assert_eq!(*order.lock().unwrap(), vec!["old", "young"]);
    }

    #[actix_web::test]
    async fn the_load_counts_turns_taken_and_waiters_still_waiting() {
        let gate = Gate::new(1);
        let held = gate.turn(Instant::now()).await.expect("a free turn");
        let waiting = tokio::spawn({
            let gate = gate.clone();
            async move { gate.turn(Instant::now()).await.is_some() }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        let load = gate.load();
        assert_eq!((load.turns, load.in_use, load.waiting), (1, 1, 1));
        drop(held);
        assert!(waiting.await.unwrap());
        assert_eq!(gate.load().in_use, 0);
        assert_eq!(gate.load().waiting, 0);
    }

    #[actix_web::test]
    async fn a_waiter_that_gave_up_does_not_keep_a_turn() {
        let gate = Gate::new(1);
        let held = gate.turn(Instant::now()).await.expect("a free turn");
        let given_up = tokio::time::timeout(Duration::from_millis(10), gate.turn(Instant::now()));
        assert!(given_up.await.is_err());
        drop(held);
        let again = tokio::time::timeout(Duration::from_millis(100), gate.turn(Instant::now()));
        assert!(again.await.expect("the turn came back").is_some());
    }
}
