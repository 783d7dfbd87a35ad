use crate::declare_rule;
use crate::model::{Finding, Outcome};
use crate::page::columns::Fill;
use crate::page::kind::PageKind;
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// On a homepage: the newest dated item across all its columns (the maximum, so pinned old
    /// items do not mislead) must be at most 14 days old on the inspection date. The value is
    /// that newest date. Pages that are not homepages are not applicable; a homepage without
    /// any list (a navigation entry) says `needs_site`, as the rule then checks the
    /// second-level pages.
    /// ## Why it matters
    /// 单项否决: a homepage with no new information for two weeks fails the whole site
    /// (国办秘函〔2019〕19号 首页不更新). The official check monitors the homepage for two
    /// weeks; one page gives an estimate, and the finding says so. If the newest item shown is
    /// already older than 14 days, nothing new was published in the last 14 days.
    /// ## How to fix
    /// Publish on the homepage at least every two weeks (news, notices), with visible dates.
    /// ## Example
    /// Checked on 2023-10-20, a homepage whose newest item is `2023-10-11` passes; one whose
    /// newest is `2023-09-01` fails.
    /// ## Options
    /// - `home_window_days`: days the homepage may go without a new item (default 14)
    pub static META = {
        id: "home-not-updated",
        category: "content",
        effect: Veto,
        title: "首页不更新",
        title_en: "Homepage not updated",
        basis: "国办秘函〔2019〕19号 单项否决：首页不更新（监测2周内无更新）",
        basis_en: "2019 national indicators, veto item: homepage without new information for 2 weeks",
        docs_zh: {
            /// ## 检查内容
            /// 首页各栏目中日期最新的一条信息（取最大值，置顶的旧信息不会造成误判），到检查日期时不得超过14天。
            /// 检出值为该最新日期。非首页不适用；首页上没有任何信息列表（只是导航入口）的，按规定应改查各二级页面，
            /// 结果标为“需全站数据”。
            /// ## 为什么重要
            /// 属于单项否决：首页连续2周没有新信息的，整个网站即判为不合格（国办秘函〔2019〕19号“首页不更新”）。
            /// 正式检查要对首页连续监测2周；单个页面只能做出估计，检查结果中会注明这一点。如果首页显示的最新信息已超过14天，
            /// 说明最近14天内没有发布新信息。
            /// ## 如何整改
            /// 首页至少每两周发布一次新信息（要闻、通知等），并显示发布日期。
            /// ## 示例
            /// 检查日期为2023-10-20时，首页最新信息日期为 `2023-10-11` 的合格；最新信息日期为 `2023-09-01` 的不合格。
            /// ## 设置项
            /// - `home_window_days`：首页信息的更新期限，单位为天（默认14）
        },
    };
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    if ctx.facts.kind() != PageKind::Homepage {
        return vec![META.finding(Outcome::NotApplicable, "非首页，不适用", "Not a homepage")];
    }
    let window = ctx.options.home_window_days;
    let limit = ctx.today.checked_add_days(chrono::Days::new(1)).unwrap_or(ctx.today);
    let cols = ctx.facts.columns();
    let newest = cols.iter().flat_map(|c| c.items.iter().map(move |i| (c, i))).filter(|(_, i)| !i.future && i.date.is_some()).max_by_key(|(_, i)| i.date);
    let estimate = "单页估计：正式检查需连续监测2周";
    match newest {
        Some((col, item)) => {
            let d = item.date.unwrap_or(ctx.today);
            let age = (ctx.today - d).num_days();
            let f = if age <= window {
                META.finding(
                    Outcome::Pass,
                    format!("首页最新信息日期 {d}（「{}」），{age} 天前，在 {window} 天内", col.name),
                    format!("Newest homepage item {d} (“{}”), {age} days ago, within {window} days", col.name),
                )
            } else {
                META.finding(
                    Outcome::Fail,
                    format!("首页最新信息日期 {d}（「{}」），已 {age} 天，超过 {window} 天未更新（{estimate}）", col.name),
                    format!("Newest homepage item is {d} (“{}”), {age} days old: no update within {window} days (estimate from one page; the official check monitors 2 weeks)", col.name),
                )
            };
            vec![
                f.at(page, item.node)
                    .value(d.format("%Y-%m-%d").to_string())
                    .column(&col.name)
                    .evidence("age_days", age)
                    .evidence("window_days", window)
                    .evidence("estimate", "one page; the official check monitors the homepage for 2 weeks"),
            ]
        }
        None if cols.is_empty() => vec![
            META.finding(
                Outcome::NeedsSite,
                "首页没有信息列表（仅为导航入口）；按规定应检查所有二级页面是否在2周内更新",
                "The homepage carries no lists (a navigation entry only); the rule then checks every second-level page for an update within 2 weeks",
            )
            .evidence("missing", "the second-level pages linked from the homepage"),
        ],
        None => {
            let scripted = cols.iter().any(|c| matches!(c.fill, Fill::ScriptFilled | Fill::Frame));
            let url_newest = cols.iter().filter_map(|c| c.newest_url_date()).filter(|d| *d <= limit).max();
            let mut f = META.finding(
                Outcome::Review,
                "首页列表未显示发布日期，无法从本页判断是否在2周内更新",
                "The homepage lists show no publication dates; whether it was updated within 2 weeks cannot be told from this page",
            );
            if scripted {
                f = f.evidence("script_filled_lists", true);
            }
            if let Some(u) = url_newest {
                f = f.evidence("newest_url_date", u.format("%Y-%m-%d").to_string());
            }
            vec![f.evidence("columns", cols.len())]
        }
    }
}
