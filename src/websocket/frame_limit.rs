//! Refuses an oversize frame from its header.
//!
//! A WebSocket frame states its payload length in its first bytes, but the
//! actix codec compares that length with the limit only once the whole frame
//! has arrived, keeping every byte until then. A client that announces a
//! frame of 2^63 bytes and keeps sending would fill the server's memory. This
//! stream sits between the connection and the codec, reads the frame headers
//! as the bytes pass, and ends with `PayloadError::Overflow` as soon as a
//! frame announces more than the limit; the session closes with 1009.

use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::web::Bytes;
use futures_util::Stream;

/// `payload` with every frame's announced length checked against `max_frame`.
pub fn limit(payload: Payload, max_frame: usize) -> Payload {
    let stream: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> = Box::pin(FrameLimit {
        inner: payload,
        scan: Scan::default(),
        max_frame: max_frame as u64,
        state: State::Passing,
    });
    Payload::from(stream)
}

struct FrameLimit {
    inner: Payload,
    scan: Scan,
    max_frame: u64,
    state: State,
}

enum State {
    Passing,
    /// The bytes before the oversize frame went out; the error is next.
    Refusing,
    /// The error went out. The connection is no longer read, so the client's
    /// bytes stay in the kernel, not in memory here.
    Ended,
}

impl Stream for FrameLimit {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        match this.state {
            State::Passing => {}
            State::Refusing => {
                this.state = State::Ended;
                return Poll::Ready(Some(Err(PayloadError::Overflow)));
            }
            State::Ended => return Poll::Ready(None),
        }
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(bytes))) => match this.scan.feed(&bytes, this.max_frame) {
                None => Poll::Ready(Some(Ok(bytes))),
                Some(0) => {
                    this.state = State::Ended;
                    Poll::Ready(Some(Err(PayloadError::Overflow)))
                }
                Some(offset) => {
                    this.state = State::Refusing;
                    Poll::Ready(Some(Ok(bytes.slice(..offset))))
                }
            },
            other => other,
        }
    }
}

/// Where the scan stands in the client's frames.
#[derive(Default)]
struct Scan {
    /// The current frame header so far (at most 14 bytes).
    header: [u8; 14],
    seen: usize,
    /// Payload bytes of the current frame still to pass over.
    payload_left: u64,
}

impl Scan {
    /// Reads `bytes`; returns the offset in them where a frame announcing
    /// more than `max` begins (0 when it began in an earlier chunk).
    fn feed(&mut self, bytes: &[u8], max: u64) -> Option<usize> {
        let mut at = 0;
        let mut header_start = 0;
        while at < bytes.len() {
            if self.payload_left > 0 {
                let step = self.payload_left.min((bytes.len() - at) as u64);
                self.payload_left -= step;
                at += step as usize;
                continue;
            }
            if self.seen == 0 {
                header_start = at;
            }
            self.header[self.seen] = bytes[at];
            self.seen += 1;
            at += 1;
            if self.seen < 2 || self.seen < header_length(self.header[1]) {
                continue;
            }
            let announced = announced_length(&self.header);
            self.seen = 0;
            if announced > max {
                return Some(header_start);
            }
            self.payload_left = announced;
        }
        None
    }
}

/// The length of a header whose second byte is `second`: 2, then 2 or 8 for
/// an extended length, then 4 for the mask.
fn header_length(second: u8) -> usize {
    let extended = match second & 0x7f {
        126 => 2,
        127 => 8,
        _ => 0,
    };
    let mask = if second & 0x80 != 0 { 4 } else { 0 };
    2 + extended + mask
}

fn announced_length(header: &[u8; 14]) -> u64 {
    match header[1] & 0x7f {
        126 => u64::from(u16::from_be_bytes([header[2], header[3]])),
        127 => u64::from_be_bytes(header[2..10].try_into().expect("8 bytes")),
        short => u64::from(short),
    }
}

#[cfg(test)]
mod tests {
    use super::Scan;

    fn frame(length: u64, payload: usize) -> Vec<u8> {
        let mut frame = vec![0x82];
        match length {
            0..=125 => frame.push(0x80 | length as u8),
            126..=0xffff => {
                frame.push(0x80 | 126);
                frame.extend((length as u16).to_be_bytes());
            }
            _ => {
                frame.push(0x80 | 127);
                frame.extend(length.to_be_bytes());
            }
        }
        frame.extend([1, 2, 3, 4]);
        frame.extend(vec![0; payload]);
        frame
    }

    #[test]
    fn frames_within_the_limit_pass_in_any_split() {
        let bytes: Vec<u8> =
            [frame(5, 5), frame(300, 300), frame(1000, 1000), frame(0, 0)].concat();
        for split in 1..bytes.len() {
            let mut scan = Scan::default();
            assert_eq!(scan.feed(&bytes[..split], 1000), None, "split at {split}");
            assert_eq!(scan.feed(&bytes[split..], 1000), None, "split at {split}");
        }
    }

    #[test]
    fn a_frame_over_the_limit_is_found_at_its_header() {
        let good = frame(10, 10);
        let bytes = [good.clone(), frame((1 << 63) - 1, 3)].concat();
        assert_eq!(Scan::default().feed(&bytes, 1000), Some(good.len()));
        // A header split across chunks is found in the chunk that completes it.
        let mut scan = Scan::default();
        assert_eq!(scan.feed(&bytes[..good.len() + 3], 1000), None);
        assert_eq!(scan.feed(&bytes[good.len() + 3..], 1000), Some(0));
        // 16-bit lengths too, one byte over.
        assert_eq!(Scan::default().feed(&frame(1001, 0), 1000), Some(0));
        assert_eq!(Scan::default().feed(&frame(1000, 1000), 1000), None);
    }
}
