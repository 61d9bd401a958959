//! Media messages: image, video, audio, document and sticker, by uploaded media id or by link.
//!
//! ```
//! use wacloud::send::{Content, MediaSource};
//! use wacloud::MediaKind;
//! let invoice = Content::document(
//!     MediaSource::id("1037543291543636"),
//!     Some("Your invoice".into()),
//!     Some("invoice-1042.pdf".into()),
//! );
//! assert_eq!(invoice.media_kind(), Some(MediaKind::Document));
//! assert_eq!(
//!     serde_json::to_value(&invoice).unwrap(),
//!     serde_json::json!({
//!         "type": "document",
//!         "document": {"id": "1037543291543636", "caption": "Your invoice", "filename": "invoice-1042.pdf"}
//!     })
//! );
//! // Audio and stickers carry no caption.
//! let mut voice = Content::audio(MediaSource::link("https://example.com/hello.ogg"));
//! if let Content::Audio { audio } = &mut voice {
//!     audio.caption = Some("hello".into());
//! }
//! assert!(voice.validate().is_err());
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use super::limits::{not_blank, required};

/// The longest media caption the Cloud API accepts.
pub const MAX_CAPTION_LEN: usize = 1024;

/// The five kinds of media the Cloud API sends and receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    /// JPEG or PNG.
    Image,
    /// MP4 or 3GPP.
    Video,
    /// AAC, AMR, MP3, M4A or OGG (opus).
    Audio,
    /// Any file (PDF, DOCX, ...).
    Document,
    /// WebP.
    Sticker,
}

impl MediaKind {
    /// Every kind, in a fixed order.
    pub const ALL: [MediaKind; 5] = [
        Self::Image,
        Self::Video,
        Self::Audio,
        Self::Document,
        Self::Sticker,
    ];

    /// The Cloud API's name for this kind: the message `type` and the key of its object.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Video => "video",
            Self::Audio => "audio",
            Self::Document => "document",
            Self::Sticker => "sticker",
        }
    }

    /// Whether a message of this kind may carry a caption (image, video, document).
    pub fn allows_caption(self) -> bool {
        matches!(self, Self::Image | Self::Video | Self::Document)
    }
}

impl fmt::Display for MediaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the media comes from: `{"id": MEDIA_ID}` or `{"link": URL}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaSource {
    /// The id `POST /{phone-number-id}/media` answered (preferred: Meta fetches nothing).
    Id(String),
    /// A public http(s) URL Meta downloads the media from.
    Link(String),
}

impl MediaSource {
    /// Media uploaded earlier, by its id.
    pub fn id(id: impl Into<String>) -> Self {
        Self::Id(id.into())
    }

    /// Media Meta downloads from `url`.
    pub fn link(url: impl Into<String>) -> Self {
        Self::Link(url.into())
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        match self {
            Self::Id(id) => {
                if id.is_empty() || !id.chars().all(|c| c.is_ascii_graphic()) {
                    Err(format!(
                        "a media id is the id the upload answered, without spaces (got {id:?})"
                    ))
                } else {
                    Ok(())
                }
            }
            Self::Link(link) => match url::Url::parse(link) {
                Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(()),
                _ => Err(format!(
                    "a media link must be a public http(s) URL (got {link:?})"
                )),
            },
        }
    }
}

/// The object of a media message (also used in interactive and template headers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    /// `id` or `link`.
    #[serde(flatten)]
    pub source: MediaSource,
    /// Shown under the media: image, video and document only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The file name the customer sees: documents only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

impl Media {
    /// Media without caption or file name.
    pub fn new(source: MediaSource) -> Self {
        Self {
            source,
            caption: None,
            filename: None,
        }
    }

    /// Checks the media object of a `kind` message.
    pub(crate) fn validate(&self, kind: MediaKind) -> Result<(), String> {
        self.source.validate()?;
        if let Some(caption) = &self.caption {
            if !kind.allows_caption() {
                return Err(format!(
                    "a{} {kind} message cannot have a caption",
                    article(kind)
                ));
            }
            required("a caption", caption, MAX_CAPTION_LEN)?;
        }
        if self.filename.is_some() && kind != MediaKind::Document {
            return Err(format!(
                "only a document can have a file name (this is a{} {kind} message)",
                article(kind)
            ));
        }
        if let Some(name) = &self.filename {
            not_blank("a document's file name", name)?;
            if name.contains(['/', '\\']) {
                return Err(format!(
                    "a document's file name cannot contain a path separator (got {name:?})"
                ));
            }
        }
        Ok(())
    }

    /// Checks media used as a header: no caption, and a file name only on a document.
    pub(crate) fn validate_header(&self, kind: MediaKind) -> Result<(), String> {
        if self.caption.is_some() {
            return Err(format!(
                "a{} {kind} header cannot have a caption",
                article(kind)
            ));
        }
        self.validate(kind)
    }
}

fn article(kind: MediaKind) -> &'static str {
    if kind == MediaKind::Audio || kind == MediaKind::Image {
        "n"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kinds() {
        for kind in MediaKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
            assert_eq!(kind.to_string(), kind.as_str());
        }
        assert!(MediaKind::Image.allows_caption());
        assert!(!MediaKind::Sticker.allows_caption());
    }

    #[test]
    fn source_is_the_id_or_link_key() {
        let by_id = Media::new(MediaSource::id("123"));
        assert_eq!(serde_json::to_value(&by_id).unwrap(), json!({"id": "123"}));
        let by_link = Media {
            caption: Some("Blue mug".into()),
            ..Media::new(MediaSource::link("https://example.com/mug.jpg"))
        };
        let wire = json!({"link": "https://example.com/mug.jpg", "caption": "Blue mug"});
        assert_eq!(serde_json::to_value(&by_link).unwrap(), wire);
        assert_eq!(serde_json::from_value::<Media>(wire).unwrap(), by_link);
        assert!(serde_json::from_value::<Media>(json!({"caption": "x"})).is_err());
    }

    #[test]
    fn sources_are_checked() {
        assert!(MediaSource::id("1037543291543636").validate().is_ok());
        assert!(MediaSource::id("").validate().is_err());
        assert!(MediaSource::id("12 3").validate().is_err());
        assert!(
            MediaSource::link("https://example.com/a.pdf")
                .validate()
                .is_ok()
        );
        assert!(
            MediaSource::link("ftp://example.com/a.pdf")
                .validate()
                .is_err()
        );
        assert!(MediaSource::link("/a.pdf").validate().is_err());
    }

    #[test]
    fn caption_and_filename_rules() {
        let captioned = |kind| {
            Media {
                caption: Some("look".into()),
                ..Media::new(MediaSource::id("1"))
            }
            .validate(kind)
        };
        assert!(captioned(MediaKind::Image).is_ok());
        assert!(captioned(MediaKind::Video).is_ok());
        assert!(captioned(MediaKind::Document).is_ok());
        assert_eq!(
            captioned(MediaKind::Audio).unwrap_err(),
            "an audio message cannot have a caption"
        );
        assert_eq!(
            captioned(MediaKind::Sticker).unwrap_err(),
            "a sticker message cannot have a caption"
        );
        let named = |kind, name: &str| {
            Media {
                filename: Some(name.into()),
                ..Media::new(MediaSource::id("1"))
            }
            .validate(kind)
        };
        assert!(named(MediaKind::Document, "invoice.pdf").is_ok());
        assert!(named(MediaKind::Image, "a.jpg").is_err());
        assert!(named(MediaKind::Document, "../etc/passwd").is_err());
        assert!(named(MediaKind::Document, " ").is_err());
        let long_caption = Media {
            caption: Some("x".repeat(MAX_CAPTION_LEN + 1)),
            ..Media::new(MediaSource::id("1"))
        };
        assert_eq!(
            long_caption.validate(MediaKind::Image).unwrap_err(),
            "a caption can be at most 1024 characters (this one has 1025)"
        );
    }
}
