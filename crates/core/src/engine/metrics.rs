//! The engine's Prometheus metrics (`GET /metrics` on loopback, `shopchat serve` included).

use super::Engine;
use crate::metrics::Metrics;

impl Engine {
    /// The engine's own metrics (a registry per engine).
    pub fn metrics(&self) -> &Metrics {
        self.webhooks.metrics()
    }

    /// Where the local listener serves them: `http://{addr}/metrics`.
    pub fn metrics_url(&self) -> String {
        format!("http://{}/metrics", self.addr)
    }
}
