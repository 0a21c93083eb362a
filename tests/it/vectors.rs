//! The one loader of the data-driven tests' TOML files: every `[[vector]]` of every
//! `*.toml` file in a folder under `tests/data/`.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;

/// A vector file: its `[[vector]]` tables.
#[derive(Deserialize)]
struct File<V> {
    vector: Vec<V>,
}

/// Every `[[vector]]` of the `*.toml` files in `dir` (a path from the crate root), files in
/// name order, each vector with the stem of its file (`kinds` for `kinds.toml`). Panics
/// with the file's path when a file cannot be read or parsed, and when there is none.
pub(crate) fn load_vectors<V: DeserializeOwned>(dir: &str) -> Vec<(String, V)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "{}: no .toml files", dir.display());
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let file: File<V> =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.extend(file.vector.into_iter().map(|v| (stem.clone(), v)));
    }
    out
}

/// Runs `check` on every vector and fails listing each failing one (`file/label`, where
/// `label` names the vector and its source) with the errors `check` returned.
pub(crate) fn assert_vectors_pass<V>(
    vectors: &[(String, V)],
    label: impl Fn(&V) -> String,
    check: impl Fn(&V) -> Vec<String>,
) {
    let failures: Vec<String> = vectors
        .iter()
        .filter_map(|(file, v)| {
            let errs = check(v);
            (!errs.is_empty()).then(|| format!("{file}/{}:\n    {}", label(v), errs.join("\n    ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        vectors.len(),
        failures.join("\n")
    );
}
