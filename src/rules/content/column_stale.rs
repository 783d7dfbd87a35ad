use super::{is_stale, window_days};
use crate::declare_rule;
use crate::model::{Finding, Outcome};
use crate::page::Source;
use crate::page::columns::{Column, ColumnClass, Fill};
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// Every column (栏目) on a homepage or column page (articles, guides and message pages are
    /// not applicable): its newest item date against the window of its class,
    /// counted back from the inspection date. 动态要闻 2 weeks, 通知公告/政策文件 6 months,
    /// 人事/规划计划 1 year, other columns 6 months (configurable); 专题 special topics are
    /// exempt. The newest date is the maximum in the list, so an old pinned (置顶) item on top
    /// does not hide newer ones. Month-day dates (`10-11`) take their year from the item URL,
    /// the page-generation date or the inspection date. One finding per column: `value` is
    /// the newest date shown (null when none is shown) and `column` the column name.
    /// ## Why it matters
    /// 单项否决: five or more 动态要闻/通知公告/政策文件 columns out of their window, or ten columns
    /// of any kind, fail the whole site (国办秘函〔2019〕19号). Each stale column is a failure of
    /// that column (扣分); the veto is stated once, apart: `fail` when this page alone reaches
    /// the count, otherwise `needs_site` (one page shows only some columns).
    /// ## How to fix
    /// Publish in the column within its window, or merge or close columns that have nothing
    /// to publish (and remove them from navigation and the homepage).
    /// ## Example
    /// A 通知公告 column whose newest item is `2023-01-05`, checked on 2023-09-01, is 239
    /// days old: past the 183-day window.
    /// ## Options
    /// - `news_window_days`: days a 动态要闻 column may go without a new item (default 14)
    /// - `notice_window_days`: the same for 通知公告/政策文件 columns (default 183)
    /// - `personnel_window_days`: the same for 人事/规划计划 columns (default 365)
    /// - `other_window_days`: the same for other columns (default 183)
    /// - `core_stale_columns`: stale 动态要闻/通知公告/政策文件 columns that reach the veto (default 5)
    /// - `any_stale_columns`: stale columns of any class that reach the veto (default 10)
    pub static META = {
        id: "column-stale",
        category: "content",
        effect: Veto,
        title: "栏目不更新",
        title_en: "Column not updated",
        basis: "国办秘函〔2019〕19号 单项否决：栏目不更新（动态要闻2周、通知公告/政策文件6个月；应更新未更新栏目≥10个）",
        basis_en: "2019 national indicators, veto item: columns not updated (news 2 weeks, notices/policies 6 months; ≥10 stale columns)",
        docs_zh: {
            /// ## 检查内容
            /// 首页或栏目页上的每个栏目（文章页、办事指南页和留言页不适用）：从检查日期往前推算，
            /// 栏目最新一条信息的日期是否在该类栏目的更新期限内。动态要闻类2周，通知公告、政策文件类6个月，人事、
            /// 规划计划类1年，其他栏目6个月（均可在设置中调整）；专题类栏目不作要求。最新日期取列表中的最大值，
            /// 因此置顶的旧信息不会掩盖较新的信息。只有月、日的日期（如 `10-11`）依次按信息网址、
            /// 页面生成日期或检查日期推定年份。每个栏目给出一项结果，检出值为页面显示的最新日期（页面未显示日期时为空），
            /// 并注明栏目名称。
            /// ## 为什么重要
            /// 属于单项否决：动态要闻、通知公告、政策文件类栏目中有5个及以上超期未更新，
            /// 或者各类栏目中共有10个及以上应更新而未更新，整个网站即判为不合格（国办秘函〔2019〕19号）。
            /// 每个超期栏目都判为该栏目不合格（扣分）；是否构成单项否决另行单独说明：本页超期栏目已达上述数量时直接判定，
            /// 否则标为“需全站数据”（一个页面只能看到部分栏目）。
            /// ## 如何整改
            /// 在更新期限内及时在栏目中发布信息；确实没有内容可发布的栏目，予以合并或关闭，并从导航和首页中撤下。
            /// ## 示例
            /// 检查日期为2023-09-01，某“通知公告”栏目最新一条信息的日期是 `2023-01-05`，已过去239天，超过了183天的更新期限。
            /// ## 设置项
            /// - `news_window_days`：动态要闻类栏目的更新期限，单位为天（默认14）
            /// - `notice_window_days`：通知公告、政策文件类栏目的更新期限，单位为天（默认183）
            /// - `personnel_window_days`：人事、规划计划类栏目的更新期限，单位为天（默认365）
            /// - `other_window_days`：其他栏目的更新期限，单位为天（默认183）
            /// - `core_stale_columns`：动态要闻、通知公告、政策文件类栏目超期达到多少个即单项否决（默认5）
            /// - `any_stale_columns`：各类栏目超期合计达到多少个即单项否决（默认10）
        },
    };
}

/// How many columns of this page are past their window: 动态要闻/通知公告/政策文件 ("core")
/// and all classes. The veto counts both.
struct Tally {
    core: usize,
    any: usize,
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    if let Some(f) = super::not_a_column_page(ctx, &META) {
        return vec![f];
    }
    let cols = ctx.facts.columns();
    if cols.is_empty() {
        return vec![META.finding(Outcome::NotApplicable, "本页未发现栏目列表", "No column list was found on this page")];
    }
    let stale: Vec<Option<bool>> = cols.iter().map(|c| if c.fill == Fill::Items { is_stale(c, ctx.today, ctx.options) } else { None }).collect();
    let tally = Tally {
        core: cols.iter().zip(&stale).filter(|(c, s)| **s == Some(true) && matches!(c.class, ColumnClass::News | ColumnClass::NoticePolicy)).count(),
        any: stale.iter().filter(|s| **s == Some(true)).count(),
    };
    let mut out: Vec<Finding> = cols.iter().zip(&stale).map(|(c, s)| judge(ctx, c, *s)).collect();
    if tally.any > 0 {
        out.push(veto_statement(ctx, &tally));
    }
    out
}

/// The veto (单项否决), stated once: reached when this page alone has enough stale columns,
/// otherwise it needs the site's count (`govcheck site` makes it).
fn veto_statement(ctx: &Ctx, tally: &Tally) -> Finding {
    let (c, a) = (ctx.options.core_stale_columns, ctx.options.any_stale_columns);
    let (core, any) = (tally.core, tally.any);
    if core >= c || any >= a {
        META.finding(
            Outcome::Fail,
            format!("单项否决：本页已有 {core} 个动态要闻、通知公告、政策文件类栏目超期（≥{c} 个即否决），各类栏目共 {any} 个超期（≥{a} 个即否决），达到否决数量"),
            format!("Veto: this page alone has {core} stale news/notice/policy columns (veto at {c}) and {any} stale columns in all (veto at {a})"),
        )
    } else {
        META.finding(
            Outcome::NeedsSite,
            format!("是否构成单项否决需全站统计：动态要闻、通知公告、政策文件类栏目超期 ≥{c} 个，或各类栏目超期 ≥{a} 个即否决；本页分别为 {core} 个和 {any} 个"),
            format!("Whether the veto is reached needs the whole site: ≥{c} stale news/notice/policy columns or ≥{a} stale columns in all; this page has {core} and {any}"),
        )
        .evidence("missing", "stale-column count across the site's columns")
    }
    .evidence("veto", true)
    .evidence("core_stale_on_page", core)
    .evidence("stale_on_page", any)
}

/// A finding of this rule about column `c`, with the evidence every outcome carries.
fn about(ctx: &Ctx, c: &Column, outcome: Outcome, zh: String, en: String) -> Finding {
    let mut f = META.finding(outcome, zh, en).at(ctx.page, c.node).column(&c.name).evidence("class", c.class.as_str()).evidence("items", c.items.len());
    if let Some(d) = c.newest() {
        f = f.value(d.format("%Y-%m-%d").to_string()).evidence("age_days", (ctx.today - d).num_days());
        if let Some(shown) = c.newest_item().and_then(|i| i.date_shown.clone()) {
            f = f.evidence("newest_as_shown", shown);
        }
    }
    if let Some(w) = window_days(c.class, ctx.options) {
        f = f.evidence("window_days", w);
    }
    if let Some(fd) = c.future_dates().into_iter().max() {
        f = f.evidence("future_date", fd.format("%Y-%m-%d").to_string());
    }
    if let Some(u) = &c.url {
        f = f.evidence("url", u);
    }
    if c.tab {
        f = f.evidence("tab", true).evidence("hidden_tab", c.hidden_tab);
    }
    f
}

/// One column's outcome. `stale` is `None` when no window applies or no date is shown.
fn judge(ctx: &Ctx, c: &Column, stale: Option<bool>) -> Finding {
    let f = |outcome, zh: String, en: String| about(ctx, c, outcome, zh, en);
    let name = &c.name;
    let window = window_days(c.class, ctx.options);
    match (&c.fill, c.class, c.newest(), stale) {
        (_, ColumnClass::Topic, _, _) => f(
            Outcome::NotApplicable,
            format!("「{name}」为专题栏目，不计入更新要求"),
            format!("“{name}” is a special-topic column, exempt from update windows"),
        ),
        // One review item for a list this HTML does not show (column-blank defers to it).
        (Fill::ScriptFilled, ..) | (Fill::Frame, ..) => {
            let (zh, en) = match (ctx.page.source(), &c.fill) {
                (Source::Live, Fill::Frame) => (
                    format!("「{name}」的内容在内嵌框架（iframe）中，请打开该框架页面检查更新情况"),
                    format!("“{name}” shows its items in an iframe: open the frame's page to check its dates"),
                ),
                (Source::Live, _) => (
                    format!("「{name}」由脚本填充，但当前页面上仍没有条目，请刷新页面后复核"),
                    format!("“{name}” is filled by a script but shows no items on the page yet: reload and check again"),
                ),
                _ => (
                    format!("「{name}」的内容由脚本或内嵌框架加载，源代码中看不到，请在浏览器中复核"),
                    format!("“{name}” is filled by a script or an iframe; its items are not in this HTML, check the rendered page"),
                ),
            };
            f(Outcome::Review, zh, en).evidence("fill", if c.fill == Fill::Frame { "iframe" } else { "script" })
        }
        (Fill::Empty, ..) | (Fill::Placeholder(_), ..) => {
            f(Outcome::NotApplicable, format!("「{name}」没有信息条目，见“空白栏目”检查"), format!("“{name}” has no items; see the blank-column check"))
        }
        (Fill::Items, _, None, _) if !c.future_dates().is_empty() => {
            let future = c.future_dates().into_iter().max().unwrap_or(ctx.today);
            f(
                Outcome::Review,
                format!("「{name}」显示的日期 {future} 晚于检查日期，可能为错误或伪造日期"),
                format!("“{name}” shows {future}, after the inspection date (a wrong or fabricated date?)"),
            )
            .evidence("future_date", future.format("%Y-%m-%d").to_string())
        }
        (Fill::Items, _, None, _) => {
            let mut f = f(
                Outcome::Review,
                format!("「{name}」的条目未显示发布日期，无法判断更新情况（2015年指标：无日期视同未更新）"),
                format!("“{name}” shows no publication dates, so its freshness cannot be judged (the 2015 rules count undated items as not updated)"),
            );
            if let Some(u) = c.newest_url_date() {
                f = f.evidence("newest_url_date", u.format("%Y-%m-%d").to_string());
            }
            f
        }
        (Fill::Items, _, Some(d), None) => {
            f(Outcome::Review, format!("「{name}」的更新时限无法确定（最新 {d}）"), format!("“{name}”: no update window applies (newest {d})"))
        }
        (Fill::Items, class, Some(d), Some(false)) => f(
            Outcome::Pass,
            format!("「{name}」（{}）最新更新 {d}，在 {} 天时限内", class.label_zh(), window.unwrap_or(0)),
            format!("“{name}” ({}) last updated {d}, within {} days", class.label_en(), window.unwrap_or(0)),
        ),
        // A definite problem of this column: a deduction (扣分); the veto is stated apart.
        (Fill::Items, class, Some(d), Some(true)) => {
            let age = (ctx.today - d).num_days();
            let w = window.unwrap_or(0);
            f(
                Outcome::Fail,
                format!("「{name}」（{}）最新更新 {d}，已 {age} 天未更新，超过 {w} 天时限", class.label_zh()),
                format!("“{name}” ({}) last updated {d}: {age} days ago, past the {w}-day window", class.label_en()),
            )
            .effect(crate::model::Effect::Deduct)
            .evidence("stale", true)
        }
    }
}
