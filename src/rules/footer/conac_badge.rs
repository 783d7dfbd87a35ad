use std::sync::LazyLock;

use regex::Regex;

use super::footer_unjudgeable;
use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// The 党政机关网站标识 (red "党政机关" badge issued through conac.cn): an element linking to
    /// `bszs.conac.cn/sitename?method=show&id=<32 hex>`, or the official `dcs.conac.cn/js/…`
    /// embed script that renders that link in a browser. An image without the link needs review;
    /// a generic `method=searchIndex` link or an empty `span#_ideConac` does not count.
    /// ## Why it matters
    /// The badge proves the site belongs to a registered Party or government body. Provincial
    /// spot checks (e.g. Shandong 2018, Zhejiang 2018) list a missing badge as a footer failure.
    /// ## How to fix
    /// Paste the embed code issued for your site by the 机构编制 office into the footer, or link the
    /// badge image to your site's `bszs.conac.cn/sitename?method=show&id=…` page.
    /// ## Example
    /// `<a href="//bszs.conac.cn/sitename?method=show&id=0ADCC2E0BA270DA2E053012819ACECB2"><img src="red.png"></a>`
    pub static META = {
        id: "footer-conac-badge",
        category: "footer",
        effect: Norm,
        title: "党政机关网站标识",
        title_en: "Party and government site badge",
        basis: "国办发〔2017〕47号 附件《网页设计规范》底部功能区；国办秘函〔2019〕19号 功能设计",
        basis_en: "State Council Office 2017 No. 47, page design spec, footer; 2019 inspection indicators, functional design",
        docs_zh: {
            /// ## 检查内容
            /// 页面是否放置了党政机关网站标识，即由中国机构编制网（conac.cn）核发的红色“党政机关”标识：页面上有指向
            /// `bszs.conac.cn/sitename?method=show&id=<32位十六进制>` 的链接，或有官方嵌入脚本
            /// `dcs.conac.cn/js/…`（浏览器运行该脚本后显示标识及链接）。只有标识图片而没有上述链接的，需人工复核；
            /// 链接指向通用的 `method=searchIndex` 搜索页，或只留下空的 `span#_ideConac` 占位元素的，都不算已放置。
            /// ## 为什么重要
            /// 该标识表明网站由已登记的党政机关主办。各省抽查（如山东省、浙江省2018年的抽查通报）
            /// 都把缺少该标识列为页面底部的问题。
            /// ## 如何整改
            /// 把机构编制部门为本网站核发的标识嵌入代码粘贴到页面底部；或者把标识图片链接到本网站在
            /// `bszs.conac.cn/sitename?method=show&id=…` 的登记信息页面。
            /// ## 示例
            /// 标识图片链接到本网站登记信息的写法：
            /// `<a href="//bszs.conac.cn/sitename?method=show&id=0ADCC2E0BA270DA2E053012819ACECB2"><img src="red.png"></a>`
        },
    };
}

static SHOW_LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)bszs\.conac\.cn/sitename\?method=show&(?:amp;)?id=([0-9A-F]{32})\b").unwrap());
static EMBED_SCRIPT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)dcs\.conac\.cn/js/[0-9/]+/?(CA[0-9]+)?(?:\.js)?").unwrap());

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    for link in page.links() {
        if let Some(c) = SHOW_LINK.captures(&link.href) {
            let has_img = page.element(link.node).is_some_and(|a| a.contains_tag("img"));
            return vec![
                META.finding(Outcome::Pass, "已放置党政机关网站标识（链接到 conac.cn 登记信息）", "The badge links to the site's conac.cn registration")
                    .at(page, link.node)
                    .value(c[1].to_uppercase())
                    .seen(SeenAs::Rendered)
                    .evidence("href", &link.href)
                    .evidence("image_in_link", has_img)
                    .evidence("in_footer", link.in_footer),
            ];
        }
    }
    for s in page.scripts() {
        let hay = s.src.as_deref().unwrap_or(&s.inline);
        let hay = hay.replace("%2F", "/").replace("%2f", "/");
        if let Some(c) = EMBED_SCRIPT.captures(&hay) {
            let mut f = META
                .finding(
                    Outcome::Pass,
                    "已放置党政机关网站标识的官方嵌入脚本（浏览器运行后显示标识）",
                    "The official conac.cn embed script is present (a browser renders the badge)",
                )
                .at(page, s.node)
                .seen(SeenAs::Script)
                .evidence("script", c[0].to_string());
            if let Some(code) = c.get(1) {
                f = f.value(code.as_str());
            }
            return vec![f];
        }
    }
    if let Some(link) = page.links().iter().find(|l| l.href.contains("conac.cn") && l.href.contains("searchIndex")) {
        return vec![
            META.finding(
                Outcome::Fail,
                "标识链接指向 conac.cn 搜索页，而非本站登记信息",
                "The badge links to a conac.cn search page, not the site's registration",
            )
            .at(page, link.node)
            .evidence("href", &link.href),
        ];
    }
    let badge_img = page.elements().find(|e| {
        e.name() == "img"
            && (e.attr("src").is_some_and(|s| s.contains("conac")) || ["alt", "title"].iter().any(|a| e.attr(a).is_some_and(|t| t.contains("党政机关"))))
    });
    if let Some(img) = badge_img {
        return vec![
            META.finding(
                Outcome::Review,
                "发现党政机关标识图片，但未链接到 conac.cn 登记信息，请人工确认",
                "A badge image was found without the link to the conac.cn registration; check by hand",
            )
            .at(page, img.id())
            .seen(SeenAs::Rendered),
        ];
    }
    if let Some(f) = footer_unjudgeable(ctx, &META) {
        return vec![f];
    }
    let placeholder = page.elements().find(|e| e.attr("id") == Some("_ideConac")).map(|e| e.id());
    let root = placeholder.or_else(|| page.footer_anchor());
    vec![
        META.finding(Outcome::Fail, "未找到党政机关网站标识", "No Party and government site badge was found")
            .at_opt(page, root)
            .evidence("empty_placeholder", placeholder.is_some()),
    ]
}
