use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::model::{Finding, Outcome, SeenAs};
use crate::page::kind::PageKind;
use crate::registry::Ctx;

declare_rule! {
    /// ## What it checks
    /// The page tags (网页标签) of the 47号文 design spec, one finding per tag: on every page
    /// `SiteName`, `SiteDomain`, `SiteIDCode`; on column pages also `ColumnName`,
    /// `ColumnDescription`, `ColumnKeywords`, `ColumnType`; on articles `ArticleTitle`,
    /// `PubDate` (format `YYYY-MM-DD HH:MM`) and `ContentSource`. An empty `content` counts as missing.
    /// ## Why it matters
    /// The tags let the national monitoring system and search engines identify the site, its
    /// columns and publication dates; inspectors use `PubDate` and `ColumnType` to judge freshness.
    /// ## How to fix
    /// Add the tags to the page template's `<head>`, filled from the CMS.
    /// ## Example
    /// `<meta name="SiteName" content="中国宜春"><meta name="SiteDomain" content="www.yichun.gov.cn"><meta name="SiteIDCode" content="3609000002">`
    pub static META = {
        id: "meta-tags",
        category: "identity",
        effect: Norm,
        title: "网页标签",
        title_en: "Page tags (meta)",
        basis: "国办发〔2017〕47号 附件《网页设计规范》网页标签",
        basis_en: "2017 No. 47 page design spec: page tags",
        docs_zh: {
            /// ## 检查内容
            /// 47号文《网页设计规范》规定的网页标签，每个标签给出一项结果：所有页面都应有 `SiteName`、`SiteDomain`、
            /// `SiteIDCode`；栏目页还应有 `ColumnName`、`ColumnDescription`、`ColumnKeywords`、`ColumnType`；文章页应有
            /// `ArticleTitle`、`PubDate`（格式为 `YYYY-MM-DD HH:MM`）和 `ContentSource`。`content` 为空的，视同缺失。
            /// ## 为什么重要
            /// 全国政府网站监测系统和搜索引擎依靠这些标签识别网站、栏目和发布日期；检查人员用 `PubDate` 和 `ColumnType`
            /// 判断内容是否按时更新。
            /// ## 如何整改
            /// 在页面模板的 `<head>` 中加入这些标签，内容由网站内容管理系统自动填写。
            /// ## 示例
            /// 站点标签的写法：
            /// `<meta name="SiteName" content="中国宜春"><meta name="SiteDomain" content="www.yichun.gov.cn"><meta name="SiteIDCode" content="3609000002">`
        },
    };
}

const SITE_TAGS: &[&str] = &["SiteName", "SiteDomain", "SiteIDCode"];
const COLUMN_TAGS: &[&str] = &["ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"];
const ARTICLE_TAGS: &[&str] = &["ArticleTitle", "PubDate", "ContentSource"];

static PUBDATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}(?::[0-9]{2})?$").unwrap());

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let page = ctx.page;
    let kind = ctx.facts.kind();
    let mut tags: Vec<&str> = SITE_TAGS.to_vec();
    match kind {
        PageKind::Column => tags.extend(COLUMN_TAGS),
        PageKind::Article => tags.extend(ARTICLE_TAGS),
        _ => {}
    }
    let meta_node = |name: &str| page.elements().find(|e| e.name() == "meta" && e.attr("name").is_some_and(|n| n.eq_ignore_ascii_case(name))).map(|e| e.id());
    tags.into_iter()
        .map(|tag| match page.meta(tag) {
            Some(v) if tag == "PubDate" && !PUBDATE.is_match(v) => META
                .finding(Outcome::Fail, format!("PubDate 标签“{v}”格式应为 YYYY-MM-DD HH:MM"), format!("PubDate “{v}” should be YYYY-MM-DD HH:MM"))
                .at_opt(page, meta_node(tag))
                .value(v)
                .evidence("tag", tag),
            Some(v) => META
                .finding(Outcome::Pass, format!("{tag}：{v}"), format!("{tag}: {v}"))
                .at_opt(page, meta_node(tag))
                .value(v)
                .seen(SeenAs::Meta)
                .evidence("tag", tag),
            None => META
                .finding(
                    Outcome::Fail,
                    format!("缺少网页标签 <meta name=\"{tag}\">（或内容为空）"),
                    format!("Page tag <meta name=\"{tag}\"> is missing or empty"),
                )
                .at_opt(page, meta_node(tag))
                .evidence("tag", tag)
                .evidence("page_kind", kind.as_str()),
        })
        .collect()
}
