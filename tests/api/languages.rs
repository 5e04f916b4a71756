//! `?lang=` on every content endpoint: the answer is in that language, says
//! so, links to pages in that language, and an unknown language is a 400.

use closecodes::dataset::{self, DataSource};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::spawn_app;

/// Every content endpoint, with a query string to add `lang` to.
const CONTENT_ENDPOINTS: [&str; 6] = [
    "/api/v1/families",
    "/api/v1/families/websocket",
    "/api/v1/families/websocket/codes/1009",
    "/api/v1/families/websocket/compare/1001/1012",
    "/api/v1/lookup/4004",
    "/api/v1/dataset.json",
];

/// Every string value under `key`, anywhere in the answer.
fn values_of<'a>(value: &'a Value, key: &str, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(fields) => {
            for (name, item) in fields {
                match item.as_str() {
                    Some(text) if name == key => found.push(text),
                    _ => values_of(item, key, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| values_of(item, key, found)),
        _ => {}
    }
}

#[tokio::test]
async fn every_content_endpoint_answers_in_vietnamese_and_says_so() {
    let app = spawn_app().await;
    for endpoint in CONTENT_ENDPOINTS {
        let answer = app.get_json(&format!("{endpoint}?lang=vi")).await;
        assert_eq!(answer["lang"], "vi", "{endpoint}");
        let (mut langs, mut urls) = (Vec::new(), Vec::new());
        values_of(&answer, "lang", &mut langs);
        values_of(&answer, "url", &mut urls);
        assert!(
            langs.iter().all(|lang| *lang == "vi"),
            "{endpoint}: {langs:?}"
        );
        let pages: Vec<&&str> = urls.iter().filter(|url| url.starts_with('/')).collect();
        assert!(!pages.is_empty(), "{endpoint}");
        assert!(
            pages.iter().all(|url| url.starts_with("/vi/")),
            "{endpoint}: {pages:?}"
        );
    }
}

#[tokio::test]
async fn vietnamese_answers_carry_the_vietnamese_texts() {
    let app = spawn_app().await;
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    let vietnamese = dataset.edition("vi").unwrap();
    let code = vietnamese.family("websocket").unwrap().code(1009).unwrap();

    let answer = app
        .get_json("/api/v1/families/websocket/codes/1009?lang=vi")
        .await;
    assert_eq!(answer["name"], "Thông điệp quá lớn");
    assert_eq!(answer["official_name"], "Message Too Big");
    assert_eq!(answer["summary"], code.summary.as_str());
    assert_eq!(answer["fix"], code.fix.as_str());
    assert_eq!(
        answer["reconnect"]["detail"],
        code.reconnect.detail.as_str()
    );
    assert_eq!(answer["url"], "/vi/websocket/1009");
    // Facts do not change with the language.
    assert_eq!(answer["reconnect"]["advice"], "after-fix");
    assert_eq!(answer["range"], "1000-2999");

    let comparison = app
        .get_json("/api/v1/families/websocket/compare/1001/1012?lang=vi")
        .await;
    assert_eq!(comparison["url"], "/vi/websocket/1001-vs-1012");
    let curated = vietnamese
        .family("websocket")
        .unwrap()
        .curated(1001, 1012)
        .unwrap();
    assert_eq!(
        comparison["curated"]["when_to_use_which"],
        curated.when_to_use_which.as_str()
    );
    assert!(
        comparison["guidance"][1]
            .as_str()
            .unwrap()
            .contains("kết nối lại")
    );

    let family = app.get_json("/api/v1/families?lang=vi").await;
    assert_eq!(
        family["families"][0]["api_url"],
        "/api/v1/families/websocket?lang=vi"
    );
    let lookup = app.get_json("/api/v1/lookup/4004?lang=vi").await;
    assert_eq!(lookup["range"]["name"], vietnamese.ranges[3].name.as_str());
}

#[tokio::test]
async fn english_is_the_default_and_explicit_english_is_the_same_answer() {
    let app = spawn_app().await;
    for endpoint in CONTENT_ENDPOINTS {
        let default = app.get(endpoint).await.bytes().await.unwrap();
        let english = app
            .get(&format!("{endpoint}?lang=en"))
            .await
            .bytes()
            .await
            .unwrap();
        assert_eq!(default, english, "{endpoint}");
        let answer: Value = serde_json::from_slice(&default).unwrap();
        assert_eq!(answer["lang"], "en", "{endpoint}");
    }
}

#[tokio::test]
async fn an_unknown_language_is_a_400_listing_the_supported_ones() {
    let app = spawn_app().await;
    for endpoint in CONTENT_ENDPOINTS {
        for lang in ["fr", "", "VI", "vi-VN"] {
            let problem = app
                .get_problem(&format!("{endpoint}?lang={lang}"), StatusCode::BAD_REQUEST)
                .await;
            assert_eq!(
                problem["detail"],
                format!("unknown language \"{lang}\"; supported: en, vi"),
                "{endpoint}"
            );
        }
    }
}
