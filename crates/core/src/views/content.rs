//! What a message holds beyond its text, as the CLI and the GUI show it: media, a location,
//! contact cards, interactive messages and replies, templates, reactions, quotes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Direction;

/// The five media kinds of the Cloud API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum MediaKindView {
    Image,
    Video,
    Audio,
    Document,
    Sticker,
}

impl MediaKindView {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Video => "video",
            Self::Audio => "audio",
            Self::Document => "document",
            Self::Sticker => "sticker",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "image" => Self::Image,
            "video" => Self::Video,
            "audio" => Self::Audio,
            "document" => Self::Document,
            "sticker" => Self::Sticker,
            _ => return None,
        })
    }
}

/// Where a message's file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MediaState {
    /// Inbound: waiting to be downloaded (or for a retry).
    Pending,
    /// Inbound: being downloaded.
    Downloading,
    /// Outbound: waiting to be uploaded, or being uploaded.
    Uploading,
    /// On this computer: it can be shown, opened and saved.
    Ready,
    /// Could not be downloaded or uploaded; `error` says why.
    Failed,
    /// Inbound: not downloaded, to protect the disk (`hold` says why); the owner can download
    /// it anyway.
    Held,
}

impl MediaState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Downloading => "downloading",
            Self::Uploading => "uploading",
            Self::Ready => "ready",
            Self::Failed => "failed",
            Self::Held => "held",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => Self::Pending,
            "downloading" => Self::Downloading,
            "uploading" => Self::Uploading,
            "ready" => Self::Ready,
            "failed" => Self::Failed,
            "held" => Self::Held,
            _ => return None,
        })
    }
}

/// Why an inbound file was held rather than downloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MediaHold {
    /// The disk has less free space than the settings' floor (`media_free_space_floor_mb`).
    DiskSpace,
    /// The customer's files of the last 24 hours reached the settings' daily budget
    /// (`media_daily_budget_mb`).
    DailyBudget,
}

impl MediaHold {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DiskSpace => "disk_space",
            Self::DailyBudget => "daily_budget",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "disk_space" => Self::DiskSpace,
            "daily_budget" => Self::DailyBudget,
            _ => return None,
        })
    }
}

/// A message's image, video, audio, document or sticker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MediaView {
    pub kind: MediaKindView,
    /// Without parameters (`audio/ogg`, not `audio/ogg; codecs=opus`).
    pub mime_type: Option<String>,
    /// A name safe to show and to save under.
    pub filename: Option<String>,
    /// Bytes, once known.
    pub size: Option<i64>,
    pub state: MediaState,
    /// Why the file could not be fetched or sent.
    pub error: Option<String>,
    /// Why the file was held (state `held`).
    pub hold: Option<MediaHold>,
    /// Audio: a voice note.
    pub voice: bool,
    /// Sticker: animated.
    pub animated: bool,
}

/// A contact card (a `contacts` message), reduced to what a person reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactCardView {
    pub name: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub organization: Option<String>,
}

/// One option of an interactive message (a reply button or a list row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OptionView {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
}

/// The parts of a message that are not plain text, by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ContentView {
    Location {
        latitude: f64,
        longitude: f64,
        name: Option<String>,
        address: Option<String>,
        /// A map link for these coordinates.
        map_url: String,
    },
    Contacts {
        cards: Vec<ContactCardView>,
    },
    /// Reply buttons or a list the shop sent.
    Interactive {
        header: Option<String>,
        body: String,
        footer: Option<String>,
        /// The list's button label (`None` for reply buttons).
        button: Option<String>,
        options: Vec<OptionView>,
    },
    /// The customer's answer to reply buttons, a list, a template's quick reply or a flow.
    InteractiveReply {
        id: Option<String>,
        title: String,
        description: Option<String>,
    },
    /// A template the shop sent.
    Template {
        name: String,
        language: String,
        parameters: Vec<String>,
    },
    /// A catalogue order.
    Order {
        items: i64,
        text: Option<String>,
    },
    /// The customer came from an ad or a post.
    Referral {
        headline: Option<String>,
        source_url: Option<String>,
    },
    /// A system notice (the customer changed number, ...).
    System {
        body: String,
    },
    /// A reaction (either side's) to another message: shown under that message, and in the chat
    /// list as "You reacted 👍 to “…”". An empty emoji is a removed reaction.
    Reaction {
        emoji: String,
        /// The wamid of the message reacted to.
        target_wamid: String,
        /// What that message says, when it is stored here and has words.
        target_text: Option<String>,
        /// That message's `type`, when it is stored here (the window names a photo in its
        /// own language when there are no words).
        #[serde(default)]
        target_kind: Option<String>,
    },
    /// A message WhatsApp could not deliver in a form the API knows.
    Unsupported {
        reason: String,
    },
}

/// The message a reply quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuoteView {
    pub wamid: String,
    /// The quoted message's id here, when it is stored (to jump to it).
    pub id: Option<i64>,
    pub direction: Option<Direction>,
    /// `type` of the quoted message, when stored.
    pub kind: Option<String>,
    /// Its text or caption; `None` when it has none or is not stored (the window then names
    /// its `kind`).
    pub text: Option<String>,
}

/// A reaction on a message: at most one per side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReactionView {
    pub emoji: String,
    /// `in`: the customer's; `out`: the shop's.
    pub direction: Direction,
}

/// A synced message template, as the template picker shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateView {
    /// Meta's id for it (`null` only for a row made before Meta gave one).
    pub id: Option<String>,
    pub name: String,
    pub language: String,
    /// APPROVED, PENDING, REJECTED, PAUSED, DISABLED, ...: only APPROVED ones can be sent.
    pub status: String,
    pub category: Option<String>,
    /// The header's format when it needs a parameter (`TEXT` with a variable, `IMAGE`, `VIDEO`,
    /// `DOCUMENT`), else `None`.
    pub header_format: Option<String>,
    /// A text header with its placeholder, if the header is text.
    pub header_text: Option<String>,
    /// The body text with its `{{1}}` / `{{name}}` placeholders.
    pub body: Option<String>,
    pub footer: Option<String>,
    /// The buttons' labels, in order.
    pub buttons: Vec<String>,
    /// What a send fills in, in order: the header's variable (`header` or its name), the body's
    /// (`1`, `2`, ... or their names), then the buttons' (`button_N`). The same as `fields`'
    /// names.
    pub parameters: Vec<String>,
    /// Each of `parameters` with what it is and the template's example.
    pub fields: Vec<TemplateField>,
    /// Why Shopchat cannot send this template, in words, if it cannot.
    pub unsendable: Option<String>,
    /// Why Meta rejected, paused or disabled it, in Meta's words (`INVALID_FORMAT`, ...).
    pub rejected_reason: Option<String>,
    /// Its quality rating: GREEN, YELLOW, RED or UNKNOWN; `null` before Meta rated it.
    pub quality: Option<String>,
    /// When its status, quality or category last changed (unix ms).
    pub updated_at: Option<i64>,
}

/// One value a template send needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateField {
    pub name: String,
    pub kind: TemplateFieldKind,
    /// The template's example for it (what Meta's review saw), to show what to type.
    pub example: Option<String>,
    /// The label of the button it belongs to, for a button's value.
    pub button: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TemplateFieldKind {
    /// The text header's variable.
    Header,
    /// A body variable.
    Body,
    /// The end of a URL button's address.
    UrlSuffix,
    /// A copy-code button's coupon code.
    CouponCode,
    /// An authentication template's one-time passcode.
    Passcode,
}

/// What the Cloud API accepts for one media kind, for checks before an upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MediaLimitView {
    pub kind: MediaKindView,
    /// Accepted MIME types; empty means any.
    pub mime_types: Vec<String>,
    /// The largest file, in bytes.
    pub max_bytes: i64,
}

/// A file to attach, as the composer sends it (the bytes travel beside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachmentMeta {
    pub contact: String,
    pub filename: String,
    /// As the browser guessed it; the engine checks it again.
    pub mime_type: Option<String>,
    pub caption: Option<String>,
    /// Send as this kind (`None`: chosen from the MIME type).
    pub kind: Option<MediaKindView>,
    /// The id of the message this one replies to.
    pub reply_to: Option<i64>,
}
