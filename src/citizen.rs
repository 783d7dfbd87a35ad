//! The citizen's error report (我为政府网站找错): what govcheck builds from a selection on the
//! page, and where to send it. govcheck submits nothing: it opens the site's own 找错 entry
//! and puts the report text on the clipboard, ready to paste.

use serde::{Deserialize, Serialize};

use crate::model::Report;
use crate::report::html::escape;

/// The national platform's 找错 page (what the official `jiucuo.js` embed opens).
pub const NATIONAL_ENTRY: &str = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html";

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 错别字
    Typo,
    /// 链接错误
    BrokenLink,
    /// 内容过时
    Outdated,
    /// 无法访问
    Unreachable,
    /// 其他
    Other,
}

impl Category {
    pub const ALL: [Category; 5] = [Category::Typo, Category::BrokenLink, Category::Outdated, Category::Unreachable, Category::Other];

    pub fn id(self) -> &'static str {
        match self {
            Category::Typo => "typo",
            Category::BrokenLink => "broken_link",
            Category::Outdated => "outdated",
            Category::Unreachable => "unreachable",
            Category::Other => "other",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Category::Typo => "错别字",
            Category::BrokenLink => "链接错误",
            Category::Outdated => "内容过时",
            Category::Unreachable => "无法访问",
            Category::Other => "其他",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Category::Typo => "typo",
            Category::BrokenLink => "broken link",
            Category::Outdated => "out of date",
            Category::Unreachable => "cannot be reached",
            Category::Other => "other",
        }
    }
}

/// One citizen report, as saved locally and exported. The screenshot travels beside it
/// (a PNG file in the JSON export, inline in the HTML export), never inside the text.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CitizenReport {
    pub id: String,
    pub page_url: String,
    pub page_title: String,
    /// The text the citizen selected (may be empty when an element was picked).
    pub selected_text: String,
    /// The sentence around the selection, for context.
    pub context: String,
    /// CSS selector of the element.
    #[serde(default)]
    pub selector: Option<String>,
    pub category: Category,
    pub comment: String,
    /// When it was made, ISO 8601 with offset (the browser's clock: this is a record of
    /// when a person made it, not an input to any rule).
    pub created: String,
    /// Where it should be sent (see `target`).
    pub target: Target,
}

/// Where a report goes: the page's own 找错 link, or the national platform with the site
/// code found on the page; `none` when the page shows neither (the citizen is told so).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Target {
    /// `page_link`, `national`, or `none`.
    pub how: String,
    pub url: Option<String>,
    pub site_code: Option<String>,
    pub note: String,
    pub note_en: String,
}

/// What `encodeURIComponent` leaves as it is: ASCII letters, digits and `-_.!~*'()`.
const URI_COMPONENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'!').remove(b'~').remove(b'*').remove(b'\'').remove(b'(').remove(b')');

/// Percent-encoding of a URL component as `encodeURIComponent` does.
fn encode_component(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, URI_COMPONENT).to_string()
}

/// Where to report an error on this page, from its check report: the page's own 找错 link
/// first (an http(s) link the 找错 rule found), else the national platform with the site code
/// the page shows (网站标识码, or the 找错 entry's code), else none.
pub fn target(report: &Report, page_url: &str) -> Target {
    let zhaocuo = report.findings.iter().filter(|f| f.rule == "footer-zhaocuo-entry");
    // The entry's link, made absolute against the page; only http(s) is opened.
    let base = url::Url::parse(page_url).ok();
    let own = zhaocuo
        .clone()
        .filter(|f| f.outcome == crate::Outcome::Pass)
        .filter_map(|f| f.evidence.get("href").and_then(serde_json::Value::as_str))
        .filter_map(|h| base.as_ref().and_then(|b| b.join(h.trim()).ok()).or_else(|| url::Url::parse(h.trim()).ok()))
        .find(|u| matches!(u.scheme(), "http" | "https"))
        .map(String::from);
    let code = report
        .findings
        .iter()
        .filter(|f| f.rule == "footer-site-code" && f.outcome == crate::Outcome::Pass)
        .find_map(|f| f.value.clone())
        .or_else(|| zhaocuo.filter_map(|f| f.value.clone()).find(|v| crate::page::identity::valid_site_code(v)));
    if let Some(url) = own {
        return Target {
            how: "page_link".into(),
            url: Some(url),
            site_code: code,
            note: "打开本网站自己的“我为政府网站找错”入口".into(),
            note_en: "Opens the site's own error-reporting entry".into(),
        };
    }
    match code {
        Some(c) => Target {
            how: "national".into(),
            url: Some(format!("{NATIONAL_ENTRY}?site_code={}&url={}", encode_component(&c), encode_component(page_url))),
            note: format!("本页未放置可用的找错链接，将打开全国政府网站找错平台（网站标识码 {c}）"),
            note_en: format!("The page has no usable 找错 link: the national platform opens with site code {c}"),
            site_code: Some(c),
        },
        None => Target {
            how: "none".into(),
            url: None,
            site_code: None,
            note: "本页既没有找错入口，也没有显示网站标识码：请通过国务院客户端或中国政府网“我为政府网站找错”平台手工提交，并注明网站名称".into(),
            note_en: "The page shows neither a 找错 entry nor a site code: submit through the national platform by hand and name the site".into(),
        },
    }
}

impl CitizenReport {
    /// The text put on the clipboard, to paste into the 找错 form (Chinese: the form is).
    pub fn text(&self) -> String {
        let mut s = format!("【问题类型】{}\n【页面】{}\n【网址】{}\n", self.category.label_zh(), self.page_title, self.page_url);
        if !self.selected_text.is_empty() {
            s += &format!("【问题内容】“{}”\n", self.selected_text);
        }
        if !self.context.is_empty() && self.context != self.selected_text {
            s += &format!("【所在语句】{}\n", self.context);
        }
        if let Some(sel) = &self.selector {
            s += &format!("【页面位置】{sel}\n");
        }
        if !self.comment.is_empty() {
            s += &format!("【说明】{}\n", self.comment);
        }
        s += &format!("【发现时间】{}\n（本报告由 govcheck 生成，页面截图另附）", self.created);
        s
    }

    /// One self-contained HTML document: the report and its screenshot (a PNG data URL, or
    /// none). Everything from the page is escaped; the CSP allows images from data: only.
    pub fn html(&self, screenshot_png_base64: Option<&str>) -> String {
        let mut s = String::from(
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        );
        s += &format!("<title>找错报告 · {}</title><style>{}</style></head><body>", escape(&self.page_title), crate::report::html::STYLE);
        s += &format!(
            "<h1>我为政府网站找错 · 报告 <span class=\"en\">Error report</span></h1><table><tbody>\
<tr><th style=\"width:9em\">问题类型</th><td>{} <span class=\"en\">{}</span></td></tr>\
<tr><th>页面</th><td>{}</td></tr><tr><th>网址</th><td><code>{}</code></td></tr>\
<tr><th>问题内容</th><td>{}</td></tr><tr><th>所在语句</th><td>{}</td></tr>\
<tr><th>页面位置</th><td><code>{}</code></td></tr><tr><th>说明</th><td>{}</td></tr>\
<tr><th>发现时间</th><td>{}</td></tr><tr><th>提交到</th><td>{}<br><code>{}</code></td></tr></tbody></table>",
            escape(self.category.label_zh()),
            escape(self.category.label_en()),
            escape(&self.page_title),
            escape(&self.page_url),
            escape(&self.selected_text),
            escape(&self.context),
            escape(self.selector.as_deref().unwrap_or("")),
            escape(&self.comment),
            escape(&self.created),
            escape(&self.target.note),
            escape(self.target.url.as_deref().unwrap_or("")),
        );
        if let Some(png) = screenshot_png_base64.filter(|b| b.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'='))) {
            s += &format!(
                "<h2>页面截图 <span class=\"en\">Screenshot</span></h2><img alt=\"页面截图\" style=\"max-width:100%;border:1px solid #ccc\" src=\"data:image/png;base64,{png}\">"
            );
        }
        s += "</body></html>\n";
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PageInput, Source};

    fn report_of(html: &str, url: &str) -> Report {
        let mut input = PageInput::new(html, chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap());
        input.url = Some(url);
        input.source = Source::Live;
        crate::check(&input).unwrap()
    }

    #[test]
    fn the_national_entry_carries_the_site_code_shown_on_the_page() {
        let r = report_of("<html><body><div class=\"footer\">网站标识码：3609000002 版权所有</div></body></html>", "https://www.yichun.gov.cn/a/b.html?x=1");
        let t = target(&r, "https://www.yichun.gov.cn/a/b.html?x=1");
        assert_eq!(t.how, "national");
        assert_eq!(t.site_code.as_deref(), Some("3609000002"));
        assert_eq!(
            t.url.as_deref(),
            Some("https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3609000002&url=https%3A%2F%2Fwww.yichun.gov.cn%2Fa%2Fb.html%3Fx%3D1")
        );
    }

    #[test]
    fn the_pages_own_entry_comes_first() {
        let html = r#"<html><body><div class="footer"><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4403000002&amp;url=http%3A%2F%2Fga.sz.gov.cn%2F"><img src="jiucuo.png"></a> 网站标识码：4403000002</div></body></html>"#;
        let r = report_of(html, "http://ga.sz.gov.cn/");
        let t = target(&r, "http://ga.sz.gov.cn/");
        assert_eq!(t.how, "page_link", "{t:?}");
        assert!(t.url.unwrap().starts_with("https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4403000002"));
    }

    #[test]
    fn a_page_with_neither_link_nor_code_says_so() {
        let r = report_of("<html><body><div class=\"footer\">版权所有</div></body></html>", "https://x.gov.cn/");
        let t = target(&r, "https://x.gov.cn/");
        assert_eq!((t.how.as_str(), t.url.is_none()), ("none", true));
        assert!(t.note.contains("既没有找错入口"));
    }

    #[test]
    fn the_text_and_html_carry_the_report_and_escape_the_page() {
        let r = CitizenReport {
            id: "r1".into(),
            page_url: "https://x.gov.cn/".into(),
            page_title: "<script>alert(1)</script>".into(),
            selected_text: "政府网占".into(),
            context: "欢迎访问政府网占。".into(),
            selector: Some("#main > p".into()),
            category: Category::Typo,
            comment: "应为“政府网站”".into(),
            created: "2026-12-03T20:00:00+08:00".into(),
            target: Target { how: "none".into(), url: None, site_code: None, note: "n".into(), note_en: "n".into() },
        };
        let t = r.text();
        assert!(t.contains("【问题类型】错别字") && t.contains("“政府网占”") && t.contains("欢迎访问政府网占。") && t.contains("#main > p"));
        let h = r.html(Some("iVBORw0KGgo="));
        assert!(!h.contains("<script>") && h.contains("&lt;script&gt;"));
        assert!(h.contains("data:image/png;base64,iVBORw0KGgo="));
        // Anything but base64 is not put in an attribute.
        assert!(!r.html(Some("\" onerror=\"x")).contains("onerror"));
    }
}
