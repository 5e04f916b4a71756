//! Bad parameters are refused before the upgrade, with the reason.

use reqwest::StatusCode;
use reqwest::header::UPGRADE;

use crate::helpers::spawn_app;

#[tokio::test]
async fn codes_that_cannot_be_sent_and_bad_values_are_400_problems() {
    let app = spawn_app().await;
    let long_reason = "é".repeat(62);
    for (query, explanation) in [
        ("?close=1004".to_owned(), "1004 is reserved"),
        ("?close=1015".to_owned(), "TLS handshake"),
        ("?close=70000".to_owned(), "`close`"),
        ("?close=999".to_owned(), "outside 1000-4999"),
        ("?close=5000".to_owned(), "outside 1000-4999"),
        ("?close=2000".to_owned(), "unassigned"),
        ("?close=abc".to_owned(), "`close`"),
        (
            "?close=1000&after=70000".to_owned(),
            "`after` is at most 60000",
        ),
        ("?close=1000&after=-1".to_owned(), "`after`"),
        (format!("?close=1000&reason={long_reason}"), "at most 123"),
        ("?close=1006&reason=x".to_owned(), "cannot carry a reason"),
        ("?after=10".to_owned(), "need `close`"),
        ("?clsoe=1000".to_owned(), "clsoe"),
    ] {
        let problem = app
            .get_problem(&format!("/ws/echo{query}"), StatusCode::BAD_REQUEST)
            .await;
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains(explanation), "{query}: {detail}");
    }
}

#[tokio::test]
async fn a_plain_http_request_is_told_to_upgrade() {
    let app = spawn_app().await;
    let problem = app
        .get_problem("/ws/echo?close=1000", StatusCode::UPGRADE_REQUIRED)
        .await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("WebSocket client")
    );
    let response = app.get("/ws/echo").await;
    assert_eq!(response.headers()[UPGRADE], "websocket");
}
