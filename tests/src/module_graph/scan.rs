//! Reading a crate's modules and the item paths each one names, from the source text: comments
//! and string literals skipped, test code left out, `use` trees expanded.

use std::path::{Path, PathBuf};

/// A module: its path from the crate root (`["store", "writer"]`) and its file.
#[derive(Debug)]
pub struct Module {
    pub path: Vec<String>,
    pub file: PathBuf,
}

/// Every module of the crate whose root folder is `src`, test modules left out.
pub fn modules(src: &Path) -> Vec<Module> {
    let mut found = Vec::new();
    let root_file = ["lib.rs", "main.rs"]
        .iter()
        .map(|f| src.join(f))
        .find(|p| p.exists());
    if let Some(root) = root_file {
        collect(&root, Vec::new(), &mut found);
    }
    found
}

fn collect(file: &Path, path: Vec<String>, found: &mut Vec<Module>) {
    let Ok(text) = std::fs::read_to_string(file) else {
        return;
    };
    let code = strip(&text);
    // Children live beside `lib.rs`/`main.rs`/`mod.rs`, else in a folder named after the file.
    let folder = match file.file_name().and_then(|n| n.to_str()) {
        Some("lib.rs" | "main.rs" | "mod.rs") => file.parent().map(Path::to_path_buf),
        _ => Some(file.with_extension("")),
    };
    found.push(Module {
        path: path.clone(),
        file: file.to_path_buf(),
    });
    let non_test = before_test_code(&code);
    let lines: Vec<&str> = non_test.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = declared_module(line) else {
            continue;
        };
        let is_test = name == "tests"
            || name.ends_with("_tests")
            || (i > 0 && lines[i - 1].trim() == "#[cfg(test)]");
        if is_test {
            continue;
        }
        let Some(folder) = &folder else { continue };
        let child = [
            folder.join(format!("{name}.rs")),
            folder.join(&name).join("mod.rs"),
        ]
        .into_iter()
        .find(|p| p.exists());
        if let Some(child) = child {
            let mut child_path = path.clone();
            child_path.push(name);
            collect(&child, child_path, found);
        }
    }
}

/// `mod name;` (with any visibility), not an inline `mod name {`.
fn declared_module(line: &str) -> Option<String> {
    let t = line.trim();
    let rest = t
        .strip_prefix("pub(crate) mod ")
        .or_else(|| t.strip_prefix("pub(super) mod "))
        .or_else(|| t.strip_prefix("pub mod "))
        .or_else(|| t.strip_prefix("mod "))?;
    let name = rest.strip_suffix(';')?.trim();
    name.chars()
        .all(|c| c.is_alphanumeric() || c == '_')
        .then(|| name.to_owned())
}

/// The code before the file's first `#[cfg(test)]` (test modules come last by convention here).
pub fn before_test_code(code: &str) -> &str {
    match code.find("#[cfg(test)]\nmod tests") {
        Some(at) => &code[..at],
        None => code,
    }
}

/// `text` with comments and string and char literals blanked out (line breaks kept).
pub fn strip(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if b[i] == b'\n' {
                            out.push('\n');
                        }
                        i += 1;
                    }
                }
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                // A raw string: r"..." or r#"..."#.
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    out.push('r');
                    i += 1;
                    continue;
                }
                j += 1;
                let closing: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                while j < b.len() && !b[j..].starts_with(&closing) {
                    if b[j] == b'\n' {
                        out.push('\n');
                    }
                    j += 1;
                }
                out.push_str("\"\"");
                i = j + closing.len();
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    } else if b[i] == b'\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
                out.push_str("\"\"");
                i += 1;
            }
            b'\'' => {
                // A char literal ('x', '\n', '\u{..}'), or a lifetime ('a), kept as is.
                let close = if b.get(i + 1) == Some(&b'\\') {
                    b[i + 2..]
                        .iter()
                        .position(|&c| c == b'\'')
                        .map(|p| i + 2 + p)
                } else if b.get(i + 2) == Some(&b'\'') {
                    Some(i + 2)
                } else {
                    let ch_len = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                    (b.get(i + 1 + ch_len) == Some(&b'\'')).then_some(i + 1 + ch_len)
                };
                match close {
                    Some(end) => {
                        out.push_str("' '");
                        i = end + 1;
                    }
                    None => {
                        out.push('\'');
                        i += 1;
                    }
                }
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or(' ');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

/// Every item path in `code`: `use` trees expanded, and inline `crate::`/`super::`/`self::`
/// paths. Each with its line number.
pub fn paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    // `use` statements, whole (they may span lines).
    let mut search = 0;
    while let Some(rel) = code[search..].find("use ") {
        let at = search + rel;
        search = at + 4;
        let starts_word =
            at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        if !starts_word {
            continue;
        }
        let Some(end) = code[at..].find(';') else {
            break;
        };
        let tree = &code[at + 4..at + end];
        if tree.contains('\n') && tree.contains('=') {
            continue;
        }
        for p in expand(tree.trim()) {
            found.push((line_of(at), p));
        }
    }
    // Inline paths.
    for prefix in ["crate::", "super::", "self::"] {
        let mut search = 0;
        while let Some(rel) = code[search..].find(prefix) {
            let at = search + rel;
            search = at + prefix.len();
            let before = if at == 0 { b' ' } else { bytes[at - 1] };
            if before.is_ascii_alphanumeric() || before == b'_' || before == b':' {
                continue;
            }
            // `pub(in crate::x)` is visibility, not a path to an item.
            if code[..at].trim_end().ends_with("(in") {
                continue;
            }
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let segments: Vec<String> = path
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            found.push((line_of(at), segments));
        }
    }
    found
}

/// The paths of a use tree: `crate::{a::B, c::{D, E}}` gives `crate::a::B`, `crate::c::D`,
/// `crate::c::E`.
pub fn expand(tree: &str) -> Vec<Vec<String>> {
    // Spaces only where they separate words (`E as F`).
    let words: Vec<&str> = tree.split_whitespace().collect();
    let mut tree = words.join(" ");
    for sep in ["{", "}", ",", "::"] {
        tree = tree
            .replace(&format!(" {sep}"), sep)
            .replace(&format!("{sep} "), sep);
    }
    let mut out = Vec::new();
    expand_into(&tree, &mut Vec::new(), &mut out);
    out
}

fn expand_into(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let Some(open) = tree.find('{') else {
        let mut path = prefix.clone();
        let plain = tree.split(" as ").next().unwrap_or(tree);
        path.extend(
            plain
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        );
        out.push(path);
        return;
    };
    let head: Vec<String> = tree[..open]
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let depth_before = prefix.len();
    prefix.extend(head);
    for part in split_top(inner) {
        if part.is_empty() {
            continue;
        }
        expand_into(part, prefix, out);
    }
    prefix.truncate(depth_before);
}

/// `a::B,c::{D,E}` split at its top-level commas.
fn split_top(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}
