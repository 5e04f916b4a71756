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

#[tokio::test]
async fn a_code_compared_with_a_private_use_number_lists_what_services_mean_by_it() {
    let app = spawn_app().await;
    let page = app.get_page("/websocket/3000-vs-4001").await;
    assert!(page.contains("<title>3000 Unauthorized vs 4001 Private use (no registered meaning)"));
    assert!(page.contains("<div class=\"prose curated\">"));
    // The number's column: its range, and every family's documented meaning.
    assert!(page.contains("What documented services mean by 4001"));
    for (family, name) in [
        ("discord-gateway", "Unknown opcode"),
        ("discord-rpc", "Invalid origin"),
        ("pusher-channels", "Application does not exist"),
        ("twitch-eventsub", "Client sent inbound traffic"),
    ] {
        assert!(
            page.contains(&format!(
                "<a href=\"/{family}/4001\">{family} 4001 {name}</a>"
            )),
            "{family}"
        );
    }
    // The facts RFC 6455 gives any private-use number.
    let row = page.split("Reconnect</th>").nth(1).unwrap();
    assert!(
        row.contains("<td>only after a fix</td>\n  <td>it depends</td>"),
        "{row}"
    );

    let reversed = app.get("/websocket/4001-vs-3000").await;
    assert_eq!(reversed.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(reversed.headers()[LOCATION], "/websocket/3000-vs-4001");
    // Only curated private-use numbers get a page.
    assert_eq!(
        app.get("/websocket/3000-vs-4002").await.status(),
        StatusCode::NOT_FOUND
    );
    let code_page = app.get_page("/websocket/3000").await;
    assert!(code_page.contains("<a href=\"/websocket/3000-vs-4001\">3000 vs 4001</a>"));
}
