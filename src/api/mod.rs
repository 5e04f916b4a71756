//! The versioned JSON API under `/api/v1`, and its OpenAPI document.

mod handlers;
pub mod openapi;
pub mod schemas;

use std::collections::HashMap;

use actix_web::web;

use crate::dataset::Dataset;
use crate::dataset::model::ordered;
use crate::http::{Resource, get_or_head};
use schemas::{CodeAnswer, Comparison, DatasetDump, FamilyDetail, FamilyList};

pub const FAMILIES_URL: &str = "/api/v1/families";
pub const DATASET_URL: &str = "/api/v1/dataset.json";
pub const OPENAPI_URL: &str = "/api/v1/openapi.json";

pub fn family_url(family: &str) -> String {
    format!("{FAMILIES_URL}/{family}")
}

pub fn code_url(family: &str, code: u16) -> String {
    format!("{FAMILIES_URL}/{family}/codes/{code}")
}

pub fn comparison_url(family: &str, a: u16, b: u16) -> String {
    let (low, high) = ordered(a, b);
    format!("{FAMILIES_URL}/{family}/compare/{low}/{high}")
}

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
        .route("/dataset.json", get_or_head().to(handlers::dataset))
        .route("/openapi.json", get_or_head().to(handlers::openapi));
}

/// Renders every API answer that does not depend on a free-form number.
pub fn render_all(dataset: &Dataset, answers: &mut HashMap<String, Resource>) {
    let ui = &dataset.source_language().ui;
    answers.insert(
        FAMILIES_URL.to_owned(),
        Resource::json(&FamilyList::of(dataset)),
    );
    answers.insert(
        DATASET_URL.to_owned(),
        Resource::json(&DatasetDump::of(dataset)),
    );
    answers.insert(
        OPENAPI_URL.to_owned(),
        Resource::json(&openapi::document(dataset)),
    );
    for family in &dataset.families {
        answers.insert(
            family_url(&family.slug),
            Resource::json(&FamilyDetail::of(dataset, family)),
        );
        for code in &family.codes {
            answers.insert(
                code_url(&family.slug, code.code),
                Resource::json(&CodeAnswer::of(dataset, code)),
            );
        }
        for (a, b) in family.pairs() {
            answers.insert(
                comparison_url(&family.slug, a.code, b.code),
                Resource::json(&Comparison::of(dataset, family, a, b, ui)),
            );
        }
    }
}
