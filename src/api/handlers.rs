//! API handlers. A handler checks its parameters, answers problems for bad
//! ones, and serves the stored answer (made when first asked) or computes one.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::dataset;
use crate::dataset::Dataset;
use crate::dataset::answers::{
    Comparison, DatasetDump, ExplainAnswer, FamilyDetail, FamilyList, Lookup, PlatformList,
    SearchAnswer,
};
use crate::dataset::search::CodeFilters;
use crate::dataset::{Edition, Family, route_lang};
pub use crate::http::checks::LangQuery;
use crate::http::checks::{checked_query, checked_text, edition_for, find_family, parse_number};
use crate::http::problem::ProblemType;
use crate::http::store::Store;
use crate::http::{Problem, Query, Resource};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// A code number (`1009`), a name (`going away`) or words from the texts (`maxPayload`).
    #[param(example = "1009", min_length = 1, max_length = 200, pattern = r"\S")]
    pub q: String,
    /// Only codes of this family.
    #[param(example = "websocket")]
    pub family: Option<String>,
}

/// The edition the client asked for: the source language by default, and a
/// problem naming the supported languages for any other code, never a silent
/// fallback.
fn edition<'a>(dataset: &'a Dataset, query: &LangQuery) -> Result<&'a Edition, Problem> {
    edition_for(dataset, query.lang.as_deref())
}

fn find_code(family: &Family, text: &str) -> Result<u16, Problem> {
    let number = parse_number(text)?;
    match family.code(number) {
        Some(_) => Ok(number),
        None => Err(Problem::not_found(format!(
            "family \"{}\" has no code {number}",
            family.slug
        ))),
    }
}

/// The stored answer for `url` in the edition's language.
fn stored(
    store: &Store,
    request: &HttpRequest,
    url: &str,
    edition: &Edition,
) -> Result<HttpResponse, Problem> {
    store
        .respond(request, &super::localized(url, route_lang(&edition.lang)))
        .ok_or_else(|| Problem::not_found(format!("nothing at {url}")))
}

/// List every family.
#[utoipa::path(
    get,
    path = "/api/v1/families",
    tag = "families",
    params(LangQuery),
    responses(
        (status = 200, description = "Every family, without its codes", body = FamilyList),
        (status = 400, description = "Unknown language", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_families(
    request: HttpRequest,
    query: Query<LangQuery>,
    dataset: web::Data<Dataset>,
    store: web::Data<Store>,
) -> Result<HttpResponse, Problem> {
    let edition = edition(&dataset, &query)?;
    stored(&store, &request, super::FAMILIES_URL, edition)
}

/// One family with its codes.
///
/// The filters narrow `codes` by their facts (`code_count` stays the family's
/// total); without filters every code is listed.
#[utoipa::path(
    get,
    path = "/api/v1/families/{family}",
    tag = "families",
    params(("family" = String, Path, description = "The family's slug", example = "websocket"), LangQuery, CodeFilters),
    responses(
        (status = 200, description = "The family and its codes", body = FamilyDetail),
        (status = 400, description = "Unknown language or an invalid filter", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such family", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_family(
    request: HttpRequest,
    family: web::Path<String>,
    query: Query<LangQuery>,
    filters: Query<CodeFilters>,
    dataset: web::Data<Dataset>,
    store: web::Data<Store>,
) -> Result<HttpResponse, Problem> {
    let edition = edition(&dataset, &query)?;
    let family = find_family(edition, &family)?;
    if filters.is_empty() {
        return stored(&store, &request, &super::family_url(&family.slug), edition);
    }
    let answer = FamilyDetail::filtered(edition, family, &filters);
    Ok(Resource::json(&answer).respond(&request))
}

/// Search every code by number, name or words from its texts.
///
/// A number finds the code with exactly that number (in every family), then
/// codes whose number starts with the digits. Words find every code that has
/// at least one of them, ranked by `score` (BM25: more of the words, and rarer
/// ones, score higher; a word in the name counts most, in the summary next,
/// in the other texts least); `match` is `name` when the name scored most,
/// else `text`. A word of five letters or more also matches a word one letter
/// off (two from eight letters), scoring less, and the result says `fuzzy`
/// (`mesage too big`, `abnormal closre`). Case and diacritics are ignored
/// (`thong diep` finds "Thông điệp"). A number that no result has (`4999`)
/// adds `number`: its range and rules, as `/api/v1/lookup/{n}` gives them.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "codes",
    params(SearchQuery, LangQuery, CodeFilters),
    responses(
        (status = 200, description = "The matching codes, best first", body = SearchAnswer),
        (status = 400, description = "No query, a query too long, an unknown family or language, or an invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn search(
    request: HttpRequest,
    query: Query<SearchQuery>,
    lang: Query<LangQuery>,
    filters: Query<CodeFilters>,
    dataset: web::Data<Dataset>,
) -> Result<HttpResponse, Problem> {
    let edition = edition(&dataset, &lang)?;
    let text = checked_query(&query.q)?;
    if let Some(slug) = &query.family {
        find_family(edition, slug)
            .map_err(|problem| Problem::new(ProblemType::InvalidParameter, problem.detail))?;
    }
    let hits = dataset::search::search(edition, text, query.family.as_deref(), &filters);
    let answer = SearchAnswer::of(edition, text, query.family.clone(), &hits);
    Ok(Resource::json(&answer).respond(&request))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExplainQuery {
    /// A log line, an exception, a close event dump or a few lines of a stack trace.
    #[param(
        example = "websocket: close 1006 (abnormal closure): unexpected EOF",
        min_length = 1,
        max_length = 4000,
        pattern = r"\S"
    )]
    pub text: String,
}

/// Explain a pasted log line or error.
///
/// Reads the numbers in their context (`code = 1006`, `closed with 4014`),
/// the messages libraries print (with or without a number), and the names,
/// hosts, subprotocols and close reasons that point at a family, then answers
/// the codes the text may be about, best first, each with its evidence.
/// `observed` says what was read. A text that names nothing gets an empty
/// `candidates`, not an error.
#[utoipa::path(
    get,
    path = "/api/v1/explain",
    tag = "codes",
    params(ExplainQuery, LangQuery),
    responses(
        (status = 200, description = "What was read and the candidates, best first", body = ExplainAnswer),
        (status = 400, description = "No text, a text over 4000 characters, or an unknown language", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn explain(
    request: HttpRequest,
    query: Query<ExplainQuery>,
    lang: Query<LangQuery>,
    dataset: web::Data<Dataset>,
) -> Result<HttpResponse, Problem> {
    let edition = edition(&dataset, &lang)?;
    let text = checked_text(&query.text)?;
    let explanation = dataset::explain::explain(&dataset, edition, text);
    let answer = ExplainAnswer::of(edition, text, &explanation);
    Ok(Resource::json(&answer).respond(&request))
}

/// One code of a family.
#[utoipa::path(
    get,
    path = "/api/v1/families/{family}/codes/{code}",
    tag = "codes",
    params(
        ("family" = String, Path, description = "The family's slug", example = "websocket"),
        ("code" = u16, Path, description = "The close code", example = 1009, minimum = 0, maximum = 65535),
        LangQuery,
    ),
    responses(
        (status = 200, description = "The code", body = crate::dataset::answers::CodeAnswer),
        (status = 400, description = "Not a close code, or unknown language", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such family, or the family has no such code", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_code(
    request: HttpRequest,
    path: web::Path<(String, String)>,
    query: Query<LangQuery>,
    dataset: web::Data<Dataset>,
    store: web::Data<Store>,
) -> Result<HttpResponse, Problem> {
    let edition = edition(&dataset, &query)?;
    let (family, code) = path.into_inner();
    let family = find_family(edition, &family)?;
    let number = find_code(family, &code)?;
    stored(
        &store,
        &request,
        &super::code_url(&family.slug, number),
        edition,
    )
}

/// Two codes of a family side by side.
///
/// The order of `a` and `b` does not matter: the answer always has the lower
/// number as `a`.
#[utoipa::path(
    get,
    path = "/api/v1/families/{family}/compare/{a}/{b}",
    tag = "codes",
    params(
        ("family" = String, Path, description = "The family's slug", example = "websocket"),
        ("a" = u16, Path, description = "One close code", example = 1001, minimum = 0, maximum = 65535),
        ("b" = u16, Path, description = "Another close code of the same family", example = 1012, minimum = 0, maximum = 65535),
        LangQuery,
    ),
    responses(
        (status = 200, description = "Both codes and their key differences", body = Comparison),
        (status = 400, description = "Not a close code, the same code twice, or unknown language", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such family, or the family lacks one of the codes", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn compare_codes(
    request: HttpRequest,
    path: web::Path<(String, String, String)>,
    query: Query<LangQuery>,
    dataset: web::Data<Dataset>,
    store: web::Data<Store>,
) -> Result<HttpResponse, Problem> {
    let edition = edition(&dataset, &query)?;
    let (family, a, b) = path.into_inner();
    let family = find_family(edition, &family)?;
    let (a, b) = (find_code(family, &a)?, find_code(family, &b)?);
    if a == b {
        return Err(Problem::new(
            ProblemType::SameCodeTwice,
            format!("compare two different codes, not {a} with itself"),
        ));
    }
    stored(
        &store,
        &request,
        &super::comparison_url(&family.slug, a, b),
        edition,
    )
}

/// What any number from 0 to 65535 means as a close code.
#[utoipa::path(
    get,
    path = "/api/v1/lookup/{n}",
    tag = "codes",
    params(
        ("n" = u16, Path, description = "Any integer from 0 to 65535", example = 4004, minimum = 0, maximum = 65535),
        LangQuery,
    ),
    responses(
        (status = 200, description = "The number's range, what it may be used for, and every family's entry with that number", body = Lookup),
        (status = 400, description = "Not an integer from 0 to 65535, or unknown language", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn lookup(
    request: HttpRequest,
    number: web::Path<String>,
    query: Query<LangQuery>,
    dataset: web::Data<Dataset>,
) -> Result<HttpResponse, Problem> {
    let edition = edition(&dataset, &query)?;
    let number = parse_number(&number)?;
    // 65,536 answers are too many to keep; each is small and cheap to build.
    Ok(Resource::json(&Lookup::of(edition, number)).respond(&request))
}

/// The proxies, load balancers and platforms that close idle WebSocket
/// connections.
///
/// Most 1006s come from one of these closing a connection that stayed idle
/// past its timeout. Each has its documented default idle timeout (`null`
/// where the documentation gives none: `idle_timeout_note` says what it says
/// instead), the longest connection it allows where documented, the setting
/// that changes it, what the client then sees, and the sources.
#[utoipa::path(
    get,
    path = "/api/v1/platforms",
    tag = "dataset",
    params(LangQuery),
    responses(
        (status = 200, description = "Every platform, with its figures and sources", body = PlatformList),
        (status = 400, description = "Unknown language", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn platforms(
    request: HttpRequest,
    query: Query<LangQuery>,
    dataset: web::Data<Dataset>,
    store: web::Data<Store>,
) -> Result<HttpResponse, Problem> {
    let edition = edition(&dataset, &query)?;
    stored(&store, &request, super::PLATFORMS_URL, edition)
}

/// The whole dataset in one document.
#[utoipa::path(
    get,
    path = "/api/v1/dataset.json",
    tag = "dataset",
    params(LangQuery),
    responses(
        (status = 200, description = "Every range, family and code, with the dataset's version", body = DatasetDump),
        (status = 400, description = "Unknown language", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn dataset(
    request: HttpRequest,
    query: Query<LangQuery>,
    dataset: web::Data<Dataset>,
    store: web::Data<Store>,
) -> Result<HttpResponse, Problem> {
    let edition = edition(&dataset, &query)?;
    stored(&store, &request, super::DATASET_URL, edition)
}

/// This OpenAPI document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "dataset",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", body = Object, content_type = "application/json"))
)]
pub async fn openapi(
    request: HttpRequest,
    dataset: web::Data<Dataset>,
    store: web::Data<Store>,
) -> Result<HttpResponse, Problem> {
    stored(&store, &request, super::OPENAPI_URL, dataset.source())
}
