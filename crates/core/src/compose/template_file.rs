//! An approved template whose header is a file (a generated invoice as its DOCUMENT header, a
//! photo as its IMAGE header): the file is checked and copied in now, its row queued with the
//! message, and the outbox uploads it and puts its media id in the header before the send.
//! Templates need no open 24-hour window.

use std::path::Path;

use wacloud::WaId;
use wacloud::send::{Content, MediaKind, MediaSource, OutgoingMessage};

use super::texts::{TEXTS, quoted};
use super::{Attachment, PENDING_UPLOAD_ID, prepare_file, refusals};
use crate::i18n::say;
use crate::outbox::{self, SendError};
use crate::store::Store;
use crate::store::{StoreError, WriteCtx, media, messages, now_ms, templates};
use crate::templates::{HeaderFile, message_with_header};
use crate::views::MessageView;

/// Queues the template `name` in `language` to `to` with `file` as its header and `parameters`
/// for the rest; `on_queued` runs in the transaction that queues it.
#[allow(clippy::too_many_arguments)]
pub async fn queue_template_with_file(
    store: &Store,
    media_dir: &Path,
    to: &str,
    name: &str,
    language: &str,
    parameters: &[String],
    file: Attachment,
    on_queued: impl FnOnce(&mut WriteCtx<'_>, &MessageView) -> Result<(), StoreError> + Send + 'static,
) -> Result<MessageView, SendError> {
    let to = WaId::parse(to).map_err(|e| SendError::Invalid(refusals::id_error(&e)))?;
    let (n, l) = (name.to_owned(), language.to_owned());
    let stored = store
        .read(move |c| templates::get(c, &n, &l))
        .await?
        .ok_or_else(|| {
            SendError::Invalid(say(
                TEXTS,
                "compose.no_template",
                &[("name", &quoted(name)), ("language", language)],
            ))
        })?;
    let (_, prepared) = prepare_file(media_dir, file).await?;
    let kind = MediaKind::ALL
        .into_iter()
        .find(|k| k.as_str() == prepared.kind.as_str())
        .unwrap_or(MediaKind::Document);
    let header = HeaderFile {
        kind,
        source: MediaSource::id(PENDING_UPLOAD_ID),
        filename: (kind == MediaKind::Document).then(|| prepared.filename.clone()),
    };
    let t = message_with_header(&stored, parameters, Some(header)).map_err(SendError::Invalid)?;
    let text = crate::templates::text_for(&stored, parameters);
    let message = OutgoingMessage::new(to, Content::template(t));
    outbox::validate(&message)?;
    Ok(store
        .writer()
        .call(move |ctx| {
            let view = outbox::enqueue_with_text(ctx, &message, text.as_deref())?;
            media::insert_outbound(
                ctx.conn,
                view.id,
                &media::NewOutboundMedia {
                    kind: prepared.kind,
                    mime_type: &prepared.mime_type,
                    sha256: &prepared.sha256,
                    size: prepared.size,
                    filename: &prepared.filename,
                    path: &prepared.path,
                },
                now_ms(),
            )?;
            let view = messages::get(ctx.conn, view.id)?;
            on_queued(ctx, &view)?;
            Ok::<_, StoreError>(view)
        })
        .await?)
}
