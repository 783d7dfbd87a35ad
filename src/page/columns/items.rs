//! Step 4 of the column finder: each row's title, link and date (shown, month-day or in the URL).

use std::sync::LazyLock;

use chrono::NaiveDate;
use ego_tree::NodeId;
use regex::Regex;
use scraper::ElementRef;

use super::super::dates::{self, DateLabel};
use super::super::text_index::TextIndex;
use super::super::{ElementExt, Page};
use super::candidates::date_only;
use super::{Item, first_link, tiny};

/// A full publication date in normalised text, with the text as shown.
pub(super) fn pub_date_in(text: &str) -> Option<(NaiveDate, String)> {
    dates::full_dates(text)
        .into_iter()
        .filter(|h| dates::label_before(text, h.start) != DateLabel::NotPublication)
        .map(|h| (h.date, text.get(h.start..h.end).unwrap_or("").to_string()))
        .max_by_key(|(d, _)| *d)
}

pub(super) struct RawRow {
    pub(super) node: NodeId,
    pub(super) title: String,
    pub(super) href: Option<String>,
    pub(super) full: Option<(NaiveDate, String)>,
    pub(super) md: Option<(u32, u32, String)>,
    pub(super) url_date: Option<NaiveDate>,
    pub(super) url_month: Option<(i32, u32)>,
    /// `md` was read from a month-day written with a dot (`10.11`) alone in an element: a date
    /// only with date-like context (see [`settle_dotted`]). `true` when the element's class
    /// says date or time.
    pub(super) dotted: Option<bool>,
}

/// A class or id that says date or time (`time`, `date`, `rq`, `riqi`, `sj`, `shijian`).
static DATE_CLASS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)date|time|(?:^|[-_\s])(?:rq|riqi|sj|shijian|shij)(?:$|[-_\s0-9])").unwrap());

/// What a date alone in an element of the row says.
enum OwnDate {
    Full(NaiveDate, String),
    MonthDay(u32, u32, String, Option<bool>),
}

/// A date that is the whole text of an element inside the row (`<span>2017-10-15</span>`,
/// `<span class="time">10.11</span>`, `<font>2017-10-05</font>`). Read when the row's text
/// gave no date: the element's edge is lost in the text (`<a><span>2017-10-15</span>2017慈溪…`
/// reads `2017-10-152017慈溪…`), or the date has a form running text does not show as a date
/// (`MM.DD`, see [`dates::dotted_month_day`]).
fn own_date(tx: &TextIndex, row: ElementRef<'_>) -> Option<OwnDate> {
    row.descendants().filter_map(ElementRef::wrap).take(80).filter(|e| e.id() != row.id() && e.value().name() != "a" && tiny(*e, 4)).find_map(|e| {
        if e.descendants().filter_map(ElementRef::wrap).any(|d| d.value().name() == "a") {
            return None;
        }
        let t = tx.of(e);
        let t = t.trim_matches(|c: char| c.is_whitespace() || "[]()【】（）".contains(c));
        if t.is_empty() || t.chars().count() > 20 {
            return None;
        }
        if let [h] = dates::full_dates(t).as_slice() {
            if h.start == 0 && h.end == t.len() {
                return Some(OwnDate::Full(h.date, t.to_string()));
            }
        }
        if let [(m, d, 0, end)] = dates::month_days(t).as_slice() {
            if *end == t.len() {
                return Some(OwnDate::MonthDay(*m, *d, t.to_string(), None));
            }
        }
        let (m, d) = dates::dotted_month_day(t)?;
        let classed =
            std::iter::once(e).chain(e.parent().and_then(ElementRef::wrap).filter(|p| p.id() != row.id())).any(|x| DATE_CLASS.is_match(&super::attr_words(x)));
        Some(OwnDate::MonthDay(m, d, t.to_string(), Some(classed)))
    })
}

/// Dotted month-days (`10.11`) are dates only with date-like context: at least two rows of the
/// list show one, and each row's element says date or time by its class, or a year is at hand
/// (the item URL's `/201710/` or `t20171010_`, or the page-generation date). Else dropped.
pub(super) fn settle_dotted(rows: &mut [RawRow], anchor: Option<NaiveDate>) {
    let n = rows.iter().filter(|r| r.dotted.is_some()).count();
    for r in rows.iter_mut() {
        let Some(classed) = r.dotted else { continue };
        if n < 2 || !(classed || r.url_month.is_some() || anchor.is_some()) {
            r.md = None;
            r.dotted = None;
        }
    }
}

pub(super) fn read_row(tx: &TextIndex, row: ElementRef<'_>) -> Option<RawRow> {
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
    let title = if link_text.is_empty() { link.value().attribute("title").map(super::super::normalize).unwrap_or_default() } else { link_text.clone() };
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
            full = pub_date_in(&super::super::normalize(t));
        }
    }
    let mut dotted = None;
    if full.is_none() && md.is_none() {
        match own_date(tx, row) {
            Some(OwnDate::Full(d, s)) => full = Some((d, s)),
            Some(OwnDate::MonthDay(m, d, s, dot)) => {
                md = Some((m, d, s));
                dotted = dot;
            }
            None => {}
        }
    }
    let (url_date, url_month) = match &href {
        Some(h) => dates::url_dates(h),
        None => (None, None),
    };
    Some(RawRow { node: row.id(), title, href, full, md, url_date, url_month, dotted })
}

/// The page-generation date, e.g. `<meta name="others" content="页面生成时间 2023-10-11 11:36:07">`.
pub fn generation_date(page: &Page) -> Option<NaiveDate> {
    page.meta
        .iter()
        .filter(|(k, v)| v.contains("生成") || k.contains("generat") || k.as_str() == "lastmodified")
        .find_map(|(_, v)| dates::full_dates(&dates::normalize(v)).first().map(|h| h.date))
}

pub(super) fn resolve_items(mut raw: Vec<RawRow>, today: NaiveDate, anchor: Option<NaiveDate>) -> Vec<Item> {
    settle_dotted(&mut raw, anchor);
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
