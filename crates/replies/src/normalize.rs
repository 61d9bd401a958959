//! A reply as the rules read it. Each word is folded to a key: lowercase, accents removed
//! (Unicode decomposition, then the combining marks dropped, so `ñ` is `n`), apostrophes dropped
//! (`don't` → `dont`) and every run of a repeated letter squeezed to one (`siiii`, `sii` → `si`,
//! `nooo` → `no`, `yesss` → `yes`; also `good` → `god`, `llamar` → `lamar`: the lexicon is folded
//! the same way, so only the keys change). The reply is cut into clauses at punctuation and emoji
//! (`no, el azul` is two clauses, `no me interesa` one); a clause with a `?` after it or a `¿`
//! before it asks. Emoji are kept in order, and so is whether the text had Spanish marks.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What the rules look at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The folded words.
    pub words: Vec<String>,
    /// The clause of each word (0, 1, ...).
    pub clause: Vec<usize>,
    /// Whether each clause asks (a `?` after it or a `¿` before it).
    pub asking: Vec<bool>,
    /// A `?` or `¿` anywhere, even with no word ("?").
    pub asks: bool,
    /// The emoji and pictographs, in order.
    pub emoji: Vec<char>,
    /// `ñ`, `¿`, `¡` or an accented vowel in the original text.
    pub spanish_marks: bool,
}

impl Normalized {
    /// Whether the clause of word `i` asks.
    pub fn asked(&self, i: usize) -> bool {
        self.asking[self.clause[i]]
    }
}

pub fn normalize(text: &str) -> Normalized {
    let mut n = Normalized::default();
    let mut word = String::new();
    // A clause break has been seen since the last word; a `¿` opens the next clause asking.
    let (mut broke, mut ask_next) = (false, false);
    for c in text.nfd().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            n.spanish_marks |= c == '\u{301}' || c == '\u{303}';
            continue;
        }
        if c.is_alphanumeric() {
            if word.is_empty() {
                if broke && !n.words.is_empty() {
                    n.asking.push(false);
                }
                if n.asking.is_empty() {
                    n.asking.push(false);
                }
                if std::mem::take(&mut ask_next) {
                    *n.asking.last_mut().expect("a clause") = true;
                }
                broke = false;
            }
            if !word.ends_with(c) {
                word.push(c);
            }
            continue;
        }
        if (c == '\'' || c == '’') && !word.is_empty() {
            continue;
        }
        push_word(&mut n, &mut word);
        match c {
            '?' => {
                n.asks = true;
                if let Some(last) = n.asking.last_mut().filter(|_| !broke) {
                    *last = true;
                }
                broke = true;
            }
            '¿' => {
                (n.asks, n.spanish_marks, ask_next, broke) = (true, true, true, true);
            }
            '¡' => (n.spanish_marks, broke) = (true, true),
            ',' | '.' | ';' | ':' | '!' | '\n' | '…' | '(' | ')' => broke = true,
            c if is_pictograph(c) => {
                n.emoji.push(c);
                broke = true;
            }
            _ => {}
        }
    }
    push_word(&mut n, &mut word);
    n
}

fn push_word(n: &mut Normalized, word: &mut String) {
    if !word.is_empty() {
        n.clause.push(n.asking.len() - 1);
        n.words.push(std::mem::take(word));
    }
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
        assert_eq!(n.clause, [0, 0, 1]);
        assert_eq!(n.asking, [true, false]);
        assert!(n.asks && n.spanish_marks);
        assert_eq!(n.emoji, ['👍']);
        assert_eq!(normalize("Nooo, gracias").words, ["no", "gracias"]);
        assert_eq!(normalize("sii yesss good").words, ["si", "yes", "god"]);
        assert_eq!(normalize("Don't, I’m").words, ["dont", "im"]);
        assert_eq!(normalize("mañana").words, ["manana"]);
    }

    #[test]
    fn clauses_and_questions() {
        let n = normalize("no, ¿tienen en rojo? ok");
        assert_eq!(n.clause, [0, 1, 1, 1, 2]);
        assert_eq!(n.asking, [false, true, false]);
        let n = normalize("yes! when can I pick it up?");
        assert_eq!(n.asking, [false, true]);
        assert!(!normalize("yes please").spanish_marks);
        let n = normalize("?");
        assert!(n.asks && n.words.is_empty());
    }
}
