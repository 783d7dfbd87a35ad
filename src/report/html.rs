//! A self-contained printable HTML report. All page-derived text is escaped here: the
//! report never carries page markup or script.

use std::fmt::Write;

use crate::baseline::{Applied, BACK_EN, BACK_ZH};
use crate::model::{Finding, Outcome, Report};
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

/// The stylesheet of every govcheck report (page and site): summary first, cards per
/// indicator, fixed table layout so nothing is cut at 800 px, A4 when printed.
pub const STYLE: &str = "body{font:14px/1.6 system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}\
table{border-collapse:collapse;width:100%;table-layout:fixed}td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere}\
th{background:#f4f4f4}.fail_veto,.fail{color:#b00020}.review,.needs_site{color:#a15c00}.pass{color:#16794c}.unreachable,.not_applicable{color:#555}.en{color:#666;font-size:12px}\
code{font-size:12px;overflow-wrap:anywhere}.chip{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;border:1px solid currentColor;color:#555}\
.chip.veto{color:#b00020}.chip.deduct{color:#a15c00}\
.verdict{border:2px solid currentColor;border-radius:6px;padding:.6em 1em;margin:1em 0}.verdict p{margin:.2em 0;color:#222}\
.card{border:1px solid #ddd;border-radius:6px;padding:.4em 1em .8em;margin:1em 0;break-inside:avoid-page}.card h3{margin:.4em 0}.card .basis{color:#555;font-size:13px}\
details{margin:.5em 0}summary{cursor:pointer}.fix{background:#f7f9fc;border-left:3px solid #8aa4c8;padding:.3em .8em;margin:.6em 0}.fix p{margin:.2em 0}\
@page{size:A4;margin:15mm}@media print{body{margin:0;max-width:none;font-size:12px}details{display:block}details>summary{display:none}a{color:inherit}.card{break-inside:avoid}}";

/// The document head every report starts with: no script, no remote resource (CSP).
pub fn head(title: &str) -> String {
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>{}</title><style>{STYLE}</style></head><body>",
        escape(title)
    )
}

/// A Chinese message as HTML: escaped, with the markup, tag names and addresses it quotes in
/// `<code>` (`<meta name="SiteName">`, `beian.miit.gov.cn`), as ids and code are shown
/// everywhere else; upper-case abbreviations (ICP) stay text.
pub fn message_html(msg: &str) -> String {
    fn flush(run: &mut String, out: &mut String) {
        if run.is_empty() {
            return;
        }
        let code = run.bytes().any(|b| b.is_ascii_alphabetic()) && run.bytes().any(|b| b.is_ascii_lowercase() || b"<>=/._:".contains(&b));
        if code {
            let _ = write!(out, "<code>{}</code>", escape(run));
        } else {
            out.push_str(&escape(run));
        }
        run.clear();
    }
    let mut out = String::with_capacity(msg.len() + 16);
    let mut run = String::new();
    for c in msg.chars() {
        // Inside a quoted tag (`<meta name="…">`) spaces belong to it.
        if c.is_ascii_graphic() || (c == ' ' && run.starts_with('<') && !run.ends_with('>')) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
        }
    }
    flush(&mut run, &mut out);
    out
}

/// How to fix a rule, as HTML (its Chinese docs), or empty.
fn fix_html(rule: &str) -> String {
    registry::find(rule).map(|r| doc_html(&r.meta.section(Lang::Zh, Section::Fix))).unwrap_or_default()
}

/// One card per indicator with something to act on: its outcome, effect, count, basis, the
/// items, and how to fix it once.
fn card(s: &mut String, rule: &str, rows: &[&Finding]) {
    let Some(meta) = registry::find(rule).map(|r| r.meta) else { return };
    let worst = rows.iter().map(|f| f.outcome).min().unwrap_or(Outcome::NotApplicable);
    // The effect shown is the strongest any failing row carries (a veto statement beside
    // per-column deductions), else the rule's.
    let effect = rows.iter().filter(|f| f.outcome == Outcome::Fail).map(|f| f.effect).min_by_key(|e| *e as u8).unwrap_or(meta.effect);
    let _ = write!(
        s,
        "<section class=\"card\" id=\"{id}\"><h3 class=\"{cls}\">{} <span class=\"chip {eff}\">{}</span> <span class=\"chip\">{} {}</span> <span class=\"en\">{} · <code>{id}</code></span></h3>\
<p class=\"basis\">依据 <span class=\"en\">Basis</span>：{}</p>",
        escape(meta.title),
        escape(effect.label_zh()),
        escape(worst.label_zh()),
        rows.len(),
        escape(meta.title_en),
        escape(meta.basis),
        id = escape(rule),
        cls = worst.id(),
        eff = effect.id(),
    );
    s.push_str("<table><thead><tr><th style=\"width:7em\">结果 <span class=\"en\">Outcome</span></th><th>说明 <span class=\"en\">Message</span></th><th style=\"width:11em\">栏目/值 <span class=\"en\">Column/value</span></th><th style=\"width:26%\">位置 <span class=\"en\">Locator</span></th></tr></thead><tbody>");
    for f in rows {
        let what = [f.column.as_deref(), f.value.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        let mark = match &f.mark {
            Some(m) if m.back => format!("<br><strong>⚠ {BACK_ZH}</strong> <span class=\"en\">{BACK_EN}</span>"),
            Some(m) => format!(
                "<br><em>已标记：{}（{}）</em> <span class=\"en\">marked {}</span>",
                escape(m.kind.label_zh()),
                escape(&m.reason),
                escape(m.kind.label_en())
            ),
            None => String::new(),
        };
        let _ = write!(
            s,
            "<tr><td class=\"{}\">{} <span class=\"en\">{}</span></td><td>{}<br><span class=\"en\">{}</span>{mark}</td><td>{}</td><td><code>{}</code></td></tr>",
            f.outcome.id(),
            escape(f.outcome.label_zh()),
            escape(f.outcome.label_en()),
            message_html(&f.message),
            escape(&f.message_en),
            escape(&what),
            escape(f.selector.as_deref().unwrap_or("")),
        );
    }
    s.push_str("</tbody></table>");
    let fix = fix_html(rule);
    if !fix.is_empty() && worst != Outcome::Pass {
        let _ = write!(s, "<div class=\"fix\"><b>如何整改 <span class=\"en\">How to fix</span></b>{fix}</div>");
    }
    s.push_str("</section>");
}

/// The page report: verdict and counts first, then one card per failing indicator (with how
/// to fix it), then those to review, marked findings, and passes condensed into one table.
pub fn render(report: &Report) -> String {
    let m = &report.meta;
    let v = &report.verdict;
    let c = &report.counts;
    let mut s = head(&format!("govcheck 检查报告 · {}", m.url.as_deref().unwrap_or("")));
    let kind = super::labels::page_kind(&m.page_kind);
    let _ = write!(
        s,
        "<h1>政府网站检查报告 <span class=\"en\">Government website check report</span></h1>\
<p>页面 <span class=\"en\">Page</span>： <code>{}</code><br>检查日期 <span class=\"en\">Date</span>： {} · 页面类型 <span class=\"en\">Kind</span>： {} <span class=\"en\">{}</span> · govcheck {} · {}</p>",
        escape(m.url.as_deref().unwrap_or("（本地文件）")),
        escape(&m.today),
        escape(kind[0]),
        escape(kind[1]),
        escape(&m.engine_version),
        escape(&m.ruleset),
    );
    let status = serde_json::to_value(v.status).ok().and_then(|x| x.as_str().map(str::to_string)).unwrap_or_default();
    let _ = write!(
        s,
        "<section class=\"verdict {status}\"><h2>{} <span class=\"en\">{}</span></h2>\
<p>不合格指标 {failed} 项（其中单项否决 {veto} 项）· 需人工复核 {review} 条 · 需全站数据 {site} 条 · 合格 {pass} 条 · 不适用 {na} 条\
<br><span class=\"en\">{failed} failing indicators ({veto} veto) · {review} to review · {site} need site data · {pass} pass · {na} n/a</span></p>\
<p>本页判定 {decided} / {total} 项指标 <span class=\"en\">{decided} of {total} indicators decided on this page</span></p>",
        escape(&v.label),
        escape(&v.label_en),
        failed = v.failed,
        veto = v.veto_failed,
        review = c.review,
        site = c.needs_site,
        pass = c.pass,
        na = c.not_applicable,
        decided = report.coverage.decided,
        total = report.coverage.total,
    );
    if let Some(b) = &report.baseline {
        let _ = write!(
            s,
            "<p>基线 <span class=\"en\">Baseline</span>：误报 {} · 已知/接受 {} · 已整改未复现 {} · 已整改但复现 {} · 未标记的不合格 {}</p>",
            b.false_alarm, b.accepted, b.fixed_held, b.fixed_back, b.unmarked_failed
        );
    }
    s.push_str("</section>");

    // Rows by rule, in report order; marked rows (not back) go to their own section.
    let apart = |f: &Finding| Applied::apart(f.mark.as_ref());
    let mut rules: Vec<&str> = Vec::new();
    for f in &report.findings {
        if !rules.contains(&f.rule.as_str()) {
            rules.push(&f.rule);
        }
    }
    let rows_of = |rule: &str, keep: &dyn Fn(&Finding) -> bool| -> Vec<&Finding> { report.findings.iter().filter(|f| f.rule == rule && keep(f)).collect() };
    let problem = |f: &Finding| matches!(f.outcome, Outcome::Fail | Outcome::Review | Outcome::NeedsSite) && !apart(f);
    let failing: Vec<&str> =
        rules.iter().copied().filter(|r| report.findings.iter().any(|f| f.rule == *r && f.outcome == Outcome::Fail && !apart(f))).collect();
    if !failing.is_empty() {
        s.push_str("<h2>不合格的指标 <span class=\"en\">Failing indicators</span></h2>");
        for r in &failing {
            card(&mut s, r, &rows_of(r, &problem));
        }
    }
    let to_review: Vec<&str> = rules.iter().copied().filter(|r| !failing.contains(r) && report.findings.iter().any(|f| f.rule == *r && problem(f))).collect();
    if !to_review.is_empty() {
        s.push_str("<h2>需人工复核或全站数据的指标 <span class=\"en\">Indicators to review or to judge on the whole site</span></h2>");
        for r in &to_review {
            card(&mut s, r, &rows_of(r, &problem));
        }
    }
    let marked: Vec<&Finding> = report.findings.iter().filter(|f| apart(f)).collect();
    if !marked.is_empty() {
        s.push_str("<h2>已标记的问题（基线，单独计数） <span class=\"en\">Marked in the baseline, counted apart</span></h2><table><thead><tr><th>指标 <span class=\"en\">Indicator</span></th><th>标记 <span class=\"en\">Mark</span></th><th>说明 <span class=\"en\">Message</span></th></tr></thead><tbody>");
        for f in marked {
            let m = f.mark.as_ref().expect("filtered on mark");
            let title = registry::find(&f.rule).map(|r| r.meta.title).unwrap_or("");
            let _ = write!(
                s,
                "<tr><td>{} <code>{}</code></td><td>{} <span class=\"en\">{}</span><br>{}</td><td>{}</td></tr>",
                escape(title),
                escape(&f.rule),
                escape(m.kind.label_zh()),
                escape(m.kind.label_en()),
                escape(&m.reason),
                message_html(&f.message)
            );
        }
        s.push_str("</tbody></table>");
    }
    // Passes and not-applicables, one row per indicator.
    let quiet: Vec<&str> = rules.iter().copied().filter(|r| !failing.contains(r) && !to_review.contains(r)).collect();
    if !quiet.is_empty() {
        s.push_str("<details open><summary><h2 style=\"display:inline\">合格与不适用的指标 <span class=\"en\">Passed and not applicable</span></h2></summary><table><thead><tr><th>指标 <span class=\"en\">Indicator</span></th><th style=\"width:8em\">结果 <span class=\"en\">Outcome</span></th><th>说明 <span class=\"en\">Message</span></th></tr></thead><tbody>");
        for r in quiet {
            let rows = rows_of(r, &|_| true);
            let worst = rows.iter().map(|f| f.outcome).min().unwrap_or(Outcome::NotApplicable);
            let title = registry::find(r).map(|x| (x.meta.title, x.meta.title_en)).unwrap_or(("", ""));
            let first = rows.first().map(|f| f.message.as_str()).unwrap_or("");
            let more = if rows.len() > 1 { format!("（共 {} 条）", rows.len()) } else { String::new() };
            let _ = write!(
                s,
                "<tr><td>{} <span class=\"en\">{} · <code>{}</code></span></td><td class=\"{}\">{}</td><td>{}{more}</td></tr>",
                escape(title.0),
                escape(title.1),
                escape(r),
                worst.id(),
                escape(worst.label_zh()),
                message_html(first)
            );
        }
        s.push_str("</tbody></table></details>");
    }
    s.push_str("</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::message_html;

    #[test]
    fn messages_show_quoted_code_as_code() {
        assert_eq!(
            message_html(r#"缺少网页标签 <meta name="SiteName">（或内容为空）"#),
            r#"缺少网页标签 <code>&lt;meta name=&quot;SiteName&quot;&gt;</code>（或内容为空）"#
        );
        assert_eq!(message_html("SiteName：中国宜春"), "<code>SiteName</code>：中国宜春");
        assert_eq!(message_html("未找到ICP备案编号"), "未找到ICP备案编号");
        assert_eq!(message_html("链接到 beian.miit.gov.cn"), "链接到 <code>beian.miit.gov.cn</code>");
        assert_eq!(message_html("<script>alert(1)</script>"), "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>");
    }
}
