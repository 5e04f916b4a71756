//! `/mcp`: the MCP server over Streamable HTTP, in rmcp's stateless mode
//! (no session is kept between requests, so there are none to bound; the
//! requests in flight are). rmcp's service speaks `http` 1.x and actix
//! `http` 0.2, so the bridge copies method, URI, headers and body across.
//! rmcp checks `Host` (against DNS rebinding) and `Origin` (only the site's
//! own origin may call from a browser), as the MCP specification asks of a
//! server reachable from browsers.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use http_body_util::{BodyExt, Full};
use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};

use super::Closecodes;
use crate::http::RouteLabel;
use crate::http::capacity::Capacity;
use crate::http::policy::Policy;
use crate::urls::{MCP_URL, PublicUrl};

/// A request body larger than this is refused (413): a tool call is a few
/// hundred bytes; explain's longest text is 4000 characters.
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;
/// MCP requests answered at once; more get 503 and `Retry-After`.
pub const MAX_IN_FLIGHT: usize = 64;

pub struct McpEndpoint {
    service: StreamableHttpService<Closecodes, NeverSessionManager>,
    in_flight: Arc<Capacity>,
}

impl McpEndpoint {
    pub fn new(server: Closecodes, public_url: &PublicUrl) -> McpEndpoint {
        let (origin, host) = origin_and_host(public_url.as_str());
        let config = StreamableHttpServerConfig::default()
            .with_legacy_session_mode(false)
            .with_json_response(true)
            .with_sse_keep_alive(None)
            .with_max_request_body_bytes(MAX_REQUEST_BYTES)
            .with_allowed_hosts(["localhost", "127.0.0.1", "[::1]", host.as_str()])
            .with_allowed_origins([origin])
            .enforce_origin_validation();
        McpEndpoint {
            service: StreamableHttpService::new(
                move || Ok(server.clone()),
                Arc::new(NeverSessionManager::default()),
                config,
            ),
            in_flight: Capacity::new(MAX_IN_FLIGHT),
        }
    }
}

/// `https://closecodes.dev` → (`https://closecodes.dev:443`, `closecodes.dev`):
/// the origin with its port spelled out, as rmcp matches origins by port.
fn origin_and_host(public_url: &str) -> (String, String) {
    let (scheme, rest) = public_url.split_once("://").unwrap_or(("http", public_url));
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    let origin = if authority.len() > host.len() {
        format!("{scheme}://{authority}")
    } else {
        let port = if scheme == "https" { 443 } else { 80 };
        format!("{scheme}://{authority}:{port}")
    };
    (origin, host.to_owned())
}

pub fn config(cfg: &mut web::ServiceConfig, endpoint: web::Data<McpEndpoint>, version: &str) {
    cfg.service(
        web::resource(MCP_URL)
            .app_data(endpoint)
            .app_data(RouteLabel("mcp"))
            .app_data(web::PayloadConfig::new(MAX_REQUEST_BYTES))
            .wrap(Policy::MCP.default_headers(version))
            .route(web::route().to(serve)),
    );
}

async fn serve(
    request: HttpRequest,
    body: web::Bytes,
    endpoint: web::Data<McpEndpoint>,
) -> HttpResponse {
    let Some(slot) = endpoint.in_flight.take() else {
        return HttpResponse::ServiceUnavailable()
            .insert_header((header::RETRY_AFTER, "1"))
            .json(serde_json::json!({
                "jsonrpc": "2.0",
                "id": null,
                "error": {"code": -32000, "message": "too many MCP requests at once; try again in a second"},
            }));
    };
    let mut forwarded = http::Request::builder()
        .method(request.method().as_str())
        .uri(request.uri().to_string());
    for (name, value) in request.headers() {
        forwarded = forwarded.header(name.as_str(), value.as_bytes());
    }
    let forwarded = match forwarded.body(Full::new(body)) {
        Ok(forwarded) => forwarded,
        Err(error) => return HttpResponse::BadRequest().body(error.to_string()),
    };
    let answer = endpoint.service.handle(forwarded).await;
    let (parts, body) = answer.into_parts();
    let status =
        StatusCode::from_u16(parts.status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = HttpResponse::build(status);
    for (name, value) in &parts.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            response.append_header((name, value));
        }
    }
    // The place is given back when the answer has been sent.
    response.streaming(body.into_data_stream().map(move |chunk| {
        let _in_flight = &slot;
        chunk
    }))
}

#[cfg(test)]
mod tests {
    use super::origin_and_host;

    #[test]
    fn the_origin_names_its_port() {
        for (url, origin, host) in [
            (
                "https://closecodes.dev",
                "https://closecodes.dev:443",
                "closecodes.dev",
            ),
            (
                "http://127.0.0.1:8080",
                "http://127.0.0.1:8080",
                "127.0.0.1",
            ),
            ("http://localhost", "http://localhost:80", "localhost"),
        ] {
            assert_eq!(
                origin_and_host(url),
                (origin.to_owned(), host.to_owned()),
                "{url}"
            );
        }
    }
}
