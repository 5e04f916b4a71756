//! The on-disk format of the dataset, exactly as the JSON files spell it.
//! Unknown keys are errors, so a typo in a data file never goes unnoticed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `meta.json`: facts about the dataset as a whole.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaFile {
    pub version: String,
    /// When this version of the dataset was last checked against its sources (YYYY-MM-DD).
    pub date: String,
}

/// One entry of `ranges.json`: the text for one RFC 6455 §7.4.2 range.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeText {
    pub id: String,
    pub name: String,
    pub description: String,
    pub references: Vec<Reference>,
}

/// `families/{slug}.json`: one family of close codes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyFile {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub source: Reference,
    pub source_version: String,
    pub allowed_ranges: Vec<String>,
    /// How the family's codes relate to the RFC 6455 ranges.
    pub ranges_note: String,
    /// What in a pasted text points at this family, for the explain engine.
    #[serde(default)]
    pub signals: Vec<Signal>,
    pub codes: Vec<CodeEntry>,
}

/// Something in a pasted text that says it is about one family: a library
/// or product name, a host, a subprotocol, or a close reason its source defines.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    pub kind: SignalKind,
    pub text: String,
    /// The code a `reason` stands for; the other kinds name no code.
    pub code: Option<u32>,
    pub reference: Reference,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SignalKind {
    Name,
    Host,
    Subprotocol,
    Reason,
}

/// `libraries/{slug}.json`: what one WebSocket library prints about closes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryFile {
    pub slug: String,
    pub name: String,
    /// The programming language, e.g. `Go`.
    pub language: String,
    pub url: String,
    /// The family its messages are about, unless a message says otherwise.
    pub family: String,
    /// Strings that name the library in a pasted text (package, module, class).
    pub names: Vec<String>,
    pub messages: Vec<MessageEntry>,
}

/// One message a library prints, as its source prints it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageEntry {
    /// The text, with `{code}` where a close code is printed and `{text}` for
    /// anything else that varies.
    pub pattern: String,
    /// The code the message means; without it, the number at `{code}`.
    pub code: Option<u32>,
    /// Overrides the library's family for this message.
    pub family: Option<String>,
    #[serde(default)]
    pub meaning: MessageMeaning,
    /// The RFC 6455 ranges of the codes a format prints, where it prints
    /// only some (tungstenite's `Iana(…)` is 3000-3999); empty for any.
    #[serde(default)]
    pub ranges: Vec<String>,
    pub source: Reference,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MessageMeaning {
    /// The connection closed with the code.
    #[default]
    Close,
    /// The library refused the number at `{code}` as a close code.
    InvalidCode,
}

#[derive(Debug, Clone, Deserialize)]
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
    #[serde(default)]
    pub snippets: Vec<Snippet>,
    #[serde(default)]
    pub mistakes: Vec<Mistake>,
}

/// `comparisons/{family}.json`: hand-written guidance for a pair people confuse.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedComparison {
    pub a: u32,
    pub b: u32,
    pub when_to_use_which: String,
    pub references: Vec<Reference>,
}

/// `translations/{lang}/families/{slug}.json`: a family's texts in another
/// language. Facts, references and snippets are not translated.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyTranslation {
    pub description: String,
    pub ranges_note: String,
    pub source_version: String,
    /// Keyed by the code's number.
    pub codes: BTreeMap<String, CodeTranslation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeTranslation {
    pub name: String,
    pub summary: String,
    pub description: String,
    pub when: String,
    pub fix: String,
    pub use_when: String,
    pub reconnect_detail: String,
    /// The texts of the code's mistakes, in the source's order.
    #[serde(default)]
    pub mistakes: Vec<String>,
}

/// One entry of `translations/{lang}/ranges.json`, keyed by the range's id.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeTranslation {
    pub name: String,
    pub description: String,
}

/// `translations/{lang}/comparisons/{family}.json`: "When to use which" keyed
/// by `{a}-{b}`.
pub type ComparisonTranslations = BTreeMap<String, String>;

/// How a code surfaces in one language's WebSocket library, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Snippet {
    pub language: SnippetLanguage,
    /// The library the snippet uses.
    #[schema(example = "ws")]
    pub library: String,
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SnippetLanguage {
    /// Browser JavaScript (`WebSocket`, `CloseEvent`).
    Javascript,
    Nodejs,
    Python,
    Go,
    Rust,
}

impl SnippetLanguage {
    pub const ALL: [SnippetLanguage; 5] = [
        SnippetLanguage::Javascript,
        SnippetLanguage::Nodejs,
        SnippetLanguage::Python,
        SnippetLanguage::Go,
        SnippetLanguage::Rust,
    ];

    /// The name shown on pages.
    pub fn label(self) -> &'static str {
        match self {
            SnippetLanguage::Javascript => "JavaScript",
            SnippetLanguage::Nodejs => "Node.js",
            SnippetLanguage::Python => "Python",
            SnippetLanguage::Go => "Go",
            SnippetLanguage::Rust => "Rust",
        }
    }

    /// The identifier as data files and the API spell it.
    pub fn id(self) -> &'static str {
        match self {
            SnippetLanguage::Javascript => "javascript",
            SnippetLanguage::Nodejs => "nodejs",
            SnippetLanguage::Python => "python",
            SnippetLanguage::Go => "go",
            SnippetLanguage::Rust => "rust",
        }
    }

    /// The language name that Markdown fences and highlighters (`language-*`) use.
    pub fn syntax(self) -> &'static str {
        match self {
            SnippetLanguage::Javascript | SnippetLanguage::Nodejs => "javascript",
            other => other.id(),
        }
    }
}

/// A mistake people are seen making with a code, with where they were seen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Mistake {
    pub text: String,
    pub references: Vec<Reference>,
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
    /// Our advice.
    pub advice: ReconnectAdvice,
    /// How to reconnect, or what to change first.
    pub detail: String,
    /// What the family's own source says about reconnecting after this code:
    /// `null` where it is silent. Facts, not advice: Discord's Reconnect
    /// column, Pusher's ranges, the graphql-ws client's retry rule.
    #[serde(default)]
    pub source_says: Option<SourceSays>,
    /// Where the source says it; present exactly when `source_says` is.
    #[serde(default)]
    pub source_reference: Option<Reference>,
}

/// Whether a source says to reconnect after a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceSays {
    Yes,
    No,
}

impl SourceSays {
    /// The value as the data files and the API spell it.
    pub fn id(self) -> &'static str {
        match self {
            SourceSays::Yes => "yes",
            SourceSays::No => "no",
        }
    }
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

/// `platforms.json`: the proxies, load balancers and platforms that close
/// idle WebSocket connections, behind most 1006s.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformsFile {
    pub platforms: Vec<Platform>,
}

/// One proxy or platform and its documented limits on a WebSocket connection.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    #[schema(example = "nginx")]
    pub slug: String,
    #[schema(example = "nginx")]
    pub name: String,
    pub kind: PlatformKind,
    /// The documented default idle timeout, in seconds; `null` where the
    /// documentation gives none (`idle_timeout_note` says what it says instead).
    #[schema(example = 60)]
    pub idle_timeout_seconds: Option<u32>,
    pub idle_timeout_note: Option<String>,
    /// The longest a connection may last, idle or not, where documented.
    pub max_connection_seconds: Option<u32>,
    pub max_connection_note: Option<String>,
    /// The setting that changes the timeout.
    #[schema(example = "proxy_read_timeout")]
    pub setting: String,
    /// The close codes a client then sees, usually 1006.
    #[schema(example = json!([1006]))]
    pub client_sees: Vec<u16>,
    pub summary: String,
    pub references: Vec<Reference>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlatformKind {
    Proxy,
    LoadBalancer,
    Gateway,
    Cdn,
    Platform,
}

/// `translations/{lang}/platforms.json`: the texts of every platform.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformTranslations {
    pub platforms: Vec<PlatformTranslation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformTranslation {
    pub slug: String,
    pub idle_timeout_note: Option<String>,
    pub max_connection_note: Option<String>,
    pub setting: String,
    pub summary: String,
}
