//! The validated dataset with its derived facts. Pages, the API and the
//! command line all read this one model.

use once_cell::sync::OnceCell;
use serde::Serialize;
use utoipa::ToSchema;

use super::explain::Knowledge;
use super::files::{CodeEntry, Mistake, Platform, Reconnect, Reference, Sender, Snippet};
use super::rfc6455::{self, CodeRange};
use super::search::SearchIndex;
use super::ui::UiStrings;

/// The validated dataset: the same facts in every language, one edition each.
#[derive(Debug)]
pub struct Dataset {
    pub version: String,
    /// When the dataset was last checked against its sources (YYYY-MM-DD).
    pub date: String,
    /// The first edition is in the source language (English).
    pub editions: Vec<Edition>,
    /// What the explain engine knows: libraries' messages, families' signals.
    pub knowledge: Knowledge,
}

/// The whole dataset in one language: texts translated, facts and numbers shared.
#[derive(Debug)]
pub struct Edition {
    /// The language code, e.g. `vi`.
    pub lang: String,
    pub ui: UiStrings,
    /// What this language's page URLs start with: empty for the source
    /// language, `/vi` for Vietnamese.
    pub prefix: String,
    pub version: String,
    pub families: Vec<Family>,
    pub ranges: Vec<RangeInfo>,
    /// The proxies and platforms that close idle connections, in this language.
    pub platforms: Vec<Platform>,
    /// Every code's folded words, built on the first search.
    pub(super) search_index: OnceCell<SearchIndex>,
}

#[derive(Debug, Clone)]
pub struct Family {
    pub slug: String,
    /// The language of the family's texts.
    pub lang: String,
    pub name: String,
    pub description: String,
    /// Where the family's codes are defined.
    pub source: Reference,
    /// The version or date of the source that the entries were checked against.
    pub source_version: String,
    /// The RFC 6455 ranges this family's codes may use.
    pub allowed_ranges: Vec<CodeRange>,
    /// How the family's codes relate to the RFC 6455 ranges.
    pub ranges_note: String,
    /// The family's HTML page, in the family's language.
    pub url: String,
    /// Ascending by number.
    pub codes: Vec<Code>,
    /// Hand-written guidance for the pairs people confuse.
    pub curated: Vec<CuratedComparison>,
}

/// "When to use which", written by hand for one pair of codes (`a` < `b`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CuratedComparison {
    #[serde(skip)]
    pub a: u16,
    #[serde(skip)]
    pub b: u16,
    pub when_to_use_which: String,
    pub references: Vec<Reference>,
}

/// One close code of one family, with the facts derived from its number.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Code {
    #[schema(example = "websocket")]
    pub family: String,
    #[schema(example = 1009)]
    pub code: u16,
    /// The name in the answer's language.
    #[schema(example = "Message Too Big")]
    pub name: String,
    /// The name as its source spells it (the IANA registry, the service's docs),
    /// the same in every language.
    #[schema(example = "Message Too Big")]
    pub official_name: String,
    /// The language of this entry's texts; references and snippets keep the
    /// language of their source.
    #[schema(example = "en")]
    pub lang: String,
    /// The registry's own wording, quoted, where it is not a short name (1014).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry_entry: Option<String>,
    /// One sentence. Texts mark inline code with backticks.
    pub summary: String,
    pub description: String,
    /// When you see this code.
    pub when: String,
    /// How to fix it.
    pub fix: String,
    /// When an endpoint should send it (or why it never should).
    pub use_when: String,
    pub sender: Sender,
    /// The RFC 6455 §7.4.2 range the number is in.
    pub range: CodeRange,
    /// False where an endpoint must never put it in a Close frame (1005, 1006, 1015).
    pub on_the_wire: bool,
    /// True only for 1000 and 3000–4999, the codes `WebSocket.close()` accepts.
    pub browser_can_send: bool,
    pub reconnect: Reconnect,
    pub references: Vec<Reference>,
    /// Codes of the same family worth comparing with this one.
    pub related: Vec<u16>,
    /// How the code surfaces in common libraries and what to do about it.
    pub snippets: Vec<Snippet>,
    /// Mistakes people are seen making with this code.
    pub mistakes: Vec<Mistake>,
    /// The code's HTML page.
    #[schema(example = "/websocket/1009")]
    pub url: String,
}

/// One RFC 6455 §7.4.2 range with its explanation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RangeInfo {
    pub id: CodeRange,
    pub first: u16,
    pub last: u16,
    pub name: String,
    pub description: String,
    pub references: Vec<Reference>,
}

impl Dataset {
    pub fn source(&self) -> &Edition {
        &self.editions[0]
    }

    pub fn edition(&self, lang: &str) -> Option<&Edition> {
        self.editions.iter().find(|edition| edition.lang == lang)
    }

    pub fn language_codes(&self) -> Vec<&str> {
        self.editions.iter().map(|e| e.lang.as_str()).collect()
    }

    /// The edition whose pages live under `/{segment}/` (not the source
    /// language, whose pages have no prefix).
    pub fn prefixed_edition(&self, segment: &str) -> Option<&Edition> {
        self.edition(segment)
            .filter(|edition| !edition.prefix.is_empty())
    }

    /// The edition a page path belongs to, and the path without its language
    /// prefix: `/vi/websocket/1009` → (vi, `websocket/1009`).
    pub fn edition_of_path<'p>(&self, path: &'p str) -> (&Edition, &'p str) {
        let relative = path.trim_start_matches('/');
        match relative.split_once('/') {
            Some((segment, rest)) => match self.prefixed_edition(segment) {
                Some(edition) => (edition, rest),
                None => (self.source(), relative),
            },
            None => match self.prefixed_edition(relative) {
                Some(edition) => (edition, ""),
                None => (self.source(), relative),
            },
        }
    }
}

impl Edition {
    pub fn family(&self, slug: &str) -> Option<&Family> {
        self.families.iter().find(|family| family.slug == slug)
    }

    pub fn range(&self, range: CodeRange) -> &RangeInfo {
        self.ranges
            .iter()
            .find(|info| info.id == range)
            .expect("validation guarantees a text for every range")
    }

    /// Every family's entry for this number.
    pub fn entries_numbered(&self, number: u16) -> Vec<&Code> {
        self.families
            .iter()
            .filter_map(|family| family.code(number))
            .collect()
    }

    /// This language's URL of a page, given its path in the source language.
    pub fn page_url(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }
}

impl Family {
    pub fn code(&self, number: u16) -> Option<&Code> {
        self.codes.iter().find(|code| code.code == number)
    }

    pub fn curated(&self, a: u16, b: u16) -> Option<&CuratedComparison> {
        let (low, high) = ordered(a, b);
        self.curated.iter().find(|c| c.a == low && c.b == high)
    }

    /// Curated pairs whose one side is a private-use number the family does not
    /// define, for the numbers people mistake for standard codes (3000 vs 4001).
    pub fn curated_private_use(&self) -> impl Iterator<Item = &CuratedComparison> {
        self.curated
            .iter()
            .filter(|pair| self.code(pair.a).is_none() || self.code(pair.b).is_none())
    }

    /// The page comparing two numbers of this family, lower number first.
    pub fn comparison_url(&self, a: u16, b: u16) -> String {
        let (low, high) = ordered(a, b);
        format!("{}{low}-vs-{high}", self.url)
    }

    /// Every unordered pair of codes, the lower number first.
    pub fn pairs(&self) -> impl Iterator<Item = (&Code, &Code)> {
        self.codes
            .iter()
            .enumerate()
            .flat_map(move |(i, a)| self.codes[i + 1..].iter().map(move |b| (a, b)))
    }
}

/// A comparison's URLs always name the lower code first.
pub fn ordered(a: u16, b: u16) -> (u16, u16) {
    (a.min(b), a.max(b))
}

/// The two numbers of a comparison's last path segment, `1001-vs-1012`, in
/// the order written.
pub fn comparison_numbers(page: &str) -> Option<(u16, u16)> {
    let (a, b) = page.split_once("-vs-")?;
    Some((rfc6455::parse_code(a)?, rfc6455::parse_code(b)?))
}

impl Code {
    /// Builds a code from its validated entry; the derived facts are computed here
    /// and nowhere else.
    pub fn from_entry(family: &Family, number: u16, entry: CodeEntry, official_name: &str) -> Code {
        Code {
            family: family.slug.clone(),
            code: number,
            name: entry.name,
            official_name: official_name.to_owned(),
            lang: family.lang.clone(),
            registry_entry: entry.registry_entry,
            summary: entry.summary,
            description: entry.description,
            when: entry.when,
            fix: entry.fix,
            use_when: entry.use_when,
            sender: entry.sender,
            range: CodeRange::of(number),
            on_the_wire: entry.on_the_wire,
            browser_can_send: rfc6455::browser_can_send(number),
            reconnect: entry.reconnect,
            references: entry.references,
            related: entry
                .related
                .into_iter()
                .filter_map(|n| u16::try_from(n).ok())
                .collect(),
            snippets: entry.snippets,
            mistakes: entry.mistakes,
            url: format!("{}{number}", family.url),
        }
    }

    /// The Markdown variant of the code's page.
    pub fn markdown_url(&self) -> String {
        format!("{}.md", self.url)
    }
}
