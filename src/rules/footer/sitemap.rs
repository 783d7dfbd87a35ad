use super::footer_unjudgeable;
use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// A link labelled 网站地图 or 站点地图 (or "Site Map") in the header or footer that points
    /// somewhere (not `#` or `javascript:`). The value is the link target.
    /// ## Why it matters
    /// The Shandong 2018 spot check and many local standards require a site map listing every
    /// column; inspectors and crawlers use it to enumerate columns.
    /// ## How to fix
    /// Add a `网站地图` link to the footer pointing to a page that lists all columns with working links.
    /// ## Example
    /// `<a href="/wzdt/index.html">网站地图</a>`
    pub static META = {
        id: "footer-sitemap",
        category: "footer",
        effect: Norm,
        title: "网站地图",
        title_en: "Site map link",
        basis: "山东省2018年第二季度政府网站抽查通报（站点地图）；地方网页设计规范",
        basis_en: "Shandong 2018 Q2 spot-check notice (site map); local page design standards",
        docs_zh: {
            /// ## 检查内容
            /// 页头或页面底部是否有名为“网站地图”或“站点地图”（或英文“Site Map”）的链接，且链接有实际地址（不是 `#` 或
            /// `javascript:`）。检出值为链接地址。
            /// ## 为什么重要
            /// 山东省2018年抽查和许多地方标准都要求提供列出全部栏目的网站地图；检查人员和抓取工具也靠它列举网站的栏目。
            /// ## 如何整改
            /// 在页面底部加一个“网站地图”链接，指向列出全部栏目、且各栏目链接均可访问的页面。
            /// ## 示例
            /// 页面底部的链接：`<a href="/wzdt/index.html">网站地图</a>`
        },
    };
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    let is_map = |t: &str| t.contains("网站地图") || t.contains("站点地图") || t.to_ascii_lowercase().replace(' ', "").contains("sitemap");
    let mut dead = None;
    for link in page.links().iter().filter(|l| is_map(&l.text)) {
        let h = link.href.trim().to_ascii_lowercase();
        if h.is_empty() || h == "#" || h.starts_with("javascript:") {
            dead.get_or_insert(link);
            continue;
        }
        return vec![
            META.finding(Outcome::Pass, "已提供网站地图链接", "A site map link is present")
                .at(page, link.node)
                .value(&link.href)
                .seen(SeenAs::Rendered)
                .evidence("in_footer", link.in_footer),
        ];
    }
    if let Some(link) = dead {
        return vec![
            META.finding(Outcome::Fail, "网站地图链接无效（指向 # 或 javascript:）", "The site map link goes nowhere (# or javascript:)")
                .at(page, link.node)
                .value(&link.href),
        ];
    }
    if let Some(f) = footer_unjudgeable(ctx, &META) {
        return vec![f];
    }
    vec![META.finding(Outcome::Fail, "未找到网站地图链接", "No site map link was found").at_opt(page, page.footer_anchor())]
}
