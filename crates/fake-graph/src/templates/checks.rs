//! What Meta refuses when a template message does not fit the approved template: an unknown
//! name or translation (132001), a template not approved (132001, or 132015 / 132016 when paused
//! or disabled), the wrong number or names of parameters (132000), a header of the wrong kind
//! (132012), and a button missing its parameter (131008).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;
use wacloud::send::{TemplateButtonKind, TemplateComponent, TemplateMessage, TemplateParameter};

use super::store::TemplateStore;
use crate::errors::graph_error;

/// The variables of a template text, in order of first use: `["1", "2"]` for `{{1}} … {{2}}`,
/// `["customer_name"]` for `{{customer_name}}`.
pub(crate) fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        let name = after[..close].trim();
        if !name.is_empty() && !found.iter().any(|f| f == name) {
            found.push(name.to_owned());
        }
        rest = &after[close + 2..];
    }
    found
}

fn refuse(code: i64, title: &str, details: String) -> Response {
    graph_error(
        StatusCode::BAD_REQUEST,
        code,
        "OAuthException",
        &format!("(#{code}) {title}"),
        Some(&details),
    )
}

fn count_mismatch(component: &str, given: usize, expected: usize) -> Response {
    refuse(
        132000,
        "Number of parameters does not match the expected number of params",
        format!(
            "{component}: number of localizable_params ({given}) does not match the expected number of params ({expected})"
        ),
    )
}

/// Refuses `message` as Meta would if it does not fit the template it names.
pub(crate) fn check_send(store: &TemplateStore, message: &TemplateMessage) -> Result<(), Response> {
    let (name, language) = (&message.name, &message.language.code);
    let missing = || {
        refuse(
            132001,
            "Template name does not exist in the translation",
            format!("template name ({name}) does not exist in {language}"),
        )
    };
    let template = store.find(name, language).ok_or_else(missing)?;
    match template["status"].as_str().unwrap_or_default() {
        "APPROVED" => {}
        "PAUSED" => {
            return Err(refuse(
                132015,
                "Template is paused",
                format!("{name} is paused"),
            ));
        }
        "DISABLED" => {
            return Err(refuse(
                132016,
                "Template is disabled",
                format!("{name} is disabled"),
            ));
        }
        _ => return Err(missing()),
    }
    let components = template["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let of_type = |t: &str| components.iter().find(|c| c["type"] == t);
    let params = |wanted: fn(&TemplateComponent) -> Option<&Vec<TemplateParameter>>| {
        message
            .components
            .iter()
            .find_map(wanted)
            .cloned()
            .unwrap_or_default()
    };
    let body_params = params(|c| match c {
        TemplateComponent::Body { parameters } => Some(parameters),
        _ => None,
    });
    let header_params = params(|c| match c {
        TemplateComponent::Header { parameters } => Some(parameters),
        _ => None,
    });
    let body_text = of_type("BODY")
        .and_then(|b| b["text"].as_str())
        .unwrap_or_default();
    check_texts("body", &placeholders(body_text), &body_params, template)?;
    check_header(of_type("HEADER"), &header_params, template)?;
    let buttons = of_type("BUTTONS")
        .and_then(|b| b["buttons"].as_array())
        .cloned()
        .unwrap_or_default();
    check_buttons(&buttons, &message.components)
}

/// The text parameters of a header or body against the template's variables: the same count,
/// and for a template with named parameters, the same names.
fn check_texts(
    component: &str,
    variables: &[String],
    given: &[TemplateParameter],
    template: &Value,
) -> Result<(), Response> {
    if given.len() != variables.len() {
        return Err(count_mismatch(component, given.len(), variables.len()));
    }
    if template["parameter_format"] != "NAMED" {
        return Ok(());
    }
    for parameter in given {
        let name = match parameter {
            TemplateParameter::Text { parameter_name, .. } => parameter_name.as_deref(),
            _ => None,
        };
        if !name.is_some_and(|n| variables.iter().any(|v| v == n)) {
            return Err(refuse(
                132000,
                "Number of parameters does not match the expected number of params",
                format!(
                    "{component}: the template's parameters are named {}; got {}",
                    variables.join(", "),
                    name.unwrap_or("a positional parameter")
                ),
            ));
        }
    }
    Ok(())
}

/// A text header takes its variables' values; a media header takes one image, video or
/// document parameter of the template's format.
fn check_header(
    header: Option<&Value>,
    given: &[TemplateParameter],
    template: &Value,
) -> Result<(), Response> {
    let format = header.and_then(|h| h["format"].as_str()).unwrap_or("TEXT");
    if format == "TEXT" {
        let text = header.and_then(|h| h["text"].as_str()).unwrap_or_default();
        return check_texts("header", &placeholders(text), given, template);
    }
    let [parameter] = given else {
        return Err(count_mismatch("header", given.len(), 1));
    };
    if !parameter.type_name().eq_ignore_ascii_case(format) {
        return Err(refuse(
            132012,
            "Parameter format does not match format in the created template",
            format!(
                "header: Format mismatch, expected {format}, received {}",
                parameter.type_name().to_ascii_uppercase()
            ),
        ));
    }
    Ok(())
}

/// Each button parameter fills a button of its kind; a URL button with a variable and a
/// copy-code button need theirs.
fn check_buttons(buttons: &[Value], given: &[TemplateComponent]) -> Result<(), Response> {
    let filled: Vec<(usize, TemplateButtonKind)> = given
        .iter()
        .filter_map(|c| match c {
            TemplateComponent::Button {
                sub_type, index, ..
            } => Some((index.parse().unwrap_or(usize::MAX), *sub_type)),
            _ => None,
        })
        .collect();
    for (index, kind) in &filled {
        let expected = match buttons.get(*index).and_then(|b| b["type"].as_str()) {
            Some("QUICK_REPLY") => TemplateButtonKind::QuickReply,
            Some("URL") => TemplateButtonKind::Url,
            Some("COPY_CODE") => TemplateButtonKind::CopyCode,
            other => {
                return Err(refuse(
                    131009,
                    "Parameter value is not valid",
                    format!(
                        "buttons: the template has no button {index} that takes a parameter ({})",
                        other.unwrap_or("no button")
                    ),
                ));
            }
        };
        if expected != *kind {
            return Err(refuse(
                131009,
                "Parameter value is not valid",
                format!(
                    "buttons: button {index} is {}, not {}",
                    expected.as_str(),
                    kind.as_str()
                ),
            ));
        }
    }
    for (index, button) in buttons.iter().enumerate() {
        let needs = match button["type"].as_str() {
            Some("URL") => button["url"].as_str().is_some_and(|u| u.contains("{{")),
            Some("COPY_CODE") => true,
            _ => false,
        };
        if needs && !filled.iter().any(|(i, _)| *i == index) {
            return Err(refuse(
                131008,
                "Required parameter is missing",
                format!(
                    "buttons: Button at index {index} of type {} requires a parameter",
                    button["type"].as_str().unwrap_or_default()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_in_order_once_each() {
        assert_eq!(placeholders("Hi {{1}}, order {{2}} ({{1}})"), ["1", "2"]);
        assert_eq!(
            placeholders("Hello {{customer_name}} on {{ date }}"),
            ["customer_name", "date"]
        );
        assert!(placeholders("No variables {here}").is_empty());
        assert!(placeholders("Broken {{1").is_empty());
    }
}
