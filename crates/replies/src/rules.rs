//! The phrases, per class and language, and the order they are weighed in.
//!
//! Precedence, and why:
//! 1. **Fixed expressions** that look like something else are read first and set aside: "no
//!    problem", "no worries", "sin duda", "no hay problema", "no te preocupes" (friendly, not a
//!    refusal), "why not" / "por qué no" (a yes), "no sé" / "not sure" (hesitation).
//! 2. **A refusal** wins over everything else ("no thanks, how much is the other one?" is still a
//!    no, and an opt-out must never be read as interest): opt-out words, refusals, and an
//!    interest cue under a negation ("not really interested", "no me interesa", "ya no lo quiero").
//! 3. **Interest** ("yes", "me interesa", "I'll take it") wins over a question: "yes! when can I
//!    pick it up?" has agreed already.
//! 4. **A question**: a question mark, or a question word opening the reply ("how much",
//!    "cuánto", "do you", "tienen").
//! 5. **Hesitation** and small talk stay `unknown`; so does anything else.
//!
//! A negation covers the three words after it ("no estoy muy interesado", "not really interested").

/// Expressions read as a whole before anything else: (phrase, what it means).
pub(crate) const FIXED: &[(&str, Fixed)] = &[
    ("no problem", Fixed::Neutral),
    ("no worries", Fixed::Neutral),
    ("no hay problema", Fixed::Neutral),
    ("no te preocupes", Fixed::Neutral),
    ("sin problema", Fixed::Neutral),
    ("who knows", Fixed::Hesitant),
    ("who cares", Fixed::Hesitant),
    ("sin duda", Fixed::Yes),
    ("why not", Fixed::Yes),
    ("por que no", Fixed::Yes),
    ("no se", Fixed::Hesitant),
    ("not sure", Fixed::Hesitant),
    ("dont know", Fixed::Hesitant),
    ("i dont know", Fixed::Hesitant),
    ("ok thanks", Fixed::Neutral),
    ("ok thank you", Fixed::Neutral),
    ("ok gracias", Fixed::Neutral),
    ("vale gracias", Fixed::Neutral),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fixed {
    Neutral,
    Yes,
    Hesitant,
}

/// Words that refuse when they open the reply ("no", "nah"), not inside one ("is there no
/// discount?" is a question).
pub(crate) const REFUSAL_OPENERS: &[&str] = &["no", "nope", "nah", "nop", "nel"];

/// A refusal or an opt-out, as whole words anywhere.
pub(crate) const REFUSALS: &[&str] = &[
    // English
    "no thanks",
    "no thank you",
    "no ty",
    "not interested",
    "not for me",
    "not now",
    "not this time",
    "not at the moment",
    "maybe later",
    "maybe next year",
    "next year",
    "stop",
    "unsubscribe",
    "remove me",
    "dont message",
    "stop sending",
    "stop messaging",
    "i pass",
    "ill pass",
    "pass",
    "no need",
    "dont need",
    "no longer",
    "never asked",
    "already bought",
    "already have",
    "too expensive",
    "too pricey",
    "cancel",
    "changed my mind",
    "im good",
    "not buying",
    // Spanish
    "no gracias",
    "no me interesa",
    "ya no",
    "baja",
    "de baja",
    "dame de baja",
    "bajame",
    "no me escriban",
    "no me escribas",
    "dejen de",
    "deja de",
    "no me hace falta",
    "ahora no",
    "ahorita no",
    "por ahora no",
    "no por ahora",
    "paso",
    "nada gracias",
    "muy caro",
    "cancela",
    "ya tengo",
    "ya lo compre",
    "tampoco",
    "nunca pedi",
    "no lo necesito",
    "no lo quiero",
    "no quiero",
    "no estoy interesado",
    "no estoy interesada",
];

/// Interest, as whole words anywhere (a negation in the three words before turns it around).
pub(crate) const INTEREST: &[&str] = &[
    // English
    "yes",
    "yess",
    "yes please",
    "yep",
    "yeah",
    "y",
    "ok",
    "okay",
    "k",
    "sure",
    "of course",
    "absolutely",
    "definitely",
    "interested",
    "i want",
    "i would like",
    "id like",
    "id love",
    "love it",
    "love",
    "ill take",
    "i take",
    "take it",
    "sign me up",
    "count me in",
    "im in",
    "reserve",
    "book me",
    "put me down",
    "go ahead",
    "deal",
    "sounds good",
    "sounds great",
    "sounds perfect",
    "perfect",
    "great",
    "awesome",
    "cool",
    "that works",
    "lets do it",
    "lets go",
    "send me",
    "send the details",
    "happy to",
    "i want to order",
    "want",
    // Spanish
    "si",
    "sí",
    "me interesa",
    "interesa",
    "interesado",
    "interesada",
    "claro",
    "dale",
    "va",
    "vale",
    "de acuerdo",
    "perfecto",
    "genial",
    "super",
    "excelente",
    "lo quiero",
    "quiero",
    "me lo llevo",
    "lo tomo",
    "lo compro",
    "me apunto",
    "apuntame",
    "apartame",
    "reservame",
    "reservamelo",
    "reservar",
    "por supuesto",
    "obvio",
    "de una",
    "listo",
    "me encanta",
    "me encanto",
    "me gusta",
    "mandame",
    "envíame",
    "enviame",
    "mandalo",
    "paso manana",
    "si senor",
];

/// Hesitation and small talk, read only when nothing else is found (they keep `unknown`).
pub(crate) const HESITANT: &[&str] = &[
    "maybe",
    "perhaps",
    "quizas",
    "quiza",
    "tal vez",
    "let me think",
    "think about it",
    "lo pienso",
    "dejame pensarlo",
    "ya veremos",
    "te aviso",
    "ill let you know",
    "will check",
];

/// Words that open a question.
pub(crate) const QUESTION_OPENERS: &[&str] = &[
    // English
    "how",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "who",
    "why",
    "do you",
    "does",
    "did",
    "is it",
    "is there",
    "are you",
    "are there",
    "can i",
    "can you",
    "could you",
    "could i",
    "any",
    "price",
    "is parking",
    // Spanish
    "cuanto",
    "cuanta",
    "cuantos",
    "que",
    "cuando",
    "donde",
    "como",
    "cual",
    "quien",
    "por que",
    "tienen",
    "tiene",
    "hay",
    "hacen",
    "puedo",
    "se puede",
    "aceptan",
    "sigue",
    "abren",
    "precio",
    "me mandas",
    "viene",
    "de que",
];

/// Words that negate what follows.
pub(crate) const NEGATIONS: &[&str] = &[
    "no", "not", "dont", "doesnt", "never", "nunca", "tampoco", "ni", "isnt", "wont", "nada",
];

/// Emoji that say something on their own.
pub(crate) const EMOJI_INTEREST: &[char] = &['👍', '❤', '😍', '🙌', '👌', '🔥', '💯', '🥰', '😻'];
pub(crate) const EMOJI_REFUSAL: &[char] = &['👎', '❌', '🙅', '🚫'];
pub(crate) const EMOJI_QUESTION: &[char] = &['🤔', '❓', '❔'];
