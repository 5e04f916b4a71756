//! The Autobahn testsuite fuzzingserver's protocol, so an existing client
//! driver runs the lab by changing its base URL to `/ws/lab/autobahn`: the
//! cases that need one connection, numbered from 1; the agent is the run.

use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use tokio::time::{Instant, sleep};

use super::cases::{self, Case};
use super::observe::Verdict;
use super::report::case_result;
use super::{Lab, run_case, run_id, say_and_close, start};
use crate::http::problem::ProblemType;
use crate::http::{Problem, Query};
use crate::urls::lab::run_page_url;

/// How long `getCaseStatus` waits for a case still running.
const STATUS_WAIT: Duration = Duration::from_secs(5);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutobahnParams {
    case: Option<String>,
    agent: Option<String>,
}

impl AutobahnParams {
    fn case(&self) -> Result<&'static Case, Problem> {
        let count = cases::autobahn_numbered().count();
        let number = self
            .case
            .as_deref()
            .ok_or_else(|| missing("case"))?
            .parse::<usize>()
            .ok()
            .filter(|number| (1..=count).contains(number))
            .ok_or_else(|| {
                Problem::new(
                    ProblemType::InvalidParameter,
                    format!("`case` must be a case number from 1 to {count}"),
                )
            })?;
        Ok(cases::autobahn_numbered()
            .nth(number - 1)
            .expect("checked above"))
    }

    /// A parameter the operation does not use is still checked: a malformed
    /// one is a mistake in the driver, better said than ignored.
    fn check_given(&self) -> Result<(), Problem> {
        if self.case.is_some() {
            self.case()?;
        }
        if self.agent.is_some() {
            self.agent()?;
        }
        Ok(())
    }

    fn agent(&self) -> Result<String, Problem> {
        run_id(
            "agent",
            self.agent.as_deref().ok_or_else(|| missing("agent"))?,
        )
    }
}

fn missing(parameter: &str) -> Problem {
    Problem::new(
        ProblemType::InvalidParameter,
        format!("missing query parameter `{parameter}`"),
    )
}

/// What the fuzzingserver calls a result's behaviour.
fn behavior(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "OK",
        Verdict::Fail => "FAILED",
        Verdict::Info => "INFORMATIONAL",
        Verdict::NotRun => "NOT RUN",
    }
}

/// The Autobahn fuzzingserver's endpoints: `getCaseCount`, `runCase`,
/// `getCaseInfo`, `getCaseStatus`, `updateReports`, each a WebSocket.
#[utoipa::path(
    get,
    path = "/ws/lab/autobahn/{operation}",
    tag = "lab",
    params(
        ("operation" = String, Path, description = "`getCaseCount`, `runCase`, `getCaseInfo`, `getCaseStatus` or `updateReports`", example = "getCaseCount"),
        ("case" = Option<String>, Query, description = "A case number from 1 (runCase, getCaseInfo, getCaseStatus)", example = "1", pattern = "^[0-9]{1,5}$"),
        ("agent" = Option<String>, Query, description = "The client's name, which is the run id (runCase, getCaseStatus, updateReports)", example = "my-client-1", pattern = "^[A-Za-z0-9_-]{1,64}$"),
    ),
    responses(
        (status = 101, description = "Switching Protocols: the server sends the answer (if any) as a text message, then closes; `runCase` runs the case"),
        (status = 400, description = "A missing or malformed `case` or `agent`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such operation", body = Problem, content_type = "application/problem+json"),
        (status = 426, description = "A plain HTTP request: connect with a WebSocket client", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn serve(
    request: HttpRequest,
    body: web::Payload,
    operation: web::Path<String>,
    params: Query<AutobahnParams>,
    lab: web::Data<Lab>,
) -> Result<HttpResponse, Problem> {
    params.check_given()?;
    match operation.as_str() {
        "getCaseCount" => {
            let count = cases::autobahn_numbered().count();
            start(&request, body, lab, move |_, connection| {
                say_and_close(connection, Some(count.to_string()), "")
            })
        }
        "getCaseInfo" => {
            let case = params.case()?;
            let info = serde_json::json!({
                "id": case.autobahn.as_deref().unwrap_or(&case.id),
                "description": case.server_does.en,
            });
            start(&request, body, lab, move |_, connection| {
                say_and_close(connection, Some(info.to_string()), "")
            })
        }
        "runCase" => {
            let case = params.case()?;
            let run = params.agent()?;
            start(&request, body, lab, move |lab, connection| async move {
                run_case(&lab, case, &run, connection).await;
            })
        }
        "getCaseStatus" => {
            let case = params.case()?;
            let run = params.agent()?;
            start(&request, body, lab, move |lab, connection| async move {
                let waited = Instant::now();
                let finished = loop {
                    let run = lab.runs.get(&run);
                    let running = run.as_ref().is_some_and(|run| run.is_running(&case.id));
                    if !running || waited.elapsed() > STATUS_WAIT {
                        break run;
                    }
                    sleep(Duration::from_millis(50)).await;
                };
                let verdict = case_result(case, finished.as_ref(), "en", Instant::now()).verdict;
                let status = serde_json::json!({ "behavior": behavior(verdict) });
                say_and_close(connection, Some(status.to_string()), "").await;
            })
        }
        "updateReports" => {
            let run = params.agent()?;
            let reason = format!("report: {}", run_page_url(&run));
            start(&request, body, lab, move |_, connection| async move {
                say_and_close(connection, None, &reason).await;
            })
        }
        other => Err(Problem::not_found(format!(
            "no Autobahn operation {other:?}; the lab answers getCaseCount, runCase, getCaseInfo, getCaseStatus and updateReports"
        ))),
    }
}
