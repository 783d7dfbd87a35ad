use std::sync::LazyLock;

use crate::declare_rule;
use crate::page::words::Words;

static WORD_SET: LazyLock<Words> = LazyLock::new(|| Words::new(WORDS));
use crate::model::{Finding, Outcome, SeenAs};
use crate::page::kind::PageKind;
use crate::registry::Ctx;

/// Link labels of a 办事服务 entry.
pub const WORDS: &[&str] = &[
    "办事服务",
    "政务服务",
    "网上办事",
    "办事指南",
    "在线办事",
    "网上办理",
    "一网通办",
    "在线办理",
    "我要办",
    "便民服务",
    "网上服务大厅",
    "政务服务网",
    "办事大厅",
    "服务大厅",
    "服务指南",
    "办事通道",
];
/// Longest link text taken for an entry (longer texts are article titles).
const MAX_LABEL_CHARS: usize = 20;

fn dead(h: &str) -> bool {
    let h = h.trim().to_ascii_lowercase();
    h.is_empty() || h == "#" || h.starts_with("javascript")
}

declare_rule! {
    /// ## What it checks
    /// On a homepage: a link to the site's 办事服务 — labelled 办事服务, 政务服务, 网上办事,
    /// 办事指南, 一网通办, 在线办事… — that points somewhere (not `#` or `javascript:`), often
    /// to the provincial 政务服务网. Pages other than homepages are not applicable.
    /// ## Why it matters
    /// 单项否决: a site offering no 办事服务 fails (国办秘函〔2019〕19号 未提供办事服务).
    /// Departments with no external services are exempt; the checker cannot know that from a
    /// page, so the finding says it.
    /// ## How to fix
    /// Add a 办事服务 entry to the homepage navigation, linking the service guides or the
    /// provincial 政务服务网.
    /// ## Example
    /// `<a href="https://www.jxzwfww.gov.cn/">政务服务</a>`
    pub static META = {
        id: "service-entry",
        category: "service",
        effect: Veto,
        title: "办事服务入口",
        title_en: "Service entry",
        basis: "国办秘函〔2019〕19号 单项否决：未提供办事服务",
        basis_en: "2019 national indicators, veto item: no online services offered",
        docs_zh: {
            /// ## 检查内容
            /// 首页是否有办事服务入口：名称为“办事服务”“政务服务”“网上办事”“办事指南”“一网通办”“在线办事”等的链接，
            /// 且链接有实际地址（不是 `#` 或 `javascript:`），通常指向本省的政务服务网。非首页不适用。
            /// ## 为什么重要
            /// 属于单项否决：网站未提供办事服务的，判为不合格（国办秘函〔2019〕19号“未提供办事服务”）。
            /// 没有对外服务职能的部门可以不设，但这一点无法从页面上判断，检查结果中会加以说明。
            /// ## 如何整改
            /// 在首页导航中加入办事服务入口，链接到本单位的办事指南或本省政务服务网。
            /// ## 示例
            /// 首页导航中的入口：`<a href="https://www.jxzwfww.gov.cn/">政务服务</a>`
        },
    };
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    if ctx.facts.kind() != PageKind::Homepage {
        return vec![META.finding(Outcome::NotApplicable, "非首页，不适用", "Not a homepage")];
    }
    let cands: Vec<_> = page
        .links()
        .iter()
        .filter(|l| WORD_SET.any_in(&l.text) && l.text.chars().count() <= MAX_LABEL_CHARS && crate::page::dates::date_in_url(&l.href).is_none())
        .collect();
    if let Some(l) = cands.iter().find(|l| !dead(&l.href)) {
        return vec![
            META.finding(Outcome::Pass, format!("首页提供办事服务入口「{}」", l.text), format!("The homepage links services: “{}”", l.text))
                .at(page, l.node)
                .value(&l.href)
                .seen(SeenAs::Rendered),
        ];
    }
    if let Some(l) = cands.first() {
        return vec![
            META.finding(Outcome::Fail, format!("办事服务入口「{}」链接无效", l.text), format!("The service entry “{}” goes nowhere", l.text))
                .at(page, l.node)
                .value(&l.href),
        ];
    }
    vec![
        META.finding(
            Outcome::Fail,
            "首页未发现办事服务入口（无对外服务职能的部门可豁免）",
            "No service entry on the homepage (departments without external services are exempt)",
        )
        .evidence("looked_for", WORDS),
    ]
}
