//! A customer's reply to a shop, classed `interested`, `not_interested`, `question` or
//! `unknown`, locally and at once (it runs in the transaction that stores the message): English
//! and Spanish phrases with negation ("no me interesa" is not "me interesa"), emoji, and the
//! payloads of the shop's own buttons. Rules, not a model: every verdict names the rule that
//! made it, so the app can explain a tag. The rules and their order are in [`rules`]; their
//! measured precision and recall are in this crate's README.
//!
//! ```
//! use shopchat_replies::{classify, Class, Input};
//! assert_eq!(classify(Input::Text("No me interesa, gracias")).class, Class::NotInterested);
//! assert_eq!(classify(Input::Text("Sí, me interesa")).class, Class::Interested);
//! assert_eq!(classify(Input::Text("¿Cuánto cuesta?")).class, Class::Question);
//! ```

mod normalize;
mod rules;

pub use normalize::{Normalized, normalize};
use rules::Fixed;

/// What a reply says about the customer's intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Interested,
    NotInterested,
    Question,
    Unknown,
}

impl Class {
    pub const ALL: [Class; 4] = [
        Class::Interested,
        Class::NotInterested,
        Class::Question,
        Class::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::Interested => "interested",
            Class::NotInterested => "not_interested",
            Class::Question => "question",
            Class::Unknown => "unknown",
        }
    }

    pub fn parse(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A reply: a text, a tapped button (its payload and label), or a chosen list row.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Text(&'a str),
    Button { payload: &'a str, text: &'a str },
    ListReply { id: &'a str, title: &'a str },
}

/// The class and the rule that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub class: Class,
    /// `button payload`, `refusal`, `negated interest`, `interest`, `question`, `emoji`,
    /// `hesitation`, `nothing`...
    pub rule: &'static str,
}

const fn says(class: Class, rule: &'static str) -> Verdict {
    Verdict { class, rule }
}

/// Classes a reply.
pub fn classify(input: Input<'_>) -> Verdict {
    match input {
        Input::Text(text) => classify_text(text),
        Input::Button { payload, text } => match payload_class(payload) {
            Some(class) => says(class, "button payload"),
            None => classify_text(text),
        },
        Input::ListReply { id, title } => match payload_class(id) {
            Some(class) => says(class, "list row id"),
            None => classify_text(title),
        },
    }
}

/// Conventional payloads of a shop's buttons (`INTERESTED`, `YES`, `STOP`...).
fn payload_class(payload: &str) -> Option<Class> {
    let p: String = normalize(payload).words.join("_");
    match p.as_str() {
        "interested" | "yes" | "si" | "me_interesa" | "buy" | "order" | "book" => {
            Some(Class::Interested)
        }
        "not_interested" | "no" | "stop" | "unsubscribe" | "baja" | "no_me_interesa"
        | "opt_out" => Some(Class::NotInterested),
        "question" | "more_info" | "info" | "mas_info" => Some(Class::Question),
        _ => None,
    }
}

/// The phrases of a list split into words once.
struct Phrases(Vec<Vec<&'static str>>);

impl Phrases {
    fn of(list: &[&'static str]) -> Self {
        Self(list.iter().map(|p| p.split(' ').collect()).collect())
    }

    /// Whether any phrase occurs as whole words in `words`.
    fn anywhere(&self, words: &[&str]) -> bool {
        self.0.iter().any(|p| position(words, p, 0).is_some())
    }

    /// Whether any phrase opens `words`.
    fn opens(&self, words: &[&str]) -> bool {
        self.0.iter().any(|p| words.starts_with(p))
    }

    /// Whether a phrase starts at word `i`.
    fn at(&self, words: &[&str], i: usize) -> bool {
        self.0.iter().any(|p| words[i..].starts_with(p))
    }
}

/// Where `phrase` occurs in `words` at or after `from`.
fn position(words: &[&str], phrase: &[&str], from: usize) -> Option<usize> {
    (from..words.len()).find(|&i| words[i..].starts_with(phrase))
}

struct Lexicon {
    fixed: Vec<(Vec<&'static str>, Fixed)>,
    refusal_openers: Phrases,
    refusals: Phrases,
    interest: Phrases,
    hesitant: Phrases,
    question_openers: Phrases,
}

static LEXICON: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(|| Lexicon {
    fixed: rules::FIXED
        .iter()
        .map(|(p, f)| (p.split(' ').collect(), *f))
        .collect(),
    refusal_openers: Phrases::of(rules::REFUSAL_OPENERS),
    refusals: Phrases::of(rules::REFUSALS),
    interest: Phrases::of(rules::INTEREST),
    hesitant: Phrases::of(rules::HESITANT),
    question_openers: Phrases::of(rules::QUESTION_OPENERS),
});

fn classify_text(text: &str) -> Verdict {
    let n = normalize(text);
    if n.words.is_empty() {
        return emoji_only(&n);
    }
    let lex = &*LEXICON;
    // 1. Fixed expressions, set aside.
    let mut words: Vec<&str> = n.words.iter().map(String::as_str).collect();
    let (mut fixed_yes, mut hesitant) = (false, false);
    for (phrase, meaning) in &lex.fixed {
        while let Some(i) = position(&words, phrase, 0) {
            words.drain(i..i + phrase.len());
            match meaning {
                Fixed::Yes => fixed_yes = true,
                Fixed::Hesitant => hesitant = true,
                Fixed::Neutral => {}
            }
        }
    }
    // 2. A refusal.
    if lex.refusal_openers.opens(&words) || lex.refusals.anywhere(&words) {
        return says(Class::NotInterested, "refusal");
    }
    let mut interest = false;
    for i in 0..words.len() {
        if lex.interest.at(&words, i) {
            if words[i.saturating_sub(3)..i]
                .iter()
                .any(|w| rules::NEGATIONS.contains(w))
            {
                return says(Class::NotInterested, "negated interest");
            }
            interest = true;
        }
    }
    // 3. Interest.
    if fixed_yes || interest {
        return says(Class::Interested, "interest");
    }
    // 4. A question.
    if n.asks || lex.question_openers.opens(&words) {
        return says(Class::Question, "question");
    }
    if hesitant || lex.hesitant.anywhere(&words) {
        return says(Class::Unknown, "hesitation");
    }
    says(Class::Unknown, "nothing")
}

/// A reply of emoji (or punctuation) only.
fn emoji_only(n: &Normalized) -> Verdict {
    let any = |set: &[char]| n.emoji.iter().any(|e| set.contains(e));
    if any(rules::EMOJI_REFUSAL) {
        says(Class::NotInterested, "emoji")
    } else if any(rules::EMOJI_INTEREST) {
        says(Class::Interested, "emoji")
    } else if any(rules::EMOJI_QUESTION) || n.asks {
        says(Class::Question, "emoji")
    } else {
        says(Class::Unknown, "nothing")
    }
}

#[cfg(test)]
mod tests;
