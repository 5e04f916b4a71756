//! The pasted text as the engine reads it: folded like search folds (case and
//! diacritics dropped), every run of white space (line breaks too: pasted
//! messages wrap) made one space, and a map back to the original so evidence
//! quotes what was pasted.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub struct Folded<'a> {
    pub original: &'a str,
    /// Lowercase, without diacritics, white space collapsed.
    pub text: String,
    /// For every byte of `text`, where its character starts in `original`.
    origin: Vec<u32>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Folded<'a> {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut pending_space: Option<usize> = None;
        for (at, c) in original.char_indices() {
            if c.is_whitespace() || c.is_control() {
                pending_space = pending_space.or(Some(at));
                continue;
            }
            if let Some(first) = pending_space.take() {
                push(&mut text, &mut origin, ' ', first);
            }
            let mut buffer = [0u8; 4];
            for folded in c.encode_utf8(&mut buffer).nfd() {
                if is_combining_mark(folded) {
                    continue;
                }
                for lower in folded.to_lowercase() {
                    push(
                        &mut text,
                        &mut origin,
                        if lower == 'đ' { 'd' } else { lower },
                        at,
                    );
                }
            }
        }
        Folded {
            original,
            text,
            origin,
        }
    }

    /// The original text behind `text[start..end]`.
    pub fn excerpt(&self, start: usize, end: usize) -> &'a str {
        let from = self
            .origin
            .get(start)
            .map_or(self.original.len(), |&at| at as usize);
        let to = self
            .origin
            .get(end)
            .map_or(self.original.len(), |&at| at as usize)
            .max(from);
        self.original[from..to].trim()
    }

    /// The original text around `text[start..end]`, `margin` bytes each side.
    pub fn context(&self, start: usize, end: usize, margin: usize) -> &'a str {
        // Whole words where a space is near: widen to it, a little at most.
        let text = self.text.as_str();
        let mut from = floor_boundary(text, start.saturating_sub(margin));
        let reach = floor_boundary(text, from.saturating_sub(WIDEN));
        if let Some(space) = text[reach..from].rfind(' ') {
            from = reach + space + 1;
        }
        let mut to = ceil_boundary(text, end + margin);
        let reach = ceil_boundary(text, to + WIDEN);
        if let Some(space) = text[to..reach].find(' ') {
            to += space;
        }
        self.excerpt(from, to)
    }
}

/// How far [`Folded::context`] may widen to reach a space.
const WIDEN: usize = 16;

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn push(text: &mut String, origin: &mut Vec<u32>, c: char, at: usize) {
    text.push(c);
    let at = u32::try_from(at).unwrap_or(u32::MAX);
    origin.resize(text.len(), at);
}

/// Folds a pattern or a signal the way [`Folded`] folds the pasted text, so
/// the two compare byte for byte.
pub fn fold_literal(literal: &str) -> String {
    Folded::new(literal).text
}

/// Whether `text[start..end]` stands as a word of its own: no letter or digit
/// runs on into it from either side (where its own edge is one).
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    starts_a_word(text, start)
        && !joins(text[..end].chars().next_back(), text[end..].chars().next())
}

/// Whether no letter or digit runs on into `text[start..]` from the left.
pub fn starts_a_word(text: &str, start: usize) -> bool {
    !joins(
        text[start..].chars().next(),
        text[..start].chars().next_back(),
    )
}

fn joins(inside: Option<char>, outside: Option<char>) -> bool {
    matches!((inside, outside), (Some(a), Some(b)) if a.is_alphanumeric() && b.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_search_and_collapses_white_space() {
        let folded = Folded::new("Đóng  KẾT\t nối\r\n\n  1006");
        assert_eq!(folded.text, "dong ket noi 1006");
    }

    #[test]
    fn excerpts_quote_the_original() {
        let pasted = "WebSocket  CLOSED with 4014.";
        let folded = Folded::new(pasted);
        let start = folded.text.find("closed").unwrap();
        assert_eq!(
            folded.excerpt(start, start + "closed with 4014".len()),
            "CLOSED with 4014"
        );
        assert_eq!(folded.excerpt(0, folded.text.len()), pasted);
    }

    #[test]
    fn whole_words_do_not_run_into_letters() {
        assert!(is_whole_word("using jda 5", 6, 9));
        assert!(!is_whole_word("jdave", 0, 3));
        assert!(is_whole_word("(jda)", 1, 4));
        assert!(is_whole_word("x.execute-api.us", 2, 13));
    }
}
