//! The buttons' rules: counts in all and per kind, quick replies grouped together, labels, URLs
//! with at most a `{{1}}` at the very end, phone numbers, copy codes.

use crate::placeholders::placeholders;
use crate::{
    Button, Category, MAX_BUTTON_TEXT, MAX_BUTTONS, MAX_COPY_CODE, MAX_COPY_CODE_BUTTONS,
    MAX_PHONE, MAX_PHONE_BUTTONS, MAX_QUICK_REPLIES, MAX_URL, MAX_URL_BUTTONS, Problem,
};

pub(crate) fn buttons(category: Category, buttons: &[Button], out: &mut Vec<Problem>) {
    if category == Category::Authentication {
        let ok = matches!(buttons, [Button::CopyCode { .. }]);
        if !ok {
            out.push(Problem::new(
                "buttons",
                "auth_buttons",
                "An authentication template has exactly one button: copy code.",
            ));
        }
    }
    if buttons.len() > MAX_BUTTONS {
        out.push(Problem::new(
            "buttons",
            "buttons_too_many",
            format!("A template has at most {MAX_BUTTONS} buttons."),
        ));
    }
    let count = |f: fn(&Button) -> bool| buttons.iter().filter(|b| f(b)).count();
    let limits: [(usize, usize, &str, &str); 4] = [
        (
            count(|b| matches!(b, Button::QuickReply { .. })),
            MAX_QUICK_REPLIES,
            "quick_reply_too_many",
            "quick-reply buttons",
        ),
        (
            count(|b| matches!(b, Button::Url { .. })),
            MAX_URL_BUTTONS,
            "url_too_many",
            "link buttons",
        ),
        (
            count(|b| matches!(b, Button::Phone { .. })),
            MAX_PHONE_BUTTONS,
            "phone_too_many",
            "call button",
        ),
        (
            count(|b| matches!(b, Button::CopyCode { .. })),
            MAX_COPY_CODE_BUTTONS,
            "copy_code_too_many",
            "copy-code button",
        ),
    ];
    for (n, max, code, what) in limits {
        if n > max {
            out.push(Problem::new(
                "buttons",
                code,
                format!("A template has at most {max} {what}."),
            ));
        }
    }
    // Quick replies and the other buttons form two groups, one after the other.
    let groups = buttons
        .windows(2)
        .filter(|w| is_quick(&w[0]) != is_quick(&w[1]))
        .count();
    if groups > 1 {
        out.push(Problem::new(
            "buttons",
            "buttons_not_grouped",
            "Put the quick replies together, before or after the other buttons.",
        ));
    }
    for (i, b) in buttons.iter().enumerate() {
        button(category, i, b, out);
    }
}

fn is_quick(b: &Button) -> bool {
    matches!(b, Button::QuickReply { .. })
}

fn label(i: usize, text: &str, out: &mut Vec<Problem>) {
    let field = format!("buttons[{i}].text");
    if text.trim().is_empty() {
        out.push(Problem::new(
            field,
            "button_text_empty",
            "Give the button a label.",
        ));
    } else if text.chars().count() > MAX_BUTTON_TEXT {
        out.push(Problem::new(
            field,
            "button_text_too_long",
            format!("A button's label has at most {MAX_BUTTON_TEXT} characters."),
        ));
    } else if text.contains("{{") {
        out.push(Problem::new(
            field,
            "button_text_has_param",
            "A button's label cannot have parameters.",
        ));
    }
}

fn button(category: Category, i: usize, b: &Button, out: &mut Vec<Problem>) {
    match b {
        Button::QuickReply { text } => label(i, text, out),
        Button::Url { text, url, example } => {
            label(i, text, out);
            let field = format!("buttons[{i}].url");
            let lower = url.to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://"))
                || url.len() <= "https://".len()
                || url.chars().any(char::is_whitespace)
            {
                out.push(Problem::new(
                    &field,
                    "url_invalid",
                    "A link starts with https:// and has no spaces.",
                ));
            } else if url.chars().count() > MAX_URL {
                out.push(Problem::new(
                    &field,
                    "url_too_long",
                    format!("A link has at most {MAX_URL} characters."),
                ));
            }
            let found = placeholders(url);
            if found.is_empty() {
                return;
            }
            let at_end = found.len() == 1 && found[0].name == "1" && found[0].end == url.len();
            if !at_end {
                out.push(Problem::new(
                    &field,
                    "url_param_not_at_end",
                    "A link can end with one parameter, {{1}}, and have no other.",
                ));
            }
            if example.as_deref().is_none_or(|e| e.trim().is_empty()) {
                out.push(Problem::new(
                    format!("buttons[{i}].example"),
                    "example_missing",
                    "Give an example for the end of the link (an order number, 1042).",
                ));
            }
        }
        Button::Phone { text, number } => {
            label(i, text, out);
            let digits = number.strip_prefix('+').unwrap_or_default();
            let ok = !digits.is_empty()
                && number.len() <= MAX_PHONE
                && digits.bytes().all(|b| b.is_ascii_digit())
                && digits.len() >= 7;
            if !ok {
                out.push(Problem::new(
                    format!("buttons[{i}].number"),
                    "phone_invalid",
                    format!(
                        "A phone number is in international form, + and digits, at most {MAX_PHONE} characters (+5215512345678)."
                    ),
                ));
            }
        }
        Button::CopyCode { example } => {
            if category == Category::Utility {
                out.push(Problem::new(
                    format!("buttons[{i}]"),
                    "copy_code_not_allowed",
                    "A utility template cannot have a copy-code button (marketing can).",
                ));
            }
            let n = example.chars().count();
            if n == 0 || n > MAX_COPY_CODE || example.chars().any(char::is_whitespace) {
                out.push(Problem::new(
                    format!("buttons[{i}].example"),
                    "copy_code_invalid",
                    format!("A code example has 1 to {MAX_COPY_CODE} characters and no spaces."),
                ));
            }
        }
    }
}
