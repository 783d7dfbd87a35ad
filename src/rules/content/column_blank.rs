use crate::declare_rule;
use crate::model::{Finding, Outcome};
use crate::page::columns::{self, Fill};
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// Columns (栏目) with nothing in them: an empty list, a placeholder such as 暂无信息,
    /// 暂无数据, 正在建设中 or 栏目建设中, or an empty column whose link goes to `#` or
    /// `javascript:`. A list that an inline script fills at runtime (JSONP, XHR) or an
    /// `<iframe>` panel is not blank: it says `review`. Search and form blocks are not columns.
    /// One finding per column, with `column` = the column name.
    /// ## Why it matters
    /// 单项否决: five or more blank columns (空白栏目, never carried information since opened)
    /// fail the whole site (国办秘函〔2019〕19号). Each blank column is a failure of that column
    /// (扣分); the veto is stated once, apart: `fail` when this page alone has five, otherwise
    /// `needs_site` (one page shows only some columns).
    /// ## How to fix
    /// Publish the column's content, or remove the column and every link to it.
    /// ## Example
    /// `<h3>政策解读</h3><ul><li>暂无信息</li></ul>`
    /// ## Options
    /// - `blank_columns`: blank columns that reach the veto (default 5)
    pub static META = {
        id: "column-blank",
        category: "content",
        effect: Veto,
        title: "空白栏目",
        title_en: "Blank column",
        basis: "国办秘函〔2019〕19号 单项否决：空白栏目数量≥5个",
        basis_en: "2019 national indicators, veto item: five or more blank columns",
        docs_zh: {
            /// ## 检查内容
            /// 没有内容的栏目：列表为空；只显示“暂无信息”“暂无数据”“正在建设中”“栏目建设中”之类的占位文字；或者栏目本身为空、
            /// 其链接指向 `#` 或 `javascript:`。由页面脚本在运行时填充的列表（JSONP、XHR）或 `<iframe>` 面板不算空白，
            /// 结果标为“需人工复核”。搜索框和表单区块不是栏目。每个栏目给出一项结果，并注明栏目名称。
            /// ## 为什么重要
            /// 属于单项否决：空白栏目（自开设以来从未发布过信息的栏目）达到5个及以上的，
            /// 整个网站即判为不合格（国办秘函〔2019〕19号）。每个空白栏目都判为该栏目不合格（扣分）；是否构成单项否决另行单独说明：
            /// 本页空白栏目已达5个时直接判定，否则标为“需全站数据”（一个页面只能看到部分栏目）。
            /// ## 如何整改
            /// 为栏目补充发布内容，或者撤销该栏目并删除所有指向它的链接。
            /// ## 示例
            /// 只有占位文字的空白栏目：`<h3>政策解读</h3><ul><li>暂无信息</li></ul>`
            /// ## 设置项
            /// - `blank_columns`：空白栏目达到多少个即单项否决（默认5）
        },
    };
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    if let Some(f) = super::not_a_column_page(ctx, &META) {
        return vec![f];
    }
    let cols = ctx.facts.columns();
    let blank = |c: &columns::Column| c.is_blank() || (c.items.is_empty() && c.dead_link && c.fill != Fill::ScriptFilled && c.fill != Fill::Frame);
    let dead = columns::dead_column_links(page, cols);
    let n_blank = cols.iter().filter(|c| blank(c)).count() + dead.len();
    let limit = ctx.options.blank_columns;
    let deduct = crate::model::Effect::Deduct;
    let dead_findings: Vec<Finding> = dead
        .iter()
        .map(|(node, name)| {
            META.finding(
                Outcome::Fail,
                format!("栏目「{name}」的链接无效（# 或 javascript:），栏目无内容"),
                format!("The column link “{name}” goes nowhere (# or javascript:): the column has no content"),
            )
            .effect(deduct)
            .at(page, *node)
            .column(name)
            .evidence("blank", true)
            .evidence("how", "dead_link")
        })
        .collect();
    if cols.is_empty() && dead_findings.is_empty() {
        return vec![META.finding(Outcome::NotApplicable, "本页未发现栏目列表", "No column list was found on this page")];
    }
    let mut out: Vec<Finding> = cols
        .iter()
        .map(|c| {
            let name = &c.name;
            let base = |o, zh: String, en: String| META.finding(o, zh, en).at(page, c.node).column(name);
            if blank(c) {
                let (how_zh, how) = match &c.fill {
                    Fill::Placeholder(t) => (format!("显示“{t}”"), format!("placeholder:{t}")),
                    _ if c.dead_link => ("栏目链接无效且无内容".to_string(), "dead_link".to_string()),
                    _ => ("列表为空".to_string(), "empty".to_string()),
                };
                // A definite problem of this column: a deduction; the veto is stated apart.
                let f = base(Outcome::Fail, format!("「{name}」为空白栏目（{how_zh}）"), format!("“{name}” is blank ({how})"))
                    .effect(deduct)
                    .evidence("blank", true)
                    .evidence("how", how);
                if page.source() == crate::page::Source::Raw && c.fill == Fill::Empty {
                    f.evidence("note", "empty in the server HTML and no inline script fills it; an external script might")
                } else {
                    f
                }
            } else {
                match c.fill {
                    // One review item per real thing: column-stale asks to check the list.
                    Fill::ScriptFilled | Fill::Frame => base(
                        Outcome::NotApplicable,
                        format!("「{name}」由脚本或内嵌框架加载，是否有内容见“栏目不更新”的复核项"),
                        format!("“{name}” is filled by a script or an iframe; see the column-update review item"),
                    )
                    .evidence("fill", if c.fill == Fill::Frame { "iframe" } else { "script" }),
                    _ => base(Outcome::Pass, format!("「{name}」有 {} 条信息", c.items.len()), format!("“{name}” has {} items", c.items.len()))
                        .evidence("items", c.items.len()),
                }
            }
        })
        .collect();
    out.extend(dead_findings);
    if n_blank > 0 {
        out.push(veto_statement(n_blank, limit));
    }
    out
}

/// The veto (单项否决), stated once: reached when this page alone has `limit` blank columns,
/// otherwise it needs the site's count.
fn veto_statement(n_blank: usize, limit: usize) -> Finding {
    if n_blank >= limit {
        META.finding(
            Outcome::Fail,
            format!("单项否决：本页已有 {n_blank} 个空白栏目，达到否决数量（{limit} 个）"),
            format!("Veto: this page alone has {n_blank} blank columns, reaching the count ({limit})"),
        )
    } else {
        META.finding(
            Outcome::NeedsSite,
            format!("是否构成单项否决需全站统计：空白栏目 ≥{limit} 个即否决；本页 {n_blank} 个"),
            format!("Whether the veto is reached needs the whole site: {limit} or more blank columns; this page has {n_blank}"),
        )
        .evidence("missing", "blank-column count across the site's columns")
    }
    .evidence("veto", true)
    .evidence("blank_on_page", n_blank)
}
