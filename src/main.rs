//! The govcheck command line: check a saved page or a URL, list rules, explain one.
//! Exit codes: 0 nothing failed, 1 failures found, 2 bad usage or input.

mod cli;

use std::process::ExitCode;
use std::time::Duration;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use govcheck::{Options, PageInput, Source, registry};

#[derive(Parser)]
#[command(name = "govcheck", version, about = "政府网站合规检查 · Compliance checker for Chinese government websites")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查一个网页（文件、URL 或 - 表示标准输入） · Check one page (file, URL, or - for stdin)
    Check {
        /// File path, http(s) URL, or `-`
        target: String,
        /// 检查日期（监测时间点），默认为北京时间今天 · Inspection date, default today in China (UTC+8)
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// 只运行这些规则 · Run only these rule ids (repeatable)
        #[arg(long = "rule", value_name = "ID", num_args = 1..)]
        rules: Vec<String>,
        /// 页面原始网址（检查本地文件时） · The page's address, when checking a saved file
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// HTML 来源：raw 服务器原始代码，live 浏览器渲染后 · raw server HTML or live (rendered) DOM
        #[arg(long, value_enum, default_value_t = SourceArg::Raw)]
        source: SourceArg,
        /// 阈值配置（JSON） · Thresholds as a JSON file (keys of Options)
        #[arg(long, value_name = "FILE")]
        options: Option<String>,
        /// 网络超时秒数 · Network timeout in seconds
        #[arg(long, default_value_t = 20)]
        timeout: u64,
        #[command(flatten)]
        net: NetArgs,
        #[command(flatten)]
        baseline: BaselineArgs,
    },
    /// 列出全部规则 · List all rules
    Rules {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 说明一条规则（默认中文） · Explain one rule (Chinese unless --lang en)
    Explain {
        id: String,
        /// 说明的语言：zh 中文，en 英文 · Language of the explanation
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// 长期监测：网站可访问性与首页更新（历史保存在 SQLite） · Monitoring over time, history in SQLite
    Monitor {
        #[command(subcommand)]
        command: MonitorCommand,
    },
    /// 检查整站：从首页抓取全站并按指标汇总 · Crawl a whole site and judge its site-level indicators
    Site {
        /// 网站首页网址 · The site's start URL
        url: String,
        #[command(flatten)]
        common: SiteArgs,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// 写入文件而非标准输出 · Write the report to FILE instead of stdout
        #[arg(long, value_name = "FILE")]
        output: Option<String>,
        #[command(flatten)]
        baseline: BaselineArgs,
    },
    /// 批量检查网站清单（SITES.csv：name,url[,site_code]） · Check every site of a list, the quarterly spot check
    Batch {
        /// CSV 文件，首行为列名 name,url[,site_code] · CSV with a header row: name,url[,site_code]
        sites: String,
        /// 输出目录 · Output directory (report.json, report.csv, report.html, sites/)
        #[arg(long, value_name = "DIR")]
        output: String,
        #[command(flatten)]
        common: SiteArgs,
        /// 同时检查的网站数 · Sites checked at once
        #[arg(long, default_value_t = 2)]
        jobs: usize,
        /// 跳过输出目录中已完成的网站 · Skip sites already done in DIR
        #[arg(long)]
        resume: bool,
    },
}

#[derive(Subcommand)]
enum MonitorCommand {
    /// 探测一次（可同时探测多个网址） · Probe each URL once and record it
    Probe {
        /// 监测数据库（默认 GOVCHECK_DB 或用户数据目录） · History database (default: GOVCHECK_DB or the user data directory)
        #[arg(long, value_name = "FILE")]
        db: Option<String>,
        /// 记录为该时间的探测（RFC 3339），默认当前时间 · Record the probe as taken at TIME (RFC 3339)
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// 超时秒数（未在此时间内响应即为失败） · A probe fails with no answer within SECS
        #[arg(long, default_value_t = 15)]
        timeout: u64,
        /// 同时探测的网站数 · Sites probed at once
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
        #[command(flatten)]
        net: NetArgs,
        #[arg(required = true)]
        urls: Vec<String>,
    },
    /// 按 7 天/14 天窗口判定 · Judge the 7-day and 14-day windows that end with --today
    Report {
        #[arg(long, value_name = "FILE")]
        db: Option<String>,
        /// 窗口截止日期（北京时间当天 24:00） · Windows end with the end of this day, China time
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 列出监测中的网站 · What is watched, last probe, last homepage change
    Sites {
        #[arg(long, value_name = "FILE")]
        db: Option<String>,
    },
}

/// Switches of `site` and `batch`.
#[derive(clap::Args, Clone)]
struct SiteArgs {
    /// 检查日期（监测时间点），默认为北京时间今天 · Inspection date, default today in China (UTC+8)
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// 最多抓取页数 · Pages fetched at most
    #[arg(long, default_value_t = 500)]
    max_pages: usize,
    /// 最大链接深度 · Links followed from the start page at most
    #[arg(long, default_value_t = 5)]
    max_depth: u32,
    /// 同时请求数（每个网站最多 4） · Requests in flight per site (at most 4)
    #[arg(long, default_value_t = 4)]
    concurrency: usize,
    /// 单个请求超时秒数 · Timeout of one request, seconds
    #[arg(long, default_value_t = 15)]
    timeout: u64,
    /// 两次请求之间的间隔毫秒数 · Polite delay between two requests, milliseconds
    #[arg(long, default_value_t = 0, value_name = "MS")]
    delay: u64,
    /// 整站抓取最长秒数 · Total time allowed for one site, seconds
    #[arg(long, default_value_t = 1800, value_name = "SECS")]
    max_time: u64,
    /// 不遵守 robots.txt · Do not respect robots.txt
    #[arg(long)]
    ignore_robots: bool,
    /// 读取监测历史（govcheck monitor），将长期监测结论并入报告 · Carry monitored verdicts from this history database
    #[arg(long, value_name = "FILE")]
    db: Option<String>,
    /// 阈值配置（JSON） · Thresholds as a JSON file (keys of Options)
    #[arg(long, value_name = "FILE")]
    options: Option<String>,
    #[command(flatten)]
    net: NetArgs,
}

impl SiteArgs {
    fn today(&self) -> Result<NaiveDate, String> {
        parse_today(self.today.clone())
    }
    fn options(&self) -> Result<Options, String> {
        read_options(self.options.clone())
    }
    fn crawl(&self) -> govcheck::site::CrawlOptions {
        govcheck::site::CrawlOptions {
            max_pages: self.max_pages,
            max_depth: self.max_depth,
            concurrency: self.concurrency,
            respect_robots: !self.ignore_robots,
        }
    }
    fn drive(&self, options: &Options, what: &str) -> Result<cli::site::Drive, String> {
        Ok(cli::site::Drive {
            client: self.net.client(self.timeout, options.max_html_bytes as u64)?,
            delay: Duration::from_millis(self.delay),
            max_time: Duration::from_secs(self.max_time.max(1)),
            progress: cli::site::progress_bar(what),
        })
    }
}

fn parse_today(today: Option<String>) -> Result<NaiveDate, String> {
    match today {
        Some(d) => NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| govcheck::Error::BadDate(d).to_string()),
        None => Ok(china_today()),
    }
}

fn read_options(path: Option<String>) -> Result<Options, String> {
    match path {
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("无法读取 cannot read {path}: {e}"))?;
            serde_json::from_str(&text).map_err(|e| govcheck::Error::BadOptions(e.to_string()).to_string())
        }
        None => Ok(Options::default()),
    }
}

/// Triage marks kept across checks (see src/baseline.rs for the file format).
#[derive(clap::Args, Clone, Default)]
struct BaselineArgs {
    /// 基线文件：其中标记的问题（误报、已知/接受、已整改）单独列出、单独计数，退出码只看未标记的不合格 · Baseline file: marked findings are reported and counted apart; the exit status follows the unmarked failures
    #[arg(long, value_name = "FILE")]
    baseline: Option<String>,
    /// 把本次发现的问题写成基线文件（全部标为“已知/接受”，可再逐条改为“误报”“已整改”） · Write the problems found as a baseline file (all marked accepted; edit marks to false_alarm or fixed)
    #[arg(long = "write-baseline", value_name = "FILE")]
    write_baseline: Option<String>,
}

impl BaselineArgs {
    fn read(&self) -> Result<Option<govcheck::baseline::Baseline>, String> {
        let Some(path) = &self.baseline else { return Ok(None) };
        let text = std::fs::read_to_string(path).map_err(|e| format!("无法读取基线文件 cannot read baseline {path}: {e}"))?;
        govcheck::baseline::Baseline::parse(&text).map(Some).map_err(|e| format!("{path}: {e}"))
    }

    fn write(&self, baseline: &govcheck::baseline::Baseline) -> Result<(), String> {
        let Some(path) = &self.write_baseline else { return Ok(()) };
        let text = serde_json::to_string_pretty(baseline).map_err(|e| e.to_string())? + "\n";
        std::fs::write(path, text).map_err(|e| format!("无法写入基线文件 cannot write baseline {path}: {e}"))?;
        eprintln!("已写入基线 {path}：{} 条 · baseline written: {} entries", baseline.entries.len(), baseline.entries.len());
        Ok(())
    }
}

/// Network switches shared by every command that fetches.
#[derive(clap::Args, Clone, Default)]
struct NetArgs {
    /// 把主机名解析到指定地址（同 curl） · Resolve HOST:PORT to ADDR, as curl does (repeatable)
    #[arg(long = "resolve", value_name = "HOST:PORT:ADDR")]
    resolve: Vec<String>,
    /// 允许重定向到内网/本机地址 · Follow redirects to private, loopback or link-local addresses
    #[arg(long)]
    allow_private: bool,
}

impl NetArgs {
    fn client(&self, timeout: u64, max_bytes: u64) -> Result<cli::fetch::Client, String> {
        Ok(cli::fetch::Client::new(cli::fetch::ClientOptions {
            timeout: Duration::from_secs(timeout.max(1)),
            resolve: cli::fetch::ResolveMap::parse(&self.resolve)?,
            allow_private: self.allow_private,
            max_bytes,
        }))
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
    Csv,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for registry::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => registry::Lang::Zh,
            LangArg::En => registry::Lang::En,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum SourceArg {
    Raw,
    Live,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("govcheck: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Rules { format } => {
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&registry::RuleDoc::all()).map_err(|e| e.to_string())?);
            } else {
                for r in registry::ALL {
                    println!("{:<28} {:<6} {} · {}", r.meta.id, r.meta.effect.label_zh(), r.meta.title, r.meta.title_en);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { id, lang } => {
            let rule = registry::find(&id).ok_or_else(|| govcheck::Error::UnknownRule(id.clone()).to_string())?;
            let m = rule.meta;
            let lang = registry::Lang::from(lang);
            let category = registry::category_label(m.category, lang);
            if lang == registry::Lang::En {
                println!("{} — {} ({})", m.id, m.title_en, m.title);
                println!("Category: {category} · Effect: {}", m.effect.label_en());
                println!("Basis: {}", m.basis_en);
            } else {
                println!("{} — {}", m.id, m.title);
                println!("类别：{category} · 效力：{}", m.effect.label_zh());
                println!("依据：{}", m.basis);
            }
            for line in m.docs_in(lang).lines() {
                if line.starts_with("## ") {
                    println!();
                }
                println!("{line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Monitor { command } => run_monitor(command),
        Command::Site { url, common, format, output, baseline } => {
            let marks = baseline.read()?;
            let (today, options) = (common.today()?, common.options()?);
            let crawl = govcheck::site::Crawl::new(&url, today, options.clone(), common.crawl()).map_err(|e| e.to_string())?;
            let drive = common.drive(&options, "检查整站")?;
            let mut report = cli::site::run(crawl, &drive, common.concurrency.clamp(1, govcheck::site::MAX_CONCURRENCY))?;
            if let Some(db) = &common.db {
                let conn = cli::monitor::open(std::path::Path::new(db))?;
                if let Some(m) = cli::monitor::report(&conn, today, std::slice::from_ref(&url))?.first() {
                    govcheck::site::attach_monitoring(&mut report, m);
                }
            }
            if let Some(b) = &marks {
                b.apply_to_site(&mut report);
            }
            baseline.write(&govcheck::baseline::Baseline::from_site(&report))?;
            let out = match format {
                Format::Text => govcheck::site::render::text(&report),
                Format::Json => serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n",
                Format::Csv => govcheck::site::render::csv(&report),
                Format::Html => govcheck::site::render::html(&report),
            };
            match output {
                Some(path) => std::fs::write(&path, out).map_err(|e| format!("无法写入 cannot write {path}: {e}"))?,
                None => print!("{out}"),
            }
            let failing = match &report.baseline {
                Some(b) => b.unmarked_failed > 0,
                None => report.verdict.status != govcheck::site::SiteStatus::Pass,
            };
            Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Batch { sites, output, common, jobs, resume } => {
            let (today, options) = (common.today()?, common.options()?);
            let list = cli::batch::read_sites(&sites)?;
            // Fail on bad network switches now, not once per site.
            common.drive(&options, "")?;
            let job = cli::batch::BatchJob { today, options: options.clone(), crawl: common.crawl(), jobs, resume, db: common.db.clone() };
            let rows = cli::batch::run_batch(list, std::path::Path::new(&output), job, || common.drive(&options, "").expect("checked above"))?;
            let failing = rows.iter().filter(|r| r.verdict.status != govcheck::site::SiteStatus::Pass).count();
            eprintln!(
                "{} 个网站，{} 个合格，{} 个存在问题或无法访问；报告 {output}/report.html / {} sites, {} pass",
                rows.len(),
                rows.len() - failing,
                failing,
                rows.len(),
                rows.len() - failing
            );
            Ok(if failing == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Check { target, today, format, rules, url, source, options, timeout, net, baseline } => {
            let marks = baseline.read()?;
            let today = parse_today(today)?;
            let options = read_options(options)?;
            let (html, fetched_url) = load(&target, &options, timeout, &net)?;
            let page_url = url.or(fetched_url.clone());
            let input = PageInput {
                html: &html,
                url: page_url.as_deref(),
                today,
                source: match source {
                    SourceArg::Raw => Source::Raw,
                    SourceArg::Live => Source::Live,
                },
                options,
                only_rules: rules,
            };
            let mut report = govcheck::check(&input).map_err(|e| e.to_string())?;
            if fetched_url.is_some() {
                report.meta.requested_url = Some(target.clone());
            }
            if let Some(b) = &marks {
                b.apply_to_report(&mut report);
            }
            baseline.write(&govcheck::baseline::Baseline::from_report(&report))?;
            let out = match format {
                Format::Text => govcheck::report::text::render(&report),
                Format::Json => serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n",
                Format::Csv => govcheck::report::csv::render(&report),
                Format::Html => govcheck::report::html::render(&report),
            };
            print!("{out}");
            let failing = match &report.baseline {
                Some(b) => b.unmarked_failed > 0,
                None => report.verdict.failed > 0,
            };
            Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    }
}

fn run_monitor(command: MonitorCommand) -> Result<ExitCode, String> {
    use cli::monitor;
    match command {
        MonitorCommand::Probe { db, at, timeout, concurrency, net, urls } => {
            for u in &urls {
                if !(u.starts_with("http://") || u.starts_with("https://")) {
                    return Err(govcheck::Error::BadUrl(u.clone()).to_string());
                }
            }
            let at = match at {
                Some(t) => Some(
                    chrono::DateTime::parse_from_rfc3339(&t)
                        .map_err(|_| format!("时间“{t}”无效，应为 RFC 3339（如 2024-06-15T09:00:00+08:00） / invalid time “{t}”, expected RFC 3339"))?
                        .with_timezone(&chrono::Utc),
                ),
                None => None,
            };
            let conn = monitor::open(&monitor::db_path(db)?)?;
            let client = net.client(timeout, Options::default().max_html_bytes as u64)?;
            let done = monitor::probe_all(conn, &client, &urls, at, concurrency)?;
            let failed = done.iter().filter(|(_, p)| !p.ok).count();
            eprintln!("已探测 {} 个网址，{} 个无法访问 / probed {}, {} failed", done.len(), failed, done.len(), failed);
            Ok(ExitCode::SUCCESS)
        }
        MonitorCommand::Report { db, today, format } => {
            let today = parse_today(today)?;
            let conn = monitor::open(&monitor::db_path(db)?)?;
            let sites = monitor::report(&conn, today, &[])?;
            let out = match format {
                Format::Json => {
                    serde_json::to_string_pretty(&serde_json::json!({ "today": today.to_string(), "sites": sites })).map_err(|e| e.to_string())? + "\n"
                }
                Format::Html => monitor::render_html(&sites, today),
                Format::Text | Format::Csv => monitor::render_text(&sites, today),
            };
            print!("{out}");
            let failing = sites.iter().any(|s| s.indicators.iter().any(|i| i.outcome == govcheck::Outcome::Fail));
            Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        MonitorCommand::Sites { db } => {
            let conn = monitor::open(&monitor::db_path(db)?)?;
            print!("{}", monitor::sites(&conn)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Today in China Standard Time (UTC+8), the time zone of every window in the rules.
fn china_today() -> NaiveDate {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = ((secs + 8 * 3600) / 86400) as i64;
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(days)
}

/// Read a file, stdin or URL into text decoded by its real charset. For a URL, also the final
/// address after redirects: the page is judged under the host that served it.
fn load(target: &str, options: &Options, timeout: u64, net: &NetArgs) -> Result<(String, Option<String>), String> {
    let limit = options.max_html_bytes as u64;
    let too_large = |bytes: u64| govcheck::Error::TooLarge { bytes: bytes as usize, max: options.max_html_bytes }.to_string();
    if target.starts_with("http://") || target.starts_with("https://") {
        let client = net.client(timeout, limit)?;
        let got = client.get(target).map_err(|e| format!("无法访问 cannot fetch {target}: {}", e.describe()))?;
        if !(200..300).contains(&got.status) {
            return Err(format!("服务器返回 HTTP {0} / server answered HTTP {0} for {1}", got.status, got.final_url));
        }
        let (text, _) = govcheck::decode_bytes(&got.body, got.content_type.as_deref());
        return Ok((text, Some(got.final_url)));
    }
    // Every input through a size-limited reader: special files (/dev/zero) report no size.
    let read = if target == "-" {
        cli::fetch::read_limited(std::io::stdin().lock(), limit).map_err(|e| format!("无法读取标准输入 cannot read stdin: {e}"))?
    } else {
        let meta = std::fs::metadata(target).map_err(|e| format!("无法打开 cannot open {target}: {e}"))?;
        if meta.is_dir() {
            return Err(format!("{target} 是目录，不是文件 / is a directory, not a file"));
        }
        if meta.len() > limit {
            return Err(too_large(meta.len()));
        }
        let file = std::fs::File::open(target).map_err(|e| format!("无法打开 cannot open {target}: {e}"))?;
        cli::fetch::read_limited(file, limit).map_err(|e| format!("无法读取 cannot read {target}: {e}"))?
    };
    let bytes = read.map_err(|_| too_large(limit + 1))?;
    Ok((govcheck::decode_bytes(&bytes, None).0, None))
}
