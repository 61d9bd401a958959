//! Inbound media, fetched as soon as its webhook is applied (Meta's download URL lasts minutes
//! and the media id days): verified against the declared size and sha256, stored by content
//! hash, retried with backoff on failures a retry can help, and its state kept on the message.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, broadcast};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, warn};
use wacloud::{ErrorKind, GraphClient, GraphError};

use super::files;
use crate::events::DomainEvent;
use crate::store::media::{self, DueDownload, StoredFile};
use crate::store::{Store, StoreError, messages, now_ms};

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
    /// Each download's end is counted here (`ok`, `retry`, `failed`).
    pub metrics: crate::metrics::Metrics,
}

impl Downloader {
    pub async fn run(self, stop: CancellationToken) {
        let this = Arc::new(self);
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
                                    _ = this.download(d) => {}
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

    async fn download(&self, d: DueDownload) {
        let id = d.message_id;
        debug!(message = id, kind = d.kind.as_str(), "media: downloading");
        let result = match wacloud::media::MediaId::parse(&d.media_id) {
            Ok(media_id) => {
                self.graph
                    .download_media(&media_id, MAX_INBOUND_BYTES)
                    .await
            }
            Err(e) => Err(GraphError::local(
                ErrorKind::InvalidParameter,
                e.to_string(),
            )),
        };
        let outcome = match result {
            Ok(file) => self.keep(&d, file).await,
            Err(e) => Err(Failure::Graph(e)),
        };
        let now = now_ms();
        let attempts = d.attempts + 1;
        let (error, retry_at) = match &outcome {
            Ok(()) => {
                self.metrics.media_download("ok");
                return;
            }
            Err(f) => {
                let retry = f.retryable() && attempts < MAX_ATTEMPTS;
                (f.to_string(), retry.then(|| now + backoff(attempts)))
            }
        };
        self.metrics.media_download(if retry_at.is_some() {
            "retry"
        } else {
            "failed"
        });
        warn!(message = id, attempts, retry = retry_at.is_some(), %error, "media: download failed");
        let recorded = self
            .store
            .writer()
            .call(move |ctx| {
                media::mark_attempt_failed(ctx.conn, id, &error, retry_at, now)?;
                let message = messages::get(ctx.conn, id)?;
                ctx.emit(DomainEvent::MessageUpdated { message });
                Ok::<_, StoreError>(())
            })
            .await;
        if let Err(e) = recorded {
            warn!(message = id, error = %e, "media: could not record a failed download");
        }
    }

    /// Writes the verified file and records it on the message.
    async fn keep(
        &self,
        d: &DueDownload,
        file: wacloud::media::DownloadedMedia,
    ) -> Result<(), Failure> {
        let mime = media::essence(&file.mime_type).to_owned();
        let name = files::safe_filename(d.filename.as_deref(), &mime, d.kind.as_str());
        let sha = files::sha256_hex(&file.bytes);
        let size = file.bytes.len() as i64;
        let dir = self.media_dir.clone();
        let (rel, name) = tokio::task::spawn_blocking({
            let sha = sha.clone();
            move || files::store(&dir, &sha, &name, &file.bytes).map(|rel| (rel, name))
        })
        .await
        .map_err(|e| Failure::Disk(std::io::Error::other(e)))?
        .map_err(Failure::Disk)?;
        let id = d.message_id;
        let now = now_ms();
        self.store
            .writer()
            .call(move |ctx| {
                media::mark_ready(
                    ctx.conn,
                    id,
                    &StoredFile {
                        path: &rel,
                        sha256: &sha,
                        size,
                        mime_type: &mime,
                        filename: &name,
                    },
                    now,
                )?;
                let message = messages::get(ctx.conn, id)?;
                ctx.emit(DomainEvent::MessageUpdated { message });
                Ok::<_, StoreError>(())
            })
            .await
            .map_err(Failure::Store)?;
        debug!(message = id, size, "media: stored");
        Ok(())
    }
}

/// 5 s, 10 s, 20 s, ... up to 10 minutes.
fn backoff(attempts: i64) -> i64 {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    5_000i64.saturating_mul(1 << exp.min(16)).min(600_000)
}

#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error("{0}")]
    Graph(GraphError),
    #[error("the file could not be written: {0}")]
    Disk(std::io::Error),
    #[error("{0}")]
    Store(StoreError),
}

impl Failure {
    fn retryable(&self) -> bool {
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
