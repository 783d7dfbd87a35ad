//! Fingerprints survive what a CMS does between two checks (issue 12): on every page of the
//! visible corpus, adding an item to a list and renumbering generated ids leave the
//! fingerprints of the page's findings unchanged, while a real change (another column name)
//! changes the one finding it concerns.

#[allow(dead_code)] // the corpus helpers this test does not use
mod common;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use govcheck::{PageInput, Report, Source};
use regex::Regex;
use serde_json::Value;

fn check(html: &str, label: &Value) -> Report {
    let today = label["captured"].as_str().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).unwrap_or(NaiveDate::from_ymd_opt(2018, 3, 31).unwrap());
    let url = format!("https://{}/", label["site_domain"].as_str().unwrap());
    let mut input = PageInput::new(html, today);
    input.url = Some(&url);
    input.source = Source::Raw;
    govcheck::check(&input).unwrap()
}

/// Fingerprint of every finding but passes and not-applicables: what triage marks.
fn problems(r: &Report) -> BTreeSet<(String, String)> {
    r.findings
        .iter()
        .filter(|f| !matches!(f.outcome, govcheck::Outcome::Pass | govcheck::Outcome::NotApplicable))
        .map(|f| (f.fingerprint.clone(), format!("{} {} {:?}", f.rule, f.message_en, f.selector)))
        .collect()
}

fn fingerprints(r: &Report) -> BTreeSet<String> {
    problems(r).into_iter().map(|(fp, _)| fp).collect()
}

/// A copy of the first item of the first list with at least three items, inserted before
/// it: what publishing one more article does to the markup (positions shift; nth-of-type
/// selectors change).
fn add_item(html: &str) -> Option<String> {
    let li = Regex::new(r"(?is)<li[\s>].*?</li>").unwrap();
    let items: Vec<_> = li.find_iter(html).collect();
    for w in items.windows(3) {
        // Three items in a row, separated by whitespace only: one list.
        let gap = |a: &regex::Match, b: &regex::Match| html[a.end()..b.start()].trim().is_empty();
        if gap(&w[0], &w[1]) && gap(&w[1], &w[2]) {
            let first = w[0];
            let mut out = String::with_capacity(html.len() + first.len());
            out.push_str(&html[..first.start()]);
            out.push_str(first.as_str());
            out.push_str(&html[first.start()..]);
            return Some(out);
        }
    }
    None
}

/// Every id with digits that nothing else in the page names (no `#id`, `for=`, script or
/// tab reference) gets another number: a CMS regenerating its ids.
fn renumber_ids(html: &str) -> (String, usize) {
    let id = Regex::new(r#"\bid\s*=\s*"([A-Za-z_-]*)([0-9]+)""#).unwrap();
    let mut count = 0;
    let out = id
        .replace_all(html, |c: &regex::Captures| {
            let whole = format!("{}{}", &c[1], &c[2]);
            if html.matches(whole.as_str()).count() > 1 {
                return c[0].to_string();
            }
            count += 1;
            let n: u64 = c[2].parse().unwrap_or(0);
            format!("id=\"{}{}\"", &c[1], n + 1000)
        })
        .into_owned();
    (out, count)
}

fn pages() -> Vec<(Value, String)> {
    common::labels()
        .into_iter()
        .map(|l| {
            let html = std::fs::read_to_string(format!("{}/tests/corpus/pages/{}", env!("CARGO_MANIFEST_DIR"), l["file"].as_str().unwrap())).unwrap();
            (l, html)
        })
        .collect()
}

#[test]
fn fingerprints_survive_a_new_list_item() {
    let mut mutated = 0;
    for (label, html) in pages() {
        let Some(grown) = add_item(&html) else { continue };
        mutated += 1;
        let (before, after) = (check(&html, &label), check(&grown, &label));
        let (b, a) = (problems(&before), problems(&after));
        let lost: Vec<_> = b.iter().filter(|(fp, _)| !fingerprints(&after).contains(fp)).collect();
        assert!(lost.is_empty(), "{}: fingerprints lost after adding a list item:\n{lost:#?}\nafter:\n{a:#?}", label["file"]);
    }
    assert!(mutated >= 15, "only {mutated} corpus pages have a list to grow");
}

#[test]
fn fingerprints_survive_renumbered_ids() {
    let mut renumbered = 0;
    for (label, html) in pages() {
        let (changed, n) = renumber_ids(&html);
        if n == 0 {
            continue;
        }
        renumbered += 1;
        let (before, after) = (check(&html, &label), check(&changed, &label));
        assert_eq!(fingerprints(&before), fingerprints(&after), "{}: {n} ids renumbered changed the fingerprints", label["file"]);
        // Selectors did change on some pages (ids anchor them): the fingerprint is what holds.
    }
    assert!(renumbered >= 5, "only {renumbered} corpus pages have generated ids");
}

#[test]
fn a_real_change_changes_the_fingerprint() {
    let html = r#"<html><body><div class="news"><h3>通知公告</h3><ul>
        <li><a href="/a/1.html">关于开展安全生产大检查的通知</a><span>2021-01-05</span></li>
        <li><a href="/a/2.html">关于做好春节期间值班工作的通知</a><span>2021-01-03</span></li>
        <li><a href="/a/3.html">关于召开全市经济工作会议的通知</a><span>2021-01-02</span></li></ul></div>
        <div class="footer">版权所有</div></body></html>"#;
    let label = serde_json::json!({"captured": "2023-06-01", "site_domain": "www.example.gov.cn"});
    let stale = |r: &Report| r.findings.iter().find(|f| f.rule == "column-stale").map(|f| f.fingerprint.clone()).unwrap();
    let a = check(html, &label);
    let b = check(&html.replace("通知公告", "政策文件"), &label);
    assert_ne!(stale(&a), stale(&b), "another column is another finding");
    let c = check(&html.replace("2021-01-05", "2021-02-05"), &label);
    assert_eq!(stale(&a), stale(&c), "the column's newest date is not its identity");
    assert_eq!(stale(&a).len(), 16, "16 hex digits");
}
