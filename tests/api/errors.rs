use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[tokio::test]
async fn unknown_family_or_code_is_404_problem() {
    let app = spawn_app().await;
    let problem = app
        .get_problem("/api/v1/families/nope", StatusCode::NOT_FOUND)
        .await;
    assert!(
        problem["detail"].as_str().unwrap().contains("websocket"),
        "{problem}"
    );
    app.get_problem("/api/v1/families/nope/codes/1000", StatusCode::NOT_FOUND)
        .await;
    let problem = app
        .get_problem(
            "/api/v1/families/websocket/codes/1016",
            StatusCode::NOT_FOUND,
        )
        .await;
    assert!(problem["detail"].as_str().unwrap().contains("1016"));
    app.get_problem(
        "/api/v1/families/websocket/compare/1000/4000",
        StatusCode::NOT_FOUND,
    )
    .await;
    app.get_problem("/api/v1/no-such-endpoint", StatusCode::NOT_FOUND)
        .await;
}

#[tokio::test]
async fn numbers_that_are_not_codes_are_400_problem() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/families/websocket/codes/abc",
        "/api/v1/families/websocket/codes/70000",
        "/api/v1/families/websocket/compare/1000/x",
        "/api/v1/families/websocket/compare/1000/1000",
    ] {
        app.get_problem(path, StatusCode::BAD_REQUEST).await;
    }
}

#[tokio::test]
async fn unknown_language_is_400_naming_the_supported_ones() {
    let app = spawn_app().await;
    let problem = app
        .get_problem(
            "/api/v1/families/websocket/codes/1000?lang=xx",
            StatusCode::BAD_REQUEST,
        )
        .await;
    assert!(
        problem["detail"].as_str().unwrap().contains("en"),
        "{problem}"
    );
    app.get_json("/api/v1/families/websocket/codes/1000?lang=en")
        .await;
}

#[tokio::test]
async fn health_answers() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "ok\n");
}
