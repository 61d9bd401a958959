//! What a message says, in words, for a transcript or a spreadsheet: never a raw `[type]`.

use super::texts::{Lang, fill, text};
use crate::views::{ContentView, MediaKindView, MessageStatus, MessageView};

/// The words of a message: its text or caption, and what it holds beyond text.
pub fn describe(lang: Lang, m: &MessageView) -> String {
    let what = holds(lang, m);
    match (what, m.text.as_deref().filter(|t| !t.trim().is_empty())) {
        (Some(what), Some(text)) if what != text => format!("{what}: {text}"),
        (_, Some(text)) => text.to_owned(),
        (Some(what), None) => what,
        (None, None) => text(lang, "message").to_owned(),
    }
}

/// What the message holds beyond text, in words (`None` for a plain text).
fn holds(lang: Lang, m: &MessageView) -> Option<String> {
    if let Some(media) = &m.media {
        let key = match media.kind {
            MediaKindView::Audio if media.voice => "voice",
            kind => kind.as_str(),
        };
        let label = text(lang, key);
        return Some(match &media.filename {
            Some(name) if media.kind == MediaKindView::Document => {
                format!("{label} {}", super::names::visible(name))
            }
            _ => label.to_owned(),
        });
    }
    let content = m.content.as_ref()?;
    Some(match content {
        ContentView::Location { name, address, .. } => {
            let place: Vec<&str> = [name.as_deref(), address.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if place.is_empty() {
                text(lang, "location").to_owned()
            } else {
                format!("{}: {}", text(lang, "location"), place.join(", "))
            }
        }
        ContentView::Contacts { cards } => {
            let names: Vec<&str> = cards.iter().map(|c| c.name.as_str()).collect();
            format!("{}: {}", text(lang, "contacts"), names.join(", "))
        }
        ContentView::Interactive { body, options, .. } => {
            let titles: Vec<&str> = options.iter().map(|o| o.title.as_str()).collect();
            if titles.is_empty() {
                body.clone()
            } else {
                format!("{body} [{}]", titles.join(" | "))
            }
        }
        ContentView::InteractiveReply { title, .. } => title.clone(),
        ContentView::Template {
            name, parameters, ..
        } => {
            let label = fill(lang, "template", &[("name", name)]);
            if parameters.is_empty() {
                label
            } else {
                format!("{label} ({})", parameters.join(", "))
            }
        }
        ContentView::Order { items, .. } => fill(lang, "order", &[("items", &items.to_string())]),
        ContentView::Referral { headline, .. } => match headline {
            Some(h) => format!("{}: {h}", text(lang, "referral")),
            None => text(lang, "referral").to_owned(),
        },
        ContentView::Reaction { emoji, .. } if emoji.is_empty() => {
            text(lang, "unreacted").to_owned()
        }
        ContentView::Reaction { emoji, .. } => fill(lang, "reacted", &[("emoji", emoji)]),
        ContentView::System { body } => body.clone(),
        ContentView::Unsupported { .. } => text(lang, "unsupported").to_owned(),
    })
}

/// A message's state in words (`received` for the customer's).
pub fn status(lang: Lang, status: MessageStatus) -> &'static str {
    text(
        lang,
        match status {
            MessageStatus::Received => "status_received",
            MessageStatus::Queued => "status_queued",
            MessageStatus::Sending | MessageStatus::Unknown => "status_sending",
            MessageStatus::Sent => "status_sent",
            MessageStatus::Delivered => "status_delivered",
            MessageStatus::Read => "status_read",
            MessageStatus::Played => "status_played",
            MessageStatus::Failed => "status_failed",
        },
    )
}
