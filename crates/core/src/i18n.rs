//! The engine's words for people, one catalogue per language: `(key, English, Spanish)` rows,
//! looked up by key, with `{name}` placeholders filled in. Each catalogue (the bot's, an
//! export's) is checked by [`check`] in its tests: both languages present, the same placeholders.

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
