//! The disk: the owner's **Download anyway** for a file held to protect it, and the figures
//! the diagnostics show (free space, the limits, the spool's backlog).

use tracing::{info, warn};

use super::texts::TEXTS;
use super::{Engine, EngineError};
use crate::disk::DiskReport;
use crate::events::DomainEvent;
use crate::i18n::say;
use crate::outbox::SendError;
use crate::settings::Settings;
use crate::spool;
use crate::store::{StoreError, media_hold, messages, now_ms};

impl Engine {
    /// Downloads a held file now, whatever the free-space floor and the sender's daily budget
    /// (the owner asked). Returns once the download has started; the message follows with
    /// `message://updated` events (downloading, then ready or failed).
    pub async fn download_anyway(&self, message_id: i64) -> Result<(), EngineError> {
        let now = now_ms();
        let due = self
            .store
            .writer()
            .call(move |ctx| {
                let due = media_hold::claim_held(ctx.conn, message_id, now)?;
                if due.is_some() {
                    let message = messages::get(ctx.conn, message_id)?;
                    ctx.emit(DomainEvent::MessageUpdated { message });
                }
                Ok::<_, StoreError>(due)
            })
            .await?;
        let Some(due) = due else {
            return Err(SendError::Invalid(say(TEXTS, "engine.no_held_file", &[])).into());
        };
        info!(
            message = message_id,
            "media: downloading a held file, as the owner asked"
        );
        let (downloader, stop) = (self.downloader.clone(), self.stop.clone());
        tokio::spawn(async move {
            tokio::select! {
                _ = downloader.download(due, true) => {}
                // Left `downloading`; due again (and checked again) at the next start.
                _ = stop.cancelled() => {}
            }
        });
        Ok(())
    }

    /// The disk's free space, the limits on inbound files, and the spool's backlog.
    pub async fn disk_report(&self) -> Result<DiskReport, EngineError> {
        let limits = Settings::load(&Settings::file(&self.data_dir))
            .map(|s| s.media_limits)
            .unwrap_or_default();
        let (probe, dir) = (self.disk_probe.clone(), self.store_dir.clone());
        let free = tokio::task::spawn_blocking(move || probe.available(&dir))
            .await
            .map_err(std::io::Error::other)?;
        let free_bytes = match free {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                warn!(error = %e, "the disk's free space could not be read");
                None
            }
        };
        let copied = self.store.read(spool::mover_cursor).await?;
        Ok(DiskReport {
            free_bytes,
            free_space_floor_bytes: limits.free_space_floor_bytes(),
            daily_budget_bytes: limits.daily_budget_bytes(),
            spool_backlog_bytes: self.spool.backlog_bytes(),
            spool_backlog_records: self.spool.durable().saturating_sub(copied),
            spool_cap_bytes: self.spool.max_backlog_bytes(),
        })
    }
}
