//! Parsing with a work budget. The HTML tree builder re-opens every active formatting
//! element (`<b>`, `<font>` …) before each run of text, so a 125 KB page of `<b>` × 500 and
//! `<div>x</div>` × 10 000 becomes 5 million nodes and a gigabyte. The input is fed to the
//! parser in chunks while a counting tree sink tallies the nodes created; once past the
//! budget no more input is fed, and the page is reported as checked in part.

use std::borrow::Cow;
use std::cell::{Cell, Ref};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

/// Input fed to the parser between two looks at the node count. Small enough that one
/// chunk cannot amplify far past the budget (formatting elements are capped by the
/// nesting guard), large enough to cost nothing on normal pages.
const CHUNK: usize = 16 * 1024;

/// What parsing cost, for the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ParseStats {
    /// Nodes the parser created (elements, comments, text runs).
    pub nodes: usize,
    /// Bytes of input parsed; less than the page when the budget stopped the parser.
    pub parsed_bytes: usize,
    /// True when the node budget stopped the parser before the end of the page.
    pub truncated: bool,
}

struct CountingSink {
    inner: HtmlTreeSink,
    nodes: Cell<usize>,
}

impl CountingSink {
    fn bump(&self) {
        self.nodes.set(self.nodes.get() + 1);
    }
}

impl TreeSink for CountingSink {
    type Output = (Html, usize);
    type Handle = ego_tree::NodeId;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self::Output {
        let n = self.nodes.get();
        (self.inner.finish(), n)
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }
    fn get_document(&self) -> Self::Handle {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a Self::Handle) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Self::Handle {
        self.bump();
        self.inner.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> Self::Handle {
        self.bump();
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Self::Handle {
        self.bump();
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &Self::Handle, child: NodeOrText<Self::Handle>) {
        // Text appended after text is merged into it: only a new text node counts.
        if matches!(child, NodeOrText::AppendText(_)) {
            let html = self.inner.0.borrow();
            let after_text = html.tree.get(*parent).and_then(|p| p.last_child()).is_some_and(|c| c.value().is_text());
            drop(html);
            if !after_text {
                self.bump();
            }
        }
        self.inner.append(parent, child)
    }
    fn append_based_on_parent_node(&self, element: &Self::Handle, prev: &Self::Handle, child: NodeOrText<Self::Handle>) {
        if matches!(child, NodeOrText::AppendText(_)) {
            self.bump();
        }
        self.inner.append_based_on_parent_node(element, prev, child)
    }
    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.inner.append_doctype_to_document(name, public_id, system_id)
    }
    fn mark_script_already_started(&self, node: &Self::Handle) {
        self.inner.mark_script_already_started(node)
    }
    fn get_template_contents(&self, target: &Self::Handle) -> Self::Handle {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &Self::Handle, y: &Self::Handle) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &Self::Handle, new_node: NodeOrText<Self::Handle>) {
        if matches!(new_node, NodeOrText::AppendText(_)) {
            self.bump();
        }
        self.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &Self::Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }
    fn remove_from_parent(&self, target: &Self::Handle) {
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &Self::Handle, new_parent: &Self::Handle) {
        self.inner.reparent_children(node, new_parent)
    }
}

/// Parse a document, stopping at the first chunk boundary past `max_nodes` nodes.
pub fn parse_document(html: &str, max_nodes: usize) -> (Html, ParseStats) {
    let sink = CountingSink { inner: HtmlTreeSink::new(Html::new_document()), nodes: Cell::new(0) };
    let mut parser = html5ever::driver::parse_document(sink, Default::default());
    let mut at = 0;
    let mut truncated = false;
    while at < html.len() {
        if parser.tokenizer.sink.sink.nodes.get() > max_nodes {
            truncated = true;
            break;
        }
        let mut end = (at + CHUNK).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&html[at..end]));
        at = end;
    }
    let (doc, nodes) = parser.finish();
    (doc, ParseStats { nodes, parsed_bytes: at, truncated })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_parse_whole_and_as_scraper_does() {
        let html = format!("<ul>{}</ul><p>网站标识码：3609000002</p>", "<li><a href=/a>标题</a><span>2023-01-02</span></li>".repeat(2000));
        let (doc, stats) = parse_document(&html, 1_000_000);
        assert!(!stats.truncated);
        assert_eq!(stats.parsed_bytes, html.len());
        assert_eq!(doc.root_element().html(), Html::parse_document(&html).root_element().html());
    }

    #[test]
    fn the_budget_stops_amplification() {
        // Distinct attributes defeat the Noah's-ark clause: every text run re-opens 200 <b>s.
        let opens: String = (0..200).map(|i| format!("<b class=c{i}>")).collect();
        let html = format!("<div>{opens}</div>{}", "<div>x</div>".repeat(20_000));
        let (_, stats) = parse_document(&html, 100_000);
        assert!(stats.truncated);
        // One chunk past the budget at most: 16 KB of `<div>x</div>` re-opening 200 elements each.
        assert!(stats.nodes < 100_000 + 1_400 * 201, "{stats:?}");
        assert!(stats.parsed_bytes < html.len());
    }
}
