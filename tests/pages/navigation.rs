use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION};

use crate::helpers::{registered_codes, spawn_app};

#[tokio::test]
async fn home_and_family_pages_link_every_code() {
    let app = spawn_app().await;
    let home = app.get_page("/").await;
    let family = app.get_page("/websocket/").await;
    assert!(home.contains("href=\"/websocket/\""));
    for code in registered_codes() {
        let link = format!("href=\"/websocket/{code}\"");
        assert!(home.contains(&link), "home links {code}");
        assert!(family.contains(&link), "family links {code}");
    }
    for range in ["0–999", "1000–2999", "3000–3999", "4000–4999", "5000–65535"] {
        assert!(home.contains(range), "home explains {range}");
    }
}

#[tokio::test]
async fn family_without_slash_redirects() {
    let app = spawn_app().await;
    let response = app.get("/websocket").await;
    assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(response.headers()[LOCATION], "/websocket/");
}

#[tokio::test]
async fn unknown_pages_are_real_404_pages() {
    let app = spawn_app().await;
    for path in [
        "/nope",
        "/nope/",
        "/nope/1000",
        "/websocket/1016",
        "/websocket/abc",
        "/websocket/1000-vs-1000",
        "/websocket/1016-vs-1000",
        "/websocket/1000-vs-1016",
        "/websocket/1000/extra",
        "/static/missing.css",
    ] {
        let page = app.get_not_found_page(path).await;
        assert!(page.contains("Page not found"), "{path}");
        assert!(
            page.contains("href=\"/websocket/1000\""),
            "{path}: suggests codes"
        );
    }
}

#[tokio::test]
async fn stylesheet_is_served_and_linked() {
    let app = spawn_app().await;
    let response = app.get("/static/style.css").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "text/css; charset=utf-8");
    assert!(response.text().await.unwrap().contains("light-dark("));
    assert!(app.get_page("/").await.contains(&format!(
        "href=\"{}\"",
        closecodes::static_files::url("style.css")
    )));
}

#[tokio::test]
async fn pages_send_security_headers() {
    let app = spawn_app().await;
    let response = app.get("/websocket/1000").await;
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert!(headers.contains_key("referrer-policy"));
}

#[tokio::test]
async fn a_missing_code_page_suggests_what_the_number_means_elsewhere() {
    let app = spawn_app().await;
    let response = app.get("/websocket/4004").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let page = response.text().await.unwrap();
    assert!(page.contains("What 4004 means in each family that defines it:"));
    for family in [
        "discord-gateway",
        "discord-voice",
        "discord-rpc",
        "graphql-ws",
    ] {
        assert!(
            page.contains(&format!("href=\"/{family}/4004\"")),
            "{family}"
        );
    }
    let page = app.get("/vi/nope/1009").await.text().await.unwrap();
    assert!(page.contains("Ý nghĩa của 1009"));
    assert!(page.contains("href=\"/vi/websocket/1009\""));
    // Without a number, the plain 404 page.
    let page = app.get("/nope").await.text().await.unwrap();
    assert!(!page.contains("class=\"suggestions\""));
}
