//! Text messages and reactions.
//!
//! ```
//! use wacloud::send::Content;
//! use wacloud::Wamid;
//! let thumbs = Content::reaction(Wamid::parse("wamid.ABC").unwrap(), "👍");
//! assert_eq!(
//!     serde_json::to_value(&thumbs).unwrap(),
//!     serde_json::json!({"type": "reaction", "reaction": {"message_id": "wamid.ABC", "emoji": "👍"}})
//! );
//! assert!(Content::text("", false).validate().is_err());
//! ```

use serde::{Deserialize, Serialize};

use super::limits::char_len;
use crate::ids::Wamid;

/// The longest text body the Cloud API accepts.
pub const MAX_TEXT_LEN: usize = 4096;

/// The longest emoji sequence a reaction may carry (a few code points: skin tones, joiners, flags).
const MAX_EMOJI_CHARS: usize = 16;

/// `"text": {"body": ..., "preview_url": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// What the customer reads (at most [`MAX_TEXT_LEN`] characters).
    pub body: String,
    /// Whether WhatsApp renders a preview of the first URL in the body.
    #[serde(default)]
    pub preview_url: bool,
}

impl Text {
    pub(crate) fn validate(&self) -> Result<(), String> {
        let n = char_len(&self.body);
        if self.body.trim().is_empty() {
            Err("a text message cannot be empty".into())
        } else if n > MAX_TEXT_LEN {
            Err(format!(
                "a text message can be at most {MAX_TEXT_LEN} characters (this one has {n})"
            ))
        } else {
            Ok(())
        }
    }
}

/// `"reaction": {"message_id": WAMID, "emoji": "👍"}`; an empty emoji removes the reaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reaction {
    /// The message reacted to.
    pub message_id: Wamid,
    /// One emoji, or `""` to remove an earlier reaction.
    pub emoji: String,
}

impl Reaction {
    /// Whether this removes the reaction rather than setting one.
    pub fn is_removal(&self) -> bool {
        self.emoji.is_empty()
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let emoji = self.emoji.as_str();
        if emoji.is_empty() {
            return Ok(());
        }
        if emoji
            .chars()
            .any(|c| c.is_whitespace() || c.is_ascii_alphabetic())
        {
            return Err(format!(
                "a reaction must be a single emoji ({emoji:?} is not); use an empty one to remove a reaction"
            ));
        }
        let n = char_len(emoji);
        if n > MAX_EMOJI_CHARS {
            return Err(format!(
                "a reaction must be a single emoji (this one has {n} characters)"
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wamid() -> Wamid {
        Wamid::parse("wamid.ABC").unwrap()
    }

    #[test]
    fn text_limits() {
        let ok = Text {
            body: "x".repeat(MAX_TEXT_LEN),
            preview_url: false,
        };
        assert!(ok.validate().is_ok());
        let long = Text {
            body: "x".repeat(MAX_TEXT_LEN + 1),
            preview_url: false,
        };
        assert_eq!(
            long.validate().unwrap_err(),
            "a text message can be at most 4096 characters (this one has 4097)"
        );
    }

    #[test]
    fn text_without_preview_url_deserialises() {
        let t: Text = serde_json::from_str(r#"{"body":"hi"}"#).unwrap();
        assert!(!t.preview_url);
    }

    #[test]
    fn reactions() {
        for ok in ["👍", "❤️", "👍🏽", "👨‍👩‍👧‍👦", "🇧🇷", "1️⃣", ""]
        {
            let r = Reaction {
                message_id: wamid(),
                emoji: ok.into(),
            };
            assert!(r.validate().is_ok(), "{ok:?} should be accepted");
        }
        for bad in ["ok", "👍 👍", " ", "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"]
        {
            let r = Reaction {
                message_id: wamid(),
                emoji: bad.into(),
            };
            assert!(r.validate().is_err(), "{bad:?} should be refused");
        }
        assert!(
            Reaction {
                message_id: wamid(),
                emoji: String::new()
            }
            .is_removal()
        );
    }
}
