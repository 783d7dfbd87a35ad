//! Locators: a CSS selector that resolves to exactly one element of the same page, and a
//! short snippet. Built only for reported elements (cheap pages stay cheap).

use scraper::{ElementRef, Html, Selector};

/// Shortest reasonable selector for `el`: `#id` when the id is unique, otherwise a chain of
/// `tag:nth-of-type(n)` steps up to the nearest ancestor with a unique id (or `html`).
/// The result is checked against the parsed page; `None` if it would not be unique.
pub fn selector_for(html: &Html, el: ElementRef<'_>) -> Option<String> {
    let mut steps: Vec<String> = Vec::new();
    let mut cur = Some(el);
    while let Some(e) = cur {
        if let Some(id) = e.value().id().filter(|id| is_plain_ident(id)) {
            let sel = format!("#{id}");
            if count(html, &sel) == 1 {
                steps.push(sel);
                break;
            }
        }
        let name = e.value().name();
        let parent = e.parent().and_then(ElementRef::wrap);
        let step = match parent {
            None => name.to_string(),
            Some(p) => {
                let same: Vec<_> = p.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == name).collect();
                if same.len() == 1 {
                    name.to_string()
                } else {
                    let n = same.iter().position(|c| c.id() == e.id()).map(|i| i + 1)?;
                    format!("{name}:nth-of-type({n})")
                }
            }
        };
        steps.push(step);
        cur = parent;
    }
    steps.reverse();
    let sel = steps.join(" > ");
    let parsed = Selector::parse(&sel).ok()?;
    let mut hits = html.select(&parsed);
    match (hits.next(), hits.next()) {
        (Some(h), None) if h.id() == el.id() => Some(sel),
        _ => None,
    }
}

fn count(html: &Html, sel: &str) -> usize {
    Selector::parse(sel).map(|s| html.select(&s).take(2).count()).unwrap_or(0)
}

/// Ids usable in a selector without escaping (page ids can hold anything).
fn is_plain_ident(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && id.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Outer HTML of the element cut to 200 characters.
pub fn snippet(el: ElementRef<'_>) -> String {
    let html = el.html();
    super::text::truncate_chars(&html.split_whitespace().collect::<Vec<_>>().join(" "), 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel_of(src: &str, css: &str) -> String {
        let html = Html::parse_document(src);
        let s = Selector::parse(css).unwrap();
        let el = html.select(&s).next().unwrap();
        selector_for(&html, el).unwrap()
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
    fn hostile_ids_are_not_used() {
        let s = sel_of("<div id='x\"]{}'><span>a</span></div>", "span");
        assert_eq!(s, "html > body > div > span");
    }
}
