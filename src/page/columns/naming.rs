//! Steps 2 and 3 of the column finder: a list's name from the title block before it, tab
//! headers mapped to their panels, the "更多" link as a last resort.

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::ElementRef;

use super::super::dates;
use super::super::text_index::TextIndex;
use super::super::{ElementExt, Page};
use super::candidates::{drop_panel, header_row};
use super::tabs::{self, Pairing};
use super::{MAX_CLIMB, MAX_SIBLINGS, MAX_TITLE_CHARS, MORE, TITLE_CLASS, attr_words, dead_href, first_class, is_heading, is_list_tag, tiny};

/// Text of a title block with 更多/more removed (image labels: `alt`/`title`).
pub(super) fn title_text(tx: &TextIndex, el: ElementRef<'_>) -> String {
    let mut t = tx.of(el).into_owned();
    if t.is_empty() {
        t = tx.label(el);
    }
    let edge = |c: char| c.is_whitespace() || "|｜·•>»■□◆●.…".contains(c);
    // The text is normalised already; only removing 更多 can leave doubled spaces.
    let t = if t.contains(['更', 'm', 'M', '>', '»', '查', '+']) && MORE.is_match(&t) {
        super::super::normalize(MORE.replace_all(&t, " ").trim_matches(edge))
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
pub(super) fn tab_labels<'a>(tx: &TextIndex, el: ElementRef<'a>) -> Vec<(String, Option<String>, ElementRef<'a>)> {
    // Prefer li children of a list in the block; else direct a/span/h* children.
    let lis: Vec<ElementRef<'a>> = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .take(300)
        .filter(|d| d.value().name() == "li")
        .filter(|d| !d.ancestors().filter_map(ElementRef::wrap).take_while(|a| a.id() != el.id()).any(|a| a.value().name() == "li"))
        .collect();
    let cands: Vec<ElementRef<'a>> = if lis.len() >= 2 {
        lis
    } else {
        let mut v: Vec<ElementRef<'a>> = Vec::new();
        let mut parent = el;
        // Descend through single wrappers.
        for _ in 0..4 {
            let kids: Vec<ElementRef<'a>> =
                parent.children().filter_map(ElementRef::wrap).filter(|k| !matches!(k.value().name(), "script" | "style" | "img" | "i" | "br")).collect();
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
            Some((t, href, c))
        })
        .filter(|(t, _, _)| t.chars().count() <= 16)
        .collect()
}

pub(super) fn more_link(tx: &TextIndex, el: ElementRef<'_>) -> Option<String> {
    el.descendants().filter_map(ElementRef::wrap).take(200).filter(|d| d.value().name() == "a").find_map(|a| {
        let t = tx.label(a);
        let cls = attr_words(a).to_ascii_lowercase();
        let parent_cls = a.parent().and_then(ElementRef::wrap).map(|p| attr_words(p).to_ascii_lowercase()).unwrap_or_default();
        ((MORE.is_match(&t) || cls.contains("more") || parent_cls.contains("more")) && !dead_href(a.value().attribute("href").unwrap_or("")))
            .then(|| a.value().attribute("href").unwrap_or("").trim().to_string())
    })
}

pub(super) struct Named {
    pub(super) name: String,
    pub(super) title_node: NodeId,
    pub(super) url: Option<String>,
    pub(super) tab: bool,
    pub(super) dead_link: bool,
    /// Headline blocks between the list and its title (a picture item with a date).
    pub(super) headlines: Vec<NodeId>,
}

/// Navigation labels and sentences are not column names.
pub(super) fn plausible_name(name: &str) -> bool {
    const NOT_NAMES: &[&str] =
        &["首页", "返回首页", "网站首页", "当前位置", "您的位置", "当前位置：", "登录", "注册", "English", "ENGLISH", "设为首页", "加入收藏"];
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:19|20)[0-9]{2}年").unwrap());
    // A quoted term is part of some names (旅游“双+双创”, “放管服”改革): one balanced pair in
    // a short name. Headlines quote too, but they are longer.
    let quotes = name.matches('“').count();
    let quoted_term = quotes == 1 && name.matches('”').count() == 1 && name.find('“') < name.find('”') && name.chars().count() <= 12;
    !NOT_NAMES.contains(&name)
        && !name.contains(['。', '！', '？', '，', '|', '《', '》'])
        && (quoted_term || !name.contains(['“', '”']))
        && !["当前位置", "您的位置", "现在的位置", "所在位置", "当前的位置", "http", "www.", "网站地图", "加入收藏", "设为首页", "搜索", "检索", "天气预报"]
            .iter()
            .any(|w| name.contains(w))
        && !YEAR.is_match(name)
}

static CRUMB_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)crumb|(?:^|[-_\s])(?:pos|position|location|dqwz|weizhi|mbx|dangqian)(?:$|[-_\s0-9])").unwrap());

/// A breadcrumb (`您现在的位置是：首页 >> 信息公开 >> 信息公开年报`, or an element whose class says
/// crumb/position) names the list below it by its last entry: a trailing unlinked entry, else
/// the last link.
pub(super) fn breadcrumb_name(tx: &TextIndex, el: ElementRef<'_>) -> Option<Named> {
    if !tiny(el, 80) {
        return None;
    }
    let text = tx.of(el);
    let links: Vec<ElementRef<'_>> =
        el.descendants().filter_map(ElementRef::wrap).filter(|d| d.value().name() == "a" && d.value().attribute("href").is_some()).take(12).collect();
    let marked = ["当前位置", "您的位置", "现在的位置", "所在位置", "当前的位置"].iter().any(|w| text.contains(w))
        || CRUMB_CLASS.is_match(&attr_words(el))
        || bare_trail(tx, &text, &links);
    if !marked || !text.contains(['>', '»', '›', '＞', '→', '/']) {
        return None;
    }
    let last = *links.last()?;
    if links.len() < 2 {
        return None;
    }
    let edge = |c: char| c.is_whitespace() || ">»›＞→/|:：-".contains(c);
    let link_text = tx.of(last);
    let trailing = text
        .rfind(link_text.as_ref())
        .filter(|_| !link_text.is_empty())
        .map(|i| text[i + link_text.len()..].trim_matches(edge).to_string())
        .unwrap_or_default();
    let ok = |n: &str| (2..=MAX_TITLE_CHARS).contains(&n.chars().count()) && plausible_name(n) && n != "正文" && n != "列表";
    if ok(&trailing) {
        return Some(Named { name: trailing, title_node: el.id(), url: None, tab: false, dead_link: false, headlines: Vec::new() });
    }
    if !trailing.is_empty() {
        return None;
    }
    let name = title_text(tx, last);
    if !ok(&name) {
        return None;
    }
    let url = last.value().attribute("href").map(|h| h.trim().to_string()).filter(|h| !dead_href(h));
    Some(Named { name, title_node: el.id(), url, tab: false, dead_link: false, headlines: Vec::new() })
}

/// A trail with no 当前位置 label and no crumb class: `首页 >> 旅游动态 >> 地市动态`, links from
/// the front page joined by arrows and nothing else.
fn bare_trail(tx: &TextIndex, text: &str, links: &[ElementRef<'_>]) -> bool {
    if links.len() < 2 || !links.first().is_some_and(|a| matches!(tx.of(*a).as_ref(), "首页" | "网站首页" | "主页" | "返回首页")) {
        return false;
    }
    let mut rest = text;
    let mut between = String::new();
    for a in links {
        let t = tx.of(*a);
        let Some(i) = rest.find(t.as_ref()).filter(|_| !t.is_empty()) else { return false };
        between.push_str(&rest[..i]);
        rest = &rest[i + t.len()..];
    }
    between.push_str(rest);
    between.contains(['>', '»', '›', '＞', '→']) && between.chars().all(|c| c.is_whitespace() || ">»›＞→".contains(c))
}

/// A headline block: links to one article only, and a date in its text.
pub(super) fn is_headline(tx: &TextIndex, el: ElementRef<'_>) -> bool {
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
pub(super) fn links_article(tx: &TextIndex, el: ElementRef<'_>) -> bool {
    el.descendants().filter_map(ElementRef::wrap).take(200).filter(|d| d.value().name() == "a").any(|a| {
        a.value().attribute("href").is_some_and(|h| dates::date_in_url(h).is_some() || dates::month_in_url(h).is_some()) && tx.of(a).chars().count() > 10
    })
}

/// Does this element hold a content list (so that a title search must not cross it)?
pub(super) fn holds_list(el: ElementRef<'_>, lists: &std::collections::HashSet<NodeId>) -> bool {
    lists.contains(&el.id()) || el.descendants().take(2000).any(|d| lists.contains(&d.id()))
}

pub(super) fn looks_like_title(tx: &TextIndex, el: ElementRef<'_>) -> bool {
    if !tiny(el, 300) {
        return false;
    }
    let n = el.value().name();
    if matches!(n, "script" | "style" | "img" | "br" | "input" | "iframe" | "form" | "select") {
        return false;
    }
    matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "caption" | "strong" | "b") || TITLE_CLASS.is_match(&attr_words(el)) || {
        let t = title_text(tx, el);
        let c = t.chars().count();
        (2..=MAX_TITLE_CHARS).contains(&c) || (c <= 100 && tab_labels(tx, el).len() >= 2 && dates::full_dates(&t).is_empty())
    }
}

/// Name a list by the title block before it (climbing), mapping tabs to panels.
pub(super) fn name_list(page: &Page, list: ElementRef<'_>, lists: &std::collections::HashSet<NodeId>, item_hrefs: &[&str]) -> Option<Named> {
    name_list_at(page, list, lists, item_hrefs, 0)
}

/// How many halves before it a list may continue (`<h3>A</h3><ul>…</ul><ul>…</ul><ul>…</ul>`).
const MAX_HALVES: usize = 3;

/// The markup of a list's first row: list tag, row tag and the tags of the row's children
/// (`ul` / `li` / `a span`).
fn row_shape(tx: &TextIndex, list: ElementRef<'_>) -> Option<(String, String, Vec<String>)> {
    let first = *super::candidates::rows(tx, list).first()?;
    let kids = first.children().filter_map(ElementRef::wrap).take(8).map(|k| k.value().name().to_string()).collect();
    Some((list.value().name().to_string(), first.value().name().to_string(), kids))
}

/// One heading over a list laid out in two halves (`<div class=til>全域旅游</div>
/// <div class=left><ul>…</ul></div><div class=right><ul>…</ul></div>`): the block just before
/// this list holds one list of the same markup, with no title between, and that list's title
/// stands outside that block (over both halves). The halves are one column: same name and
/// title, merged by the caller.
fn continued_list(
    page: &Page,
    sib: ElementRef<'_>,
    list: ElementRef<'_>,
    lists: &std::collections::HashSet<NodeId>,
    item_hrefs: &[&str],
    depth: usize,
) -> Option<Named> {
    if depth >= MAX_HALVES {
        return None;
    }
    let tx = &page.text_index;
    let mut inner = sib.descendants().take(2000).filter(|d| lists.contains(&d.id()));
    let before = inner.next().and_then(ElementRef::wrap)?;
    if inner.next().is_some() || row_shape(tx, before)? != row_shape(tx, list)? {
        return None;
    }
    let named = name_list_at(page, before, lists, item_hrefs, depth + 1)?;
    let inside = |n: NodeId| std::iter::once(sib.id()).chain(sib.descendants().take(2000).map(|d| d.id())).any(|d| d == n);
    (!named.tab && !inside(named.title_node)).then_some(named)
}

fn name_list_at(page: &Page, list: ElementRef<'_>, lists: &std::collections::HashSet<NodeId>, item_hrefs: &[&str], depth: usize) -> Option<Named> {
    let tx = &page.text_index;
    let mut path: Vec<ElementRef<'_>> = vec![list];
    let mut headlines: Vec<NodeId> = Vec::new();
    // A header row: `<table><tr><td>通知公告</td><td>更多</td></tr>…` or `<dl><dt>通知公告</dt><dd>…`.
    if let Some(h) = header_row(tx, list) {
        let name = title_text(tx, h);
        let more = more_link(tx, h);
        let href = h
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|d| d.value().name() == "a")
            .and_then(|a| a.value().attribute("href"))
            .map(|x| x.trim().to_string());
        return Some(Named { name, title_node: h.id(), url: more.or(href.filter(|x| !dead_href(x))), tab: false, dead_link: false, headlines });
    }
    // A heading inside a block list, before its rows (`<div><h1>通知公告</h1><div>…`).
    if !is_list_tag(list.value().name()) {
        if let Some(h) = list.children().filter_map(ElementRef::wrap).next().filter(|k| is_heading(*k)) {
            let name = title_text(tx, h);
            if (2..=MAX_TITLE_CHARS).contains(&name.chars().count()) && plausible_name(&name) {
                let href = h
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .find(|d| d.value().name() == "a")
                    .and_then(|a| a.value().attribute("href"))
                    .map(|x| x.trim().to_string());
                return Some(Named { name, title_node: h.id(), url: href.filter(|x| !dead_href(x)), tab: false, dead_link: false, headlines });
            }
        }
    }
    let mut cur = list;
    // Levels climbed; table internals (`tbody`, `tr`) do not count as levels.
    let mut levels = 0;
    for _ in 0..MAX_CLIMB * 3 {
        if levels >= MAX_CLIMB {
            break;
        }
        // A menu entry's own link names its dropdown panel, not a list inside it.
        if cur.parent().and_then(ElementRef::wrap).is_some_and(|p| matches!(p.value().name(), "li" | "dd") && drop_panel(p)) {
            break;
        }
        let mut seen = 0;
        let mut sib_opt = cur.prev_sibling();
        while let Some(sib) = sib_opt {
            sib_opt = sib.prev_sibling();
            let Some(sib) = ElementRef::wrap(sib) else { continue };
            if matches!(sib.value().name(), "script" | "style" | "br" | "link" | "meta" | "hr") {
                continue;
            }
            // Empty spacers (`<div class="line"></div>`) do not count, nor do sibling panels of a
            // tab group (same tag and first class: the other panels and their 更多 links).
            if sib.children().next().is_none() {
                continue;
            }
            let sibling_panel = sib.value().name() == cur.value().name() && first_class(sib).is_some() && first_class(sib) == first_class(cur);
            if !sibling_panel {
                seen += 1;
            }
            if seen > MAX_SIBLINGS {
                break;
            }
            if holds_list(sib, lists) {
                // Another list is between: a title further up belongs to it, unless this is a
                // tab panel sibling (tabs share the header found further up).
                if sib.value().name() == cur.value().name() && attr_words(sib).split_whitespace().next() == attr_words(cur).split_whitespace().next() {
                    continue;
                }
                if seen == 1 {
                    if let Some(mut named) = continued_list(page, sib, list, lists, item_hrefs, depth) {
                        named.headlines = headlines;
                        return Some(named);
                    }
                }
                break;
            }
            // A breadcrumb is the only heading of many list pages (`您现在的位置是：首页 >>
            // 信息公开 >> 信息公开年报`): its last entry names the list.
            if let Some(mut named) = breadcrumb_name(tx, sib) {
                named.headlines = headlines;
                return Some(named);
            }
            if headlines.len() < 4 && is_headline(tx, sib) {
                headlines.push(sib.id());
                continue;
            }
            if !looks_like_title(tx, sib) || links_article(tx, sib) {
                continue;
            }
            match name_from_title(page, sib, cur, &path, item_hrefs, lists) {
                Ok(mut named) => {
                    named.headlines = headlines;
                    return Some(named);
                }
                Err(Miss::Orphan) => return None,
                Err(Miss::NotTitle) => {}
            }
        }
        // A title inside the parent before the path (e.g. `<caption>`) is covered by siblings;
        // climb.
        let Some(parent) = cur.parent().and_then(ElementRef::wrap) else { break };
        if matches!(parent.value().name(), "body" | "html") {
            break;
        }
        if !matches!(parent.value().name(), "tbody" | "thead" | "tr") {
            levels += 1;
        }
        cur = parent;
        path.push(cur);
    }
    name_from_more_link(page, list, lists)
}

/// Last resort: the "更多" link next to the list names it, by its `title` (更多通知公告) or by
/// another link on the page to the same address (the navigation entry 通知公告).
pub(super) fn name_from_more_link(page: &Page, list: ElementRef<'_>, lists: &std::collections::HashSet<NodeId>) -> Option<Named> {
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
            a.value().name() == "a"
                && a.value().attribute("href").is_some_and(|h| !dead_href(h))
                && MORE.is_match(&tx.label(*a))
                && !a.ancestors().any(|x| x.id() == list.id())
        });
        let Some(more) = more else { continue };
        let href = more.value().attribute("href").unwrap_or("").trim().to_string();
        let from_title = more.value().attribute("title").map(|t| super::super::normalize(&MORE.replace_all(t, "")));
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

/// Why a title block does not name a list.
pub(super) enum Miss {
    /// Not the list's title: keep looking further up.
    NotTitle,
    /// The list is a tab panel of this header that no label opens: it has no name.
    Orphan,
}

pub(super) fn name_from_title<'a>(
    page: &Page,
    title: ElementRef<'a>,
    cur: ElementRef<'a>,
    path: &[ElementRef<'a>],
    item_hrefs: &[&str],
    lists: &std::collections::HashSet<NodeId>,
) -> Result<Named, Miss> {
    let tx = &page.text_index;
    let labels = tab_labels(tx, title);
    let more = more_link(tx, title);
    if labels.len() >= 2 {
        return name_from_tabs(page, title, cur, path, item_hrefs, lists, &labels, more);
    }
    let name = match labels.first() {
        Some((l, _, _)) if labels.len() == 1 => l.clone(),
        _ => title_text(tx, title),
    };
    let count = name.chars().count();
    if !(2..=MAX_TITLE_CHARS).contains(&count) || !dates::full_dates(&name).is_empty() || !plausible_name(&name) {
        return Err(Miss::NotTitle);
    }
    let href = labels.first().and_then(|(_, h, _)| h.clone()).or_else(|| {
        title
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|d| d.value().name() == "a")
            .and_then(|a| a.value().attribute("href"))
            .map(|h| h.trim().to_string())
    });
    let dead = href.as_deref().is_some_and(dead_href) && more.is_none();
    let url = more.or(href.filter(|h| !dead_href(h)));
    Ok(Named { name, title_node: title.id(), url, tab: false, dead_link: dead, headlines: Vec::new() })
}

/// A title block of several labels (tabs, or a heading with side links): the label of the
/// panel `cur` lies in, paired by markup first, else by position among the panels.
#[allow(clippy::too_many_arguments)]
fn name_from_tabs<'a>(
    page: &Page,
    title: ElementRef<'a>,
    cur: ElementRef<'a>,
    path: &[ElementRef<'a>],
    item_hrefs: &[&str],
    lists: &std::collections::HashSet<NodeId>,
    labels: &[(String, Option<String>, ElementRef<'a>)],
    more: Option<String>,
) -> Result<Named, Miss> {
    let tx = &page.text_index;
    // Labels that say which panel they open (a shared attribute, a panel id).
    let els: Vec<ElementRef<'_>> = labels.iter().map(|l| l.2).collect();
    let section = |p: ElementRef<'_>| p.descendants().take(3000).filter(|d| lists.contains(&d.id())).nth(2).is_some();
    match tabs::pair(&els, path, section) {
        Pairing::Panel(i, key) => {
            let (name, href, _) = &labels[i];
            if !plausible_name(name) {
                return Err(Miss::NotTitle);
            }
            let dead = href.as_deref().is_some_and(dead_href);
            let url = href.clone().filter(|h| !dead_href(h)).or(more).or_else(|| key.and_then(|(k, v)| keyed_more(tx, title, &k, &v)));
            return Ok(Named { name: name.clone(), title_node: title.id(), url, tab: true, dead_link: dead, headlines: Vec::new() });
        }
        Pairing::Orphan => return Err(Miss::Orphan),
        Pairing::Unknown => {}
    }
    let index = panel_index(tx, title, cur, path, item_hrefs, labels);
    if index.is_none() {
        // Not tabs: a heading with sub-links beside it (`<h2>时政要闻</h2><ul>国务院常务会 |
        // 文件…</ul>`) names the list on its own.
        let heads: Vec<ElementRef<'_>> = title.descendants().filter_map(ElementRef::wrap).take(300).filter(|d| is_heading(*d)).collect();
        if let [h] = heads.as_slice() {
            // The heading is the whole title block (`<h2><span>工作动态</span><a>国务院信息</a>
            // <a>更多</a></h2>`): its first label is the name, the rest are side links.
            let name = if h.id() == title.id() { labels[0].0.clone() } else { title_text(tx, *h) };
            if (2..=MAX_TITLE_CHARS).contains(&name.chars().count()) && plausible_name(&name) {
                let href = h
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .find(|d| d.value().name() == "a")
                    .and_then(|a| a.value().attribute("href"))
                    .map(|x| x.trim().to_string());
                return Ok(Named {
                    name,
                    title_node: title.id(),
                    url: more.or(href.filter(|x| !dead_href(x))),
                    tab: false,
                    dead_link: false,
                    headlines: Vec::new(),
                });
            }
        }
    }
    let (name, href) = match index.and_then(|i| labels.get(i)) {
        Some(l) if plausible_name(&l.0) => (l.0.clone(), l.1.clone()),
        _ => return Err(Miss::NotTitle),
    };
    let dead = href.as_deref().is_some_and(dead_href);
    let url = href.filter(|h| !dead_href(h)).or(more);
    Ok(Named { name, title_node: title.id(), url, tab: true, dead_link: dead, headlines: Vec::new() })
}

/// Which label's panel holds `cur`: panels are the title's later siblings (or the children
/// of one wrapper sibling, or same-class elements on the path); one panel under several
/// labels goes to the label whose link is the directory of most item links, or to the one
/// label not floated aside.
fn panel_index<'a>(
    tx: &TextIndex,
    title: ElementRef<'a>,
    cur: ElementRef<'a>,
    path: &[ElementRef<'a>],
    item_hrefs: &[&str],
    labels: &[(String, Option<String>, ElementRef<'a>)],
) -> Option<usize> {
    // Panels: element siblings after the title block (same parent).
    // Panels: element siblings after the title block, up to the next header like it;
    // empty spacers (`<div class="clear">`) are not panels.
    let panels: Vec<ElementRef<'_>> = title
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .filter(|p| !matches!(p.value().name(), "script" | "style" | "br"))
        .filter(|p| {
            p.value().name() == "iframe"
                || p.value().attribute("id").is_some()
                || p.children().filter_map(ElementRef::wrap).next().is_some()
                || !tx.of(*p).is_empty()
        })
        .take_while(|p| !(p.value().name() == title.value().name() && first_class(*p) == first_class(title)))
        .collect();
    let mut index = None;
    if panels.len() == labels.len() {
        index = panels.iter().position(|p| p.id() == cur.id());
    } else if let Some(pos) = panels.iter().position(|p| p.id() == cur.id()) {
        // A wrapper (`div.bd`) holding one panel per tab: find the path element that is a
        // child of it.
        let wrapper = panels[pos];
        let kids: Vec<ElementRef<'_>> =
            wrapper.children().filter_map(ElementRef::wrap).filter(|k| !matches!(k.value().name(), "script" | "style" | "br")).collect();
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
            .filter_map(|(i, (_, h, _))| {
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
            index = labels.iter().position(|(l, _, _)| *l == t);
        }
    }
    index
}

/// The "更多" link of a tab opened by a shared attribute: a sibling of the header carrying
/// the same attribute value (`<div class="tabbertab_01 more1" tabindex_01="2"><a>更多</a>`).
fn keyed_more(tx: &TextIndex, title: ElementRef<'_>, key: &str, value: &str) -> Option<String> {
    let parent = title.parent().and_then(ElementRef::wrap)?;
    parent
        .children()
        .filter_map(ElementRef::wrap)
        .take(60)
        .filter(|k| k.value().attribute(key).is_some_and(|v| v.trim() == value) && tiny(*k, 12))
        .find_map(|k| more_link(tx, k))
}
