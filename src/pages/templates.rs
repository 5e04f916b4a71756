//! One struct per page template. Each page extends `templates/base.html`
//! through its `layout`.

use askama::Template;

use crate::chrome::Layout;
use crate::dataset::compare::{Difference, Facts};
use crate::dataset::explain::Observed;
use crate::dataset::files::{Platform, Reference};
use crate::dataset::lookup::Lookup;
use crate::dataset::search::Hit;
use crate::dataset::ui::{PlatformLabels, ProblemText, UiStrings};
use crate::dataset::{Code, CuratedComparison, Family, RangeInfo};
use crate::http::problem::ProblemType;

use crate::markup as filters;

#[derive(Template)]
#[template(path = "pages/home.html")]
pub struct HomePage<'a> {
    pub layout: Layout<'a>,
    /// Where the paste box submits, in this page's language.
    pub explain_url: String,
    /// Where the site is reached, for the API example.
    pub public_url: &'a str,
    pub max_chars: usize,
    pub families: &'a [Family],
    /// The family whose codes the home page lists at a glance.
    pub standard: Option<&'a Family>,
    pub ranges: &'a [RangeInfo],
}

#[derive(Template)]
#[template(path = "pages/family.html")]
pub struct FamilyPage<'a> {
    pub layout: Layout<'a>,
    pub family: &'a Family,
    pub ranges: Vec<&'a RangeInfo>,
}

#[derive(Template)]
#[template(path = "pages/code.html")]
pub struct CodePage<'a> {
    pub layout: Layout<'a>,
    pub family: &'a Family,
    pub code: &'a Code,
    pub range: &'a RangeInfo,
    pub related: Vec<&'a Code>,
    /// Every other code of the family, for "compare with".
    pub others: Vec<&'a Code>,
    /// Private-use numbers this code has a curated comparison with.
    pub private_use_pairs: Vec<u16>,
    /// The live demo of this code, or `None` when `/ws/echo` cannot send it.
    pub try_it: Option<TryIt>,
    /// What libraries print for this code, from `data/libraries/`.
    pub logs: &'a [LogLine<'a>],
    /// The platforms page, on the pages of the codes a platform's clients see.
    pub platforms_url: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/platforms.html")]
pub struct PlatformsPage<'a> {
    pub layout: Layout<'a>,
    pub platforms: &'a [Platform],
    pub labels: &'a PlatformLabels,
}

/// Opening `/ws/echo` so that it closes with a code, from the code's page.
pub struct TryIt {
    /// Path and query, e.g. `/ws/echo?close=1000&reason=closecodes+demo`.
    pub url: String,
    /// What the server does: sends the code, or simulates 1005 or 1006.
    pub explanation: String,
}

/// Written into the page for the terminal commands; the page's script puts
/// the real address in its place.
const EXAMPLE_WS_ORIGIN: &str = "ws://127.0.0.1:8080";

impl CodePage<'_> {
    pub fn example_ws_origin(&self) -> &'static str {
        EXAMPLE_WS_ORIGIN
    }

    pub fn comparison_url(&self, other: &u16) -> String {
        self.family.comparison_url(self.code.code, *other)
    }
}

#[derive(Template)]
#[template(path = "pages/compare.html")]
pub struct ComparePage<'a> {
    pub layout: Layout<'a>,
    pub curated: Option<&'a CuratedComparison>,
    /// The lower number first.
    pub sides: [Side<'a>; 2],
    pub differences: Vec<Difference>,
    pub guidance: Vec<String>,
}

/// One side of a comparison: a code of the family, or a private-use number
/// that the family does not define.
pub enum Side<'a> {
    Code(&'a Code),
    PrivateUse(PrivateUseNumber<'a>),
}

/// A private-use number: what RFC 6455 says about its range, and what each
/// family that documents the number means by it.
pub struct PrivateUseNumber<'a> {
    pub number: u16,
    pub range: &'a RangeInfo,
    pub meanings: Vec<&'a Code>,
}

impl Side<'_> {
    pub fn number(&self) -> u16 {
        match self {
            Side::Code(code) => code.code,
            Side::PrivateUse(private) => private.number,
        }
    }

    pub fn name<'u>(&'u self, ui: &'u UiStrings) -> &'u str {
        match self {
            Side::Code(code) => &code.name,
            Side::PrivateUse(_) => &ui.private_use.name,
        }
    }

    /// The code's page, or the number's column on the comparison page.
    pub fn url(&self) -> String {
        match self {
            Side::Code(code) => code.url.clone(),
            Side::PrivateUse(private) => format!("#code-{}", private.number),
        }
    }

    pub fn facts(&self) -> Facts {
        match self {
            Side::Code(code) => Facts::of(code),
            Side::PrivateUse(private) => Facts::private_use(private.number),
        }
    }
}

#[derive(Template)]
#[template(path = "pages/search.html")]
pub struct SearchPage<'a> {
    pub layout: Layout<'a>,
    /// What was searched, as typed.
    pub query: String,
    /// The family the search is limited to, or empty.
    pub selected_family: String,
    pub families: &'a [Family],
    pub hits: Vec<Hit<'a>>,
    /// A line above the results: how many, nothing found, or what is wrong.
    pub message: Option<String>,
    pub max_chars: usize,
    /// What a searched number means, when no result is that number.
    pub number: Option<SearchedNumber<'a>>,
}

/// A searched number that no result has: its RFC 6455 range, and where the
/// number's own page is.
pub struct SearchedNumber<'a> {
    pub heading: String,
    pub range: &'a RangeInfo,
    pub lookup_url: String,
    pub lookup_label: String,
}

impl SearchPage<'_> {
    pub fn family_name<'s>(&'s self, slug: &'s str) -> &'s str {
        family_name(self.families, slug)
    }
}

/// A family's display name, given its slug (the slug itself if unknown).
fn family_name<'s>(families: &'s [Family], slug: &'s str) -> &'s str {
    families
        .iter()
        .find(|family| family.slug == slug)
        .map_or(slug, |family| family.name.as_str())
}

/// `/lookup/{n}`: the HTML twin of `/api/v1/lookup/{n}`.
#[derive(Template)]
#[template(path = "pages/lookup.html")]
pub struct LookupPage<'a> {
    pub layout: Layout<'a>,
    pub lookup: Lookup,
    pub families: &'a [Family],
    /// What to make of the number when no registered code explains it.
    pub advice: Option<&'a str>,
    /// The standard code a receiver closes with when the number is invalid.
    pub protocol_error: Option<&'a Code>,
}

impl LookupPage<'_> {
    /// A label with this page's number filled in.
    pub fn text(&self, template: &str) -> String {
        template.replace("{number}", &self.lookup.number.to_string())
    }

    pub fn family_name<'s>(&'s self, slug: &'s str) -> &'s str {
        family_name(self.families, slug)
    }
}

/// `/problems/{slug}`: what a problem type of the API means.
#[derive(Template)]
#[template(path = "pages/problem.html")]
pub struct ProblemPage<'a> {
    pub layout: Layout<'a>,
    pub kind: ProblemType,
    pub text: &'a ProblemText,
    /// E.g. `404 Not Found`.
    pub status: String,
}

/// `/embed`: every way to embed a card, with snippets to copy.
#[derive(Template)]
#[template(path = "pages/embed.html")]
pub struct EmbedDocsPage<'a> {
    pub layout: Layout<'a>,
    pub example_embed_url: String,
    pub example_title: String,
    pub ways: Vec<EmbedWay<'a>>,
}

pub struct EmbedWay<'a> {
    pub id: &'static str,
    pub heading: &'a str,
    pub text: &'a str,
    /// The snippet's language, for the code block's class.
    pub syntax: &'static str,
    pub code: String,
}

#[derive(Template)]
#[template(path = "pages/not_found.html")]
pub struct NotFoundPage<'a> {
    pub layout: Layout<'a>,
    pub families: &'a [Family],
    /// The number in the missing page's address, if any.
    pub number: Option<u16>,
    /// Every family's code with that number.
    pub suggestions: Vec<&'a Code>,
}

/// `/{family}/{code}.md`: the code page as Markdown, for tools and LLMs.
#[derive(Template)]
#[template(path = "markdown/code.md")]
pub struct CodeMarkdown<'a> {
    pub ui: &'a UiStrings,
    pub family: &'a Family,
    pub code: &'a Code,
    pub range: &'a RangeInfo,
    pub logs: &'a [LogLine<'a>],
}

/// `/llms.txt`: an index of the Markdown pages.
#[derive(Template)]
#[template(path = "markdown/llms.txt")]
pub struct LlmsIndex<'a> {
    pub ui: &'a UiStrings,
    pub families: &'a [Family],
}

#[derive(Template)]
#[template(path = "pages/explain.html")]
pub struct ExplainPage<'a> {
    pub layout: Layout<'a>,
    pub explain_url: String,
    /// As pasted, shown back in the box and below it.
    pub text: String,
    pub max_chars: usize,
    /// Why there is no answer: nothing pasted, or too much.
    pub message: Option<String>,
    /// The text was read and nothing in it names or implies a code.
    pub nothing: bool,
    pub best: Option<ExplainedCode<'a>>,
    pub others: Vec<ExplainedCode<'a>>,
    pub read: Vec<ReadCode<'a>>,
    pub observed: Option<&'a Observed>,
    pub family_names: Vec<String>,
    pub search_url: String,
    /// Platforms whose limit is a duration the text gives, with the page
    /// that lists them all.
    pub platforms: Vec<PlatformLine>,
    pub platforms_url: String,
}

/// A platform whose limit matches a duration in the pasted text.
pub struct PlatformLine {
    pub name: String,
    /// The platform's section of the platforms page.
    pub url: String,
    /// "Idle timeout (default): 60 s".
    pub limit: String,
}

/// A candidate as the page shows it.
pub struct ExplainedCode<'a> {
    pub entry: &'a Code,
    pub family_name: &'a str,
    pub range: &'a RangeInfo,
    pub confidence: String,
    /// Each piece of evidence as a sentence, with where its fact comes from.
    pub evidence: Vec<(String, Option<Reference>)>,
}

/// A number read as a close code, as the page shows it.
pub struct ReadCode<'a> {
    pub code: u16,
    pub context: &'a str,
    pub role: Option<&'a str>,
    pub refused: Option<String>,
    /// Set when no family defines the number.
    pub undefined: Option<String>,
    pub range: &'a RangeInfo,
    pub lookup_url: String,
    pub lookup_label: String,
}

/// One line a library prints for a code, for "How it looks in logs".
pub struct LogLine<'a> {
    pub line: String,
    /// The library and its language, e.g. "gorilla/websocket (Go)".
    pub library: String,
    pub source: &'a Reference,
}
