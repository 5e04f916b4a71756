//! Real WebSocket libraries through the lab: Python's websockets (the
//! lab page's Python example) and tokio-tungstenite as an Autobahn driver.

use std::process::Stdio;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::process::Command;
use tokio::time::timeout;
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::{repo_path, spawn_app};
use crate::raw::verdicts;

/// Cases websockets 17 fails, each for a reason in its source (see the
/// README's table): it answers a Close that arrives mid-message with 1002
/// ("incomplete fragmented message", `protocol.py`), and after the closing
/// handshake it waits for the server to close TCP longer than the lab holds it.
const WEBSOCKETS_FAILS: [&str; 2] = ["close-between-fragments", "server-keeps-tcp-open"];

#[tokio::test]
async fn python_websockets_passes_every_graded_case_but_two_it_fails_by_design() {
    let python = repo_path(".venv/bin/python");
    assert!(python.exists(), "no .venv: run `bash .ci/run` once");
    let app = spawn_app().await;
    let child = Command::new(python)
        .arg(repo_path("tests/lab/websockets_client.py"))
        .arg(&app.address)
        .arg("python-websockets")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let output = timeout(Duration::from_secs(150), child.wait_with_output())
        .await
        .expect("the Python client finishes within 150 s")
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = app.get_json("/api/v1/lab/runs/python-websockets").await;
    for (case, verdict) in verdicts(&report) {
        let expected = if case.starts_with("reconnect-") {
            "not-run"
        } else if case.starts_with("undefined-code-") {
            "info"
        } else if WEBSOCKETS_FAILS.contains(&case.as_str()) {
            "fail"
        } else {
            "pass"
        };
        assert_eq!(verdict, expected, "{case}: {report}");
    }
}

/// One Autobahn-protocol connection: echoes, and returns the text messages.
async fn autobahn(url: String) -> Vec<String> {
    let Ok((mut socket, _)) = connect_async(url).await else {
        return Vec::new();
    };
    let mut texts = Vec::new();
    while let Some(Ok(message)) = socket.next().await {
        if let Message::Text(text) = &message {
            texts.push(text.to_string());
        }
        if (message.is_text() || message.is_binary()) && socket.send(message).await.is_err() {
            break;
        }
    }
    texts
}

#[tokio::test]
async fn an_autobahn_driver_loop_runs_every_case_and_gets_a_report() {
    let app = spawn_app().await;
    let base = format!("{}/ws/lab/autobahn", app.address.replacen("http", "ws", 1));
    let count: usize = autobahn(format!("{base}/getCaseCount")).await[0]
        .parse()
        .unwrap();
    let cases = app.get_json("/api/v1/lab/cases").await;
    let single = cases["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| case["single_connection"] == true)
        .count();
    assert_eq!(count, single);
    let info = autobahn(format!("{base}/getCaseInfo?case=1")).await;
    let info: serde_json::Value = serde_json::from_str(&info[0]).unwrap();
    assert_eq!(info["id"], "7.1.1");
    for case in 1..=count {
        timeout(
            Duration::from_secs(30),
            autobahn(format!("{base}/runCase?case={case}&agent=tungstenite")),
        )
        .await
        .unwrap_or_else(|_| panic!("case {case} did not end"));
    }
    let status = autobahn(format!("{base}/getCaseStatus?case=1&agent=tungstenite")).await;
    assert_eq!(status, [r#"{"behavior":"OK"}"#]);
    autobahn(format!("{base}/updateReports?agent=tungstenite")).await;
    let report = app.get_json("/api/v1/lab/runs/tungstenite").await;
    assert_eq!(report["recorded"], true);
    assert_eq!(
        report["summary"]["not_run"], 3,
        "only the reconnect cases: {report}"
    );
    let failed: Vec<String> = verdicts(&report)
        .into_iter()
        .filter(|(_, verdict)| verdict == "fail")
        .map(|(case, _)| case)
        .collect();
    // What tokio-tungstenite scores is recorded in the README's table.
    println!("tokio-tungstenite fails: {failed:?}");
    assert!(
        report["summary"]["pass"].as_u64().unwrap() >= 38,
        "{report}"
    );
}
