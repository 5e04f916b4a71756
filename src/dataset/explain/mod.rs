//! The explain engine: reads a pasted log line, exception or console dump and
//! answers which code of which family it is about, best first, with the
//! evidence for each. Pure and linear in the text: one pass of an automaton
//! over everything the dataset knows (libraries' messages, families' signals),
//! one pass over the numbers, then a little arithmetic per candidate.

mod durations;
mod knowledge;
mod numbers;
mod text;

use std::collections::HashMap;

use serde::Serialize;
use utoipa::ToSchema;

pub use knowledge::{Knowledge, Library, Message, literal_length, placeholders};
pub use numbers::Role;

use super::files::{MessageMeaning, Reference, SignalKind};
use super::model::{Code, Dataset, Edition};
use super::rfc6455::{self, CodeRange};
use super::search::{self, CodeFilters};
use super::ui::ExplainLabels;
use knowledge::{FamilySignal, Found};
use numbers::ReadNumber;
use text::Folded;

/// Longer texts are refused by the surfaces: a paste, not a log file.
pub const MAX_TEXT_CHARS: usize = 4000;

/// How much of the text around a number is quoted as its context.
const CONTEXT_MARGIN: usize = 24;

/// At most this many candidates: past them the answer is noise.
const MAX_CANDIDATES: usize = 8;

/// A short text that names no code may still be a code's name, with typos.
const MAX_WORDS_FOR_SEARCH: usize = 8;

#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub observed: Observed,
    /// Best first.
    pub candidates: Vec<Candidate>,
    /// Proxies and platforms whose documented limit is a duration the text
    /// gives (`closed after 60s`): what may have closed the connection.
    pub platforms: Vec<PlatformHint>,
}

/// A platform whose idle timeout or longest connection matches a duration
/// in the text.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PlatformHint {
    #[schema(example = "nginx")]
    pub slug: String,
    #[schema(example = "nginx")]
    pub name: String,
    pub limit: PlatformLimit,
    /// The documented limit, in seconds.
    #[schema(example = 60)]
    pub seconds: u32,
    /// The duration as the text gives it, in whole seconds.
    #[schema(example = 60)]
    pub written: u32,
}

/// Which of a platform's limits the duration matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlatformLimit {
    IdleTimeout,
    MaxConnection,
}

/// How far a written duration may be from a limit and still match it: logs
/// print the time measured, a little past the limit.
fn matches_limit(written: u32, limit: u32) -> bool {
    written.abs_diff(limit) <= (limit / 20).max(2)
}

/// The platforms whose limits match a duration in the text, in the
/// platforms' order.
fn platform_hints(edition: &Edition, text: &str) -> Vec<PlatformHint> {
    let written = durations::read(text);
    let mut hints = Vec::new();
    for platform in &edition.platforms {
        let limits = [
            (PlatformLimit::IdleTimeout, platform.idle_timeout_seconds),
            (
                PlatformLimit::MaxConnection,
                platform.max_connection_seconds,
            ),
        ];
        let hint = limits.into_iter().find_map(|(limit, seconds)| {
            let seconds = seconds?;
            let written = *written.iter().find(|w| matches_limit(**w, seconds))?;
            Some(PlatformHint {
                slug: platform.slug.clone(),
                name: platform.name.clone(),
                limit,
                seconds,
                written,
            })
        });
        hints.extend(hint);
    }
    hints
}

/// What was read in the text, before any judgement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct Observed {
    /// Every number read as a possible close code, in the order written.
    pub codes: Vec<ObservedCode>,
    /// A close reason, where the text labels one (`reason=…`, `"reason": "…"`).
    pub reason: Option<String>,
    /// Libraries named in the text or recognised by their messages.
    pub libraries: Vec<LibraryMention>,
    /// Families the text points at (names, hosts, subprotocols, reasons), strongest first.
    pub families: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ObservedCode {
    #[schema(example = 1006)]
    pub code: u16,
    /// The words around it, as pasted.
    #[schema(example = "close 1006 (abnormal closure)")]
    pub context: String,
    /// Who sent it, where the text says.
    pub role: Option<Role>,
    /// Its RFC 6455 §7.4.2 range.
    pub range: CodeRange,
    /// The families that define this number.
    pub defined_by: Vec<String>,
    /// True where a library refused the number as a close code.
    pub refused: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct LibraryMention {
    #[schema(example = "gorilla-websocket")]
    pub slug: String,
    #[schema(example = "gorilla/websocket")]
    pub name: String,
    #[schema(example = "Go")]
    pub language: String,
    pub url: String,
}

/// One code the text may be about. Surfaces show it with its entry and its
/// evidence in their language ([`Explanation::localized`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub family: String,
    pub code: u16,
    /// 0 to 1.
    pub confidence: f32,
    pub evidence: Vec<Evidence>,
    /// Where its first evidence is in the text, to order equal candidates.
    first_at: usize,
}

/// One reason to believe a candidate.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// What in the pasted text this rests on, quoted.
    pub matched: Option<String>,
    /// The library whose message or name it is.
    pub library: Option<String>,
    /// The family a signal points at.
    pub family: Option<String>,
    /// Where the fact comes from: the library's source, the family's docs.
    pub source: Option<Reference>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// The number, in words that make it a close code (`code = 1006`).
    CloseCode,
    /// A bare number in the range of close codes.
    Number,
    /// A library's message that prints the code.
    LibraryMessage,
    /// A library's message that means the code without printing it.
    ImpliedByMessage,
    /// A library refused the number as a close code.
    RefusedCode,
    /// A close reason the family's source defines for the code.
    Reason,
    /// A name, host or subprotocol of the family.
    FamilyContext,
    /// Nothing points at a family: the standard meaning comes first.
    StandardFirst,
    /// Another family also defines the number, and nothing points at this one.
    OtherFamily,
    /// 1000 is a normal closure: the other code is the cause.
    NormalClosureBesideAnother,
    /// Words of the text match the code's name or texts.
    Words,
}

/// One family's weight in the text, and what gave it.
#[derive(Default)]
struct FamilyWeight {
    weight: f32,
    evidence: Vec<Evidence>,
    first_at: usize,
}

/// Candidates under construction, keyed by (family, code).
#[derive(Default)]
struct Tally {
    candidates: HashMap<(String, u16), Candidate>,
}

impl Tally {
    fn add(
        &mut self,
        family: &str,
        code: u16,
        confidence: f32,
        at: usize,
        evidence: Vec<Evidence>,
    ) {
        let candidate = self
            .candidates
            .entry((family.to_owned(), code))
            .or_insert_with(|| Candidate {
                family: family.to_owned(),
                code,
                confidence: 0.0,
                evidence: Vec::new(),
                first_at: at,
            });
        // Each further reason adds a little; the best one sets the level.
        let (high, low) = if confidence > candidate.confidence {
            (confidence, candidate.confidence)
        } else {
            (candidate.confidence, confidence)
        };
        let before = candidate.evidence.len();
        // One piece of the text is quoted once, as its strongest reading.
        for item in evidence {
            let quoted =
                |known: &Evidence| known.matched.is_some() && known.matched == item.matched;
            if !candidate
                .evidence
                .iter()
                .any(|known| *known == item || quoted(known))
            {
                candidate.evidence.push(item);
            }
        }
        // The same reason read again (a line pasted twice) adds nothing.
        let again = candidate.evidence.len() == before && candidate.confidence > 0.0;
        candidate.confidence = if again {
            high
        } else {
            (high + low * 0.1).min(0.99)
        };
        candidate.first_at = candidate.first_at.min(at);
    }
}

/// Explains `text` against the dataset. `edition` is the language of the
/// words a short text may be searched for; the answer is otherwise the same in
/// every language.
pub fn explain(dataset: &Dataset, edition: &Edition, text: &str) -> Explanation {
    let folded = Folded::new(text);
    let (found, spans) = dataset.knowledge.find(&folded);
    let mut observed = Observed {
        reason: reason_in(&folded),
        ..Observed::default()
    };
    let mut weights: HashMap<&str, FamilyWeight> = HashMap::new();
    let mut tally = Tally::default();
    let mut numbers = numbers::read(&folded.text);
    let mut refused: Vec<u16> = Vec::new();
    // Numbers messages printed as codes, and refused numbers that are not
    // the answer: applied to `numbers` once, after every message is read.
    let mut confirmed: Vec<ReadNumber> = Vec::new();
    let mut not_answers: Vec<u16> = Vec::new();

    for item in &found {
        match item {
            Found::LibraryName {
                library,
                start,
                end,
            } => {
                mention(&mut observed, library);
                let evidence = Evidence {
                    kind: EvidenceKind::FamilyContext,
                    matched: Some(folded.excerpt(*start, *end).to_owned()),
                    library: Some(library.name.clone()),
                    family: Some(library.family.clone()),
                    source: Some(Reference {
                        title: library.name.clone(),
                        url: library.url.clone(),
                    }),
                };
                weigh(&mut weights, &library.family, 0.5, *start, evidence);
            }
            Found::Signal { signal, start, end } => {
                let matched = folded.excerpt(*start, *end).to_owned();
                let evidence = signal_evidence(signal, matched);
                if let (SignalKind::Reason, Some(code)) = (signal.kind, signal.code) {
                    tally.add(&signal.family, code, 0.7, *start, vec![evidence.clone()]);
                }
                let weight = match signal.kind {
                    SignalKind::Name => 0.5,
                    _ => 0.6,
                };
                weigh(&mut weights, &signal.family, weight, *start, evidence);
            }
            Found::Message {
                library,
                message,
                start,
                end,
                codes,
            } => {
                mention(&mut observed, library);
                let matched = folded.excerpt(*start, *end).to_owned();
                let evidence = |kind| Evidence {
                    kind,
                    matched: Some(matched.clone()),
                    library: Some(library.name.clone()),
                    family: None,
                    source: Some(message.source.clone()),
                };
                let context = Evidence {
                    family: Some(message.family.clone()),
                    ..evidence(EvidenceKind::FamilyContext)
                };
                weigh(&mut weights, &message.family, 0.4, *start, context);
                match (message.meaning, message.code, codes.first()) {
                    (MessageMeaning::Close, None, Some(_)) => {
                        for (index, (code, code_start, code_end, role)) in codes.iter().enumerate()
                        {
                            // The first code a message prints is the one it is about.
                            let score = if index == 0 { 0.92 } else { 0.8 };
                            confirmed.push(printed(*code, *code_start, *code_end, score, *role));
                        }
                        let (code, ..) = codes[0];
                        for family in families_defining(edition, code, &message.family) {
                            tally.add(
                                family,
                                code,
                                0.0,
                                *start,
                                vec![evidence(EvidenceKind::LibraryMessage)],
                            );
                        }
                    }
                    (MessageMeaning::Close, Some(code), _) => tally.add(
                        &message.family,
                        code,
                        0.78,
                        *start,
                        vec![evidence(EvidenceKind::ImpliedByMessage)],
                    ),
                    (MessageMeaning::InvalidCode, implied, Some((tried, ..))) => {
                        refused.push(*tried);
                        let answer = implied.unwrap_or(*tried);
                        if family_has(edition, &message.family, answer) {
                            tally.add(
                                &message.family,
                                answer,
                                0.9,
                                *start,
                                vec![evidence(EvidenceKind::RefusedCode)],
                            );
                        }
                        let (_, tried_start, tried_end, _) = codes[0];
                        if implied.is_some() {
                            // The refused number is not itself the answer.
                            if !not_answers.contains(tried) {
                                not_answers.push(*tried);
                                observed.codes.push(observe(
                                    &folded,
                                    edition,
                                    *tried,
                                    tried_start,
                                    tried_end,
                                    None,
                                    true,
                                ));
                            }
                        } else {
                            // The number tried is the answer, read as a code
                            // whatever its words (`[1000,5000): 999`).
                            confirmed.push(printed(*tried, tried_start, tried_end, 0.8, None));
                        }
                    }
                    (MessageMeaning::InvalidCode, Some(code), None) => tally.add(
                        &message.family,
                        code,
                        0.8,
                        *start,
                        vec![evidence(EvidenceKind::RefusedCode)],
                    ),
                    (MessageMeaning::Close | MessageMeaning::InvalidCode, None, None) => {}
                }
            }
        }
    }

    confirm(&mut numbers, confirmed);
    numbers.retain(|number| !not_answers.contains(&number.value));
    // Numbers a message prints as its own words (`between 3000 and 4999`) are not codes.
    numbers.retain(|number| !spans.holds_words(number.start));
    let numbers = dedupe(numbers);
    let another_code = numbers
        .iter()
        .any(|number| number.value != 1000 && !edition.entries_numbered(number.value).is_empty());
    for (index, number) in numbers.iter().enumerate() {
        observed.codes.push(observe(
            &folded,
            edition,
            number.value,
            number.start,
            number.end,
            number.role,
            refused.contains(&number.value),
        ));
        let defining = defined_by(edition, number.value);
        let strongest = defining
            .iter()
            .filter_map(|family| weights.get(family).map(|w| w.weight))
            .fold(0.0f32, f32::max);
        let context = folded.context(number.start, number.end, CONTEXT_MARGIN);
        let number_evidence = Evidence {
            kind: if number.in_close_context {
                EvidenceKind::CloseCode
            } else {
                EvidenceKind::Number
            },
            matched: Some(context.to_owned()),
            library: None,
            family: None,
            source: None,
        };
        // The first code written is usually the cause; a later one its echo.
        let mut score = number.score + if index == 0 { 0.03 } else { 0.0 };
        let mut cause = Vec::new();
        if number.value == 1000 && another_code {
            score -= 0.45;
            cause.push(bare(EvidenceKind::NormalClosureBesideAnother));
        }
        for family in &defining {
            let weight = weights.get(family).map_or(0.0, |w| w.weight);
            let (factor, mut evidence) = if weight > 0.0 {
                (1.0, weights[family].evidence.clone())
            } else if strongest > 0.0 {
                (0.45, vec![bare(EvidenceKind::OtherFamily)])
            } else if defining.len() == 1 {
                (0.95, Vec::new())
            } else if *family == super::STANDARD_FAMILY {
                (0.95, vec![bare(EvidenceKind::StandardFirst)])
            } else {
                (0.6, vec![bare(EvidenceKind::OtherFamily)])
            };
            evidence.retain(|item| item.matched != number_evidence.matched);
            evidence.insert(0, number_evidence.clone());
            evidence.extend(cause.iter().cloned());
            tally.add(
                family,
                number.value,
                (score * factor).max(0.05),
                number.start,
                evidence,
            );
        }
    }

    // Family context also lifts what messages implied in that family; a
    // message already quoted as evidence is not quoted again as context.
    for candidate in tally.candidates.values_mut() {
        if let Some(weight) = weights.get(candidate.family.as_str()) {
            for item in &weight.evidence {
                if !candidate
                    .evidence
                    .iter()
                    .any(|known| known.matched == item.matched)
                {
                    candidate.evidence.push(item.clone());
                }
            }
        }
    }

    let mut families: Vec<(&str, &FamilyWeight)> = weights
        .iter()
        .map(|(family, weight)| (*family, weight))
        .collect();
    families.sort_by(|a, b| {
        b.1.weight
            .total_cmp(&a.1.weight)
            .then(a.1.first_at.cmp(&b.1.first_at))
    });
    observed.families = families
        .iter()
        .map(|(family, _)| (*family).to_owned())
        .collect();

    let family_order = |slug: &str| {
        edition
            .families
            .iter()
            .position(|family| family.slug == slug)
            .unwrap_or(usize::MAX)
    };
    let mut candidates: Vec<Candidate> = tally.candidates.into_values().collect();
    if candidates.is_empty() && observed.codes.is_empty() {
        candidates = by_words(edition, text);
    }
    for candidate in &mut candidates {
        candidate.confidence = (candidate.confidence * 100.0).round() / 100.0;
    }
    candidates.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(a.first_at.cmp(&b.first_at))
            .then(family_order(&a.family).cmp(&family_order(&b.family)))
            .then(a.code.cmp(&b.code))
    });
    candidates.truncate(MAX_CANDIDATES);
    Explanation {
        observed,
        candidates,
        platforms: platform_hints(edition, &folded.text),
    }
}

fn bare(kind: EvidenceKind) -> Evidence {
    Evidence {
        kind,
        matched: None,
        library: None,
        family: None,
        source: None,
    }
}

fn signal_evidence(signal: &FamilySignal, matched: String) -> Evidence {
    Evidence {
        kind: if signal.kind == SignalKind::Reason {
            EvidenceKind::Reason
        } else {
            EvidenceKind::FamilyContext
        },
        matched: Some(matched),
        library: None,
        family: Some(signal.family.clone()),
        source: Some(signal.reference.clone()),
    }
}

fn weigh<'a>(
    weights: &mut HashMap<&'a str, FamilyWeight>,
    family: &'a str,
    weight: f32,
    at: usize,
    evidence: Evidence,
) {
    let entry = weights.entry(family).or_insert_with(|| FamilyWeight {
        first_at: at,
        ..FamilyWeight::default()
    });
    if entry
        .evidence
        .iter()
        .any(|known| known.matched == evidence.matched)
    {
        return;
    }
    entry.weight += weight;
    entry.first_at = entry.first_at.min(at);
    entry.evidence.push(evidence);
}

fn mention(observed: &mut Observed, library: &Library) {
    if observed
        .libraries
        .iter()
        .all(|known| known.slug != library.slug)
    {
        observed.libraries.push(LibraryMention {
            slug: library.slug.clone(),
            name: library.name.clone(),
            language: library.language.clone(),
            url: library.url.clone(),
        });
    }
}

/// A number a message printed is a close code for sure, whatever its words.
fn printed(value: u16, start: usize, end: usize, score: f32, role: Option<Role>) -> ReadNumber {
    ReadNumber {
        value,
        start,
        end,
        score,
        in_close_context: true,
        role,
    }
}

/// Merges the numbers messages printed into `numbers` (ordered by where
/// they start): one sort, whatever the count of either.
fn confirm(numbers: &mut Vec<ReadNumber>, confirmed: Vec<ReadNumber>) {
    let mut new: Vec<ReadNumber> = Vec::new();
    for number in confirmed {
        match numbers.binary_search_by_key(&number.start, |known| known.start) {
            Ok(at) => {
                let known = &mut numbers[at];
                known.score = known.score.max(number.score);
                known.in_close_context = true;
                known.role = known.role.or(number.role);
            }
            Err(_) => new.push(number),
        }
    }
    if !new.is_empty() {
        numbers.extend(new);
        numbers.sort_by_key(|number| number.start);
        // Two messages may print the same number.
        numbers.dedup_by(|later, earlier| {
            if later.start != earlier.start {
                return false;
            }
            earlier.score = earlier.score.max(later.score);
            earlier.role = earlier.role.or(later.role);
            true
        });
    }
}

/// One entry per value, at its first place, with its best score.
fn dedupe(numbers: Vec<ReadNumber>) -> Vec<ReadNumber> {
    let mut kept: Vec<ReadNumber> = Vec::new();
    let mut index: HashMap<u16, usize> = HashMap::new();
    for number in numbers {
        match index.get(&number.value) {
            Some(&at) => {
                let known = &mut kept[at];
                known.score = known.score.max(number.score);
                known.in_close_context |= number.in_close_context;
                known.role = known.role.or(number.role);
            }
            None => {
                index.insert(number.value, kept.len());
                kept.push(number);
            }
        }
    }
    kept
}

fn family_has(edition: &Edition, family: &str, code: u16) -> bool {
    edition
        .family(family)
        .is_some_and(|f| f.code(code).is_some())
}

/// The families a message's code belongs to: its own family where it defines
/// the code, else every family that does.
fn families_defining<'e>(edition: &'e Edition, code: u16, preferred: &'e str) -> Vec<&'e str> {
    if family_has(edition, preferred, code) {
        return vec![preferred];
    }
    defined_by(edition, code)
}

/// Every family that defines `code`, in the edition's order.
fn defined_by(edition: &Edition, code: u16) -> Vec<&str> {
    edition
        .entries_numbered(code)
        .into_iter()
        .map(|entry| entry.family.as_str())
        .collect()
}

fn observe(
    folded: &Folded,
    edition: &Edition,
    code: u16,
    start: usize,
    end: usize,
    role: Option<Role>,
    refused: bool,
) -> ObservedCode {
    ObservedCode {
        code,
        context: folded.context(start, end, CONTEXT_MARGIN).to_owned(),
        role,
        range: CodeRange::of(code),
        defined_by: defined_by(edition, code)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        refused,
    }
}

/// `reason=…`, `reason: '…'`, `"reason": "…"`, `reason [..]`: the close
/// reason, as pasted.
fn reason_in(folded: &Folded) -> Option<String> {
    let text = folded.text.as_str();
    let at = text.find("reason")?;
    let rest = &text[at + "reason".len()..];
    let value_start = rest
        .find(|c: char| !matches!(c, ' ' | '"' | '\'' | '=' | ':' | '['))
        .filter(|&skipped| skipped > 0 && rest[..skipped].contains(['=', ':', '[']))?;
    let from = at + "reason".len() + value_start;
    let value = &text[from..];
    let length = value
        .find(['"', '\'', ']', ',', '}', ')'])
        .unwrap_or(value.len())
        .min(123);
    let mut to = from + length;
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let reason = folded.excerpt(from, to);
    (!reason.is_empty()).then(|| reason.to_owned())
}

/// A few words with no number and nothing recognised (`going awy`): the codes
/// whose name they match, as search ranks them, typos forgiven.
fn by_words(edition: &Edition, text: &str) -> Vec<Candidate> {
    let words = text.split_whitespace().count();
    if words == 0 || words > MAX_WORDS_FOR_SEARCH || text.contains(|c: char| c.is_ascii_digit()) {
        return Vec::new();
    }
    search::search(edition, text, None, &CodeFilters::default())
        .into_iter()
        .filter(|hit| hit.matched == search::MatchKind::Name)
        .take(3)
        .enumerate()
        .map(|(rank, hit)| Candidate {
            family: hit.code.family.clone(),
            code: hit.code.code,
            confidence: 0.3 - 0.05 * rank as f32,
            evidence: vec![Evidence {
                matched: Some(text.trim().to_owned()),
                ..bare(EvidenceKind::Words)
            }],
            first_at: rank,
        })
        .collect()
}

/// A candidate read in one language: its entry, and its evidence as sentences.
pub struct Localized<'e> {
    pub candidate: &'e Candidate,
    pub entry: &'e Code,
    pub evidence: Vec<String>,
}

impl Explanation {
    /// The candidates with their entries in `edition`'s language. The
    /// explanation was made from the same dataset, so every entry exists.
    pub fn localized<'e>(&'e self, edition: &'e Edition) -> Vec<Localized<'e>> {
        self.candidates
            .iter()
            .filter_map(|candidate| {
                let family = edition.family(&candidate.family)?;
                let entry = family.code(candidate.code)?;
                let evidence = candidate
                    .evidence
                    .iter()
                    .map(|item| {
                        let named = item
                            .family
                            .as_deref()
                            .and_then(|slug| edition.family(slug))
                            .unwrap_or(family);
                        item.describe(&edition.ui.explain, candidate.code, &named.name)
                    })
                    .collect();
                Some(Localized {
                    candidate,
                    entry,
                    evidence,
                })
            })
            .collect()
    }
}

impl Evidence {
    /// The evidence as one sentence in the labels' language, about `code`.
    pub fn describe(&self, labels: &ExplainLabels, code: u16, family_name: &str) -> String {
        let template = labels.evidence(self.kind);
        let rule = if !rfc6455::may_appear_in_close_frame(code) {
            &labels.rule_never_on_the_wire
        } else if !rfc6455::browser_can_send(code) {
            &labels.rule_browser
        } else {
            &labels.rule_none
        };
        template
            // Pasted backticks would read as the data's inline-code marks.
            .replace(
                "{matched}",
                &self.matched.as_deref().unwrap_or("").replace('`', "'"),
            )
            .replace("{library}", self.library.as_deref().unwrap_or(""))
            .replace("{family}", family_name)
            .replace("{code}", &code.to_string())
            .replace("{rule}", rule)
    }
}

#[cfg(test)]
mod tests;
