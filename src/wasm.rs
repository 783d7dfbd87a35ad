//! WASM bindings: a translation layer only. JsValue ⇄ Options, Report → JsValue, errors →
//! JS `Error` with the same bilingual one-line message as the CLI. No page logic here.

use chrono::NaiveDate;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::Report;
use crate::registry::Lang;
use crate::{Options, PageInput, Source, registry, report};

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

/// The words the UI shows for engine enums, in both languages, from the engine itself so
/// the popup, side panel, site page and www never keep a second copy.
#[derive(Serialize)]
struct Labels {
    outcome: std::collections::BTreeMap<&'static str, [&'static str; 2]>,
    effect: std::collections::BTreeMap<&'static str, [&'static str; 2]>,
    category: std::collections::BTreeMap<&'static str, [&'static str; 2]>,
}

/// `{ options, crawl, labels }`: every option's default (and the crawl bounds `govcheck site` uses) (the options page builds its form from
/// it; no dummy check is needed to learn them) and the `[zh, en]` labels of outcomes,
/// effects and rule groups.
#[wasm_bindgen]
pub fn defaults() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Defaults {
        options: Options,
        crawl: crate::site::CrawlOptions,
        labels: Labels,
    }
    let mut category = std::collections::BTreeMap::new();
    for r in registry::ALL {
        let c = r.meta.category;
        category.insert(c, [registry::category_label(c, Lang::Zh), registry::category_label(c, Lang::En)]);
    }
    let labels = Labels {
        outcome: crate::model::Outcome::ALL.iter().map(|o| (o.id(), [o.label_zh(), o.label_en()])).collect(),
        effect: crate::model::Effect::ALL.iter().map(|e| (e.id(), [e.label_zh(), e.label_en()])).collect(),
        category,
    };
    to_js(&Defaults { options: Options::default(), crawl: crate::site::CrawlOptions::default(), labels })
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
