//! 内容更新 checks: column freshness and blank columns, homepage updates, and the
//! 国务院信息 column (协同联动). Columns come from `page::columns`.

pub mod column_blank;
pub mod column_stale;
pub mod home_not_updated;
pub mod state_council_column;

use crate::page::columns::{Column, ColumnClass};
use crate::options::Options;

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
