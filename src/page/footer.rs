//! Footer (底部功能区) detection on real pages: `<footer>`, ids/classes such as
//! footer/foot/bottom/copyright/bq, and the last block carrying 版权/ICP/主办/标识码 text.
//! Pages often carry two footers (desktop and mobile); all of them are kept.

use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use super::ElementExt;
use super::text_index::TextIndex;
use super::words::Words;

/// A footer region larger than this is a page wrapper that merely has a footer-ish class.
const MAX_FOOTER_CHARS: usize = 3000;

/// How many levels above the marker text the footer block may start.
const MAX_CLIMB: usize = 12;

#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FooterHow {
    /// `<footer>` element or a footer-like id/class.
    Markup,
    /// The last block holding footer text (版权/ICP/主办/标识码).
    MarkerText,
    None,
}

#[derive(Clone, Debug)]
pub struct Footer {
    pub roots: Vec<NodeId>,
    /// Normalised text of all footer regions, joined with " | ".
    pub text: String,
    pub how: FooterHow,
    /// A footer container that is empty in this HTML (filled by a script or an include).
    pub empty_placeholder: Option<NodeId>,
}

impl Footer {
    pub fn detect(html: &Html, text: &TextIndex) -> Footer {
        let mut candidates: Vec<ElementRef<'_>> = Vec::new();
        let mut placeholder = None;
        for el in html.tree.root().descendants().filter_map(ElementRef::wrap) {
            if !looks_like_footer(el) {
                continue;
            }
            if candidates.iter().any(|c| is_ancestor(*c, el)) {
                continue;
            }
            candidates.push(el);
        }
        let mut roots = Vec::new();
        let mut texts = Vec::new();
        for c in &candidates {
            let t = text.of(*c).into_owned();
            if t.is_empty() {
                if c.children().filter_map(ElementRef::wrap).all(|k| matches!(k.value().name(), "script" | "iframe")) {
                    placeholder.get_or_insert(c.id());
                }
                continue;
            }
            if t.chars().count() <= MAX_FOOTER_CHARS && marker_in(&t) {
                roots.push(c.id());
                texts.push(t);
            }
        }
        let how_markup = !roots.is_empty();
        if let Some(block) = last_marker_block(html, text) {
            let covered = roots.iter().any(|r| html.tree.get(*r).and_then(ElementRef::wrap).is_some_and(|r| r.id() == block.id() || is_ancestor(r, block)));
            if !covered {
                // A marker block that contains an existing root replaces it.
                let inner: Vec<usize> = roots
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| html.tree.get(**r).and_then(ElementRef::wrap).is_some_and(|r| is_ancestor(block, r)))
                    .map(|(i, _)| i)
                    .collect();
                for i in inner.into_iter().rev() {
                    roots.remove(i);
                    texts.remove(i);
                }
                roots.push(block.id());
                texts.push(text.of(block).into_owned());
            }
        }
        let how = if how_markup {
            FooterHow::Markup
        } else if roots.is_empty() {
            FooterHow::None
        } else {
            FooterHow::MarkerText
        };
        Footer { text: texts.join(" | "), roots, how, empty_placeholder: placeholder }
    }

    /// Whether node `id` lies inside one of the footer regions.
    pub fn contains(&self, html: &Html, id: NodeId) -> bool {
        let Some(node) = html.tree.get(id) else { return false };
        std::iter::once(node).chain(node.ancestors()).any(|n| self.roots.contains(&n.id()))
    }

    pub fn found(&self) -> bool {
        !self.roots.is_empty()
    }
}

fn looks_like_footer(el: ElementRef<'_>) -> bool {
    let v = el.value();
    if matches!(v.name(), "footer") {
        return true;
    }
    if matches!(v.name(), "html" | "body" | "head" | "script" | "style" | "a" | "img" | "span" | "li" | "meta" | "link") {
        return false;
    }
    let footerish = |token: &str| {
        let t = token.to_ascii_lowercase();
        t.starts_with("foot")
            || t.ends_with("footer")
            || t.ends_with("foot")
            || t.starts_with("bottom")
            || t.ends_with("bottom")
            || t.starts_with("copyright")
            || t == "bq"
            || t.starts_with("bq_")
            || t.starts_with("bq-")
            || t == "bqxx"
            || t.starts_with("banquan")
    };
    v.id().is_some_and(footerish) || v.classes().any(footerish) || v.attribute("data-slot").is_some_and(|s| s.to_ascii_lowercase().contains("footer"))
}

fn is_ancestor(anc: ElementRef<'_>, el: ElementRef<'_>) -> bool {
    el.ancestors().any(|a| a.id() == anc.id())
}

/// Footer markers: 版权, ICP, 主办, 标识码, 公网安备, copyright, ©, or `(c)` before a year
/// (ASCII letters in any case). One automaton, not a regex: it runs on every text node.
fn marker_in(t: &str) -> bool {
    static MARKERS: LazyLock<Words> = LazyLock::new(|| Words::ascii_case_insensitive(&["版权", "ICP", "主办", "标识码", "公网安备", "copyright", "©", "(c)"]));
    MARKERS.iter_in(t).any(|(word, end)| {
        word != "(c)" || {
            let rest = t[end..].trim_start();
            rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        }
    })
}

/// Does this raw text node carry a footer marker once normalised? Normalising only adds
/// matches (full-width letters become ASCII, zero-width characters go), so it is needed only
/// when the raw text has such characters; most text nodes of a page skip it.
fn has_marker(t: &str) -> bool {
    marker_in(t)
        || t.chars().any(|c| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'))
            && marker_in(&super::normalize(t))
}

/// The last element whose own text carries a footer marker, widened to the largest
/// enclosing block that still reads like a footer (short, not the body).
fn last_marker_block<'a>(html: &'a Html, text: &TextIndex) -> Option<ElementRef<'a>> {
    let mut last = None;
    for node in html.tree.root().descendants() {
        if let scraper::Node::Text(t) = node.value() {
            if has_marker(t) {
                let parent = node.parent().and_then(ElementRef::wrap);
                if let Some(p) = parent.filter(|p| !matches!(p.value().name(), "script" | "style" | "title" | "noscript" | "textarea")) {
                    last = Some(p);
                }
            }
        }
    }
    let mut block = last?;
    // Bounded climb: a footer sits a few levels below the body; deep pages stay linear.
    for _ in 0..MAX_CLIMB {
        let Some(parent) = block.parent().and_then(ElementRef::wrap) else { break };
        if matches!(parent.value().name(), "body" | "html") {
            break;
        }
        if text.of(parent).chars().count() > MAX_FOOTER_CHARS / 2 {
            break;
        }
        block = parent;
    }
    Some(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        for yes in ["Copyright 2023", "COPYRIGHT", "© 示例", "(C) 2023 示例", "(c)2023", "京icp备05022684号", "主办单位：某市", "网站标识码", "京公网安备"]
        {
            assert!(marker_in(yes), "{yes}");
        }
        for no in ["(c) abc", "(c)20", "新闻中心", "ＩＣＰ", "版 权"] {
            assert!(!marker_in(no), "{no}");
        }
        assert!(has_marker("ＩＣＰ备案"), "full-width letters count once normalised");
    }

    #[test]
    fn footer_by_class_and_mobile_duplicate() {
        let h = Html::parse_document("<div class=main>正文</div><div class=footer>主办：某市人民政府</div><div class=m-footer>主办：某市人民政府</div>");
        let f = Footer::detect(&h, &TextIndex::build(&h, 0));
        assert_eq!(f.roots.len(), 2);
        assert_eq!(f.how, FooterHow::Markup);
    }

    #[test]
    fn footer_by_marker_text_without_markup_hints() {
        let h = Html::parse_document("<div>新闻</div><div><p>网站标识码3609000002</p><p>赣ICP备06000141号</p></div>");
        let f = Footer::detect(&h, &TextIndex::build(&h, 0));
        assert_eq!(f.how, FooterHow::MarkerText);
        assert!(f.text.contains("赣ICP备06000141号"), "{}", f.text);
    }

    #[test]
    fn empty_footer_container_is_a_placeholder() {
        let h = Html::parse_document("<div>新闻</div><div id=footer></div><script src=common.js></script>");
        let f = Footer::detect(&h, &TextIndex::build(&h, 0));
        assert!(!f.found());
        assert!(f.empty_placeholder.is_some());
    }
}
