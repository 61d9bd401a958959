//! What a shown message needs from other tables: its file, the message it quotes, and the
//! reactions on it. A few indexed point lookups per message, for a page of at most a few hundred.

use rusqlite::{Connection, OptionalExtension};

use super::StoreError;
use super::media;
use crate::views::{ContentView, Direction, MessageView, ReactionView};

/// Fills `media`, `reply_to` and `reactions` of each message.
pub fn enrich(conn: &Connection, messages: &mut [MessageView]) -> Result<(), StoreError> {
    for m in messages.iter_mut() {
        if is_media_kind(&m.kind) {
            m.media = media::view(conn, m.id)?;
        }
        if let Some(quote) = m.reply_to.as_mut() {
            let found: Option<(i64, String, String, Option<String>)> = conn
                .prepare_cached("SELECT id, direction, type, text FROM messages WHERE wamid = ?1")?
                .query_row([&quote.wamid], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?;
            if let Some((id, direction, kind, text)) = found {
                quote.id = Some(id);
                quote.direction = Some(direction_of(&direction));
                quote.text = text.filter(|t| !t.trim().is_empty());
                quote.kind = Some(kind);
            }
        }
        fill_reaction_target(conn, m)?;
        if let Some(wamid) = &m.wamid {
            let mut stmt = conn.prepare_cached(
                "SELECT emoji, direction FROM reactions WHERE target_wamid = ?1 ORDER BY direction",
            )?;
            m.reactions = stmt
                .query_map([wamid], |r| {
                    Ok(ReactionView {
                        emoji: r.get(0)?,
                        direction: direction_of(&r.get::<_, String>(1)?),
                    })
                })?
                .collect::<Result<_, _>>()?;
        }
    }
    Ok(())
}

/// For a reaction, what the message it reacts to says, so the chat list can read
/// "You reacted 👍 to “See you at 5”".
pub fn fill_reaction_target(conn: &Connection, m: &mut MessageView) -> rusqlite::Result<()> {
    let Some(ContentView::Reaction {
        target_wamid,
        target_text,
        target_kind,
        ..
    }) = m.content.as_mut()
    else {
        return Ok(());
    };
    let found: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT type, text FROM messages WHERE wamid = ?1")?
        .query_row([&*target_wamid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((kind, text)) = found {
        *target_text = text.filter(|t| !t.trim().is_empty());
        *target_kind = Some(kind);
    }
    Ok(())
}

fn direction_of(s: &str) -> Direction {
    if s == "in" {
        Direction::In
    } else {
        Direction::Out
    }
}

/// Whether messages of this Cloud API type carry a file.
pub fn is_media_kind(kind: &str) -> bool {
    matches!(kind, "image" | "video" | "audio" | "document" | "sticker")
}
