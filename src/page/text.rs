//! Text normalisation shared by every rule: government pages mix full-width digits and
//! punctuation, NBSP, zero-width characters and text split across tags.

/// Map full-width ASCII variants to ASCII, NBSP/ideographic space to a space, drop
/// zero-width characters, and collapse runs of whitespace to one space.
pub fn normalize(text: &str) -> String {
    let mut n = Normalizer::with_capacity(text.len());
    n.push(text);
    n.finish()
}

/// `normalize` fed piece by piece: the page's text index pushes every text node of the
/// document through one of these, so the whole page is normalised in one pass.
pub struct Normalizer {
    out: String,
    last_space: bool,
}

impl Normalizer {
    pub fn with_capacity(n: usize) -> Self {
        Normalizer { out: String::with_capacity(n), last_space: true }
    }

    pub fn push(&mut self, text: &str) {
        // Runs of characters that stay as they are are copied as slices: this walk covers
        // every text node of the page, so it is on the hot path of every check.
        let mut run = 0;
        for (i, c) in text.char_indices() {
            let mapped = match c {
                ' ' | '\t' | '\n' | '\x0B' | '\x0C' | '\r' => Some(' '),
                c if c.is_ascii() => continue,
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
                '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Some(' '),
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
                // Dashes that stand for hyphens in phone numbers and dates.
                '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => Some('-'),
                c if c.is_whitespace() => Some(' '),
                _ => continue,
            };
            self.push_run(&text[run..i]);
            run = i + c.len_utf8();
            match mapped {
                Some(' ') => self.space(),
                Some(m) => {
                    self.out.push(m);
                    self.last_space = false;
                }
                None => {}
            }
        }
        self.push_run(&text[run..]);
    }

    fn push_run(&mut self, run: &str) {
        if !run.is_empty() {
            self.out.push_str(run);
            self.last_space = false;
        }
    }

    /// A word break (whitespace, or a block boundary): at most one space in a row.
    pub fn space(&mut self) {
        if !self.last_space {
            self.out.push(' ');
            self.last_space = true;
        }
    }

    /// Bytes written so far (offsets into the finished text).
    pub fn len(&self) -> usize {
        self.out.len()
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The text so far as written (it may end with a space).
    pub fn into_raw(self) -> String {
        self.out
    }

    /// The text so far, ending without a space.
    pub fn finish(mut self) -> String {
        if self.out.ends_with(' ') {
            self.out.pop();
        }
        self.out
    }
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

    /// The character-by-character definition the fast `Normalizer::push` must agree with.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        let mut last_space = true;
        for c in text.chars() {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
                '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
                other => other,
            };
            if c.is_whitespace() {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
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

    #[test]
    fn fast_path_agrees_with_the_definition() {
        let pieces = [
            "a", " ", "\t\n", "\u{0B}", "\u{85}", "\u{2028}", "政府", "\u{3000}", "\u{200B}", "３", "－", "\u{2013}", "\u{00A0}", "x y", "\u{1680}", "ＡＢ",
            "\u{FEFF}", "。",
        ];
        // Every string of up to three pieces, and pieces fed to one Normalizer separately.
        let mut cases: Vec<Vec<&str>> = pieces.iter().map(|p| vec![*p]).collect();
        for a in pieces {
            for b in pieces {
                cases.push(vec![a, b]);
                for c in pieces {
                    cases.push(vec![a, b, c]);
                }
            }
        }
        for parts in cases {
            let joined: String = parts.concat();
            assert_eq!(normalize(&joined), reference(&joined), "{joined:?}");
            let mut n = Normalizer::with_capacity(0);
            parts.iter().for_each(|p| n.push(p));
            assert_eq!(n.finish(), reference(&joined), "{parts:?}");
        }
    }

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
