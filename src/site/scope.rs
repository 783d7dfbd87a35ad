//! What belongs to the site and what is worth fetching: URL normalisation, the site key,
//! resources that are never fetched, and the priority of a link. Pure functions on strings.

use std::sync::LazyLock;

use regex::Regex;
use url::Url;

/// The site a URL belongs to: host without a leading `www.`, and the port when it is not
/// the scheme's default. `www.x.gov.cn` and `x.gov.cn` are one site; `xxgk.x.gov.cn` is
/// another (each has its own 网站标识码 and is inspected on its own).
pub fn site_key(url: &Url) -> Option<String> {
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    Some(match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    })
}

/// Parse an absolute http(s) URL, without its fragment.
pub fn parse_http(s: &str) -> Option<Url> {
    let mut u = Url::parse(s.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return None;
    }
    u.set_fragment(None);
    Some(u)
}

/// Identity of a page for "seen before": scheme-less, `www.`-less, fragment-less, with a
/// directory's index file (`/col/index.html` = `/col/`) and default port folded.
pub fn page_key(url: &Url) -> String {
    let mut path = url.path().to_string();
    if let Some(i) = path.rfind('/') {
        let file = path[i + 1..].to_ascii_lowercase();
        if INDEX_FILE.is_match(&file) {
            path.truncate(i + 1);
        }
    }
    let q = url.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!("{}{path}{q}", site_key(url).unwrap_or_default())
}

static INDEX_FILE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:index|default)\.(?:s?html?|jsp|php|aspx?)$").unwrap());

/// Why a link is not followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// mailto:, javascript:, tel:, data: …
    NotHttp,
    OffSite,
    /// PDF, office documents, images, archives, media: not pages.
    Resource,
    Robots,
    Depth,
    MaxPages,
}

impl Skip {
    pub fn code(self) -> &'static str {
        match self {
            Skip::NotHttp => "not_http",
            Skip::OffSite => "off_site",
            Skip::Resource => "resource",
            Skip::Robots => "robots",
            Skip::Depth => "depth",
            Skip::MaxPages => "max_pages",
        }
    }
}

static RESOURCE_EXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:pdf|docx?|xlsx?|xls|pptx?|wps|et|dps|ofd|ceb|txt|rtf|csv|xml|json|zip|rar|7z|gz|tgz|tar|bz2|jpe?g|png|gif|bmp|svg|webp|ico|tiff?|mp[34]|avi|flv|wmv|mov|mkv|swf|exe|apk|msi|dmg|iso|css|js)$").unwrap()
});

pub fn is_resource(url: &Url) -> bool {
    RESOURCE_EXT.is_match(url.path())
}

/// Resolve an href found on `base`, or say why it is not a page of ours.
pub fn resolve(base: &Url, href: &str) -> Result<Url, Skip> {
    let href = href.trim();
    let lower = href.get(..11.min(href.len())).unwrap_or("").to_ascii_lowercase();
    if href.is_empty()
        || href.starts_with('#')
        || ["mailto:", "javascript", "tel:", "data:", "sms:", "ftp:", "about:", "vbscript"].iter().any(|p| lower.starts_with(p))
    {
        return Err(Skip::NotHttp);
    }
    let mut u = base.join(href).map_err(|_| Skip::NotHttp)?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(Skip::NotHttp);
    }
    u.set_fragment(None);
    if is_resource(&u) {
        return Err(Skip::Resource);
    }
    Ok(u)
}

static PAGINATION_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:/(?:index|list|default)_([0-9]{1,4})\.s?html?$)|(?:[?&](?:page|pageno|pagenum|pageindex|p|currpage|curpage|pn)=([0-9]{1,4}))").unwrap()
});
static ARTICLE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/t20[0-9]{6}_[0-9]+|content_[0-9]+|/art_[0-9]+|/[0-9]{6,8}/[a-z]?[0-9]+\.s?html?|[?&](?:id|articleid|newsid|infoid)=[0-9]+").unwrap()
});
static GUIDE_OR_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)办事指南|服务指南|办事服务|便民服务|留言|咨询|信箱|互动|投诉|建议|来信|bszn|fwzn|bsfw|liuyan|zxts|xinxiang|hudong|hdjl|zmhd|mailbox|letter|consult").unwrap()
});
static SITEMAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"网站地图|站点地图|网站导航|站点导航|(?i)sitemap|wzdt").unwrap());
static MORE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:更多|查看更多|more|>>|»|\+)").unwrap());
static NEXT_PAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"下一页|下页|后页|^>$|(?i)^next").unwrap());

/// The page number of a paginated list URL (`index_1.html` is page 2 on TRS sites,
/// `page=2`), or None for a first page.
pub fn pagination_index(url: &Url) -> Option<u32> {
    let s = url.as_str();
    let caps = PAGINATION_URL.captures(s)?;
    let n: u32 = caps.get(1).or(caps.get(2))?.as_str().parse().ok()?;
    // `page=1` is the first page; `index_1.html` is the second.
    if caps.get(2).is_some() && n <= 1 { None } else { Some(n) }
}

/// How much a link is worth fetching, highest first. A crawl bounded to a few hundred
/// pages must reach the site map, the navigation and every column's list page before
/// individual articles: those are what the site indicators count.
pub fn priority(text: &str, url: &Url, is_column_link: bool, in_footer: bool) -> u8 {
    let text = text.trim();
    if SITEMAP.is_match(text) || SITEMAP.is_match(url.path()) {
        return 95;
    }
    if is_column_link || MORE.is_match(text) {
        return 85;
    }
    if GUIDE_OR_MESSAGE.is_match(text) || GUIDE_OR_MESSAGE.is_match(url.path()) {
        return 75;
    }
    if NEXT_PAGE.is_match(text) || pagination_index(url).is_some() {
        return 55;
    }
    if ARTICLE_URL.is_match(url.as_str()) {
        return 20;
    }
    let chars = text.chars().count();
    if in_footer {
        return 30;
    }
    // Short link texts are navigation; long ones are article titles.
    if (1..=10).contains(&chars) { 65 } else { 35 }
}

/// A link whose text says it leads to the next page of a list.
pub fn is_next_page(text: &str, url: &Url) -> bool {
    NEXT_PAGE.is_match(text.trim()) || pagination_index(url).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn www_and_bare_host_are_one_site() {
        assert_eq!(site_key(&u("https://www.x.gov.cn/a")), site_key(&u("http://x.gov.cn/b")));
        assert_ne!(site_key(&u("http://xxgk.x.gov.cn/")), site_key(&u("http://x.gov.cn/")));
        assert_eq!(site_key(&u("http://127.0.0.1:8080/")).unwrap(), "127.0.0.1:8080");
        assert_eq!(page_key(&u("http://www.x.gov.cn/col/index.html#top")), page_key(&u("https://x.gov.cn/col/")));
    }

    #[test]
    fn links_that_are_not_pages() {
        let base = u("http://x.gov.cn/a/b.html");
        for h in ["mailto:a@x.gov.cn", "javascript:void(0)", "JavaScript:;", "tel:12345", "#top", ""] {
            assert_eq!(resolve(&base, h), Err(Skip::NotHttp), "{h}");
        }
        for h in ["/files/report.PDF", "x.docx", "/img/a.jpg", "/a.zip?x=1"] {
            assert_eq!(resolve(&base, h), Err(Skip::Resource), "{h}");
        }
        assert_eq!(resolve(&base, "../c/index.html#x").unwrap().as_str(), "http://x.gov.cn/c/index.html");
    }

    #[test]
    fn pagination_and_priorities() {
        assert_eq!(pagination_index(&u("http://x.gov.cn/col/index_1.html")), Some(1));
        assert_eq!(pagination_index(&u("http://x.gov.cn/list?page=2")), Some(2));
        assert_eq!(pagination_index(&u("http://x.gov.cn/list?page=1")), None);
        assert_eq!(pagination_index(&u("http://x.gov.cn/col/index.html")), None);
        assert_eq!(pagination_index(&u("http://x.gov.cn/col/1234.html")), None);
        let p = |t: &str, s: &str| priority(t, &u(s), false, false);
        assert!(p("网站地图", "http://x.gov.cn/wzdt/") > p("工作动态", "http://x.gov.cn/gzdt/"));
        assert!(p("工作动态", "http://x.gov.cn/gzdt/") > p("关于开展2023年度某某工作的通知", "http://x.gov.cn/gzdt/202301/t20230105_1.html"));
        assert!(p("办事指南", "http://x.gov.cn/bszn/") > p("工作动态", "http://x.gov.cn/gzdt/"));
    }
}
