//! What the Cloud API refuses in a template message, checked before any request.
//!
//! Meta's rules: a header takes one parameter (text of at most 60 characters, or an image, video
//! or document); body text parameters hold at most 1024 characters (32768 when the body is the
//! template's only component) and no new line, tab or more than four spaces in a row (error
//! 132018); header and body use either positional or named parameters, not both; a button index
//! is 0 to 9; a quick reply takes one payload, a URL button one text suffix, a copy-code button
//! one coupon code of at most 15 characters. Whether the counts match the approved template is
//! checked against the synced template elsewhere (a mismatch is error 132000).

use std::collections::HashSet;

use super::limits::{at_most, not_blank, required};
use super::media::MediaKind;
use super::template::{TemplateButtonKind, TemplateComponent, TemplateMessage, TemplateParameter};

/// The longest template name.
pub const MAX_TEMPLATE_NAME_LEN: usize = 512;
/// The longest header text parameter.
pub const MAX_HEADER_PARAM_LEN: usize = 60;
/// The longest body text parameter when the template has other components.
pub const MAX_BODY_PARAM_LEN: usize = 1024;
/// The longest body text parameter when the body is the only component.
pub const MAX_BODY_ONLY_PARAM_LEN: usize = 32768;
/// The longest coupon code.
pub const MAX_COUPON_CODE_LEN: usize = 15;
/// The highest template button index.
pub const MAX_BUTTON_INDEX: u8 = 9;

impl TemplateMessage {
    pub(crate) fn validate(&self) -> Result<(), String> {
        required("a template name", &self.name, MAX_TEMPLATE_NAME_LEN)?;
        if !self
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(format!(
                "a template name holds lowercase letters, digits and underscores only (got {:?})",
                self.name
            ));
        }
        let code = &self.language.code;
        let code_ok = (2..=15).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
            && !code.starts_with('_')
            && !code.ends_with('_');
        if !code_ok {
            return Err(format!(
                "a template language is a code like en or en_US (got {code:?})"
            ));
        }
        let body_only = self.components.len() == 1;
        let (mut headers, mut bodies) = (0, 0);
        let mut naming = Naming::default();
        let mut indexes = HashSet::new();
        for component in &self.components {
            match component {
                TemplateComponent::Header { parameters } => {
                    headers += 1;
                    check_header(parameters, &mut naming)?;
                }
                TemplateComponent::Body { parameters } => {
                    bodies += 1;
                    let max = if body_only {
                        MAX_BODY_ONLY_PARAM_LEN
                    } else {
                        MAX_BODY_PARAM_LEN
                    };
                    check_body(parameters, max, &mut naming)?;
                }
                TemplateComponent::Button {
                    sub_type,
                    index,
                    parameters,
                } => {
                    let n = index
                        .parse::<u8>()
                        .ok()
                        .filter(|n| *n <= MAX_BUTTON_INDEX && n.to_string() == *index)
                        .ok_or_else(|| {
                            format!(
                                "a template button index is 0 to {MAX_BUTTON_INDEX} (got {index:?})"
                            )
                        })?;
                    if !indexes.insert(n) {
                        return Err(format!("template button {n} is filled in twice"));
                    }
                    check_button(*sub_type, n, parameters)?;
                }
            }
        }
        if headers > 1 || bodies > 1 {
            return Err("a template message has at most one header and one body".into());
        }
        Ok(())
    }
}

/// Header and body parameters are all positional or all named (each name once).
#[derive(Default)]
struct Naming {
    positional: bool,
    names: HashSet<String>,
}

impl Naming {
    fn note(&mut self, name: Option<&str>) -> Result<(), String> {
        match name {
            None => self.positional = true,
            Some(name) => {
                let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if !valid {
                    return Err(format!(
                        "a parameter name holds lowercase letters, digits and underscores, starting with a letter (got {name:?})"
                    ));
                }
                if !self.names.insert(name.to_owned()) {
                    return Err(format!("the parameter {name:?} is given twice"));
                }
            }
        }
        if self.positional && !self.names.is_empty() {
            return Err("a template's parameters are either all positional or all named".into());
        }
        Ok(())
    }
}

/// A text parameter's value: not blank, no new line or tab, no more than four spaces in a row.
fn check_text(what: &str, text: &str, max: usize) -> Result<(), String> {
    not_blank(what, text)?;
    if text.contains(['\n', '\r', '\t']) {
        return Err(format!(
            "{what} cannot contain a new line or a tab ({text:?})"
        ));
    }
    if text.contains("     ") {
        return Err(format!(
            "{what} cannot contain more than four spaces in a row"
        ));
    }
    at_most(what, text, max)
}

fn check_header(parameters: &[TemplateParameter], naming: &mut Naming) -> Result<(), String> {
    let [parameter] = parameters else {
        return Err(format!(
            "a template header takes exactly one parameter (this one has {})",
            parameters.len()
        ));
    };
    match parameter {
        TemplateParameter::Text {
            parameter_name,
            text,
        } => {
            naming.note(parameter_name.as_deref())?;
            check_text("a template header parameter", text, MAX_HEADER_PARAM_LEN)
        }
        TemplateParameter::Image { image } => image.validate_header(MediaKind::Image),
        TemplateParameter::Video { video } => video.validate_header(MediaKind::Video),
        TemplateParameter::Document { document } => document.validate_header(MediaKind::Document),
        other => Err(format!(
            "a template header takes text, an image, a video or a document (not a {})",
            other.type_name()
        )),
    }
}

fn check_body(
    parameters: &[TemplateParameter],
    max: usize,
    naming: &mut Naming,
) -> Result<(), String> {
    if parameters.is_empty() {
        return Err("a template body component needs at least one parameter".into());
    }
    for parameter in parameters {
        let TemplateParameter::Text {
            parameter_name,
            text,
        } = parameter
        else {
            return Err(format!(
                "a template body takes text parameters (not a {})",
                parameter.type_name()
            ));
        };
        naming.note(parameter_name.as_deref())?;
        check_text("a template body parameter", text, max)?;
    }
    Ok(())
}

fn check_button(
    kind: TemplateButtonKind,
    index: u8,
    parameters: &[TemplateParameter],
) -> Result<(), String> {
    let what = kind.as_str();
    let [parameter] = parameters else {
        return Err(format!(
            "template button {index} ({what}) takes exactly one parameter (it has {})",
            parameters.len()
        ));
    };
    match (kind, parameter) {
        (TemplateButtonKind::QuickReply, TemplateParameter::Payload { payload }) => {
            not_blank("a quick reply button's payload", payload)
        }
        (
            TemplateButtonKind::Url,
            TemplateParameter::Text {
                parameter_name: None,
                text,
            },
        ) => check_text("a URL button's suffix", text, 2000),
        (TemplateButtonKind::CopyCode, TemplateParameter::CouponCode { coupon_code }) => {
            required("a coupon code", coupon_code, MAX_COUPON_CODE_LEN)
        }
        (_, other) => Err(format!(
            "template button {index} ({what}) cannot take a {} parameter",
            other.type_name()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::send::{Media, MediaSource};
    use serde_json::json;

    #[test]
    fn builder_shape_and_round_trip() {
        let msg = TemplateMessage::new("order_ready", "en_US")
            .body_param("Ada")
            .header_document(
                MediaSource::link("https://example.com/i.pdf"),
                Some("invoice.pdf".into()),
            )
            .body_params(["#1042"])
            .quick_reply_button(0, "ok")
            .url_button(1, "orders/1042")
            .copy_code_button(2, "MUG25");
        let wire = json!({
            "name": "order_ready",
            "language": {"code": "en_US"},
            "components": [
                {"type": "header", "parameters": [
                    {"type": "document", "document": {"link": "https://example.com/i.pdf", "filename": "invoice.pdf"}}
                ]},
                {"type": "body", "parameters": [{"type": "text", "text": "Ada"}, {"type": "text", "text": "#1042"}]},
                {"type": "button", "sub_type": "quick_reply", "index": "0", "parameters": [{"type": "payload", "payload": "ok"}]},
                {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "orders/1042"}]},
                {"type": "button", "sub_type": "copy_code", "index": "2", "parameters": [{"type": "coupon_code", "coupon_code": "MUG25"}]}
            ]
        });
        assert_eq!(serde_json::to_value(&msg).unwrap(), wire);
        assert_eq!(
            serde_json::from_value::<TemplateMessage>(wire).unwrap(),
            msg
        );
        assert_eq!(msg.validate(), Ok(()));
        assert_eq!(msg.display(), "order_ready (Ada, #1042)");
    }

    #[test]
    fn no_components_is_omitted() {
        let msg = TemplateMessage::new("hello_world", "en_US");
        assert_eq!(
            serde_json::to_value(&msg).unwrap(),
            json!({"name": "hello_world", "language": {"code": "en_US"}})
        );
        assert_eq!(msg.validate(), Ok(()));
        assert_eq!(msg.display(), "hello_world");
    }

    #[test]
    fn header_is_replaced_not_duplicated() {
        let msg = TemplateMessage::new("t", "en")
            .header_text("a")
            .header_text("b");
        assert_eq!(msg.components.len(), 1);
        assert_eq!(msg.text_params().collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn names_and_languages() {
        assert!(
            TemplateMessage::new("Order Ready", "en")
                .validate()
                .is_err()
        );
        assert!(TemplateMessage::new("", "en").validate().is_err());
        assert!(TemplateMessage::new("t", "").validate().is_err());
        assert!(TemplateMessage::new("t", "en-US").validate().is_err());
        assert!(TemplateMessage::new("t", "pt_BR").validate().is_ok());
    }

    #[test]
    fn parameter_rules() {
        let bad = |msg: TemplateMessage| msg.validate().unwrap_err();
        let t = || TemplateMessage::new("t", "en");
        assert_eq!(
            bad(t().body_param("a\nb")),
            "a template body parameter cannot contain a new line or a tab (\"a\\nb\")"
        );
        assert!(t().body_param("a    b").validate().is_ok());
        assert!(t().body_param("a     b").validate().is_err());
        assert!(t().body_param(" ").validate().is_err());
        assert!(t().header_text("x".repeat(61)).validate().is_err());
        assert!(
            t().body_param("x".repeat(32768)).validate().is_ok(),
            "body only"
        );
        assert_eq!(
            bad(t().header_text("h").body_param("x".repeat(1025))),
            "a template body parameter can be at most 1024 characters (this one has 1025)"
        );
        assert_eq!(
            bad(t().body_param("a").named_body_param("name", "b")),
            "a template's parameters are either all positional or all named"
        );
        assert!(
            t().named_header_text("shop", "a")
                .named_body_param("name", "b")
                .validate()
                .is_ok()
        );
        assert!(
            t().named_body_param("name", "a")
                .named_body_param("name", "b")
                .validate()
                .is_err()
        );
        assert!(t().named_body_param("First Name", "a").validate().is_err());
        let captioned = TemplateParameter::Image {
            image: Media {
                caption: Some("x".into()),
                ..Media::new(MediaSource::id("1"))
            },
        };
        assert!(t().header(captioned).validate().is_err());
        assert!(
            t().header(TemplateParameter::Payload {
                payload: "p".into()
            })
            .validate()
            .is_err()
        );
        assert!(
            t().header_image(MediaSource::link("nope"))
                .validate()
                .is_err()
        );
    }

    #[test]
    fn button_rules() {
        let t = || TemplateMessage::new("t", "en");
        assert!(t().copy_code_button(0, "x".repeat(15)).validate().is_ok());
        assert_eq!(
            t().copy_code_button(0, "SUMMERSALE-2025-25")
                .validate()
                .unwrap_err(),
            "a coupon code can be at most 15 characters (\"SUMMERSALE-2025-25\" has 18)"
        );
        assert!(t().quick_reply_button(10, "p").validate().is_err());
        assert_eq!(
            t().quick_reply_button(0, "a")
                .url_button(0, "b")
                .validate()
                .unwrap_err(),
            "template button 0 is filled in twice"
        );
        assert!(t().quick_reply_button(0, "").validate().is_err());
        assert!(
            t().button(
                TemplateButtonKind::Url,
                0,
                TemplateParameter::Payload {
                    payload: "p".into()
                }
            )
            .validate()
            .is_err()
        );
        let mut odd_index = t().quick_reply_button(0, "p");
        if let TemplateComponent::Button { index, .. } = &mut odd_index.components[0] {
            *index = "01".into();
        }
        assert!(odd_index.validate().is_err());
    }
}
