//! Every English page has a Vietnamese twin under `/vi/`: same page, texts in
//! Vietnamese, linked both ways with hreflang and the language switcher.

use closecodes::dataset::{self, DataSource, Edition};
use reqwest::StatusCode;
use reqwest::header::LOCATION;

use crate::helpers::spawn_app;

/// The public address the test server renders its absolute URLs with.
const ORIGIN: &str = closecodes::configuration::DEFAULT_PUBLIC_URL;

/// The start of a text up to the first character HTML escapes or the data
/// marks up, so that it can be found verbatim in a page.
fn fragment(text: &str) -> &str {
    let end = text
        .find(['`', '\'', '"', '&', '<', '>', '\n'])
        .unwrap_or(text.len());
    let plain = &text[..end];
    match plain.char_indices().nth(40) {
        Some((cut, _)) => &plain[..cut],
        None => plain,
    }
}

/// Every HTML page of the site, by its path in the source language.
fn every_page(edition: &Edition) -> Vec<String> {
    let mut paths = vec!["/".to_owned()];
    for family in &edition.families {
        paths.push(format!("/{}/", family.slug));
        for code in &family.codes {
            paths.push(format!("/{}/{}", family.slug, code.code));
        }
        for (a, b) in family.pairs() {
            paths.push(format!("/{}/{}-vs-{}", family.slug, a.code, b.code));
        }
        for pair in family.curated_private_use() {
            paths.push(format!("/{}/{}-vs-{}", family.slug, pair.a, pair.b));
        }
    }
    paths
}

#[tokio::test]
async fn every_page_has_a_vietnamese_twin_linked_both_ways() {
    let app = spawn_app().await;
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    let pages = every_page(dataset.source());
    assert!(pages.len() > 800, "{}", pages.len());
    for path in &pages {
        let twin = format!("/vi{path}");
        let english = app.get_page(path).await;
        let vietnamese = app.get_page(&twin).await;
        assert!(
            english.starts_with("<!doctype html>\n<html lang=\"en\">"),
            "{path}"
        );
        assert!(
            vietnamese.starts_with("<!doctype html>\n<html lang=\"vi\">"),
            "{twin}"
        );
        for page in [&english, &vietnamese] {
            for link in [
                format!("<link rel=\"alternate\" hreflang=\"en\" href=\"{ORIGIN}{path}\">"),
                format!("<link rel=\"alternate\" hreflang=\"vi\" href=\"{ORIGIN}{twin}\">"),
                format!("<link rel=\"alternate\" hreflang=\"x-default\" href=\"{ORIGIN}{path}\">"),
            ] {
                assert!(page.contains(&link), "{path}: {link}");
            }
        }
        assert!(english.contains(&format!("<link rel=\"canonical\" href=\"{ORIGIN}{path}\">")));
        assert!(vietnamese.contains(&format!("<link rel=\"canonical\" href=\"{ORIGIN}{twin}\">")));
        // The switcher leads to the same page in the other language.
        assert!(
            english.contains(&format!(
                "<a href=\"{twin}\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a>"
            )),
            "{path}"
        );
        assert!(
            vietnamese.contains(&format!(
                "<a href=\"{path}\" hreflang=\"en\" lang=\"en\">English</a>"
            )),
            "{twin}"
        );
    }
}

#[tokio::test]
async fn vietnamese_code_pages_carry_the_vietnamese_texts_and_no_english_ones() {
    let app = spawn_app().await;
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    let (english, vietnamese) = (dataset.source(), dataset.edition("vi").unwrap());
    for (family_en, family_vi) in english.families.iter().zip(&vietnamese.families) {
        for (code_en, code_vi) in family_en.codes.iter().zip(&family_vi.codes) {
            let page = app.get_page(&code_vi.url).await;
            for heading in ["Mô tả", "Khi bạn thấy mã này", "Cách khắc phục"] {
                assert!(page.contains(heading), "{}: {heading}", code_vi.url);
            }
            let texts = |code: &closecodes::dataset::Code| {
                [
                    code.summary.clone(),
                    code.description.clone(),
                    code.when.clone(),
                    code.fix.clone(),
                    code.use_when.clone(),
                    code.reconnect.detail.clone(),
                ]
            };
            for (text_en, text_vi) in texts(code_en).iter().zip(texts(code_vi)) {
                let (en, vi) = (fragment(text_en), fragment(&text_vi));
                if en.len() >= 20 {
                    assert!(!page.contains(en), "{}: English left: {en}", code_vi.url);
                }
                assert!(page.contains(vi), "{}: missing: {vi}", code_vi.url);
            }
            // The official name stays visible where the name is translated.
            if code_vi.name != code_en.name {
                assert!(
                    page.contains(&format!(
                        "Tên chính thức: <span lang=\"en\">{}</span>",
                        code_en.name.replace('\'', "&#39;").replace('&', "&#38;")
                    )) || code_en.name.contains(['&', '\'']),
                    "{}",
                    code_vi.url
                );
            }
        }
    }
}

#[tokio::test]
async fn vietnamese_comparisons_use_the_vietnamese_headings_and_guidance() {
    let app = spawn_app().await;
    let page = app.get_page("/vi/websocket/1001-vs-1012").await;
    for heading in ["Sự khác biệt chính", "Khi nào dùng cái nào", "Mô tả"] {
        assert!(page.contains(heading), "{heading}");
    }
    assert!(!page.contains("Key differences"));
    assert!(!page.contains("When to use which"));

    let reversed = app.get("/vi/websocket/1012-vs-1001").await;
    assert_eq!(reversed.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(reversed.headers()[LOCATION], "/vi/websocket/1001-vs-1012");
    let private_use = app.get("/vi/websocket/4001-vs-3000").await;
    assert_eq!(
        private_use.headers()[LOCATION],
        "/vi/websocket/3000-vs-4001"
    );
}

#[tokio::test]
async fn vietnamese_urls_redirect_and_fail_in_vietnamese() {
    let app = spawn_app().await;
    for (from, to) in [("/vi", "/vi/"), ("/vi/websocket", "/vi/websocket/")] {
        let response = app.get(from).await;
        assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY, "{from}");
        assert_eq!(response.headers()[LOCATION], to);
    }
    let response = app.get("/vi/websocket/9999").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let page = response.text().await.unwrap();
    assert!(page.contains("<html lang=\"vi\">"));
    assert!(page.contains("href=\"/vi/websocket/1009\""));

    let page = app.get("/nope").await.text().await.unwrap();
    assert!(page.contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn markdown_and_llms_txt_exist_in_vietnamese() {
    let app = spawn_app().await;
    let markdown = app.get("/vi/websocket/1009.md").await.text().await.unwrap();
    assert!(
        markdown.starts_with("# 1009 Thông điệp quá lớn"),
        "{markdown}"
    );
    assert!(markdown.contains("## Cách khắc phục"));
    let index = app.get("/vi/llms.txt").await.text().await.unwrap();
    assert!(index.contains("](/vi/websocket/1009.md)"), "{index}");
}
