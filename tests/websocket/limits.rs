//! The bounds that demonstrate codes: 1009, 1007, 1013 and the idle timeout.

use std::time::Duration;

use closecodes::configuration::WebSocketLimits;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};

use crate::helpers::{spawn_app, spawn_app_with};
use crate::{closing_of, connect};

const DEFAULT_MAX: usize = 64 * 1024;

#[tokio::test]
async fn a_message_over_the_limit_closes_with_1009() {
    let app = spawn_app().await;
    // At the limit it is echoed.
    let mut socket = connect(&app, "").await;
    socket
        .send(Message::binary(vec![7u8; DEFAULT_MAX]))
        .await
        .unwrap();
    assert_eq!(socket.next().await.unwrap().unwrap().len(), DEFAULT_MAX);
    // One byte more, in one frame, is refused.
    socket
        .send(Message::binary(vec![7u8; DEFAULT_MAX + 1]))
        .await
        .unwrap();
    let frame = closing_of(socket).await.expect("a Close frame");
    assert_eq!(frame.code, CloseCode::Size);

    // Spread over fragments, the total counts.
    let mut socket = connect(&app, "").await;
    let half = vec![b'a'; DEFAULT_MAX / 2 + 1];
    let first = Frame::message(half.clone(), OpCode::Data(Data::Text), false);
    let last = Frame::message(half, OpCode::Data(Data::Continue), true);
    socket.send(Message::Frame(first)).await.unwrap();
    socket.send(Message::Frame(last)).await.unwrap();
    let frame = closing_of(socket).await.expect("a Close frame");
    assert_eq!(frame.code, CloseCode::Size);
}

#[tokio::test]
async fn a_huge_frame_is_refused_from_its_header() {
    let app = spawn_app().await;
    let mut socket = connect(&app, "").await;
    // 16 MiB announced: the server closes without reading it all.
    let frame = Frame::message(
        vec![0u8; 16 * 1024 * 1024],
        OpCode::Data(Data::Binary),
        true,
    );
    let _ = socket.send(Message::Frame(frame)).await;
    let frame = closing_of(socket).await;
    assert_eq!(frame.map(|f| f.code), Some(CloseCode::Size));
}

/// A frame that announces 2^63 - 1 bytes gets 1009 after its header and one
/// MiB of payload. The server used to wait for the whole frame, keeping every
/// byte, so a client could fill its memory (found by reliability/bad_input.py).
#[tokio::test]
async fn a_frame_announcing_more_than_the_limit_is_closed_before_its_payload() {
    let app = spawn_app().await;
    let address = app.address.trim_start_matches("http://").to_owned();
    // Raw bytes, since no WebSocket client sends a frame shorter than its
    // header says; std I/O off the runtime thread that serves the app.
    let received = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
            .set_write_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
            .write_all(
                b"GET /ws/echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\
                  Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\
                  Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
            )
            .unwrap();
        // FIN and binary; masked, 64-bit length; the mask; then 1 MiB.
        let mut frame = vec![0x82, 0xff];
        frame.extend(((1u64 << 63) - 1).to_be_bytes());
        frame.extend([1, 2, 3, 4]);
        frame.extend(vec![0u8; 1 << 20]);
        // The server may stop reading once it has refused the frame.
        let _ = stream.write_all(&frame);
        let mut received = Vec::new();
        let _ = stream.read_to_end(&mut received);
        received
    })
    .await
    .unwrap();
    let head_end = received
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("an HTTP answer")
        + 4;
    assert!(received.starts_with(b"HTTP/1.1 101 "));
    // A Close frame (0x88), unmasked, whose code is 1009 (0x03f1).
    let close = &received[head_end..];
    assert!(
        close.len() >= 4 && close[0] == 0x88 && close[2..4] == [0x03, 0xf1],
        "expected a 1009 Close frame within 10 s, got {close:02x?}"
    );
}

#[tokio::test]
async fn invalid_utf8_in_a_text_message_closes_with_1007() {
    let app = spawn_app().await;
    let mut socket = connect(&app, "").await;
    let invalid = Frame::message(vec![b'o', b'k', 0xff, 0xfe], OpCode::Data(Data::Text), true);
    socket.send(Message::Frame(invalid)).await.unwrap();
    let frame = closing_of(socket).await.expect("a Close frame");
    assert_eq!(frame.code, CloseCode::Invalid);
}

#[tokio::test]
async fn past_the_limit_of_open_sockets_new_ones_get_1013() {
    let app = spawn_app_with(WebSocketLimits {
        max_sockets: 2,
        ..WebSocketLimits::default()
    })
    .await;
    let mut first = connect(&app, "").await;
    let _second = connect(&app, "").await;
    let third = connect(&app, "").await;
    let frame = closing_of(third).await.expect("a Close frame");
    assert_eq!(u16::from(frame.code), 1013);
    assert!(frame.reason.contains("try again later"), "{}", frame.reason);
    // The open ones still work, and a closed one frees its place.
    first.send(Message::text("still echoing")).await.unwrap();
    assert_eq!(
        first.next().await.unwrap().unwrap(),
        Message::text("still echoing")
    );
    first.close(None).await.unwrap();
    drop(first);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut fourth = connect(&app, "").await;
    fourth.send(Message::text("room again")).await.unwrap();
    assert_eq!(
        fourth.next().await.unwrap().unwrap(),
        Message::text("room again")
    );
}

#[tokio::test]
async fn an_idle_socket_is_closed_with_3008() {
    let app = spawn_app_with(WebSocketLimits {
        idle_timeout: Duration::from_secs(1),
        ..WebSocketLimits::default()
    })
    .await;
    let socket = connect(&app, "").await;
    let started = std::time::Instant::now();
    let frame = closing_of(socket).await.expect("a Close frame");
    assert_eq!(u16::from(frame.code), 3008);
    assert_eq!(frame.reason.as_str(), "idle for 1 s");
    assert!(started.elapsed() >= Duration::from_millis(900));
}
