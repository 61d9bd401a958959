//! Every kind of message the shop can send, checked as the Cloud API would check it and queued
//! in the outbox: text, replies, reactions, files (copied into the media dir first, uploaded by
//! the outbox), locations, reply buttons and templates.
//!
//! Free-form messages need the customer's 24-hour window to be open; templates do not. A
//! template is checked against the synced copy (approved, and the right parameters) before it is
//! queued, since Meta would refuse a mismatch (132000).

use std::path::Path;

pub mod failed;
pub(crate) mod refusals;
mod template_file;
pub(crate) mod texts;
pub use template_file::queue_template_with_file;

use rusqlite::OptionalExtension;
use wacloud::send::{
    Content, Interactive, Location, Media, MediaKind, MediaSource, OutgoingMessage, ReplyButton,
    TemplateMessage,
};
use wacloud::{WaId, Wamid};

use self::texts::{TEXTS, quoted};
use crate::events::DomainEvent;
use crate::i18n::say;
use crate::media::files;
use crate::outbox::{self, SendError};
use crate::store::{
    Store, StoreError, WriteCtx, contacts, media, messages, now_secs, reactions, templates,
};
use crate::views::{Direction, MediaKindView, MessageView};

/// The media id a queued file carries until the outbox has uploaded it.
pub const PENDING_UPLOAD_ID: &str = "shopchat-pending-upload";

/// The message a send replies or reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageRef {
    /// By its WhatsApp id.
    Wamid(String),
    /// By its id in this database.
    Id(i64),
}

/// A file to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Chosen from the MIME type when `None` (anything else goes as a document).
    pub kind: Option<MediaKind>,
    pub filename: String,
    /// Guessed from the file name when `None`.
    pub mime_type: Option<String>,
    pub bytes: Vec<u8>,
    pub caption: Option<String>,
}

/// What to send.
#[derive(Debug, Clone, PartialEq)]
pub enum Compose {
    Text {
        body: String,
        preview_url: bool,
    },
    /// An empty emoji removes the shop's reaction.
    Reaction {
        target: MessageRef,
        emoji: String,
    },
    File(Attachment),
    Location {
        latitude: f64,
        longitude: f64,
        name: Option<String>,
        address: Option<String>,
    },
    /// Up to three reply buttons under a text.
    Buttons {
        body: String,
        buttons: Vec<String>,
    },
    /// A synced, approved template; `parameters` fill, in order, its text header's variable,
    /// its body's (by name as `name=value` for named parameters) and its buttons' values (a URL
    /// suffix, a coupon code): the template view's `fields`.
    Template {
        name: String,
        language: String,
        parameters: Vec<String>,
    },
}

/// A send: to whom, what, and the message it replies to.
#[derive(Debug, Clone, PartialEq)]
pub struct SendRequest {
    pub to: String,
    pub what: Compose,
    pub reply_to: Option<MessageRef>,
}

/// Checks and queues `request` in `store`; a running engine sends it. Files are copied into
/// `media_dir` (by content hash) before the row is written.
pub async fn queue(
    store: &Store,
    media_dir: &Path,
    request: SendRequest,
) -> Result<MessageView, SendError> {
    queue_then(store, media_dir, request, |_, _| Ok(())).await
}

/// [`queue`], with `on_queued` run in the transaction that queues the message: what a caller
/// records about it (a document notes the message that carries it) can then never disagree
/// with it after a crash.
pub async fn queue_then(
    store: &Store,
    media_dir: &Path,
    request: SendRequest,
    on_queued: impl FnOnce(&mut WriteCtx<'_>, &MessageView) -> Result<(), StoreError> + Send + 'static,
) -> Result<MessageView, SendError> {
    let to = WaId::parse(&request.to).map_err(|e| SendError::Invalid(refusals::id_error(&e)))?;
    let mut file = None;
    let content = match request.what {
        Compose::Text { body, preview_url } => Content::text(body, preview_url),
        Compose::Reaction { target, emoji } => {
            let wamid = resolve(store, target).await?;
            let content = if emoji.is_empty() {
                Content::remove_reaction(wamid)
            } else {
                Content::reaction(wamid, emoji)
            };
            let message = OutgoingMessage::new(to, content);
            outbox::validate(&message)?;
            return store
                .writer()
                .call(move |ctx| enqueue_reaction(ctx, &message))
                .await?;
        }
        Compose::File(a) => {
            let (content, prepared) = prepare_file(media_dir, a).await?;
            file = Some(prepared);
            content
        }
        Compose::Location {
            latitude,
            longitude,
            name,
            address,
        } => {
            let mut l = Location::new(latitude, longitude);
            if let Some(n) = name {
                l = l.named(n);
            }
            if let Some(a) = address {
                l = l.at(a);
            }
            Content::location(l)
        }
        Compose::Buttons { body, buttons } => {
            let buttons = buttons
                .into_iter()
                .enumerate()
                .map(|(i, title)| ReplyButton::new(format!("b{}", i + 1), title.trim()));
            Content::interactive(Interactive::buttons(body, buttons))
        }
        Compose::Template {
            name,
            language,
            parameters,
        } => {
            let (t, text) = template_message(store, &name, &language, &parameters).await?;
            let message = OutgoingMessage::new(to, Content::template(t));
            outbox::validate(&message)?;
            // Templates may open a conversation: no 24-hour window needed.
            return Ok(store
                .writer()
                .call(move |ctx| {
                    let view = outbox::enqueue_with_text(ctx, &message, text.as_deref())?;
                    on_queued(ctx, &view)?;
                    Ok::<_, StoreError>(view)
                })
                .await?);
        }
    };
    let mut message = OutgoingMessage::new(to, content);
    if let Some(r) = request.reply_to {
        message = message.replying_to(resolve(store, r).await?);
    }
    outbox::validate(&message)?;
    store
        .writer()
        .call(move |ctx| {
            let view = match enqueue_free_form_with(ctx, &message, file)? {
                Ok(view) => view,
                Err(refused) => return Ok(Err(refused)),
            };
            on_queued(ctx, &view)?;
            Ok::<_, StoreError>(Ok(view))
        })
        .await?
}

/// Queues a free-form `message` and, if it carries one, its file's row, in the caller's
/// transaction; refused (nothing written) outside the customer's 24-hour window.
pub(crate) fn enqueue_free_form_with(
    ctx: &mut WriteCtx<'_>,
    message: &OutgoingMessage,
    file: Option<PreparedFile>,
) -> Result<Result<MessageView, SendError>, StoreError> {
    let view = match outbox::enqueue_free_form(ctx, message)? {
        Ok(view) => view,
        Err(refused) => return Ok(Err(refused)),
    };
    let Some(f) = file else {
        return Ok(Ok(view));
    };
    media::insert_outbound(
        ctx.conn,
        view.id,
        &media::NewOutboundMedia {
            kind: f.kind,
            mime_type: &f.mime_type,
            sha256: &f.sha256,
            size: f.size,
            filename: &f.filename,
            path: &f.path,
        },
        crate::store::now_ms(),
    )?;
    Ok(Ok(messages::get(ctx.conn, view.id)?))
}

/// A file checked and copied in, waiting for its row.
pub(crate) struct PreparedFile {
    kind: MediaKindView,
    mime_type: String,
    sha256: String,
    size: i64,
    filename: String,
    path: String,
}

async fn prepare_file(
    media_dir: &Path,
    a: Attachment,
) -> Result<(Content, PreparedFile), SendError> {
    let dir = media_dir.to_owned();
    tokio::task::spawn_blocking(move || prepare_file_now(&dir, a))
        .await
        .map_err(|e| SendError::Store(StoreError::Io(std::io::Error::other(e))))?
}

/// Checks a file against the Cloud API's limits and copies it into `media_dir` (by content
/// hash, so copying the same file again writes nothing new); the content to queue with it.
pub(crate) fn prepare_file_now(
    media_dir: &Path,
    a: Attachment,
) -> Result<(Content, PreparedFile), SendError> {
    let mime = a
        .mime_type
        .filter(|m| !m.trim().is_empty() && m != "application/octet-stream")
        .unwrap_or_else(|| files::mime_for_name(&a.filename));
    let kind = a
        .kind
        .or_else(|| wacloud::media::kind_for_mime(&mime))
        .unwrap_or(MediaKind::Document);
    // The Cloud API's type and size limits, before anything is stored or sent.
    let mime = wacloud::media::check_media_file(kind, &mime, &a.bytes)
        .map_err(|e| SendError::Invalid(refusals::media_error(&e)))?;
    let filename = files::safe_filename(Some(&a.filename), &mime, kind.as_str());
    let sha256 = files::sha256_hex(&a.bytes);
    let size = a.bytes.len() as i64;
    let path = files::store(media_dir, &sha256, &filename, &a.bytes)
        .map_err(|e| SendError::Store(StoreError::Io(e)))?;
    let caption = a
        .caption
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let mut m = Media::new(MediaSource::id(PENDING_UPLOAD_ID));
    if kind.allows_caption() {
        m.caption = caption;
    } else if caption.is_some() {
        return Err(SendError::Invalid(say(
            TEXTS,
            "compose.no_caption",
            &[("noun", &refusals::media_noun(kind, false))],
        )));
    }
    if kind == MediaKind::Document {
        m.filename = Some(filename.clone());
    }
    let view_kind = MediaKindView::parse(kind.as_str()).expect("the five media kinds");
    Ok((
        Content::media(kind, m),
        PreparedFile {
            kind: view_kind,
            mime_type: mime,
            sha256,
            size,
            filename,
            path,
        },
    ))
}

/// The wamid of a stored message (to reply or react to it).
async fn resolve(store: &Store, r: MessageRef) -> Result<Wamid, SendError> {
    let wamid = match r {
        MessageRef::Wamid(w) => w,
        MessageRef::Id(id) => store
            .read(move |c| {
                Ok(
                    c.prepare_cached("SELECT wamid FROM messages WHERE id = ?1")?
                        .query_row([id], |r| r.get::<_, Option<String>>(0))
                        .optional()?,
                )
            })
            .await?
            .ok_or_else(|| {
                SendError::Invalid(say(TEXTS, "compose.no_message", &[("id", &id.to_string())]))
            })?
            .ok_or_else(|| SendError::Invalid(say(TEXTS, "compose.not_on_whatsapp_yet", &[])))?,
    };
    Wamid::parse(&wamid).map_err(|e| SendError::Invalid(refusals::id_error(&e)))
}

/// A reaction is queued like any free-form message, and shown on its target at once.
fn enqueue_reaction(
    ctx: &mut WriteCtx<'_>,
    message: &OutgoingMessage,
) -> Result<Result<MessageView, SendError>, StoreError> {
    let Content::Reaction { reaction } = &message.content else {
        unreachable!("only reactions come here")
    };
    let target = reaction.message_id.as_str().to_owned();
    let emoji = reaction.emoji.clone();
    let Some(id) = reactions::target_id(ctx.conn, &target)? else {
        return Ok(Err(SendError::Invalid(say(
            TEXTS,
            "compose.reaction_target_unknown",
            &[],
        ))));
    };
    let queued = match outbox::enqueue_free_form(ctx, message)? {
        Ok(queued) => queued,
        Err(refused) => return Ok(Err(refused)),
    };
    contacts::note_reaction(ctx.conn, message.to.as_str(), queued.id)?;
    reactions::record(ctx.conn, &target, Direction::Out, &emoji, now_secs())?;
    let view = messages::get(ctx.conn, id)?;
    ctx.emit(DomainEvent::MessageUpdated {
        message: view.clone(),
    });
    Ok(Ok(view))
}

/// The template message for a synced, approved template and the owner's parameters, and the
/// text the customer will read.
async fn template_message(
    store: &Store,
    name: &str,
    language: &str,
    parameters: &[String],
) -> Result<(TemplateMessage, Option<String>), SendError> {
    let (n, l) = (name.to_owned(), language.to_owned());
    let stored = store
        .read(move |c| templates::get(c, &n, &l))
        .await?
        .ok_or_else(|| {
            SendError::Invalid(say(
                TEXTS,
                "compose.no_template_sync",
                &[("name", &quoted(name)), ("language", language)],
            ))
        })?;
    let message = crate::templates::message_for(&stored, parameters).map_err(SendError::Invalid)?;
    Ok((message, crate::templates::text_for(&stored, parameters)))
}
