//! Text from customers (names, notes) and owners is shown as it is, never as markup: control
//! characters and bidirectional overrides are dropped (they could reorder what a reader sees),
//! line breaks kept where a field may have several lines.

/// `text` without control characters (but `\n` when `multiline`) and bidirectional controls.
pub fn text(text: &str, multiline: bool) -> String {
    text.chars()
        .filter(|c| {
            let bidi = matches!(
                *c,
                '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}'
            );
            !bidi && (!c.is_control() || (multiline && *c == '\n'))
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A safe file name for a document number: letters, digits, `-` and `_` only.
pub fn file_stem(number: &str) -> String {
    let stem: String = number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "document".to_owned()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn controls_and_bidi_overrides_are_dropped() {
        assert_eq!(
            super::text("Ana\u{202E}gpj.exe\u{0007}", false),
            "Anagpj.exe"
        );
        assert_eq!(super::text(" line 1\nline 2\r\n", true), "line 1\nline 2");
        assert_eq!(super::text("a\nb", false), "ab");
        assert_eq!(super::file_stem("INV-2026-0001"), "INV-2026-0001");
        assert_eq!(super::file_stem("../x/y"), "___x_y");
    }
}
