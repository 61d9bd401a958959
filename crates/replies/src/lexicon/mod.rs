//! The phrases the rules know, per language, each with its [`Kind`]. Phrases are written as
//! people type them and folded like a reply (see [`crate::normalize`]) when the index is built.
//! A reply is matched longest phrase first, wherever it is within a clause, so `no me interesa` is read before
//! `me interesa`, `stop by` before `stop`, `ya no me escriban` as `no me escriban`.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::Lang;

mod en;
mod es;

/// What a phrase says. The rules in [`crate::rules`] weigh them in their order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Thanks, greetings, `ok`, and false friends such as `no problem`: no intent. Also skipped
    /// when looking for the start of a clause (`ok, ¿cuánto cuesta?`, `hola, me interesa`).
    Ack,
    /// Maybe, not sure, let me think: no intent yet; hedges an interest after it in its clause.
    Hesitant,
    /// A request for information (`more info`, `quiero saber`, `I want to know`).
    Asks,
    /// An opt-out (`stop`, `unsubscribe`, `baja`): not interested, whatever else is said.
    OptOut,
    /// An opt-out word that is something else inside a clause (`baja`: "lowers"), counted at
    /// the start of a clause.
    OptOutWord,
    /// A refusal anywhere (`no thanks`, `not interested`, `no me interesa`).
    Refusal,
    /// A refusal unless its clause asks (`cancel`, `too expensive`, `not now`, `ya tengo`):
    /// `can I cancel later?` is a question.
    WeakRefusal,
    /// `no`, `nope`, `nah`, `nel` opening the reply.
    Opener,
    /// Interest anywhere, unless negated in the three words before it (`me interesa`, `I want`).
    Interest,
    /// A yes, counted at the start of a clause only (`sí`, `claro`, `va`, `vale` are also
    /// `if`, `light`, `goes`, `costs` inside one).
    Yes,
    /// Praise that is interest only as a clause of its own (`perfect`, `genial`, `super`):
    /// `super caro` is not.
    Alone,
    /// Coming by (`I'll stop by`, `paso mañana`): interest, unless its clause asks.
    Visit,
    /// Opens a question at the start of a clause (`how`, `do you`, `cuánto`, `tienen`).
    Question,
    /// Turns an interest after it around.
    Negation,
    /// `but`, `pero`: between a refusal and an interest, the later one wins.
    Contrast,
}

/// A phrase as the index keeps it.
pub(crate) struct Phrase {
    pub words: Vec<String>,
    pub kind: Kind,
    /// The language it belongs to, `None` for both (`no`, `ok`, `info`).
    pub lang: Option<Lang>,
    /// As written in the lexicon, for [`crate::Verdict::cue`].
    pub text: &'static str,
}

/// Phrases by their first folded word, longest first.
pub(crate) struct Index(HashMap<String, Vec<Phrase>>);

/// Words and phrases common to both languages.
const BOTH: &[(&str, Kind)] = &[
    ("ok", Kind::Ack),
    ("okay", Kind::Ack),
    ("okey", Kind::Ack),
    ("oki", Kind::Ack),
    ("k", Kind::Ack),
    ("kk", Kind::Ack),
    ("hmm", Kind::Ack),
    ("mmm", Kind::Ack),
    ("mm", Kind::Ack),
    ("ah", Kind::Ack),
    ("oh", Kind::Ack),
    ("lol", Kind::Ack),
    ("jaja", Kind::Ack),
    ("jajaja", Kind::Ack),
    ("haha", Kind::Ack),
    ("hahaha", Kind::Ack),
    ("info", Kind::Asks),
    ("no", Kind::Opener),
    ("nop", Kind::Opener),
    ("super", Kind::Alone),
    ("spam", Kind::OptOut),
];

pub(crate) static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<Phrase>> = HashMap::new();
    let all = [
        (BOTH, None),
        (en::PHRASES, Some(Lang::En)),
        (es::PHRASES, Some(Lang::Es)),
    ];
    for (list, lang) in all {
        for &(text, kind) in list {
            let words = crate::normalize(text).words;
            let first = words.first().cloned().unwrap_or_default();
            map.entry(first).or_default().push(Phrase {
                words,
                kind,
                lang,
                text,
            });
        }
    }
    for list in map.values_mut() {
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }
    Index(map)
});

impl Index {
    /// Every phrase that starts at word `i` of `words`, longest first.
    pub fn at<'w>(
        &'static self,
        words: &'w [String],
        i: usize,
    ) -> impl Iterator<Item = &'static Phrase> + 'w {
        self.0
            .get(&words[i])
            .into_iter()
            .flatten()
            .filter(move |p| words[i..].starts_with(&p.words))
    }
}

/// Function words that tell the language of a reply beyond its phrases, folded like a reply.
static FUNCTION_WORDS: LazyLock<HashMap<String, Lang>> = LazyLock::new(|| {
    const EN: &[&str] = &[
        "the", "i", "im", "you", "it", "is", "are", "to", "for", "of", "and", "my", "please",
        "this", "that", "do", "can", "have", "will", "with", "be", "we", "hi", "hello", "good",
        "morning", "night", "at", "on", "your", "just", "thanks", "thank", "what", "how", "ill",
        "got", "work", "talk", "there", "later", "one", "if", "by", "tomorrow", "need", "order",
    ];
    const ES: &[&str] = &[
        "el", "la", "los", "las", "de", "del", "que", "por", "para", "con", "es", "esta", "un",
        "una", "gracias", "hola", "mi", "lo", "le", "yo", "tu", "pero", "muy", "mas", "ya", "bien",
        "buenos", "buenas", "dias", "tardes", "noches", "porfa", "favor", "en", "sin", "si", "y",
        "se", "su", "al", "estoy", "hay", "tengo", "mucho", "muchas", "otro", "todo", "mañana",
        "hoy", "luego", "pedido", "precio", "envío", "cuando", "donde", "como",
    ];
    let fold = |w: &str| crate::normalize(w).words.concat();
    EN.iter()
        .map(|w| (fold(w), Lang::En))
        .chain(ES.iter().map(|w| (fold(w), Lang::Es)))
        .collect()
});

/// The language a word that is in no phrase belongs to, if it tells.
pub(crate) fn function_word(word: &str) -> Option<Lang> {
    FUNCTION_WORDS.get(word).copied()
}
