//! tokio-tungstenite through the lab, as an Autobahn driver.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::time::timeout;
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::spawn_app;
use crate::raw::verdicts;

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
