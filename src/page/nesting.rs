//! Guard against pathological nesting. html5ever checks element scopes by walking the stack
//! of open elements, so 50 000 unclosed tags cost seconds; browsers cap the tree depth
//! (Chromium at 512) for the same reason. Beyond `MAX_DEPTH` open elements, further start
//! tags and their end tags are dropped before parsing; text is kept.
//!
//! The scan is linear in the input: every byte is looked at a bounded number of times.
//! Raw-text elements follow the HTML standard's tokenizer: their content runs to the first
//! matching end tag (`</script` followed by whitespace, `/` or `>`), and when there is none,
//! to the end of the input — so the scan stops there instead of searching again for every
//! later tag (which made `<script>` × 100 000 quadratic).

use std::borrow::Cow;

pub const MAX_DEPTH: usize = 512;
/// Unclosed formatting elements kept. The tree builder re-opens each of them before every
/// run of text, so each one multiplies the nodes of the rest of the page; pages written by
/// people leave a handful open, never dozens. Further ones are dropped (their text kept).
pub const MAX_OPEN_FORMATTING: usize = 32;
/// Formatting elements that the tree builder reconstructs (`a` and `nobr` close their
/// predecessor, so they never pile up and are not counted).
const FORMATTING: &[&str] = &["b", "big", "code", "em", "font", "i", "s", "small", "strike", "strong", "tt", "u"];

const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "!doctype"];
/// Elements whose content the tokenizer reads as text up to their end tag: script data,
/// RCDATA (title, textarea) and RAWTEXT (style, xmp, iframe, noembed, noframes, and noscript
/// because the parser runs with scripting enabled).
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Returns the page unchanged unless its nesting exceeds `max_depth` or it leaves more than
/// `MAX_OPEN_FORMATTING` formatting elements open.
pub fn limit_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    if scan(html, max_depth, None) {
        let mut out = String::with_capacity(html.len());
        scan(html, max_depth, Some(&mut out));
        Cow::Owned(out)
    } else {
        Cow::Borrowed(html)
    }
}

/// Offset in `rest` of the end tag `</name` (ASCII case-insensitive) that closes a raw-text
/// element, if any.
fn raw_text_end(rest: &str, name: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let n = name.len();
    let mut from = 0;
    while let Some(off) = rest[from..].find("</") {
        let at = from + off;
        let after = at + 2 + n;
        if b.len() >= after
            && b[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && b.get(after).is_none_or(|c| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
        {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Walks the tags. Without `out`, reports whether the limit is exceeded; with `out`, writes
/// the page with the excess tags dropped.
fn scan(html: &str, max_depth: usize, mut out: Option<&mut String>) -> bool {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut formatting = 0usize;
    let mut dropped = 0usize;
    let mut exceeded = false;
    let mut i = 0;
    let mut copied = 0;
    while let Some(off) = bytes[i..].iter().position(|c| *c == b'<') {
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
        if is(FORMATTING) {
            if closing {
                formatting = formatting.saturating_sub(1);
            } else if formatting >= MAX_OPEN_FORMATTING {
                exceeded = true;
                match out.as_deref_mut() {
                    Some(o) => {
                        o.push_str(&html[copied..start]);
                        copied = end;
                    }
                    None => return true,
                }
                continue;
            } else {
                formatting += 1;
            }
        }
        if closing {
            if dropped > 0 {
                dropped -= 1;
                drop_tag = true;
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if name.eq_ignore_ascii_case("plaintext") {
            // Everything after <plaintext> is text: no more tags.
            break;
        } else if !is(VOID) && !tag.ends_with('/') {
            if is(RAW_TEXT) {
                // Its content is not markup: skip to the end tag, or to the end of the input.
                match raw_text_end(&html[end..], name) {
                    Some(e) => i = end + e,
                    None => break,
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

    #[test]
    fn raw_text_content_is_not_counted_as_tags() {
        // Inside iframe/noembed/noframes/textarea the `<div>`s are text, as the tokenizer reads them.
        for tag in ["iframe", "noembed", "noframes", "textarea", "title", "xmp", "style", "script", "noscript"] {
            let html = format!("<{tag}>{}</{tag}><div>x</div>", "<div>".repeat(10));
            assert!(matches!(limit_nesting(&html, 3), Cow::Borrowed(_)), "{tag}");
        }
        // `</scriptx` does not close a script; `</SCRIPT >` does.
        let html = format!("<script>{}</scriptx>{}</SCRIPT ><div><div><div><div>", "<div>".repeat(5), "<div>".repeat(5));
        let out = limit_nesting(&html, 3);
        assert!(out.ends_with("</SCRIPT ><div><div><div>"), "{out}");
    }

    #[test]
    fn open_formatting_elements_are_capped() {
        let opens: String = (0..100).map(|i| format!("<font class=c{i}>")).collect();
        let html = format!("{opens}<p>x</p>");
        let out = limit_nesting(&html, MAX_DEPTH);
        assert_eq!(out.matches("<font").count(), MAX_OPEN_FORMATTING);
        assert!(out.ends_with("<p>x</p>"));
        // Closed ones do not count.
        let html = "<b>x</b>".repeat(1000);
        assert!(matches!(limit_nesting(&html, MAX_DEPTH), Cow::Borrowed(_)));
    }

    #[test]
    fn unclosed_raw_text_runs_to_the_end() {
        let html = format!("<div><div><title>{}", "</a><div>".repeat(10));
        assert!(matches!(limit_nesting(&html, 3), Cow::Borrowed(_)));
        let html = format!("<plaintext>{}", "<div>".repeat(10));
        assert!(matches!(limit_nesting(&html, 3), Cow::Borrowed(_)));
    }
}
