//! Stored answers are served before routing; the same answer reached through
//! its route (`?lang=en` is not a stored key) must not differ.

use reqwest::header::{
    ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG,
    REFERRER_POLICY, VARY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};

use crate::helpers::spawn_app;

#[tokio::test]
async fn stored_and_routed_answers_carry_the_same_headers() {
    let app = spawn_app().await;
    for (stored, routed) in [
        (
            "/api/v1/families/websocket/codes/1009",
            "/api/v1/families/websocket/codes/1009?lang=en",
        ),
        (
            "/api/v1/families/websocket/compare/1009/1012?lang=vi",
            "/api/v1/families/websocket/compare/1012/1009?lang=vi",
        ),
        ("/websocket/1009", "/websocket/1009?utm_source=log"),
        ("/badge/websocket/1009.svg", "/badge/websocket/1009.svg?v=2"),
        ("/static/style.css", "/static/style.css?v=1"),
    ] {
        let stored_answer = app.get(stored).await;
        let routed_answer = app.get(routed).await;
        assert_eq!(stored_answer.status(), 200, "{stored}");
        assert_eq!(routed_answer.status(), 200, "{routed}");
        for name in [
            CONTENT_TYPE,
            ETAG,
            CACHE_CONTROL,
            CONTENT_SECURITY_POLICY,
            X_CONTENT_TYPE_OPTIONS,
            REFERRER_POLICY,
        ] {
            assert_eq!(
                stored_answer.headers().get(&name),
                routed_answer.headers().get(&name),
                "{name} of {stored} and {routed}"
            );
        }
        assert_eq!(stored_answer.headers()[X_FRAME_OPTIONS], "DENY", "{stored}");
        let vary = stored_answer.headers()[VARY].to_str().unwrap();
        assert!(vary.starts_with("Accept-Encoding"), "{stored}: {vary}");
        if stored.starts_with("/api/") || stored.starts_with("/static/") {
            assert_eq!(stored_answer.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        }
        if stored.starts_with("/api/") {
            assert_eq!(
                stored_answer.headers()["closecodes-dataset-version"],
                routed_answer.headers()["closecodes-dataset-version"],
                "{stored}"
            );
        }
        assert_eq!(
            stored_answer.bytes().await.unwrap(),
            routed_answer.bytes().await.unwrap(),
            "{stored} and {routed}"
        );
    }
}
