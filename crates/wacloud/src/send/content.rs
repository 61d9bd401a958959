//! [`Content`]: the message itself, `"type": T` and the object named `T`.
//!
//! ```
//! use wacloud::send::{Content, MediaSource};
//! let photo = Content::image(MediaSource::link("https://example.com/mug.jpg"), Some("Blue mug".into()));
//! assert_eq!(photo.type_name(), "image");
//! assert_eq!(photo.display_text().as_deref(), Some("Blue mug"));
//! assert_eq!(
//!     serde_json::to_value(&photo).unwrap(),
//!     serde_json::json!({"type": "image", "image": {"link": "https://example.com/mug.jpg", "caption": "Blue mug"}})
//! );
//! ```

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::contacts::{self, Contact};
use super::interactive::Interactive;
use super::location::Location;
use super::media::{Media, MediaKind, MediaSource};
use super::template::TemplateMessage;
use super::text::{Reaction, Text};
use crate::ids::Wamid;

/// The message itself: `"type": T` and the object named `T`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Content {
    /// `"text": {"body", "preview_url"}`.
    Text {
        /// The text.
        text: Text,
    },
    /// `"reaction": {"message_id", "emoji"}`.
    Reaction {
        /// The reaction.
        reaction: Reaction,
    },
    /// `"image": {"id" | "link", "caption"}`.
    Image {
        /// The image.
        image: Media,
    },
    /// `"video": {"id" | "link", "caption"}`.
    Video {
        /// The video.
        video: Media,
    },
    /// `"audio": {"id" | "link"}` (no caption).
    Audio {
        /// The audio.
        audio: Media,
    },
    /// `"document": {"id" | "link", "caption", "filename"}`.
    Document {
        /// The document.
        document: Media,
    },
    /// `"sticker": {"id" | "link"}` (no caption).
    Sticker {
        /// The sticker.
        sticker: Media,
    },
    /// `"location": {"latitude", "longitude", "name", "address"}`.
    Location {
        /// The place.
        location: Location,
    },
    /// `"contacts": [{"name", "phones", ...}]`.
    Contacts {
        /// The cards.
        contacts: Vec<Contact>,
    },
    /// `"interactive": {"type": "button" | "list", ...}`.
    Interactive {
        /// The buttons or list.
        interactive: Interactive,
    },
    /// `"template": {"name", "language", "components"}`.
    Template {
        /// The template and its parameters.
        template: TemplateMessage,
    },
}

impl Content {
    /// A text message; `preview_url` renders a preview of the first link.
    pub fn text(body: impl Into<String>, preview_url: bool) -> Self {
        Self::Text {
            text: Text {
                body: body.into(),
                preview_url,
            },
        }
    }

    /// Reacts to `message_id` with `emoji`.
    pub fn reaction(message_id: Wamid, emoji: impl Into<String>) -> Self {
        Self::Reaction {
            reaction: Reaction {
                message_id,
                emoji: emoji.into(),
            },
        }
    }

    /// Removes an earlier reaction to `message_id` (an empty emoji).
    pub fn remove_reaction(message_id: Wamid) -> Self {
        Self::reaction(message_id, "")
    }

    /// An image, with an optional caption.
    pub fn image(source: MediaSource, caption: Option<String>) -> Self {
        Self::media(
            MediaKind::Image,
            Media {
                caption,
                ..Media::new(source)
            },
        )
    }

    /// A video, with an optional caption.
    pub fn video(source: MediaSource, caption: Option<String>) -> Self {
        Self::media(
            MediaKind::Video,
            Media {
                caption,
                ..Media::new(source)
            },
        )
    }

    /// An audio file or voice note.
    pub fn audio(source: MediaSource) -> Self {
        Self::media(MediaKind::Audio, Media::new(source))
    }

    /// A document, with an optional caption and the file name the customer sees.
    pub fn document(
        source: MediaSource,
        caption: Option<String>,
        filename: Option<String>,
    ) -> Self {
        Self::media(
            MediaKind::Document,
            Media {
                caption,
                filename,
                ..Media::new(source)
            },
        )
    }

    /// A sticker.
    pub fn sticker(source: MediaSource) -> Self {
        Self::media(MediaKind::Sticker, Media::new(source))
    }

    /// A media message of `kind`.
    pub fn media(kind: MediaKind, media: Media) -> Self {
        match kind {
            MediaKind::Image => Self::Image { image: media },
            MediaKind::Video => Self::Video { video: media },
            MediaKind::Audio => Self::Audio { audio: media },
            MediaKind::Document => Self::Document { document: media },
            MediaKind::Sticker => Self::Sticker { sticker: media },
        }
    }

    /// A location pin.
    pub fn location(location: Location) -> Self {
        Self::Location { location }
    }

    /// One or more contact cards.
    pub fn contacts(contacts: Vec<Contact>) -> Self {
        Self::Contacts { contacts }
    }

    /// Reply buttons or a list.
    pub fn interactive(interactive: Interactive) -> Self {
        Self::Interactive { interactive }
    }

    /// An approved template.
    pub fn template(template: TemplateMessage) -> Self {
        Self::Template { template }
    }

    /// The media kind and object of a media message.
    pub fn media_parts(&self) -> Option<(MediaKind, &Media)> {
        match self {
            Self::Image { image } => Some((MediaKind::Image, image)),
            Self::Video { video } => Some((MediaKind::Video, video)),
            Self::Audio { audio } => Some((MediaKind::Audio, audio)),
            Self::Document { document } => Some((MediaKind::Document, document)),
            Self::Sticker { sticker } => Some((MediaKind::Sticker, sticker)),
            _ => None,
        }
    }

    /// The media kind of a media message.
    pub fn media_kind(&self) -> Option<MediaKind> {
        self.media_parts().map(|(kind, _)| kind)
    }

    /// The Cloud API's name for this type (`text`, `image`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Text { .. } => "text",
            Self::Reaction { .. } => "reaction",
            Self::Image { .. } => "image",
            Self::Video { .. } => "video",
            Self::Audio { .. } => "audio",
            Self::Document { .. } => "document",
            Self::Sticker { .. } => "sticker",
            Self::Location { .. } => "location",
            Self::Contacts { .. } => "contacts",
            Self::Interactive { .. } => "interactive",
            Self::Template { .. } => "template",
        }
    }

    /// The text a person reads: the body, the caption (or a document's file name), the
    /// emoji, `📍 name`, `👤 name`, the interactive body, or `template_name (param, ...)`.
    /// `None` for audio, stickers, and a reaction's removal.
    pub fn display_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Self::Text { text } => Some(Cow::Borrowed(&text.body)),
            Self::Reaction { reaction } if reaction.is_removal() => None,
            Self::Reaction { reaction } => Some(Cow::Borrowed(&reaction.emoji)),
            Self::Image { image: m } | Self::Video { video: m } => {
                m.caption.as_deref().map(Cow::Borrowed)
            }
            Self::Document { document } => document
                .caption
                .as_deref()
                .or(document.filename.as_deref())
                .map(Cow::Borrowed),
            Self::Audio { .. } | Self::Sticker { .. } => None,
            Self::Location { location } => Some(Cow::Owned(location.display())),
            Self::Contacts { contacts } => {
                let names: Vec<&str> = contacts
                    .iter()
                    .map(|c| c.name.formatted_name.as_str())
                    .collect();
                Some(Cow::Owned(format!("👤 {}", names.join(", "))))
            }
            Self::Interactive { interactive } => Some(Cow::Borrowed(interactive.body())),
            Self::Template { template } => Some(Cow::Owned(template.display())),
        }
    }

    /// Checks what the Cloud API would refuse, before any request. The error is a sentence a
    /// person can act on, naming the limit.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Self::Text { text } => text.validate(),
            Self::Reaction { reaction } => reaction.validate(),
            Self::Image { image } => image.validate(MediaKind::Image),
            Self::Video { video } => video.validate(MediaKind::Video),
            Self::Audio { audio } => audio.validate(MediaKind::Audio),
            Self::Document { document } => document.validate(MediaKind::Document),
            Self::Sticker { sticker } => sticker.validate(MediaKind::Sticker),
            Self::Location { location } => location.validate(),
            Self::Contacts { contacts } => contacts::validate_all(contacts),
            Self::Interactive { interactive } => interactive.validate(),
            Self::Template { template } => template.validate(),
        }
    }
}
