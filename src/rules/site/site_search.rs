use crate::page::El;

use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::page::Source;
use crate::registry::Ctx;

/// Input names and ids used by site-search boxes.
const NAMES: &[&str] =
    &["q", "query", "keyword", "keywords", "searchword", "searchwords", "searchkey", "key", "wd", "kw", "word", "search", "searchtext", "sword", "qt", "title"];

fn dead(h: &str) -> bool {
    let h = h.trim().to_ascii_lowercase();
    h.is_empty() || h == "#" || h.starts_with("javascript:void") || h == "javascript:;" || h == "javascript:"
}

fn is_search_input(el: El<'_>) -> bool {
    let v = el;
    if v.name() != "input" {
        return false;
    }
    let ty = v.attr("type").unwrap_or("text").to_ascii_lowercase();
    if ty == "search" {
        return true;
    }
    if ty != "text" && !ty.is_empty() {
        return false;
    }
    let words = format!(
        "{} {} {} {} {}",
        v.attr("name").unwrap_or(""),
        v.attr("id").unwrap_or(""),
        v.attr("class").unwrap_or(""),
        v.attr("placeholder").unwrap_or(""),
        v.attr("value").unwrap_or("")
    )
    .to_ascii_lowercase();
    NAMES.iter().any(|n| v.attr("name").is_some_and(|x| x.eq_ignore_ascii_case(n)))
        || words.contains("search")
        || words.contains("搜索")
        || words.contains("检索")
        || words.contains("关键字")
        || words.contains("关键词")
}

declare_rule! {
    /// ## What it checks
    /// A site search box: a text or search `<input>` (named `q`, `keyword`, `searchword`…, or
    /// labelled 搜索/检索) inside a form whose `action` points somewhere, or wired to a script
    /// (`onsubmit`, a search button with `onclick`). The value is the search target. Checked on
    /// homepages and column pages; an article without a search box is not applicable.
    /// ## Why it matters
    /// 站内搜索 is a scored function of government sites (国办秘函〔2019〕19号 功能设计), and the
    /// 政府信息公开 platform must support retrieval (政府信息公开条例 第二十四条).
    /// ## How to fix
    /// Put a search box in the page header that submits to the site's search service (or the
    /// provincial search platform) and returns the site's pages.
    /// ## Example
    /// `<form action="https://search.example.gov.cn/s"><input name="q"><button>搜索</button></form>`
    pub static META = {
        id: "site-search",
        category: "site",
        effect: Deduct,
        title: "站内搜索",
        title_en: "Site search",
        basis: "国办秘函〔2019〕19号 扣分指标：功能设计（搜索功能）；政府信息公开条例 第二十四条",
        basis_en: "2019 national indicators, deduction item: site functions (search); Regulations on Government Information Disclosure, art. 24",
        docs_zh: {
            /// ## 检查内容
            /// 页面是否有站内搜索框：表单中的文本框或搜索框 `<input>`（名称如 `q`、`keyword`、`searchword`，或标有“搜索”
            /// “检索”），且表单的 `action` 有实际地址，或由脚本处理提交（`onsubmit`、带 `onclick` 的搜索按钮）。
            /// 检出值为搜索的提交地址。首页和栏目页检查此项；文章页没有搜索框的不适用。
            /// ## 为什么重要
            /// 站内搜索是政府网站功能设计的计分项（国办秘函〔2019〕19号 功能设计），
            /// 政府信息公开平台也必须具备检索功能（《政府信息公开条例》第二十四条）。
            /// ## 如何整改
            /// 在页头放置搜索框，提交到本网站的搜索服务（或本省统一搜索平台），并能检索到本网站的页面。
            /// ## 示例
            /// 页头的搜索框：`<form action="https://search.example.gov.cn/s"><input name="q"><button>搜索</button></form>`
        },
    };
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    let inputs: Vec<El<'_>> = page.elements().filter(|e| is_search_input(*e)).take(20).collect();
    if inputs.is_empty() {
        let any_input = page.elements().any(|e| e.name() == "input");
        if page.source() == Source::Raw && !any_input {
            return vec![META.finding(
                Outcome::Review,
                "源代码中没有任何输入框，搜索框可能由脚本生成，请在浏览器中复核",
                "No input field at all in this HTML; a script may build the search box: check the rendered page",
            )];
        }
        if !matches!(ctx.facts.kind(), crate::page::kind::PageKind::Homepage | crate::page::kind::PageKind::Column) {
            return vec![META.finding(
                Outcome::NotApplicable,
                "本页未发现搜索框；站内搜索在首页检查",
                "No search box on this page; site search is checked on the homepage",
            )];
        }
        return vec![META.finding(Outcome::Fail, "未发现站内搜索框", "No site search box was found")];
    }
    let mut scripted = None;
    for input in &inputs {
        let form = input.ancestors().find(|a| a.name() == "form");
        if let Some(form) = form {
            let action = form.attr("action").unwrap_or("").trim();
            if !dead(action) {
                return vec![
                    META.finding(Outcome::Pass, format!("站内搜索提交至 {action}"), format!("Site search submits to {action}"))
                        .at(page, input.id())
                        .value(action)
                        .seen(SeenAs::Rendered),
                ];
            }
            if form.attr("onsubmit").is_some() {
                scripted.get_or_insert(input.id());
            }
        }
        // A button or link next to the box that runs a search script.
        let scope = input.parent().and_then(|p| if p.name() == "form" { Some(p) } else { p.parent().or(Some(p)) });
        if let Some(scope) = scope {
            let wired = scope
                .descendants()
                .take(100)
                .any(|d| d.attr("onclick").is_some() || d.attr("href").is_some_and(|h| !dead(h) && h.to_ascii_lowercase().contains("search")))
                || input.attr("onkeydown").is_some()
                || input.attr("onkeyup").is_some()
                || input.attr("onkeypress").is_some();
            if wired {
                scripted.get_or_insert(input.id());
            }
        }
        // The page's scripts read the box (jQuery / getElementById by its id).
        if let Some(id) = input.attr("id").filter(|i| i.len() >= 2) {
            if page.scripts().iter().any(|s| s.inline.contains(id)) {
                scripted.get_or_insert(input.id());
            }
        }
    }
    if let Some(node) = scripted {
        return vec![
            META.finding(Outcome::Pass, "站内搜索框由脚本提交", "The site search box is submitted by a script")
                .at(page, node)
                .seen(SeenAs::Script)
                .evidence("submit", "script"),
        ];
    }
    vec![
        META.finding(
            Outcome::Fail,
            "搜索框没有提交目标（表单 action 为空或 #，且无脚本处理）",
            "The search box submits nowhere (empty or # form action and no script)",
        )
        .at(page, inputs[0].id()),
    ]
}
