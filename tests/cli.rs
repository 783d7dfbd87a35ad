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
    assert_eq!(govcheck(&["explain", "nope"]).status.code(), Some(2));
}

#[test]
fn explain_speaks_chinese_by_default_and_english_on_request() {
    let out = govcheck(&["explain", "footer-icp"]);
    assert_eq!(out.status.code(), Some(0));
    let zh = String::from_utf8(out.stdout).unwrap();
    for needle in ["ICP备案编号", "类别：底部功能区", "效力：规范", "依据：", "## 检查内容", "## 为什么重要", "## 如何整改", "## 示例", "beian.miit.gov.cn"]
    {
        assert!(zh.contains(needle), "`explain` lacks {needle}: {zh}");
    }
    for english in ["What it checks", "How to fix", "Basis", "Category"] {
        assert!(!zh.contains(english), "the Chinese `explain` has {english}: {zh}");
    }

    let out = govcheck(&["explain", "footer-icp", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let en = String::from_utf8(out.stdout).unwrap();
    for needle in ["ICP filing number", "Category: Footer", "Effect: norm", "Basis:", "## What it checks", "## How to fix", "beian.miit.gov.cn"] {
        assert!(en.contains(needle), "`explain --lang en` lacks {needle}: {en}");
    }
    for chinese in ["检查内容", "如何整改", "依据：", "类别："] {
        assert!(!en.contains(chinese), "the English `explain` has {chinese}: {en}");
    }

    let out = govcheck(&["explain", "footer-icp", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_json_carries_both_languages() {
    let out = govcheck(&["rules", "--format", "json"]);
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rules.len(), govcheck::registry::ALL.len());
    for r in &rules {
        // The contract's fields, unchanged…
        for key in ["id", "category", "effect", "title", "title_en", "basis", "basis_en"] {
            assert!(r[key].is_string(), "rule lacks `{key}`: {r}");
        }
        assert!(r["docs"].as_str().unwrap().contains("## How to fix"), "{}", r["id"]);
        // …and the Chinese docs beside them.
        assert!(r["docs_zh"].as_str().unwrap().contains("## 如何整改"), "{}", r["id"]);
    }
}

#[test]
fn text_and_html_reports_say_how_to_fix_in_chinese() {
    use govcheck::registry::{Lang, Section, find};
    let p = tmp("fix.html", "<div class=footer>版权所有</div>".as_bytes());
    let fix = find("footer-icp").unwrap().meta.section(Lang::Zh, Section::Fix);
    let out = govcheck(&["check", &p, "--today", "2026-11-27"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let block = &text[text.find("── 如何整改").unwrap_or_else(|| panic!("no 如何整改 block: {text}"))..];
    assert!(block.contains("[footer-icp] ICP备案编号") && block.contains(&fix), "{block}");
    // Rules with nothing to act on (passes, not applicable) get no advice.
    let out = govcheck(&["check", &p, "--today", "2026-11-27", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let quiet: Vec<&str> = govcheck::registry::ALL
        .iter()
        .map(|r| r.meta.id)
        .filter(|id| findings.iter().filter(|f| f["rule"] == *id).all(|f| f["outcome"] == "pass" || f["outcome"] == "not_applicable"))
        .collect();
    assert!(!quiet.is_empty());
    for id in quiet {
        assert!(!block.contains(&format!("[{id}]")), "{id} has nothing to fix: {block}");
    }

    let out = govcheck(&["check", &p, "--today", "2026-11-27", "--format", "html"]);
    let html = String::from_utf8(out.stdout).unwrap();
    // Summary first: the verdict, then one card per failing indicator with its fix once.
    let verdict = html.find("<section class=\"verdict").unwrap_or_else(|| panic!("no verdict: {html}"));
    let start = html.find("<section class=\"card\" id=\"footer-icp\"").unwrap_or_else(|| panic!("no footer-icp card: {html}"));
    assert!(verdict < start, "the verdict comes before the cards");
    let card = &html[start..html[start..].find("</section>").unwrap() + start];
    let fix = &card[card.find("<div class=\"fix\"><b>如何整改").unwrap_or_else(|| panic!("no 如何整改 in the card: {card}"))..];
    assert!(fix.contains("<code>https://beian.miit.gov.cn/</code>"), "{fix}");
    assert_eq!(card.matches("如何整改").count(), 1, "how to fix is said once per indicator");
    assert!(!html.contains('`'), "literal backticks in the HTML report");
    // Passes are condensed into one table, not cards.
    assert!(!html.contains("id=\"no-commercial-ads\""), "a passing indicator got a card");
    assert!(html.contains("合格与不适用的指标"));
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

/// `--write-baseline` then `--baseline` (issue 12): the marked findings are reported apart,
/// the exit status follows the unmarked failures, a `fixed` mark whose finding is still
/// there says so loudly and counts, and a file that is no baseline is refused clearly.
#[test]
fn baseline_marks_are_reported_apart_and_decide_the_exit_status() {
    let base = tmp("baseline.json", b"");
    let args = |extra: &[&str]| {
        let mut a = vec!["check", "tests/corpus/pages/govcn__home.html", "--today", "2024-01-15", "--url", "https://www.gov.cn/"];
        a.extend_from_slice(extra);
        govcheck(&a)
    };
    let first = args(&["--format", "json", "--write-baseline", &base]);
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(first.status.code(), Some(1), "the page has failures");
    let mut file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!((file["format"].as_str(), file["version"].as_u64()), (Some("govcheck-baseline"), Some(1)));
    let entries = file["entries"].as_array().unwrap().clone();
    let problems: Vec<&serde_json::Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| matches!(f["outcome"].as_str(), Some("fail" | "review" | "needs_site"))).collect();
    assert_eq!(entries.len(), problems.len(), "one entry per problem");
    for e in &entries {
        assert_eq!(e["site"], "www.gov.cn");
        assert_eq!(e["mark"], "accepted");
        assert!(problems.iter().any(|f| f["fingerprint"] == e["fingerprint"] && f["rule"] == e["rule"]), "{e}");
    }

    // Everything accepted: exit 0, the findings listed apart, the verdict unchanged.
    let second = args(&["--baseline", &base]);
    let text = String::from_utf8(second.stdout).unwrap();
    assert_eq!(second.status.code(), Some(0), "{text}");
    let apart = text.find("── 已标记（基线，单独计数）").unwrap_or_else(|| panic!("no marked section:\n{text}"));
    assert!(text[apart..].contains("已知/接受"), "{text}");
    assert!(text.contains(&format!("已知/接受 {}", entries.len())), "{text}");

    // One failure marked fixed: it is back, loudly, and the exit status is 1 again; one
    // marked as a false alarm is counted as such.
    let fails: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| problems.iter().any(|f| f["fingerprint"] == e["fingerprint"] && f["outcome"] == "fail"))
        .map(|(i, _)| i)
        .collect();
    assert!(fails.len() >= 2, "the page has at least two failures");
    file["entries"][fails[0]]["mark"] = "fixed".into();
    file["entries"][fails[1]]["mark"] = "false_alarm".into();
    file["entries"][fails[1]]["reason"] = "链接由脚本生成".into();
    std::fs::write(&base, serde_json::to_string(&file).unwrap()).unwrap();
    let third = args(&["--baseline", &base, "--format", "json"]);
    assert_eq!(third.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&third.stdout).unwrap();
    assert_eq!(r["baseline"]["fixed_back"], 1);
    assert_eq!(r["baseline"]["false_alarm"], 1);
    assert_eq!(r["baseline"]["unmarked_failed"], 1);
    let back = r["findings"].as_array().unwrap().iter().find(|f| f["fingerprint"] == file["entries"][fails[0]]["fingerprint"]).unwrap();
    assert_eq!((back["mark"]["kind"].as_str(), back["mark"]["back"].as_bool()), (Some("fixed"), Some(true)));
    let text = String::from_utf8(args(&["--baseline", &base]).stdout).unwrap();
    assert!(text.contains("已标记为“已整改”，但问题仍然存在"), "{text}");
    assert!(text.contains("误报") && text.contains("链接由脚本生成"), "{text}");

    // Marks of another site do not apply.
    let other = serde_json::to_string(&file).unwrap().replace("\"www.gov.cn\"", "\"www.other.gov.cn\"");
    let other_path = tmp("other-baseline.json", other.as_bytes());
    let r: serde_json::Value = serde_json::from_slice(&args(&["--baseline", &other_path, "--format", "json"]).stdout).unwrap();
    assert_eq!(r["baseline"]["accepted"], 0);
    assert!(r["findings"].as_array().unwrap().iter().all(|f| f["mark"].is_null()));

    // Not a baseline: exit 2, one bilingual line.
    let bad = tmp("bad-baseline.json", br#"{"format":"something-else","version":1,"entries":[]}"#);
    let out = args(&["--baseline", &bad]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("基线文件格式无效") && err.contains("not a baseline file") && err.lines().count() == 1, "{err}");
}
