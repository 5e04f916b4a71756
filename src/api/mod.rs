//! The versioned JSON API under `/api/v1`, and its OpenAPI document.

pub mod docs;
mod handlers;

pub mod openapi;

use actix_web::web;
use serde::Serialize;

use crate::dataset::answers::{
    CodeAnswer, Comparison, DatasetDump, FamilyDetail, FamilyList, PlatformList,
};
use crate::dataset::{Dataset, SOURCE_LANGUAGE, route_lang};
use crate::http::policy::Policy;
use crate::http::resource::{JSON, json_body};
use crate::http::store::Prepared;
use crate::http::{RouteLabel, get_or_head, labelled};
use crate::urls::api::{
    DATASET_URL, FAMILIES_URL, OPENAPI_URL, PLATFORMS_URL, code_url, comparison_url, family_url,
    localized,
};
use crate::urls::{ApiAnswer, Route};

/// The metrics labels of the API's routes: the stored answers, and the ones
/// computed per request.
pub const API: RouteLabel = RouteLabel("api");
const API_SEARCH: RouteLabel = RouteLabel("api_search");
const API_LOOKUP: RouteLabel = RouteLabel("api_lookup");
const API_EXPLAIN: RouteLabel = RouteLabel("api_explain");
/// Swagger UI.
pub const API_DOCS: RouteLabel = RouteLabel("api_docs");

/// Registers the API's routes in its `/api/v1` scope, which the caller labels [`API`].
pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(labelled(
        "/lookup/{n}",
        API_LOOKUP,
        get_or_head().to(handlers::lookup),
    ))
    .service(labelled(
        "/search",
        API_SEARCH,
        get_or_head().to(handlers::search),
    ))
    .service(labelled(
        "/explain",
        API_EXPLAIN,
        get_or_head().to(handlers::explain),
    ));
    cfg.route("/families", get_or_head().to(handlers::list_families))
        .route("/families/{family}", get_or_head().to(handlers::get_family))
        .route(
            "/families/{family}/codes/{code}",
            get_or_head().to(handlers::get_code),
        )
        .route(
            "/families/{family}/compare/{a}/{b}",
            get_or_head().to(handlers::compare_codes),
        )
        .route("/dataset.json", get_or_head().to(handlers::dataset))
        .route("/platforms", get_or_head().to(handlers::platforms))
        .route("/openapi.json", get_or_head().to(handlers::openapi));
}

/// Every stored API answer of every language, the OpenAPI document and
/// Swagger UI's files.
pub fn routes(dataset: &Dataset) -> Vec<Route> {
    let mut routes = vec![Route::OpenApi];
    routes.extend(docs::routes());
    for edition in &dataset.editions {
        let lang = route_lang(&edition.lang);
        let mut answers = vec![
            ApiAnswer::Families,
            ApiAnswer::Dataset,
            ApiAnswer::Platforms,
        ];
        for family in &edition.families {
            let slug = &family.slug;
            answers.push(ApiAnswer::Family(slug.clone()));
            answers.extend(
                family
                    .codes
                    .iter()
                    .map(|code| ApiAnswer::Code(slug.clone(), code.code)),
            );
            answers.extend(
                family
                    .pairs()
                    .map(|(a, b)| ApiAnswer::Comparison(slug.clone(), a.code, b.code)),
            );
        }
        routes.extend(answers.into_iter().map(|answer| Route::api(lang, answer)));
    }
    routes
}

/// The OpenAPI documents of the surfaces outside the API, merged into its own.
pub type SurfaceDocs = fn() -> Vec<utoipa::openapi::OpenApi>;

/// How the API answer at `route` is made, when there is one.
pub fn prepare<'a>(
    dataset: &'a Dataset,
    route: &Route,
    surfaces: SurfaceDocs,
) -> Option<Prepared<'a>> {
    let (lang, answer) = match route {
        Route::OpenApi => return Some(json(move || openapi::document(dataset, surfaces()))),
        Route::ApiDocs(file) => return docs::prepare(file.as_deref()),
        Route::Api { lang, answer } => (lang, answer),
        _ => return None,
    };
    // The source language is asked for without `?lang=`.
    let edition = match lang {
        Some(lang) if lang != SOURCE_LANGUAGE => dataset.edition(lang)?,
        Some(_) => return None,
        None => dataset.source(),
    };
    Some(match answer {
        ApiAnswer::Families => json(move || FamilyList::of(edition)),
        ApiAnswer::Dataset => json(move || DatasetDump::of(dataset, edition)),
        ApiAnswer::Platforms => json(move || PlatformList::of(edition)),
        ApiAnswer::Family(slug) => {
            let family = edition.family(slug)?;
            json(move || FamilyDetail::of(edition, family))
        }
        ApiAnswer::Code(slug, number) => {
            let code = edition.family(slug)?.code(*number)?;
            json(move || CodeAnswer::of(edition, code))
        }
        ApiAnswer::Comparison(slug, a, b) => {
            let family = edition.family(slug)?;
            let (a, b) = (family.code(*a)?, family.code(*b)?);
            json(move || Comparison::of(edition, family, a, b))
        }
    })
}

/// An answer of the API: pretty JSON with the API's policy.
fn json<'a, T: Serialize>(answer: impl FnOnce() -> T + 'a) -> Prepared<'a> {
    let render = Box::new(move || json_body(&answer()));
    Prepared::new(JSON, Policy::API, API, render)
}
