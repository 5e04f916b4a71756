//! The `/lab` page's copyable loops, run the way a reader runs them: each test
//! copies the code block under its heading from the page the real server
//! serves (so it names that server) and runs it with the language's own tool.
//! What each library scores is recorded in the README's table.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::process::Command;
use tokio::time::timeout;

use crate::helpers::glossary::{glossary, glossary_problems};
use crate::helpers::{TestApp, repo_path, spawn_app_naming_itself};

/// Every loop names its run (or Autobahn agent) this.
const RUN: &str = "my-client";

/// The code block right after `<h3>{heading}</h3>` on `/lab`, as a reader copies it.
async fn copy_snippet(app: &TestApp, heading: &str) -> String {
    let page = app.get_page("/lab").await;
    let start = format!("<h3>{heading}</h3>\n<pre><code>");
    let from = page
        .find(&start)
        .unwrap_or_else(|| panic!("/lab has no {heading} block"))
        + start.len();
    let length = page[from..].find("</code></pre>").unwrap();
    page[from..from + length]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Runs `command` to the end (bounded) and returns what it printed.
async fn run_to_end(command: &mut Command, limit: Duration) -> String {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|error| panic!("{command:?} does not start: {error}"));
    let output = timeout(limit, child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("{command:?} did not finish within {limit:?}"))
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{command:?} failed:\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The loop printed the run's report URL, and the report has every case run:
/// the informational ones `info`, the reconnect ones (which need a client
/// that reconnects on its own) `not-run`, `fails` failed and the rest passed.
async fn assert_report(app: &TestApp, printed: &str, fails: &[&str]) {
    assert_eq!(
        printed.trim(),
        format!("{}/lab/runs/{RUN}", app.address),
        "the loop ends by printing the report's address"
    );
    let report: Value = app.get_json(&format!("/api/v1/lab/runs/{RUN}")).await;
    let mut failed = Vec::new();
    for case in report["cases"].as_array().unwrap() {
        let (id, verdict) = (case["id"].as_str().unwrap(), &case["verdict"]);
        let expected = if id.starts_with("reconnect-") {
            "not-run"
        } else if id.starts_with("undefined-code-") {
            "info"
        } else if verdict == "fail" {
            failed.push(format!("{id}: {}", case["observed"]));
            "fail"
        } else {
            "pass"
        };
        assert_eq!(verdict, expected, "{id}: {case}");
    }
    let failed_ids: Vec<&str> = failed
        .iter()
        .map(|line| line.split(':').next().unwrap())
        .collect();
    assert_eq!(failed_ids, fails, "failed:\n{}", failed.join("\n"));
    assert_vietnamese_report_keeps_to_the_glossary(app, RUN).await;
}

/// The Vietnamese report of `run` keeps to the glossary, like the data does;
/// what the client sent (its Close reason, quoted) is not ours to check.
pub async fn assert_vietnamese_report_keeps_to_the_glossary(app: &TestApp, run: &str) {
    let vi = format!("/api/v1/lab/runs/{run}?lang=vi");
    let mut report = app.get_json(&vi).await;
    assert_eq!(
        report["page"],
        format!("/vi/lab/runs/{run}"),
        "its own page"
    );
    for case in report["cases"].as_array_mut().unwrap() {
        let case = case.as_object_mut().unwrap();
        case.remove("details");
        let observed = case["observed"].as_str().unwrap();
        let ours: String = observed.split('"').step_by(2).collect();
        case.insert("observed".to_owned(), ours.into());
    }
    let wrong = glossary_problems(&vi, &report, &glossary());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// Cases websockets 17 fails, each for a reason in its source: it answers a
/// Close that arrives mid-message with 1002 ("incomplete fragmented message",
/// `protocol.py`), and after the closing handshake it waits for the server to
/// close TCP longer than the lab holds it open.
const WEBSOCKETS_FAILS: [&str; 2] = ["close-between-fragments", "server-keeps-tcp-open"];

#[tokio::test]
async fn the_python_loop_runs_and_websockets_fails_only_two_cases_by_design() {
    let python = repo_path(".venv/bin/python");
    assert!(python.exists(), "no .venv: run `bash .ci/run` once");
    let app = spawn_app_naming_itself().await;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "lab.py",
        &copy_snippet(&app, "Python (websockets)").await,
    );
    let printed = run_to_end(
        Command::new(python).arg("lab.py").current_dir(dir.path()),
        Duration::from_secs(150),
    )
    .await;
    assert_report(&app, &printed, &WEBSOCKETS_FAILS).await;
}

/// ws 8 passes every graded case.
const WS_FAILS: [&str; 0] = [];

#[tokio::test]
async fn the_node_loop_runs_with_the_ws_package() {
    let modules = repo_path("tests/browser/node_modules");
    assert!(
        modules.join("ws").is_dir(),
        "ws is not installed: run `npm ci --prefix tests/browser` (or `bash .ci/run`)"
    );
    let app = spawn_app_naming_itself().await;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "lab.mjs",
        &copy_snippet(&app, "Node.js (ws)").await,
    );
    // `import WebSocket from "ws"` resolves from the script's own folder.
    std::os::unix::fs::symlink(&modules, dir.path().join("node_modules")).unwrap();
    let printed = run_to_end(
        Command::new("node").arg("lab.mjs").current_dir(dir.path()),
        Duration::from_secs(150),
    )
    .await;
    assert_report(&app, &printed, &WS_FAILS).await;
}

/// The case the JDK's `java.net.http.WebSocket` fails (JDK 17): its
/// `StatusCodes.isLegalToReceiveFromServer` refuses 1010 ("code sent by
/// clients"), so it drops the connection where RFC 6455 and Autobahn 7.7.8
/// expect the Close echoed.
const JAVA_FAILS: [&str; 1] = ["valid-code-1010"];

#[tokio::test]
async fn the_java_loop_runs_as_an_autobahn_driver_with_the_jdk_client() {
    let app = spawn_app_naming_itself().await;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "CloseLab.java",
        &copy_snippet(&app, "Java (java.net.http, Autobahn protocol)").await,
    );
    // Java 11+ runs a single source file without a separate javac step.
    let printed = run_to_end(
        Command::new("java")
            .arg("CloseLab.java")
            .current_dir(dir.path()),
        Duration::from_secs(180),
    )
    .await;
    assert_report(&app, &printed, &JAVA_FAILS).await;
}

/// Cases tokio-tungstenite 0.30 fails: tungstenite's `CloseCode::from(u16)`
/// has no 1014, so a 1014 becomes `Bad` and `is_allowed` refuses it; and
/// after the closing handshake it waits for the server's TCP close.
const TUNGSTENITE_FAILS: [&str; 2] = ["valid-code-1014", "server-keeps-tcp-open"];

/// The crates the Rust loop's first line names, at this project's versions.
const RUST_LOOP_MANIFEST: &str = r#"[package]
name = "lab-client"
version = "0.1.0"
edition = "2024"

[dependencies]
futures-util = "0.3"
reqwest = { version = "0.13", default-features = false, features = ["json"] }
serde_json = "1"
tokio = { version = "1", features = ["full"] }
tokio-tungstenite = "0.30"
"#;

#[tokio::test]
async fn the_rust_loop_builds_and_runs_with_tokio_tungstenite() {
    let app = spawn_app_naming_itself().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    write(dir.path(), "Cargo.toml", RUST_LOOP_MANIFEST);
    write(
        dir.path(),
        "src/main.rs",
        &copy_snippet(&app, "Rust (tokio-tungstenite)").await,
    );
    // This project's lock file keeps the build to crates already fetched; the
    // target folder inside this project's keeps later builds incremental.
    std::fs::copy(repo_path("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let printed = run_to_end(
        Command::new(cargo)
            .args(["run", "--quiet"])
            .env("CARGO_TARGET_DIR", repo_path("target/lab-snippet"))
            .current_dir(dir.path()),
        Duration::from_secs(600),
    )
    .await;
    assert_report(&app, &printed, &TUNGSTENITE_FAILS).await;
}
