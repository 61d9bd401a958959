//! Template messages: an approved template by name and language, with its parameters.
//!
//! ```
//! use wacloud::send::{Content, MediaSource, TemplateMessage};
//! let order = TemplateMessage::new("order_ready", "en_US")
//!     .header_image(MediaSource::id("1037543291543636"))
//!     .body_params(["Ada", "#1042"])
//!     .quick_reply_button(0, "deliver-today")
//!     .url_button(1, "orders/1042")
//!     .copy_code_button(2, "MUG25");
//! let content = Content::template(order);
//! assert!(content.validate().is_ok());
//! assert_eq!(content.display_text().as_deref(), Some("order_ready (Ada, #1042)"));
//! assert_eq!(
//!     serde_json::to_value(&content).unwrap()["template"]["components"][2],
//!     serde_json::json!({
//!         "type": "button", "sub_type": "quick_reply", "index": "0",
//!         "parameters": [{"type": "payload", "payload": "deliver-today"}]
//!     })
//! );
//!
//! // Named parameters: `{{first_name}}` in the template.
//! let welcome = TemplateMessage::new("welcome", "en").named_body_param("first_name", "Ada");
//! assert_eq!(
//!     serde_json::to_value(&welcome).unwrap()["components"][0]["parameters"][0],
//!     serde_json::json!({"type": "text", "parameter_name": "first_name", "text": "Ada"})
//! );
//! ```

use serde::{Deserialize, Serialize};

use super::media::{Media, MediaSource};

/// `"template": {"name", "language": {"code"}, "components": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateMessage {
    /// The approved template's name (`order_ready`).
    pub name: String,
    /// The language of the approved translation.
    pub language: TemplateLanguage,
    /// Header, body and button parameters; none for a template without variables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<TemplateComponent>,
}

/// `{"code": "en_US"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateLanguage {
    /// `en`, `en_US`, `pt_BR`, ...
    pub code: String,
}

/// One component's parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TemplateComponent {
    /// `{"type": "header", "parameters": [one text or media parameter]}`.
    Header {
        /// The header's parameter.
        parameters: Vec<TemplateParameter>,
    },
    /// `{"type": "body", "parameters": [text parameters]}`.
    Body {
        /// The body's parameters, in order (positional) or by name.
        parameters: Vec<TemplateParameter>,
    },
    /// `{"type": "button", "sub_type", "index": "0", "parameters": [...]}`.
    Button {
        /// Which kind of button this fills in.
        sub_type: TemplateButtonKind,
        /// The button's position in the template, 0 to 9, as a string (`"0"`).
        index: String,
        /// A payload, a URL suffix or a coupon code.
        parameters: Vec<TemplateParameter>,
    },
}

/// The kind of template button a parameter fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateButtonKind {
    /// A quick reply: its payload comes back in the `button` webhook.
    QuickReply,
    /// A URL button with a variable suffix.
    Url,
    /// A copy-code (coupon) button.
    CopyCode,
}

impl TemplateButtonKind {
    /// The Cloud API's name (`quick_reply`, `url`, `copy_code`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::QuickReply => "quick_reply",
            Self::Url => "url",
            Self::CopyCode => "copy_code",
        }
    }
}

/// One parameter: `{"type": T, T: value}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TemplateParameter {
    /// Text for a header, body or URL-button variable.
    Text {
        /// The name of a named variable (`first_name` for `{{first_name}}`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        parameter_name: Option<String>,
        /// The value.
        text: String,
    },
    /// A header image.
    Image {
        /// By id or link.
        image: Media,
    },
    /// A header video.
    Video {
        /// By id or link.
        video: Media,
    },
    /// A header document (a file name is allowed).
    Document {
        /// By id or link.
        document: Media,
    },
    /// A quick-reply button's payload.
    Payload {
        /// Returned in the webhook when tapped.
        payload: String,
    },
    /// A copy-code button's code.
    CouponCode {
        /// The code copied when tapped.
        coupon_code: String,
    },
}

impl TemplateParameter {
    /// A positional text parameter.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text {
            parameter_name: None,
            text: text.into(),
        }
    }

    /// A named text parameter.
    pub fn named(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self::Text {
            parameter_name: Some(name.into()),
            text: text.into(),
        }
    }

    /// The parameter's `type` on the wire.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Text { .. } => "text",
            Self::Image { .. } => "image",
            Self::Video { .. } => "video",
            Self::Document { .. } => "document",
            Self::Payload { .. } => "payload",
            Self::CouponCode { .. } => "coupon_code",
        }
    }
}

impl TemplateMessage {
    /// The template `name` in `language_code`, without parameters yet.
    pub fn new(name: impl Into<String>, language_code: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            language: TemplateLanguage {
                code: language_code.into(),
            },
            components: Vec::new(),
        }
    }

    /// Sets the header to a positional text parameter.
    pub fn header_text(self, text: impl Into<String>) -> Self {
        self.header(TemplateParameter::text(text))
    }

    /// Sets the header to a named text parameter.
    pub fn named_header_text(self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.header(TemplateParameter::named(name, text))
    }

    /// Sets the header to an image.
    pub fn header_image(self, source: MediaSource) -> Self {
        self.header(TemplateParameter::Image {
            image: Media::new(source),
        })
    }

    /// Sets the header to a video.
    pub fn header_video(self, source: MediaSource) -> Self {
        self.header(TemplateParameter::Video {
            video: Media::new(source),
        })
    }

    /// Sets the header to a document, with the file name the customer sees.
    pub fn header_document(self, source: MediaSource, filename: Option<String>) -> Self {
        self.header(TemplateParameter::Document {
            document: Media {
                filename,
                ..Media::new(source)
            },
        })
    }

    /// Sets the header's parameter (replacing an earlier one).
    pub fn header(mut self, parameter: TemplateParameter) -> Self {
        self.components
            .retain(|c| !matches!(c, TemplateComponent::Header { .. }));
        self.components.insert(
            0,
            TemplateComponent::Header {
                parameters: vec![parameter],
            },
        );
        self
    }

    /// Appends positional body parameters (`{{1}}`, `{{2}}`, ... in order).
    pub fn body_params<S: Into<String>>(mut self, texts: impl IntoIterator<Item = S>) -> Self {
        self.body_mut()
            .extend(texts.into_iter().map(TemplateParameter::text));
        self
    }

    /// Appends one positional body parameter.
    pub fn body_param(mut self, text: impl Into<String>) -> Self {
        self.body_mut().push(TemplateParameter::text(text));
        self
    }

    /// Appends a named body parameter (`{{name}}`).
    pub fn named_body_param(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.body_mut().push(TemplateParameter::named(name, text));
        self
    }

    /// Fills in quick-reply button `index` with `payload`.
    pub fn quick_reply_button(self, index: u8, payload: impl Into<String>) -> Self {
        self.button(
            TemplateButtonKind::QuickReply,
            index,
            TemplateParameter::Payload {
                payload: payload.into(),
            },
        )
    }

    /// Fills in URL button `index`'s variable with `suffix`.
    pub fn url_button(self, index: u8, suffix: impl Into<String>) -> Self {
        self.button(
            TemplateButtonKind::Url,
            index,
            TemplateParameter::text(suffix),
        )
    }

    /// Fills in copy-code button `index` with `code`.
    pub fn copy_code_button(self, index: u8, code: impl Into<String>) -> Self {
        self.button(
            TemplateButtonKind::CopyCode,
            index,
            TemplateParameter::CouponCode {
                coupon_code: code.into(),
            },
        )
    }

    /// Appends a button component with one parameter.
    pub fn button(
        mut self,
        sub_type: TemplateButtonKind,
        index: u8,
        parameter: TemplateParameter,
    ) -> Self {
        self.components.push(TemplateComponent::Button {
            sub_type,
            index: index.to_string(),
            parameters: vec![parameter],
        });
        self
    }

    /// The text parameters of the header and body, in order.
    pub fn text_params(&self) -> impl Iterator<Item = &str> {
        self.components
            .iter()
            .filter_map(|c| match c {
                TemplateComponent::Header { parameters }
                | TemplateComponent::Body { parameters } => Some(parameters),
                TemplateComponent::Button { .. } => None,
            })
            .flatten()
            .filter_map(|p| match p {
                TemplateParameter::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
    }

    /// `name (param, param, ...)`, or the name alone.
    pub(crate) fn display(&self) -> String {
        let params: Vec<&str> = self.text_params().collect();
        if params.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, params.join(", "))
        }
    }

    /// The body's parameters, creating the body component (after the header) if needed.
    fn body_mut(&mut self) -> &mut Vec<TemplateParameter> {
        let at = match self
            .components
            .iter()
            .position(|c| matches!(c, TemplateComponent::Body { .. }))
        {
            Some(at) => at,
            None => {
                let after_header = usize::from(matches!(
                    self.components.first(),
                    Some(TemplateComponent::Header { .. })
                ));
                self.components.insert(
                    after_header,
                    TemplateComponent::Body {
                        parameters: Vec::new(),
                    },
                );
                after_header
            }
        };
        match &mut self.components[at] {
            TemplateComponent::Body { parameters } => parameters,
            // `at` was found or inserted as a body just above.
            _ => unreachable!("the component at {at} is the body"),
        }
    }
}
