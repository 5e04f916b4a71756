//! Reconnect grading: a client looping at once after 1012, 1013 or 1001
//! fails, one that backs off with jitter passes.

use std::time::Duration;

use futures_util::StreamExt;
use tokio_tungstenite::connect_async;

use crate::helpers::spawn_app;
use crate::raw::verdict_of;
use crate::snippets::assert_vietnamese_report_keeps_to_the_glossary;

/// Connects to the case until the server closes with 1000 (the end of the
/// grading), waiting `delay(attempt)` after each close; returns the codes
/// the server closed with before that.
async fn reconnect_loop(url: &str, delay: impl Fn(u32) -> Duration) -> Vec<u16> {
    let mut codes = Vec::new();
    for attempt in 0..8 {
        let (mut socket, _) = connect_async(url).await.unwrap();
        let mut code = None;
        while let Some(Ok(message)) = socket.next().await {
            if let tokio_tungstenite::tungstenite::Message::Close(Some(frame)) = message {
                code = Some(u16::from(frame.code));
            }
        }
        if code == Some(1000) {
            return codes;
        }
        codes.extend(code);
        tokio::time::sleep(delay(attempt)).await;
    }
    panic!("the lab never ended the reconnect case");
}

/// Equal jitter: half the doubled delay fixed, half random. The random
/// fractions are drawn once here, so that the test cannot fail by chance (a
/// real client's draw can land on near-equal ratios; the page says to rerun).
fn equal_jitter(attempt: u32) -> Duration {
    const DRAWN: [f64; 4] = [0.2, 0.9, 0.5, 0.1];
    let ceiling = 200.0 * f64::from(1u32 << attempt);
    let fraction = DRAWN[attempt as usize % DRAWN.len()];
    Duration::from_millis((ceiling / 2.0 + ceiling / 2.0 * fraction) as u64)
}

const RECONNECT_CASES: [(&str, u16); 3] = [
    ("reconnect-1012", 1012),
    ("reconnect-1013", 1013),
    ("reconnect-1001", 1001),
];

#[tokio::test]
async fn a_tight_reconnect_loop_fails_and_backoff_with_jitter_passes() {
    let app = spawn_app().await;
    let ws = app.address.replacen("http", "ws", 1);
    // The six loops run side by side: each case of each run is graded apart.
    let loops = RECONNECT_CASES.iter().flat_map(|&(case, code)| {
        let tight = format!("{ws}/ws/lab/{case}?run=tight");
        let backoff = format!("{ws}/ws/lab/{case}?run=backoff");
        [
            tokio::spawn(async move { (code, reconnect_loop(&tight, |_| Duration::ZERO).await) }),
            tokio::spawn(async move { (code, reconnect_loop(&backoff, equal_jitter).await) }),
        ]
    });
    for finished in futures_util::future::join_all(loops).await {
        let (code, codes) = finished.unwrap();
        assert_eq!(codes, [code; 4], "each attempt is closed with {code}");
    }
    let tight = app.get_json("/api/v1/lab/runs/tight").await;
    let backoff = app.get_json("/api/v1/lab/runs/backoff").await;
    for (case, _) in RECONNECT_CASES {
        assert_eq!(verdict_of(&tight, case), "fail", "{tight}");
        assert_eq!(verdict_of(&backoff, case), "pass", "{backoff}");
    }
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
