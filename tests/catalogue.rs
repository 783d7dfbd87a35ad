//! Meta-tests over the registry: a rule without docs, basis, fixtures or a registry line
//! fails here with what to add and where.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use govcheck::registry::{ALL, Lang, Section};

const HEADINGS: &[&str] = &["## What it checks", "## Why it matters", "## How to fix", "## Example"];
const HEADINGS_ZH: &[&str] = &["## 检查内容", "## 为什么重要", "## 如何整改", "## 示例"];

/// Below this share of Chinese characters a section reads as foreign prose.
const MIN_CJK_SHARE: f64 = 0.5;

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Chinese characters and Latin letters of a section's prose: code spans, and words that
/// are URLs, hosts, ids or selectors (they hold `. / : # _ = < > ? & @ -`), left out.
fn prose_counts(text: &str) -> (usize, usize) {
    let prose: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let (mut han, mut latin) = (0, 0);
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if !word.chars().any(|c| "./:#_=<>?&@-".contains(c)) {
            latin += word.chars().filter(char::is_ascii_alphabetic).count();
        }
        word.clear();
    };
    for c in prose.chars() {
        if c.is_ascii_graphic() && !"(),;\"'".contains(c) {
            word.push(c);
            continue;
        }
        flush(&mut word);
        if is_han(c) {
            han += 1;
        }
    }
    flush(&mut word);
    (han, latin)
}

fn cjk_share(text: &str) -> f64 {
    let (han, latin) = prose_counts(text);
    han as f64 / (han + latin).max(1) as f64
}

fn code_spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

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
fn every_rule_is_documented_in_chinese() {
    for r in ALL {
        let m = r.meta;
        let mut at = 0;
        for h in HEADINGS_ZH {
            let pos = m.docs_zh.find(h).unwrap_or_else(|| panic!("{}: `docs_zh` lacks the heading `{h}` (src/rules/{}/…)", m.id, m.category));
            assert!(pos >= at, "{}: `docs_zh` has `{h}` out of order (检查内容, 为什么重要, 如何整改, 示例)", m.id);
            assert_eq!(m.docs_zh.matches(h).count(), 1, "{}: `docs_zh` has `{h}` twice", m.id);
            at = pos;
        }
        for s in Section::ALL {
            let text = m.section(Lang::Zh, s);
            let h = s.heading(Lang::Zh);
            let (han, _) = prose_counts(&text);
            assert!(han >= 4, "{}: the Chinese section `## {h}` is empty or has no Chinese prose: {text:?}", m.id);
            let share = cjk_share(&text);
            assert!(
                share >= MIN_CJK_SHARE,
                "{}: the Chinese section `## {h}` is mostly non-Chinese prose ({:.0}% Chinese; put ids, selectors and URLs in `code`): {text:?}",
                m.id,
                share * 100.0
            );
        }
    }
}

#[test]
fn the_prose_measure_tells_english_from_chinese() {
    // English with Chinese terms (as the English docs are written) is not Chinese prose…
    let english = "单项否决: five or more 动态要闻/通知公告/政策文件 columns out of their window, or ten columns of any kind, \
                   fail the whole site (国办秘函〔2019〕19号).";
    assert!(cjk_share(english) < MIN_CJK_SHARE, "{}", cjk_share(english));
    // …and Chinese with code, URLs and selectors is.
    let chinese = "按备案时的原样展示编号，如 `赣ICP备06000141号`，并链接到 https://beian.miit.gov.cn/ 或 span#_ideConac。";
    assert!(cjk_share(chinese) > 0.9, "{}", cjk_share(chinese));
}

#[test]
fn chinese_docs_show_no_internal_words() {
    // People read outcomes as 不合格 / 需人工复核 / 需全站数据, never as the JSON ids.
    for r in ALL {
        let m = r.meta;
        for id in ["needs_site", "not_applicable", "`review`", "`pass`", "`fail`", "`value`", "`column`"] {
            assert!(!m.docs_zh.contains(id), "{}: `docs_zh` shows the internal word {id}; say it in Chinese", m.id);
        }
        for h in HEADINGS {
            assert!(!m.docs_zh.contains(h), "{}: `docs_zh` has the English heading `{h}`", m.id);
        }
    }
}

#[test]
fn code_spans_are_closed_and_the_examples_agree() {
    for r in ALL {
        let m = r.meta;
        for lang in [Lang::En, Lang::Zh] {
            for s in Section::ALL {
                let text = m.section(lang, s);
                assert!(text.matches('`').count() % 2 == 0, "{}: an unclosed `code` span in `## {}`: {text:?}", m.id, s.heading(lang));
            }
        }
        // The Chinese example shows the same code as the English one.
        let zh = m.section(Lang::Zh, Section::Example);
        for code in code_spans(&m.section(Lang::En, Section::Example)) {
            assert!(zh.contains(&format!("`{code}`")), "{}: the Chinese `## 示例` lacks `{code}` of the English example", m.id);
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

/// Each rule's `## Options` section names exactly the option keys its file reads
/// (`ctx.options.KEY`, or `o.KEY` through the alias the column rules use), every key is a
/// real option, and every threshold option is documented by some rule. Engine-wide limits
/// (`profile`, `max_html_bytes`, `max_nodes`) belong to no rule.
#[test]
fn rule_docs_name_the_options_they_read() {
    let fields: BTreeSet<String> = match serde_json::to_value(govcheck::Options::default()).unwrap() {
        serde_json::Value::Object(m) => m.keys().cloned().collect(),
        _ => unreachable!(),
    };
    let engine_wide: BTreeSet<String> = ["profile", "max_html_bytes", "max_nodes"].iter().map(|s| s.to_string()).collect();
    let helper_reads: BTreeSet<String> =
        ["news_window_days", "notice_window_days", "personnel_window_days", "other_window_days"].iter().map(|s| s.to_string()).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut documented = BTreeSet::new();
    for group in std::fs::read_dir(&root).unwrap().map(|g| g.unwrap().path()).filter(|p| p.is_dir()) {
        for f in std::fs::read_dir(&group).unwrap().map(|f| f.unwrap().path()) {
            if f.file_stem().unwrap() == "mod" {
                continue;
            }
            let src = std::fs::read_to_string(&f).unwrap();
            let id = src.split("id: \"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_else(|| panic!("{}: no rule id", f.display()));
            let meta = govcheck::registry::find(id).unwrap().meta;
            let listed: BTreeSet<String> = meta.option_keys().into_iter().collect();
            let mut read = BTreeSet::new();
            for key in &fields {
                if src.contains(&format!("options.{key}")) || src.contains(&format!("o.{key}")) {
                    read.insert(key.clone());
                }
            }
            // `window_days`/`is_stale` (rules/content/mod.rs) read the four window options.
            if src.contains("window_days(") || src.contains("is_stale(") {
                read.extend(helper_reads.iter().cloned());
            }
            assert_eq!(listed, read, "{id} ({}): `## Options` lists {listed:?} but the rule reads {read:?}", f.display());
            for k in &listed {
                assert!(fields.contains(k), "{id}: `## Options` names `{k}`, which is not an option");
            }
            assert_eq!(meta.docs_zh.contains("## 设置项"), !listed.is_empty(), "{id}: the Chinese docs need a `## 设置项` section exactly when it has options");
            documented.extend(listed);
        }
    }
    let undocumented: Vec<_> = fields.difference(&documented).filter(|k| !engine_wide.contains(*k)).collect();
    assert!(undocumented.is_empty(), "options no rule documents: {undocumented:?}");
}

/// The page model is sealed: rules ask `Page`, `El` and `Facts`, and never the HTML parser
/// (`src/page/` is the only code that knows it), so a parser change touches no rule.
#[test]
fn rules_never_name_the_html_parser() {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules"), &mut files);
    assert!(files.len() > 20, "rule files not found");
    let mut offenders = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        for (n, line) in src.lines().enumerate() {
            if ["scraper", "ego_tree", "html5ever", "ElementRef", "NodeRef"].iter().any(|w| line.contains(w)) {
                offenders.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "rules must use crate::page (Page, El, Facts), not the parser:\n{}", offenders.join("\n"));
}
