//! Rule metadata, the context rules run in, and the one registry table.
//!
//! Adding a rule: one file under `src/rules/<group>/`, one `mod` line in that group's
//! `mod.rs`, one line in `ALL` below, and fixtures in `tests/fixtures/<rule-id>/`.
//! `tests/catalogue.rs` fails with what is missing if a step is skipped.

use chrono::NaiveDate;
use ego_tree::NodeId;
use serde::Serialize;

use crate::model::{Effect, Finding, Outcome, SeenAs};
use crate::options::Options;
use crate::page::{Facts, Page};
use crate::rules;

/// Everything known about a rule except its logic. Docs are the rule file's doc comment
/// (English) and its `docs_zh` block (Chinese, for Chinese webmasters and inspectors).
#[derive(Serialize, Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    /// Group, e.g. `footer`, `identity`, `content`, `interaction`, `service`.
    pub category: &'static str,
    pub effect: Effect,
    pub title: &'static str,
    pub title_en: &'static str,
    /// Official basis: document and clause.
    pub basis: &'static str,
    pub basis_en: &'static str,
    /// Markdown with the headings `## What it checks`, `## Why it matters`, `## How to fix`, `## Example`.
    pub docs: &'static str,
    /// The same in Chinese: `## 检查内容`, `## 为什么重要`, `## 如何整改`, `## 示例`.
    pub docs_zh: &'static str,
}

/// The language of text shown to people. Chinese is the default everywhere.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// The four sections every rule's docs have, in both languages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Section {
    What,
    Why,
    Fix,
    Example,
}

impl Section {
    pub const ALL: [Section; 4] = [Section::What, Section::Why, Section::Fix, Section::Example];

    /// The Markdown heading (without `## `) of this section in `lang`.
    pub fn heading(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Section::What, Lang::En) => "What it checks",
            (Section::Why, Lang::En) => "Why it matters",
            (Section::Fix, Lang::En) => "How to fix",
            (Section::Example, Lang::En) => "Example",
            (Section::What, Lang::Zh) => "检查内容",
            (Section::Why, Lang::Zh) => "为什么重要",
            (Section::Fix, Lang::Zh) => "如何整改",
            (Section::Example, Lang::Zh) => "示例",
        }
    }
}

/// A rule group's name for people (`footer` → 底部功能区).
pub fn category_label(category: &str, lang: Lang) -> &str {
    let (zh, en) = match category {
        "footer" => ("底部功能区", "Footer"),
        "identity" => ("网站标识与域名", "Site identity"),
        "content" => ("信息发布", "Publishing"),
        "interaction" => ("互动交流", "Interaction"),
        "service" => ("办事服务", "Services"),
        "site" => ("功能设计", "Site functions"),
        other => (other, other),
    };
    if lang == Lang::En { en } else { zh }
}

/// The inputs a rule sees. `today` is the inspection date: rules never read a clock.
/// `facts` holds what several rules need (page kind, columns, footer identity items),
/// worked out at most once per check.
pub struct Ctx<'a> {
    pub page: &'a Page,
    pub facts: &'a Facts<'a>,
    pub today: NaiveDate,
    pub options: &'a Options,
}

pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&Ctx) -> Vec<Finding>,
}

/// Declares a rule's metadata; the doc comment becomes its English documentation and the
/// doc lines in `docs_zh: { … }` its Chinese documentation (`govcheck explain`, the
/// reports, the popup, the catalogues).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $name:ident = {
            id: $id:literal,
            category: $cat:literal,
            effect: $effect:ident,
            title: $title:literal,
            title_en: $title_en:literal,
            basis: $basis:literal,
            basis_en: $basis_en:literal,
            docs_zh: { $(#[doc = $zh:literal])* } $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $name: $crate::registry::RuleMeta = $crate::registry::RuleMeta {
            id: $id,
            category: $cat,
            effect: $crate::model::Effect::$effect,
            title: $title,
            title_en: $title_en,
            basis: $basis,
            basis_en: $basis_en,
            // The WASM engine leaves the English docs out: the pages that show docs load
            // them as data (rules.json, written by build.sh from `govcheck rules --format
            // json`). The Chinese docs stay: HTML exports print their 如何整改.
            #[cfg(not(target_arch = "wasm32"))]
            docs: concat!($($doc, "\n"),*),
            #[cfg(target_arch = "wasm32")]
            docs: "",
            docs_zh: concat!($($zh, "\n"),*),
        };
    };
}

/// Every rule, in the order reports list them. One line per rule.
pub static ALL: &[Rule] = &[
    Rule { meta: &rules::footer::conac_badge::META, check: rules::footer::conac_badge::check },
    Rule { meta: &rules::footer::zhaocuo_entry::META, check: rules::footer::zhaocuo_entry::check },
    Rule { meta: &rules::footer::site_code::META, check: rules::footer::site_code::check },
    Rule { meta: &rules::footer::icp::META, check: rules::footer::icp::check },
    Rule { meta: &rules::footer::psb_beian::META, check: rules::footer::psb_beian::check },
    Rule { meta: &rules::footer::sponsor_contact::META, check: rules::footer::sponsor_contact::check },
    Rule { meta: &rules::footer::sitemap::META, check: rules::footer::sitemap::check },
    Rule { meta: &rules::identity::identity_consistency::META, check: rules::identity::identity_consistency::check },
    Rule { meta: &rules::identity::site_domain_govcn::META, check: rules::identity::site_domain_govcn::check },
    Rule { meta: &rules::identity::meta_tags::META, check: rules::identity::meta_tags::check },
    Rule { meta: &rules::content::column_stale::META, check: rules::content::column_stale::check },
    Rule { meta: &rules::content::column_blank::META, check: rules::content::column_blank::check },
    Rule { meta: &rules::content::home_not_updated::META, check: rules::content::home_not_updated::check },
    Rule { meta: &rules::content::state_council_column::META, check: rules::content::state_council_column::check },
    Rule { meta: &rules::service::service_entry::META, check: rules::service::service_entry::check },
    Rule { meta: &rules::service::service_guide_elements::META, check: rules::service::service_guide_elements::check },
    Rule { meta: &rules::interaction::interaction_channel::META, check: rules::interaction::interaction_channel::check },
    Rule { meta: &rules::interaction::interaction_unanswered::META, check: rules::interaction::interaction_unanswered::check },
    Rule { meta: &rules::site::site_search::META, check: rules::site::site_search::check },
    Rule { meta: &rules::site::no_commercial_ads::META, check: rules::site::no_commercial_ads::check },
    Rule { meta: &rules::site::elderly_accessibility_entry::META, check: rules::site::elderly_accessibility_entry::check },
];

pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().find(|r| r.meta.id == id)
}

impl RuleMeta {
    /// Start a finding of this rule.
    pub fn finding(&'static self, outcome: Outcome, message: impl Into<String>, message_en: impl Into<String>) -> Finding {
        Finding {
            rule: self.id.to_string(),
            outcome,
            effect: self.effect,
            message: message.into(),
            message_en: message_en.into(),
            selector: None,
            snippet: None,
            value: None,
            column: None,
            seen_as: None,
            evidence: Default::default(),
            fingerprint: String::new(),
            mark: None,
            locus: None,
        }
    }

    /// Sections of the English docs by heading, as written (hard-wrapped lines kept).
    pub fn doc_section(&self, heading: &str) -> String {
        raw_section(self.docs, heading).join("\n").trim().to_string()
    }

    /// The docs in `lang` as Markdown, the doc-comment indent removed.
    pub fn docs_in(&self, lang: Lang) -> String {
        let docs = if lang == Lang::En { self.docs } else { self.docs_zh };
        docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")
    }

    /// One section in `lang` for renderers: hard-wrapped lines joined into paragraphs (without
    /// a space between Chinese characters), paragraphs separated by a blank line. Markdown
    /// inline code (`` `…` ``) is kept for the renderer.
    pub fn section(&self, lang: Lang, section: Section) -> String {
        let docs = if lang == Lang::En { self.docs } else { self.docs_zh };
        join_lines(&raw_section(docs, section.heading(lang)), lang)
    }
}

/// One rule's metadata and docs as every consumer receives them: `govcheck rules --format
/// json`, the WASM `rules()` export (popup, side panel, catalogues, www). `docs`/`docs_zh`
/// are the Markdown as written; `sections` the same split into paragraphs for renderers.
#[derive(Serialize, Debug)]
pub struct RuleDoc {
    pub id: &'static str,
    pub category: &'static str,
    pub category_title: &'static str,
    pub category_title_en: &'static str,
    pub effect: Effect,
    pub title: &'static str,
    pub title_en: &'static str,
    pub basis: &'static str,
    pub basis_en: &'static str,
    pub docs: String,
    pub docs_zh: String,
    pub sections: DocSections,
    /// Option keys the rule reads (its `## Options` section).
    pub options: Vec<String>,
}

/// `{zh: {what, why, fix, example}, en: {…}}`.
#[derive(Serialize, Debug)]
pub struct DocSections {
    pub zh: SectionTexts,
    pub en: SectionTexts,
}

#[derive(Serialize, Debug)]
pub struct SectionTexts {
    pub what: String,
    pub why: String,
    pub fix: String,
    pub example: String,
}

impl SectionTexts {
    fn of(m: &RuleMeta, lang: Lang) -> SectionTexts {
        SectionTexts {
            what: m.section(lang, Section::What),
            why: m.section(lang, Section::Why),
            fix: m.section(lang, Section::Fix),
            example: m.section(lang, Section::Example),
        }
    }
}

impl RuleDoc {
    pub fn of(m: &'static RuleMeta) -> RuleDoc {
        RuleDoc {
            id: m.id,
            category: m.category,
            category_title: category_label(m.category, Lang::Zh),
            category_title_en: category_label(m.category, Lang::En),
            effect: m.effect,
            title: m.title,
            title_en: m.title_en,
            basis: m.basis,
            basis_en: m.basis_en,
            docs: m.docs_in(Lang::En),
            docs_zh: m.docs_in(Lang::Zh),
            sections: DocSections { zh: SectionTexts::of(m, Lang::Zh), en: SectionTexts::of(m, Lang::En) },
            options: m.option_keys(),
        }
    }

    /// Every rule, in report order.
    pub fn all() -> Vec<RuleDoc> {
        ALL.iter().map(|r| RuleDoc::of(r.meta)).collect()
    }
}

impl RuleMeta {
    /// The option keys named in the English docs' `## Options` section: each line
    /// `- `key`: …` (code span first). Rules that read no option have no such section.
    pub fn option_keys(&self) -> Vec<String> {
        raw_section(self.docs, "Options")
            .iter()
            .filter_map(|l| l.trim().strip_prefix("- `").and_then(|r| r.split_once('`')).map(|(k, _)| k.to_string()))
            .collect()
    }
}

fn raw_section<'a>(docs: &'a str, heading: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in docs.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        if let Some(h) = line.strip_prefix("## ") {
            inside = h.trim() == heading;
            continue;
        }
        if inside {
            out.push(line);
        }
    }
    out
}

/// Full-width punctuation, which needs no space beside it.
fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65) || matches!(c, '“' | '”')
}

/// Whether a line break between `a` and `b` reads as a space. Chinese text has none except
/// between two Latin words (`GB/T` `2260`) and between a word and a code span; English
/// always has one (its Chinese terms stand between spaces).
fn break_is_space(a: char, b: char, lang: Lang) -> bool {
    match lang {
        Lang::Zh => (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()) || (a == '`' && !is_cjk_punct(b)) || (b == '`' && !is_cjk_punct(a)),
        Lang::En => true,
    }
}

fn join_lines(lines: &[&str], lang: Lang) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if let (Some(a), Some(b)) = (out.chars().last(), line.chars().next())
            && break_is_space(a, b, lang)
        {
            out.push(' ');
        }
        blank = false;
        out.push_str(line);
    }
    out
}

/// Builder methods used by rules, so each rule reads as a few lines.
impl Finding {
    pub fn at(mut self, page: &Page, node: NodeId) -> Self {
        let (sel, snip) = page.locate(node);
        self.selector = sel;
        self.snippet = snip;
        self.locus = page.locus(node);
        self
    }
    /// How this finding weighs when it differs from its rule's: one stale column is a
    /// deduction (扣分) of a veto-class rule, whose veto is a finding of its own.
    pub fn effect(mut self, effect: crate::model::Effect) -> Self {
        self.effect = effect;
        self
    }
    pub fn at_opt(self, page: &Page, node: Option<NodeId>) -> Self {
        match node {
            Some(n) => self.at(page, n),
            None => self,
        }
    }
    pub fn value(mut self, v: impl Into<String>) -> Self {
        self.value = Some(v.into());
        self
    }
    pub fn seen(mut self, s: SeenAs) -> Self {
        self.seen_as = Some(s);
        self
    }
    pub fn column(mut self, c: impl Into<String>) -> Self {
        self.column = Some(c.into());
        self
    }
    pub fn evidence(mut self, key: &str, v: impl Serialize) -> Self {
        self.evidence.insert(key.to_string(), serde_json::to_value(v).unwrap_or(serde_json::Value::Null));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_wraps_join_as_the_language_reads() {
        assert_eq!(join_lines(&["栏目最新一条信息的日期", "是否在期限内。"], Lang::Zh), "栏目最新一条信息的日期是否在期限内。");
        assert_eq!(join_lines(&["页面上有指向", "`a.gov.cn` 的链接", "或脚本：", "`<p>`"], Lang::Zh), "页面上有指向 `a.gov.cn` 的链接或脚本：`<p>`");
        assert_eq!(join_lines(&["（GB/T", "2260）如“央网推荐”", "“转载中国政府网”"], Lang::Zh), "（GB/T 2260）如“央网推荐”“转载中国政府网”");
        assert_eq!(join_lines(&["The badge of a", "党政机关", "site.", "", "Next."], Lang::En), "The badge of a 党政机关 site.\n\nNext.");
    }
}
