use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_NONE_MATCH, ORIGIN};

use crate::helpers::{TestApp, spawn_app};

async fn etag_of(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK);
    let etag = response.headers()[ETAG].to_str().unwrap().to_owned();
    assert!(
        etag.starts_with('"') && !etag.starts_with("W/"),
        "strong ETag: {etag}"
    );
    etag
}

async fn get_if_none_match(app: &TestApp, path: &str, tag: &str) -> reqwest::Response {
    app.client
        .get(format!("{}{path}", app.address))
        .header(IF_NONE_MATCH, tag)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn stored_answers_revalidate_with_304() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/families/websocket/codes/1009",
        "/api/v1/lookup/4004",
        "/api/v1/openapi.json",
        "/websocket/1009",
        "/",
    ] {
        let etag = etag_of(&app, path).await;
        assert_eq!(etag, etag_of(&app, path).await, "{path}: ETag is stable");
        let response = get_if_none_match(&app, path, &etag).await;
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(response.headers()[ETAG].to_str().unwrap(), etag);
        assert!(response.bytes().await.unwrap().is_empty());
        let weak = format!("W/{etag}");
        let listed = format!("\"other\", {weak}");
        let response = get_if_none_match(&app, path, &listed).await;
        assert_eq!(
            response.status(),
            StatusCode::NOT_MODIFIED,
            "{path}: weak match"
        );
        let response = get_if_none_match(&app, path, "\"stale\"").await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
    }
    assert_ne!(
        etag_of(&app, "/api/v1/lookup/4004").await,
        etag_of(&app, "/api/v1/lookup/4005").await
    );
}

#[tokio::test]
async fn head_answers_without_a_body() {
    let app = spawn_app().await;
    let response = app
        .client
        .head(format!("{}/api/v1/families", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().contains_key(ETAG));
    assert!(response.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn api_allows_any_origin() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/api/v1/families", app.address))
        .header(ORIGIN, "https://portal.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
}
