//! The engine's retention task: prunes at the start and every [`EVERY`](super::EVERY), with the
//! settings' `retention_days` read each time.

use std::path::PathBuf;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::{EVERY, Pruned, prune_batch};
use crate::settings::Settings;
use crate::store::{Store, StoreError};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// A pause between batches, so the inbox and the outbox get the writer in between.
const BETWEEN_BATCHES: Duration = Duration::from_millis(50);
/// The first run waits this long after the start.
const FIRST_RUN: Duration = Duration::from_secs(60);

/// Prunes until nothing is left to prune at `now_ms`; returns what it removed in all.
pub async fn prune_all(store: &Store, now_ms: i64, keep_ms: i64) -> Result<Pruned, StoreError> {
    let mut total = Pruned::default();
    loop {
        let batch = store
            .writer()
            .call(move |ctx| prune_batch(ctx.conn, now_ms, keep_ms))
            .await?;
        total.add(batch);
        if batch.is_empty() {
            return Ok(total);
        }
        tokio::time::sleep(BETWEEN_BATCHES).await;
    }
}

/// Runs until `stop`.
pub async fn run(store: Store, data_dir: PathBuf, stop: CancellationToken) {
    let mut wait = FIRST_RUN;
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(wait) => {}
        }
        wait = EVERY;
        let days = Settings::load(&Settings::file(&data_dir))
            .map(|s| s.maintenance.retention_days)
            .unwrap_or(super::DEFAULT_RETENTION_DAYS);
        let keep_ms = i64::from(days) * DAY_MS;
        match prune_all(&store, crate::clock::now_ms(), keep_ms).await {
            Ok(p) if !p.is_empty() => info!(
                webhook_bodies = p.webhook_bodies,
                outbox_rows = p.outbox_rows,
                pages_freed = p.pages_freed,
                days,
                "old journal and outbox rows pruned"
            ),
            Ok(_) => {}
            Err(e) => warn!(error = %e, "pruning old rows failed"),
        }
    }
}
