//! Compression negotiated by `Accept-Encoding`, an ETag per representation,
//! and a cache policy per kind of answer.

use std::io::Read;

use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH, VARY,
};

use crate::helpers::{TestApp, spawn_app, spawn_precompressing_app};

async fn get_with(
    app: &TestApp,
    path: &str,
    headers: &[(reqwest::header::HeaderName, &str)],
) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.address));
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    request.send().await.unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[tokio::test]
async fn answers_are_compressed_as_the_client_prefers() {
    let app = spawn_app().await;
    for path in [
        "/websocket/1009",
        "/vi/websocket/1001-vs-1012",
        "/api/v1/families/websocket?lang=vi",
        "/api/v1/lookup/4004",
        "/api/v1/search?q=1009",
        "/api/v1/openapi.json",
        "/search?q=going+away",
    ] {
        let plain = get_with(&app, path, &[]).await;
        assert!(plain.headers().get(CONTENT_ENCODING).is_none(), "{path}");
        let vary = plain.headers()[VARY].to_str().unwrap();
        assert!(vary.starts_with("Accept-Encoding"), "{path}: {vary}");
        let plain_etag = plain.headers()[ETAG].clone();
        let plain = plain.bytes().await.unwrap();

        let brotli = get_with(&app, path, &[(ACCEPT_ENCODING, "gzip, deflate, br")]).await;
        assert_eq!(brotli.headers()[CONTENT_ENCODING], "br", "{path}");
        let brotli_etag = brotli.headers()[ETAG].clone();
        let body = brotli.bytes().await.unwrap();
        assert!(body.len() < plain.len(), "{path}");
        assert_eq!(unbrotli(&body), plain, "{path}");

        let gzip = get_with(&app, path, &[(ACCEPT_ENCODING, "gzip;q=1, br;q=0")]).await;
        assert_eq!(gzip.headers()[CONTENT_ENCODING], "gzip", "{path}");
        let gzip_etag = gzip.headers()[ETAG].clone();
        assert_eq!(gunzip(&gzip.bytes().await.unwrap()), plain, "{path}");

        let identity = get_with(&app, path, &[(ACCEPT_ENCODING, "identity")]).await;
        assert!(identity.headers().get(CONTENT_ENCODING).is_none(), "{path}");

        // A strong ETag names one sequence of bytes.
        assert_ne!(plain_etag, brotli_etag, "{path}");
        assert_ne!(plain_etag, gzip_etag, "{path}");
        assert_ne!(brotli_etag, gzip_etag, "{path}");
        let revalidated = get_with(
            &app,
            path,
            &[
                (ACCEPT_ENCODING, "br"),
                (IF_NONE_MATCH, brotli_etag.to_str().unwrap()),
            ],
        )
        .await;
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED, "{path}");
        let other_encoding = get_with(
            &app,
            path,
            &[
                (ACCEPT_ENCODING, "gzip"),
                (IF_NONE_MATCH, brotli_etag.to_str().unwrap()),
            ],
        )
        .await;
        assert_eq!(other_encoding.status(), StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn each_kind_of_answer_has_its_cache_policy() {
    let app = spawn_app().await;
    for path in [
        "/websocket/1009",
        "/api/v1/families",
        "/api/v1/openapi.json",
        "/static/style.css",
    ] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers()[CACHE_CONTROL],
            "public, max-age=300",
            "{path}"
        );
    }
    // Pages link their assets by fingerprinted URL, which is cacheable forever.
    let page = app.get_page("/websocket/1009").await;
    for (name, extension) in [("style", "css"), ("copy", "js"), ("favicon", "svg")] {
        let start = page.find(&format!("/static/{name}.")).expect(name);
        let end = start + page[start..].find('"').unwrap();
        let url = &page[start..end];
        assert!(url.ends_with(&format!(".{extension}")), "{url}");
        assert_ne!(url, format!("/static/{name}.{extension}"), "fingerprinted");
        let response = app.get(url).await;
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        assert_eq!(
            response.headers()[CACHE_CONTROL],
            "public, max-age=31536000, immutable",
            "{url}"
        );
        let plain = app
            .get(&format!("/static/{name}.{extension}"))
            .await
            .bytes()
            .await
            .unwrap();
        assert_eq!(response.bytes().await.unwrap(), plain, "{url}");
    }
}

#[tokio::test]
async fn precompressed_answers_are_the_same_bytes_in_every_form() {
    let precompressed = spawn_precompressing_app().await;
    let waited = std::time::Instant::now();
    while precompressed.metric("closecodes_precompressed").await != Some(1.0) {
        assert!(
            waited.elapsed().as_secs() < 300,
            "precompressing takes too long"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    // Uncompressed bodies were let go once their compressed forms existed.
    let identity = precompressed
        .metric(r#"closecodes_stored_bytes{form="identity"}"#)
        .await
        .unwrap();
    let gzip = precompressed
        .metric(r#"closecodes_stored_bytes{form="gzip"}"#)
        .await
        .unwrap();
    assert!(identity < gzip / 4.0, "identity {identity}, gzip {gzip}");

    let lazy = spawn_app().await;
    for path in [
        "/websocket/1009",
        "/vi/websocket/1001-vs-1012",
        "/api/v1/families/websocket?lang=vi",
        "/api/v1/dataset.json",
        "/api/docs/swagger-ui-bundle.js",
        "/sitemap.xml",
        "/static/style.css",
    ] {
        for encoding in ["identity", "gzip", "br"] {
            let headers = [(ACCEPT_ENCODING, encoding)];
            let expected = get_with(&lazy, path, &headers).await;
            // Twice: the first uncompressed answer is inflated from gzip, the
            // second may come from the cache of uncompressed bodies.
            for _ in 0..2 {
                let answer = get_with(&precompressed, path, &headers).await;
                assert_eq!(answer.status(), StatusCode::OK, "{path} {encoding}");
                assert_eq!(
                    answer.headers()[ETAG],
                    expected.headers()[ETAG],
                    "{path} {encoding}"
                );
                assert_eq!(
                    answer.headers().get(CONTENT_ENCODING),
                    expected.headers().get(CONTENT_ENCODING),
                    "{path} {encoding}"
                );
                assert_eq!(
                    answer.headers().get(CONTENT_ENCODING).is_some(),
                    encoding != "identity",
                    "{path} {encoding}"
                );
                let body = answer.bytes().await.unwrap();
                let plain = match encoding {
                    "gzip" => gunzip(&body),
                    "br" => unbrotli(&body),
                    _ => body.to_vec(),
                };
                let lazy_plain = get_with(&lazy, path, &[]).await.bytes().await.unwrap();
                assert_eq!(plain, lazy_plain, "{path} {encoding}");
            }
        }
    }
}
