use super::footer_unjudgeable;
use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::page::identity::enclosing_link;
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// The ICP备案编号 is shown (`<省>ICP备<digits>号[-n]`; real variants with spaces, full-width
    /// digits, `备案编号：` labels, a missing `备` or `号` are read) and links to the MIIT filing
    /// system (`beian.miit.gov.cn`). A missing link or a malformed number is a separate failing
    /// finding next to the extracted value.
    /// ## Why it matters
    /// 非经营性互联网信息服务备案管理办法 (第十三条, 第二十五条) requires the number at the bottom of the
    /// home page, linked to the MIIT system; a site that does not comply is ordered to correct it
    /// and fined 5 000–10 000 yuan.
    /// ## How to fix
    /// Show the number exactly as filed, e.g. `赣ICP备06000141号`, and link it to
    /// `https://beian.miit.gov.cn/`.
    /// ## Example
    /// `<a href="https://beian.miit.gov.cn/">赣ICP备06000141号</a>`
    pub static META = {
        id: "footer-icp",
        category: "footer",
        effect: Norm,
        title: "ICP备案编号",
        title_en: "ICP filing number",
        basis: "非经营性互联网信息服务备案管理办法（信息产业部令第33号）第十三条；国办发〔2017〕47号 底部功能区",
        basis_en: "MII Order No. 33 (2005) art. 13 on non-commercial internet services; 2017 No. 47 footer",
        docs_zh: {
            /// ## 检查内容
            /// 页面是否展示ICP备案编号（格式为 `<省>ICP备<数字>号[-n]`；实际页面中常见的写法，如带空格、用全角数字、
            /// 加“备案编号：”之类的标签、漏写“备”或“号”，都能识别），并链接到工业和信息化部备案系统（`beian.miit.gov.cn`）。
            /// 缺少链接或编号格式不规范的，在识别出的编号之外另列一项不合格。
            /// ## 为什么重要
            /// 《非经营性互联网信息服务备案管理办法》（第十三条、第二十五条）要求在网站首页底部标明备案编号，
            /// 并链接到工业和信息化部的备案管理系统；未按规定标明的，责令改正，并处5000元以上1万元以下罚款。
            /// ## 如何整改
            /// 按备案时的原样展示编号，如 `赣ICP备06000141号`，并链接到 `https://beian.miit.gov.cn/`。
            /// ## 示例
            /// 备案编号链接到备案系统的写法：`<a href="https://beian.miit.gov.cn/">赣ICP备06000141号</a>`
        },
    };
}

const MIIT_HOSTS: &[&str] = &["beian.miit.gov.cn", "miitbeian.gov.cn"];

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    let Some(icp) = &ctx.facts.identity().icp else {
        if let Some(f) = footer_unjudgeable(ctx, &META) {
            return vec![f];
        }
        return vec![META.finding(Outcome::Fail, "未找到ICP备案编号", "No ICP filing number was found").at_opt(page, page.footer_anchor())];
    };
    // The number's own link, or any footer link to the MIIT system.
    let own_link = icp.node.and_then(|n| enclosing_link(page, n)).and_then(|a| a.attr("href").map(str::to_string));
    let miit_link = own_link
        .clone()
        .filter(|h| MIIT_HOSTS.iter().any(|m| h.contains(m)))
        .or_else(|| page.links().iter().find(|l| l.in_footer && MIIT_HOSTS.iter().any(|m| l.href.contains(m))).map(|l| l.href.clone()));
    // The number was found. Each defect is a failure that carries the number (the element is
    // present, malformed or unlinked: never reported as missing); a number without defect passes.
    let found = |f: Finding| {
        f.at_opt(page, icp.node)
            .value(&icp.shown)
            .seen(SeenAs::Rendered)
            .evidence("province", &icp.province)
            .evidence("link", &miit_link)
            .evidence("in_footer", icp.in_footer)
    };
    let mut out = Vec::new();
    if icp.missing_bei {
        out.push(found(
            META.finding(
                Outcome::Fail,
                format!("ICP备案编号“{}”缺少“备”字，应为“{}ICP备{}号”", icp.shown, icp.province, icp.number),
                format!("ICP number “{}” lacks 备; expected “{}ICP备{}号”", icp.shown, icp.province, icp.number),
            )
            .evidence("problem", "missing_bei"),
        ));
    }
    if miit_link.is_none() {
        out.push(found(
            META.finding(
                Outcome::Fail,
                format!("ICP备案编号“{}”未链接到工信部备案管理系统（beian.miit.gov.cn）", icp.shown),
                format!("The ICP number “{}” is not linked to the MIIT filing system (beian.miit.gov.cn)", icp.shown),
            )
            .evidence("problem", "not_linked")
            .evidence("href", own_link),
        ));
    }
    if out.is_empty() {
        out.push(found(META.finding(Outcome::Pass, format!("ICP备案编号：{}", icp.shown), format!("ICP filing number: {}", icp.shown))));
    }
    out
}
