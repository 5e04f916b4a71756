use serde::Serialize;
use serde_json::{Value, json};
use utoipa::OpenApi;

use super::handlers;
use crate::dataset::answers::{
    CodeAnswer, Comparison, DatasetDump, ExplainAnswer, ExplainedCandidate, ExplainedEvidence,
    FamilyDetail, FamilyList, FamilySummary, Lookup, PlatformList, SearchAnswer, SearchResult,
};
use crate::dataset::compare::{Difference, Fact, FactValue};
use crate::dataset::explain::{
    Evidence, EvidenceKind, LibraryMention, Observed, ObservedCode, PlatformHint, PlatformLimit,
    Role, explain,
};
use crate::dataset::files::{
    Mistake, Platform, PlatformKind, Reconnect, ReconnectAdvice, Reference, Sender, Snippet,
    SnippetLanguage, SourceSays,
};
use crate::dataset::rfc6455::CodeRange;
use crate::dataset::search::MatchKind;
use crate::dataset::search::{CodeFilters, search};
use crate::dataset::{Code, CuratedComparison, Dataset, Edition, RangeInfo, STANDARD_FAMILY};
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
        handlers::explain,
        handlers::dataset,
        handlers::platforms,
        handlers::openapi,
    ),
    components(schemas(
        FamilyList, FamilySummary, FamilyDetail, Code, CodeAnswer, Comparison, CuratedComparison,
        Difference, Fact, FactValue, Snippet, SnippetLanguage, Mistake,
        Lookup, DatasetDump, RangeInfo, CodeRange, Reference, Reconnect, ReconnectAdvice,
        Sender, Problem, SearchAnswer, SearchResult, MatchKind,
        ExplainAnswer, ExplainedCandidate, ExplainedEvidence, Observed, ObservedCode,
        LibraryMention, Evidence, EvidenceKind, Role, PlatformList, Platform, PlatformKind,
        PlatformHint, PlatformLimit,
        SourceSays,
    )),
    tags(
        (name = "families", description = "Families of close codes: the standard codes and each service's own"),
        (name = "codes", description = "Single codes, comparisons and lookups by number"),
        (name = "dataset", description = "The dataset and this document"),
    )
)]
struct ApiDoc;

fn to_value<T: Serialize>(answer: &T) -> Value {
    serde_json::to_value(answer).expect("API types always serialize")
}

/// Real answers from the dataset, as response examples. A dataset given with
/// `--data` may lack the codes these use; then that example is left out.
fn examples(dataset: &Dataset, edition: &Edition) -> Vec<(&'static str, Value)> {
    let mut examples = vec![
        ("/api/v1/families", to_value(&FamilyList::of(edition))),
        ("/api/v1/lookup/{n}", to_value(&Lookup::of(edition, 4004))),
    ];
    let pasted = "websocket: close 1006 (abnormal closure): unexpected EOF";
    examples.push((
        "/api/v1/explain",
        to_value(&ExplainAnswer::of(
            edition,
            pasted,
            &explain(dataset, edition, pasted),
        )),
    ));
    let hits = search(edition, "1009", None, &CodeFilters::default());
    examples.push((
        "/api/v1/search",
        to_value(&SearchAnswer::of(edition, "1009", None, &hits)),
    ));
    if let Some(standard) = edition.family(STANDARD_FAMILY) {
        if let Some(code) = standard.code(1009) {
            let answer = CodeAnswer::of(edition, code);
            examples.push(("/api/v1/families/{family}/codes/{code}", to_value(&answer)));
        }
        if let (Some(a), Some(b)) = (standard.code(1001), standard.code(1012)) {
            let answer = Comparison::of(edition, standard, a, b);
            examples.push((
                "/api/v1/families/{family}/compare/{a}/{b}",
                to_value(&answer),
            ));
        }
    }
    examples
}

/// The OpenAPI document of this server and dataset: `info.version` is the
/// server's version, the dataset's version is in the description and in
/// `x-dataset-version`, and the parameters whose values come from the dataset
/// (`lang`, `family`) list exactly those values. `surfaces` are the other
/// surfaces' own documents (the WebSocket endpoints, the lab), merged in.
pub fn document(dataset: &Dataset, surfaces: Vec<utoipa::openapi::OpenApi>) -> Value {
    let mut document = ApiDoc::openapi();
    for surface in surfaces {
        document.merge(surface);
    }
    document.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let description = document.info.description.take().unwrap_or_default();
    document.info.description = Some(format!(
        "{description}\n\nDataset version: {}.",
        dataset.version
    ));
    let mut document = serde_json::to_value(document).expect("the document serializes");
    document["info"]["x-dataset-version"] = json!(dataset.version);
    for (path, example) in examples(dataset, dataset.source()) {
        document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["example"] =
            example;
    }
    let languages = dataset.language_codes();
    let families: Vec<&str> = dataset
        .source()
        .families
        .iter()
        .map(|family| family.slug.as_str())
        .collect();
    // JSON Schema can say which codes `/ws/echo` honours; utoipa's attributes cannot.
    if let Some(parameters) = document["paths"]["/ws/echo"]["get"]["parameters"].as_array_mut() {
        for parameter in parameters.iter_mut().filter(|p| p["name"] == "close") {
            parameter["schema"] = json!({
                "type": "integer",
                "anyOf": [
                    {"minimum": 1000, "maximum": 1003},
                    {"minimum": 1005, "maximum": 1014},
                    {"minimum": 3000, "maximum": 4999},
                ],
            });
        }
    }
    let operations = document["paths"]
        .as_object_mut()
        .expect("the document has paths")
        .values_mut()
        .filter_map(|item| item.get_mut("get"));
    for operation in operations {
        let Some(parameters) = operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        for parameter in parameters {
            let values = match parameter["name"].as_str() {
                Some("lang") => &languages,
                Some("family") => &families,
                _ => continue,
            };
            parameter["schema"]["enum"] = json!(values);
        }
    }
    document
}
