//! One inbound download: where the file is and how big (`GET /{media-id}`), whether the disk
//! and the sender's daily budget allow it, then the file streamed into a temporary file in the
//! media dir (hashed and size-checked while it is written, never whole in memory), synced and
//! renamed into place, and the outcome recorded on the message.

use tokio::io::BufWriter;
use tracing::{debug, info, warn};
use wacloud::media::{MediaId, MediaInfo, StreamError, StreamedMedia};
use wacloud::{ErrorKind, GraphError};

use super::download::{Downloader, Failure, MAX_ATTEMPTS, MAX_INBOUND_BYTES, backoff};
use super::files;
use crate::disk::{BUDGET_WINDOW_MS, Budget, hold_for};
use crate::events::DomainEvent;
use crate::settings::{MediaLimits, Settings};
use crate::store::media::{self, DueDownload, StoredFile};
use crate::store::{StoreError, media_hold, messages, now_ms};
use crate::views::MediaHold;

/// Writes reach the disk in pieces this large.
const WRITE_BUFFER: usize = 256 * 1024;

/// What became of a download.
enum Fetched {
    Stored,
    /// Held, and the file's declared size.
    Held(MediaHold, u64),
}

impl Downloader {
    /// Downloads `d` and records the outcome; `anyway` (the owner asked) skips the free-space
    /// floor and the daily budget.
    pub async fn download(&self, d: DueDownload, anyway: bool) {
        let id = d.message_id;
        debug!(
            message = id,
            kind = d.kind.as_str(),
            anyway,
            "media: downloading"
        );
        let outcome = self.fetch(&d, anyway).await;
        let now = now_ms();
        let attempts = d.attempts + 1;
        let recorded = match outcome {
            Ok(Fetched::Stored) => {
                self.metrics.media_download("ok");
                return;
            }
            Ok(Fetched::Held(hold, size)) => {
                self.metrics.media_download("held");
                info!(
                    message = id,
                    reason = hold.as_str(),
                    "media: held, not downloaded"
                );
                self.store
                    .writer()
                    .call(move |ctx| {
                        media_hold::mark_held(ctx.conn, id, hold, size, now)?;
                        let message = messages::get(ctx.conn, id)?;
                        ctx.emit(DomainEvent::MessageUpdated { message });
                        Ok::<_, StoreError>(())
                    })
                    .await
            }
            Err(f) => {
                let retry = f.retryable() && attempts < MAX_ATTEMPTS;
                let retry_at = retry.then(|| now + backoff(attempts));
                self.metrics
                    .media_download(if retry { "retry" } else { "failed" });
                let error = f.to_string();
                warn!(message = id, attempts, retry, %error, "media: download failed");
                self.store
                    .writer()
                    .call(move |ctx| {
                        media::mark_attempt_failed(ctx.conn, id, &error, retry_at, now)?;
                        let message = messages::get(ctx.conn, id)?;
                        ctx.emit(DomainEvent::MessageUpdated { message });
                        Ok::<_, StoreError>(())
                    })
                    .await
            }
        };
        if let Err(e) = recorded {
            warn!(message = id, error = %e, "media: could not record a download's outcome");
        }
    }

    async fn fetch(&self, d: &DueDownload, anyway: bool) -> Result<Fetched, Failure> {
        let media_id = MediaId::parse(&d.media_id).map_err(|e| {
            Failure::Graph(GraphError::local(
                ErrorKind::InvalidParameter,
                e.to_string(),
            ))
        })?;
        let info = self
            .graph
            .media_info(&media_id)
            .await
            .map_err(Failure::Graph)?;
        if info.file_size > MAX_INBOUND_BYTES {
            // Refused by the download itself, before a byte is read.
            return self
                .stream_and_keep(d, &info)
                .await
                .map(|()| Fetched::Stored);
        }
        if !anyway {
            if let Some(hold) = self.reserve(&d.contact, info.file_size).await? {
                return Ok(Fetched::Held(hold, info.file_size));
            }
            let result = self.stream_and_keep(d, &info).await;
            self.release(&d.contact, info.file_size).await;
            return result.map(|()| Fetched::Stored);
        }
        self.stream_and_keep(d, &info)
            .await
            .map(|()| Fetched::Stored)
    }

    /// Counts `size` bytes against `contact`'s budget while they download, unless the file must
    /// be held. One reservation at a time, so parallel downloads of one sender cannot together
    /// pass the budget.
    async fn reserve(&self, contact: &str, size: u64) -> Result<Option<MediaHold>, Failure> {
        let limits = self.limits();
        let media_dir = self.media_dir.clone();
        let probe = self.probe.clone();
        let free = tokio::task::spawn_blocking(move || {
            std::fs::create_dir_all(&media_dir)?;
            probe.available(&media_dir)
        })
        .await
        .map_err(|e| Failure::Disk(std::io::Error::other(e)))?;
        let free = match free {
            Ok(free) => Some(free),
            Err(e) => {
                warn!(error = %e, "media: the disk's free space could not be read");
                None
            }
        };
        let mut in_flight = self.in_flight.lock().await;
        let since = now_ms() - BUDGET_WINDOW_MS;
        let owner = contact.to_owned();
        let stored = self
            .store
            .read(move |c| media_hold::bytes_received_since(c, &owner, since))
            .await
            .map_err(Failure::Store)?;
        let downloading = in_flight.get(contact).copied().unwrap_or(0);
        let budget = Budget {
            free: free.map(|f| f.saturating_sub(in_flight.values().sum())),
            size,
            used_today: stored + downloading,
        };
        if let Some(hold) = hold_for(budget, &limits) {
            return Ok(Some(hold));
        }
        *in_flight.entry(contact.to_owned()).or_default() += size;
        Ok(None)
    }

    async fn release(&self, contact: &str, size: u64) {
        let mut in_flight = self.in_flight.lock().await;
        if let Some(bytes) = in_flight.get_mut(contact) {
            *bytes = bytes.saturating_sub(size);
            if *bytes == 0 {
                in_flight.remove(contact);
            }
        }
    }

    /// The owner's limits, read afresh (the settings may change while the engine runs).
    fn limits(&self) -> MediaLimits {
        Settings::load(&Settings::file(&self.data_dir))
            .map(|s| s.media_limits)
            .unwrap_or_default()
    }

    /// Streams the file into a temporary file in the media dir, then keeps it.
    async fn stream_and_keep(&self, d: &DueDownload, info: &MediaInfo) -> Result<(), Failure> {
        let incoming = files::incoming_dir(&self.media_dir);
        let temp = tokio::task::spawn_blocking(move || {
            std::fs::create_dir_all(&incoming)?;
            tempfile::Builder::new()
                .prefix("download-")
                .suffix(".partial")
                .tempfile_in(&incoming)
        })
        .await
        .map_err(|e| Failure::Disk(std::io::Error::other(e)))?
        .map_err(Failure::Disk)?;
        // The path deletes the file when dropped: a failed download leaves nothing behind.
        let (file, temp_path) = temp.into_parts();
        let mut out = BufWriter::with_capacity(WRITE_BUFFER, tokio::fs::File::from_std(file));
        let streamed = self
            .graph
            .stream_media_to(info, MAX_INBOUND_BYTES, &mut out)
            .await
            .map_err(|e| match e {
                StreamError::Graph(g) => Failure::Graph(g),
                StreamError::Write(io) => Failure::Disk(io),
            })?;
        let file = out.into_inner();
        file.sync_all().await.map_err(Failure::Disk)?;
        drop(file);
        self.keep(d, streamed, temp_path).await
    }

    /// Moves the verified file into place and records it on the message.
    async fn keep(
        &self,
        d: &DueDownload,
        file: StreamedMedia,
        temp: tempfile::TempPath,
    ) -> Result<(), Failure> {
        let mime = media::essence(&file.mime_type).to_owned();
        let name = files::safe_filename(d.filename.as_deref(), &mime, d.kind.as_str());
        let sha = file.sha256.clone();
        let size = file.file_size as i64;
        let dir = self.media_dir.clone();
        let (rel, name) = tokio::task::spawn_blocking({
            let sha = sha.clone();
            move || files::store_file(&dir, &sha, &name, temp).map(|rel| (rel, name))
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
