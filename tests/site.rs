//! The whole-site check (issue 8): the core crawl driven in memory over generated sites
//! (several layouts, planted defects, traps), with exact counts; the CLI end to end over
//! loopback in `tests/site_cli.rs`.

mod support;

use std::collections::HashMap;

use chrono::NaiveDate;
use govcheck::model::{Effect, Outcome};
use govcheck::site::{Crawl, CrawlOptions, Failure, Response, SiteReport, SiteStatus};
use support::Reply;
use support::sites::{self, Layout, Spec};

fn today(spec: &Spec) -> NaiveDate {
    NaiveDate::from_ymd_opt(spec.today.0, spec.today.1, spec.today.2).unwrap()
}

/// Fetch from the generated site as an HTTP client would: redirects followed (a loop is an
/// error), a slow page times out, unknown hosts do not answer.
fn fetch(site: &HashMap<String, Reply>, url: &str) -> Result<Response, Failure> {
    let mut current = url.to_string();
    let mut seen = vec![current.clone()];
    loop {
        let u = url::Url::parse(&current).map_err(|_| Failure { code: "bad_url".into(), message: String::new() })?;
        if !matches!(u.host_str(), Some(sites::HOST) | Some("testcity.gov.cn")) {
            return Err(Failure { code: "dns".into(), message: String::new() });
        }
        let path = match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        };
        let reply = site.get(&path).cloned().unwrap_or_else(|| Reply::status(404));
        if !reply.delay.is_zero() {
            return Err(Failure { code: "timeout".into(), message: String::new() });
        }
        if reply.status == 302 {
            let loc = reply.headers.iter().find(|(k, _)| k == "Location").map(|(_, v)| v.clone()).unwrap();
            current = u.join(&loc).unwrap().to_string();
            if seen.contains(&current) {
                return Err(Failure { code: "redirect_loop".into(), message: String::new() });
            }
            seen.push(current.clone());
            continue;
        }
        let ct = reply.headers.iter().find(|(k, _)| k == "Content-Type").map(|(_, v)| v.clone());
        return Ok(Response { final_url: current, status: reply.status, content_type: ct, body: reply.body });
    }
}

fn crawl(spec: &Spec, opts: CrawlOptions) -> SiteReport {
    let site = sites::generate(spec);
    let mut c = Crawl::new(&format!("http://{}/", sites::HOST), today(spec), govcheck::Options::default(), opts).unwrap();
    let mut steps = 0;
    while !c.is_done() {
        let mut batch = Vec::new();
        while let Some(r) = c.next_request() {
            batch.push(r);
        }
        if batch.is_empty() {
            // Nothing to start and nothing in flight: the crawl must have just ended (a bound hit).
            assert!(c.is_done(), "the crawl waits for nothing: done {} queued {}", c.done_count(), c.queued_count());
            break;
        }
        for r in batch {
            let res = fetch(&site, &r.url);
            c.complete(&r, res);
            steps += 1;
        }
        assert!(steps < 5_000, "the crawl does not end");
    }
    c.report(0)
}

fn run(spec: &Spec) -> SiteReport {
    crawl(spec, CrawlOptions::default())
}

fn ind<'a>(r: &'a SiteReport, rule: &str) -> &'a govcheck::site::report::Indicator {
    r.indicator(rule).unwrap_or_else(|| panic!("no indicator {rule}"))
}

fn failing(r: &SiteReport) -> Vec<String> {
    r.indicators
        .iter()
        .filter(|i| i.outcome == Outcome::Fail)
        .map(|i| format!("{} ({}): {} | {:?}", i.rule, i.count, i.message, i.items.iter().take(3).map(|x| (&x.url, &x.message)).collect::<Vec<_>>()))
        .collect()
}

#[test]
fn a_compliant_site_passes_in_both_layouts() {
    for layout in [Layout::Portal, Layout::Tables] {
        let spec = Spec { layout, ..Spec::default() };
        let r = run(&spec);
        assert_eq!(r.verdict.status, SiteStatus::Pass, "{layout:?}: {:#?}", failing(&r));
        assert!(r.verdict.failed_rules.is_empty());
        // Every site-level rule is reported, passes included.
        assert_eq!(r.indicators.len(), govcheck::registry::ALL.len());
        assert_eq!(ind(&r, "column-stale").outcome, Outcome::Pass, "{layout:?}");
        assert_eq!(ind(&r, "column-blank").outcome, Outcome::Pass, "{layout:?}");
        assert_eq!(ind(&r, "service-guide-elements").outcome, Outcome::Pass, "{layout:?}");
        assert_eq!(ind(&r, "interaction-unanswered").outcome, Outcome::Pass, "{layout:?}");
        assert_eq!(r.crawl.stopped_by, "complete");
        assert_eq!(r.crawl.robots, "respected");
    }
}

#[test]
fn five_stale_core_columns_are_a_veto() {
    let spec = Spec { stale_core: 5, ..Spec::default() };
    let r = run(&spec);
    let i = ind(&r, "column-stale");
    assert_eq!((i.outcome, i.effect, i.count, i.threshold), (Outcome::Fail, Effect::Veto, 5, 5), "{}", i.message);
    assert_eq!(i.items.len(), 5);
    assert_eq!(r.verdict.status, SiteStatus::FailVeto);
    assert!(r.verdict.veto_rules.contains(&"column-stale".to_string()));
    // Each stale column's newest date is its first list page's newest item.
    for item in &i.items {
        assert_eq!(item.value.as_deref(), Some("2023-05-12"), "{item:?}");
        assert!(item.column.is_some());
    }
}

#[test]
fn stale_columns_below_the_veto_are_a_deduction_and_ten_of_any_class_are_a_veto() {
    let r = run(&Spec { stale_core: 2, stale_other: 3, ..Spec::default() });
    let i = ind(&r, "column-stale");
    assert_eq!((i.outcome, i.effect, i.count), (Outcome::Fail, Effect::Deduct, 2), "{}", i.message);
    assert_eq!(i.evidence["stale_all"], 5);
    assert_eq!(r.verdict.status, SiteStatus::Fail);

    let r = run(&Spec { stale_core: 1, stale_other: 9, ..Spec::default() });
    let i = ind(&r, "column-stale");
    assert_eq!((i.outcome, i.effect, i.count), (Outcome::Fail, Effect::Veto, 1), "{}", i.message);
    assert_eq!(i.evidence["stale_all"], 10);
}

#[test]
fn blank_columns_are_counted_once_each_across_pages() {
    let r = run(&Spec { blank: 5, ..Spec::default() });
    let i = ind(&r, "column-blank");
    assert_eq!((i.outcome, i.effect, i.count), (Outcome::Fail, Effect::Veto, 5), "{:#?}", i.items);
    let r = run(&Spec { blank: 2, ..Spec::default() });
    let i = ind(&r, "column-blank");
    assert_eq!((i.outcome, i.effect, i.count), (Outcome::Fail, Effect::Deduct, 2));
}

#[test]
fn guides_missing_elements_are_counted_per_guide() {
    let r = run(&Spec { good_guides: 1, bad_guides: 5, ..Spec::default() });
    let i = ind(&r, "service-guide-elements");
    assert_eq!((i.outcome, i.effect, i.count), (Outcome::Fail, Effect::Veto, 5), "{}", i.message);
    assert_eq!(i.evidence["guides"], 6);
    let r = run(&Spec { good_guides: 3, bad_guides: 2, ..Spec::default() });
    let i = ind(&r, "service-guide-elements");
    assert_eq!((i.outcome, i.effect, i.count), (Outcome::Fail, Effect::Deduct, 2));
    // Fewer than five items, every one of them bad: a veto.
    let r = run(&Spec { good_guides: 0, bad_guides: 3, ..Spec::default() });
    let i = ind(&r, "service-guide-elements");
    assert_eq!((i.outcome, i.effect, i.count), (Outcome::Fail, Effect::Veto, 3));
}

#[test]
fn one_overdue_message_is_a_veto() {
    let r = run(&Spec { unanswered: 2, ..Spec::default() });
    let i = ind(&r, "interaction-unanswered");
    assert_eq!((i.outcome, i.effect, i.count), (Outcome::Fail, Effect::Veto, 2), "{}", i.message);
    assert_eq!(r.verdict.status, SiteStatus::FailVeto);
}

#[test]
fn traps_are_recorded_and_never_stop_the_crawl() {
    let spec = Spec { traps: true, ..Spec::default() };
    let r = run(&spec);
    let page = |path: &str| r.pages.iter().find(|p| p.url == format!("http://{}{path}", sites::HOST)).unwrap_or_else(|| panic!("{path} not fetched"));
    assert_eq!(page("/missing.html").error.as_deref(), Some("http_404"));
    assert_eq!(page("/missing.html").status, Some(404));
    assert_eq!(page("/loop/a").error.as_deref(), Some("redirect_loop"));
    assert_eq!(page("/loop/a").status, None);
    assert_eq!(page("/slow/").error.as_deref(), Some("timeout"));
    // The GBK page was decoded and checked.
    assert_eq!(page("/gbk/").error, None);
    assert_eq!(page("/gbk/").kind.as_deref(), Some("column"));
    for (reason, at_least) in [("resource", 1), ("not_http", 2), ("off_site", 2), ("robots", 1)] {
        assert!(r.crawl.skipped.get(reason).copied().unwrap_or(0) >= at_least, "{reason}: {:?}", r.crawl.skipped);
    }
    assert!(r.crawl.skipped_examples["robots"].iter().any(|u| u.ends_with("/private/x.html")));
    assert!(!r.pages.iter().any(|p| p.url.ends_with(".pdf") || p.url.starts_with("mailto")));
    assert_eq!(r.crawl.failed, 3, "{:?}", r.pages.iter().filter(|p| p.error.is_some()).collect::<Vec<_>>());
    // Failures do not fail indicators: the compliant site with traps still passes.
    assert_eq!(r.verdict.status, SiteStatus::Pass, "{:#?}", failing(&r));
}

#[test]
fn the_same_column_reached_three_ways_is_one_column() {
    let spec = Spec::default();
    let r = run(&spec);
    // 工作动态: homepage block (/gzdt/), nav (/gzdt/index.html), site map (bare host) — one page fetched.
    let gzdt: Vec<_> = r.pages.iter().filter(|p| p.url.contains("/gzdt/") && !p.url.contains("/gzdt/20") && !p.url.contains("index_")).collect();
    assert_eq!(gzdt.len(), 1, "{gzdt:?}");
    // Columns: 4 fixed + 2 fresh extra, nothing counted twice.
    assert_eq!(ind(&r, "column-blank").evidence["columns"], 6, "{:?}", ind(&r, "column-blank").evidence["names"]);
}

#[test]
fn bounds_stop_the_crawl_and_say_so() {
    let spec = Spec { stale_core: 3, ..Spec::default() };
    let r = crawl(&spec, CrawlOptions { max_pages: 10, ..CrawlOptions::default() });
    assert_eq!(r.pages.len(), 10);
    assert_eq!(r.crawl.stopped_by, "max_pages");
    assert!(r.crawl.skipped["max_pages"] > 0);
    // The site map and column list pages come before articles.
    assert!(r.pages.iter().any(|p| p.url.ends_with("/wzdt/")), "{:?}", r.pages.iter().map(|p| &p.url).collect::<Vec<_>>());
    assert!(!r.pages.iter().any(|p| p.url.contains("/t20")), "articles fetched before lists: {:?}", r.pages.iter().map(|p| &p.url).collect::<Vec<_>>());

    let r = crawl(&spec, CrawlOptions { max_depth: 1, ..CrawlOptions::default() });
    assert!(r.pages.iter().all(|p| p.depth <= 1));
    assert!(r.crawl.skipped["depth"] > 0);
}

#[test]
fn the_start_page_failing_is_reported() {
    let site: HashMap<String, Reply> = HashMap::new();
    let spec = Spec::default();
    let mut c = Crawl::new(&format!("http://{}/", sites::HOST), today(&spec), govcheck::Options::default(), CrawlOptions::default()).unwrap();
    while !c.is_done() {
        let r = c.next_request().expect("a request");
        let res = fetch(&site, &r.url);
        c.complete(&r, res);
    }
    assert!(c.start_failure().is_some());
    assert!(Crawl::new("mailto:x@y.gov.cn", today(&spec), govcheck::Options::default(), CrawlOptions::default()).is_err());
}
