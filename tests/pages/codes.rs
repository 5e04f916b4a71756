use crate::helpers::{iana_registrations, spawn_app};

/// The text the page shows for a data string: HTML-escaped, backticks as `<code>`.
fn as_html(text: &str) -> String {
    let escaped = text
        .replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;");
    let mut html = String::new();
    for (index, part) in escaped.split('`').enumerate() {
        if index % 2 == 1 {
            html.push_str(&format!("<code>{part}</code>"));
        } else {
            html.push_str(part);
        }
    }
    html
}

#[tokio::test]
async fn every_registered_code_has_a_full_page() {
    let app = spawn_app().await;
    for registration in iana_registrations() {
        let number = registration.code;
        let code = app.get_standard_code(number).await;
        let name = code["name"].as_str().unwrap();
        let page = app.get_page(&format!("/websocket/{number}")).await;
        assert!(
            page.contains(&format!(
                "<span class=\"code-number\">{number}</span> {name}</h1>"
            )),
            "{number}: heading"
        );
        for heading in [
            "<h2 id=\"description\">Description</h2>",
            "<h2 id=\"when\">When you see this code</h2>",
            "<h2 id=\"fix\">How to fix</h2>",
            "<h2 id=\"facts\">Facts</h2>",
            "<h2 id=\"references\">Sources</h2>",
        ] {
            assert!(page.contains(heading), "{number}: {heading}");
        }
        for field in ["summary", "when", "fix"] {
            let first_paragraph = code[field].as_str().unwrap().split("\n\n").next().unwrap();
            assert!(
                page.contains(&as_html(first_paragraph)),
                "{number}: {field} text is on the page"
            );
        }
        for reference in code["references"].as_array().unwrap() {
            let link = format!("href=\"{}\"", reference["url"].as_str().unwrap());
            assert!(page.contains(&link), "{number}: {link}");
        }
        assert!(page.contains(&format!(
            "<link rel=\"canonical\" href=\"http://127.0.0.1:8080/websocket/{number}\">"
        )));
        // Links to a comparison with every other code of the family.
        assert!(
            page.matches("-vs-").count() >= 18,
            "{number}: compare links"
        );
    }
}

#[tokio::test]
async fn facts_box_shows_wire_and_browser_rules() {
    let app = spawn_app().await;
    let page = app.get_page("/websocket/1006").await;
    assert!(page.contains("<dt>Allowed in a Close frame</dt>\n  <dd class=\"flag-false\">no</dd>"));
    assert!(page.contains("never sent: reported locally"));
    let page = app.get_page("/websocket/1000").await;
    assert!(page.contains("<dd class=\"flag-true\">yes</dd>"));
    let page = app.get_page("/websocket/1014").await;
    assert!(page.contains("<blockquote>The server was acting as a gateway or proxy"));
}

#[tokio::test]
async fn code_pages_show_snippets_with_copy_buttons_and_mistakes() {
    let app = spawn_app().await;
    let page = app.get_page("/websocket/1009").await;
    assert!(page.contains("<h2 id=\"snippets\">Handle it in code</h2>"));
    for language in ["javascript", "nodejs", "python", "go", "rust"] {
        assert!(
            page.contains(&format!("id=\"snippet-{language}\"")),
            "{language}"
        );
    }
    assert!(page.contains("<code class=\"language-rust\">"));
    // Hidden until copy.js, which needs the Clipboard API, reveals it: one
    // per snippet, and one for the code's link.
    assert_eq!(
        page.matches("class=\"copy\" data-copied=\"Copied\" hidden>Copy</button>")
            .count(),
        6
    );
    assert!(
        page.contains(
            "<pre tabindex=\"0\"><code>http://127.0.0.1:8080/websocket/1009</code></pre>"
        )
    );
    assert!(page.contains(&format!(
        "<script type=\"module\" src=\"{}\"></script>",
        closecodes::static_files::url("copy.js")
    )));
    let page = app.get_page("/websocket/1005").await;
    assert!(page.contains("<h2 id=\"mistakes\">Common mistakes</h2>"));
}

#[tokio::test]
async fn code_pages_offer_a_live_demo_where_the_endpoint_can_close_with_the_code() {
    let app = spawn_app().await;
    for (path, url) in [
        (
            "/websocket/1012",
            "/ws/echo?close=1012&#38;reason=closecodes+demo",
        ),
        ("/websocket/1005", "/ws/echo?close=1005"),
        ("/websocket/1006", "/ws/echo?close=1006"),
        (
            "/discord-voice/4014",
            "/ws/echo?close=4014&#38;reason=closecodes+demo",
        ),
    ] {
        let page = app.get_page(path).await;
        assert!(page.contains("<h2 id=\"try-it\">Try it</h2>"), "{path}");
        assert!(page.contains(&format!("data-try-url=\"{url}\"")), "{path}");
        assert!(
            page.contains("websocat 'ws://127.0.0.1:8080/ws/echo?close="),
            "{path}"
        );
    }
    for (path, code) in [
        ("/websocket/1004", 1004),
        ("/websocket/1015", 1015),
        ("/sockjs/2010", 2010),
    ] {
        let page = app.get_page(path).await;
        assert!(!page.contains("data-try-url"), "{path}");
        assert!(
            page.contains(&format!("This server cannot send {code}")),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_facts_box_gives_the_sources_word_on_reconnecting_beside_the_advice() {
    let app = spawn_app().await;
    let page = app.get_page("/discord-gateway/4014").await;
    let facts = &page[page.find("class=\"facts\"").unwrap()..];
    assert!(facts.contains("What the source says"), "label");
    assert!(facts.contains("do not reconnect — <a href=\"https://docs.discord.com/"));
    let silent = app.get_page("/websocket/1006").await;
    assert!(silent.contains("<dd class=\"source-says\">not stated</dd>"));
    let vietnamese = app.get_page("/vi/pusher-channels/4201").await;
    assert!(vietnamese.contains("Nguồn nói gì"));
    assert!(vietnamese.contains("kết nối lại — <a href=\"https://pusher.com/"));
    let markdown = app.get("/graphql-ws/4500.md").await.text().await.unwrap();
    assert!(
        markdown.contains("- What the source says: do not reconnect ([graphql-ws v6.0.7"),
        "{markdown}"
    );
}
