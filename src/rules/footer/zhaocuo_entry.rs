use super::footer_unjudgeable;
use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// The 我为政府网站找错 entry to the national error-reporting platform: the official embed
    /// `<script id="_jiucuo_" sitecode="…" src="…/exposure/jiucuo.js">`, the image it renders
    /// (`jiucuo.png` with `onclick="Link('<sitecode>')"`), or a link to
    /// `…/exposure/jiucuo.html?site_code=…` (legacy hosts are accepted and noted). A "网站纠错"
    /// link to the site's own feedback form is not the national entry.
    /// ## Why it matters
    /// Since 2016 portals and State Council department sites must carry the entry so citizens can
    /// report errors to the national platform; provincial checks list it as a footer item.
    /// ## How to fix
    /// Add the embed script issued with your 网站标识码 to the footer:
    /// `<script id="_jiucuo_" sitecode="<网站标识码>" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>`.
    /// ## Example
    /// `<script id="_jiucuo_" sitecode="3609000002" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>`
    pub static META = {
        id: "footer-zhaocuo-entry",
        category: "footer",
        effect: Norm,
        title: "“我为政府网站找错”入口",
        title_en: "Entry to the national error-reporting platform",
        basis: "国办秘函〔2019〕19号 功能设计（“我为政府网站找错”入口）；国办2016年第二次抽查通报",
        basis_en: "2019 inspection indicators, functional design (error-reporting entry); 2016 national spot check",
        docs_zh: {
            /// ## 检查内容
            /// 页面是否有“我为政府网站找错”监督举报平台的入口：官方嵌入脚本
            /// `<script id="_jiucuo_" sitecode="…" src="…/exposure/jiucuo.js">`、该脚本显示的找错图片（`jiucuo.png`，带有
            /// `onclick="Link('<sitecode>')"`），或指向 `…/exposure/jiucuo.html?site_code=…` 的链接。使用旧平台地址的也予认可，
            /// 但会在结果中注明。链接到本网站自建留言表单的“网站纠错”不是全国平台的入口。
            /// ## 为什么重要
            /// 自2016年起，政府门户网站和国务院部门网站须放置该入口，方便公众向全国政府网站找错平台反映问题；
            /// 各省抽查也把它列为页面底部的检查项。
            /// ## 如何整改
            /// 在页面底部加入用本网站网站标识码生成的官方嵌入脚本：
            /// `<script id="_jiucuo_" sitecode="<网站标识码>" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>`。
            /// ## 示例
            /// 网站标识码为3609000002的网站应放置：
            /// `<script id="_jiucuo_" sitecode="3609000002" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>`
        },
    };
}

const LEGACY_HOSTS: &[&str] = &["kaipuyun.cn", "121.43.68.40", "c125533/jbxxk"];

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    let code = &ctx.facts.identity().zhaocuo_code;
    let with_code = |f: Finding| match &code {
        Some(c) => f.value(c.clone()),
        None => f,
    };
    // Rendered forms first: in the live DOM they prove the script ran.
    for link in page.links() {
        let h = link.href.to_ascii_lowercase();
        if h.contains("/exposure/jiucuo.html") || h.contains("check_web/errorinfo") || h.contains("c125533/jbxxk") {
            let legacy = LEGACY_HOSTS.iter().any(|l| h.contains(l)) || crate::page::host_of(&h).is_some_and(|x| x.parse::<std::net::Ipv4Addr>().is_ok());
            let (zh, en) = if legacy {
                (
                    "已放置找错入口，但链接到旧地址（可能失效），建议改用官方嵌入代码",
                    "The entry links to a legacy address that may be dead; use the official embed",
                )
            } else {
                ("已放置“我为政府网站找错”入口", "The error-reporting entry is present")
            };
            return vec![
                with_code(META.finding(Outcome::Pass, zh, en))
                    .at(page, link.node)
                    .seen(SeenAs::Rendered)
                    .evidence("href", &link.href)
                    .evidence("legacy_host", legacy),
            ];
        }
    }
    let img = page
        .elements()
        .find(|e| e.name() == "img" && (e.attr("src").is_some_and(|s| s.contains("jiucuo")) || e.attr("onclick").is_some_and(|s| s.contains("Link("))));
    if let Some(img) = img {
        return vec![
            with_code(META.finding(Outcome::Pass, "已放置“我为政府网站找错”入口（图片）", "The error-reporting entry is present (image)"))
                .at(page, img.id())
                .seen(SeenAs::Rendered),
        ];
    }
    let script = page
        .scripts()
        .iter()
        .find(|s| s.id.as_deref() == Some("_jiucuo_") || s.src.as_deref().is_some_and(|src| src.contains("jiucuo.js")) || s.inline.contains("jiucuo.js"));
    if let Some(s) = script {
        return vec![
            with_code(META.finding(
                Outcome::Pass,
                "已放置找错入口的官方嵌入脚本（浏览器运行后显示入口）",
                "The official error-reporting embed script is present (a browser renders the entry)",
            ))
            .at(page, s.node)
            .seen(SeenAs::Script)
            .evidence("src", s.src.clone()),
        ];
    }
    // 中国政府网 runs the national platform: its own 纠错 page is the national entry.
    if let Some(link) = page.links().iter().find(|l| {
        (l.text.contains("纠错") || l.text.contains("找错")) && crate::page::host_of(&l.href).is_some_and(|h| h == "www.gov.cn" || h.ends_with(".www.gov.cn"))
    }) {
        return vec![
            with_code(META.finding(Outcome::Pass, "已放置中国政府网纠错入口", "An entry to the gov.cn error-reporting page is present"))
                .at(page, link.node)
                .seen(SeenAs::Rendered)
                .evidence("href", &link.href),
        ];
    }
    if let Some(link) = page.links().iter().find(|l| l.text.contains("找错") || l.text.contains("纠错")) {
        return vec![
            META.finding(
                Outcome::Review,
                "有“找错”链接，但未指向国家政府网站找错平台，请人工确认",
                "A 找错 link was found but it does not point to the national platform; check by hand",
            )
            .at(page, link.node)
            .evidence("href", &link.href),
        ];
    }
    if let Some(f) = footer_unjudgeable(ctx, &META) {
        return vec![f];
    }
    vec![
        META.finding(Outcome::Fail, "未找到“我为政府网站找错”入口", "No entry to the national error-reporting platform was found")
            .at_opt(page, page.footer_anchor()),
    ]
}
