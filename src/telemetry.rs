use std::io::IsTerminal;
use std::time::Instant;

use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;
use clap::ValueEnum;
use tracing_subscriber::EnvFilter;

use crate::http::RouteLabel;
use crate::metrics::Metrics;

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Logs go to standard error through `tracing`; `RUST_LOG` filters them
/// (`RUST_LOG=warn` silences the line per request). Records from the `log`
/// crate, such as actix-web's, are forwarded.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second call (as in tests) keeps the first subscriber.
    let _ = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// Logs and counts every request: one line per request (peer, method, URI,
/// status, bytes, microseconds) and the request metrics.
pub async fn observe(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let metrics = request.app_data::<web::Data<Metrics>>().cloned();
    let peer = request.peer_addr().map(|peer| peer.ip());
    let outcome = next.call(request).await;
    let elapsed = started.elapsed();
    let (status, bytes, label) = match &outcome {
        Ok(response) => (
            response.status(),
            body_bytes(response.response().body().size()),
            label_of(response),
        ),
        Err(error) => (
            error.as_response_error().status_code(),
            None,
            RouteLabel::PAGE,
        ),
    };
    if let Some(metrics) = metrics {
        metrics.observe(label.0, status, elapsed);
    }
    if let Ok(response) = &outcome {
        let request = response.request();
        tracing::info!(
            target: "closecodes::request",
            peer = peer.map(tracing::field::display),
            method = %request.method(),
            uri = %request.uri(),
            status = status.as_u16(),
            bytes,
            micros = elapsed.as_micros() as u64,
        );
    }
    outcome
}

/// The label an answer from the store carries, else the one its route was
/// registered with.
fn label_of<B>(response: &ServiceResponse<B>) -> RouteLabel {
    let carried = response
        .response()
        .extensions()
        .get::<RouteLabel>()
        .copied();
    carried
        .or_else(|| response.request().app_data::<RouteLabel>().copied())
        .unwrap_or(RouteLabel::PAGE)
}

fn body_bytes(size: BodySize) -> Option<u64> {
    match size {
        BodySize::Sized(bytes) => Some(bytes),
        BodySize::None | BodySize::Stream => None,
    }
}
