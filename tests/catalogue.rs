//! Meta-tests over the registry: a rule without docs, basis, fixtures or a registry line
//! fails here with what to add and where.

use std::collections::HashSet;
use std::path::Path;

use govcheck::registry::ALL;

const HEADINGS: &[&str] = &["## What it checks", "## Why it matters", "## How to fix", "## Example"];

#[test]
fn rule_ids_are_unique_kebab_case() {
    let mut seen = HashSet::new();
    for r in ALL {
        let id = r.meta.id;
        assert!(seen.insert(id), "rule id {id} is registered twice in src/registry.rs");
        assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "rule id {id} must be kebab-case");
    }
}

#[test]
fn every_rule_is_documented() {
    for r in ALL {
        let m = r.meta;
        for h in HEADINGS {
            assert!(m.docs.contains(h), "{}: its doc comment lacks the heading `{h}`", m.id);
        }
        for (field, v) in [("title", m.title), ("title_en", m.title_en), ("basis", m.basis), ("basis_en", m.basis_en)] {
            assert!(!v.trim().is_empty(), "{}: `{field}` is empty", m.id);
        }
        for h in ["What it checks", "Why it matters", "How to fix", "Example"] {
            assert!(m.doc_section(h).len() > 10, "{}: the `## {h}` section is too short", m.id);
        }
    }
}

#[test]
fn every_rule_has_pass_and_fail_fixtures_and_every_fixture_folder_a_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let ids: HashSet<&str> = ALL.iter().map(|r| r.meta.id).collect();
    for r in ALL {
        let dir = root.join(r.meta.id);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{}: add fixtures in tests/fixtures/{}/ (pass-*.html and fail-*.html)", r.meta.id, r.meta.id))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        for prefix in ["pass-", "fail-"] {
            assert!(names.iter().any(|n| n.starts_with(prefix)), "{}: add a {prefix}*.html fixture in tests/fixtures/{}/", r.meta.id, r.meta.id);
        }
    }
    for dir in std::fs::read_dir(&root).unwrap() {
        let name = dir.unwrap().file_name().to_string_lossy().into_owned();
        assert!(ids.contains(name.as_str()), "tests/fixtures/{name}/ names no registered rule (src/registry.rs)");
    }
}

#[test]
fn every_rule_file_is_registered() {
    // Each src/rules/<group>/<file>.rs (other than mod.rs) declares one rule that must be in ALL.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let registry = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/registry.rs")).unwrap();
    for group in std::fs::read_dir(&root).unwrap() {
        let group = group.unwrap().path();
        if !group.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&group).unwrap() {
            let f = f.unwrap().path();
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            if stem == "mod" || stem.starts_with("helpers") {
                continue;
            }
            let gname = group.file_name().unwrap().to_string_lossy().into_owned();
            let path = format!("rules::{gname}::{stem}::check");
            assert!(
                registry.contains(&path),
                "{}: add `Rule {{ meta: &{}::META, check: {path} }}` to ALL in src/registry.rs",
                f.display(),
                path.trim_end_matches("::check")
            );
        }
    }
}
