//! What a send of a template must fill in: body variables, the header, and button parameters.

use serde::{Deserialize, Serialize};

use super::{ButtonKind, ComponentKind, HeaderFormat, ParameterFormat, Template};
use crate::send::TemplateButtonKind;

/// The variables of a text: how many positional ones, or which named ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "format", content = "parameters")]
pub enum TemplateParameters {
    /// `{{1}}` to `{{n}}`: a send gives `n` values, in order.
    Positional(usize),
    /// `{{name}}`s, in order of first appearance: a send gives one value per name.
    Named(Vec<String>),
}

impl TemplateParameters {
    /// How many values a send gives.
    pub fn len(&self) -> usize {
        match self {
            Self::Positional(n) => *n,
            Self::Named(names) => names.len(),
        }
    }

    /// Whether the text has no variables.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a send must give for the template's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum HeaderParameter {
    /// One text value: for `{{1}}` (`name` is `None`) or for `{{name}}`.
    Text {
        /// The variable's name in a named template.
        name: Option<String>,
    },
    /// An image.
    Image,
    /// A video.
    Video,
    /// A document.
    Document,
    /// A location.
    Location,
    /// A header format this crate does not know, as Meta wrote it.
    Other {
        /// The format.
        format: String,
    },
}

/// A button a send must give a parameter for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ButtonParameter {
    /// The button's position: the send's `index`.
    pub index: usize,
    /// The button as the template defines it.
    pub kind: ButtonKind,
    /// The send's `sub_type`: `url` (a URL suffix, or an OTP button's code) or `copy_code`.
    pub sub_type: TemplateButtonKind,
}

impl Template {
    /// The body's variables: positional `{{1}}`..`{{n}}` (counted as the highest number), or
    /// the names for a named template. A template without `parameter_format` whose variables
    /// are not numbers is read as named.
    pub fn body_parameters(&self) -> TemplateParameters {
        let text = self.body().and_then(|b| b.text.as_deref()).unwrap_or("");
        parameters_of(text, self.parameter_format.as_ref())
    }

    /// What the header needs from a send: nothing (`None`) for no header or a text header
    /// without a variable.
    pub fn header_parameter(&self) -> Option<HeaderParameter> {
        let header = self.header()?;
        let format = header.format.clone().unwrap_or(HeaderFormat::Text);
        Some(match format {
            HeaderFormat::Text => {
                let text = header.text.as_deref().unwrap_or("");
                match parameters_of(text, self.parameter_format.as_ref()) {
                    TemplateParameters::Positional(0) => return None,
                    TemplateParameters::Positional(_) => HeaderParameter::Text { name: None },
                    TemplateParameters::Named(names) => HeaderParameter::Text {
                        name: names.into_iter().next(),
                    },
                }
            }
            HeaderFormat::Image => HeaderParameter::Image,
            HeaderFormat::Video => HeaderParameter::Video,
            HeaderFormat::Document => HeaderParameter::Document,
            HeaderFormat::Location => HeaderParameter::Location,
            HeaderFormat::Unknown(format) => HeaderParameter::Other { format },
        })
    }

    /// The buttons a send must give a parameter for: URL buttons whose address has a variable,
    /// copy-code buttons (the coupon code) and OTP buttons (the passcode, sent as `url`).
    pub fn buttons_needing_parameters(&self) -> Vec<ButtonParameter> {
        self.buttons()
            .iter()
            .enumerate()
            .filter_map(|(index, button)| {
                let sub_type = match &button.kind {
                    ButtonKind::Url
                        if button
                            .url
                            .as_deref()
                            .is_some_and(|url| !variables(url).is_empty()) =>
                    {
                        TemplateButtonKind::Url
                    }
                    ButtonKind::CopyCode => TemplateButtonKind::CopyCode,
                    ButtonKind::Otp => TemplateButtonKind::Url,
                    _ => return None,
                };
                Some(ButtonParameter {
                    index,
                    kind: button.kind.clone(),
                    sub_type,
                })
            })
            .collect()
    }

    /// Whether the template has any component of a kind this crate does not know (a send may
    /// need parameters for it that the helpers above do not report).
    pub fn has_unknown_components(&self) -> bool {
        self.components
            .iter()
            .any(|c| matches!(c.kind, ComponentKind::Unknown(_)))
    }
}

/// The variables of `text` under `format`.
fn parameters_of(text: &str, format: Option<&ParameterFormat>) -> TemplateParameters {
    let vars = variables(text);
    let numeric = |v: &str| v.bytes().all(|b| b.is_ascii_digit());
    let named = match format {
        Some(ParameterFormat::Named) => true,
        Some(ParameterFormat::Positional) => false,
        _ => !vars.iter().all(|v| numeric(v)),
    };
    if named {
        let mut names: Vec<String> = Vec::new();
        for v in vars {
            if !names.iter().any(|n| n == v) {
                names.push(v.to_owned());
            }
        }
        TemplateParameters::Named(names)
    } else {
        let highest = vars
            .iter()
            .filter(|v| numeric(v))
            .filter_map(|v| v.parse::<usize>().ok())
            .max()
            .unwrap_or(0);
        TemplateParameters::Positional(highest)
    }
}

/// The `{{...}}` variables of `text`, trimmed, in order (repeats kept).
fn variables(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim();
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            out.push(name);
        }
        rest = &after[end + 2..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_found_in_order() {
        assert_eq!(variables("Hi {{1}}, {{ 2 }} and {{1}}"), ["1", "2", "1"]);
        assert_eq!(
            variables("{{first_name}} {{order_id}}"),
            ["first_name", "order_id"]
        );
        assert!(variables("no {{ variables }} {here}").len() == 1);
        assert!(variables("broken {{1").is_empty());
        assert!(variables("{{not a var}}").is_empty());
    }

    #[test]
    fn positional_counts_the_highest_number() {
        assert_eq!(
            parameters_of("{{1}} {{3}} {{2}} {{1}}", None),
            TemplateParameters::Positional(3)
        );
        assert_eq!(
            parameters_of("plain", None),
            TemplateParameters::Positional(0)
        );
        assert!(parameters_of("plain", None).is_empty());
    }

    #[test]
    fn named_keeps_first_appearance() {
        let p = parameters_of("{{name}} {{order}} {{name}}", Some(&ParameterFormat::Named));
        assert_eq!(
            p,
            TemplateParameters::Named(vec!["name".into(), "order".into()])
        );
        assert_eq!(p.len(), 2);
        // No declared format, but names: read as named.
        assert_eq!(
            parameters_of("{{name}}", None),
            TemplateParameters::Named(vec!["name".into()])
        );
    }
}
