use crate::declare_rule;
use crate::model::{Finding, Outcome};
use crate::page::kind::PageKind;
use crate::page::words::Words;
use crate::registry::Ctx;

/// Names of the 国务院信息 column (协同联动) as sites write them.
const NAMES: &[&str] = &[
    "国务院信息",
    "国务院要闻",
    "国务院政策",
    "国务院文件",
    "国务院重要政策",
    "国务院动态",
    "国务院常务会议",
    "央网推荐",
    "央网动态",
    "中国政府网推荐",
    "转载中国政府网",
    "中央政府网",
    "国务院部署",
];

declare_rule! {
    /// ## What it checks
    /// On a government portal homepage: a column carrying State Council information, named
    /// like 国务院信息, 国务院要闻, 国务院政策, 央网推荐 or 转载中国政府网. The column may be filled
    /// by the gov.cn push widget; its title is enough here. A page is a portal when its title or
    /// `meta SiteName` names a 人民政府 / 门户网站 (or a 中华人民共和国 ministry) and its host, when known, is `www.…`; other sites and pages other than homepages
    /// are not applicable.
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
        docs_zh: {
            /// ## 检查内容
            /// 政府门户网站首页是否有转载国务院信息的栏目，栏目名称如“国务院信息”“国务院要闻”“国务院政策”“央网推荐”
            /// “转载中国政府网”。栏目可以由中国政府网的信息推送插件填充，本项只看栏目标题。页面标题或 `meta SiteName`
            /// 中有“人民政府”“门户网站”字样（或为中华人民共和国某部委），且在已知主机名时主机名以 `www.` 开头的，视为门户网站；
            /// 其他网站以及门户网站的非首页不适用。
            /// ## 为什么重要
            /// 协同联动要求：地方政府和国务院部门的门户网站应在首页显著位置开设栏目，
            /// 转载中国政府网发布的重要政策信息（2016年全国政府网站抽查，要求在24小时内转载）。
            /// ## 如何整改
            /// 在首页开设“国务院信息”栏目，通过中国政府网信息推送服务（www.gov.cn/pushinfo）或人工转载更新内容。
            /// ## 示例
            /// 首页上的国务院信息栏目：
            /// `<div class="hd"><h3>国务院信息</h3></div><ul><li><a href="…">国务院常务会议…</a></li></ul>`
        },
    };
}

fn matches(t: &str) -> bool {
    static WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| Words::new(NAMES));
    WORDS.any_in(t)
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    if ctx.facts.kind() != PageKind::Homepage {
        return vec![META.finding(Outcome::NotApplicable, "非首页，不适用", "Not a homepage")];
    }
    if page.host() == Some("www.gov.cn") {
        return vec![META.finding(Outcome::NotApplicable, "中国政府网本身无需转载", "www.gov.cn is the source itself")];
    }
    if let Some(c) = ctx.facts.columns().iter().find(|c| matches(&c.name)) {
        return vec![
            META.finding(Outcome::Pass, format!("首页设有「{}」栏目", c.name), format!("The homepage has a “{}” column", c.name))
                .at(page, c.node)
                .column(&c.name)
                .value(&c.name),
        ];
    }
    // A titled block or a link with that name (a column whose list is drawn elsewhere).
    if let Some(l) = page.links().iter().find(|l| !l.in_footer && matches(&l.text) && l.text.chars().count() <= 16) {
        return vec![
            META.finding(Outcome::Pass, format!("首页设有「{}」入口", l.text), format!("The homepage links a “{}” column", l.text))
                .at(page, l.node)
                .value(&l.text),
        ];
    }
    // Portals name themselves: 某市人民政府门户网站, SiteName 中国宜春 with 人民政府 in the title.
    let names = format!("{} {}", page.title(), page.meta("SiteName").unwrap_or(""));
    let portal = ["人民政府", "门户网站", "政府网", "中华人民共和国"].iter().any(|w| names.contains(w)) && page.host().is_none_or(|h| h.starts_with("www."));
    if portal {
        vec![
            META.finding(
                Outcome::Fail,
                "政府门户网站首页未发现国务院信息（国务院要闻/央网推荐等）栏目",
                "No State Council information column (国务院要闻, 央网推荐 …) on this government portal homepage",
            )
            .evidence("looked_for", NAMES)
            .evidence("portal_by", "title or SiteName names a 人民政府 / 门户网站"),
        ]
    } else {
        vec![
            META.finding(
                Outcome::NotApplicable,
                "未发现国务院信息栏目；标题和 SiteName 未表明本站为政府门户网站，协同联动要求针对门户网站",
                "No State Council information column; the title and SiteName do not name a government portal, which the requirement is for",
            )
            .evidence("looked_for", NAMES),
        ]
    }
}
