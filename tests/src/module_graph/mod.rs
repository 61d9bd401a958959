//! The import graph of a crate's modules, and its cycles: a module never imports one
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

mod scan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use scan::expand;
use scan::{before_test_code, modules, paths, strip};

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
pub fn cycles(src: &Path) -> Vec<String> {
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
