//! The CLI's fetching (issue 14, findings 6-7): size-limited reads of any input, redirects to
//! other hosts only to public addresses, and the final URL in the report. Every server is
//! started here on loopback; the refused addresses are loopback ones the policy refuses.

mod support;

use std::process::{Command, Output};
use std::time::Duration;

use support::{Reply, Server};

fn govcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govcheck")).args(args).output().unwrap()
}

const PAGE: &str = "<html><head><title>某市人民政府</title></head><body><div class=footer>网站标识码：3609000002</div></body></html>";

#[test]
fn special_files_are_read_through_a_limit() {
    // /dev/zero reports size 0 and never ends: only a limited read stops it.
    let opts = std::env::temp_dir().join("govcheck-small-limit.json");
    std::fs::write(&opts, r#"{"max_html_bytes": 100000}"#).unwrap();
    let out = govcheck(&["check", "/dev/zero", "--options", opts.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("页面过大") && err.lines().count() == 1, "{err}");
}

#[test]
fn redirect_to_another_loopback_host_is_refused_unless_allowed() {
    // The page lives on 127.0.0.2; the start server on 127.0.0.1 redirects there.
    let target = Server::start("127.0.0.2", |_| Reply::html(PAGE));
    let to = target.url("/index.html");
    let start = Server::start("127.0.0.1", move |_| Reply::redirect(&to));
    let out = govcheck(&["check", &start.url("/"), "--format", "json", "--today", "2024-01-01"]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--allow-private") && err.contains("127.0.0.2"), "{err}");
    assert_eq!(target.hits.load(std::sync::atomic::Ordering::Relaxed), 0, "the refused host was contacted");

    let out = govcheck(&["check", &start.url("/"), "--format", "json", "--today", "2024-01-01", "--allow-private"]);
    assert!(out.status.code() != Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["meta"]["url"], target.url("/index.html"), "meta.url is the final URL");
    assert_eq!(report["meta"]["requested_url"], start.url("/"));
}

#[test]
fn redirect_within_the_chosen_host_and_resolve_mappings_are_followed() {
    let server = Server::start("127.0.0.1", |path| if path == "/" { Reply::redirect("/home/") } else { Reply::html(PAGE) });
    // The real host name mapped to the loopback server, as curl's --resolve does.
    let resolve = format!("www.example-city.gov.cn:{}:127.0.0.1", server.port);
    let url = format!("http://www.example-city.gov.cn:{}/", server.port);
    let out = govcheck(&["check", &url, "--resolve", &resolve, "--format", "json", "--today", "2024-01-01"]);
    assert!(out.status.code() != Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["meta"]["url"], format!("http://www.example-city.gov.cn:{}/home/", server.port));
    // The domain rule judged the host that served the page.
    let domain = report["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "site-domain-govcn").unwrap();
    assert_eq!(domain["outcome"], "pass", "{domain}");
}

#[test]
fn redirect_loops_and_slow_answers_are_clear_errors() {
    let server = Server::start("127.0.0.1", |path| match path {
        "/a" => Reply::redirect("/b"),
        "/b" => Reply::redirect("/a"),
        _ => Reply::html(PAGE).slow(Duration::from_secs(3)),
    });
    let out = govcheck(&["check", &server.url("/a")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("重定向循环"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = govcheck(&["check", &server.url("/slow"), "--timeout", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("超时"), "{}", String::from_utf8_lossy(&out.stderr));
}
