//! What search engines and link previews read: structured data, OpenGraph
//! and Twitter tags, canonical URLs.

use serde_json::Value;

use crate::helpers::spawn_app;

fn json_ld(page: &str) -> Value {
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).expect("valid JSON-LD")
}

#[tokio::test]
async fn code_pages_are_tech_articles_and_comparisons_faqs() {
    let app = spawn_app().await;
    let page = app.get_page("/websocket/1009").await;
    let data = json_ld(&page);
    assert_eq!(data["@type"], "TechArticle");
    assert_eq!(data["headline"], "1009 Message Too Big");
    assert_eq!(data["url"], "http://127.0.0.1:8080/websocket/1009");
    assert!(
        data["isBasedOn"]
            .as_array()
            .unwrap()
            .iter()
            .any(|url| url.as_str().unwrap().contains("rfc6455"))
    );
    for tag in [
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:url\" content=\"http://127.0.0.1:8080/websocket/1009\">",
        "<meta property=\"og:image\" content=\"http://127.0.0.1:8080/badge/websocket/1009.svg\">",
        "<meta name=\"twitter:card\" content=\"summary\">",
    ] {
        assert!(page.contains(tag), "{tag}");
    }

    let page = app.get_page("/vi/websocket/1001-vs-1012").await;
    let data = json_ld(&page);
    assert_eq!(data["@type"], "FAQPage");
    assert_eq!(data["inLanguage"], "vi");
    let question = &data["mainEntity"][0];
    assert!(question["name"].as_str().unwrap().contains("1001"));
    assert!(question["acceptedAnswer"]["text"].as_str().unwrap().len() > 200);

    let home = app.get_page("/").await;
    assert!(home.contains("<meta property=\"og:type\" content=\"website\">"));
    assert!(!home.contains("application/ld+json"));
}
