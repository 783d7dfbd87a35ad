//! WASM bindings: a translation layer only. JsValue ⇄ Options, Report → JsValue, errors →
//! JS `Error` with the same bilingual one-line message as the CLI. No page logic here.

use chrono::NaiveDate;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::Report;
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
    let options: Options = serde_json::from_value(serde_json::Value::Object(js.options))
        .map_err(|e| JsError::new(&crate::Error::BadOptions(e.to_string()).to_string()))?;
    let input = PageInput { html, url: url.as_deref(), today, source: js.source, options, only_rules: js.rules };
    let report = crate::check(&input).map_err(|e| JsError::new(&e.to_string()))?;
    serde_json::to_string(&report).map_err(|e| JsError::new(&e.to_string()))
}

#[derive(Serialize)]
struct RuleDoc {
    id: &'static str,
    title: &'static str,
    title_en: &'static str,
    category: &'static str,
    effect: crate::model::Effect,
    basis: &'static str,
    basis_en: &'static str,
    docs: Docs,
}

#[derive(Serialize)]
struct Docs {
    what: String,
    why: String,
    fix: String,
    example: String,
}

/// Every rule's metadata and docs, for the popup and the rule catalogue.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    let list: Vec<RuleDoc> = registry::ALL
        .iter()
        .map(|r| {
            let m = r.meta;
            RuleDoc {
                id: m.id,
                title: m.title,
                title_en: m.title_en,
                category: m.category,
                effect: m.effect,
                basis: m.basis,
                basis_en: m.basis_en,
                docs: Docs {
                    what: m.doc_section("What it checks"),
                    why: m.doc_section("Why it matters"),
                    fix: m.doc_section("How to fix"),
                    example: m.doc_section("Example"),
                },
            }
        })
        .collect();
    to_js(&list)
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
