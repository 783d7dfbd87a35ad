//! What kind of page this is: rules ask different things of homepages, column lists,
//! articles, service guides and message pages.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::Page;

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Homepage,
    Column,
    Article,
    ServiceGuide,
    Interaction,
    Other,
}

impl PageKind {
    pub const ALL: [PageKind; 6] = [PageKind::Homepage, PageKind::Column, PageKind::Article, PageKind::ServiceGuide, PageKind::Interaction, PageKind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Homepage => "homepage",
            PageKind::Column => "column",
            PageKind::Article => "article",
            PageKind::ServiceGuide => "service_guide",
            PageKind::Interaction => "interaction",
            PageKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<PageKind> {
        PageKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

static ARTICLE_URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"/t20[0-9]{6}_[0-9]+|content_[0-9]+|/art_[0-9]+|/[0-9]{8}/[a-z]?[0-9]+\.s?html?").unwrap());
static HOME_PATH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^/?(?:[a-z0-9_-]+/)?(?:index|default|home)?(?:\.(?:s?html?|jsp|php|aspx?))?/?$").unwrap());

/// Best guess from tags, URL and content. Tags win: they are what the site says of itself.
/// Worked out once per page; a dozen rules and the report ask.
pub fn classify(page: &Page) -> PageKind {
    *page.kind.get_or_init(|| detect(page))
}

fn detect(page: &Page) -> PageKind {
    let column_type = page.meta("ColumnType").unwrap_or("");
    if page.meta("ArticleTitle").is_some() || page.meta("PubDate").is_some() {
        return PageKind::Article;
    }
    if column_type.contains("首页") {
        return PageKind::Homepage;
    }
    if column_type.contains("办事服务") && page.body_text().contains("办事指南") {
        return PageKind::ServiceGuide;
    }
    if column_type.contains("咨询投诉") || column_type.contains("互动") {
        return PageKind::Interaction;
    }
    if let Some(url) = &page.url {
        let path = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
        let path = path.find('/').map(|i| &path[i..]).unwrap_or("/");
        let path = path.split(['?', '#']).next().unwrap_or("/");
        if ARTICLE_URL.is_match(path) {
            return PageKind::Article;
        }
        if path == "/" || (HOME_PATH.is_match(path) && path.matches('/').count() <= 1) {
            return PageKind::Homepage;
        }
    }
    if page.meta("ColumnName").is_some() {
        return PageKind::Column;
    }
    PageKind::Other
}
