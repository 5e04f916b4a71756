//! `/lab` (what the lab is and how to run it) and `/lab/runs/{run}` (one
//! run's report), in every language, computed per request: a report
//! changes with each connection of its run.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::Lab;
use super::reconnect;
use super::report::{CaseInfo, CaseResult, Report, Summary, case_list, report};
use crate::chrome::{Layout, NotFoundPage, PageContext, requested_edition, respond_rendered};
use crate::dataset::ui::LabLabels;
use crate::dataset::{Dataset, route_lang};
use crate::http::{get_or_head, in_every_language};
use crate::urls::PublicUrl;
use crate::urls::lab::{AUTOBAHN, CASES_URL, PAGE, is_run_id, run_api_url, run_page_url};

#[allow(unused_imports)]
use crate::markup as filters;

pub fn config(cfg: &mut web::ServiceConfig) {
    in_every_language(cfg, PAGE, "lab_page", &|| get_or_head().to(lab_page));
    in_every_language(cfg, &run_page_url("{run}"), "lab_page", &|| {
        get_or_head().to(run_page)
    });
}

#[derive(Template)]
#[template(path = "lab/index.html")]
struct LabPage<'a> {
    layout: Layout<'a>,
    labels: &'a LabLabels,
    cases: Vec<CaseInfo>,
    /// `ws://host` or `wss://host`, for the examples.
    ws_origin: String,
    http_origin: &'a str,
    autobahn_base: String,
    cases_url: String,
    reconnect_rule: String,
    run_pattern: &'static str,
    /// Where the browser runner links its report, in this page's language.
    report_prefix: String,
}

#[derive(Template)]
#[template(path = "lab/run.html")]
struct RunPage<'a> {
    layout: Layout<'a>,
    labels: &'a LabLabels,
    report: Report,
    summary: String,
    nothing_recorded: String,
}

impl RunPage<'_> {
    fn verdict_label(&self, case: &CaseResult) -> &str {
        use super::observe::Verdict;
        match case.verdict {
            Verdict::Pass => &self.labels.verdict_pass,
            Verdict::Fail => &self.labels.verdict_fail,
            Verdict::Info => &self.labels.verdict_info,
            Verdict::NotRun => &self.labels.verdict_not_run,
        }
    }
}

fn ws_origin(public_url: &str) -> String {
    public_url
        .strip_prefix("https://")
        .map(|rest| format!("wss://{rest}"))
        .or_else(|| {
            public_url
                .strip_prefix("http://")
                .map(|rest| format!("ws://{rest}"))
        })
        .unwrap_or_else(|| public_url.to_owned())
}

fn summary_text(labels: &LabLabels, summary: &Summary) -> String {
    labels
        .summary
        .replace("{pass}", &summary.pass.to_string())
        .replace("{fail}", &summary.fail.to_string())
        .replace("{info}", &summary.info.to_string())
        .replace("{not_run}", &summary.not_run.to_string())
}

async fn lab_page(
    request: HttpRequest,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
    not_found: web::Data<NotFoundPage>,
) -> HttpResponse {
    let Some(edition) = requested_edition(&request, &dataset) else {
        return not_found.0(&dataset, public_url.as_str(), request.path());
    };
    let context = PageContext {
        dataset: &dataset,
        edition,
        public_url: public_url.as_str(),
        path: PAGE.to_owned(),
    };
    let labels = &edition.ui.lab;
    let mut layout = context.layout(labels.title.clone(), labels.description.clone());
    layout.breadcrumbs = vec![context.home_crumb()];
    layout.api_url = context.api_url(CASES_URL.to_owned());
    let (rule_en, rule_vi) = reconnect::rule();
    let page = LabPage {
        layout,
        labels,
        cases: case_list(&edition.lang).cases,
        ws_origin: ws_origin(public_url.as_str()),
        http_origin: public_url.as_str(),
        autobahn_base: format!("{}{AUTOBAHN}", ws_origin(public_url.as_str())),
        cases_url: crate::urls::api::localized(CASES_URL, route_lang(&edition.lang)),
        reconnect_rule: if edition.lang == "vi" {
            rule_vi
        } else {
            rule_en
        },
        run_pattern: "[A-Za-z0-9_-]{1,64}",
        report_prefix: edition.page_url(&run_page_url("")),
    };
    respond_rendered(&request, StatusCode::OK, page.render())
}

async fn run_page(
    request: HttpRequest,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
    lab: web::Data<Lab>,
    not_found: web::Data<NotFoundPage>,
) -> HttpResponse {
    let run = request.match_info().get("run").unwrap_or_default();
    let edition = requested_edition(&request, &dataset);
    let (Some(edition), true) = (edition, is_run_id(run)) else {
        return not_found.0(&dataset, public_url.as_str(), request.path());
    };
    let context = PageContext {
        dataset: &dataset,
        edition,
        public_url: public_url.as_str(),
        path: run_page_url(run),
    };
    let labels = &edition.ui.lab;
    let title = labels.report_title.replace("{run}", run);
    let mut layout = context.layout(title, labels.report_intro.clone());
    layout.breadcrumbs = vec![
        context.home_crumb(),
        (labels.heading.clone(), edition.page_url(PAGE)),
    ];
    layout.api_url = context.api_url(run_api_url(run));
    let report = report(run, lab.runs.get(run).as_ref(), lab.runs.limits(), edition);
    let page = RunPage {
        layout,
        labels,
        summary: summary_text(labels, &report.summary),
        nothing_recorded: labels.nothing_recorded.replace("{run}", run),
        report,
    };
    let mut response = respond_rendered(&request, StatusCode::OK, page.render());
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    // A report is for the people who ran it, not for search engines.
    response.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        header::HeaderValue::from_static("noindex"),
    );
    response
}
