//! The lab's cases: on each connection the server does one thing and grades
//! what the client does back. Each case says what a conformant client must
//! do, the RFC 6455 section that says so, and the Autobahn testsuite case it
//! matches (section 7 of its fuzzingserver), if any.

use std::time::Duration;

use once_cell::sync::Lazy;

use crate::dataset::files::Reference;

use super::frames::{OP_BINARY, OP_CLOSE, OP_CONTINUATION, OP_PING, OP_TEXT, OutFrame};

/// Text in the site's two languages.
#[derive(Debug, Clone)]
pub struct Text {
    pub en: String,
    pub vi: String,
}

impl Text {
    fn new(en: impl Into<String>, vi: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            vi: vi.into(),
        }
    }

    pub fn get(&self, lang: &str) -> &str {
        if lang == "vi" { &self.vi } else { &self.en }
    }
}

fn rfc(section: &str) -> Reference {
    Reference {
        title: format!("RFC 6455 §{section}"),
        url: format!("https://www.rfc-editor.org/rfc/rfc6455#section-{section}"),
    }
}

fn iana() -> Reference {
    Reference {
        title: "IANA WebSocket Close Code Number Registry".to_owned(),
        url: "https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number"
            .to_owned(),
    }
}

/// What the server does on a case's connection.
#[derive(Debug, Clone)]
pub enum Script {
    /// Sends these frames at once, then reads the client's answer.
    Frames(Vec<OutFrame>),
    /// Closes each connection of the run with this code shortly after it
    /// opens, and times the client's reconnects.
    Reconnect(u16),
}

/// What a conformant client does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Answers with a Close whose code is one of these (`None`: a Close
    /// without a code), after echoing `echo` if given.
    CloseWith {
        codes: Vec<Option<u16>>,
        echo: Option<&'static str>,
    },
    /// Fails the connection (RFC 6455 §7.1.7): a Close with one of these
    /// codes, or TCP closed without a Close.
    FailWith(Vec<u16>),
    /// Answers with a normal Close, then closes TCP itself within the
    /// bound, since the server never does.
    ClosesTcpWithin(Duration),
    /// The spec leaves it open: recorded, not graded.
    Anything,
    /// Waits, with growing random delays, before each reconnect.
    BacksOff,
}

#[derive(Debug, Clone)]
pub struct Case {
    /// The path segment of `/ws/lab/{id}`.
    pub id: String,
    /// The Autobahn testsuite case (section 7) this one matches.
    pub autobahn: Option<String>,
    pub title: Text,
    pub server_does: Text,
    pub client_must: Text,
    pub references: Vec<Reference>,
    pub script: Script,
    pub expect: Expect,
}

impl Case {
    pub fn graded(&self) -> bool {
        self.expect != Expect::Anything
    }

    /// One connection, no application code: a browser's `WebSocket` (or
    /// any driver that only echoes) can run it.
    pub fn single_connection(&self) -> bool {
        matches!(self.script, Script::Frames(_))
    }

    /// Payloads the server sends after its Close: a client that echoes one,
    /// or answers its Ping, read past the Close.
    pub fn sent_after_close(&self) -> Vec<&[u8]> {
        let Script::Frames(frames) = &self.script else {
            return Vec::new();
        };
        frames
            .iter()
            .skip_while(|frame| frame.opcode != OP_CLOSE)
            .filter(|frame| frame.opcode != OP_CLOSE && !frame.payload.is_empty())
            .map(|frame| frame.payload.as_slice())
            .collect()
    }
}

/// How long the server holds TCP open after the handshake in
/// `server-keeps-tcp-open`: longer than the usual clients wait (Python
/// websockets' `close_timeout` is 10 s, Chromium's 2 s).
pub const KEEP_TCP_OPEN: Duration = Duration::from_secs(15);

/// The codes Autobahn's 7.7.x sends: each may be sent in a Close frame.
const AUTOBAHN_VALID: [u16; 13] = [
    1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999,
];
/// Registered with IANA after RFC 6455, so not in Autobahn's list.
const IANA_VALID: [u16; 3] = [1012, 1013, 1014];
/// Autobahn's 7.9.x: codes no endpoint may send.
const AUTOBAHN_INVALID: [u16; 9] = [0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999];
/// A reason that is not UTF-8 (Autobahn 7.5.1's bytes: a lone surrogate).
const INVALID_UTF8_REASON: &[u8] =
    b"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80edited";

const NORMAL: [Option<u16>; 1] = [Some(1000)];
const PROTOCOL_ERROR: u16 = 1002;

pub static CASES: Lazy<Vec<Case>> = Lazy::new(catalogue);

pub fn find(id: &str) -> Option<&'static Case> {
    CASES.iter().find(|case| case.id == id)
}

/// The cases an Autobahn driver runs, numbered from 1 in this order.
pub fn autobahn_numbered() -> impl Iterator<Item = &'static Case> {
    CASES.iter().filter(|case| case.single_connection())
}

#[allow(clippy::too_many_arguments)]
fn case(
    id: impl Into<String>,
    autobahn: Option<&str>,
    title: Text,
    server_does: Text,
    client_must: Text,
    references: Vec<Reference>,
    script: Script,
    expect: Expect,
) -> Case {
    Case {
        id: id.into(),
        autobahn: autobahn.map(str::to_owned),
        title,
        server_does,
        client_must,
        references,
        script,
        expect,
    }
}

fn close(code: u16) -> OutFrame {
    OutFrame::close(Some(code), b"")
}

fn answer_normally() -> Text {
    Text::new(
        "Answer with a Close frame with code 1000, then let the server close TCP.",
        "Trả lời bằng một khung Close mã 1000, rồi để máy chủ đóng TCP.",
    )
}

fn fail_connection(what_en: &str, what_vi: &str) -> Text {
    Text::new(
        format!(
            "Treat {what_en} as a protocol error: fail the connection, with a Close frame with code 1002 or by closing TCP at once. Answering as if it were a normal Close fails."
        ),
        format!(
            "Coi {what_vi} là lỗi giao thức: hủy kết nối, bằng một khung Close mã 1002 hoặc đóng TCP ngay. Trả lời như với một khung Close bình thường là sai."
        ),
    )
}

fn catalogue() -> Vec<Case> {
    let mut cases = vec![
        case(
            "message-then-close",
            Some("7.1.1"),
            Text::new(
                "A message, then a Close",
                "Một thông điệp, rồi một khung Close",
            ),
            Text::new(
                "Sends the text message \"Hello World!\" and, once the client has echoed it (or after 4 s), a Close frame with code 1000.",
                "Gửi thông điệp văn bản \"Hello World!\" và, khi client đã gửi lại nó (hoặc sau 4 giây), một khung Close mã 1000.",
            ),
            Text::new(
                "Echo the message (as the lab asks), then answer the Close with code 1000.",
                "Gửi lại thông điệp (như lab yêu cầu), rồi trả lời khung Close bằng mã 1000.",
            ),
            vec![rfc("5.5.1")],
            Script::Frames(vec![OutFrame::text("Hello World!"), close(1000)]),
            Expect::CloseWith {
                codes: NORMAL.to_vec(),
                echo: Some("Hello World!"),
            },
        ),
        case(
            "two-closes",
            Some("7.1.2"),
            Text::new("Two Close frames", "Hai khung Close"),
            Text::new(
                "Sends a Close frame with code 1000, then a second, empty Close frame.",
                "Gửi một khung Close mã 1000, rồi một khung Close thứ hai, rỗng.",
            ),
            Text::new(
                "Answer the first Close with code 1000 and ignore the second: one Close frame, nothing after it.",
                "Trả lời khung Close đầu bằng mã 1000 và bỏ qua khung thứ hai: một khung Close, không gì sau nó.",
            ),
            vec![rfc("5.5.1")],
            Script::Frames(vec![close(1000), OutFrame::new(OP_CLOSE, Vec::new())]),
            Expect::CloseWith {
                codes: NORMAL.to_vec(),
                echo: None,
            },
        ),
        case(
            "ping-after-close",
            Some("7.1.3"),
            Text::new("A Ping after the Close", "Một frame Ping sau khung Close"),
            Text::new(
                "Sends a Close frame with code 1000, then a Ping frame.",
                "Gửi một khung Close mã 1000, rồi một frame Ping.",
            ),
            Text::new(
                "Answer the Close with code 1000 and send no Pong: a Ping that arrives after a Close gets no answer.",
                "Trả lời khung Close bằng mã 1000 và không gửi frame Pong: frame Ping đến sau khung Close không được trả lời.",
            ),
            vec![rfc("5.5.2"), rfc("5.5.1")],
            Script::Frames(vec![
                close(1000),
                OutFrame::new(OP_PING, "ping after close"),
            ]),
            Expect::CloseWith {
                codes: NORMAL.to_vec(),
                echo: None,
            },
        ),
        case(
            "text-after-close",
            Some("7.1.4"),
            Text::new(
                "A message after the Close",
                "Một thông điệp sau khung Close",
            ),
            Text::new(
                "Sends a Close frame with code 1000, then the text message \"text after close\".",
                "Gửi một khung Close mã 1000, rồi thông điệp văn bản \"text after close\".",
            ),
            Text::new(
                "Answer the Close with code 1000 and discard the message: data that follows a Close is not delivered or echoed.",
                "Trả lời khung Close bằng mã 1000 và bỏ thông điệp: dữ liệu đến sau khung Close không được chuyển lên hay gửi lại.",
            ),
            vec![rfc("1.4"), rfc("5.5.1")],
            Script::Frames(vec![close(1000), OutFrame::text("text after close")]),
            Expect::CloseWith {
                codes: NORMAL.to_vec(),
                echo: None,
            },
        ),
        case(
            "close-between-fragments",
            Some("7.1.5"),
            Text::new(
                "A Close between a message's fragments",
                "Một khung Close giữa các mảnh của thông điệp",
            ),
            Text::new(
                "Sends the first fragment of a text message, a Close frame with code 1000, then the last fragment.",
                "Gửi mảnh đầu của một thông điệp văn bản, một khung Close mã 1000, rồi mảnh cuối.",
            ),
            Text::new(
                "Answer the Close with code 1000 and drop the unfinished message: nothing is echoed.",
                "Trả lời khung Close bằng mã 1000 và bỏ thông điệp chưa xong: không gửi lại gì.",
            ),
            vec![rfc("5.4"), rfc("1.4")],
            Script::Frames(vec![
                OutFrame::text("fragment1").unfinished(),
                close(1000),
                OutFrame::new(OP_CONTINUATION, "fragment2"),
            ]),
            Expect::CloseWith {
                codes: NORMAL.to_vec(),
                echo: None,
            },
        ),
        case(
            "empty-close",
            Some("7.3.1"),
            Text::new("A Close without a code", "Một khung Close không có mã"),
            Text::new(
                "Sends a Close frame with an empty payload: no code, no reason (the receiver reports 1005).",
                "Gửi một khung Close có payload rỗng: không mã, không lý do (phía nhận báo 1005).",
            ),
            Text::new(
                "Answer with a Close frame, empty or with code 1000. Never put 1005 on the wire.",
                "Trả lời bằng một khung Close, rỗng hoặc mã 1000. Không bao giờ gửi 1005 trên đường truyền.",
            ),
            vec![rfc("5.5.1"), rfc("7.4.1")],
            Script::Frames(vec![OutFrame::new(OP_CLOSE, Vec::new())]),
            Expect::CloseWith {
                codes: vec![None, Some(1000)],
                echo: None,
            },
        ),
        case(
            "close-payload-1-byte",
            Some("7.3.2"),
            Text::new("A 1-byte Close payload", "Payload khung Close dài 1 byte"),
            Text::new(
                "Sends a Close frame whose payload is the single byte \"a\": too short to hold a code.",
                "Gửi một khung Close có payload là một byte \"a\": quá ngắn để chứa mã.",
            ),
            fail_connection(
                "a Close payload of one byte",
                "payload khung Close dài một byte",
            ),
            vec![rfc("5.5.1"), rfc("7.1.7")],
            Script::Frames(vec![OutFrame::new(OP_CLOSE, "a")]),
            Expect::FailWith(vec![PROTOCOL_ERROR]),
        ),
        case(
            "close-code-only",
            Some("7.3.3"),
            Text::new("A Close with a code", "Một khung Close có mã"),
            Text::new(
                "Sends a Close frame with code 1000 and no reason.",
                "Gửi một khung Close mã 1000, không lý do.",
            ),
            answer_normally(),
            vec![rfc("5.5.1")],
            Script::Frames(vec![close(1000)]),
            Expect::CloseWith {
                codes: NORMAL.to_vec(),
                echo: None,
            },
        ),
        case(
            "close-code-and-reason",
            Some("7.3.4"),
            Text::new(
                "A Close with a code and a reason",
                "Một khung Close có mã và lý do",
            ),
            Text::new(
                "Sends a Close frame with code 1000 and the reason \"Hello World!\".",
                "Gửi một khung Close mã 1000 với lý do \"Hello World!\".",
            ),
            answer_normally(),
            vec![rfc("5.5.1")],
            Script::Frames(vec![OutFrame::close(Some(1000), b"Hello World!")]),
            Expect::CloseWith {
                codes: NORMAL.to_vec(),
                echo: None,
            },
        ),
        case(
            "reason-123-bytes",
            Some("7.3.5"),
            Text::new("A 123-byte reason", "Lý do đóng dài 123 byte"),
            Text::new(
                "Sends a Close frame with code 1000 and a 123-byte reason: a 125-byte payload, the most a control frame may carry.",
                "Gửi một khung Close mã 1000 với lý do dài 123 byte: payload 125 byte, mức tối đa của một frame điều khiển.",
            ),
            answer_normally(),
            vec![rfc("5.5"), rfc("5.5.1")],
            Script::Frames(vec![OutFrame::close(Some(1000), &[b'*'; 123])]),
            Expect::CloseWith {
                codes: NORMAL.to_vec(),
                echo: None,
            },
        ),
        case(
            "reason-124-bytes",
            Some("7.3.6"),
            Text::new("A 124-byte reason", "Lý do đóng dài 124 byte"),
            Text::new(
                "Sends a Close frame with code 1000 and a 124-byte reason: a 126-byte payload, over the 125 bytes a control frame may carry.",
                "Gửi một khung Close mã 1000 với lý do dài 124 byte: payload 126 byte, vượt mức 125 byte của một frame điều khiển.",
            ),
            fail_connection(
                "a control frame over 125 bytes",
                "một frame điều khiển dài quá 125 byte",
            ),
            vec![rfc("5.5"), rfc("7.1.7")],
            Script::Frames(vec![OutFrame::close(Some(1000), &[b'*'; 124])]),
            Expect::FailWith(vec![PROTOCOL_ERROR]),
        ),
        case(
            "reason-invalid-utf8",
            Some("7.5.1"),
            Text::new("A reason that is not UTF-8", "Lý do đóng không phải UTF-8"),
            Text::new(
                "Sends a Close frame with code 1000 and a reason that is not valid UTF-8 (it holds an encoded surrogate).",
                "Gửi một khung Close mã 1000 với lý do không phải UTF-8 hợp lệ (có một surrogate đã mã hóa).",
            ),
            Text::new(
                "Fail the connection: a Close frame with code 1007 or 1002, or close TCP at once.",
                "Hủy kết nối: một khung Close mã 1007 hoặc 1002, hoặc đóng TCP ngay.",
            ),
            vec![rfc("5.5.1"), rfc("8.1")],
            Script::Frames(vec![OutFrame::close(Some(1000), INVALID_UTF8_REASON)]),
            Expect::FailWith(vec![1007, PROTOCOL_ERROR]),
        ),
    ];
    let valid = AUTOBAHN_VALID
        .iter()
        .enumerate()
        .map(|(index, code)| (*code, Some(format!("7.7.{}", index + 1))))
        .chain(IANA_VALID.iter().map(|code| (*code, None)));
    for (code, autobahn) in valid {
        let mut references = vec![rfc("7.4.1"), rfc("7.4.2")];
        if autobahn.is_none() {
            references.push(iana());
        }
        cases.push(case(
            format!("valid-code-{code}"),
            autobahn.as_deref(),
            Text::new(format!("Valid code {code}"), format!("Mã hợp lệ {code}")),
            Text::new(
                format!(
                    "Sends a Close frame with code {code}, which may be sent in a Close frame."
                ),
                format!("Gửi một khung Close mã {code}, mã được phép gửi trong khung Close."),
            ),
            Text::new(
                format!("Answer with a Close frame with code {code} (echoed) or 1000."),
                format!("Trả lời bằng một khung Close mã {code} (gửi lại) hoặc 1000."),
            ),
            references,
            Script::Frames(vec![close(code)]),
            Expect::CloseWith {
                codes: vec![Some(code), Some(1000)],
                echo: None,
            },
        ));
    }
    for (index, code) in AUTOBAHN_INVALID.iter().enumerate() {
        cases.push(case(
            format!("invalid-code-{code}"),
            Some(&format!("7.9.{}", index + 1)),
            Text::new(
                format!("Invalid code {code}"),
                format!("Mã không hợp lệ {code}"),
            ),
            Text::new(
                format!("Sends a Close frame with code {code}, which no endpoint may send."),
                format!("Gửi một khung Close mã {code}, mã không bên nào được gửi."),
            ),
            fail_connection(
                &format!("code {code} in a Close frame"),
                &format!("mã {code} trong khung Close"),
            ),
            vec![rfc("7.4.1"), rfc("7.4.2"), rfc("7.1.7")],
            Script::Frames(vec![close(*code)]),
            Expect::FailWith(vec![PROTOCOL_ERROR]),
        ));
    }
    for (index, code) in [5000u16, 65535].iter().enumerate() {
        cases.push(case(
            format!("undefined-code-{code}"),
            Some(&format!("7.13.{}", index + 1)),
            Text::new(format!("Undefined code {code}"), format!("Mã chưa định nghĩa {code}")),
            Text::new(
                format!("Sends a Close frame with code {code}, above the ranges RFC 6455 defines."),
                format!("Gửi một khung Close mã {code}, nằm ngoài các khoảng RFC 6455 định nghĩa."),
            ),
            Text::new(
                "Nothing is required: the RFC does not say what a code above 4999 means. Recorded, not graded.",
                "Không có yêu cầu: RFC không nói mã trên 4999 nghĩa là gì. Chỉ ghi lại, không chấm.",
            ),
            vec![rfc("7.4.2")],
            Script::Frames(vec![close(*code)]),
            Expect::Anything,
        ));
    }
    cases.extend([
        case(
            "fragmented-close",
            None,
            Text::new("A fragmented Close", "Một khung Close bị phân mảnh"),
            Text::new(
                "Sends a Close frame with code 1000 and its FIN bit clear, as if more fragments followed.",
                "Gửi một khung Close mã 1000 với bit FIN bằng 0, như thể còn mảnh tiếp theo.",
            ),
            fail_connection("a fragmented control frame", "một frame điều khiển bị phân mảnh"),
            vec![rfc("5.5"), rfc("5.4"), rfc("7.1.7")],
            Script::Frames(vec![close(1000).unfinished()]),
            Expect::FailWith(vec![PROTOCOL_ERROR]),
        ),
        case(
            "masked-close",
            None,
            Text::new("A masked Close from the server", "Khung Close có mask từ máy chủ"),
            Text::new(
                "Sends a Close frame with code 1000, masked: a server must never mask its frames.",
                "Gửi một khung Close mã 1000 có mask: máy chủ không bao giờ được mask frame của mình.",
            ),
            fail_connection("a masked frame from the server", "một frame có mask từ máy chủ"),
            vec![rfc("5.1"), rfc("7.1.7")],
            Script::Frames(vec![close(1000).masked()]),
            Expect::FailWith(vec![PROTOCOL_ERROR]),
        ),
        case(
            "data-after-close",
            None,
            Text::new("Messages after the Close", "Các thông điệp sau khung Close"),
            Text::new(
                "Sends a Close frame with code 1000, then a binary message and a text message.",
                "Gửi một khung Close mã 1000, rồi một thông điệp nhị phân và một thông điệp văn bản.",
            ),
            Text::new(
                "Answer the Close with code 1000, and echo neither message: after a Close, data is discarded.",
                "Trả lời khung Close bằng mã 1000 và không gửi lại thông điệp nào: sau khung Close, dữ liệu bị bỏ.",
            ),
            vec![rfc("1.4"), rfc("5.5.1")],
            Script::Frames(vec![
                close(1000),
                OutFrame::new(OP_BINARY, "binary after close"),
                OutFrame::new(OP_TEXT, "more text after close"),
            ]),
            Expect::CloseWith {
                codes: NORMAL.to_vec(),
                echo: None,
            },
        ),
        case(
            "server-keeps-tcp-open",
            None,
            Text::new(
                "A server that never closes TCP",
                "Máy chủ không bao giờ đóng TCP",
            ),
            Text::new(
                format!(
                    "Sends a Close frame with code 1000, reads the answer, then keeps the TCP connection open for {} s.",
                    KEEP_TCP_OPEN.as_secs()
                ),
                format!(
                    "Gửi một khung Close mã 1000, đọc câu trả lời, rồi giữ kết nối TCP mở trong {} giây.",
                    KEEP_TCP_OPEN.as_secs()
                ),
            ),
            Text::new(
                format!(
                    "Answer with code 1000, then close TCP itself when the server does not, within {} s.",
                    KEEP_TCP_OPEN.as_secs()
                ),
                format!(
                    "Trả lời bằng mã 1000, rồi tự đóng TCP khi máy chủ không đóng, trong vòng {} giây.",
                    KEEP_TCP_OPEN.as_secs()
                ),
            ),
            vec![rfc("7.1.1")],
            Script::Frames(vec![close(1000)]),
            Expect::ClosesTcpWithin(KEEP_TCP_OPEN),
        ),
    ]);
    for (code, name_en, name_vi) in [
        (1012, "Service Restart", "máy chủ khởi động lại"),
        (1013, "Try Again Later", "thử lại sau"),
        (1001, "Going Away", "máy chủ rời đi"),
    ] {
        cases.push(case(
            format!("reconnect-{code}"),
            None,
            Text::new(
                format!("Reconnecting after {code} {name_en}"),
                format!("Kết nối lại sau {code} ({name_vi})"),
            ),
            Text::new(
                format!(
                    "Closes every connection of the run with code {code} {} ms after it opens, {} times, and times the gap before each reconnect.",
                    super::reconnect::CLOSE_AFTER.as_millis(),
                    super::reconnect::ATTEMPTS
                ),
                format!(
                    "Đóng mọi kết nối của lượt chạy bằng mã {code} sau khi mở {} ms, {} lần, và đo khoảng chờ trước mỗi lần kết nối lại.",
                    super::reconnect::CLOSE_AFTER.as_millis(),
                    super::reconnect::ATTEMPTS
                ),
            ),
            Text::new(
                "Reconnect after a random delay, and wait longer each time the new connection is closed again at once (backoff with jitter). A tight loop fails.",
                "Kết nối lại sau một khoảng chờ ngẫu nhiên, và chờ lâu hơn mỗi lần kết nối mới lại bị đóng ngay (backoff có jitter). Kết nối lại liên tục là sai.",
            ),
            vec![rfc("7.2.3")],
            Script::Reconnect(code),
            Expect::BacksOff,
        ));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_autobahn_ids_cover_section_7() {
        let mut ids: Vec<&str> = CASES.iter().map(|case| case.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), CASES.len());
        let autobahn: Vec<&str> = CASES
            .iter()
            .filter_map(|case| case.autobahn.as_deref())
            .collect();
        for id in [
            "7.1.1", "7.1.5", "7.3.1", "7.3.6", "7.5.1", "7.7.13", "7.9.9", "7.13.2",
        ] {
            assert!(autobahn.contains(&id), "{id}");
        }
    }

    #[test]
    fn control_frames_are_as_big_as_each_case_says() {
        let payload_len = |id: &str| match &find(id).unwrap().script {
            Script::Frames(frames) => frames[0].payload.len(),
            Script::Reconnect(_) => unreachable!(),
        };
        assert_eq!(payload_len("reason-123-bytes"), 125);
        assert_eq!(payload_len("reason-124-bytes"), 126);
        assert_eq!(payload_len("close-payload-1-byte"), 1);
    }

    #[test]
    fn what_follows_the_close_is_known() {
        let case = find("ping-after-close").unwrap();
        assert_eq!(
            case.sent_after_close(),
            vec![b"ping after close".as_slice()]
        );
        assert!(
            find("message-then-close")
                .unwrap()
                .sent_after_close()
                .is_empty()
        );
    }
}
