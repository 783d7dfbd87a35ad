//! Driving the core's sans-IO crawl over HTTP: worker threads fetch and check pages while
//! the crawl decides what comes next. All crawling logic is in `govcheck::site`; this file
//! moves bytes and draws the progress bar.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use govcheck::site::{Analysed, Crawl, Failure, Purpose, Request, Response, SiteReport, StopReason};

use super::fetch::{Client, FetchError};

pub struct Drive {
    pub client: Client,
    /// Polite delay between two request starts.
    pub delay: Duration,
    /// Total time allowed; past it no new request starts.
    pub max_time: Duration,
    pub progress: indicatif::ProgressBar,
}

type Done = (Request, Result<Response, Failure>, Option<Result<Analysed, Failure>>);

fn to_failure(e: FetchError) -> Failure {
    Failure { code: e.code().to_string(), message: e.describe() }
}

/// Run a crawl to its end. `Err` when the start page could not be fetched or checked.
pub fn run(mut crawl: Crawl, d: &Drive, concurrency: usize) -> Result<SiteReport, String> {
    let started = Instant::now();
    let (job_tx, job_rx) = mpsc::channel::<Request>();
    let job_rx = std::sync::Arc::new(std::sync::Mutex::new(job_rx));
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let mut workers = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (job_rx, done_tx, client, analyser) = (job_rx.clone(), done_tx.clone(), d.client.clone(), crawl.analyser().clone());
        workers.push(std::thread::spawn(move || {
            loop {
                let job = { job_rx.lock().map(|rx| rx.recv()) };
                let Ok(Ok(req)) = job else { break };
                let result = client.get(&req.url).map_err(to_failure).map(|f| Response {
                    final_url: f.final_url,
                    status: f.status,
                    content_type: f.content_type,
                    body: f.body,
                });
                // Check the page here, on this thread: the crawl only folds the result.
                let analysed = match &result {
                    Ok(resp) if req.purpose == Purpose::Page && (200..300).contains(&resp.status) => Some(analyser.analyse(resp)),
                    _ => None,
                };
                if done_tx.send((req, result, analysed)).is_err() {
                    break;
                }
            }
        }));
    }
    drop(done_tx);
    let mut last_start: Option<Instant> = None;
    let pb = &d.progress;
    loop {
        if started.elapsed() >= d.max_time {
            crawl.stop(StopReason::TimeLimit);
        }
        while let Some(req) = crawl.next_request() {
            if let Some(t) = last_start
                && !d.delay.is_zero()
            {
                let wait = d.delay.saturating_sub(t.elapsed());
                std::thread::sleep(wait);
            }
            last_start = Some(Instant::now());
            pb.set_message(req.url.clone());
            if job_tx.send(req).is_err() {
                break;
            }
        }
        if crawl.is_done() {
            break;
        }
        match done_rx.recv_timeout(Duration::from_millis(200)) {
            Ok((req, result, analysed)) => {
                crawl.fold(&req, result, analysed);
                pb.set_length((crawl.done_count() + crawl.queued_count() + crawl.in_flight().len()) as u64);
                pb.set_position(crawl.done_count() as u64);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    drop(job_tx);
    for w in workers {
        let _ = w.join();
    }
    pb.finish_and_clear();
    if let Some(f) = crawl.start_failure() {
        let first = crawl.report(0).pages.into_iter().next();
        let detail = first.map(|p| match (p.status, p.error) {
            (Some(s), _) if !(200..300).contains(&s) => format!("HTTP {s}"),
            (_, Some(e)) => error_zh(&e),
            _ => f.code.clone(),
        });
        return Err(format!("首页无法访问 / the start page cannot be fetched: {}", detail.unwrap_or_default()));
    }
    Ok(crawl.report(started.elapsed().as_millis() as u64))
}

/// A page error code in words.
pub fn error_zh(code: &str) -> String {
    match code {
        "timeout" => "超时未响应 / timed out".into(),
        "dns" => "域名无法解析 / host not found".into(),
        "connect" => "无法连接 / connection failed".into(),
        "tls" => "TLS/证书错误 / TLS error".into(),
        "redirect_loop" => "重定向循环 / redirect loop".into(),
        "too_many_redirects" => "重定向次数过多 / too many redirects".into(),
        "blocked_address" => "重定向到内网或本机地址，已拒绝 / redirect to a private address refused".into(),
        "not_html" => "不是网页 / not an HTML page".into(),
        "off_site_redirect" => "重定向到其他网站 / redirected off the site".into(),
        "too_large" => "页面过大 / page too large".into(),
        other => other.to_string(),
    }
}

/// A progress bar on a terminal, nothing in a pipe.
pub fn progress_bar(what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new(1);
    pb.set_style(
        indicatif::ProgressStyle::with_template(&format!("{what} {{bar:30}} {{pos}}/{{len}} 页 pages · {{elapsed}} · {{wide_msg}}"))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}
