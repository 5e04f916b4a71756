//! `/api/v1/platforms`: the proxies and platforms behind most 1006s, with
//! their documented figures and sources, in both languages.

use crate::helpers::spawn_app;

#[tokio::test]
async fn platforms_list_their_documented_limits_and_sources() {
    let app = spawn_app().await;
    let answer = app.get_json("/api/v1/platforms").await;
    assert_eq!(answer["lang"], "en");
    let platforms = answer["platforms"].as_array().unwrap();
    assert!(platforms.len() >= 10, "{}", platforms.len());
    let by_slug = |slug: &str| {
        platforms
            .iter()
            .find(|platform| platform["slug"] == slug)
            .unwrap_or_else(|| panic!("{slug}"))
            .clone()
    };
    // The figures the issue names, as the vendors document them.
    assert_eq!(by_slug("nginx")["idle_timeout_seconds"], 60);
    assert_eq!(by_slug("aws-alb")["idle_timeout_seconds"], 60);
    let gateway = by_slug("aws-api-gateway");
    assert_eq!(gateway["idle_timeout_seconds"], 600);
    assert_eq!(gateway["max_connection_seconds"], 7200);
    assert_eq!(by_slug("heroku")["idle_timeout_seconds"], 55);
    for platform in platforms {
        let slug = platform["slug"].as_str().unwrap();
        assert!(
            !platform["references"].as_array().unwrap().is_empty(),
            "{slug}"
        );
        // No figure without a word on what the documentation says.
        if platform["idle_timeout_seconds"].is_null() {
            assert!(platform["idle_timeout_note"].is_string(), "{slug}");
        }
        assert!(
            !platform["client_sees"].as_array().unwrap().is_empty(),
            "{slug}"
        );
    }
    let vietnamese = app.get_json("/api/v1/platforms?lang=vi").await;
    assert_eq!(vietnamese["lang"], "vi");
    let first = &vietnamese["platforms"][0];
    assert_eq!(first["slug"], platforms[0]["slug"]);
    assert_eq!(
        first["idle_timeout_seconds"],
        platforms[0]["idle_timeout_seconds"]
    );
    assert_ne!(first["summary"], platforms[0]["summary"], "translated");
    assert_eq!(app.get("/api/v1/platforms?lang=fr").await.status(), 400);
}

#[tokio::test]
async fn a_pasted_duration_points_at_the_platforms_that_close_at_it() {
    let app = spawn_app().await;
    let answer = app
        .get_json(
            "/api/v1/explain?text=WebSocket%20closed%20with%20code%201006%20after%2060.1s%20idle",
        )
        .await;
    assert_eq!(answer["candidates"][0]["code"], 1006);
    let hinted: Vec<&str> = answer["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hint| hint["slug"].as_str().unwrap())
        .collect();
    assert!(hinted.contains(&"nginx"), "{hinted:?}");
    assert!(hinted.contains(&"aws-alb"), "{hinted:?}");
    assert!(!hinted.contains(&"heroku"), "55 s is not 60 s: {hinted:?}");
    let nginx = &answer["platforms"][hinted.iter().position(|s| *s == "nginx").unwrap()];
    assert_eq!(nginx["limit"], "idle_timeout");
    assert_eq!(nginx["seconds"], 60);
    assert_eq!(nginx["written"], 60);
    // Two hours is API Gateway's longest connection.
    let two_hours = app
        .get_json(
            "/api/v1/explain?text=execute-api%20connection%20closed%201001%20after%202%20hours",
        )
        .await;
    let limits: Vec<(&str, &str)> = two_hours["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hint| {
            (
                hint["slug"].as_str().unwrap(),
                hint["limit"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        limits.contains(&("aws-api-gateway", "max_connection")),
        "{limits:?}"
    );
    // No duration, no platforms.
    let plain = app.get_json("/api/v1/explain?text=close%201006").await;
    assert_eq!(plain["platforms"], serde_json::json!([]));
}
