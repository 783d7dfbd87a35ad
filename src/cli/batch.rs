//! `govcheck batch`: the quarterly spot check of many sites. Every site gets a site report
//! under DIR/sites/, and DIR/report.{json,csv,html} list them as the notice does. A site that
//! does not answer is a row saying so. `--resume` keeps the sites already done.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use govcheck::site::render::{self, BatchRow};
use govcheck::site::{Crawl, CrawlOptions};

use super::site::{Drive, run};

pub struct Site {
    pub name: String,
    pub url: String,
    pub site_code: Option<String>,
}

/// Read SITES.csv: a header row naming `name` and `url` (and optionally `site_code`).
pub fn read_sites(path: &str) -> Result<Vec<Site>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取 cannot read {path}: {e}"))?;
    let (text, _) = govcheck::decode_bytes(&bytes, None);
    let text = text.trim_start_matches('\u{feff}');
    let mut rd = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = rd.headers().map_err(|e| format!("{path}: {e}"))?.clone();
    let col = |names: &[&str]| headers.iter().position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)));
    let (Some(ni), Some(ui)) = (col(&["name", "网站名称", "名称"]), col(&["url", "网址"])) else {
        return Err(format!("{path}: 首行应为列名 name,url[,site_code] / the first row must name the columns name,url[,site_code]"));
    };
    let ci = col(&["site_code", "网站标识码"]);
    let mut sites = Vec::new();
    for (n, rec) in rd.records().enumerate() {
        let rec = rec.map_err(|e| format!("{path}: 第 {} 行 line {}: {e}", n + 2, n + 2))?;
        let url = rec.get(ui).unwrap_or("").to_string();
        if url.is_empty() {
            continue;
        }
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("{path}: 第 {} 行网址无效 / line {}: not an http(s) URL: {url}", n + 2, n + 2));
        }
        sites.push(Site {
            name: rec.get(ni).unwrap_or("").to_string(),
            url,
            site_code: ci.and_then(|i| rec.get(i)).filter(|s| !s.is_empty()).map(str::to_string),
        });
    }
    if sites.is_empty() {
        return Err(format!("{path}: 没有网站 / no sites listed"));
    }
    Ok(sites)
}

pub struct BatchJob {
    pub today: chrono::NaiveDate,
    pub options: govcheck::Options,
    pub crawl: CrawlOptions,
    pub jobs: usize,
    pub resume: bool,
    /// Monitoring history to carry into each site report.
    pub db: Option<String>,
}

fn site_file(dir: &Path, n: usize) -> PathBuf {
    dir.join("sites").join(format!("{:03}.json", n + 1))
}

/// Check every site; returns the rows in the order of SITES.csv.
pub fn run_batch(sites: Vec<Site>, out: &Path, job: BatchJob, drive: impl Fn() -> Drive + Sync) -> Result<Vec<BatchRow>, String> {
    std::fs::create_dir_all(out.join("sites")).map_err(|e| format!("无法创建目录 cannot create {}: {e}", out.display()))?;
    let rows: Arc<Mutex<Vec<Option<BatchRow>>>> = Arc::new(Mutex::new(vec![None; sites.len()]));
    let next = Arc::new(Mutex::new(0usize));
    let overall = super::site::progress_bar("网站 sites");
    overall.set_length(sites.len() as u64);
    std::thread::scope(|scope| {
        for _ in 0..job.jobs.clamp(1, 8) {
            scope.spawn(|| {
                loop {
                    let n = {
                        let mut g = next.lock().unwrap();
                        let n = *g;
                        *g += 1;
                        n
                    };
                    let Some(site) = sites.get(n) else { break };
                    let row = check_one(site, n, out, &job, &drive);
                    rows.lock().unwrap()[n] = Some(row);
                    overall.inc(1);
                }
            });
        }
    });
    overall.finish_and_clear();
    let rows: Vec<BatchRow> =
        Arc::try_unwrap(rows).map_err(|_| "internal: rows still shared")?.into_inner().map_err(|e| e.to_string())?.into_iter().flatten().collect();
    let today = job.today.format("%Y-%m-%d").to_string();
    let report = serde_json::json!({ "today": today, "engine_version": govcheck::VERSION, "sites": rows });
    let write = |name: &str, body: String| std::fs::write(out.join(name), body).map_err(|e| format!("无法写入 cannot write {name}: {e}"));
    write("report.json", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n")?;
    write("report.csv", render::batch_csv(&rows, &today))?;
    write("report.html", render::batch_html(&rows, &today))?;
    Ok(rows)
}

fn check_one(site: &Site, n: usize, out: &Path, job: &BatchJob, drive: &(impl Fn() -> Drive + Sync)) -> BatchRow {
    let file = site_file(out, n);
    let rel = format!("sites/{:03}.json", n + 1);
    if job.resume
        && let Ok(text) = std::fs::read_to_string(&file)
        && let Ok(done) = serde_json::from_str::<SavedSite>(&text)
        && done.url == site.url
    {
        return done.row;
    }
    let row = match Crawl::new(&site.url, job.today, job.options.clone(), job.crawl.clone()) {
        Err(e) => BatchRow::unreachable(&site.name, &site.url, site.site_code.clone(), e.to_string()),
        Ok(crawl) => match run(crawl, &drive(), job.crawl.concurrency) {
            Err(e) => BatchRow::unreachable(&site.name, &site.url, site.site_code.clone(), e),
            Ok(mut report) => {
                if let Some(db) = &job.db
                    && let Ok(conn) = super::monitor::open(Path::new(db))
                    && let Ok(found) = super::monitor::report(&conn, job.today, std::slice::from_ref(&site.url))
                    && let Some(m) = found.first()
                {
                    govcheck::site::attach_monitoring(&mut report, m);
                }
                let _ = std::fs::write(out.join(rel.replace(".json", ".html")), render::html(&report));
                let row = BatchRow::from_report(&site.name, &site.url, site.site_code.clone(), &report, rel.clone());
                let saved = serde_json::json!({ "url": site.url, "row": row, "report": report });
                // Written last and whole: an interrupted run leaves no half-done site behind.
                let tmp = file.with_extension("json.tmp");
                if std::fs::write(&tmp, serde_json::to_string(&saved).unwrap_or_default()).is_ok() {
                    let _ = std::fs::rename(&tmp, &file);
                }
                return row;
            }
        },
    };
    let saved = serde_json::json!({ "url": site.url, "row": row });
    let _ = std::fs::write(&file, serde_json::to_string(&saved).unwrap_or_default());
    row
}

#[derive(serde::Deserialize)]
struct SavedSite {
    url: String,
    row: BatchRow,
}
