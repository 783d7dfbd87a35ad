//! The site report: what `govcheck site` prints as JSON, the extension's 检查整站 page
//! shows, and `govcheck batch` lists one row of. Field names are a contract other tools read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Effect, Outcome};
use crate::options::Options;

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum SiteStatus {
    /// 合格: no indicator failed.
    Pass,
    /// Problems found, no veto reached.
    Fail,
    /// 不合格: a veto-class (单项否决) indicator reached its threshold.
    FailVeto,
    /// The start page could not be fetched (batch rows only).
    Unreachable,
}

impl SiteStatus {
    pub fn label_zh(self) -> &'static str {
        match self {
            SiteStatus::Pass => "合格",
            SiteStatus::Fail => "存在问题",
            SiteStatus::FailVeto => "不合格（单项否决）",
            SiteStatus::Unreachable => "无法访问",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            SiteStatus::Pass => "pass",
            SiteStatus::Fail => "problems found",
            SiteStatus::FailVeto => "fails (veto)",
            SiteStatus::Unreachable => "unreachable",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SiteVerdict {
    pub status: SiteStatus,
    pub label: String,
    pub label_en: String,
    /// Indicators that failed (advice-level ones aside), in registry order.
    pub failed_rules: Vec<String>,
    /// Of those, the veto-class ones that reached their threshold.
    pub veto_rules: Vec<String>,
}

/// One piece of evidence of an indicator: a page, a column, a guide, a message.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct IndicatorItem {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<String>,
    pub message: String,
    pub message_en: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<String, serde_json::Value>,
    /// Identity across crawls (rule, page path, column or value): what baseline marks match.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<crate::baseline::Applied>,
}

/// One site-level indicator: a rule judged over every page fetched.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Indicator {
    pub rule: String,
    pub title: String,
    pub title_en: String,
    pub outcome: Outcome,
    /// The effect applied: veto once a veto-class count reaches its threshold, deduct below it.
    pub effect: Effect,
    /// What is counted (failing pages, stale columns, guides, messages).
    pub count: usize,
    /// The count at which the indicator fails (veto-class) or 1.
    pub threshold: usize,
    pub message: String,
    pub message_en: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<String, serde_json::Value>,
    pub items: Vec<IndicatorItem>,
}

/// Every fetch, failures included.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PageRecord {
    pub url: String,
    pub final_url: Option<String>,
    /// HTTP status, or null when no answer came.
    pub status: Option<u16>,
    /// null, or a short code: `timeout`, `redirect_loop`, `too_many_redirects`, `connect`,
    /// `dns`, `http_404` …, `not_html`, `undecodable`, `too_large`, `off_site_redirect`.
    pub error: Option<String>,
    /// Page kind (`homepage`, `column`, `article` …) when checked.
    pub kind: Option<String>,
    pub depth: u32,
    /// Rules that failed on this page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed_rules: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct CrawlSummary {
    /// Pages fetched with an answer (any HTTP status).
    pub fetched: usize,
    /// Fetches that failed or answered with an error status.
    pub failed: usize,
    /// Links not followed, by reason (`off_site`, `not_http`, `resource`, `robots`, `depth`, `max_pages`).
    pub skipped: BTreeMap<String, usize>,
    /// Up to 20 examples per reason, for robots, depth and max_pages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub skipped_examples: BTreeMap<String, Vec<String>>,
    /// `complete`, `max_pages`, `time_limit` or `cancelled`.
    pub stopped_by: String,
    /// Wall time, as measured by the driver (the core reads no clock).
    pub duration_ms: u64,
    /// `respected`, `ignored`, or `absent` (no robots.txt).
    pub robots: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SiteMeta {
    /// The start URL.
    pub url: String,
    /// The start page's address after redirects.
    pub final_url: Option<String>,
    pub site: String,
    pub today: String,
    pub engine: String,
    pub engine_version: String,
    pub ruleset: String,
    pub options: Options,
    pub crawl_options: super::CrawlOptions,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SiteReport {
    pub meta: SiteMeta,
    pub verdict: SiteVerdict,
    pub indicators: Vec<Indicator>,
    pub pages: Vec<PageRecord>,
    pub crawl: CrawlSummary,
    /// What a baseline file did (`--baseline`); absent without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<crate::baseline::Summary>,
}

/// Fingerprints of the site's items: rule, the page by the crawl's own key (`scope::page_key`:
/// http→https, `www.` and `index.html` fold), column, and value when no column names the item.
pub fn fingerprint_items(indicators: &mut [Indicator]) {
    for ind in indicators.iter_mut() {
        let keys: Vec<String> = ind
            .items
            .iter()
            .map(|it| {
                // The page as the crawl identifies it (no scheme, no www., index files folded).
                let page = crate::site::scope::parse_http(&it.url).map(|u| crate::site::scope::page_key(&u)).unwrap_or_else(|| it.url.clone());
                let problem = it.evidence.get("problem").and_then(serde_json::Value::as_str).unwrap_or("");
                crate::report::identity_key(&ind.rule, &page, it.column.as_deref(), it.value.as_deref(), problem, "")
            })
            .collect();
        for (it, fp) in ind.items.iter_mut().zip(crate::report::fingerprints(keys.iter().map(String::as_str))) {
            it.fingerprint = fp;
        }
    }
}

impl SiteReport {
    pub fn indicator(&self, rule: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.rule == rule)
    }
}
