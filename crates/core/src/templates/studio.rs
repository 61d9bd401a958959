//! The templates studio's rules beyond Meta's content rules: a name already taken in a language,
//! a synced template as an editable draft, and what Meta refuses of an edit (only approved,
//! rejected or paused templates; an approved one keeps its category and is edited at most once
//! per 24 hours and ten times per 30 days).

use shopchat_template_rules::{Button, Category, Draft, Header, MediaKind, Problem, check};
use wacloud::templates::{ButtonKind, ComponentKind, HeaderFormat, Template};

use super::rule_texts::RULES;
use super::texts::TEXTS;
use crate::i18n::{fill, lookup, owner_lang, say};
use crate::store::templates::StoredTemplate;

/// Every broken rule of `draft`, and `name_taken` when `taken` (that name and language exist).
/// An empty document handle is not a problem: the engine uploads its sample PDF then.
pub fn problems(draft: &Draft, taken: bool) -> Vec<Problem> {
    let mut out = check(&with_sample_handle(draft, "sample"));
    if taken {
        out.insert(
            0,
            Problem::new(
                "name",
                "name_taken",
                say(
                    TEXTS,
                    "templates.name_taken",
                    &[("name", &draft.name), ("language", &draft.language)],
                ),
            ),
        );
    }
    out
}

/// `draft` with `handle` for an empty document header's handle.
pub fn with_sample_handle(draft: &Draft, handle: &str) -> Draft {
    let mut d = draft.clone();
    if let Some(Header::Media {
        media: MediaKind::Document,
        handle: h,
    }) = &mut d.header
        && h.trim().is_empty()
    {
        *h = handle.to_owned();
    }
    d
}

/// Whether a document header still needs the sample uploaded.
pub fn needs_sample(draft: &Draft) -> bool {
    matches!(&draft.header, Some(Header::Media { media: MediaKind::Document, handle }) if handle.trim().is_empty())
}

/// The problems as one sentence each, for an error message, in the owner's language.
pub fn describe(problems: &[Problem]) -> String {
    let parts: Vec<String> = problems.iter().map(rule_text).collect();
    say(
        TEXTS,
        "templates.cannot_submit",
        &[("problems", &parts.join(" "))],
    )
}

/// One problem in the owner's words: its code's row (the form says the same beside the field),
/// else its field and the rules' own words.
fn rule_text(p: &Problem) -> String {
    let lang = owner_lang();
    let rule = |code: &str| lookup(RULES, lang, &format!("templates.rule.{code}"));
    let said = match p.code.as_str() {
        "name_taken" => Some(p.message.clone()),
        "example_missing" if p.field == "header.example" => {
            rule("example_missing_header").map(str::to_owned)
        }
        "example_missing" if p.field.starts_with("body.examples") => {
            // The rules name the parameter: `Give an example for {{name}}.`
            let param = p.message.find("{{").and_then(|at| {
                p.message[at..]
                    .find("}}")
                    .map(|end| &p.message[at..at + end + 2])
            });
            param.and_then(|param| {
                rule("example_missing_body").map(|t| fill(t, &[("param", param)]))
            })
        }
        "example_missing" if p.field.ends_with(".example") => {
            rule("example_missing_url").map(str::to_owned)
        }
        code => rule(code).map(str::to_owned),
    };
    said.unwrap_or_else(|| format!("{}: {}", p.field, p.message))
}

/// A synced template as an editable draft (a media header's handle left empty).
pub fn draft_of(stored: &StoredTemplate) -> Draft {
    let t: Option<Template> = serde_json::from_str(&stored.raw).ok();
    let category = stored
        .category
        .as_deref()
        .and_then(Category::parse)
        .unwrap_or(Category::Utility);
    let mut draft = Draft::new(&stored.name, &stored.language, category, "");
    let Some(t) = t else {
        return draft;
    };
    if let Some(h) = t.header() {
        let example = h.example.as_ref();
        draft.header = match h.format.as_ref() {
            Some(HeaderFormat::Image) => Some(media(MediaKind::Image)),
            Some(HeaderFormat::Video) => Some(media(MediaKind::Video)),
            Some(HeaderFormat::Document) => Some(media(MediaKind::Document)),
            Some(HeaderFormat::Text) | None => Some(Header::Text {
                text: h.text.clone().unwrap_or_default(),
                example: example.and_then(|e| {
                    e.header_text.first().cloned().or_else(|| {
                        e.header_text_named_params
                            .first()
                            .map(|p| p.example.clone())
                    })
                }),
            }),
            Some(_) => None,
        };
    }
    if category != Category::Authentication
        && let Some(b) = t.component(&ComponentKind::Body)
    {
        draft.body = b.text.clone().unwrap_or_default();
        draft.body_examples = b
            .example
            .as_ref()
            .map(|e| {
                e.body_text.first().cloned().unwrap_or_else(|| {
                    e.body_text_named_params
                        .iter()
                        .map(|p| p.example.clone())
                        .collect()
                })
            })
            .unwrap_or_default();
    }
    draft.footer = t.footer().and_then(|f| f.text.clone());
    draft.buttons = t.buttons().iter().filter_map(button).collect();
    draft
}

fn media(media: MediaKind) -> Header {
    Header::Media {
        media,
        handle: String::new(),
    }
}

fn button(b: &wacloud::templates::Button) -> Option<Button> {
    let text = || b.text.clone().unwrap_or_default();
    Some(match b.kind {
        ButtonKind::QuickReply => Button::QuickReply { text: text() },
        ButtonKind::Url => {
            let url = b.url.clone().unwrap_or_default();
            // Meta's example is the whole address; the draft keeps the suffix.
            let example = match url.find("{{") {
                Some(at) => b
                    .example
                    .first()
                    .map(|e| e.strip_prefix(&url[..at]).unwrap_or(e).to_owned()),
                None => None,
            };
            Button::Url {
                text: text(),
                url,
                example,
            }
        }
        ButtonKind::PhoneNumber => Button::Phone {
            text: text(),
            number: b.phone_number.clone().unwrap_or_default(),
        },
        ButtonKind::CopyCode | ButtonKind::Otp => Button::CopyCode {
            example: b
                .extra
                .get("example")
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .or_else(|| b.example.first().cloned())
                .unwrap_or_else(|| "123456".to_owned()),
        },
        _ => return None,
    })
}

/// The header handle Meta holds for `stored`, to keep when an edit leaves the media header's
/// handle empty.
pub fn stored_handle(stored: &StoredTemplate) -> Option<String> {
    let t: Template = serde_json::from_str(&stored.raw).ok()?;
    t.header()?.example.as_ref()?.header_handle.first().cloned()
}

/// Hours and counts of Meta's limits on edits of an approved template.
pub const EDITS_PER_DAY: usize = 1;
pub const EDITS_PER_30_DAYS: usize = 10;
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Why Meta would refuse this edit: `(code, message)`.
pub fn edit_refusal(
    stored: &StoredTemplate,
    draft: &Draft,
    edits_30_days: &[i64],
    now_ms: i64,
) -> Option<(&'static str, String)> {
    let status = stored.status.as_str();
    if !matches!(status, "APPROVED" | "REJECTED" | "PAUSED") {
        return Some((
            "template_not_editable",
            say(
                TEXTS,
                "templates.not_editable",
                &[
                    ("name", &stored.name),
                    ("language", &stored.language),
                    ("status", status),
                ],
            ),
        ));
    }
    if status != "APPROVED" {
        return None;
    }
    let category = stored.category.as_deref().and_then(Category::parse);
    if category.is_some_and(|c| c != draft.category) {
        return Some((
            "template_not_editable",
            say(TEXTS, "templates.category_locked", &[]),
        ));
    }
    let today = edits_30_days
        .iter()
        .filter(|at| **at > now_ms - DAY_MS)
        .count();
    if today >= EDITS_PER_DAY {
        return Some((
            "template_edit_limit",
            say(TEXTS, "templates.edit_daily", &[]),
        ));
    }
    if edits_30_days.len() >= EDITS_PER_30_DAYS {
        return Some((
            "template_edit_limit",
            say(TEXTS, "templates.edit_monthly", &[]),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(status: &str) -> StoredTemplate {
        StoredTemplate {
            name: "order_ready".into(),
            language: "en".into(),
            id: "1".into(),
            status: status.into(),
            category: Some("UTILITY".into()),
            raw: serde_json::json!({
                "id": "1", "name": "order_ready", "language": "en", "status": status,
                "category": "UTILITY",
                "components": [
                    {"type": "HEADER", "format": "DOCUMENT", "example": {"header_handle": ["4::h"]}},
                    {"type": "BODY", "text": "Hi {{1}}, order {{2}} is ready.",
                     "example": {"body_text": [["Ana", "1042"]]}},
                    {"type": "FOOTER", "text": "Shop"},
                    {"type": "BUTTONS", "buttons": [
                        {"type": "URL", "text": "Track", "url": "https://s.example/t/{{1}}",
                         "example": ["https://s.example/t/1042"]},
                        {"type": "QUICK_REPLY", "text": "Thanks"}]}
                ]
            })
            .to_string(),
            ..StoredTemplate::default()
        }
    }

    #[test]
    fn a_synced_template_becomes_a_draft_that_passes_once_it_has_a_sample() {
        let s = stored("APPROVED");
        let d = draft_of(&s);
        assert_eq!(d.body, "Hi {{1}}, order {{2}} is ready.");
        assert_eq!(d.body_examples, vec!["Ana", "1042"]);
        assert_eq!(d.footer.as_deref(), Some("Shop"));
        assert_eq!(
            d.buttons[0],
            Button::Url {
                text: "Track".into(),
                url: "https://s.example/t/{{1}}".into(),
                example: Some("1042".into())
            }
        );
        assert!(needs_sample(&d));
        assert!(problems(&d, false).is_empty(), "{:?}", problems(&d, false));
        assert_eq!(problems(&d, true)[0].code, "name_taken");
        assert_eq!(stored_handle(&s).as_deref(), Some("4::h"));
    }

    #[test]
    fn meta_s_edit_limits_are_refused_before_asking() {
        let now = 100 * DAY_MS;
        let d = draft_of(&stored("APPROVED"));
        assert_eq!(edit_refusal(&stored("APPROVED"), &d, &[], now), None);
        assert_eq!(
            edit_refusal(&stored("PENDING"), &d, &[], now).unwrap().0,
            "template_not_editable"
        );
        let mut other = d.clone();
        other.category = Category::Marketing;
        assert_eq!(
            edit_refusal(&stored("APPROVED"), &other, &[], now)
                .unwrap()
                .0,
            "template_not_editable"
        );
        assert_eq!(edit_refusal(&stored("REJECTED"), &other, &[], now), None);
        let an_hour_ago = [now - 3_600_000];
        assert_eq!(
            edit_refusal(&stored("APPROVED"), &d, &an_hour_ago, now)
                .unwrap()
                .0,
            "template_edit_limit"
        );
        let ten: Vec<i64> = (2..12).map(|d| now - d * DAY_MS).collect();
        assert_eq!(
            edit_refusal(&stored("APPROVED"), &d, &ten, now).unwrap().0,
            "template_edit_limit"
        );
        assert_eq!(edit_refusal(&stored("PAUSED"), &d, &ten, now), None);
    }

    #[test]
    fn problems_and_refusals_are_said_in_the_owners_language() {
        use crate::i18n::{Lang, with_lang};
        let mut d = draft_of(&stored("APPROVED"));
        d.body = String::new();
        d.body_examples.clear();
        let es = with_lang(Lang::Es, || describe(&problems(&d, true)));
        assert!(
            es.starts_with(
                "La plantilla no se puede enviar a revisión: Ya existe una plantilla “order_ready” en en: elige otro nombre u otro idioma."
            ),
            "{es}"
        );
        assert!(es.contains("Escribe el mensaje."), "{es}");
        let en = describe(&problems(&d, true));
        assert!(en.contains("exists already"), "{en}");
        assert!(en.contains("Write the message."), "{en}");
        let mut d = draft_of(&stored("APPROVED"));
        d.body_examples = vec!["Ana".into()];
        let es = with_lang(Lang::Es, || describe(&problems(&d, false)));
        assert!(es.contains("Da un ejemplo para {{2}}."), "{es}");
        let pending = edit_refusal(&stored("PENDING"), &d, &[], 0).unwrap().1;
        assert!(pending.starts_with("Only an approved"), "{pending}");
        let (_, es) = with_lang(Lang::Es, || {
            edit_refusal(&stored("PENDING"), &d, &[], 0).unwrap()
        });
        assert_eq!(
            es,
            "Solo se puede editar una plantilla aprobada, rechazada o en pausa; “order_ready” (en) está en estado PENDING."
        );
    }
}
