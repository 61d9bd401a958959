//! The shop's bot: what answers a customer's message automatically, in the transaction that
//! stores it (so a replayed webhook, a crash or a restart can neither answer twice nor forget
//! to answer). In order:
//!
//! 1. nothing at all when the bot is off, the customer is muted, or the bot has already sent
//!    them [`LOOP_MAX`] automatic replies within [`LOOP_WINDOW_MS`] (another business's bot
//!    answering ours);
//! 2. a command (`start`, `link CODE`, `status`, `unlink`, `help`, and the yes / no of an
//!    unlink), answered in the language its word is in, remembered on the contact;
//! 3. a request for documents ("invoice", "mis documentos"...), answered by [`crate::documents`];
//! 4. automations, only when the message is fresh (not a backlog after the app was off), the
//!    owner has not written to the customer lately (the human has taken over), and no
//!    automatic reply went to them within the rate limit: a keyword rule, else the away message
//!    outside business hours, else the greeting for a first message.
//!
//! Commands and document requests are asked for, so they are answered whatever the hour, the
//! backlog or a recent message from the owner.

pub mod commands;
pub mod config;
mod explain;
pub mod normalize;
pub(crate) mod reply;
pub mod state;
pub mod texts;

use rusqlite::types::Value;
use wacloud::send::{Content, OutgoingMessage};
use wacloud::webhook::InboundMessage;

use crate::store::{StoreError, WriteCtx, now_ms};
pub use config::{BotConfig, BusinessHours, KeywordReply, KeywordRule};
pub use explain::{Explanation, explain};
pub use texts::Lang;

/// Automatic replies to one customer within [`LOOP_WINDOW_MS`] after which the bot stops.
pub const LOOP_MAX: i64 = 15;
pub const LOOP_WINDOW_MS: i64 = 10 * 60 * 1000;

/// Answers the customer's message `m`, stored as `message_id`, if anything should.
pub fn answer(
    ctx: &mut WriteCtx<'_>,
    message_id: i64,
    m: &InboundMessage,
) -> Result<(), StoreError> {
    answer_at(ctx, message_id, m, now_ms())
}

/// [`answer`] as if it were `now` (unix ms).
pub fn answer_at(
    ctx: &mut WriteCtx<'_>,
    message_id: i64,
    m: &InboundMessage,
    now: i64,
) -> Result<(), StoreError> {
    let wa = m.from.as_str();
    let config = config::load(ctx.conn)?;
    let contact = state::get(ctx.conn, wa)?;
    if !config.enabled || contact.muted || looping(ctx, wa, now)? {
        return Ok(());
    }
    let text = m.text().unwrap_or("");
    let button = m
        .interactive
        .as_ref()
        .and_then(|i| i.button_reply.as_ref())
        .map(|r| r.id.as_str())
        .or_else(|| m.button.as_ref().and_then(|b| b.payload.as_deref()));
    if let Some((command, said)) = commands::parse(text, button) {
        if let Some(lang) = said {
            state::set(ctx.conn, wa, "lang", Value::Text(lang.code().into()))?;
        }
        let asker = commands::Asker {
            to: &m.from,
            message_id,
            text,
            lang: said.or(contact.lang).unwrap_or_default(),
            now,
        };
        if commands::run(ctx, &config, command, &asker)? {
            return Ok(());
        }
    } else if contact.unlink_asked_at.is_some() {
        // Anything else than yes or no leaves the link as it is.
        state::set(ctx.conn, wa, "unlink_asked_at", Value::Null)?;
    }
    if crate::documents::chat::answer(ctx, message_id, m)? {
        return Ok(());
    }
    automations(ctx, &config, &contact, message_id, m, now)
}

fn automations(
    ctx: &mut WriteCtx<'_>,
    config: &BotConfig,
    contact: &state::ContactState,
    message_id: i64,
    m: &InboundMessage,
    now: i64,
) -> Result<(), StoreError> {
    let wa = m.from.as_str();
    let fresh = now - m.timestamp * 1000 <= i64::from(config.stale_minutes) * 60_000;
    let rested = contact
        .last_auto_at
        .is_none_or(|at| now - at >= i64::from(config.rate_limit_minutes) * 60_000);
    if !fresh || !rested || taken_over(ctx, wa, config, now)? {
        return Ok(());
    }
    let lang = contact.lang.unwrap_or_default();
    let say = |key: &str| texts::text(&config.texts, lang, key);
    let folded = format!(" {} ", normalize::normalize(m.text().unwrap_or("")));
    let rule = config.keywords.iter().find(|r| {
        r.phrases.iter().any(|p| {
            let p = normalize::normalize(p);
            !p.is_empty() && folded.contains(&format!(" {p} "))
        })
    });
    if let Some(rule) = rule {
        return keyword_reply(ctx, &rule.reply, message_id, m, lang, now);
    }
    if config.away && !config.open_at(now) {
        reply::send(ctx, &m.from, reply::text(say("away")), now)?;
        return Ok(());
    }
    if config.greeting && contact.greeted_at.is_none() && first_message(ctx, wa, message_id)? {
        state::set(ctx.conn, wa, "greeted_at", Value::Integer(now))?;
        reply::send(ctx, &m.from, reply::text(say("greeting")), now)?;
    }
    Ok(())
}

fn keyword_reply(
    ctx: &mut WriteCtx<'_>,
    answer: &KeywordReply,
    message_id: i64,
    m: &InboundMessage,
    lang: Lang,
    now: i64,
) -> Result<(), StoreError> {
    match answer {
        KeywordReply::Text { text } => {
            reply::send(ctx, &m.from, reply::text(text.clone()), now)?;
        }
        KeywordReply::Document { kind } => {
            let lang = shopchat_documents::Lang::parse(lang.code()).unwrap_or_default();
            crate::documents::chat::give(ctx, message_id, &m.from, Some(kind), lang)?;
        }
        KeywordReply::Template { name, language } => {
            let Some(stored) = crate::store::templates::get(ctx.conn, name, language)? else {
                return Ok(());
            };
            let Ok(t) = crate::templates::message_for(&stored, &[]) else {
                return Ok(());
            };
            let message = OutgoingMessage::new(m.from.clone(), Content::template(t));
            if crate::outbox::validate(&message).is_ok() {
                let view = crate::outbox::enqueue(ctx, &message)?;
                reply::mark(ctx, m.from.as_str(), view.id, now)?;
            }
        }
    }
    Ok(())
}

/// Whether the bot has answered this customer too often lately (a loop with another bot).
fn looping(ctx: &WriteCtx<'_>, wa: &str, now: i64) -> Result<bool, StoreError> {
    let recent: i64 = ctx
        .conn
        .prepare_cached(
            "SELECT count(*) FROM messages
             WHERE contact = ?1 AND direction = 'out' AND auto = 1 AND timestamp > ?2",
        )?
        .query_row((wa, (now - LOOP_WINDOW_MS) / 1000), |r| r.get(0))?;
    Ok(recent >= LOOP_MAX)
}

/// Whether the owner wrote to the customer within the takeover time.
fn taken_over(
    ctx: &WriteCtx<'_>,
    wa: &str,
    config: &BotConfig,
    now: i64,
) -> Result<bool, StoreError> {
    let since = (now - i64::from(config.takeover_minutes) * 60_000) / 1000;
    let owner: Option<i64> = ctx
        .conn
        .prepare_cached(
            "SELECT max(timestamp) FROM messages
             WHERE contact = ?1 AND direction = 'out' AND auto = 0",
        )?
        .query_row([wa], |r| r.get(0))?;
    Ok(owner.is_some_and(|t| t > since))
}

/// Whether `message_id` is the customer's first message.
fn first_message(ctx: &WriteCtx<'_>, wa: &str, message_id: i64) -> Result<bool, StoreError> {
    let earlier: i64 = ctx
        .conn
        .prepare_cached(
            "SELECT count(*) FROM messages WHERE contact = ?1 AND direction = 'in' AND id < ?2",
        )?
        .query_row((wa, message_id), |r| r.get(0))?;
    Ok(earlier == 0)
}
