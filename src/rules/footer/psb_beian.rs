use std::sync::LazyLock;

use regex::Regex;

use super::footer_unjudgeable;
use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::page::identity::enclosing_link;
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// The 公安机关备案 mark: `<省>公网安备 <14 digits>号` in the footer, linked to the national
    /// filing portal (`beian.gov.cn/portal/registerSystemInfo?recordcode=` or
    /// `beian.mps.gov.cn/#/query/webSearch?code=`), with the number in the link equal to the
    /// number shown, and the police-emblem image next to it. Missing link, a different number or
    /// a number of the wrong length are reported as separate failing findings.
    /// ## Why it matters
    /// Zhejiang's 2018 notice and other provincial checks require the mark "规范添加" in the footer.
    /// ## How to fix
    /// Show `<省>公网安备 <number>号` with the emblem image, linked to
    /// `http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=<number>`.
    /// ## Example
    /// `<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=36090202000004"><img src="ga.png">赣公网安备 36090202000004号</a>`
    pub static META = {
        id: "footer-psb-beian",
        category: "footer",
        effect: Norm,
        title: "公安机关备案标识",
        title_en: "Public security filing mark",
        basis: "浙江省2018年第三季度政府网站抽查通报（公安机关备案标识规范添加）；国办发〔2017〕47号 底部功能区",
        basis_en: "Zhejiang 2018 Q3 spot-check notice (public security filing mark); 2017 No. 47 footer",
        docs_zh: {
            /// ## 检查内容
            /// 页面底部是否有公安机关备案标识：`<省>公网安备 <14位数字>号`，
            /// 链接到全国互联网安全管理服务平台（`beian.gov.cn/portal/registerSystemInfo?recordcode=` 或
            /// `beian.mps.gov.cn/#/query/webSearch?code=`），链接中的备案号与页面展示的一致，旁边配有公安备案图标（警徽）。
            /// 缺少链接、链接中的备案号与展示的不一致、备案号位数不对，分别列为不合格项。
            /// ## 为什么重要
            /// 浙江省2018年第三季度抽查通报等各省检查要求在页面底部“规范添加”公安机关备案标识。
            /// ## 如何整改
            /// 展示带图标的 `<省>公网安备 <备案号>号`，并链接到
            /// `http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=<备案号>`。
            /// ## 示例
            /// 图标、文字和链接齐全的写法：
            /// `<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=36090202000004"><img src="ga.png">赣公网安备 36090202000004号</a>`
        },
    };
}

static CODE_PARAM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)(?:recordcode|code)=([0-9]{6,16})").unwrap());

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    let Some(psb) = &ctx.facts.identity().psb else {
        if let Some(f) = footer_unjudgeable(ctx, &META) {
            return vec![f];
        }
        return vec![
            META.finding(Outcome::Fail, "未找到公安机关备案号（公网安备）", "No public security filing number (公网安备) was found")
                .at_opt(page, page.footer_anchor()),
        ];
    };
    let beian_links: Vec<_> = page.links().iter().filter(|l| l.href.contains("beian.gov.cn") || l.href.contains("beian.mps.gov.cn")).collect();
    let link = psb
        .node
        .and_then(|n| enclosing_link(page, n))
        .and_then(|a| beian_links.iter().find(|l| l.node == a.id()).copied())
        .or_else(|| beian_links.first().copied());
    let link_code = link.and_then(|l| CODE_PARAM.captures(&l.href).map(|c| c[1].to_string()));
    // The emblem: an image inside the link, or next to the number's element.
    let badge_img = link
        .and_then(|l| page.element(l.node))
        .into_iter()
        .chain(psb.node.and_then(|n| page.element(n)).and_then(|e| e.parent()))
        .any(|e| e.contains_tag("img"));
    // The number was found. Each defect is a failure that carries the number (present but
    // malformed, unlinked or linked to another number: never reported as missing); a number
    // without defect passes.
    let found = |f: Finding| {
        f.at_opt(page, psb.node)
            .value(&psb.shown)
            .seen(SeenAs::Rendered)
            .evidence("number", &psb.number)
            .evidence("link", link.map(|l| l.href.clone()))
            .evidence("badge_img", badge_img)
            .evidence("in_footer", psb.in_footer)
    };
    let problem = |key: &str, zh: String, en: String| found(META.finding(Outcome::Fail, zh, en).evidence("problem", key));
    let mut out = Vec::new();
    if !psb.number.bytes().all(|b| b.is_ascii_digit()) {
        out.push(problem(
            "malformed",
            format!("公网安备号“{}”格式不正确，应为14位数字", psb.number),
            format!("The filing number “{}” is malformed: it should be 14 digits", psb.number),
        ));
    } else if psb.number.len() != 14 {
        out.push(problem(
            "length",
            format!("公网安备号“{}”应为14位数字，实为{}位", psb.number, psb.number.len()),
            format!("The filing number “{}” should have 14 digits, it has {}", psb.number, psb.number.len()),
        ));
    }
    match (&link, &link_code) {
        (None, _) => out.push(problem(
            "not_linked",
            format!("“{}”未链接到全国互联网安全管理服务平台（beian.gov.cn）", psb.shown),
            format!("“{}” is not linked to the national filing portal (beian.gov.cn)", psb.shown),
        )),
        (Some(_), Some(code)) if *code != psb.number => out.push(
            problem(
                "link_mismatch",
                format!("链接中的备案号 {code} 与显示的 {} 不一致", psb.number),
                format!("The number in the link ({code}) differs from the one shown ({})", psb.number),
            )
            .evidence("link_code", code),
        ),
        _ => {}
    }
    if out.is_empty() {
        out.push(found(META.finding(Outcome::Pass, format!("公安机关备案号：{}", psb.shown), format!("Public security filing number: {}", psb.shown))));
    }
    out
}
