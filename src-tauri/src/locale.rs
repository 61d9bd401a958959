//! The language the engine speaks before the window says which it shows: the system's, as the
//! window itself follows it until the owner chooses (the texts made at start-up, such as why the
//! app could not go live, are said in it).

use shopchat_core::i18n::Lang;

/// The first language of the POSIX locale variables, in their order of precedence
/// (`LANGUAGE`'s list, `LC_ALL`, `LC_MESSAGES`, `LANG`), that the engine speaks; English
/// otherwise. `var` reads a variable.
pub fn system_lang(var: impl Fn(&str) -> Option<String>) -> Lang {
    let mut tags: Vec<String> = var("LANGUAGE")
        .map(|list| list.split(':').map(str::to_owned).collect())
        .unwrap_or_default();
    tags.extend(
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(&var),
    );
    tags.iter()
        .filter(|t| !t.is_empty())
        .find_map(|t| {
            let base = t.split(['_', '-', '.', '@']).next()?.to_ascii_lowercase();
            Lang::from_code(&base)
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn follows_the_locale_variables_in_their_order() {
        assert_eq!(system_lang(env(&[("LANG", "es_MX.UTF-8")])), Lang::Es);
        assert_eq!(system_lang(env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(system_lang(env(&[])), Lang::En);
        assert_eq!(
            system_lang(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "es_ES.UTF-8")])),
            Lang::En
        );
        // A language list: the first one spoken here.
        assert_eq!(
            system_lang(env(&[("LANGUAGE", "fr:es:en"), ("LANG", "fr_FR.UTF-8")])),
            Lang::Es
        );
    }
}
