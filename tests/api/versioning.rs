//! Every API answer says which dataset version it came from.

use crate::helpers::spawn_app;

#[tokio::test]
async fn every_answer_names_the_dataset_version() {
    let app = spawn_app().await;
    let dataset = app.get_json("/api/v1/dataset.json").await;
    let version = dataset["version"].as_str().unwrap().to_owned();
    assert!(!dataset["date"].as_str().unwrap().is_empty());
    for path in [
        "/api/v1/families",
        "/api/v1/families/websocket",
        "/api/v1/families/websocket/codes/1009",
        "/api/v1/families/websocket/compare/1001/1012",
        "/api/v1/lookup/4004",
        "/api/v1/openapi.json",
        "/api/v1/families/nope",
    ] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers()["closecodes-dataset-version"]
                .to_str()
                .unwrap(),
            version,
            "{path}"
        );
        if response.status() == 200 && path != "/api/v1/openapi.json" {
            let body: serde_json::Value = response.json().await.unwrap();
            assert_eq!(body["dataset_version"], version.as_str(), "{path}");
        }
    }
}

#[tokio::test]
async fn curated_comparisons_carry_their_guidance() {
    let app = spawn_app().await;
    let comparison = app
        .get_json("/api/v1/families/websocket/compare/1001/1012")
        .await;
    let curated = &comparison["curated"];
    assert!(
        curated["when_to_use_which"]
            .as_str()
            .unwrap()
            .contains("1012")
    );
    assert!(!curated["references"].as_array().unwrap().is_empty());
    let plain = app
        .get_json("/api/v1/families/websocket/compare/1000/3008")
        .await;
    assert!(plain["curated"].is_null());
    assert!(!plain["guidance"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn codes_come_with_snippets_for_five_languages() {
    let app = spawn_app().await;
    let code = app.get_json("/api/v1/families/websocket/codes/1009").await;
    let languages: Vec<&str> = code["snippets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["language"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["javascript", "nodejs", "python", "go", "rust"]);
}
