//! `govcheck monitor` (issue 9): loopback servers that go down and come back, answer slowly
//! or with 5xx, and homepages whose items change or never change; every probe taken with
//! `--at`, so the report's counts and outcomes are exact. And two probe runs on one database
//! at once.

mod support;

use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDate;
use serde_json::Value;
use support::{Reply, Server};

fn govcheck(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govcheck")).args(args).env_remove("GOVCHECK_DB").output().unwrap()
}

fn tmp_db(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("govcheck-monitor-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("history.sqlite").to_string_lossy().into_owned()
}

/// A homepage with one 工作动态 block of the given (href, date) items.
fn home(items: &[(String, String)]) -> String {
    let lis: String = items.iter().map(|(h, d)| format!("<li><a href=\"{h}\">市政府召开{d}工作会议</a><span class=\"date\">{d}</span></li>")).collect();
    format!(
        "<html><head><meta name=\"ColumnType\" content=\"首页\"><title>测试市人民政府</title></head><body><div class=\"box\"><div class=\"hd\"><h3>工作动态</h3><a class=\"more\" href=\"/gzdt/\">更多</a></div><ul>{lis}</ul></div></body></html>"
    )
}

#[derive(Clone, Copy, Default)]
struct Phase {
    day: Option<NaiveDate>,
    hour: u32,
}

#[test]
fn reachability_and_homepage_updates_over_time() {
    let phase = Arc::new(Mutex::new(Phase::default()));
    let p = phase.clone();
    let server = Server::start("127.0.0.1", move |path| {
        let ph = *p.lock().unwrap();
        let day = ph.day.unwrap();
        let d = |k: i64| (day - chrono::Duration::days(k)).format("%Y-%m-%d").to_string();
        match path {
            "/changing/" => Reply::html(home(&(0..3).map(|k| (format!("/gzdt/{}.html", d(k)), d(k))).collect::<Vec<_>>())),
            "/static/" => Reply::html(home(&[("/gzdt/a.html".into(), "2024-05-01".into()), ("/gzdt/b.html".into(), "2024-04-20".into())])),
            "/flaky/" if day == NaiveDate::from_ymd_opt(2024, 6, 12).unwrap() && ph.hour != 17 => Reply::status(503),
            "/flaky/" | "/late/" => Reply::html(home(&[(format!("/gzdt/{}.html", d(0)), d(0))])),
            "/slowonce/" if day == NaiveDate::from_ymd_opt(2024, 6, 14).unwrap() && ph.hour == 17 => Reply::html(home(&[])).slow(Duration::from_millis(2500)),
            "/slowonce/" => Reply::html(home(&[(format!("/gzdt/{}.html", d(0)), d(0))])),
            _ => Reply::status(404),
        }
    });
    // A second site that goes down (its server stops) for 2024-06-13 and comes back.
    let p2 = phase.clone();
    let make_b = move |addr: &str| {
        let p2 = p2.clone();
        Server::start_on(addr, move |_| {
            let day = p2.lock().unwrap().day.unwrap();
            Reply::html(home(&[(format!("/b/{day}.html"), day.format("%Y-%m-%d").to_string())]))
        })
    };
    let mut b = Some(make_b("127.0.0.1:0"));
    let b_addr = b.as_ref().unwrap().addr.clone();
    let db = tmp_db("main");
    let start = NaiveDate::from_ymd_opt(2024, 5, 31).unwrap();
    let mut runs = Vec::new();
    for k in 0..16 {
        let day = start + chrono::Duration::days(k);
        // One probe a day before the last week, three a day in it.
        let hours: &[u32] = if day < NaiveDate::from_ymd_opt(2024, 6, 9).unwrap() { &[9] } else { &[1, 9, 17] };
        for h in hours {
            runs.push((day, *h));
        }
    }
    let total = runs.len();
    for (n, (day, hour)) in runs.into_iter().enumerate() {
        *phase.lock().unwrap() = Phase { day: Some(day), hour };
        let down = day == NaiveDate::from_ymd_opt(2024, 6, 13).unwrap();
        if down && b.is_some() {
            b = None; // the server stops: connections are refused
            // tiny_http closes its listener from its own accept thread: wait until it has.
            let gone = (0..100).any(|_| {
                std::thread::sleep(Duration::from_millis(50));
                std::net::TcpStream::connect(&b_addr).is_err()
            });
            assert!(gone, "the stopped server still listens after 5 s");
        } else if !down && b.is_none() {
            b = Some(make_b(&b_addr));
        }
        let mut args: Vec<String> =
            ["monitor", "probe", "--db", &db, "--at", &format!("{day}T{hour:02}:00:00+08:00"), "--timeout", "1"].iter().map(|s| s.to_string()).collect();
        for path in ["/changing/", "/static/", "/flaky/", "/slowonce/"] {
            args.push(server.url(path));
        }
        args.push(format!("http://{b_addr}/"));
        if n + 3 >= total {
            args.push(server.url("/late/"));
        }
        let out = govcheck(&args);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let out = govcheck(&["monitor", "report", "--db", &db, "--today", "2024-06-15", "--format", "json"].map(String::from));
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let site = |url: &str| r["sites"].as_array().unwrap().iter().find(|s| s["url"] == url).unwrap_or_else(|| panic!("{url}")).clone();
    let outcome = |s: &Value, rule: &str| s["indicators"].as_array().unwrap().iter().find(|i| i["rule"] == rule).unwrap().clone();

    let changing = site(&server.url("/changing/"));
    assert_eq!((changing["probes"].as_u64(), changing["failed"].as_u64()), (Some(21), Some(0)));
    assert_eq!(outcome(&changing, "site-unreachable")["outcome"], "pass");
    assert_eq!(outcome(&changing, "home-not-updated")["outcome"], "pass");

    let stat = site(&server.url("/static/"));
    let h = outcome(&stat, "home-not-updated");
    assert_eq!(h["outcome"], "fail", "{h}");
    assert_eq!(h["value"], "2024-05-01", "the newest date shown is the evidence");

    let flaky = site(&server.url("/flaky/"));
    assert_eq!((flaky["probes"].as_u64(), flaky["failed"].as_u64()), (Some(21), Some(2)));
    let u = outcome(&flaky, "site-unreachable");
    assert_eq!(u["outcome"], "fail");
    assert_eq!(u["value"], "0.095");

    // One timeout in 21 probes: 4.8 %, below 5 %.
    let slow = site(&server.url("/slowonce/"));
    assert_eq!((slow["probes"].as_u64(), slow["failed"].as_u64()), (Some(21), Some(1)));
    assert_eq!(outcome(&slow, "site-unreachable")["outcome"], "pass");

    let down = site(&format!("http://{b_addr}/"));
    assert_eq!(down["failed"].as_u64(), Some(3));
    let u = outcome(&down, "site-unreachable");
    assert_eq!(u["outcome"], "fail");
    assert_eq!(u["evidence"]["longest_outage"]["start"], "2024-06-13T01:00:00+08:00");
    assert_eq!(u["evidence"]["longest_outage"]["end"], "2024-06-14T01:00:00+08:00");
    assert_eq!(u["evidence"]["longest_outage"]["failed_probes"], 3);
    assert_eq!(outcome(&down, "home-not-updated")["outcome"], "pass");

    let late = site(&server.url("/late/"));
    assert_eq!(late["probes"].as_u64(), Some(3));
    assert_eq!(outcome(&late, "site-unreachable")["outcome"], "review");
    assert_eq!(outcome(&late, "home-not-updated")["outcome"], "review");

    // An unchanged homepage is stored once, not at every probe.
    let c = rusqlite::Connection::open(&db).unwrap();
    let stored: i64 =
        c.query_row("SELECT COUNT(p.items) FROM probes p JOIN sites s ON s.id = p.site_id WHERE s.url = ?1", [server.url("/static/")], |r| r.get(0)).unwrap();
    assert_eq!(stored, 1);
    // The text and HTML reports and the site list say the same in Chinese.
    let out = govcheck(&["monitor", "report", "--db", &db, "--today", "2024-06-15"].map(String::from));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("网站无法访问") && text.contains("首页不更新") && text.contains("监测历史不足"), "{text}");
    let out = govcheck(&["monitor", "sites", "--db", &db].map(String::from));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 7);
}

#[test]
fn two_probe_runs_on_one_database_at_once_lose_nothing() {
    let server = Server::start("127.0.0.1", |_| Reply::html(home(&[("/a.html".into(), "2024-06-01".into())])));
    let db = tmp_db("concurrent");
    let urls: Vec<String> = (0..40).map(|i| server.url(&format!("/c/{i}/"))).collect();
    let spawn = |at: &str| {
        let mut args: Vec<String> = ["monitor", "probe", "--db", &db, "--at", at, "--concurrency", "8"].iter().map(|s| s.to_string()).collect();
        args.extend(urls.iter().cloned());
        Command::new(env!("CARGO_BIN_EXE_govcheck")).args(args).spawn().unwrap()
    };
    let (mut a, mut b) = (spawn("2024-06-15T09:00:00+08:00"), spawn("2024-06-15T09:30:00+08:00"));
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    let conn = rusqlite_count(&db);
    assert_eq!(conn, (80, 40, "ok".to_string()));
}

/// (probes, sites, integrity) read straight from the file.
fn rusqlite_count(db: &str) -> (usize, usize, String) {
    let c = rusqlite::Connection::open(db).unwrap();
    let probes: i64 = c.query_row("SELECT COUNT(*) FROM probes", [], |r| r.get(0)).unwrap();
    let sites: i64 = c.query_row("SELECT COUNT(*) FROM sites", [], |r| r.get(0)).unwrap();
    let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    (probes as usize, sites as usize, integrity)
}
