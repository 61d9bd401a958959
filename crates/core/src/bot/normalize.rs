//! Text as the bot compares it: lowercase, accents folded, punctuation dropped, runs of
//! whitespace collapsed. `¡Hola!`, `HOLA` and `hola.` all read `hola`; `Sí` reads `si`.

/// `text` folded for matching: lowercase ASCII where a Latin letter has an accent, no
/// punctuation or symbols (emoji are kept: the classifier reads them), single spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_alphanumeric() || is_kept_symbol(c) {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            // Whitespace and punctuation both separate words.
            pending_space = true;
        }
    }
    out
}

/// Emoji and pictographs stay: 👍 and 👎 say something.
fn is_kept_symbol(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
}

/// The accented Latin letters of English and Spanish text, folded to their base letter.
fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn case_accents_and_punctuation_are_ignored() {
        assert_eq!(normalize("¡Hola!"), "hola");
        assert_eq!(normalize("  HOLA.  "), "hola");
        assert_eq!(normalize("Sí"), "si");
        assert_eq!(normalize("DESVINCULAR"), "desvincular");
        assert_eq!(normalize("link   7k3m-9qrt"), "link 7k3m 9qrt");
        assert_eq!(normalize("¿Cuánto cuesta?"), "cuanto cuesta");
        assert_eq!(normalize("Me interesa 👍"), "me interesa 👍");
        assert_eq!(normalize("..."), "");
    }
}
