//! The same endpoint through Python's `websockets`, the library many test
//! suites use (installed into `.venv` by `.ci/run`).

use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;
use tokio::time::timeout;

use crate::helpers::{repo_path, spawn_app};

#[tokio::test]
async fn python_websockets_sees_every_close_as_documented() {
    let python = repo_path(".venv/bin/python");
    assert!(
        python.exists(),
        "no .venv: run `python3 -m venv .venv && .venv/bin/pip install -r tests/websocket/requirements.txt` (or `bash .ci/run`)"
    );
    let app = spawn_app().await;
    let url = format!("{}/ws/echo", app.address.replacen("http", "ws", 1));
    let child = Command::new(python)
        .arg(repo_path("tests/websocket/echo_client.py"))
        .env("CLOSECODES_WS", url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let output = timeout(Duration::from_secs(120), child.wait_with_output())
        .await
        .expect("the Python client finishes within 120 s")
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
