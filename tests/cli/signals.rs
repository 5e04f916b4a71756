//! Serving from the binary: the log names the port picked for port 0, and
//! SIGTERM or SIGINT stop the server cleanly.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::wait_at_most;

/// Starts `closecodes --bind 127.0.0.1:0` with `extra` arguments and returns
/// its first log line that says where it listens.
fn start_logging(extra: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_closecodes"))
        .args(["--bind", "127.0.0.1:0"])
        .args(extra)
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("listening on ") {
                let _ = sender.send(line);
            }
        }
    });
    match receiver.recv_timeout(Duration::from_secs(20)) {
        Ok(line) => (child, line),
        Err(_) => {
            child.kill().unwrap();
            panic!("the server never logged its address");
        }
    }
}

/// Starts `closecodes --bind 127.0.0.1:0` and reads the address it logs.
pub(crate) fn start_server() -> (Child, String) {
    let (child, line) = start_logging(&[]);
    let address = line
        .split("listening on ")
        .nth(1)
        .unwrap()
        .trim()
        .to_owned();
    (child, address)
}

pub(crate) fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([format!("-{name}"), child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

async fn stops_cleanly_on(signal_name: &str) {
    let (mut child, address) = start_server();
    assert!(address.starts_with("http://127.0.0.1:"), "{address}");
    assert!(
        !address.ends_with(":0"),
        "the log names the real port: {address}"
    );
    let health = reqwest::get(format!("{address}/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);

    signal(&child, signal_name);
    let status = wait_at_most(&mut child, Duration::from_secs(20))
        .unwrap_or_else(|| panic!("still running 20 s after SIG{signal_name}"));
    assert!(status.success(), "SIG{signal_name}: {status}");
    assert!(reqwest::get(format!("{address}/healthz")).await.is_err());
}

#[tokio::test]
async fn sigterm_stops_the_server_cleanly() {
    stops_cleanly_on("TERM").await;
}

#[tokio::test]
async fn sigint_stops_the_server_cleanly() {
    stops_cleanly_on("INT").await;
}

#[tokio::test]
async fn open_websockets_get_1012_when_the_server_stops() {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;

    let (mut child, address) = start_server();
    let url = format!("{}/ws/echo", address.replacen("http", "ws", 1));
    let (mut first, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    let (mut second, _) = tokio_tungstenite::connect_async(&url).await.unwrap();

    signal(&child, "TERM");
    for socket in [&mut first, &mut second] {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .expect("a Close frame within 10 s of SIGTERM");
        match message {
            Some(Ok(Message::Close(Some(frame)))) => {
                assert_eq!(u16::from(frame.code), 1012);
                assert_eq!(frame.reason.as_str(), "server restarting");
            }
            other => panic!("expected 1012, got {other:?}"),
        }
    }
    drop((first, second));
    let status = wait_at_most(&mut child, Duration::from_secs(20))
        .unwrap_or_else(|| panic!("still running 20 s after SIGTERM"));
    assert!(status.success(), "{status}");
}

#[test]
fn logs_can_be_json_lines() {
    let (mut child, line) = start_logging(&["--log-format", "json"]);
    child.kill().unwrap();
    child.wait().unwrap();
    let record: serde_json::Value = serde_json::from_str(&line).expect("a JSON object per line");
    assert_eq!(record["level"], "INFO");
    assert!(
        record["fields"]["message"]
            .as_str()
            .unwrap()
            .starts_with("listening on http://127.0.0.1:")
    );
}

async fn text_of(url: String) -> String {
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

#[tokio::test]
async fn without_a_public_url_the_pages_link_the_address_the_server_listens_on() {
    let (mut child, address) = start_server();
    let home = text_of(format!("{address}/")).await;
    assert!(
        home.contains(&format!("<link rel=\"canonical\" href=\"{address}/\">")),
        "{address}"
    );
    assert!(home.contains(&format!("curl {address}/api/v1/lookup/1006")));
    assert!(!home.contains("127.0.0.1:8080"));
    let robots = text_of(format!("{address}/robots.txt")).await;
    assert!(
        robots.contains(&format!("Sitemap: {address}/sitemap.xml")),
        "{robots}"
    );
    signal(&child, "TERM");
    wait_at_most(&mut child, Duration::from_secs(20)).expect("stops");
}
