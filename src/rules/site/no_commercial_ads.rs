use std::sync::LazyLock;

use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::page::words::Words;
use crate::registry::Ctx;

/// Hosts of commercial ad networks (script, iframe and link targets).
pub const AD_HOSTS: &[&str] = &[
    "googlesyndication.com",
    "doubleclick.net",
    "googleadservices.com",
    "adservice.google",
    "pos.baidu.com",
    "cpro.baidu.com",
    "cpro.baidustatic.com",
    "dup.baidustatic.com",
    "union.baidu.com",
    "tanx.com",
    "alimama.com",
    "mediav.com",
    "adsame.com",
    "allyes.com",
    "union.sogou.com",
    "e.qq.com/ads",
    "gdt.qq.com",
    "adnxs.com",
    "criteo.com",
    "taboola.com",
    "outbrain.com",
    "ads.",
    "adpro.cn",
    "admaster.com.cn",
    "miaozhen.com",
    "ipinyou.com",
    "adview.cn",
];

/// The ad hosts as one case-insensitive search: pages have thousands of links to test.
static AD_HOST_WORDS: LazyLock<Words> = LazyLock::new(|| Words::ascii_case_insensitive(&AD_HOSTS.iter().copied().filter(|h| *h != "ads.").collect::<Vec<_>>()));

fn ad_host(url: &str) -> Option<&'static str> {
    if let Some(host) = AD_HOST_WORDS.find_in(url) {
        return Some(host);
    }
    // `ads.` counts only as the start of the host name (ads.example.com).
    if !url.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"ads.")) {
        return None;
    }
    let host = crate::page::host_of(url)?;
    host.starts_with("ads.").then_some("ads.")
}

declare_rule! {
    /// ## What it checks
    /// Commercial advertising on the page: scripts, iframes or links served by ad networks
    /// (Google AdSense/DoubleClick, Baidu 网盟 `cpro`/`pos.baidu.com`, Alimama/Tanx, Tencent
    /// 广点通…). The value is the ad host found. Advice level.
    /// ## Why it matters
    /// Government websites must not carry commercial advertising or link to ad pages
    /// (国办发〔2017〕47号); elderly-mode pages must have no ads or pop-ups at all (适老化 spec).
    /// ## How to fix
    /// Remove the ad code and any ad network from templates and third-party widgets.
    /// ## Example
    /// `<script src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js">`
    pub static META = {
        id: "no-commercial-ads",
        category: "site",
        effect: Advice,
        title: "无商业广告",
        title_en: "No commercial ads",
        basis: "国办发〔2017〕47号《政府网站发展指引》：不得刊登商业广告或链接商业广告页面",
        basis_en: "State Council 2017 No. 47 website guideline: no commercial advertising or links to ad pages",
        docs_zh: {
            /// ## 检查内容
            /// 页面上的商业广告：由广告联盟提供的脚本、iframe或链接（谷歌AdSense、DoubleClick，百度网盟 `cpro`、
            /// `pos.baidu.com`，阿里妈妈（Tanx），腾讯广点通等）。检出值为发现的广告服务地址。本项为建议类指标。
            /// ## 为什么重要
            /// 政府网站不得刊登商业广告，也不得链接商业广告页面（国办发〔2017〕47号）；
            /// 适老化页面更不得出现任何广告和弹窗（适老化设计规范）。
            /// ## 如何整改
            /// 从页面模板和第三方插件中删除广告代码，停用所有广告联盟服务。
            /// ## 示例
            /// 谷歌广告联盟的脚本：`<script src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js">`
        },
    };
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    for s in page.scripts() {
        if let Some(h) = s.src.as_deref().and_then(ad_host).or_else(|| ad_host(&s.inline.chars().take(20_000).collect::<String>())) {
            return vec![
                META.finding(Outcome::Fail, format!("页面加载商业广告代码（{h}）"), format!("The page loads commercial ad code ({h})"))
                    .at(page, s.node)
                    .value(h)
                    .seen(SeenAs::Script),
            ];
        }
    }
    for el in page.elements() {
        let n = el.name();
        let attr = match n {
            "iframe" | "img" | "embed" => el.attr("src"),
            "a" => el.attr("href"),
            _ => None,
        };
        if let Some(h) = attr.and_then(ad_host) {
            return vec![
                META.finding(Outcome::Fail, format!("页面含商业广告（{h}）"), format!("The page carries commercial advertising ({h})"))
                    .at(page, el.id())
                    .value(h)
                    .seen(SeenAs::Rendered),
            ];
        }
    }
    vec![META.finding(Outcome::Pass, "未发现商业广告代码", "No commercial ad code found").evidence("hosts_checked", AD_HOSTS.len())]
}
