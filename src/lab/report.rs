//! The lab's answers as data: its cases, and one run's report, made from
//! the catalogue and what the run recorded, in the reader's language.

use serde::Serialize;
use tokio::time::Instant;
use utoipa::ToSchema;

use super::cases::{CASES, Case, Script};
use super::observe::{Details, Verdict, grade};
use super::reconnect;
use super::runs::{Run, RunLimits};
use crate::dataset::Edition;
use crate::dataset::files::Reference;
use crate::urls::lab::{case_url, run_page_url};

/// One case of the lab.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseInfo {
    /// The case's path segment: connect to `/ws/lab/{id}?run={run}`.
    #[schema(example = "reason-124-bytes")]
    pub id: String,
    pub title: String,
    pub server_does: String,
    pub client_must: String,
    /// The Autobahn testsuite case (section 7) it matches, e.g. `7.3.6`.
    #[schema(example = "7.3.6")]
    pub autobahn: Option<String>,
    /// `false` for informational cases, which record without grading.
    pub graded: bool,
    pub references: Vec<Reference>,
    /// One connection that an echoing client (a browser's `WebSocket`, an
    /// Autobahn driver) runs unattended; `false` for reconnect cases.
    pub single_connection: bool,
    /// Its number for Autobahn drivers (`runCase?case=N`), if it has one.
    pub autobahn_number: Option<usize>,
    /// Its socket, with `RUN` to replace by a run id.
    #[schema(example = "/ws/lab/reason-124-bytes?run=RUN")]
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseList {
    pub cases: Vec<CaseInfo>,
}

pub fn case_info(case: &Case, lang: &str) -> CaseInfo {
    CaseInfo {
        id: case.id.clone(),
        title: case.title.get(lang).to_owned(),
        server_does: case.server_does.get(lang).to_owned(),
        client_must: expected(case, lang),
        autobahn: case.autobahn.clone(),
        graded: case.graded(),
        references: case.references.clone(),
        single_connection: case.single_connection(),
        autobahn_number: super::cases::autobahn_numbered()
            .position(|numbered| numbered.id == case.id)
            .map(|index| index + 1),
        url: case_url(&case.id, "RUN"),
    }
}

pub fn case_list(lang: &str) -> CaseList {
    CaseList {
        cases: CASES.iter().map(|case| case_info(case, lang)).collect(),
    }
}

/// What a conformant client does; for reconnect cases, with the rule.
fn expected(case: &Case, lang: &str) -> String {
    let must = case.client_must.get(lang);
    match case.script {
        Script::Reconnect(_) => {
            let (en, vi) = reconnect::rule();
            format!("{must} {}", if lang == "vi" { vi } else { en })
        }
        Script::Frames(_) => must.to_owned(),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseResult {
    #[schema(example = "reason-124-bytes")]
    pub id: String,
    pub title: String,
    pub autobahn: Option<String>,
    pub verdict: Verdict,
    /// What the server saw, in words.
    pub observed: String,
    /// What a conformant client does.
    pub expected: String,
    /// The facts behind the verdict; `null` for a case not run.
    pub details: Option<Details>,
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct Summary {
    pub pass: usize,
    pub fail: usize,
    pub info: usize,
    pub not_run: usize,
}

/// One run's report.
#[derive(Debug, Serialize, ToSchema)]
pub struct Report {
    pub run: String,
    /// Whether this server holds anything for the run.
    pub recorded: bool,
    /// Seconds since the run's first connection.
    pub age_seconds: Option<u64>,
    /// How long a run is kept, and how many runs, before the oldest go.
    pub kept_seconds: u64,
    pub kept_runs: usize,
    /// Run ids are not secret: anyone who knows one can read its report.
    pub note: String,
    /// The report as a page.
    pub page: String,
    pub summary: Summary,
    pub cases: Vec<CaseResult>,
}

pub fn not_secret(lang: &str) -> &'static str {
    if lang == "vi" {
        "Mã lượt chạy không phải bí mật: ai biết nó đều đọc được báo cáo này. Lượt chạy chỉ nằm trong bộ nhớ của máy chủ, không ghi ra đĩa, và bị xóa khi hết hạn hoặc khi máy chủ khởi động lại."
    } else {
        "A run id is not a secret: anyone who knows it can read this report. Runs live only in the server's memory, never on disk, and are dropped when they expire or the server restarts."
    }
}

/// The verdict of one case in a run, with what was seen.
pub fn case_result(case: &Case, run: Option<&Run>, lang: &str, now: Instant) -> CaseResult {
    let not_run = || {
        (
            Verdict::NotRun,
            if lang == "vi" {
                "Chưa chạy.".to_owned()
            } else {
                "Not run yet.".to_owned()
            },
            None,
        )
    };
    let (verdict, observed, details) = match &case.script {
        Script::Frames(_) => match run.and_then(|run| run.results.get(case.id.as_str())) {
            Some(observation) => {
                let graded = grade(case, observation, lang);
                (graded.verdict, graded.observed, Some(graded.details))
            }
            None => not_run(),
        },
        Script::Reconnect(_) => match run.and_then(|run| run.reconnects.get(case.id.as_str())) {
            Some(attempts) => {
                let graded = reconnect::grade(attempts, now);
                let observed = if lang == "vi" {
                    graded.observed.1
                } else {
                    graded.observed.0
                };
                let details = Details {
                    close: None,
                    after_close: Vec::new(),
                    tcp_closed_by: None,
                    tcp_closed_after_ms: None,
                    problems: Vec::new(),
                    gaps_ms: graded.gaps_ms,
                };
                (graded.verdict, observed, Some(details))
            }
            None => not_run(),
        },
    };
    CaseResult {
        id: case.id.clone(),
        title: case.title.get(lang).to_owned(),
        autobahn: case.autobahn.clone(),
        verdict,
        observed,
        expected: expected(case, lang),
        details,
    }
}

/// The report of `run_id` in `edition`'s language, linking its page there.
pub fn report(run_id: &str, run: Option<&Run>, limits: RunLimits, edition: &Edition) -> Report {
    let lang = edition.lang.as_str();
    let now = Instant::now();
    let cases: Vec<CaseResult> = CASES
        .iter()
        .map(|case| case_result(case, run, lang, now))
        .collect();
    let mut summary = Summary::default();
    for case in &cases {
        *match case.verdict {
            Verdict::Pass => &mut summary.pass,
            Verdict::Fail => &mut summary.fail,
            Verdict::Info => &mut summary.info,
            Verdict::NotRun => &mut summary.not_run,
        } += 1;
    }
    Report {
        run: run_id.to_owned(),
        recorded: run.is_some(),
        age_seconds: run.map(|run| run.age().as_secs()),
        kept_seconds: limits.max_age.as_secs(),
        kept_runs: limits.max_runs,
        note: not_secret(lang).to_owned(),
        page: edition.page_url(&run_page_url(run_id)),
        summary,
        cases,
    }
}
