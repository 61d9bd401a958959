//! The catalogues of what the engine tells the owner, one per folder (`live/texts.rs`,
//! `contacts/texts.rs`, …), in one list: their keys are unique across them, and every key said
//! in the sources (`say(TEXTS, "folder.key"`) is in one of them. Kept apart from `i18n`, which
//! every catalogue uses, so that no folder and `i18n` depend on each other.

use crate::i18n::Catalogue;

/// The catalogues of the owner's texts (each said from with [`crate::i18n::say`]); their keys
/// are unique across them.
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
    crate::tunnel::texts::TEXTS,
    crate::views::texts::TEXTS,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_catalogues_are_whole_and_their_keys_unique() {
        let all: Vec<_> = OWNER_CATALOGUES
            .iter()
            .flat_map(|c| c.iter())
            .copied()
            .collect();
        crate::i18n::check(&all);
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
        // The engine's sources, and the app's and the CLI's, which say texts from them too.
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["src", "../../src-tauri/src", "../cli/src"] {
            walk(&manifest.join(dir), &mut files);
        }
        let known = |key: &str| {
            OWNER_CATALOGUES
                .iter()
                .any(|c| crate::i18n::lookup(c, crate::i18n::Lang::En, key).is_some())
        };
        let mut said = 0;
        for file in files
            .iter()
            .filter(|f| !f.ends_with("i18n.rs") && !f.ends_with("owner_texts.rs"))
        {
            let source = std::fs::read_to_string(file).unwrap();
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
                // `TEXTS`, `texts::TEXTS`, `super::TEXTS`: the last segment in capitals.
                let catalogue = head
                    .strip_suffix(',')
                    .map(|c| c.rsplit("::").next().unwrap_or(c))
                    .is_some_and(|c| {
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
}
