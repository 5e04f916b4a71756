use utoipa::OpenApi;

use super::handlers;
use super::schemas::{
    CodeAnswer, Comparison, DatasetDump, FamilyDetail, FamilyList, FamilySummary, Lookup,
    SearchAnswer, SearchResult,
};
use crate::dataset::compare::{Difference, Fact, FactValue};
use crate::dataset::files::{
    Mistake, Reconnect, ReconnectAdvice, Reference, Sender, Snippet, SnippetLanguage,
};
use crate::dataset::rfc6455::CodeRange;
use crate::dataset::search::MatchKind;
use crate::dataset::{Code, CuratedComparison, Dataset, RangeInfo};
use crate::http::Problem;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "closecodes API",
        description = "WebSocket close codes as data: every code of every family with its meaning, \
                       when you see it, how to fix it, its RFC 6455 facts and reconnect advice, \
                       each with its sources. Errors are RFC 9457 problem documents.",
        license(name = "MIT", identifier = "MIT"),
    ),
    paths(
        handlers::list_families,
        handlers::get_family,
        handlers::get_code,
        handlers::compare_codes,
        handlers::lookup,
        handlers::search,
        handlers::dataset,
        handlers::openapi,
    ),
    components(schemas(
        FamilyList, FamilySummary, FamilyDetail, Code, CodeAnswer, Comparison, CuratedComparison,
        Difference, Fact, FactValue, Snippet, SnippetLanguage, Mistake,
        Lookup, DatasetDump, RangeInfo, CodeRange, Reference, Reconnect, ReconnectAdvice,
        Sender, Problem, SearchAnswer, SearchResult, MatchKind,
    )),
    tags(
        (name = "families", description = "Families of close codes: the standard codes and each service's own"),
        (name = "codes", description = "Single codes, comparisons and lookups by number"),
        (name = "dataset", description = "The dataset and this document"),
    )
)]
struct ApiDoc;

/// The OpenAPI document, with the dataset's version added to `info`.
pub fn document(dataset: &Dataset) -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    let description = document.info.description.take().unwrap_or_default();
    document.info.description = Some(format!(
        "{description}\n\nDataset version: {}.",
        dataset.version
    ));
    document
}
