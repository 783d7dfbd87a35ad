//! Step 1 of the column finder: candidate lists, their rows, and blocks that are no columns
//! (footers, navigation, widgets).

use std::collections::HashSet;
use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::ElementRef;

use super::super::dates;
use super::super::text_index::TextIndex;
use super::super::{El, ElementExt, Page};
use super::items::{RawRow, generation_date, read_row, settle_dotted};
use super::naming::{links_article, plausible_name, title_text};
use super::{
    FOOTER_CLASS, Fill, MAX_LISTS, MAX_ROWS, PLACEHOLDER, WIDGET_CLASS, attr_words, dead_href, first_class, first_link, hidden_inline, is_heading, is_list_tag,
    small, tiny,
};

/// Rows of a list: `li` children, `dt`/`dd` children, or the rows of a table (bounded).
pub(super) fn rows<'a>(tx: &TextIndex, list: ElementRef<'a>) -> Vec<ElementRef<'a>> {
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
        return list.children().filter_map(ElementRef::wrap).filter(|c| matches!(c.value().name(), "li" | "dt" | "dd")).take(MAX_ROWS).collect();
    }
    div_rows(tx, list).unwrap_or_default()
}

/// Rows of a list built without `ul`/`table`: a block whose children are links
/// (`<div><a>…</a><a>…</a></div>`) or small blocks holding one link each
/// (`<div><div class=info><a>…</a><span>date</span></div>…</div>`, or one small table per
/// item: `<td><table><tr><td><a>…</a></td><td>12-20</td></tr></table><table>…`). At least two
/// rows, or one row beside a date cell or beside empty slots of the same form (a template's
/// unfilled items). A table row is a list only as a grid of at least three link cells.
pub(super) fn div_rows<'a>(tx: &TextIndex, el: ElementRef<'a>) -> Option<Vec<ElementRef<'a>>> {
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
    let grid = el.value().name() == "tr";
    let one_link = |k: &ElementRef<'_>| {
        let name = k.value().name();
        // A small item table or cell may nest layout tables, never a list.
        let boxed = matches!(name, "table" | "td");
        (matches!(name, "div" | "p" | "span" | "h3" | "h4" | "h5" | "dd" | "section") || boxed && tiny(*k, 120))
            && k.descendants().filter_map(ElementRef::wrap).take(80).filter(|d| d.value().name() == "a" && d.value().attribute("href").is_some()).count() == 1
            && !k
                .descendants()
                .filter_map(ElementRef::wrap)
                .take(80)
                .any(|d| matches!(d.value().name(), "ul" | "ol" | "dl" | "iframe") || d.value().name() == "table" && !boxed)
    };
    let rows: Vec<ElementRef<'_>> = kids.iter().copied().filter(|k| one_link(k)).collect();
    let good = rows.len();
    if grid {
        let dated = kids.iter().any(|k| date_only(tx, *k));
        return (good >= 3 && !dated && good * 3 >= kids.len() * 2).then_some(rows);
    }
    // Empty slots of the same form as the rows (a template's unfilled item tables: structure
    // without text or link), not spacers.
    let slots = match rows.first() {
        Some(r) => kids
            .iter()
            .filter(|k| k.value().name() == r.value().name() && first_class(**k) == first_class(*r) && !one_link(k) && tiny(**k, 60))
            .filter(|k| k.descendants().filter_map(ElementRef::wrap).count() >= 4 && tx.of(**k).is_empty())
            .count(),
        None => 0,
    };
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
    let frames = frames + slots;
    (distinct && (good >= 2 || (good == 1 && frames >= 1)) && (good + frames) * 3 >= kids.len() * 2).then_some(rows)
}

/// An element holding only a date (`<div class="date">03-20</div>`), no link.
pub(super) fn date_only(tx: &TextIndex, el: ElementRef<'_>) -> bool {
    if !tiny(el, 8) || el.descendants().filter_map(ElementRef::wrap).any(|d| d.value().name() == "a") {
        return false;
    }
    let t = tx.of(el);
    let t = t.trim_matches(|c: char| c.is_whitespace() || "[]()【】（）".contains(c));
    t.chars().count() <= 20 && (dates::full_dates(t).first().is_some_and(|h| h.start == 0) || dates::month_days(t).first().is_some_and(|m| m.2 == 0))
}

/// Is this element somewhere no column lives: footer, `<header>`/`<nav>`, calendar or weather?
pub(super) fn excluded(page: &Page, el: ElementRef<'_>) -> bool {
    // Footer by its own markup (`<footer>`, class/id footer/foot/copyright): the page-level
    // footer region can be wider (a last section holding columns and the footer).
    std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap)).take(60).any(|a| {
        matches!(a.value().name(), "header" | "nav" | "select" | "footer") && a.id() != el.id()
            || WIDGET_CLASS.is_match(&attr_words(a))
            || (FOOTER_CLASS.is_match(&attr_words(a)) && small(a))
    }) || page.footer.roots.iter().any(|r| {
        page.element_ref(*r)
            .is_some_and(|root| small(root) && std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap)).take(60).any(|a| a.id() == root.id()))
    })
}

/// The first row of a table or `dl` when it names the list: short, undated, linking no
/// article, followed by at least one more row.
pub(super) fn header_row<'a>(tx: &TextIndex, list: ElementRef<'a>) -> Option<ElementRef<'a>> {
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
    // A first row that is one undated link, like the row after it, is an item of a link list
    // (`<tr><td><a>政府信息公开通报</a></td></tr><tr><td><a>政府信息公开制度</a></td></tr>`).
    let only_link = |r: ElementRef<'_>| {
        let links: Vec<ElementRef<'_>> =
            r.descendants().filter_map(ElementRef::wrap).take(40).filter(|d| d.value().name() == "a" && d.value().attribute("href").is_some()).collect();
        let t = tx.of(r);
        links.len() == 1 && tx.of(links[0]) == t && dates::full_dates(&dates::normalize(&t)).is_empty() && dates::month_days(&dates::normalize(&t)).is_empty()
    };
    if only_link(first) && rs.get(1).is_some_and(|r| only_link(*r)) {
        return None;
    }
    ((2..=12).contains(&n) && plausible_name(&name) && dates::full_dates(&text).is_empty() && dates::month_days(&text).is_empty() && !links_article(tx, first))
        .then_some(first)
}

/// An absolute link to a site's front page (`http://www.x.gov.cn/`, `…/index.html`).
pub(super) fn is_site_root(href: &str) -> bool {
    let h = href.trim().to_ascii_lowercase();
    let Some((_, rest)) = h.split_once("://") else { return false };
    let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    matches!(
        path,
        "" | "/"
            | "/index.html"
            | "/index.htm"
            | "/index.shtml"
            | "/index.jsp"
            | "/index.php"
            | "/default.html"
            | "/default.htm"
            | "/default.aspx"
            | "/portal/"
    )
}

/// Is the empty container referenced by an inline script (filled at runtime)?
pub(super) fn script_filled(page: &Page, el: ElementRef<'_>) -> bool {
    if let Some(id) = el.value().attribute("id").map(str::trim).filter(|i| i.len() >= 2) {
        if page.scripts.iter().any(|s| s.inline.contains(id)) {
            return true;
        }
    }
    false
}

/// A list that may be a column: its element, rows and how it is filled.
pub(super) struct Cand<'a> {
    pub(super) el: ElementRef<'a>,
    pub(super) rows: Vec<RawRow>,
    pub(super) fill: Fill,
}

/// A menu entry that drops down a panel of its own (a mega menu: headings over several lists,
/// a tab box, a notice list): `<li><a>政务公开</a><div class="sub"><div><h3>通知公告</h3><ul>…`.
/// What the panel holds is not part of the entry. A plain submenu (`<li><a>…</a><ul>…</ul>`)
/// has no heading.
pub(super) fn drop_panel(row: ElementRef<'_>) -> bool {
    if !row.children().filter_map(ElementRef::wrap).any(|k| matches!(k.value().name(), "div" | "ul" | "ol" | "dl" | "table" | "section")) {
        return false;
    }
    let (mut lists, mut heads) = (0, 0);
    for d in row.descendants().filter_map(ElementRef::wrap).take(1500) {
        match d.value().name() {
            "ul" | "ol" | "dl" | "table" => lists += 1,
            n if n.len() == 2 && n.starts_with('h') && n.as_bytes()[1].is_ascii_digit() => heads += 1,
            _ => {}
        }
    }
    lists >= 2 && heads >= 1
}

/// Links of a pager: page numbers, 首页/上一页/下一页/尾页, GO.
static PAGER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:[0-9]{1,4}|首页|上一?页|下一?页|尾页|末页|前页|后页|跳转|go|\.\.\.|…|[<>«»]+)$").unwrap());

/// What a pager says: 共192页, 下一页, 尾页, 当前页.
static PAGER_TEXT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"共\s?[0-9]+\s?页|下一页|尾页|末页|当前页").unwrap());

/// Inside a dropdown or pop-up menu (`<div class="shadow dn" id="submenu…"><ul></ul>`).
static MENU: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)menu|dropdown|drop-down|popup|pop-up").unwrap());

/// An element holding only a placeholder (`<div class="panel">暂无信息</div>`): a tab panel
/// with nothing in it.
fn placeholder_only(tx: &TextIndex, el: ElementRef<'_>) -> Option<String> {
    if el.children().filter_map(ElementRef::wrap).next().is_some() {
        return None;
    }
    let text = tx.of(el);
    let m = PLACEHOLDER.find(&text)?;
    (text.chars().count() <= 12).then(|| m.as_str().to_string())
}

/// Candidate lists in document order (bounded by [`MAX_LISTS`]).
pub(super) fn candidates(page: &Page) -> Vec<Cand<'_>> {
    let tx = &page.text_index;
    let anchor = generation_date(page);
    let mut cands: Vec<Cand<'_>> = Vec::new();
    // Rows of the lists recognised so far, kept or not (menus, directories, link grids): what
    // is inside a row is part of that row, never a list of its own.
    let mut claimed: HashSet<NodeId> = HashSet::new();
    let inside_claimed = |el: ElementRef<'_>, claimed: &HashSet<NodeId>| !claimed.is_empty() && el.ancestors().take(12).any(|a| claimed.contains(&a.id()));
    for el in page.elements().map(El::raw) {
        if cands.len() >= MAX_LISTS {
            break;
        }
        let name = el.value().name();
        let div_list = matches!(name, "div" | "td" | "p" | "section" | "tr") && div_rows(tx, el).is_some();
        let placeholder = if matches!(name, "div" | "td" | "p") { placeholder_only(tx, el) } else { None };
        if !(is_list_tag(name) || name == "iframe" || div_list || placeholder.is_some()) {
            continue;
        }
        if excluded(page, el) || inside_claimed(el, &claimed) {
            continue;
        }
        if name == "iframe" {
            // Weather and calendar widgets come in frames too.
            let src = el.value().attribute("src").unwrap_or("");
            if src.is_empty() || hidden_inline(el) || el.value().attribute("width").is_some_and(|w| w.trim() == "0") || WIDGET_CLASS.is_match(src) {
                continue;
            }
            cands.push(Cand { el, rows: Vec::new(), fill: Fill::Frame });
            continue;
        }
        if let Some(p) = placeholder {
            cands.push(Cand { el, rows: Vec::new(), fill: Fill::Placeholder(p) });
            continue;
        }
        // Lists nested in a row of another list are part of that row, unless the row is a menu
        // entry dropping down a panel of its own.
        let row = el.ancestors().filter_map(ElementRef::wrap).take(6).find(|a| matches!(a.value().name(), "li" | "dd"));
        if name != "table" && row.is_some_and(|r| !drop_panel(r)) {
            continue;
        }
        // A block of links inside an already kept list is part of it.
        if div_list && el.ancestors().filter_map(ElementRef::wrap).take(8).any(|a| cands.iter().any(|c| c.el.id() == a.id())) {
            continue;
        }
        let mut rws = rows(tx, el);
        // A menu whose entries drop down panels (a mega menu) is no list; the panels' lists are
        // looked at on their own.
        if name != "table" && rws.iter().take(20).any(|r| drop_panel(*r)) {
            continue;
        }
        if let Some(h) = header_row(tx, el) {
            rws.retain(|r| r.id() != h.id());
        }
        let mut raw: Vec<RawRow> = rws.iter().filter_map(|r| read_row(tx, *r)).collect();
        settle_dotted(&mut raw, anchor);
        if raw.is_empty() {
            let text = tx.of(el);
            if let Some(m) = PLACEHOLDER.find(&text) {
                if text.chars().count() <= 40 {
                    cands.push(Cand { el, rows: raw, fill: Fill::Placeholder(m.as_str().to_string()) });
                }
                continue;
            }
            let has_id_or_class = el.value().attribute("id").is_some() || el.value().attribute("class").is_some();
            let in_menu = std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap)).take(3).any(|a| MENU.is_match(&attr_words(a)));
            if text.is_empty() && el.children().filter_map(ElementRef::wrap).next().is_none() && has_id_or_class && name != "table" && !in_menu {
                // Still review in a live DOM: the feed may have failed or be slow, which an inspector
                // would retry before calling the column blank.
                let fill = if script_filled(page, el) { Fill::ScriptFilled } else { Fill::Empty };
                cands.push(Cand { el, rows: raw, fill });
            }
            continue;
        }
        // A table of layout rows where most rows have no link is not a list (empty spacer rows
        // between items do not count), nor is a layout table whose rows hold other lists
        // (those are the columns).
        let dated = raw.iter().any(|r| r.full.is_some() || r.md.is_some());
        if name == "table" && !dated && raw.len() * 2 < rws.iter().filter(|r| !tx.of(**r).is_empty()).count() {
            continue;
        }
        // A nested pager (共192页 … 上一页 2 下一页 尾页, `javascript:gotoPage(2)`) that links
        // nothing but pages of this list holds no list.
        let holds_links = |d: ElementRef<'_>| {
            !PAGER_TEXT.is_match(&tx.of(d))
                || d.descendants()
                    .filter_map(ElementRef::wrap)
                    .take(300)
                    .any(|x| x.value().name() == "a" && x.value().attribute("href").is_some_and(|h| !dead_href(h)) && !PAGER.is_match(tx.of(x).trim()))
        };
        if name == "table"
            && rws.iter().any(|r| {
                r.descendants()
                    .filter_map(ElementRef::wrap)
                    .take(500)
                    .any(|d| d.id() != r.id() && matches!(d.value().name(), "table" | "ul" | "ol" | "dl") && holds_links(d))
            })
        {
            continue;
        }
        claimed.extend(rws.iter().map(|r| r.id()));
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
        cands.push(Cand { el, rows: raw, fill: Fill::Items });
    }
    cands
}
