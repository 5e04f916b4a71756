//! One echo socket, from upgrade to close.

use std::future::pending;
use std::io;
use std::time::Duration;

use actix_web::error::PayloadError;
use actix_ws::{AggregatedMessage, CloseCode, CloseReason, MessageStream, ProtocolError, Session};
use tokio::sync::watch;
use tokio::time::{Instant, sleep, sleep_until};

use super::Ending;
use super::WebSocketLimits;
use crate::http::capacity::Slot;

fn close_reason(code: u16, reason: &str) -> Option<CloseReason> {
    Some(CloseReason {
        code: CloseCode::from(code),
        description: Some(reason.to_owned()).filter(|reason| !reason.is_empty()),
    })
}

/// The close code for a message the endpoint cannot accept.
fn code_for(error: &ProtocolError) -> (u16, &'static str) {
    match error {
        ProtocolError::Overflow => (1009, "message too big"),
        // A frame refused from its header by `frame_limit`.
        ProtocolError::Io(error)
            if error
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<PayloadError>())
                .is_some_and(|inner| matches!(inner, PayloadError::Overflow)) =>
        {
            (1009, "message too big")
        }
        ProtocolError::Io(error) if error.kind() == io::ErrorKind::InvalidData => {
            (1007, "text message is not valid UTF-8")
        }
        // actix-ws reports a fragmented message over the limit as this I/O error.
        ProtocolError::Io(error) if error.to_string().contains("maximum continuation size") => {
            (1009, "message too big")
        }
        _ => (1002, "protocol error"),
    }
}

pub async fn run(
    socket: Session,
    messages: MessageStream,
    ending: Option<(Ending, Duration)>,
    slot: Option<Slot>,
    limits: WebSocketLimits,
    mut stopping: watch::Receiver<bool>,
) {
    let Some(_slot) = slot else {
        let reason = close_reason(1013, "too many open sockets; try again later");
        let _ = socket.close(reason).await;
        return;
    };
    let mut socket = socket;
    let mut messages = messages
        .max_frame_size(limits.max_message)
        .aggregate_continuations()
        .max_continuation_size(limits.max_message);
    let deadline = ending.as_ref().map(|(_, after)| Instant::now() + *after);
    let idle = sleep(limits.idle_timeout);
    tokio::pin!(idle);

    let close = loop {
        tokio::select! {
            () = until(deadline) => break ending.map(|(ending, _)| ending),
            () = &mut idle => {
                let seconds = limits.idle_timeout.as_secs();
                break Some(Ending::Code(3008, format!("idle for {seconds} s")));
            }
            _ = stopping.wait_for(|stop| *stop) => {
                break Some(Ending::Code(1012, "server restarting".to_owned()));
            }
            message = messages.recv() => {
                idle.as_mut().reset(Instant::now() + limits.idle_timeout);
                let sent = match message {
                    None => return,
                    Some(Ok(AggregatedMessage::Text(text))) => socket.text(text).await,
                    Some(Ok(AggregatedMessage::Binary(bytes))) => socket.binary(bytes).await,
                    Some(Ok(AggregatedMessage::Ping(bytes))) => socket.pong(&bytes).await,
                    Some(Ok(AggregatedMessage::Pong(_))) => Ok(()),
                    // The client closes: answer with its code, ending the handshake.
                    Some(Ok(AggregatedMessage::Close(reason))) => {
                        let _ = socket.close(reason).await;
                        return;
                    }
                    Some(Err(error)) => {
                        let (code, reason) = code_for(&error);
                        break Some(Ending::Code(code, reason.to_owned()));
                    }
                };
                if sent.is_err() {
                    return;
                }
            }
        }
    };
    match close {
        Some(Ending::Code(code, reason)) => {
            let _ = socket.close(close_reason(code, &reason)).await;
        }
        Some(Ending::NoStatus) => {
            let _ = socket.close(None).await;
        }
        // Dropping the session ends the response without a Close frame, and
        // the server closes the TCP connection.
        Some(Ending::Drop) | None => drop(socket),
    }
}

async fn until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => sleep_until(deadline).await,
        None => pending().await,
    }
}
