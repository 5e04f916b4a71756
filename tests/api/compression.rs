//! Compression negotiated by `Accept-Encoding`, an ETag per representation,
//! a cache policy per kind of answer, and the store: quick forms then the
//! best ones, 304s without rendering, the memory budget.

use std::io::Read;

use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH, VARY,
};

use crate::helpers::{TestApp, spawn_app};

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

        // A client that takes brotli alone gets it at once (a browser, which
        // also takes gzip, first gets the quicker gzip: see below).
        let brotli = get_with(&app, path, &[(ACCEPT_ENCODING, "br;q=1, gzip;q=0")]).await;
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

/// One answer in one encoding, decoded, with its ETag.
async fn decoded(app: &TestApp, path: &str, encoding: &str) -> (String, Vec<u8>) {
    let answer = get_with(app, path, &[(ACCEPT_ENCODING, encoding)]).await;
    assert_eq!(answer.status(), StatusCode::OK, "{path} {encoding}");
    assert_eq!(
        answer.headers().get(CONTENT_ENCODING).is_some(),
        encoding != "identity",
        "{path} {encoding}"
    );
    let etag = answer.headers()[ETAG].to_str().unwrap().to_owned();
    let body = answer.bytes().await.unwrap();
    let plain = match encoding {
        "gzip" => gunzip(&body),
        "br" => unbrotli(&body),
        _ => body.to_vec(),
    };
    (etag, plain)
}

#[tokio::test]
async fn answers_asked_for_again_are_recompressed_at_best_and_decode_the_same() {
    let app = spawn_app().await;
    let paths = [
        "/websocket/1009",
        "/vi/websocket/1001-vs-1012",
        "/api/v1/families/websocket?lang=vi",
        "/api/v1/dataset.json",
        "/api/docs/swagger-ui-bundle.js",
        "/sitemap.xml",
        "/static/style.css",
    ];
    let mut first = Vec::new();
    for path in paths {
        let (_, plain) = decoded(&app, path, "identity").await;
        for encoding in ["gzip", "br"] {
            // Made while the request waits: quickly, and tagged as such.
            let (etag, body) = decoded(&app, path, encoding).await;
            assert!(etag.ends_with("-fast\""), "{path} {encoding}: {etag}");
            assert_eq!(body, plain, "{path} {encoding}");
            // Asked for again: queued for the best settings.
            let (again, _) = decoded(&app, path, encoding).await;
            assert_eq!(again, etag, "{path} {encoding}");
            first.push((path, encoding, etag, plain.clone()));
        }
    }
    for (path, encoding, quick_etag, plain) in first {
        // Each request of an answer with quick forms queues it again, until
        // the background thread has remade them.
        let best_etag = quick_etag.replace("-fast", "");
        let waited = std::time::Instant::now();
        loop {
            let (etag, body) = decoded(&app, path, encoding).await;
            // Either form decodes to the same body.
            assert_eq!(body, plain, "{path} {encoding}");
            if etag == best_etag {
                break;
            }
            assert_eq!(etag, quick_etag, "{path} {encoding}");
            assert!(
                waited.elapsed().as_secs() < 120,
                "best compression takes too long"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // A client holding the quick form still holds a valid answer.
        let revalidated = get_with(
            &app,
            path,
            &[(ACCEPT_ENCODING, encoding), (IF_NONE_MATCH, &quick_etag)],
        )
        .await;
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(revalidated.headers()[ETAG], quick_etag.as_str(), "{path}");
    }
}

#[tokio::test]
async fn a_revalidation_is_answered_without_rendering() {
    // Two servers of one build and dataset: replicas behind a balancer.
    let (first, second) = (spawn_app().await, spawn_app().await);
    let renders = r#"closecodes_store_events_total{event="render"}"#;
    assert_eq!(
        second.metric(renders).await,
        Some(0.0),
        "nothing is made ahead"
    );
    for (path, encoding) in [
        ("/websocket/1009", "br"),
        ("/vi/websocket/1001-vs-1012", "gzip"),
        ("/api/v1/families/websocket/codes/1009?lang=vi", "identity"),
        ("/static/style.css", "br"),
    ] {
        let answer = get_with(&first, path, &[(ACCEPT_ENCODING, encoding)]).await;
        let etag = answer.headers()[ETAG].to_str().unwrap().to_owned();
        let cache_control = answer.headers()[CACHE_CONTROL].clone();
        let revalidated = get_with(
            &second,
            path,
            &[(ACCEPT_ENCODING, encoding), (IF_NONE_MATCH, &etag)],
        )
        .await;
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(revalidated.headers()[ETAG], etag.as_str(), "{path}");
        assert_eq!(
            revalidated.headers()[CACHE_CONTROL],
            cache_control,
            "{path}"
        );
    }
    assert_eq!(second.metric(renders).await, Some(0.0));
    let unrendered = r#"closecodes_store_events_total{event="not_modified_unrendered"}"#;
    assert_eq!(second.metric(unrendered).await, Some(4.0));
}

#[tokio::test]
async fn the_store_keeps_answers_within_its_budget_and_makes_the_rest_again() {
    let budget = 64 << 10;
    let app = crate::helpers::spawn_app_with_cache(budget).await;
    let codes = app.family_codes("discord-gateway").await;
    let mut pages = Vec::new();
    for prefix in ["", "/vi"] {
        for code in &codes {
            pages.push(format!("{prefix}/discord-gateway/{code}"));
        }
    }
    let mut bodies = Vec::new();
    for page in &pages {
        bodies.push(decoded(&app, page, "br").await.1);
    }
    let mut held = 0.0;
    for form in ["identity", "gzip", "br"] {
        held += app
            .metric(&format!(r#"closecodes_stored_bytes{{form="{form}"}}"#))
            .await
            .unwrap();
    }
    assert!(held > 0.0 && held <= budget as f64, "{held} bytes kept");
    let answers = app.metric("closecodes_stored_answers").await.unwrap();
    assert!(answers < pages.len() as f64, "{answers} answers kept");
    let renders = r#"closecodes_store_events_total{event="render"}"#;
    let before = app.metric(renders).await.unwrap();
    // Everything still answers, the same bytes, whether kept or made again.
    for (page, body) in pages.iter().zip(&bodies) {
        assert_eq!(&decoded(&app, page, "br").await.1, body, "{page}");
    }
    let after = app.metric(renders).await.unwrap();
    assert!(after > before, "some answers fell out and were made again");
}

#[tokio::test]
async fn a_browser_first_gets_the_quickest_form_then_brotli_at_best() {
    let app = spawn_app().await;
    let path = "/websocket/1006";
    const BROWSER: &str = "gzip, deflate, br";
    let browser = [(ACCEPT_ENCODING, BROWSER)];
    let plain = get_with(&app, path, &[]).await.bytes().await.unwrap();
    // Made while the request waits: gzip, quickest to make, which it takes.
    let first = get_with(&app, path, &browser).await;
    assert_eq!(first.headers()[CONTENT_ENCODING], "gzip");
    let stand_in = first.headers()[ETAG].to_str().unwrap().to_owned();
    assert!(stand_in.ends_with("-gz-fast\""), "{stand_in}");
    assert_eq!(gunzip(&first.bytes().await.unwrap()), plain);
    let revalidated = get_with(
        &app,
        path,
        &[
            (ACCEPT_ENCODING, BROWSER),
            (IF_NONE_MATCH, stand_in.as_str()),
        ],
    )
    .await;
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    // Asked for again: its brotli form is made at best in the background.
    let waited = std::time::Instant::now();
    loop {
        let answer = get_with(&app, path, &browser).await;
        let etag = answer.headers()[ETAG].to_str().unwrap().to_owned();
        let encoding = answer.headers()[CONTENT_ENCODING].clone();
        let body = answer.bytes().await.unwrap();
        if encoding == "br" {
            assert!(etag.ends_with("-br\""), "{etag}");
            assert_eq!(unbrotli(&body), plain);
            break;
        }
        assert_eq!(etag, stand_in);
        assert!(waited.elapsed().as_secs() < 60, "no brotli form yet");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // The stand-in nobody asked for is let go; a client that takes only gzip
    // asks for it again.
    let gzip_only = get_with(&app, path, &[(ACCEPT_ENCODING, "gzip")]).await;
    assert_eq!(gzip_only.headers()[CONTENT_ENCODING], "gzip");
    assert_eq!(gunzip(&gzip_only.bytes().await.unwrap()), plain);
}
