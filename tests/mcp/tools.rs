//! Every tool with good arguments (its structured content is the API's answer
//! to the same question) and with bad ones (a tool error that says what is
//! wrong, never a protocol error).

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;

use crate::helpers::{TestApp, spawn_app_naming_itself};
use crate::{Mode, Transport, call, drive, success, tool_error};

fn encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// One lab connection that echoes every message and answers the server's
/// Close as RFC 6455 asks, or, given `own_close`, closes first with that code
/// right after the first echo (which the lab grades as a failure).
async fn run_lab_case(app: &TestApp, case: &str, run: &str, own_close: Option<u16>) {
    let url = format!(
        "{}/ws/lab/{case}?run={run}",
        app.address.replacen("http", "ws", 1)
    );
    let (mut socket, _) = connect_async(url).await.expect("the lab accepts");
    while let Some(Ok(message)) = socket.next().await {
        if (message.is_text() || message.is_binary()) && socket.send(message).await.is_err() {
            break;
        }
        if let Some(code) = own_close {
            let frame = CloseFrame {
                code: code.into(),
                reason: "".into(),
            };
            let _ = socket.close(Some(frame)).await;
            while let Some(Ok(_)) = socket.next().await {}
            break;
        }
    }
}

#[tokio::test]
async fn every_tool_answers_as_the_api_does_with_its_page_and_sources() {
    let app = spawn_app_naming_itself().await;
    run_lab_case(&app, "message-then-close", "mcp-run", None).await;
    run_lab_case(&app, "message-then-close", "mcp-failing", Some(1002)).await;
    let line = "websocket: close 1006 (abnormal closure): unexpected EOF";
    let cases: [(Value, String); 13] = [
        (
            call("lookup_close_code", json!({"code": 4014})),
            "/api/v1/lookup/4014".to_owned(),
        ),
        (
            call("lookup_close_code", json!({"code": 4999, "lang": "vi"})),
            "/api/v1/lookup/4999?lang=vi".to_owned(),
        ),
        (
            call("explain_close_event", json!({"text": line})),
            format!("/api/v1/explain?text={}", encoded(line)),
        ),
        (
            call(
                "explain_close_event",
                json!({"text": r#"{"code":4004,"reason":"Authentication failed.","wasClean":true}"#, "lang": "vi"}),
            ),
            format!(
                "/api/v1/explain?lang=vi&text={}",
                encoded(r#"{"code":4004,"reason":"Authentication failed.","wasClean":true}"#)
            ),
        ),
        (
            call(
                "compare_close_codes",
                json!({"family": "websocket", "a": 1012, "b": 1001}),
            ),
            "/api/v1/families/websocket/compare/1001/1012".to_owned(),
        ),
        (
            call("search_close_codes", json!({"query": "message too big"})),
            format!("/api/v1/search?q={}", encoded("message too big")),
        ),
        (
            call(
                "search_close_codes",
                json!({"query": "4999", "family": "websocket"}),
            ),
            "/api/v1/search?q=4999&family=websocket".to_owned(),
        ),
        (
            call("list_families", json!({})),
            "/api/v1/families".to_owned(),
        ),
        (
            call("list_families", json!({"lang": "vi"})),
            "/api/v1/families?lang=vi".to_owned(),
        ),
        (
            call("lab_report", json!({"run": "mcp-run"})),
            "/api/v1/lab/runs/mcp-run".to_owned(),
        ),
        (
            call("lab_report", json!({"run": "mcp-failing"})),
            "/api/v1/lab/runs/mcp-failing".to_owned(),
        ),
        (
            call(
                "lab_report",
                json!({"run": "never-connected", "lang": "vi"}),
            ),
            "/api/v1/lab/runs/never-connected?lang=vi".to_owned(),
        ),
        (
            call("lab_report", json!({"run": "never-connected"})),
            "/api/v1/lab/runs/never-connected".to_owned(),
        ),
    ];
    let mut steps: Vec<Value> = cases.iter().map(|(step, _)| step.clone()).collect();
    steps.extend([
        call(
            "lookup_close_code",
            json!({"code": 1000, "family": "websocket"}),
        ),
        call(
            "should_reconnect",
            json!({"family": "discord-gateway", "code": 4014}),
        ),
        call(
            "should_reconnect",
            json!({"family": "websocket", "code": 1012, "lang": "vi"}),
        ),
        json!({"op": "read", "uri": "closecodes://families"}),
        json!({"op": "read", "uri": "closecodes://discord-gateway/4014?lang=vi"}),
    ]);
    let url = format!("{}/mcp", app.address);
    let results = drive(Mode::Auto, Transport::Http(&url), &steps).await;
    let mut texts = Vec::new();
    for (index, (step, api)) in cases.iter().enumerate() {
        let (text, structured) = success(&results[index + 1]);
        let mut expected = app.get_json(api).await;
        if let Some(report) = expected.as_object_mut().filter(|_| api.contains("/lab/")) {
            // A report's age moves on between the two reads.
            report.remove("age_seconds");
            let mut structured = structured.clone();
            structured.as_object_mut().unwrap().remove("age_seconds");
            assert_eq!(structured, Value::Object(report.clone()), "{step}");
        } else {
            assert_eq!(structured, &expected, "{step}");
        }
        // Every answer names its page, on this server.
        assert!(text.contains(&app.address), "{step}: {text}");
        texts.push(text);
    }
    let [
        lookup,
        lookup_vi,
        explain,
        explain_vi,
        compare,
        search,
        search_number,
        families,
        families_vi,
        lab,
        lab_failing,
        lab_unseen_vi,
        lab_unseen,
    ] = texts[..]
    else {
        unreachable!()
    };
    assert!(lookup.contains("4014 Disallowed intent(s) (discord-gateway)"));
    assert!(lookup.contains(&format!("{}/lookup/4014", app.address)));
    assert!(lookup.contains("https://docs.discord.com/"), "{lookup}");
    assert!(lookup_vi.contains("/vi/lookup/4999"), "{lookup_vi}");
    assert!(lookup_vi.contains("rfc6455"), "{lookup_vi}");
    assert!(
        explain.contains("1006 Abnormal Closure (websocket)"),
        "{explain}"
    );
    assert!(explain.contains("/explain?text=websocket"), "{explain}");
    assert!(explain.contains("https://www.rfc-editor.org/rfc/rfc6455"));
    assert!(explain_vi.contains("4004"), "{explain_vi}");
    assert!(explain_vi.contains("/vi/explain?text="), "{explain_vi}");
    assert!(compare.starts_with("1001 Going Away vs 1012 Service Restart"));
    assert!(compare.contains("/websocket/1001-vs-1012"));
    assert!(compare.contains("Who sends it: 1001 either endpoint · 1012 the server"));
    assert!(
        search.contains("1009 Message Too Big (websocket)"),
        "{search}"
    );
    assert!(search_number.contains("4000–4999"), "{search_number}");
    for family in ["websocket", "discord-gateway", "graphql-ws"] {
        assert!(families.contains(&format!("(`{family}`)")), "{families}");
        assert!(families_vi.contains(&format!("(`{family}`)")));
    }
    assert!(lab.starts_with("Lab run mcp-run: 1 pass, 0 fail,"), "{lab}");
    assert!(lab.contains("/lab/runs/mcp-run"), "{lab}");
    // A failing run's text carries what the lab saw and what it expected.
    let failing = app.get_json("/api/v1/lab/runs/mcp-failing").await;
    let failing_cases = failing["cases"].as_array().unwrap();
    let case = failing_cases
        .iter()
        .find(|case| case["id"] == "message-then-close")
        .unwrap();
    assert_eq!(case["verdict"], "fail", "{case}");
    assert!(lab_failing.starts_with("Lab run mcp-failing: 0 pass, 1 fail,"));
    for field in ["observed", "expected"] {
        let said = case[field].as_str().unwrap();
        assert!(
            lab_failing.contains(said),
            "{field} {said:?}: {lab_failing}"
        );
    }
    assert!(lab_failing.contains("fail: message-then-close (A message, then a Close)"));
    assert!(lab_unseen.contains("46 not run"), "{lab_unseen}");
    assert!(
        lab_unseen.contains("it keeps a run for 3600 s"),
        "{lab_unseen}"
    );
    assert!(
        lab_unseen_vi.starts_with("Lượt chạy lab never-connected: 0 đạt, 0 không đạt,"),
        "{lab_unseen_vi}"
    );
    assert!(lab_unseen_vi.contains("/vi/lab/runs/never-connected"));
    assert!(lab_unseen_vi.contains("bắt đầu từ"), "{lab_unseen_vi}");
    assert!(lab_unseen.contains("/ws/lab/message-then-close?run=never-connected"));

    let rest = &results[cases.len() + 1..];
    let (text, filtered) = success(&rest[0]);
    let entries = filtered["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "only the family asked for");
    assert_eq!(entries[0]["family"], "websocket");
    assert!(text.contains("1000 Normal Closure (websocket)"));

    let (text, reconnect) = success(&rest[1]);
    let discord = app
        .get_json("/api/v1/families/discord-gateway/codes/4014")
        .await;
    assert_eq!(reconnect["advice"], discord["reconnect"]["advice"]);
    assert_eq!(reconnect["advice"], "no");
    assert_eq!(reconnect["source_says"], "no");
    assert_eq!(
        reconnect["source_reference"],
        discord["reconnect"]["source_reference"]
    );
    assert_eq!(reconnect["references"], discord["references"]);
    assert_eq!(reconnect["url"], "/discord-gateway/4014");
    assert!(text.contains("Reconnect: no"), "{text}");
    assert!(
        text.contains(
            discord["reconnect"]["source_reference"]["url"]
                .as_str()
                .unwrap()
        )
    );
    let (text, reconnect_vi) = success(&rest[2]);
    assert_eq!(reconnect_vi["lang"], "vi");
    assert_eq!(reconnect_vi["url"], "/vi/websocket/1012");
    assert!(text.contains("/vi/websocket/1012"), "{text}");

    let families_json = &rest[3]["contents"][0];
    assert_eq!(families_json["mimeType"], "application/json");
    let read: Value = serde_json::from_str(families_json["text"].as_str().unwrap()).unwrap();
    assert_eq!(read, app.get_json("/api/v1/families").await);
    let page_vi = &rest[4]["contents"][0];
    let markdown_vi = app
        .get("/vi/discord-gateway/4014.md")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(page_vi["text"], markdown_vi.as_str());
}

#[tokio::test]
async fn bad_arguments_are_tool_errors_that_say_what_is_wrong() {
    let app = spawn_app_naming_itself().await;
    let long = "x".repeat(4001);
    let refused: [(Value, &str); 19] = [
        (
            call("lookup_close_code", json!({"code": 70000})),
            "`code` is 70000, which is not a close code",
        ),
        (
            call("lookup_close_code", json!({"code": -1})),
            "`code` is -1, which is not a close code",
        ),
        (
            call("lookup_close_code", json!({"code": "1009"})),
            "bad argument `code`: invalid type: string",
        ),
        (call("lookup_close_code", json!({})), "missing field `code`"),
        (
            call("lookup_close_code", json!({"code": 1000, "colour": "red"})),
            "unknown field `colour`",
        ),
        (
            call(
                "lookup_close_code",
                json!({"code": 1000, "family": "slack"}),
            ),
            "no family \"slack\"; families: websocket",
        ),
        (
            call("lookup_close_code", json!({"code": 1000, "lang": "fr"})),
            "unknown language \"fr\"; supported: en, vi",
        ),
        (
            call("explain_close_event", json!({"text": "   "})),
            "is empty",
        ),
        (
            call("explain_close_event", json!({"text": long})),
            "longer than 4000 characters",
        ),
        (
            call(
                "compare_close_codes",
                json!({"family": "websocket", "a": 1000, "b": 1000}),
            ),
            "not 1000 with itself",
        ),
        (
            call(
                "compare_close_codes",
                json!({"family": "websocket", "a": 1000, "b": 4999}),
            ),
            "family \"websocket\" has no code 4999",
        ),
        (
            call(
                "compare_close_codes",
                json!({"family": "nope", "a": 1000, "b": 1001}),
            ),
            "no family \"nope\"",
        ),
        (
            call(
                "compare_close_codes",
                json!({"family": "websocket", "a": 1000, "b": 65536}),
            ),
            "`b` is 65536",
        ),
        (
            call("search_close_codes", json!({"query": ""})),
            "the argument `query` is empty",
        ),
        (
            call(
                "search_close_codes",
                json!({"query": "close", "family": "nope"}),
            ),
            "no family \"nope\"",
        ),
        (
            call(
                "should_reconnect",
                json!({"family": "discord-gateway", "code": 1009}),
            ),
            "family \"discord-gateway\" has no code 1009",
        ),
        (
            call("list_families", json!({"lang": "xx"})),
            "unknown language \"xx\"",
        ),
        (
            call("lab_report", json!({"run": "a b"})),
            "`run` must be a run id",
        ),
        // Over stdio the process runs no lab: the answer says where runs are.
        (
            call("lab_report", json!({"run": "my-client"})),
            "runs no lab",
        ),
    ];
    let mut steps: Vec<Value> = refused.iter().map(|(step, _)| step.clone()).collect();
    steps.extend([
        call("no_such_tool", json!({})),
        json!({"op": "read", "uri": "closecodes://websocket/4999"}),
        json!({"op": "read", "uri": "https://example.com/"}),
        json!({"op": "read", "uri": "closecodes://families?lang=fr"}),
    ]);
    let results = drive(Mode::Auto, Transport::Stdio(&app.address), &steps).await;
    for (index, (step, expected)) in refused.iter().enumerate() {
        let message = tool_error(&results[index + 1]);
        assert!(message.contains(expected), "{step}: {message}");
    }
    let protocol = &results[refused.len() + 1..];
    assert_eq!(protocol[0]["error"]["code"], -32602, "{}", protocol[0]);
    assert!(
        protocol[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no tool \"no_such_tool\"")
    );
    for (result, expected) in [
        (&protocol[1], "no such code"),
        (&protocol[2], "start with closecodes://"),
    ] {
        // Protocol 2026-07-28 answers an unknown resource with -32602.
        assert_eq!(result["error"]["code"], -32602, "{result}");
        assert!(
            result["error"]["message"]
                .as_str()
                .unwrap()
                .contains(expected),
            "{result}"
        );
    }
    assert_eq!(protocol[3]["error"]["code"], -32602, "{}", protocol[3]);
}
