//! The checks every surface makes on what a request names: a language, a
//! family, a close code, a search query, a pasted text. One function each, so
//! the API, the pages and the embeds refuse the same things the same way.

use serde::Deserialize;
use utoipa::IntoParams;

use super::Problem;
use super::problem::ProblemType;
use crate::dataset::explain::MAX_TEXT_CHARS;
use crate::dataset::rfc6455;
use crate::dataset::{Dataset, Edition, Family};

/// Longer queries are not searches; they are refused before any work.
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    /// The language of the texts: `en` (the default) or `vi`.
    #[param(example = "vi")]
    pub lang: Option<String>,
}

/// The edition in `lang` (the source language when `None`), or a problem
/// naming the supported languages.
pub fn edition_for<'a>(dataset: &'a Dataset, lang: Option<&str>) -> Result<&'a Edition, Problem> {
    match lang {
        None => Ok(dataset.source()),
        Some(lang) => dataset.edition(lang).ok_or_else(|| {
            Problem::new(
                ProblemType::UnknownLanguage,
                format!(
                    "unknown language \"{lang}\"; supported: {}",
                    dataset.language_codes().join(", ")
                ),
            )
        }),
    }
}

pub fn find_family<'a>(edition: &'a Edition, slug: &str) -> Result<&'a Family, Problem> {
    edition.family(slug).ok_or_else(|| {
        let known: Vec<&str> = edition.families.iter().map(|f| f.slug.as_str()).collect();
        Problem::not_found(format!(
            "no family \"{slug}\"; families: {}",
            known.join(", ")
        ))
    })
}

/// Close codes are 16-bit: anything else is not a code at all (400), as
/// opposed to a code this family does not define (404).
pub fn parse_number(text: &str) -> Result<u16, Problem> {
    rfc6455::parse_code(text).ok_or_else(|| {
        Problem::new(
            ProblemType::NotACloseCode,
            format!(
                "\"{text}\" is not a close code: expected an integer from 0 to 65535, without leading zeros"
            ),
        )
    })
}

/// What explain may read: some text, not more than a paste.
pub fn checked_text(text: &str) -> Result<&str, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::new(
            ProblemType::InvalidParameter,
            "the parameter `text` is empty: paste a log line, an error or a close event",
        ));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(Problem::new(
            ProblemType::InvalidParameter,
            format!(
                "the parameter `text` is longer than {MAX_TEXT_CHARS} characters: paste the lines around the close"
            ),
        ));
    }
    Ok(text)
}

/// What a search may look for: some text, not too much of it.
pub fn checked_query(text: &str) -> Result<&str, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::new(
            ProblemType::InvalidParameter,
            "the query `q` is empty: give a number, a name or some words",
        ));
    }
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(Problem::new(
            ProblemType::InvalidParameter,
            format!("the query `q` is longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_decimal_16_bit_numbers_are_codes() {
        assert_eq!(parse_number("1009").unwrap(), 1009);
        assert_eq!(parse_number("0").unwrap(), 0);
        assert_eq!(parse_number("65535").unwrap(), 65535);
        for bad in [
            "65536", "-1", "+5", "abc", "", "10.5", " 1000", "01009", "00",
        ] {
            assert!(parse_number(bad).is_err(), "{bad}");
        }
    }
}
