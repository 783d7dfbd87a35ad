//! CSV with a UTF-8 BOM so Excel opens Chinese text correctly. Cells that start with
//! `=`, `+`, `-` or `@` are prefixed with `'` so page text never runs as a formula.

use crate::model::Report;
use crate::registry;

pub fn render(report: &Report) -> String {
    let mut out = String::from("\u{FEFF}");
    let header = ["url", "today", "rule", "title", "outcome", "effect", "message", "message_en", "value", "column", "selector", "fingerprint", "mark"];
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for f in super::ordered(report) {
        let title = registry::find(&f.rule).map(|r| r.meta.title).unwrap_or("");
        let row = [
            report.meta.url.as_deref().unwrap_or(""),
            &report.meta.today,
            &f.rule,
            title,
            f.outcome.id(),
            f.effect.id(),
            &f.message,
            &f.message_en,
            f.value.as_deref().unwrap_or(""),
            f.column.as_deref().unwrap_or(""),
            f.selector.as_deref().unwrap_or(""),
            &f.fingerprint,
            &mark_cell(f),
        ];
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// `误报 false_alarm: reason`, `已整改 fixed (back)`… for a marked finding; empty otherwise.
fn mark_cell(f: &crate::model::Finding) -> String {
    match &f.mark {
        Some(m) => {
            let back = if m.back { format!("（{} / {}）", crate::baseline::BACK_ZH, crate::baseline::BACK_EN) } else { String::new() };
            format!("{} {}{back}: {}", m.kind.label_zh(), m.kind.label_en(), m.reason)
        }
        None => String::new(),
    }
}

pub fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_defused() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
