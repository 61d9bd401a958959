//! Conventional payloads of a shop's buttons and ids of its list rows: `INTERESTED`, `YES`,
//! `STOP`, `NOT_INTERESTED`, `si`, `no`, `MORE_INFO`, alone or at the end of a longer id
//! (`PROMO_12_YES`, `offer-7:not-interested`). Anything else is left to the button's text.

use crate::Class;

/// Payloads, compared folded like words (see [`crate::normalize`]) and joined by `_`.
const PAYLOADS: &[(&str, Class)] = &[
    ("interested", Class::Interested),
    ("yes", Class::Interested),
    ("si", Class::Interested),
    ("me_interesa", Class::Interested),
    ("interesado", Class::Interested),
    ("buy", Class::Interested),
    ("order", Class::Interested),
    ("book", Class::Interested),
    ("reserve", Class::Interested),
    ("not_interested", Class::NotInterested),
    ("no_interesado", Class::NotInterested),
    ("no_me_interesa", Class::NotInterested),
    ("no", Class::NotInterested),
    ("no_thanks", Class::NotInterested),
    ("no_gracias", Class::NotInterested),
    ("stop", Class::NotInterested),
    ("unsubscribe", Class::NotInterested),
    ("opt_out", Class::NotInterested),
    ("optout", Class::NotInterested),
    ("baja", Class::NotInterested),
    ("question", Class::Question),
    ("more_info", Class::Question),
    ("info", Class::Question),
    ("mas_info", Class::Question),
    ("pregunta", Class::Question),
];

/// The class a payload names, and the payload as the table writes it.
pub(crate) fn class(payload: &str) -> Option<(Class, &'static str)> {
    let words = crate::normalize(payload).words;
    // Longest tail first: `promo_not_interested` is `not_interested`, not `interested`.
    (0..words.len()).find_map(|from| {
        let tail = words[from..].join("_");
        PAYLOADS
            .iter()
            .find(|(p, _)| crate::normalize(p).words.join("_") == tail)
            .map(|&(p, c)| (c, p))
    })
}
