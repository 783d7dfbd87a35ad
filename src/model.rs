//! The report model: one serde schema for the CLI JSON, the WASM return value and every
//! renderer (text, HTML, CSV, the extension popup). Field names are a contract: other tools
//! match on `findings[].rule`, `outcome`, `message`, `selector`, `value`, `column`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::options::Options;

/// What a rule concluded. Never a guess: `review` says the page cannot decide and why.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Fail,
    Review,
    NeedsSite,
    Pass,
    NotApplicable,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [Outcome::Fail, Outcome::Review, Outcome::NeedsSite, Outcome::Pass, Outcome::NotApplicable];

    /// The id as serialised (`fail`, `needs_site`…), for renderers.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Fail => "fail",
            Outcome::Review => "review",
            Outcome::NeedsSite => "needs_site",
            Outcome::Pass => "pass",
            Outcome::NotApplicable => "not_applicable",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Outcome::Fail => "不合格",
            Outcome::Review => "需人工复核",
            Outcome::NeedsSite => "需全站数据",
            Outcome::Pass => "合格",
            Outcome::NotApplicable => "不适用",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Outcome::Fail => "fail",
            Outcome::Review => "needs review",
            Outcome::NeedsSite => "needs site data",
            Outcome::Pass => "pass",
            Outcome::NotApplicable => "not applicable",
        }
    }
    /// `pass` and `fail` decide an indicator; the others do not.
    pub fn is_decided(self) -> bool {
        matches!(self, Outcome::Pass | Outcome::Fail)
    }
}

/// How the official method weighs an indicator.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// 单项否决: one failure makes the whole site 不合格.
    Veto,
    /// 扣分: points deducted out of 100.
    Deduct,
    /// 规范: required by 47号文 or provincial checks.
    Norm,
    /// Advice only.
    Advice,
}

impl Effect {
    pub const ALL: [Effect; 4] = [Effect::Veto, Effect::Deduct, Effect::Norm, Effect::Advice];

    /// The id as serialised (`veto`, `deduct`…), for renderers.
    pub fn id(self) -> &'static str {
        match self {
            Effect::Veto => "veto",
            Effect::Deduct => "deduct",
            Effect::Norm => "norm",
            Effect::Advice => "advice",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Effect::Veto => "单项否决",
            Effect::Deduct => "扣分",
            Effect::Norm => "规范",
            Effect::Advice => "建议",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Effect::Veto => "veto",
            Effect::Deduct => "deduction",
            Effect::Norm => "norm",
            Effect::Advice => "advice",
        }
    }
}

/// How the evidence for a finding was seen on the page.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum SeenAs {
    /// Present in the markup as a rendered element (link, image, text).
    Rendered,
    /// Only the official embed script is present; a browser renders it.
    Script,
    /// Only meta tags or other non-visible markup.
    Meta,
}

/// One finding. Every rule that ran yields at least one, passes included.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Finding {
    /// Rule id, e.g. `footer-site-code`.
    pub rule: String,
    pub outcome: Outcome,
    pub effect: Effect,
    /// Message in Chinese.
    pub message: String,
    /// The same message in English.
    pub message_en: String,
    /// CSS selector resolving to exactly one element of the checked page, or null.
    pub selector: Option<String>,
    /// Short outer-HTML excerpt of the located element (≤ 200 chars).
    pub snippet: Option<String>,
    /// The extracted value (site code, ICP number, newest date…), or null.
    pub value: Option<String>,
    /// The column (栏目) this finding is about, for column rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_as: Option<SeenAs>,
    /// Further evidence: thresholds applied, raw text, dates, counts.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<String, serde_json::Value>,
    /// The finding's identity across checks of the same site (16 hex digits): its rule, where
    /// it is in the page's structure without positions or generated ids (a list that grows
    /// keeps it), and its key evidence (column, value, problem). Triage marks and baseline
    /// files match findings by it. See `report::fingerprint`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fingerprint: String,
    /// The triage mark a baseline gives this finding (误报, 已知/接受, 已整改), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<crate::baseline::Applied>,
    /// Structural path of the located element (see `page::locator::locus`), input to the
    /// fingerprint; not serialised.
    #[serde(skip)]
    pub locus: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RunMeta {
    /// The page's address: for a fetched page, the final URL after redirects.
    pub url: Option<String>,
    /// The URL asked for, when the page was fetched (null for files and the extension).
    #[serde(default)]
    pub requested_url: Option<String>,
    /// The inspection date (监测时间点), `YYYY-MM-DD`.
    pub today: String,
    pub engine: String,
    pub engine_version: String,
    /// Edition of the rule set applied.
    pub ruleset: String,
    pub options: Options,
    /// What kind of page the engine took this for.
    pub page_kind: String,
    pub html_bytes: usize,
    /// Rules that ran, in registry order.
    pub rules_run: Vec<String>,
    /// What parsing cost: nodes created, bytes parsed, and `truncated` when the work budget
    /// (`options.max_nodes`) stopped it — then no failure is claimed, only `review`.
    #[serde(default)]
    pub parse: crate::page::parse::ParseStats,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Counts {
    pub fail: usize,
    pub review: usize,
    pub needs_site: usize,
    pub pass: usize,
    pub not_applicable: usize,
}

/// "N of M indicators decided on this page". An indicator (rule) is decided when every
/// finding it produced is `pass` or `fail`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Coverage {
    pub decided: usize,
    pub total: usize,
    pub undecided_rules: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum VerdictStatus {
    /// A veto-class (单项否决) indicator failed: 不合格.
    FailVeto,
    /// Something failed, none of it veto-class.
    Fail,
    /// Nothing failed.
    Pass,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Verdict {
    pub status: VerdictStatus,
    pub label: String,
    pub label_en: String,
    /// Number of failing indicators (rules with a failing finding), advice aside: what the
    /// badge shows. Ten stale columns are one indicator.
    pub failed: usize,
    /// Number of indicators whose veto (单项否决) is reached.
    pub veto_failed: usize,
    /// Rule ids with at least one failing finding, advice aside.
    pub failed_rules: Vec<String>,
    /// Number of failing findings (rows), advice aside.
    #[serde(default)]
    pub failed_findings: usize,
    /// Advice-level rules that fail: shown, never a reason for 不合格.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advice_rules: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Report {
    pub meta: RunMeta,
    pub verdict: Verdict,
    pub coverage: Coverage,
    pub counts: Counts,
    pub findings: Vec<Finding>,
    /// What a baseline file did to this report (`--baseline`): marked findings, fixes that
    /// held or came back, failures no mark covers. Absent when no baseline was applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<crate::baseline::Summary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_serialised_names() {
        for o in [Outcome::Fail, Outcome::Review, Outcome::NeedsSite, Outcome::Pass, Outcome::NotApplicable] {
            assert_eq!(serde_json::to_value(o).unwrap(), o.id());
        }
        for e in [Effect::Veto, Effect::Deduct, Effect::Norm, Effect::Advice] {
            assert_eq!(serde_json::to_value(e).unwrap(), e.id());
        }
    }
}
