//! Message templates as `GET /{waba-id}/message_templates` returns them, what sending one needs,
//! and the calls that list, create and delete them.
//!
//! Parsing is lenient where Meta adds things: a status, category, component, header format or
//! button type this crate does not know is kept (as `Unknown(..)` with its text, and the
//! component's or button's other fields in `extra`) rather than failing the whole list.
//!
//! ```
//! use wacloud::templates::{Template, TemplateParameters, HeaderParameter};
//! let t: Template = serde_json::from_value(serde_json::json!({
//!     "id": "1029384756", "name": "order_shipped", "language": "en_US", "status": "APPROVED",
//!     "category": "UTILITY",
//!     "components": [
//!         {"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1h..."]}},
//!         {"type": "BODY", "text": "Hi {{1}}, order {{2}} is on its way.",
//!          "example": {"body_text": [["Ana", "1042"]]}},
//!         {"type": "BUTTONS", "buttons": [
//!             {"type": "URL", "text": "Track", "url": "https://shop.example/t/{{1}}",
//!              "example": ["https://shop.example/t/1042"]}
//!         ]}
//!     ]
//! })).unwrap();
//! assert!(t.status.is_sendable());
//! assert_eq!(t.body_parameters(), TemplateParameters::Positional(2));
//! assert_eq!(t.header_parameter(), Some(HeaderParameter::Image));
//! assert_eq!(t.buttons_needing_parameters()[0].index, 0);
//! ```

mod api;
mod params;
mod upload;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

pub use api::{CreatedTemplate, NewTemplate};
pub use params::{ButtonParameter, HeaderParameter, TemplateParameters};
pub use upload::{SAMPLE_TYPES, TemplateEdit};

/// Defines a string enum of known values plus `Unknown(String)`, serialised as the string.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this crate does not know, as Meta wrote it.
            Unknown(String),
        }

        impl $name {
            /// The value as Meta writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)*
                    Self::Unknown(other) => other,
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.to_ascii_uppercase().as_str() {
                    $($text => Self::$variant,)*
                    _ => Self::Unknown(s),
                }
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.as_str().to_owned()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// Where a template is in Meta's review. Changes arrive as webhooks at the app's default
    /// callback only (not at an override URL): poll [`list_templates`](crate::GraphClient::list_templates).
    TemplateStatus {
        /// Approved: it can be sent.
        Approved = "APPROVED",
        /// In review.
        Pending = "PENDING",
        /// Refused in review.
        Rejected = "REJECTED",
        /// Paused for low quality.
        Paused = "PAUSED",
        /// Disabled for low quality.
        Disabled = "DISABLED",
    }
}

impl TemplateStatus {
    /// Whether a message can be sent with this template (approved only).
    pub fn is_sendable(&self) -> bool {
        *self == Self::Approved
    }
}

string_enum! {
    /// What a template is for, which decides its price.
    TemplateCategory {
        /// Promotions, offers, news.
        Marketing = "MARKETING",
        /// About a transaction the customer made (orders, bookings).
        Utility = "UTILITY",
        /// One-time passcodes.
        Authentication = "AUTHENTICATION",
    }
}

string_enum! {
    /// How a template's variables are written: `{{1}}` or `{{first_name}}`.
    ParameterFormat {
        /// `{{1}}`, `{{2}}`, ... (Meta's default).
        Positional = "POSITIONAL",
        /// `{{first_name}}`, ...
        Named = "NAMED",
    }
}

string_enum! {
    /// The kind of a template component.
    ComponentKind {
        /// The header (text or media).
        Header = "HEADER",
        /// The body text.
        Body = "BODY",
        /// The footer text.
        Footer = "FOOTER",
        /// The buttons.
        Buttons = "BUTTONS",
    }
}

string_enum! {
    /// What a header shows.
    HeaderFormat {
        /// Text, possibly with one variable.
        Text = "TEXT",
        /// An image, given when sending.
        Image = "IMAGE",
        /// A video, given when sending.
        Video = "VIDEO",
        /// A document, given when sending.
        Document = "DOCUMENT",
        /// A location, given when sending.
        Location = "LOCATION",
    }
}

string_enum! {
    /// The kind of a template button.
    ButtonKind {
        /// Sends its payload back in a `button` webhook.
        QuickReply = "QUICK_REPLY",
        /// Opens a URL, possibly with a variable suffix.
        Url = "URL",
        /// Calls a phone number.
        PhoneNumber = "PHONE_NUMBER",
        /// Copies a coupon code given when sending.
        CopyCode = "COPY_CODE",
        /// A one-time passcode button (authentication templates); the code is given when sending.
        Otp = "OTP",
        /// Opens a WhatsApp Flow.
        Flow = "FLOW",
    }
}

/// A message template as Meta returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Meta's id for the template (the `hsm_id`).
    pub id: String,
    /// The name, lowercase with underscores; unique per language.
    pub name: String,
    /// The language code (`en_US`).
    pub language: String,
    /// Where it is in review.
    pub status: TemplateStatus,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<TemplateCategory>,
    /// `{{1}}` or `{{name}}` variables; absent means positional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter_format: Option<ParameterFormat>,
    /// Header, body, footer, buttons, and any component this crate does not know.
    #[serde(default)]
    pub components: Vec<Component>,
    /// Why review refused it (`NONE` when it did not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected_reason: Option<String>,
    /// Its quality rating, when the answer has it (`fields=quality_score`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_score: Option<QualityScore>,
}

/// A template's quality rating as the template list gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityScore {
    /// `GREEN`, `YELLOW`, `RED` or `UNKNOWN`.
    pub score: String,
}

impl Template {
    /// The first component of `kind`.
    pub fn component(&self, kind: &ComponentKind) -> Option<&Component> {
        self.components.iter().find(|c| &c.kind == kind)
    }

    /// The header, if any.
    pub fn header(&self) -> Option<&Component> {
        self.component(&ComponentKind::Header)
    }

    /// The body, if any (every template has one in practice).
    pub fn body(&self) -> Option<&Component> {
        self.component(&ComponentKind::Body)
    }

    /// The footer, if any.
    pub fn footer(&self) -> Option<&Component> {
        self.component(&ComponentKind::Footer)
    }

    /// The buttons, in order (their position is the `index` a send gives).
    pub fn buttons(&self) -> &[Button] {
        self.component(&ComponentKind::Buttons)
            .map_or(&[], |c| c.buttons.as_slice())
    }
}

/// One component of a template. Fields a kind does not use are empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// `HEADER`, `BODY`, `FOOTER`, `BUTTONS`, or another kind (`CAROUSEL`, ...).
    #[serde(rename = "type")]
    pub kind: ComponentKind,
    /// For a header: what it shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<HeaderFormat>,
    /// The text of a text header, the body or the footer, with its `{{...}}` variables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Sample values Meta's review uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<ComponentExample>,
    /// For `BUTTONS`: the buttons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Button>,
    /// Every other field, kept as Meta sent it.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Sample values of a component.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentExample {
    /// A sample for a positional text header's variable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_text: Vec<String>,
    /// A sample for a named text header's variable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_text_named_params: Vec<NamedParamExample>,
    /// Upload handles of sample media for a media header.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_handle: Vec<String>,
    /// Samples for a positional body's variables (one list per sample).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body_text: Vec<Vec<String>>,
    /// Samples for a named body's variables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body_text_named_params: Vec<NamedParamExample>,
}

/// A named variable with a sample value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedParamExample {
    /// The variable's name (`first_name` for `{{first_name}}`).
    pub param_name: String,
    /// A sample value.
    pub example: String,
}

/// One template button.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Button {
    /// `QUICK_REPLY`, `URL`, `PHONE_NUMBER`, `COPY_CODE`, `OTP`, `FLOW`, or another.
    #[serde(rename = "type")]
    pub kind: ButtonKind,
    /// The label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// For a URL button: the address, possibly ending in `{{1}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For a phone button: the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Samples: the full URL for a URL button, the code for a copy-code button (Meta writes
    /// the latter as one string; it is read as a one-element list).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "strings_or_string"
    )]
    pub example: Vec<String>,
    /// Every other field (`otp_type`, `flow_id`, ...), kept as Meta sent it.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `["a", "b"]`, `"a"` or `null`.
fn strings_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<String>),
        One(String),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::Many(v)) => v,
        Some(OneOrMany::One(s)) => vec![s],
    })
}
