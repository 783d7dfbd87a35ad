//! Tab labels tied to their panels by markup, not by position. Real tab scripts say which
//! panel a label opens, and title order need not be panel order, nor must every panel have a
//! label:
//! * a shared attribute value: `<div tabindex_01="4">政府文件</div>` opens
//!   `<div class="tabbertab_01 tabbertabhide_01" tabindex_01="4">` (the tabber plugin), or
//!   `data-tab="2"` on both;
//! * a reference to the panel's id: `aria-controls="p2"`, `data-target="#p2"`, `href="#p2"`;
//! * a switching handler whose arguments name the panel: `onmouseover="setTab('one',2,3)"`
//!   opens `id="con_one_2"` (Huilan easysite and many hand-written pages).

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use super::super::ElementExt;

/// Attributes that do not say which panel a label opens.
const NOT_KEYS: &[&str] = &[
    "class",
    "id",
    "style",
    "href",
    "title",
    "target",
    "name",
    "align",
    "valign",
    "width",
    "height",
    "src",
    "alt",
    "border",
    "lang",
    "dir",
    "role",
    "type",
    "value",
    "tabindex",
    "rel",
    "color",
    "bgcolor",
    "background",
    "cellpadding",
    "cellspacing",
    "colspan",
    "rowspan",
    "nowrap",
    "runat",
    "opentype",
    "aria-selected",
    "aria-expanded",
];

/// `f('one', 2` in a handler: the group and the panel number.
static CALL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\(\s*['"]([A-Za-z][A-Za-z0-9_-]{0,30})['"]\s*,\s*([0-9]{1,3})\s*[,)]"#).unwrap());

/// How the list's panel relates to a tab header.
pub(super) enum Pairing {
    /// The panel of the label at this index; the attribute both carry, if that is the tie.
    Panel(usize, Option<(String, String)>),
    /// A panel of this tab group that no label opens (more panels than titles).
    Orphan,
    /// The labels say nothing about their panels: fall back to positions.
    Unknown,
}

fn handler_call(el: ElementRef<'_>) -> Option<(String, u32)> {
    std::iter::once(el).chain(el.descendants().filter_map(ElementRef::wrap).take(10)).find_map(|e| {
        e.value().attrs().filter(|(k, _)| k.starts_with("on")).find_map(|(_, v)| {
            let c = CALL.captures(v)?;
            Some((c[1].to_ascii_lowercase(), c[2].parse().ok()?))
        })
    })
}

/// Does a panel id carry this group and number (`con_one_2`, `one2`, `tab-one-2`)?
/// Returns the number when the id ends with the group and some number.
fn id_number(id: &str, group: &str) -> Option<u32> {
    let id = id.trim().to_ascii_lowercase();
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let (head, n) = id.split_at(id.len() - digits);
    let head = head.trim_end_matches(['_', '-']);
    let before = head.strip_suffix(group)?;
    (before.is_empty() || before.ends_with(['_', '-'])).then(|| n.parse().ok()).flatten()
}

fn reference(el: ElementRef<'_>) -> Option<String> {
    std::iter::once(el).chain(el.descendants().filter_map(ElementRef::wrap).take(10)).find_map(|e| {
        let v = e.value();
        v.attribute("aria-controls")
            .or_else(|| v.attribute("data-target"))
            .or_else(|| v.attribute("data-bs-target"))
            .or_else(|| v.attribute("href").filter(|h| h.trim().starts_with('#')))
            .map(|t| t.trim().trim_start_matches('#').to_string())
            .filter(|t| !t.is_empty() && !t.contains(char::is_whitespace))
    })
}

fn distinct<T: PartialEq>(v: &[T]) -> bool {
    v.iter().enumerate().all(|(i, a)| v[..i].iter().all(|b| b != a))
}

/// Which label of a tab header opens the panel on `path` (the list and its ancestors up to
/// the title's sibling, innermost first). `section` says an element holds several lists: a
/// page section that an in-page menu scrolls to (`href="#page2"`), not a tab panel.
pub(super) fn pair(labels: &[ElementRef<'_>], path: &[ElementRef<'_>], section: impl Fn(ElementRef<'_>) -> bool) -> Pairing {
    if labels.len() < 2 {
        return Pairing::Unknown;
    }
    let decide = |p: ElementRef<'_>, found: Pairing| if section(p) { Pairing::Unknown } else { found };
    // 1. A shared attribute: carried by every label with distinct values.
    let first = labels[0];
    for (k, _) in first.value().attrs() {
        if NOT_KEYS.contains(&k) || k.starts_with("on") || k.starts_with("aria-") || k.contains("class") {
            continue;
        }
        let vals: Option<Vec<&str>> = labels.iter().map(|l| l.value().attribute(k).map(str::trim)).collect();
        let Some(vals) = vals else { continue };
        if !distinct(&vals) || vals.iter().any(|v| v.is_empty() || v.len() > 40) {
            continue;
        }
        // The outermost path element carrying the attribute is the panel at the title's level.
        if let Some((p, v)) = path.iter().rev().find_map(|p| Some((*p, p.value().attribute(k)?))) {
            return decide(
                p,
                match vals.iter().position(|x| *x == v.trim()) {
                    Some(i) => Pairing::Panel(i, Some((k.to_string(), vals[i].to_string()))),
                    None => Pairing::Orphan,
                },
            );
        }
    }
    // 2. References to panel ids.
    let refs: Option<Vec<String>> = labels.iter().map(|l| reference(*l)).collect();
    if let Some(refs) = refs.filter(|r| distinct(r)) {
        for p in path.iter().rev() {
            if let Some(id) = p.value().attribute("id").map(str::trim) {
                if let Some(i) = refs.iter().position(|r| r == id) {
                    return decide(*p, Pairing::Panel(i, None));
                }
            }
        }
    }
    // 3. A switching handler naming the group and the panel number.
    let calls: Option<Vec<(String, u32)>> = labels.iter().map(|l| handler_call(*l)).collect();
    if let Some(calls) = calls.filter(|c| distinct(c) && c.iter().all(|(g, _)| *g == c[0].0)) {
        let group = &calls[0].0;
        for p in path.iter().rev() {
            let Some(n) = p.value().attribute("id").and_then(|id| id_number(id, group)) else { continue };
            return decide(
                *p,
                match calls.iter().position(|(_, m)| *m == n) {
                    Some(i) => Pairing::Panel(i, None),
                    None => Pairing::Orphan,
                },
            );
        }
    }
    Pairing::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panel_ids_carry_group_and_number() {
        assert_eq!(id_number("con_one_2", "one"), Some(2));
        assert_eq!(id_number("one2", "one"), Some(2));
        assert_eq!(id_number("tab-one-10", "one"), Some(10));
        assert_eq!(id_number("bone_2", "one"), None);
        assert_eq!(id_number("con_two_2", "one"), None);
        assert_eq!(id_number("con_one", "one"), None);
    }
}
