//! Locators: a CSS selector that resolves to exactly one element of the same page, and a
//! short snippet. Built only for reported elements (cheap pages stay cheap).

use std::collections::HashMap;

use scraper::{ElementRef, Html, Selector};

/// How many elements carry each id (counted once per page: ids anchor selectors only when unique).
pub fn id_counts(html: &Html) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for node in html.tree.root().descendants() {
        if let Some(id) = node.value().as_element().and_then(|e| e.id()) {
            *counts.entry(id.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

/// Shortest reasonable selector for `el`: `#id` when the id is unique, otherwise a chain of
/// `tag:nth-of-type(n)` steps up to the nearest ancestor with a unique id (or `html`).
/// Unique by construction (child combinators with positions counted in this tree, from a
/// unique anchor), so no document-wide query is needed; tests re-resolve every selector.
pub fn selector_for(ids: &HashMap<String, usize>, el: ElementRef<'_>) -> Option<String> {
    let mut steps: Vec<String> = Vec::new();
    let mut cur = Some(el);
    while let Some(e) = cur {
        if let Some(id) = e.value().id().filter(|id| is_plain_ident(id)) {
            if ids.get(id) == Some(&1) {
                steps.push(format!("#{id}"));
                break;
            }
        }
        let name = e.value().name();
        let tag = escape_ident(name);
        let parent = e.parent().and_then(ElementRef::wrap);
        let step = match parent {
            None => tag,
            Some(p) => {
                let same: Vec<_> = p.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == name).collect();
                if same.len() == 1 {
                    tag
                } else {
                    let n = same.iter().position(|c| c.id() == e.id()).map(|i| i + 1)?;
                    format!("{tag}:nth-of-type({n})")
                }
            }
        };
        steps.push(step);
        cur = parent;
    }
    steps.reverse();
    let sel = steps.join(" > ");
    // Parsing is cheap (no query); it guards against a name the escaping did not foresee.
    Selector::parse(&sel).is_ok().then_some(sel)
}

/// Classes that say a state, not a place: they move from item to item (`first`, `on`…).
const STATE_CLASSES: &[&str] = &[
    "first", "last", "odd", "even", "on", "active", "current", "cur", "selected", "select", "hover", "show", "hide", "hidden", "open", "in", "clearfix",
    "clear",
];

/// The element's place in the page without positions: tag names with their stable classes,
/// from the nearest ancestor with a stable id (one without digits: `item_23` is generated)
/// down to the element. `div#footer > p.copyright`, `div.news > ul > li > a`. Two items of
/// one list share it (their key evidence tells them apart); adding an item, renumbering ids
/// or moving a state class keeps it.
pub fn locus(el: ElementRef<'_>) -> String {
    let mut steps: Vec<String> = Vec::new();
    let mut cur = Some(el);
    while let Some(e) = cur {
        let v = e.value();
        if matches!(v.name(), "html" | "body") {
            break;
        }
        let stable = |s: &str| !s.is_empty() && !s.bytes().any(|b| b.is_ascii_digit());
        if let Some(id) = v.id().filter(|id| stable(id)) {
            steps.push(format!("{}#{id}", v.name()));
            break;
        }
        let mut classes: Vec<&str> = v.classes().filter(|c| stable(c) && !STATE_CLASSES.contains(&c.to_ascii_lowercase().as_str())).collect();
        classes.sort_unstable();
        classes.truncate(2);
        let mut step = v.name().to_string();
        for c in classes {
            step.push('.');
            step.push_str(c);
        }
        steps.push(step);
        if steps.len() >= 24 {
            break;
        }
        cur = e.parent().and_then(ElementRef::wrap);
    }
    steps.reverse();
    steps.join(" > ")
}

/// Tag names such as `jsp:include` (saved JSP pages) need escaping in CSS.
fn escape_ident(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else {
            out.push('\\');
            out.push(c);
        }
    }
    out
}

/// Whether `sel` resolves to exactly `el` in `html` (for tests and debugging).
pub fn resolves_to(html: &Html, sel: &str, el: ElementRef<'_>) -> bool {
    let Ok(parsed) = Selector::parse(sel) else { return false };
    let mut hits = html.select(&parsed);
    matches!((hits.next(), hits.next()), (Some(h), None) if h.id() == el.id())
}

/// Ids usable in a selector without escaping (page ids can hold anything).
fn is_plain_ident(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_') && id.len() <= 64 && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A short excerpt: the element's start tag and the beginning of its text, at most 200
/// characters. Built without serialising the element (a column's list can be kilobytes).
pub fn snippet(el: ElementRef<'_>) -> String {
    let v = el.value();
    let mut tag = format!("<{}", v.name());
    for (name, value) in v.attrs() {
        tag.push_str(&format!(" {name}=\"{}\"", value.replace('"', "&quot;")));
        if tag.len() > 160 {
            break;
        }
    }
    tag.push('>');
    let mut text = String::new();
    for t in el.text() {
        text.push_str(t);
        if text.len() > 400 {
            break;
        }
    }
    let text = super::text::normalize(&text);
    super::text::truncate_chars(&format!("{tag}{text}"), 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel_of(src: &str, css: &str) -> String {
        let html = Html::parse_document(src);
        let s = Selector::parse(css).unwrap();
        let el = html.select(&s).next().unwrap();
        let sel = selector_for(&id_counts(&html), el).unwrap();
        assert!(resolves_to(&html, &sel, el), "{sel} does not resolve to the element");
        sel
    }

    #[test]
    fn unique_id_is_used() {
        assert_eq!(sel_of("<div id=foot><a href=x>1</a></div>", "a"), "#foot > a");
    }

    #[test]
    fn duplicate_ids_fall_back_to_positions() {
        let s = sel_of("<div id=f><p>a</p></div><div id=f><p>b</p><p>c</p></div>", "div:nth-of-type(2) p:nth-of-type(2)");
        assert_eq!(s, "html > body > div:nth-of-type(2) > p:nth-of-type(2)");
    }

    #[test]
    fn namespaced_tags_are_escaped() {
        assert_eq!(sel_of("<jsp:include><p>a</p></jsp:include>", "p"), "html > body > jsp\\:include > p");
    }

    #[test]
    fn hostile_ids_are_not_used() {
        let s = sel_of("<div id='x\"]{}'><span>a</span></div>", "span");
        assert_eq!(s, "html > body > div > span");
    }
}
