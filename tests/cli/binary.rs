//! The `closecodes` binary: `check`, `lookup`, and refusing to serve bad data.

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::json;

use crate::helpers::dataset_copy::DatasetCopy;
use crate::helpers::repo_path;

fn closecodes(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_closecodes"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_accepts_the_built_in_dataset() {
    let output = closecodes(&["check", repo_path("data").to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("ok — dataset"));
    // The counts the loader finds, as `check` prints them.
    let dataset = closecodes::dataset::load(&closecodes::dataset::DataSource::Embedded).unwrap();
    let families = &dataset.source().families;
    let codes: usize = families.iter().map(|family| family.codes.len()).sum();
    let counts = format!("{} families, {codes} codes", families.len());
    assert!(stdout(&output).contains(&counts), "{}", stdout(&output));
}

#[test]
fn check_lists_every_problem_with_file_entry_and_reason() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1009, |code| code["fix"] = json!(""))
        .edit_code(1006, |code| {
            code["on_the_wire"] = json!(true);
            code["sender"] = json!("either");
        });
    let output = closecodes(&["check", copy.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let lines = stdout(&output);
    let file = copy.path().join("families/websocket.json");
    let file = file.display();
    assert!(
        lines.contains(&format!("{file}: code 1009: `fix` is empty")),
        "{lines}"
    );
    assert!(
        lines.contains(&format!("{file}: code 1006: on_the_wire is true")),
        "{lines}"
    );
    assert!(stderr(&output).contains("2 problem(s) found"));
}

#[test]
fn serving_a_broken_dataset_fails_at_startup() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1002, |code| code["related"] = json!([1002]));
    let mut child = Command::new(env!("CARGO_BIN_EXE_closecodes"))
        .args([
            "--bind",
            "127.0.0.1:0",
            "--data",
            copy.path().to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = crate::wait_at_most(&mut child, Duration::from_secs(20))
        .expect("closecodes served a broken dataset");
    assert!(!status.success());
    let output = child.wait_with_output().unwrap();
    let message = stderr(&output);
    assert!(
        message.contains("websocket.json: code 1002: lists itself"),
        "{message}"
    );
}

#[test]
fn lookup_explains_a_number_in_the_terminal() {
    let output = closecodes(&["lookup", "1009"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("1009 Message Too Big (websocket)"), "{text}");
    assert!(text.contains("How to fix"), "{text}");

    let text = stdout(&closecodes(&["lookup", "4004"]));
    assert!(text.contains("4000–4999"), "{text}");
    for family in ["(discord-gateway)", "(discord-voice)", "(discord-rpc)"] {
        assert!(text.contains(family), "{family}: {text}");
    }

    let text = stdout(&closecodes(&["lookup", "4998"]));
    assert!(
        text.contains("No family in this reference documents this number"),
        "{text}"
    );

    let text = stdout(&closecodes(&["lookup", "1009", "--lang", "vi"]));
    assert!(
        text.contains("1009 Thông điệp quá lớn (websocket)"),
        "{text}"
    );
    assert!(text.contains("Cách khắc phục"), "{text}");
    let output = closecodes(&["lookup", "1009", "--lang", "fr"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("unknown language \"fr\"; supported: en, vi"),
        "{}",
        stderr(&output)
    );

    let output = closecodes(&["lookup", "70000"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not a close code"));
}

#[test]
fn explain_reads_a_pasted_line_from_the_arguments_or_standard_input() {
    let output = closecodes(&[
        "explain",
        "discord.errors.ConnectionClosed: Shard ID None WebSocket closed with 4014",
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("Most likely:"), "{text}");
    assert!(
        text.contains("4014 Disallowed intent(s) (discord-gateway)"),
        "{text}"
    );
    assert!(text.contains("discord.py"), "{text}");
    assert!(text.contains("Other possibilities:"), "{text}");

    let mut child = Command::new(env!("CARGO_BIN_EXE_closecodes"))
        .args(["explain", "-", "--lang", "vi"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(b"Traceback (most recent call last):\n  File \"app.py\", line 1006, in main\nwebsockets.exceptions.ConnectionClosedError: no close frame received or sent\n")
            .unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("1006"), "{text}");
    assert!(text.contains("Khả năng cao nhất"), "{text}");

    let output = closecodes(&["explain", "closed with 4999", "--json"]);
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answer["observed"]["codes"][0]["code"], 4999);
    assert_eq!(answer["candidates"], serde_json::json!([]));
    let text = stdout(&closecodes(&["explain", "closed with 4999"]));
    assert!(
        text.contains("No family in this reference defines 4999."),
        "{text}"
    );

    let output = closecodes(&["explain", "  "]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nothing to explain"));
}

#[test]
fn explain_names_the_proxies_whose_timeout_a_pasted_duration_matches() {
    let text = stdout(&closecodes(&[
        "explain",
        "WebSocket connection closed: code=1006 after 55.3s without traffic",
    ]));
    assert!(text.contains("What may have closed it:"), "{text}");
    assert!(
        text.contains("  Heroku (Common Runtime router) — Idle timeout (default): 55 s"),
        "{text}"
    );
    assert!(
        !text.contains("nginx —"),
        "55 s is not nginx's 60 s: {text}"
    );
    let json = closecodes(&["explain", "closed 1006 after 55.3s", "--json"]);
    let answer: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(answer["platforms"][0]["slug"], "heroku");
}
