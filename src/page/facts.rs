//! What one check knows about a page, worked out at most once per check and handed to every
//! rule in `Ctx`: the page kind, its columns (the costliest step of a check) and the footer
//! identity items. Each is computed when a rule first asks, so a check of one footer rule
//! never looks for columns. The site check aggregates exactly these across pages.

use std::cell::OnceCell;

use chrono::NaiveDate;

use super::Page;
use super::columns::{self, Column};
use super::identity::{self, Icp, Psb, SiteCode};
use super::kind::PageKind;

pub struct Facts<'p> {
    page: &'p Page,
    today: NaiveDate,
    columns: OnceCell<Vec<Column>>,
    identity: OnceCell<Identity>,
}

/// The footer identity items as shown on the page (footer first, else the body).
pub struct Identity {
    pub site_code: Option<SiteCode>,
    pub icp: Option<Icp>,
    pub psb: Option<Psb>,
    /// The site code the 找错 entry carries (script attribute, link parameter or onclick).
    pub zhaocuo_code: Option<String>,
}

impl<'p> Facts<'p> {
    /// The facts of `page` checked on `today` (the inspection date dates the columns).
    pub fn new(page: &'p Page, today: NaiveDate) -> Facts<'p> {
        Facts { page, today, columns: OnceCell::new(), identity: OnceCell::new() }
    }

    pub fn kind(&self) -> PageKind {
        self.page.kind()
    }

    /// Every column on the page, in document order.
    pub fn columns(&self) -> &[Column] {
        self.columns.get_or_init(|| columns::find(self.page, self.today, self.kind()))
    }

    pub fn identity(&self) -> &Identity {
        self.identity.get_or_init(|| Identity {
            site_code: identity::extract_site_code(self.page),
            icp: identity::extract_icp(self.page),
            psb: identity::extract_psb(self.page),
            zhaocuo_code: identity::zhaocuo_site_code(self.page),
        })
    }
}
