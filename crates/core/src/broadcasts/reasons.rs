//! Reasons stored with a broadcast (why it is paused) or a recipient (why it failed or was
//! skipped). They are stored in English — the report's CSV keeps them so, the CLI prints them,
//! the app knows a few by their English words — and said in the owner's language when a
//! broadcast or its report is read. A reason this code did not write (Meta's own words) is
//! shown as it is.

use super::texts::TEXTS;
use crate::i18n::{Lang, fill, lookup, owner_lang};

/// The reasons stored as a catalogue row's English, without placeholders.
const FIXED: &[&str] = &[
    "broadcasts.reason.131049",
    "broadcasts.reason.131026",
    "broadcasts.reason.131050",
    "broadcasts.reason.131047",
    "broadcasts.reason.132015",
    "broadcasts.reason.132016",
    "broadcasts.reason.uncertain",
    "broadcasts.reason.held",
    "broadcasts.reason.meta_paused",
    "broadcasts.reason.failed",
    "broadcasts.reason.skipped",
];

const NO_LONGER_APPROVED: &str = "broadcasts.reason.no_longer_approved";

/// The stored (English) form of the reason `key`, its placeholders filled from `values`.
pub(crate) fn stored(key: &str, values: &[(&str, &str)]) -> String {
    fill(lookup(TEXTS, Lang::En, key).unwrap_or(key), values)
}

/// A stored reason in the owner's language.
pub(crate) fn said(stored: &str) -> String {
    let lang = owner_lang();
    if lang == Lang::En {
        return stored.to_owned();
    }
    let text = |key: &str| lookup(TEXTS, lang, key).unwrap_or(stored);
    if let Some(key) = FIXED
        .iter()
        .find(|k| lookup(TEXTS, Lang::En, k) == Some(stored))
    {
        return text(key).to_owned();
    }
    if let Some((name, language)) = template_no_longer_approved(stored) {
        return fill(
            text(NO_LONGER_APPROVED),
            &[("name", name), ("language", language)],
        );
    }
    stored.to_owned()
}

/// The template and language of a stored "no longer approved" reason.
fn template_no_longer_approved(stored: &str) -> Option<(&str, &str)> {
    let english = lookup(TEXTS, Lang::En, NO_LONGER_APPROVED)?;
    let (before, rest) = english.split_once("{name}")?;
    let (between, after) = rest.split_once("{language}")?;
    let inner = stored.strip_prefix(before)?.strip_suffix(after)?;
    inner.rsplit_once(between)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::with_lang;

    #[test]
    fn stored_reasons_are_english_and_said_in_the_owners_language() {
        let gone = stored(
            NO_LONGER_APPROVED,
            &[("name", "spring_sale"), ("language", "es_MX")],
        );
        assert_eq!(
            gone,
            "the template \"spring_sale\" (es_MX) is no longer approved"
        );
        let failed = stored("broadcasts.reason.131026", &[]);
        assert_eq!(said(&gone), gone, "English stays as stored");
        with_lang(Lang::Es, || {
            assert_eq!(
                said(&gone),
                "la plantilla “spring_sale” (es_MX) ya no está aprobada"
            );
            assert_eq!(
                said(&failed),
                "no está en WhatsApp o no puede recibir este mensaje (131026)"
            );
            // Meta's own words, and the reasons the app says itself, are left as they are.
            assert_eq!(said("Rate limit hit (130429)"), "Rate limit hit (130429)");
            assert_eq!(said("opted out"), "opted out");
        });
    }
}
