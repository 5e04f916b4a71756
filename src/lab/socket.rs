//! One lab connection at the byte level: the handshake, the frames the
//! server writes as they are, and the client's frames read and recorded
//! with their timing, until one side closes TCP.

use std::time::Duration;

use actix_web::body::{BodyStream, MessageBody};
use actix_web::web::{Bytes, Payload};
use actix_web::{HttpRequest, HttpResponse};
use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio::time::{Instant, timeout_at};

use super::frames::{InFrame, OP_CLOSE, OutFrame, Reader};
use super::observe::{Observation, Side};
use crate::http::Problem;
use crate::http::problem::ProblemType;

/// The largest client frame the lab reads: its own messages are tiny.
const MAX_FRAME: usize = 64 * 1024;

pub struct Connection {
    incoming: Payload,
    outgoing: Option<mpsc::Sender<Bytes>>,
    reader: Reader,
    started: Instant,
    pub observation: Observation,
}

/// Answers the handshake by hand, so that every byte after it is the lab's.
pub fn upgrade(
    request: &HttpRequest,
    body: Payload,
) -> Result<(HttpResponse, Connection), Problem> {
    let mut response = actix_http::ws::handshake(request.head())
        .map_err(|error| Problem::new(ProblemType::InvalidParameter, error.to_string()))?;
    let (sender, receiver) = mpsc::channel::<Bytes>(8);
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let bytes = receiver.recv().await?;
        Some((Ok::<_, std::io::Error>(bytes), receiver))
    });
    let response = response
        .message_body(BodyStream::new(stream).boxed())
        .map_err(|error| Problem::new(ProblemType::InvalidParameter, error.to_string()))?;
    let connection = Connection {
        incoming: body,
        outgoing: Some(sender),
        reader: Reader::new(MAX_FRAME),
        started: Instant::now(),
        observation: Observation::default(),
    };
    Ok((response.into(), connection))
}

impl Connection {
    fn elapsed_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    pub fn client_closed_tcp(&self) -> bool {
        matches!(self.observation.tcp_closed, Some((Side::Client, _)))
    }

    /// Writes the frames in one go, as one burst on the wire.
    pub async fn send(&mut self, frames: &[OutFrame]) {
        let bytes: Vec<u8> = frames.iter().flat_map(OutFrame::encode).collect();
        if let Some(sender) = &self.outgoing
            && sender.send(Bytes::from(bytes)).await.is_err()
        {
            self.outgoing = None;
        }
    }

    /// Reads the client's frames until its Close, then `linger` longer to
    /// catch anything sent after it; or until TCP closes, or `answer_within`
    /// passes without a Close.
    pub async fn read_answer(&mut self, answer_within: Duration, linger: Duration) {
        let closed = self.observation.close_index().is_some()
            || self
                .read_until(Instant::now() + answer_within, |frame| {
                    frame.opcode == OP_CLOSE
                })
                .await;
        if closed {
            self.read_until(Instant::now() + linger, |_| false).await;
        } else if self.observation.tcp_closed.is_none() && self.observation.oversized.is_none() {
            self.observation.timed_out = true;
        }
    }

    /// Reads until a frame carrying `payload` (the client's echo), its
    /// Close, or the deadline.
    pub async fn read_echo(&mut self, payload: &[u8], within: Duration) {
        self.read_until(Instant::now() + within, |frame| {
            frame.payload == payload || frame.opcode == OP_CLOSE
        })
        .await;
    }

    /// Records frames until one meets `stop` (then `true`), TCP closes, a
    /// frame is too large, or the deadline passes.
    async fn read_until(&mut self, deadline: Instant, stop: impl Fn(&InFrame) -> bool) -> bool {
        loop {
            if self.client_closed_tcp() || self.observation.oversized.is_some() {
                return false;
            }
            match timeout_at(deadline, self.incoming.next()).await {
                Err(_elapsed) => return false,
                Ok(Some(Ok(bytes))) => {
                    self.reader.push(&bytes);
                    let mut stopped = false;
                    loop {
                        match self.reader.next_frame() {
                            Ok(Some(frame)) => {
                                stopped |= stop(&frame);
                                let at = self.elapsed_ms();
                                self.observation.record(frame, at);
                            }
                            Ok(None) => break,
                            Err(too_large) => {
                                self.observation.oversized = Some(too_large.0);
                                break;
                            }
                        }
                    }
                    if stopped {
                        return true;
                    }
                }
                Ok(Some(Err(_)) | None) => {
                    self.observation.tcp_closed = Some((Side::Client, self.elapsed_ms()));
                }
            }
        }
    }

    /// Ends the connection: the server closes TCP unless the client did.
    pub fn finish(mut self) -> Observation {
        if self.observation.tcp_closed.is_none() {
            self.observation.tcp_closed = Some((Side::Server, self.elapsed_ms()));
        }
        // Dropping the sender ends the response body; actix closes TCP.
        self.outgoing = None;
        self.observation
    }
}
