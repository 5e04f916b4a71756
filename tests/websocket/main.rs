//! `/ws/echo` with real clients: tokio-tungstenite here, Python's
//! `websockets` in `clients.rs`.

#[path = "../helpers/mod.rs"]
mod helpers;

mod clients;
mod echo;
mod limits;
mod parameters;

use std::time::Duration;

use futures_util::StreamExt;
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use helpers::TestApp;

pub type ClientSocket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens `/ws/echo` with this query (`""` or `"?close=1000"`).
pub async fn connect(app: &TestApp, query: &str) -> ClientSocket {
    let url = format!("{}/ws/echo{query}", app.address.replacen("http", "ws", 1));
    let (socket, response) = tokio_tungstenite::connect_async(url)
        .await
        .unwrap_or_else(|error| panic!("upgrade with {query:?}: {error}"));
    assert_eq!(response.status(), 101);
    socket
}

/// Reads until the server closes: its Close frame (`None` for one without a
/// code), or `None` when the connection ends without one. Waits at most 10 s.
pub async fn closing_of(mut socket: ClientSocket) -> Option<CloseFrame> {
    loop {
        let next = timeout(Duration::from_secs(10), socket.next())
            .await
            .expect("the server closes within 10 s");
        match next {
            Some(Ok(Message::Close(frame))) => return frame,
            Some(Ok(_)) => continue,
            Some(Err(_)) | None => return None,
        }
    }
}
