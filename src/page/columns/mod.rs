//! Column blocks (栏目) on homepages and column pages: name, URL, items with dates, and
//! whether the column is empty. Shared by `column-stale`, `column-blank`, `home-not-updated`
//! and `state-council-column`.
//!
//! # How columns are found
//! 1. Candidate lists, outside `<header>`/`<nav>`, small footer regions and calendar/weather
//!    widgets (also weather `<iframe>`s): `ul`/`ol`/`dl`/`table` whose rows carry links, and
//!    blocks of links without list markup (`<div><a>…</a><a>…</a></div>`,
//!    `<div><div><a>…</a><span>date</span></div>…`, one small table per item, date cells beside
//!    link cells). A list is kept when it reads like content: some row shows a date, or its link
//!    texts are long (titles, not menu labels). Layout tables holding other lists are not lists;
//!    a table row of three or more link cells is a link grid; a nested pager (共…页, 下一页)
//!    does not make a table a layout table. What lies inside a row of a list found so far
//!    (kept or not) is never a list of its own, except the panel a menu entry drops down (a
//!    mega menu with headings over lists, tab boxes): the menu is no list, the panel's lists
//!    are looked at on their own and are not named by the entry's link. Empty containers
//!    (`<ul id=…></ul>`, not the empty lists of dropdown menus), placeholders
//!    (暂无信息/暂无数据/正在建设中/栏目建设中, also a tab panel holding only that text) and
//!    `<iframe>` panels are kept too.
//! 2. Its name: a header row (`<tr><td>通知公告</td><td>更多</td></tr>`, `<dt>`), a heading
//!    first inside the block, else the nearest title block before it, climbing at most
//!    [`MAX_CLIMB`] levels: a heading, an element whose class/id says title (`hd`, `tit`,
//!    `title`, `bt`, `lm`…) or a short text block; table internals (`tbody`, `tr`) are not
//!    levels. A breadcrumb before the list names it by its last entry (also a bare trail of
//!    links from 首页 joined by `>>`). A list whose block just before holds one list of the
//!    same markup, with its title over both, is that column's second half. A title block with
//!    several labels is a tab header (tabs are separate columns): labels that say which panel
//!    they open pair by that (a shared attribute such as the tabber plugin's `tabindex_01`, an
//!    `aria-controls`/`#id` reference, a `setTab('one',2)` handler for `id="con_one_2"`, see
//!    `tabs`), and a panel no label opens has no name; else the label whose index matches the
//!    panel, the label whose link is the items' directory, or the one heading among side links.
//!    Last, the "更多" link beside the list (its `title`, or a navigation link to the same
//!    address), `meta ColumnName` for a column page's main list, and the page `<title>` for
//!    the one dated list of a page that is nothing else (an iframe's document). Navigation
//!    words, sentences, URLs and headlines (a year, 《》, quotes beyond one short quoted term
//!    such as 旅游“双+双创”) are not names.
//! 3. Lists with the same title block and name are one column; a headline block between the
//!    list and its title (one article, a date) is one of its items. An undated list of short
//!    labels repeating its own name (a section's menu, a directory of sub-centres) is not a
//!    column.
//! 4. Item dates: full dates outside the link text first (labels such as 成文日期 are skipped:
//!    only publication dates count), then at the end of the link text, then in the link
//!    `title`; else a date alone in its own element of the row (`<span>2017-10-15</span>` whose
//!    edge the text loses, `<span class="time">10.11</span>`: `MM.DD` only with a date class
//!    or a year at hand, in at least two rows). Month-days take their year from the item URL
//!    (`/202310/`, `t20231011_`), else from the page-generation date or `today`
//!    ([`super::dates::infer_years`], handles lists across New Year). URL dates are kept apart (`url_date`): they are evidence, not a shown
//!    date. Dates after `today` are flagged (`future`) and are not updates.
//! 5. An empty container that an inline script refers to is script-filled (`review`), in raw
//!    and live HTML alike; one that nothing refers to is empty (blank).
//!
//! Everything is iterative and bounded: no recursion over the DOM.
//!
//! Submodules: `candidates` (step 1 and 5), `naming` (steps 2 and 3) with `tabs` (which label
//! opens which panel), `items` (step 4); this file holds the model, the merge and the rules'
//! entry points.

mod candidates;
mod items;
mod naming;
mod tabs;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use ego_tree::NodeId;
use regex::Regex;
use scraper::ElementRef;

use super::ElementExt;
use super::Page;

use candidates::{Cand, excluded};
use items::{read_row, resolve_items};
use naming::{name_list, plausible_name};

pub use items::generation_date;

/// How many ancestor levels are climbed from a list to find its title.
pub const MAX_CLIMB: usize = 7;

/// Preceding siblings looked at per level.
const MAX_SIBLINGS: usize = 5;

/// Rows read per list; bounded work on hostile pages.
const MAX_ROWS: usize = 200;

/// Lists considered per page.
const MAX_LISTS: usize = 600;

/// Longest text a title block may have (after removing 更多).
const MAX_TITLE_CHARS: usize = 24;

/// A footer-like region with more nodes than this is a wrapper (it holds columns too).
const FOOTER_MAX_NODES: usize = 400;

/// Update class of a column (rules.md §2.3, §2.4, §3.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnClass {
    /// 动态要闻: 2 weeks.
    News,
    /// 通知公告 / 政策文件: 6 months.
    NoticePolicy,
    /// 人事 / 规划计划: 1 year.
    PersonnelPlan,
    /// 专题: historical special topics are exempt.
    Topic,
    /// Anything else: configurable window (default 6 months).
    Other,
}

impl ColumnClass {
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnClass::News => "news",
            ColumnClass::NoticePolicy => "notice_policy",
            ColumnClass::PersonnelPlan => "personnel_plan",
            ColumnClass::Topic => "topic",
            ColumnClass::Other => "other",
        }
    }

    /// The class as the notice names it.
    pub fn label_zh(self) -> &'static str {
        match self {
            ColumnClass::News => "动态要闻类",
            ColumnClass::NoticePolicy => "通知公告/政策文件类",
            ColumnClass::PersonnelPlan => "人事/规划计划类",
            ColumnClass::Topic => "专题类",
            ColumnClass::Other => "其他类",
        }
    }

    /// The class in English words, for messages.
    pub fn label_en(self) -> &'static str {
        match self {
            ColumnClass::News => "news",
            ColumnClass::NoticePolicy => "notices and policies",
            ColumnClass::PersonnelPlan => "personnel and plans",
            ColumnClass::Topic => "special topic",
            ColumnClass::Other => "other",
        }
    }
}

/// Classify a column by its name and the page's `meta ColumnType` (when the column is the
/// page's own column). Order matters: 专题 first, then 人事/规划, 通知/政策, 动态/要闻.
pub fn classify(name: &str, column_type: Option<&str>) -> ColumnClass {
    let text = format!("{name} {}", column_type.unwrap_or(""));
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["专题", "专栏"]) {
        ColumnClass::Topic
    } else if has(&["人事", "任免", "招聘", "招录", "规划", "计划"]) && !has(&["新闻", "动态"]) {
        ColumnClass::PersonnelPlan
    } else if has(&["解读"]) {
        // 政策解读 is not a 政策文件 column (rules.md §2.3 pitfalls).
        ColumnClass::Other
    } else if has(&["通知", "公告", "公示", "通告", "政策", "文件", "规范性", "法规", "政府令"]) {
        ColumnClass::NoticePolicy
    } else if has(&["要闻", "动态", "新闻", "工作", "进展", "信息", "资讯", "头条", "聚焦", "关注", "活动"]) {
        ColumnClass::News
    } else {
        ColumnClass::Other
    }
}

/// How a column's content is present in this HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fill {
    /// Rows with links.
    Items,
    /// A placeholder text such as 暂无信息.
    Placeholder(String),
    /// An empty container no script on the page refers to.
    Empty,
    /// An empty container that an inline script fills (JSONP, XHR): not blank, not judgeable.
    ScriptFilled,
    /// Content in an `<iframe>`: not in this HTML.
    Frame,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub node: NodeId,
    pub title: String,
    pub href: Option<String>,
    /// The publication date shown (year inferred for month-days).
    pub date: Option<NaiveDate>,
    /// The date as shown, e.g. `10-11` or `2023-10-11`.
    pub date_shown: Option<String>,
    /// The date the item URL carries, if any.
    pub url_date: Option<NaiveDate>,
    /// The shown date is after the inspection date (plus a day): a wrong or forged date, not
    /// an update (rules.md §6 rule 5).
    pub future: bool,
}

#[derive(Clone, Debug)]
pub struct Column {
    pub name: String,
    /// The list (or container) element: where findings point.
    pub node: NodeId,
    pub title_node: Option<NodeId>,
    /// The column's own page (the 更多 link or the title link).
    pub url: Option<String>,
    pub items: Vec<Item>,
    pub fill: Fill,
    pub class: ColumnClass,
    /// A tab panel hidden by an inline `display:none`.
    pub hidden_tab: bool,
    /// One of several tabs under one header.
    pub tab: bool,
    /// The column's title link goes nowhere (`#`, `javascript:`).
    pub dead_link: bool,
}

impl Column {
    /// Newest shown date (the maximum: pinned old items may sit on top). Dates after the
    /// inspection date are not updates and are left out (see [`Column::future_dates`]).
    pub fn newest(&self) -> Option<NaiveDate> {
        self.items.iter().filter(|i| !i.future).filter_map(|i| i.date).max()
    }
    pub fn newest_item(&self) -> Option<&Item> {
        self.items.iter().filter(|i| i.date.is_some() && !i.future).max_by_key(|i| i.date)
    }
    /// Shown dates after the inspection date.
    pub fn future_dates(&self) -> Vec<NaiveDate> {
        self.items.iter().filter(|i| i.future).filter_map(|i| i.date).collect()
    }
    /// Newest date in the item URLs (evidence when no date is shown).
    pub fn newest_url_date(&self) -> Option<NaiveDate> {
        self.items.iter().filter_map(|i| i.url_date).max()
    }
    pub fn is_blank(&self) -> bool {
        matches!(self.fill, Fill::Placeholder(_) | Fill::Empty)
    }
}

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"暂无(?:信息|数据|内容|记录|相关信息|文章|新闻)|正在建设中?|栏目建设中|建设中|无记录|敬请期待").unwrap());

static TITLE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[-_\s])(?:hd|tit|title|titles|bt|lm|lmmc|name|head|header|caption|tab|tabs|tabmenu|menu|nav|column|th|bar|top)(?:$|[-_\s0-9])|title|tit[_-]|hd[_-]|[_-]hd|tab[_-]?(?:hd|menu|title|nav|tit)|lanmu|biaoti")
        .unwrap()
});

static WIDGET_CLASS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)calendar|rili|weather|tianqi|datepicker|laydate|wdate").unwrap());

static FOOTER_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)footer|copyright|(?:^|[-_\s])foot(?:$|[-_\s0-9])|(?:^|\s)(?:bq|banquan)(?:$|\s)").unwrap());

static MORE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)更多(?:>>|>|»|\+)?|more\s*(?:>>|>|\+)?|>>|»|查看全部|\+$").unwrap());

fn attr_words(el: ElementRef<'_>) -> String {
    format!("{} {}", el.value().attribute("class").unwrap_or(""), el.value().attribute("id").unwrap_or(""))
}

fn is_list_tag(name: &str) -> bool {
    matches!(name, "ul" | "ol" | "dl" | "table")
}

fn dead_href(h: &str) -> bool {
    let h = h.trim().to_ascii_lowercase();
    h.is_empty() || h == "#" || h.starts_with("javascript") || h.starts_with("#")
}

fn hidden_inline(el: ElementRef<'_>) -> bool {
    el.value().attribute("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Hidden by a class that tab scripts switch (`tabbertabhide_01`, `hide`, `hidden`, `dn`); not
/// the responsive `hidden-xs`.
fn hidden_class(el: ElementRef<'_>) -> bool {
    el.value()
        .attribute("class")
        .is_some_and(|c| c.split_whitespace().map(str::to_ascii_lowercase).any(|w| w.contains("hide") || matches!(w.as_str(), "hidden" | "dn" | "d-none")))
}

fn first_link(row: ElementRef<'_>) -> Option<ElementRef<'_>> {
    std::iter::once(row)
        .chain(row.descendants().filter_map(ElementRef::wrap))
        .take(200)
        .find(|d| d.value().name() == "a" && d.value().attribute("href").is_some())
}

fn is_heading(el: ElementRef<'_>) -> bool {
    matches!(el.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// At most `n` nodes: bounded checks before reading an element's text.
fn tiny(el: ElementRef<'_>, n: usize) -> bool {
    el.descendants().take(n).count() < n
}

/// A region small enough to be a footer, not a page wrapper with a footer-ish class.
fn small(el: ElementRef<'_>) -> bool {
    el.descendants().take(FOOTER_MAX_NODES).count() < FOOTER_MAX_NODES
}

fn first_class<'a>(el: ElementRef<'a>) -> Option<&'a str> {
    el.value().attribute("class").and_then(|c| c.split_whitespace().next())
}

/// Every column on the page, in document order. The costliest step of a check: rules get the
/// result from `Facts::columns`, found once per check.
pub fn find(page: &Page, today: NaiveDate, kind: super::kind::PageKind) -> Vec<Column> {
    let tx = &page.text_index;
    let anchor = generation_date(page);
    // 1. Candidate lists.
    let cands = candidates::candidates(page);
    let list_ids: std::collections::HashSet<NodeId> = cands.iter().map(|c| c.el.id()).collect();

    // 2./3. Name and merge.
    let mut out: Vec<Column> = Vec::new();
    let mut by_key: BTreeMap<(NodeId, String), usize> = BTreeMap::new();
    let mut unnamed: Vec<Cand<'_>> = Vec::new();
    for c in cands {
        let hrefs: Vec<&str> = c.rows.iter().filter_map(|r| r.href.as_deref()).collect();
        let Some(named) = name_list(page, c.el, &list_ids, &hrefs) else {
            unnamed.push(c);
            continue;
        };
        // A tab panel's class hides it only below the header's own block.
        let header_block: Vec<NodeId> = page.element(named.title_node).map(|t| t.ancestors().take(60).map(|a| a.id()).collect()).unwrap_or_default();
        let hidden_tab = std::iter::once(c.el)
            .chain(c.el.ancestors().filter_map(ElementRef::wrap))
            .take_while(|a| a.id() != named.title_node && a.value().name() != "body")
            .any(|a| hidden_inline(a) || named.tab && !header_block.contains(&a.id()) && hidden_class(a));
        let mut rows = c.rows;
        for h in &named.headlines {
            if let Some(r) = page.element_ref(*h).and_then(|r| read_row(tx, r)) {
                rows.insert(0, r);
            }
        }
        let items = resolve_items(rows, today, anchor);
        let key = (named.title_node, named.name.clone());
        if let Some(&i) = by_key.get(&key) {
            let col = &mut out[i];
            col.items.extend(items);
            if col.fill != Fill::Items && c.fill == Fill::Items {
                col.fill = Fill::Items;
            }
            continue;
        }
        by_key.insert(key, out.len());
        let class = classify(&named.name, None);
        out.push(Column {
            name: named.name,
            node: c.el.id(),
            title_node: Some(named.title_node),
            url: named.url,
            items,
            fill: c.fill,
            class,
            hidden_tab,
            tab: named.tab,
            dead_link: named.dead_link,
        });
    }
    out.retain(|c| !lists_its_own_parts(c));
    if !name_by_column_meta(page, kind, &mut out, &mut unnamed, today, anchor) {
        name_headless_list(page, &mut out, &mut unnamed, today, anchor);
    }
    // An empty or placeholder list whose title goes nowhere is blank too; keep document order.
    out.sort_by_key(|c| c.node);
    drop_copies(&mut out);
    out
}

/// A page that carries the same list twice (a desktop and a mobile template, a marquee
/// duplicated for scrolling) shows one column: the same name and the same item titles are one
/// column, the first copy visible (a copy in a hidden tab gives way to a shown one).
fn drop_copies(out: &mut Vec<Column>) {
    // Each column's identity, worked out once: name, item titles, and how an empty one is empty.
    let keys: Vec<(String, String, String)> = out
        .iter()
        .map(|c| {
            let titles: Vec<&str> = c.items.iter().map(|i| i.title.as_str()).collect();
            (c.name.clone(), titles.join("\u{1}"), if c.items.is_empty() { format!("{:?}", c.fill) } else { String::new() })
        })
        .collect();
    let mut keep = vec![true; out.len()];
    for i in 0..out.len() {
        if out[i].name.is_empty() || !keep[i] {
            continue;
        }
        for j in i + 1..out.len() {
            if keep[j] && keys[i] == keys[j] {
                // Keep the shown copy.
                if out[i].hidden_tab && !out[j].hidden_tab {
                    keep[i] = false;
                    break;
                }
                keep[j] = false;
            }
        }
    }
    let mut k = keep.into_iter();
    out.retain(|_| k.next().unwrap_or(true));
}

/// An undated list whose entries are mostly short labels repeating its own name is a menu of
/// the section's parts (政府信息公开: 政府信息公开制度, 政府信息公开指南 …) or a directory of its
/// members (分中心: 铁路分中心 …), not a column of articles (an article title such as
/// “《…管理办法》政策解读” is longer than a label).
fn lists_its_own_parts(c: &Column) -> bool {
    let n = c.name.chars().count();
    if c.fill != Fill::Items || c.items.len() < 3 || n < 2 || c.items.iter().any(|i| i.date.is_some()) {
        return false;
    }
    let hits = c.items.iter().filter(|i| i.title.chars().count() <= 14 && i.title.contains(c.name.as_str())).count();
    hits * 3 >= c.items.len() * 2
}

/// A column page (not a homepage: a platform's homepage carries its own ColumnName) names its
/// main list in `meta ColumnName`. Returns whether the page said so.
fn name_by_column_meta(
    page: &Page,
    kind: super::kind::PageKind,
    out: &mut Vec<Column>,
    unnamed: &mut Vec<Cand<'_>>,
    today: NaiveDate,
    anchor: Option<NaiveDate>,
) -> bool {
    let column_page = kind == super::kind::PageKind::Column;
    let Some(col_name) = page.meta("ColumnName").filter(|n| column_page && !n.contains("首页")) else { return false };
    let class = classify(col_name, page.meta("ColumnType"));
    let best_unnamed = unnamed.iter().enumerate().filter(|(_, c)| c.fill == Fill::Items).max_by_key(|(_, c)| c.rows.len()).map(|(i, c)| (i, c.rows.len()));
    let biggest_named = out.iter().enumerate().filter(|(_, c)| c.fill == Fill::Items).max_by_key(|(_, c)| c.items.len()).map(|(i, c)| (i, c.items.len()));
    if let Some(c) = out.iter_mut().find(|c| c.name == col_name) {
        c.class = class;
    } else if let Some((i, _)) = biggest_named.filter(|(_, n)| best_unnamed.is_none_or(|(_, b)| *n > b)) {
        // The page's main list was named by something nearby (a sidebar heading, a
        // breadcrumb): the page says what its column is.
        out[i].name = col_name.to_string();
        out[i].class = class;
        out[i].url = page.url.clone().or(out[i].url.take());
    } else if let Some((i, _)) = best_unnamed {
        let best = unnamed.swap_remove(i);
        out.push(Column {
            name: col_name.to_string(),
            node: best.el.id(),
            title_node: None,
            url: page.url.clone(),
            items: resolve_items(best.rows, today, anchor),
            fill: best.fill,
            class,
            hidden_tab: false,
            tab: false,
            dead_link: false,
        });
    }
    true
}

/// A page that is one dated list and nothing else (the document of an `<iframe>` panel, a bare
/// list page) has no heading over it: the page's `<title>` names it, by its last part
/// (`新乡市人民政府——政务公开 信息公开` → 信息公开). Only when no other dated column was found and
/// the list holds at least half the page's links.
fn name_headless_list(page: &Page, out: &mut Vec<Column>, unnamed: &mut Vec<Cand<'_>>, today: NaiveDate, anchor: Option<NaiveDate>) {
    if out.iter().any(|c| c.fill == Fill::Items && c.items.iter().any(|i| i.date.is_some())) {
        return;
    }
    let dated = |c: &Cand<'_>| c.rows.iter().filter(|r| r.full.is_some() || r.md.is_some()).count();
    let Some((i, n)) = unnamed.iter().enumerate().filter(|(_, c)| c.fill == Fill::Items).map(|(i, c)| (i, dated(c))).max_by_key(|(_, n)| *n) else { return };
    let links = page.links.iter().filter(|l| !l.in_footer).count();
    if n < 3 || n * 2 < links {
        return;
    }
    let title = page.title.trim();
    let name = title
        .split(['—', '-', '_', '|', '｜', ' ', '·', '－'])
        .map(str::trim)
        .rfind(|p| (2..=12).contains(&p.chars().count()) && plausible_name(p))
        .map(str::to_string)
        .unwrap_or_else(|| "本页列表".to_string());
    let best = unnamed.swap_remove(i);
    let class = classify(&name, None);
    out.push(Column {
        name,
        node: best.el.id(),
        title_node: None,
        url: page.url.clone(),
        items: resolve_items(best.rows, today, anchor),
        fill: best.fill,
        class,
        hidden_tab: false,
        tab: false,
        dead_link: false,
    });
}

/// Column entries that lead nowhere: a menu item (`<li><a href="javascript:;">政策解读</a></li>`
/// in a list of at least three) whose link is `#` or `javascript:`, with no submenu, no
/// inline handler and no column of that name on the page (tab labels are handled by
/// [`columns`]). Returns the link and its text.
pub fn dead_column_links(page: &Page, cols: &[Column]) -> Vec<(NodeId, String)> {
    let tx = &page.text_index;
    let mut out = Vec::new();
    for l in &page.links {
        if out.len() >= 50 {
            break;
        }
        let h = l.href.trim().to_ascii_lowercase().replace(' ', "");
        if !(h == "#" || h == "javascript:;" || h == "javascript:void(0)" || h == "javascript:void(0);" || h == "javascript:") {
            continue;
        }
        let n = l.text.chars().count();
        if !(2..=10).contains(&n) || !l.text.chars().all(|c| !c.is_ascii()) || !plausible_name(&l.text) || cols.iter().any(|c| c.name == l.text) {
            continue;
        }
        let Some(a) = page.element_ref(l.node) else { continue };
        let Some(li) = a.parent().and_then(ElementRef::wrap).filter(|p| p.value().name() == "li") else { continue };
        let handler = |e: ElementRef<'_>| e.value().attrs().any(|(k, _)| k.starts_with("on"));
        if handler(a) || handler(li) || a.value().attribute("id").is_some() || a.value().attribute("data-href").is_some() {
            continue;
        }
        if li.descendants().filter_map(ElementRef::wrap).take(100).any(|d| matches!(d.value().name(), "ul" | "ol" | "div" | "dl")) {
            continue;
        }
        if tx.of(a) != l.text || ["微信", "微博", "客户端", "二维码", "APP", "公众号", "头条", "抖音"].iter().any(|w| l.text.contains(w)) {
            continue;
        }
        let Some(list) = li.parent().and_then(ElementRef::wrap) else { continue };
        let items: Vec<ElementRef<'_>> = list.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "li").collect();
        // A menu whose other entries work: this one is the odd one out (dropdown toggles and
        // link groups where every entry is `javascript:` are not columns).
        let live = items.iter().filter(|i| first_link(**i).and_then(|a| a.value().attribute("href")).is_some_and(|h| !dead_href(h))).count();
        if items.len() < 3 || live * 3 < items.len() * 2 || excluded(page, list) {
            continue;
        }
        out.push((l.node, l.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Page, Source};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn columns(p: &Page, today: NaiveDate) -> Vec<Column> {
        find(p, today, p.kind())
    }

    #[test]
    fn headed_list_with_more_link() {
        let html = r#"<body><div class="box"><div class="hd"><h3>通知公告</h3><a href="/tzgg/">更多</a></div>
            <ul><li><a href="/a">关于做好某项工作的通知</a><span>2023-08-20</span></li>
            <li><a href="/b">关于另一项工作的通知</a><span>2023-08-22</span></li></ul></div></body>"#;
        let p = Page::parse(html, None, Source::Raw);
        let cols = columns(&p, d("2023-09-01"));
        assert_eq!(cols.len(), 1);
        assert_eq!(cols[0].name, "通知公告");
        assert_eq!(cols[0].url.as_deref(), Some("/tzgg/"));
        assert_eq!(cols[0].newest(), Some(d("2023-08-22")));
        assert_eq!(cols[0].class, ColumnClass::NoticePolicy);
    }

    #[test]
    fn tabs_are_separate_columns() {
        let html = r#"<body><div class="tab"><div class="hd"><ul><li><a href="/x">政务动态</a></li><li><a href="/y">部门动态</a></li></ul></div>
            <div class="bd"><ul class="l"><li><a href="/1">第一条很长的新闻标题</a><span>01-03</span></li><li><a href="/2">第二条很长的新闻标题</a><span>12-30</span></li></ul>
            <ul class="l" style="display:none"><li><a href="/3">第三条很长的新闻标题</a><span>2022-12-01</span></li></ul></div></div></body>"#;
        let p = Page::parse(html, None, Source::Raw);
        let cols = columns(&p, d("2023-01-05"));
        let names: Vec<_> = cols.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["政务动态", "部门动态"]);
        assert_eq!(cols[0].newest(), Some(d("2023-01-03")));
        assert_eq!(cols[0].items[1].date, Some(d("2022-12-30")));
        assert!(cols[1].hidden_tab);
    }

    #[test]
    fn empty_containers_blank_or_script_filled() {
        let html = r#"<body><div><h3>往期回顾</h3><ul id="a1"></ul></div><div><h3>央网推荐</h3><ul id="feed"></ul></div>
            <div><h3>工作动态</h3><ul><li>暂无信息</li></ul></div><script>load('feed')</script></body>"#;
        let p = Page::parse(html, None, Source::Raw);
        let cols = columns(&p, d("2023-01-05"));
        let fills: Vec<_> = cols.iter().map(|c| (c.name.as_str(), c.fill.clone())).collect();
        assert_eq!(fills, [("往期回顾", Fill::Empty), ("央网推荐", Fill::ScriptFilled), ("工作动态", Fill::Placeholder("暂无信息".into()))]);
    }

    #[test]
    fn hostile_lists_are_bounded_and_do_not_panic() {
        let rows: String = (0..5000).map(|i| format!("<li><a href='/x/{i}'>第{i}条很长的新闻标题内容</a><span>{}-{}</span></li>", i % 14, i % 33)).collect();
        let nested: String = "<div class=hd><ul><li><a href=#>甲</a></li><li><a href=#>乙</a></li></ul></div><div>".repeat(300);
        let html = format!("<body><h3>工作动态</h3><ul>{rows}</ul>{nested}<ul></ul><ul><li>2023年13月45日 02-30 9999-99-99 ０８－２０</li></ul></body>");
        let p = Page::parse(&html, None, Source::Raw);
        let cols = columns(&p, d("2023-01-05"));
        let news = cols.iter().find(|c| c.name == "工作动态").expect("the long list");
        assert!(news.items.len() <= MAX_ROWS);
        assert!(news.newest().is_some_and(|n| n <= d("2023-01-06")));
        let _ = dead_column_links(&p, &cols);
    }

    #[test]
    fn dates_outside_the_title_win_and_written_dates_are_skipped() {
        let html = r#"<body><h3>政策文件</h3><table>
            <tr><td><a href="/1">关于3月15日起施行新规定的通知</a></td><td>成文日期：2023-01-02</td><td>2023-02-01</td></tr>
            <tr><td><a href="/2">关于印发实施方案的通知</a></td><td>成文日期：2023-05-02</td><td>发布日期：2023-01-20</td></tr></table></body>"#;
        let p = Page::parse(html, None, Source::Raw);
        let cols = columns(&p, d("2023-06-01"));
        assert_eq!(cols[0].newest(), Some(d("2023-02-01")));
    }

    #[test]
    fn header_rows_name_tables_and_dls() {
        let html = r#"<body><table><tr><td>通知公告</td><td><a href="/tzgg/">更多</a></td></tr>
            <tr><td><a href="/tzgg/1.html">关于开展年度检查工作的通知</a></td><td>2023-08-20</td></tr></table>
            <dl><dt><a href="/bmdt/">部门动态</a></dt><dd><a href="/bmdt/1.html">某局召开年度工作会议部署工作</a> 08-21</dd></dl>
            <table><tr><td><ul><li><a href="/x/1.html">布局表格里的列表标题很长</a> 2023-08-22</li></ul></td></tr></table></body>"#;
        let p = Page::parse(html, None, Source::Raw);
        let cols = columns(&p, d("2023-09-01"));
        let got: Vec<_> = cols.iter().map(|c| (c.name.as_str(), c.items.len(), c.newest())).collect();
        assert_eq!(got[0], ("通知公告", 1, Some(d("2023-08-20"))));
        assert_eq!(cols[0].url.as_deref(), Some("/tzgg/"));
        assert_eq!(got[1], ("部门动态", 1, Some(d("2023-08-21"))));
        assert_eq!(cols.len(), 2, "the layout table is not a list and its inner list has no name: {got:?}");
    }

    #[test]
    fn more_link_names_an_untitled_list() {
        let html = r#"<body><div class="nav"><a href="/zwdt/">政务动态</a></div>
            <div class="box"><ul><li><a href="/zwdt/1.html">市政府召开全市经济工作会议</a> 2023-08-20</li></ul><a href="/zwdt/">更多&gt;&gt;</a></div></body>"#;
        let p = Page::parse(html, None, Source::Raw);
        let cols = columns(&p, d("2023-09-01"));
        assert_eq!(cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["政务动态"]);
        assert_eq!(cols[0].url.as_deref(), Some("/zwdt/"));
    }

    #[test]
    fn column_page_main_list_takes_column_name() {
        let rows: String =
            (1..=12).map(|i| format!("<li><a href='/tzgg/{i}.html'>关于开展第{i}项专项检查工作的通知</a><span>2023-08-{i:02}</span></li>")).collect();
        let html = format!(
            r#"<head><meta name="ColumnName" content="通知公告"><meta name="ColumnType" content="通知公告"></head><body>
            <div class="side"><h3>政务公开</h3><ul><li><a href="/a/">机构职能</a></li></ul></div>
            <div class="main"><div class="crumb">当前位置：首页 &gt; 政务公开</div><ul>{rows}</ul></div></body>"#
        );
        let p = Page::parse(&html, None, Source::Raw);
        let cols = columns(&p, d("2023-09-01"));
        let main = cols.iter().find(|c| c.items.len() == 12).expect("main list");
        assert_eq!(main.name, "通知公告");
        assert_eq!(main.class, ColumnClass::NoticePolicy);
        assert_eq!(main.newest(), Some(d("2023-08-12")));
    }

    #[test]
    fn extreme_inspection_dates_do_not_panic() {
        let html = r#"<body><h3>工作动态</h3><ul><li><a href="/202301/t20230105_1.html">市政府召开全市经济工作会议</a> 01-05</li>
            <li><a href="/2">全市安全生产工作会议召开部署</a> 2023-08-20</li></ul></body>"#;
        let p = Page::parse(html, None, Source::Raw);
        for today in [NaiveDate::MIN, NaiveDate::MAX, d("1995-01-01")] {
            let _ = columns(&p, today);
        }
    }

    #[test]
    fn classes() {
        assert_eq!(classify("政务要闻", None), ColumnClass::News);
        assert_eq!(classify("人事任免", None), ColumnClass::PersonnelPlan);
        assert_eq!(classify("政策解读", None), ColumnClass::Other);
        assert_eq!(classify("扫黑除恶专题", None), ColumnClass::Topic);
        assert_eq!(classify("规范性文件", None), ColumnClass::NoticePolicy);
    }

    #[test]
    fn tab_attribute_pairs_titles_with_panels_out_of_order() {
        // tabber plugin: title order 1,4,2 (政务动态, 政府文件, 通知公告); panels in order 1,2,4.
        let item = |h: &str, t: &str, d: &str| {
            format!("<table><tr><td><table><tr><td>·</td><td><a href='{h}'><!---->{t}<!-- --></a></td><td>{d}</td></tr></table></td></tr></table>")
        };
        let panel = |k: u8, hide: &str, items: String| format!("<div class='tabtab {hide}' tabindex_01='{k}'><table><tr><td>{items}</td></tr></table></div>");
        let html = format!(
            "<body><div class='tablive'><ul><div class='on' tabindex_01='1'>政务动态</div><div tabindex_01='4'>政府文件</div><div tabindex_01='2'>通知公告</div></ul>
            <div class='tabtab more' tabindex_01='1'><a href='/zwdt/'>更多</a></div><div class='tabtab tabhide more' tabindex_01='4'><a href='/zfwj/'>更多</a></div>{}{}{}</div></body>",
            panel(1, "", item("/zwdt/1.html", "市政府召开全市经济工作会议", "08-30") + &item("/zwdt/2.html", "全市安全生产工作会议召开", "08-29")),
            panel(2, "tabhide", item("/tzgg/1.html", "关于开展年度检查工作的通知", "2023-08-20") + &item("/tzgg/2.html", "关于做好秋季开学工作的通知", "2023-08-02")),
            panel(4, "tabhide", item("/zfwj/1.html", "市人民政府关于印发年度重点工作的通知", "2023-01-16") + &item("/zfwj/2.html", "市人民政府办公室关于做好供暖工作的通知", "2022-11-30")),
        );
        let p = Page::parse(&html, None, Source::Raw);
        let cols = columns(&p, d("2023-09-01"));
        let got: Vec<_> = cols.iter().map(|c| (c.name.as_str(), c.newest(), c.hidden_tab)).collect();
        assert_eq!(got, [("政务动态", Some(d("2023-08-30")), false), ("通知公告", Some(d("2023-08-20")), true), ("政府文件", Some(d("2023-01-16")), true)]);
        assert_eq!(cols[2].url.as_deref(), Some("/zfwj/"), "the 更多 link with the same attribute value");
    }

    #[test]
    fn switching_handler_pairs_panels_and_an_untitled_panel_is_no_column() {
        let li = |h: &str, t: &str, d: &str| format!("<li><img src='/i.png'><a title='{t}' href='{h}'>{t}</a><span class='fr'>{d}</span></li>");
        let html = format!(
            "<body><div class='col'><div class='titleDiv'><div class='titleZh'>政务信息</div><ul class='news_list'>
            <li id='one0' onmouseover=\"setTab('one',0,2)\"><a href='/gzdt/'>工作动态</a></li><li id='one1' onmouseover=\"setTab('one',1,2)\"><a href='/tzgg/'>通知公告</a></li></ul></div></div>
            <div class='box'><div class='c' id='con_one_0'><div><ul>{}</ul></div></div><div class='c' id='con_one_1' style='display:none'><div><ul>{}</ul></div></div>
            <div class='c' id='con_one_2' style='display:none'><div><ul>{}</ul></div></div></div></body>",
            li("/gzdt/1.html", "中心年度部门决算公开说明", "2023-08-23"),
            li("/tzgg/1.pdf", "关于公示评估机构核验合格名单的公告", "2023-08-30"),
            li("/old/1.html", "一个没有标题的面板里的旧条目", "2020-01-01"),
        );
        let p = Page::parse(&html, None, Source::Raw);
        let cols = columns(&p, d("2023-09-01"));
        let got: Vec<_> = cols.iter().map(|c| (c.name.as_str(), c.newest(), c.hidden_tab)).collect();
        assert_eq!(got, [("工作动态", Some(d("2023-08-23")), false), ("通知公告", Some(d("2023-08-30")), true)]);
    }

    #[test]
    fn breadcrumb_names_a_table_list_and_weather_frames_are_no_columns() {
        let html = r#"<body><table><tr><td class="weather">天气预报：</td><td><iframe src="http://tianqi.example.com/plugin/widget/index.htm"></iframe></td></tr></table>
            <table><tr><td class="pos">您现在的位置是：<a href="../../">首页</a> &gt;&gt; <a href="../">信息公开</a> &gt;&gt; <a href="./">信息公开年报</a></td></tr>
            <tr><td><table class="gl_list"><tr><td><img src="i.jpg"></td><td><a href="./202009/t20200903_1.html">某市2019年政府信息公开工作年度报告</a></td><td>2020-09-03</td></tr>
            <tr><td><img src="i.jpg"></td><td><a href="./202005/t20200506_2.html">某区召开年度工作会议</a></td><td>2020-05-06</td></tr></table></td></tr></table></body>"#;
        let p = Page::parse(html, None, Source::Raw);
        let cols = columns(&p, d("2020-09-10"));
        let got: Vec<_> = cols.iter().map(|c| (c.name.as_str(), c.url.as_deref(), c.newest())).collect();
        assert_eq!(got, [("信息公开年报", Some("./"), Some(d("2020-09-03")))]);
    }

    #[test]
    fn dotted_month_days_need_date_context() {
        // A date class, or a year from the item URL: dates. A bare `10.11` span with neither
        // (a version, a score) is not, nor is a lone dotted span in one row.
        let li = |h: &str, t: &str, span: &str| format!("<li><a href='{h}'>{t}</a>{span}</li>");
        let html = format!(
            "<body><div><h3>工作动态</h3><ul>{}{}</ul></div><div><h3>软件下载</h3><ul>{}{}</ul></div><div><h3>通知公告</h3><ul>{}{}</ul></div></body>",
            li("/a/1.html", "某市召开全市经济工作会议部署", "<span class='time'>10.11</span>"),
            li("/a/2.html", "全市安全生产工作会议召开部署", "<span class='time'>09.30</span>"),
            li("/d/1.html", "某某客户端正式版本发布说明", "<span>10.11</span>"),
            li("/d/2.html", "某某客户端测试版本发布说明", "<span>10.12</span>"),
            li("/t/202309/t20230920_1.html", "关于开展年度检查工作的通知", "<span>09.20</span>"),
            li("/t/2.html", "关于做好秋季开学工作的通知", "<span>12.50</span>"),
        );
        let p = Page::parse(&html, None, Source::Raw);
        let cols = columns(&p, d("2023-10-15"));
        let got: Vec<_> = cols.iter().map(|c| (c.name.as_str(), c.newest())).collect();
        assert_eq!(got, [("工作动态", Some(d("2023-10-11"))), ("软件下载", None), ("通知公告", None)]);
    }

    #[test]
    fn an_arrow_trail_from_the_front_page_names_a_list_and_a_menu_does_not() {
        let rows: String =
            (1..=3).map(|i| format!("<tr><td><a href='/n/{i}.html'>某市召开第{i}次全市旅游工作会议</a></td><td>2023-10-0{i}</td></tr>")).collect();
        let html = format!(
            "<body><div><a href='/'>首页</a> | <a href='/zwgk/'>政务公开</a> | <a href='/bsfw/'>办事服务</a></div>
            <table><tr><td><a href='/'>首页</a> &gt;&gt; <a href='/lydt/'>旅游动态</a> &gt;&gt; <a href='/dsdt/'>地市动态</a></td></tr>
            <tr><td><table>{rows}</table></td></tr></table></body>"
        );
        let p = Page::parse(&html, None, Source::Raw);
        let cols = columns(&p, d("2023-10-06"));
        let got: Vec<_> = cols.iter().map(|c| (c.name.as_str(), c.url.as_deref(), c.newest())).collect();
        assert_eq!(got, [("地市动态", Some("/dsdt/"), Some(d("2023-10-03")))]);
    }

    #[test]
    fn a_headless_document_list_is_named_by_the_page_title() {
        let rows: String = [("2023-08-30", 1), ("2023-06-25", 2), ("2023-08-15", 3)]
            .iter()
            .map(|(d, i)| format!("<tr><td>·</td><td><a href='/info.jsp?id={i}'>[某区]某区开展河长制巡河工作第{i}次</a></td><td>{d}</td></tr>"))
            .collect();
        let html = format!("<head><title>某市人民政府——政务公开 信息公开</title></head><body><table><tr><td><table>{rows}</table></td></tr></table></body>");
        let p = Page::parse(&html, None, Source::Raw);
        let cols = columns(&p, d("2023-09-01"));
        let got: Vec<_> = cols.iter().map(|c| (c.name.as_str(), c.newest())).collect();
        assert_eq!(got, [("信息公开", Some(d("2023-08-30")))]);
    }
}
