//! What the owner fills in to send a template, in the order a send gives it: a text header's
//! variable, the body's, then each button that takes a value (a URL's suffix, a coupon code, a
//! passcode); each with the template's own example, so the picker can say what to type.

use wacloud::templates::{ButtonKind, HeaderParameter, Template, TemplateParameters};

use super::texts::TEXTS;
use crate::i18n::say;
use crate::views::{TemplateField, TemplateFieldKind};

/// The fields of `t`, in order.
pub fn fields(t: &Template) -> Vec<TemplateField> {
    let mut out = Vec::new();
    if let Some(HeaderParameter::Text { name }) = t.header_parameter() {
        let example = t
            .header()
            .and_then(|h| h.example.as_ref())
            .and_then(|e| match &name {
                Some(n) => e
                    .header_text_named_params
                    .iter()
                    .find(|p| &p.param_name == n)
                    .map(|p| p.example.clone()),
                None => e.header_text.first().cloned(),
            });
        out.push(TemplateField {
            name: name.unwrap_or_else(|| "header".to_owned()),
            kind: TemplateFieldKind::Header,
            example,
            button: None,
        });
    }
    let body_example = t.body().and_then(|b| b.example.as_ref());
    match t.body_parameters() {
        TemplateParameters::Positional(n) => {
            for i in 0..n {
                out.push(TemplateField {
                    name: (i + 1).to_string(),
                    kind: TemplateFieldKind::Body,
                    example: body_example
                        .and_then(|e| e.body_text.first())
                        .and_then(|row| row.get(i))
                        .cloned(),
                    button: None,
                });
            }
        }
        TemplateParameters::Named(names) => {
            for name in names {
                let example = body_example.and_then(|e| {
                    e.body_text_named_params
                        .iter()
                        .find(|p| p.param_name == name)
                        .map(|p| p.example.clone())
                });
                out.push(TemplateField {
                    name,
                    kind: TemplateFieldKind::Body,
                    example,
                    button: None,
                });
            }
        }
    }
    for needed in t.buttons_needing_parameters() {
        let Some(button) = t.buttons().get(needed.index) else {
            continue;
        };
        let (kind, example) = match button.kind {
            ButtonKind::Url => (TemplateFieldKind::UrlSuffix, url_suffix_example(button)),
            ButtonKind::CopyCode => (
                TemplateFieldKind::CouponCode,
                button.example.first().cloned(),
            ),
            _ => (TemplateFieldKind::Passcode, None),
        };
        out.push(TemplateField {
            name: format!("button_{}", needed.index + 1),
            kind,
            example,
            button: button.text.clone(),
        });
    }
    out
}

/// The part of a URL button's example after the address's fixed start (`1042` for
/// `https://shop.example.com/track/{{1}}` and its example `https://shop.example.com/track/1042`).
fn url_suffix_example(button: &wacloud::templates::Button) -> Option<String> {
    let example = button.example.first()?;
    let prefix = button.url.as_deref()?.split("{{").next()?;
    Some(
        example
            .strip_prefix(prefix)
            .unwrap_or(example.as_str())
            .to_owned(),
    )
}

/// The text the customer reads: the header (when it is text) in bold, a blank line, the body,
/// each variable replaced by its value (`values` by field name).
pub fn render(t: &Template, values: &[(String, String)]) -> Option<String> {
    let value_of = |name: &str| {
        values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let fill = |text: &str, header: bool| -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                out.push_str(&rest[start..]);
                return out;
            };
            let var = after[..end].trim();
            let key = if header && var.bytes().all(|b| b.is_ascii_digit()) {
                "header"
            } else {
                var
            };
            out.push_str(value_of(key).unwrap_or(&rest[start..start + end + 4]));
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        out
    };
    let body = fill(t.body()?.text.as_deref()?, false);
    let header = t
        .header()
        .filter(|h| h.format.as_ref().is_none_or(|f| f.as_str() == "TEXT"))
        .and_then(|h| h.text.as_deref())
        .map(|h| fill(h, true))
        .filter(|h| !h.trim().is_empty());
    Some(match header {
        Some(h) => format!("*{}*\n\n{body}", h.trim()),
        None => body,
    })
}

/// Why Shopchat cannot send `t` at all, in words, if it cannot (a location header, a
/// component this version does not know).
pub fn unsendable(t: &Template) -> Option<String> {
    match t.header_parameter() {
        Some(HeaderParameter::Location) => {
            return Some(say(TEXTS, "templates.location_header", &[]));
        }
        Some(HeaderParameter::Other { format }) => {
            return Some(say(
                TEXTS,
                "templates.other_header",
                &[("format", &format.to_lowercase())],
            ));
        }
        _ => {}
    }
    if t.buttons().iter().any(|b| b.kind == ButtonKind::Flow) {
        return Some(say(TEXTS, "templates.flow", &[]));
    }
    if t.has_unknown_components() {
        return Some(say(TEXTS, "templates.unknown_part", &[]));
    }
    None
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn template(components: serde_json::Value, format: &str) -> Template {
        serde_json::from_value(json!({
            "id": "1", "name": "t", "language": "en_US", "status": "APPROVED",
            "parameter_format": format, "components": components,
        }))
        .expect("a template")
    }

    #[test]
    fn each_value_with_what_it_is_and_its_example() {
        let t = template(
            json!([
                {"type": "HEADER", "format": "TEXT", "text": "Order {{1}}", "example": {"header_text": ["#1042"]}},
                {"type": "BODY", "text": "Hi {{1}}, track {{2}}.", "example": {"body_text": [["Ana", "#1042"]]}},
                {"type": "BUTTONS", "buttons": [
                    {"type": "QUICK_REPLY", "text": "Thanks"},
                    {"type": "URL", "text": "Track", "url": "https://shop.example.com/t/{{1}}",
                     "example": ["https://shop.example.com/t/1042"]},
                    {"type": "COPY_CODE", "example": "SAVE10"}
                ]}
            ]),
            "POSITIONAL",
        );
        let got: Vec<(String, TemplateFieldKind, Option<String>)> = fields(&t)
            .into_iter()
            .map(|f| (f.name, f.kind, f.example))
            .collect();
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(
            got,
            [
                ("header".into(), TemplateFieldKind::Header, s("#1042")),
                ("1".into(), TemplateFieldKind::Body, s("Ana")),
                ("2".into(), TemplateFieldKind::Body, s("#1042")),
                ("button_2".into(), TemplateFieldKind::UrlSuffix, s("1042")),
                (
                    "button_3".into(),
                    TemplateFieldKind::CouponCode,
                    s("SAVE10")
                ),
            ]
        );
        let values: Vec<(String, String)> = [("header", "#7"), ("1", "Ben"), ("2", "#7")]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(
            render(&t, &values).as_deref(),
            Some("*Order #7*\n\nHi Ben, track #7.")
        );
        assert_eq!(unsendable(&t), None);
    }

    #[test]
    fn named_values_and_a_location_header_explained() {
        let t = template(
            json!([
                {"type": "HEADER", "format": "LOCATION"},
                {"type": "BODY", "text": "Hello {{customer_name}}, see you {{date}}.",
                 "example": {"body_text_named_params": [
                    {"param_name": "customer_name", "example": "Ben"},
                    {"param_name": "date", "example": "Saturday"}]}}
            ]),
            "NAMED",
        );
        let names: Vec<(String, Option<String>)> = fields(&t)
            .into_iter()
            .map(|f| (f.name, f.example))
            .collect();
        assert_eq!(
            names,
            [
                ("customer_name".to_owned(), Some("Ben".to_owned())),
                ("date".to_owned(), Some("Saturday".to_owned()))
            ]
        );
        let values = vec![("customer_name".to_owned(), "Eva".to_owned())];
        assert_eq!(
            render(&t, &values).as_deref(),
            Some("Hello Eva, see you {{date}}.")
        );
        assert!(unsendable(&t).is_some_and(|why| why.contains("location header")));
    }
}
