//! `/metrics` in the Prometheus text format.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE};
use tokio_tungstenite::connect_async;

use crate::helpers::{TestApp, metric_sample, spawn_app};

async fn metrics(app: &TestApp) -> String {
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "text/plain; version=0.0.4"
    );
    assert_eq!(response.headers()[CACHE_CONTROL], "no-store");
    response.text().await.unwrap()
}

#[tokio::test]
async fn requests_are_counted_by_route_and_status() {
    let app = spawn_app().await;
    for path in [
        "/websocket/1009",
        "/vi/websocket/1009",
        "/websocket/1009-vs-1012",
        "/no/such/page",
        "/api/v1/families/websocket/codes/1009",
        "/api/v1/families/websocket/codes/1009?lang=en",
        "/api/v1/families/nope",
        "/api/v1/search?q=1009",
        "/api/v1/lookup/4004",
        "/api/v1/explain?text=close+1006",
        "/static/style.css",
        "/search?q=going+away",
        "/vi/lookup/4999",
        "/explain?text=close+1006",
        "/embed/websocket/1009",
        "/badge/websocket/1009.svg",
        "/api/docs/",
        "/healthz",
    ] {
        app.get(path).await;
    }
    let text = metrics(&app).await;
    let requests = [
        ("page", "200", 3.0),
        ("page", "404", 1.0),
        ("api", "200", 2.0),
        ("api", "404", 1.0),
        ("api_search", "200", 1.0),
        ("api_lookup", "200", 1.0),
        ("api_explain", "200", 1.0),
        ("asset", "200", 1.0),
        ("search_page", "200", 1.0),
        ("lookup_page", "200", 1.0),
        ("explain_page", "200", 1.0),
        ("embed", "200", 2.0),
        ("api_docs", "200", 1.0),
        ("healthz", "200", 1.0),
    ]
    .map(|(route, status, count)| {
        let series =
            format!(r#"closecodes_http_requests_total{{route="{route}",status="{status}"}}"#);
        (series, count)
    });
    let latencies = [
        (
            r#"closecodes_http_request_duration_seconds_count{route="page"}"#,
            4.0,
        ),
        (
            r#"closecodes_http_request_duration_seconds_bucket{route="api",le="+Inf"}"#,
            3.0,
        ),
    ]
    .map(|(series, count)| (series.to_owned(), count));
    for (series, expected) in requests.into_iter().chain(latencies) {
        assert_eq!(
            metric_sample(&text, &series),
            Some(expected),
            "{series} in\n{text}"
        );
    }
    // Every request is in some bucket, and all took under a second.
    assert_eq!(
        metric_sample(
            &text,
            r#"closecodes_http_request_duration_seconds_bucket{route="page",le="1"}"#
        ),
        Some(4.0)
    );
    // The process reports its own memory, which the soak script reads (on
    // Linux, where it comes from /proc).
    if cfg!(target_os = "linux") {
        let resident = metric_sample(&text, "process_resident_memory_bytes").unwrap();
        assert!(resident > 1e6, "{resident}");
    }
    // The pages asked for without compression are kept uncompressed.
    let stored = metric_sample(&text, r#"closecodes_stored_bytes{form="identity"}"#).unwrap();
    assert!(stored > 1e4, "{stored}");
    let answers = metric_sample(&text, "closecodes_stored_answers").unwrap();
    assert!(answers >= 1.0, "{answers}");
    // The scrape itself is counted by the next one.
    let again = metrics(&app).await;
    assert_eq!(
        metric_sample(
            &again,
            r#"closecodes_http_requests_total{route="metrics",status="200"}"#
        ),
        Some(1.0)
    );
}

#[tokio::test]
async fn open_websockets_are_a_gauge() {
    let app = spawn_app().await;
    let open = |text: String| metric_sample(&text, "closecodes_websockets_open");
    assert_eq!(open(metrics(&app).await), Some(0.0));
    let url = format!("{}/ws/echo", app.address.replacen("http", "ws", 1));
    let (mut first, _) = connect_async(&url).await.unwrap();
    let (second, _) = connect_async(&url).await.unwrap();
    assert_eq!(open(metrics(&app).await), Some(2.0));
    first.close(None).await.unwrap();
    drop(second);
    // Sockets are counted until the server has seen them go.
    let mut waited = 0;
    while open(metrics(&app).await) != Some(0.0) {
        assert!(waited < 100, "the gauge never went back to 0");
        waited += 1;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
