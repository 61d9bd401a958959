//! No import cycles between the modules of the workspace's crates: a module never imports one
//! that imports it back, directly or through others. A shared piece goes in a small module of
//! its own (a clock, a type beside the events, a list of names), not in either of two modules
//! that need it.
//!
//! How it reads the code (std only, a careful text scan, not a compiler):
//! * a module is a source file (`foo.rs` or `foo/mod.rs`); inline `mod x { }` blocks belong to
//!   their file; test modules (`tests.rs`, files under a `tests/` module folder, anything after
//!   `#[cfg(test)]`) are left out, since tests naturally use what they test;
//! * an edge A → B is an item path in A that resolves into module B: `use crate::x::Y`,
//!   `use super::Y`, `self::`, grouped uses, and paths written inline in code
//!   (`crate::store::now_secs()`); the longest prefix of the path that is a module is the
//!   target. Comments and string literals are skipped; `pub(in crate::x)` is not an import;
//! * a module's references to its own ancestors (`super::Thing` in a child, `crate::Thing` that
//!   names the crate root) do not count: a child builds on its parent's items by design, and the
//!   parent names the child only to declare or re-export it. Edges between siblings, cousins and
//!   into a module's descendants count.
//!
//! A cycle is a strongly connected group of two or more modules; each is reported with its
//! members, one path round it and the line that makes each step. On the tree before the cycles
//! were broken (`CYCLES_ROOT=<an old checkout> cargo test --test module_cycles`) it finds exactly
//! the four the clean-up named: config/secrets/settings, events/breaker/store/writer, the fake's
//! templates/checks, and wacloud's account/client (with send/read in the same group).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates' source folders, from the repository root.
const CRATES: &[&str] = &[
    "crates/wacloud/src",
    "crates/fake-graph/src",
    "crates/core/src",
    "crates/cli/src",
    "src-tauri/src",
    "tests/src",
];

#[test]
fn module_imports_are_acyclic() {
    let root = std::env::var("CYCLES_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
    let mut report = Vec::new();
    for krate in CRATES {
        let src = root.join(krate);
        if !src.is_dir() {
            continue;
        }
        for cycle in cycles(&src) {
            report.push(format!("{krate}: {cycle}"));
        }
    }
    assert!(
        report.is_empty(),
        "import cycles (put the shared piece in a module of its own):\n{}",
        report.join("\n")
    );
}

/// A module: its path from the crate root (`["store", "writer"]`) and its file.
#[derive(Debug)]
struct Module {
    path: Vec<String>,
    file: PathBuf,
}

/// Every module of the crate whose root folder is `src`, test modules left out.
fn modules(src: &Path) -> Vec<Module> {
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
fn before_test_code(code: &str) -> &str {
    match code.find("#[cfg(test)]\nmod tests") {
        Some(at) => &code[..at],
        None => code,
    }
}

/// `text` with comments and string and char literals blanked out (line breaks kept).
fn strip(text: &str) -> String {
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
fn paths(code: &str) -> Vec<(usize, Vec<String>)> {
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
fn expand(tree: &str) -> Vec<Vec<String>> {
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

/// Resolves `segments`, written in module `from`, to the module it names: the longest prefix
/// that is a module. `None` for another crate's path.
fn resolve(
    from: &[String],
    segments: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let mut base: Vec<String>;
    let mut rest = segments;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base = Vec::new();
            rest = &rest[1..];
        }
        Some("super") => {
            base = from.to_vec();
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        Some("self") => {
            base = from.to_vec();
            rest = &rest[1..];
        }
        Some(first) => {
            // A bare path through a child module declared here (`writer::X` after `mod writer;`).
            let mut child = from.to_vec();
            child.push(first.to_owned());
            if !modules.contains(&child) {
                return None;
            }
            base = from.to_vec();
        }
        None => return None,
    }
    let mut target = base.clone();
    for seg in rest {
        let mut next = target.clone();
        next.push(seg.clone());
        if modules.contains(&next) {
            target = next;
        } else {
            break;
        }
    }
    Some(target)
}

/// The import cycles of one crate, each as one path round it with the lines that make it.
fn cycles(src: &Path) -> Vec<String> {
    let mods = modules(src);
    let names: BTreeSet<Vec<String>> = mods.iter().map(|m| m.path.clone()).collect();
    // edges[a][b] = the first line of a's file that imports b.
    let mut edges: BTreeMap<Vec<String>, BTreeMap<Vec<String>, usize>> = BTreeMap::new();
    for m in &mods {
        let text = std::fs::read_to_string(&m.file).unwrap_or_default();
        let code = strip(&text);
        let code = before_test_code(&code);
        let out = edges.entry(m.path.clone()).or_default();
        for (line, segments) in paths(code) {
            let Some(target) = resolve(&m.path, &segments, &names) else {
                continue;
            };
            let is_ancestor = m.path.starts_with(&target);
            if target != m.path && !is_ancestor {
                out.entry(target).or_insert(line);
            }
        }
    }
    let display = |p: &Vec<String>| -> String {
        mods.iter()
            .find(|m| &m.path == p)
            .and_then(|m| m.file.strip_prefix(src).ok())
            .map(|f| f.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|| p.join("::"))
    };
    strongly_connected(&edges)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|component| {
            let members: BTreeSet<_> = component.iter().cloned().collect();
            let start = component[0].clone();
            let path = path_round(&start, &members, &edges);
            let steps: Vec<String> = path
                .windows(2)
                .map(|w| {
                    format!(
                        "{} -> {} (line {})",
                        display(&w[0]),
                        display(&w[1]),
                        edges[&w[0]][&w[1]]
                    )
                })
                .collect();
            let mut names: Vec<String> = members.iter().map(display).collect();
            names.sort();
            format!("{{{}}}, e.g. {}", names.join(", "), steps.join(", "))
        })
        .collect()
}

/// Tarjan's strongly connected components.
fn strongly_connected(
    edges: &BTreeMap<Vec<String>, BTreeMap<Vec<String>, usize>>,
) -> Vec<Vec<Vec<String>>> {
    struct State<'a> {
        edges: &'a BTreeMap<Vec<String>, BTreeMap<Vec<String>, usize>>,
        index: BTreeMap<Vec<String>, usize>,
        low: BTreeMap<Vec<String>, usize>,
        stack: Vec<Vec<String>>,
        on_stack: BTreeSet<Vec<String>>,
        next: usize,
        out: Vec<Vec<Vec<String>>>,
    }
    fn visit(s: &mut State<'_>, v: &Vec<String>) {
        s.index.insert(v.clone(), s.next);
        s.low.insert(v.clone(), s.next);
        s.next += 1;
        s.stack.push(v.clone());
        s.on_stack.insert(v.clone());
        let targets: Vec<Vec<String>> = s
            .edges
            .get(v)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for w in targets {
            if !s.index.contains_key(&w) {
                visit(s, &w);
                let low = s.low[v].min(s.low[&w]);
                s.low.insert(v.clone(), low);
            } else if s.on_stack.contains(&w) {
                let low = s.low[v].min(s.index[&w]);
                s.low.insert(v.clone(), low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                let done = &w == v;
                component.push(w);
                if done {
                    break;
                }
            }
            s.out.push(component);
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// A shortest path from `start` back to itself inside one component (breadth first).
fn path_round(
    start: &Vec<String>,
    members: &BTreeSet<Vec<String>>,
    edges: &BTreeMap<Vec<String>, BTreeMap<Vec<String>, usize>>,
) -> Vec<Vec<String>> {
    let mut came_from: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.clone()]);
    while let Some(v) = queue.pop_front() {
        for w in edges.get(&v).into_iter().flat_map(|m| m.keys()) {
            if !members.contains(w) {
                continue;
            }
            if w == start {
                // v, back along the way it was reached to start; then reversed, and round.
                let mut path = vec![v.clone()];
                let mut at = v.clone();
                while let Some(prev) = came_from.get(&at) {
                    path.push(prev.clone());
                    at = prev.clone();
                }
                path.reverse();
                path.push(start.clone());
                return path;
            }
            if !came_from.contains_key(w) && w != start {
                came_from.insert(w.clone(), v.clone());
                queue.push_back(w.clone());
            }
        }
    }
    vec![start.clone()]
}

#[cfg(test)]
mod checker {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        dir
    }

    #[test]
    fn a_two_module_cycle_is_found_with_its_lines() {
        let dir = tree(&[
            ("lib.rs", "mod a;\nmod b;\n"),
            ("a.rs", "use crate::b::B;\npub struct A;\n"),
            ("b.rs", "pub struct B;\nfn f() { let _ = crate::a::A; }\n"),
        ]);
        let found = cycles(dir.path());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("a.rs -> b.rs (line 1)"), "{found:?}");
        assert!(found[0].contains("b.rs -> a.rs (line 2)"), "{found:?}");
    }

    #[test]
    fn a_chain_a_parent_and_a_child_and_tests_are_not_cycles() {
        let dir = tree(&[
            (
                "lib.rs",
                "pub mod store;\nmod events;\npub use store::Store;\n#[cfg(test)]\nmod tests;\n",
            ),
            (
                "store/mod.rs",
                "mod writer;\nuse writer::Writer;\npub struct Store;\npub struct StoreError;\n",
            ),
            // A child using its parent's items, and the crate root's.
            (
                "store/writer.rs",
                "use super::StoreError;\nuse crate::events::Event;\npub struct Writer;\n",
            ),
            (
                "events.rs",
                "pub struct Event;\n#[cfg(test)]\nmod tests {\n    use crate::store::Store;\n}\n",
            ),
            (
                "tests.rs",
                "use crate::store::Store;\nuse crate::events::Event;\n",
            ),
        ]);
        assert!(cycles(dir.path()).is_empty(), "{:?}", cycles(dir.path()));
    }

    #[test]
    fn paths_in_comments_strings_and_visibility_are_not_imports() {
        let dir = tree(&[
            ("lib.rs", "mod a;\nmod b;\n"),
            ("a.rs", "use crate::b::B;\n"),
            (
                "b.rs",
                "// crate::a::A\n/* crate::a::A */\nconst S: &str = \"crate::a::A\";\nconst R: &str = r#\"crate::a::A\"#;\npub(in crate::a) struct B;\n",
            ),
        ]);
        assert!(cycles(dir.path()).is_empty(), "{:?}", cycles(dir.path()));
    }

    #[test]
    fn grouped_and_nested_uses_are_expanded() {
        assert_eq!(
            expand("crate::{a::B, c::{D, E as F}}"),
            vec![
                vec!["crate", "a", "B"],
                vec!["crate", "c", "D"],
                vec!["crate", "c", "E"],
            ]
        );
    }
}
