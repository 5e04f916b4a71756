use crate::helpers::{registered_codes, spawn_app};

#[tokio::test]
async fn families_lists_websocket_with_its_code_count() {
    let app = spawn_app().await;
    let list = app.get_json("/api/v1/families").await;
    assert!(!list["dataset_version"].as_str().unwrap().is_empty());
    let websocket = list["families"]
        .as_array()
        .unwrap()
        .iter()
        .find(|family| family["slug"] == "websocket")
        .expect("websocket family listed");
    assert_eq!(websocket["code_count"], 19);
    assert_eq!(websocket["url"], "/websocket/");
    assert_eq!(websocket["api_url"], "/api/v1/families/websocket");
    assert!(
        websocket["description"]
            .as_str()
            .unwrap()
            .contains("RFC 6455")
    );
    assert!(
        websocket.get("codes").is_none(),
        "the list leaves codes out"
    );
}

#[tokio::test]
async fn family_has_every_registered_code_in_order() {
    let app = spawn_app().await;
    let family = app.get_json("/api/v1/families/websocket").await;
    let codes = app.family_codes("websocket").await;
    let expected: Vec<u64> = registered_codes().into_iter().map(u64::from).collect();
    assert_eq!(codes, expected);
    assert_eq!(
        family["allowed_ranges"],
        serde_json::json!(["1000-2999", "3000-3999"])
    );
}

#[tokio::test]
async fn dataset_json_holds_everything_with_its_version() {
    let app = spawn_app().await;
    let dataset = app.get_json("/api/v1/dataset.json").await;
    let families = app.get_json("/api/v1/families").await;
    assert_eq!(dataset["version"], families["dataset_version"]);
    assert_eq!(dataset["ranges"].as_array().unwrap().len(), 5);
    assert_eq!(
        dataset["families"][0]["codes"].as_array().unwrap().len(),
        19
    );
}
