//! The versioned JSON API under `/api/v1`, and its OpenAPI document.

pub mod docs;
mod handlers;

pub mod openapi;
pub mod schemas;

use crate::http::Answers;

use actix_web::web;

use crate::dataset::{Dataset, Edition};
use crate::http::{Resource, get_or_head};
use crate::urls::api::{
    DATASET_URL, FAMILIES_URL, OPENAPI_URL, code_url, comparison_url, family_url, localized,
};
use schemas::{CodeAnswer, Comparison, DatasetDump, FamilyDetail, FamilyList};

pub fn config(cfg: &mut web::ServiceConfig) {
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
        .route("/lookup/{n}", get_or_head().to(handlers::lookup))
        .route("/search", get_or_head().to(handlers::search))
        .route("/explain", get_or_head().to(handlers::explain))
        .route("/dataset.json", get_or_head().to(handlers::dataset))
        .route("/openapi.json", get_or_head().to(handlers::openapi));
}

/// Renders the OpenAPI document and its Swagger UI.
pub fn render_docs(dataset: &Dataset, answers: &mut Answers) {
    answers.add(
        OPENAPI_URL.to_owned(),
        Resource::json(&openapi::document(dataset)),
    );
    docs::render_all(answers);
}

/// Renders every API answer of one language that does not depend on a
/// free-form number.
pub fn render_edition(dataset: &Dataset, edition: &Edition, answers: &mut Answers) {
    let mut store = |url: String, answer: Resource| {
        answers.add(localized(&url, &edition.lang), answer);
    };
    store(
        FAMILIES_URL.to_owned(),
        Resource::json(&FamilyList::of(edition)),
    );
    store(
        DATASET_URL.to_owned(),
        Resource::json(&DatasetDump::of(dataset, edition)),
    );
    for family in &edition.families {
        store(
            family_url(&family.slug),
            Resource::json(&FamilyDetail::of(edition, family)),
        );
        for code in &family.codes {
            store(
                code_url(&family.slug, code.code),
                Resource::json(&CodeAnswer::of(edition, code)),
            );
        }
        for (a, b) in family.pairs() {
            store(
                comparison_url(&family.slug, a.code, b.code),
                Resource::json(&Comparison::of(edition, family, a, b)),
            );
        }
    }
}
