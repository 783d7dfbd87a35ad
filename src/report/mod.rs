//! Report assembly (counts, coverage, verdict) and renderers, one per format.

pub mod csv;
pub mod html;
pub mod labels;
pub mod text;

use serde::{Deserialize, Serialize};

use crate::PageInput;
use crate::model::{Counts, Coverage, Effect, Finding, Outcome, Report, RunMeta, Verdict, VerdictStatus};
use crate::page::Page;

/// What identifies a finding across checks: rule, locus (where it is in the page's
/// structure, or the page path for site items), and its key evidence: the column for column
/// rules (their value is a date that moves), else the value; the problem named and the part
/// of the rule (sponsor/contact). Not the outcome, message or selector.
pub fn identity_key(rule: &str, locus: &str, column: Option<&str>, value: Option<&str>, problem: &str, part: &str) -> String {
    let key = match column {
        Some(c) => format!("column={c}"),
        None => format!("value={}", value.unwrap_or("")),
    };
    format!("{rule}|{locus}|{key}|problem={problem}|part={part}")
}

/// 64-bit FNV-1a as 16 hex digits: fixed by its definition, so fingerprints written today
/// match those computed by any later build (std's hasher promises no such thing).
fn fnv1a(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Fingerprints of identity keys in order. Equal keys (two identical widgets) are told apart
/// by their order: the second gets `-2`.
pub fn fingerprints<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    keys.into_iter()
        .map(|k| {
            let base = fnv1a(k);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}-{n}") }
        })
        .collect()
}

/// Give each finding of one page its fingerprint.
pub fn fingerprint(findings: &mut [Finding]) {
    let keys: Vec<String> = findings
        .iter()
        .map(|f| {
            let ev = |k: &str| f.evidence.get(k).and_then(serde_json::Value::as_str).unwrap_or("");
            identity_key(&f.rule, f.locus.as_deref().unwrap_or(""), f.column.as_deref(), f.value.as_deref(), ev("problem"), ev("part"))
        })
        .collect();
    for (f, fp) in findings.iter_mut().zip(fingerprints(keys.iter().map(String::as_str))) {
        f.fingerprint = fp;
    }
}

pub fn assemble(page: &Page, input: &PageInput, rules_run: Vec<String>, mut findings: Vec<Finding>) -> Report {
    fingerprint(&mut findings);
    let mut counts = Counts::default();
    for f in &findings {
        match f.outcome {
            Outcome::Fail => counts.fail += 1,
            Outcome::Review => counts.review += 1,
            Outcome::NeedsSite => counts.needs_site += 1,
            Outcome::Pass => counts.pass += 1,
            Outcome::NotApplicable => counts.not_applicable += 1,
        }
    }
    // A rule is decided when its findings are all pass/fail; not_applicable rules are left out.
    let mut decided = 0;
    let mut total = 0;
    let mut undecided_rules = Vec::new();
    for id in &rules_run {
        let outs: Vec<Outcome> = findings.iter().filter(|f| &f.rule == id).map(|f| f.outcome).collect();
        if outs.iter().all(|o| *o == Outcome::NotApplicable) {
            continue;
        }
        total += 1;
        if outs.iter().filter(|o| **o != Outcome::NotApplicable).all(|o| o.is_decided()) {
            decided += 1;
        } else {
            undecided_rules.push(id.clone());
        }
    }
    // The verdict counts indicators (rules), not rows: ten stale columns are one failing
    // indicator. Advice never makes a page 不合格.
    let failing: Vec<&Finding> = findings.iter().filter(|f| f.outcome == Outcome::Fail && f.effect != Effect::Advice).collect();
    let mut failed_rules: Vec<String> = Vec::new();
    let mut veto_rules: Vec<&str> = Vec::new();
    for f in &failing {
        if !failed_rules.contains(&f.rule) {
            failed_rules.push(f.rule.clone());
        }
        if f.effect == Effect::Veto && !veto_rules.contains(&f.rule.as_str()) {
            veto_rules.push(&f.rule);
        }
    }
    let mut advice_rules: Vec<String> = Vec::new();
    for f in findings.iter().filter(|f| f.outcome == Outcome::Fail && f.effect == Effect::Advice) {
        if !advice_rules.contains(&f.rule) {
            advice_rules.push(f.rule.clone());
        }
    }
    let (failed, veto_failed) = (failed_rules.len(), veto_rules.len());
    let (status, label, label_en) = if veto_failed > 0 {
        (
            VerdictStatus::FailVeto,
            format!("不合格：{veto_failed} 项单项否决指标未达标（共 {failed} 项指标不合格）"),
            format!("Fails: {veto_failed} veto indicator(s) reached ({failed} failing indicator(s) in all)"),
        )
    } else if failed > 0 {
        (VerdictStatus::Fail, format!("{failed} 项指标不合格（扣分项）"), format!("{failed} failing indicator(s) (deductions)"))
    } else {
        (VerdictStatus::Pass, "未发现问题".to_string(), "No problems found".to_string())
    };
    let (label, label_en) = if page.parse_stats().truncated {
        (
            format!("{label}（页面过于复杂，只检查了前 {} KB）", page.parse_stats().parsed_bytes / 1024),
            format!("{label_en} (page too complex: only the first {} KB checked)", page.parse_stats().parsed_bytes / 1024),
        )
    } else {
        (label, label_en)
    };
    Report {
        meta: RunMeta {
            url: input.url.map(str::to_string),
            requested_url: None,
            today: input.today.format("%Y-%m-%d").to_string(),
            engine: "govcheck".into(),
            engine_version: crate::VERSION.into(),
            ruleset: crate::RULESET.into(),
            options: input.options.clone(),
            page_kind: crate::page::kind::classify(page).as_str().into(),
            html_bytes: page.html_bytes(),
            rules_run,
            parse: page.parse_stats(),
        },
        verdict: Verdict { status, label, label_en, failed, veto_failed, failed_rules, failed_findings: failing.len(), advice_rules },
        coverage: Coverage { decided, total, undecided_rules },
        counts,
        findings,
        baseline: None,
    }
}

/// What changed between two checks of the same page (webmaster mode).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ReportDiff {
    /// Problems (fail/review) in `next` that `prev` did not have.
    pub added: Vec<Finding>,
    /// Problems in `prev` that `next` no longer has.
    pub resolved: Vec<Finding>,
    pub unchanged: usize,
}

/// A problem's identity across checks: its outcome and fingerprint (selectors and messages
/// shift as the page is edited and days pass); reports from before fingerprints existed fall
/// back to rule, column, value and message.
fn key(f: &Finding) -> (String, Outcome, Option<String>, Option<String>, String) {
    if f.fingerprint.is_empty() {
        (f.rule.clone(), f.outcome, f.column.clone(), f.value.clone(), f.message_en.clone())
    } else {
        (f.rule.clone(), f.outcome, None, None, f.fingerprint.clone())
    }
}

pub fn diff(prev: &Report, next: &Report) -> ReportDiff {
    let problems = |r: &Report| -> Vec<Finding> { r.findings.iter().filter(|f| matches!(f.outcome, Outcome::Fail | Outcome::Review)).cloned().collect() };
    let (p, n) = (problems(prev), problems(next));
    let pk: Vec<_> = p.iter().map(key).collect();
    let nk: Vec<_> = n.iter().map(key).collect();
    let added: Vec<Finding> = n.iter().filter(|f| !pk.contains(&key(f))).cloned().collect();
    let resolved: Vec<Finding> = p.iter().filter(|f| !nk.contains(&key(f))).cloned().collect();
    let unchanged = n.len() - added.len();
    ReportDiff { added, resolved, unchanged }
}

/// The rules with something to act on (fail, review, needs site data), once each, in
/// display order: the reports give each its 如何整改.
pub fn rules_to_fix(report: &Report) -> Vec<&'static crate::registry::RuleMeta> {
    let mut out: Vec<&'static crate::registry::RuleMeta> = Vec::new();
    for f in ordered(report) {
        // A finding marked in the baseline (and not back) asks nothing of anyone.
        if !matches!(f.outcome, Outcome::Fail | Outcome::Review | Outcome::NeedsSite) || crate::baseline::Applied::apart(f.mark.as_ref()) {
            continue;
        }
        if let Some(r) = crate::registry::find(&f.rule)
            && !out.iter().any(|m| m.id == r.meta.id)
        {
            out.push(r.meta);
        }
    }
    out
}

/// Findings in display order: failures first, then review, site data, passes.
pub fn ordered(report: &Report) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = report.findings.iter().collect();
    v.sort_by_key(|f| f.outcome);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Effect;
    use crate::registry::find;

    fn fail(rule: &str, effect: Effect) -> Finding {
        let mut f = find(rule).unwrap().meta.finding(Outcome::Fail, "x", "x");
        f.effect = effect;
        f
    }

    #[test]
    fn the_verdict_counts_indicators_not_rows_and_never_fails_on_advice() {
        let page = Page::parse("<html><body></body></html>", None, crate::Source::Raw);
        let input = PageInput::new("", chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap());
        let rows = vec![
            fail("column-stale", Effect::Deduct),
            fail("column-stale", Effect::Deduct),
            fail("column-stale", Effect::Deduct),
            fail("footer-icp", Effect::Norm),
            fail("no-commercial-ads", Effect::Advice),
        ];
        let r = assemble(&page, &input, vec![], rows.clone());
        assert_eq!((r.verdict.status, r.verdict.failed, r.verdict.veto_failed, r.verdict.failed_findings), (VerdictStatus::Fail, 2, 0, 4));
        assert_eq!(r.verdict.advice_rules, vec!["no-commercial-ads".to_string()]);
        assert!(r.verdict.label.contains("2 项指标不合格"), "{}", r.verdict.label);
        // The veto statement of column-stale makes it a veto indicator: still two indicators.
        let mut with_veto = rows;
        with_veto.push(fail("column-stale", Effect::Veto));
        let r = assemble(&page, &input, vec![], with_veto);
        assert_eq!((r.verdict.status, r.verdict.failed, r.verdict.veto_failed), (VerdictStatus::FailVeto, 2, 1));
        // Advice alone: the page passes.
        let r = assemble(&page, &input, vec![], vec![fail("no-commercial-ads", Effect::Advice)]);
        assert_eq!((r.verdict.status, r.verdict.failed), (VerdictStatus::Pass, 0));
    }
}
