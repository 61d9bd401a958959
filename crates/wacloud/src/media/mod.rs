//! Media: the Cloud API's limits, upload, and the two-step download.
//!
//! * [`check_media`] / [`check_media_file`]: is this file acceptable as an image, a video, ...?
//!   (MIME type and size; see [`limits`](self#limits) for the table and what "MB" means).
//! * [`guess_mime`] and [`kind_for_mime`]: from a file name to a MIME type to a kind of message.
//! * [`upload_media`](crate::GraphClient::upload_media) (and
//!   [`upload_media_with_progress`](crate::GraphClient::upload_media_with_progress)) check the
//!   file first, then `POST /{phone-number-id}/media`; the answer is a [`MediaId`].
//! * [`media_info`](crate::GraphClient::media_info) (`GET /{media-id}`) then
//!   [`download_media`](crate::GraphClient::download_media): the file, capped in size, its byte
//!   count and SHA-256 checked against what Meta declared; or
//!   [`stream_media_to`](crate::GraphClient::stream_media_to), the same checks while the file
//!   streams to disk (never whole in memory).
//!
//! # Limits
//!
//! | kind | MIME types | largest file |
//! |---|---|---|
//! | image | `image/jpeg`, `image/png` | 5 MB |
//! | video | `video/mp4`, `video/3gpp` | 16 MB |
//! | audio | `audio/aac`, `audio/amr`, `audio/mpeg`, `audio/mp4`, `audio/ogg` (Opus only), `audio/opus` | 16 MB |
//! | document | PDF, plain text, Word, Excel, PowerPoint (`.doc(x)`, `.xls(x)`, `.ppt(x)`) | 100 MB |
//! | sticker | `image/webp` | 100 KB static, 500 KB animated |
//!
//! MB and KB are read as 2^20 and 2^10 bytes ([`MB`], [`KB`]).
//!
//! ```no_run
//! # async fn demo(client: wacloud::GraphClient) -> Result<(), wacloud::GraphError> {
//! use wacloud::{MediaKind, PhoneNumberId};
//! use wacloud::media::{MediaId, guess_mime, kind_for_mime};
//! let phone = PhoneNumberId::parse("106540352242922").unwrap();
//! let mime = guess_mime("invoice-1042.pdf").unwrap();
//! let kind = kind_for_mime(mime).unwrap();
//! assert_eq!(kind, MediaKind::Document);
//! let bytes = std::fs::read("invoice-1042.pdf").unwrap();
//! let id = client
//!     .upload_media_with_progress(&phone, kind, bytes, mime, "invoice-1042.pdf", |sent, total| {
//!         println!("{sent}/{total}");
//!     })
//!     .await?;
//! // Later, for a file a customer sent:
//! let photo = client.download_media(&MediaId::parse("1037543291543636").unwrap(), 20 << 20).await?;
//! println!("{} bytes of {}", photo.bytes.len(), photo.mime_type);
//! # let _ = id; Ok(()) }
//! ```

mod download;
mod limits;
mod upload;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::send::MediaSource;

pub use limits::{
    AUDIO_TYPES, DOCUMENT_TYPES, IMAGE_TYPES, KB, MB, MediaError, STICKER_TYPES, VIDEO_TYPES,
    accepted_types, canonical_mime, check_media, check_media_file, guess_mime, kind_for_mime,
    max_size,
};

/// The id Meta gives an uploaded or received file (digits, in practice).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MediaId(String);

impl MediaId {
    /// Accepts 1 to 128 letters, digits, `.`, `_` or `-`, not starting with `.` and without `..`
    /// (nothing that could change the URL path, or a file path, the id is put into).
    pub fn parse(input: &str) -> Result<Self, MediaError> {
        let t = input.trim();
        let ok = !t.is_empty()
            && t.len() <= 128
            && !t.starts_with('.')
            && !t.contains("..")
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if ok {
            Ok(Self(t.to_owned()))
        } else {
            Err(MediaError::InvalidId(input.to_owned()))
        }
    }

    /// The id as Meta wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MediaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for MediaId {
    type Error = MediaError;
    fn try_from(s: String) -> Result<Self, MediaError> {
        Self::parse(&s)
    }
}

impl From<MediaId> for String {
    fn from(id: MediaId) -> String {
        id.0
    }
}

impl From<MediaId> for MediaSource {
    fn from(id: MediaId) -> Self {
        MediaSource::Id(id.0)
    }
}

/// What `GET /{media-id}` answers: where to download the file, and what it must be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaInfo {
    /// The media id.
    pub id: MediaId,
    /// A short-lived (about 5 minutes) download address; it needs the access token.
    pub url: String,
    /// The file's MIME type, possibly with parameters (`audio/ogg; codecs=opus`).
    pub mime_type: String,
    /// The SHA-256 of the file, hex.
    pub sha256: String,
    /// The file's size in bytes (Meta sends it as a number or as a string).
    #[serde(deserialize_with = "u64_from_number_or_string")]
    pub file_size: u64,
}

/// A downloaded file whose size and SHA-256 matched what Meta declared.
#[derive(Clone, PartialEq, Eq)]
pub struct DownloadedMedia {
    /// The file.
    pub bytes: Vec<u8>,
    /// The MIME type Meta declared, as it wrote it (parameters kept).
    pub mime_type: String,
    /// The SHA-256 of `bytes`, lowercase hex.
    pub sha256: String,
    /// `bytes.len()`, equal to the size Meta declared.
    pub file_size: u64,
}

impl DownloadedMedia {
    /// The MIME type without parameters, lowercase (`audio/ogg` for `audio/ogg; codecs=opus`).
    pub fn mime_essence(&self) -> String {
        canonical_mime(&self.mime_type).unwrap_or_else(|| self.mime_type.to_ascii_lowercase())
    }
}

impl fmt::Debug for DownloadedMedia {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DownloadedMedia")
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .field("mime_type", &self.mime_type)
            .field("sha256", &self.sha256)
            .field("file_size", &self.file_size)
            .finish()
    }
}

/// A file streamed to disk (or anywhere) whose size and SHA-256 matched what Meta declared:
/// [`GraphClient::stream_media_to`](crate::GraphClient::stream_media_to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamedMedia {
    /// The MIME type Meta declared, as it wrote it (parameters kept).
    pub mime_type: String,
    /// The SHA-256 of the bytes written, lowercase hex.
    pub sha256: String,
    /// The bytes written, equal to the size Meta declared.
    pub file_size: u64,
}

/// Why a streamed download failed: the Graph side (the [`GraphError`](crate::GraphError)), or
/// the place it was written to.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error(transparent)]
    Graph(#[from] crate::GraphError),
    #[error("the file could not be written: {0}")]
    Write(#[source] std::io::Error),
}

/// `"file_size": 303833` or `"file_size": "303833"`.
fn u64_from_number_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumberOrString {
        Number(u64),
        String(String),
    }
    match NumberOrString::deserialize(d)? {
        NumberOrString::Number(n) => Ok(n),
        NumberOrString::String(s) => s
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom(format!("file_size {s:?} is not a byte count"))),
    }
}

impl From<MediaError> for crate::GraphError {
    fn from(err: MediaError) -> Self {
        let kind = match err {
            MediaError::InvalidId(_) | MediaError::InvalidMime { .. } => {
                crate::ErrorKind::InvalidParameter
            }
            _ => crate::ErrorKind::MediaLimit,
        };
        crate::GraphError::local(kind, err.to_string())
    }
}

#[cfg(test)]
mod id_tests {
    use super::MediaId;

    #[test]
    fn a_media_id_is_an_id_and_never_a_path() {
        for ok in ["1037543291543636", "abc_DEF-1.2", "a.b"] {
            assert!(MediaId::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "..", "...", ".", ".hidden", "1..2", "../1", "1/2", "1%2F2", "1?x=2", "1 2", "é",
        ] {
            assert!(MediaId::parse(bad).is_err(), "{bad:?}");
        }
        assert!(MediaId::parse(&"1".repeat(129)).is_err());
    }
}
