//! Finding codes: by number across every family, by name, or by words from
//! their texts, in one language. The API and the `/search` page both call
//! [`search`], so they always agree.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use utoipa::{IntoParams, ToSchema};

use super::STANDARD_FAMILY;
use super::files::ReconnectAdvice;
use super::model::{Code, Edition};
use super::rfc6455::CodeRange;

/// Narrows a list of codes by their facts. Every filter left out matches all.
#[derive(Debug, Default, Clone, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CodeFilters {
    /// Only codes in this RFC 6455 §7.4.2 range.
    #[param(inline)]
    pub range: Option<CodeRange>,
    /// Only codes that may (`true`) or must never (`false`) appear in a Close frame.
    pub on_the_wire: Option<bool>,
    /// Only codes that browser JavaScript may (`true`) or may not (`false`) pass to `WebSocket.close()`.
    pub browser_can_send: Option<bool>,
    /// Only codes with this reconnect advice.
    #[param(inline)]
    pub reconnect: Option<ReconnectAdvice>,
}

impl CodeFilters {
    pub fn is_empty(&self) -> bool {
        self.range.is_none()
            && self.on_the_wire.is_none()
            && self.browser_can_send.is_none()
            && self.reconnect.is_none()
    }

    pub fn matches(&self, code: &Code) -> bool {
        self.range.is_none_or(|range| code.range == range)
            && self.on_the_wire.is_none_or(|wire| code.on_the_wire == wire)
            && self
                .browser_can_send
                .is_none_or(|browser| code.browser_can_send == browser)
            && self
                .reconnect
                .is_none_or(|advice| code.reconnect.advice == advice)
    }
}

/// Why a code matched. Numbers come first, in this order; word matches
/// follow, ranked by their score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The query is the code's number.
    Code,
    /// The query's digits start the code's number (`100` finds 1000–1009).
    CodePrefix,
    /// Words of the query matched, and they scored most in the code's name
    /// (translated or official).
    Name,
    /// Words of the query matched, and they scored most in the code's other
    /// texts (summary, description, when, fix, …).
    Text,
}

pub struct Hit<'a> {
    pub code: &'a Code,
    pub matched: MatchKind,
    /// How well the words matched (BM25 over the code's fields); `None` for
    /// number matches, which rank above every word match.
    pub score: Option<f64>,
    /// Some word matched this code only through a typo (one or two letters off).
    pub fuzzy: bool,
}

/// Lowercase, without diacritics, so that `thong diep` finds "Thông điệp"
/// and `CLOSE` finds "close".
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// The words of a text: letters and digits, folded, empty ones dropped.
fn words(query: &str) -> Vec<String> {
    fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words of a text to search in: its [`words`], and the parts of words
/// written in camelCase as well (`maxPayload` is also `max` and `payload`).
fn index_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        found.extend(words(raw));
        let parts = camel_case_parts(raw);
        if parts.len() > 1 {
            found.extend(parts.iter().flat_map(|part| words(part)));
        }
    }
    found
}

/// `maxPayload` → `max`, `Payload`; `DisallowedIntents` → `Disallowed`, `Intents`.
fn camel_case_parts(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut previous_lower = false;
    for (at, c) in word.char_indices() {
        if c.is_uppercase() && previous_lower {
            parts.push(&word[start..at]);
            start = at;
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    parts.push(&word[start..]);
    parts
}

/// The digits of a query that is only a number.
fn number_query(query: &str) -> Option<&str> {
    let digits = query.trim();
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

fn number_match(code: &Code, digits: &str) -> Option<MatchKind> {
    if digits
        .parse::<u64>()
        .is_ok_and(|n| n == u64::from(code.code))
    {
        Some(MatchKind::Code)
    } else if code.code.to_string().starts_with(digits) {
        Some(MatchKind::CodePrefix)
    } else {
        None
    }
}

/// The fields of a code that words are searched in, by index: the name
/// (translated and official), the summary, and every other text.
const FIELDS: usize = 3;
const NAME: usize = 0;
/// How much a word found in each field counts.
const FIELD_WEIGHTS: [f64; FIELDS] = [3.0, 1.5, 1.0];
/// BM25's term-frequency saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// How much a query word counts by the way it matched a term of a text.
const EXACT: f64 = 1.0;
/// The word starts the term (`max` in `maxpayload`): as you type.
const PREFIX: f64 = 0.7;
/// The word is inside the term (`payload` in `maxpayload`), four letters or more.
const INFIX: f64 = 0.5;
/// The word is a letter or two off the term (`closre` for `closure`).
const ONE_EDIT: f64 = 0.45;
const TWO_EDITS: f64 = 0.3;

/// How many letter edits (insert, delete, replace, swap two neighbours) a
/// query word of this many letters may be away from a term and still match:
/// none under five letters, one up to seven, two from eight.
fn allowed_edits(letters: usize) -> usize {
    match letters {
        0..5 => 0,
        5..8 => 1,
        _ => 2,
    }
}

/// The edit distance from a query word to a term, when it is within what the
/// word's length allows (and the word is not the term itself).
fn typo_edits(word: &str, word_letters: usize, term: &Term) -> Option<usize> {
    let allowed = allowed_edits(word_letters);
    if allowed == 0 || !term.alphabetic || term.letters.abs_diff(word_letters) > allowed {
        return None;
    }
    let edits = strsim::osa_distance(word, &term.text);
    (1..=allowed).contains(&edits).then_some(edits)
}

/// BM25's inverse document frequency: rarer words count more.
fn idf(documents: usize, with_word: usize) -> f64 {
    let (n, df) = (documents as f64, with_word as f64);
    ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
}

/// BM25's saturating weight of a word found `frequency` times in a field
/// `length` times as long as that field is on average: more occurrences count
/// less and less, and a long text's count less than a short one's.
fn saturated(frequency: f64, length: f64) -> f64 {
    frequency * (K1 + 1.0) / (frequency + K1 * (1.0 - B + B * length))
}

#[derive(Debug)]
struct Term {
    text: String,
    letters: usize,
    alphabetic: bool,
}

/// One code's folded words, field by field.
#[derive(Debug)]
struct Document {
    family: usize,
    code: usize,
    /// Per field, `(term, count)` sorted by term.
    terms: [Vec<(u32, u32)>; FIELDS],
    /// Per field, how many words it has.
    lengths: [usize; FIELDS],
}

/// Every code's words, folded once per edition, for [`search`].
#[derive(Debug, Default)]
pub struct SearchIndex {
    ids: HashMap<String, u32>,
    vocabulary: Vec<Term>,
    documents: Vec<Document>,
    average_lengths: [f64; FIELDS],
}

impl SearchIndex {
    pub fn of(edition: &Edition) -> SearchIndex {
        let mut index = SearchIndex::default();
        for (family, f) in edition.families.iter().enumerate() {
            for (code, c) in f.codes.iter().enumerate() {
                let fields = Self::fields(c).map(|text| index.intern(&text));
                let document = Document {
                    family,
                    code,
                    lengths: fields.each_ref().map(Vec::len),
                    terms: fields.map(counted),
                };
                index.documents.push(document);
            }
        }
        let count = index.documents.len().max(1) as f64;
        index.average_lengths = std::array::from_fn(|field| {
            let total: usize = index.documents.iter().map(|d| d.lengths[field]).sum();
            (total as f64 / count).max(1.0)
        });
        index
    }

    /// A code's searchable texts, one string per field.
    fn fields(code: &Code) -> [String; FIELDS] {
        let mut name = code.name.clone();
        if fold(&code.official_name) != fold(&code.name) {
            name.push(' ');
            name.push_str(&code.official_name);
        }
        let mut texts = [
            code.description.as_str(),
            &code.when,
            &code.fix,
            &code.use_when,
            &code.reconnect.detail,
            &code.family,
        ]
        .join(" ");
        for mistake in &code.mistakes {
            texts.push(' ');
            texts.push_str(&mistake.text);
        }
        [name, code.summary.clone(), texts]
    }

    fn intern(&mut self, text: &str) -> Vec<u32> {
        index_words(text)
            .into_iter()
            .map(|word| {
                if let Some(&id) = self.ids.get(&word) {
                    return id;
                }
                let id = u32::try_from(self.vocabulary.len()).expect("fewer than 2³² words");
                self.vocabulary.push(Term {
                    letters: word.chars().count(),
                    alphabetic: word.chars().all(char::is_alphabetic),
                    text: word.clone(),
                });
                self.ids.insert(word, id);
                id
            })
            .collect()
    }

    /// The terms a query word matches, with how much each counts and how.
    fn matches(&self, word: &str) -> Vec<TermMatch> {
        let exact = self.ids.get(word).copied();
        let letters = word.chars().count();
        let found = |term, weight, way| TermMatch { term, weight, way };
        if word.chars().all(|c| c.is_ascii_digit()) {
            return exact
                .map(|id| found(id, EXACT, Way::Itself))
                .into_iter()
                .collect();
        }
        (0u32..)
            .zip(&self.vocabulary)
            .filter_map(|(id, term)| {
                if Some(id) == exact {
                    Some(found(id, EXACT, Way::Itself))
                } else if letters >= 2 && term.text.starts_with(word) {
                    Some(found(id, PREFIX, Way::Partly))
                } else if letters >= 4 && term.text.contains(word) {
                    Some(found(id, INFIX, Way::Partly))
                } else if exact.is_some() {
                    // A word the texts have is no typo.
                    None
                } else {
                    let edits = typo_edits(word, letters, term)?;
                    let weight = if edits == 1 { ONE_EDIT } else { TWO_EDITS };
                    Some(found(id, weight, Way::Typo))
                }
            })
            .collect()
    }
}

/// How a query word matched a term.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    /// It is the term.
    Itself,
    /// It starts the term or is inside it.
    Partly,
    /// It is a letter or two off the term.
    Typo,
}

/// A term of the texts that a query word matched, and how much that counts.
struct TermMatch {
    term: u32,
    weight: f64,
    way: Way,
}

/// `(term, count)` for a field's words, sorted by term.
fn counted(mut ids: Vec<u32>) -> Vec<(u32, u32)> {
    ids.sort_unstable();
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match counts.last_mut() {
            Some((last, count)) if *last == id => *count += 1,
            _ => counts.push((id, 1)),
        }
    }
    counts
}

/// How one query word matched one code.
#[derive(Clone, Copy, Default)]
struct WordInCode {
    /// Per field: the field's weight times the word's saturated frequency in it.
    fields: [f64; FIELDS],
    /// It matched here only through typos.
    fuzzy: bool,
}

impl WordInCode {
    fn of(index: &SearchIndex, document: &Document, matches: &[TermMatch]) -> WordInCode {
        let (mut exactly, mut by_typo) = (false, false);
        let fields = std::array::from_fn(|field| {
            let terms = &document.terms[field];
            // The word itself, else what starts with it, has it or is a typo
            // of it: `maxpayload` is not counted again for `max`.
            let (mut itself, mut partly) = (0.0, 0.0);
            for found in matches {
                let Ok(at) = terms.binary_search_by_key(&found.term, |&(term, _)| term) else {
                    continue;
                };
                let count = f64::from(terms[at].1);
                match found.way {
                    Way::Itself => itself += count,
                    Way::Partly | Way::Typo => partly += found.weight * count,
                }
                if found.way == Way::Typo {
                    by_typo = true;
                } else {
                    exactly = true;
                }
            }
            let frequency = if itself > 0.0 { itself } else { partly };
            let length = document.lengths[field] as f64 / index.average_lengths[field];
            FIELD_WEIGHTS[field] * saturated(frequency, length)
        });
        WordInCode {
            fields,
            fuzzy: by_typo && !exactly,
        }
    }

    fn weight(&self) -> f64 {
        self.fields.iter().sum()
    }
}

/// A code's score for the words of a query, each with its `idf`: BM25 of each
/// field, weighted by field and summed over the words it has, times the share
/// of the query's words it has. Also which field scored most, and whether a
/// word matched only by a typo.
fn score(words: &[(f64, Vec<WordInCode>)], document: usize) -> Option<(f64, MatchKind, bool)> {
    let mut by_field = [0.0; FIELDS];
    let (mut found, mut fuzzy) = (0, false);
    for (idf, codes) in words {
        let word = &codes[document];
        if word.weight() <= 0.0 {
            continue;
        }
        for (field, weight) in by_field.iter_mut().zip(word.fields) {
            *field += idf * weight;
        }
        found += 1;
        fuzzy |= word.fuzzy;
    }
    if found == 0 {
        return None;
    }
    let best = (0..FIELDS)
        .max_by(|&a, &b| by_field[a].total_cmp(&by_field[b]).then(b.cmp(&a)))
        .unwrap_or(NAME);
    let kind = if best == NAME {
        MatchKind::Name
    } else {
        MatchKind::Text
    };
    let total: f64 = by_field.iter().sum();
    Some((total * found as f64 / words.len() as f64, kind, fuzzy))
}

impl Edition {
    /// The edition's search index, built on the first search.
    pub fn search_index(&self) -> &SearchIndex {
        self.search_index.get_or_init(|| SearchIndex::of(self))
    }
}

fn word_hits<'a>(edition: &'a Edition, query: &str, keep: impl Fn(&Code) -> bool) -> Vec<Hit<'a>> {
    let index = edition.search_index();
    let mut query_words = words(query);
    query_words.sort_unstable();
    query_words.dedup();
    let scored: Vec<(f64, Vec<WordInCode>)> = query_words
        .iter()
        .map(|word| {
            let matches = index.matches(word);
            let codes: Vec<WordInCode> = index
                .documents
                .iter()
                .map(|document| WordInCode::of(index, document, &matches))
                .collect();
            let with_word = codes.iter().filter(|c| c.weight() > 0.0).count();
            (idf(index.documents.len(), with_word), codes)
        })
        .collect();
    index
        .documents
        .iter()
        .enumerate()
        .filter_map(|(at, document)| {
            let code = &edition.families[document.family].codes[document.code];
            if !keep(code) {
                return None;
            }
            let (score, matched, fuzzy) = score(&scored, at)?;
            Some(Hit {
                code,
                matched,
                score: Some(score),
                fuzzy,
            })
        })
        .collect()
}

/// Other families use some standard codes too, under the same name (AWS API
/// Gateway's 1009 is "Message Too Big" too, Spring's 1001 is `GOING_AWAY`: the
/// same words) or under another (Spring's 1009 is `TOO_BIG_TO_PROCESS`), and
/// their own texts can repeat the standard name more often. The standard
/// meaning is the one most people look for, so a copy of its name, and any code
/// of its number when the query matched the standard name, scores no more than
/// the standard code and comes after it.
fn standard_before_copies(edition: &Edition, hits: &mut [Hit]) {
    let Some(standard) = edition.family(STANDARD_FAMILY) else {
        return;
    };
    let originals: HashMap<u16, (f64, MatchKind)> = hits
        .iter()
        .filter(|hit| hit.code.family == STANDARD_FAMILY)
        .filter_map(|hit| Some((hit.code.code, (hit.score?, hit.matched))))
        .collect();
    for hit in hits
        .iter_mut()
        .filter(|hit| hit.code.family != STANDARD_FAMILY)
    {
        let Some(&(original, matched)) = originals.get(&hit.code.code) else {
            continue;
        };
        let same_name = standard
            .code(hit.code.code)
            .is_some_and(|code| words(&code.official_name) == words(&hit.code.official_name));
        if let (true, Some(score)) = (same_name || matched == MatchKind::Name, hit.score.as_mut()) {
            *score = score.min(original);
        }
    }
}

/// Every code of the edition (or of `family`) that matches the query and the
/// filters, best first. A number finds that code in every family, then the
/// codes it starts; words find every code with at least one of them (or a
/// word a letter or two off, from five letters), ranked by score.
pub fn search<'a>(
    edition: &'a Edition,
    query: &str,
    family: Option<&str>,
    filters: &CodeFilters,
) -> Vec<Hit<'a>> {
    let keep = |code: &Code| family.is_none_or(|slug| code.family == slug) && filters.matches(code);
    let mut hits: Vec<Hit> = match number_query(query) {
        Some(digits) => edition
            .families
            .iter()
            .flat_map(|f| &f.codes)
            .filter(|code| keep(code))
            .filter_map(|code| {
                number_match(code, digits).map(|matched| Hit {
                    code,
                    matched,
                    score: None,
                    fuzzy: false,
                })
            })
            .collect(),
        None => {
            let mut hits = word_hits(edition, query, keep);
            standard_before_copies(edition, &mut hits);
            hits
        }
    };
    // A stable sort keeps the dataset's order among equals.
    hits.sort_by(|a, b| {
        a.matched
            .min(MatchKind::Name)
            .cmp(&b.matched.min(MatchKind::Name))
            .then(b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0)))
    });
    hits
}

/// The number a query asks about when no result is that number, e.g. `4999`:
/// what it means as a close code is then worth saying. `None` when the query
/// is not a number 0–65535, or a result has it.
pub fn unmatched_number(query: &str, hits: &[Hit]) -> Option<u16> {
    let number = number_query(query)?.parse().ok()?;
    (!hits.iter().any(|hit| hit.matched == MatchKind::Code)).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_vietnamese_diacritics() {
        assert_eq!(fold("Thông điệp quá lớn"), "thong diep qua lon");
        assert_eq!(fold("Đóng BÌNH thường"), "dong binh thuong");
        assert_eq!(fold("maxPayload"), "maxpayload");
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        assert_eq!(
            words(" too-big, `max_size`!"),
            ["too", "big", "max", "size"]
        );
        assert!(words(" ?! ").is_empty());
    }

    #[test]
    fn camel_case_words_are_also_found_by_their_parts() {
        assert_eq!(camel_case_parts("maxPayload"), ["max", "Payload"]);
        assert_eq!(
            camel_case_parts("DisallowedIntents"),
            ["Disallowed", "Intents"]
        );
        assert_eq!(camel_case_parts("HTTP"), ["HTTP"]);
        assert_eq!(
            index_words("a maxPayload"),
            ["a", "maxpayload", "max", "payload"]
        );
    }

    fn term(text: &str) -> Term {
        Term {
            text: text.to_owned(),
            letters: text.chars().count(),
            alphabetic: text.chars().all(char::is_alphabetic),
        }
    }

    fn edits(word: &str, to: &str) -> Option<usize> {
        typo_edits(word, word.chars().count(), &term(to))
    }

    #[test]
    fn typos_are_one_edit_from_five_letters_and_two_from_eight() {
        assert_eq!(allowed_edits(4), 0);
        assert_eq!(allowed_edits(5), 1);
        assert_eq!(allowed_edits(7), 1);
        assert_eq!(allowed_edits(8), 2);
        assert_eq!(edits("closre", "closure"), Some(1), "a letter left out");
        assert_eq!(edits("mesage", "message"), Some(1));
        assert_eq!(edits("recieve", "receive"), Some(1), "two letters swapped");
        assert_eq!(edits("abnromal", "abnormal"), Some(1));
        assert_eq!(edits("abnurmel", "abnormal"), Some(2), "eight letters: two");
        assert_eq!(edits("clusre", "closure"), None, "seven letters: one only");
        assert_eq!(edits("awy", "away"), None, "under five letters: exact only");
        assert_eq!(edits("going", "going"), None, "the word itself is no typo");
        assert_eq!(edits("10066", "1006"), None, "numbers are never typos");
    }

    #[test]
    fn bm25_counts_repeats_less_and_rare_words_more() {
        let once = saturated(1.0, 1.0);
        let twice = saturated(2.0, 1.0);
        assert!(twice > once && twice < 2.0 * once);
        assert!(saturated(1000.0, 1.0) < K1 + 1.0);
        assert!(
            saturated(1.0, 0.5) > saturated(1.0, 2.0),
            "shorter fields count more"
        );
        assert!(idf(100, 1) > idf(100, 50));
        assert!(idf(100, 100) > 0.0);
    }

    #[test]
    fn more_words_and_name_words_score_higher() {
        let name = WordInCode {
            fields: [FIELD_WEIGHTS[NAME], 0.0, 0.0],
            fuzzy: false,
        };
        let text = WordInCode {
            fields: [0.0, 0.0, FIELD_WEIGHTS[2]],
            fuzzy: true,
        };
        let none = WordInCode::default();
        // Two words; code 0 has both in its name, code 1 one in its texts
        // (by a typo), code 2 neither.
        let words = [(1.0, vec![name, text, none]), (2.0, vec![name, none, none])];
        let (both, kind, fuzzy) = score(&words, 0).unwrap();
        assert_eq!((kind, fuzzy), (MatchKind::Name, false));
        let (one, kind, fuzzy) = score(&words, 1).unwrap();
        assert_eq!((kind, fuzzy), (MatchKind::Text, true));
        assert!(both > 2.0 * one, "{both} vs {one}");
        assert!(score(&words, 2).is_none());
    }

    fn edition(lang: &str) -> &'static Edition {
        static DATASET: once_cell::sync::Lazy<crate::dataset::Dataset> =
            once_cell::sync::Lazy::new(|| {
                crate::dataset::load(&crate::dataset::DataSource::Embedded).unwrap()
            });
        DATASET.edition(lang).unwrap()
    }

    fn found(lang: &str, query: &str) -> Vec<(String, u16, MatchKind, bool)> {
        search(edition(lang), query, None, &CodeFilters::default())
            .into_iter()
            .map(|hit| {
                (
                    hit.code.family.clone(),
                    hit.code.code,
                    hit.matched,
                    hit.fuzzy,
                )
            })
            .collect()
    }

    #[test]
    fn search_ranks_names_first_and_forgives_typos() {
        let first = |lang, query| found(lang, query).into_iter().next().unwrap();
        let standard = |code, kind, fuzzy| ("websocket".to_owned(), code, kind, fuzzy);
        assert_eq!(
            first("en", "going awy"),
            standard(1001, MatchKind::Name, false)
        );
        assert_eq!(first("en", "abnormal closre").1, 1006);
        assert!(first("en", "abnormal closre").3, "a typo match says so");
        assert_eq!(first("en", "mesage too big").1, 1009);
        assert_eq!(
            first("en", "close going away"),
            standard(1001, MatchKind::Name, false)
        );
        assert_eq!(first("vi", "thong diep qua lon").1, 1009);
        assert!(found("en", "zzzz").is_empty());
        // Every result of a word search has at least one of the words.
        let some = found("en", "going xyzzyq");
        assert_eq!(some[0].1, 1001);
    }

    #[test]
    fn numbers_match_codes_and_say_when_none_is_that_number() {
        let hits = found("en", "1009");
        assert_eq!(
            hits[0],
            ("websocket".to_owned(), 1009, MatchKind::Code, false)
        );
        assert!(
            found("en", "100")
                .iter()
                .all(|hit| hit.2 == MatchKind::CodePrefix)
        );
        assert!(found("en", "4999").is_empty());
        let edition = edition("en");
        let none = CodeFilters::default();
        let numbered = |query: &str| unmatched_number(query, &search(edition, query, None, &none));
        assert_eq!(numbered("4999"), Some(4999));
        assert_eq!(numbered(" 1016 "), Some(1016));
        assert_eq!(numbered("1009"), None, "a code has it");
        assert_eq!(numbered("65536"), None, "not a close code number");
        assert_eq!(numbered("going away"), None);
    }
}
