//! Reconnect grading: a client looping at once after 1012 fails, one that
//! backs off with jitter passes.

use std::time::Duration;

use futures_util::StreamExt;
use tokio_tungstenite::connect_async;

use crate::helpers::spawn_app;
use crate::raw::verdict_of;
use crate::snippets::assert_vietnamese_report_keeps_to_the_glossary;

/// Connects to the case until the server closes with 1000 (the end of the
/// grading), waiting `delay(attempt)` after each close.
async fn reconnect_loop(url: &str, delay: impl Fn(u32) -> Duration) {
    for attempt in 0..8 {
        let (mut socket, _) = connect_async(url).await.unwrap();
        let mut code = None;
        while let Some(Ok(message)) = socket.next().await {
            if let tokio_tungstenite::tungstenite::Message::Close(Some(frame)) = message {
                code = Some(u16::from(frame.code));
            }
        }
        if code == Some(1000) {
            return;
        }
        tokio::time::sleep(delay(attempt)).await;
    }
    panic!("the lab never ended the reconnect case");
}

/// A fraction in [0, 1) that differs between calls, without a crate.
fn jitter(attempt: u32) -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    f64::from((nanos ^ attempt.wrapping_mul(2_654_435_761)) % 1000) / 1000.0
}

#[tokio::test]
async fn a_tight_reconnect_loop_fails_and_backoff_with_jitter_passes() {
    let app = spawn_app().await;
    let ws = app.address.replacen("http", "ws", 1);
    reconnect_loop(&format!("{ws}/ws/lab/reconnect-1012?run=tight"), |_| {
        Duration::ZERO
    })
    .await;
    reconnect_loop(
        &format!("{ws}/ws/lab/reconnect-1012?run=backoff"),
        |attempt| {
            // Equal jitter: half the doubled delay fixed, half random.
            let ceiling = 200.0 * f64::from(1u32 << attempt);
            Duration::from_millis((ceiling / 2.0 + ceiling / 2.0 * jitter(attempt)) as u64)
        },
    )
    .await;
    let tight = app.get_json("/api/v1/lab/runs/tight").await;
    assert_eq!(verdict_of(&tight, "reconnect-1012"), "fail", "{tight}");
    let backoff = app.get_json("/api/v1/lab/runs/backoff").await;
    assert_eq!(verdict_of(&backoff, "reconnect-1012"), "pass", "{backoff}");
    let case = backoff["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|case| case["id"] == "reconnect-1012")
        .unwrap();
    assert_eq!(case["details"]["gaps_ms"].as_array().unwrap().len(), 4);
    assert!(
        case["expected"]
            .as_str()
            .unwrap()
            .contains("tight loop fails")
    );
    for run in ["tight", "backoff"] {
        assert_vietnamese_report_keeps_to_the_glossary(&app, run).await;
    }
}
