//! Site-level indicators: the national thresholds applied to counts over every page
//! fetched. Columns are identified across pages (the homepage block, the list page and its
//! sub-navigation entry are one column); guides and messages are counted once each; page
//! rules list the pages where they fail.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use super::Visited;
use super::analyse::{Analyser, Sighting};
use super::report::{Indicator, IndicatorItem, SiteStatus, SiteVerdict};
use crate::model::{Effect, Outcome};
use crate::page::columns::{ColumnClass, Fill};
use crate::registry;
use crate::rules::content::window_days;

pub(crate) fn site_indicators(visited: &[Visited], a: &Analyser) -> Vec<Indicator> {
    let columns = merge_columns(visited);
    registry::ALL
        .iter()
        .map(|rule| {
            let m = rule.meta;
            let mut ind = match m.id {
                "column-stale" => column_stale(&columns, a),
                "column-blank" => column_blank(&columns, a),
                "service-guide-elements" => guides(visited, a),
                "interaction-unanswered" => messages(visited),
                "home-not-updated" => homepage(visited, m.id),
                id => page_rule(visited, id, m.effect),
            };
            ind.rule = m.id.to_string();
            ind.title = m.title.to_string();
            ind.title_en = m.title_en.to_string();
            ind
        })
        .collect()
}

fn blank_indicator() -> Indicator {
    Indicator {
        rule: String::new(),
        title: String::new(),
        title_en: String::new(),
        outcome: Outcome::NotApplicable,
        effect: Effect::Veto,
        count: 0,
        threshold: 1,
        message: String::new(),
        message_en: String::new(),
        evidence: BTreeMap::new(),
        items: Vec::new(),
    }
}

/// The outcome of a veto-class count: fail (veto) at the threshold, fail (deduct) below it
/// with at least one, pass at zero when anything was judged.
fn counted(count: usize, threshold: usize, judged: usize) -> (Outcome, Effect) {
    if count >= threshold && count > 0 {
        (Outcome::Fail, Effect::Veto)
    } else if count > 0 {
        (Outcome::Fail, Effect::Deduct)
    } else if judged > 0 {
        (Outcome::Pass, Effect::Veto)
    } else {
        (Outcome::NotApplicable, Effect::Veto)
    }
}

/// A column as the site shows it, over every sighting.
struct SiteColumn {
    name: String,
    list_url: Option<String>,
    class: ColumnClass,
    sightings: Vec<(String, Sighting)>,
}

impl SiteColumn {
    fn newest(&self) -> Option<NaiveDate> {
        self.sightings.iter().filter_map(|(_, s)| s.newest).max()
    }
    fn own_lists(&self) -> impl Iterator<Item = &(String, Sighting)> {
        self.sightings.iter().filter(|(_, s)| s.own_list)
    }
    /// Blank: its list page has no items; or, with no list page seen, every block of it is
    /// empty (or a placeholder, or a dead link with nothing under it).
    fn blank(&self) -> Option<&(String, Sighting)> {
        let is_blank = |s: &Sighting| {
            matches!(s.fill, Fill::Empty | Fill::Placeholder(_)) || (s.items == 0 && s.dead_link && !matches!(s.fill, Fill::ScriptFilled | Fill::Frame))
        };
        let has_items = self.sightings.iter().any(|(_, s)| s.items > 0 || matches!(s.fill, Fill::ScriptFilled | Fill::Frame));
        if self.own_lists().next().is_some() {
            let all_blank = self.own_lists().all(|(_, s)| is_blank(s));
            return if all_blank && !has_items { self.own_lists().next() } else { None };
        }
        if !has_items && self.sightings.iter().all(|(_, s)| is_blank(s)) { self.sightings.first() } else { None }
    }
    /// Only filled by scripts or frames: cannot be judged from HTML.
    fn script_only(&self) -> bool {
        self.sightings.iter().all(|(_, s)| matches!(s.fill, Fill::ScriptFilled | Fill::Frame))
    }
    fn evidence_at(&self) -> &(String, Sighting) {
        self.own_lists().next().unwrap_or(&self.sightings[0])
    }
}

/// Identify columns across pages: by list page URL where known, else by name; a
/// name-only sighting joins the URL-keyed column of the same name.
fn merge_columns(visited: &[Visited]) -> Vec<SiteColumn> {
    let mut cols: Vec<SiteColumn> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut name_only: Vec<(String, Sighting)> = Vec::new();
    for v in visited.iter().filter(|v| !v.pagination) {
        let Some(a) = &v.analysed else { continue };
        let url = v.record.final_url.clone().unwrap_or_else(|| v.record.url.clone());
        // One page may show the same column twice (desktop and mobile copies).
        let mut on_page: HashSet<String> = HashSet::new();
        for s in &a.columns {
            match &s.list_key {
                Some(k) => {
                    let i = *by_key.entry(k.clone()).or_insert_with(|| {
                        cols.push(SiteColumn { name: s.name.clone(), list_url: s.list_url.clone(), class: s.class, sightings: Vec::new() });
                        cols.len() - 1
                    });
                    if s.own_list {
                        // The list page names the column best.
                        cols[i].name = s.name.clone();
                        cols[i].class = s.class;
                    }
                    if on_page.insert(k.clone()) {
                        cols[i].sightings.push((url.clone(), s.clone()));
                    }
                }
                None if on_page.insert(format!("name:{}", s.name)) => name_only.push((url.clone(), s.clone())),
                None => {}
            }
        }
    }
    for (url, s) in name_only {
        if let Some(c) = cols.iter_mut().find(|c| c.name == s.name || c.sightings.iter().any(|(_, x)| x.name == s.name)) {
            c.sightings.push((url, s));
            continue;
        }
        let key = format!("name:{}", s.name);
        let i = *by_key.entry(key).or_insert_with(|| {
            cols.push(SiteColumn { name: s.name.clone(), list_url: None, class: s.class, sightings: Vec::new() });
            cols.len() - 1
        });
        cols[i].sightings.push((url, s));
    }
    cols.retain(|c| !c.sightings.is_empty());
    cols
}

fn column_item(c: &SiteColumn, message: String, message_en: String) -> IndicatorItem {
    let (url, s) = c.evidence_at();
    let mut evidence = BTreeMap::new();
    evidence.insert("class".into(), serde_json::json!(c.class.as_str()));
    evidence.insert("sightings".into(), serde_json::json!(c.sightings.len()));
    if let Some(l) = &c.list_url {
        evidence.insert("list_url".into(), serde_json::json!(l));
    }
    IndicatorItem {
        url: url.clone(),
        column: Some(c.name.clone()),
        value: c.newest().map(|d| d.format("%Y-%m-%d").to_string()),
        selector: s.selector.clone(),
        message,
        message_en,
        evidence,
        ..IndicatorItem::default()
    }
}

fn column_stale(cols: &[SiteColumn], a: &Analyser) -> Indicator {
    let o = &a.options;
    let mut items = Vec::new();
    let (mut core, mut all, mut judged, mut review) = (0, 0, 0, 0);
    for c in cols {
        let Some(w) = window_days(c.class, o) else { continue };
        let Some(newest) = c.newest() else {
            if c.script_only() || c.sightings.iter().any(|(_, s)| s.items > 0) {
                review += 1;
            }
            continue;
        };
        judged += 1;
        let age = (a.today - newest).num_days();
        if age <= w {
            continue;
        }
        all += 1;
        let is_core = matches!(c.class, ColumnClass::News | ColumnClass::NoticePolicy);
        if is_core {
            core += 1;
        }
        let mut item = column_item(
            c,
            format!("「{}」（{}）最新更新 {newest}，已 {age} 天未更新，超过 {w} 天时限", c.name, c.class.label_zh()),
            format!("“{}” ({}) last updated {newest}: {age} days ago, past the {w}-day window", c.name, c.class.as_str()),
        );
        item.evidence.insert("age_days".into(), serde_json::json!(age));
        item.evidence.insert("window_days".into(), serde_json::json!(w));
        item.evidence.insert("core".into(), serde_json::json!(is_core));
        items.push(item);
    }
    let veto = core >= o.core_stale_columns || all >= o.any_stale_columns;
    let (outcome, effect) = if veto {
        (Outcome::Fail, Effect::Veto)
    } else if all > 0 {
        (Outcome::Fail, Effect::Deduct)
    } else if judged > 0 {
        (Outcome::Pass, Effect::Veto)
    } else if review > 0 {
        (Outcome::Review, Effect::Veto)
    } else {
        (Outcome::NotApplicable, Effect::Veto)
    };
    let (cl, al) = (o.core_stale_columns, o.any_stale_columns);
    let (message, message_en) = match outcome {
        Outcome::Fail if veto => (
            format!("全站 {core} 个动态/通知政策类栏目、共 {all} 个栏目超期未更新，达到否决数量（≥{cl} 个核心栏目或 ≥{al} 个栏目）"),
            format!("{core} news/notice columns and {all} columns in all are past their windows: the veto count (≥{cl} core or ≥{al} columns) is reached"),
        ),
        Outcome::Fail => (
            format!("全站 {all} 个栏目超期未更新（其中动态/通知政策类 {core} 个），未达否决数量（≥{cl} 个核心栏目或 ≥{al} 个栏目），按扣分处理"),
            format!("{all} columns past their windows ({core} news/notice): below the veto count (≥{cl} core or ≥{al}), a deduction"),
        ),
        Outcome::Pass => (format!("已判断的 {judged} 个栏目均在更新时限内"), format!("All {judged} columns judged are within their windows")),
        Outcome::Review => (
            format!("{review} 个栏目未显示日期或由脚本加载，无法判断更新情况，请人工复核"),
            format!("{review} columns show no dates or are filled by scripts: check them by hand"),
        ),
        _ => ("抓取的页面中未发现栏目列表".into(), "No column list was found on the pages fetched".into()),
    };
    let mut evidence = BTreeMap::new();
    evidence.insert("stale_all".into(), serde_json::json!(all));
    evidence.insert("threshold_all".into(), serde_json::json!(al));
    evidence.insert("columns_judged".into(), serde_json::json!(judged));
    evidence.insert("columns_undated".into(), serde_json::json!(review));
    evidence.insert("columns".into(), serde_json::json!(cols.len()));
    Indicator { outcome, effect, count: core, threshold: cl, message, message_en, evidence, items, ..blank_indicator() }
}

fn column_blank(cols: &[SiteColumn], a: &Analyser) -> Indicator {
    let limit = a.options.blank_columns;
    let mut items = Vec::new();
    for c in cols {
        let Some((_, s)) = c.blank() else { continue };
        let how = match &s.fill {
            Fill::Placeholder(t) => format!("显示“{t}”"),
            _ if s.dead_link => "栏目链接无效且无内容".to_string(),
            _ => "列表为空".to_string(),
        };
        items.push(column_item(c, format!("「{}」为空白栏目（{how}）", c.name), format!("“{}” is blank", c.name)));
    }
    let (outcome, effect) = counted(items.len(), limit, cols.len());
    let n = items.len();
    let (message, message_en) = match outcome {
        Outcome::Fail if effect == Effect::Veto => {
            (format!("全站 {n} 个空白栏目，达到否决数量（≥{limit} 个）"), format!("{n} blank columns: the veto count (≥{limit}) is reached"))
        }
        Outcome::Fail => (format!("全站 {n} 个空白栏目，未达否决数量（≥{limit} 个），应予整改"), format!("{n} blank columns, below the veto count (≥{limit})")),
        Outcome::Pass => (format!("{} 个栏目均有内容", cols.len()), format!("All {} columns have content", cols.len())),
        _ => ("抓取的页面中未发现栏目列表".into(), "No column list was found on the pages fetched".into()),
    };
    let mut evidence = BTreeMap::new();
    evidence.insert("columns".into(), serde_json::json!(cols.len()));
    evidence.insert("names".into(), serde_json::json!(cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>()));
    Indicator { outcome, effect, count: n, threshold: limit, message, message_en, evidence, items, ..blank_indicator() }
}

fn page_url(v: &Visited) -> String {
    v.record.final_url.clone().unwrap_or_else(|| v.record.url.clone())
}

/// Service items missing ≥ N element categories: veto at five, or when the site shows fewer
/// than five items and every one of them is so.
fn guides(visited: &[Visited], a: &Analyser) -> Indicator {
    let limit = a.options.guide_missing_elements;
    let mut seen = HashSet::new();
    let (mut total, mut items) = (0, Vec::new());
    for v in visited {
        let Some(an) = &v.analysed else { continue };
        let url = page_url(v);
        for f in an.report.findings.iter().filter(|f| f.rule == "service-guide-elements" && f.outcome != Outcome::NotApplicable) {
            let Some(n) = f.value.as_deref().and_then(|x| x.parse::<usize>().ok()) else { continue };
            // One guide reached from two lists (or the same page twice) is one item.
            if !seen.insert((url.clone(), f.selector.clone())) {
                continue;
            }
            total += 1;
            if n >= limit {
                let missing = f.evidence.get("missing_elements").cloned().unwrap_or(serde_json::Value::Null);
                let list = missing.as_array().map(|v| v.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join("、")).unwrap_or_default();
                let mut evidence = BTreeMap::new();
                evidence.insert("missing_elements".into(), missing);
                items.push(IndicatorItem {
                    url: url.clone(),
                    column: None,
                    value: Some(n.to_string()),
                    selector: f.selector.clone(),
                    message: format!("办事指南缺少 {n} 类要素（{list}）"),
                    message_en: format!("The guide misses {n} element categories"),
                    evidence,
                    ..IndicatorItem::default()
                });
            }
        }
    }
    let bad = items.len();
    let veto = bad >= 5 || (total > 0 && total < 5 && bad == total);
    let (outcome, effect) = if veto {
        (Outcome::Fail, Effect::Veto)
    } else if bad > 0 {
        (Outcome::Fail, Effect::Deduct)
    } else if total > 0 {
        (Outcome::Pass, Effect::Veto)
    } else {
        (Outcome::NotApplicable, Effect::Veto)
    };
    let (message, message_en) = match outcome {
        Outcome::Fail if veto => (
            format!("{bad} 个办事事项各缺少 ≥{limit} 类要素（共检查 {total} 个），达到否决条件"),
            format!("{bad} of {total} service items each miss ≥{limit} element categories: the veto is reached"),
        ),
        Outcome::Fail => (
            format!("{bad} 个办事事项各缺少 ≥{limit} 类要素（共检查 {total} 个），未达否决条件（≥5 个，或不足 5 个事项时全部如此）"),
            format!("{bad} of {total} service items each miss ≥{limit} categories: below the veto (≥5, or all when fewer than 5)"),
        ),
        Outcome::Pass => {
            (format!("检查的 {total} 个办事指南均未缺少 {limit} 类以上要素"), format!("None of the {total} guides checked misses {limit} or more categories"))
        }
        _ => ("抓取的页面中未发现办事指南".into(), "No service guide was found on the pages fetched".into()),
    };
    let mut evidence = BTreeMap::new();
    evidence.insert("guides".into(), serde_json::json!(total));
    Indicator { outcome, effect, count: bad, threshold: 5, message, message_en, evidence, items, ..blank_indicator() }
}

/// Messages of the past year left without a reply past the limit: one is a veto.
fn messages(visited: &[Visited]) -> Indicator {
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    let mut pages = 0;
    let mut review = 0;
    let mut passed = 0;
    for v in visited {
        let Some(an) = &v.analysed else { continue };
        let of_rule: Vec<_> = an.report.findings.iter().filter(|f| f.rule == "interaction-unanswered" && f.outcome != Outcome::NotApplicable).collect();
        if of_rule.is_empty() {
            continue;
        }
        pages += 1;
        review += of_rule.iter().filter(|f| f.outcome == Outcome::Review).count();
        passed += usize::from(of_rule.iter().any(|f| f.outcome == Outcome::Pass));
        for f in of_rule.iter().filter(|f| f.outcome == Outcome::Fail && f.value.is_some()) {
            // The same message on a list page and its own page, or on two list pages.
            let key =
                (f.value.clone(), f.snippet.as_deref().map(crate::page::normalize).unwrap_or_default().chars().take(60).collect::<String>(), f.message.clone());
            if !seen.insert(key) {
                continue;
            }
            items.push(IndicatorItem {
                url: page_url(v),
                column: None,
                value: f.value.clone(),
                selector: f.selector.clone(),
                message: f.message.clone(),
                message_en: f.message_en.clone(),
                evidence: f.evidence.clone(),
                ..IndicatorItem::default()
            });
        }
    }
    let n = items.len();
    let (outcome, effect) = if n > 0 {
        (Outcome::Fail, Effect::Veto)
    } else if passed > 0 {
        // A list that shows every message's status decides; detail pages without one do not.
        (Outcome::Pass, Effect::Veto)
    } else if pages > 0 {
        (Outcome::Review, Effect::Veto)
    } else {
        (Outcome::NotApplicable, Effect::Veto)
    };
    let (message, message_en) = match outcome {
        Outcome::Fail => {
            (format!("{n} 条一年内的留言超过时限未回复，达到否决条件"), format!("{n} messages of the past year left unanswered past the limit: veto"))
        }
        Outcome::Pass => (format!("{pages} 个留言页面中未发现超期未回复的留言"), format!("No overdue message on the {pages} message pages")),
        Outcome::Review => (format!("{pages} 个留言页面未显示回复状态，请人工复核"), format!("{pages} message pages show no reply status: check by hand")),
        _ => ("抓取的页面中未发现留言列表".into(), "No message list was found on the pages fetched".into()),
    };
    let mut evidence = BTreeMap::new();
    evidence.insert("message_pages".into(), serde_json::json!(pages));
    evidence.insert("review_findings".into(), serde_json::json!(review));
    Indicator { outcome, effect, count: n, threshold: 1, message, message_en, evidence, items, ..blank_indicator() }
}

/// Judged on the homepage (the start page); monitoring over two weeks decides it formally.
fn homepage(visited: &[Visited], rule: &str) -> Indicator {
    let home = visited.iter().find(|v| v.analysed.as_ref().is_some_and(|a| a.kind == crate::page::kind::PageKind::Homepage)).or(visited.first());
    let Some(v) = home else { return blank_indicator() };
    let Some(a) = &v.analysed else { return blank_indicator() };
    let Some(f) = a.report.findings.iter().find(|f| f.rule == rule) else { return blank_indicator() };
    let url = page_url(v);
    let items = if f.outcome == Outcome::Fail || f.outcome == Outcome::Review {
        vec![IndicatorItem {
            url,
            column: f.column.clone(),
            value: f.value.clone(),
            selector: f.selector.clone(),
            message: f.message.clone(),
            message_en: f.message_en.clone(),
            evidence: f.evidence.clone(),
            ..IndicatorItem::default()
        }]
    } else {
        Vec::new()
    };
    Indicator {
        outcome: f.outcome,
        effect: Effect::Veto,
        count: usize::from(f.outcome == Outcome::Fail),
        threshold: 1,
        message: f.message.clone(),
        message_en: f.message_en.clone(),
        evidence: f.evidence.clone(),
        items,
        ..blank_indicator()
    }
}

/// A page rule over every page: fails where it fails on any page, with those pages listed.
fn page_rule(visited: &[Visited], rule: &str, effect: Effect) -> Indicator {
    let mut items = Vec::new();
    let (mut pass, mut review, mut pages) = (0, 0, 0);
    for v in visited {
        let Some(a) = &v.analysed else { continue };
        let fs: Vec<_> = a.report.findings.iter().filter(|f| f.rule == rule).collect();
        if fs.iter().all(|f| f.outcome == Outcome::NotApplicable) {
            continue;
        }
        pages += 1;
        if let Some(f) = fs.iter().find(|f| f.outcome == Outcome::Fail) {
            items.push(IndicatorItem {
                url: page_url(v),
                column: f.column.clone(),
                value: f.value.clone(),
                selector: f.selector.clone(),
                message: f.message.clone(),
                message_en: f.message_en.clone(),
                evidence: BTreeMap::new(),
                ..IndicatorItem::default()
            });
        } else if fs.iter().any(|f| matches!(f.outcome, Outcome::Review | Outcome::NeedsSite)) {
            review += 1;
        } else {
            pass += 1;
        }
    }
    let n = items.len();
    let outcome = if n > 0 {
        Outcome::Fail
    } else if review > 0 {
        Outcome::Review
    } else if pass > 0 {
        Outcome::Pass
    } else {
        Outcome::NotApplicable
    };
    let (message, message_en) = match outcome {
        Outcome::Fail => (format!("{pages} 个页面中有 {n} 个不符合"), format!("Fails on {n} of {pages} pages")),
        Outcome::Review => (format!("{pages} 个页面中有 {review} 个需人工复核"), format!("{review} of {pages} pages need review")),
        Outcome::Pass => (format!("检查的 {pages} 个页面均符合"), format!("Passes on all {pages} pages checked")),
        _ => ("抓取的页面均不适用".into(), "Not applicable on the pages fetched".into()),
    };
    let mut evidence = BTreeMap::new();
    evidence.insert("pages".into(), serde_json::json!(pages));
    evidence.insert("review_pages".into(), serde_json::json!(review));
    Indicator { outcome, effect, count: n, threshold: 1, message, message_en, evidence, items, ..blank_indicator() }
}

/// 不合格 when a veto-class indicator reached its threshold; problems when any other
/// (non-advice) indicator failed; 合格 otherwise.
pub fn verdict(indicators: &[Indicator]) -> SiteVerdict {
    let failed: Vec<&Indicator> = indicators.iter().filter(|i| i.outcome == Outcome::Fail && i.effect != Effect::Advice).collect();
    let veto: Vec<String> = failed.iter().filter(|i| i.effect == Effect::Veto).map(|i| i.rule.clone()).collect();
    let status = if !veto.is_empty() {
        SiteStatus::FailVeto
    } else if !failed.is_empty() {
        SiteStatus::Fail
    } else {
        SiteStatus::Pass
    };
    let (label, label_en) = match status {
        SiteStatus::FailVeto => (format!("不合格：{} 项单项否决指标不达标", veto.len()), format!("Fails: {} veto indicator(s) reached", veto.len())),
        SiteStatus::Fail => {
            (format!("存在问题：{} 项指标不符合，未触发单项否决", failed.len()), format!("{} indicator(s) fail, no veto reached", failed.len()))
        }
        _ => ("合格：未发现不符合的指标".to_string(), "Pass: no indicator fails".to_string()),
    };
    SiteVerdict { status, label, label_en, failed_rules: failed.iter().map(|i| i.rule.clone()).collect(), veto_rules: veto }
}
