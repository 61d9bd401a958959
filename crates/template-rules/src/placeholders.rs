//! The `{{...}}` parameters of a template text.

use serde::{Deserialize, Serialize};

/// One `{{...}}` in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placeholder {
    /// What is between the braces, trimmed: `1`, `first_name`.
    pub name: String,
    /// Byte offset of `{{`.
    pub start: usize,
    /// Byte offset just past `}}`.
    pub end: usize,
}

impl Placeholder {
    /// `{{1}}`, `{{2}}`...
    pub fn is_positional(&self) -> bool {
        !self.name.is_empty() && self.name.bytes().all(|b| b.is_ascii_digit())
    }
}

/// Every `{{...}}` of `text`, in order (repeats included). An unclosed `{{` ends the search.
pub fn placeholders(text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{") {
        let start = from + open;
        let Some(close) = text[start + 2..].find("}}") else {
            break;
        };
        let end = start + 2 + close + 2;
        found.push(Placeholder {
            name: text[start + 2..end - 2].trim().to_owned(),
            start,
            end,
        });
        from = end;
    }
    found
}

/// The distinct names in order of first use.
pub(crate) fn distinct(found: &[Placeholder]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for p in found {
        if !names.contains(&p.name) {
            names.push(p.name.clone());
        }
    }
    names
}
