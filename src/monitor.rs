//! Monitoring over time: the two indicators one visit cannot judge. Pure functions over a
//! site's probe history (the CLI keeps it in SQLite); the clock is an input (`today`).
//!
//! * `site-unreachable` — over the 7 days that end with the end of `today` (China time,
//!   UTC+8): probes, failed probes, failure rate, the longest outage. `fail` at ≥ 5 % failed;
//!   with fewer than 14 probes (two a day) the history is too short: `review`.
//! * `home-not-updated` — over the 14 days that end with `today`: `fail` when no homepage
//!   item appeared that was not there at the start; `review` with less than 14 days of history.

use std::collections::HashSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::model::Outcome;

/// China Standard Time: every window of the national indicators is counted in it.
pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8")
}

/// One homepage item as a probe saw it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub struct HomeItem {
    pub title: String,
    pub href: Option<String>,
    pub date: Option<NaiveDate>,
}

impl HomeItem {
    /// Identity across probes: the link, else the title.
    pub fn key(&self) -> String {
        self.href.clone().filter(|h| !h.is_empty()).unwrap_or_else(|| self.title.clone())
    }
}

/// One probe of one site.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Probe {
    /// When the probe was taken (stored as UTC).
    pub at: DateTime<Utc>,
    /// Answered within the timeout with a status below 500.
    pub ok: bool,
    pub status: Option<u16>,
    /// Short code when no answer: `timeout`, `connect`, `dns`, `tls`, `http_503` …
    pub error: Option<String>,
    pub elapsed_ms: Option<u64>,
    /// Homepage items (titles, links, dates of its column items), when the page was read.
    pub items: Option<Vec<HomeItem>>,
}

/// The homepage items of a page, for a probe: every dated or linked item of its columns.
pub fn home_items(page: &crate::page::Page, today: NaiveDate) -> Vec<HomeItem> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let facts = crate::page::Facts::new(page, today);
    for c in facts.columns() {
        for i in &c.items {
            let item = HomeItem { title: i.title.clone(), href: i.href.clone(), date: i.date };
            if seen.insert(item.key()) {
                out.push(item);
            }
        }
    }
    out
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MonitorIndicator {
    pub rule: String,
    pub outcome: Outcome,
    /// The figure judged: failure rate (`0.071`) or the newest item date.
    pub value: Option<String>,
    pub message: String,
    pub message_en: String,
    pub evidence: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SiteMonitor {
    pub url: String,
    /// Probes in the 7-day window.
    pub probes: usize,
    pub failed: usize,
    pub indicators: Vec<MonitorIndicator>,
}

/// Thresholds of the monitoring indicators (national values by default).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MonitorOptions {
    pub window_days: i64,
    pub min_probes: usize,
    pub max_fail_rate: f64,
    pub home_window_days: i64,
}

impl Default for MonitorOptions {
    fn default() -> Self {
        MonitorOptions { window_days: 7, min_probes: 14, max_fail_rate: 0.05, home_window_days: 14 }
    }
}

/// Start of the window of `days` days that ends with the end of `today`, China time.
fn window_start(today: NaiveDate, days: i64) -> DateTime<Utc> {
    let first = today - Duration::days(days - 1);
    china().from_local_datetime(&first.and_hms_opt(0, 0, 0).expect("midnight")).single().expect("fixed offset").with_timezone(&Utc)
}

fn window_end(today: NaiveDate) -> DateTime<Utc> {
    window_start(today, 0)
}

fn cst(t: DateTime<Utc>) -> String {
    t.with_timezone(&china()).to_rfc3339()
}

/// Judge one site's history (probes in any order) as of the end of `today`.
pub fn judge(url: &str, probes: &[Probe], today: NaiveDate, o: &MonitorOptions) -> SiteMonitor {
    let mut probes: Vec<&Probe> = probes.iter().filter(|p| p.at < window_end(today)).collect();
    probes.sort_by_key(|p| p.at);
    let start7 = window_start(today, o.window_days);
    let week: Vec<&&Probe> = probes.iter().filter(|p| p.at >= start7).collect();
    let failed = week.iter().filter(|p| !p.ok).count();
    let unreachable = unreachable(&week, failed, o);
    let home = home(&probes, today, o);
    SiteMonitor { url: url.to_string(), probes: week.len(), failed, indicators: vec![unreachable, home] }
}

fn unreachable(week: &[&&Probe], failed: usize, o: &MonitorOptions) -> MonitorIndicator {
    let n = week.len();
    let rate = if n == 0 { 0.0 } else { failed as f64 / n as f64 };
    // The longest run of failed probes: from its first failure to the next answer.
    // (start, end, failed probes) of the longest run so far, and the run in progress.
    type Run = (DateTime<Utc>, DateTime<Utc>, usize);
    let (mut best, mut cur_start): (Option<Run>, Option<(DateTime<Utc>, usize)>) = (None, None);
    for (i, p) in week.iter().enumerate() {
        if !p.ok {
            let (s, k) = cur_start.map(|(s, k)| (s, k + 1)).unwrap_or((p.at, 1));
            cur_start = Some((s, k));
            let end = week.get(i + 1).map(|q| q.at).unwrap_or(p.at);
            if best.is_none_or(|(bs, be, _)| end - s > be - bs) {
                best = Some((s, end, k));
            }
        } else {
            cur_start = None;
        }
    }
    let mut ev = serde_json::Map::new();
    ev.insert("probes".into(), n.into());
    ev.insert("failed".into(), failed.into());
    ev.insert("fail_rate".into(), serde_json::json!((rate * 1000.0).round() / 1000.0));
    ev.insert("threshold".into(), serde_json::json!(o.max_fail_rate));
    ev.insert("window_days".into(), o.window_days.into());
    if let Some((s, e, k)) = best {
        ev.insert("longest_outage".into(), serde_json::json!({ "start": cst(s), "end": cst(e), "failed_probes": k, "minutes": (e - s).num_minutes() }));
    }
    let pct = format!("{:.1}%", rate * 100.0);
    let limit = format!("{:.0}%", o.max_fail_rate * 100.0);
    let (outcome, zh, en) = if n < o.min_probes {
        (
            Outcome::Review,
            format!("监测历史不足：7 天内仅 {n} 次探测（至少需 {} 次，每天 2 次以上）", o.min_probes),
            format!("History too short: {n} probes in 7 days (at least {} needed, two a day)", o.min_probes),
        )
    } else if rate >= o.max_fail_rate {
        (
            Outcome::Fail,
            format!("7 天内 {n} 次探测中 {failed} 次无法访问（{pct}），达到 {limit} 的否决线"),
            format!("{failed} of {n} probes failed in 7 days ({pct}): at or above {limit}"),
        )
    } else {
        (
            Outcome::Pass,
            format!("7 天内 {n} 次探测中 {failed} 次无法访问（{pct}），低于 {limit}"),
            format!("{failed} of {n} probes failed in 7 days ({pct}), below {limit}"),
        )
    };
    MonitorIndicator { rule: "site-unreachable".into(), outcome, value: Some(format!("{:.3}", rate)), message: zh, message_en: en, evidence: ev }
}

fn home(probes: &[&Probe], today: NaiveDate, o: &MonitorOptions) -> MonitorIndicator {
    let start = window_start(today, o.home_window_days);
    let read: Vec<&&Probe> = probes.iter().filter(|p| p.items.is_some()).collect();
    let latest_newest = read.last().and_then(|p| p.items.as_ref()).and_then(|items| items.iter().filter_map(|i| i.date).filter(|d| *d <= today).max());
    let mut ev = serde_json::Map::new();
    ev.insert("window_days".into(), o.home_window_days.into());
    if let Some(d) = latest_newest {
        ev.insert("newest_item_date".into(), d.format("%Y-%m-%d").to_string().into());
    }
    let value = latest_newest.map(|d| d.format("%Y-%m-%d").to_string());
    let first = read.first().map(|p| p.at);
    // The baseline: every item seen at or before the start of the window.
    let baseline_ready = first.is_some_and(|f| f <= start);
    if !baseline_ready {
        let zh = format!("监测历史不足 {} 天，无法判断首页是否更新", o.home_window_days);
        let en = format!("Less than {} days of homepage history: cannot judge", o.home_window_days);
        return MonitorIndicator { rule: "home-not-updated".into(), outcome: Outcome::Review, value, message: zh, message_en: en, evidence: ev };
    }
    let mut known: HashSet<String> = HashSet::new();
    for p in read.iter().filter(|p| p.at <= start) {
        known.extend(p.items.iter().flatten().map(HomeItem::key));
    }
    let mut new_items: Vec<(&HomeItem, DateTime<Utc>)> = Vec::new();
    for p in read.iter().filter(|p| p.at > start) {
        for i in p.items.iter().flatten() {
            if known.insert(i.key()) {
                new_items.push((i, p.at));
            }
        }
    }
    ev.insert("new_items".into(), new_items.len().into());
    if let Some((i, at)) = new_items.first() {
        ev.insert("first_new_item".into(), serde_json::json!({ "title": i.title, "href": i.href, "seen": cst(*at) }));
    }
    let (outcome, zh, en) = if new_items.is_empty() {
        let shown = latest_newest.map(|d| format!("，首页最新信息日期 {d}")).unwrap_or_default();
        (
            Outcome::Fail,
            format!("连续 {} 天监测，首页未出现新的信息条目{shown}", o.home_window_days),
            format!("No new homepage item in {} days of monitoring", o.home_window_days),
        )
    } else {
        (
            Outcome::Pass,
            format!("{} 天内首页出现 {} 条新信息", o.home_window_days, new_items.len()),
            format!("{} new homepage items in {} days", new_items.len(), o.home_window_days),
        )
    };
    MonitorIndicator { rule: "home-not-updated".into(), outcome, value, message: zh, message_en: en, evidence: ev }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn probe(t: &str, ok: bool, items: &[&str]) -> Probe {
        Probe {
            at: at(t),
            ok,
            status: ok.then_some(200),
            error: (!ok).then(|| "timeout".into()),
            elapsed_ms: Some(10),
            items: ok.then(|| items.iter().map(|h| HomeItem { title: h.to_string(), href: Some(format!("/{h}")), date: None }).collect()),
        }
    }

    #[test]
    fn windows_end_with_the_end_of_today_in_china() {
        let today = NaiveDate::from_ymd_opt(2024, 6, 15).unwrap();
        // 2024-06-15 23:30 China time is 15:30 UTC: inside; 16:00 UTC is the 16th in China.
        assert!(at("2024-06-15T15:30:00Z") < window_end(today));
        assert!(at("2024-06-15T16:00:00Z") >= window_end(today));
        assert_eq!(window_start(today, 7), at("2024-06-08T16:00:00Z"));
    }

    #[test]
    fn rates_outages_and_short_histories() {
        let today = NaiveDate::from_ymd_opt(2024, 6, 15).unwrap();
        let mut ps = Vec::new();
        for d in 9..=15 {
            for h in ["01", "09"] {
                let t = format!("2024-06-{d:02}T{h}:00:00+08:00");
                ps.push(probe(&t, d != 12, &["a"]));
            }
        }
        let m = judge("u", &ps, today, &MonitorOptions::default());
        assert_eq!((m.probes, m.failed), (14, 2));
        let u = &m.indicators[0];
        assert_eq!(u.outcome, Outcome::Fail);
        assert_eq!(u.evidence["longest_outage"]["failed_probes"], 2);
        assert_eq!(u.evidence["longest_outage"]["start"], "2024-06-12T01:00:00+08:00");
        assert_eq!(u.evidence["longest_outage"]["end"], "2024-06-13T01:00:00+08:00");
        let m = judge("u", &ps[..10], today, &MonitorOptions::default());
        assert_eq!(m.indicators[0].outcome, Outcome::Review);
    }
}
