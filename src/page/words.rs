//! Keyword lists searched in many texts (every link, every column name, every text node).
//! One Aho-Corasick automaton per list finds any of its words in a single pass; testing each
//! word with `str::contains` builds a substring searcher per word and text, which in WASM
//! (no SIMD fast path) was a measurable part of a check on large portals.

use aho_corasick::{AhoCorasick, MatchKind};

pub struct Words {
    words: Vec<&'static str>,
    ac: AhoCorasick,
}

impl Words {
    pub fn new(words: &[&'static str]) -> Words {
        Words::build(words, false)
    }

    /// Matching ASCII letters in any case (`ICP`/`icp`, `Copyright`, host names).
    pub fn ascii_case_insensitive(words: &[&'static str]) -> Words {
        Words::build(words, true)
    }

    fn build(words: &[&'static str], fold: bool) -> Words {
        // Leftmost-first: at a position, the word listed first wins (as a regex alternation).
        let ac = AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).ascii_case_insensitive(fold).build(words).expect("keyword automaton");
        Words { words: words.to_vec(), ac }
    }

    /// Does `text` contain any of the words?
    pub fn any_in(&self, text: &str) -> bool {
        self.ac.is_match(text)
    }

    /// The leftmost word found in `text`, as listed.
    pub fn find_in(&self, text: &str) -> Option<&'static str> {
        self.ac.find(text).map(|m| self.words[m.pattern().as_usize()])
    }

    /// Every word found, left to right without overlaps, with the byte offset after it.
    pub fn iter_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (&'static str, usize)> + 't {
        self.ac.find_iter(text).map(|m| (self.words[m.pattern().as_usize()], m.end()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_any_word() {
        let w = Words::new(&["国务院信息", "央网推荐"]);
        assert!(w.any_in("首页 国务院信息 更多"));
        assert!(!w.any_in("国务院 信息"));
        assert_eq!(w.find_in("看央网推荐"), Some("央网推荐"));
    }

    #[test]
    fn ascii_case_folding_is_opt_in() {
        let w = Words::ascii_case_insensitive(&["copyright", "ICP"]);
        assert_eq!(w.find_in("COPYRIGHT 京icp备"), Some("copyright"));
        assert_eq!(w.iter_in("Copyright ICP").map(|(w, _)| w).collect::<Vec<_>>(), ["copyright", "ICP"]);
        assert!(!Words::new(&["ICP"]).any_in("icp"));
    }
}
