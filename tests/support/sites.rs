//! Generated government sites for the site-check tests: a template in two layouts (a TRS-style
//! portal with `<ul>` blocks, and an older table-layout portal), with defects planted on
//! purpose and traps (404s, a redirect loop, a slow page, PDFs, off-site and mailto links, a
//! GBK page, pagination, one column reached three ways). Every count a test asserts comes
//! from the spec, not from running the engine.
#![allow(dead_code)]

use std::collections::HashMap;
use std::time::Duration;

use super::Reply;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    /// `<div class="box"><div class="hd"><h3>…</h3><a class="more">` blocks with `<ul>` lists.
    Portal,
    /// A 2015-style table layout: `<table>` blocks, `<td class="title">` headers, dates in cells.
    Tables,
}

#[derive(Clone, Debug)]
pub struct Spec {
    pub layout: Layout,
    /// The inspection date the site is generated for.
    pub today: (i32, u32, u32),
    /// 动态/通知/政策 columns whose newest item is a year old.
    pub stale_core: usize,
    /// Other (non-core) columns a year old.
    pub stale_other: usize,
    /// Fresh extra columns.
    pub fresh_other: usize,
    /// Columns whose list page shows 暂无信息.
    pub blank: usize,
    /// Guides complete, and guides missing 7 element categories.
    pub good_guides: usize,
    pub bad_guides: usize,
    /// Messages of the past months left unanswered for > 90 days.
    pub unanswered: usize,
    /// Plant the traps (404, loop, slow, PDF, off-site, mailto, GBK page).
    pub traps: bool,
    /// Articles per column list page.
    pub items: usize,
    /// Extra filler pages under one column (for size benchmarks).
    pub filler_pages: usize,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            layout: Layout::Portal,
            today: (2024, 6, 15),
            stale_core: 0,
            stale_other: 0,
            fresh_other: 2,
            blank: 0,
            good_guides: 3,
            bad_guides: 0,
            unanswered: 0,
            traps: false,
            items: 5,
            filler_pages: 0,
        }
    }
}

pub const HOST: &str = "www.testcity.gov.cn";
pub const SITE_CODE: &str = "3609000099";

fn date(spec: &Spec, days_ago: i64) -> String {
    let (y, m, d) = spec.today;
    let today = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    (today - chrono::Duration::days(days_ago)).format("%Y-%m-%d").to_string()
}

fn compact(d: &str) -> String {
    d.replace('-', "")
}

struct Col {
    name: String,
    path: String,
    /// Days since the newest item; None = blank column.
    newest_days_ago: Option<i64>,
}

fn columns(spec: &Spec) -> Vec<Col> {
    let mut v = vec![
        Col { name: "工作动态".into(), path: "/gzdt/".into(), newest_days_ago: Some(2) },
        Col { name: "通知公告".into(), path: "/tzgg/".into(), newest_days_ago: Some(10) },
        Col { name: "政策文件".into(), path: "/zcwj/".into(), newest_days_ago: Some(30) },
        Col { name: "国务院信息".into(), path: "/gwyxx/".into(), newest_days_ago: Some(1) },
    ];
    let core_names = ["部门动态", "乡镇动态", "公示公告", "规范性文件", "媒体关注", "基层动态", "政府文件"];
    for i in 0..spec.stale_core {
        v.push(Col {
            name: core_names[i % core_names.len()].to_string() + &suffix(i / core_names.len()),
            path: format!("/core{i}/"),
            newest_days_ago: Some(400),
        });
    }
    let other_names = ["统计数据", "政策解读", "机构职能", "领导之窗", "财政预决算", "建议提案办理", "应急管理", "审计结果"];
    for i in 0..spec.stale_other {
        v.push(Col {
            name: other_names[i % other_names.len()].to_string() + &suffix(i / other_names.len()),
            path: format!("/other{i}/"),
            newest_days_ago: Some(400),
        });
    }
    let fresh_names = ["图片新闻", "便民服务", "数据发布", "公众参与"];
    for i in 0..spec.fresh_other {
        v.push(Col {
            name: fresh_names[i % fresh_names.len()].to_string() + &suffix(i / fresh_names.len()),
            path: format!("/fresh{i}/"),
            newest_days_ago: Some(3),
        });
    }
    let blank_names = ["政府公报", "人大建议", "政协提案", "重大项目", "价格信息", "民生实事"];
    for i in 0..spec.blank {
        v.push(Col {
            name: blank_names[i % blank_names.len()].to_string() + &suffix(i / blank_names.len()),
            path: format!("/blank{i}/"),
            newest_days_ago: None,
        });
    }
    v
}

fn suffix(n: usize) -> String {
    if n == 0 { String::new() } else { format!("{}", n + 1) }
}

fn article_path(col: &Col, spec: &Spec, k: usize) -> (String, String) {
    let d = date(spec, col.newest_days_ago.unwrap_or(0) + 7 * k as i64);
    (format!("{}{}/t{}_{}.html", col.path, &compact(&d)[..6], compact(&d), k + 1), d)
}

fn header(spec: &Spec) -> String {
    let _ = spec;
    "<div class=\"topbar\"><a href=\"javascript:;\" id=\"cniil_wza\">无障碍</a> <a href=\"/oldman/\">长者模式</a></div>\
<div class=\"search\"><form action=\"/search/\" method=\"get\"><input type=\"text\" name=\"q\" placeholder=\"请输入关键字\"><button type=\"submit\">搜索</button></form></div>\
<div class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li><li><a href=\"/gzdt/index.html\">工作动态</a></li><li><a href=\"/tzgg/\">通知公告</a></li>\
<li><a href=\"https://zwfw.testcity-zwfw.gov.cn/\">政务服务</a></li><li><a href=\"/bszn/\">办事指南</a></li><li><a href=\"/hdjl/\">互动交流</a></li><li><a href=\"/hdjl/szxx/\">市长信箱</a></li></ul></div>"
        .to_string()
}

fn footer() -> String {
    format!(
        "<div class=\"footer\"><a href=\"http://bszs.conac.cn/sitename?method=show&amp;id=0123456789ABCDEF0123456789ABCDEF\" title=\"党政机关\"><img src=\"/images/red.png\"></a>\
<a href=\"https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={SITE_CODE}&amp;url=http%3A%2F%2F{HOST}%2F\"><img src=\"/images/jiucuo.png\"></a>\
<p><a href=\"/wzdt/\">网站地图</a> | <a href=\"/lxwm/\">联系我们</a></p>\
<p><span>主办单位：测试市人民政府办公室</span>&nbsp;&nbsp;联系电话：0795-1234567</p>\
<p>网站标识码：{SITE_CODE}&nbsp;&nbsp;<a href=\"https://beian.miit.gov.cn/\">赣ICP备06000999号</a>&nbsp;&nbsp;\
<a href=\"http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=36090202000099\"><img src=\"/images/ga.png\">赣公网安备 36090202000099号</a></p></div>"
    )
}

fn page(spec: &Spec, title: &str, metas: &str, body: &str) -> String {
    // The tags the national spec asks of column pages and articles (meta-tags rule).
    let mut metas = metas.to_string();
    if metas.contains("ArticleTitle") {
        metas += "<meta name=\"ContentSource\" content=\"测试市人民政府办公室\">";
    } else if metas.contains("ColumnName") {
        metas += &format!("<meta name=\"ColumnDescription\" content=\"{title}\"><meta name=\"ColumnKeywords\" content=\"{title}\">");
        if !metas.contains("ColumnType") {
            metas += &format!("<meta name=\"ColumnType\" content=\"{title}\">");
        }
    }
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title} - 测试市人民政府</title>\
<meta name=\"SiteName\" content=\"测试市人民政府\"><meta name=\"SiteDomain\" content=\"{HOST}\"><meta name=\"SiteIDCode\" content=\"{SITE_CODE}\">{metas}</head>\
<body>{}<div class=\"main\">{body}</div>{}</body></html>",
        header(spec),
        footer()
    )
}

fn items_html(spec: &Spec, col: &Col, n: usize, skip: usize) -> String {
    let mut s = String::new();
    for k in skip..skip + n {
        let (href, d) = article_path(col, spec, k);
        match spec.layout {
            Layout::Portal => {
                s += &format!("<li><a href=\"{href}\" title=\"{0}第{1}条信息\">{0}第{1}条信息</a><span class=\"date\">{d}</span></li>", col.name, k + 1)
            }
            Layout::Tables => {
                s += &format!("<tr><td class=\"dot\">·</td><td><a href=\"{href}\">{0}第{1}条信息</a></td><td class=\"time\">[{d}]</td></tr>", col.name, k + 1)
            }
        }
    }
    s
}

fn block(spec: &Spec, col: &Col, more_href: &str) -> String {
    let list = match col.newest_days_ago {
        Some(_) => items_html(spec, col, spec.items.min(5), 0),
        None => match spec.layout {
            Layout::Portal => "<li>暂无信息</li>".to_string(),
            Layout::Tables => "<tr><td>暂无信息</td></tr>".to_string(),
        },
    };
    match spec.layout {
        Layout::Portal => format!(
            "<div class=\"box\"><div class=\"hd\"><h3>{}</h3><a class=\"more\" href=\"{more_href}\">更多&gt;&gt;</a></div><ul>{list}</ul></div>",
            col.name
        ),
        Layout::Tables => format!(
            "<table class=\"lm\" width=\"100%\"><tr><td class=\"title\">{}</td><td align=\"right\"><a href=\"{more_href}\">更多</a></td></tr><tr><td colspan=\"2\"><table width=\"100%\">{list}</table></td></tr></table>",
            col.name
        ),
    }
}

fn list_page(spec: &Spec, col: &Col, page_no: usize) -> String {
    let body = match col.newest_days_ago {
        Some(_) => {
            let items = items_html(spec, col, spec.items, page_no * spec.items);
            let next = if page_no == 0 { "<div class=\"page\"><a href=\"index_1.html\">下一页</a></div>".to_string() } else { String::new() };
            match spec.layout {
                Layout::Portal => format!(
                    "<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; {0}</div><div class=\"list\"><h2>{0}</h2><ul>{items}</ul>{next}</div>",
                    col.name
                ),
                Layout::Tables => format!("<table><tr><td class=\"title\">{0}</td></tr><tr><td><table>{items}</table></td></tr></table>{next}", col.name),
            }
        }
        None => format!("<div class=\"list\"><h2>{0}</h2><ul><li>暂无信息</li></ul></div>", col.name),
    };
    page(spec, &col.name, &format!("<meta name=\"ColumnName\" content=\"{}\"><meta name=\"ColumnType\" content=\"{}\">", col.name, col.name), &body)
}

fn article(spec: &Spec, col: &Col, k: usize, d: &str) -> String {
    page(
        spec,
        &format!("{}第{}条信息", col.name, k + 1),
        &format!(
            "<meta name=\"ArticleTitle\" content=\"{0}第{1}条信息\"><meta name=\"PubDate\" content=\"{d} 09:00\"><meta name=\"ColumnName\" content=\"{0}\">",
            col.name,
            k + 1
        ),
        &format!("<h1>{}第{}条信息</h1><p class=\"info\">发布时间：{d}</p><p>正文内容。</p>", col.name, k + 1),
    )
}

const GUIDE_FULL: &[(&str, &str)] = &[
    ("事项名称", "NAME"),
    ("设定依据", "《中华人民共和国行政许可法》"),
    ("受理条件", "符合条件的申请人"),
    ("申请材料", "居民身份证"),
    ("办理地点", "市政务服务中心二楼"),
    ("办公时间", "周一至周五 9:00-17:00"),
    ("咨询电话", "0795-1234567"),
    ("办理流程", "申请—受理—审核—办结"),
    ("实施机构", "测试市行政审批局"),
    ("收费标准", "不收费"),
];

fn guide(spec: &Spec, n: usize, complete: bool) -> String {
    let name = format!("测试事项{}", n + 1);
    let rows: String = GUIDE_FULL
        .iter()
        .enumerate()
        .filter(|(i, _)| complete || *i == 0 || *i == 3 || *i == 6)
        .map(|(_, (k, v))| format!("<tr><th>{k}</th><td>{}</td></tr>", v.replace("NAME", &name)))
        .collect();
    page(
        spec,
        &format!("{name} 办事指南"),
        "<meta name=\"ColumnName\" content=\"办事指南\"><meta name=\"ColumnType\" content=\"办事服务\">",
        &format!("<h1>办事指南</h1><table class=\"guide\">{rows}</table>"),
    )
}

fn messages(spec: &Spec) -> String {
    let mut rows = String::new();
    for i in 0..3 {
        rows += &format!(
            "<tr><td><a href=\"/hdjl/m{i}.html\">关于第{}项工作的咨询</a></td><td>{}</td><td>已回复</td><td>{}</td></tr>",
            i + 1,
            date(spec, 30 + i as i64 * 10),
            date(spec, 25 + i as i64 * 10)
        );
    }
    for i in 0..spec.unanswered {
        rows += &format!(
            "<tr><td><a href=\"/hdjl/u{i}.html\">反映第{}处道路破损问题</a></td><td>{}</td><td>未回复</td><td></td></tr>",
            i + 1,
            date(spec, 120 + i as i64 * 5)
        );
    }
    page(
        spec,
        "咨询留言",
        "<meta name=\"ColumnName\" content=\"咨询留言\"><meta name=\"ColumnType\" content=\"互动交流\">",
        &format!("<h1>咨询留言</h1><table class=\"msg\"><tr><th>标题</th><th>留言时间</th><th>状态</th><th>回复时间</th></tr>{rows}</table>"),
    )
}

/// The whole site: path (as the server sees it, with query) → reply.
pub fn generate(spec: &Spec) -> HashMap<String, Reply> {
    let mut site = HashMap::new();
    let cols = columns(spec);
    // Homepage: every column's block; 工作动态 linked three ways (block 更多 → /gzdt/, nav →
    // /gzdt/index.html, site map → the bare host's /gzdt/).
    let mut blocks = String::new();
    for c in &cols {
        blocks += &block(spec, c, &c.path);
    }
    let mut extra = String::new();
    if spec.traps {
        extra += "<div class=\"links\"><a href=\"/missing.html\">已删除的页面</a> <a href=\"/loop/a\">循环</a> <a href=\"/slow/\">慢页面</a> \
<a href=\"/files/report.pdf\">年度报告.pdf</a> <a href=\"mailto:admin@testcity.gov.cn\">联系邮箱</a> <a href=\"javascript:void(0)\">切换</a> \
<a href=\"https://www.gov.cn/\">中国政府网</a> <a href=\"/gbk/\">老栏目</a></div>";
    }
    let home = page(spec, "首页", "<meta name=\"ColumnName\" content=\"首页\"><meta name=\"ColumnType\" content=\"首页\">", &format!("{blocks}{extra}"));
    site.insert("/".into(), Reply::html(home));
    for c in &cols {
        site.insert(c.path.clone(), Reply::html(list_page(spec, c, 0)));
        if c.newest_days_ago.is_some() {
            site.insert(format!("{}index_1.html", c.path), Reply::html(list_page(spec, c, 1)));
            for k in 0..spec.items * 2 {
                let (href, d) = article_path(c, spec, k);
                site.insert(href, Reply::html(article(spec, c, k, &d)));
            }
        }
    }
    // /gzdt/index.html is the same page as /gzdt/.
    site.insert("/gzdt/index.html".into(), Reply::html(list_page(spec, &cols[0], 0)));
    // Site map: every column, 工作动态 through the bare host.
    let mut map = String::from("<h1>网站地图</h1><ul>");
    for c in &cols {
        let href = if c.path == "/gzdt/" { "http://testcity.gov.cn/gzdt/".to_string() } else { c.path.clone() };
        map += &format!("<li><a href=\"{href}\">{}</a></li>", c.name);
    }
    map += "<li><a href=\"/bszn/\">办事指南</a></li><li><a href=\"/hdjl/\">咨询留言</a></li></ul>";
    site.insert("/wzdt/".into(), Reply::html(page(spec, "网站地图", "<meta name=\"ColumnName\" content=\"网站地图\">", &map)));
    // Guides.
    let mut list = String::from("<h1>办事指南</h1><ul class=\"guides\">");
    for i in 0..spec.good_guides + spec.bad_guides {
        list += &format!("<li><a href=\"/bszn/g{i}.html\">测试事项{}办事指南</a></li>", i + 1);
        site.insert(format!("/bszn/g{i}.html"), Reply::html(guide(spec, i, i < spec.good_guides)));
    }
    list += "</ul>";
    site.insert("/bszn/".into(), Reply::html(page(spec, "办事指南", "<meta name=\"ColumnName\" content=\"办事指南\">", &list)));
    site.insert("/hdjl/".into(), Reply::html(messages(spec)));
    for i in 0..3 {
        site.insert(
            format!("/hdjl/m{i}.html"),
            Reply::html(page(spec, "留言详情", "", &format!("<h1>关于第{}项工作的咨询</h1><p>留言内容。</p><p>答复：已按规定办理。</p>", i + 1))),
        );
    }
    for (path, title) in [("/hdjl/szxx/", "市长信箱"), ("/oldman/", "长者模式"), ("/zwgk/", "政务公开"), ("/lxwm/", "联系我们"), ("/search/", "站内搜索")]
    {
        site.insert(path.into(), Reply::html(page(spec, title, "", &format!("<h1>{title}</h1><p>{title}页面。</p>"))));
    }
    site.insert("/robots.txt".into(), Reply::bytes("text/plain", b"User-agent: *\nDisallow: /private/\n".to_vec()));
    if spec.traps {
        site.insert("/loop/a".into(), Reply::redirect("/loop/b"));
        site.insert("/loop/b".into(), Reply::redirect("/loop/a"));
        site.insert("/slow/".into(), Reply::html(page(spec, "慢", "", "<p>slow</p>")).slow(Duration::from_secs(4)));
        site.insert("/files/report.pdf".into(), Reply::bytes("application/pdf", b"%PDF-1.4".to_vec()));
        // A GBK page, declared in its meta only, linking a robots-disallowed page.
        let gbk = page(
            spec,
            "老栏目",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><meta name=\"ColumnName\" content=\"老栏目\">",
            "<h2>老栏目</h2><p>本栏目已迁移。</p><a href=\"/private/x.html\">内部</a>",
        );
        let gbk = gbk.replacen("<meta charset=\"utf-8\">", "", 1);
        let (bytes, _, _) = encoding_rs::GBK.encode(&gbk);
        site.insert("/gbk/".into(), Reply::bytes("text/html", bytes.into_owned()));
    }
    for i in 0..spec.filler_pages {
        let c = &cols[0];
        let d = date(spec, 2);
        site.insert(format!("/gzdt/more/p{i}.html"), Reply::html(article(spec, c, i, &d)));
    }
    site
}

/// What a test expects of a generated site, worked out from the spec alone.
pub fn expected_stale_core(spec: &Spec) -> usize {
    spec.stale_core
}
