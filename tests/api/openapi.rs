use serde_json::Value;

use crate::helpers::{CODE_CONTRACT_FIELDS, spawn_app};

#[tokio::test]
async fn openapi_lists_every_endpoint_with_documented_responses() {
    let app = spawn_app().await;
    let document = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().unwrap();
    let mut listed: Vec<&str> = paths.keys().map(String::as_str).collect();
    listed.sort_unstable();
    assert_eq!(
        listed,
        [
            "/api/v1/dataset.json",
            "/api/v1/explain",
            "/api/v1/families",
            "/api/v1/families/{family}",
            "/api/v1/families/{family}/codes/{code}",
            "/api/v1/families/{family}/compare/{a}/{b}",
            "/api/v1/lab/cases",
            "/api/v1/lab/runs/{run}",
            "/api/v1/lookup/{n}",
            "/api/v1/openapi.json",
            "/api/v1/platforms",
            "/api/v1/search",
            "/ws/echo",
            "/ws/lab/autobahn/{operation}",
            "/ws/lab/{case}",
        ]
    );
    for (path, item) in paths {
        let operation = &item["get"];
        let responses = operation["responses"].as_object().unwrap();
        // A WebSocket endpoint's success is the upgrade.
        let success = if path.starts_with("/ws/") {
            "101"
        } else {
            "200"
        };
        assert!(responses.contains_key(success), "{path}");
        for (status, response) in responses {
            assert!(
                !response["description"].as_str().unwrap_or("").is_empty(),
                "{path} {status} has no description"
            );
            if status.starts_with('4') {
                assert!(
                    response["content"]["application/problem+json"].is_object(),
                    "{path} {status} is problem+json"
                );
            }
        }
    }
}

#[tokio::test]
async fn code_schema_has_the_contract_fields() {
    let app = spawn_app().await;
    let document = app.get_json("/api/v1/openapi.json").await;
    let schemas = &document["components"]["schemas"];
    let code = &schemas["Code"];
    let required: Vec<&str> = code["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in CODE_CONTRACT_FIELDS {
        assert!(required.contains(&field), "Code requires {field}");
    }
    for schema in [
        "Problem",
        "Comparison",
        "Lookup",
        "FamilyList",
        "FamilyDetail",
        "DatasetDump",
    ] {
        assert!(schemas[schema].is_object(), "{schema} schema");
    }
    let lookup_n = &document["paths"]["/api/v1/lookup/{n}"]["get"]["parameters"][0]["schema"];
    assert_eq!(lookup_n["maximum"], Value::from(65535), "{lookup_n}");
}

#[tokio::test]
async fn the_document_describes_this_server_and_dataset_with_real_examples() {
    let app = spawn_app().await;
    let document = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
    let dataset_version = app.get_json("/api/v1/dataset.json").await["version"].clone();
    assert_eq!(document["info"]["x-dataset-version"], dataset_version);

    // Parameters whose values come from the dataset list exactly those values.
    let search = &document["paths"]["/api/v1/search"]["get"]["parameters"];
    let parameter = |name: &str| {
        search
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["schema"]
            .clone()
    };
    assert_eq!(parameter("lang")["enum"], serde_json::json!(["en", "vi"]));
    assert_eq!(parameter("family")["enum"][0], "websocket");
    assert_eq!(
        parameter("reconnect")["enum"],
        serde_json::json!(["yes", "after-fix", "no", "depends"])
    );

    // Examples are real answers: the same as asking the server.
    let example = |path: &str| {
        document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["example"]
            .clone()
    };
    assert_eq!(
        example("/api/v1/families/{family}/codes/{code}"),
        app.get_json("/api/v1/families/websocket/codes/1009").await
    );
    assert_eq!(
        example("/api/v1/lookup/{n}"),
        app.get_json("/api/v1/lookup/4004").await
    );
    assert_eq!(
        example("/api/v1/search"),
        app.get_json("/api/v1/search?q=1009").await
    );
}

#[tokio::test]
async fn the_docs_are_served_like_every_other_answer() {
    use reqwest::header::{
        ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, ETAG, LOCATION,
    };
    let app = spawn_app().await;
    let redirect = app.get("/api/docs").await;
    assert_eq!(redirect.status(), reqwest::StatusCode::MOVED_PERMANENTLY);
    assert_eq!(redirect.headers()[LOCATION], "/api/docs/");

    let index = app.get("/api/docs/").await;
    assert_eq!(index.status(), reqwest::StatusCode::OK);
    assert!(index.headers().contains_key(ETAG));
    let policy = index.headers()[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(policy.contains("img-src 'self' data:"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(index.text().await.unwrap().contains("swagger-ui-bundle.js"));
    let initializer = app
        .get("/api/docs/swagger-initializer.js")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        initializer.contains("\"url\": \"/api/v1/openapi.json\""),
        "{initializer}"
    );
    assert!(
        initializer.contains("\"validatorUrl\": \"none\""),
        "{initializer}"
    );

    let css = app
        .client
        .get(format!("{}/api/docs/swagger-ui.css", app.address))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(css.headers()[CONTENT_ENCODING], "gzip");
    // The site's own pages keep the strict policy.
    let page = app.get("/websocket/1009").await;
    let strict = page.headers()[CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(!strict.contains("unsafe-inline"), "{strict}");
}
