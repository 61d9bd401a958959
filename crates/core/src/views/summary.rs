//! A message in one line of words, for a notification or a terminal: its text, or what it is
//! ("Photo", "Ana reacted ❤️ to “…”"), never a raw `[type]`.

use super::texts::{TEXTS, readable_kind};
use super::{ContentView, MessageView};
use crate::i18n::say;

impl MessageView {
    /// One line for a person, in the owner's language: the text (with what carries it, for a
    /// captioned file), a reaction as a sentence whose subject is `who` ("Ana", "You"), or the
    /// kind in words.
    pub fn summary(&self, who: &str) -> String {
        let text = self.text.as_deref().map(str::trim).unwrap_or("");
        if let Some(ContentView::Reaction {
            emoji,
            target_text,
            target_kind,
            ..
        }) = &self.content
        {
            let target = match (target_text, target_kind) {
                (Some(t), _) => say(TEXTS, "summary.quoted", &[("text", &shorten(t, 40))]),
                (None, Some(kind)) => {
                    say(TEXTS, "summary.quoted", &[("text", &readable_kind(kind))])
                }
                (None, None) => say(TEXTS, "summary.a_message", &[]),
            };
            let values = [("who", who), ("emoji", emoji.as_str()), ("target", &target)];
            return if emoji.is_empty() {
                say(TEXTS, "summary.unreacted", &values)
            } else {
                say(TEXTS, "summary.reacted", &values)
            };
        }
        match (self.kind.as_str(), text) {
            ("text", t) => t.to_owned(),
            (kind, "") => readable_kind(kind),
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
                    target_kind: target.map(|_| "text".into()),
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
        let on_a_photo = message(
            "reaction",
            None,
            Some(ContentView::Reaction {
                emoji: "👍".into(),
                target_wamid: "wamid.1".into(),
                target_text: None,
                target_kind: Some("image".into()),
            }),
        );
        assert_eq!(on_a_photo.summary("Ana"), "Ana reacted 👍 to “Photo”");
        crate::i18n::with_lang(crate::i18n::Lang::Es, || {
            assert_eq!(on_a_photo.summary("Ana"), "Ana reaccionó con 👍 a “Foto”");
            assert_eq!(
                reaction("", Some("hola")).summary("Ana"),
                "Ana quitó una reacción a “hola”"
            );
            assert_eq!(
                message("image", Some("la azul"), None).summary("Ana"),
                "Foto: la azul"
            );
        });
    }
}
