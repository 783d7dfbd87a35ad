//! The CLI as users and other tools meet it: exit codes, the JSON contract, bad input.

use std::process::{Command, Output};

fn govcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govcheck")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn tmp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("govcheck-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

const SAMPLE: &str = "tests/corpus/pages/yichun-gov__home.html";

#[test]
fn json_contract_holds_on_a_real_page() {
    let out = govcheck(&["check", SAMPLE, "--today", "2023-10-12", "--format", "json", "--url", "https://www.yichun.gov.cn/"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let findings = v["findings"].as_array().unwrap();
    for f in findings {
        for key in ["rule", "outcome", "message", "selector", "value"] {
            assert!(f.get(key).is_some(), "finding lacks `{key}`: {f}");
        }
    }
    let code = findings.iter().find(|f| f["rule"] == "footer-site-code").unwrap();
    assert_eq!(code["value"], "3609000002");
    assert_eq!(code["outcome"], "pass");
    assert_eq!(v["meta"]["today"], "2023-10-12");
    // Every rule that ran yields at least one finding.
    for id in v["meta"]["rules_run"].as_array().unwrap() {
        assert!(findings.iter().any(|f| &f["rule"] == id), "no finding for {id}");
    }
    let failed = v["verdict"]["failed"].as_u64().unwrap();
    assert_eq!(out.status.code(), Some(if failed > 0 { 1 } else { 0 }));
}

#[test]
fn rule_filter_and_exit_code_zero() {
    let out = govcheck(&["check", SAMPLE, "--today", "2023-10-12", "--format", "json", "--rule", "footer-site-code", "footer-icp"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.iter().all(|r| *r == "footer-site-code" || *r == "footer-icp"), "{rules:?}");
}

#[test]
fn failures_exit_one_and_text_is_bilingual() {
    let p = tmp("bare.html", "<div class=footer>版权所有</div>".as_bytes());
    let out = govcheck(&["check", &p, "--today", "2026-11-27"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("未找到党政机关网站标识") && text.contains("No Party and government site badge"), "{text}");
}

#[test]
fn bad_input_exits_two_with_one_line() {
    let cases: Vec<(String, &str)> = vec![
        (tmp("empty.html", b""), "empty"),
        (tmp("binary.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"), "binary"),
        ("no/such/file.html".to_string(), "cannot open"),
        ("tests".to_string(), "directory"),
    ];
    for (path, needle) in cases {
        let out = govcheck(&["check", &path, "--today", "2026-11-27"]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "one line expected: {err}");
        assert!(err.contains(needle), "{err}");
    }
    let out = govcheck(&["check", SAMPLE, "--today", "2026-13-01"]);
    assert_eq!(out.status.code(), Some(2));
    let out = govcheck(&["check", SAMPLE, "--rule", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-rule"));
}

#[test]
fn oversized_page_is_refused_clearly() {
    let big = vec![b'a'; 33 * 1024 * 1024];
    let p = tmp("huge.html", &big);
    let out = govcheck(&["check", &p, "--today", "2026-11-27"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too large"));
}

#[test]
fn gbk_bytes_are_decoded() {
    let html = "<meta charset=\"gbk\"><div class=footer>网站标识码：1100000062 京ICP备05056884号</div>";
    let (bytes, _, _) = encoding_rs::GBK.encode(html);
    let p = tmp("gbk.html", &bytes);
    let out = govcheck(&["check", &p, "--today", "2026-11-27", "--format", "json", "--rule", "footer-site-code"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["value"], "1100000062");
}

#[test]
fn rules_and_explain() {
    let out = govcheck(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("footer-psb-beian"));
    let out = govcheck(&["explain", "footer-icp"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("How to fix") && text.contains("beian.miit.gov.cn"), "{text}");
    assert_eq!(govcheck(&["explain", "nope"]).status.code(), Some(2));
}

mod common;

/// The CLI reads page files as bytes and decodes them itself; on every corpus page it must
/// report exactly what the library reports for the page's text (two corpus pages are UTF-8
/// files still labelled gb2312/GBK, which the CLI once decoded into mojibake).
#[test]
fn cli_reads_every_corpus_page_as_its_text() {
    for label in common::labels() {
        let file = format!("tests/corpus/pages/{}", label["file"].as_str().unwrap());
        let expected = serde_json::to_value(common::run(&label, &[])).unwrap();
        let today = expected["meta"]["today"].as_str().unwrap().to_string();
        let url = expected["meta"]["url"].as_str().unwrap().to_string();
        let out = govcheck(&["check", &file, "--today", &today, "--url", &url, "--format", "json"]);
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(got["findings"], expected["findings"], "{file}: findings differ between the CLI and the library");
        assert_eq!(got["verdict"], expected["verdict"], "{file}");
    }
}
