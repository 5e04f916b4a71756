//! The on-disk format of the dataset, exactly as the JSON files spell it.
//! Unknown keys are errors, so a typo in a data file never goes unnoticed.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `meta.json`: facts about the dataset as a whole.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaFile {
    pub version: String,
}

/// One entry of `ranges.json`: the text for one RFC 6455 §7.4.2 range.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeText {
    pub id: String,
    pub name: String,
    pub description: String,
    pub references: Vec<Reference>,
}

/// `families/{slug}.json`: one family of close codes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyFile {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub source: Reference,
    pub source_version: String,
    pub allowed_ranges: Vec<String>,
    pub codes: Vec<CodeEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeEntry {
    /// Wider than `u16` so that an out-of-range number is reported as such,
    /// not as a JSON type error.
    pub code: u32,
    pub name: String,
    pub registry_entry: Option<String>,
    pub summary: String,
    pub description: String,
    pub when: String,
    pub fix: String,
    pub use_when: String,
    pub sender: Sender,
    pub on_the_wire: bool,
    pub reconnect: Reconnect,
    pub references: Vec<Reference>,
    pub related: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    #[schema(example = "RFC 6455 §7.4.1 Defined Status Codes")]
    pub title: String,
    #[schema(example = "https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1")]
    pub url: String,
}

/// Who puts the code in a Close frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Sender {
    /// Either endpoint may send it.
    Either,
    Server,
    Client,
    /// Reserved: nobody sends it.
    None,
    /// Never sent: an endpoint reports it about its own connection.
    Local,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reconnect {
    pub advice: ReconnectAdvice,
    /// How to reconnect, or what to change first.
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReconnectAdvice {
    Yes,
    /// Reconnecting unchanged repeats the failure: fix something first.
    AfterFix,
    No,
    Depends,
}

impl ReconnectAdvice {
    /// The value as the data files and the API spell it.
    pub fn id(self) -> &'static str {
        match self {
            ReconnectAdvice::Yes => "yes",
            ReconnectAdvice::AfterFix => "after-fix",
            ReconnectAdvice::No => "no",
            ReconnectAdvice::Depends => "depends",
        }
    }
}
