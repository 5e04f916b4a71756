//! Every URL in the sitemap answers 200, and every internal link and asset of
//! every page reached from the home pages resolves: a crawl of the whole site.

use std::collections::{HashSet, VecDeque};

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION};

use crate::helpers::{TestApp, spawn_app};

const ORIGIN: &str = closecodes::configuration::DEFAULT_PUBLIC_URL;

/// The internal URLs in a page's `href` and `src` attributes, without
/// fragments; absolute URLs on the site's public address count as internal.
fn internal_links(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for piece in html.split(attribute).skip(1) {
            let Some(end) = piece.find('"') else { continue };
            let url = piece[..end].replace("&#38;", "&");
            let url = url.strip_prefix(ORIGIN).unwrap_or(&url);
            if !url.starts_with('/') || url.starts_with("//") {
                continue;
            }
            let url = url.split('#').next().unwrap_or(url);
            if !url.is_empty() {
                links.push(url.to_owned());
            }
        }
    }
    links
}

/// GETs a URL, following the site's own redirects; returns the final answer.
async fn resolve(app: &TestApp, url: &str) -> reqwest::Response {
    let mut current = url.to_owned();
    for _ in 0..5 {
        let response = app.get(&current).await;
        if response.status() != StatusCode::MOVED_PERMANENTLY {
            return response;
        }
        current = response.headers()[LOCATION].to_str().unwrap().to_owned();
    }
    panic!("{url}: too many redirects");
}

#[tokio::test]
async fn every_internal_link_resolves() {
    let app = spawn_app().await;
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: VecDeque<(String, String)> = ["/", "/vi/", "/embed", "/problems/not-found"]
        .into_iter()
        .map(|start| (start.to_owned(), "(start)".to_owned()))
        .collect();
    let mut broken = Vec::new();
    while let Some((url, from)) = queue.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let response = resolve(&app, &url).await;
        if response.status() != StatusCode::OK {
            broken.push(format!("{url} ({}) linked from {from}", response.status()));
            continue;
        }
        let is_html = response
            .headers()
            .get(CONTENT_TYPE)
            .is_some_and(|value| value.to_str().unwrap().starts_with("text/html"));
        // API answers, assets and embeds are checked, not crawled further.
        if !is_html || url.contains("/embed/") || url.starts_with("/api/") {
            continue;
        }
        let html = response.text().await.unwrap();
        for link in internal_links(&html) {
            if !seen.contains(&link) {
                queue.push_back((link, url.clone()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert!(seen.len() > 3000, "crawled {} URLs", seen.len());
}

#[tokio::test]
async fn every_sitemap_url_answers_200() {
    let app = spawn_app().await;
    let response = app.get("/sitemap.xml").await;
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "application/xml; charset=utf-8"
    );
    let sitemap = response.text().await.unwrap();
    let locations: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|piece| piece.split("</loc>").next().unwrap())
        .collect();
    assert!(locations.len() > 1600, "{}", locations.len());
    assert!(locations.contains(&"http://127.0.0.1:8080/vi/websocket/1001-vs-1012"));
    for location in &locations {
        let path = location
            .strip_prefix(ORIGIN)
            .expect("absolute on the public address");
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{location}");
    }
    // Each URL lists its language alternates.
    assert_eq!(
        sitemap.matches("hreflang=\"x-default\"").count(),
        locations.len()
    );

    let robots = app.get("/robots.txt").await.text().await.unwrap();
    assert!(robots.contains("Sitemap: http://127.0.0.1:8080/sitemap.xml"));
    assert!(robots.contains("Disallow: /embed/") && robots.contains("Disallow: /vi/search"));
}
