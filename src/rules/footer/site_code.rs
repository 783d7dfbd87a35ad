use super::footer_unjudgeable;
use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// The 网站标识码 is shown in the footer and well formed: 10 characters, either a 6-digit
    /// administrative division code (GB/T 2260) plus a 4-digit serial, or `bm` plus 8 digits
    /// for State Council departments. The value is extracted.
    /// ## Why it matters
    /// The code identifies the site in the national site database and on the error-reporting
    /// platform; 47号文 requires it in the footer and inspectors check it.
    /// ## How to fix
    /// Show `网站标识码：<code>` in the footer with the code from the national reporting system
    /// (全国政府网站信息报送系统), and put the same code in `<meta name="SiteIDCode">`.
    /// ## Example
    /// `<p>网站标识码：3609000002</p>`
    pub static META = {
        id: "footer-site-code",
        category: "footer",
        effect: Norm,
        title: "网站标识码",
        title_en: "Site identification code",
        basis: "国办发〔2017〕47号 附件《网页设计规范》底部功能区；国办秘函〔2019〕19号 功能设计（网站标识）",
        basis_en: "State Council Office 2017 No. 47, page design spec, footer; 2019 indicators, site identity",
        docs_zh: {
            /// ## 检查内容
            /// 页面底部是否展示网站标识码，且格式正确：共10位，或为6位行政区划代码（GB/T 2260）加4位顺序号，
            /// 或为国务院部门使用的 `bm` 加8位数字。检出值为识别到的标识码。
            /// ## 为什么重要
            /// 网站标识码是网站在全国政府网站信息库和找错平台上的唯一身份；47号文要求在页面底部展示，检查人员会逐一核对。
            /// ## 如何整改
            /// 在页面底部写明“网站标识码：<标识码>”，标识码以全国政府网站信息报送系统登记的为准，并在
            /// `<meta name="SiteIDCode">` 中填写同一标识码。
            /// ## 示例
            /// 页面底部的写法：`<p>网站标识码：3609000002</p>`
        },
    };
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    match &ctx.facts.identity().site_code {
        Some(sc) if sc.valid => vec![
            META.finding(Outcome::Pass, format!("网站标识码：{}", sc.code), format!("Site identification code: {}", sc.code))
                .at_opt(page, sc.node)
                .value(&sc.code)
                .seen(SeenAs::Rendered)
                .evidence("in_footer", sc.in_footer),
        ],
        Some(sc) => vec![
            META.finding(
                Outcome::Fail,
                format!("网站标识码“{}”格式不正确（应为10位：6位行政区划代码+4位数字，或 bm+8位数字）", sc.code),
                format!("Site code “{}” is malformed (expected 10 characters: 6-digit division + 4 digits, or bm + 8 digits)", sc.code),
            )
            .at_opt(page, sc.node)
            .value(&sc.code)
            .seen(SeenAs::Rendered)
            .evidence("problem", "malformed")
            .evidence("in_footer", sc.in_footer),
        ],
        None => {
            if let Some(f) = footer_unjudgeable(ctx, &META) {
                return vec![f];
            }
            let meta_code = page.meta("SiteIDCode").map(str::to_string);
            vec![
                META.finding(Outcome::Fail, "页面底部未显示网站标识码", "No site identification code is shown in the footer")
                    .at_opt(page, page.footer_anchor())
                    .evidence("meta_site_id_code", meta_code),
            ]
        }
    }
}
