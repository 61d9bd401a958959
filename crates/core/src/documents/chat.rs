//! A customer asking for their documents in the chat, answered in the transaction that stores
//! their message (so a replayed webhook is never answered twice, and a crash never loses the
//! answer): "invoice" / "factura", "receipt" / "recibo", "quote" / "presupuesto" get their
//! latest document of that kind; "my documents" / "mis documentos" gets it if there is one, or
//! a list to choose from, whose answer gets the chosen one. With none, a polite answer, and a
//! request the owner sees in the app.

use shopchat_documents::{self as engine, Document, Kind, Lang};
use wacloud::WaId;
use wacloud::send::{Content, Interactive, ListRow, ListSection, OutgoingMessage};
use wacloud::webhook::InboundMessage;

use super::files::{self, FileCheck};
use super::records::{self, Filter};
use super::replies::Replies;
use super::requests::{self, Asked};
use crate::compose::{self, Attachment};
use crate::store::{StoreError, WriteCtx};

/// A list row's id for a document: what the customer's choice carries back.
const ROW_PREFIX: &str = "shopchat-document:";
/// The most documents a list offers (WhatsApp's limit is 10 rows).
const LIST_MAX: u32 = 10;

/// Answers `m` (stored as message `message_id`) if it asks for documents; whether it did.
pub fn answer(
    ctx: &mut WriteCtx<'_>,
    message_id: i64,
    m: &InboundMessage,
) -> Result<bool, StoreError> {
    let contact = m.from.as_str();
    if let Some(id) = chosen(m) {
        let row = records::get(ctx.conn, &id.to_string())?;
        if let Some(row) =
            row.filter(|r| r.summary.contact == contact && r.summary.status_sendable())
        {
            let lang = Lang::parse(&row.summary.lang).unwrap_or_default();
            send_document(ctx, &m.from, row, lang)?;
        }
        return Ok(true);
    }
    let Some(text) = m.text.as_ref().map(|t| t.body.as_str()) else {
        return Ok(false);
    };
    let Some((asked, lang)) = requests::asked(text) else {
        return Ok(false);
    };
    let kind = match asked {
        Asked::Kind(k) => Some(k),
        Asked::All => None,
    };
    give(ctx, message_id, &m.from, kind, lang)?;
    Ok(true)
}

/// Sends `to` their latest document of `kind` (of any kind, or a list to choose from, when
/// `None`); with none, a polite answer in `lang` and a request the owner sees in the app.
pub fn give(
    ctx: &mut WriteCtx<'_>,
    message_id: i64,
    to: &WaId,
    kind: Option<&str>,
    lang: Lang,
) -> Result<(), StoreError> {
    let contact = to.as_str();
    let replies = Replies::for_lang(lang);
    let filter = Filter {
        kind: kind.map(str::to_owned),
        contact: Some(contact.to_owned()),
        query: None,
        limit: Some(LIST_MAX),
    };
    let mut found: Vec<_> = records::list(ctx.conn, &filter)?
        .into_iter()
        .filter(|r| r.summary.status_sendable())
        .collect();
    match found.len() {
        0 => {
            requests::record(ctx.conn, contact, kind, message_id)?;
            let text = match kind {
                Some(k) => replies.none_of(k),
                None => replies.none_at_all.to_owned(),
            };
            reply(
                ctx,
                OutgoingMessage::new(to.clone(), Content::text(text, false)),
            )
        }
        1 => send_document(ctx, to, found.remove(0), lang),
        _ if kind.is_some() => send_document(ctx, to, found.remove(0), lang),
        _ => {
            let labels = engine::Labels::for_lang(lang);
            let rows = found.iter().map(|r| {
                let title = Kind::parse(&r.summary.kind).map_or("", |k| labels.title(k));
                ListRow::new(
                    format!("{ROW_PREFIX}{}", r.summary.id),
                    truncate(&r.summary.number, 24),
                )
                .described(truncate(
                    &format!("{title} · {} {}", r.summary.total, r.summary.currency),
                    72,
                ))
            });
            let list = Interactive::list(
                replies.choose,
                replies.choose_button,
                [ListSection::new(rows)],
            );
            reply(
                ctx,
                OutgoingMessage::new(to.clone(), Content::interactive(list)),
            )
        }
    }
}

/// The document a list answer chose, if this is one.
fn chosen(m: &InboundMessage) -> Option<i64> {
    let row = m.interactive.as_ref()?.list_reply.as_ref()?;
    row.id.strip_prefix(ROW_PREFIX)?.parse().ok()
}

/// Queues the document's PDF as a WhatsApp document to `to`, and notes the message on it.
fn send_document(
    ctx: &mut WriteCtx<'_>,
    to: &WaId,
    row: records::Row,
    lang: Lang,
) -> Result<(), StoreError> {
    let bytes = pdf_bytes(ctx, &row)?;
    let kind = Kind::parse(&row.summary.kind).unwrap_or(Kind::Invoice);
    let caption = format!(
        "{} {}",
        engine::Labels::for_lang(lang).title(kind),
        row.summary.number
    );
    let attachment = Attachment {
        kind: Some(wacloud::MediaKind::Document),
        filename: format!("{}.pdf", engine::file_stem(&row.summary.number)),
        mime_type: Some("application/pdf".into()),
        bytes,
        caption: Some(caption),
    };
    let media_dir = crate::media::files::media_dir(ctx.dir);
    let (content, file) = match compose::prepare_file_now(&media_dir, attachment) {
        Ok(prepared) => prepared,
        Err(crate::outbox::SendError::Store(e)) => return Err(e),
        Err(other) => {
            return Err(StoreError::Corrupt(format!(
                "{}: {other}",
                row.summary.number
            )));
        }
    };
    let message = OutgoingMessage::new(to.clone(), content);
    if let Ok(view) = compose::enqueue_free_form_with(ctx, &message, Some(file))? {
        crate::bot::reply::mark(ctx, to.as_str(), view.id, crate::store::now_ms())?;
        records::set_message(ctx.conn, row.summary.id, view.id)?;
        requests::resolve(ctx.conn, to.as_str(), Some(&row.summary.kind))?;
    }
    Ok(())
}

/// The document's PDF as issued; made again from its record if the file is missing or altered.
fn pdf_bytes(ctx: &WriteCtx<'_>, row: &records::Row) -> Result<Vec<u8>, StoreError> {
    let (path, sha) = ctx.conn.query_row(
        "SELECT pdf_path, pdf_sha256 FROM documents WHERE id = ?1",
        [row.summary.id],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
            ))
        },
    )?;
    if let (Some(path), Some(sha)) = (&path, &sha)
        && files::check(ctx.dir, path, sha) == FileCheck::Ok
    {
        return std::fs::read(ctx.dir.join(path)).map_err(StoreError::Io);
    }
    let doc: Document =
        serde_json::from_str(&row.data).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let bytes = engine::render_pdf(&doc).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if let Some(path) = path {
        files::write(ctx.dir, &path, &bytes).map_err(StoreError::Io)?;
    }
    Ok(bytes)
}

/// A free-form answer (the customer just wrote: their window is open).
fn reply(ctx: &mut WriteCtx<'_>, message: OutgoingMessage) -> Result<(), StoreError> {
    let to = message.to.as_str().to_owned();
    if let Ok(view) = compose::enqueue_free_form_with(ctx, &message, None)? {
        crate::bot::reply::mark(ctx, &to, view.id, crate::store::now_ms())?;
    }
    Ok(())
}

/// At most `max` characters.
fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}
