//! The govcheck command line: check a saved page or a URL, list rules, explain one.
//! Exit codes: 0 nothing failed, 1 failures found, 2 bad usage or input.

use std::io::Read;
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
    },
    /// 列出全部规则 · List all rules
    Rules {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 说明一条规则 · Explain one rule
    Explain { id: String },
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
    Csv,
    Html,
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
                let metas: Vec<_> = registry::ALL.iter().map(|r| r.meta).collect();
                println!("{}", serde_json::to_string_pretty(&metas).map_err(|e| e.to_string())?);
            } else {
                for r in registry::ALL {
                    println!("{:<28} {:<6} {} · {}", r.meta.id, r.meta.effect.label_zh(), r.meta.title, r.meta.title_en);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { id } => {
            let rule = registry::find(&id).ok_or_else(|| govcheck::Error::UnknownRule(id.clone()).to_string())?;
            let m = rule.meta;
            println!("{} — {} · {}", m.id, m.title, m.title_en);
            println!("类别 Category: {} · 效力 Effect: {}", m.category, m.effect.label_zh());
            println!("依据 Basis: {}\n          {}", m.basis, m.basis_en);
            println!();
            println!("{}", m.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n"));
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { target, today, format, rules, url, source, options, timeout } => {
            let today = match today {
                Some(d) => NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| govcheck::Error::BadDate(d).to_string())?,
                None => china_today(),
            };
            let options: Options = match options {
                Some(path) => {
                    let text = std::fs::read_to_string(&path).map_err(|e| format!("无法读取 cannot read {path}: {e}"))?;
                    serde_json::from_str(&text).map_err(|e| govcheck::Error::BadOptions(e.to_string()).to_string())?
                }
                None => Options::default(),
            };
            let (html, fetched_url) = load(&target, &options, timeout)?;
            let page_url = url.or(fetched_url);
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
            let report = govcheck::check(&input).map_err(|e| e.to_string())?;
            let out = match format {
                Format::Text => govcheck::report::text::render(&report),
                Format::Json => serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n",
                Format::Csv => govcheck::report::csv::render(&report),
                Format::Html => govcheck::report::html::render(&report),
            };
            print!("{out}");
            Ok(if report.verdict.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    }
}

/// Today in China Standard Time (UTC+8), the time zone of every window in the rules.
fn china_today() -> NaiveDate {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = ((secs + 8 * 3600) / 86400) as i64;
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(days)
}

/// Read a file, stdin or URL into text decoded by its real charset.
fn load(target: &str, options: &Options, timeout: u64) -> Result<(String, Option<String>), String> {
    let limit = options.max_html_bytes as u64;
    if target.starts_with("http://") || target.starts_with("https://") {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(timeout)))
            .user_agent(concat!("govcheck/", env!("CARGO_PKG_VERSION")))
            .http_status_as_error(false)
            .build()
            .into();
        let mut resp = agent.get(target).call().map_err(|e| format!("无法访问 cannot fetch {target}: {e}"))?;
        let status = resp.status();
        if !status.is_success() {
            return Err(format!("服务器返回 HTTP {} / server answered HTTP {} for {target}", status.as_u16(), status.as_u16()));
        }
        let ct = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_string);
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(limit + 1)
            .read_to_vec()
            .map_err(|e| format!("读取响应失败 cannot read the response: {e}"))?;
        let (text, _) = govcheck::decode_bytes(&bytes, ct.as_deref());
        return Ok((text, Some(target.to_string())));
    }
    let mut bytes = Vec::new();
    if target == "-" {
        std::io::stdin().take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("无法读取标准输入 cannot read stdin: {e}"))?;
    } else {
        let meta = std::fs::metadata(target).map_err(|e| format!("无法打开 cannot open {target}: {e}"))?;
        if meta.is_dir() {
            return Err(format!("{target} 是目录，不是文件 / is a directory, not a file"));
        }
        if meta.len() > limit {
            return Err(govcheck::Error::TooLarge { bytes: meta.len() as usize, max: options.max_html_bytes }.to_string());
        }
        bytes = std::fs::read(target).map_err(|e| format!("无法读取 cannot read {target}: {e}"))?;
    }
    if bytes.len() as u64 > limit {
        return Err(govcheck::Error::TooLarge { bytes: bytes.len(), max: options.max_html_bytes }.to_string());
    }
    Ok((govcheck::decode_bytes(&bytes, None).0, None))
}
