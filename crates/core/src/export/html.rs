//! Conversations as a readable HTML transcript with their files, in one zip: `index.html`, a page
//! per conversation under `chats/`, the files under `files/`. Every value goes through the
//! templates' HTML escaping (askama); the pages carry a CSP that runs no script; a customer's file
//! is linked for download, only real images, videos and audio are shown inline.

use std::io::Write;
use std::path::Path;

use askama::Template;
use jiff::tz::TimeZone;
use rusqlite::Connection;
use zip::write::SimpleFileOptions;

use super::names::{entry, visible};
use super::texts::{fill, text};
use super::{Conversation, ExportError, ExportSummary, Lang, describe};
use crate::media::files;
use crate::store::{StoreError, media};
use crate::views::{Direction, MediaKindView, MessageView};

struct FileLink {
    href: String,
    name: String,
    /// `image`, `video`, `audio` (shown inline) or `other` (a download link).
    kind: &'static str,
}

struct Line {
    id: i64,
    mine: bool,
    who: String,
    time: String,
    text: String,
    quote: Option<String>,
    file: Option<FileLink>,
    missing_file: bool,
    notes: Vec<&'static str>,
    failed: Option<String>,
    status: Option<&'static str>,
    reactions: String,
}

struct Day {
    label: String,
    messages: Vec<Line>,
}

#[derive(Template)]
#[template(path = "export/chat.html")]
struct ChatPage<'a> {
    lang: &'a str,
    title: String,
    number: &'a str,
    count: String,
    exported: &'a str,
    back: &'a str,
    empty: &'a str,
    missing: &'a str,
    days: Vec<Day>,
}

struct IndexRow {
    href: String,
    name: String,
    number: String,
    count: String,
    last: String,
}

#[derive(Template)]
#[template(path = "export/index.html")]
struct IndexPage<'a> {
    lang: &'a str,
    title: &'a str,
    exported: &'a str,
    rows: Vec<IndexRow>,
}

pub fn zip(
    out: &mut std::fs::File,
    conn: &Connection,
    store_dir: &Path,
    conversations: impl Iterator<Item = Result<Conversation, StoreError>>,
    lang: Lang,
) -> Result<ExportSummary, ExportError> {
    let tz = TimeZone::system();
    let exported = fill(
        lang,
        "exported",
        &[(
            "date",
            &local(&tz, jiff::Timestamp::now().as_second(), "%Y-%m-%d %H:%M"),
        )],
    );
    let media_dir = files::media_dir(store_dir);
    let mut zip = zip::ZipWriter::new(out);
    let text_options =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    // Photos, videos and voice notes are compressed already.
    let file_options =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut summary = ExportSummary::default();
    let mut rows = Vec::new();
    for conversation in conversations {
        let Conversation { contact, messages } = conversation?;
        summary.conversations += 1;
        summary.messages += messages.len() as u64;
        let name = contact
            .name
            .as_deref()
            .map(visible)
            .unwrap_or_else(|| format!("+{}", contact.wa_id));
        let mut days: Vec<Day> = Vec::new();
        for m in &messages {
            let mut line = line(lang, &tz, &name, m);
            if let Some((relative, mime, filename)) = media::file_of(conn, m.id)? {
                match files::resolve(&media_dir, &relative) {
                    Some(path) if path.is_file() => {
                        let href = entry(m.id, &filename);
                        zip.start_file(href.as_str(), file_options)?;
                        let mut source = std::fs::File::open(&path)
                            .map_err(|e| ExportError::Format(format!("{}: {e}", path.display())))?;
                        std::io::copy(&mut source, &mut zip)
                            .map_err(|e| ExportError::Format(e.to_string()))?;
                        summary.files += 1;
                        line.file = Some(FileLink {
                            href,
                            name: visible(&filename),
                            kind: inline_kind(m, &mime),
                        });
                    }
                    _ => line.missing_file = true,
                }
            } else if m.media.is_some() {
                line.missing_file = true;
            }
            let label = local(&tz, m.timestamp, "%Y-%m-%d");
            match days.last_mut() {
                Some(day) if day.label == label => day.messages.push(line),
                _ => days.push(Day {
                    label,
                    messages: vec![line],
                }),
            }
        }
        let count = fill(lang, "messages", &[("count", &messages.len().to_string())]);
        let digits: String = contact.wa_id.chars().filter(char::is_ascii_digit).collect();
        let page = ChatPage {
            lang: lang.code(),
            title: fill(lang, "title_one", &[("name", &name)]),
            number: &digits,
            count: count.clone(),
            exported: &exported,
            back: text(lang, "back"),
            empty: text(lang, "no_messages"),
            missing: text(lang, "file_missing"),
            days,
        };
        let href = format!("chats/{digits}.html");
        zip.start_file(href.as_str(), text_options)?;
        zip.write_all(page.render()?.as_bytes())
            .map_err(|e| ExportError::Format(e.to_string()))?;
        rows.push(IndexRow {
            href,
            name,
            number: digits,
            count,
            last: messages
                .last()
                .map(|m| local(&tz, m.timestamp, "%Y-%m-%d %H:%M"))
                .unwrap_or_default(),
        });
    }
    let index = IndexPage {
        lang: lang.code(),
        title: text(lang, "title_all"),
        exported: &exported,
        rows,
    };
    zip.start_file("index.html", text_options)?;
    zip.write_all(index.render()?.as_bytes())
        .map_err(|e| ExportError::Format(e.to_string()))?;
    zip.finish()?;
    Ok(summary)
}

fn line(lang: Lang, tz: &TimeZone, contact_name: &str, m: &MessageView) -> Line {
    let mine = m.direction == Direction::Out;
    let mut notes = Vec::new();
    if m.forwarded {
        notes.push(text(lang, "forwarded"));
    }
    if m.auto {
        notes.push(text(lang, "automatic"));
    }
    let reactions: Vec<String> = m.reactions.iter().map(|r| r.emoji.clone()).collect();
    Line {
        id: m.id,
        mine,
        who: if mine {
            text(lang, "you").to_owned()
        } else {
            contact_name.to_owned()
        },
        time: local(tz, m.timestamp, "%H:%M"),
        text: describe(lang, m),
        quote: m.reply_to.as_ref().map(|q| {
            let who = match q.direction {
                Some(Direction::Out) => text(lang, "you"),
                _ => contact_name,
            };
            format!(
                "{} {who}: {}",
                text(lang, "reply_to"),
                q.text.as_deref().unwrap_or("…")
            )
        }),
        file: None,
        missing_file: false,
        notes,
        failed: m
            .error
            .as_ref()
            .map(|e| fill(lang, "failed", &[("reason", &e.title)])),
        status: mine.then(|| super::describe::status(lang, m.status)),
        reactions: reactions.join(" "),
    }
}

/// Photos and stickers, videos and audio in a format a browser plays are shown inline; anything
/// else (a PDF, an HTML page, an SVG, a program) is only a download link.
fn inline_kind(m: &MessageView, mime: &str) -> &'static str {
    let kind = m.media.as_ref().map(|f| f.kind);
    let mime = mime.to_ascii_lowercase();
    match kind {
        Some(MediaKindView::Image | MediaKindView::Sticker)
            if matches!(
                mime.as_str(),
                "image/jpeg" | "image/png" | "image/webp" | "image/gif"
            ) =>
        {
            "image"
        }
        Some(MediaKindView::Video) if mime.starts_with("video/") => "video",
        Some(MediaKindView::Audio) if mime.starts_with("audio/") => "audio",
        _ => "other",
    }
}

fn local(tz: &TimeZone, secs: i64, format: &str) -> String {
    jiff::Timestamp::from_second(secs)
        .map(|t| t.to_zoned_datetime(tz.clone()).strftime(format).to_string())
        .unwrap_or_default()
}
