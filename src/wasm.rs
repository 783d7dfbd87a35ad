//! WASM bindings: a translation layer only. JsValue ⇄ Options, Report → JsValue, errors →
//! JS `Error` with the same bilingual one-line message as the CLI. No page logic here.

use chrono::NaiveDate;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::Report;
use crate::{Options, PageInput, Source, report};

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Options as the JS side passes them: `today` and `source` beside the thresholds.
/// Unknown keys are still refused: the flattened rest goes through `Options`, which denies
/// them (serde cannot combine `deny_unknown_fields` with `flatten` on this struct).
#[derive(serde::Deserialize)]
struct JsOptions {
    today: String,
    #[serde(default)]
    source: Source,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(flatten)]
    options: serde_json::Map<String, serde_json::Value>,
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

fn report_from(js: JsValue) -> Result<Report, JsError> {
    serde_wasm_bindgen::from_value(js).map_err(|e| JsError::new(&format!("报告格式无效 / not a govcheck report: {e}")))
}

/// A report passed as JSON text (what `check()` returns).
fn report_from_json(json: &str) -> Result<Report, JsError> {
    serde_json::from_str(json).map_err(|e| JsError::new(&format!("报告格式无效 / not a govcheck report: {e}")))
}

/// A citizen's error report passed from JS.
fn citizen_from(js: JsValue) -> Result<crate::citizen::CitizenReport, JsError> {
    serde_wasm_bindgen::from_value(js).map_err(|e| JsError::new(&format!("找错报告格式无效 / not an error report: {e}")))
}

/// `check(html, url, { today: 'YYYY-MM-DD', source: 'live'|'raw', rules: [...], ...thresholds })`
/// returns the report as JSON text: a large page's report has hundreds of findings, and one
/// `JSON.parse` on the JS side builds them faster than creating each object from WASM.
#[wasm_bindgen]
pub fn check(html: &str, url: Option<String>, options: JsValue) -> Result<String, JsError> {
    let js: JsOptions = serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&crate::Error::BadOptions(e.to_string()).to_string()))?;
    let today = NaiveDate::parse_from_str(&js.today, "%Y-%m-%d").map_err(|_| JsError::new(&crate::Error::BadDate(js.today.clone()).to_string()))?;
    let options: Options =
        serde_json::from_value(serde_json::Value::Object(js.options)).map_err(|e| JsError::new(&crate::Error::BadOptions(e.to_string()).to_string()))?;
    let input = PageInput { html, url: url.as_deref(), today, source: js.source, options, only_rules: js.rules };
    let report = crate::check(&input).map_err(|e| JsError::new(&e.to_string()))?;
    serde_json::to_string(&report).map_err(|e| JsError::new(&e.to_string()))
}

// No `rules()`: rule metadata and docs are data (rules.json beside pkg/, written by build.sh
// from `govcheck rules --format json`), loaded only by the pages that show them.

/// `{ options, crawl, labels }`: every option's default (and the crawl bounds `govcheck site` uses) (the options page builds its form from
/// it; no dummy check is needed to learn them) and the `[zh, en]` labels of every engine
/// word the UI shows (`report::labels::UiLabels`: outcomes, effects, rule groups, evidence
/// keys, problems, page kinds, column classes, triage marks).
#[wasm_bindgen]
pub fn defaults() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Defaults {
        options: Options,
        crawl: crate::site::CrawlOptions,
        labels: crate::report::labels::UiLabels,
    }
    to_js(&Defaults { options: Options::default(), crawl: crate::site::CrawlOptions::default(), labels: crate::report::labels::all() })
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Webmaster mode: what is new and what was resolved since the previous check.
#[wasm_bindgen]
pub fn diff_reports(prev: JsValue, next: JsValue) -> Result<JsValue, JsError> {
    to_js(&report::diff(&report_from(prev)?, &report_from(next)?))
}

#[wasm_bindgen]
pub fn report_csv(report: JsValue) -> Result<String, JsError> {
    Ok(report::csv::render(&report_from(report)?))
}

#[wasm_bindgen]
pub fn report_html(report: JsValue) -> Result<String, JsError> {
    Ok(report::html::render(&report_from(report)?))
}

/// The whole-site check for the extension's 检查整站 page: the core's crawl, driven by JS
/// `fetch`. JS only moves bytes: which URL comes next, what counts, and the report are here.
#[wasm_bindgen]
pub struct SiteCrawl {
    crawl: crate::site::Crawl,
}

/// Options of a site check: `today` and crawl bounds beside the thresholds.
#[derive(serde::Deserialize)]
struct JsSiteOptions {
    today: String,
    #[serde(default)]
    crawl: crate::site::CrawlOptions,
    #[serde(flatten)]
    options: serde_json::Map<String, serde_json::Value>,
}

#[wasm_bindgen]
impl SiteCrawl {
    /// `new SiteCrawl(startUrl, { today, crawl: { max_pages, max_depth, concurrency, respect_robots }, ...thresholds })`
    #[wasm_bindgen(constructor)]
    pub fn new(start: &str, options: JsValue) -> Result<SiteCrawl, JsError> {
        let js: JsSiteOptions = serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&crate::Error::BadOptions(e.to_string()).to_string()))?;
        let today = NaiveDate::parse_from_str(&js.today, "%Y-%m-%d").map_err(|_| JsError::new(&crate::Error::BadDate(js.today.clone()).to_string()))?;
        let options: Options =
            serde_json::from_value(serde_json::Value::Object(js.options)).map_err(|e| JsError::new(&crate::Error::BadOptions(e.to_string()).to_string()))?;
        let crawl = crate::site::Crawl::new(start, today, options, js.crawl).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(SiteCrawl { crawl })
    }

    /// The next request to start, as `{ id, url, depth, purpose, pagination }`, or undefined
    /// when none may start now (wait for a completion, or the crawl is done).
    #[wasm_bindgen(js_name = nextRequest)]
    pub fn next_request(&mut self) -> Result<JsValue, JsError> {
        match self.crawl.next_request() {
            Some(r) => to_js(&r),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// A response for request `id`: the URL after redirects, status, Content-Type and body bytes.
    pub fn complete(&mut self, id: u64, final_url: String, status: u16, content_type: Option<String>, body: Vec<u8>) -> Result<(), JsError> {
        let req = self.crawl.request(id).ok_or_else(|| JsError::new("未知请求 / unknown request id"))?;
        self.crawl.complete(&req, Ok(crate::site::Response { final_url, status, content_type, body }));
        Ok(())
    }

    /// No response for request `id`: a short code (`timeout`, `redirect_loop`, `network` …).
    pub fn fail(&mut self, id: u64, code: String, message: String) -> Result<(), JsError> {
        let req = self.crawl.request(id).ok_or_else(|| JsError::new("未知请求 / unknown request id"))?;
        self.crawl.complete(&req, Err(crate::site::Failure { code, message }));
        Ok(())
    }

    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.crawl.is_done()
    }

    /// Stop starting requests: `cancelled` (the user) or `time_limit`.
    pub fn stop(&mut self, reason: &str) {
        self.crawl.stop(if reason == "time_limit" { crate::site::StopReason::TimeLimit } else { crate::site::StopReason::Cancelled });
    }

    /// `{ done, queued, in_flight: [url…] }` for the progress bar.
    pub fn progress(&self) -> Result<JsValue, JsError> {
        let urls: Vec<&str> = self.crawl.in_flight().iter().map(|r| r.url.as_str()).collect();
        to_js(&serde_json::json!({ "done": self.crawl.done_count(), "queued": self.crawl.queued_count(), "in_flight": urls }))
    }

    /// Why the start page failed (`http_404`, `timeout` …), if it did.
    #[wasm_bindgen(js_name = startFailure)]
    pub fn start_failure(&self) -> Option<String> {
        self.crawl.start_failure().map(|f| f.code.clone())
    }

    /// The site report as JSON text (the same shape as `govcheck site --format json`).
    pub fn report(&self, duration_ms: f64) -> Result<String, JsError> {
        serde_json::to_string(&self.crawl.report(duration_ms.max(0.0) as u64)).map_err(|e| JsError::new(&e.to_string()))
    }
}

fn site_report_from(json: &str) -> Result<crate::site::SiteReport, JsError> {
    serde_json::from_str(json).map_err(|e| JsError::new(&format!("网站报告格式无效 / not a govcheck site report: {e}")))
}

#[wasm_bindgen]
pub fn site_report_html(json: &str) -> Result<String, JsError> {
    Ok(crate::site::render::html(&site_report_from(json)?))
}

#[wasm_bindgen]
pub fn site_report_csv(json: &str) -> Result<String, JsError> {
    Ok(crate::site::render::csv(&site_report_from(json)?))
}

// ------------------------------------------------------------------ triage and citizens

/// Marks a report (JSON) with a baseline (JSON text): each matched finding gets its `mark`,
/// the report its `baseline` summary. The extension keeps its marks as a baseline, so the
/// CLI and the extension read and write the same file.
#[wasm_bindgen]
pub fn apply_baseline(report_json: &str, baseline_json: &str) -> Result<String, JsError> {
    let mut report = report_from_json(report_json)?;
    let baseline = crate::baseline::Baseline::parse(baseline_json).map_err(|e| JsError::new(&e))?;
    baseline.apply_to_report(&mut report);
    serde_json::to_string(&report).map_err(|e| JsError::new(&e.to_string()))
}

/// Validates a baseline file's text (import); the one-line bilingual error when it is not one.
#[wasm_bindgen]
pub fn parse_baseline(text: &str) -> Result<JsValue, JsError> {
    let b = crate::baseline::Baseline::parse(text).map_err(|e| JsError::new(&e))?;
    to_js(&b)
}

/// Where a citizen's error report on this page goes: `{ how: page_link|national|none, url,
/// site_code, note, note_en }`.
#[wasm_bindgen]
pub fn citizen_target(report_json: &str, page_url: &str) -> Result<JsValue, JsError> {
    let report = report_from_json(report_json)?;
    to_js(&crate::citizen::target(&report, page_url))
}

/// The report text put on the clipboard for the 找错 form.
#[wasm_bindgen]
pub fn citizen_text(report: JsValue) -> Result<String, JsError> {
    let r = citizen_from(report)?;
    Ok(r.text())
}

/// One self-contained HTML document of a citizen report with its screenshot (base64 PNG).
#[wasm_bindgen]
pub fn citizen_html(report: JsValue, screenshot_png_base64: Option<String>) -> Result<String, JsError> {
    let r = citizen_from(report)?;
    Ok(r.html(screenshot_png_base64.as_deref()))
}
