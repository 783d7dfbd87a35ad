//! Guard against pathological nesting. html5ever checks element scopes by walking the stack
//! of open elements, so 50 000 unclosed tags cost seconds; browsers cap the tree depth
//! (Chromium at 512) for the same reason. Beyond `MAX_DEPTH` open elements, further start
//! tags and their end tags are dropped before parsing; text is kept.

use std::borrow::Cow;

pub const MAX_DEPTH: usize = 512;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "!doctype",
];
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Returns the page unchanged unless its nesting exceeds `max_depth`.
pub fn limit_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    if scan(html, max_depth, None) {
        let mut out = String::with_capacity(html.len());
        scan(html, max_depth, Some(&mut out));
        Cow::Owned(out)
    } else {
        Cow::Borrowed(html)
    }
}

/// Walks the tags. Without `out`, reports whether the limit is exceeded; with `out`, writes
/// the page with the excess tags dropped.
fn scan(html: &str, max_depth: usize, mut out: Option<&mut String>) -> bool {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut exceeded = false;
    let mut i = 0;
    let mut copied = 0;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let start = i + off;
        if html[start..].starts_with("<!--") {
            i = html[start + 4..].find("-->").map(|e| start + 4 + e + 3).unwrap_or(bytes.len());
            continue;
        }
        let Some(end) = html[start..].find('>').map(|e| start + e + 1) else { break };
        let tag = &html[start + 1..end - 1];
        let closing = tag.starts_with('/');
        let bare = tag.trim_start_matches('/');
        let name_len = bare.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'!').count();
        let name = &bare[..name_len];
        i = end;
        if name.is_empty() || !(name.as_bytes()[0].is_ascii_alphabetic() || name.starts_with('!')) {
            continue;
        }
        let is = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
        let mut drop_tag = false;
        if closing {
            if dropped > 0 {
                dropped -= 1;
                drop_tag = true;
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if !is(VOID) && !tag.ends_with('/') {
            if is(RAW_TEXT) {
                // Skip to the matching end tag: its content is not markup.
                let rest = &html[end..];
                let close = rest.match_indices("</").find(|(e, _)| {
                    rest.get(e + 2..e + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
                });
                if let Some((e, _)) = close {
                    i = end + e;
                }
                continue;
            }
            if depth >= max_depth {
                exceeded = true;
                dropped += 1;
                drop_tag = true;
            } else {
                depth += 1;
            }
        }
        if drop_tag {
            match out.as_deref_mut() {
                Some(o) => {
                    o.push_str(&html[copied..start]);
                    copied = end;
                }
                None => return true,
            }
        }
    }
    if let Some(o) = out {
        o.push_str(&html[copied..]);
    }
    exceeded
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|c| *c == b'<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<div><p>a<br>b</p><script>if (a<b) {}</script></div>";
        assert!(matches!(limit_nesting(html, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_pages_are_flattened_keeping_text() {
        let html = format!("{}网站标识码{}", "<div>".repeat(10), "</div>".repeat(10));
        let out = limit_nesting(&html, 4);
        assert_eq!(out, format!("{}网站标识码{}", "<div>".repeat(4), "</div>".repeat(4)));
    }
}
