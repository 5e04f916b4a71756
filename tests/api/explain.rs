//! `GET /api/v1/explain?text=`: what a pasted line is about, best first, with
//! the evidence, in every language; bad input is a 400 problem, never a 500.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{CODE_CONTRACT_FIELDS, spawn_app};

fn url(text: &str, lang: Option<&str>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("text", text);
    if let Some(lang) = lang {
        query.append_pair("lang", lang);
    }
    format!("/api/v1/explain?{}", query.finish())
}

fn top(answer: &Value) -> (&str, u64) {
    let best = &answer["candidates"][0];
    (
        best["family"].as_str().unwrap(),
        best["code"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn a_pasted_line_answers_with_ranked_candidates_and_evidence() {
    let app = spawn_app().await;
    let text = "websocket: close 1006 (abnormal closure): unexpected EOF";
    let answer = app.get_json(&url(text, None)).await;
    assert_eq!(answer["text"], text);
    assert_eq!(answer["lang"], "en");
    assert!(answer["dataset_version"].is_string());
    assert_eq!(top(&answer), ("websocket", 1006));
    let best = &answer["candidates"][0];
    let confidence = best["confidence"].as_f64().unwrap();
    assert!((0.9..=1.0).contains(&confidence), "{confidence}");
    for field in CODE_CONTRACT_FIELDS {
        assert!(!best["entry"][field].is_null(), "entry lacks {field}");
    }
    let evidence = best["evidence"].as_array().unwrap();
    let message = evidence
        .iter()
        .find(|e| e["kind"] == "library_message")
        .expect("gorilla's message is evidence");
    assert_eq!(message["library"], "gorilla/websocket");
    assert!(
        message["source"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://github.com/gorilla/websocket/")
    );
    assert!(
        message["text"]
            .as_str()
            .unwrap()
            .contains("gorilla/websocket")
    );
    // The other families that define 1006 follow, lower.
    let families: Vec<&str> = answer["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["family"].as_str().unwrap())
        .collect();
    assert!(families.contains(&"aws-api-gateway"), "{families:?}");
    assert_eq!(answer["observed"]["codes"][0]["code"], 1006);
    assert_eq!(
        answer["observed"]["libraries"][0]["slug"],
        "gorilla-websocket"
    );
}

#[tokio::test]
async fn the_family_comes_from_the_context() {
    let app = spawn_app().await;
    for (text, family, code) in [
        (
            "discord.errors.ConnectionClosed: Shard ID None WebSocket closed with 4014",
            "discord-gateway",
            4014,
        ),
        ("Protocol(ResetWithoutClosingHandshake)", "websocket", 1006),
        (
            "received 1011 (internal error) keepalive ping timeout; then sent 1011 (internal error) keepalive ping timeout",
            "websocket",
            1011,
        ),
        (
            "InvalidAccessError: Failed to execute 'close' on 'WebSocket': The code must be either 1000, or between 3000 and 4999. 1001 is neither.",
            "websocket",
            1001,
        ),
    ] {
        let answer = app.get_json(&url(text, None)).await;
        assert_eq!(top(&answer), (family, code), "{text}: {answer}");
    }
}

#[tokio::test]
async fn the_answer_speaks_the_language_asked_for() {
    let app = spawn_app().await;
    let answer = app
        .get_json(&url("websocket: close 1009 (message too big)", Some("vi")))
        .await;
    assert_eq!(answer["lang"], "vi");
    let best = &answer["candidates"][0];
    assert_eq!(best["entry"]["url"], "/vi/websocket/1009");
    assert_eq!(best["entry"]["name"], "Thông điệp quá lớn");
    let sentence = best["evidence"][0]["text"].as_str().unwrap();
    assert!(sentence.contains("gorilla/websocket"), "{sentence}");
    assert!(sentence.contains("báo kết nối bị đóng"), "{sentence}");
}

#[tokio::test]
async fn a_number_nobody_defines_is_read_but_has_no_candidate() {
    let app = spawn_app().await;
    let answer = app
        .get_json(&url("connection closed with code 4999", None))
        .await;
    assert_eq!(answer["candidates"], Value::Array(Vec::new()));
    let observed = &answer["observed"]["codes"][0];
    assert_eq!(observed["code"], 4999);
    assert_eq!(observed["range"], "4000-4999");
    assert_eq!(observed["defined_by"], Value::Array(Vec::new()));
}

#[tokio::test]
async fn bad_text_is_a_problem_naming_the_limit() {
    let app = spawn_app().await;
    let problem = app
        .get_problem(&url(&"x".repeat(4001), None), StatusCode::BAD_REQUEST)
        .await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("4000 characters"),
        "{problem}"
    );
    let problem = app
        .get_problem(&url("   ", None), StatusCode::BAD_REQUEST)
        .await;
    assert!(
        problem["detail"].as_str().unwrap().contains("empty"),
        "{problem}"
    );
    app.get_problem("/api/v1/explain", StatusCode::BAD_REQUEST)
        .await;
    app.get_problem(&url("1006", Some("fr")), StatusCode::BAD_REQUEST)
        .await;
    // Exactly at the limit, even with hostile content, is an answer.
    let hostile = format!("<script>{}</script>", "1006 \u{0}\u{202e}".repeat(600));
    let hostile: String = hostile.chars().take(4000).collect();
    let response = app.get(&url(&hostile, None)).await;
    assert_eq!(response.status(), StatusCode::OK);
}
