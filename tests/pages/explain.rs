//! `/explain?text=`: the answer for a pasted line as a page that works
//! without JavaScript, in every language; the home page's paste box and the
//! header's search box lead to it.

use reqwest::StatusCode;

use crate::helpers::spawn_app;

fn explain_url(prefix: &str, text: &str) -> String {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("text", text)
        .finish();
    format!("{prefix}/explain?{query}")
}

fn section<'p>(page: &'p str, marker: &str) -> &'p str {
    let start = page.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    &page[start..]
}

#[tokio::test]
async fn the_answer_shows_the_best_code_in_full_and_the_others_with_evidence() {
    let app = spawn_app().await;
    let page = app
        .get_page(&explain_url(
            "",
            "discord.errors.ConnectionClosed: Shard ID None WebSocket closed with 4014",
        ))
        .await;
    let best = section(&page, "class=\"explained best\"");
    assert!(best.contains("href=\"/discord-gateway/4014\""), "{best}");
    assert!(best.contains("Disallowed intent(s)"));
    for heading in [
        "Why",
        "How to fix",
        "Description",
        "Reconnect",
        "Who sends it",
    ] {
        assert!(best.contains(heading), "{heading}");
    }
    assert!(
        best.contains("This is how discord.py reports a close"),
        "{best}"
    );
    let others = section(&page, "id=\"others\"");
    assert!(others.contains("href=\"/discord-voice/4014\""), "{others}");
    // The pasted text comes back, in the box and shown.
    assert!(
        page.contains("<pre class=\"pasted\" tabindex=\"0\"><code>discord.errors.ConnectionClosed")
    );
    assert!(page.contains(
        ">discord.errors.ConnectionClosed: Shard ID None WebSocket closed with 4014</textarea>"
    ));
}

#[tokio::test]
async fn pasted_markup_is_shown_escaped() {
    let app = spawn_app().await;
    let pasted = "<script>alert(1)</script> close 1006 <img src=x onerror=alert(2)> `x`";
    let page = app.get_page(&explain_url("", pasted)).await;
    assert!(!page.contains("<script>alert(1)"));
    assert!(!page.contains("<img src=x"));
    assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(section(&page, "class=\"explained best\"").contains("href=\"/websocket/1006\""));
}

#[tokio::test]
async fn the_page_speaks_vietnamese_under_vi() {
    let app = spawn_app().await;
    let page = app
        .get_page(&explain_url(
            "/vi",
            "websocket: close 1009 (message too big)",
        ))
        .await;
    assert!(page.contains("<html lang=\"vi\""));
    let best = section(&page, "class=\"explained best\"");
    assert!(best.contains("href=\"/vi/websocket/1009\""), "{best}");
    assert!(best.contains("Khả năng cao nhất"));
    assert!(best.contains("Vì sao"));
    assert!(best.contains("Cách khắc phục"));
}

#[tokio::test]
async fn a_number_nobody_defines_links_its_lookup_page() {
    let app = spawn_app().await;
    let page = app
        .get_page(&explain_url("", "WebSocket closed with code 4999"))
        .await;
    assert!(!page.contains("class=\"explained best\""));
    let observed = section(&page, "class=\"observed\"");
    assert!(
        observed.contains("No family in this reference defines 4999."),
        "{observed}"
    );
    assert!(observed.contains("href=\"/lookup/4999\""), "{observed}");
    let page = app
        .get_page(&explain_url("", "it just stopped working"))
        .await;
    assert!(page.contains("Nothing in this text names or implies a close code"));
}

#[tokio::test]
async fn empty_and_oversized_pastes_say_what_to_do() {
    let app = spawn_app().await;
    let page = app.get_page("/explain").await;
    assert!(page.contains("Paste a log line, an exception or a close event"));
    let response = app.get(&explain_url("", &"1006 ".repeat(1000))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let page = response.text().await.unwrap();
    assert!(page.contains("paste at most 4000 characters"), "{page}");
    let response = app.get("/xx/explain?text=1006").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_home_page_leads_with_the_paste_box() {
    let app = spawn_app().await;
    for (prefix, heading) in [
        ("", "Paste the error or log line"),
        ("/vi", "Dán thông báo lỗi hoặc dòng log"),
    ] {
        let page = app.get_page(&format!("{prefix}/")).await;
        let main = section(&page, "<main");
        let box_at = main.find("class=\"explain-box\"").expect("the paste box");
        assert!(
            box_at < main.find("id=\"families\"").unwrap(),
            "the box comes before the families"
        );
        assert!(main.contains(heading));
        assert!(main.contains(&format!(
            "<form class=\"explain-form\" action=\"{prefix}/explain\" method=\"get\">"
        )));
        assert!(main.contains("<textarea id=\"explain-text\" name=\"text\""));
    }
}

#[tokio::test]
async fn the_header_search_sends_a_pasted_line_to_explain() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .get(format!(
            "{}/vi/search?q=websocket%3A+close+1006+%28abnormal+closure%29",
            app.address
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        "/vi/explain?text=websocket%3A+close+1006+%28abnormal+closure%29"
    );
    // A number or a few words stay a search.
    for query in ["1006", "going+away"] {
        let response = client
            .get(format!("{}/search?q={query}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{query}");
    }
}

#[tokio::test]
async fn code_pages_show_how_the_code_looks_in_logs() {
    let app = spawn_app().await;
    let page = app.get_page("/websocket/1006").await;
    let logs = section(&page, "id=\"logs\"");
    assert!(logs.contains("How it looks in logs"));
    assert!(
        logs.contains("<code>ResetWithoutClosingHandshake</code>"),
        "{logs}"
    );
    assert!(logs.contains("<code>no close frame received or sent</code>"));
    assert!(logs.contains("href=\"https://github.com/snapview/tungstenite-rs/blob/"));
    // A format shows only on the codes it can print: tungstenite's Iana(…) is 3000-3999.
    let page = app.get_page("/websocket/3000").await;
    assert!(section(&page, "id=\"logs\"").contains("<code>code: Iana(3000), reason:</code>"));
    let page = app.get_page("/websocket/1004").await;
    assert!(!page.contains("Iana(1004)"));
    let page = app.get_page("/vi/discord-gateway/4014").await;
    let logs = section(&page, "id=\"logs\"");
    assert!(logs.contains("Trong log trông như thế nào"));
    assert!(logs.contains("discord.js"), "{logs}");
}
