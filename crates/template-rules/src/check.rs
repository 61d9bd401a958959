//! Every rule Meta applies to a new template that can be checked before submitting it.

use crate::placeholders::{distinct, placeholders};
use crate::*;

/// Every broken rule of `draft`, in field order; empty when it can be submitted.
pub fn check(draft: &Draft) -> Vec<Problem> {
    let mut out = Vec::new();
    name(&draft.name, &mut out);
    language(&draft.language, &mut out);
    if let Some(h) = &draft.header {
        header(draft.category, h, &mut out);
    }
    body(draft, &mut out);
    if let Some(f) = &draft.footer {
        if draft.category == Category::Authentication {
            out.push(Problem::new(
                "footer",
                "footer_not_allowed",
                "An authentication template has no footer.",
            ));
        } else {
            footer(f, &mut out);
        }
    }
    buttons(draft.category, &draft.buttons, &mut out);
    out
}

fn len(text: &str) -> usize {
    text.chars().count()
}

fn name(name: &str, out: &mut Vec<Problem>) {
    if name.is_empty() {
        out.push(Problem::new(
            "name",
            "name_empty",
            "Give the template a name.",
        ));
    } else if len(name) > MAX_NAME {
        out.push(Problem::new(
            "name",
            "name_too_long",
            format!("A name has at most {MAX_NAME} characters."),
        ));
    } else if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        out.push(Problem::new(
            "name",
            "name_charset",
            "A name has only lowercase letters, digits and underscores (order_ready).",
        ));
    }
}

/// `en`, `es`, `fil`, `en_US`, `es_MX`, `zh_CN`, `pt_BR`...
fn language(code: &str, out: &mut Vec<Problem>) {
    let mut parts = code.splitn(2, '_');
    let lang = parts.next().unwrap_or_default();
    let region = parts.next();
    let ok = (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    if !ok {
        out.push(Problem::new(
            "language",
            "language_invalid",
            "The language is a code like en, es, en_US or es_MX.",
        ));
    }
}

fn header(category: Category, header: &Header, out: &mut Vec<Problem>) {
    if category == Category::Authentication {
        out.push(Problem::new(
            "header",
            "header_not_allowed",
            "An authentication template has no header.",
        ));
        return;
    }
    match header {
        Header::Text { text, example } => {
            if text.trim().is_empty() {
                out.push(Problem::new(
                    "header",
                    "header_empty",
                    "Write the header, or remove it.",
                ));
                return;
            }
            if len(text) > MAX_HEADER {
                out.push(Problem::new(
                    "header",
                    "header_too_long",
                    format!(
                        "A header has at most {MAX_HEADER} characters ({} now).",
                        len(text)
                    ),
                ));
            }
            let found = placeholders(text);
            if found.len() > 1 {
                out.push(Problem::new(
                    "header",
                    "header_too_many_params",
                    "A header has at most one parameter.",
                ));
            }
            if let Some(p) = found.first() {
                if !p.is_positional() && !valid_param_name(&p.name)
                    || p.is_positional() && p.name != "1"
                {
                    out.push(Problem::new(
                        "header",
                        "param_name_invalid",
                        "The header's parameter is {{1}} or a name of lowercase letters, digits and underscores.",
                    ));
                }
                if example.as_deref().is_none_or(|e| e.trim().is_empty()) {
                    out.push(Problem::new(
                        "header.example",
                        "example_missing",
                        "Give an example for the header's parameter.",
                    ));
                }
            }
        }
        Header::Media { handle, .. } => {
            if handle.trim().is_empty() {
                out.push(Problem::new(
                    "header.handle",
                    "header_handle_missing",
                    "Upload a sample file for the header.",
                ));
            }
        }
    }
}

/// A named parameter: a lowercase letter, then lowercase letters, digits and underscores.
fn valid_param_name(name: &str) -> bool {
    name.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn body(draft: &Draft, out: &mut Vec<Problem>) {
    let text = &draft.body;
    if draft.category == Category::Authentication {
        if !text.trim().is_empty() {
            out.push(Problem::new(
                "body",
                "body_preset",
                "An authentication template uses WhatsApp's preset text (\"{{1}} is your verification code.\"): leave the body empty.",
            ));
        }
        return;
    }
    if text.trim().is_empty() {
        out.push(Problem::new("body", "body_empty", "Write the message."));
        return;
    }
    if len(text) > MAX_BODY {
        out.push(Problem::new(
            "body",
            "body_too_long",
            format!(
                "The message has at most {MAX_BODY} characters ({} now).",
                len(text)
            ),
        ));
    }
    if text.matches("{{").count() != text.matches("}}").count() {
        out.push(Problem::new(
            "body",
            "param_malformed",
            "A parameter is written {{1}} or {{name}}: a brace is missing.",
        ));
    }
    let found = placeholders(text);
    let names = distinct(&found);
    let positional = found.iter().filter(|p| p.is_positional()).count();
    if positional > 0 && positional < found.len() {
        out.push(Problem::new(
            "body",
            "params_mixed",
            "Use either numbered parameters ({{1}}) or named ones ({{name}}), not both.",
        ));
    } else if positional > 0 {
        let in_order = names
            .iter()
            .enumerate()
            .all(|(i, n)| n.parse::<usize>().ok() == Some(i + 1));
        if !in_order {
            out.push(Problem::new(
                "body",
                "params_not_in_order",
                "Number the parameters {{1}}, {{2}}, {{3}}... in the order they appear, with none skipped.",
            ));
        }
    } else if let Some(bad) = names.iter().find(|n| !valid_param_name(n)) {
        out.push(Problem::new(
            "body",
            "param_name_invalid",
            format!("{{{{{bad}}}}}: a parameter's name has lowercase letters, digits and underscores, starting with a letter."),
        ));
    }
    let trimmed_start = text.len() - text.trim_start().len();
    let trimmed_end = text.trim_end().len();
    if found.first().is_some_and(|p| p.start == trimmed_start) {
        out.push(Problem::new(
            "body",
            "param_at_start",
            "The message cannot start with a parameter: begin with some words.",
        ));
    }
    if found.last().is_some_and(|p| p.end == trimmed_end) {
        out.push(Problem::new(
            "body",
            "param_at_end",
            "The message cannot end with a parameter: end with some words or a full stop.",
        ));
    }
    if found
        .windows(2)
        .any(|w| text[w[0].end..w[1].start].trim().is_empty())
    {
        out.push(Problem::new(
            "body",
            "params_adjacent",
            "Two parameters side by side need some words between them.",
        ));
    }
    for (i, _) in names.iter().enumerate() {
        if draft
            .body_examples
            .get(i)
            .is_none_or(|e| e.trim().is_empty())
        {
            out.push(Problem::new(
                format!("body.examples[{i}]"),
                "example_missing",
                format!("Give an example for {{{{{}}}}}.", names[i]),
            ));
        }
    }
    if draft.body_examples.len() > names.len() {
        out.push(Problem::new(
            "body.examples",
            "examples_extra",
            format!(
                "The message has {} parameter(s) but {} examples were given.",
                names.len(),
                draft.body_examples.len()
            ),
        ));
    }
}

fn footer(text: &str, out: &mut Vec<Problem>) {
    if len(text) > MAX_FOOTER {
        out.push(Problem::new(
            "footer",
            "footer_too_long",
            format!(
                "A footer has at most {MAX_FOOTER} characters ({} now).",
                len(text)
            ),
        ));
    }
    if text.contains("{{") {
        out.push(Problem::new(
            "footer",
            "footer_has_param",
            "A footer cannot have parameters.",
        ));
    }
}

fn buttons(category: Category, buttons: &[Button], out: &mut Vec<Problem>) {
    crate::check_buttons::buttons(category, buttons, out);
}
