//! Embeds `migrations/NNNN_name.sql` (at the workspace root) into the crate, in order.

use std::{env, fs, path::PathBuf};

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("../../migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(u32, String, PathBuf)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.to_owned();
            let stem = name.strip_suffix(".sql")?;
            let (num, title) = stem.split_once('_')?;
            Some((num.parse().ok()?, title.to_owned(), path))
        })
        .collect();
    files.sort();
    // Numbers are allotted to branches in advance (0018 may land before 0011 on a branch), so
    // gaps are allowed; a number used twice is refused.
    for (i, (num, _, path)) in files.iter().enumerate() {
        assert!(
            i == 0 || files[i - 1].0 < *num,
            "two migrations share the number {num}: {}",
            path.display()
        );
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let body: String = files
        .iter()
        .map(|(num, title, path)| {
            let path = path.canonicalize().expect("migration path");
            format!(
                "    Migration {{ version: {num}, name: {title:?}, sql: include_str!({:?}) }},\n",
                path.display().to_string()
            )
        })
        .collect();
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("migrations.rs");
    fs::write(
        out,
        format!("pub(crate) static MIGRATIONS: &[Migration] = &[\n{body}];\n"),
    )
    .expect("writing migrations.rs");
}
