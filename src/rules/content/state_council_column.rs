use crate::declare_rule;
use crate::model::{Finding, Outcome};
use crate::page::columns;
use crate::page::kind::{PageKind, classify};
use crate::registry::Ctx;

/// Names of the 国务院信息 column (协同联动) as sites write them.
const NAMES: &[&str] = &["国务院信息", "国务院要闻", "国务院政策", "国务院文件", "国务院重要政策", "国务院动态", "国务院常务会议", "央网推荐", "央网动态", "中国政府网推荐", "转载中国政府网", "中央政府网", "国务院部署"];

declare_rule! {
    /// ## What it checks
    /// On a portal homepage (`www.<place>.gov.cn`): a column carrying State Council
    /// information, named like 国务院信息, 国务院要闻, 国务院政策, 央网推荐 or 转载中国政府网. The
    /// column may be filled by the gov.cn push widget; its title is enough here. Pages other
    /// than homepages, and non-portal hosts, are not applicable.
    /// ## Why it matters
    /// 协同联动: portals of local governments and State Council departments must reprint the
    /// important policy information published on 中国政府网, in a prominent homepage column
    /// (2016 national check; reprint within 24 hours).
    /// ## How to fix
    /// Add a 国务院信息 column to the homepage, fed from the 中国政府网 push service
    /// (www.gov.cn/pushinfo) or by reprinting.
    /// ## Example
    /// `<div class="hd"><h3>国务院信息</h3></div><ul><li><a href="…">国务院常务会议…</a></li></ul>`
    pub static META = {
        id: "state-council-column",
        category: "content",
        effect: Deduct,
        title: "国务院信息栏目（协同联动）",
        title_en: "State Council information column (coordination)",
        basis: "国办秘函〔2019〕19号 扣分指标：协同联动（转载国务院重要政策信息）",
        basis_en: "2019 national indicators, deduction item: coordination (reprinting State Council policy information)",
    };
}

fn matches(t: &str) -> bool {
    NAMES.iter().any(|n| t.contains(n))
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    if classify(page) != PageKind::Homepage {
        return vec![META.finding(Outcome::NotApplicable, "非首页，不适用", "Not a homepage")];
    }
    if page.host.as_deref() == Some("www.gov.cn") {
        return vec![META.finding(Outcome::NotApplicable, "中国政府网本身无需转载", "www.gov.cn is the source itself")];
    }
    if let Some(c) = columns::columns(page, ctx.today).into_iter().find(|c| matches(&c.name)) {
        return vec![META
            .finding(Outcome::Pass, format!("首页设有「{}」栏目", c.name), format!("The homepage has a “{}” column", c.name))
            .at(page, c.node)
            .column(&c.name)
            .value(&c.name)];
    }
    // A titled block or a link with that name (a column whose list is drawn elsewhere).
    if let Some(l) = page.links.iter().find(|l| !l.in_footer && matches(&l.text) && l.text.chars().count() <= 16) {
        return vec![META
            .finding(Outcome::Pass, format!("首页设有「{}」入口", l.text), format!("The homepage links a “{}” column", l.text))
            .at(page, l.node)
            .value(&l.text)];
    }
    let portal = page.host.as_deref().map(|h| h.starts_with("www.") && h.ends_with(".gov.cn"));
    match portal {
        Some(true) => vec![META
            .finding(Outcome::Fail, "门户网站首页未发现国务院信息（国务院要闻/央网推荐等）栏目", "No State Council information column (国务院信息/央网推荐…) on this portal homepage")
            .evidence("looked_for", NAMES)],
        Some(false) => vec![META.finding(
            Outcome::NotApplicable,
            "非门户网站（主机名不是 www.*.gov.cn），协同联动要求针对门户网站",
            "Not a portal host (www.*.gov.cn); the requirement applies to portal sites",
        )],
        None => vec![META
            .finding(
                Outcome::Review,
                "首页未发现国务院信息栏目；无法从网址判断是否为门户网站",
                "No State Council information column found; whether this is a portal site cannot be told without its address",
            )
            .evidence("looked_for", NAMES)],
    }
}
