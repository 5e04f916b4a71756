//! Clients written byte by byte, to misbehave in ways no library does.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::Value;

use crate::helpers::spawn_app;

/// How a raw client answers the server's Close.
#[derive(Clone, Copy)]
pub enum Answer {
    /// Always with code 1000, whatever the Close said.
    Always1000,
    /// Never: it reads until the server gives up.
    Never,
}

fn masked(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mask = [9u8, 8, 7, 6];
    let mut frame = vec![0x80 | opcode, 0x80 | payload.len() as u8];
    frame.extend_from_slice(&mask);
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    frame
}

/// Connects to `path`, echoes text frames, and answers a Close as told.
pub fn run_raw(address: &str, path: &str, answer: Answer) {
    let host = address.trim_start_matches("http://");
    let mut socket = TcpStream::connect(host).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        socket,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    .unwrap();
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        let read = socket.read(&mut chunk).unwrap();
        assert!(read > 0, "the server closed before the handshake");
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
    };
    assert!(buffer.starts_with(b"HTTP/1.1 101"));
    buffer.drain(..header_end);
    loop {
        // Frames from the server are small: 7-bit lengths, never masked
        // except the one case that tests it.
        while buffer.len() >= 2 {
            let masked_bit = buffer[1] & 0x80 != 0;
            let length = (buffer[1] & 0x7f) as usize;
            let start = 2 + if masked_bit { 4 } else { 0 };
            if buffer.len() < start + length {
                break;
            }
            let opcode = buffer[0] & 0x0f;
            let payload: Vec<u8> = buffer[start..start + length].to_vec();
            buffer.drain(..start + length);
            match (opcode, answer) {
                (0x1, _) => socket.write_all(&masked(0x1, &payload)).unwrap(),
                (0x8, Answer::Always1000) => {
                    let _ = socket.write_all(&masked(0x8, &1000u16.to_be_bytes()));
                }
                _ => {}
            }
        }
        match socket.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
        }
    }
}

pub fn verdicts(report: &Value) -> Vec<(String, String)> {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| {
            (
                case["id"].as_str().unwrap().to_owned(),
                case["verdict"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

pub fn verdict_of(report: &Value, id: &str) -> String {
    verdicts(report)
        .into_iter()
        .find(|(case, _)| case == id)
        .unwrap_or_else(|| panic!("no case {id}"))
        .1
}

async fn run_raw_cases(address: &str, run: &str, cases: &[&str], answer: Answer) {
    for case in cases {
        let (address, path) = (address.to_owned(), format!("/ws/lab/{case}?run={run}"));
        tokio::task::spawn_blocking(move || run_raw(&address, &path, answer))
            .await
            .unwrap();
    }
}

const INVALID_CLOSES: [&str; 6] = [
    "close-payload-1-byte",
    "reason-124-bytes",
    "invalid-code-1005",
    "invalid-code-0",
    "fragmented-close",
    "masked-close",
];

#[tokio::test]
async fn a_client_that_answers_every_close_with_1000_fails_the_invalid_closes() {
    let app = spawn_app().await;
    let mut cases = INVALID_CLOSES.to_vec();
    cases.push("message-then-close");
    run_raw_cases(&app.address, "raw-1000", &cases, Answer::Always1000).await;
    let report = app.get_json("/api/v1/lab/runs/raw-1000").await;
    for case in INVALID_CLOSES {
        assert_eq!(verdict_of(&report, case), "fail", "{case}");
    }
    assert_eq!(verdict_of(&report, "message-then-close"), "pass");
    let masked = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|case| case["id"] == "masked-close")
        .unwrap();
    assert_eq!(masked["details"]["close"]["code"], 1000);
    assert!(
        masked["observed"]
            .as_str()
            .unwrap()
            .contains("answered with 1000 as if the Close were valid"),
        "{masked}"
    );
    assert_eq!(report["summary"]["fail"], 6);
    assert_eq!(report["summary"]["pass"], 1);
}

#[tokio::test]
async fn a_client_that_never_answers_a_close_fails_7_1_1() {
    let app = spawn_app().await;
    run_raw_cases(
        &app.address,
        "silent",
        &["message-then-close"],
        Answer::Never,
    )
    .await;
    let report = app.get_json("/api/v1/lab/runs/silent").await;
    assert_eq!(verdict_of(&report, "message-then-close"), "fail");
    let case = &report["cases"][0];
    assert_eq!(case["autobahn"], "7.1.1");
    assert!(case["details"]["close"].is_null());
    assert!(
        case["observed"]
            .as_str()
            .unwrap()
            .contains("sent no Close and kept TCP open"),
        "{case}"
    );
}

#[tokio::test]
async fn a_client_that_closes_tcp_itself_passes_the_open_tcp_case() {
    let app = spawn_app().await;
    // The raw client closes TCP as soon as it has answered: it never waits.
    let address = app.address.clone();
    tokio::task::spawn_blocking(move || {
        let host = address.trim_start_matches("http://").to_owned();
        let mut socket = TcpStream::connect(&host).unwrap();
        write!(
            socket,
            "GET /ws/lab/server-keeps-tcp-open?run=closer HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n\
             Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut chunk = [0u8; 1024];
        let _ = socket.read(&mut chunk).unwrap();
        socket.write_all(&masked(0x8, &1000u16.to_be_bytes())).unwrap();
        std::thread::sleep(Duration::from_millis(200));
    })
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let report = app.get_json("/api/v1/lab/runs/closer").await;
    assert_eq!(
        verdict_of(&report, "server-keeps-tcp-open"),
        "pass",
        "{report}"
    );
    let details = &report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|case| case["id"] == "server-keeps-tcp-open")
        .unwrap()["details"];
    assert_eq!(details["tcp_closed_by"], "client");
}
