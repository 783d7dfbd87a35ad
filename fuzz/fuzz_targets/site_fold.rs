//! Any bytes as pages of a site: the crawl takes them back as responses (the first byte picks
//! status and content type) and folds them into a site report. Never panics, always ends.
#![no_main]

use govcheck::site::{Crawl, CrawlOptions, Failure, Response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 15).unwrap();
    let opts = CrawlOptions { max_pages: 8, ..CrawlOptions::default() };
    let Ok(mut crawl) = Crawl::new("http://www.example.gov.cn/", today, govcheck::Options::default(), opts) else { return };
    let mut chunks = data.split(|b| *b == 0xff);
    let mut steps = 0;
    while !crawl.is_done() && steps < 64 {
        steps += 1;
        let Some(req) = crawl.next_request() else { break };
        let body = chunks.next().unwrap_or(&[]);
        let result = match body.first().copied().unwrap_or(0) % 5 {
            0 => Err(Failure { code: "timeout".into(), message: String::new() }),
            1 => Ok(Response { final_url: req.url.clone(), status: 404, content_type: None, body: body.to_vec() }),
            2 => Ok(Response { final_url: "http://other.example.org/".into(), status: 200, content_type: Some("text/html".into()), body: body.to_vec() }),
            _ => Ok(Response { final_url: req.url.clone(), status: 200, content_type: Some("text/html; charset=gbk".into()), body: body.to_vec() }),
        };
        crawl.complete(&req, result);
    }
    let report = crawl.report(0);
    let _ = govcheck::site::render::html(&report);
    let _ = govcheck::site::render::csv(&report);
});
