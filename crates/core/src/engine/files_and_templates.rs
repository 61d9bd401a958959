//! The engine's media files and message templates.

use std::path::PathBuf;

use super::texts::TEXTS;
use super::{Engine, EngineError};
use crate::events::DomainEvent;
use crate::i18n::say;
use crate::media::files;
use crate::outbox::SendError;
use crate::store::{StoreError, media, messages, now_ms};
use crate::views::{MediaKindView, MediaLimitView, TemplateView};

/// A message's file on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    pub path: PathBuf,
    /// Without parameters.
    pub mime_type: String,
    /// Safe to save under.
    pub filename: String,
}

impl Engine {
    /// Where a message's file is, once it is on this computer.
    pub async fn media_file(&self, message_id: i64) -> Result<Option<MediaFile>, EngineError> {
        let found = self
            .store
            .read(move |c| media::file_of(c, message_id))
            .await?;
        Ok(found.and_then(|(rel, mime_type, filename)| {
            Some(MediaFile {
                path: files::resolve(&self.media_dir, &rel)?,
                mime_type: media::essence(&mime_type).to_owned(),
                filename,
            })
        }))
    }

    /// Asks for a failed download again.
    pub async fn retry_media(&self, message_id: i64) -> Result<(), EngineError> {
        let retried = self
            .store
            .writer()
            .call(move |ctx| {
                let retried = media::retry_download(ctx.conn, message_id, now_ms())?;
                if retried {
                    let message = messages::get(ctx.conn, message_id)?;
                    ctx.emit(DomainEvent::MessageUpdated { message });
                }
                Ok::<_, StoreError>(retried)
            })
            .await?;
        if !retried {
            return Err(SendError::Invalid(say(TEXTS, "engine.no_failed_download", &[])).into());
        }
        self.downloads.wake();
        Ok(())
    }

    /// What the Cloud API accepts for each media kind.
    pub fn media_limits(&self) -> Vec<MediaLimitView> {
        media_limits()
    }

    /// Queues an approved template whose image, video or document header is `file`; the outbox
    /// uploads the file and sends it. Allowed outside the 24-hour window.
    pub async fn send_template_file(
        &self,
        to: &str,
        name: &str,
        language: &str,
        parameters: &[String],
        file: crate::compose::Attachment,
    ) -> Result<crate::views::MessageView, EngineError> {
        Ok(crate::compose::queue_template_with_file(
            &self.store,
            &self.media_dir,
            to,
            name,
            language,
            parameters,
            file,
            |_, _| Ok(()),
        )
        .await?)
    }

    /// The synced templates.
    pub async fn templates(&self) -> Result<Vec<TemplateView>, EngineError> {
        let stored = self.store.read(crate::store::templates::list).await?;
        Ok(stored.iter().map(crate::templates::view).collect())
    }

    /// Fetches every template from Meta and replaces the synced copies.
    pub async fn sync_templates(&self) -> Result<Vec<TemplateView>, EngineError> {
        let waba = self.waba_id.clone().ok_or(EngineError::NoBusinessAccount)?;
        let count = crate::templates::sync(&self.graph, &waba, &self.store).await?;
        self.store.publish(DomainEvent::TemplatesSynced {
            count: count as u32,
        });
        self.templates().await
    }
}

/// What the Cloud API accepts for each media kind.
pub fn media_limits() -> Vec<MediaLimitView> {
    wacloud::send::MediaKind::ALL
        .into_iter()
        .map(|kind| MediaLimitView {
            kind: MediaKindView::parse(kind.as_str()).expect("the five media kinds"),
            mime_types: wacloud::media::accepted_types(kind)
                .iter()
                .map(|m| (*m).to_owned())
                .collect(),
            max_bytes: wacloud::media::max_size(kind, true) as i64,
        })
        .collect()
}

impl Engine {
    /// One stored message, with its file, quote and reactions.
    pub async fn message(&self, id: i64) -> Result<Option<crate::views::MessageView>, EngineError> {
        match self.store.read(move |c| messages::get(c, id)).await {
            Ok(m) => Ok(Some(m)),
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}
