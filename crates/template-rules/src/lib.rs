//! A new message template as the owner writes it ([`Draft`]), Meta's rules checked on it before it
//! is submitted ([`check`]: every broken rule as a [`Problem`] named at its field), and the exact
//! `POST /{waba-id}/message_templates` request it becomes ([`Draft::to_request`]).
//!
//! Pure: no I/O, no storage. The limits are Meta's as documented (see `docs/templates.md`).
//!
//! ```
//! use shopchat_template_rules::{Draft, Category, check};
//! let mut draft = Draft::new("order_ready", "en", Category::Utility, "Hi {{1}}, your order is ready.");
//! draft.body_examples = vec!["Ana".into()];
//! assert!(check(&draft).is_empty());
//! draft.body = "{{1}}, your order is ready".into();
//! assert_eq!(check(&draft)[0].code, "param_at_start");
//! ```

mod check;
mod check_buttons;
mod placeholders;
mod request;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use check::check;
pub use placeholders::{Placeholder, placeholders};

/// The longest name.
pub const MAX_NAME: usize = 512;
/// The longest text header.
pub const MAX_HEADER: usize = 60;
/// The longest body.
pub const MAX_BODY: usize = 1024;
/// The longest footer.
pub const MAX_FOOTER: usize = 60;
/// The most buttons in all.
pub const MAX_BUTTONS: usize = 10;
/// The most quick-reply buttons.
pub const MAX_QUICK_REPLIES: usize = 10;
/// The most URL buttons.
pub const MAX_URL_BUTTONS: usize = 2;
/// The most phone-number buttons.
pub const MAX_PHONE_BUTTONS: usize = 1;
/// The most copy-code buttons.
pub const MAX_COPY_CODE_BUTTONS: usize = 1;
/// The longest button label.
pub const MAX_BUTTON_TEXT: usize = 25;
/// The longest button URL.
pub const MAX_URL: usize = 2000;
/// The longest phone number of a button.
pub const MAX_PHONE: usize = 20;
/// The longest copy-code example.
pub const MAX_COPY_CODE: usize = 15;

/// What a template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "TemplateCategory")]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Offers, news, reminders to buy.
    Marketing,
    /// About something the customer did (an order, a booking, a payment).
    Utility,
    /// One-time passcodes (Meta's preset text).
    Authentication,
}

impl Category {
    /// `marketing`, `utility` or `authentication` (any case).
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "marketing" => Some(Self::Marketing),
            "utility" => Some(Self::Utility),
            "authentication" => Some(Self::Authentication),
            _ => None,
        }
    }
}

/// What a media header shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "TemplateMediaKind")]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    /// A picture.
    Image,
    /// A video.
    Video,
    /// A document (a PDF).
    Document,
}

/// The header of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "TemplateHeader")]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Header {
    /// Text with at most one parameter, and its example when it has one.
    Text {
        /// The text, `Order {{1}}`.
        text: String,
        /// The example for its parameter.
        #[serde(default)]
        example: Option<String>,
    },
    /// A picture, video or document, given when sending; the example is an upload handle from
    /// the resumable upload API (`POST /app/uploads`).
    Media {
        /// What it shows.
        media: MediaKind,
        /// The handle `h` of the sample file.
        handle: String,
    },
}

/// One button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "TemplateButton")]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Button {
    /// Sends its label back as a reply.
    QuickReply {
        /// The label.
        text: String,
    },
    /// Opens an address, which may end in `{{1}}` (a suffix given when sending).
    Url {
        /// The label.
        text: String,
        /// `https://shop.example/orders/{{1}}`.
        url: String,
        /// The suffix's example (`1042`), needed when the address has `{{1}}`.
        #[serde(default)]
        example: Option<String>,
    },
    /// Calls a number.
    Phone {
        /// The label.
        text: String,
        /// `+5215512345678`.
        number: String,
    },
    /// Copies a code given when sending (an offer's coupon); in an authentication template, the
    /// one-time passcode.
    CopyCode {
        /// An example code.
        example: String,
    },
}

/// A new template as the owner writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "TemplateDraft")]
pub struct Draft {
    /// Lowercase letters, digits and underscores.
    pub name: String,
    /// `en`, `es`, `en_US`, `es_MX`...
    pub language: String,
    /// What it is for.
    pub category: Category,
    /// The header, if any.
    #[serde(default)]
    pub header: Option<Header>,
    /// The body, with `{{1}}`... or `{{name}}`... parameters.
    pub body: String,
    /// An example per body parameter, in the order they first appear.
    #[serde(default)]
    pub body_examples: Vec<String>,
    /// The footer, if any (no parameters).
    #[serde(default)]
    pub footer: Option<String>,
    /// The buttons, in order.
    #[serde(default)]
    pub buttons: Vec<Button>,
}

impl Draft {
    /// A draft with only a body.
    pub fn new(name: &str, language: &str, category: Category, body: &str) -> Self {
        Self {
            name: name.to_owned(),
            language: language.to_owned(),
            category,
            header: None,
            body: body.to_owned(),
            body_examples: Vec::new(),
            footer: None,
            buttons: Vec::new(),
        }
    }
}

/// One broken rule, named at its field (`body`, `body.examples[1]`, `buttons[2].url`...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "TemplateProblem")]
pub struct Problem {
    /// Where: `name`, `language`, `category`, `header`, `header.example`, `header.handle`,
    /// `body`, `body.examples[i]`, `footer`, `buttons`, `buttons[i]`, `buttons[i].text`,
    /// `buttons[i].url`, `buttons[i].example`, `buttons[i].number`.
    pub field: String,
    /// A stable code the app and tests match on (`body_too_long`, `param_at_end`...).
    pub code: String,
    /// What is wrong, in words for the owner.
    pub message: String,
}

impl Problem {
    /// A problem at `field` with a stable `code` and the words for the owner.
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}
