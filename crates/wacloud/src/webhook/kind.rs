//! [`MessageKind`]: the `type` of an inbound message as an enum, with a raw variant for types
//! this crate does not know yet.

use std::fmt;

/// The type of an inbound message ([`super::InboundMessage::kind`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// `text`.
    Text,
    /// `image`.
    Image,
    /// `video`.
    Video,
    /// `audio`, a voice note included (see [`super::Media::is_voice`]).
    Audio,
    /// `document`.
    Document,
    /// `sticker`, static or animated.
    Sticker,
    /// `location`.
    Location,
    /// `contacts`: shared contact cards.
    Contacts,
    /// `interactive`: a reply button, a list row, a flow's answer.
    Interactive,
    /// `button`: a template's quick-reply button.
    Button,
    /// `reaction`: an emoji on a message, or its removal.
    Reaction,
    /// `order`: a cart from the catalogue.
    Order,
    /// `system`: the customer changed number or id.
    System,
    /// `request_welcome`: the customer opened the chat for the first time.
    RequestWelcome,
    /// `unsupported` (and the older `unknown`): a type the Cloud API cannot deliver.
    Unsupported,
    /// A type this crate does not know yet, as Meta wrote it.
    Other(String),
}

impl MessageKind {
    /// Reads a Cloud API message `type`; an unknown one becomes [`MessageKind::Other`].
    pub fn parse(kind: &str) -> Self {
        match kind {
            "text" => Self::Text,
            "image" => Self::Image,
            "video" => Self::Video,
            "audio" => Self::Audio,
            "document" => Self::Document,
            "sticker" => Self::Sticker,
            "location" => Self::Location,
            "contacts" => Self::Contacts,
            "interactive" => Self::Interactive,
            "button" => Self::Button,
            "reaction" => Self::Reaction,
            "order" => Self::Order,
            "system" => Self::System,
            "request_welcome" => Self::RequestWelcome,
            "unsupported" | "unknown" => Self::Unsupported,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The Cloud API name (`unsupported` for both `unsupported` and `unknown`).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Text => "text",
            Self::Image => "image",
            Self::Video => "video",
            Self::Audio => "audio",
            Self::Document => "document",
            Self::Sticker => "sticker",
            Self::Location => "location",
            Self::Contacts => "contacts",
            Self::Interactive => "interactive",
            Self::Button => "button",
            Self::Reaction => "reaction",
            Self::Order => "order",
            Self::System => "system",
            Self::RequestWelcome => "request_welcome",
            Self::Unsupported => "unsupported",
            Self::Other(s) => s,
        }
    }

    /// Whether the message carries a file to download (image, video, audio, document, sticker).
    pub fn is_media(&self) -> bool {
        matches!(
            self,
            Self::Image | Self::Video | Self::Audio | Self::Document | Self::Sticker
        )
    }
}

impl fmt::Display for MessageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::MessageKind;

    #[test]
    fn every_known_name_round_trips() {
        for name in [
            "text",
            "image",
            "video",
            "audio",
            "document",
            "sticker",
            "location",
            "contacts",
            "interactive",
            "button",
            "reaction",
            "order",
            "system",
            "request_welcome",
            "unsupported",
        ] {
            let kind = MessageKind::parse(name);
            assert!(!matches!(kind, MessageKind::Other(_)), "{name}");
            assert_eq!(kind.as_str(), name);
            assert_eq!(kind.to_string(), name);
        }
    }

    #[test]
    fn unknown_names_are_kept_raw() {
        assert_eq!(MessageKind::parse("unknown"), MessageKind::Unsupported);
        let poll = MessageKind::parse("poll");
        assert_eq!(poll, MessageKind::Other("poll".into()));
        assert_eq!(poll.as_str(), "poll");
        assert!(!poll.is_media());
        assert!(MessageKind::parse("sticker").is_media());
        assert!(!MessageKind::parse("Text").is_media());
    }
}
