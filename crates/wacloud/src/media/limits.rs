//! The Cloud API's media limits, checked before anything is uploaded.
//!
//! Types: what `POST /{phone-number-id}/media` accepts, as its own error message lists them
//! (`audio/aac, audio/mp4, audio/mpeg, audio/amr, audio/ogg, audio/opus, application/pdf, ...,
//! image/jpeg, image/png, image/webp, video/mp4, video/3gpp`), split by the kind of message
//! Meta's "supported media types" table allows each in. Sizes: Meta's table (image 5 MB, video
//! and audio 16 MB, document 100 MB, sticker 100 KB static / 500 KB animated). Meta does not say
//! whether its MB is 10^6 or 2^20 bytes; this module reads it as 2^20 ([`MB`]) so that no file
//! Meta would take is refused here (a file between the two readings reaches Meta, which then
//! answers error 131053 if it disagrees).

use std::fmt;

use crate::send::MediaKind;

/// One kilobyte as the limits use it: 1024 bytes.
pub const KB: u64 = 1024;
/// One megabyte as the limits use it: 1024 × 1024 bytes.
pub const MB: u64 = 1024 * KB;

/// The MIME types accepted for an image.
pub const IMAGE_TYPES: &[&str] = &["image/jpeg", "image/png"];
/// The MIME types accepted for a video (H.264 video and AAC audio inside).
pub const VIDEO_TYPES: &[&str] = &["video/mp4", "video/3gpp"];
/// The MIME types accepted for audio; `audio/ogg` only with the Opus codec.
pub const AUDIO_TYPES: &[&str] = &[
    "audio/aac",
    "audio/amr",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
    "audio/opus",
];
/// The MIME types accepted for a document: PDF, plain text, Word, Excel and PowerPoint.
pub const DOCUMENT_TYPES: &[&str] = &[
    "application/pdf",
    "text/plain",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];
/// The MIME types accepted for a sticker.
pub const STICKER_TYPES: &[&str] = &["image/webp"];

/// Why a file cannot be sent as media of a given kind. Every message names the limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    /// The text is not a MIME type at all.
    #[error("{mime:?} is not a MIME type like image/jpeg")]
    InvalidMime {
        /// The text given as a MIME type.
        mime: String,
    },
    /// The MIME type is not accepted for this kind of media.
    #[error("{mime} is not accepted for {}; use {}", noun(*.kind, false), or_list(accepted_types(*.kind)))]
    UnsupportedType {
        /// The kind the file was to be sent as.
        kind: MediaKind,
        /// The refused MIME type, without parameters.
        mime: String,
    },
    /// An Ogg file whose codec is not Opus.
    #[error("audio/ogg is accepted only with the Opus codec; this file {found}")]
    NotOpus {
        /// What was found instead (`declares codecs=vorbis`, `holds no Opus stream`).
        found: String,
    },
    /// The file is empty.
    #[error("{} cannot be an empty file", capitalised(noun(*.kind, false)))]
    Empty {
        /// The kind the file was to be sent as.
        kind: MediaKind,
    },
    /// The file is larger than the limit for its kind.
    #[error(
        "{} can be at most {}; this file is {}",
        noun(*.kind, *.animated),
        Size::limit(*.limit),
        Size::actual(*.size, *.limit)
    )]
    TooLarge {
        /// The kind the file was to be sent as.
        kind: MediaKind,
        /// For a sticker: whether it is animated (500 KB) rather than static (100 KB).
        animated: bool,
        /// The limit, in bytes.
        limit: u64,
        /// The file's size, in bytes.
        size: u64,
    },
    /// A media id that cannot be one.
    #[error(
        "a media id is the id Meta gave the file: letters, digits, '.', '_' or '-' (got {0:?})"
    )]
    InvalidId(String),
}

/// The MIME types accepted for `kind`.
pub fn accepted_types(kind: MediaKind) -> &'static [&'static str] {
    match kind {
        MediaKind::Image => IMAGE_TYPES,
        MediaKind::Video => VIDEO_TYPES,
        MediaKind::Audio => AUDIO_TYPES,
        MediaKind::Document => DOCUMENT_TYPES,
        MediaKind::Sticker => STICKER_TYPES,
    }
}

/// The largest file accepted for `kind`, in bytes (`animated_sticker` matters for stickers only).
pub fn max_size(kind: MediaKind, animated_sticker: bool) -> u64 {
    match kind {
        MediaKind::Image => 5 * MB,
        MediaKind::Video | MediaKind::Audio => 16 * MB,
        MediaKind::Document => 100 * MB,
        MediaKind::Sticker if animated_sticker => 500 * KB,
        MediaKind::Sticker => 100 * KB,
    }
}

/// Checks a file against the limits for `kind`: its MIME type (parameters and case ignored,
/// except that `audio/ogg` must not declare a codec other than Opus) and its size in bytes.
///
/// ```
/// use wacloud::MediaKind;
/// use wacloud::media::{check_media, MB};
/// assert!(check_media(MediaKind::Audio, "Audio/OGG; codecs=opus", 300_000, false).is_ok());
/// let err = check_media(MediaKind::Video, "video/mp4", 17 * MB + MB / 5, false).unwrap_err();
/// assert_eq!(err.to_string(), "a video can be at most 16 MB; this file is 17.2 MB");
/// let err = check_media(MediaKind::Image, "image/gif", 1000, false).unwrap_err();
/// assert_eq!(err.to_string(), "image/gif is not accepted for an image; use image/jpeg or image/png");
/// ```
pub fn check_media(
    kind: MediaKind,
    mime: &str,
    size: u64,
    animated_sticker: bool,
) -> Result<(), MediaError> {
    let essence = canonical_mime(mime).ok_or_else(|| MediaError::InvalidMime {
        mime: mime.to_owned(),
    })?;
    if !accepted_types(kind).contains(&essence.as_str()) {
        return Err(MediaError::UnsupportedType {
            kind,
            mime: essence,
        });
    }
    if essence == "audio/ogg"
        && let Some(codecs) = mime_parameter(mime, "codecs")
        && !codecs.to_ascii_lowercase().contains("opus")
    {
        return Err(MediaError::NotOpus {
            found: format!("declares codecs={codecs}"),
        });
    }
    let animated = kind == MediaKind::Sticker && animated_sticker;
    if size == 0 {
        return Err(MediaError::Empty { kind });
    }
    let limit = max_size(kind, animated);
    if size > limit {
        return Err(MediaError::TooLarge {
            kind,
            animated,
            limit,
            size,
        });
    }
    Ok(())
}

/// [`check_media`] on the file's bytes, which also tells an animated sticker from a static one
/// (WebP `VP8X` animation flag) and refuses an Ogg file with no Opus stream. Answers the MIME
/// type to declare to Meta: lowercase, without parameters, aliases replaced (`image/jpg` →
/// `image/jpeg`, `video/3gp` → `video/3gpp`, `audio/mp3` → `audio/mpeg`, `audio/x-m4a` →
/// `audio/mp4`).
pub fn check_media_file(kind: MediaKind, mime: &str, bytes: &[u8]) -> Result<String, MediaError> {
    let animated = kind == MediaKind::Sticker && webp_is_animated(bytes);
    check_media(kind, mime, bytes.len() as u64, animated)?;
    let essence = canonical_mime(mime).ok_or_else(|| MediaError::InvalidMime {
        mime: mime.to_owned(),
    })?;
    if essence == "audio/ogg" && bytes.starts_with(b"OggS") && !ogg_has_opus(bytes) {
        return Err(MediaError::NotOpus {
            found: "holds no Opus stream".to_owned(),
        });
    }
    Ok(essence)
}

/// The kind of message a file of this MIME type can be sent as, if any
/// (`image/webp` is a sticker).
pub fn kind_for_mime(mime: &str) -> Option<MediaKind> {
    let essence = canonical_mime(mime)?;
    MediaKind::ALL
        .into_iter()
        .find(|kind| accepted_types(*kind).contains(&essence.as_str()))
}

/// The MIME type for a file name, by its extension; the types Meta accepts are spelled the way
/// Meta spells them (`.m4a` → `audio/mp4`, `.opus` → `audio/ogg`, `.docx`, `.xlsx`, `.pptx`).
/// Other extensions fall back to the `mime_guess` table.
pub fn guess_mime(file_name: &str) -> Option<&'static str> {
    let (_, ext) = file_name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    let known = match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "mp4" => "video/mp4",
        "3gp" | "3gpp" => "video/3gpp",
        "aac" => "audio/aac",
        "amr" => "audio/amr",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => return mime_guess::from_ext(&ext).first_raw(),
    };
    Some(known)
}

/// The MIME type without parameters, lowercase, with common aliases replaced by the names Meta
/// accepts; `None` when `mime` is not `type/subtype`.
pub fn canonical_mime(mime: &str) -> Option<String> {
    let essence = mime.split(';').next()?.trim().to_ascii_lowercase();
    let (top, sub) = essence.split_once('/')?;
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    if !token(top) || !token(sub) {
        return None;
    }
    let alias = match essence.as_str() {
        "image/jpg" | "image/pjpeg" => "image/jpeg",
        "video/3gp" => "video/3gpp",
        "audio/mp3" => "audio/mpeg",
        "audio/x-m4a" | "audio/m4a" => "audio/mp4",
        _ => return Some(essence),
    };
    Some(alias.to_owned())
}

/// The value of a MIME parameter (`codecs` in `audio/ogg; codecs="opus"`), unquoted.
pub(crate) fn mime_parameter(mime: &str, name: &str) -> Option<String> {
    mime.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// Whether a WebP file is animated: an extended (`VP8X`) header with the animation flag.
pub(crate) fn webp_is_animated(bytes: &[u8]) -> bool {
    bytes.len() >= 21
        && &bytes[0..4] == b"RIFF"
        && &bytes[8..12] == b"WEBP"
        && &bytes[12..16] == b"VP8X"
        && bytes[20] & 0x02 != 0
}

/// Whether an Ogg file carries an Opus stream: its first page holds the `OpusHead` packet.
fn ogg_has_opus(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    head.windows(8).any(|w| w == b"OpusHead")
}

/// "an image", "an animated sticker", ...
fn noun(kind: MediaKind, animated: bool) -> &'static str {
    match kind {
        MediaKind::Image => "an image",
        MediaKind::Video => "a video",
        MediaKind::Audio => "an audio file",
        MediaKind::Document => "a document",
        MediaKind::Sticker if animated => "an animated sticker",
        MediaKind::Sticker => "a sticker",
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "a", "a or b", "a, b or c".
fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A byte count shown in the unit of the limit it is compared with.
struct Size {
    bytes: u64,
    unit: u64,
    /// Round up, so a file over the limit never shows as equal to it.
    round_up: bool,
}

impl Size {
    fn unit_for(limit: u64) -> u64 {
        if limit >= MB { MB } else { KB }
    }

    fn limit(limit: u64) -> Self {
        Self {
            bytes: limit,
            unit: Self::unit_for(limit),
            round_up: false,
        }
    }

    fn actual(size: u64, limit: u64) -> Self {
        Self {
            bytes: size,
            unit: Self::unit_for(limit),
            round_up: true,
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = if self.unit == MB { "MB" } else { "KB" };
        if self.bytes.is_multiple_of(self.unit) {
            return write!(f, "{} {name}", self.bytes / self.unit);
        }
        // Tenths of a unit, in integers so no float rounding can show 16.0 for 16.00001.
        let scaled = u128::from(self.bytes) * 10;
        let unit = u128::from(self.unit);
        let tenths = if self.round_up {
            scaled.div_ceil(unit)
        } else {
            scaled / unit
        };
        write!(f, "{}.{} {name}", tenths / 10, tenths % 10)
    }
}
