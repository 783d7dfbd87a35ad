//! The visible text of every element, computed in one walk of the document.
//!
//! Rules and the column finder ask for the text of thousands of (nested) elements; reading
//! each subtree again made that quadratic in nesting depth and was most of the check's
//! time on large portals. Here the document is normalised once into one string and each
//! element keeps the byte range of its text in it: the text of an element is a slice,
//! trimmed. The result is exactly `visible_text(el)` (a test compares them on every
//! element of every corpus page); elements inside skipped subtrees (`<head>`, `<script>`,
//! `<select>`…) have no range and fall back to reading their subtree.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::ElementExt;
use super::text::Normalizer;
use super::{BLOCKS, NON_TEXT, visible_text, with_image_titles};

pub struct TextIndex {
    text: String,
    /// Keyed by node id with a cheap hash: one entry per element of the page.
    spans: FxHashMap<NodeId, (u32, u32)>,
}

impl TextIndex {
    pub fn build(html: &Html, size_hint: usize) -> TextIndex {
        let mut n = Normalizer::with_capacity(size_hint / 2);
        let mut spans: FxHashMap<NodeId, (u32, u32)> = FxHashMap::with_capacity_and_hasher(size_hint / 40, Default::default());
        // Inside a skipped element (script, style, head…): its id.
        let mut skipping: Option<NodeId> = None;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => n.push(t),
                        Node::Element(e) => {
                            if NON_TEXT.contains(&e.name()) {
                                skipping = Some(node.id());
                                let at = n.len() as u32;
                                spans.insert(node.id(), (at, at));
                                continue;
                            }
                            if BLOCKS.contains(&e.name()) {
                                n.space();
                            }
                            spans.insert(node.id(), (n.len() as u32, 0));
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skipping == Some(node.id()) {
                        skipping = None;
                        continue;
                    }
                    if skipping.is_some() {
                        continue;
                    }
                    if let Node::Element(e) = node.value() {
                        let end = n.len() as u32;
                        if let Some(span) = spans.get_mut(&node.id()) {
                            span.1 = end;
                        }
                        if BLOCKS.contains(&e.name()) {
                            n.space();
                        }
                    }
                }
            }
        }
        TextIndex { text: n.into_raw(), spans }
    }

    /// Normalised visible text of `el`, equal to `visible_text(el)`.
    pub fn of<'a>(&'a self, el: ElementRef<'_>) -> Cow<'a, str> {
        match self.spans.get(&el.id()) {
            Some(&(start, end)) => Cow::Borrowed(self.text[start as usize..end as usize].trim_matches(' ')),
            None => Cow::Owned(visible_text(el)),
        }
    }

    /// Text of a link or button as a user reads it, equal to `label_text(el)`: its text,
    /// then `alt`/`title` of images in it and its own `title`.
    pub fn label(&self, el: ElementRef<'_>) -> String {
        let own = self.of(el);
        let has_titles = el.value().attribute("title").is_some() || el.descendants().any(|d| matches!(d.value(), Node::Element(e) if e.name() == "img"));
        if has_titles { with_image_titles(el, own.into_owned()) } else { own.into_owned() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str) {
        let doc = Html::parse_document(html);
        let idx = TextIndex::build(&doc, html.len());
        for el in doc.tree.root().descendants().filter_map(ElementRef::wrap) {
            assert_eq!(idx.of(el), visible_text(el), "<{}> in {html}", el.value().name());
            assert_eq!(idx.label(el), super::super::label_text(el), "label of <{}> in {html}", el.value().name());
        }
    }

    #[test]
    fn slices_equal_subtree_text() {
        check("<p>京ICP备<span>0502</span>2684号</p><div>a</div><div> b <b>c</b>\u{3000}</div>");
        check("<ul><li> 一 </li><li>二<br>三</li></ul><p>x<!-- c --><script>var a</script>y</p>");
        check("<head><title>t</title></head><body><select><option>o</option></select>　ｚ\u{200B}<noscript><p>n</p></noscript></body>");
        check("<table><tr><td>1</td><td> </td><td>2</td></tr></table>");
    }

    /// The index must give what reading each subtree gives, on every element of every
    /// real page (the corpus has GBK pages, tables, frames, scripts inside lists…).
    #[test]
    fn equals_subtree_text_on_every_corpus_element() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/pages");
        let mut elements = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let html = crate::input::decode_bytes(&std::fs::read(&path).unwrap(), None).0;
            let doc = Html::parse_document(&html);
            let idx = TextIndex::build(&doc, html.len());
            for el in doc.tree.root().descendants().filter_map(ElementRef::wrap) {
                assert_eq!(idx.of(el), visible_text(el), "<{}> in {}", el.value().name(), path.display());
                assert_eq!(idx.label(el), super::super::label_text(el), "label of <{}> in {}", el.value().name(), path.display());
                elements += 1;
            }
        }
        assert!(elements > 10_000, "corpus pages not read: {elements} elements");
    }
}
