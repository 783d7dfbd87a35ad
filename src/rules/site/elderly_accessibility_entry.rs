use std::sync::LazyLock;

use crate::declare_rule;
use crate::page::words::Words;

static WORD_SET: LazyLock<Words> = LazyLock::new(|| Words::new(WORDS));
use crate::model::{Finding, Outcome, SeenAs};
use crate::page::El;
use crate::page::kind::PageKind;
use crate::registry::Ctx;

/// Labels of an accessibility / elderly-mode entry.
pub const WORDS: &[&str] =
    &["无障碍", "长者模式", "关怀版", "关怀模式", "适老化", "适老版", "老年人模式", "老年版", "长辈版", "大字版", "读屏", "辅助浏览", "助老", "爱心模式"];
/// Script hosts or files of accessibility toolbars.
const TOOLBARS: &[&str] = &["wza", "assist", "barrierfree", "accessible", "cniil", "ariaboy", "aria.js", "wzajs"];

declare_rule! {
    /// ## What it checks
    /// An entry to the accessibility or elderly mode: a link or button labelled 无障碍,
    /// 长者模式, 关怀版, 适老化, 老年人模式, 大字版…, or an accessibility toolbar script. On
    /// homepages and column pages; on other pages an absent entry is not applicable. Advice level.
    /// ## Why it matters
    /// 国办公开办函〔2021〕28号 extends the MIIT 适老化及无障碍改造 action to government sites:
    /// large text, high contrast, reading aloud and keyboard operation without relying on the
    /// browser (GB/T 37668-2019).
    /// ## How to fix
    /// Add a 无障碍 / 长者模式 entry to the page header that switches on the accessible version.
    /// ## Example
    /// `<a href="javascript:;" id="cniil_wza">无障碍</a> <a href="/oldman/">长者模式</a>`
    pub static META = {
        id: "elderly-accessibility-entry",
        category: "site",
        effect: Advice,
        title: "无障碍/适老化入口",
        title_en: "Accessibility / elderly-mode entry",
        basis: "国办公开办函〔2021〕28号；工信部互联网应用适老化及无障碍改造专项行动；GB/T 37668-2019",
        basis_en: "State Council office letter 2021 No. 28; MIIT ageing-friendly and accessibility action; GB/T 37668-2019",
        docs_zh: {
            /// ## 检查内容
            /// 页面是否有无障碍或适老化模式的入口：名为“无障碍”“长者模式”“关怀版”“适老化”“老年人模式”“大字版”等的链接或按钮，
            /// 或者无障碍工具条脚本。首页和栏目页检查此项；其他页面没有入口的不适用。本项为建议类指标。
            /// ## 为什么重要
            /// 国办公开办函〔2021〕28号把工业和信息化部互联网应用适老化及无障碍改造专项行动扩展到政府网站：提供大字体、
            /// 高对比度、朗读和键盘操作等功能，且不依赖浏览器的设置（GB/T 37668-2019）。
            /// ## 如何整改
            /// 在页头加上“无障碍”“长者模式”入口，用于切换到无障碍版本。
            /// ## 示例
            /// 页头的入口：`<a href="javascript:;" id="cniil_wza">无障碍</a> <a href="/oldman/">长者模式</a>`
        },
    };
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    let is_entry = |e: &El<'_>| {
        if e.has_at_least_nodes(30) {
            return false;
        }
        // Cheap look at the raw text and image labels before normalising anything.
        let raw_has_word = e.raw_texts().any(|t| WORD_SET.any_in(t))
            || e.descendants().any(|d| ["alt", "title"].iter().any(|a| d.attr(a).is_some_and(|t| WORD_SET.any_in(t))));
        if !raw_has_word {
            return false;
        }
        let t = page.label(*e);
        t.chars().count() <= 12 && WORD_SET.any_in(&t)
    };
    // Links and buttons first, then the smallest other element carrying the label; skipped
    // when no keyword occurs in the page's text or image labels at all (the common case).
    let anywhere = WORD_SET.any_in(page.body_text()) || page.elements().any(|e| ["alt", "title"].iter().any(|a| e.attr(a).is_some_and(|t| WORD_SET.any_in(t))));
    let labelled = if !anywhere {
        None
    } else {
        page.elements()
            .filter(|e| matches!(e.name(), "a" | "button"))
            .find(is_entry)
            .or_else(|| page.elements().filter(|e| matches!(e.name(), "span" | "li" | "img" | "div")).filter(is_entry).last())
    };
    if let Some(el) = labelled {
        let t = page.label(el);
        return vec![
            META.finding(Outcome::Pass, format!("页面提供「{t}」入口"), format!("The page offers a “{t}” entry"))
                .at(page, el.id())
                .value(t)
                .seen(SeenAs::Rendered),
        ];
    }
    if let Some(s) = page.scripts().iter().find(|s| s.src.as_deref().is_some_and(|src| TOOLBARS.iter().any(|t| src.to_ascii_lowercase().contains(t)))) {
        return vec![
            META.finding(Outcome::Pass, "页面加载了无障碍工具条脚本", "The page loads an accessibility toolbar script")
                .at(page, s.node)
                .value(s.src.clone().unwrap_or_default())
                .seen(SeenAs::Script),
        ];
    }
    match ctx.facts.kind() {
        PageKind::Homepage | PageKind::Column => vec![
            META.finding(Outcome::Fail, "未发现无障碍或适老化（长者模式/关怀版）入口", "No accessibility or elderly-mode entry was found")
                .evidence("looked_for", WORDS),
        ],
        _ => vec![META.finding(Outcome::NotApplicable, "非首页或栏目页，未发现入口时不判定", "Not a homepage or column page; no entry found, not judged")],
    }
}
