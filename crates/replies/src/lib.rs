//! A customer's reply to a shop, classed `interested`, `not_interested`, `question` or
//! `unknown`, locally and at once (it runs in the transaction that stores the message): English
//! and Spanish phrases with negation ("no me interesa" is not "me interesa"), emoji, and the
//! payloads of the shop's own buttons. Rules, not a model: every verdict names the rule and the
//! phrase that made it, so the app can explain a tag. The rules and their order are in
//! [`rules`]; their measured precision and recall are in this crate's README.
//!
//! ```
//! use shopchat_replies::{classify, Class, Input, Lang, Rule};
//! let v = classify(Input::Text("No me interesa, gracias"));
//! assert_eq!((v.class, v.rule, v.cue), (Class::NotInterested, Rule::Refusal, Some("no me interesa")));
//! assert_eq!(v.lang, Some(Lang::Es));
//! assert_eq!(classify(Input::Text("Sí, me interesa")).class, Class::Interested);
//! assert_eq!(classify(Input::Text("¿Cuánto vale?")).class, Class::Question);
//! let tap = classify(Input::Button { payload: "PROMO_12_STOP", text: "Stop promotions" });
//! assert_eq!((tap.class, tap.rule), (Class::NotInterested, Rule::ButtonPayload));
//! ```

mod lexicon;
mod normalize;
mod payload;
pub mod rules;

pub use normalize::{Normalized, normalize};

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

    /// The name stored and shown: `interested`, `not_interested`, `question`, `unknown`.
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

/// The language a reply is written in, as far as its words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Es,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }
}

/// Which rule decided; see [`rules`] for their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A conventional button payload (`INTERESTED`, `STOP`, `..._YES`).
    ButtonPayload,
    /// A conventional list row id.
    ListRowId,
    OptOut,
    Refusal,
    /// An interest under a negation (`not really interested`, `no lo quiero`).
    NegatedInterest,
    Interest,
    Question,
    /// Praise as a clause of its own (`perfect`, `genial`).
    Praise,
    Hesitation,
    Acknowledgement,
    /// Emoji, the words having said nothing.
    Emoji,
    /// Nothing known: `unknown`.
    Nothing,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::ButtonPayload => "button_payload",
            Rule::ListRowId => "list_row_id",
            Rule::OptOut => "opt_out",
            Rule::Refusal => "refusal",
            Rule::NegatedInterest => "negated_interest",
            Rule::Interest => "interest",
            Rule::Question => "question",
            Rule::Praise => "praise",
            Rule::Hesitation => "hesitation",
            Rule::Acknowledgement => "acknowledgement",
            Rule::Emoji => "emoji",
            Rule::Nothing => "nothing",
        }
    }
}

/// A reply: a text, a tapped button (its payload and label), or a chosen list row.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Text(&'a str),
    Button { payload: &'a str, text: &'a str },
    ListReply { id: &'a str, title: &'a str },
}

/// The class, and why: the rule, and the phrase, emoji or payload that triggered it (as the
/// lexicon writes it), so the app can say "not interested: «no me interesa»".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Verdict {
    pub class: Class,
    pub rule: Rule,
    /// The reply's language; `None` when its words do not tell (`ok`, emoji).
    pub lang: Option<Lang>,
    pub cue: Option<&'static str>,
}

impl Verdict {
    pub(crate) fn new(
        class: Class,
        rule: Rule,
        lang: Option<Lang>,
        cue: Option<&'static str>,
    ) -> Self {
        Self {
            class,
            rule,
            lang,
            cue,
        }
    }
}

/// Classes a reply. A button or list answer whose payload or id is conventional is classed by
/// it; any other by its label, like a text.
pub fn classify(input: Input<'_>) -> Verdict {
    let (payload, text, rule) = match input {
        Input::Text(text) => return classify_text(text),
        Input::Button { payload, text } => (payload, text, Rule::ButtonPayload),
        Input::ListReply { id, title } => (id, title, Rule::ListRowId),
    };
    let by_text = classify_text(text);
    match payload::class(payload) {
        Some((class, cue)) => Verdict::new(class, rule, by_text.lang, Some(cue)),
        None => by_text,
    }
}

fn classify_text(text: &str) -> Verdict {
    let n = normalize(text);
    let (words, lang) = rules::classify_words(&n);
    if let Some(v) = words {
        return v;
    }
    let by_emoji = [
        (Class::NotInterested, EMOJI_REFUSAL),
        (Class::Interested, EMOJI_INTEREST),
        (Class::Question, EMOJI_QUESTION),
    ];
    for (class, set) in by_emoji {
        if let Some(cue) = set
            .iter()
            .find(|s| n.emoji.iter().any(|e| s.starts_with(*e)))
        {
            return Verdict::new(class, Rule::Emoji, lang, Some(cue));
        }
    }
    Verdict::new(Class::Unknown, Rule::Nothing, lang, None)
}

/// Emoji that say something on their own (a reply of several: refusal first).
const EMOJI_INTEREST: &[&str] = &[
    "👍", "❤", "😍", "🙌", "👌", "🔥", "💯", "🥰", "😻", "🤩", "✅",
];
const EMOJI_REFUSAL: &[&str] = &["👎", "❌", "🙅", "🚫"];
const EMOJI_QUESTION: &[&str] = &["🤔", "❓", "❔"];

#[cfg(test)]
mod tests;
