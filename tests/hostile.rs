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
        // Pages are kept byte for byte: some are GBK, decoded as the CLI decodes them.
        let html = govcheck::decode_bytes(&std::fs::read(entry.unwrap().path()).unwrap(), None).0;
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

/// Runs `f` on another thread and fails if it has not finished within `secs`: a guard against
/// hangs only (generous, ~10× the expected time); the assertions are on work counters.
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs)).expect("the check hung")
}

fn check_owned(html: String, options: govcheck::Options) -> govcheck::Report {
    let mut input = PageInput::new(&html, today());
    input.options = options;
    govcheck::check(&input).expect("a report")
}

/// Issue 14, finding 1: raw-text start tags without end tags made the nesting guard scan to
/// the end once per tag. By the HTML standard the first unclosed one swallows the rest.
#[test]
fn unclosed_raw_text_tags_cost_linear_work() {
    for (name, html) in [
        ("script x 100k", "<script>".repeat(100_000)),
        ("title </a> x 50k", "<title></a>".repeat(50_000)),
        ("1.6 MB of <script>", "<script>".repeat(200_000)),
        ("iframe x 50k", format!("<p>网站标识码：3609000002</p>{}", "<iframe><div>".repeat(50_000))),
    ] {
        let report = within(30, move || check_owned(html, govcheck::Options::default()));
        // The parser sees one raw-text element holding the rest as text: a few nodes, not 100k.
        assert!(report.meta.parse.nodes < 50, "{name}: {:?}", report.meta.parse);
        assert!(!report.meta.parse.truncated, "{name}");
    }
}

/// Issue 14, finding 2: open formatting elements re-opened before every run of text.
/// `<b>` × 500 (distinct attributes, closed off the stack by `</div>` but still active) then
/// `<div>x</div>` × 10 000 made 5 M nodes: every `x` re-opens all 500.
#[test]
fn formatting_element_amplification_is_bounded() {
    let opens: String = (0..500).map(|i| format!("<b class=c{i}>")).collect();
    let html = format!("<div>{opens}</div>{}<div class=footer>网站标识码：3609000002</div>", "<div>x</div>".repeat(10_000));
    let report = within(60, {
        let html = html.clone();
        move || check_owned(html, govcheck::Options::default())
    });
    // At most MAX_OPEN_FORMATTING (32) re-opened per run of text: ~10 000 × 34 nodes.
    assert!(report.meta.parse.nodes <= 10_000 * 34 + 1_000, "{:?}", report.meta.parse);
    assert!(!report.meta.parse.truncated);

    // A smaller budget stops the parser: the report says so and claims no failure.
    let small = govcheck::Options { max_nodes: 20_000, ..govcheck::Options::default() };
    let report = within(60, move || check_owned(html, small));
    assert!(report.meta.parse.truncated, "{:?}", report.meta.parse);
    assert!(report.meta.parse.nodes < 20_000 + 1_400 * 34, "{:?}", report.meta.parse);
    assert_eq!(report.counts.fail, 0, "a page checked in part must not fail");
    assert!(report.findings.iter().any(|f| f.outcome == govcheck::Outcome::Review && f.evidence.contains_key("truncated")));
    assert!(report.verdict.label.contains("只检查了前"), "{}", report.verdict.label);
}
