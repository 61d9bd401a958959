//! Sending within Meta's limits: messages per second for the business number, and pacing per
//! customer (Meta's "pair" limit: about one message every 6 seconds sustained, with short
//! bursts). Both are GCRA limiters from the `governor` crate.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::OutboxSettings;
use crate::metrics::Metrics;

/// The business number's limiter, telling what is left after each message it lets through.
type NumberLimiter = RateLimiter<NotKeyed, InMemoryState, DefaultClock, StateInformationMiddleware>;

pub(crate) struct Limits {
    number: Option<NumberLimiter>,
    pair: Option<DefaultKeyedRateLimiter<String>>,
    clock: DefaultClock,
}

impl Limits {
    pub(crate) fn new(settings: &OutboxSettings) -> Self {
        // Bursts of a tenth of a second's worth at most: a full second's allowance at once could
        // itself trip Meta's throughput limit.
        let number = settings.rate_per_second.map(|rate| {
            let burst = NonZeroU32::new(rate.get() / 10).unwrap_or(NonZeroU32::MIN);
            RateLimiter::direct(Quota::per_second(rate).allow_burst(burst))
                .with_middleware::<StateInformationMiddleware>()
        });
        let pair = settings.pair_pacing.map(|p| {
            let quota = Quota::with_period(p.period)
                .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
                .allow_burst(p.burst);
            RateLimiter::keyed(quota)
        });
        Self {
            number,
            pair,
            clock: DefaultClock::default(),
        }
    }

    /// Waits until the business number may send one more message; tells `metrics` how many
    /// more may go at once.
    pub(crate) async fn until_number_ready(&self, metrics: &Metrics) {
        if let Some(limiter) = &self.number {
            let state = limiter.until_ready().await;
            let quota = state.quota();
            metrics.rate_limit_seen(
                state.remaining_burst_capacity(),
                quota.burst_size().get(),
                quota.replenish_interval(),
            );
        }
    }

    /// Takes a send for `contact` now, or says how long to wait.
    pub(crate) fn take_pair(&self, contact: &str) -> Result<(), Duration> {
        let Some(limiter) = &self.pair else {
            return Ok(());
        };
        limiter
            .check_key(&contact.to_owned())
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    /// Forgets customers whose pacing has fully recovered (bounded memory).
    pub(crate) fn forget_idle(&self) {
        if let Some(limiter) = &self.pair {
            limiter.retain_recent();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::PairPacing;

    #[test]
    fn a_customer_gets_a_burst_then_waits_and_others_are_not_held_up() {
        let settings = OutboxSettings {
            pair_pacing: Some(PairPacing {
                period: Duration::from_secs(6),
                burst: NonZeroU32::new(3).unwrap(),
            }),
            ..OutboxSettings::default()
        };
        let limits = Limits::new(&settings);
        for _ in 0..3 {
            assert_eq!(limits.take_pair("15550100001"), Ok(()));
        }
        let wait = limits.take_pair("15550100001").unwrap_err();
        assert!(
            wait > Duration::from_secs(5) && wait <= Duration::from_secs(6),
            "{wait:?}"
        );
        assert_eq!(limits.take_pair("15550100002"), Ok(()));
    }

    #[test]
    fn no_limits_when_switched_off() {
        let settings = OutboxSettings {
            rate_per_second: None,
            pair_pacing: None,
            ..OutboxSettings::default()
        };
        let limits = Limits::new(&settings);
        for _ in 0..100 {
            assert_eq!(limits.take_pair("15550100001"), Ok(()));
        }
    }
}
