//! Interactive messages: reply buttons (up to three) and lists (up to ten rows).
//!
//! The limits are Meta's, from the reply-buttons and list-message references: a reply button
//! has an id of at most 256 characters and a title of at most 20, unique within the message; a
//! buttons body holds at most 1024 characters, a list body at most 4096; headers and footers at
//! most 60. List limits are in [`ListAction`].
//!
//! ```
//! use wacloud::send::{Content, Interactive, InteractiveHeader, ReplyButton};
//! let ask = Interactive::buttons(
//!     "Your order #1042 is ready. Deliver today?",
//!     [ReplyButton::new("deliver-yes", "Yes, today"), ReplyButton::new("deliver-no", "Tomorrow")],
//! )
//! .with_header(InteractiveHeader::text("Order #1042"))
//! .with_footer("Blue Mug Café");
//! let content = Content::interactive(ask);
//! assert!(content.validate().is_ok());
//! assert_eq!(
//!     serde_json::to_value(&content).unwrap()["interactive"]["action"]["buttons"][0],
//!     serde_json::json!({"type": "reply", "reply": {"id": "deliver-yes", "title": "Yes, today"}})
//! );
//! ```

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::limits::required;
use super::list::{ListAction, ListSection};
use super::media::{Media, MediaKind};

/// The most reply buttons a message can hold.
pub const MAX_REPLY_BUTTONS: usize = 3;
/// The longest reply button id.
pub const MAX_BUTTON_ID_LEN: usize = 256;
/// The longest reply button title.
pub const MAX_BUTTON_TITLE_LEN: usize = 20;
/// The longest body of a reply-buttons message.
pub const MAX_BUTTONS_BODY_LEN: usize = 1024;
/// The longest body of a list message.
pub const MAX_LIST_BODY_LEN: usize = 4096;
/// The longest header text and footer text.
pub const MAX_HEADER_FOOTER_LEN: usize = 60;

/// `"interactive": {"type": "button" | "list", "header", "body", "footer", "action"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Interactive {
    /// Up to three reply buttons.
    Button {
        /// Text or media shown above the body.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        header: Option<InteractiveHeader>,
        /// The message text.
        body: InteractiveText,
        /// Small text under the body.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        footer: Option<InteractiveText>,
        /// The buttons.
        action: ButtonAction,
    },
    /// A button that opens a list of rows in sections.
    List {
        /// Text shown above the body (lists take a text header only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        header: Option<InteractiveHeader>,
        /// The message text.
        body: InteractiveText,
        /// Small text under the body.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        footer: Option<InteractiveText>,
        /// The list's button label and its sections.
        action: ListAction,
    },
}

/// `{"text": ...}`: an interactive body or footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractiveText {
    /// The text.
    pub text: String,
}

/// The header of an interactive message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InteractiveHeader {
    /// `{"type": "text", "text": ...}`, at most 60 characters.
    Text {
        /// The header text.
        text: String,
    },
    /// `{"type": "image", "image": {"id" | "link"}}` (reply buttons only).
    Image {
        /// The image.
        image: Media,
    },
    /// `{"type": "video", "video": {...}}` (reply buttons only).
    Video {
        /// The video.
        video: Media,
    },
    /// `{"type": "document", "document": {..., "filename"}}` (reply buttons only).
    Document {
        /// The document.
        document: Media,
    },
}

impl InteractiveHeader {
    /// A text header.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text { text: text.into() }
    }

    fn validate(&self, list: bool) -> Result<(), String> {
        let (kind, media) = match self {
            Self::Text { text } => return required("a header", text, MAX_HEADER_FOOTER_LEN),
            Self::Image { image } => (MediaKind::Image, image),
            Self::Video { video } => (MediaKind::Video, video),
            Self::Document { document } => (MediaKind::Document, document),
        };
        if list {
            return Err(format!(
                "a list message can only have a text header (this one's header is {kind})"
            ));
        }
        media.validate_header(kind)
    }
}

/// `"action": {"buttons": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ButtonAction {
    /// One to three buttons.
    pub buttons: Vec<ActionButton>,
}

/// `{"type": "reply", "reply": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ActionButton {
    /// A button whose tap comes back as a `button_reply` with its id.
    Reply {
        /// The button.
        reply: ReplyButton,
    },
}

/// `{"id", "title"}`: one reply button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyButton {
    /// Returned in the webhook when tapped (at most 256 characters, unique).
    pub id: String,
    /// The label (at most 20 characters, unique).
    pub title: String,
}

impl ReplyButton {
    /// A button with its id and title.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
        }
    }
}

impl Interactive {
    /// A reply-buttons message.
    pub fn buttons(
        body: impl Into<String>,
        buttons: impl IntoIterator<Item = ReplyButton>,
    ) -> Self {
        Self::Button {
            header: None,
            body: InteractiveText { text: body.into() },
            footer: None,
            action: ButtonAction {
                buttons: buttons
                    .into_iter()
                    .map(|reply| ActionButton::Reply { reply })
                    .collect(),
            },
        }
    }

    /// A list message: `button` opens the sections.
    pub fn list(
        body: impl Into<String>,
        button: impl Into<String>,
        sections: impl IntoIterator<Item = ListSection>,
    ) -> Self {
        Self::List {
            header: None,
            body: InteractiveText { text: body.into() },
            footer: None,
            action: ListAction {
                button: button.into(),
                sections: sections.into_iter().collect(),
            },
        }
    }

    /// Sets the header.
    pub fn with_header(mut self, new: InteractiveHeader) -> Self {
        match &mut self {
            Self::Button { header, .. } | Self::List { header, .. } => *header = Some(new),
        }
        self
    }

    /// Sets the footer.
    pub fn with_footer(mut self, text: impl Into<String>) -> Self {
        match &mut self {
            Self::Button { footer, .. } | Self::List { footer, .. } => {
                *footer = Some(InteractiveText { text: text.into() });
            }
        }
        self
    }

    /// The message text.
    pub fn body(&self) -> &str {
        match self {
            Self::Button { body, .. } | Self::List { body, .. } => &body.text,
        }
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let (header, body, footer, list) = match self {
            Self::Button {
                header,
                body,
                footer,
                ..
            } => (header, body, footer, false),
            Self::List {
                header,
                body,
                footer,
                ..
            } => (header, body, footer, true),
        };
        let body_max = if list {
            MAX_LIST_BODY_LEN
        } else {
            MAX_BUTTONS_BODY_LEN
        };
        required(
            if list {
                "a list message's body"
            } else {
                "a reply buttons message's body"
            },
            &body.text,
            body_max,
        )?;
        if let Some(header) = header {
            header.validate(list)?;
        }
        if let Some(footer) = footer {
            required("a footer", &footer.text, MAX_HEADER_FOOTER_LEN)?;
        }
        match self {
            Self::Button { action, .. } => validate_buttons(&action.buttons),
            Self::List { action, .. } => action.validate(),
        }
    }
}

fn validate_buttons(buttons: &[ActionButton]) -> Result<(), String> {
    if buttons.is_empty() || buttons.len() > MAX_REPLY_BUTTONS {
        return Err(format!(
            "a reply buttons message needs 1 to {MAX_REPLY_BUTTONS} buttons (this one has {})",
            buttons.len()
        ));
    }
    let mut ids = HashSet::new();
    let mut titles = HashSet::new();
    for ActionButton::Reply { reply } in buttons {
        required("a reply button id", &reply.id, MAX_BUTTON_ID_LEN)?;
        if reply.id.trim() != reply.id {
            return Err(format!(
                "a reply button id cannot start or end with spaces ({:?})",
                reply.id
            ));
        }
        required("a reply button title", &reply.title, MAX_BUTTON_TITLE_LEN)?;
        if !ids.insert(reply.id.as_str()) {
            return Err(format!(
                "two reply buttons have the same id ({:?})",
                reply.id
            ));
        }
        if !titles.insert(reply.title.as_str()) {
            return Err(format!(
                "two reply buttons have the same title ({:?})",
                reply.title
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::send::MediaSource;
    use serde_json::json;

    fn two_buttons() -> Interactive {
        Interactive::buttons(
            "Deliver today?",
            [ReplyButton::new("yes", "Yes"), ReplyButton::new("no", "No")],
        )
    }

    #[test]
    fn buttons_shape_and_round_trip() {
        let msg = two_buttons()
            .with_header(InteractiveHeader::Image {
                image: Media::new(MediaSource::id("42")),
            })
            .with_footer("Blue Mug");
        let wire = json!({
            "type": "button",
            "header": {"type": "image", "image": {"id": "42"}},
            "body": {"text": "Deliver today?"},
            "footer": {"text": "Blue Mug"},
            "action": {"buttons": [
                {"type": "reply", "reply": {"id": "yes", "title": "Yes"}},
                {"type": "reply", "reply": {"id": "no", "title": "No"}}
            ]}
        });
        assert_eq!(serde_json::to_value(&msg).unwrap(), wire);
        assert_eq!(serde_json::from_value::<Interactive>(wire).unwrap(), msg);
        assert!(msg.validate().is_ok());
        assert_eq!(msg.body(), "Deliver today?");
    }

    #[test]
    fn button_limits() {
        let with = |buttons: Vec<ReplyButton>| Interactive::buttons("Pick one", buttons).validate();
        assert!(with(vec![]).is_err());
        let four = (0..4)
            .map(|i| ReplyButton::new(format!("b{i}"), format!("B{i}")))
            .collect();
        assert_eq!(
            with(four).unwrap_err(),
            "a reply buttons message needs 1 to 3 buttons (this one has 4)"
        );
        assert_eq!(
            with(vec![ReplyButton::new("t", "Track my order please!!")]).unwrap_err(),
            "a reply button title can be at most 20 characters (\"Track my order please!!\" has 23)"
        );
        assert!(with(vec![ReplyButton::new("x".repeat(256), "Ok")]).is_ok());
        assert!(with(vec![ReplyButton::new("x".repeat(257), "Ok")]).is_err());
        assert!(with(vec![ReplyButton::new(" x", "Ok")]).is_err());
        assert!(
            with(vec![
                ReplyButton::new("a", "Ok"),
                ReplyButton::new("a", "Fine")
            ])
            .is_err()
        );
        assert!(
            with(vec![
                ReplyButton::new("a", "Ok"),
                ReplyButton::new("b", "Ok")
            ])
            .is_err()
        );
        assert!(with(vec![ReplyButton::new("a", "")]).is_err());
        let long_body = Interactive::buttons("x".repeat(1025), [ReplyButton::new("a", "A")]);
        assert_eq!(
            long_body.validate().unwrap_err(),
            "a reply buttons message's body can be at most 1024 characters (this one has 1025)"
        );
        assert!(
            two_buttons()
                .with_footer("x".repeat(61))
                .validate()
                .is_err()
        );
        assert!(
            two_buttons()
                .with_header(InteractiveHeader::text("x".repeat(61)))
                .validate()
                .is_err()
        );
        let captioned = InteractiveHeader::Video {
            video: Media {
                caption: Some("no".into()),
                ..Media::new(MediaSource::id("1"))
            },
        };
        assert!(two_buttons().with_header(captioned).validate().is_err());
    }
}
