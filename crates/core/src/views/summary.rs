//! A message in one line of words, for a notification or a terminal: its text, or what it is
//! ("Photo", "Ana reacted ❤️ to “…”"), never a raw `[type]`.

use super::{ContentView, MessageView};
use crate::store::enrich::readable_kind;

impl MessageView {
    /// One line for a person: the text (with what carries it, for a captioned file), a reaction as
    /// a sentence whose subject is `who` ("Ana", "You"), or the kind in words.
    pub fn summary(&self, who: &str) -> String {
        let text = self.text.as_deref().map(str::trim).unwrap_or("");
        if let Some(ContentView::Reaction {
            emoji, target_text, ..
        }) = &self.content
        {
            let target = target_text.as_deref().map_or_else(
                || "a message".to_owned(),
                |t| format!("“{}”", shorten(t, 40)),
            );
            return if emoji.is_empty() {
                format!("{who} removed a reaction to {target}")
            } else {
                format!("{who} reacted {emoji} to {target}")
            };
        }
        match (self.kind.as_str(), text) {
            ("text", t) => t.to_owned(),
            (kind, "") => readable_kind(kind).to_owned(),
            (kind, t) => format!("{}: {t}", readable_kind(kind)),
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max {
        let cut: String = flat.chars().take(max - 1).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use crate::views::{ContentView, Direction, MessageStatus, MessageView};

    fn message(kind: &str, text: Option<&str>, content: Option<ContentView>) -> MessageView {
        MessageView {
            id: 1,
            wamid: None,
            contact: "15550100001".into(),
            direction: Direction::In,
            kind: kind.into(),
            text: text.map(Into::into),
            status: MessageStatus::Delivered,
            timestamp: 0,
            error: None,
            media: None,
            content,
            reply_to: None,
            reactions: Vec::new(),
            forwarded: false,
            auto: false,
            class: None,
            origin: None,
        }
    }

    #[test]
    fn never_a_raw_type() {
        for kind in [
            "image",
            "sticker",
            "reaction",
            "unsupported",
            "ephemeral",
            "gizmo",
        ] {
            for text in [None, Some("the blue one")] {
                let line = message(kind, text, None).summary("Ana");
                assert!(!line.contains('['), "{kind}: {line}");
                assert!(!line.is_empty());
            }
        }
        assert_eq!(
            message("image", Some("the blue one"), None).summary("Ana"),
            "Photo: the blue one"
        );
        assert_eq!(message("text", Some("hi"), None).summary("Ana"), "hi");
    }

    #[test]
    fn a_reaction_is_a_sentence() {
        let reaction = |emoji: &str, target: Option<&str>| {
            message(
                "reaction",
                None,
                Some(ContentView::Reaction {
                    emoji: emoji.into(),
                    target_wamid: "wamid.1".into(),
                    target_text: target.map(Into::into),
                }),
            )
        };
        assert_eq!(
            reaction("❤️", Some("Do you have\n mugs?")).summary("Ana"),
            "Ana reacted ❤️ to “Do you have mugs?”"
        );
        assert_eq!(
            reaction("👍", None).summary("You"),
            "You reacted 👍 to a message"
        );
        assert_eq!(
            reaction("", Some("hi")).summary("Ana"),
            "Ana removed a reaction to “hi”"
        );
    }
}
