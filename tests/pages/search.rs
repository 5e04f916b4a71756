//! `/search?q=`: the API's search as a page that works without JavaScript,
//! in every language, reachable from the search box on every page.

use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_search_page_lists_results_best_first() {
    let app = spawn_app().await;
    let page = app.get_page("/search?q=4004").await;
    assert!(page.contains("value=\"4004\""), "the box keeps the query");
    let first = first_result(&page);
    assert!(first.contains("href=\"/discord-gateway/4004\""), "{first}");
    assert!(page.contains("7 results for “4004”"));

    let page = app.get_page("/search?q=going+away&family=websocket").await;
    assert!(page.contains("results for “going away”"));
    assert!(first_result(&page).contains("href=\"/websocket/1001\""));
    assert!(page.contains("<option value=\"websocket\" selected>"));
    assert!(!page.contains("href=\"/aws-api-gateway/1001\""));

    let page = app.get_page("/search?q=zzzz").await;
    assert!(page.contains("Nothing matches “zzzz”"));
    let page = app.get_page("/search").await;
    assert!(page.contains("Search by number"));
}

fn first_result(page: &str) -> &str {
    let results = page.split("<ol class=\"search-results\">").nth(1).unwrap();
    results.split("</li>").next().unwrap()
}

#[tokio::test]
async fn the_search_page_forgives_typos_and_ranks_every_word() {
    let app = spawn_app().await;
    let page = app.get_page("/search?q=going+awy").await;
    assert!(first_result(&page).contains("href=\"/websocket/1001\""));
    let page = app.get_page("/search?q=abnormal+closre").await;
    let first = first_result(&page);
    assert!(first.contains("href=\"/websocket/1006\""), "{first}");
    assert!(first.contains("close spelling"), "{first}");
    let page = app.get_page("/vi/search?q=mesage+too+big").await;
    let first = first_result(&page);
    assert!(first.contains("href=\"/vi/websocket/1009\""), "{first}");
    assert!(first.contains("chính tả gần đúng"), "{first}");
    let page = app.get_page("/search?q=close+going+away").await;
    assert!(first_result(&page).contains("href=\"/websocket/1001\""));
}

#[tokio::test]
async fn a_number_no_code_has_says_what_it_means_and_links_to_it() {
    let app = spawn_app().await;
    let page = app.get_page("/search?q=4999").await;
    assert!(page.contains("What 4999 means"), "{page}");
    assert!(page.contains("<strong>Private use</strong> (4000–4999)"));
    assert!(page.contains("<a href=\"/lookup/4999\">"));
    let page = app.get_page("/vi/search?q=1016").await;
    assert!(page.contains("Số 1016 có nghĩa là gì"), "{page}");
    assert!(page.contains("<strong>Giao thức và phần mở rộng</strong>"));
    assert!(page.contains("<a href=\"/vi/lookup/1016\">"));
    // A code's own number, or words, get no such block.
    for query in ["1009", "going+away"] {
        let page = app.get_page(&format!("/search?q={query}")).await;
        assert!(!page.contains("searched-number"), "{query}");
    }
}

#[tokio::test]
async fn the_vietnamese_search_page_searches_the_vietnamese_texts() {
    let app = spawn_app().await;
    let page = app.get_page("/vi/search?q=thong+diep+qua+lon").await;
    assert!(page.contains("<html lang=\"vi\">"));
    assert!(page.contains("href=\"/vi/websocket/1009\""));
    assert!(page.contains("Thông điệp quá lớn"));
    // The language switcher keeps the query.
    assert!(
        page.contains("<a href=\"/search?q=thong+diep+qua+lon\" hreflang=\"en\""),
        "{page}"
    );
    assert_eq!(
        app.get("/xx/search?q=1").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn every_page_has_a_search_box_that_submits_to_its_language() {
    let app = spawn_app().await;
    for (page, action) in [
        ("/", "/search"),
        ("/websocket/1009", "/search"),
        ("/vi/websocket/1001-vs-1012", "/vi/search"),
    ] {
        let html = app.get_page(page).await;
        assert!(
            html.contains(&format!(
                "<form class=\"site-search\" role=\"search\" action=\"{action}\" method=\"get\">"
            )),
            "{page}"
        );
        assert!(html.contains("name=\"q\""), "{page}");
    }
}

#[tokio::test]
async fn an_overlong_query_is_refused_on_the_page_too() {
    let app = spawn_app().await;
    let response = app.get(&format!("/search?q={}", "a".repeat(300))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.text().await.unwrap().contains("too long"));
}

#[tokio::test]
async fn an_unknown_family_is_a_mistake_shown_as_the_api_does() {
    let app = spawn_app().await;
    for (path, text) in [
        ("/search?q=1006&family=nope", "There is no family “nope”"),
        ("/vi/search?q=1006&family=nope", "Không có họ mã “nope”"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
        let page = response.text().await.unwrap();
        assert!(page.contains(text), "{path}");
        assert!(!page.contains("class=\"search-results\""), "{path}");
    }
    app.get_problem("/api/v1/search?q=1006&family=nope", StatusCode::BAD_REQUEST)
        .await;
}
