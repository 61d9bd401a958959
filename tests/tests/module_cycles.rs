//! No import cycles between the modules of the workspace's crates: a module never imports one
//! that imports it back, directly or through others. A shared piece goes in a small module of
//! its own. How the graph is read: `tests/src/module_graph/`.

use std::path::{Path, PathBuf};

use shopchat_e2e::module_graph::cycles;

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

#[cfg(test)]
mod checker {
    use super::*;
    use shopchat_e2e::module_graph::expand;

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
