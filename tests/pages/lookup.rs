//! `/lookup/{n}`: the HTML twin of `/api/v1/lookup/{n}` for every number from
//! 0 to 65535, in every language, and the 404 pages that link to it.

use reqwest::StatusCode;
use reqwest::header::LOCATION;

use crate::helpers::spawn_app;

/// The page's `<main>`, where its content is.
fn main_of(page: &str) -> &str {
    let start = page.find("<main").expect("a page has a main element");
    let end = page.find("</main>").expect("main is closed");
    &page[start..end]
}

#[tokio::test]
async fn a_private_use_number_nobody_documents_says_to_ask_the_service() {
    let app = spawn_app().await;
    let page = app.get_page("/lookup/4999").await;
    assert!(page.contains("<title>4999 as a WebSocket close code"));
    assert!(page.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:8080/lookup/4999\">"));
    assert!(page.contains("hreflang=\"vi\" href=\"http://127.0.0.1:8080/vi/lookup/4999\""));
    assert!(page.contains("hreflang=\"x-default\" href=\"http://127.0.0.1:8080/lookup/4999\""));
    assert!(page.contains("<a href=\"/api/v1/lookup/4999\">This page as JSON</a>"));
    let main = main_of(&page);
    assert!(main.contains("<nav class=\"breadcrumbs\""));
    assert!(main.contains("<h1>What 4999 means as a close code</h1>"));
    assert!(main.contains("<a href=\"/#range-4000-4999\">4000–4999</a>: Private use"));
    // Both rules are yes: 4000–4999 go on the wire and from browsers.
    assert_eq!(main.matches("class=\"flag-true\"").count(), 2, "{main}");
    assert!(main.contains("No family in this reference documents this number."));
    assert!(main.contains("Nobody documents 4999: what to do"));
    assert!(main.contains("whatever the service you are talking to says it means"));
    assert!(main.contains("ask its owners"));
    for source in [
        "https://www.rfc-editor.org/rfc/rfc6455#section-7.4.2",
        "https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number",
    ] {
        assert!(main.contains(&format!("href=\"{source}\"")), "{source}");
    }
    // Nothing invalid about it: no protocol-error link.
    assert!(!main.contains("href=\"/websocket/1002\""));
}

#[tokio::test]
async fn an_unassigned_protocol_number_is_a_protocol_error() {
    let app = spawn_app().await;
    let main = app.get_page("/lookup/1016").await;
    let main = main_of(&main);
    assert!(main.contains("1000–2999</a>: Protocol and extensions"));
    assert!(main.contains("The IANA registry has not assigned 1016."));
    assert!(main.contains("Treat it as a protocol error"));
    assert!(main.contains(
        "<a href=\"/websocket/1002\"><span class=\"code-number\">1002</span> Protocol error</a>"
    ));
    // On the wire, yes (RFC 6455 reserves the range); from a browser, no.
    assert!(main.contains("<dd class=\"flag-true\">yes</dd>"));
    assert!(main.contains("<dd class=\"flag-false\">no</dd>"));
}

#[tokio::test]
async fn numbers_outside_every_range_are_never_valid() {
    let app = spawn_app().await;
    for (number, range) in [
        (0, "0–999</a>: Not used"),
        (65535, "5000–65535</a>: Undefined"),
    ] {
        let page = app.get_page(&format!("/lookup/{number}")).await;
        let main = main_of(&page);
        assert!(main.contains(range), "{number}");
        assert!(
            main.contains(&format!("No endpoint may send {number}.")),
            "{number}"
        );
        assert!(main.contains("fails the connection"), "{number}");
        assert!(main.contains("href=\"/websocket/1002\""), "{number}");
        assert_eq!(main.matches("class=\"flag-false\"").count(), 2, "{number}");
        assert!(!main.contains("class=\"flag-true\""), "{number}");
    }
}

#[tokio::test]
async fn a_standard_number_lists_every_family_that_uses_it() {
    let app = spawn_app().await;
    let page = app.get_page("/lookup/1006").await;
    let main = main_of(&page);
    for (family, name) in [
        ("websocket", "WebSocket (RFC 6455)"),
        ("aws-api-gateway", "Amazon API Gateway WebSocket APIs"),
        ("sockjs", "SockJS"),
    ] {
        assert!(
            main.contains(&format!(
                "<a href=\"/{family}/1006\"><span class=\"code-number\">1006</span>"
            )),
            "{family}"
        );
        assert!(main.contains(&format!("</a> — {name}: ")), "{name}");
    }
    assert!(main.contains("Abnormal Closure"));
    // 1006 is registered: no advice for an undocumented number.
    assert!(!main.contains("id=\"unexplained\""));
    assert_eq!(main.matches("class=\"flag-false\"").count(), 2, "{main}");
}

#[tokio::test]
async fn a_shared_private_use_number_lists_each_service_and_what_else_to_do() {
    let app = spawn_app().await;
    let page = app.get_page("/lookup/4004").await;
    let main = main_of(&page);
    for family in [
        "discord-gateway",
        "discord-voice",
        "discord-rpc",
        "pusher-channels",
        "graphql-ws",
    ] {
        assert!(
            main.contains(&format!("href=\"/{family}/4004\"")),
            "{family}"
        );
    }
    assert!(
        main.contains("Authentication failed"),
        "Discord's gateway 4004"
    );
    assert!(main.contains("If the sender is none of these"));
    assert!(main.contains("4004 is for private use"));
}

#[tokio::test]
async fn the_vietnamese_page_is_in_vietnamese() {
    let app = spawn_app().await;
    let page = app.get_page("/vi/lookup/4999").await;
    assert!(page.contains("<html lang=\"vi\">"));
    assert!(page.contains("<title>Mã đóng WebSocket 4999"));
    assert!(
        page.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:8080/vi/lookup/4999\">")
    );
    assert!(page.contains("<a href=\"/api/v1/lookup/4999?lang=vi\">"));
    // The language switcher leads to the same number in English.
    assert!(page.contains("<a href=\"/lookup/4999\" hreflang=\"en\""));
    let main = main_of(&page);
    assert!(main.contains("<h1>Mã đóng 4999 có nghĩa là gì</h1>"));
    assert!(main.contains("<a href=\"/vi/\">Trang chủ</a>"));
    assert!(main.contains("Dùng riêng"));
    assert!(main.contains("Không tài liệu nào mô tả 4999: nên làm gì"));
    assert!(main.contains("hỏi đội ngũ phụ trách nó"));
    let main = app.get_page("/vi/lookup/4004").await;
    assert!(main_of(&main).contains("href=\"/vi/discord-gateway/4004\""));
}

#[tokio::test]
async fn anything_but_a_number_from_0_to_65535_is_the_404_page() {
    let app = spawn_app().await;
    for path in [
        "/lookup/65536",
        "/lookup/70000",
        "/lookup/abc",
        "/lookup/-1",
        "/lookup/+5",
        "/lookup/10.5",
        "/lookup/",
        "/lookup/1009/extra",
        "/xx/lookup/1009",
        "/vi/lookup/abc",
    ] {
        let page = app.get_not_found_page(path).await;
        assert!(
            page.contains("Page not found") || page.contains("Không tìm thấy trang"),
            "{path}"
        );
    }
    // A number out of range is not read as another one.
    let page = app.get_not_found_page("/lookup/-1").await;
    assert!(!page.contains("href=\"/lookup/1\""));
    let page = app.get_not_found_page("/vi/lookup/abc").await;
    assert!(page.contains("<html lang=\"vi\">"));
}

#[tokio::test]
async fn leading_zeros_redirect_to_the_canonical_number() {
    let app = spawn_app().await;
    for (path, canonical) in [
        ("/lookup/01009", "/lookup/1009"),
        ("/lookup/00", "/lookup/0"),
        ("/vi/lookup/04999", "/vi/lookup/4999"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY, "{path}");
        assert_eq!(response.headers()[LOCATION], canonical, "{path}");
    }
}

#[tokio::test]
async fn a_missing_page_whose_address_holds_a_number_links_its_lookup() {
    let app = spawn_app().await;
    for (path, link) in [
        (
            "/websocket/4999",
            "<a href=\"/lookup/4999\">What 4999 means as a close code</a>",
        ),
        (
            "/websocket/1016",
            "<a href=\"/lookup/1016\">What 1016 means as a close code</a>",
        ),
        ("/websocket/4999.md", "href=\"/lookup/4999\""),
        (
            "/vi/websocket/4999",
            "<a href=\"/vi/lookup/4999\">Mã đóng 4999 có nghĩa là gì</a>",
        ),
    ] {
        let page = app.get_not_found_page(path).await;
        assert!(page.contains(link), "{path}");
        // The usual suggestions stay.
        assert!(page.contains("/websocket/1000\""), "{path}");
    }
    // With families' entries, both the link and the entries.
    let page = app.get_not_found_page("/websocket/4004").await;
    assert!(page.contains("href=\"/lookup/4004\""));
    assert!(page.contains("href=\"/discord-gateway/4004\""));
    // A fingerprint is not a number.
    let page = app.get_not_found_page("/static/style.3f2a1b9c.css").await;
    assert!(!page.contains("href=\"/lookup/"));
    // An embed card that does not exist names the lookup page in its problem.
    let problem = app
        .get_problem("/embed/websocket/4999", StatusCode::NOT_FOUND)
        .await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .ends_with("what 4999 means: /lookup/4999")
    );
}

#[tokio::test]
async fn code_pages_link_every_meaning_of_their_number() {
    let app = spawn_app().await;
    let page = app.get_page("/websocket/1006").await;
    assert!(page.contains("<a href=\"/lookup/1006\">Every meaning of 1006</a>"));
    let page = app.get_page("/vi/discord-gateway/4004").await;
    assert!(page.contains("<a href=\"/vi/lookup/4004\">Mọi ý nghĩa của 4004</a>"));
    // A comparison with a private-use number links its page, not only the API.
    let page = app.get_page("/websocket/3000-vs-4001").await;
    assert!(page.contains("<a href=\"/lookup/4001\">Every meaning of 4001</a>"));
}
