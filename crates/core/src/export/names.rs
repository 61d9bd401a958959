//! Names and cells that cannot fool whoever opens an export.

/// Whether `c` is a control or an invisible formatting character (bidirectional overrides and
/// isolates, marks, zero-width characters, controls): the one list in [`crate::inert`].
pub use crate::inert::is_disguise as is_hidden;

/// A file's name without hidden characters, as people should read it.
pub fn visible(name: &str) -> String {
    let cleaned: String = name.chars().filter(|c| !is_hidden(*c)).collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// A name for an entry of the zip: the visible name reduced to letters, digits, `.`, `-` and
/// `_`, so a link to it needs no escaping and no OS reads it differently. `id` keeps it unique.
pub fn entry(id: i64, name: &str) -> String {
    let visible = visible(name);
    let safe: String = visible
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    let safe: String = safe
        .chars()
        .rev()
        .take(80)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("files/{id}-{safe}")
}

/// A cell a spreadsheet must show as text: one starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return would be read as a formula, so it gains a leading `'` (OWASP's advice).
pub fn cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reversed_extension_is_shown_as_it_really_is() {
        // Shown as "Invoicefdp.desktop"... and it is a .desktop file: the override is gone.
        assert_eq!(visible("Invoice\u{202E}fdp.desktop"), "Invoicefdp.desktop");
        assert_eq!(visible("a\u{200B}b\u{2066}c\u{0007}"), "abc");
        assert_eq!(visible("\u{202E}"), "file");
    }

    #[test]
    fn zip_entries_are_plain_and_keep_the_extension() {
        assert_eq!(
            entry(7, "Factura 12 (copia).pdf"),
            "files/7-Factura_12__copia_.pdf"
        );
        assert_eq!(entry(8, "../../.bashrc"), "files/8-_.._.bashrc");
        assert_eq!(
            entry(9, "Invoice\u{202E}fdp.desktop"),
            "files/9-Invoicefdp.desktop"
        );
        let long = format!("{}.pdf", "x".repeat(300));
        assert!(entry(1, &long).ends_with("xx.pdf") && entry(1, &long).len() < 100);
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+1 555"), "'+1 555");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Hello"), "Hello");
        assert_eq!(cell(""), "");
    }
}
