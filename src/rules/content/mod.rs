//! 内容更新 checks: column freshness and blank columns, homepage updates, and the
//! 国务院信息 column (协同联动). Columns come from `page::columns`.

pub mod column_blank;
pub mod column_stale;
pub mod home_not_updated;
pub mod state_council_column;

use crate::options::Options;
use crate::page::columns::{Column, ColumnClass};

/// The update window (days) of a column class; `None` for exempt classes (专题).
pub fn window_days(class: ColumnClass, o: &Options) -> Option<i64> {
    match class {
        ColumnClass::News => Some(o.news_window_days),
        ColumnClass::NoticePolicy => Some(o.notice_window_days),
        ColumnClass::PersonnelPlan => Some(o.personnel_window_days),
        ColumnClass::Other => Some(o.other_window_days),
        ColumnClass::Topic => None,
    }
}

/// Is this column past its window as of `today`? `None` when it cannot be said.
pub fn is_stale(c: &Column, today: chrono::NaiveDate, o: &Options) -> Option<bool> {
    let w = window_days(c.class, o)?;
    let newest = c.newest()?;
    Some((today - newest).num_days() > w)
}

/// Column rules judge homepages and column pages; on other pages they say so.
pub fn not_a_column_page(ctx: &crate::registry::Ctx, meta: &'static crate::registry::RuleMeta) -> Option<crate::model::Finding> {
    use crate::page::kind::PageKind;
    matches!(ctx.facts.kind(), PageKind::Article | PageKind::ServiceGuide | PageKind::Interaction).then(|| {
        meta.finding(
            crate::model::Outcome::NotApplicable,
            "栏目在首页和栏目页检查，本页为文章、办事指南或互动页面",
            "Columns are checked on homepages and column pages; this is an article, guide or message page",
        )
    })
}
