use serde_json::Value;

use crate::helpers::{registered_pairs, spawn_app};

fn difference<'a>(comparison: &'a Value, fact: &str) -> &'a Value {
    comparison["key_differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["fact"] == fact)
        .unwrap_or_else(|| panic!("no {fact} row"))
}

#[tokio::test]
async fn every_pair_compares_in_either_order() {
    let app = spawn_app().await;
    let mut pairs = 0;
    for (a, b) in registered_pairs() {
        let path = format!("/api/v1/families/websocket/compare/{a}/{b}");
        let comparison = app.get_json(&path).await;
        assert_eq!(comparison["a"]["code"], a);
        assert_eq!(comparison["b"]["code"], b);
        assert_eq!(comparison["url"], format!("/websocket/{a}-vs-{b}"));
        assert_eq!(comparison["key_differences"].as_array().unwrap().len(), 6);
        assert!(!comparison["guidance"].as_array().unwrap().is_empty());
        pairs += 1;
    }
    assert_eq!(pairs, 171);

    let forward = app
        .get("/api/v1/families/websocket/compare/1001/1012")
        .await;
    let reversed = app
        .get("/api/v1/families/websocket/compare/1012/1001")
        .await;
    assert_eq!(reversed.status(), 200);
    assert_eq!(
        forward.bytes().await.unwrap(),
        reversed.bytes().await.unwrap()
    );
}

#[tokio::test]
async fn key_differences_are_facts_with_what_differs_marked() {
    let app = spawn_app().await;
    let comparison = app
        .get_json("/api/v1/families/websocket/compare/1000/1006")
        .await;
    let wire = difference(&comparison, "on_the_wire");
    assert_eq!(
        (wire["a"].clone(), wire["b"].clone()),
        (true.into(), false.into())
    );
    assert_eq!(wire["differs"], true);
    let browser = difference(&comparison, "browser_can_send");
    assert_eq!(browser["differs"], true);
    let range = difference(&comparison, "range");
    assert_eq!(range["a"], "1000-2999");
    assert_eq!(range["differs"], false);
    let guidance = comparison["guidance"].to_string();
    assert!(
        guidance.contains("1006 must never appear in a Close frame"),
        "{guidance}"
    );

    let restart = app
        .get_json("/api/v1/families/websocket/compare/1001/1012")
        .await;
    let sender = difference(&restart, "sender");
    assert_eq!(sender["a"], "either");
    assert_eq!(sender["b"], "server");
    assert_eq!(sender["differs"], true);
    assert_eq!(difference(&restart, "browser_can_send")["differs"], false);
}
