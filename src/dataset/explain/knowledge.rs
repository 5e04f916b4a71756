//! What the engine knows, built once at load from the family files' signals
//! and `libraries/`: one automaton over every literal worth finding, so a
//! pasted text is read in a single pass however much the dataset knows.

use std::collections::HashSet;

use aho_corasick::AhoCorasick;

use super::numbers::{self, Role};
use super::text::{Folded, fold_literal, is_whole_word, starts_a_word};
use crate::dataset::files::{
    FamilyFile, LibraryFile, MessageEntry, MessageMeaning, Reference, SignalKind,
};
use crate::dataset::rfc6455::CodeRange;

/// A library, with its messages ready to match.
#[derive(Debug)]
pub struct Library {
    pub slug: String,
    pub name: String,
    pub language: String,
    pub url: String,
    pub family: String,
    pub messages: Vec<Message>,
}

#[derive(Debug)]
pub struct Message {
    /// As the data file spells it.
    pub pattern: String,
    segments: Vec<Segment>,
    /// The code the message means, when it prints none (or refuses the one it prints).
    pub code: Option<u16>,
    pub family: String,
    pub meaning: MessageMeaning,
    /// Where a format prints only some codes: their ranges.
    ranges: Vec<CodeRange>,
    pub source: Reference,
    /// The first literal runs straight into a placeholder (`at ws{text}`
    /// reads `wss://…`), so its end need not be a word's.
    anchor_glued: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    Code,
    Text,
}

/// A signal of one family, as the engine uses it.
#[derive(Debug)]
pub struct FamilySignal {
    pub family: String,
    pub kind: SignalKind,
    pub text: String,
    pub code: Option<u16>,
    pub reference: Reference,
}

/// What one literal found in a text stands for.
#[derive(Debug, Clone, Copy)]
enum Anchor {
    LibraryName(usize),
    Signal(usize),
    /// A message's first literal: (library, message).
    Message(usize, usize),
}

#[derive(Debug)]
pub struct Knowledge {
    pub libraries: Vec<Library>,
    pub signals: Vec<FamilySignal>,
    automaton: AhoCorasick,
    anchors: Vec<Anchor>,
}

/// A literal found in a text, already checked: a whole word, a message whose
/// every part matched.
#[derive(Debug)]
pub enum Found<'k> {
    LibraryName {
        library: &'k Library,
        start: usize,
        end: usize,
    },
    Signal {
        signal: &'k FamilySignal,
        start: usize,
        end: usize,
    },
    Message {
        library: &'k Library,
        message: &'k Message,
        start: usize,
        end: usize,
        /// The numbers at `{code}`, in order, and who sent each as the message tells it.
        codes: Vec<PrintedCode>,
    },
}

/// A number at a message's `{code}`: its value, where it starts and ends,
/// and who sent it as the message tells it.
pub type PrintedCode = (u16, usize, usize, Option<Role>);

/// Where matched messages lie in the text, and where they printed codes: a
/// number inside a message that is not one of its codes is the message's own
/// words (`between 3000 and 4999`). Every match counts here, also those past
/// [`HITS_PER_ANCHOR`], so that a line pasted many times reads the same each
/// time. Merged and sorted once, so each number costs a binary search.
#[derive(Debug, Default)]
pub struct MessageSpans {
    /// Disjoint, in order.
    spans: Vec<(usize, usize)>,
    code_starts: HashSet<usize>,
}

impl MessageSpans {
    fn add(&mut self, start: usize, end: usize, codes: &[PrintedCode]) {
        self.spans.push((start, end));
        self.code_starts
            .extend(codes.iter().map(|(_, code_start, ..)| *code_start));
    }

    fn merge(mut self) -> MessageSpans {
        self.spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(self.spans.len());
        for (start, end) in self.spans {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        MessageSpans {
            spans: merged,
            code_starts: self.code_starts,
        }
    }

    /// Whether the number starting at `at` is a message's own words.
    pub fn holds_words(&self, at: usize) -> bool {
        let after = self.spans.partition_point(|(start, _)| *start <= at);
        after > 0 && at < self.spans[after - 1].1 && !self.code_starts.contains(&at)
    }
}

/// A literal is read no more often than this per text: a pasted dump that
/// repeats one line a thousand times says nothing new after the first few.
/// (Messages past it still mark their spans, see [`MessageSpans`]; the work
/// per hit is bounded by [`TEXT_SPAN`], so the whole stays linear.)
pub(super) const HITS_PER_ANCHOR: usize = 4;

/// `{text}` stretches no farther than this to the next literal.
const TEXT_SPAN: usize = 240;

impl Knowledge {
    /// `families` and `libraries` are already validated.
    pub fn build(families: &[FamilyFile], libraries: &[LibraryFile]) -> Knowledge {
        let mut literals: Vec<String> = Vec::new();
        let mut anchors = Vec::new();
        let signals: Vec<FamilySignal> = families
            .iter()
            .flat_map(|family| {
                family.signals.iter().map(|signal| FamilySignal {
                    family: family.slug.clone(),
                    kind: signal.kind,
                    text: signal.text.clone(),
                    code: signal.code.and_then(|code| u16::try_from(code).ok()),
                    reference: signal.reference.clone(),
                })
            })
            .collect();
        for (index, signal) in signals.iter().enumerate() {
            literals.push(fold_literal(&signal.text));
            anchors.push(Anchor::Signal(index));
        }
        let libraries: Vec<Library> = libraries
            .iter()
            .enumerate()
            .map(|(index, file)| {
                for name in &file.names {
                    literals.push(fold_literal(name));
                    anchors.push(Anchor::LibraryName(index));
                }
                let messages: Vec<Message> = file
                    .messages
                    .iter()
                    .map(|entry| Message::compile(entry, &file.family))
                    .collect();
                for (message_index, message) in messages.iter().enumerate() {
                    if let Some(first) = message.first_literal() {
                        literals.push(first.to_owned());
                        anchors.push(Anchor::Message(index, message_index));
                    }
                }
                Library {
                    slug: file.slug.clone(),
                    name: file.name.clone(),
                    language: file.language.clone(),
                    url: file.url.clone(),
                    family: file.family.clone(),
                    messages,
                }
            })
            .collect();
        let automaton = AhoCorasick::new(&literals).expect("literals of a validated dataset");
        Knowledge {
            libraries,
            signals,
            automaton,
            anchors,
        }
    }

    /// Everything the text holds that the dataset knows, in the order found,
    /// and where its messages lie.
    pub fn find<'k>(&'k self, folded: &Folded) -> (Vec<Found<'k>>, MessageSpans) {
        let text = folded.text.as_str();
        let mut seen = vec![0usize; self.anchors.len()];
        let mut found = Vec::new();
        let mut spans = MessageSpans::default();
        for hit in self.automaton.find_overlapping_iter(text) {
            let index = hit.pattern().as_usize();
            let (start, end) = (hit.start(), hit.end());
            if seen[index] >= HITS_PER_ANCHOR {
                if let Anchor::Message(library, message) = self.anchors[index] {
                    let message = &self.libraries[library].messages[message];
                    if let Some((start, end, codes)) = message.match_at(folded, start, end) {
                        spans.add(start, end, &codes);
                    }
                }
                continue;
            }
            let item = match self.anchors[index] {
                Anchor::LibraryName(library) => {
                    is_whole_word(text, start, end).then(|| Found::LibraryName {
                        library: &self.libraries[library],
                        start,
                        end,
                    })
                }
                Anchor::Signal(signal) => is_whole_word(text, start, end).then(|| Found::Signal {
                    signal: &self.signals[signal],
                    start,
                    end,
                }),
                Anchor::Message(library, message) => {
                    let library = &self.libraries[library];
                    let message = &library.messages[message];
                    let matched = message.match_at(folded, start, end);
                    if let Some((start, end, codes)) = &matched {
                        spans.add(*start, *end, codes);
                    }
                    matched.map(|(start, end, codes)| Found::Message {
                        library,
                        message,
                        start,
                        end,
                        codes,
                    })
                }
            };
            if let Some(item) = item {
                seen[index] += 1;
                found.push(item);
            }
        }
        (found, spans.merge())
    }

    /// The messages libraries print for one code of one family, with the
    /// line as it would look (`{code}` filled in, `{text}` elided): every
    /// message that means this code, then the first general format of each
    /// library that has no message of its own for the code and prints codes
    /// of its range.
    pub fn messages_for(&self, family: &str, code: u16) -> Vec<(&Library, &Message, String)> {
        let mut specific = Vec::new();
        let mut formats = Vec::new();
        for library in &self.libraries {
            let shown: Vec<&Message> = library
                .messages
                .iter()
                .filter(|message| {
                    message.family == family && message.meaning == MessageMeaning::Close
                })
                .collect();
            let own: Vec<&Message> = shown
                .iter()
                .copied()
                .filter(|message| message.code == Some(code))
                .collect();
            let format = shown.iter().copied().find(|message| {
                message.code.is_none()
                    && (message.ranges.is_empty() || message.ranges.contains(&CodeRange::of(code)))
            });
            match (own.is_empty(), format) {
                (false, _) => {
                    specific.extend(own.into_iter().map(|m| (library, m, m.example(code))))
                }
                (true, Some(format)) => formats.push((library, format, format.example(code))),
                (true, None) => {}
            }
        }
        specific.extend(formats);
        specific
    }
}

impl Message {
    fn compile(entry: &MessageEntry, library_family: &str) -> Message {
        Message {
            pattern: entry.pattern.clone(),
            segments: segments(&entry.pattern),
            code: entry.code.and_then(|code| u16::try_from(code).ok()),
            family: entry
                .family
                .clone()
                .unwrap_or_else(|| library_family.to_owned()),
            meaning: entry.meaning,
            ranges: entry
                .ranges
                .iter()
                .filter_map(|id| CodeRange::from_id(id))
                .collect(),
            source: entry.source.clone(),
            anchor_glued: anchor_glued(&entry.pattern),
        }
    }

    fn first_literal(&self) -> Option<&str> {
        self.segments.iter().find_map(|segment| match segment {
            Segment::Literal(literal) => Some(literal.as_str()),
            _ => None,
        })
    }

    /// Whether the pattern prints the code it is about.
    pub fn prints_code(&self) -> bool {
        self.segments.contains(&Segment::Code)
    }

    /// The message as it reads for `code`: `{code}` filled in, `{text}` as `…`.
    pub fn example(&self, code: u16) -> String {
        self.pattern
            .replace("{code}", &code.to_string())
            .replace("{text}", "…")
    }

    /// Checks the whole pattern around its first literal, found at
    /// `start..end`; answers where the message starts and ends and the codes
    /// it printed.
    fn match_at(
        &self,
        folded: &Folded,
        start: usize,
        end: usize,
    ) -> Option<(usize, usize, Vec<PrintedCode>)> {
        let text = folded.text.as_str();
        let first = self
            .segments
            .iter()
            .position(|segment| matches!(segment, Segment::Literal(_)))?;
        let mut codes = Vec::new();
        let mut from = start;
        if first > 0 && self.segments[first - 1] == Segment::Code {
            let (code, code_start, code_end) = numbers::digits_before(text, start)?;
            codes.push((code, code_start, code_end, None));
            from = code_start;
        }
        let whole = if self.anchor_glued {
            starts_a_word(text, from)
        } else {
            is_whole_word(text, from, end)
        };
        if !whole {
            return None;
        }
        let mut at = end;
        let mut stretch = false;
        let mut previous_literal = match &self.segments[first] {
            Segment::Literal(literal) => literal.as_str(),
            _ => "",
        };
        for segment in &self.segments[first + 1..] {
            match segment {
                Segment::Literal(literal) => {
                    if stretch {
                        let limit = text.len().min(at + TEXT_SPAN);
                        let window = text.get(at..limit)?;
                        at += window.find(literal.as_str())? + literal.len();
                        stretch = false;
                    } else if text[at..]
                        .trim_start_matches(' ')
                        .starts_with(literal.as_str())
                    {
                        at = text.len() - text[at..].trim_start_matches(' ').len() + literal.len();
                    } else {
                        return None;
                    }
                    previous_literal = literal;
                }
                Segment::Code => {
                    let (code, code_start, code_end) = numbers::digits_after(text, at)?;
                    codes.push((code, code_start, code_end, role_in(previous_literal)));
                    at = code_end;
                }
                Segment::Text => stretch = true,
            }
        }
        Some((from, at, codes))
    }
}

/// Who sent a code, from the words a library prints right before it.
fn role_in(literal: &str) -> Option<Role> {
    let last_word = literal
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|word| !word.is_empty())?;
    match last_word {
        "received" | "receive" | "recv" => Some(Role::Received),
        "sent" | "send" => Some(Role::Sent),
        _ => None,
    }
}

/// Whether the pattern's first literal ends in a letter or digit right
/// before a placeholder, with no space between.
fn anchor_glued(pattern: &str) -> bool {
    ["{code}", "{text}"]
        .iter()
        .filter_map(|placeholder| pattern.find(placeholder))
        .min()
        .is_some_and(|at| pattern[..at].ends_with(char::is_alphanumeric))
}

/// `websocket: close {code} ({text})` → literal, code, literal, text, literal.
fn segments(pattern: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut rest = pattern;
    while !rest.is_empty() {
        let next = [("{code}", Segment::Code), ("{text}", Segment::Text)]
            .into_iter()
            .filter_map(|(placeholder, segment)| {
                rest.find(placeholder).map(|at| (at, placeholder, segment))
            })
            .min_by_key(|(at, ..)| *at);
        match next {
            Some((at, placeholder, segment)) => {
                if at > 0 {
                    segments.push(Segment::Literal(fold_literal(&rest[..at])));
                }
                segments.push(segment);
                rest = &rest[at + placeholder.len()..];
            }
            None => {
                segments.push(Segment::Literal(fold_literal(rest)));
                rest = "";
            }
        }
    }
    // Spaces at a literal's edge would demand exact spacing around a
    // placeholder; the placeholders skip spaces themselves.
    segments
        .into_iter()
        .filter_map(|segment| match segment {
            Segment::Literal(literal) => {
                let trimmed = literal.trim_matches(' ');
                (!trimmed.is_empty()).then(|| Segment::Literal(trimmed.to_owned()))
            }
            other => Some(other),
        })
        .collect()
}

/// The letters and digits a pattern must match literally, in all and in its
/// first literal (what the automaton looks for), for validation.
pub fn literal_length(pattern: &str) -> (usize, usize) {
    let lengths: Vec<usize> = segments(pattern)
        .iter()
        .filter_map(|segment| match segment {
            Segment::Literal(literal) => {
                Some(literal.chars().filter(|c| c.is_alphanumeric()).count())
            }
            _ => None,
        })
        .collect();
    (lengths.iter().sum(), lengths.first().copied().unwrap_or(0))
}

/// Whether a pattern has `{code}`, and whether it has a placeholder-like
/// `{word}` that is neither `{code}` nor `{text}` (braces of JSON are literal).
pub fn placeholders(pattern: &str) -> (bool, bool) {
    let has_code = pattern.contains("{code}");
    let unknown = pattern.split('{').skip(1).any(|rest| {
        rest.split_once('}').is_some_and(|(word, _)| {
            !word.is_empty()
                && word.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && !matches!(word, "code" | "text")
        })
    });
    (has_code, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(pattern: &str) -> Message {
        Message {
            pattern: pattern.to_owned(),
            segments: segments(pattern),
            code: None,
            family: "websocket".to_owned(),
            meaning: MessageMeaning::Close,
            ranges: Vec::new(),
            source: Reference {
                title: "t".to_owned(),
                url: "https://example.org".to_owned(),
            },
            anchor_glued: anchor_glued(pattern),
        }
    }

    fn codes(pattern: &str, text: &str) -> Option<Vec<u16>> {
        let message = message(pattern);
        let folded = Folded::new(text);
        let first = message.first_literal().unwrap();
        let start = folded.text.find(first)?;
        message
            .match_at(&folded, start, start + first.len())
            .map(|(_, _, codes)| codes.into_iter().map(|(code, ..)| code).collect())
    }

    #[test]
    fn patterns_split_into_literals_and_placeholders() {
        assert_eq!(
            segments("websocket: close {code} ({text})"),
            [
                Segment::Literal("websocket: close".into()),
                Segment::Code,
                Segment::Literal("(".into()),
                Segment::Text,
                Segment::Literal(")".into()),
            ]
        );
        assert_eq!(literal_length("{code} is neither."), (9, 9));
        assert_eq!(literal_length("close {code} ({text})"), (5, 5));
        assert_eq!(placeholders("x {code} {text}"), (true, false));
        assert_eq!(placeholders("x {coda}"), (false, true));
        assert_eq!(placeholders("{\"code\":{code}}"), (true, false));
    }

    #[test]
    fn a_pattern_reads_the_codes_it_prints() {
        assert_eq!(
            codes(
                "websocket: close {code}",
                "Error: websocket: close 1006 (abnormal closure)"
            ),
            Some(vec![1006])
        );
        assert_eq!(
            codes(
                "received {code} ({text}); then sent {code}",
                "received 1011 (internal error); then sent 1011 (internal error) keepalive ping timeout"
            ),
            Some(vec![1011, 1011])
        );
        assert_eq!(
            codes(
                "{code} is neither.",
                "between 3000 and 4999. 1001 is neither."
            ),
            Some(vec![1001])
        );
        assert_eq!(
            codes("websocket: close {code}", "websocket: close now"),
            None
        );
    }

    #[test]
    fn roles_come_from_the_words_before_the_code() {
        assert_eq!(role_in("; then received"), Some(Role::Received));
        assert_eq!(role_in("sent"), Some(Role::Sent));
        assert_eq!(role_in("close"), None);
    }
}
