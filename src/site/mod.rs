//! The whole-site check: a crawl with no I/O. It is given a start URL and options, says
//! which URL to fetch next, takes back what was fetched, and folds every page's report into
//! a [`SiteReport`] with the national thresholds applied over the whole site. The CLI drives
//! it with an HTTP client, the extension with `fetch`; neither holds any of its logic.
//!
//! ```text
//! let mut crawl = Crawl::new(start, today, options, crawl_options)?;
//! while !crawl.is_done() {
//!     while let Some(req) = crawl.next_request() { send(req) }   // ≤ concurrency in flight
//!     let (req, result) = receive();
//!     crawl.complete(&req, result);                               // or analyse elsewhere + fold
//! }
//! let report = crawl.report(duration_ms);
//! ```

pub mod analyse;
pub mod indicators;
pub mod render;
pub mod report;
pub mod scope;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use url::Url;

pub use analyse::{Analysed, Analyser, Failure, Response};

/// Carry monitored verdicts (`govcheck monitor`) into a site report: `site-unreachable` is
/// added, and `home-not-updated` takes the monitored outcome when history decides it (two
/// weeks of probes say more than one visit). The verdict is worked out again.
pub fn attach_monitoring(report: &mut SiteReport, m: &crate::monitor::SiteMonitor) {
    use crate::model::{Effect, Outcome};
    for mi in &m.indicators {
        let ind = report::Indicator {
            rule: mi.rule.clone(),
            title: if mi.rule == "site-unreachable" { "网站无法访问".into() } else { "首页不更新".into() },
            title_en: if mi.rule == "site-unreachable" { "Site unreachable".into() } else { "Homepage not updated".into() },
            outcome: mi.outcome,
            effect: Effect::Veto,
            count: usize::from(mi.outcome == Outcome::Fail),
            threshold: 1,
            message: format!("（长期监测）{}", mi.message),
            message_en: format!("(monitoring) {}", mi.message_en),
            evidence: mi.evidence.clone().into_iter().collect(),
            items: Vec::new(),
        };
        match report.indicators.iter_mut().find(|i| i.rule == mi.rule) {
            Some(existing) if mi.outcome.is_decided() => *existing = ind,
            Some(_) => {}
            None => report.indicators.push(ind),
        }
    }
    report.verdict = indicators::verdict(&report.indicators);
}
use report::{CrawlSummary, PageRecord};
pub use report::{SiteReport, SiteStatus};
use scope::Skip;

use crate::options::Options;

/// Bounds of one crawl.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct CrawlOptions {
    /// Pages fetched at most (robots.txt aside).
    pub max_pages: usize,
    /// Links followed from the start page at most this many times.
    pub max_depth: u32,
    /// Requests in flight at once (at most 4: one site, one host).
    pub concurrency: usize,
    pub respect_robots: bool,
}

impl Default for CrawlOptions {
    fn default() -> Self {
        CrawlOptions { max_pages: 500, max_depth: 5, concurrency: 4, respect_robots: true }
    }
}

/// Most requests in flight on one host, whatever is asked.
pub const MAX_CONCURRENCY: usize = 4;
const EXAMPLES: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Robots,
    Page,
}

/// A URL the driver should fetch (GET, following redirects).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    pub id: u64,
    pub url: String,
    pub depth: u32,
    pub purpose: Purpose,
    /// Reached as the 2nd, 3rd … page of a list.
    pub pagination: bool,
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Queued {
    priority: u8,
    depth: Reverse<u32>,
    seq: Reverse<u64>,
    url: String,
    pagination: bool,
}

/// Why the crawl ended (`crawl.stopped_by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    Complete,
    MaxPages,
    TimeLimit,
    Cancelled,
}

impl StopReason {
    pub fn code(self) -> &'static str {
        match self {
            StopReason::Complete => "complete",
            StopReason::MaxPages => "max_pages",
            StopReason::TimeLimit => "time_limit",
            StopReason::Cancelled => "cancelled",
        }
    }
}

/// One page's part in the site report.
pub(crate) struct Visited {
    pub record: PageRecord,
    pub pagination: bool,
    pub analysed: Option<Analysed>,
}

pub struct Crawl {
    start: Url,
    /// Site keys of the site: the start URL's, and its final URL's after redirects.
    sites: Vec<String>,
    analyser: Analyser,
    opts: CrawlOptions,
    queue: BinaryHeap<Queued>,
    seen: HashSet<String>,
    next_id: u64,
    seq: u64,
    in_flight: Vec<Request>,
    /// robots.txt as served, when it was (matched per URL by Google's rules).
    robots: Option<String>,
    robots_state: &'static str,
    robots_pending: bool,
    visited: Vec<Visited>,
    skipped: BTreeMap<String, usize>,
    skipped_examples: BTreeMap<String, Vec<String>>,
    stopped: Option<StopReason>,
    start_failed: Option<Failure>,
    start_final: Option<String>,
}

/// The user agent name matched in robots.txt.
pub const ROBOTS_AGENT: &str = "govcheck";

impl Crawl {
    pub fn new(start: &str, today: NaiveDate, options: Options, opts: CrawlOptions) -> Result<Crawl, crate::Error> {
        let start_url = scope::parse_http(start).ok_or_else(|| crate::Error::BadUrl(start.to_string()))?;
        let site = scope::site_key(&start_url).ok_or_else(|| crate::Error::BadUrl(start.to_string()))?;
        let opts = CrawlOptions { concurrency: opts.concurrency.clamp(1, MAX_CONCURRENCY), max_pages: opts.max_pages.max(1), ..opts };
        let mut crawl = Crawl {
            start: start_url.clone(),
            sites: vec![site],
            analyser: Analyser { today, options },
            robots_pending: opts.respect_robots,
            robots_state: if opts.respect_robots { "absent" } else { "ignored" },
            opts,
            queue: BinaryHeap::new(),
            seen: HashSet::new(),
            next_id: 0,
            seq: 0,
            in_flight: Vec::new(),
            robots: None,
            visited: Vec::new(),
            skipped: BTreeMap::new(),
            skipped_examples: BTreeMap::new(),
            stopped: None,
            start_failed: None,
            start_final: None,
        };
        crawl.seen.insert(scope::page_key(&start_url));
        crawl.queue.push(Queued { priority: u8::MAX, depth: Reverse(0), seq: Reverse(0), url: start_url.to_string(), pagination: false });
        Ok(crawl)
    }

    /// The settings pages are checked with; clone it to analyse on another thread.
    pub fn analyser(&self) -> &Analyser {
        &self.analyser
    }

    /// The next URL to fetch, if one may start now (the concurrency bound, the page bound
    /// and the queue allow). `None` with `is_done() == false` means: wait for a completion.
    pub fn next_request(&mut self) -> Option<Request> {
        if self.stopped.is_some() || self.in_flight.len() >= self.opts.concurrency {
            return None;
        }
        if self.robots_pending {
            // robots.txt first, alone: nothing else starts until it is read.
            if self.in_flight.iter().any(|r| r.purpose == Purpose::Robots) {
                return None;
            }
            let mut url = self.start.clone();
            url.set_path("/robots.txt");
            url.set_query(None);
            return Some(self.issue(url.to_string(), 0, Purpose::Robots, false));
        }
        // The start page before anything else: its final URL may move the site (http → https, bare → www).
        if self.visited.is_empty() && !self.in_flight.is_empty() {
            return None;
        }
        let pages_started = self.visited.len() + self.in_flight.len();
        if pages_started >= self.opts.max_pages {
            if !self.queue.is_empty() && self.in_flight.is_empty() {
                let left: Vec<String> = std::iter::from_fn(|| self.queue.pop()).map(|q| q.url).collect();
                for u in left {
                    self.skip(Skip::MaxPages, &u);
                }
                self.stopped = Some(StopReason::MaxPages);
            }
            return None;
        }
        let q = self.queue.pop()?;
        Some(self.issue(q.url, q.depth.0, Purpose::Page, q.pagination))
    }

    fn issue(&mut self, url: String, depth: u32, purpose: Purpose, pagination: bool) -> Request {
        self.next_id += 1;
        let r = Request { id: self.next_id, url, depth, purpose, pagination };
        self.in_flight.push(r.clone());
        r
    }

    /// Take back a fetch and check the page here. Equivalent to `fold(req, analyse(…))`.
    pub fn complete(&mut self, req: &Request, result: Result<Response, Failure>) {
        let analysed = match &result {
            Ok(resp) if req.purpose == Purpose::Page && (200..300).contains(&resp.status) && self.on_site(&resp.final_url, req) => {
                Some(self.analyser.analyse(resp))
            }
            _ => None,
        };
        self.fold(req, result, analysed);
    }

    /// Whether a fetched page's final URL is still this site. The start page may move it.
    fn on_site(&self, final_url: &str, req: &Request) -> bool {
        let Some(key) = scope::parse_http(final_url).and_then(|u| scope::site_key(&u)) else { return false };
        self.sites.contains(&key) || (req.depth == 0 && self.visited.is_empty())
    }

    /// Take back a fetch whose page was analysed elsewhere (`analyser().analyse`), or
    /// `analysed = None` to let the crawl decide there was nothing to analyse.
    pub fn fold(&mut self, req: &Request, result: Result<Response, Failure>, analysed: Option<Result<Analysed, Failure>>) {
        self.in_flight.retain(|r| r.id != req.id);
        if req.purpose == Purpose::Robots {
            self.robots_pending = false;
            if let Ok(resp) = &result
                && (200..300).contains(&resp.status)
            {
                self.robots = Some(String::from_utf8_lossy(&resp.body).into_owned());
                self.robots_state = "respected";
            }
            return;
        }
        let first = self.visited.is_empty() && req.depth == 0;
        let mut record =
            PageRecord { url: req.url.clone(), final_url: None, status: None, error: None, kind: None, depth: req.depth, failed_rules: Vec::new() };
        let mut analysed_ok = None;
        match result {
            Err(f) => record.error = Some(f.code.clone()),
            Ok(resp) => {
                record.final_url = Some(resp.final_url.clone());
                record.status = Some(resp.status);
                if first && let Some(key) = scope::parse_http(&resp.final_url).and_then(|u| scope::site_key(&u)) {
                    if !self.sites.contains(&key) {
                        self.sites.push(key);
                    }
                    self.start_final = Some(resp.final_url.clone());
                }
                if !(200..300).contains(&resp.status) {
                    record.error = Some(format!("http_{}", resp.status));
                } else if !self.on_site(&resp.final_url, req) {
                    record.error = Some("off_site_redirect".into());
                } else {
                    match analysed.unwrap_or_else(|| self.analyser.analyse(&resp)) {
                        Ok(a) => {
                            record.kind = Some(a.kind.as_str().to_string());
                            record.failed_rules = a.report.verdict.failed_rules.clone();
                            analysed_ok = Some(a);
                        }
                        Err(f) => record.error = Some(f.code),
                    }
                }
            }
        }
        if first && record.error.is_some() {
            self.start_failed = Some(Failure { code: record.error.clone().unwrap_or_default(), message: String::new() });
        }
        if let Some(a) = &analysed_ok {
            self.enqueue_links(a, req);
        }
        self.visited.push(Visited { record, pagination: req.pagination, analysed: analysed_ok });
    }

    fn enqueue_links(&mut self, a: &Analysed, from: &Request) {
        for (why, href) in &a.skipped {
            self.skip(*why, href);
        }
        for l in &a.links {
            let on_site = scope::site_key(&l.url).is_some_and(|k| self.sites.contains(&k));
            if !on_site {
                self.skip(Skip::OffSite, l.url.as_str());
                continue;
            }
            let key = scope::page_key(&l.url);
            if self.seen.contains(&key) {
                continue;
            }
            self.seen.insert(key);
            if from.depth + 1 > self.opts.max_depth {
                self.skip(Skip::Depth, l.url.as_str());
                continue;
            }
            if let Some(robots) = &self.robots
                && !robotstxt::DefaultMatcher::default().one_agent_allowed_by_robots(robots, ROBOTS_AGENT, l.url.as_str())
            {
                self.skip(Skip::Robots, l.url.as_str());
                continue;
            }
            self.seq += 1;
            self.queue.push(Queued {
                priority: l.priority,
                depth: Reverse(from.depth + 1),
                seq: Reverse(self.seq),
                url: l.url.to_string(),
                pagination: l.pagination,
            });
        }
    }

    fn skip(&mut self, why: Skip, url: &str) {
        *self.skipped.entry(why.code().to_string()).or_default() += 1;
        if matches!(why, Skip::Robots | Skip::Depth | Skip::MaxPages) {
            let ex = self.skipped_examples.entry(why.code().to_string()).or_default();
            if ex.len() < EXAMPLES {
                ex.push(url.to_string());
            }
        }
    }

    /// Stop issuing requests (the driver's time limit, or the user cancelled). Requests in
    /// flight may still be completed.
    pub fn stop(&mut self, why: StopReason) {
        self.stopped.get_or_insert(why);
    }

    /// Nothing in flight and nothing more to issue.
    pub fn is_done(&self) -> bool {
        self.in_flight.is_empty() && (self.stopped.is_some() || (self.queue.is_empty() && !self.robots_pending) || self.start_failed.is_some())
    }

    /// The start page could not be fetched or checked: the site is unreachable.
    pub fn start_failure(&self) -> Option<&Failure> {
        self.start_failed.as_ref()
    }

    /// Pages finished (fetched or failed).
    pub fn done_count(&self) -> usize {
        self.visited.len()
    }
    /// URLs waiting to be fetched.
    pub fn queued_count(&self) -> usize {
        self.queue.len()
    }
    pub fn in_flight(&self) -> &[Request] {
        &self.in_flight
    }
    /// A request in flight, by id (drivers that pass ids across a boundary, such as WASM).
    pub fn request(&self, id: u64) -> Option<Request> {
        self.in_flight.iter().find(|r| r.id == id).cloned()
    }

    /// The site report so far. `duration_ms` is the driver's measure of wall time.
    pub fn report(&self, duration_ms: u64) -> SiteReport {
        let failed = self.visited.iter().filter(|v| v.record.error.is_some()).count();
        let crawl = CrawlSummary {
            fetched: self.visited.iter().filter(|v| v.record.status.is_some()).count(),
            failed,
            skipped: self.skipped.clone(),
            skipped_examples: self.skipped_examples.clone(),
            stopped_by: self.stopped.unwrap_or(StopReason::Complete).code().to_string(),
            duration_ms,
            robots: self.robots_state.to_string(),
        };
        let mut indicators = indicators::site_indicators(&self.visited, &self.analyser);
        report::fingerprint_items(&mut indicators);
        let verdict = indicators::verdict(&indicators);
        SiteReport {
            meta: report::SiteMeta {
                url: self.start.to_string(),
                final_url: self.start_final.clone(),
                site: self.sites.last().cloned().unwrap_or_default(),
                today: self.analyser.today.format("%Y-%m-%d").to_string(),
                engine: "govcheck".into(),
                engine_version: crate::VERSION.into(),
                ruleset: crate::RULESET.into(),
                options: self.analyser.options.clone(),
                crawl_options: self.opts.clone(),
            },
            verdict,
            indicators,
            pages: self.visited.iter().map(|v| v.record.clone()).collect(),
            crawl,
            baseline: None,
        }
    }
}
