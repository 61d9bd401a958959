//! The Automations page's "try a message": which command or rule would answer a message, and
//! with what, for a new customer writing now (no takeover, no rate limit yet). Pure: nothing is
//! stored or sent.

use serde::Serialize;
use ts_rs::TS;

use super::commands::{self, Command};
use super::config::{BotConfig, KeywordReply};
use super::normalize::normalize;
use super::texts::{self, Lang};

/// What would answer, and with what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Explanation {
    /// `off`, `command`, `documents`, `keyword`, `away`, `greeting` or `nothing`.
    pub by: String,
    /// In words: "the command status", "keyword rule 2 (opening hours)".
    pub rule: String,
    /// The reply's text, when it is one.
    pub reply: Option<String>,
}

fn says(by: &str, rule: String, reply: Option<String>) -> Explanation {
    Explanation {
        by: by.to_owned(),
        rule,
        reply,
    }
}

/// What answers `text` from a new customer at `now_ms` under `config`.
pub fn explain(config: &BotConfig, text: &str, now_ms: i64) -> Explanation {
    if !config.enabled {
        return says("off", "the bot is off: nothing is answered".into(), None);
    }
    if let Some((command, lang)) = commands::parse(text, None) {
        let lang = lang.unwrap_or_default();
        let say = |key: &str| Some(texts::text(&config.texts, lang, key));
        let (name, reply) = match command {
            Command::Start => ("start", say("welcome")),
            Command::Help => ("help", say("help")),
            Command::Link(None) => ("link (no code: a request for the owner)", say("link_how")),
            Command::Link(Some(_)) => ("link with a code", None),
            Command::Status => ("status", None),
            Command::Unlink => ("unlink (asks to confirm)", None),
            Command::Yes | Command::No => ("yes / no (only after unlink)", None),
        };
        return says("command", format!("the command {name}"), reply);
    }
    if let Some((_, lang)) = crate::documents::requests::asked(text) {
        return says(
            "documents",
            format!(
                "a request for documents ({}): their latest one, a list, or a polite answer",
                lang.as_str()
            ),
            None,
        );
    }
    let folded = format!(" {} ", normalize(text));
    for (i, rule) in config.keywords.iter().enumerate() {
        if let Some(phrase) = rule.phrases.iter().find(|p| {
            let p = normalize(p);
            !p.is_empty() && folded.contains(&format!(" {p} "))
        }) {
            let reply = match &rule.reply {
                KeywordReply::Text { text } => Some(text.clone()),
                KeywordReply::Document { kind } => Some(format!("(their latest {kind})")),
                KeywordReply::Template { name, language } => {
                    Some(format!("(the template {name} in {language})"))
                }
            };
            return says(
                "keyword",
                format!("keyword rule {} ({phrase})", i + 1),
                reply,
            );
        }
    }
    let lang = Lang::En;
    if config.away && !config.open_at(now_ms) {
        return says(
            "away",
            "the away message: outside business hours".into(),
            Some(texts::text(&config.texts, lang, "away")),
        );
    }
    if config.greeting {
        return says(
            "greeting",
            "the greeting: a customer's first message".into(),
            Some(texts::text(&config.texts, lang, "greeting")),
        );
    }
    says("nothing", "nothing: the owner answers".into(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_documents_keywords_and_the_rest() {
        let mut c = BotConfig::default();
        assert_eq!(explain(&c, "Hola", 0).by, "command");
        assert_eq!(explain(&c, "mis documentos", 0).by, "documents");
        assert_eq!(explain(&c, "do you have mugs", 0).by, "nothing");
        c.keywords.push(super::super::KeywordRule {
            phrases: vec!["mugs".into()],
            reply: KeywordReply::Text {
                text: "Yes, 12.".into(),
            },
        });
        let e = explain(&c, "Do you have MUGS?", 0);
        assert_eq!(
            (e.by.as_str(), e.reply.as_deref()),
            ("keyword", Some("Yes, 12."))
        );
        c.greeting = true;
        assert_eq!(explain(&c, "good day", 0).by, "greeting");
        c.enabled = false;
        assert_eq!(explain(&c, "Hola", 0).by, "off");
    }
}
