//! Shared by the corpus tests: the labels and a check of one labelled page.

use chrono::NaiveDate;
use govcheck::{PageInput, Report, Source};
use serde_json::Value;

pub fn labels() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/labels.json")).unwrap();
    serde_json::from_str::<Vec<Value>>(&text).unwrap()
}

/// Check a labelled page as raw server HTML at its own address, on the day it was captured
/// (2018-03-31 when the label gives only a month). `rules` empty means all rules.
pub fn run(label: &Value, rules: &[&str]) -> Report {
    let file = label["file"].as_str().unwrap();
    let html = std::fs::read_to_string(format!("{}/tests/corpus/pages/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let today = label["captured"].as_str().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).unwrap_or(NaiveDate::from_ymd_opt(2018, 3, 31).unwrap());
    let url = format!("https://{}/", label["site_domain"].as_str().unwrap());
    let mut input = PageInput::new(&html, today);
    input.url = Some(&url);
    input.source = Source::Raw;
    input.only_rules = rules.iter().map(|r| r.to_string()).collect();
    govcheck::check(&input).unwrap()
}
