//! Any bytes, as a page: decoded by charset, parsed with the work budget, every rule run and
//! every renderer applied. Must return a report or a clear error, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (html, _) = govcheck::decode_bytes(data, None);
    let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 15).unwrap();
    let mut input = govcheck::PageInput::new(&html, today);
    input.url = Some("https://www.example.gov.cn/col/index.html");
    if let Ok(report) = govcheck::check(&input) {
        let _ = govcheck::report::html::render(&report);
        let _ = govcheck::report::csv::render(&report);
        let _ = govcheck::report::text::render(&report);
    }
});
