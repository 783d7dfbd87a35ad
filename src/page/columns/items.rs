//! Step 4 of the column finder: each row's title, link and date (shown, month-day or in the URL).

use chrono::NaiveDate;
use ego_tree::NodeId;
use scraper::ElementRef;

use super::super::dates::{self, DateLabel};
use super::super::text_index::TextIndex;
use super::super::{ElementExt, Page};
use super::candidates::date_only;
use super::{Item, first_link};

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

pub(super) fn resolve_items(raw: Vec<RawRow>, today: NaiveDate, anchor: Option<NaiveDate>) -> Vec<Item> {
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
