//! `/platforms` and `/vi/platforms`, and the links to them.

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_platforms_page_lists_every_platform_with_its_figures_and_sources() {
    let app = spawn_app().await;
    let page = app.get_page("/platforms").await;
    assert!(page.contains("<h1>Proxies and platforms that close idle WebSockets</h1>"));
    let api = app.get_json("/api/v1/platforms").await;
    for platform in api["platforms"].as_array().unwrap() {
        let slug = platform["slug"].as_str().unwrap();
        assert!(page.contains(&format!("<section id=\"{slug}\"")), "{slug}");
        let source = platform["references"][0]["url"].as_str().unwrap();
        assert!(
            page.contains(&format!("<a href=\"{source}\">")),
            "{slug}: {source}"
        );
    }
    assert!(page.contains("<td>60 s</td>"), "nginx's default");
    // Where the documentation gives no figure, the page says what it says.
    assert!(page.contains("<td>—</td>"));
    let vietnamese = app.get_page("/vi/platforms").await;
    assert!(vietnamese.contains("<html lang=\"vi\">"));
    assert!(vietnamese.contains("<td>60 giây</td>"));
    assert!(vietnamese.contains("href=\"/api/v1/platforms?lang=vi\""));
}

#[tokio::test]
async fn the_pages_of_the_codes_a_proxy_causes_link_the_platforms() {
    let app = spawn_app().await;
    for (path, linked) in [
        ("/websocket/1006", "/platforms"),
        ("/websocket/1001", "/platforms"),
        ("/vi/websocket/1006", "/vi/platforms"),
    ] {
        let page = app.get_page(path).await;
        assert!(
            page.contains(&format!(
                "<p class=\"platforms-link\"><a href=\"{linked}\">"
            )),
            "{path}"
        );
    }
    let unrelated = app.get_page("/websocket/1009").await;
    assert!(!unrelated.contains("platforms-link"));
    let explained = app
        .get_page("/explain?text=close+1006+after+60s+of+inactivity")
        .await;
    assert!(explained.contains("<h2 id=\"platform-hints\">What may have closed it</h2>"));
    assert!(
        explained.contains("<a href=\"/platforms#nginx\">nginx</a> — Idle timeout (default): 60 s")
    );
}
