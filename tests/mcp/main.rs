//! The MCP server, driven by the official Python SDK (`driver.py`) over
//! both transports: `closecodes mcp` over stdio, and `/mcp` on the real
//! server on a random port. Each tool's structured content is checked
//! against the API's answer to the same question, and its text for what an
//! assistant would quote; every bad argument must come back as a tool error.

#[path = "../helpers/mod.rs"]
mod helpers;

mod http;
mod tools;

use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

use helpers::repo_path;

/// How the client connects: the initialize handshake, or the SDK's default
/// (server/discover, on protocol 2026-07-28).
#[derive(Clone, Copy, Debug)]
pub enum Mode {
    Legacy,
    Auto,
}

/// Where the client connects: `closecodes mcp` linking to a public URL, or
/// an `/mcp` URL.
pub enum Transport<'a> {
    Stdio(&'a str),
    Http(&'a str),
}

/// Runs `steps` through the Python SDK; the first result describes the
/// connection, then one result per step.
pub async fn drive(mode: Mode, transport: Transport<'_>, steps: &[Value]) -> Vec<Value> {
    let python = repo_path(".venv/bin/python");
    assert!(
        python.exists(),
        "no .venv: run `python3 -m venv .venv && .venv/bin/pip install -r tests/mcp/requirements.txt` (or `bash .ci/run`)"
    );
    let mut command = Command::new(python);
    command
        .arg(repo_path("tests/mcp/driver.py"))
        .arg(match mode {
            Mode::Legacy => "legacy",
            Mode::Auto => "auto",
        });
    match transport {
        Transport::Stdio(public_url) => command.args([
            "stdio",
            env!("CARGO_BIN_EXE_closecodes"),
            "mcp",
            "--public-url",
            public_url,
        ]),
        Transport::Http(url) => command.args(["http", url]),
    };
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("python starts");
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(serde_json::to_string(steps).unwrap().as_bytes())
        .await
        .unwrap();
    drop(stdin);
    let output = tokio::time::timeout(Duration::from_secs(120), child.wait_with_output())
        .await
        .expect("the client finishes within two minutes")
        .unwrap();
    assert!(
        output.status.success(),
        "driver failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results.len(), steps.len() + 1);
    results
}

pub fn call(name: &str, arguments: Value) -> Value {
    json!({"op": "call", "name": name, "arguments": arguments})
}

/// A tool result's text (its one text block).
pub fn text(result: &Value) -> &str {
    let content = result["content"].as_array().expect("a tool result");
    assert_eq!(content.len(), 1, "{result}");
    assert_eq!(content[0]["type"], "text");
    content[0]["text"].as_str().unwrap()
}

/// A successful tool result: its text and structured content.
pub fn success(result: &Value) -> (&str, &Value) {
    assert_ne!(result["isError"], true, "{result}");
    (text(result), &result["structuredContent"])
}

/// A tool error's message, which must be all the model gets.
pub fn tool_error(result: &Value) -> &str {
    assert_eq!(result["isError"], true, "{result}");
    assert!(result.get("structuredContent").is_none(), "{result}");
    text(result)
}

#[tokio::test]
async fn both_transports_and_both_handshakes_serve_the_same_server() {
    let app = helpers::spawn_app_naming_itself().await;
    let url = format!("{}/mcp", app.address);
    let steps = [
        json!({"op": "list_tools"}),
        json!({"op": "list_resources"}),
        json!({"op": "list_templates"}),
        call("lookup_close_code", json!({"code": 1009})),
        json!({"op": "read", "uri": "closecodes://websocket/1009"}),
    ];
    let lookup = app.get_json("/api/v1/lookup/1009").await;
    let markdown = app.get("/websocket/1009.md").await.text().await.unwrap();
    for (mode, transport, protocol) in [
        (Mode::Legacy, Transport::Stdio(&app.address), "2025-11-25"),
        (Mode::Auto, Transport::Stdio(&app.address), "2026-07-28"),
        (Mode::Legacy, Transport::Http(&url), "2025-11-25"),
        (Mode::Auto, Transport::Http(&url), "2026-07-28"),
    ] {
        let results = drive(mode, transport, &steps).await;
        let connection = &results[0];
        assert_eq!(connection["server_name"], "closecodes", "{mode:?}");
        assert_eq!(connection["protocol_version"], protocol, "{mode:?}");
        assert!(
            connection["instructions"]
                .as_str()
                .unwrap()
                .contains("explain_close_event")
        );
        let tools = results[1]["tools"].as_array().unwrap();
        let names: Vec<&str> = tools.iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(
            names,
            [
                "lookup_close_code",
                "explain_close_event",
                "compare_close_codes",
                "search_close_codes",
                "list_families",
                "should_reconnect",
                "lab_report"
            ]
        );
        for tool in tools {
            assert!(!tool["description"].as_str().unwrap().is_empty());
            assert_eq!(tool["inputSchema"]["type"], "object", "{tool}");
            assert_eq!(tool["annotations"]["readOnlyHint"], true, "{tool}");
        }
        let lookup_schema = &tools[0]["inputSchema"];
        assert_eq!(lookup_schema["required"], json!(["code"]));
        assert_eq!(lookup_schema["properties"]["code"]["type"], "integer");
        assert_eq!(
            results[2]["resources"][0]["uri"], "closecodes://families",
            "{mode:?}"
        );
        assert_eq!(
            results[3]["resourceTemplates"][0]["uriTemplate"],
            "closecodes://{family}/{code}"
        );
        let (_, structured) = success(&results[4]);
        assert_eq!(structured, &lookup, "{mode:?}");
        let contents = &results[5]["contents"][0];
        assert_eq!(contents["mimeType"], "text/markdown");
        assert_eq!(contents["text"], markdown.as_str());
    }
}
