use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// The site's host ends in `.gov.cn` or `.政务` (punycode `.xn--zfr164b`). An IP address or
    /// another suffix fails; a local or staging host (localhost, 127.0.0.1, a bare intranet name)
    /// cannot be judged and needs review. Without a URL the `SiteDomain` page tag is used.
    /// ## Why it matters
    /// 47号文 and 国办函〔2018〕55号 allow government websites only `.gov.cn` / `.政务` domains;
    /// other domains should be cancelled.
    /// ## How to fix
    /// Serve the site under `www.<region>.gov.cn` (portals) or `<dept>.<region>.gov.cn`
    /// (departments) and redirect any other domain to it.
    /// ## Example
    /// `https://www.yichun.gov.cn/` passes; `http://www.example.com/` fails.
    pub static META = {
        id: "site-domain-govcn",
        category: "identity",
        effect: Norm,
        title: "政府网站域名",
        title_en: "Government domain",
        basis: "国办发〔2017〕47号 域名管理；国办函〔2018〕55号 关于加强政府网站域名管理的通知",
        basis_en: "2017 No. 47 domain rules; State Council Office letter 2018 No. 55 on government domains",
        docs_zh: {
            /// ## 检查内容
            /// 网站域名是否以 `.gov.cn` 或 `.政务`（Punycode编码为 `.xn--zfr164b`）结尾。使用IP地址或其他后缀的判为不合格；
            /// 本地或测试主机（localhost、127.0.0.1、不带后缀的内网主机名）无法判断，需人工复核。没有网址时，以页面的
            /// `SiteDomain` 标签为准。
            /// ## 为什么重要
            /// 47号文和国办函〔2018〕55号规定，政府网站只能使用以 `.gov.cn` 或 `.政务` 结尾的域名，其他域名应予注销。
            /// ## 如何整改
            /// 门户网站使用 `www.<地区>.gov.cn`，部门网站使用 `<部门>.<地区>.gov.cn`，其他域名一律跳转到该域名。
            /// ## 示例
            /// `https://www.yichun.gov.cn/` 合格；`http://www.example.com/` 不合格。
        },
    };
}

/// `政务` in punycode.
pub const ZHENGWU_PUNYCODE: &str = "xn--zfr164b";

pub fn is_gov_host(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_lowercase();
    h == "gov.cn" || h.ends_with(".gov.cn") || h.ends_with(".政务") || h.ends_with(&format!(".{ZHENGWU_PUNYCODE}"))
}

fn is_local(host: &str) -> bool {
    host == "localhost" || host.ends_with(".localhost") || host.ends_with(".local") || host.starts_with("127.") || host == "[::1]" || !host.contains('.')
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    let (host, from_meta) = match (page.host(), page.meta("SiteDomain")) {
        (Some(h), _) => (h.to_string(), false),
        (None, Some(d)) => (crate::page::host_of(&format!("http://{d}")).unwrap_or_default(), true),
        (None, None) => {
            return vec![META.finding(
                Outcome::NotApplicable,
                "未提供网址，页面也没有 SiteDomain 标签，无法检查域名",
                "No URL was given and the page has no SiteDomain tag; the domain cannot be checked",
            )];
        }
    };
    let seen = if from_meta { SeenAs::Meta } else { SeenAs::Rendered };
    let f = if is_gov_host(&host) {
        META.finding(Outcome::Pass, format!("域名 {host} 为 .gov.cn/.政务 域名"), format!("{host} is a .gov.cn/.政务 domain"))
    } else if host.parse::<std::net::Ipv4Addr>().is_ok() && !host.starts_with("127.") {
        META.finding(
            Outcome::Fail,
            format!("网站使用 IP 地址 {host} 访问，应使用 .gov.cn 域名"),
            format!("The site is served from the IP address {host}, not a .gov.cn domain"),
        )
    } else if is_local(&host) {
        META.finding(
            Outcome::Review,
            format!("{host} 是本地或预发布地址，无法判断正式域名"),
            format!("{host} is a local or staging host; the public domain cannot be judged"),
        )
    } else {
        META.finding(Outcome::Fail, format!("域名 {host} 不是 .gov.cn 或 .政务 域名"), format!("{host} is not a .gov.cn or .政务 domain"))
    };
    vec![f.value(host).seen(seen)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gov_hosts() {
        assert!(is_gov_host("www.yichun.gov.cn"));
        assert!(is_gov_host("xx.政务"));
        assert!(is_gov_host("xx.xn--zfr164b"));
        assert!(!is_gov_host("gov.cn.example.com"));
        assert!(!is_gov_host("www.ccgp-hebei.gov.com"));
    }
}
