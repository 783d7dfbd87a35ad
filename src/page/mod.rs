//! The page model: parsed once with `scraper`, shared by every rule. This is the only
//! module that knows the HTML parser; rules ask it for regions, links, scripts, meta tags
//! and normalised text, and for locators of the elements they report.

pub mod columns;
pub mod dates;
pub mod element;
pub mod facts;
pub mod footer;
pub mod identity;
pub mod kind;
pub mod locator;
pub mod nesting;
pub mod parse;
pub mod text;
pub mod text_index;
pub mod words;

use std::collections::BTreeMap;

use scraper::{ElementRef, Html, Node};

pub use element::{El, NodeId};
pub use facts::Facts;
pub use text::normalize;

/// Elements whose text is not page text.
const NON_TEXT: &[&str] = &["script", "style", "noscript", "template", "head", "title", "textarea", "select", "option"];

/// Elements that start a new line of text: text on either side is not joined.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "center",
    "img",
];

/// How the HTML was obtained: the raw server response, or the live DOM after scripts ran.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    #[default]
    Raw,
    Live,
}

#[derive(Clone, Debug)]
pub struct Link {
    pub node: NodeId,
    pub href: String,
    /// Normalised text of the link, including `alt`/`title` of images inside it.
    pub text: String,
    pub in_footer: bool,
}

#[derive(Clone, Debug)]
pub struct Script {
    pub node: NodeId,
    pub src: Option<String>,
    pub id: Option<String>,
    /// Inline code, for `document.write` embeds.
    pub inline: String,
}

/// Selector and snippet of a located element.
type Located = (Option<String>, Option<String>);

/// A parsed page. Its fields are the page model's own: rules read it through the methods
/// below and the `El` handles they return, never through the parser's types.
pub struct Page {
    html: Html,
    url: Option<String>,
    host: Option<String>,
    source: Source,
    /// `<meta name=… content=…>` by lower-cased name; first occurrence wins.
    meta: BTreeMap<String, String>,
    title: String,
    links: Vec<Link>,
    scripts: Vec<Script>,
    footer: footer::Footer,
    html_bytes: usize,
    /// What parsing cost, and whether the work budget cut the page short.
    parse_stats: parse::ParseStats,
    /// Visible text of every element (see `text_index`).
    text_index: text_index::TextIndex,
    // Lazily built lookups that depend on the page alone (never on the inspection date or
    // the options: those facts are gathered once per check, see `facts::Facts`).
    body_text: std::cell::OnceCell<String>,
    /// The page kind (see `kind::classify`).
    kind: std::cell::OnceCell<kind::PageKind>,
    /// Element ids and how often each occurs, built on the first locator request.
    id_counts: std::cell::OnceCell<std::collections::HashMap<String, usize>>,
    /// Selector and snippet per located node: several rules report the same element (each
    /// column is reported by column-stale and column-blank).
    located: std::cell::RefCell<std::collections::HashMap<NodeId, Located>>,
}

impl Page {
    pub fn parse(html_src: &str, url: Option<&str>, source: Source) -> Page {
        Page::parse_budgeted(html_src, url, source, crate::Options::default().max_nodes)
    }

    /// Parse with a node budget (see `parse`): past `max_nodes` the rest is left unparsed.
    pub fn parse_budgeted(html_src: &str, url: Option<&str>, source: Source, max_nodes: usize) -> Page {
        let (html, parse_stats) = parse::parse_document(&nesting::limit_nesting(html_src, nesting::MAX_DEPTH), max_nodes);
        let mut meta = BTreeMap::new();
        let mut scripts = Vec::new();
        let mut raw_links = Vec::new();
        let mut title = String::new();
        for node in html.tree.root().descendants() {
            let Some(el) = ElementRef::wrap(node) else { continue };
            let v = el.value();
            match v.name() {
                "meta" => {
                    if let (Some(name), Some(content)) = (v.attribute("name"), v.attribute("content")) {
                        meta.entry(name.trim().to_ascii_lowercase()).or_insert_with(|| content.trim().to_string());
                    }
                }
                "title" if title.is_empty() => title = normalize(&el.text().collect::<String>()),
                "script" => scripts.push(Script {
                    node: el.id(),
                    src: v.attribute("src").map(|s| s.trim().to_string()),
                    id: v.attribute("id").map(str::to_string),
                    inline: el.text().collect(),
                }),
                "a" | "area" => {
                    if let Some(href) = v.attribute("href") {
                        raw_links.push((el.id(), href.trim().to_string()));
                    }
                }
                _ => {}
            }
        }
        let text_index = text_index::TextIndex::build(&html, html_src.len());
        let footer = footer::Footer::detect(&html, &text_index);
        let links = raw_links
            .into_iter()
            .map(|(id, href)| {
                let el = ElementRef::wrap(html.tree.get(id).expect("node of this tree")).expect("element");
                Link { node: id, href, text: text_index.label(el), in_footer: footer.contains(&html, id) }
            })
            .collect();
        let host = url.and_then(host_of);
        Page {
            html,
            url: url.map(str::to_string),
            host,
            source,
            meta,
            title,
            links,
            scripts,
            footer,
            html_bytes: html_src.len(),
            parse_stats,
            text_index,
            id_counts: Default::default(),
            body_text: Default::default(),
            kind: Default::default(),
            located: Default::default(),
        }
    }

    /// The parser's element, for the page model's own modules.
    pub(in crate::page) fn element_ref(&self, id: NodeId) -> Option<ElementRef<'_>> {
        self.html.tree.get(id).and_then(ElementRef::wrap)
    }

    pub fn element(&self, id: NodeId) -> Option<El<'_>> {
        self.html.tree.get(id).and_then(El::wrap)
    }

    pub fn body(&self) -> Option<El<'_>> {
        self.elements().find(|e| e.is("body"))
    }

    /// Normalised visible text of the whole body (computed once; several rules read it).
    pub fn body_text(&self) -> &str {
        self.body_text.get_or_init(|| self.body().map(|b| self.text(b).into_owned()).unwrap_or_default())
    }

    /// Normalised visible text of an element: what `visible_text` gives, read from the
    /// page's text index instead of walking the subtree again.
    pub fn text(&self, el: El<'_>) -> std::borrow::Cow<'_, str> {
        self.text_index.of(el.raw())
    }

    /// Text of a link or button as a user reads it (see `label_text`), from the index.
    pub fn label(&self, el: El<'_>) -> String {
        self.text_index.label(el.raw())
    }

    pub fn meta(&self, name: &str) -> Option<&str> {
        self.meta.get(&name.to_ascii_lowercase()).map(String::as_str).filter(|s| !s.is_empty())
    }

    /// Elements in document order, for rules that scan for a pattern.
    pub fn elements(&self) -> impl Iterator<Item = El<'_>> {
        self.html.tree.root().descendants().filter_map(El::wrap)
    }

    /// The URL the page was served from (the final one after redirects), when known.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Host of `url`, lower-cased, without port.
    pub fn host(&self) -> Option<&str> {
        self.host.as_deref()
    }

    pub fn source(&self) -> Source {
        self.source
    }

    /// The `<title>`, normalised.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Every `<a href>` and `<area href>`, in document order.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    pub fn scripts(&self) -> &[Script] {
        &self.scripts
    }

    /// The footer region (底部功能区) as detected.
    pub fn footer(&self) -> &footer::Footer {
        &self.footer
    }

    /// Whether the node lies inside the detected footer.
    pub fn in_footer(&self, id: NodeId) -> bool {
        self.footer.contains(&self.html, id)
    }

    /// Where findings about a missing footer item point: the footer's first region.
    pub fn footer_anchor(&self) -> Option<NodeId> {
        self.footer.roots.first().copied()
    }

    /// Size of the HTML as received, in bytes.
    pub fn html_bytes(&self) -> usize {
        self.html_bytes
    }

    pub fn parse_stats(&self) -> parse::ParseStats {
        self.parse_stats
    }

    /// What kind of page this is (computed once).
    pub fn kind(&self) -> kind::PageKind {
        kind::classify(self)
    }

    /// CSS selector resolving to exactly this element, and a short snippet of it.
    pub fn locate(&self, id: NodeId) -> (Option<String>, Option<String>) {
        if let Some(hit) = self.located.borrow().get(&id) {
            return hit.clone();
        }
        let found = self.locate_uncached(id);
        self.located.borrow_mut().insert(id, found.clone());
        found
    }

    /// Where the node sits in the page's structure, positions and generated ids left out
    /// (see `locator::locus`): stable when a list grows or a CMS renumbers its ids.
    pub fn locus(&self, id: NodeId) -> Option<String> {
        self.element_ref(id).map(locator::locus)
    }

    fn locate_uncached(&self, id: NodeId) -> (Option<String>, Option<String>) {
        match self.element(id) {
            Some(el) => {
                let ids = self.id_counts.get_or_init(|| locator::id_counts(&self.html));
                (locator::selector_for(ids, el.raw()), Some(locator::snippet(el.raw())))
            }
            None => (None, None),
        }
    }
}

/// Attribute lookup by name without interning. scraper's `Element::attr` turns the name
/// into an atom (a hash-table lookup) on every call; the rules ask for `href`/`src`/`class`
/// of every element, tens of thousands of times on a large portal. Elements carry a few
/// attributes, so a linear scan comparing names is cheaper.
pub(crate) trait ElementExt {
    fn attribute(&self, name: &str) -> Option<&str>;
}

impl ElementExt for scraper::node::Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attrs().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

/// Host of an absolute URL, lower-cased, without port.
pub fn host_of(url: &str) -> Option<String> {
    let rest = match url.split_once("://") {
        Some((_, r)) => r,
        None => url.strip_prefix("//")?,
    };
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let host = if host.starts_with('[') { host.split(']').next().map(|h| format!("{h}]"))? } else { host.split(':').next()?.to_string() };
    let host = host.trim().trim_end_matches('.').to_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Text a user reads for an element: text nodes joined without spaces inside inline
/// elements, a space between blocks; scripts, styles and comments skipped.
pub fn visible_text(el: ElementRef<'_>) -> String {
    let mut raw = String::new();
    push_text(el, &mut raw);
    normalize(&raw)
}

/// Like `visible_text` but also counts `alt`/`title` of images, for link labels. The
/// definition `TextIndex::label` is tested against; code asks `Page::label`.
#[cfg(test)]
pub fn label_text(el: ElementRef<'_>) -> String {
    let mut raw = String::new();
    push_text(el, &mut raw);
    with_image_titles(el, raw)
}

/// Appends `alt`/`title` of images inside `el` and its own `title`, then normalises.
pub(crate) fn with_image_titles(el: ElementRef<'_>, mut raw: String) -> String {
    for d in el.descendants().filter_map(ElementRef::wrap) {
        if d.value().name() == "img" {
            for a in ["alt", "title"] {
                if let Some(t) = d.value().attribute(a) {
                    raw.push(' ');
                    raw.push_str(t);
                }
            }
        }
    }
    if let Some(t) = el.value().attribute("title") {
        raw.push(' ');
        raw.push_str(t);
    }
    normalize(&raw)
}

/// Iterative walk (pages can be nested deeper than any stack).
fn push_text(el: ElementRef<'_>, out: &mut String) {
    let it = el.traverse();
    let mut skip_depth: Option<NodeId> = None;
    for edge in it {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skip_depth.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => out.push_str(t),
                    Node::Element(e) => {
                        if NON_TEXT.contains(&e.name()) {
                            skip_depth = Some(node.id());
                        } else if BLOCKS.contains(&e.name()) {
                            out.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skip_depth == Some(node.id()) {
                    skip_depth = None;
                } else if skip_depth.is_none() {
                    if let Node::Element(e) = node.value() {
                        if BLOCKS.contains(&e.name()) {
                            out.push(' ');
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_split_across_inline_tags_is_joined() {
        let p = Page::parse("<p>京ICP备<span>0502</span>2684号</p><div>a</div><div>b</div>", None, Source::Raw);
        assert_eq!(p.body_text(), "京ICP备05022684号 a b");
    }

    #[test]
    fn script_and_comment_text_is_not_page_text() {
        let p = Page::parse("<p>x<!-- 电话 010-12345678 --><script>var a='主办'</script>y</p>", None, Source::Raw);
        assert_eq!(p.body_text(), "xy");
    }

    #[test]
    fn hosts_are_extracted() {
        assert_eq!(host_of("http://www.Yichun.gov.cn:8080/a?b").as_deref(), Some("www.yichun.gov.cn"));
        assert_eq!(host_of("https://user@x.gov.cn").as_deref(), Some("x.gov.cn"));
        assert_eq!(host_of("file.html"), None);
    }
}
