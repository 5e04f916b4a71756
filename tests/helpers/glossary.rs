//! The Vietnamese glossary (`tests/fixtures/glossary-vi.json`) and the check
//! of a Vietnamese document against it: no rejected rendering, and an
//! English gloss at most once per page. Used on the data files
//! (`tests/data/translations.rs`) and on what the server writes in
//! Vietnamese at run time (the lab's reports).

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use serde_json::Value;

use super::repo_path;

const GLOSSARY: &str = "tests/fixtures/glossary-vi.json";

/// One glossary entry: the rendering the Vietnamese edition uses for an
/// English term, and the renderings it must not use.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub english: String,
    pub vietnamese: String,
    /// Found anywhere in a Vietnamese text (ignoring case), each of these is
    /// a mistake, unless it sits inside one of `allowed_in`.
    pub rejected: Vec<String>,
    /// Phrases in which a rejected string is fine ("mã hóa đầu cuối" is
    /// end-to-end encryption, not an endpoint).
    #[serde(default)]
    pub allowed_in: Vec<String>,
    /// The parenthesised English gloss, such as "(rate limit)", that may
    /// follow the rendering at most once per page.
    #[serde(default)]
    pub gloss: Option<String>,
    pub note: String,
}

pub fn glossary() -> Vec<Term> {
    let text = std::fs::read_to_string(repo_path(GLOSSARY)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{GLOSSARY}: {error}"))
}

/// Every string of a JSON document with its path: `codes.1009.mistakes[1]`.
pub fn strings<'a>(value: &'a Value, path: &str, found: &mut Vec<(String, &'a str)>) {
    match value {
        Value::String(text) => found.push((path.to_owned(), text)),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                strings(item, &format!("{path}[{index}]"), found);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                strings(item, &path, found);
            }
        }
        _ => {}
    }
}

/// Where `needle` occurs in `haystack`, both lowercased already.
fn occurrences(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    haystack
        .match_indices(needle)
        .map(|(start, _)| start..start + needle.len())
        .collect()
}

/// The rejected strings of a term that a text uses, ignoring case and the
/// phrases the term allows them in.
fn rejected_uses<'g>(text: &str, term: &'g Term) -> Vec<&'g str> {
    let text = text.to_lowercase();
    let allowed: Vec<Range<usize>> = term
        .allowed_in
        .iter()
        .flat_map(|phrase| occurrences(&text, &phrase.to_lowercase()))
        .collect();
    let outside_allowed = |found: &Range<usize>| {
        !allowed
            .iter()
            .any(|phrase| phrase.start <= found.start && found.end <= phrase.end)
    };
    term.rejected
        .iter()
        .filter(|rejected| {
            occurrences(&text, &rejected.to_lowercase())
                .iter()
                .any(outside_allowed)
        })
        .map(String::as_str)
        .collect()
}

/// Every rejected rendering a text uses, with its term.
pub fn rejected_in<'g>(text: &str, glossary: &'g [Term]) -> Vec<(&'g Term, &'g str)> {
    glossary
        .iter()
        .flat_map(|term| {
            rejected_uses(text, term)
                .into_iter()
                .map(move |rejected| (term, rejected))
        })
        .collect()
}

/// The page a text is shown on, for glosses: a code's texts together, a
/// family's own texts together, and each comparison, range or UI group.
fn page(path: &str) -> String {
    let mut segments = path.split(['.', '[']);
    let first = segments.next().unwrap_or_default();
    match (first, segments.next()) {
        ("codes", Some(code)) => format!("codes.{code}"),
        _ => first.to_owned(),
    }
}

/// Everything one Vietnamese file does against the glossary.
pub fn glossary_problems(file: &str, document: &Value, glossary: &[Term]) -> Vec<String> {
    let mut found = Vec::new();
    strings(document, "", &mut found);
    let mut wrong = Vec::new();
    let mut glosses: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for (path, text) in &found {
        for (term, rejected) in rejected_in(text, glossary) {
            wrong.push(format!(
                "{file}: {path}: \"{rejected}\" is rejected; the glossary says \"{}\" for \"{}\"",
                term.vietnamese, term.english
            ));
        }
        for term in glossary {
            if let Some(gloss) = &term.gloss {
                *glosses.entry((page(path), gloss)).or_default() +=
                    text.matches(gloss.as_str()).count();
            }
        }
    }
    for ((page, gloss), count) in glosses {
        if count > 1 {
            wrong.push(format!(
                "{file}: {page}: the gloss {gloss} appears {count} times; gloss a term once per page"
            ));
        }
    }
    wrong
}
