//! `govcheck site` and `govcheck batch` end to end: generated sites served on 127.0.0.1,
//! reached under their real host names with `--resolve` (curl's meaning).

mod support;

use std::process::{Command, Output};
use std::sync::atomic::Ordering;

use serde_json::Value;
use support::Server;
use support::sites::{self, Spec};

fn govcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govcheck")).args(args).output().unwrap()
}

fn serve(spec: &Spec) -> Server {
    Server::site(sites::generate(spec))
}

fn start_url(s: &Server) -> String {
    format!("http://{}:{}/", sites::HOST, s.port)
}

fn resolve(s: &Server) -> String {
    format!("{}:{}:127.0.0.1", sites::HOST, s.port)
}

#[test]
fn site_json_contract_and_exit_codes() {
    let spec = Spec { stale_core: 5, traps: true, ..Spec::default() };
    let server = serve(&spec);
    let out = govcheck(&["site", &start_url(&server), "--resolve", &resolve(&server), "--today", "2024-06-15", "--format", "json", "--timeout", "1"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["verdict"]["status"], "fail_veto");
    assert!(r["verdict"]["failed_rules"].as_array().unwrap().iter().any(|x| x == "column-stale"));
    let stale = r["indicators"].as_array().unwrap().iter().find(|i| i["rule"] == "column-stale").unwrap();
    assert_eq!(
        (stale["outcome"].as_str(), stale["effect"].as_str(), stale["count"].as_u64(), stale["threshold"].as_u64()),
        (Some("fail"), Some("veto"), Some(5), Some(5))
    );
    for item in stale["items"].as_array().unwrap() {
        assert!(item["url"].as_str().unwrap().starts_with(&start_url(&server)), "{item}");
        assert!(item["column"].is_string() && item["value"].is_string() && item["message"].is_string());
    }
    // Every indicator carries the contract's fields, passes included.
    for i in r["indicators"].as_array().unwrap() {
        for k in ["rule", "outcome", "effect", "count", "threshold", "items"] {
            assert!(!i[k].is_null(), "{k} missing in {i}");
        }
    }
    let pages = r["pages"].as_array().unwrap();
    let page =
        |path: &str| pages.iter().find(|p| p["url"] == format!("{}{}", start_url(&server), path.trim_start_matches('/'))).unwrap_or_else(|| panic!("{path}"));
    assert_eq!(page("/")["kind"], "homepage");
    assert_eq!(page("/")["depth"], 0);
    assert_eq!(page("/")["status"], 200);
    assert!(page("/")["error"].is_null());
    assert_eq!(page("/missing.html")["error"], "http_404");
    assert_eq!(page("/loop/a")["error"], "redirect_loop");
    assert!(page("/loop/a")["status"].is_null());
    assert_eq!(page("/slow/")["error"], "timeout");
    assert_eq!(page("/gbk/")["kind"], "column");
    let crawl = &r["crawl"];
    assert_eq!(crawl["stopped_by"], "complete");
    assert_eq!(crawl["failed"], 3);
    assert!(crawl["fetched"].as_u64().unwrap() > 50);
    assert!(crawl["skipped"]["resource"].as_u64().unwrap() >= 1 && crawl["skipped"]["robots"].as_u64().unwrap() >= 1);
    assert!(crawl["duration_ms"].as_u64().is_some());
    assert_eq!(r["meta"]["today"], "2024-06-15");
    // robots.txt asked once, the PDF never.
    let paths = server.paths.lock().unwrap().clone();
    assert_eq!(paths.iter().filter(|p| *p == "/robots.txt").count(), 1);
    assert!(!paths.iter().any(|p| p.ends_with(".pdf") || p.starts_with("/private/")));
}

#[test]
fn a_compliant_site_exits_zero_and_renders_in_every_format() {
    let server = serve(&Spec::default());
    let base = [start_url(&server), "--resolve".into(), resolve(&server), "--today".into(), "2024-06-15".into()];
    let args = |extra: &[&str]| -> Vec<String> { base.iter().cloned().chain(extra.iter().map(|s| s.to_string())).collect() };
    let run = |extra: &[&str]| {
        let a = args(extra);
        let mut v = vec!["site"];
        v.extend(a.iter().map(String::as_str));
        govcheck(&v)
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("合格") && text.contains("栏目不更新"), "{text}");
    let out = run(&["--format", "csv"]);
    assert!(out.stdout.starts_with("\u{feff}".as_bytes()));
    let file = std::env::temp_dir().join(format!("govcheck-site-{}.html", std::process::id()));
    let out = run(&["--format", "html", "--output", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("政府网站检查报告") && html.contains("Content-Security-Policy"));
}

#[test]
fn an_unreachable_start_page_exits_two_with_one_line() {
    // A loopback port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out = govcheck(&["site", &format!("http://127.0.0.1:{port}/"), "--timeout", "2"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("首页无法访问") && err.trim().lines().count() == 1, "{err}");
    let out = govcheck(&["site", "not-a-url"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn batch_lists_every_site_and_resumes() {
    let good = serve(&Spec::default());
    let bad = serve(&Spec { blank: 5, ..Spec::default() });
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = std::env::temp_dir().join(format!("govcheck-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("sites.csv");
    // Two sites under the same real host name on different ports; one dead port.
    std::fs::write(
        &csv,
        format!(
            "name,url,site_code\n测试市人民政府,{},3609000099\n\"测试县人民政府, 旧版\",http://{}:{}/,\n停运网站,http://127.0.0.1:{dead}/,\n",
            start_url(&good),
            sites::HOST,
            bad.port
        ),
    )
    .unwrap();
    let out_dir = dir.join("out");
    let args = |resume: bool| {
        let mut a =
            vec!["batch".to_string(), csv.to_string_lossy().into(), "--output".into(), out_dir.to_string_lossy().into(), "--today".into(), "2024-06-15".into()];
        a.extend(["--resolve".into(), resolve(&good), "--resolve".into(), resolve(&bad), "--timeout".into(), "2".into()]);
        if resume {
            a.push("--resume".into());
        }
        a
    };
    let out = Command::new(env!("CARGO_BIN_EXE_govcheck")).args(args(false)).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(&std::fs::read_to_string(out_dir.join("report.json")).unwrap()).unwrap();
    let sites = report["sites"].as_array().unwrap();
    assert_eq!(sites.len(), 3);
    assert_eq!(sites[0]["verdict"]["status"], "pass");
    assert_eq!(sites[1]["verdict"]["status"], "fail_veto");
    assert_eq!(sites[1]["name"], "测试县人民政府, 旧版");
    assert!(sites[1]["problems"].as_array().unwrap().iter().any(|p| p["rule"] == "column-blank" && p["count"] == 5));
    assert_eq!(sites[2]["verdict"]["status"], "unreachable");
    let csv_out = std::fs::read(out_dir.join("report.csv")).unwrap();
    assert!(csv_out.starts_with("\u{feff}".as_bytes()));
    assert_eq!(String::from_utf8_lossy(&csv_out).lines().count(), 4);
    let html = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
    for w in ["序号", "网站名称", "网址", "结论", "主要问题", "空白栏目", "无法访问"] {
        assert!(html.contains(w), "{w} missing in report.html");
    }
    assert!(out_dir.join("sites/002.html").exists());
    // Resume: nothing is fetched again.
    let hits = (good.hits.load(Ordering::Relaxed), bad.hits.load(Ordering::Relaxed));
    let out = Command::new(env!("CARGO_BIN_EXE_govcheck")).args(args(true)).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!((good.hits.load(Ordering::Relaxed), bad.hits.load(Ordering::Relaxed)), hits, "resume fetched again");
    let again: Value = serde_json::from_str(&std::fs::read_to_string(out_dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(again["sites"], report["sites"]);
}

#[test]
fn a_site_report_carries_monitored_verdicts_from_the_history() {
    let spec = Spec::default();
    let server = serve(&spec);
    let url = start_url(&server);
    let db = std::env::temp_dir().join(format!("govcheck-site-db-{}.sqlite", std::process::id()));
    let _ = std::fs::remove_file(&db);
    let db = db.to_string_lossy().into_owned();
    // Two probes a day for a week, every one answered.
    for day in 9..=15 {
        for hour in [9, 21] {
            let at = format!("2024-06-{day:02}T{hour:02}:00:00+08:00");
            let out = govcheck(&["monitor", "probe", "--db", &db, "--at", &at, "--resolve", &resolve(&server), &url]);
            assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        }
    }
    let out = govcheck(&["site", &url, "--resolve", &resolve(&server), "--today", "2024-06-15", "--format", "json", "--db", &db]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let u = r["indicators"].as_array().unwrap().iter().find(|i| i["rule"] == "site-unreachable").expect("monitored indicator");
    assert_eq!(u["outcome"], "pass");
    assert_eq!(u["evidence"]["probes"], 14);
}

/// `govcheck site --write-baseline` then `--baseline` (issue 12): a site whose known stale
/// columns are all accepted exits 0 and its report says how many marks applied; the items
/// carry fingerprints that hold from one crawl to the next.
#[test]
fn a_site_baseline_marks_the_known_items() {
    let server = serve(&Spec { stale_core: 5, ..Spec::default() });
    let dir = std::env::temp_dir().join(format!("govcheck-site-baseline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base = dir.join("site-baseline.json").to_string_lossy().into_owned();
    let run = |extra: &[&str]| {
        let mut a = vec![
            "site".to_string(),
            start_url(&server),
            "--resolve".into(),
            resolve(&server),
            "--today".into(),
            "2024-06-15".into(),
            "--format".into(),
            "json".into(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        govcheck(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let first = run(&["--write-baseline", &base]);
    assert_eq!(first.status.code(), Some(1));
    let r1: Value = serde_json::from_slice(&first.stdout).unwrap();
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    let stale_items = r1["indicators"].as_array().unwrap().iter().find(|i| i["rule"] == "column-stale").unwrap()["items"].as_array().unwrap().len();
    assert!(stale_items >= 5);
    assert!(file["entries"].as_array().unwrap().iter().filter(|e| e["rule"] == "column-stale").count() == stale_items);

    let second = run(&["--baseline", &base]);
    let r2: Value = serde_json::from_slice(&second.stdout).unwrap();
    assert_eq!(second.status.code(), Some(0), "{}", r2["baseline"]);
    assert_eq!(r2["baseline"]["unmarked_failed"], 0);
    assert_eq!(r2["baseline"]["accepted"].as_u64().unwrap() as usize, file["entries"].as_array().unwrap().len());
    // The official verdict is not rewritten by marks: it still says what an inspector would.
    assert_eq!(r2["verdict"]["status"], r1["verdict"]["status"]);
}
