//! How the fake behaves.

use std::time::Duration;

/// How the fake reports what it accepted.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Delays before an accepted message is reported `sent`, then `delivered`, then `read`.
    pub status_delays: [Duration; 3],
    /// Simulated customers answer the shop's messages after reading them.
    pub auto_reply: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            status_delays: [
                Duration::from_millis(300),
                Duration::from_millis(900),
                Duration::from_millis(2000),
            ],
            auto_reply: true,
        }
    }
}
