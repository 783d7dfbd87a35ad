//! A self-contained printable HTML report. All page-derived text is escaped here: the
//! report never carries page markup or script.

use std::fmt::Write;

use crate::model::Report;
use crate::registry::{self, Lang, Section};

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// Rule docs (Markdown with inline code) as HTML: everything escaped, `` `…` `` as `<code>`,
/// blank-line paragraphs as `<p>`. An unpaired backtick stays a backtick.
pub fn doc_html(md: &str) -> String {
    let mut out = String::new();
    for para in md.split("\n\n").filter(|p| !p.trim().is_empty()) {
        out.push_str("<p>");
        let parts: Vec<&str> = para.split('`').collect();
        let paired = parts.len() % 2 == 1;
        for (i, part) in parts.iter().enumerate() {
            if i % 2 == 1 && (paired || i + 1 < parts.len()) {
                let _ = write!(out, "<code>{}</code>", escape(part));
            } else {
                if i % 2 == 1 {
                    out.push('`');
                }
                out.push_str(&escape(part));
            }
        }
        out.push_str("</p>");
    }
    out
}

pub fn render(report: &Report) -> String {
    let m = &report.meta;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>govcheck 检查报告 · {}</title><style>\
body{{font:14px/1.5 system-ui,'Noto Sans CJK SC',sans-serif;margin:2em;color:#222}}table{{border-collapse:collapse;width:100%}}\
td,th{{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}}.fail{{color:#b00020}}.review{{color:#a15c00}}.pass{{color:#16794c}}\
.en{{color:#666;font-size:12px}}code{{font-size:12px;word-break:break-all}}dl.fix dt{{font-weight:bold;margin-top:.6em}}dl.fix dd{{margin:0 0 0 1.5em}}dl.fix p{{margin:.2em 0}}@media print{{body{{margin:0}}}}</style></head><body>",
        escape(m.url.as_deref().unwrap_or(""))
    );
    let _ = write!(
        s,
        "<h1>政府网站检查报告 <span class=\"en\">Government website check report</span></h1>\
<p>页面 Page: <code>{}</code><br>检查日期 Date: {} · 页面类型 Kind: {} · 引擎 Engine: govcheck {} · {}</p>\
<h2>{} <span class=\"en\">{}</span></h2><p>本页判定 {} / {} 项指标 · {} of {} indicators decided on this page</p>",
        escape(m.url.as_deref().unwrap_or("")),
        escape(&m.today),
        escape(&m.page_kind),
        escape(&m.engine_version),
        escape(&m.ruleset),
        escape(&report.verdict.label),
        escape(&report.verdict.label_en),
        report.coverage.decided,
        report.coverage.total,
        report.coverage.decided,
        report.coverage.total
    );
    let to_fix = super::rules_to_fix(report);
    if !to_fix.is_empty() {
        s.push_str("<h2>如何整改 <span class=\"en\">How to fix</span></h2><dl class=\"fix\">");
        for m in to_fix {
            let _ = write!(
                s,
                "<dt>{} <span class=\"en\">{} · <code>{}</code></span></dt><dd>{}</dd>",
                escape(m.title),
                escape(m.title_en),
                escape(m.id),
                doc_html(&m.section(Lang::Zh, Section::Fix))
            );
        }
        s.push_str("</dl>");
    }
    s.push_str("<table><thead><tr><th>结果 Outcome</th><th>指标 Indicator</th><th>说明 Message</th><th>值 Value</th><th>位置 Locator</th></tr></thead><tbody>");
    for f in super::ordered(report) {
        let title = registry::find(&f.rule).map(|r| (r.meta.title, r.meta.title_en)).unwrap_or(("", ""));
        let class = f.outcome.id();
        let mark = match &f.mark {
            Some(m) if m.back => "<br><strong>⚠ 已标记为“已整改”，但问题仍然存在 · marked fixed, but still there</strong>".to_string(),
            Some(m) => format!("<br><em>已标记 marked: {} {} — {}</em>", escape(m.kind.label_zh()), escape(m.kind.label_en()), escape(&m.reason)),
            None => String::new(),
        };
        let _ = write!(
            s,
            "<tr class=\"{class}\"><td>{} <span class=\"en\">{}</span></td><td>{}<br><span class=\"en\">{} · <code>{}</code></span></td><td>{}<br><span class=\"en\">{}</span>{mark}</td><td>{}</td><td><code>{}</code></td></tr>",
            escape(f.outcome.label_zh()),
            escape(f.outcome.label_en()),
            escape(title.0),
            escape(title.1),
            escape(&f.rule),
            escape(&f.message),
            escape(&f.message_en),
            escape(f.value.as_deref().or(f.column.as_deref()).unwrap_or("")),
            escape(f.selector.as_deref().unwrap_or("")),
        );
    }
    s.push_str("</tbody></table></body></html>\n");
    s
}
