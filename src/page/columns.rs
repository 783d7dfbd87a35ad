//! Column blocks (栏目) on homepages and column pages: name, URL, items with dates, and
//! whether the column is empty. Shared by `column-stale`, `column-blank`, `home-not-updated`
//! and `state-council-column`.
//!
//! # How columns are found
//! 1. Candidate lists, outside `<header>`/`<nav>`, small footer regions and calendar/weather
//!    widgets: `ul`/`ol`/`dl`/`table` whose rows carry links, and blocks of links without
//!    list markup (`<div><a>…</a><a>…</a></div>`, `<div><div><a>…</a><span>date</span></div>…`,
//!    date cells beside link cells). A list is kept when it reads like content: some row shows
//!    a date, or its link texts are long (titles, not menu labels). Layout tables holding other
//!    lists are not lists. Empty containers (`<ul id=…></ul>`), placeholders
//!    (暂无信息/暂无数据/正在建设中/栏目建设中) and `<iframe>` panels are kept too.
//! 2. Its name: a header row (`<tr><td>通知公告</td><td>更多</td></tr>`, `<dt>`), a heading
//!    first inside the block, else the nearest title block before it, climbing at most
//!    [`MAX_CLIMB`] levels: a heading, an element whose class/id says title (`hd`, `tit`,
//!    `title`, `bt`, `lm`…) or a short text block. A title block with several labels is a tab
//!    header: the list takes the label whose index matches its panel (tabs are separate
//!    columns); when panels do not map, the label whose link is the items' directory, or the
//!    one heading among side links. Last, the "更多" link beside the list (its `title`, or a
//!    navigation link to the same address), and `meta ColumnName` for a column page's main list.
//!    Navigation words, sentences, URLs and headlines (a year, 《》) are not names.
//! 3. Lists with the same title block and name are one column; a headline block between the
//!    list and its title (one article, a date) is one of its items.
//! 4. Item dates: full dates outside the link text first (labels such as 成文日期 are skipped:
//!    only publication dates count), then at the end of the link text, then in the link
//!    `title`; else month-days whose year comes from the item URL (`/202310/`, `t20231011_`),
//!    else from the page-generation date or `today` ([`dates::infer_years`], handles lists
//!    across New Year). URL dates are kept apart (`url_date`): they are evidence, not a shown
//!    date. Dates after `today` are flagged (`future`) and are not updates.
//! 5. An empty container that an inline script refers to is script-filled (`review`), in raw
//!    and live HTML alike; one that nothing refers to is empty (blank).
//!
//! Everything is iterative and bounded: no recursion over the DOM.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use ego_tree::NodeId;
use regex::Regex;
use scraper::ElementRef;

use super::dates::{self, DateLabel};
use super::Page;
use super::text_index::TextIndex;
use super::ElementExt;

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
static WIDGET_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)calendar|rili|weather|tianqi|datepicker|laydate|wdate").unwrap());
static FOOTER_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)footer|copyright|(?:^|[-_\s])foot(?:$|[-_\s0-9])|(?:^|\s)(?:bq|banquan)(?:$|\s)").unwrap());
static MORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)更多(?:>>|>|»|\+)?|more\s*(?:>>|>|\+)?|>>|»|查看全部|\+$").unwrap());

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

/// Rows of a list: `li` children, `dt`/`dd` children, or the rows of a table (bounded).
fn rows<'a>(tx: &TextIndex, list: ElementRef<'a>) -> Vec<ElementRef<'a>> {
    let name = list.value().name();
    if name == "table" {
        let mut out = Vec::new();
        for d in list.descendants().filter_map(ElementRef::wrap) {
            if out.len() >= MAX_ROWS {
                break;
            }
            if d.value().name() == "tr" {
                let owner = d.ancestors().filter_map(ElementRef::wrap).find(|a| a.value().name() == "table");
                if owner.map(|o| o.id()) == Some(list.id()) {
                    out.push(d);
                }
            }
        }
        return out;
    }
    if is_list_tag(name) {
        return list
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "li" | "dt" | "dd"))
            .take(MAX_ROWS)
            .collect();
    }
    div_rows(tx, list).unwrap_or_default()
}

/// Rows of a list built without `ul`/`table`: a block whose children are links
/// (`<div><a>…</a><a>…</a></div>`) or small blocks holding one link each
/// (`<div><div class=info><a>…</a><span>date</span></div>…</div>`). At least two rows.
fn div_rows<'a>(tx: &TextIndex, el: ElementRef<'a>) -> Option<Vec<ElementRef<'a>>> {
    let kids: Vec<ElementRef<'_>> = el
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|k| !matches!(k.value().name(), "script" | "style" | "br" | "img" | "input"))
        .take(MAX_ROWS)
        .collect();
    let links = kids.iter().filter(|k| k.value().name() == "a" && k.value().attribute("href").is_some()).count();
    // A one-item panel of a tabbed list (`<div class="post-list"><a>…</a></div>`).
    if kids.len() == 1 && links == 1 && el.value().attribute("class").is_some_and(|c| c.to_ascii_lowercase().contains("list")) {
        return Some(kids);
    }
    if kids.len() < 2 {
        return None;
    }
    if links >= 2 && links * 3 >= kids.len() * 2 {
        return Some(kids.into_iter().filter(|k| k.value().name() == "a").collect());
    }
    let one_link = |k: &ElementRef<'_>| {
        matches!(k.value().name(), "div" | "p" | "span" | "h3" | "h4" | "h5" | "dd" | "section")
            && k.descendants().filter_map(ElementRef::wrap).take(60).filter(|d| d.value().name() == "a" && d.value().attribute("href").is_some()).count() == 1
            && !k.descendants().filter_map(ElementRef::wrap).take(60).any(|d| matches!(d.value().name(), "ul" | "ol" | "table" | "dl" | "iframe"))
    };
    let rows: Vec<ElementRef<'_>> = kids.iter().copied().filter(|k| one_link(k)).collect();
    let good = rows.len();
    let frames = kids.iter().filter(|k| k.value().name() == "iframe").count();
    // Date cells laid out beside their link cells (`<div>03-20</div><div><a>…</a></div>`), and
    // a heading first.
    let frames = frames + kids.iter().filter(|k| date_only(tx, **k)).count() + usize::from(kids.first().is_some_and(|k| is_heading(*k)));
    // Rows of a list link different articles; a title and a "[详细]" link to the same one
    // are one headline item.
    let mut hrefs: Vec<&str> = rows.iter().filter_map(|r| first_link(*r)).filter_map(|a| a.value().attribute("href")).map(str::trim).collect();
    hrefs.sort_unstable();
    hrefs.dedup();
    let distinct = hrefs.len() == good;
    (distinct && (good >= 2 || (good == 1 && frames >= 1)) && (good + frames) * 3 >= kids.len() * 2).then_some(rows)
}

fn first_link(row: ElementRef<'_>) -> Option<ElementRef<'_>> {
    std::iter::once(row)
        .chain(row.descendants().filter_map(ElementRef::wrap))
        .take(200)
        .find(|d| d.value().name() == "a" && d.value().attribute("href").is_some())
}

/// A full publication date in normalised text, with the text as shown.
fn pub_date_in(text: &str) -> Option<(NaiveDate, String)> {
    dates::full_dates(text)
        .into_iter()
        .filter(|h| dates::label_before(text, h.start) != DateLabel::NotPublication)
        .map(|h| (h.date, text.get(h.start..h.end).unwrap_or("").to_string()))
        .max_by_key(|(d, _)| *d)
}

struct RawRow {
    node: NodeId,
    title: String,
    href: Option<String>,
    full: Option<(NaiveDate, String)>,
    md: Option<(u32, u32, String)>,
    url_date: Option<NaiveDate>,
    url_month: Option<(i32, u32)>,
}

fn is_heading(el: ElementRef<'_>) -> bool {
    matches!(el.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// An element holding only a date (`<div class="date">03-20</div>`), no link.
fn date_only(tx: &TextIndex, el: ElementRef<'_>) -> bool {
    if !tiny(el, 8) || el.descendants().filter_map(ElementRef::wrap).any(|d| d.value().name() == "a") {
        return false;
    }
    let t = tx.of(el);
    let t = t.trim_matches(|c: char| c.is_whitespace() || "[]()【】（）".contains(c));
    t.chars().count() <= 20 && (dates::full_dates(t).first().is_some_and(|h| h.start == 0) || dates::month_days(t).first().is_some_and(|m| m.2 == 0))
}

fn read_row(tx: &TextIndex, row: ElementRef<'_>) -> Option<RawRow> {
    let link = first_link(row)?;
    let mut text = tx.of(row).into_owned();
    // The date may sit in the cell beside the row.
    let prev = row.prev_siblings().filter_map(ElementRef::wrap).next().filter(|e| date_only(tx, *e));
    let next = row.next_siblings().filter_map(ElementRef::wrap).next().filter(|e| date_only(tx, *e));
    if let Some(d) = prev.or(next) {
        if dates::full_dates(&text).is_empty() && dates::month_days(&text).is_empty() {
            text = format!("{text} {}", tx.of(d));
        }
    }
    let href = link.value().attribute("href").map(|h| h.trim().to_string());
    let link_text = tx.of(link).into_owned();
    let title = if link_text.is_empty() {
        link.value().attribute("title").map(super::normalize).unwrap_or_default()
    } else {
        link_text.clone()
    };
    // Dates outside the link text first (a title may itself mention `3月15日`), then a date
    // ending the link text (`<a><span>title</span><span>2018-03-20</span></a>`), then the link
    // `title` attribute ("…通知(2018-03-15)").
    let outside = if link_text.is_empty() { text.clone() } else { text.replacen(&link_text, " ", 1) };
    let month_day = |t: &str, at_end: bool| {
        dates::month_days(t)
            .into_iter()
            .filter(|(_, _, s, _)| dates::label_before(t, *s) != DateLabel::NotPublication)
            .rfind(|(_, _, _, e)| !at_end || t.get(*e..).is_some_and(|rest| rest.trim_matches(|c: char| c.is_whitespace() || ")]）】".contains(c)).is_empty()))
            .map(|(m, d, s, e)| (m, d, t.get(s..e).unwrap_or("").to_string()))
    };
    let mut full = pub_date_in(&outside);
    let mut md = None;
    if full.is_none() {
        md = month_day(&outside, false);
    }
    if full.is_none() && md.is_none() {
        full = pub_date_in(&link_text);
        if full.is_none() {
            md = month_day(&link_text, true);
        }
    }
    if full.is_none() && md.is_none() {
        if let Some(t) = link.value().attribute("title") {
            full = pub_date_in(&super::normalize(t));
        }
    }
    let (url_date, url_month) = match &href {
        Some(h) => dates::url_dates(h),
        None => (None, None),
    };
    Some(RawRow { node: row.id(), title, href, full, md, url_date, url_month })
}

/// The page-generation date, e.g. `<meta name="others" content="页面生成时间 2023-10-11 11:36:07">`.
pub fn generation_date(page: &Page) -> Option<NaiveDate> {
    page.meta
        .iter()
        .filter(|(k, v)| v.contains("生成") || k.contains("generat") || k.as_str() == "lastmodified")
        .find_map(|(_, v)| dates::full_dates(&dates::normalize(v)).first().map(|h| h.date))
}

fn resolve_items(raw: Vec<RawRow>, today: NaiveDate, anchor: Option<NaiveDate>) -> Vec<Item> {
    // Month-days without a URL hint get their year from the list order and the reference date.
    let mds: Vec<(u32, u32)> = raw.iter().filter(|r| r.full.is_none()).filter_map(|r| r.md.as_ref().map(|(m, d, _)| (*m, *d))).collect();
    let inferred = dates::infer_years(&mds, today, anchor);
    let mut k = 0;
    let limit = today.checked_add_days(chrono::Days::new(1)).unwrap_or(today);
    raw.into_iter()
        .map(|r| {
            let (date, shown) = if let Some((d, s)) = r.full {
                (Some(d), Some(s))
            } else if let Some((m, d, s)) = r.md {
                let by_list = inferred.get(k).copied().flatten();
                k += 1;
                let by_url = r.url_month.and_then(|(y, mo)| dates::date_with_month_hint(m, d, y, mo)).filter(|d| *d <= limit);
                (by_url.or(by_list), Some(s))
            } else {
                (None, None)
            };
            let future = date.is_some_and(|d| d > limit);
            Item { node: r.node, title: r.title, href: r.href, date, date_shown: shown, url_date: r.url_date, future }
        })
        .collect()
}

/// Is this element somewhere no column lives: footer, `<header>`/`<nav>`, calendar or weather?
fn excluded(page: &Page, el: ElementRef<'_>) -> bool {
    // Footer by its own markup (`<footer>`, class/id footer/foot/copyright): the page-level
    // footer region can be wider (a last section holding columns and the footer).
    std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap)).take(60).any(|a| {
        matches!(a.value().name(), "header" | "nav" | "select" | "footer") && a.id() != el.id()
            || WIDGET_CLASS.is_match(&attr_words(a))
            || (FOOTER_CLASS.is_match(&attr_words(a)) && small(a))
    }) || page.footer.roots.iter().any(|r| {
        page.element(*r).is_some_and(|root| small(root) && std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap)).take(60).any(|a| a.id() == root.id()))
    })
}

/// A region small enough to be a footer, not a page wrapper with a footer-ish class.
fn small(el: ElementRef<'_>) -> bool {
    el.descendants().take(FOOTER_MAX_NODES).count() < FOOTER_MAX_NODES
}

fn first_class<'a>(el: ElementRef<'a>) -> Option<&'a str> {
    el.value().attribute("class").and_then(|c| c.split_whitespace().next())
}

/// Text of a title block with 更多/more removed (image labels: `alt`/`title`).
fn title_text(tx: &TextIndex, el: ElementRef<'_>) -> String {
    let mut t = tx.of(el).into_owned();
    if t.is_empty() {
        t = tx.label(el);
    }
    let edge = |c: char| c.is_whitespace() || "|｜·•>»■□◆●".contains(c);
    // The text is normalised already; only removing 更多 can leave doubled spaces.
    let t = if t.contains(['更', 'm', 'M', '>', '»', '查', '+']) && MORE.is_match(&t) {
        super::normalize(MORE.replace_all(&t, " ").trim_matches(edge))
    } else {
        t.trim_matches(edge).to_string()
    };
    // `要　闻`: spaces between Chinese characters are layout, not part of the name.
    let mut out = String::with_capacity(t.len());
    let mut prev: Option<char> = None;
    let mut it = t.chars().peekable();
    while let Some(c) = it.next() {
        let layout = c == ' ' && prev.is_some_and(|p| !p.is_ascii()) && it.peek().is_some_and(|n| !n.is_ascii());
        if !layout {
            out.push(c);
        }
        prev = Some(c);
    }
    // `政务微信政务微信`: the same label twice (text and image title).
    let chars: Vec<char> = out.chars().collect();
    let half = chars.len() / 2;
    if half >= 2 && chars.len() % 2 == 0 && chars[..half] == chars[half..] {
        return chars[..half].iter().collect();
    }
    out
}

/// Tab labels inside a title block: `li`/`a`/`span`/`h*` elements with short text, one per tab.
fn tab_labels(tx: &TextIndex, el: ElementRef<'_>) -> Vec<(String, Option<String>)> {
    // Prefer li children of a list in the block; else direct a/span/h* children.
    let lis: Vec<ElementRef<'_>> = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .take(300)
        .filter(|d| d.value().name() == "li")
        .filter(|d| !d.ancestors().filter_map(ElementRef::wrap).take_while(|a| a.id() != el.id()).any(|a| a.value().name() == "li"))
        .collect();
    let cands: Vec<ElementRef<'_>> = if lis.len() >= 2 {
        lis
    } else {
        let mut v: Vec<ElementRef<'_>> = Vec::new();
        let mut parent = el;
        // Descend through single wrappers.
        for _ in 0..4 {
            let kids: Vec<ElementRef<'_>> = parent.children().filter_map(ElementRef::wrap).filter(|k| !matches!(k.value().name(), "script" | "style" | "img" | "i" | "br")).collect();
            if kids.len() == 1 {
                parent = kids[0];
                continue;
            }
            v = kids;
            break;
        }
        v
    };
    cands
        .into_iter()
        .filter_map(|c| {
            let t = title_text(tx, c);
            let raw = tx.of(c);
            if t.is_empty() || MORE.is_match(&raw) && t.chars().count() < 2 {
                return None;
            }
            let cls = attr_words(c).to_ascii_lowercase();
            if cls.contains("more") {
                return None;
            }
            let href = std::iter::once(c)
                .chain(c.descendants().filter_map(ElementRef::wrap))
                .find(|d| d.value().name() == "a")
                .and_then(|a| a.value().attribute("href"))
                .map(|h| h.trim().to_string());
            Some((t, href))
        })
        .filter(|(t, _)| t.chars().count() <= 16)
        .collect()
}

fn more_link(tx: &TextIndex, el: ElementRef<'_>) -> Option<String> {
    el.descendants().filter_map(ElementRef::wrap).take(200).filter(|d| d.value().name() == "a").find_map(|a| {
        let t = tx.label(a);
        let cls = attr_words(a).to_ascii_lowercase();
        let parent_cls = a.parent().and_then(ElementRef::wrap).map(|p| attr_words(p).to_ascii_lowercase()).unwrap_or_default();
        ((MORE.is_match(&t) || cls.contains("more") || parent_cls.contains("more")) && !dead_href(a.value().attribute("href").unwrap_or("")))
            .then(|| a.value().attribute("href").unwrap_or("").trim().to_string())
    })
}

struct Named {
    name: String,
    title_node: NodeId,
    url: Option<String>,
    tab: bool,
    dead_link: bool,
    /// Headline blocks between the list and its title (a picture item with a date).
    headlines: Vec<NodeId>,
}

/// Navigation labels and sentences are not column names.
fn plausible_name(name: &str) -> bool {
    const NOT_NAMES: &[&str] = &["首页", "返回首页", "网站首页", "当前位置", "您的位置", "当前位置：", "登录", "注册", "English", "ENGLISH", "设为首页", "加入收藏"];
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:19|20)[0-9]{2}年").unwrap());
    !NOT_NAMES.contains(&name)
        && !name.contains(['。', '！', '？', '，', '|', '《', '》', '“', '”'])
        && !["当前位置", "您的位置", "http", "www.", "网站地图", "加入收藏", "设为首页", "搜索", "检索"].iter().any(|w| name.contains(w))
        && !YEAR.is_match(name)
}

/// A headline block: links to one article only, and a date in its text.
fn is_headline(tx: &TextIndex, el: ElementRef<'_>) -> bool {
    let mut hrefs: Vec<&str> = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .take(200)
        .filter(|d| d.value().name() == "a")
        .filter_map(|a| a.value().attribute("href"))
        .map(str::trim)
        .filter(|h| !dead_href(h))
        .collect();
    hrefs.dedup();
    if hrefs.len() != 1 || !tiny(el, 200) {
        return false;
    }
    let t = tx.of(el);
    t.chars().count() <= 400 && (!dates::full_dates(&t).is_empty() || !dates::month_days(&t).is_empty())
}

/// A title block does not link an article (a headline with a dated URL is an item).
fn links_article(tx: &TextIndex, el: ElementRef<'_>) -> bool {
    el.descendants().filter_map(ElementRef::wrap).take(200).filter(|d| d.value().name() == "a").any(|a| {
        a.value().attribute("href").is_some_and(|h| dates::date_in_url(h).is_some() || dates::month_in_url(h).is_some()) && tx.of(a).chars().count() > 10
    })
}

/// Does this element hold a content list (so that a title search must not cross it)?
fn holds_list(el: ElementRef<'_>, lists: &std::collections::HashSet<NodeId>) -> bool {
    lists.contains(&el.id()) || el.descendants().take(2000).any(|d| lists.contains(&d.id()))
}

/// At most `n` nodes: bounded checks before reading an element's text.
fn tiny(el: ElementRef<'_>, n: usize) -> bool {
    el.descendants().take(n).count() < n
}

fn looks_like_title(tx: &TextIndex, el: ElementRef<'_>) -> bool {
    if !tiny(el, 300) {
        return false;
    }
    let n = el.value().name();
    if matches!(n, "script" | "style" | "img" | "br" | "input" | "iframe" | "form" | "select") {
        return false;
    }
    matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "caption" | "strong" | "b")
        || TITLE_CLASS.is_match(&attr_words(el))
        || {
            let t = title_text(tx, el);
            let c = t.chars().count();
            (2..=MAX_TITLE_CHARS).contains(&c) || (c <= 100 && tab_labels(tx, el).len() >= 2 && dates::full_dates(&t).is_empty())
        }
}

/// Name a list by the title block before it (climbing), mapping tabs to panels.
fn name_list(page: &Page, list: ElementRef<'_>, lists: &std::collections::HashSet<NodeId>, item_hrefs: &[&str]) -> Option<Named> {
    let tx = &page.text_index;
    let mut path: Vec<ElementRef<'_>> = vec![list];
    let mut headlines: Vec<NodeId> = Vec::new();
    // A header row: `<table><tr><td>通知公告</td><td>更多</td></tr>…` or `<dl><dt>通知公告</dt><dd>…`.
    if let Some(h) = header_row(tx, list) {
        let name = title_text(tx, h);
        let more = more_link(tx, h);
        let href = h.descendants().filter_map(ElementRef::wrap).find(|d| d.value().name() == "a").and_then(|a| a.value().attribute("href")).map(|x| x.trim().to_string());
        return Some(Named { name, title_node: h.id(), url: more.or(href.filter(|x| !dead_href(x))), tab: false, dead_link: false, headlines });
    }
    // A heading inside a block list, before its rows (`<div><h1>通知公告</h1><div>…`).
    if !is_list_tag(list.value().name()) {
        if let Some(h) = list.children().filter_map(ElementRef::wrap).next().filter(|k| is_heading(*k)) {
            let name = title_text(tx, h);
            if (2..=MAX_TITLE_CHARS).contains(&name.chars().count()) && plausible_name(&name) {
                let href = h.descendants().filter_map(ElementRef::wrap).find(|d| d.value().name() == "a").and_then(|a| a.value().attribute("href")).map(|x| x.trim().to_string());
                return Some(Named { name, title_node: h.id(), url: href.filter(|x| !dead_href(x)), tab: false, dead_link: false, headlines });
            }
        }
    }
    let mut cur = list;
    for _ in 0..MAX_CLIMB {
        let mut seen = 0;
        let mut sib_opt = cur.prev_sibling();
        while let Some(sib) = sib_opt {
            sib_opt = sib.prev_sibling();
            let Some(sib) = ElementRef::wrap(sib) else { continue };
            if matches!(sib.value().name(), "script" | "style" | "br" | "link" | "meta" | "hr") {
                continue;
            }
            // Empty spacers (`<div class="line"></div>`) do not count.
            if sib.children().next().is_none() {
                continue;
            }
            seen += 1;
            if seen > MAX_SIBLINGS {
                break;
            }
            if holds_list(sib, lists) {
                // Another list is between: a title further up belongs to it, unless this is a
                // tab panel sibling (tabs share the header found further up).
                if sib.value().name() == cur.value().name() && attr_words(sib) .split_whitespace().next() == attr_words(cur).split_whitespace().next() {
                    continue;
                }
                break;
            }
            if headlines.len() < 4 && is_headline(tx, sib) {
                headlines.push(sib.id());
                continue;
            }
            if !looks_like_title(tx, sib) || links_article(tx, sib) {
                continue;
            }
            if let Some(mut named) = name_from_title(page, sib, cur, &path, item_hrefs) {
                named.headlines = headlines;
                return Some(named);
            }
        }
        // A title inside the parent before the path (e.g. `<caption>`) is covered by siblings;
        // climb.
        let Some(parent) = cur.parent().and_then(ElementRef::wrap) else { break };
        if matches!(parent.value().name(), "body" | "html") {
            break;
        }
        cur = parent;
        path.push(cur);
    }
    name_from_more_link(page, list, lists)
}

/// Last resort: the "更多" link next to the list names it, by its `title` (更多通知公告) or by
/// another link on the page to the same address (the navigation entry 通知公告).
fn name_from_more_link(page: &Page, list: ElementRef<'_>, lists: &std::collections::HashSet<NodeId>) -> Option<Named> {
    let tx = &page.text_index;
    let mut scope = list;
    for _ in 0..3 {
        scope = scope.parent().and_then(ElementRef::wrap)?;
        if matches!(scope.value().name(), "body" | "html") {
            return None;
        }
        // Do not reach into a neighbouring list's block.
        if scope.descendants().take(3000).filter(|d| lists.contains(&d.id())).count() > 1 {
            return None;
        }
        let more = scope.descendants().filter_map(ElementRef::wrap).take(400).find(|a| {
            a.value().name() == "a" && a.value().attribute("href").is_some_and(|h| !dead_href(h)) && MORE.is_match(&tx.label(*a)) && !a.ancestors().any(|x| x.id() == list.id())
        });
        let Some(more) = more else { continue };
        let href = more.value().attribute("href").unwrap_or("").trim().to_string();
        let from_title = more.value().attribute("title").map(|t| super::normalize(&MORE.replace_all(t, "")));
        let name = from_title.filter(|t| (2..=12).contains(&t.chars().count()) && plausible_name(t)).or_else(|| {
            page.links
                .iter()
                .filter(|l| l.href.trim() == href && l.node != more.id())
                .map(|l| l.text.clone())
                .find(|t| (2..=12).contains(&t.chars().count()) && plausible_name(t) && !MORE.is_match(t))
        })?;
        return Some(Named { name, title_node: more.id(), url: Some(href), tab: false, dead_link: false, headlines: Vec::new() });
    }
    None
}

fn name_from_title<'a>(_page: &Page, title: ElementRef<'a>, cur: ElementRef<'a>, path: &[ElementRef<'a>], item_hrefs: &[&str]) -> Option<Named> {
    let tx = &_page.text_index;
    let labels = tab_labels(tx, title);
    let more = more_link(tx, title);
    if labels.len() >= 2 {
        // Panels: element siblings after the title block (same parent).
        // Panels: element siblings after the title block, up to the next header like it;
        // empty spacers (`<div class="clear">`) are not panels.
        let panels: Vec<ElementRef<'_>> = title
            .next_siblings()
            .filter_map(ElementRef::wrap)
            .filter(|p| !matches!(p.value().name(), "script" | "style" | "br"))
            .filter(|p| p.value().name() == "iframe" || p.value().attribute("id").is_some() || p.children().filter_map(ElementRef::wrap).next().is_some() || !tx.of(*p).is_empty())
            .take_while(|p| !(p.value().name() == title.value().name() && first_class(*p) == first_class(title)))
            .collect();
        let mut index = None;
        if panels.len() == labels.len() {
            index = panels.iter().position(|p| p.id() == cur.id());
        } else if let Some(pos) = panels.iter().position(|p| p.id() == cur.id()) {
            // A wrapper (`div.bd`) holding one panel per tab: find the path element that is a
            // child of it.
            let wrapper = panels[pos];
            let kids: Vec<ElementRef<'_>> = wrapper.children().filter_map(ElementRef::wrap).filter(|k| !matches!(k.value().name(), "script" | "style" | "br")).collect();
            if kids.len() == labels.len() {
                index = path.iter().find_map(|p| kids.iter().position(|k| k.id() == p.id()));
            } else if pos == 0 && panels.len() < labels.len() {
                // Same-tag panels counted among siblings of the title's parent's later siblings.
                index = None;
            }
            if index.is_none() {
                // Panels with the same tag and class as the path element, anywhere in the wrapper.
                for p in path.iter() {
                    let Some(par) = p.parent().and_then(ElementRef::wrap) else { continue };
                    let same: Vec<ElementRef<'_>> = par
                        .children()
                        .filter_map(ElementRef::wrap)
                        .filter(|k| k.value().name() == p.value().name() && first_class(*k) == first_class(*p))
                        .collect();
                    if same.len() == labels.len() {
                        index = same.iter().position(|k| k.id() == p.id());
                        break;
                    }
                    if p.id() == wrapper.id() {
                        break;
                    }
                }
            }
        }
        if index.is_none() && panels.len() == 1 {
            // One panel for several labels (`通知通告 | 新闻发布` over one list): the label
            // whose link is the directory of most item links.
            let key = |h: &str| {
                let h = h.trim().trim_start_matches('.').trim_start_matches('/');
                let h = h.rsplit_once('/').map(|(d, f)| if f.contains('.') || f.is_empty() { d } else { h }).unwrap_or(h);
                h.trim_end_matches('/').to_string()
            };
            let best = labels
                .iter()
                .enumerate()
                .filter_map(|(i, (_, h))| {
                    let k = key(h.as_deref()?);
                    if k.len() < 2 {
                        return None;
                    }
                    let n = item_hrefs.iter().filter(|ih| key(ih).starts_with(&k)).count();
                    (n * 2 > item_hrefs.len()).then_some((n, i))
                })
                .max();
            index = best.map(|(_, i)| i);
        }
        if index.is_none() && panels.len() == 1 {
            // A heading with one name and side links (`<h1><span class="right">写信</span>
            // 主席信箱</h1>`): the one label not floated aside.
            let aside = |a: ElementRef<'_>| {
                a.ancestors().filter_map(ElementRef::wrap).take_while(|x| x.id() != title.id()).any(|x| {
                    let w = attr_words(x).to_ascii_lowercase();
                    ["right", "more", "fr", "fl_r", "small", "float-r"].iter().any(|k| w.split([' ', '-', '_']).any(|t| t == *k) || w.contains(k) && *k != "fr")
                })
            };
            let main: Vec<ElementRef<'_>> = title.descendants().filter_map(ElementRef::wrap).filter(|d| d.value().name() == "a" && !aside(*d)).collect();
            if main.len() == 1 {
                let t = title_text(tx, main[0]);
                index = labels.iter().position(|(l, _)| *l == t);
            }
        }
        if index.is_none() {
            // Not tabs: a heading with sub-links beside it (`<h2>时政要闻</h2><ul>国务院常务会 |
            // 文件…</ul>`) names the list on its own.
            let heads: Vec<ElementRef<'_>> =
                title.descendants().filter_map(ElementRef::wrap).take(300).filter(|d| is_heading(*d)).collect();
            if let [h] = heads.as_slice() {
                // The heading is the whole title block (`<h2><span>工作动态</span><a>国务院信息</a>
                // <a>更多</a></h2>`): its first label is the name, the rest are side links.
                let name = if h.id() == title.id() { labels[0].0.clone() } else { title_text(tx, *h) };
                if (2..=MAX_TITLE_CHARS).contains(&name.chars().count()) && plausible_name(&name) {
                    let href = h.descendants().filter_map(ElementRef::wrap).find(|d| d.value().name() == "a").and_then(|a| a.value().attribute("href")).map(|x| x.trim().to_string());
                    return Some(Named { name, title_node: title.id(), url: more.or(href.filter(|x| !dead_href(x))), tab: false, dead_link: false, headlines: Vec::new() });
                }
            }
        }
        let (name, href) = match index.and_then(|i| labels.get(i)) {
            Some(l) if plausible_name(&l.0) => l.clone(),
            _ => return None,
        };
        let dead = href.as_deref().is_some_and(dead_href);
        let url = href.filter(|h| !dead_href(h)).or(more);
        return Some(Named { name, title_node: title.id(), url, tab: true, dead_link: dead, headlines: Vec::new() });
    }
    let name = match labels.first() {
        Some((l, _)) if labels.len() == 1 => l.clone(),
        _ => title_text(tx, title),
    };
    let count = name.chars().count();
    if !(2..=MAX_TITLE_CHARS).contains(&count) || !dates::full_dates(&name).is_empty() || !plausible_name(&name) {
        return None;
    }
    let href = labels.first().and_then(|(_, h)| h.clone()).or_else(|| {
        title.descendants().filter_map(ElementRef::wrap).find(|d| d.value().name() == "a").and_then(|a| a.value().attribute("href")).map(|h| h.trim().to_string())
    });
    let dead = href.as_deref().is_some_and(dead_href) && more.is_none();
    let url = more.or(href.filter(|h| !dead_href(h)));
    Some(Named { name, title_node: title.id(), url, tab: false, dead_link: dead, headlines: Vec::new() })
}

/// The first row of a table or `dl` when it names the list: short, undated, linking no
/// article, followed by at least one more row.
fn header_row<'a>(tx: &TextIndex, list: ElementRef<'a>) -> Option<ElementRef<'a>> {
    if !matches!(list.value().name(), "table" | "dl") {
        return None;
    }
    let rs = rows(tx, list);
    let first = *rs.first()?;
    if rs.len() < 2 || (list.value().name() == "dl" && first.value().name() != "dt") || !tiny(first, 40) {
        return None;
    }
    let name = title_text(tx, first);
    let n = name.chars().count();
    let text = dates::normalize(&tx.of(first));
    ((2..=12).contains(&n) && plausible_name(&name) && dates::full_dates(&text).is_empty() && dates::month_days(&text).is_empty() && !links_article(tx, first))
        .then_some(first)
}

/// An absolute link to a site's front page (`http://www.x.gov.cn/`, `…/index.html`).
fn is_site_root(href: &str) -> bool {
    let h = href.trim().to_ascii_lowercase();
    let Some((_, rest)) = h.split_once("://") else { return false };
    let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    matches!(path, "" | "/" | "/index.html" | "/index.htm" | "/index.shtml" | "/index.jsp" | "/index.php" | "/default.html" | "/default.htm" | "/default.aspx" | "/portal/")
}

/// Is the empty container referenced by an inline script (filled at runtime)?
fn script_filled(page: &Page, el: ElementRef<'_>) -> bool {
    if let Some(id) = el.value().attribute("id").map(str::trim).filter(|i| i.len() >= 2) {
        if page.scripts.iter().any(|s| s.inline.contains(id)) {
            return true;
        }
    }
    false
}

/// Every column on the page, in document order.
/// The page's columns, found once per page and shared by the content rules (finding them is
/// the most expensive step of a check: four rules asked for them each time).
pub fn columns(page: &Page, today: NaiveDate) -> Vec<Column> {
    let (day, cols) = page.columns_cache.get_or_init(|| (today, find_columns(page, today)));
    if *day == today { cols.clone() } else { find_columns(page, today) }
}

fn find_columns(page: &Page, today: NaiveDate) -> Vec<Column> {
    let tx = &page.text_index;
    let anchor = generation_date(page);
    // 1. Candidate lists.
    struct Cand<'a> {
        el: ElementRef<'a>,
        rows: Vec<RawRow>,
        fill: Fill,
    }
    let mut cands: Vec<Cand<'_>> = Vec::new();
    for el in page.elements() {
        if cands.len() >= MAX_LISTS {
            break;
        }
        let name = el.value().name();
        let div_list = matches!(name, "div" | "td" | "p" | "section") && div_rows(tx, el).is_some();
        if !(is_list_tag(name) || name == "iframe" || div_list) {
            continue;
        }
        if excluded(page, el) {
            continue;
        }
        if name == "iframe" {
            let src = el.value().attribute("src").unwrap_or("");
            if src.is_empty() || hidden_inline(el) || el.value().attribute("width").is_some_and(|w| w.trim() == "0") {
                continue;
            }
            cands.push(Cand { el, rows: Vec::new(), fill: Fill::Frame });
            continue;
        }
        // Lists nested in a row of another list are part of that row.
        if name != "table" && el.ancestors().filter_map(ElementRef::wrap).take(6).any(|a| matches!(a.value().name(), "li" | "dd")) {
            continue;
        }
        // A block of links inside an already kept list is part of it.
        if div_list && el.ancestors().filter_map(ElementRef::wrap).take(8).any(|a| cands.iter().any(|c| c.el.id() == a.id())) {
            continue;
        }
        let mut rws = rows(tx, el);
        if let Some(h) = header_row(tx, el) {
            rws.retain(|r| r.id() != h.id());
        }
        let raw: Vec<RawRow> = rws.iter().filter_map(|r| read_row(tx, *r)).collect();
        if raw.is_empty() {
            let text = tx.of(el);
            if let Some(m) = PLACEHOLDER.find(&text) {
                if text.chars().count() <= 40 {
                    cands.push(Cand { el, rows: raw, fill: Fill::Placeholder(m.as_str().to_string()) });
                }
                continue;
            }
            let has_id_or_class = el.value().attribute("id").is_some() || el.value().attribute("class").is_some();
            if text.is_empty() && el.children().filter_map(ElementRef::wrap).next().is_none() && has_id_or_class && name != "table" {
                // Still review in a live DOM: the feed may have failed or be slow, which an inspector
                // would retry before calling the column blank.
                let fill = if script_filled(page, el) { Fill::ScriptFilled } else { Fill::Empty };
                cands.push(Cand { el, rows: raw, fill });
            }
            continue;
        }
        let dated = raw.iter().any(|r| r.full.is_some() || r.md.is_some());
        let avg_len = raw.iter().map(|r| r.title.chars().count()).sum::<usize>() / raw.len().max(1);
        let content = dated || avg_len >= 8;
        if !content {
            continue;
        }
        // A directory of other sites (友情链接, 县市区政府) links site roots, not articles.
        let site_links = raw.iter().filter(|r| r.href.as_deref().is_some_and(is_site_root)).count();
        if !dated && site_links * 3 >= raw.len() * 2 {
            continue;
        }
        // A table of layout rows where most rows have no link is not a list, nor is a layout
        // table whose rows hold other lists (those are the columns).
        if name == "table" && raw.len() * 2 < rws.len() && !dated {
            continue;
        }
        if name == "table" && rws.iter().any(|r| r.descendants().filter_map(ElementRef::wrap).take(500).any(|d| d.id() != r.id() && matches!(d.value().name(), "table" | "ul" | "ol" | "dl"))) {
            continue;
        }
        cands.push(Cand { el, rows: raw, fill: Fill::Items });
    }
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
        let hidden_tab = std::iter::once(c.el)
            .chain(c.el.ancestors().filter_map(ElementRef::wrap))
            .take_while(|a| a.id() != named.title_node && a.value().name() != "body")
            .any(hidden_inline);
        let mut rows = c.rows;
        for h in &named.headlines {
            if let Some(r) = page.element(*h).and_then(|r| read_row(tx, r)) {
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
    // A column page (not a homepage: a platform's homepage carries its own ColumnName) names its
    // main list in `meta ColumnName`.
    let column_page = super::kind::classify(page) == super::kind::PageKind::Column;
    if let Some(col_name) = page.meta("ColumnName").filter(|n| column_page && !n.contains("首页")) {
        let class = classify(col_name, page.meta("ColumnType"));
        let best_unnamed = unnamed.into_iter().filter(|c| c.fill == Fill::Items).max_by_key(|c| c.rows.len());
        let biggest_named = out.iter().enumerate().filter(|(_, c)| c.fill == Fill::Items).max_by_key(|(_, c)| c.items.len()).map(|(i, c)| (i, c.items.len()));
        if out.iter().any(|c| c.name == col_name) {
            if let Some(c) = out.iter_mut().find(|c| c.name == col_name) {
                c.class = class;
            }
        } else if let Some((i, n)) = biggest_named.filter(|(_, n)| best_unnamed.as_ref().is_none_or(|b| *n > b.rows.len())) {
            // The page's main list was named by something nearby (a sidebar heading, a
            // breadcrumb): the page says what its column is.
            let _ = n;
            out[i].name = col_name.to_string();
            out[i].class = class;
            out[i].url = page.url.clone().or(out[i].url.take());
        } else {
            if let Some(best) = best_unnamed {
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
        }
    }
    // An empty or placeholder list whose title goes nowhere is blank too; keep document order.
    out.sort_by_key(|c| c.node);
    out
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
        let Some(a) = page.element(l.node) else { continue };
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
        let live = items
            .iter()
            .filter(|i| first_link(**i).and_then(|a| a.value().attribute("href")).is_some_and(|h| !dead_href(h)))
            .count();
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
        let rows: String = (1..=12).map(|i| format!("<li><a href='/tzgg/{i}.html'>关于开展第{i}项专项检查工作的通知</a><span>2023-08-{i:02}</span></li>")).collect();
        let html = format!(r#"<head><meta name="ColumnName" content="通知公告"><meta name="ColumnType" content="通知公告"></head><body>
            <div class="side"><h3>政务公开</h3><ul><li><a href="/a/">机构职能</a></li></ul></div>
            <div class="main"><div class="crumb">当前位置：首页 &gt; 政务公开</div><ul>{rows}</ul></div></body>"#);
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
}
