//! Finding codes: by number across every family, by name, or by words from
//! their texts, in one language. The API and the `/search` page both call
//! [`search`], so they always agree.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use utoipa::{IntoParams, ToSchema};

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

/// Why a code matched, best first: results are ranked in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The query is the code's number.
    Code,
    /// The query's digits start the code's number (`100` finds 1000–1009).
    CodePrefix,
    /// Every word of the query is in the code's name (translated or official).
    Name,
    /// Every word of the query is somewhere in the code's texts.
    Text,
}

pub struct Hit<'a> {
    pub code: &'a Code,
    pub matched: MatchKind,
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

/// The words of a query: letters and digits, folded, empty ones dropped.
fn words(query: &str) -> Vec<String> {
    fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

fn contains_all(haystack: &str, words: &[String]) -> bool {
    words.iter().all(|word| haystack.contains(word.as_str()))
}

fn match_kind(code: &Code, query: &str, words: &[String]) -> Option<MatchKind> {
    let digits = query.trim();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return if digits
            .parse::<u64>()
            .is_ok_and(|n| n == u64::from(code.code))
        {
            Some(MatchKind::Code)
        } else if code.code.to_string().starts_with(digits) {
            Some(MatchKind::CodePrefix)
        } else {
            None
        };
    }
    if words.is_empty() {
        return None;
    }
    let name = fold(&format!("{} {}", code.name, code.official_name));
    if contains_all(&name, words) {
        return Some(MatchKind::Name);
    }
    let mut texts = fold(
        &[
            code.summary.as_str(),
            &code.description,
            &code.when,
            &code.fix,
            &code.use_when,
            &code.reconnect.detail,
            &code.family,
        ]
        .join(" "),
    );
    for mistake in &code.mistakes {
        texts.push(' ');
        texts.push_str(&fold(&mistake.text));
    }
    contains_all(&texts, words).then_some(MatchKind::Text)
}

/// Every code of the edition (or of `family`) that matches the query and the
/// filters, best match first, then in the order of families and numbers.
pub fn search<'a>(
    edition: &'a Edition,
    query: &str,
    family: Option<&str>,
    filters: &CodeFilters,
) -> Vec<Hit<'a>> {
    let words = words(query);
    let mut hits: Vec<Hit> = edition
        .families
        .iter()
        .filter(|f| family.is_none_or(|slug| f.slug == slug))
        .flat_map(|f| &f.codes)
        .filter(|code| filters.matches(code))
        .filter_map(|code| match_kind(code, query, &words).map(|matched| Hit { code, matched }))
        .collect();
    // A stable sort keeps the dataset's order within each kind of match.
    hits.sort_by_key(|hit| hit.matched);
    hits
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
}
