//! How a text is classed: its words matched against the lexicon (longest phrase first), then the
//! cues weighed in this order, the first that holds deciding:
//!
//! 1. **An opt-out** (`stop`, `unsubscribe`, `dame de baja`): `not_interested`, whatever else is
//!    said. An opt-out must never be read as interest.
//! 2. **A refusal** (`no thanks`, `no me interesa`, `too expensive` unless asked, `no` opening a
//!    clause that does not ask, an interest negated in the three words before it: `not really
//!    interested`, `no lo quiero`). It wins over an interest, except when a `but` / `pero`
//!    puts the interest after it (`expensive but I'll take it`), or when the refusal is a bare
//!    `no` answered by an interest in a later clause (`No, I want two`: a correction).
//! 3. **Interest** (`me interesa`, `I'll take it`; `sí`, `claro`, `va` opening a clause; `I'll stop
//!    by`) wins over a question: `sí, ¿cuándo puedo pasar?` has agreed already.
//! 4. **A question**: a `?` / `¿`, a request for information (`more info`, `quiero saber`), or a
//!    question word opening a clause (`how much`, `cuánto`, `tienen`). A price question is a
//!    question, not interest: the shop has to answer it before anything else.
//! 5. **Praise alone** (`perfect`, `genial`): interest, but weaker than a question
//!    (`perfect, when can I come?` is a question).
//! 6. **Hesitation** (`maybe`, `no sé`, `I'm not sure I'm interested`): `unknown`.
//! 7. **An acknowledgement** (`ok`, `thanks`, `vale`, `no problem`): `unknown`.
//! 8. **Emoji** (👍 interested, 👎 not interested, 🤔 a question), when the words said nothing.

use crate::lexicon::{INDEX, Kind, Phrase};
use crate::{Class, Lang, Normalized, Rule, Verdict};

/// A run of words: a lexicon phrase, or one word it does not know.
struct Token {
    start: usize,
    phrase: Option<&'static Phrase>,
}

impl Token {
    fn kind(&self) -> Option<Kind> {
        self.phrase.map(|p| p.kind)
    }

    /// Words that do not stop a clause from "starting" after them (`ok, sí`, `hola, ¿cuánto?`).
    fn is_filler(&self) -> bool {
        self.phrase
            .is_some_and(|p| p.kind == Kind::Ack || p.text == "y")
    }
}

/// The reply cut into tokens, longest phrases first wherever they are in a clause.
fn tokens(n: &Normalized) -> Vec<Token> {
    let index = &*INDEX;
    let mut found: Vec<(usize, &'static Phrase)> = (0..n.words.len())
        .flat_map(|i| index.at(&n.words, i).map(move |p| (i, p)))
        // Within a clause: `no, quiero el azul` is not `no quiero`.
        .filter(|&(i, p)| n.clause[i] == n.clause[i + p.words.len() - 1])
        .collect();
    found.sort_by_key(|&(i, p)| (std::cmp::Reverse(p.words.len()), i));
    let mut owner: Vec<Option<&'static Phrase>> = vec![None; n.words.len()];
    let mut taken = vec![false; n.words.len()];
    for (i, p) in found {
        let span = i..i + p.words.len();
        if !taken[span.clone()].iter().any(|t| *t) {
            taken[span].iter_mut().for_each(|t| *t = true);
            owner[i] = Some(p);
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n.words.len() {
        out.push(Token {
            start: i,
            phrase: owner[i],
        });
        i += owner[i].map_or(1, |p| p.words.len());
    }
    out
}

/// What the words of a reply say; `None` when they say nothing (the emoji may).
pub(crate) fn classify_words(n: &Normalized) -> (Option<Verdict>, Option<Lang>) {
    let toks = tokens(n);
    let lang = language(n, &toks);
    let says =
        |class, rule, t: &Token| Some(Verdict::new(class, rule, lang, t.phrase.map(|p| p.text)));
    let clause = |t: &Token| n.clause[t.start];
    let asked = |t: &Token| n.asked(t.start);
    let starts_clause = |k: usize| {
        toks[..k]
            .iter()
            .rev()
            .take_while(|o| clause(o) == clause(&toks[k]))
            .all(Token::is_filler)
    };
    let alone = |k: usize| {
        toks.iter()
            .filter(|o| clause(o) == clause(&toks[k]))
            .all(|o| o.start == toks[k].start || o.is_filler())
    };
    // A negation in the three tokens before, in the same clause (English `no I want` is not one).
    let negated = |k: usize| {
        toks[k.saturating_sub(3)..k]
            .iter()
            .enumerate()
            .any(|(j, o)| {
                let pronoun = toks.get(k.saturating_sub(3) + j + 1).is_some_and(|next| {
                    ["i", "im", "we", "id", "il"].contains(&n.words[next.start].as_str())
                });
                clause(o) == clause(&toks[k])
                    && (o.kind() == Some(Kind::Negation)
                        || (o.kind() == Some(Kind::Opener) && !pronoun))
            })
    };
    let hedged = |k: usize| {
        toks[..k]
            .iter()
            .any(|o| clause(o) == clause(&toks[k]) && o.kind() == Some(Kind::Hesitant))
    };

    let mut refusal: Option<(usize, Rule)> = None;
    let mut opener_only = true;
    let mut interest: Option<usize> = None;
    let (mut question, mut praise, mut hesitant, mut ack) = (None, None, None, None);
    let mut contrast: Option<usize> = None;
    for (k, t) in toks.iter().enumerate() {
        let Some(kind) = t.kind() else { continue };
        let refuse = |rule| Some((k, rule));
        match kind {
            Kind::OptOut => return (says(Class::NotInterested, Rule::OptOut, t), lang),
            Kind::OptOutWord if starts_clause(k) => {
                return (says(Class::NotInterested, Rule::OptOut, t), lang);
            }
            Kind::Refusal => (refusal, opener_only) = (refuse(Rule::Refusal), false),
            Kind::WeakRefusal if !asked(t) => {
                (refusal, opener_only) = (refuse(Rule::Refusal), false)
            }
            Kind::Opener if starts_clause(k) && (alone(k) || !asked(t)) => {
                refusal = refusal.or(refuse(Rule::Refusal));
            }
            Kind::Interest | Kind::Yes | Kind::Visit => {
                let counts = match kind {
                    Kind::Yes => starts_clause(k) && (alone(k) || !n.asks),
                    Kind::Visit => !asked(t),
                    _ => true,
                };
                if !counts {
                } else if negated(k) {
                    (refusal, opener_only) = (refuse(Rule::NegatedInterest), false);
                } else if hedged(k) {
                    hesitant = hesitant.or(Some(k));
                } else {
                    interest = Some(k);
                }
            }
            Kind::Alone if alone(k) => praise = praise.or(Some(k)),
            Kind::Asks => question = question.or(Some(k)),
            Kind::Question if starts_clause(k) => question = question.or(Some(k)),
            Kind::Hesitant => hesitant = hesitant.or(Some(k)),
            Kind::Ack => ack = ack.or(Some(k)),
            Kind::Contrast => contrast = Some(k),
            _ => {}
        }
    }
    if let Some((r, rule)) = refusal {
        let later_interest = interest.filter(|&i| {
            let after_contrast = contrast.is_some_and(|c| r < c && c < i);
            let correction = opener_only && clause(&toks[i]) > clause(&toks[r]);
            after_contrast || correction
        });
        return match later_interest {
            Some(i) => (says(Class::Interested, Rule::Interest, &toks[i]), lang),
            None => (says(Class::NotInterested, rule, &toks[r]), lang),
        };
    }
    let verdict = if let Some(i) = interest {
        says(Class::Interested, Rule::Interest, &toks[i])
    } else if let Some(q) = question {
        says(Class::Question, Rule::Question, &toks[q])
    } else if n.asking.iter().any(|a| *a) || (n.asks && toks.is_empty()) {
        Some(Verdict::new(
            Class::Question,
            Rule::Question,
            lang,
            Some("?"),
        ))
    } else if let Some(p) = praise {
        says(Class::Interested, Rule::Praise, &toks[p])
    } else if let Some(h) = hesitant {
        says(Class::Unknown, Rule::Hesitation, &toks[h])
    } else if let Some(a) = ack {
        says(Class::Unknown, Rule::Acknowledgement, &toks[a])
    } else {
        None
    };
    (verdict, lang)
}

/// The language most of the reply's known words belong to; `None` for a tie (`ok`, emoji).
fn language(n: &Normalized, toks: &[Token]) -> Option<Lang> {
    let (mut en, mut es) = (0usize, usize::from(n.spanish_marks));
    for t in toks {
        let lang = match t.phrase {
            Some(p) => p.lang,
            None => crate::lexicon::function_word(&n.words[t.start]),
        };
        let weight = t.phrase.map_or(1, |p| p.words.len());
        match lang {
            Some(Lang::En) => en += weight,
            Some(Lang::Es) => es += weight,
            None => {}
        }
    }
    match en.cmp(&es) {
        std::cmp::Ordering::Greater => Some(Lang::En),
        std::cmp::Ordering::Less => Some(Lang::Es),
        std::cmp::Ordering::Equal => None,
    }
}
