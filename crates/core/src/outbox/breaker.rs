//! The outbox's circuit breaker: what the worker may do right now, shared with the engine.
//!
//! - An access token Meta refuses (190, HTTP 401/403) pauses the outbox until the owner
//!   reconnects the account (or asks to try again): sending more would only fail the same way.
//! - Repeated server or network failures open the circuit for a while; then one send is tried
//!   (half-open), and a success closes it.
//!
//! Nothing queued is dropped while paused: rows stay pending and go out once sending resumes.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;

use crate::clock::now_secs;
use crate::events::OutboxHealth;

/// Consecutive server or network failures that open the circuit.
pub const SERVER_FAILURES_TO_OPEN: u32 = 5;

#[derive(Clone)]
pub struct Breaker {
    inner: Arc<Inner>,
}

struct Inner {
    state: Mutex<State>,
    changed: Notify,
    cooldown: Duration,
}

struct State {
    health: OutboxHealth,
    server_failures: u32,
}

/// What the worker should do before claiming the next row.
pub(crate) enum Gate {
    Open,
    /// The cooldown is over: one send at a time until one succeeds (half-open).
    Trial,
    /// Wait for [`Breaker::resume`] (or a state change).
    Paused,
    /// Wait this long, then try one send.
    Wait(Duration),
}

impl Breaker {
    pub fn new(cooldown: Duration) -> Self {
        Self {
            inner: Arc::new(Inner {
                state: Mutex::new(State {
                    health: OutboxHealth::Running,
                    server_failures: 0,
                }),
                changed: Notify::new(),
                cooldown,
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn health(&self) -> OutboxHealth {
        self.state().health.clone()
    }

    /// Resumes sending after a pause (the owner reconnected or asked to try again). Returns the
    /// health before, when it changed.
    pub fn resume(&self) -> Option<OutboxHealth> {
        let mut s = self.state();
        if s.health == OutboxHealth::Running {
            return None;
        }
        s.server_failures = 0;
        s.health = OutboxHealth::Running;
        drop(s);
        // One worker waits; a permit is kept if it is not waiting yet.
        self.inner.changed.notify_one();
        Some(OutboxHealth::Running)
    }

    pub(crate) fn gate(&self) -> Gate {
        match &self.state().health {
            OutboxHealth::Running => Gate::Open,
            OutboxHealth::NeedsReconnect { .. } => Gate::Paused,
            OutboxHealth::CoolingDown { until, .. } => {
                let left = (*until - now_secs()).max(0) as u64;
                if left == 0 {
                    Gate::Trial
                } else {
                    Gate::Wait(Duration::from_secs(left))
                }
            }
        }
    }

    /// Resolves when the health changes (or `resume` is called).
    pub(crate) async fn changed(&self) {
        self.inner.changed.notified().await;
    }

    /// A send went through. Returns the new health when it changed.
    pub(crate) fn succeeded(&self) -> Option<OutboxHealth> {
        let mut s = self.state();
        s.server_failures = 0;
        if matches!(s.health, OutboxHealth::CoolingDown { .. }) {
            s.health = OutboxHealth::Running;
            return Some(s.health.clone());
        }
        None
    }

    /// The token was refused. Returns the new health when it changed.
    pub(crate) fn auth_failed(&self, reason: String) -> Option<OutboxHealth> {
        let mut s = self.state();
        if matches!(s.health, OutboxHealth::NeedsReconnect { .. }) {
            return None;
        }
        s.health = OutboxHealth::NeedsReconnect {
            reason,
            since: now_secs(),
        };
        Some(s.health.clone())
    }

    /// A server or network failure. Returns the new health when it changed.
    pub(crate) fn server_failed(&self, reason: String) -> Option<OutboxHealth> {
        let mut s = self.state();
        s.server_failures += 1;
        let half_open = matches!(s.health, OutboxHealth::CoolingDown { .. });
        if matches!(s.health, OutboxHealth::NeedsReconnect { .. })
            || (s.server_failures < SERVER_FAILURES_TO_OPEN && !half_open)
        {
            return None;
        }
        s.health = OutboxHealth::CoolingDown {
            reason,
            until: now_secs() + self.inner.cooldown.as_secs().max(1) as i64,
        };
        Some(s.health.clone())
    }

    /// Any other outcome (a refusal about this message only) says nothing about the service.
    pub(crate) fn other_failure(&self) {
        self.state().server_failures = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_token_pauses_until_resumed() {
        let b = Breaker::new(Duration::from_secs(30));
        assert!(matches!(b.gate(), Gate::Open));
        let h = b
            .auth_failed("Error validating access token".into())
            .unwrap();
        assert!(matches!(h, OutboxHealth::NeedsReconnect { .. }));
        assert!(matches!(b.gate(), Gate::Paused));
        // A success elsewhere does not undo it; only resume does.
        assert_eq!(b.succeeded(), None);
        assert!(matches!(b.gate(), Gate::Paused));
        assert_eq!(b.resume(), Some(OutboxHealth::Running));
        assert!(matches!(b.gate(), Gate::Open));
        assert_eq!(b.resume(), None);
    }

    #[test]
    fn repeated_server_failures_open_the_circuit_and_one_success_closes_it() {
        let b = Breaker::new(Duration::from_secs(30));
        for _ in 1..SERVER_FAILURES_TO_OPEN {
            assert_eq!(b.server_failed("500".into()), None);
        }
        // A failure about one message only breaks the run.
        b.other_failure();
        for _ in 1..SERVER_FAILURES_TO_OPEN {
            assert_eq!(b.server_failed("500".into()), None);
        }
        let h = b.server_failed("500".into()).unwrap();
        assert!(matches!(h, OutboxHealth::CoolingDown { .. }));
        assert!(matches!(b.gate(), Gate::Wait(d) if d > Duration::from_secs(25)));
        // Once the cooldown is over: one trial at a time.
        b.state().health = OutboxHealth::CoolingDown {
            reason: "500".into(),
            until: now_secs(),
        };
        assert!(matches!(b.gate(), Gate::Trial));
        // Half-open: the trial send fails again, and the circuit stays open.
        assert!(b.server_failed("500".into()).is_some());
        assert_eq!(b.succeeded(), Some(OutboxHealth::Running));
        assert!(matches!(b.gate(), Gate::Open));
    }
}
