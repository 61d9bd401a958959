//! The engine's words for people, one catalogue per language: `(key, English, Spanish)` rows,
//! looked up by key, with `{name}` placeholders filled in. Each catalogue (the bot's, an
//! export's) is checked by [`check`] in its tests: both languages present, the same placeholders.
//!
//! Two audiences: a customer hears the bot in the shop's language (the bot's settings); the
//! owner at this computer reads errors, problems and notifications in the *owner's language*
//! ([`owner_lang`]): the app tells the engine the language it shows (the CLI speaks English).
//! Those texts are said with [`say`] from the catalogues listed in [`OWNER_CATALOGUES`], whose
//! keys are unique across them (`area.key`); a test finds every `say(…, "key"` in the sources
//! and fails on a key no catalogue has.

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

/// The language of a POSIX locale (`es_ES.UTF-8`, `es`, `C`), if the engine speaks it.
pub fn lang_of_locale(locale: &str) -> Option<Lang> {
    let base = locale
        .split(['_', '-', '.', '@'])
        .next()?
        .to_ascii_lowercase();
    Lang::from_code(&base)
}

/// The catalogues of the owner's texts: [`say`] looks keys up in these, and their keys are
/// unique across them.
pub const OWNER_CATALOGUES: &[&Catalogue] = &[
    crate::backup::texts::TEXTS,
    crate::broadcasts::texts::TEXTS,
    crate::compose::texts::TEXTS,
    crate::contacts::texts::TEXTS,
    crate::documents::texts::TEXTS,
    crate::engine::texts::TEXTS,
    crate::export::texts::TEXTS,
    crate::links::texts::TEXTS,
    crate::live::texts::TEXTS,
    crate::outbox::texts::TEXTS,
    crate::quick_replies::texts::TEXTS,
    crate::secrets::texts::TEXTS,
    crate::settings::texts::TEXTS,
    crate::store::texts::TEXTS,
    crate::templates::texts::TEXTS,
    crate::views::texts::TEXTS,
];

/// `key`'s text in the owner's language with its `{name}` placeholders filled from `values`.
/// A key no catalogue has is a bug (a test scans the sources for them): it is said as itself.
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

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
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
        assert_eq!(lang_of_locale("es_ES.UTF-8"), Some(Lang::Es));
        assert_eq!(lang_of_locale("en"), Some(Lang::En));
        assert_eq!(lang_of_locale("C.UTF-8"), None);
        assert_eq!(lang_of_locale("fr_FR"), None);
    }

    #[test]
    fn the_owner_catalogues_are_whole_and_their_keys_unique() {
        let all: Vec<_> = OWNER_CATALOGUES
            .iter()
            .flat_map(|c| c.iter())
            .copied()
            .collect();
        check(&all);
    }

    /// Every `say(…, "key"` in the engine's sources names a key its catalogues have.
    #[test]
    fn every_key_said_is_in_a_catalogue() {
        fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, files);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let known = |key: &str| {
            OWNER_CATALOGUES
                .iter()
                .any(|c| lookup(c, Lang::En, key).is_some())
        };
        let mut said = 0;
        for file in files.iter().filter(|f| !f.ends_with("i18n.rs")) {
            let source = std::fs::read_to_string(&file).unwrap();
            // `say(TEXTS, "key"` (any catalogue in capitals) and the settings' `why("key"`.
            let calls = source
                .match_indices("say(")
                .map(|(at, _)| (at, at + 4, true))
                .chain(
                    source
                        .match_indices("why(")
                        .map(|(at, _)| (at, at + 4, false)),
                );
            for (start, at, named) in calls {
                let word_before = source[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                let rest = &source[at..];
                let Some(open) = rest.find('"') else { continue };
                let head: String = rest[..open].split_whitespace().collect();
                let catalogue = head.strip_suffix(',').is_some_and(|c| {
                    !c.is_empty() && c.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_')
                });
                if word_before || (named && !catalogue) || (!named && !head.is_empty()) {
                    continue;
                }
                let key = &rest[open + 1..];
                let key = &key[..key.find('"').unwrap()];
                if key.contains(' ') || key.contains('{') {
                    continue;
                }
                assert!(
                    known(key),
                    "{} says {key:?}, which no catalogue has",
                    file.display()
                );
                said += 1;
            }
        }
        assert!(said > 20, "the scan found only {said} keys said");
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
        assert_eq!(Lang::from_code("es"), Some(Lang::Es));
    }
}
