//! The lab's cases and reports over HTTP: the JSON API, its errors, the
//! pages in both languages and the metrics.

use reqwest::StatusCode;

use crate::helpers::glossary::{glossary, glossary_problems};
use crate::helpers::spawn_app;
use crate::raw::{Answer, run_raw};

#[tokio::test]
async fn the_cases_cover_autobahn_section_7_and_cite_rfc_6455() {
    let app = spawn_app().await;
    let list = app.get_json("/api/v1/lab/cases").await;
    let cases = list["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 46);
    for field in [
        "id",
        "title",
        "server_does",
        "client_must",
        "autobahn",
        "graded",
        "references",
    ] {
        assert!(
            cases.iter().all(|case| case.get(field).is_some()),
            "{field}"
        );
    }
    let autobahn: Vec<&str> = cases
        .iter()
        .filter_map(|c| c["autobahn"].as_str())
        .collect();
    for id in [
        "7.1.1", "7.1.2", "7.1.3", "7.1.4", "7.1.5", "7.3.1", "7.3.6", "7.5.1", "7.7.1", "7.7.13",
        "7.9.1", "7.9.9", "7.13.1", "7.13.2",
    ] {
        assert!(autobahn.contains(&id), "{id}");
    }
    let reason_124 = cases
        .iter()
        .find(|c| c["id"] == "reason-124-bytes")
        .unwrap();
    assert_eq!(reason_124["autobahn"], "7.3.6");
    assert_eq!(reason_124["graded"], true);
    assert_eq!(reason_124["references"][0]["title"], "RFC 6455 §5.5");
    assert!(reason_124["client_must"].as_str().unwrap().contains("1002"));
    let informational = cases.iter().filter(|c| c["graded"] == false).count();
    assert_eq!(informational, 2);
    let vi = app.get_json("/api/v1/lab/cases?lang=vi").await;
    assert_eq!(
        vi["cases"][0]["title"],
        "Một thông điệp, rồi một khung Close"
    );
    let wrong = glossary_problems("/api/v1/lab/cases?lang=vi", &vi, &glossary());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn bad_lab_requests_are_clear_problems() {
    let app = spawn_app().await;
    for (path, status, words) in [
        ("/api/v1/lab/runs/has%20space", 400, "1 to 64 letters"),
        ("/api/v1/lab/runs/ok?lang=xx", 400, "xx"),
        ("/api/v1/lab/cases?lang=xx", 400, "xx"),
        ("/ws/lab/no-such-case?run=a", 404, "/api/v1/lab/cases"),
        ("/ws/lab/close-code-only", 400, "run"),
        ("/ws/lab/close-code-only?run=a", 426, "WebSocket client"),
        (
            "/ws/lab/autobahn/runCase?case=999&agent=a",
            400,
            "case number",
        ),
        ("/ws/lab/autobahn/runCase?case=1&agent=a.b", 400, "agent"),
        ("/ws/lab/autobahn/stopServer", 404, "getCaseCount"),
        // A parameter the operation ignores is still checked.
        (
            "/ws/lab/autobahn/getCaseCount?case=null",
            400,
            "case number",
        ),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), status, "{path}");
        let body = response.text().await.unwrap();
        assert!(body.contains(words), "{path}: {body}");
    }
}

#[tokio::test]
async fn a_run_report_is_a_page_in_both_languages_and_counted_in_metrics() {
    let app = spawn_app().await;
    let address = app.address.clone();
    tokio::task::spawn_blocking(move || {
        run_raw(
            &address,
            "/ws/lab/invalid-code-1005?run=page-run",
            Answer::Always1000,
        )
    })
    .await
    .unwrap();
    let unknown = app.get_json("/api/v1/lab/runs/never-seen").await;
    assert_eq!(unknown["recorded"], false);
    assert_eq!(unknown["summary"]["not_run"], 46);
    assert!(unknown["note"].as_str().unwrap().contains("not a secret"));

    let response = app.get("/api/v1/lab/runs/page-run").await;
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = app.get_page("/lab/runs/page-run").await;
    assert!(page.contains("Lab run page-run"));
    assert!(page.contains(r#"data-verdict="fail""#));
    assert!(
        page.contains("put 1005 on the wire"),
        "the client echoed 1005"
    );
    let vi = app.get_page("/vi/lab/runs/page-run").await;
    assert!(vi.contains("Lượt chạy lab page-run"));
    assert!(vi.contains("không đạt"));
    assert_eq!(
        app.get("/lab/runs/bad%20id").await.status(),
        StatusCode::NOT_FOUND
    );

    let lab = app.get_page("/lab").await;
    for words in [
        "Run in this browser",
        "ws/lab/autobahn",
        "pip install websockets",
        "gorilla/websocket",
        "tokio-tungstenite",
        "java.net.http",
        "invalid-code-1005",
        "tight loop",
    ] {
        assert!(lab.contains(words), "{words}");
    }
    assert!(
        app.get_page("/vi/lab")
            .await
            .contains("Chạy trong trình duyệt này")
    );

    assert_eq!(app.metric("closecodes_lab_runs_total").await, Some(1.0));
    assert_eq!(
        app.metric(r#"closecodes_lab_verdicts_total{verdict="fail"}"#)
            .await,
        Some(1.0)
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_lab() {
    let app = spawn_app().await;
    let document = app.get_json("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/lab/cases",
        "/api/v1/lab/runs/{run}",
        "/ws/lab/{case}",
        "/ws/lab/autobahn/{operation}",
        "/ws/echo",
    ] {
        assert!(document["paths"].get(path).is_some(), "{path}");
    }
    assert!(document["components"]["schemas"].get("Report").is_some());
}
