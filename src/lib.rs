//! govcheck: a compliance checker for Chinese government websites (政府网站).
//!
//! `check(input)` parses a page once, runs the rules of the registry, and returns a
//! [`Report`]. Pure and deterministic: no I/O, no clock (`today` is an input), so the same
//! core serves the CLI, the tests and the browser extension (WASM).

pub mod baseline;
pub mod citizen;
pub mod input;
pub mod model;
pub mod monitor;
pub mod options;
pub mod page;
pub mod registry;
pub mod report;
pub mod rules;
pub mod site;
#[doc(hidden)]
pub mod testing;

#[cfg(target_arch = "wasm32")]
mod wasm;

use chrono::NaiveDate;

pub use input::Error;
pub use input::decode_bytes;
pub use model::{Finding, Outcome, Report};
pub use options::Options;
pub use page::{Page, Source};

/// Edition of the rule set: the national 2019 indicators plus the 47号文 design spec.
pub const RULESET: &str = "国办秘函〔2019〕19号 + 国办发〔2017〕47号 (govcheck 2026.1)";
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One page to check.
#[derive(Clone, Debug)]
pub struct PageInput<'a> {
    pub html: &'a str,
    pub url: Option<&'a str>,
    /// The inspection date (监测时间点).
    pub today: NaiveDate,
    pub source: Source,
    pub options: Options,
    /// Only these rule ids (all when empty).
    pub only_rules: Vec<String>,
}

impl<'a> PageInput<'a> {
    pub fn new(html: &'a str, today: NaiveDate) -> Self {
        PageInput { html, url: None, today, source: Source::Raw, options: Options::default(), only_rules: Vec::new() }
    }
}

/// Check one page. Errors only on input that is not a page at all (empty, binary, too large)
/// or on unknown rule ids; everything else yields a report.
pub fn check(input: &PageInput) -> Result<Report, Error> {
    input::validate_html(input.html, &input.options)?;
    for id in &input.only_rules {
        if registry::find(id).is_none() {
            return Err(Error::UnknownRule(id.clone()));
        }
    }
    let page = Page::parse_budgeted(input.html, input.url, input.source, input.options.max_nodes);
    Ok(check_page(&page, input))
}

/// The work budget stopped the parser: what is missing may be in the part not parsed (the
/// footer comes last), so no failure is claimed. Each becomes `review`, saying why.
fn cut_short(findings: &mut [Finding], page: &Page) {
    let kb = page.parse_stats().parsed_bytes / 1024;
    for f in findings.iter_mut().filter(|f| f.outcome == Outcome::Fail) {
        f.outcome = Outcome::Review;
        f.message = format!("页面结构过于复杂，只检查了前 {kb} KB（已达工作量上限），无法确认：{}", f.message);
        f.message_en = format!("The page is too complex to check fully (work budget reached after {kb} KB); unconfirmed: {}", f.message_en);
        f.evidence.insert("truncated".into(), serde_json::Value::Bool(true));
    }
}

/// Run the rules on an already parsed page.
pub fn check_page(page: &Page, input: &PageInput) -> Report {
    check_with_facts(page, &page::Facts::new(page, input.today), input)
}

/// Run the rules with facts the caller keeps (the site check reads the same columns).
pub fn check_with_facts(page: &Page, facts: &page::Facts<'_>, input: &PageInput) -> Report {
    let ctx = registry::Ctx { page, facts, today: input.today, options: &input.options };
    let rules: Vec<&registry::Rule> =
        registry::ALL.iter().filter(|r| input.only_rules.is_empty() || input.only_rules.iter().any(|id| id == r.meta.id)).collect();
    let mut findings = Vec::new();
    for rule in &rules {
        let mut out = (rule.check)(&ctx);
        debug_assert!(!out.is_empty(), "rule {} produced no finding", rule.meta.id);
        findings.append(&mut out);
    }
    if page.parse_stats().truncated {
        cut_short(&mut findings, page);
    }
    report::assemble(page, input, rules.iter().map(|r| r.meta.id.to_string()).collect(), findings)
}
