//! Data-driven rule tests: every `tests/fixtures/<rule-id>/<outcome>-<name>.html` runs that
//! one rule and must produce the outcome its name starts with (`pass`, `fail`, `review`,
//! `na`, `site`). Meta tags in the fixture pin the inputs:
//! `test-today` (required), `test-url`, `test-source` (`raw`/`live`), `test-value` (the value
//! a finding of that outcome must carry). Elements marked `data-expect="<rule-id>"` must be
//! where a finding of that outcome points (its selector resolves to exactly that element).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use govcheck::{Outcome, PageInput, Source};
use scraper::{Html, Selector};

fn meta(doc: &Html, name: &str) -> Option<String> {
    let sel = Selector::parse(&format!("meta[name=\"{name}\"]")).unwrap();
    doc.select(&sel).next().and_then(|m| m.value().attr("content").map(str::to_string))
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if dir.is_dir() {
            for f in std::fs::read_dir(&dir).unwrap() {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|e| e == "html") {
                    out.push(f);
                }
            }
        }
    }
    out.sort();
    out
}

fn expected_outcome(file: &str) -> Outcome {
    match file.split('-').next().unwrap() {
        "pass" => Outcome::Pass,
        "fail" => Outcome::Fail,
        "review" => Outcome::Review,
        "na" => Outcome::NotApplicable,
        "site" => Outcome::NeedsSite,
        other => panic!("fixture {file}: name must start with pass-/fail-/review-/na-/site-, not {other}-"),
    }
}

fn check_fixture(path: &Path) -> Result<(), String> {
    let rule = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
    let file = path.file_name().unwrap().to_str().unwrap();
    let html = std::fs::read_to_string(path).unwrap();
    let doc = Html::parse_document(&html);
    let today = meta(&doc, "test-today").ok_or("missing <meta name=test-today>")?;
    let today = NaiveDate::parse_from_str(&today, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let url = meta(&doc, "test-url");
    let mut input = PageInput::new(&html, today);
    input.url = url.as_deref();
    input.source = if meta(&doc, "test-source").as_deref() == Some("live") { Source::Live } else { Source::Raw };
    input.only_rules = vec![rule.to_string()];
    let report = govcheck::check(&input).map_err(|e| e.to_string())?;
    let want = expected_outcome(file);
    let findings: Vec<_> = report.findings.iter().filter(|f| f.rule == rule).collect();
    let summary = || findings.iter().map(|f| format!("{:?} {:?} {} @ {:?}", f.outcome, f.value, f.message_en, f.selector)).collect::<Vec<_>>().join("\n  ");
    let matching: Vec<_> = findings.iter().filter(|f| f.outcome == want).collect();
    if matching.is_empty() {
        return Err(format!("expected a {want:?} finding, got:\n  {}", summary()));
    }
    // A pass fixture must not also fail or need review; a review fixture must not pass or fail.
    let forbidden: &[Outcome] = match want {
        Outcome::Pass => &[Outcome::Fail, Outcome::Review],
        Outcome::Review => &[Outcome::Fail, Outcome::Pass],
        _ => &[],
    };
    if findings.iter().any(|f| forbidden.contains(&f.outcome)) {
        return Err(format!("expected only {want:?}, got:\n  {}", summary()));
    }
    if let Some(value) = meta(&doc, "test-value") {
        if !findings.iter().any(|f| f.value.as_deref() == Some(value.as_str())) {
            return Err(format!("expected value {value:?}, got:\n  {}", summary()));
        }
    }
    let expect_sel = Selector::parse(&format!("[data-expect=\"{rule}\"]")).unwrap();
    if let Some(target) = doc.select(&expect_sel).next() {
        let hit = matching.iter().any(|f| {
            f.selector.as_deref().and_then(|s| Selector::parse(s).ok()).is_some_and(|s| {
                let hits: Vec<_> = doc.select(&s).collect();
                hits.len() == 1 && hits[0].id() == target.id()
            })
        });
        if !hit {
            return Err(format!("no {want:?} finding points at the data-expect element; got:\n  {}", summary()));
        }
    }
    Ok(())
}

#[test]
fn every_fixture_gives_its_expected_outcome() {
    let all = fixtures();
    assert!(all.len() >= 20, "expected the fixture set, found {}", all.len());
    let failures: Vec<String> =
        all.iter().filter_map(|p| check_fixture(p).err().map(|e| format!("{}: {e}", p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display()))).collect();
    println!("{} fixtures checked", all.len());
    assert!(failures.is_empty(), "{} of {} fixtures failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}
