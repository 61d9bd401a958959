//! The engine's words for people, one catalogue per language: `(key, English, Spanish)` rows,
//! looked up by key, with `{name}` placeholders filled in. Each catalogue (the bot's, an
//! export's) is checked by [`check`] in its tests: both languages present, the same placeholders.
//!
//! Two audiences: a customer hears the bot in the shop's language (the bot's settings); the
//! owner at this computer reads errors, problems and notifications in the *owner's language*
//! ([`owner_lang`]): the app tells the engine the language it shows (the CLI speaks English).
//! Those texts are said with [`say`] from each folder's `texts.rs`; `crate::owner_texts` lists
//! them, and its tests keep their keys unique and find every key said in the sources.

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language the engine speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }
}

static OWNER: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static ON_THIS_THREAD: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language of the person at this computer, in which errors, problems and notifications
/// are said: English until the app (or the CLI) says otherwise.
pub fn owner_lang() -> Lang {
    ON_THIS_THREAD
        .get()
        .unwrap_or(match OWNER.load(Ordering::Relaxed) {
            1 => Lang::Es,
            _ => Lang::En,
        })
}

/// The app shows `lang` now.
pub fn set_owner_lang(lang: Lang) {
    OWNER.store(
        match lang {
            Lang::En => 0,
            Lang::Es => 1,
        },
        Ordering::Relaxed,
    );
}

/// Runs `f` with `lang` as the owner's language on this thread only (for tests, which share
/// a process).
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = ON_THIS_THREAD.replace(Some(lang));
    let out = f();
    ON_THIS_THREAD.set(before);
    out
}

/// `key`'s text in the owner's language with its `{name}` placeholders filled from `values`.
/// A key the catalogue lacks is a bug (`owner_texts`' test scans the sources for them): it is
/// said as itself.
pub fn say(catalogue: &Catalogue, key: &str, values: &[(&str, &str)]) -> String {
    match lookup(catalogue, owner_lang(), key) {
        Some(text) => fill(text, values),
        None => {
            debug_assert!(false, "no text {key} in its catalogue");
            key.to_owned()
        }
    }
}

/// Rows of `(key, English, Spanish)`.
pub type Catalogue = [(&'static str, &'static str, &'static str)];

/// The text of `key` in `lang`, if the catalogue has it.
pub fn lookup(catalogue: &Catalogue, lang: Lang, key: &str) -> Option<&'static str> {
    catalogue
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, es)| match lang {
            Lang::En => *en,
            Lang::Es => *es,
        })
}

/// `template` with each `{name}` replaced by its value, in one pass: a value is never read
/// again, so a customer's name or a file name holding `{ref}` stays as it was. A placeholder
/// without a value stays as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Panics naming the first key that is empty in a language, listed twice, or whose languages
/// have different placeholders.
pub fn check(catalogue: &Catalogue) {
    fn holes(t: &str) -> Vec<&str> {
        let mut found: Vec<&str> = t
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }
    let mut keys: Vec<&str> = Vec::with_capacity(catalogue.len());
    for (key, en, es) in catalogue {
        assert!(
            !en.is_empty() && !es.is_empty(),
            "{key} is empty in a language"
        );
        assert_eq!(holes(en), holes(es), "{key}'s placeholders differ");
        assert!(!keys.contains(key), "{key} is listed twice");
        keys.push(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "greeting's placeholders differ")]
    fn a_missing_placeholder_is_caught() {
        check(&[("greeting", "Hi {name}", "Hola")]);
    }

    #[test]
    #[should_panic(expected = "bye is listed twice")]
    fn a_key_twice_is_caught() {
        check(&[("bye", "Bye", "Adiós"), ("bye", "Bye", "Chao")]);
    }

    #[test]
    fn the_owner_language_is_per_thread_in_tests() {
        let c: &Catalogue = &[("hi", "Hello {who}", "Hola {who}")];
        assert_eq!(say(c, "hi", &[("who", "Ana")]), "Hello Ana");
        let es = with_lang(Lang::Es, || say(c, "hi", &[("who", "Ana")]));
        assert_eq!(es, "Hola Ana");
        assert_eq!(owner_lang(), Lang::En);
    }

    #[test]
    fn looks_up_and_fills() {
        let c: &Catalogue = &[("title", "Chat with {name}", "Chat con {name}")];
        assert_eq!(lookup(c, Lang::Es, "title"), Some("Chat con {name}"));
        assert_eq!(lookup(c, Lang::En, "nope"), None);
        assert_eq!(
            fill("Chat with {name}", &[("name", "Ana")]),
            "Chat with Ana"
        );
        // Values are not read again, and what has no value stays as written.
        assert_eq!(
            fill(
                "{who} reacted to {target} {unknown}",
                &[("who", "{target}"), ("target", "“hi {who}”")]
            ),
            "{target} reacted to “hi {who}” {unknown}"
        );
        assert_eq!(fill("{a}{b} { } {", &[("a", "1"), ("b", "2")]), "12 { } {");
        assert_eq!(Lang::from_code("es"), Some(Lang::Es));
    }
}
