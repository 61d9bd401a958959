//! Inbound media, fetched as soon as its webhook is applied (Meta's download URL lasts minutes
//! and the media id days): verified against the declared size and sha256, stored by content
//! hash, retried with backoff on failures a retry can help, and its state kept on the message.
//! Each file streams to disk ([`fetch`](super::fetch)); one that would leave the disk below its
//! floor, or take its sender past the daily budget, is held instead.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, broadcast};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};
use wacloud::{ErrorKind, GraphClient, GraphError};

use super::files;
use crate::disk::DiskProbe;
use crate::events::DomainEvent;
use crate::store::media;
use crate::store::{Store, StoreError, now_ms};

/// The largest inbound file accepted (the Cloud API's largest, a document).
pub const MAX_INBOUND_BYTES: u64 = 100 * 1024 * 1024;
/// Attempts before a download is marked failed (the owner can still ask again).
pub const MAX_ATTEMPTS: i64 = 8;
/// Downloads at once.
const PARALLEL: usize = 4;
/// How often to look for due work when nothing wakes the downloader.
const POLL: Duration = Duration::from_secs(30);

/// Wakes the downloader (a new media message, a retry asked for).
#[derive(Clone, Default)]
pub struct DownloadSignal(Arc<Notify>);

impl DownloadSignal {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

/// The download worker.
pub struct Downloader {
    pub store: Store,
    pub graph: GraphClient,
    pub media_dir: PathBuf,
    pub signal: DownloadSignal,
    /// Where `settings.json` is (the free-space floor and the daily budget).
    pub data_dir: PathBuf,
    /// Reads the disk's free space.
    pub probe: DiskProbe,
    /// Bytes being downloaded now, by customer (counted in their daily budget).
    pub(super) in_flight: tokio::sync::Mutex<HashMap<String, u64>>,
    /// Each download's end is counted here (`ok`, `retry`, `failed`).
    pub metrics: crate::metrics::Metrics,
}

impl Downloader {
    pub fn new(
        store: Store,
        graph: GraphClient,
        media_dir: PathBuf,
        signal: DownloadSignal,
        data_dir: PathBuf,
        probe: DiskProbe,
        metrics: crate::metrics::Metrics,
    ) -> Self {
        Self {
            store,
            graph,
            media_dir,
            signal,
            data_dir,
            probe,
            in_flight: Default::default(),
            metrics,
        }
    }

    pub async fn run(self: Arc<Self>, stop: CancellationToken) {
        let this = self;
        files::clear_incoming(&this.media_dir);
        match this
            .store
            .writer()
            .call(|ctx| media::reset_interrupted_downloads(ctx.conn))
            .await
        {
            Ok(n) if n > 0 => info!(count = n, "media: downloads cut short are due again"),
            Ok(_) => {}
            Err(e) => warn!(error = %e, "media: could not reset interrupted downloads"),
        }
        let mut events = this.store.subscribe();
        let mut running: JoinSet<()> = JoinSet::new();
        loop {
            let free = PARALLEL.saturating_sub(running.len()) as u32;
            if free > 0 {
                let now = now_ms();
                match this
                    .store
                    .writer()
                    .call(move |ctx| media::claim_due_downloads(ctx.conn, now, free))
                    .await
                {
                    Ok(due) => {
                        for d in due {
                            let this = this.clone();
                            let stop = stop.clone();
                            running.spawn(async move {
                                tokio::select! {
                                    _ = this.download(d, false) => {}
                                    // Left `downloading`; due again at the next start.
                                    _ = stop.cancelled() => {}
                                }
                            });
                        }
                    }
                    Err(e) => warn!(error = %e, "media: could not read the download queue"),
                }
            }
            let wait = match this.next_due().await {
                Some(at) => {
                    Duration::from_millis((at - now_ms()).clamp(0, POLL.as_millis() as i64) as u64)
                }
                None => POLL,
            };
            if wait.is_zero() && running.len() < PARALLEL {
                continue;
            }
            let deadline = tokio::time::Instant::now() + wait;
            // Wait for something to do; other messages' events are let pass without a query.
            let go_on = loop {
                tokio::select! {
                    _ = this.signal.0.notified() => break true,
                    event = events.recv() => match event {
                        Ok(DomainEvent::MessageReceived { message }) if message.media.is_some() => break true,
                        Ok(_) => {}
                        Err(broadcast::error::RecvError::Lagged(_)) => break true,
                        Err(broadcast::error::RecvError::Closed) => {
                            tokio::time::sleep_until(deadline).await;
                            break true;
                        }
                    },
                    _ = tokio::time::sleep_until(deadline) => break true,
                    Some(_) = running.join_next(), if !running.is_empty() => break true,
                    _ = stop.cancelled() => break false,
                }
            };
            if !go_on {
                break;
            }
        }
        running.shutdown().await;
    }

    async fn next_due(&self) -> Option<i64> {
        self.store
            .read(media::next_download_at)
            .await
            .ok()
            .flatten()
    }
}

/// 5 s, 10 s, 20 s, ... up to 10 minutes.
pub(super) fn backoff(attempts: i64) -> i64 {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    5_000i64.saturating_mul(1 << exp.min(16)).min(600_000)
}

#[derive(Debug, thiserror::Error)]
pub(super) enum Failure {
    #[error("{0}")]
    Graph(GraphError),
    #[error("the file could not be written: {0}")]
    Disk(std::io::Error),
    #[error("{0}")]
    Store(StoreError),
}

impl Failure {
    pub(super) fn retryable(&self) -> bool {
        match self {
            // A refused token may be reconnected; a media id Meta no longer knows will not come back.
            Self::Graph(e) => e.kind.is_retryable() || e.kind == ErrorKind::Auth,
            Self::Disk(_) | Self::Store(_) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), 5_000);
        assert_eq!(backoff(2), 10_000);
        assert_eq!(backoff(4), 40_000);
        assert_eq!(backoff(30), 600_000);
    }
}
