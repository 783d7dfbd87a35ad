//! The element handle rules see: a read-only view of one element of the parsed page. Rules
//! never touch the HTML parser's types (`tests/catalogue.rs` fails if a rule names them), so
//! the parser can change without touching a rule.

use scraper::ElementRef;

/// Opaque key of a node of the parsed page (findings locate elements by it).
pub use ego_tree::NodeId;

/// One element of the page. Copy it freely: it is a reference into the page.
#[derive(Clone, Copy, Debug)]
pub struct El<'a>(pub(super) ElementRef<'a>);

impl<'a> El<'a> {
    pub(super) fn wrap(node: ego_tree::NodeRef<'a, scraper::Node>) -> Option<El<'a>> {
        ElementRef::wrap(node).map(El)
    }

    /// The parser's element, for the page model's own modules.
    pub(super) fn raw(self) -> ElementRef<'a> {
        self.0
    }

    pub fn id(self) -> NodeId {
        self.0.id()
    }

    /// Lower-case tag name (`div`, `a`, `img`…).
    pub fn name(self) -> &'a str {
        self.0.value().name()
    }

    pub fn is(self, name: &str) -> bool {
        self.name() == name
    }

    /// Attribute value by name. A linear scan: elements carry few attributes, and scraper's
    /// `attr` interns the name on every call (rules ask tens of thousands of times).
    pub fn attr(self, name: &str) -> Option<&'a str> {
        self.0.value().attrs().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// Every attribute as `(name, value)`, in source order.
    pub fn attrs(self) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.0.value().attrs()
    }

    /// The parent element (none at the root, or when the parent is the document).
    pub fn parent(self) -> Option<El<'a>> {
        self.0.parent().and_then(El::wrap)
    }

    /// Enclosing elements, nearest first, without this one.
    pub fn ancestors(self) -> impl Iterator<Item = El<'a>> {
        self.0.ancestors().filter_map(El::wrap)
    }

    /// This element and its enclosing elements, nearest first.
    pub fn self_and_ancestors(self) -> impl Iterator<Item = El<'a>> {
        std::iter::once(self).chain(self.ancestors())
    }

    /// Child elements in order (text and comments skipped).
    pub fn children(self) -> impl Iterator<Item = El<'a>> {
        self.0.children().filter_map(El::wrap)
    }

    /// This element and every element inside it, in document order.
    pub fn descendants(self) -> impl Iterator<Item = El<'a>> {
        self.0.descendants().filter_map(El::wrap)
    }

    /// Following sibling elements, nearest first.
    pub fn next_siblings(self) -> impl Iterator<Item = El<'a>> {
        self.0.next_siblings().filter_map(El::wrap)
    }

    /// Whether the subtree (this element, its elements, text and comments) has at least
    /// `n` nodes: how rules tell a small widget from a page region without walking it all.
    pub fn has_at_least_nodes(self, n: usize) -> bool {
        self.0.descendants().take(n).count() >= n
    }

    /// The raw text nodes of the subtree as written (scripts and styles included, nothing
    /// normalised): a cheap look before asking the page for the visible text.
    pub fn raw_texts(self) -> impl Iterator<Item = &'a str> {
        self.0.text()
    }

    /// Whether this element is, or holds, an element named `name`.
    pub fn contains_tag(self, name: &str) -> bool {
        self.descendants().any(|d| d.is(name))
    }
}
