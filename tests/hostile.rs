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

/// Real pages cut at arbitrary points and spliced with stray markup still give a report:
/// every rule must cope with half a footer, an unclosed list or a dangling script.
#[test]
fn cut_and_spliced_corpus_pages_never_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/pages");
    let junk = ["</div></ul>", "<ul><li>", "<script>", "<!--", "<a href=\"", "网站标识码：", "2023-", "<table><td>", "\u{0}"];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut runs = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let html = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for _ in 0..4 {
            let mut cut = (next() as usize) % html.len();
            while !html.is_char_boundary(cut) {
                cut -= 1;
            }
            let spliced = format!("{}{}{}", &html[..cut], junk[(next() as usize) % junk.len()], &html[cut..]);
            for page in [&html[..cut], spliced.as_str()] {
                // Ok or a clear error (empty, binary): never a panic.
                let _ = govcheck::check(&PageInput::new(page, today()));
                runs += 1;
            }
        }
    }
    assert!(runs >= 150, "only {runs} mutated pages were checked");
}
