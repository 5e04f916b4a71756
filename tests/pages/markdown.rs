//! Markdown variants of the code pages, and `/llms.txt` listing them.

use crate::helpers::{content_type, spawn_app};

#[tokio::test]
async fn code_pages_exist_as_markdown() {
    let app = spawn_app().await;
    let response = app.get("/websocket/1009.md").await;
    assert_eq!(response.status(), 200);
    assert_eq!(content_type(&response), "text/markdown; charset=utf-8");
    let markdown = response.text().await.unwrap();
    assert!(markdown.starts_with("# 1009 Message Too Big\n"));
    for heading in [
        "## Description",
        "## When you see this code",
        "## How to fix",
        "## Handle it in code",
        "## Sources",
    ] {
        assert!(markdown.contains(heading), "{heading}");
    }
    assert!(markdown.contains("```javascript\n"));
    assert!(markdown.contains("(https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1)"));
    assert!(!markdown.contains("&#"), "Markdown is not HTML-escaped");

    let page = app.get_page("/websocket/1009").await;
    assert!(
        page.contains(
            "<link rel=\"alternate\" type=\"text/markdown\" href=\"/websocket/1009.md\">"
        )
    );
}

#[tokio::test]
async fn llms_txt_lists_every_markdown_page() {
    let app = spawn_app().await;
    let response = app.get("/llms.txt").await;
    assert_eq!(response.status(), 200);
    assert_eq!(content_type(&response), "text/plain; charset=utf-8");
    let index = response.text().await.unwrap();
    assert!(index.starts_with("# closecodes\n"));
    let families = app.get_json("/api/v1/families").await;
    let total: u64 = families["families"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code_count"].as_u64().unwrap())
        .sum();
    let links: Vec<&str> = index
        .lines()
        .filter_map(|line| line.split("](").nth(1)?.split(')').next())
        .collect();
    assert_eq!(links.len() as u64, total);
    for link in links {
        assert!(link.ends_with(".md"), "{link}");
        assert_eq!(app.get(link).await.status(), 200, "{link}");
    }
}
