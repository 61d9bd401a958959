//! The desktop notification when Meta decides on a template: approved, or rejected with why.

use crate::i18n::{Catalogue, Lang, fill, lookup};
use crate::views::TemplateView;

const TEXTS: &Catalogue = &[
    ("approved.title", "Template approved", "Plantilla aprobada"),
    (
        "approved.body",
        "{name} ({language}) can be sent now.",
        "{name} ({language}) ya se puede enviar.",
    ),
    ("rejected.title", "Template rejected", "Plantilla rechazada"),
    (
        "rejected.body",
        "{name} ({language}) was rejected: {reason}",
        "{name} ({language}) fue rechazada: {reason}",
    ),
    (
        "no_reason",
        "Meta gave no reason.",
        "Meta no dio el motivo.",
    ),
];

/// `(title, body)` when `template` has just become approved or rejected (its status before was
/// another), else `None`.
pub fn review_notice(
    template: &TemplateView,
    previous_status: Option<&str>,
    lang: Lang,
) -> Option<(String, String)> {
    let status = template.status.as_str();
    if previous_status.is_none_or(|p| p == status) {
        return None;
    }
    let key = match status {
        "APPROVED" => "approved",
        "REJECTED" => "rejected",
        _ => return None,
    };
    let text = |k: &str| lookup(TEXTS, lang, k).unwrap_or_default();
    let reason = template
        .rejected_reason
        .clone()
        .unwrap_or_else(|| text("no_reason").to_owned());
    let body = fill(
        text(&format!("{key}.body")),
        &[
            ("name", &template.name),
            ("language", &template.language),
            ("reason", &reason),
        ],
    );
    Some((text(&format!("{key}.title")).to_owned(), body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(status: &str, reason: Option<&str>) -> TemplateView {
        TemplateView {
            id: Some("1".into()),
            name: "order_ready".into(),
            language: "es".into(),
            status: status.into(),
            category: None,
            header_format: None,
            header_text: None,
            body: None,
            footer: None,
            buttons: vec![],
            parameters: vec![],
            fields: vec![],
            unsendable: None,
            rejected_reason: reason.map(str::to_owned),
            quality: None,
            updated_at: None,
        }
    }

    #[test]
    fn approved_and_rejected_are_told_once_in_either_language() {
        crate::i18n::check(TEXTS);
        let (title, body) =
            review_notice(&template("APPROVED", None), Some("PENDING"), Lang::En).unwrap();
        assert_eq!(title, "Template approved");
        assert_eq!(body, "order_ready (es) can be sent now.");
        let (title, body) = review_notice(
            &template("REJECTED", Some("INVALID_FORMAT")),
            Some("PENDING"),
            Lang::Es,
        )
        .unwrap();
        assert_eq!(title, "Plantilla rechazada");
        assert_eq!(body, "order_ready (es) fue rechazada: INVALID_FORMAT");
        // A quality change of an approved template, or one seen for the first time: nothing.
        assert_eq!(
            review_notice(&template("APPROVED", None), Some("APPROVED"), Lang::En),
            None
        );
        assert_eq!(
            review_notice(&template("APPROVED", None), None, Lang::En),
            None
        );
        assert_eq!(
            review_notice(&template("PAUSED", None), Some("APPROVED"), Lang::En),
            None
        );
    }
}
