//! Data-driven rule tests, one test per fixture: every `tests/fixtures/<rule-id>/<outcome>-<name>.html`
//! runs that one rule and is held to what its name and markers say (`cargo test --test rules
//! <rule-id>` runs one rule's fixtures; a failure names the fixture).
//!
//! - The outcome its name starts with (`pass`, `fail`, `review`, `na`, `site` = `needs_site`)
//!   must be among the rule's findings.
//! - What must not happen: a `pass` fixture has no `fail` or `review` finding, a `review`
//!   fixture no `fail` or `pass`, an `na` fixture nothing but `not_applicable`, a `site` fixture
//!   no `fail`.
//! - Elements marked `data-expect="<rule-id>"` are exactly the elements the findings of the
//!   expected outcome locate: each finding's `selector` is resolved on the fixture and the two
//!   sets must be equal (a fixture whose findings locate nothing marks nothing; mark every
//!   element the rule should locate). No finding of another outcome points at a marked element
//!   (in a `fail` fixture, no `pass` for the failing element). Every finding's selector must
//!   resolve to exactly one element.
//! - Meta tags pin the inputs: `test-today` (required), `test-url`, `test-source`
//!   (`raw`/`live`), `test-value` (a value one of the rule's findings must carry).
//! - The rule's findings (outcome, message, message_en, value, column, selector) are
//!   snapshot-tested with insta: `tests/snapshots/rules__<rule-id>__<fixture>.snap`. After a
//!   deliberate change, `INSTA_UPDATE=always cargo test --test rules` (or `cargo insta review`)
//!   rewrites them: read the diff, Chinese messages included, before committing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use govcheck::{Finding, Outcome, PageInput, Source};
use libtest_mimic::{Arguments, Failed, Trial};
use scraper::{ElementRef, Html, Selector};
use serde::Serialize;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn meta(doc: &Html, name: &str) -> Option<String> {
    let sel = Selector::parse(&format!("meta[name=\"{name}\"]")).unwrap();
    doc.select(&sel).next().and_then(|m| m.value().attr("content").map(str::to_string))
}

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
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

/// `<rule-id>` and `<outcome>-<name>` of a fixture path.
fn rule_and_name(path: &Path) -> (String, String) {
    let rule = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
    let name = path.file_stem().unwrap().to_str().unwrap();
    (rule.to_string(), name.to_string())
}

fn snapshot_name(rule: &str, name: &str) -> String {
    format!("{rule}__{name}")
}

fn expected_outcome(name: &str) -> Result<Outcome, String> {
    Ok(match name.split('-').next().unwrap() {
        "pass" => Outcome::Pass,
        "fail" => Outcome::Fail,
        "review" => Outcome::Review,
        "na" => Outcome::NotApplicable,
        "site" => Outcome::NeedsSite,
        other => return Err(format!("name must start with pass-/fail-/review-/na-/site-, not {other}-")),
    })
}

/// Outcomes that must not appear at all in a fixture of this outcome.
fn forbidden(want: Outcome) -> &'static [Outcome] {
    match want {
        Outcome::Pass => &[Outcome::Fail, Outcome::Review],
        Outcome::Review => &[Outcome::Fail, Outcome::Pass],
        Outcome::NotApplicable => &[Outcome::Fail, Outcome::Review, Outcome::NeedsSite, Outcome::Pass],
        Outcome::NeedsSite => &[Outcome::Fail],
        Outcome::Fail => &[],
    }
}

/// Fixtures on which a rule does what the contract above forbids, and the fault: a bug in the
/// rule (src/), listed so it stays visible while the rest of the fixture is still checked. A
/// listed fixture fails once the fault is gone: then delete its line.
const KNOWN_RULE_BUGS: &[(&str, &str)] = &[];

/// The start tag of an element, for messages (`<a href="…" class="x">`).
fn start_tag(el: ElementRef<'_>) -> String {
    let v = el.value();
    let attrs: String = v.attrs().map(|(k, val)| format!(" {k}=\"{}\"", val.chars().take(60).collect::<String>())).collect();
    format!("<{}{attrs}>", v.name())
}

/// What is snapshotted of a finding: what a reader sees and where it points.
#[derive(Serialize)]
struct Shown<'a> {
    outcome: &'static str,
    message: &'a str,
    message_en: &'a str,
    value: Option<&'a str>,
    column: Option<&'a str>,
    selector: Option<&'a str>,
}

fn shown(f: &Finding) -> Shown<'_> {
    Shown {
        outcome: f.outcome.id(),
        message: &f.message,
        message_en: &f.message_en,
        value: f.value.as_deref(),
        column: f.column.as_deref(),
        selector: f.selector.as_deref(),
    }
}

fn check_fixture(path: &Path) -> Result<(), String> {
    let (rule, name) = rule_and_name(path);
    let rule = rule.as_str();
    let want = expected_outcome(&name)?;
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
    let findings: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == rule).collect();
    let summary = || findings.iter().map(|f| format!("{:?} {:?} {} @ {:?}", f.outcome, f.value, f.message_en, f.selector)).collect::<Vec<_>>().join("\n  ");

    // Where each finding points: its selector must resolve to exactly one element.
    let mut located = Vec::with_capacity(findings.len());
    for f in &findings {
        let el = match f.selector.as_deref() {
            None => None,
            Some(s) => {
                let sel = Selector::parse(s).map_err(|e| format!("selector {s:?} does not parse: {e}"))?;
                let hits: Vec<_> = doc.select(&sel).collect();
                if hits.len() != 1 {
                    return Err(format!("selector {s:?} resolves to {} elements, not 1", hits.len()));
                }
                Some(hits[0])
            }
        };
        located.push(el);
    }

    if !findings.iter().any(|f| f.outcome == want) {
        return Err(format!("expected a {want:?} finding, got:\n  {}", summary()));
    }
    if findings.iter().any(|f| forbidden(want).contains(&f.outcome)) {
        return Err(format!("a {want:?} fixture must have no {:?} finding, got:\n  {}", forbidden(want), summary()));
    }
    if let Some(value) = meta(&doc, "test-value") {
        if !findings.iter().any(|f| f.value.as_deref() == Some(value.as_str())) {
            return Err(format!("expected a finding with value {value:?}, got:\n  {}", summary()));
        }
    }

    // The marked elements are exactly those the findings of the expected outcome locate.
    let expect_sel = Selector::parse(&format!("[data-expect=\"{rule}\"]")).unwrap();
    let marked: BTreeSet<_> = doc.select(&expect_sel).map(|e| e.id()).collect();
    let found: BTreeSet<_> = findings.iter().zip(&located).filter(|(f, _)| f.outcome == want).filter_map(|(_, el)| el.map(|e| e.id())).collect();
    let tag = |id| start_tag(ElementRef::wrap(doc.tree.get(id).unwrap()).unwrap());
    let unlocated: Vec<_> = marked.difference(&found).map(|&id| tag(id)).collect();
    let unmarked: Vec<_> = found.difference(&marked).map(|&id| tag(id)).collect();
    if !unlocated.is_empty() || !unmarked.is_empty() {
        let mut msg = String::new();
        if !unlocated.is_empty() {
            msg += &format!("marked data-expect but no {want:?} finding locates it:\n    {}\n  ", unlocated.join("\n    "));
        }
        if !unmarked.is_empty() {
            msg += &format!("located by a {want:?} finding but not marked data-expect=\"{rule}\":\n    {}\n  ", unmarked.join("\n    "));
        }
        return Err(format!("{msg}findings:\n  {}", summary()));
    }
    // A marked element is located by findings of the expected outcome only (in a fail fixture,
    // no pass finding points at the failing element).
    let other_at_marked = findings.iter().zip(&located).find(|(f, el)| f.outcome != want && el.is_some_and(|e| marked.contains(&e.id())));
    let known_bug = KNOWN_RULE_BUGS.iter().find(|(fixture, _)| *fixture == format!("{rule}/{name}"));
    match (other_at_marked, known_bug) {
        (Some((f, _)), None) => {
            return Err(format!("a {:?} finding points at a marked element: {} @ {:?}\n  findings:\n  {}", f.outcome, f.message_en, f.selector, summary()));
        }
        (None, Some((fixture, _))) => return Err(format!("{fixture} no longer shows its known rule bug: remove it from KNOWN_RULE_BUGS")),
        _ => {}
    }

    let shown: Vec<Shown> = findings.iter().map(|f| shown(f)).collect();
    let mut settings = insta::Settings::clone_current();
    settings.set_input_file(path.strip_prefix(root()).unwrap());
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_yaml_snapshot!(snapshot_name(rule, &name), shown));
    Ok(())
}

/// Every snapshot belongs to a fixture (a renamed or deleted fixture leaves none behind).
fn snapshots_match_fixtures(all: &[PathBuf]) -> Result<(), String> {
    let names: BTreeSet<String> = all
        .iter()
        .map(|p| {
            let (rule, name) = rule_and_name(p);
            format!("rules__{}.snap", snapshot_name(&rule, &name))
        })
        .collect();
    let dir = root().join("tests/snapshots");
    let mut orphans = Vec::new();
    for f in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let f = f.unwrap().file_name().into_string().unwrap();
        if f.starts_with("rules__") && f.ends_with(".snap") && !names.contains(&f) {
            orphans.push(f);
        }
    }
    if orphans.is_empty() { Ok(()) } else { Err(format!("snapshots of no fixture (delete them):\n  {}", orphans.join("\n  "))) }
}

fn main() {
    let args = Arguments::from_args();
    let all = fixtures();
    assert!(all.len() >= 20, "expected the fixture set, found {}", all.len());
    let mut trials: Vec<Trial> = all
        .iter()
        .map(|p| {
            let (rule, name) = rule_and_name(p);
            let p = p.clone();
            Trial::test(format!("{rule}/{name}"), move || check_fixture(&p).map_err(Failed::from))
        })
        .collect();
    trials.push(Trial::test("snapshots/no-orphans", move || snapshots_match_fixtures(&all).map_err(Failed::from)));
    libtest_mimic::run(&args, trials).exit();
}
