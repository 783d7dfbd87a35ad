//! Thresholds and switches. Every number a rule applies lives here with its documented
//! default (the national 2019 indicators, 国办秘函〔2019〕19号); a province profile or the
//! user may override them. Unknown keys are rejected so a typo never silently does nothing.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Name of the threshold profile applied (`national-2019` unless a province profile is chosen).
    pub profile: String,
    /// Largest page accepted, in bytes (a clear error above it, never a hang).
    pub max_html_bytes: usize,
    /// Work budget: nodes the HTML parser may create. Past it the rest of the page is not
    /// parsed, and the report says the page was checked in part (no failure is claimed).
    pub max_nodes: usize,
    /// 动态要闻 columns: newest item at most this many days old (2 weeks).
    pub news_window_days: i64,
    /// 通知公告 / 政策文件 columns (6 months).
    pub notice_window_days: i64,
    /// 人事 / 规划计划 columns (1 year).
    pub personnel_window_days: i64,
    /// Other columns (not nationally fixed; many provinces use 6 months).
    pub other_window_days: i64,
    /// Homepage: some item within this many days (2 weeks).
    pub home_window_days: i64,
    /// A message unanswered for more than this many days is a veto-class failure (3 months).
    pub unanswered_days: i64,
    /// Only messages asked within this many days before today count (the year before the check).
    pub message_lookback_days: i64,
    /// 办事指南: an item missing at least this many element categories counts against the site.
    pub guide_missing_elements: usize,
    /// 动态要闻 + 通知公告/政策文件 columns past their window: veto at this many (rules.md §2.3).
    pub core_stale_columns: usize,
    /// Columns of any class past their window: veto at this many (rules.md §2.4).
    pub any_stale_columns: usize,
    /// Blank columns: veto at this many (rules.md §2.5).
    pub blank_columns: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            profile: "national-2019".into(),
            max_html_bytes: 32 * 1024 * 1024,
            max_nodes: 400_000,
            news_window_days: 14,
            notice_window_days: 183,
            personnel_window_days: 365,
            other_window_days: 183,
            home_window_days: 14,
            unanswered_days: 90,
            message_lookback_days: 365,
            guide_missing_elements: 4,
            core_stale_columns: 5,
            any_stale_columns: 10,
            blank_columns: 5,
        }
    }
}
