//! Hostile and malformed pages get a report or a clear error, never a panic.

use chrono::NaiveDate;
use govcheck::PageInput;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

#[test]
fn deeply_nested_page_is_checked() {
    let depth = 50_000;
    let html = format!("{}<div class=footer>网站标识码：3609000002</div>{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let report = govcheck::check(&PageInput::new(&html, today())).expect("a report");
    assert!(!report.findings.is_empty());
}

#[test]
fn malformed_markup_and_injection_text_stay_data() {
    let html = "<div class=footer><p>主办单位：<script>alert(1)</script>\"><img src=x onerror=alert(1)>某市人民政府</p><table><td>网站标识码：<b>36090000<i>02</b></i>";
    let report = govcheck::check(&PageInput::new(html, today())).unwrap();
    let html_out = govcheck::report::html::render(&report);
    assert!(!html_out.contains("<img src=x"), "page markup leaked into the HTML report");
    assert!(!html_out.contains("<script>alert"), "page script leaked into the HTML report");
}

#[test]
fn a_generated_megabyte_page_is_checked() {
    let html = govcheck::testing::synthetic_page(1_000_000);
    let report = govcheck::check(&PageInput::new(&html, today())).unwrap();
    let code = report.findings.iter().find(|f| f.rule == "footer-site-code").unwrap();
    assert_eq!(code.value.as_deref(), Some("3609000002"));
}
