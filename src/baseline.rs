//! Triage that survives re-checks: a webmaster or inspector marks a finding 误报 (false
//! alarm), 已知/接受 (accepted) or 已整改 (fixed, check again); the marks live in a baseline
//! file matched to findings by fingerprint (`report::fingerprint`), per site.
//!
//! The file (UTF-8 JSON, versioned; `govcheck check … --write-baseline FILE` writes one):
//!
//! ```json
//! { "format": "govcheck-baseline", "version": 1, "created": "2026-12-03",
//!   "entries": [ { "fingerprint": "3f9a…", "rule": "footer-icp", "site": "www.example.gov.cn",
//!                  "mark": "false_alarm", "reason": "…", "message": "…", "column": null,
//!                  "value": "赣ICP备06000141号", "url": "https://…", "marked_at": "2026-12-03" } ] }
//! ```
//!
//! `mark` is `false_alarm`, `accepted` or `fixed`; `site` is the host the mark belongs to
//! (null: any site); `message`, `column`, `value` and `url` say what was marked, for people
//! reading the file. Marked findings are reported apart and counted apart, never hidden; a
//! `fixed` mark whose finding is still there says so (`back: true`) and counts as unmarked.

use serde::{Deserialize, Serialize};

use crate::model::{Finding, Outcome, Report};

pub const FORMAT: &str = "govcheck-baseline";
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    /// 误报: the finding is wrong.
    FalseAlarm,
    /// 已知/接受: a known problem, accepted for now.
    Accepted,
    /// 已整改: fixed, check again (the finding should be gone).
    Fixed,
}

impl MarkKind {
    /// The id as serialised (`false_alarm`…).
    pub fn id(self) -> &'static str {
        match self {
            MarkKind::FalseAlarm => "false_alarm",
            MarkKind::Accepted => "accepted",
            MarkKind::Fixed => "fixed",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            MarkKind::FalseAlarm => "误报",
            MarkKind::Accepted => "已知/接受",
            MarkKind::Fixed => "已整改",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            MarkKind::FalseAlarm => "false alarm",
            MarkKind::Accepted => "accepted",
            MarkKind::Fixed => "fixed",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    /// The host the mark belongs to; null for any site.
    #[serde(default)]
    pub site: Option<String>,
    pub mark: MarkKind,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub column: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub marked_at: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Baseline {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub created: Option<String>,
    pub entries: Vec<Entry>,
}

/// The mark a finding carries in a report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Applied {
    pub kind: MarkKind,
    pub reason: String,
    #[serde(default)]
    pub marked_at: Option<String>,
    /// Marked fixed, yet still a problem: the fix did not hold.
    #[serde(default)]
    pub back: bool,
}

/// What a baseline did to a report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Summary {
    /// Entries in the file that apply to this site.
    pub entries: usize,
    pub false_alarm: usize,
    pub accepted: usize,
    /// `fixed` marks whose finding is gone: the fix held.
    pub fixed_held: usize,
    /// `fixed` marks whose finding is still there.
    pub fixed_back: usize,
    /// Failing findings no mark covers (they decide the exit status).
    pub unmarked_failed: usize,
}

/// What every report says of a `fixed` mark whose finding is still there.
pub const BACK_ZH: &str = "已标记为“已整改”，但问题仍然存在";
pub const BACK_EN: &str = "marked fixed, but the problem is still there";

impl Applied {
    /// Whether the finding still counts: unmarked, or marked fixed but back.
    pub fn counts(mark: Option<&Applied>) -> bool {
        mark.is_none_or(|m| m.back)
    }

    /// Whether the finding is shown and counted apart (marked, and not a fix that came back).
    pub fn apart(mark: Option<&Applied>) -> bool {
        !Applied::counts(mark)
    }
}

impl Summary {
    /// The one-line summary the text reports (page and site) end with.
    pub fn line(&self) -> String {
        let (f, a, h, b, u) = (self.false_alarm, self.accepted, self.fixed_held, self.fixed_back, self.unmarked_failed);
        format!(
            "基线 Baseline: 误报 {f} · 已知/接受 {a} · 已整改未复现 {h} · 已整改但复现 {b} · 未标记的不合格 {u} / false alarms {f}, accepted {a}, fixes held {h}, fixes back {b}, unmarked failures {u}"
        )
    }
}

/// A problem worth a mark: what a check asks someone to act on.
fn is_problem(f: &Finding) -> bool {
    matches!(f.outcome, Outcome::Fail | Outcome::Review | Outcome::NeedsSite)
}

impl Baseline {
    /// Read a baseline file's text; a clear bilingual error when it is not one.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| format!("基线文件格式无效 / not a baseline file: {e}"))?;
        if b.format != FORMAT {
            return Err(format!("基线文件格式无效：format 应为 \"{FORMAT}\" / not a baseline file: format must be \"{FORMAT}\""));
        }
        if b.version != VERSION {
            return Err(format!(
                "基线文件版本 {} 不受支持（本版本读取版本 {VERSION}） / baseline version {} is not supported (this build reads version {VERSION})",
                b.version, b.version
            ));
        }
        if let Some(e) = b.entries.iter().find(|e| e.fingerprint.is_empty()) {
            return Err(format!("基线条目缺少 fingerprint（规则 {}） / a baseline entry has no fingerprint (rule {})", e.rule, e.rule));
        }
        Ok(b)
    }

    /// A baseline marking every problem of `report` as accepted: the starting point of a
    /// site whose known problems should not hide new ones. `site` is the host marks belong to.
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>, site: Option<&str>, url: Option<&str>, today: &str) -> Baseline {
        let entries = findings
            .into_iter()
            .filter(|f| is_problem(f) && !f.fingerprint.is_empty())
            .map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                rule: f.rule.clone(),
                site: site.map(str::to_string),
                mark: MarkKind::Accepted,
                reason: ACCEPTED_AT_WRITE.into(),
                message: f.message.clone(),
                column: f.column.clone(),
                value: f.value.clone(),
                url: url.map(str::to_string),
                marked_at: Some(today.to_string()),
            })
            .collect();
        Baseline { format: FORMAT.into(), version: VERSION, created: Some(today.to_string()), entries }
    }

    /// The entries that apply to `host` (its own, and those for any site).
    fn for_site<'a>(&'a self, host: Option<&'a str>) -> impl Iterator<Item = &'a Entry> {
        self.entries.iter().filter(move |e| e.site.as_deref().is_none_or(|s| host.is_some_and(|h| h.eq_ignore_ascii_case(s))))
    }

    /// Mark the findings of one page (`host`: the site the page belongs to). Marks are
    /// replaced, not added: applying another baseline to a marked report leaves only its marks.
    pub fn apply(&self, findings: &mut [Finding], host: Option<&str>) -> Summary {
        let targets = findings.iter_mut().filter(|f| is_problem(f)).map(|f| Target {
            rule: &f.rule,
            fingerprint: &f.fingerprint,
            fails: f.outcome == Outcome::Fail,
            mark: &mut f.mark,
        });
        self.mark(targets, host)
    }

    /// Mark a page report in place; its summary goes in `report.baseline`.
    pub fn apply_to_report(&self, report: &mut Report) {
        let host = report.meta.url.as_deref().and_then(crate::page::host_of);
        let summary = self.apply(&mut report.findings, host.as_deref());
        report.baseline = Some(summary);
    }

    /// Mark the items of a site report's indicators that are not passing. An indicator that
    /// fails with no item to mark (a count with no examples) stays an unmarked failure.
    pub fn apply_to_site(&self, report: &mut crate::site::SiteReport) {
        let host = report.meta.site.clone();
        let mut bare_failures = 0;
        let mut targets = Vec::new();
        for ind in report.indicators.iter_mut().filter(|i| matches!(i.outcome, Outcome::Fail | Outcome::Review | Outcome::NeedsSite)) {
            let fails = ind.outcome == Outcome::Fail;
            if fails && ind.items.is_empty() {
                bare_failures += 1;
            }
            for it in ind.items.iter_mut() {
                targets.push(Target { rule: &ind.rule, fingerprint: &it.fingerprint, fails, mark: &mut it.mark });
            }
        }
        let mut summary = self.mark(targets, Some(&host));
        summary.unmarked_failed += bare_failures;
        report.baseline = Some(summary);
    }

    /// The marks of `host`'s entries on the targets whose fingerprints they name.
    fn mark<'a>(&self, targets: impl IntoIterator<Item = Target<'a>>, host: Option<&str>) -> Summary {
        let entries: Vec<&Entry> = self.for_site(host).collect();
        let mut s = Summary { entries: entries.len(), ..Summary::default() };
        let mut matched_fixed = std::collections::HashSet::new();
        for t in targets {
            if let Some(e) = entries.iter().find(|e| e.fingerprint == *t.fingerprint && e.rule == *t.rule) {
                let back = e.mark == MarkKind::Fixed;
                match e.mark {
                    MarkKind::FalseAlarm => s.false_alarm += 1,
                    MarkKind::Accepted => s.accepted += 1,
                    MarkKind::Fixed => {
                        s.fixed_back += 1;
                        matched_fixed.insert(e.fingerprint.clone());
                    }
                }
                *t.mark = Some(Applied { kind: e.mark, reason: e.reason.clone(), marked_at: e.marked_at.clone(), back });
            } else {
                // A mark from an earlier application that no entry gives any more goes.
                *t.mark = None;
            }
            if t.fails && Applied::counts(t.mark.as_ref()) {
                s.unmarked_failed += 1;
            }
        }
        s.fixed_held = entries.iter().filter(|e| e.mark == MarkKind::Fixed && !matched_fixed.contains(&e.fingerprint)).count();
        s
    }

    /// A baseline from a site report: every item of an indicator that is not passing.
    pub fn from_site(report: &crate::site::SiteReport) -> Baseline {
        let entries = report
            .indicators
            .iter()
            .filter(|i| matches!(i.outcome, Outcome::Fail | Outcome::Review | Outcome::NeedsSite))
            .flat_map(|i| i.items.iter().map(move |it| (i, it)))
            .filter(|(_, it)| !it.fingerprint.is_empty())
            .map(|(i, it)| Entry {
                fingerprint: it.fingerprint.clone(),
                rule: i.rule.clone(),
                site: Some(report.meta.site.clone()),
                mark: MarkKind::Accepted,
                reason: ACCEPTED_AT_WRITE.into(),
                message: it.message.clone(),
                column: it.column.clone(),
                value: it.value.clone(),
                url: Some(it.url.clone()),
                marked_at: Some(report.meta.today.clone()),
            })
            .collect();
        Baseline { format: FORMAT.into(), version: VERSION, created: Some(report.meta.today.clone()), entries }
    }

    /// A baseline from a page report (see `from_findings`).
    pub fn from_report(report: &Report) -> Baseline {
        let host = report.meta.url.as_deref().and_then(crate::page::host_of);
        Baseline::from_findings(&report.findings, host.as_deref(), report.meta.url.as_deref(), &report.meta.today)
    }
}

const ACCEPTED_AT_WRITE: &str = "写入基线时已存在 / present when the baseline was written";

/// Something a mark can apply to: a page finding or a site indicator item.
struct Target<'a> {
    rule: &'a str,
    fingerprint: &'a str,
    /// Whether it is a failure (counts against the exit status unless marked).
    fails: bool,
    mark: &'a mut Option<Applied>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_format_and_version_are_refused_clearly() {
        assert!(Baseline::parse("{}").unwrap_err().contains("not a baseline file"));
        let other = r#"{"format":"eslint","version":1,"entries":[]}"#;
        assert!(Baseline::parse(other).unwrap_err().contains("format must be"));
        let future = r#"{"format":"govcheck-baseline","version":9,"entries":[]}"#;
        assert!(Baseline::parse(future).unwrap_err().contains("version 9"));
        let ok = r#"{"format":"govcheck-baseline","version":1,"entries":[]}"#;
        assert_eq!(Baseline::parse(ok).unwrap().entries.len(), 0);
    }

    #[test]
    fn marks_are_replaced_not_added() {
        let input =
            crate::PageInput::new("<html><body><div class=\"footer\">版权所有</div></body></html>", chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap());
        let mut report = crate::check(&input).unwrap();
        let all = Baseline::from_report(&report);
        assert!(!all.entries.is_empty());
        all.apply_to_report(&mut report);
        assert!(report.findings.iter().any(|f| f.mark.is_some()));
        let none = Baseline { entries: Vec::new(), ..all };
        none.apply_to_report(&mut report);
        assert!(report.findings.iter().all(|f| f.mark.is_none()), "an empty baseline leaves no mark");
        assert_eq!(report.baseline.as_ref().unwrap().accepted, 0);
    }
}
