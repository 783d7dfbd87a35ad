//! One fetched page, checked: decoded by its charset, parsed once, every page rule run,
//! its columns read, and its links weighed. Pure and `Send`: a driver may run it on a
//! worker thread while the crawl goes on.

use chrono::NaiveDate;
use url::Url;

use super::scope::{self, Skip};
use crate::model::Outcome;
use crate::options::Options;
use crate::page::columns::{ColumnClass, Fill};
use crate::page::kind::PageKind;
use crate::page::{Page, Source};
use crate::{PageInput, Report};

/// What was fetched, as a driver reports it.
#[derive(Clone, Debug)]
pub struct Response {
    /// URL after redirects.
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// A fetch that produced no response: a short code (`timeout`, `redirect_loop`,
/// `too_many_redirects`, `connect`, `dns`, `blocked_address`, `too_large` …) and a sentence.
#[derive(Clone, Debug)]
pub struct Failure {
    pub code: String,
    pub message: String,
}

/// A column as one page shows it.
#[derive(Clone, Debug)]
pub struct Sighting {
    pub name: String,
    /// The column's list page, absolute and normalised (`page_key`), when known.
    pub list_key: Option<String>,
    pub list_url: Option<String>,
    pub class: ColumnClass,
    pub newest: Option<NaiveDate>,
    pub newest_shown: Option<String>,
    pub items: usize,
    pub fill: Fill,
    pub dead_link: bool,
    pub selector: Option<String>,
    /// This is the page's own list (the page is the column's list page).
    pub own_list: bool,
}

/// A link worth fetching.
#[derive(Clone, Debug)]
pub struct Link {
    pub url: Url,
    pub priority: u8,
    pub pagination: bool,
}

/// A page checked.
#[derive(Clone, Debug)]
pub struct Analysed {
    pub kind: PageKind,
    pub report: Report,
    pub columns: Vec<Sighting>,
    pub links: Vec<Link>,
    /// Links not followed, by reason.
    pub skipped: Vec<(Skip, String)>,
}

/// The settings every page of one crawl is checked with.
#[derive(Clone, Debug)]
pub struct Analyser {
    pub today: NaiveDate,
    pub options: Options,
}

/// Is this response an HTML page?
pub fn is_html(content_type: Option<&str>, body: &[u8]) -> bool {
    match content_type.map(|c| c.to_ascii_lowercase()) {
        Some(ct) if ct.contains("html") || ct.contains("xml") && ct.contains("xhtml") => true,
        Some(ct) if ct.starts_with("text/plain") || ct.is_empty() => sniff_html(body),
        Some(_) => false,
        None => sniff_html(body),
    }
}

fn sniff_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<head") || head.contains("<body")
}

impl Analyser {
    /// Check one page. `Err` says why it could not be checked (not HTML, undecodable…).
    pub fn analyse(&self, resp: &Response) -> Result<Analysed, Failure> {
        if !is_html(resp.content_type.as_deref(), &resp.body) {
            return Err(Failure { code: "not_html".into(), message: "不是网页（非 HTML 内容） / not an HTML page".into() });
        }
        let (html, _) = crate::input::decode_bytes(&resp.body, resp.content_type.as_deref());
        let input = PageInput {
            html: &html,
            url: Some(&resp.final_url),
            today: self.today,
            source: Source::Raw,
            options: self.options.clone(),
            only_rules: Vec::new(),
        };
        crate::input::validate_html(&html, &self.options).map_err(|e| Failure {
            code: if matches!(e, crate::Error::TooLarge { .. }) { "too_large".into() } else { "undecodable".into() },
            message: e.to_string(),
        })?;
        let page = Page::parse_budgeted(&html, Some(&resp.final_url), Source::Raw, self.options.max_nodes);
        // One set of facts for the rules and for the site's column tally.
        let facts = crate::page::Facts::new(&page, self.today);
        let report = crate::check_with_facts(&page, &facts, &input);
        let base = scope::parse_http(&resp.final_url)
            .ok_or_else(|| Failure { code: "bad_url".into(), message: format!("网址无效 / invalid URL: {}", resp.final_url) })?;
        let kind = facts.kind();
        let columns = sightings(&page, &facts, &base);
        let column_urls: Vec<String> = columns.iter().filter_map(|c| c.list_url.clone()).collect();
        let mut links = Vec::new();
        let mut skipped = Vec::new();
        for l in page.links() {
            match scope::resolve(&base, &l.href) {
                Ok(u) => {
                    let is_col = column_urls.iter().any(|c| c == u.as_str());
                    let pagination = scope::is_next_page(&l.text, &u);
                    links.push(Link { priority: scope::priority(&l.text, &u, is_col, l.in_footer), url: u, pagination });
                }
                Err(why) => skipped.push((why, l.href.clone())),
            }
        }
        Ok(Analysed { kind, report: slim(report), columns, links, skipped })
    }
}

/// Keep what the site report uses: every finding but passes and not-applicables of
/// column rules (recomputed site-wide), so 500 pages stay small in memory.
fn slim(mut r: Report) -> Report {
    r.findings.retain(|f| !(matches!(f.rule.as_str(), "column-stale" | "column-blank") && matches!(f.outcome, Outcome::Pass | Outcome::NotApplicable)));
    r
}

/// The columns of a page as the site check counts them. Articles, guides and message
/// pages show no columns of their own (their side lists are other pages' columns).
fn sightings(page: &Page, facts: &crate::page::Facts<'_>, base: &Url) -> Vec<Sighting> {
    let kind = facts.kind();
    if matches!(kind, PageKind::Article | PageKind::ServiceGuide | PageKind::Interaction) {
        return Vec::new();
    }
    let cols = facts.columns();
    // On a list page, the page's own column: named by ColumnName or the title, else the
    // column with the most items.
    let own = if kind == PageKind::Homepage {
        None
    } else {
        let named = page.meta("ColumnName").map(str::to_string);
        cols.iter()
            .position(|c| named.as_deref().is_some_and(|n| n == c.name) || (!c.name.is_empty() && page.title().contains(&c.name) && c.url.is_none()))
            .or_else(|| (0..cols.len()).filter(|i| cols[*i].fill == Fill::Items).max_by_key(|i| cols[*i].items.len()))
    };
    cols.iter()
        .enumerate()
        .map(|(i, c)| {
            let own_list = own == Some(i);
            let list = if own_list { Some(base.clone()) } else { c.url.as_deref().and_then(|h| scope::resolve(base, h).ok()) };
            Sighting {
                name: if own_list { page.meta("ColumnName").map(str::to_string).unwrap_or_else(|| c.name.clone()) } else { c.name.clone() },
                list_key: list.as_ref().map(scope::page_key),
                list_url: list.map(String::from),
                class: c.class,
                newest: c.newest(),
                newest_shown: c.newest_item().and_then(|i| i.date_shown.clone()),
                items: c.items.len(),
                fill: c.fill.clone(),
                dead_link: c.dead_link,
                selector: page.locate(c.node).0,
                own_list,
            }
        })
        .collect()
}
