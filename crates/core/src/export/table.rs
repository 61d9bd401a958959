//! Conversations as CSV (a row per message) and as JSON.

use std::io::Write;

use serde::Serialize;

use super::names::cell;
use super::{Conversation, ExportError, ExportSummary, Lang, describe, rfc3339};
use crate::store::StoreError;
use crate::views::{ContactView, Direction, MessageView};

/// The CSV's columns, in order.
pub const CSV_HEADER: [&str; 15] = [
    "contact",
    "contact_name",
    "id",
    "wamid",
    "direction",
    "time_utc",
    "type",
    "text",
    "description",
    "status",
    "file",
    "reply_to",
    "reactions",
    "automatic",
    "error",
];

pub fn csv(
    out: &mut std::fs::File,
    conversations: impl Iterator<Item = Result<Conversation, StoreError>>,
    lang: Lang,
) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary::default();
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER)?;
    for conversation in conversations {
        let Conversation { contact, messages } = conversation?;
        summary.conversations += 1;
        for m in &messages {
            summary.messages += 1;
            let reactions: Vec<String> = m
                .reactions
                .iter()
                .map(|r| match r.direction {
                    Direction::In => r.emoji.clone(),
                    Direction::Out => format!("{} ({})", r.emoji, super::texts::text(lang, "you")),
                })
                .collect();
            let status = match m.direction {
                Direction::In => "",
                Direction::Out => m.status.as_str(),
            };
            writer.write_record([
                contact.wa_id.clone(),
                cell(contact.name.as_deref().unwrap_or_default()),
                m.id.to_string(),
                m.wamid.clone().unwrap_or_default(),
                m.direction.as_str().to_owned(),
                rfc3339(m.timestamp),
                m.kind.clone(),
                cell(m.text.as_deref().unwrap_or_default()),
                cell(&describe(lang, m)),
                status.to_owned(),
                cell(
                    m.media
                        .as_ref()
                        .and_then(|f| f.filename.as_deref())
                        .map(super::names::visible)
                        .as_deref()
                        .unwrap_or_default(),
                ),
                m.reply_to
                    .as_ref()
                    .map(|q| q.wamid.clone())
                    .unwrap_or_default(),
                cell(&reactions.join(" ")),
                if m.auto { "yes" } else { "" }.to_owned(),
                cell(
                    m.error
                        .as_ref()
                        .map(|e| e.title.as_str())
                        .unwrap_or_default(),
                ),
            ])?;
        }
    }
    writer
        .flush()
        .map_err(|e| ExportError::Format(e.to_string()))?;
    Ok(summary)
}

#[derive(Serialize)]
struct ConversationJson<'a> {
    contact: &'a ContactView,
    messages: &'a [MessageView],
}

/// `{"format": "shopchat-conversations", "version": 1, "exported_at": ..., "conversations":
/// [{"contact": {...}, "messages": [...]}]}`, written one conversation at a time.
pub fn json(
    out: &mut std::fs::File,
    conversations: impl Iterator<Item = Result<Conversation, StoreError>>,
) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary::default();
    let mut out = std::io::BufWriter::new(out);
    let io = |e: std::io::Error| ExportError::Format(e.to_string());
    write!(
        out,
        "{{\n\"format\": \"shopchat-conversations\",\n\"version\": 1,\n\"exported_at\": {},\n\"conversations\": [",
        serde_json::to_string(&jiff::Timestamp::now().to_string())?
    )
    .map_err(io)?;
    for (i, conversation) in conversations.enumerate() {
        let c = conversation?;
        summary.conversations += 1;
        summary.messages += c.messages.len() as u64;
        if i > 0 {
            out.write_all(b",").map_err(io)?;
        }
        out.write_all(b"\n").map_err(io)?;
        serde_json::to_writer_pretty(
            &mut out,
            &ConversationJson {
                contact: &c.contact,
                messages: &c.messages,
            },
        )?;
    }
    out.write_all(b"\n]\n}\n").map_err(io)?;
    out.flush().map_err(io)?;
    Ok(summary)
}
