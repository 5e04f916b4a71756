//! Numbers in a pasted text, and how sure we are that each is a close code:
//! the words around it say so (`code = 1006`, `closed with 4014`,
//! `StatusCode(4403)`), or say it is something else (a time, a date, a port,
//! a line number, an HTTP status, a byte count).

use serde::Serialize;
use utoipa::ToSchema;

/// Which side of the connection put the code in its Close frame, as the text
/// tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The code arrived from the peer.
    Received,
    /// This side sent it.
    Sent,
}

/// A number that may be a close code.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadNumber {
    pub value: u16,
    /// Its digits in the folded text.
    pub start: usize,
    pub end: usize,
    /// 0 to 1: how sure the context makes us that it is a close code.
    pub score: f32,
    /// Whether words before it say "close" or "code".
    pub in_close_context: bool,
    pub role: Option<Role>,
}

/// Words right before a number that make it a close code.
const CODE_WORDS: [&str; 9] = [
    "code",
    "status",
    "statuscode",
    "closestatus",
    "closecode",
    "close_code",
    "status_code",
    "closereason",
    "library",
];

/// Words that mean a close happened somewhere before the number.
const CLOSE_WORDS: [&str; 7] = [
    "close",
    "closed",
    "closing",
    "closes",
    "disconnect",
    "disconnected",
    "shutdown",
];

/// Words right before a number that make it something else.
const OTHER_WORDS: [&str; 14] = [
    "line", "port", "http", "https", "pid", "tid", "thread", "version", "v", "id", "at", "row",
    "col", "column",
];

/// Units right after a number that make it a quantity.
const UNITS: [&str; 16] = [
    "ms", "s", "sec", "secs", "seconds", "second", "bytes", "byte", "b", "kb", "kib", "mb", "mib",
    "minutes", "min", "px",
];

/// Farther back than this, words no longer describe the number.
const WINDOW: usize = 40;

/// Every run of 1 to 5 digits that could be a close code, with its score.
/// One pass over the text; work per number is bounded by [`WINDOW`].
pub fn read(text: &str) -> Vec<ReadNumber> {
    let bytes = text.as_bytes();
    let mut numbers = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_digit() {
            at += 1;
        }
        if let Some(number) = judge(text, start, at) {
            numbers.push(number);
        }
    }
    numbers
}

fn judge(text: &str, start: usize, end: usize) -> Option<ReadNumber> {
    let bytes = text.as_bytes();
    if end - start > 5 {
        return None;
    }
    let value: u16 = text[start..end].parse().ok()?;
    let before = bytes[..start].last().copied();
    let after = bytes.get(end).copied();
    let two_before = start.checked_sub(2).map(|i| bytes[i]);
    let two_after = bytes.get(end + 1).copied();
    let digit = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_digit());
    // Part of a word, a hex number, a version, an issue number.
    let glued = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    if glued(before) || glued(after) || matches!(before, Some(b'.' | b'#' | b'$' | b'+' | b'@')) {
        return None;
    }
    if matches!(after, Some(b'.' | b',' | b':' | b'-' | b'/')) && digit(two_after) {
        return None;
    }
    match before {
        // Times (12:34:56) and dates (2024-01-31, 01/31).
        Some(b':' | b'-' | b'/') if digit(two_before) => return None,
        // Ports and line numbers (localhost:8080, app.js:1006), but `code:1006`
        // and any key of JSON or an object (`"code":4200`, `\"op\":4006`).
        Some(b':') => {
            let key = text[..start - 1].trim_end_matches(['"', '\'', '\\']);
            let quoted = key.len() < start - 1;
            let word = word_before(text, key.len());
            if !quoted && !CODE_WORDS.contains(&word) && !CLOSE_WORDS.contains(&word) {
                return None;
            }
        }
        _ => {}
    }
    if unit_follows(text, end) {
        return None;
    }
    let preceding = preceding_words(text, start);
    if preceding
        .first()
        .is_some_and(|word| OTHER_WORDS.contains(word))
    {
        return None;
    }

    let mut score: f32 = if (1000..=4999).contains(&value) {
        0.35
    } else {
        0.0
    };
    let named_code = preceding
        .iter()
        .take(2)
        .any(|word| CODE_WORDS.contains(word));
    let near_close = preceding.iter().any(|word| CLOSE_WORDS.contains(word));
    if named_code {
        score += 0.35;
    }
    if near_close {
        // `close 1006`, `closed with 4014` say more than a close somewhere before.
        let adjacent = preceding
            .iter()
            .take(2)
            .any(|word| CLOSE_WORDS.contains(word));
        score += if adjacent { 0.4 } else { 0.3 };
    }
    // `[1006]`, `(4403)`, `"code": 4001` read as a value printed on purpose.
    if matches!(before, Some(b'[' | b'(')) && matches!(after, Some(b']' | b')')) {
        score += 0.1;
    }
    let role = preceding.iter().take(3).find_map(|word| match *word {
        "received" | "recv" | "receiving" | "got" => Some(Role::Received),
        "sent" | "sending" | "send" => Some(Role::Sent),
        _ => None,
    });
    if role.is_some() {
        score += 0.3;
    }
    // Outside 1000–4999 only an explicit context makes a number a code
    // (`invalid status code 22373`, `close code 999`).
    if !(1000..=4999).contains(&value) && !(named_code && (near_close || score >= 0.35)) {
        return None;
    }
    if score <= 0.0 {
        return None;
    }
    Some(ReadNumber {
        value,
        start,
        end,
        score: score.min(0.95),
        in_close_context: named_code || near_close,
        role,
    })
}

/// The word that ends right before `at` (letters, digits and `_`).
fn word_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let from = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    &head[from..]
}

/// Up to six words before `start`, nearest first, within [`WINDOW`] bytes.
fn preceding_words(text: &str, start: usize) -> Vec<&str> {
    let mut from = start.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..start]
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .rev()
        .take(6)
        .collect()
}

fn unit_follows(text: &str, end: usize) -> bool {
    let rest = text[end..].strip_prefix(' ').unwrap_or(&text[end..]);
    let word_end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    UNITS.contains(&&rest[..word_end])
}

/// The digits right before `at` (one space or quote may sit between), for a
/// pattern that starts with `{code}`.
pub fn digits_before(text: &str, at: usize) -> Option<(u16, usize, usize)> {
    let head = text[..at].trim_end_matches([' ', '"', '\'']);
    let start = head
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let digits = &head[start..];
    (!digits.is_empty() && digits.len() <= 5)
        .then(|| digits.parse().ok().map(|n| (n, start, head.len())))
        .flatten()
}

/// The digits at `at` (after spaces or a quote), for `{code}` inside a pattern.
pub fn digits_after(text: &str, at: usize) -> Option<(u16, usize, usize)> {
    let skipped = text[at..].len() - text[at..].trim_start_matches([' ', '"', '\'']).len();
    let start = at + skipped;
    let len = text[start..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len() - start);
    (1..=5)
        .contains(&len)
        .then(|| {
            text[start..start + len]
                .parse()
                .ok()
                .map(|n| (n, start, start + len))
        })
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<u16> {
        read(text).into_iter().map(|n| n.value).collect()
    }

    fn score_of(text: &str, value: u16) -> f32 {
        read(text)
            .into_iter()
            .find(|n| n.value == value)
            .map_or(0.0, |n| n.score)
    }

    #[test]
    fn numbers_in_close_contexts_score_high() {
        for text in [
            "code = 1006",
            "websocket: close 1006 (abnormal closure): unexpected eof",
            "closestatus[code=1009, reason=too big]",
            "closereason: code [1000]",
            "statuscode(4403)",
            "library(4014)",
            "{\"code\": 4001}",
            "{\"code\":4200,\"message\":\"invalid message format\"}",
            "\"data\":\"{\\\"code\\\":4200}\"",
            "closed with 4014",
        ] {
            let read = read(text);
            assert_eq!(read.len(), 1, "{text}: {read:?}");
            assert!(read[0].score >= 0.7, "{text}: {read:?}");
        }
    }

    #[test]
    fn a_bare_number_in_the_range_of_codes_scores_low() {
        assert!((0.3..0.5).contains(&score_of("[1006]", 1006)));
        assert!((0.3..0.4).contains(&score_of("4999", 4999)));
    }

    #[test]
    fn numbers_that_are_something_else_are_left_out() {
        assert!(values("2024-11-03 12:34:56.789 connect to localhost:8080").is_empty());
        assert!(values("at app.js:1006:12").is_empty());
        assert!(values("http 502 bad gateway after 1009 bytes in 3000ms").is_empty());
        assert!(values("line 1011, in recv; port 4000; pid 1234").is_empty());
        assert!(values("version 1.1006.2 issue #1006 0x1006 u1006").is_empty());
    }

    #[test]
    fn numbers_outside_1000_to_4999_need_an_explicit_context() {
        assert_eq!(values("invalid status code 22373"), [22373]);
        assert_eq!(values("close code 999"), [999]);
        assert!(values("took 22373 tries, 502").is_empty());
    }

    #[test]
    fn the_text_says_who_sent_the_code() {
        let read = read("sent 1000 (ok); then received 1006 (abnormal closure)");
        assert_eq!(read[0].role, Some(Role::Sent));
        assert_eq!(read[1].role, Some(Role::Received));
    }

    #[test]
    fn digits_next_to_a_pattern() {
        assert_eq!(digits_before("x 1001 is neither", 7), Some((1001, 2, 6)));
        assert_eq!(digits_after("with \"4014\"", 4), Some((4014, 6, 10)));
        assert_eq!(digits_after("with abc", 4), None);
    }
}
