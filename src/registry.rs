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
use crate::page::Page;
use crate::rules;

/// Everything known about a rule except its logic. Docs are the rule file's doc comment.
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
}

/// The inputs a rule sees. `today` is the inspection date: rules never read a clock.
pub struct Ctx<'a> {
    pub page: &'a Page,
    pub today: NaiveDate,
    pub options: &'a Options,
}

pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&Ctx) -> Vec<Finding>,
}

/// Declares a rule's metadata; the doc comment becomes its user documentation
/// (`govcheck explain`, the popup, the www catalogue).
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
            basis_en: $basis_en:literal $(,)?
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
            docs: concat!($($doc, "\n"),*),
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
        }
    }

    /// Sections of the docs by heading, for renderers (`what`, `why`, `fix`, `example`).
    pub fn doc_section(&self, heading: &str) -> String {
        let mut out = String::new();
        let mut inside = false;
        for line in self.docs.lines() {
            let line = line.strip_prefix(' ').unwrap_or(line);
            if let Some(h) = line.strip_prefix("## ") {
                inside = h.trim() == heading;
                continue;
            }
            if inside {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.trim().to_string()
    }
}

/// Builder methods used by rules, so each rule reads as a few lines.
impl Finding {
    pub fn at(mut self, page: &Page, node: NodeId) -> Self {
        let (sel, snip) = page.locate(node);
        self.selector = sel;
        self.snippet = snip;
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
