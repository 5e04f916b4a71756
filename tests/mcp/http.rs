//! `/mcp` as HTTP: the API's security headers, `Origin` and `Host` checked,
//! request size bounded, no sessions.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app_naming_itself};

const LIST_TOOLS: &str = r#"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}"#;

async fn post(app: &TestApp, body: String, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}/mcp", app.address))
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-11-25")
        .body(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_plain_post_lists_the_tools_with_the_apis_security_headers_and_no_session() {
    let app = spawn_app_naming_itself().await;
    let response = post(&app, LIST_TOOLS.to_owned(), &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert!(headers.contains_key("closecodes-dataset-version"));
    // Only the site's own scripts may read it; the server refuses other origins anyway.
    assert!(!headers.contains_key("access-control-allow-origin"));
    assert!(
        !headers.contains_key("mcp-session-id"),
        "stateless: no session"
    );
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["result"]["tools"].as_array().unwrap().len(), 7);
}

#[tokio::test]
async fn only_the_sites_own_origin_may_call_from_a_browser() {
    let app = spawn_app_naming_itself().await;
    let own = app.address.clone();
    let response = post(&app, LIST_TOOLS.to_owned(), &[("origin", &own)]).await;
    assert_eq!(response.status(), StatusCode::OK, "{own}");
    for origin in [
        "https://evil.example",
        "http://127.0.0.1:1",
        "null",
        "http://localhost.evil.example",
    ] {
        let response = post(&app, LIST_TOOLS.to_owned(), &[("origin", origin)]).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{origin}");
        // A refusal still carries the security headers.
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    }
}

#[tokio::test]
async fn a_host_that_is_not_this_site_is_refused_against_dns_rebinding() {
    let app = spawn_app_naming_itself().await;
    let response = post(&app, LIST_TOOLS.to_owned(), &[("host", "rebound.example")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_request_over_64_kib_is_refused_and_the_next_one_is_served() {
    let app = spawn_app_naming_itself().await;
    let text = "x".repeat(70 * 1024);
    let big = json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call",
        "params": {"name": "explain_close_event", "arguments": {"text": text}}});
    let response = post(&app, big.to_string(), &[]).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let response = post(&app, LIST_TOOLS.to_owned(), &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_get_opens_no_stream_in_stateless_mode() {
    let app = spawn_app_naming_itself().await;
    let response = app
        .client
        .get(format!("{}/mcp", app.address))
        .header("accept", "text/event-stream")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}
