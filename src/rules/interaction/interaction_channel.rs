use std::sync::LazyLock;

use crate::declare_rule;
use crate::page::words::Words;

static WORD_SET: LazyLock<Words> = LazyLock::new(|| Words::new(WORDS));
use crate::model::{Finding, Outcome, SeenAs};
use crate::page::kind::PageKind;
use crate::registry::Ctx;

/// Labels of a consultation / suggestion channel.
pub const WORDS: &[&str] = &[
    "互动交流",
    "政民互动",
    "互动平台",
    "领导信箱",
    "局长信箱",
    "厅长信箱",
    "市长信箱",
    "县长信箱",
    "区长信箱",
    "书记信箱",
    "主任信箱",
    "主席信箱",
    "部长信箱",
    "院长信箱",
    "检察长信箱",
    "网上咨询",
    "在线咨询",
    "我要咨询",
    "政务咨询",
    "咨询投诉",
    "咨询建议",
    "建言献策",
    "我要留言",
    "网上留言",
    "留言板",
    "公众留言",
    "意见征集",
    "民意征集",
    "调查征集",
    "12345",
    "公众参与",
    "写信",
    "信箱",
    "互动",
    "咨询",
    "留言",
];
/// Longest link text taken for a channel entry (longer texts are article titles).
const MAX_LABEL_CHARS: usize = 16;
/// Special channels that do not count (网上信访, 纪检举报).
const EXCLUDED: &[&str] = &["信访", "纪检", "举报", "监察"];

fn dead(h: &str) -> bool {
    let h = h.trim().to_ascii_lowercase();
    h.is_empty() || h == "#" || h.starts_with("javascript")
}

declare_rule! {
    /// ## What it checks
    /// On a homepage: a link to an online consultation or suggestion channel — 互动交流,
    /// 政民互动, 领导信箱/市长信箱, 在线咨询, 我要留言, 意见征集, 12345… — that points somewhere.
    /// 网上信访 and 纪检举报 channels do not count. Pages other than homepages are not applicable.
    /// ## Why it matters
    /// 单项否决: a site without a working online channel for consultation and suggestions fails
    /// (国办秘函〔2019〕19号 未提供网上有效咨询建言渠道).
    /// ## How to fix
    /// Offer a 咨询/留言 channel (or link the province's 12345 platform) from the homepage,
    /// and answer what comes in.
    /// ## Example
    /// `<a href="/hdjl/ldxx/">领导信箱</a>`
    pub static META = {
        id: "interaction-channel",
        category: "interaction",
        effect: Veto,
        title: "咨询建言渠道",
        title_en: "Consultation channel",
        basis: "国办秘函〔2019〕19号 单项否决：未提供网上有效咨询建言渠道（网上信访、纪检举报除外）",
        basis_en: "2019 national indicators, veto item: no working online consultation channel (petitions and discipline reports excluded)",
        docs_zh: {
            /// ## 检查内容
            /// 首页是否有网上咨询或建言渠道的链接，如“互动交流”“政民互动”“领导信箱”“市长信箱”“在线咨询”“我要留言”“意见征集”
            /// “12345”等，且链接有实际地址。网上信访和纪检举报渠道不算。非首页不适用。
            /// ## 为什么重要
            /// 属于单项否决：网站未提供有效的网上咨询建言渠道的，判为不合格（国办秘函
            /// 〔2019〕19号“未提供网上有效咨询建言渠道”）。
            /// ## 如何整改
            /// 在首页提供咨询、留言渠道（或链接本省的12345平台），并认真答复收到的留言。
            /// ## 示例
            /// 首页上的渠道链接：`<a href="/hdjl/ldxx/">领导信箱</a>`
        },
    };
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    if ctx.facts.kind() != PageKind::Homepage {
        return vec![META.finding(Outcome::NotApplicable, "非首页，不适用", "Not a homepage")];
    }
    let short = |l: &&crate::page::Link| l.text.chars().count() <= MAX_LABEL_CHARS && crate::page::dates::date_in_url(&l.href).is_none();
    let named: Vec<_> = page.links().iter().filter(short).filter(|l| WORD_SET.any_in(&l.text)).collect();
    let counts = |t: &str| !EXCLUDED.iter().any(|x| t.contains(x));
    if let Some(l) = named.iter().find(|l| counts(&l.text) && !dead(&l.href)) {
        return vec![
            META.finding(Outcome::Pass, format!("首页提供咨询建言渠道「{}」", l.text), format!("The homepage links a consultation channel: “{}”", l.text))
                .at(page, l.node)
                .value(&l.href)
                .seen(SeenAs::Rendered),
        ];
    }
    if let Some(l) = named.iter().find(|l| counts(&l.text)) {
        return vec![
            META.finding(Outcome::Fail, format!("咨询建言入口「{}」链接无效", l.text), format!("The consultation entry “{}” goes nowhere", l.text))
                .at(page, l.node)
                .value(&l.href),
        ];
    }
    let only_excluded = named.first().copied().or_else(|| page.links().iter().filter(short).find(|l| EXCLUDED.iter().any(|x| l.text.contains(x))));
    let f = META.finding(
        Outcome::Fail,
        if only_excluded.is_some() {
            "首页只有信访/纪检举报渠道，不计为咨询建言渠道"
        } else {
            "首页未发现咨询建言渠道（领导信箱、在线咨询、留言等）"
        },
        if only_excluded.is_some() {
            "Only petition / discipline-report channels on the homepage; they do not count"
        } else {
            "No consultation channel (mailbox, online consultation, messages) on the homepage"
        },
    );
    match only_excluded {
        Some(l) => vec![f.at(page, l.node).value(&l.text)],
        None => vec![f.evidence("looked_for", WORDS)],
    }
}
