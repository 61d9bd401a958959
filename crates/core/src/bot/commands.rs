//! The commands a customer writes, in English or Spanish, case, accents and punctuation aside:
//! `start` / `hi` / `hello` / `menu` / `hola` / `inicio`, `link` / `vincular` [CODE], `status` /
//! `estado`, `unlink` / `desvincular` (then a yes / no), `help` / `ayuda`; and the reply buttons
//! the bot sends carry the same commands as their ids.

use rusqlite::types::Value;
use wacloud::WaId;

use super::config::BotConfig;
use super::normalize::normalize;
use super::texts::{self, Lang};
use super::{reply, state};
use crate::links::audit::Actor;
use crate::links::link::{self, Redeemed};
use crate::links::records;
use crate::links::view::CustomerView;
use crate::store::{StoreError, WriteCtx};

/// A reply button's id: what the customer's tap carries back.
const BUTTON_PREFIX: &str = "shopchat-bot:";
/// How long an "unlink?" waits for its yes or no.
pub const CONFIRM_MS: i64 = 10 * 60 * 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Start,
    /// With the code as typed, if any.
    Link(Option<String>),
    Status,
    Unlink,
    Help,
    Yes,
    No,
}

/// The command in a message (its text, or the id of a button it tapped), and the language its
/// word is in (`None` when the word is the same in both, or a button).
pub fn parse(text: &str, button_id: Option<&str>) -> Option<(Command, Option<Lang>)> {
    if let Some(id) = button_id.and_then(|b| b.strip_prefix(BUTTON_PREFIX)) {
        let command = match id {
            "link" => Command::Link(None),
            "status" => Command::Status,
            "help" => Command::Help,
            "yes" => Command::Yes,
            "no" => Command::No,
            _ => return None,
        };
        return Some((command, None));
    }
    let folded = normalize(text);
    let (word, rest) = folded.split_once(' ').unwrap_or((folded.as_str(), ""));
    let (command, lang) = match word {
        "start" | "hi" | "hello" | "menu" => (Command::Start, Some(Lang::En)),
        "hola" | "inicio" => (Command::Start, Some(Lang::Es)),
        "link" => (Command::Link(None), Some(Lang::En)),
        "vincular" => (Command::Link(None), Some(Lang::Es)),
        "status" => (Command::Status, Some(Lang::En)),
        "estado" => (Command::Status, Some(Lang::Es)),
        "unlink" => (Command::Unlink, Some(Lang::En)),
        "desvincular" => (Command::Unlink, Some(Lang::Es)),
        "help" => (Command::Help, Some(Lang::En)),
        "ayuda" => (Command::Help, Some(Lang::Es)),
        "yes" => (Command::Yes, Some(Lang::En)),
        "si" => (Command::Yes, Some(Lang::Es)),
        "no" => (Command::No, None),
        _ => return None,
    };
    match command {
        // The code is what follows the word, as typed (the code's own rules read it).
        Command::Link(_) if !rest.is_empty() => {
            let typed = text
                .trim()
                .split_once(char::is_whitespace)
                .map_or("", |(_, r)| r);
            Some((Command::Link(Some(typed.trim().to_owned())), lang))
        }
        // Anything more is a sentence, not a command ("hi, do you have mugs?").
        _ if !rest.is_empty() => None,
        c => Some((c, lang)),
    }
}

/// What a command needs to answer.
pub struct Asker<'a> {
    pub to: &'a WaId,
    pub message_id: i64,
    pub text: &'a str,
    pub lang: Lang,
    pub now: i64,
}

/// Answers `command` (the yes / no of an unlink only when one is pending); `false` when the
/// message was not for the bot after all (a "no" with nothing asked).
pub fn run(
    ctx: &mut WriteCtx<'_>,
    config: &BotConfig,
    command: Command,
    a: &Asker<'_>,
) -> Result<bool, StoreError> {
    let say = |key: &str| texts::text(&config.texts, a.lang, key);
    let wa = a.to.as_str();
    let contact = state::get(ctx.conn, wa)?;
    let pending = contact
        .unlink_asked_at
        .is_some_and(|at| a.now - at < CONFIRM_MS);
    if contact.unlink_asked_at.is_some() {
        state::set(ctx.conn, wa, "unlink_asked_at", Value::Null)?;
    }
    let content = match command {
        Command::Start => reply::buttons(
            say("welcome"),
            &[
                ("shopchat-bot:link", say("button_link")),
                ("shopchat-bot:status", say("button_status")),
                ("shopchat-bot:help", say("button_help")),
            ],
        ),
        Command::Help => reply::text(say("help")),
        Command::Link(None) => {
            link::request(ctx.conn, wa, a.text, a.message_id, a.now)?;
            reply::text(say("link_how"))
        }
        Command::Link(Some(code)) => match link::redeem(ctx.conn, wa, &code, a.now)? {
            Redeemed::Linked(r) => reply::text(about(&say("link_ok"), &r, &[])),
            Redeemed::AlreadyLinked(r) => reply::text(about(&say("link_already"), &r, &[])),
            Redeemed::Failed => reply::text(say("link_failed")),
            Redeemed::Locked { until } => reply::text(texts::fill(
                &say("link_locked"),
                &[("until", &clock_time(until, config))],
            )),
        },
        Command::Status => match records::linked_to(ctx.conn, wa)? {
            Some(r) => {
                let since = r.linked_at.map(|t| date(t, config)).unwrap_or_default();
                reply::text(about(&say("status_linked"), &r, &[("since", &since)]))
            }
            None => reply::text(say("status_none")),
        },
        Command::Unlink => match records::linked_to(ctx.conn, wa)? {
            Some(r) => {
                state::set(ctx.conn, wa, "unlink_asked_at", Value::Integer(a.now))?;
                reply::buttons(
                    about(&say("unlink_confirm"), &r, &[]),
                    &[
                        ("shopchat-bot:yes", say("button_yes")),
                        ("shopchat-bot:no", say("button_no")),
                    ],
                )
            }
            None => reply::text(say("status_none")),
        },
        Command::Yes if pending => match records::linked_to(ctx.conn, wa)? {
            Some(r) => {
                link::unlink(ctx.conn, r.id, Actor::Customer)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                reply::text(say("unlink_done"))
            }
            None => reply::text(say("status_none")),
        },
        Command::No if pending => reply::text(say("unlink_kept")),
        Command::Yes | Command::No => return Ok(false),
    };
    reply::send(ctx, a.to, content, a.now)?;
    Ok(true)
}

/// `template` about a record: `{name}`, and `{ref}` as " (C-0042)" when it has one.
fn about(template: &str, r: &CustomerView, extra: &[(&str, &str)]) -> String {
    let reference = r
        .reference
        .as_ref()
        .map_or_else(String::new, |x| format!(" ({x})"));
    let mut values = vec![("name", r.name.as_str()), ("ref", reference.as_str())];
    values.extend_from_slice(extra);
    texts::fill(template, &values)
}

/// A date in the shop's time zone, `2026-12-05`.
fn date(ms: i64, config: &BotConfig) -> String {
    local(ms, config).map_or_else(String::new, |z| z.date().to_string())
}

/// A time of day in the shop's time zone, `14:05`.
fn clock_time(ms: i64, config: &BotConfig) -> String {
    local(ms, config).map_or_else(String::new, |z| {
        format!("{:02}:{:02}", z.hour(), z.minute())
    })
}

fn local(ms: i64, config: &BotConfig) -> Option<jiff::ZonedDateTime> {
    let tz = jiff::tz::TimeZone::get(&config.hours.time_zone)
        .unwrap_or_else(|_| jiff::tz::TimeZone::system());
    Some(
        jiff::Timestamp::from_millisecond(ms)
            .ok()?
            .to_zoned_datetime(tz),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_in_both_languages_case_accents_and_punctuation_aside() {
        assert_eq!(
            parse("¡Hola!", None),
            Some((Command::Start, Some(Lang::Es)))
        );
        assert_eq!(parse("MENU", None), Some((Command::Start, Some(Lang::En))));
        assert_eq!(
            parse("Estado.", None),
            Some((Command::Status, Some(Lang::Es)))
        );
        assert_eq!(
            parse("desvincular", None),
            Some((Command::Unlink, Some(Lang::Es)))
        );
        assert_eq!(parse("Sí", None), Some((Command::Yes, Some(Lang::Es))));
        assert_eq!(
            parse("link 7k3m-9qrt 2x", None),
            Some((Command::Link(Some("7k3m-9qrt 2x".into())), Some(Lang::En)))
        );
        assert_eq!(
            parse("Vincular ABCD", None),
            Some((Command::Link(Some("ABCD".into())), Some(Lang::Es)))
        );
        assert_eq!(
            parse("link", None),
            Some((Command::Link(None), Some(Lang::En)))
        );
        assert_eq!(parse("hi, do you have blue mugs?", None), None);
        assert_eq!(parse("the status of my order?", None), None);
        assert_eq!(
            parse("Yes please", Some("shopchat-bot:status")),
            Some((Command::Status, None))
        );
        assert_eq!(parse("Yes please", Some("somebody-else")), None);
    }
}
