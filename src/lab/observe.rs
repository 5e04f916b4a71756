//! What the server saw on one case's connection, and the grade it earns.
//! Grading is a pure function of the case and the observation, so a report
//! can be made again in any language.

use serde::Serialize;
use utoipa::ToSchema;

use super::cases::{Case, Expect};
use super::frames::{InFrame, OP_CLOSE, OP_PING, OP_PONG};
use crate::dataset::rfc6455::may_appear_in_close_frame;

/// Frames kept per connection; a client that sends more is still graded on
/// the first ones.
const MAX_FRAMES: usize = 32;
/// Bytes of each frame kept: enough for any Close and for the lab's own
/// messages, which is all grading compares.
const KEPT_PAYLOAD: usize = 128;

/// The grade of one case for one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Pass,
    Fail,
    Info,
    NotRun,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Info => "info",
            Verdict::NotRun => "not-run",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Client,
    Server,
}

/// One frame the client sent, as much as grading needs.
#[derive(Debug, Clone)]
pub struct SeenFrame {
    pub opcode: u8,
    pub kind: &'static str,
    pub fin: bool,
    pub masked: bool,
    pub rsv: u8,
    pub length: usize,
    pub at_ms: u64,
    pub payload: Vec<u8>,
}

impl SeenFrame {
    fn carries(&self, bytes: &[u8]) -> bool {
        self.length == bytes.len() && self.payload == bytes
    }
}

/// Everything recorded on one connection.
#[derive(Debug, Clone, Default)]
pub struct Observation {
    pub frames: Vec<SeenFrame>,
    pub frames_not_kept: usize,
    /// A frame announced bigger than the lab reads.
    pub oversized: Option<u64>,
    /// No Close and no TCP close came within the time the lab waits.
    pub timed_out: bool,
    /// Which side closed TCP, and when (ms after the server's first frame).
    pub tcp_closed: Option<(Side, u64)>,
}

impl Observation {
    pub fn record(&mut self, frame: InFrame, at_ms: u64) {
        if self.frames.len() == MAX_FRAMES {
            self.frames_not_kept += 1;
            return;
        }
        let length = frame.payload.len();
        let mut payload = frame.payload;
        payload.truncate(KEPT_PAYLOAD);
        self.frames.push(SeenFrame {
            opcode: frame.opcode,
            kind: InFrame::kind_of(frame.opcode),
            fin: frame.fin,
            masked: frame.masked,
            rsv: frame.rsv,
            length,
            at_ms,
            payload,
        });
    }

    /// The index of the client's first Close frame.
    pub fn close_index(&self) -> Option<usize> {
        self.frames
            .iter()
            .position(|frame| frame.opcode == OP_CLOSE)
    }
}

/// The Close a client sent, read from its payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ClientClose {
    /// `null` for a Close without a code.
    pub code: Option<u16>,
    /// The reason, with bytes that are not UTF-8 replaced.
    pub reason: String,
    pub reason_is_utf8: bool,
    pub payload_length: usize,
    /// Milliseconds from the server's first frame to this Close.
    pub after_ms: u64,
}

impl ClientClose {
    fn of(frame: &SeenFrame) -> ClientClose {
        let code = (frame.payload.len() >= 2)
            .then(|| u16::from_be_bytes([frame.payload[0], frame.payload[1]]));
        let reason = frame.payload.get(2..).unwrap_or_default();
        ClientClose {
            code,
            reason: String::from_utf8_lossy(reason).into_owned(),
            reason_is_utf8: std::str::from_utf8(reason).is_ok(),
            payload_length: frame.length,
            after_ms: frame.at_ms,
        }
    }
}

/// The facts behind a verdict, for tools.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Details {
    /// The client's first Close frame, if it sent one.
    pub close: Option<ClientClose>,
    /// Frames the client sent after its Close (`pong`, `text`…).
    pub after_close: Vec<&'static str>,
    /// Which side closed TCP first.
    pub tcp_closed_by: Option<Side>,
    /// Milliseconds from the server's first frame to the TCP close.
    pub tcp_closed_after_ms: Option<u64>,
    /// Every rule the client broke, in words.
    pub problems: Vec<String>,
    /// Reconnect cases: milliseconds from each closed connection to the next.
    pub gaps_ms: Vec<u64>,
}

#[derive(Debug, Clone)]
pub struct Grade {
    pub verdict: Verdict,
    pub observed: String,
    pub details: Details,
}

/// A sentence in the report's language.
fn say(lang: &str, en: String, vi: String) -> String {
    if lang == "vi" { vi } else { en }
}

fn code_text(code: Option<u16>) -> String {
    code.map_or_else(|| "—".to_owned(), |code| code.to_string())
}

pub fn grade(case: &Case, observation: &Observation, lang: &str) -> Grade {
    let mut problems = Vec::new();
    let mut problem = |en: String, vi: String| problems.push(say(lang, en, vi));
    let frames = &observation.frames;
    if frames.iter().any(|frame| !frame.masked) {
        problem(
            "sent an unmasked frame (a client must mask every frame)".to_owned(),
            "gửi một frame không có mask (client phải mask mọi frame)".to_owned(),
        );
    }
    if frames.iter().any(|frame| frame.rsv != 0) {
        problem(
            "set reserved bits that no extension was negotiated for".to_owned(),
            "bật bit dành riêng (RSV) khi không có phần mở rộng nào được thương lượng".to_owned(),
        );
    }
    if let Some(frame) = frames.iter().find(|frame| frame.kind == "reserved opcode") {
        problem(
            format!("sent a frame with the reserved opcode {}", frame.opcode),
            format!("gửi một frame với opcode dành riêng {}", frame.opcode),
        );
    }
    if let Some(length) = observation.oversized {
        problem(
            format!("announced a {length}-byte frame, more than the lab reads"),
            format!("báo một frame dài {length} byte, vượt mức lab đọc"),
        );
    }
    let close_index = observation.close_index();
    let close = close_index.map(|index| ClientClose::of(&frames[index]));
    let after_close: Vec<&'static str> = close_index
        .map(|index| frames[index + 1..].iter().map(|frame| frame.kind).collect())
        .unwrap_or_default();
    if !after_close.is_empty() {
        problem(
            format!("kept sending after its Close: {}", after_close.join(", ")),
            format!(
                "vẫn gửi tiếp sau khung Close của mình: {}",
                after_close.join(", ")
            ),
        );
    }
    for sent in case.sent_after_close() {
        let answered = frames.iter().find(|frame| frame.carries(sent));
        match answered.map(|frame| frame.opcode) {
            Some(OP_PONG) => problem(
                "answered the Ping that came after the server's Close".to_owned(),
                "trả lời frame Ping đến sau khung Close của máy chủ".to_owned(),
            ),
            Some(_) => problem(
                format!(
                    "echoed \"{}\", which came after the server's Close",
                    String::from_utf8_lossy(sent)
                ),
                format!(
                    "gửi lại \"{}\", thứ đến sau khung Close của máy chủ",
                    String::from_utf8_lossy(sent)
                ),
            ),
            None => {}
        }
    }
    if let Some(close) = &close {
        if close.payload_length == 1 {
            problem(
                "sent a Close with a 1-byte payload".to_owned(),
                "gửi khung Close có payload dài 1 byte".to_owned(),
            );
        }
        if let Some(code) = close.code.filter(|code| !may_appear_in_close_frame(*code)) {
            problem(
                format!("put {code} on the wire, a code no endpoint may send"),
                format!("gửi {code} trên đường truyền, mã không bên nào được gửi"),
            );
        }
        if !close.reason_is_utf8 {
            problem(
                "sent a close reason that is not UTF-8".to_owned(),
                "gửi lý do đóng không phải UTF-8".to_owned(),
            );
        }
    }
    let tcp_closed_by = observation.tcp_closed.map(|(side, _)| side);
    let no_answer = || {
        if observation.timed_out {
            (
                "sent no Close and kept TCP open".to_owned(),
                "không gửi khung Close và giữ TCP mở".to_owned(),
            )
        } else {
            (
                "closed TCP without a Close frame".to_owned(),
                "đóng TCP mà không gửi khung Close".to_owned(),
            )
        }
    };
    match &case.expect {
        Expect::CloseWith { codes, echo } => {
            if let Some(echo) = echo {
                let echoed = frames[..close_index.unwrap_or(frames.len())]
                    .iter()
                    .any(|frame| frame.carries(echo.as_bytes()) && frame.opcode != OP_PING);
                if !echoed {
                    problem(
                        format!("did not echo \"{echo}\" before its Close"),
                        format!("không gửi lại \"{echo}\" trước khung Close"),
                    );
                }
            }
            match &close {
                None => {
                    let (en, vi) = no_answer();
                    problem(en, vi)
                }
                Some(close) if !codes.contains(&close.code) => {
                    let wanted: Vec<String> = codes.iter().map(|code| code_text(*code)).collect();
                    problem(
                        format!(
                            "answered with {}, not {}",
                            code_text(close.code),
                            wanted.join(" or ")
                        ),
                        format!(
                            "trả lời bằng {}, không phải {}",
                            code_text(close.code),
                            wanted.join(" hoặc ")
                        ),
                    );
                }
                Some(_) => {}
            }
        }
        Expect::FailWith(codes) => match &close {
            None if observation.timed_out => {
                let (en, vi) = no_answer();
                problem(en, vi)
            }
            None => {}
            Some(close) if close.code.is_some_and(|code| codes.contains(&code)) => {}
            Some(close) => problem(
                format!(
                    "answered with {} as if the Close were valid",
                    code_text(close.code)
                ),
                format!(
                    "trả lời bằng {} như thể khung Close hợp lệ",
                    code_text(close.code)
                ),
            ),
        },
        Expect::ClosesTcpWithin(bound) => {
            match &close {
                None => {
                    let (en, vi) = no_answer();
                    problem(en, vi)
                }
                Some(close) if close.code != Some(1000) => problem(
                    format!("answered with {}, not 1000", code_text(close.code)),
                    format!("trả lời bằng {}, không phải 1000", code_text(close.code)),
                ),
                Some(_) => {}
            }
            if close.is_some() && tcp_closed_by != Some(Side::Client) {
                problem(
                    format!(
                        "left TCP open for {} s after the handshake",
                        bound.as_secs()
                    ),
                    format!(
                        "để TCP mở suốt {} giây sau handshake đóng kết nối",
                        bound.as_secs()
                    ),
                );
            }
        }
        Expect::Anything | Expect::BacksOff => {}
    }
    let verdict = match (case.graded(), problems.is_empty()) {
        (false, _) => Verdict::Info,
        (true, true) => Verdict::Pass,
        (true, false) => Verdict::Fail,
    };
    let mut observed = match &close {
        Some(close) => say(
            lang,
            format!(
                "Answered with a Close, code {}{}, after {} ms",
                code_text(close.code),
                reason_note(&close.reason, "reason"),
                close.after_ms
            ),
            format!(
                "Trả lời bằng khung Close, mã {}{}, sau {} ms",
                code_text(close.code),
                reason_note(&close.reason, "lý do"),
                close.after_ms
            ),
        ),
        None => {
            let (en, vi) = no_answer();
            capitalize(&say(lang, en, vi))
        }
    };
    if let Some((side, at_ms)) = observation.tcp_closed {
        let (en, vi) = match side {
            Side::Client => ("the client", "client"),
            Side::Server => ("the server", "máy chủ"),
        };
        observed.push_str(&say(
            lang,
            format!("; TCP closed by {en} at {at_ms} ms"),
            format!("; TCP do {vi} đóng lúc {at_ms} ms"),
        ));
    }
    observed.push('.');
    if verdict == Verdict::Fail {
        observed.push_str(&say(
            lang,
            format!(" The client {}.", problems.join("; ")),
            format!(" Client {}.", problems.join("; ")),
        ));
    }
    Grade {
        verdict,
        observed,
        details: Details {
            close,
            after_close,
            tcp_closed_by,
            tcp_closed_after_ms: observation.tcp_closed.map(|(_, at)| at),
            problems,
            gaps_ms: Vec::new(),
        },
    }
}

fn reason_note(reason: &str, label: &str) -> String {
    if reason.is_empty() {
        String::new()
    } else {
        let shown: String = reason.chars().take(40).collect();
        let more = if shown.len() < reason.len() {
            "…"
        } else {
            ""
        };
        format!(", {label} \"{shown}{more}\"")
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
