//! The close-handling lab: WebSocket cases on which the server misbehaves
//! on purpose and grades what the client does back (`/ws/lab/{case}?run=`),
//! the Autobahn fuzzingserver's protocol over them (`/ws/lab/autobahn/…`),
//! the cases and each run's report as JSON (`/api/v1/lab/…`) and as pages
//! (`/lab`, `/lab/runs/{run}`). Runs live in memory only, bounded.

pub mod api;
pub mod autobahn;
pub mod cases;
pub mod frames;
pub mod observe;
mod pages;
pub mod reconnect;
pub mod report;
pub mod runs;
mod socket;

use std::sync::Arc;
use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use tokio::time::sleep;

use cases::{Case, Expect, Script};
use frames::OutFrame;
use runs::{RunLimits, Runs};
use socket::Connection;

use crate::http::capacity::{Capacity, Slot};
use crate::http::problem::ProblemType;
use crate::http::{Problem, Query, RouteLabel, get_or_head, labelled, require_websocket};
use crate::metrics::LabCounters;
use crate::urls::lab::{AUTOBAHN, SOCKETS, is_run_id, run_page_url};

/// How long the server waits for a client's answer to its Close.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(4);
/// How long it goes on reading after the client's Close, to see whether
/// the client keeps sending; then it closes TCP.
const LINGER: Duration = Duration::from_millis(300);

/// What every lab socket shares.
pub struct Lab {
    pub runs: Runs,
    capacity: Arc<Capacity>,
}

impl Lab {
    pub fn new(limits: RunLimits, max_sockets: usize, counters: LabCounters) -> Lab {
        Lab {
            runs: Runs::new(limits, counters),
            capacity: Capacity::new(max_sockets),
        }
    }

    pub fn open_sockets(&self) -> usize {
        self.capacity.open()
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(serve_case, autobahn::serve, api::lab_cases, api::lab_run),
    components(schemas(
        report::CaseList, report::CaseInfo, report::Report,
        report::CaseResult, report::Summary, observe::Verdict, observe::Details,
        observe::ClientClose, observe::Side,
    )),
    tags((name = "lab", description = "The close-handling lab: WebSocket cases that misbehave on purpose, and each run's report")),
)]
struct LabDoc;

/// The lab's endpoints in the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    <LabDoc as utoipa::OpenApi>::openapi()
}

pub fn config(cfg: &mut web::ServiceConfig) {
    let label = RouteLabel("lab");
    cfg.service(labelled(
        &format!("{AUTOBAHN}/{{operation}}"),
        label,
        get_or_head().to(autobahn::serve),
    ))
    .service(labelled(
        &format!("{SOCKETS}/{{case}}"),
        label,
        get_or_head().to(serve_case),
    ));
    pages::config(cfg);
}

/// A run id from a request, or a problem naming the rule.
pub fn run_id(parameter: &str, value: &str) -> Result<String, Problem> {
    if is_run_id(value) {
        Ok(value.to_owned())
    } else {
        Err(Problem::new(
            ProblemType::InvalidParameter,
            format!(
                "`{parameter}` must be a run id: 1 to 64 letters, digits, `-` or `_` (got {value:?})"
            ),
        ))
    }
}

fn unknown_case(id: &str) -> Problem {
    Problem::not_found(format!(
        "no lab case {id:?}; the cases are listed at {}",
        crate::urls::lab::CASES_URL
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunParams {
    pub run: String,
}

/// One lab case: connect with a WebSocket client that echoes what it
/// receives, and read the verdict at `/api/v1/lab/runs/{run}`.
#[utoipa::path(
    get,
    path = "/ws/lab/{case}",
    tag = "lab",
    params(
        ("case" = String, Path, description = "A case id from `/api/v1/lab/cases`", example = "reason-124-bytes"),
        ("run" = String, Query, description = "The run the connection counts for: 1–64 letters, digits, `-` or `_`", example = "my-client-1", pattern = "^[A-Za-z0-9_-]{1,64}$"),
    ),
    responses(
        (status = 101, description = "Switching Protocols: the case runs on this connection"),
        (status = 400, description = "A missing or malformed `run`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"),
        (status = 426, description = "A plain HTTP request: connect with a WebSocket client", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn serve_case(
    request: HttpRequest,
    body: web::Payload,
    case: web::Path<String>,
    params: Query<RunParams>,
    lab: web::Data<Lab>,
) -> Result<HttpResponse, Problem> {
    let case = cases::find(&case).ok_or_else(|| unknown_case(&case))?;
    let run = run_id("run", &params.run)?;
    start(&request, body, lab, move |lab, connection| async move {
        run_case(&lab, case, &run, connection).await;
    })
}

/// Upgrades, then runs `session` on the connection while a socket place is
/// free; past the limit the connection is closed at once with 1013.
fn start<F, Fut>(
    request: &HttpRequest,
    body: web::Payload,
    lab: web::Data<Lab>,
    session: F,
) -> Result<HttpResponse, Problem>
where
    F: FnOnce(Arc<Lab>, Connection) -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    require_websocket(
        request,
        "e.g. `websocat 'ws://HOST/ws/lab/close-code-only?run=my-run'`",
    )?;
    let (response, mut connection) = socket::upgrade(request, body)?;
    let lab = lab.into_inner();
    let slot: Option<Slot> = lab.capacity.take();
    actix_web::rt::spawn(async move {
        let Some(_slot) = slot else {
            let busy = OutFrame::close(Some(1013), b"too many lab sockets; try again later");
            connection.send(&[busy]).await;
            connection.read_answer(ANSWER_WITHIN, Duration::ZERO).await;
            connection.finish();
            return;
        };
        session(lab, connection).await;
    });
    Ok(response)
}

async fn run_case(lab: &Lab, case: &'static Case, run: &str, mut connection: Connection) {
    match &case.script {
        Script::Frames(frames) => {
            lab.runs.started(run, case);
            // As Autobahn's 7.1.1 does, the Close waits for the echo.
            let split = frames
                .iter()
                .position(|frame| frame.opcode == frames::OP_CLOSE)
                .unwrap_or(frames.len());
            if let Expect::CloseWith {
                echo: Some(echo), ..
            } = case.expect
            {
                connection.send(&frames[..split]).await;
                connection.read_echo(echo.as_bytes(), ANSWER_WITHIN).await;
                connection.send(&frames[split..]).await;
            } else {
                connection.send(frames).await;
            }
            let linger = match case.expect {
                Expect::ClosesTcpWithin(bound) => bound,
                _ => LINGER,
            };
            connection.read_answer(ANSWER_WITHIN, linger).await;
            let observation = connection.finish();
            lab.runs.finished(run, case, observation);
        }
        Script::Reconnect(code) => {
            let index = lab.runs.reconnect_opened(run, case);
            sleep(reconnect::CLOSE_AFTER).await;
            let close = match index {
                Some(index) if index < reconnect::ATTEMPTS => OutFrame::close(
                    Some(*code),
                    format!("lab: reconnect {} of {}", index + 1, reconnect::ATTEMPTS).as_bytes(),
                ),
                _ => OutFrame::close(
                    Some(1000),
                    format!("lab: done; report at {}", run_page_url(run)).as_bytes(),
                ),
            };
            connection.send(&[close]).await;
            connection.read_answer(ANSWER_WITHIN, Duration::ZERO).await;
            connection.finish();
            if let Some(index) = index {
                lab.runs.reconnect_ended(run, case, index);
            }
        }
    }
}

/// Sends one text message (if any) and a Close, as the fuzzingserver's
/// information endpoints do, and ends the connection.
async fn say_and_close(mut connection: Connection, text: Option<String>, reason: &str) {
    let mut frames: Vec<OutFrame> = text.iter().map(|text| OutFrame::text(text)).collect();
    frames.push(OutFrame::close(Some(1000), reason.as_bytes()));
    connection.send(&frames).await;
    connection.read_answer(ANSWER_WITHIN, Duration::ZERO).await;
    connection.finish();
}
