//! 底部功能区 checks. The identity items they judge (网站标识码, ICP, 公网安备, the 找错
//! entry's code) are extracted once per check by the page model (`page::identity`) and
//! reach the rules in `ctx.facts`.

pub mod conac_badge;
pub mod icp;
pub mod psb_beian;
pub mod site_code;
pub mod sitemap;
pub mod sponsor_contact;
pub mod zhaocuo_entry;

use crate::model::{Finding, Outcome};
use crate::page::Source;
use crate::registry::{Ctx, RuleMeta};

/// When the footer cannot be judged from this HTML, the `review` finding that says why.
/// Raw server HTML whose footer a script or include brings in is not a failure.
pub fn footer_unjudgeable(ctx: &Ctx, meta: &'static RuleMeta) -> Option<Finding> {
    let page = ctx.page;
    if page.footer().found() || page.source() == Source::Live {
        return None;
    }
    let (zh, en) = match page.footer().empty_placeholder {
        Some(_) => (
            "页脚容器在源代码中为空，由脚本填充；请在浏览器中检查实际页面",
            "The footer container is empty in this HTML and filled by a script; check the rendered page",
        ),
        None => (
            "源代码中未找到底部功能区（可能由脚本或 iframe 引入）；请在浏览器中检查实际页面",
            "No footer found in this HTML (a script or iframe may bring it in); check the rendered page",
        ),
    };
    let f = meta.finding(Outcome::Review, format!("{}：{zh}", meta.title), format!("{}: {en}", meta.title_en));
    Some(f.at_opt(page, page.footer().empty_placeholder).evidence("footer", "not_in_static_html"))
}
