//! `/ws/echo`: a live WebSocket endpoint that echoes what it receives and
//! closes with the code a developer asks for, so they can test their close
//! handling against a real peer. Every limit is bounded (see
//! [`WebSocketLimits`]).

mod frame_limit;
mod params;
mod session;

use std::sync::Arc;
use std::time::Duration;

use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use tokio::sync::watch;

pub use params::{EchoParams, Ending, ending_for};

use crate::http::capacity::Capacity;
use crate::http::problem::ProblemType;
use crate::http::{Problem, Query, RouteLabel, get_or_head, labelled, require_websocket};

/// The bounds of `/ws/echo`: nothing a client sends can grow past them.
#[derive(Debug, Clone, Copy)]
pub struct WebSocketLimits {
    pub max_message: usize,
    pub max_sockets: usize,
    pub idle_timeout: Duration,
}

impl Default for WebSocketLimits {
    fn default() -> WebSocketLimits {
        WebSocketLimits {
            max_message: 64 * 1024,
            max_sockets: 1000,
            idle_timeout: Duration::from_secs(120),
        }
    }
}

pub use crate::urls::ECHO_URL;

/// What every echo socket shares: the limits, the count of open sockets and
/// the signal that the server is stopping.
pub struct EchoService {
    limits: WebSocketLimits,
    capacity: Arc<Capacity>,
    stopping: watch::Sender<bool>,
}

impl EchoService {
    pub fn new(limits: WebSocketLimits) -> EchoService {
        EchoService {
            limits,
            capacity: Capacity::new(limits.max_sockets),
            stopping: watch::Sender::new(false),
        }
    }

    /// Tells every open socket to close with 1012 Service Restart.
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// How many sockets are open now.
    pub fn open(&self) -> usize {
        self.capacity.open()
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(echo),
    tags((name = "websocket", description = "A live WebSocket endpoint that echoes and closes with the code you ask for")),
)]
struct EchoDoc;

/// `/ws/echo` in the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    <EchoDoc as utoipa::OpenApi>::openapi()
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(labelled(
        ECHO_URL,
        RouteLabel("websocket"),
        get_or_head().to(echo),
    ));
}

/// Echo WebSocket: echoes text and binary messages, and closes on request.
///
/// Connect with a WebSocket client (this is a GET with `Upgrade: websocket`).
/// Without `close`, the socket echoes until the client closes it, it stays
/// idle too long (closed with 3008 Timeout), a message is too big (1009) or
/// not valid UTF-8 (1007), or the server stops (1012). Past the limit of open
/// sockets a new one is accepted and closed at once with 1013 Try Again Later.
/// Every parameter is checked before the upgrade; a bad one is a 400 problem.
#[utoipa::path(
    get,
    path = "/ws/echo",
    tag = "websocket",
    params(EchoParams),
    responses(
        (status = 101, description = "Switching Protocols: the WebSocket is open"),
        (status = 400, description = "A parameter that cannot be honoured, e.g. `close=1004`, `after=70000`, or a reason over 123 bytes", body = Problem, content_type = "application/problem+json"),
        (status = 426, description = "A plain HTTP request: connect with a WebSocket client", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn echo(
    request: HttpRequest,
    body: web::Payload,
    params: Query<EchoParams>,
    service: web::Data<EchoService>,
) -> Result<HttpResponse, Problem> {
    let ending = params.ending()?;
    require_websocket(
        &request,
        &format!("e.g. `websocat ws://HOST{ECHO_URL}?close=1000`"),
    )?;
    let mut limited = frame_limit::limit(body.into_inner(), service.limits.max_message);
    let body = web::Payload::from_request(&request, &mut limited)
        .await
        .map_err(|error| Problem::new(ProblemType::InvalidParameter, error.to_string()))?;
    let (response, socket, messages) = actix_ws::handle(&request, body)
        .map_err(|error| Problem::new(ProblemType::InvalidParameter, error.to_string()))?;
    let limits = service.limits;
    let stopping = service.stopping.subscribe();
    let slot = service.capacity.take();
    actix_web::rt::spawn(session::run(
        socket, messages, ending, slot, limits, stopping,
    ));
    Ok(response)
}
