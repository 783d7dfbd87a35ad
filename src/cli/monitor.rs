//! `govcheck monitor`: probes recorded in one SQLite file, judged over time by the core
//! (`govcheck::monitor`). WAL mode and one short transaction per probe: two overlapping cron
//! runs neither corrupt nor lose rows, and a killed run loses only its unfinished probes.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use govcheck::monitor::{HomeItem, MonitorOptions, Probe, SiteMonitor};
use rusqlite::{Connection, OptionalExtension, params};

use super::fetch::Client;

/// Schema migrations, in order; `PRAGMA user_version` says how many ran.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE sites (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, added_at INTEGER NOT NULL);
     CREATE TABLE probes (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id),
        at INTEGER NOT NULL,          -- unix seconds, UTC
        ok INTEGER NOT NULL,
        status INTEGER,
        error TEXT,
        elapsed_ms INTEGER,
        final_url TEXT,
        items TEXT                    -- JSON array of {title, href, date}, when the homepage was read
     );
     CREATE INDEX probes_site_at ON probes(site_id, at);",
    // 2: a homepage read that found the same items as the site's previous read stores none
    // (most hourly probes see an unchanged homepage; items were ~10 KB a probe).
    "ALTER TABLE probes ADD COLUMN items_unchanged INTEGER NOT NULL DEFAULT 0;",
];

/// The database path: `--db`, else `GOVCHECK_DB`, else the user's data directory.
pub fn db_path(arg: Option<String>) -> Result<PathBuf, String> {
    if let Some(p) = arg.or_else(|| std::env::var("GOVCHECK_DB").ok()).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dir = dirs::data_dir().ok_or("找不到用户数据目录，请用 --db 指定 / no user data directory: pass --db")?;
    Ok(dir.join("govcheck").join("history.sqlite"))
}

pub fn open(path: &Path) -> Result<Connection, String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("无法创建目录 cannot create {}: {e}", dir.display()))?;
    }
    let err = |e: rusqlite::Error| format!("数据库错误 database error ({}): {e}", path.display());
    let conn = Connection::open(path).map_err(err)?;
    conn.busy_timeout(Duration::from_secs(30)).map_err(err)?;
    // Switching a new file to WAL and migrating it take locks the busy handler does not wait
    // for when another process does the same at that moment (two cron runs starting
    // together): retry those steps for a while instead of failing.
    let mut tries = 0u64;
    loop {
        let step = conn.pragma_update(None, "journal_mode", "WAL").and_then(|_| conn.pragma_update(None, "synchronous", "NORMAL")).and_then(|_| migrate(&conn));
        match step {
            Ok(()) => return Ok(conn),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) && tries < 300 =>
            {
                let _ = conn.execute_batch("ROLLBACK");
                tries += 1;
                std::thread::sleep(Duration::from_millis(20 + (tries * 7919 + std::process::id() as u64) % 40));
            }
            Err(e) => return Err(err(e)),
        }
    }
}

fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    // One writer migrates; others wait on the lock and then see the new version.
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let version: usize = conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).map(|v| v as usize)?;
    if version > MIGRATIONS.len() {
        conn.execute_batch("ROLLBACK")?;
        return Err(rusqlite::Error::InvalidQuery);
    }
    for (i, m) in MIGRATIONS.iter().enumerate().skip(version) {
        conn.execute_batch(m)?;
        conn.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    conn.execute_batch("COMMIT")
}

fn site_id(conn: &Connection, url: &str, now: i64) -> rusqlite::Result<i64> {
    conn.execute("INSERT OR IGNORE INTO sites(url, added_at) VALUES (?1, ?2)", params![url, now])?;
    conn.query_row("SELECT id FROM sites WHERE url = ?1", [url], |r| r.get(0))
}

/// Probe one URL once.
pub fn probe_one(client: &Client, url: &str, at: DateTime<Utc>) -> (Probe, Option<String>) {
    let started = Instant::now();
    let today = at.with_timezone(&govcheck::monitor::china()).date_naive();
    match client.get(url) {
        Err(e) => {
            (Probe { at, ok: false, status: None, error: Some(e.code().into()), elapsed_ms: Some(started.elapsed().as_millis() as u64), items: None }, None)
        }
        Ok(f) => {
            let ok = f.status < 500;
            let items = (ok && (200..300).contains(&f.status) && govcheck::site::analyse::is_html(f.content_type.as_deref(), &f.body)).then(|| {
                let (html, _) = govcheck::decode_bytes(&f.body, f.content_type.as_deref());
                let page = govcheck::Page::parse(&html, Some(&f.final_url), govcheck::Source::Raw);
                govcheck::monitor::home_items(&page, today)
            });
            let error = (!ok).then(|| format!("http_{}", f.status));
            (Probe { at, ok, status: Some(f.status), error, elapsed_ms: Some(f.elapsed.as_millis() as u64), items }, Some(f.final_url))
        }
    }
}

/// Probe every URL (bounded concurrency), recording each probe as soon as it is done.
pub fn probe_all(conn: Connection, client: &Client, urls: &[String], at: Option<DateTime<Utc>>, concurrency: usize) -> Result<Vec<(String, Probe)>, String> {
    let conn = Mutex::new(conn);
    let next = Mutex::new(0usize);
    let results = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..concurrency.clamp(1, 64) {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some(url) = urls.get(i) else { break };
                    let when = at.unwrap_or_else(|| DateTime::<Utc>::from(std::time::SystemTime::now()));
                    let (p, final_url) = probe_one(client, url, when);
                    let saved = {
                        let c = conn.lock().unwrap();
                        site_id(&c, url, when.timestamp()).and_then(|id| {
                            let unchanged = match &p.items {
                                Some(items) => previous_items(&c, id, when.timestamp())?.is_some_and(|prev| same_items(&prev, items)),
                                None => false,
                            };
                            let items = p.items.as_ref().filter(|_| !unchanged).map(|v| serde_json::to_string(v).unwrap_or_default());
                            c.execute(
                                "INSERT INTO probes(site_id, at, ok, status, error, elapsed_ms, final_url, items, items_unchanged) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
                                params![id, when.timestamp(), p.ok, p.status, p.error, p.elapsed_ms.map(|x| x as i64), final_url, items, unchanged],
                            )
                        })
                    };
                    match saved {
                        Ok(_) => results.lock().unwrap().push((url.clone(), p)),
                        Err(e) => errors.lock().unwrap().push(format!("{url}: {e}")),
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().unwrap();
    if !errors.is_empty() {
        return Err(format!("探测结果未能保存 / probes not saved: {}", errors.join("; ")));
    }
    Ok(results.into_inner().unwrap())
}

/// The items of the site's latest homepage read before `at` (following "unchanged" marks).
fn previous_items(conn: &Connection, site: i64, at: i64) -> rusqlite::Result<Option<Vec<HomeItem>>> {
    let text: Option<String> = conn
        .query_row("SELECT items FROM probes WHERE site_id = ?1 AND at <= ?2 AND items IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1", params![site, at], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

fn same_items(a: &[HomeItem], b: &[HomeItem]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn load(conn: &Connection, site: i64, since: i64) -> rusqlite::Result<Vec<Probe>> {
    // Start from the last stored item set before the window, for probes marked unchanged.
    let mut last: Option<Vec<HomeItem>> = previous_items(conn, site, since - 1)?;
    let mut st =
        conn.prepare("SELECT at, ok, status, error, elapsed_ms, items, items_unchanged FROM probes WHERE site_id = ?1 AND at >= ?2 ORDER BY at, id")?;
    let rows = st.query_map(params![site, since], |r| {
        let items: Option<String> = r.get(5)?;
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, bool>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<i64>>(4)?,
            items,
            r.get::<_, bool>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, ok, status, error, elapsed, items, unchanged) = row?;
        let items = match (items.and_then(|t| serde_json::from_str::<Vec<HomeItem>>(&t).ok()), unchanged) {
            (Some(v), _) => {
                last = Some(v.clone());
                Some(v)
            }
            (None, true) => last.clone(),
            (None, false) => None,
        };
        out.push(Probe {
            at: DateTime::from_timestamp(at, 0).unwrap_or_default(),
            ok,
            status: status.map(|s| s as u16),
            error,
            elapsed_ms: elapsed.map(|x| x as u64),
            items,
        });
    }
    Ok(out)
}

/// Judge every watched site (or those given) as of `today`.
pub fn report(conn: &Connection, today: NaiveDate, only: &[String]) -> Result<Vec<SiteMonitor>, String> {
    let o = MonitorOptions::default();
    let err = |e: rusqlite::Error| format!("数据库错误 database error: {e}");
    let mut st = conn.prepare("SELECT id, url FROM sites ORDER BY url").map_err(err)?;
    let sites: Vec<(i64, String)> = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(err)?.collect::<Result<_, _>>().map_err(err)?;
    // A month back is enough for both windows and the baseline before them.
    let since = (today - chrono::Duration::days(o.home_window_days + 31)).and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()).unwrap_or(0);
    let mut out = Vec::new();
    for (id, url) in sites.into_iter().filter(|(_, u)| only.is_empty() || only.contains(u)) {
        let probes = load(conn, id, since).map_err(err)?;
        out.push(govcheck::monitor::judge(&url, &probes, today, &o));
    }
    Ok(out)
}

/// `monitor sites`: what is watched, the last probe, the last change of the homepage items.
pub fn sites(conn: &Connection) -> Result<String, String> {
    let err = |e: rusqlite::Error| format!("数据库错误 database error: {e}");
    let mut st = conn
        .prepare("SELECT s.id, s.url, COUNT(p.id), MAX(p.at) FROM sites s LEFT JOIN probes p ON p.site_id = s.id GROUP BY s.id ORDER BY s.url")
        .map_err(err)?;
    let rows: Vec<(i64, String, i64, Option<i64>)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).map_err(err)?.collect::<Result<_, _>>().map_err(err)?;
    let mut s = String::from("网址 URL\t探测次数 probes\t最近探测 last probe\t结果 result\t首页最近变化 last homepage change\n");
    for (id, url, n, last) in rows {
        let last_ok: Option<bool> =
            conn.query_row("SELECT ok FROM probes WHERE site_id=?1 ORDER BY at DESC LIMIT 1", [id], |r| r.get(0)).optional().map_err(err)?;
        let probes = load(conn, id, 0).map_err(err)?;
        let mut change = None;
        let mut prev: Option<std::collections::BTreeSet<String>> = None;
        for p in probes.iter().filter(|p| p.items.is_some()) {
            let set: std::collections::BTreeSet<String> = p.items.iter().flatten().map(HomeItem::key).collect();
            if prev.as_ref().is_some_and(|q| *q != set) {
                change = Some(p.at);
            }
            prev = Some(set);
        }
        let fmt = |t: Option<DateTime<Utc>>| {
            t.map(|t| t.with_timezone(&govcheck::monitor::china()).format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "—".into())
        };
        let result = match last_ok {
            Some(true) => "可访问 up",
            Some(false) => "无法访问 down",
            None => "—",
        };
        s += &format!("{url}\t{n}\t{}\t{result}\t{}\n", fmt(last.and_then(|t| DateTime::from_timestamp(t, 0))), fmt(change));
    }
    Ok(s)
}

pub fn render_text(sites: &[SiteMonitor], today: NaiveDate) -> String {
    let mut s = format!("监测报告 Monitoring report · 截至 {today} 24:00（北京时间）\n");
    for m in sites {
        s += &format!("\n{}  （7 天内 {} 次探测，{} 次失败）\n", m.url, m.probes, m.failed);
        for i in &m.indicators {
            let title = if i.rule == "site-unreachable" { "网站无法访问" } else { "首页不更新" };
            s += &format!(
                "  {} {} [{}] {}\n",
                match i.outcome {
                    govcheck::Outcome::Fail => "✗",
                    govcheck::Outcome::Pass => "✓",
                    _ => "?",
                },
                title,
                i.outcome.label_zh(),
                i.message
            );
        }
    }
    s
}

pub fn render_html(sites: &[SiteMonitor], today: NaiveDate) -> String {
    use govcheck::report::html::escape;
    let mut s = String::from(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>govcheck 监测报告</title>\
<style>body{font:14px/1.6 system-ui,'Noto Sans CJK SC',sans-serif;margin:2em auto;max-width:1000px;padding:0 1em}table{border-collapse:collapse;width:100%;table-layout:fixed}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}.fail{color:#b00020}.pass{color:#16794c}.review{color:#a15c00}.en{color:#666;font-size:12px}</style></head><body>",
    );
    s += &format!(
        "<h1>网站监测报告 <span class=\"en\">Monitoring report</span></h1><p>截至 {} 24:00（北京时间）</p><table><thead><tr><th>网址</th><th style=\"width:7em\">探测/失败</th><th>网站无法访问</th><th>首页不更新</th></tr></thead><tbody>",
        escape(&today.to_string())
    );
    for m in sites {
        let cell = |i: &govcheck::monitor::MonitorIndicator| {
            format!("<span class=\"{}\">{}</span><br>{}", i.outcome.id(), escape(i.outcome.label_zh()), escape(&i.message))
        };
        s += &format!(
            "<tr><td>{}</td><td>{} / {}</td><td>{}</td><td>{}</td></tr>",
            escape(&m.url),
            m.probes,
            m.failed,
            cell(&m.indicators[0]),
            cell(&m.indicators[1])
        );
    }
    s += "</tbody></table></body></html>\n";
    s
}
