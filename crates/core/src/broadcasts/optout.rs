//! Opting out of (and back into) the shop's broadcasts from the chat: a customer whose whole
//! message is STOP, BAJA, "no more messages"... is opted out in the transaction that stores the
//! message, and answered once with a confirmation from the bot's texts; START / ALTA opts back in.
//! A replayed webhook finds the message stored and never gets here twice.

use rusqlite::types::Value;
use wacloud::webhook::InboundMessage;

use super::consent;
use crate::bot::normalize::normalize;
use crate::bot::texts::{self, Lang};
use crate::bot::{config, reply, state};
use crate::store::{StoreError, WriteCtx};

/// Whole messages that opt out, per language (compared after [`normalize`]: lowercase, no
/// accents or punctuation).
pub const OPT_OUT: &[(Lang, &[&str])] = &[
    (
        Lang::En,
        &[
            "stop",
            "unsubscribe",
            "opt out",
            "optout",
            "stop messages",
            "stop all",
            "no more messages",
            "stop sending messages",
            "remove me",
            "cancel subscription",
            "stop promotions",
        ],
    ),
    (
        Lang::Es,
        &[
            "baja",
            "darme de baja",
            "dar de baja",
            "de baja",
            "no mas mensajes",
            "no quiero mas mensajes",
            "no me envies mas mensajes",
            "cancelar suscripcion",
            "parar",
            "basta",
            "detener promociones",
            "parar promociones",
        ],
    ),
];

/// Whole messages that opt back in.
pub const OPT_IN: &[(Lang, &[&str])] = &[
    (Lang::En, &["start", "subscribe", "opt in", "unstop"]),
    (
        Lang::Es,
        &[
            "alta",
            "darme de alta",
            "dar de alta",
            "suscribir",
            "suscribirme",
        ],
    ),
];

/// What a message asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    Out(Lang),
    In(Lang),
}

/// Whether the text (a whole message, or a button's payload/title) opts out or in.
pub fn parse(text: &str) -> Option<Consent> {
    let t = normalize(text);
    let t = t.trim();
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    let find = |list: &[(Lang, &[&str])]| {
        list.iter()
            .find(|(_, words)| words.contains(&t))
            .map(|(lang, _)| *lang)
    };
    find(OPT_OUT)
        .map(Consent::Out)
        .or_else(|| find(OPT_IN).map(Consent::In))
}

/// Applies an opt-out or opt-in the message asks for; returns true if it did (the bot then
/// says nothing else). START from a contact who is not opted out is left to the bot.
pub(crate) fn apply(
    ctx: &mut WriteCtx<'_>,
    m: &InboundMessage,
    now_ms: i64,
) -> Result<bool, StoreError> {
    let text = m
        .text()
        .or_else(|| m.button.as_ref().map(|b| b.text.as_str()))
        .unwrap_or("");
    let Some(asked) = parse(text) else {
        return Ok(false);
    };
    let wa = m.from.as_str();
    let (changed, lang, key) = match asked {
        Consent::Out(lang) => (
            consent::opt_out(ctx.conn, wa, consent::VIA_KEYWORD, now_ms)?,
            lang,
            "opted_out",
        ),
        Consent::In(lang) => {
            if !consent::is_opted_out(ctx.conn, wa)? {
                return Ok(false);
            }
            (consent::opt_in(ctx.conn, wa)?, lang, "opted_in")
        }
    };
    if changed {
        // Answered once: a second STOP changes nothing and gets no second confirmation.
        state::set(ctx.conn, wa, "lang", Value::Text(lang.code().into()))?;
        let config = config::load(ctx.conn)?;
        reply::send(
            ctx,
            &m.from,
            reply::text(texts::text(&config.texts, lang, key)),
            now_ms,
        )?;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_messages_opt_out_and_in_in_both_languages() {
        assert_eq!(parse("STOP"), Some(Consent::Out(Lang::En)));
        assert_eq!(parse("  Stop. "), Some(Consent::Out(Lang::En)));
        assert_eq!(parse("No more messages!"), Some(Consent::Out(Lang::En)));
        assert_eq!(parse("BAJA"), Some(Consent::Out(Lang::Es)));
        assert_eq!(parse("No más mensajes"), Some(Consent::Out(Lang::Es)));
        assert_eq!(parse("START"), Some(Consent::In(Lang::En)));
        assert_eq!(parse("Alta"), Some(Consent::In(Lang::Es)));
        // Not a whole message asking for it.
        assert_eq!(parse("don't stop sending me offers"), None);
        assert_eq!(parse("where is the bus stop"), None);
        assert_eq!(parse(""), None);
    }
}
