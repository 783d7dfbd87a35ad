//! Keyword lists searched in many texts (every link, every column name, every text node).
//! One Aho-Corasick automaton per list finds any of its words in a single pass; testing each
//! word with `str::contains` builds a substring searcher per word and text, which in WASM
//! (no SIMD fast path) was a measurable part of a check on large portals.

use aho_corasick::AhoCorasick;

pub struct Words {
    words: &'static [&'static str],
    ac: AhoCorasick,
}

impl Words {
    pub fn new(words: &'static [&'static str]) -> Words {
        Words { words, ac: AhoCorasick::new(words).expect("keyword automaton") }
    }

    /// Does `text` contain any of the words?
    pub fn any_in(&self, text: &str) -> bool {
        self.ac.is_match(text)
    }

    /// The first word found in `text` (leftmost).
    pub fn find_in(&self, text: &str) -> Option<&'static str> {
        self.ac.find(text).map(|m| self.words[m.pattern().as_usize()])
    }

    pub fn list(&self) -> &'static [&'static str] {
        self.words
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
}
