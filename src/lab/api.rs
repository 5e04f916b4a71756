//! The lab as JSON: its cases, and one run's report.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::Lab;
use super::report::{CaseList, Report, case_list, report};
use crate::dataset::Dataset;
use crate::http::checks::{LangQuery, edition_for};
use crate::http::{Problem, Query, Resource, RouteLabel, get_or_head, labelled};
use crate::urls::lab::CASES_URL;

/// Registered inside the API's `/api/v1` scope.
pub fn config(cfg: &mut web::ServiceConfig) {
    let path = |url: &str| url.trim_start_matches("/api/v1").to_owned();
    cfg.service(labelled(
        &path(CASES_URL),
        RouteLabel("api_lab"),
        get_or_head().to(lab_cases),
    ))
    .service(labelled(
        &path(&crate::urls::lab::run_api_url("{run}")),
        RouteLabel("api_lab"),
        get_or_head().to(lab_run),
    ));
}

/// Every case of the close-handling lab: what the server does, what a
/// conformant client must do, the RFC 6455 sections that say so, and the
/// Autobahn testsuite case it matches.
#[utoipa::path(
    get,
    path = "/api/v1/lab/cases",
    tag = "lab",
    params(LangQuery),
    responses(
        (status = 200, description = "The lab's cases", body = CaseList),
        (status = 400, description = "Unknown language", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn lab_cases(
    request: HttpRequest,
    lang: Query<LangQuery>,
    dataset: web::Data<Dataset>,
) -> Result<HttpResponse, Problem> {
    let edition = edition_for(&dataset, lang.lang.as_deref())?;
    Ok(Resource::json(&case_list(&edition.lang)).respond(&request))
}

/// One run's report: every case with its verdict (`pass`, `fail`, `info`
/// or `not-run`), what the server observed and what was expected. Runs are
/// kept in this server's memory for an hour (the oldest go first past
/// 1000); a run id is not a secret.
#[utoipa::path(
    get,
    path = "/api/v1/lab/runs/{run}",
    tag = "lab",
    params(
        ("run" = String, Path, description = "The run id the client connected with", example = "my-client-1", pattern = "^[A-Za-z0-9_-]{1,64}$"),
        LangQuery,
    ),
    responses(
        (status = 200, description = "The run's report; every case `not-run` for a run this server has not seen", body = Report),
        (status = 400, description = "A malformed run id or an unknown language", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn lab_run(
    run: web::Path<String>,
    lang: Query<LangQuery>,
    dataset: web::Data<Dataset>,
    lab: web::Data<Lab>,
) -> Result<HttpResponse, Problem> {
    let run = super::run_id("run", &run)?;
    let edition = edition_for(&dataset, lang.lang.as_deref())?;
    let answer = report(
        &run,
        lab.runs.get(&run).as_ref(),
        lab.runs.limits(),
        edition,
    );
    // A report changes with every connection of its run.
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(answer))
}
