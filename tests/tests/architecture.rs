//! The workspace's layering, checked on its manifests and sources: only the desktop shell
//! depends on Tauri, and the engine's code depends on the fake Graph API only in its sandbox
//! mode (the `sandbox` feature), never in what a live engine runs.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is in the repository")
        .to_path_buf()
}

/// The packages `package` depends on (normal and build edges, the given features), one name a
/// line, from `cargo tree`.
fn dependencies(package: &str, extra: &[&str]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .current_dir(repo())
        .args(["tree", "--locked", "--offline", "-e", "normal,build"])
        .args(["--prefix", "none", "--format", "{p}", "-p", package])
        .args(extra)
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree -p {package} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn only_the_desktop_shell_depends_on_tauri() {
    for package in [
        "wacloud",
        "shopchat-fake-graph",
        "shopchat-core",
        "shopchat-cli",
        "shopchat-e2e",
    ] {
        let deps = dependencies(package, &[]);
        assert!(deps.iter().any(|d| d == package), "{package}: {deps:?}");
        let tauri: Vec<_> = deps.iter().filter(|d| d.starts_with("tauri")).collect();
        assert!(tauri.is_empty(), "{package} depends on {tauri:?}");
    }
    let desktop = dependencies("shopchat-desktop", &[]);
    assert!(desktop.iter().any(|d| d == "tauri"), "{desktop:?}");
}

#[test]
fn the_engine_depends_on_the_fake_only_through_its_sandbox_feature() {
    let with_sandbox = dependencies("shopchat-core", &[]);
    assert!(
        with_sandbox.iter().any(|d| d == "shopchat-fake-graph"),
        "the default engine has the sandbox: {with_sandbox:?}"
    );
    let live_only = dependencies("shopchat-core", &["--no-default-features"]);
    assert!(
        !live_only.iter().any(|d| d == "shopchat-fake-graph"),
        "without the sandbox feature the engine still depends on the fake: {live_only:?}"
    );
}

/// The engine's non-test sources that may name the fake: the sandbox module and the engine's
/// sandbox wiring, both built only with the `sandbox` feature.
const SANDBOX_MODE: &[&str] = &["sandbox/", "engine/sandbox_mode.rs"];

#[test]
fn only_the_engines_sandbox_mode_names_the_fake() {
    let src = repo().join("crates/core/src");
    let mut offenders = Vec::new();
    for file in rust_files(&src) {
        let relative = file
            .strip_prefix(&src)
            .expect("below src")
            .to_string_lossy()
            .replace('\\', "/");
        let is_test = relative.ends_with("tests.rs")
            || relative.contains("tests/")
            || relative.ends_with("_tests.rs");
        if is_test || SANDBOX_MODE.iter().any(|m| relative.starts_with(m)) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable");
        // Code after a `#[cfg(test)]` module header is test code.
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            if line.contains("fake_graph::") || line.contains("shopchat_fake_graph") {
                let gated = n > 0
                    && code
                        .lines()
                        .nth(n - 1)
                        .is_some_and(|prev| prev.trim() == "#[cfg(feature = \"sandbox\")]");
                if !gated {
                    offenders.push(format!("{relative}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the engine names the fake outside its sandbox mode:\n{}",
        offenders.join("\n")
    );
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a readable dir") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
