use reqwest::StatusCode;
use reqwest::header::LOCATION;

use crate::helpers::{registered_pairs, spawn_app};

#[tokio::test]
async fn every_pair_has_a_page_and_the_reverse_redirects() {
    let app = spawn_app().await;
    let mut pages = 0;
    for (a, b) in registered_pairs() {
        let canonical = format!("/websocket/{a}-vs-{b}");
        let page = app.get_page(&canonical).await;
        for heading in [
            "Key differences",
            "When to use which",
            "Description",
            "When you see this code",
            "How to fix",
        ] {
            assert!(page.contains(heading), "{canonical}: {heading}");
        }
        assert!(
            page.contains(&format!("href=\"/websocket/{a}\"")),
            "{canonical}"
        );
        assert!(
            page.contains(&format!("href=\"/websocket/{b}\"")),
            "{canonical}"
        );

        let reversed = app.get(&format!("/websocket/{b}-vs-{a}")).await;
        assert_eq!(
            reversed.status(),
            StatusCode::MOVED_PERMANENTLY,
            "{b}-vs-{a}"
        );
        assert_eq!(reversed.headers()[LOCATION], canonical.as_str());
        pages += 1;
    }
    assert_eq!(pages, 171);
}

#[tokio::test]
async fn key_differences_highlight_the_facts_that_differ() {
    let app = spawn_app().await;
    let page = app.get_page("/websocket/1000-vs-1006").await;
    let table = page
        .split("<table class=\"differences\">")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .unwrap();
    let differing: Vec<&str> = table
        .split("<tr class=\"differs\">")
        .skip(1)
        .map(|row| row.split("</th>").next().unwrap().trim())
        .collect();
    assert!(
        differing
            .iter()
            .any(|row| row.ends_with("Allowed in a Close frame")),
        "{differing:?}"
    );
    assert!(
        !differing.iter().any(|row| row.contains("Range")),
        "{differing:?}"
    );
    assert!(page.contains("1006 must never appear in a Close frame"));
}

#[tokio::test]
async fn curated_pairs_show_their_written_guidance() {
    let app = spawn_app().await;
    let api = app
        .get_json("/api/v1/families/websocket/compare/1005/1006")
        .await;
    let text = api["curated"]["when_to_use_which"].as_str().unwrap();
    let first_sentence = text.split(". ").next().unwrap().replace('`', "");
    let page = app.get_page("/websocket/1005-vs-1006").await;
    let visible = page.replace("<code>", "").replace("</code>", "");
    assert!(page.contains("<div class=\"prose curated\">"));
    assert!(visible.contains(&first_sentence), "{first_sentence}");
}
