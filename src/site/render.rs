//! Site reports for people: text for the terminal, CSV (UTF-8 BOM) and a self-contained
//! HTML page laid out like the notice's attachment — summary first, then each failing
//! indicator with its evidence, each linked to its page. All page-derived text is escaped.

use std::fmt::Write;

use super::report::{Indicator, SiteReport, SiteStatus};
use crate::model::{Effect, Outcome};
use crate::registry::{self, Lang, Section};
use crate::report::html::{doc_html, escape};

/// The rule's 如何整改 in Chinese, as HTML.
fn fix_of(rule: &str) -> String {
    registry::find(rule).map(|r| doc_html(&r.meta.section(Lang::Zh, Section::Fix))).unwrap_or_default()
}

fn problems(r: &SiteReport) -> impl Iterator<Item = &Indicator> {
    r.indicators.iter().filter(|i| i.outcome == Outcome::Fail && i.effect != Effect::Advice)
}

/// One line per failing indicator: 标题（计数）.
pub fn summary_zh(r: &SiteReport) -> String {
    problems(r).map(|i| if i.count > 1 { format!("{}（{}）", i.title, i.count) } else { i.title.clone() }).collect::<Vec<_>>().join("；")
}

pub fn text(r: &SiteReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "网站 Site: {}  ·  检查日期 Date: {}", r.meta.url, r.meta.today);
    let _ = writeln!(s, "结论 Verdict: {} / {}", r.verdict.label, r.verdict.label_en);
    if let Some(b) = &r.baseline {
        let _ = writeln!(s, "{}", b.line());
    }
    let c = &r.crawl;
    let skipped: usize = c.skipped.values().sum();
    let _ = writeln!(
        s,
        "抓取 Crawl: {} 页已获取，{} 页失败，{} 个链接未跟随，结束原因 {}，用时 {:.1} 秒",
        c.fetched,
        c.failed,
        skipped,
        c.stopped_by,
        c.duration_ms as f64 / 1000.0
    );
    s.push('\n');
    for i in &r.indicators {
        let mark = match i.outcome {
            Outcome::Fail => "✗",
            Outcome::Pass => "✓",
            Outcome::Review | Outcome::NeedsSite => "?",
            Outcome::NotApplicable => "–",
        };
        let _ = writeln!(s, "{mark} {} [{}] {}  {}", i.title, i.effect.label_zh(), i.outcome.label_zh(), i.message);
        for it in i.items.iter().take(10) {
            let col = it.column.as_deref().map(|c| format!("「{c}」 ")).unwrap_or_default();
            let _ = writeln!(s, "    - {col}{}  {}{}", it.message, it.url, mark_note(it.mark.as_ref()));
        }
        if i.items.len() > 10 {
            let _ = writeln!(s, "    … 另有 {} 项 / {} more", i.items.len() - 10, i.items.len() - 10);
        }
    }
    s
}

/// What a baseline mark says of an item, for the text and HTML reports.
fn mark_note(mark: Option<&crate::baseline::Applied>) -> String {
    match mark {
        Some(m) if m.back => format!("  ⚠ {} / {}", crate::baseline::BACK_ZH, crate::baseline::BACK_EN),
        Some(m) => format!("  〔已标记 {} / marked {}：{}〕", m.kind.label_zh(), m.kind.label_en(), m.reason),
        None => String::new(),
    }
}

pub fn csv(r: &SiteReport) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str("site,today,verdict,rule,title,outcome,effect,count,threshold,url,column,value,selector,message,message_en\r\n");
    let status = serde_json::to_value(r.verdict.status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    for i in &r.indicators {
        let head = [
            r.meta.url.clone(),
            r.meta.today.clone(),
            status.clone(),
            i.rule.clone(),
            i.title.clone(),
            i.outcome.id().into(),
            i.effect.id().into(),
            i.count.to_string(),
            i.threshold.to_string(),
        ];
        let rows: Vec<[String; 6]> = if i.items.is_empty() {
            vec![[String::new(), String::new(), String::new(), String::new(), i.message.clone(), i.message_en.clone()]]
        } else {
            i.items
                .iter()
                .map(|it| {
                    [
                        it.url.clone(),
                        it.column.clone().unwrap_or_default(),
                        it.value.clone().unwrap_or_default(),
                        it.selector.clone().unwrap_or_default(),
                        it.message.clone(),
                        it.message_en.clone(),
                    ]
                })
                .collect()
        };
        for row in rows {
            let cells: Vec<String> = head.iter().chain(row.iter()).map(|c| crate::report::csv::cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

use crate::report::html::head;

fn link(url: &str) -> String {
    // Only http(s) links become anchors: page-derived URLs are data.
    if url.starts_with("http://") || url.starts_with("https://") {
        format!("<a href=\"{0}\" rel=\"noreferrer\">{0}</a>", escape(url))
    } else {
        format!("<code>{}</code>", escape(url))
    }
}

fn status_class(s: SiteStatus) -> &'static str {
    match s {
        SiteStatus::Pass => "pass",
        SiteStatus::Fail => "fail",
        SiteStatus::FailVeto => "fail_veto",
        SiteStatus::Unreachable => "unreachable",
    }
}

/// The indicator sections of one site (also used by the batch report).
fn indicators_html(r: &SiteReport, s: &mut String) {
    let failing: Vec<&Indicator> = problems(r).collect();
    if !failing.is_empty() {
        s.push_str("<h2>不符合的指标 <span class=\"en\">Failing indicators</span></h2>");
    }
    for i in failing {
        let _ = write!(
            s,
            "<h3 class=\"fail\">{} <span class=\"chip\">{}</span> <span class=\"en\">{} · <code>{}</code></span></h3><p>{}<br><span class=\"en\">{}</span></p>",
            escape(&i.title),
            escape(i.effect.label_zh()),
            escape(&i.title_en),
            escape(&i.rule),
            escape(&i.message),
            escape(&i.message_en)
        );
        let fix = fix_of(&i.rule);
        if !fix.is_empty() {
            let _ = write!(s, "<div class=\"fix\"><b>如何整改 <span class=\"en\">How to fix</span>：</b> {fix}</div>");
        }
        if !i.items.is_empty() {
            s.push_str("<table><thead><tr><th style=\"width:4em\">序号</th><th>问题 <span class=\"en\">Problem</span></th><th style=\"width:9em\">栏目/值</th><th style=\"width:32%\">页面 <span class=\"en\">Page</span></th></tr></thead><tbody>");
            for (n, it) in i.items.iter().enumerate() {
                let what = [it.column.as_deref(), it.value.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                let _ = write!(
                    s,
                    "<tr><td>{}</td><td>{}<br><span class=\"en\">{}</span>{}{}</td><td>{}</td><td>{}</td></tr>",
                    n + 1,
                    escape(&it.message),
                    escape(&it.message_en),
                    if it.mark.is_some() { format!("<br><em>{}</em>", escape(mark_note(it.mark.as_ref()).trim())) } else { String::new() },
                    it.selector.as_deref().map(|x| format!("<br><code>{}</code>", escape(x))).unwrap_or_default(),
                    escape(&what),
                    link(&it.url)
                );
            }
            s.push_str("</tbody></table>");
        }
    }
    s.push_str("<details><summary>全部指标 <span class=\"en\">All indicators</span></summary><table><thead><tr><th>指标 <span class=\"en\">Indicator</span></th><th style=\"width:8em\">结果</th><th style=\"width:5em\">计数</th><th>说明 <span class=\"en\">Message</span></th></tr></thead><tbody>");
    for i in &r.indicators {
        let _ = write!(
            s,
            "<tr class=\"{}\"><td>{} <span class=\"en\">{}</span></td><td>{} <span class=\"en\">{}</span></td><td>{} / {}</td><td>{}</td></tr>",
            i.outcome.id(),
            escape(&i.title),
            escape(&i.title_en),
            escape(i.outcome.label_zh()),
            escape(i.effect.label_zh()),
            i.count,
            i.threshold,
            escape(&i.message)
        );
    }
    s.push_str("</tbody></table></details>");
}

pub fn html(r: &SiteReport) -> String {
    let mut s = head(&format!("govcheck 网站检查报告 · {}", r.meta.url));
    let _ = write!(
        s,
        "<h1>政府网站检查报告 <span class=\"en\">Government website check</span></h1>\
<p>网站 <span class=\"en\">Site</span>： {} · 检查日期 <span class=\"en\">Date</span>： {} · govcheck {} · {}</p>\
<h2 class=\"{}\">{} <span class=\"en\">{}</span></h2>",
        link(&r.meta.url),
        escape(&r.meta.today),
        escape(&r.meta.engine_version),
        escape(&r.meta.ruleset),
        status_class(r.verdict.status),
        escape(&r.verdict.label),
        escape(&r.verdict.label_en)
    );
    let c = &r.crawl;
    let _ = write!(
        s,
        "<p>抓取 {} 个页面（失败 {}），结束原因：{}，用时 {:.1} 秒。<span class=\"en\">{} pages fetched, {} failed, stopped by {}.</span></p>",
        c.fetched,
        c.failed,
        escape(&c.stopped_by),
        c.duration_ms as f64 / 1000.0,
        c.fetched,
        c.failed,
        escape(&c.stopped_by)
    );
    indicators_html(r, &mut s);
    s.push_str("<details><summary>抓取的页面 <span class=\"en\">Pages fetched</span></summary><table><thead><tr><th>页面 <span class=\"en\">Page</span></th><th style=\"width:6em\">状态</th><th style=\"width:8em\">类型</th><th>不符合 <span class=\"en\">Failing</span></th></tr></thead><tbody>");
    for p in &r.pages {
        let status = p.error.clone().or_else(|| p.status.map(|x| x.to_string())).unwrap_or_default();
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            link(&p.url),
            escape(&status),
            escape(p.kind.as_deref().unwrap_or("")),
            escape(&p.failed_rules.join(" "))
        );
    }
    s.push_str("</tbody></table></details></body></html>\n");
    s
}

/// One row of a batch (the notice's list of sites).
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct BatchRow {
    pub name: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_code: Option<String>,
    pub verdict: BatchVerdict,
    /// The failing indicators: rule, title, count.
    pub problems: Vec<BatchProblem>,
    /// Why the site could not be checked (unreachable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The site report file, relative to the batch directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct BatchVerdict {
    pub status: SiteStatus,
    pub label: String,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct BatchProblem {
    pub rule: String,
    pub title: String,
    pub effect: Effect,
    pub count: usize,
    /// First evidence page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl BatchRow {
    pub fn from_report(name: &str, url: &str, site_code: Option<String>, r: &SiteReport, report_file: String) -> BatchRow {
        BatchRow {
            name: name.to_string(),
            url: url.to_string(),
            site_code,
            verdict: BatchVerdict { status: r.verdict.status, label: r.verdict.label.clone() },
            problems: problems(r)
                .map(|i| BatchProblem {
                    rule: i.rule.clone(),
                    title: i.title.clone(),
                    effect: i.effect,
                    count: i.count,
                    url: i.items.first().map(|x| x.url.clone()),
                })
                .collect(),
            error: None,
            report: Some(report_file),
        }
    }
    pub fn unreachable(name: &str, url: &str, site_code: Option<String>, error: String) -> BatchRow {
        BatchRow {
            name: name.to_string(),
            url: url.to_string(),
            site_code,
            verdict: BatchVerdict { status: SiteStatus::Unreachable, label: SiteStatus::Unreachable.label_zh().to_string() },
            problems: Vec::new(),
            error: Some(error),
            report: None,
        }
    }
    fn problems_zh(&self) -> String {
        if let Some(e) = &self.error {
            return format!("网站无法访问：{e}");
        }
        self.problems.iter().map(|p| if p.count > 1 { format!("{}（{}）", p.title, p.count) } else { p.title.clone() }).collect::<Vec<_>>().join("；")
    }
}

pub fn batch_csv(rows: &[BatchRow], today: &str) -> String {
    let mut out = String::from("\u{FEFF}序号,网站名称,网址,网站标识码,结论,主要问题,status,today\r\n");
    for (n, r) in rows.iter().enumerate() {
        let status = serde_json::to_value(r.verdict.status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let cells = [
            (n + 1).to_string(),
            r.name.clone(),
            r.url.clone(),
            r.site_code.clone().unwrap_or_default(),
            r.verdict.label.clone(),
            r.problems_zh(),
            status,
            today.to_string(),
        ];
        out.push_str(&cells.iter().map(|c| crate::report::csv::cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

pub fn batch_html(rows: &[BatchRow], today: &str) -> String {
    let mut s = head("govcheck 政府网站抽查情况");
    let failing = rows.iter().filter(|r| r.verdict.status != SiteStatus::Pass).count();
    let _ = write!(
        s,
        "<h1>政府网站抽查情况 <span class=\"en\">Spot check of government websites</span></h1><p>检查日期 {} · 共 {} 个网站，{} 个合格，{} 个存在问题或不合格。<span class=\"en\">{} sites, {} pass.</span></p>\
<table><thead><tr><th style=\"width:4em\">序号</th><th style=\"width:14em\">网站名称</th><th style=\"width:22%\">网址</th><th style=\"width:9em\">结论</th><th>主要问题</th></tr></thead><tbody>",
        escape(today),
        rows.len(),
        rows.len() - failing,
        failing,
        rows.len(),
        rows.len() - failing
    );
    for (n, r) in rows.iter().enumerate() {
        let mut problems = String::new();
        if let Some(e) = &r.error {
            let _ = write!(problems, "网站无法访问：{}", escape(e));
        }
        for (k, p) in r.problems.iter().enumerate() {
            if k > 0 {
                problems.push('；');
            }
            let label = if p.count > 1 { format!("{}（{}）", p.title, p.count) } else { p.title.clone() };
            match (&r.report, p.url.as_deref()) {
                (Some(file), _) if !file.contains(['"', '<', '>']) => {
                    let _ = write!(problems, "<a href=\"{}#{}\">{}</a>", escape(file.trim_end_matches(".json")) + ".html", escape(&p.rule), escape(&label));
                }
                _ => problems.push_str(&escape(&label)),
            }
        }
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>",
            n + 1,
            escape(&r.name),
            link(&r.url),
            status_class(r.verdict.status),
            escape(&r.verdict.label),
            problems
        );
    }
    s.push_str("</tbody></table></body></html>\n");
    s
}
