//! The service is read-only: other methods get 405 with `Allow`, OPTIONS says
//! what is allowed, and each problem type has a page in every language.

use reqwest::header::ALLOW;
use reqwest::{Method, StatusCode};

use crate::helpers::{content_type, spawn_app};

#[tokio::test]
async fn other_methods_are_405_with_allow_everywhere() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/families",
        "/api/v1/nope",
        "/websocket/1009",
        "/nope",
        "/healthz",
    ] {
        for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
            let response = app
                .client
                .request(method.clone(), format!("{}{path}", app.address))
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
            assert_eq!(response.headers()[ALLOW], "GET, HEAD, OPTIONS");
            assert_eq!(content_type(&response), "application/problem+json");
            let problem: serde_json::Value = response.json().await.unwrap();
            assert_eq!(problem["type"], "/problems/method-not-allowed");
            assert!(
                problem["detail"]
                    .as_str()
                    .unwrap()
                    .starts_with(method.as_str())
            );
        }
        let response = app
            .client
            .request(Method::OPTIONS, format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "OPTIONS {path}");
        assert_eq!(response.headers()[ALLOW], "GET, HEAD, OPTIONS");
    }
}

#[tokio::test]
async fn every_problem_type_has_a_page_in_every_language() {
    let app = spawn_app().await;
    for (slug, title_en, title_vi) in [
        ("not-found", "Not found", "Không tìm thấy"),
        ("not-a-close-code", "Not a close code", "Không phải mã đóng"),
        ("same-code-twice", "Same code twice", "Hai mã giống nhau"),
        (
            "unknown-language",
            "Unknown language",
            "Ngôn ngữ không được hỗ trợ",
        ),
        (
            "invalid-parameter",
            "Invalid parameter",
            "Tham số không hợp lệ",
        ),
        (
            "method-not-allowed",
            "Method not allowed",
            "Phương thức không được phép",
        ),
    ] {
        let english = app.get_page(&format!("/problems/{slug}")).await;
        assert!(english.contains(&format!("<h1>{title_en}</h1>")), "{slug}");
        let vietnamese = app.get_page(&format!("/vi/problems/{slug}")).await;
        assert!(
            vietnamese.contains(&format!("<h1>{title_vi}</h1>")),
            "{slug}"
        );
    }
}

#[tokio::test]
async fn cors_preflight_is_answered_for_the_api() {
    use reqwest::header::{
        ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_REQUEST_METHOD,
        ORIGIN,
    };
    let app = spawn_app().await;
    let response = app
        .client
        .request(
            Method::OPTIONS,
            format!("{}/api/v1/search?q=1009", app.address),
        )
        .header(ORIGIN, "https://portal.example.com")
        .header(ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(response.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let methods = response.headers()[ACCESS_CONTROL_ALLOW_METHODS]
        .to_str()
        .unwrap();
    assert!(
        methods.contains("GET") && methods.contains("HEAD"),
        "{methods}"
    );

    let answer = app
        .client
        .get(format!("{}/api/v1/search?q=1009", app.address))
        .header(ORIGIN, "https://portal.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
}
