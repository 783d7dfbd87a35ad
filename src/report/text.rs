//! Human report for the terminal: Chinese first, English alongside.

use std::fmt::Write;

use crate::baseline::{Applied, BACK_EN, BACK_ZH};
use crate::model::{Outcome, Report};
use crate::registry::{self, Lang, Section};

pub fn render(report: &Report) -> String {
    let mut s = String::new();
    let m = &report.meta;
    let _ = writeln!(s, "govcheck {} · {}", m.engine_version, m.ruleset);
    let _ = writeln!(s, "页面 Page: {}", m.url.as_deref().unwrap_or("(本地文件 local file)"));
    let _ = writeln!(s, "检查日期 Date: {} · 页面类型 Kind: {}", m.today, m.page_kind);
    let _ = writeln!(s);
    let mut current = None;
    // Marked findings (baseline) are listed apart below; a fix that came back stays here.
    let apart = |f: &&crate::model::Finding| Applied::apart(f.mark.as_ref());
    for f in super::ordered(report).into_iter().filter(|f| !apart(f)) {
        if current != Some(f.outcome) {
            current = Some(f.outcome);
            let _ = writeln!(s, "── {} / {} ──", f.outcome.label_zh(), f.outcome.label_en());
        }
        let mark = match f.outcome {
            Outcome::Fail => "✗",
            Outcome::Review => "?",
            Outcome::NeedsSite => "…",
            Outcome::Pass => "✓",
            Outcome::NotApplicable => "-",
        };
        let title = registry::find(&f.rule).map(|r| r.meta.title).unwrap_or("");
        let _ = writeln!(s, "{mark} [{}] {} {}", f.rule, title, f.effect.label_zh());
        let _ = writeln!(s, "    {}", f.message);
        let _ = writeln!(s, "    {}", f.message_en);
        if let Some(sel) = &f.selector {
            let _ = writeln!(s, "    @ {sel}");
        }
        if f.mark.as_ref().is_some_and(|m| m.back) {
            let _ = writeln!(s, "    ⚠ {BACK_ZH} · {BACK_EN}");
        }
    }
    let marked: Vec<_> = super::ordered(report).into_iter().filter(apart).collect();
    if !marked.is_empty() {
        let _ = writeln!(s, "── 已标记（基线，单独计数） / Marked in the baseline, counted apart ──");
        for f in marked {
            let m = f.mark.as_ref().expect("filtered on mark");
            let title = registry::find(&f.rule).map(|r| r.meta.title).unwrap_or("");
            let _ = writeln!(s, "◌ [{}] {} · {} {}：{}", f.rule, title, m.kind.label_zh(), m.kind.label_en(), m.reason);
            let _ = writeln!(s, "    {}", f.message);
        }
    }
    let to_fix = super::rules_to_fix(report);
    if !to_fix.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "── 如何整改 / How to fix ──");
        for m in to_fix {
            let _ = writeln!(s, "▸ [{}] {}", m.id, m.title);
            for para in m.section(Lang::Zh, Section::Fix).split("\n\n") {
                let _ = writeln!(s, "    {para}");
            }
        }
    }
    let _ = writeln!(s);
    let c = &report.counts;
    let _ = writeln!(s, "结论 Verdict: {} / {}", report.verdict.label, report.verdict.label_en);
    let _ = writeln!(
        s,
        "不合格 fail {} · 需复核 review {} · 需全站 needs site {} · 合格 pass {} · 不适用 n/a {}",
        c.fail, c.review, c.needs_site, c.pass, c.not_applicable
    );
    if let Some(b) = &report.baseline {
        let _ = writeln!(s, "{}", b.line());
    }
    let _ = writeln!(
        s,
        "本页判定 {} / {} 项指标 · {} of {} indicators decided on this page",
        report.coverage.decided, report.coverage.total, report.coverage.decided, report.coverage.total
    );
    s
}
