//! The shapes of answers: the JSON API's, and the MCP tools' structured
//! content. Each is built from the dataset model and described in the OpenAPI
//! document by its `ToSchema`.

use serde::Serialize;
use utoipa::ToSchema;

use super::{Code, CuratedComparison, Dataset, Edition, Family, RangeInfo, route_lang};
use crate::dataset::compare::{Difference, Facts, differences, guidance};
use crate::dataset::explain::{Evidence, Explanation, Observed, PlatformHint};
use crate::dataset::files::{Platform, Reference};
pub use crate::dataset::lookup::Lookup;
use crate::dataset::rfc6455::CodeRange;
use crate::dataset::search::{CodeFilters, Hit, MatchKind, unmatched_number};

/// A family without its codes.
#[derive(Debug, Serialize, ToSchema)]
pub struct FamilySummary {
    #[schema(example = "websocket")]
    pub slug: String,
    /// The language of the family's texts.
    #[schema(example = "en")]
    pub lang: String,
    #[schema(example = "WebSocket (RFC 6455)")]
    pub name: String,
    pub description: String,
    /// Where the family's codes are defined.
    pub source: Reference,
    /// The version or date of the source the entries were checked against.
    pub source_version: String,
    /// The RFC 6455 ranges this family's codes use.
    pub allowed_ranges: Vec<CodeRange>,
    /// How the family's codes relate to the RFC 6455 ranges.
    pub ranges_note: String,
    #[schema(example = 19)]
    pub code_count: usize,
    /// The family's HTML page.
    #[schema(example = "/websocket/")]
    pub url: String,
    /// This family's API answer, with its codes, in the same language.
    #[schema(example = "/api/v1/families/websocket")]
    pub api_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyList {
    #[schema(example = "2026.11.25")]
    pub dataset_version: String,
    /// The language of every text in this answer.
    #[schema(example = "en")]
    pub lang: String,
    pub families: Vec<FamilySummary>,
}

/// The proxies and platforms that close idle WebSocket connections, with
/// their documented limits.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlatformList {
    #[schema(example = "2026.11.25")]
    pub dataset_version: String,
    /// The language of every text in this answer.
    #[schema(example = "en")]
    pub lang: String,
    pub platforms: Vec<Platform>,
}

impl PlatformList {
    pub fn of(edition: &Edition) -> PlatformList {
        PlatformList {
            dataset_version: edition.version.clone(),
            lang: edition.lang.clone(),
            platforms: edition.platforms.clone(),
        }
    }
}

/// A family with every code in it, in ascending order.
#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyDetail {
    #[schema(example = "2026.11.25")]
    pub dataset_version: String,
    #[serde(flatten)]
    pub family: FamilySummary,
    pub codes: Vec<Code>,
}

/// One code, with the version of the dataset it comes from.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeAnswer {
    #[schema(example = "2026.11.25")]
    pub dataset_version: String,
    #[serde(flatten)]
    pub code: Code,
}

/// Two codes of one family side by side, the lower number as `a`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Comparison {
    #[schema(example = "2026.11.25")]
    pub dataset_version: String,
    /// The language of every text in this answer.
    #[schema(example = "en")]
    pub lang: String,
    #[schema(example = "websocket")]
    pub family: String,
    pub a: Code,
    pub b: Code,
    /// The facts of both codes, one row per fact.
    pub key_differences: Vec<Difference>,
    /// When to use which, written from the facts.
    pub guidance: Vec<String>,
    /// Hand-written guidance, for the pairs people often confuse.
    pub curated: Option<CuratedComparison>,
    /// The comparison's HTML page.
    #[schema(example = "/websocket/1001-vs-1012")]
    pub url: String,
}

/// One search result: why it matched, how well, and the code.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResult {
    #[serde(rename = "match")]
    pub matched: MatchKind,
    /// How well the query's words matched (BM25 over the name, the summary
    /// and the other texts, the name counting most); higher is better. Only on
    /// `name` and `text` matches: number matches rank above them all.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = 7.5)]
    pub score: Option<f64>,
    /// Present (and `true`) when a word matched only a letter or two off, as
    /// a typo (`closre` for "closure").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[schema(example = false)]
    pub fuzzy: bool,
    pub entry: Code,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchAnswer {
    #[schema(example = "2026.11.25")]
    pub dataset_version: String,
    /// The language of every text in this answer.
    #[schema(example = "en")]
    pub lang: String,
    /// The query as it was searched (trimmed).
    #[schema(example = "1009")]
    pub query: String,
    /// The family the search was limited to, if any.
    pub family: Option<String>,
    #[schema(example = 1)]
    pub total: usize,
    /// Best match first.
    pub results: Vec<SearchResult>,
    /// When the query is a number 0–65535 and no result is that number
    /// (`4999`, `1016`): what the number means, as `/api/v1/lookup/{n}`
    /// answers it. Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Lookup>,
}

/// What a pasted text is about: what was read, and the codes it may mean.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExplainAnswer {
    #[schema(example = "2026.11.25")]
    pub dataset_version: String,
    /// The language of every text in this answer.
    #[schema(example = "en")]
    pub lang: String,
    /// The text as it was explained (trimmed).
    #[schema(example = "websocket: close 1006 (abnormal closure): unexpected EOF")]
    pub text: String,
    pub observed: Observed,
    /// Best first; empty when nothing in the text names or implies a code.
    pub candidates: Vec<ExplainedCandidate>,
    /// Proxies and platforms (see `/api/v1/platforms`) whose documented
    /// idle timeout or longest connection is a duration the text gives.
    pub platforms: Vec<PlatformHint>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExplainedCandidate {
    #[schema(example = "websocket")]
    pub family: String,
    #[schema(example = 1006)]
    pub code: u16,
    /// 0 to 1: how strongly the evidence points at this code.
    #[schema(example = 0.95)]
    pub confidence: f32,
    pub evidence: Vec<ExplainedEvidence>,
    /// The code, as `/families/{family}/codes/{code}` answers it.
    pub entry: Code,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExplainedEvidence {
    /// The evidence as a sentence in the answer's language.
    pub text: String,
    #[serde(flatten)]
    pub evidence: Evidence,
}

/// The whole dataset.
#[derive(Debug, Serialize, ToSchema)]
pub struct DatasetDump {
    #[schema(example = "2026.11.25")]
    pub version: String,
    /// When the dataset was last checked against its sources.
    #[schema(example = "2026-11-25")]
    pub date: String,
    /// The language of every text in this answer.
    #[schema(example = "en")]
    pub lang: String,
    pub ranges: Vec<RangeInfo>,
    pub families: Vec<FamilyDetail>,
}

impl FamilySummary {
    pub fn of(family: &Family) -> FamilySummary {
        FamilySummary {
            slug: family.slug.clone(),
            lang: family.lang.clone(),
            name: family.name.clone(),
            description: family.description.clone(),
            source: family.source.clone(),
            source_version: family.source_version.clone(),
            allowed_ranges: family.allowed_ranges.clone(),
            ranges_note: family.ranges_note.clone(),
            code_count: family.codes.len(),
            url: family.url.clone(),
            api_url: crate::urls::api::localized(
                &crate::urls::api::family_url(&family.slug),
                route_lang(&family.lang),
            ),
        }
    }
}

impl FamilyList {
    pub fn of(edition: &Edition) -> FamilyList {
        FamilyList {
            dataset_version: edition.version.clone(),
            lang: edition.lang.clone(),
            families: edition.families.iter().map(FamilySummary::of).collect(),
        }
    }
}

impl FamilyDetail {
    pub fn of(edition: &Edition, family: &Family) -> FamilyDetail {
        FamilyDetail {
            dataset_version: edition.version.clone(),
            family: FamilySummary::of(family),
            codes: family.codes.clone(),
        }
    }
}

impl FamilyDetail {
    /// The family with only the codes that pass the filters.
    pub fn filtered(edition: &Edition, family: &Family, filters: &CodeFilters) -> FamilyDetail {
        let mut detail = FamilyDetail::of(edition, family);
        detail.codes.retain(|code| filters.matches(code));
        detail
    }
}

impl SearchAnswer {
    pub fn of(
        edition: &Edition,
        query: &str,
        family: Option<String>,
        hits: &[Hit],
    ) -> SearchAnswer {
        SearchAnswer {
            dataset_version: edition.version.clone(),
            lang: edition.lang.clone(),
            query: query.to_owned(),
            family,
            total: hits.len(),
            results: hits
                .iter()
                .map(|hit| SearchResult {
                    matched: hit.matched,
                    score: hit.score.map(|score| (score * 1000.0).round() / 1000.0),
                    fuzzy: hit.fuzzy,
                    entry: hit.code.clone(),
                })
                .collect(),
            number: unmatched_number(query, hits).map(|number| Lookup::of(edition, number)),
        }
    }
}

impl CodeAnswer {
    pub fn of(edition: &Edition, code: &Code) -> CodeAnswer {
        CodeAnswer {
            dataset_version: edition.version.clone(),
            code: code.clone(),
        }
    }
}

impl Comparison {
    pub fn of(edition: &Edition, family: &Family, a: &Code, b: &Code) -> Comparison {
        let (facts_a, facts_b) = (Facts::of(a), Facts::of(b));
        Comparison {
            dataset_version: edition.version.clone(),
            lang: edition.lang.clone(),
            family: family.slug.clone(),
            a: a.clone(),
            b: b.clone(),
            key_differences: differences(&facts_a, &facts_b),
            guidance: guidance(&facts_a, &facts_b, &edition.ui),
            curated: family.curated(a.code, b.code).cloned(),
            url: family.comparison_url(a.code, b.code),
        }
    }
}

impl ExplainAnswer {
    pub fn of(edition: &Edition, text: &str, explanation: &Explanation) -> ExplainAnswer {
        ExplainAnswer {
            dataset_version: edition.version.clone(),
            lang: edition.lang.clone(),
            text: text.to_owned(),
            observed: explanation.observed.clone(),
            platforms: explanation.platforms.clone(),
            candidates: explanation
                .localized(edition)
                .into_iter()
                .map(|localized| ExplainedCandidate {
                    family: localized.candidate.family.clone(),
                    code: localized.candidate.code,
                    confidence: localized.candidate.confidence,
                    evidence: localized
                        .candidate
                        .evidence
                        .iter()
                        .zip(localized.evidence)
                        .map(|(evidence, text)| ExplainedEvidence {
                            text,
                            evidence: evidence.clone(),
                        })
                        .collect(),
                    entry: localized.entry.clone(),
                })
                .collect(),
        }
    }
}

impl DatasetDump {
    pub fn of(dataset: &Dataset, edition: &Edition) -> DatasetDump {
        DatasetDump {
            version: dataset.version.clone(),
            date: dataset.date.clone(),
            lang: edition.lang.clone(),
            ranges: edition.ranges.clone(),
            families: edition
                .families
                .iter()
                .map(|family| FamilyDetail::of(edition, family))
                .collect(),
        }
    }
}
