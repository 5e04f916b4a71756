//! Embeds for developer portals: framable cards, badges, oEmbed and the page
//! that documents them.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, LINK, LOCATION, X_FRAME_OPTIONS};

use crate::helpers::spawn_app;

#[tokio::test]
async fn cards_may_be_framed_by_any_site_and_link_back() {
    let app = spawn_app().await;
    for (path, lang, texts) in [
        (
            "/embed/websocket/1009",
            "en",
            vec!["Message Too Big", "only after a fix"],
        ),
        (
            "/embed/websocket/1009?lang=vi&theme=dark",
            "vi",
            vec!["Thông điệp quá lớn", "Message Too Big"],
        ),
        (
            "/vi/embed/discord-gateway/4004",
            "vi",
            vec!["Xác thực thất bại"],
        ),
        (
            "/embed/websocket/1001-vs-1012?theme=light",
            "en",
            vec!["Going Away", "Service Restart", "class=\"differences\""],
        ),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let policy = response.headers()[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(policy.contains("frame-ancestors *"), "{path}: {policy}");
        assert!(response.headers().get(X_FRAME_OPTIONS).is_none(), "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{path}");
        for text in texts {
            assert!(html.contains(text), "{path}: {text}");
        }
        assert!(html.contains("target=\"_blank\""), "{path}: links back");
        assert!(!html.contains("<script"), "{path}: no JavaScript");
    }
    let dark = app.get_page("/embed/websocket/1009?theme=dark").await;
    assert!(dark.contains("data-theme=\"dark\""));
    // Pages, unlike embeds, refuse framing.
    let page = app.get("/websocket/1009").await;
    assert_eq!(page.headers()[X_FRAME_OPTIONS], "DENY");

    let reversed = app.get("/embed/websocket/1012-vs-1001?theme=dark").await;
    assert_eq!(reversed.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        reversed.headers()[LOCATION],
        "/embed/websocket/1001-vs-1012?theme=dark"
    );
    for (path, status) in [
        ("/embed/websocket/1009?theme=pink", StatusCode::BAD_REQUEST),
        ("/embed/websocket/1009?lang=fr", StatusCode::BAD_REQUEST),
        ("/embed/websocket/1016", StatusCode::NOT_FOUND),
        ("/embed/nope/1000", StatusCode::NOT_FOUND),
        ("/embed/websocket/1000-vs-1000", StatusCode::BAD_REQUEST),
    ] {
        app.get_problem(path, status).await;
    }
}

#[tokio::test]
async fn badges_are_svg_cards_in_every_language() {
    let app = spawn_app().await;
    let response = app.get("/badge/websocket/1009.svg").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "image/svg+xml");
    let svg = response.text().await.unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(">1009</text>") && svg.contains(">Message Too Big</text>"));
    let svg = app
        .get("/vi/badge/websocket/1009.svg")
        .await
        .text()
        .await
        .unwrap();
    assert!(svg.contains(">Thông điệp quá lớn</text>"));
    assert_eq!(
        app.get("/badge/websocket/1016.svg").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn oembed_answers_for_code_and_comparison_pages_and_is_discoverable() {
    let app = spawn_app().await;
    let page = "http://127.0.0.1:8080/vi/websocket/1001-vs-1012";
    let answer = app
        .get_json(&format!("/oembed?url={page}&format=json&maxwidth=400"))
        .await;
    assert_eq!(answer["version"], "1.0");
    assert_eq!(answer["type"], "rich");
    assert_eq!(answer["width"], 400);
    let html = answer["html"].as_str().unwrap();
    assert!(
        html.starts_with("<iframe src=\"http://127.0.0.1:8080/vi/embed/websocket/1001-vs-1012\""),
        "{html}"
    );
    // Any host name of the page is accepted: consumers send what readers paste.
    let answer = app
        .get_json("/oembed?url=https://closecodes.example.org/websocket/1009")
        .await;
    assert_eq!(answer["title"], "1009 Message Too Big");

    app.get_problem(
        "/oembed?url=http://127.0.0.1:8080/websocket/1009&format=xml",
        StatusCode::NOT_IMPLEMENTED,
    )
    .await;
    for url in [
        "http://127.0.0.1:8080/",
        "http://127.0.0.1:8080/websocket/",
        "not a url",
    ] {
        app.get_problem(&format!("/oembed?url={url}"), StatusCode::NOT_FOUND)
            .await;
    }

    // Discovery: in the head and in the Link header of code and comparison pages.
    let response = app.get("/websocket/1009").await;
    let link = response.headers()[LINK].to_str().unwrap().to_owned();
    assert!(link.contains("type=\"application/json+oembed\""), "{link}");
    let html = response.text().await.unwrap();
    assert!(html.contains("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"http://127.0.0.1:8080/oembed?url=http%3A%2F%2F127.0.0.1%3A8080%2Fwebsocket%2F1009&#38;format=json\""), "{html}");
    assert!(app.get("/").await.headers().get(LINK).is_none());
}

#[tokio::test]
async fn the_embed_page_documents_every_way_in_both_languages() {
    let app = spawn_app().await;
    let page = app.get_page("/embed").await;
    for needle in [
        "<iframe src=\"/embed/websocket/1009\"",
        "&#60;iframe src=&#34;http://127.0.0.1:8080/embed/websocket/1009&#34;",
        "&#60;close-code family=&#34;websocket&#34; code=&#34;1009&#34;",
        "/badge/websocket/1009.svg",
        "/oembed?url=",
        "Docusaurus",
        "InfoCard",
        "ReadMe",
        "wp_oembed_add_provider",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    let page = app.get_page("/vi/embed").await;
    assert!(page.contains("Nhúng mã đóng vào tài liệu của bạn"));
    assert!(page.contains("/vi/embed/websocket/1009"));
}

#[tokio::test]
async fn a_code_with_leading_zeros_has_no_page_on_any_surface() {
    let app = spawn_app().await;
    for path in [
        "/websocket/01009",
        "/embed/websocket/01009",
        "/embed/websocket/01001-vs-1012",
        "/websocket/01001-vs-1012",
        "/api/v1/families/websocket/codes/01009",
    ] {
        let status = app.get(path).await.status();
        assert!(status == 404 || status == 400, "{path}: {status}");
    }
    let oembed = app
        .get("/oembed?url=http%3A%2F%2F127.0.0.1%3A8080%2Fwebsocket%2F01009&format=json")
        .await;
    assert_eq!(oembed.status(), 404);
}
