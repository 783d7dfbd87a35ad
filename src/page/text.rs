//! Text normalisation shared by every rule: government pages mix full-width digits and
//! punctuation, NBSP, zero-width characters and text split across tags.

/// Map full-width ASCII variants to ASCII, NBSP/ideographic space to a space, drop
/// zero-width characters, and collapse runs of whitespace to one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
            // Dashes that stand for hyphens in phone numbers and dates.
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
            other => other,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Remove all whitespace: numbers such as `京ICP备 0502 2684号` are often broken by spaces.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Cut `s` to at most `max` characters, adding an ellipsis when cut.
pub fn truncate_chars(s: &str, max: usize) -> String {
    let mut it = s.char_indices();
    match it.nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_spaces_are_normalised() {
        assert_eq!(normalize("网站标识码：３６０９０００００２"), "网站标识码:3609000002");
        assert_eq!(normalize("  京ICP备\u{00A0}\u{3000}05022684号\n\t-2 "), "京ICP备 05022684号 -2");
        assert_eq!(normalize("主\u{200B}办"), "主办");
        assert_eq!(normalize("０７９５－３２８８８８８"), "0795-3288888");
    }

    #[test]
    fn truncation_respects_characters() {
        assert_eq!(truncate_chars("政府网站", 2), "政府…");
        assert_eq!(truncate_chars("ab", 5), "ab");
    }
}
