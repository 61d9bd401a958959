//! A reply as the rules read it: lowercase, accents removed (Unicode decomposition, then the
//! combining marks dropped), letters repeated for emphasis squeezed ("siiii" → "si", "nooo" →
//! "no"), words split on anything that is not a letter or digit; question marks and emoji kept
//! as signals.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What the rules look at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The words, folded.
    pub words: Vec<String>,
    /// A `?` or `¿` anywhere.
    pub asks: bool,
    /// The emoji and pictographs, in order.
    pub emoji: Vec<char>,
}

impl Normalized {
    /// The words joined by single spaces, with a space at each end (for whole-word matching).
    pub fn padded(&self) -> String {
        format!(" {} ", self.words.join(" "))
    }
}

pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized::default();
    let mut word = String::new();
    let folded: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
    for c in folded.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        // "don't", "I’m": one word.
        if (c == '\'' || c == '’') && !word.is_empty() {
            continue;
        }
        push_word(&mut out.words, &mut word);
        match c {
            '?' | '¿' => out.asks = true,
            c if is_pictograph(c) => out.emoji.push(c),
            _ => {}
        }
    }
    push_word(&mut out.words, &mut word);
    out
}

fn push_word(words: &mut Vec<String>, word: &mut String) {
    if !word.is_empty() {
        words.push(squeeze(word));
        word.clear();
    }
}

/// Three or more of the same letter become one ("siiii" → "si"); two stay ("good", "llamar").
fn squeeze(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j] == chars[i] {
            j += 1;
        }
        let run = j - i;
        let keep = if run >= 3 { 1 } else { run };
        out.extend(std::iter::repeat_n(chars[i], keep));
        i = j;
    }
    out
}

fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0x2B50)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_emphasis_and_signals() {
        let n = normalize("¿Cuánto CUESTA?? Siiii 👍");
        assert_eq!(n.words, ["cuanto", "cuesta", "si"]);
        assert!(n.asks);
        assert_eq!(n.emoji, ['👍']);
        assert_eq!(normalize("Nooo, gracias").words, ["no", "gracias"]);
        assert_eq!(normalize("good, llamar").words, ["good", "llamar"]);
        assert_eq!(normalize("Don't, I’m").words, ["dont", "im"]);
    }
}
