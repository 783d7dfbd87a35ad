//! Publication dates on Chinese government pages (rules.md §6).
//!
//! Formats handled: `2023-08-20`, `[2023-08-20]`, `(2023-08-20)`, `2023/8/20`, `2023.08.20`,
//! `2023年8月20日` / `2023年08月20日`, each optionally followed by a time (`10:12`, `10:12:40`);
//! month-day dates without a year (`08-20`, `08/20`, `8月20日`, `8-20`) whose year is inferred;
//! dates embedded in URLs (TRS `t20210624_…`, `/2021-04/02/content_…`, `/art/2021/4/2/art_…`, …)
//! and `<meta name="PubDate">` values.
//!
//! # Normalised input
//! The scanners that return byte offsets ([`full_dates`], [`month_days`], [`label_before`])
//! work on the text exactly as given and only understand ASCII digits and punctuation.
//! **Callers pass text that went through [`normalize`] first**; every offset refers to that
//! normalised string (Chinese text is multibyte: offsets are byte offsets, always on char
//! boundaries). [`parse_pubdate`], [`date_in_url`] and [`month_in_url`] return no offsets and
//! normalise (or need no normalising) by themselves.
//!
//! # No clock
//! Nothing here reads the wall clock: year inference takes `today` (the inspection date) as a
//! parameter. Future dates are *not* rejected by the scanners; rules decide what a date after
//! `today` means (rules.md §6 rule 5, possible fabrication).

use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate};
use regex::{Captures, Regex};

/// Oldest year accepted anywhere (rules.md §6 rule 5: dates before 1995 are rejected).
pub const MIN_YEAR: i32 = 1995;
/// Newest year accepted: only `199x`/`20xx` years are dates.
pub const MAX_YEAR: i32 = 2099;

/// Characters of context [`label_before`] looks at, before whitespace and punctuation are removed.
const LABEL_WINDOW_CHARS: usize = 12;

/// In a newest-first list, an upward jump of more than this between neighbours is read as the
/// list crossing back over a year boundary (see [`infer_years`]).
const WRAP_JUMP_DAYS: u64 = 183;

/// A full date (year shown) found in normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateHit {
    pub date: NaiveDate,
    /// The year was shown in the text (always true for [`full_dates`]).
    pub full: bool,
    /// Byte offset of the first digit of the year in the (normalised) input.
    pub start: usize,
    /// Byte offset just past the date, or past the time when one follows
    /// (`2023-08-20 10:12` → the whole string). Brackets around the date are not included.
    pub end: usize,
}

/// What the label in front of a date says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLabel {
    /// 发布日期, 发布时间, 发文日期, 更新时间, plain 日期/时间, …
    Publication,
    /// 成文日期, 印发日期, 生效日期, 施行日期, 有效期, 截止, 报名时间, 开标时间, …
    NotPublication,
    /// No label, or one that says neither (e.g. 留言时间 on a message board).
    Unknown,
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/// Normalise text for date scanning: full-width ASCII variants (`０-９`, `－`, `／`, `．`, `：`,
/// `（）`, `［］`, letters, …) become ASCII; hyphen and dash variants (U+2010–U+2015, U+2212,
/// U+FE63) become `-`; zero-width characters (U+200B–U+200D, U+2060, U+FEFF, soft hyphen) are
/// dropped; every run of whitespace (including NBSP and the ideographic space U+3000) becomes
/// one ASCII space, and leading/trailing whitespace is removed.
///
/// It is `page::text::normalize`, named here so date callers see what their input needs.
pub fn normalize(text: &str) -> String {
    super::text::normalize(text)
}

// ---------------------------------------------------------------------------------------------
// Full dates

/// `YYYY<sep>M<sep>D` with one of `- / .`, or `YYYY年M月D日`. Boundaries, equal separators and
/// validity are checked in code (the regex crate has no look-around or back-references).
static FULL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<y>[0-9]{4})
        (?:
            (?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P<s2>[-/.])(?P<d>[0-9]{1,2})
          | \s?年\s?(?P<cm>[0-9]{1,2})\s?月\s?(?P<cd>[0-9]{1,2})(?P<ri>\s?[日号])?
        )",
    )
    .expect("full date regex")
});

/// A time right after a date: `10:12`, `10:12:40`, ISO `T10:12`.
static TIME_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:T|\s*)(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2}))?").expect("time regex"));

/// All full dates (year shown) in `text`, in order of appearance.
///
/// `text` must be normalised with [`normalize`] (full-width digits are not recognised
/// otherwise); offsets are byte offsets into it. Accepted: `2023-08-20`, `2023/8/20`,
/// `2023.08.20` (both separators equal), `2023年8月20日` (日 may be missing when no Chinese
/// character follows), brackets around any of them, and a following time (`10:12`,
/// `10:12:40`, `T10:12`), which extends [`DateHit::end`].
///
/// Rejected: invalid dates (`2023-02-30`), years outside 1995..=2099, mixed separators, and
/// any candidate inside a longer digit run (phone numbers, 14-digit 公网安备 codes, ICP
/// numbers, `t20210624_` URL stems: see [`date_in_url`] for those).
pub fn full_dates(text: &str) -> Vec<DateHit> {
    let mut hits = Vec::new();
    // Every form starts with a four-digit year; most texts asked about have none.
    if !has_digit_run(text, 4) {
        return hits;
    }
    let mut pos = 0;
    while pos < text.len() {
        let Some(caps) = FULL_RE.captures_at(text, pos) else { break };
        let whole = caps.get(0).expect("group 0");
        match accept_full(text, &caps) {
            Some(hit) => {
                pos = hit.end;
                hits.push(hit);
            }
            // Retry one character later: a valid date may start inside a rejected candidate.
            None => pos = next_boundary(text, whole.start()),
        }
    }
    hits
}

fn accept_full(text: &str, caps: &Captures) -> Option<DateHit> {
    let whole = caps.get(0)?;
    let start = whole.start();
    let mut end = whole.end();
    if prev_char(text, start).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let next = text[end..].chars().next();
    // A day that runs on into more digits (`2023-08-201`); `2023年8月20日10:12` is fine.
    if ends_with_digit(whole.as_str()) && next.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = caps["y"].parse().ok()?;
    let (month, day): (u32, u32) = if let Some(m) = caps.name("m") {
        let sep = &caps["s1"];
        if sep != &caps["s2"] {
            return None;
        }
        // `2019.10.1.2` is a version or address, not a date.
        if sep == "." && next == Some('.') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        (m.as_str().parse().ok()?, caps["d"].parse().ok()?)
    } else {
        // `2023年8月20余家`: without 日 the day must not run on into Chinese text.
        if caps.name("ri").is_none() && next.is_some_and(is_cjk_ideograph) {
            return None;
        }
        (caps["cm"].parse().ok()?, caps["cd"].parse().ok()?)
    };
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    if let Some(time_end) = time_after(text, end) {
        end = time_end;
    }
    Some(DateHit { date, full: true, start, end })
}

/// End offset of a valid time starting at `at` (after optional whitespace or `T`).
fn time_after(text: &str, at: usize) -> Option<usize> {
    let caps = TIME_RE.captures(&text[at..])?;
    let hour: u32 = caps["h"].parse().ok()?;
    let minute: u32 = caps["mi"].parse().ok()?;
    let second: u32 = caps.name("s").map_or(Some(0), |s| s.as_str().parse().ok())?;
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let end = at + caps.get(0)?.end();
    if text[end..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(end)
}

// ---------------------------------------------------------------------------------------------
// Month-day dates

/// `8月20日`/`8月20号`, `08-20`/`8-20` (day always two digits), `08/20` (both two digits:
/// `1/20` is a page counter far more often than a date).
static MONTH_DAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
            (?P<am>[0-9]{1,2})\s?月\s?(?P<ad>[0-9]{1,2})\s?[日号]
          | (?P<bm>[0-9]{1,2})-(?P<bd>[0-9]{2})
          | (?P<cm>[0-9]{2})/(?P<cd>[0-9]{2})",
    )
    .expect("month-day regex")
});

/// Characters that, directly after `5-10`/`10-15`, show a range of quantities, not a date.
const QUANTITY_UNITS: &str = "个天日号条项人名万亿元角次年月周岁页份件分秒时点倍米吨亩户家所度期届级批篇张册章节位%％‰℃";

/// Month-day dates without a year, as `(month, day, start, end)` with byte offsets into
/// `text`, which must be normalised with [`normalize`].
///
/// Never reports a part of a full date (valid or not: `1990-08-20`, `1990年8月20日`), of a
/// time (`10:12`), of a phone number (`0797-3288888`) or of a longer number
/// (`08/20/2023`, `12-25.5`). The `-`/`/` forms also reject quantity ranges (`5-10个工作日`,
/// `10-15天`), codes next to Latin letters or digits (`A08-20`), and page counters
/// (`第01/20页`, `1/20`). Day must exist in some year (`02-29` yes, `02-30` no).
///
/// A two-digit range without a unit (`10-12`) is still reported: the caller should only
/// look for month-days in list items that have no full date (rules.md §6 rule 2).
pub fn month_days(text: &str) -> Vec<(u32, u32, usize, usize)> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let full: Vec<(usize, usize)> = full_dates(text).iter().map(|h| (h.start, h.end)).collect();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(caps) = MONTH_DAY_RE.captures_at(text, pos) else { break };
        let whole = caps.get(0).expect("group 0");
        match accept_month_day(text, &caps, &full) {
            Some(found) => {
                pos = found.3;
                out.push(found);
            }
            None => pos = next_boundary(text, whole.start()),
        }
    }
    out
}

fn accept_month_day(text: &str, caps: &Captures, full: &[(usize, usize)]) -> Option<(u32, u32, usize, usize)> {
    let whole = caps.get(0)?;
    let (start, end) = (whole.start(), whole.end());
    if full.iter().any(|&(s, e)| start < e && s < end) {
        return None;
    }
    let before = &text[..start];
    let prev = before.chars().next_back();
    if prev.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    // Tail of a longer numeric structure: `1990-08-20`, `12/08/20`, `10:08-20`.
    if let Some(p) = prev {
        if "-/.:".contains(p) && ends_with_digit(&before[..before.len() - p.len_utf8()]) {
            return None;
        }
    }
    // `1990年 8月20日`: a rejected (too old) full date.
    if let Some(rest) = before.trim_end().strip_suffix('年') {
        if ends_with_digit(rest.trim_end()) {
            return None;
        }
    }
    let after = &text[end..];
    let next = after.chars().next();
    if next.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let (month, day): (u32, u32) = if let Some(m) = caps.name("am") {
        (m.as_str().parse().ok()?, caps["ad"].parse().ok()?)
    } else {
        if prev.is_some_and(|c| c.is_ascii_alphanumeric() || "第共约".contains(c)) {
            return None;
        }
        if next.is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        if let Some(n) = next {
            if "-/.:".contains(n) && after[n.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
        }
        if next.is_some_and(|c| QUANTITY_UNITS.contains(c)) {
            return None;
        }
        match (caps.name("bm"), caps.name("cm")) {
            (Some(m), _) => (m.as_str().parse().ok()?, caps["bd"].parse().ok()?),
            (None, Some(m)) => (m.as_str().parse().ok()?, caps["cd"].parse().ok()?),
            (None, None) => return None,
        }
    };
    if !month_day_exists(month, day) {
        return None;
    }
    Some((month, day, start, end))
}

/// A month-day written with a dot (`10.11`, `09.20`) when it is the **whole** text given
/// (brackets around it allowed): both parts two digits, the day existing in that month.
///
/// Not part of [`month_days`]: `10.11` in running text is a version, a decimal or a score far
/// more often than a date. Callers pass the text of an element that holds nothing else, and
/// still need date-like context (a date class, a year from the item URL or the page) before
/// reading it as a date.
pub fn dotted_month_day(text: &str) -> Option<(u32, u32)> {
    let t = text.trim_matches(|c: char| c.is_whitespace() || "[]()【】（）".contains(c));
    let b = t.as_bytes();
    if b.len() != 5 || b[2] != b'.' || !b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit) {
        return None;
    }
    let (month, day): (u32, u32) = (t[..2].parse().ok()?, t[3..].parse().ok()?);
    month_day_exists(month, day).then_some((month, day))
}

/// The month/day exists in some year (leap years included).
fn month_day_exists(month: u32, day: u32) -> bool {
    const MAX_DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    (1..=12).contains(&month) && day >= 1 && day <= MAX_DAYS[(month - 1) as usize]
}

// ---------------------------------------------------------------------------------------------
// Year inference

/// The latest date with this month and day that is not after `today` plus one day of
/// tolerance: this year, unless that would be in the future, then the year before (or the
/// latest leap year for `02-29`). `None` for impossible month-days (`02-30`, `13-01`).
pub fn infer_year(month: u32, day: u32, today: NaiveDate) -> Option<NaiveDate> {
    if !month_day_exists(month, day) {
        return None;
    }
    let limit = today.checked_add_days(Days::new(1)).unwrap_or(today);
    // Starts at next year so that 01-01 seen on 12-31 is tomorrow, not a year ago.
    (today.year() - 8..=today.year() + 1).rev().filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)).find(|d| *d <= limit)
}

/// Years for a list of month-days in display order (newest first, as lists are shown).
///
/// The reference date is `anchor` when given (a full date seen on the same page, e.g. the
/// 页面生成时间 meta, so a saved page is read as of the day it was made), capped at `today`;
/// otherwise `today`. Each item first gets [`infer_year`] against the reference, which already
/// puts `12-30`/`12-28` listed below `01-03` in the previous year when the reference is in
/// January.
///
/// Lists longer than a year are then corrected going down: an item whose date is more than
/// half a year (183 days) later than the item just above it, and also later than the one
/// above that, is moved back a year (repeatedly if needed). Two items above are required so
/// that one old pinned (置顶) item at the top does not push the whole list back a year;
/// small disorder (`03-20, 03-19, 03-20`) is left alone. `None` entries (impossible
/// month-days) are skipped when comparing.
pub fn infer_years(month_days: &[(u32, u32)], today: NaiveDate, anchor: Option<NaiveDate>) -> Vec<Option<NaiveDate>> {
    let reference = anchor.map_or(today, |a| a.min(today));
    let mut out = Vec::with_capacity(month_days.len());
    let mut above: Option<NaiveDate> = None; // nearest dated item above
    let mut above2: Option<NaiveDate> = None; // the dated item above that
    for &(month, day) in month_days {
        let Some(mut date) = infer_year(month, day, reference) else {
            out.push(None);
            continue;
        };
        if let (Some(a1), Some(a2)) = (above, above2) {
            let jump_limit = a1.checked_add_days(Days::new(WRAP_JUMP_DAYS)).unwrap_or(a1);
            while date > jump_limit && date > a2 {
                match previous_occurrence(date) {
                    Some(earlier) => date = earlier,
                    None => break,
                }
            }
        }
        above2 = above;
        above = Some(date);
        out.push(Some(date));
    }
    out
}

/// The latest date before `date` with the same month and day.
fn previous_occurrence(date: NaiveDate) -> Option<NaiveDate> {
    (date.year() - 8..date.year()).rev().find_map(|y| NaiveDate::from_ymd_opt(y, date.month(), date.day()))
}

/// A month-day resolved with a year-month hint, e.g. the `/201803/` directory of the item's
/// URL ([`month_in_url`]): the candidate (hint year −1, 0 or +1) nearest the middle of the
/// hint month. `12-28` with hint 2018-01 ⇒ 2017-12-28; `01-05` with hint 2017-12 ⇒ 2018-01-05.
pub fn date_with_month_hint(month: u32, day: u32, hint_year: i32, hint_month: u32) -> Option<NaiveDate> {
    if !month_day_exists(month, day) {
        return None;
    }
    let middle = NaiveDate::from_ymd_opt(hint_year, hint_month, 15)?;
    (hint_year - 1..=hint_year + 1).filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)).min_by_key(|d| (*d - middle).num_days().abs())
}

// ---------------------------------------------------------------------------------------------
// URLs

/// URL date patterns, most confident first. Each has groups `y`, `m`, `d`; `dir` (optional)
/// must equal `y` + `m`.
static URL_DATE_RES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // TRS: /202106/t20210624_185368.html
        r"(?:^|/)t(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})_[0-9]+",
        // gov.cn / xinhua: /2021-04/02/content_…, /content/2017-06/08/content_…, /2018-03/19/c_…
        r"(?:^|/)(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})/",
        // /2023-02-03/…
        r"(?:^|/)(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})/",
        // 大汉: /art/2021/4/2/art_…, and other /YYYY/M/D/ trees
        r"(?:^|/)(?P<y>[0-9]{4})/(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})/",
        // 人民网 style: /n1/2023/0203/c1001-…
        r"(?:^|/)(?P<y>[0-9]{4})/(?P<m>[0-9]{2})(?P<d>[0-9]{2})/",
        // /20230203/i1998225
        r"(?:^|/)(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})/",
        // TRS attachments and images: /201802/P020180209623601401189.pdf, W0…jpg
        r"(?:^|/)(?P<dir>[0-9]{6})/[PW]0(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})[0-9]{4,}",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("url date regex"))
    .collect()
});

/// Year-month directories: TRS/gov.cn `/202106/`, `/2021-04/`.
static URL_MONTH_RES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [r"(?:^|/)(?P<y>[0-9]{4})(?P<m>[0-9]{2})/", r"(?:^|/)(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})/"].iter().map(|p| Regex::new(p).expect("url month regex")).collect()
});

/// The path part of a URL: query and fragment removed (`?v=20180320` cache busters and
/// `?id=1780/2138` are not dates).
fn url_path(url: &str) -> &str {
    let url = url.trim();
    url.split(['?', '#']).next().unwrap_or(url)
}

/// The date a URL path carries: TRS `/202106/t20210624_185368.html`, `/2021-04/02/content_…`,
/// `/content/2017-06/08/content_5200760.htm`, `/20230203/i1998225`, `/art/2021/4/2/art_…`,
/// `/n1/2023/0203/c…`, `/2023-02-03/…`, and TRS attachments `/201802/P020180209….pdf`
/// (only when the directory agrees). Works on relative URLs too. The query string and
/// fragment are ignored. `None` when no pattern gives a valid date in 1995..=2099 (a
/// month-only directory such as `/202305/content_…` is not a date: see [`month_in_url`]).
/// When a pattern matches more than once, the last (deepest) match wins.
pub fn date_in_url(url: &str) -> Option<NaiveDate> {
    let path = url_path(url);
    // Every pattern needs a four-digit year: most navigation links have none.
    if !has_digit_run(path, 4) {
        return None;
    }
    URL_DATE_RES.iter().find_map(|re| {
        re.captures_iter(path)
            .filter_map(|c| {
                let (y, m, d) = (c["y"].parse().ok()?, c["m"].parse().ok()?, c["d"].parse().ok()?);
                if let Some(dir) = c.name("dir") {
                    if dir.as_str() != format!("{}{}", &c["y"], &c["m"]) {
                        return None;
                    }
                }
                valid_date(y, m, d)
            })
            .last()
    })
}

/// The year and month a URL path carries: the month of [`date_in_url`] when there is one,
/// else a `/202106/` or `/2021-04/` directory (the last one in the path).
pub fn month_in_url(url: &str) -> Option<(i32, u32)> {
    url_dates(url).1
}

/// [`date_in_url`] and [`month_in_url`] of one URL, reading the path once.
pub fn url_dates(url: &str) -> (Option<NaiveDate>, Option<(i32, u32)>) {
    match date_in_url(url) {
        Some(d) => (Some(d), Some((d.year(), d.month()))),
        None => (None, month_dir_in_url(url)),
    }
}

fn month_dir_in_url(url: &str) -> Option<(i32, u32)> {
    let path = url_path(url);
    if !has_digit_run(path, 4) {
        return None;
    }
    URL_MONTH_RES.iter().find_map(|re| {
        re.captures_iter(path)
            .filter_map(|c| {
                let (y, m): (i32, u32) = (c["y"].parse().ok()?, c["m"].parse().ok()?);
                valid_date(y, m, 1).map(|_| (y, m))
            })
            .last()
    })
}

/// `s` has `n` ASCII digits in a row.
fn has_digit_run(s: &str, n: usize) -> bool {
    let mut run = 0;
    for b in s.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= n {
            return true;
        }
    }
    false
}

fn valid_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

// ---------------------------------------------------------------------------------------------
// meta PubDate

/// Parse a `<meta name="PubDate">` value: `2023-03-01 13:31`, `2023-03-01 13:31:56`,
/// `2023-03-01`, and also `2023/03/01`, `2023年03月01日`, ISO `2023-03-01T13:31:56+08:00`,
/// compact `20230301` and full-width digits. The value must start with the date (after
/// trimming); `None` for empty values, garbage and invalid dates.
pub fn parse_pubdate(value: &str) -> Option<NaiveDate> {
    let value = normalize(value);
    let first = value.split(' ').next().unwrap_or("");
    if first.len() == 8 && first.bytes().all(|b| b.is_ascii_digit()) {
        return valid_date(first[..4].parse().ok()?, first[4..6].parse().ok()?, first[6..].parse().ok()?);
    }
    let hit = full_dates(&value).into_iter().next()?;
    (hit.start == 0).then_some(hit.date)
}

// ---------------------------------------------------------------------------------------------
// Labels

/// Labels checked against the end of the context before a date, in order: a label that ends
/// with another (成文日期 / 日期) must come first.
const LABELS: &[(&str, DateLabel)] = &[
    // Not the publication date.
    ("成文日期", DateLabel::NotPublication),
    ("成文时间", DateLabel::NotPublication),
    ("印发日期", DateLabel::NotPublication),
    ("印发时间", DateLabel::NotPublication),
    ("签发日期", DateLabel::NotPublication),
    ("生效日期", DateLabel::NotPublication),
    ("生效时间", DateLabel::NotPublication),
    ("施行日期", DateLabel::NotPublication),
    ("施行时间", DateLabel::NotPublication),
    ("实施日期", DateLabel::NotPublication),
    ("实施时间", DateLabel::NotPublication),
    ("废止日期", DateLabel::NotPublication),
    ("失效日期", DateLabel::NotPublication),
    ("失效时间", DateLabel::NotPublication),
    ("有效期至", DateLabel::NotPublication),
    ("有效期", DateLabel::NotPublication),
    ("截止日期", DateLabel::NotPublication),
    ("截止时间", DateLabel::NotPublication),
    ("截止", DateLabel::NotPublication),
    ("截至", DateLabel::NotPublication),
    ("报名时间", DateLabel::NotPublication),
    ("报名日期", DateLabel::NotPublication),
    ("开标时间", DateLabel::NotPublication),
    ("开标日期", DateLabel::NotPublication),
    ("开始时间", DateLabel::NotPublication),
    ("结束时间", DateLabel::NotPublication),
    ("起止时间", DateLabel::NotPublication),
    ("会议时间", DateLabel::NotPublication),
    ("活动时间", DateLabel::NotPublication),
    ("举办时间", DateLabel::NotPublication),
    ("考试时间", DateLabel::NotPublication),
    ("成交日期", DateLabel::NotPublication),
    ("成交时间", DateLabel::NotPublication),
    ("决定日期", DateLabel::NotPublication),
    ("决定的日期", DateLabel::NotPublication),
    // Message boards: the date of a question or reply, not of published content.
    ("留言时间", DateLabel::Unknown),
    ("留言日期", DateLabel::Unknown),
    ("提问时间", DateLabel::Unknown),
    ("咨询时间", DateLabel::Unknown),
    ("来信时间", DateLabel::Unknown),
    ("受理时间", DateLabel::Unknown),
    ("回复时间", DateLabel::Unknown),
    ("答复时间", DateLabel::Unknown),
    ("出生日期", DateLabel::Unknown),
    // Publication.
    ("发布日期", DateLabel::Publication),
    ("发布时间", DateLabel::Publication),
    ("发文日期", DateLabel::Publication),
    ("发表日期", DateLabel::Publication),
    ("发表时间", DateLabel::Publication),
    ("公开日期", DateLabel::Publication),
    ("公开时间", DateLabel::Publication),
    ("公布日期", DateLabel::Publication),
    ("公布时间", DateLabel::Publication),
    ("更新日期", DateLabel::Publication),
    ("更新时间", DateLabel::Publication),
    ("发稿时间", DateLabel::Publication),
    ("录入时间", DateLabel::Publication),
    ("公告日期", DateLabel::Publication),
    ("公告时间", DateLabel::Publication),
    ("发布于", DateLabel::Publication),
    ("日期", DateLabel::Publication),
    ("时间", DateLabel::Publication),
];

/// Punctuation between a label and its date: `发布日期：`, `【发布日期】`, `[时间]`.
const LABEL_PUNCT: &[char] = &[':', '：', '[', ']', '【', '】', '(', ')', '（', '）', '|', '丨', '>', '》', '」', '"'];

/// Classify the label right before a date starting at byte `start` of `text` (normalised or
/// not). Looks at up to 12 characters before `start`, drops the whitespace and punctuation
/// between label and date (`：`, `】`, ` `), then matches the label the context ends with:
/// [`DateLabel::Publication`] for 发布日期/发布时间/发文日期/更新时间/日期/时间…,
/// [`DateLabel::NotPublication`] for 成文日期/印发日期/生效日期/施行日期/有效期/截止/报名时间/开标时间…,
/// [`DateLabel::Unknown`] otherwise (also for message-board labels such as 留言时间, and
/// when `start` is out of range or not on a char boundary).
///
/// Two-character labels may be spaced out for alignment (`时 间：`); longer labels must be
/// written together, so that a title ending in 会议 before `时间：` is not read as 会议时间.
pub fn label_before(text: &str, start: usize) -> DateLabel {
    let Some(before) = text.get(..start) else { return DateLabel::Unknown };
    let window_start = before.char_indices().rev().nth(LABEL_WINDOW_CHARS - 1).map_or(0, |(i, _)| i);
    let context = before[window_start..].trim_end_matches(|c: char| c.is_whitespace() || LABEL_PUNCT.contains(&c));
    // Every date of a list asks: most have no label at all, so look at the last character
    // before comparing against every label.
    let Some(last) = context.chars().next_back() else { return DateLabel::Unknown };
    if !LABELS.iter().any(|(name, _)| name.ends_with(last)) {
        return DateLabel::Unknown;
    }
    LABELS.iter().find(|(name, _)| ends_with_label(context, name)).map_or(DateLabel::Unknown, |&(_, kind)| kind)
}

/// `context` ends with `label`; whitespace may separate the two characters of a
/// two-character label.
fn ends_with_label(context: &str, label: &str) -> bool {
    let spaced = label.chars().count() == 2;
    let mut rest = context.chars().rev().peekable();
    for (i, want) in label.chars().rev().enumerate() {
        if i > 0 && spaced {
            while rest.next_if(|c| c.is_whitespace()).is_some() {}
        }
        if rest.next() != Some(want) {
            return false;
        }
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Small helpers

fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn next_boundary(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

fn ends_with_digit(s: &str) -> bool {
    s.ends_with(|c: char| c.is_ascii_digit())
}

fn is_cjk_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The dates of all full-date hits.
    fn dates(text: &str) -> Vec<NaiveDate> {
        full_dates(text).iter().map(|h| h.date).collect()
    }

    /// The single full-date hit, with the text it covers.
    fn one(text: &str) -> (NaiveDate, &str) {
        let hits = full_dates(text);
        assert_eq!(hits.len(), 1, "expected one date in {text:?}, got {hits:?}");
        let h = hits[0];
        assert!(h.full);
        (h.date, &text[h.start..h.end])
    }

    fn md(text: &str) -> Vec<(u32, u32)> {
        month_days(text).iter().map(|&(m, d, _, _)| (m, d)).collect()
    }

    // --- normalize ---------------------------------------------------------------------

    #[test]
    fn normalize_full_width_digits_and_separators() {
        assert_eq!(normalize("２０２３－０８－２０"), "2023-08-20");
        assert_eq!(normalize("２０２３／０８／２０　１０：１２"), "2023/08/20 10:12");
        assert_eq!(normalize("２０２３．０８．２０"), "2023.08.20");
        assert_eq!(normalize("［２０２３－０８－２０］（１）"), "[2023-08-20](1)");
        assert_eq!(normalize("发布日期：２０２３年８月２０日"), "发布日期:2023年8月20日");
        assert_eq!(normalize("ＩＣＰ备"), "ICP备");
    }

    #[test]
    fn normalize_spaces_and_invisible_characters() {
        assert_eq!(normalize("  a\u{3000}\u{00A0} b\n\t c  "), "a b c");
        assert_eq!(normalize("2023-\u{200B}08-\u{FEFF}20"), "2023-08-20");
        assert_eq!(normalize("\u{200B} 发布\u{00AD}日期 "), "发布日期");
        assert_eq!(normalize("2023\u{2013}08\u{2212}20"), "2023-08-20");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \u{3000} "), "");
    }

    // --- full_dates: formats --------------------------------------------------------------

    #[test]
    fn full_date_iso() {
        assert_eq!(one("2023-08-20"), (d(2023, 8, 20), "2023-08-20"));
        assert_eq!(one("2023-8-2"), (d(2023, 8, 2), "2023-8-2"));
    }

    #[test]
    fn full_date_in_brackets_excludes_brackets() {
        let hits = full_dates("[2023-08-20]");
        assert_eq!(hits, vec![DateHit { date: d(2023, 8, 20), full: true, start: 1, end: 11 }]);
        assert_eq!(one("(2023-08-20)"), (d(2023, 8, 20), "2023-08-20"));
        assert_eq!(one("【2023-08-20】"), (d(2023, 8, 20), "2023-08-20"));
        assert_eq!(one("关于…的通知(2018-03-15)"), (d(2018, 3, 15), "2018-03-15"));
    }

    #[test]
    fn full_date_slash_and_dot() {
        assert_eq!(one("2023/8/20"), (d(2023, 8, 20), "2023/8/20"));
        assert_eq!(one("2023/08/20"), (d(2023, 8, 20), "2023/08/20"));
        assert_eq!(one("2023.08.20"), (d(2023, 8, 20), "2023.08.20"));
    }

    #[test]
    fn full_date_chinese() {
        assert_eq!(one("2023年8月20日"), (d(2023, 8, 20), "2023年8月20日"));
        assert_eq!(one("2023年08月20日"), (d(2023, 8, 20), "2023年08月20日"));
        assert_eq!(one("2018年2月24日"), (d(2018, 2, 24), "2018年2月24日"));
        assert_eq!(one("2023 年 8 月 20 日"), (d(2023, 8, 20), "2023 年 8 月 20 日"));
        // 日 missing at the end of the text.
        assert_eq!(one("2023年8月20"), (d(2023, 8, 20), "2023年8月20"));
    }

    #[test]
    fn full_date_byte_offsets_in_chinese_text() {
        let text = "发布日期:2023-08-20 来源:本站";
        let hits = full_dates(text);
        assert_eq!(hits.len(), 1);
        // 发布日期 is 4 × 3 bytes, then ':'.
        assert_eq!((hits[0].start, hits[0].end), (13, 23));
        assert_eq!(&text[hits[0].start..hits[0].end], "2023-08-20");
    }

    #[test]
    fn full_dates_several_in_order() {
        let text = "通知一 2023-08-20 通知二 [2023-08-18] 通知三 2022年12月30日";
        assert_eq!(dates(text), vec![d(2023, 8, 20), d(2023, 8, 18), d(2022, 12, 30)]);
    }

    #[test]
    fn full_date_after_normalising_full_width() {
        let text = normalize("发布时间：２０２１－０９－３０　２２：３０");
        assert_eq!(text, "发布时间:2021-09-30 22:30");
        assert_eq!(one(&text), (d(2021, 9, 30), "2021-09-30 22:30"));
    }

    #[test]
    fn full_width_digits_need_normalising() {
        assert!(full_dates("２０２３－０８－２０").is_empty());
    }

    // --- full_dates: times -----------------------------------------------------------------

    #[test]
    fn full_date_with_time() {
        assert_eq!(one("2023-08-20 10:12"), (d(2023, 8, 20), "2023-08-20 10:12"));
        assert_eq!(one("2023-08-20 10:12:40 阅读"), (d(2023, 8, 20), "2023-08-20 10:12:40"));
        assert_eq!(one("2021年06月10日 17:35"), (d(2021, 6, 10), "2021年06月10日 17:35"));
        assert_eq!(one("2023年8月20日10:12"), (d(2023, 8, 20), "2023年8月20日10:12"));
        assert_eq!(one("2023-03-01T13:31:56+08:00"), (d(2023, 3, 1), "2023-03-01T13:31:56"));
        assert_eq!(one("时间：2018-03-02 10:00"), (d(2018, 3, 2), "2018-03-02 10:00"));
    }

    #[test]
    fn invalid_time_is_not_included() {
        assert_eq!(one("2023-08-20 25:12"), (d(2023, 8, 20), "2023-08-20"));
        assert_eq!(one("2023-08-20 10:75"), (d(2023, 8, 20), "2023-08-20"));
        assert_eq!(one("2023-08-20 10:123"), (d(2023, 8, 20), "2023-08-20"));
    }

    // --- full_dates: rejections ------------------------------------------------------------

    #[test]
    fn invalid_dates_are_rejected() {
        assert!(full_dates("2023-02-30").is_empty());
        assert!(full_dates("2023-13-01").is_empty());
        assert!(full_dates("2023-00-10").is_empty());
        assert!(full_dates("2023-04-31").is_empty());
        assert!(full_dates("2023年2月29日").is_empty());
        assert_eq!(dates("2024年2月29日"), vec![d(2024, 2, 29)]);
    }

    #[test]
    fn years_outside_range_are_rejected() {
        assert!(full_dates("1990-08-20").is_empty());
        assert!(full_dates("1994-12-31").is_empty());
        assert!(full_dates("2100-01-01").is_empty());
        assert!(full_dates("1800年1月1日").is_empty());
        assert_eq!(dates("1995-01-01"), vec![d(1995, 1, 1)]);
        assert_eq!(dates("2099-12-31"), vec![d(2099, 12, 31)]);
    }

    #[test]
    fn mixed_separators_are_rejected() {
        assert!(full_dates("2023-08/20").is_empty());
        assert!(full_dates("2023.08-20").is_empty());
    }

    #[test]
    fn phone_numbers_are_not_dates() {
        assert!(full_dates("联系电话:0797-3288888").is_empty());
        assert!(full_dates("电话:12345 传真:0797-3288888").is_empty());
        assert!(full_dates("010-2012-3456").is_empty());
        assert!(full_dates("13907972023").is_empty());
    }

    #[test]
    fn record_numbers_are_not_dates() {
        assert!(full_dates("赣公网安备 36090202000123号").is_empty());
        assert!(full_dates("京公网安备11010502030143号").is_empty());
        assert!(full_dates("20230820123456").is_empty());
        assert!(full_dates("赣ICP备2023001234号-1").is_empty());
        assert!(full_dates("京ICP备05070218号").is_empty());
        assert!(full_dates("/202106/t20210624_185368.html").is_empty());
        // 索引号 and copyright ranges.
        assert!(full_dates("索引号:000014348/2020-35147").is_empty());
        assert!(full_dates("© 2005-2023 版权所有").is_empty());
    }

    #[test]
    fn dates_inside_longer_digit_runs_are_rejected() {
        assert!(full_dates("12023-08-20").is_empty());
        assert!(full_dates("2023-08-201").is_empty());
        assert!(full_dates("2023年8月20余家").is_empty());
        assert!(full_dates("2019.10.1.2").is_empty());
        // The rejected candidate does not hide a real date after it.
        assert_eq!(dates("12023-08-20 2023-08-21"), vec![d(2023, 8, 21)]);
    }

    // --- month_days ------------------------------------------------------------------------

    #[test]
    fn month_day_forms() {
        assert_eq!(month_days("08-20"), vec![(8, 20, 0, 5)]);
        assert_eq!(month_days("08/20"), vec![(8, 20, 0, 5)]);
        assert_eq!(month_days("8-20"), vec![(8, 20, 0, 4)]);
        // 8月20日: 1 + 3 + 2 + 3 bytes.
        assert_eq!(month_days("8月20日"), vec![(8, 20, 0, 9)]);
        assert_eq!(md("12月5号"), vec![(12, 5)]);
        assert_eq!(md("8 月 20 日"), vec![(8, 20)]);
        assert_eq!(month_days("[08-20]"), vec![(8, 20, 1, 6)]);
        assert_eq!(md("10-11 "), vec![(10, 11)]);
    }

    #[test]
    fn dotted_month_days_only_as_the_whole_text() {
        assert_eq!(dotted_month_day("10.11"), Some((10, 11)));
        assert_eq!(dotted_month_day(" 09.20 "), Some((9, 20)));
        assert_eq!(dotted_month_day("[02.29]"), Some((2, 29)));
        // Never inside running text, and never a decimal or version that is no day.
        assert!(month_days("版本 10.11 发布").is_empty());
        assert_eq!(dotted_month_day("v10.11"), None);
        assert_eq!(dotted_month_day("3.14"), None);
        assert_eq!(dotted_month_day("12.50"), None);
        assert_eq!(dotted_month_day("13.01"), None);
        assert_eq!(dotted_month_day("02.30"), None);
        assert_eq!(dotted_month_day("10.111"), None);
        assert_eq!(dotted_month_day("2017.10"), None);
    }

    #[test]
    fn month_day_offsets_in_chinese_text() {
        let text = "关于开展检查的通知 09-19";
        let found = month_days(text);
        assert_eq!(found.len(), 1);
        let (m, day, s, e) = found[0];
        assert_eq!((m, day), (9, 19));
        assert_eq!(&text[s..e], "09-19");
        assert_eq!(s, "关于开展检查的通知 ".len());
    }

    #[test]
    fn month_days_in_a_list() {
        assert_eq!(md("通知 10-11 公告 09-19 新闻 12-30"), vec![(10, 11), (9, 19), (12, 30)]);
    }

    #[test]
    fn month_days_skip_full_dates() {
        assert!(month_days("2023-08-20").is_empty());
        assert!(month_days("2023/08/20").is_empty());
        assert!(month_days("2023年8月20日").is_empty());
        assert!(month_days("2023-08-20 10:12").is_empty());
        // Also when the full date itself was rejected.
        assert!(month_days("1990-08-20").is_empty());
        assert!(month_days("1990年8月20日").is_empty());
        assert!(month_days("1990年 8月20日").is_empty());
        // But a month-day next to a full date is found.
        assert_eq!(md("2023-08-20 至 09-01"), vec![(9, 1)]);
    }

    #[test]
    fn month_days_skip_times_phones_and_numbers() {
        assert!(month_days("10:12").is_empty());
        assert!(month_days("10:12:40").is_empty());
        assert!(month_days("0797-3288888").is_empty());
        assert!(month_days("12345").is_empty());
        assert!(month_days("08/20/2023").is_empty());
        assert!(month_days("12-25.5").is_empty());
        assert!(month_days("A08-20").is_empty());
        assert!(month_days("12-20a").is_empty());
    }

    #[test]
    fn month_days_skip_pages_and_quantities() {
        assert!(month_days("1/20").is_empty());
        assert!(month_days("第01/20页").is_empty());
        assert!(month_days("5-10个工作日").is_empty());
        assert!(month_days("10-15天").is_empty());
        assert!(month_days("3-15岁").is_empty());
        // A title after a space is not a unit: 人 starts 人社局.
        assert_eq!(md("08-20 人社局召开会议"), vec![(8, 20)]);
        assert!(month_days("10-20%").is_empty());
    }

    #[test]
    fn month_days_reject_impossible_dates() {
        assert!(month_days("02-30").is_empty());
        assert!(month_days("13-01").is_empty());
        assert!(month_days("00-10").is_empty());
        assert!(month_days("4月31日").is_empty());
        assert_eq!(md("02-29"), vec![(2, 29)]);
    }

    // --- infer_year ------------------------------------------------------------------------

    #[test]
    fn infer_year_new_year_wrap() {
        let today = d(2024, 1, 5);
        assert_eq!(infer_year(12, 30, today), Some(d(2023, 12, 30)));
        assert_eq!(infer_year(1, 3, today), Some(d(2024, 1, 3)));
        assert_eq!(infer_year(1, 5, today), Some(d(2024, 1, 5)));
    }

    #[test]
    fn infer_year_avoids_future_with_one_day_tolerance() {
        let today = d(2023, 10, 11);
        assert_eq!(infer_year(10, 12, today), Some(d(2023, 10, 12)));
        assert_eq!(infer_year(10, 13, today), Some(d(2022, 10, 13)));
        assert_eq!(infer_year(12, 25, today), Some(d(2022, 12, 25)));
        // 01-01 seen on 12-31 is tomorrow.
        assert_eq!(infer_year(1, 1, d(2023, 12, 31)), Some(d(2024, 1, 1)));
    }

    #[test]
    fn infer_year_impossible_and_leap_days() {
        let today = d(2023, 3, 1);
        assert_eq!(infer_year(2, 30, today), None);
        assert_eq!(infer_year(13, 1, today), None);
        assert_eq!(infer_year(0, 10, today), None);
        assert_eq!(infer_year(4, 0, today), None);
        assert_eq!(infer_year(2, 29, today), Some(d(2020, 2, 29)));
        assert_eq!(infer_year(2, 29, d(2024, 3, 1)), Some(d(2024, 2, 29)));
    }

    // --- infer_years -----------------------------------------------------------------------

    #[test]
    fn infer_years_new_year_wrap() {
        let got = infer_years(&[(1, 3), (12, 30), (12, 28)], d(2024, 1, 5), None);
        assert_eq!(got, vec![Some(d(2024, 1, 3)), Some(d(2023, 12, 30)), Some(d(2023, 12, 28))]);
    }

    #[test]
    fn infer_years_uses_anchor_as_today() {
        // A page saved on 2023-10-11 (页面生成时间), checked much later.
        let got = infer_years(&[(10, 11), (9, 19), (12, 25)], d(2024, 6, 1), Some(d(2023, 10, 11)));
        assert_eq!(got, vec![Some(d(2023, 10, 11)), Some(d(2023, 9, 19)), Some(d(2022, 12, 25))]);
        // Without the anchor the same list is read against today.
        let got = infer_years(&[(10, 11)], d(2024, 6, 1), None);
        assert_eq!(got, vec![Some(d(2023, 10, 11))]);
    }

    #[test]
    fn infer_years_anchor_after_today_is_capped() {
        let got = infer_years(&[(2, 1)], d(2024, 1, 5), Some(d(2024, 3, 1)));
        assert_eq!(got, vec![Some(d(2023, 2, 1))]);
    }

    #[test]
    fn infer_years_list_longer_than_a_year() {
        let got = infer_years(&[(2, 10), (11, 20), (6, 1), (2, 1), (10, 1), (9, 1)], d(2024, 2, 15), None);
        assert_eq!(
            got,
            vec![Some(d(2024, 2, 10)), Some(d(2023, 11, 20)), Some(d(2023, 6, 1)), Some(d(2023, 2, 1)), Some(d(2022, 10, 1)), Some(d(2022, 9, 1)),]
        );
    }

    #[test]
    fn infer_years_pinned_old_item_does_not_push_the_list_back() {
        let got = infer_years(&[(6, 1), (1, 3), (12, 30)], d(2024, 1, 5), None);
        assert_eq!(got, vec![Some(d(2023, 6, 1)), Some(d(2024, 1, 3)), Some(d(2023, 12, 30))]);
    }

    #[test]
    fn infer_years_small_disorder_stays_in_year() {
        let got = infer_years(&[(3, 20), (3, 19), (3, 20), (3, 16)], d(2018, 3, 21), None);
        assert_eq!(got, vec![Some(d(2018, 3, 20)), Some(d(2018, 3, 19)), Some(d(2018, 3, 20)), Some(d(2018, 3, 16))]);
    }

    #[test]
    fn infer_years_keeps_none_for_impossible_entries() {
        let got = infer_years(&[(1, 3), (2, 30), (12, 30)], d(2024, 1, 5), None);
        assert_eq!(got, vec![Some(d(2024, 1, 3)), None, Some(d(2023, 12, 30))]);
        assert!(infer_years(&[], d(2024, 1, 5), None).is_empty());
    }

    #[test]
    fn month_hint_resolves_across_new_year() {
        assert_eq!(date_with_month_hint(12, 28, 2018, 1), Some(d(2017, 12, 28)));
        assert_eq!(date_with_month_hint(1, 5, 2017, 12), Some(d(2018, 1, 5)));
        assert_eq!(date_with_month_hint(3, 20, 2018, 3), Some(d(2018, 3, 20)));
        assert_eq!(date_with_month_hint(2, 30, 2018, 3), None);
    }

    // --- URLs ------------------------------------------------------------------------------

    #[test]
    fn url_trs() {
        assert_eq!(date_in_url("http://www.beidou.gov.cn/yw/xwzx/201803/t20180320_14123.html"), Some(d(2018, 3, 20)));
        assert_eq!(date_in_url("./202106/t20210624_185368.html"), Some(d(2021, 6, 24)));
        assert_eq!(date_in_url("t20210624_185368.html"), Some(d(2021, 6, 24)));
        assert_eq!(date_in_url("/spp/zdgz/201803/t20180319_370456.shtml"), Some(d(2018, 3, 19)));
    }

    #[test]
    fn url_govcn_content() {
        assert_eq!(date_in_url("/2021-04/02/content_5597412.htm"), Some(d(2021, 4, 2)));
        assert_eq!(date_in_url("http://www.gov.cn/zhengce/content/2017-06/08/content_5200760.htm"), Some(d(2017, 6, 8)));
        assert_eq!(date_in_url("shouye/2018-03/20/content_4807410.htm"), Some(d(2018, 3, 20)));
        assert_eq!(date_in_url("http://www.nea.gov.cn/2018-03/19/c_137049384.htm"), Some(d(2018, 3, 19)));
    }

    #[test]
    fn url_other_forms() {
        assert_eq!(date_in_url("https://www.example.gov.cn/20230203/i1998225.html"), Some(d(2023, 2, 3)));
        assert_eq!(date_in_url("http://www.zj.gov.cn/art/2021/4/2/art_1229_59112.html"), Some(d(2021, 4, 2)));
        assert_eq!(date_in_url("http://www.people.com.cn/n1/2023/0203/c1001-32617.html"), Some(d(2023, 2, 3)));
        assert_eq!(date_in_url("/news/2023-02-03/123.html"), Some(d(2023, 2, 3)));
        assert_eq!(date_in_url("./xt/gfxz/201802/P020180209623601401189.pdf"), Some(d(2018, 2, 9)));
    }

    #[test]
    fn url_without_confident_date() {
        assert_eq!(date_in_url("https://www.gov.cn/zhengce/202305/content_6874955.htm"), None);
        assert_eq!(date_in_url("/Contents/9999/content_12345.html"), None);
        assert_eq!(date_in_url("/t20210231_1.html"), None);
        assert_eq!(date_in_url("/t19900101_1.html"), None);
        assert_eq!(date_in_url("/cn/css/common/share.css?v=20180320"), None);
        assert_eq!(date_in_url("http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=36090202000123"), None);
        assert_eq!(date_in_url("../gszbm/auto23692/?id=1780/2138"), None);
        // Attachment whose directory disagrees with its stem.
        assert_eq!(date_in_url("./201803/P020180209623601401189.pdf"), None);
        assert_eq!(date_in_url(""), None);
    }

    #[test]
    fn url_month() {
        assert_eq!(month_in_url("https://www.gov.cn/zhengce/202305/content_6874955.htm"), Some((2023, 5)));
        assert_eq!(month_in_url("./201803/t20180320_1.html"), Some((2018, 3)));
        assert_eq!(month_in_url("/2021-04/list.htm"), Some((2021, 4)));
        assert_eq!(month_in_url("/201813/x.html"), None);
        assert_eq!(month_in_url("/Contents/9999/content_12345.html"), None);
    }

    // --- parse_pubdate ---------------------------------------------------------------------

    #[test]
    fn pubdate_values() {
        assert_eq!(parse_pubdate("2023-03-01 13:31"), Some(d(2023, 3, 1)));
        assert_eq!(parse_pubdate("2023-03-01 13:31:56"), Some(d(2023, 3, 1)));
        assert_eq!(parse_pubdate("2023-03-01"), Some(d(2023, 3, 1)));
        assert_eq!(parse_pubdate("  2023-05-16 12:34:05 "), Some(d(2023, 5, 16)));
        assert_eq!(parse_pubdate("2023/03/01 13:31"), Some(d(2023, 3, 1)));
        assert_eq!(parse_pubdate("2023年03月01日"), Some(d(2023, 3, 1)));
        assert_eq!(parse_pubdate("２０２３－０３－０１"), Some(d(2023, 3, 1)));
        assert_eq!(parse_pubdate("20230301"), Some(d(2023, 3, 1)));
    }

    #[test]
    fn pubdate_garbage() {
        assert_eq!(parse_pubdate(""), None);
        assert_eq!(parse_pubdate("   "), None);
        assert_eq!(parse_pubdate("null"), None);
        assert_eq!(parse_pubdate("${PubDate}"), None);
        assert_eq!(parse_pubdate("2023-02-30 10:00"), None);
        assert_eq!(parse_pubdate("发布于 2023-03-01"), None);
        assert_eq!(parse_pubdate("20230230"), None);
        assert_eq!(parse_pubdate("1990-01-01"), None);
    }

    // --- label_before ----------------------------------------------------------------------

    fn label_of_first_date(text: &str) -> DateLabel {
        let hits = full_dates(text);
        assert!(!hits.is_empty(), "no date in {text:?}");
        label_before(text, hits[0].start)
    }

    #[test]
    fn publication_labels() {
        for text in [
            "发布日期:2023-08-20",
            "发布时间:2021-09-30 22:30",
            "发文日期: 2023-08-20",
            "日期:2023-08-20",
            "时间:2018-03-02 10:00",
            "更新时间:2023-08-20",
            "【发布日期】2023-08-20",
            "来源:本站 发布时间: 2023年8月20日",
            "发布日期 :2020年08月02日",
            "公告时间 2021年06月10日 17:35",
            // A title ending in 会议 is not the label 会议时间 (real 政府常务会议 item).
            "政府常务会议 时间: 2018年2月24日",
        ] {
            assert_eq!(label_of_first_date(text), DateLabel::Publication, "{text}");
        }
        // 时 间 split by a space (real page, normalised).
        assert_eq!(label_of_first_date(&normalize("时　间：  2017年12月29日")), DateLabel::Publication);
    }

    #[test]
    fn not_publication_labels() {
        for text in [
            "成文日期:2023-08-18",
            "印发日期:2023-08-18",
            "生效日期:2023-09-01",
            "施行日期:2023-09-01",
            "有效期至:2025-12-31",
            "有效期:2025-12-31",
            "截止时间:2023-09-01 17:00",
            "报名截止:2023-09-01",
            "报名时间:2023-09-01",
            "开标时间:2023-09-01 09:30",
            "成文日期 :2020年08月02日",
            "成交日期 2021年06月09日",
            "作出处罚决定的日期 2024年7月8日",
        ] {
            assert_eq!(label_of_first_date(text), DateLabel::NotPublication, "{text}");
        }
    }

    #[test]
    fn chengwen_versus_fabu_on_one_line() {
        let text = "成文日期:2023-08-18 发布日期:2023-08-20";
        let hits = full_dates(text);
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].date, label_before(text, hits[0].start)), (d(2023, 8, 18), DateLabel::NotPublication));
        assert_eq!((hits[1].date, label_before(text, hits[1].start)), (d(2023, 8, 20), DateLabel::Publication));
    }

    #[test]
    fn unknown_labels() {
        assert_eq!(label_of_first_date("关于开展检查的通知 2023-08-20"), DateLabel::Unknown);
        assert_eq!(label_of_first_date("2023-08-20"), DateLabel::Unknown);
        assert_eq!(label_of_first_date("留言时间:2023-08-20"), DateLabel::Unknown);
        // A title ending in 发布 is not a label.
        assert_eq!(label_of_first_date("(聚焦两会发布) (2018-03-12)"), DateLabel::Unknown);
        // Only two-character labels may be spaced out.
        assert_eq!(label_of_first_date("会议 时间:2023-08-20"), DateLabel::Publication);
        // A label further away than the window does not count.
        assert_eq!(label_of_first_date("发布日期:这里是很长的一段文字内容2023-08-20"), DateLabel::Unknown);
        // Offsets out of range or inside a character.
        assert_eq!(label_before("发布日期", 1), DateLabel::Unknown);
        assert_eq!(label_before("日期", 100), DateLabel::Unknown);
        assert_eq!(label_before("日期:", 0), DateLabel::Unknown);
    }

    #[test]
    fn label_before_works_on_month_days_too() {
        let text = "更新时间:08-20";
        let (_, _, start, _) = month_days(text)[0];
        assert_eq!(label_before(text, start), DateLabel::Publication);
    }
}
