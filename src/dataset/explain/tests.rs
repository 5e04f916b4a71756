//! The engine against the built-in dataset: one test per kind of reading.

use once_cell::sync::Lazy;

use proptest::prelude::*;

use super::knowledge::HITS_PER_ANCHOR;
use super::*;
use crate::dataset::{DataSource, load};

static DATASET: Lazy<Dataset> =
    Lazy::new(|| load(&DataSource::Embedded).expect("built-in dataset"));

fn top(text: &str) -> Option<(String, u16)> {
    let explanation = explain(&DATASET, DATASET.source(), text);
    explanation
        .candidates
        .first()
        .map(|candidate| (candidate.family.clone(), candidate.code))
}

fn expect(text: &str, family: &str, code: u16) {
    let explanation = explain(&DATASET, DATASET.source(), text);
    let found: Vec<(String, u16, f32)> = explanation
        .candidates
        .iter()
        .map(|c| (c.family.clone(), c.code, c.confidence))
        .collect();
    assert_eq!(
        top(text),
        Some((family.to_owned(), code)),
        "{text}\n  candidates: {found:?}"
    );
}

#[test]
fn a_number_in_close_words_is_the_standard_code() {
    expect("code = 1006", "websocket", 1006);
    expect("CloseStatus[code=1009, reason=null]", "websocket", 1009);
    expect("CloseReason: code [1000], reason [bye]", "websocket", 1000);
}

#[test]
fn the_standard_meaning_comes_first_when_nothing_points_elsewhere() {
    let explanation = explain(&DATASET, DATASET.source(), "1006");
    let families: Vec<&str> = explanation
        .candidates
        .iter()
        .map(|c| c.family.as_str())
        .collect();
    assert_eq!(families[0], "websocket");
    assert!(families.contains(&"aws-api-gateway") && families.contains(&"sockjs"));
}

#[test]
fn a_normal_closure_beside_another_code_is_not_the_cause() {
    expect("sent 1000 (OK); then received 1006", "websocket", 1006);
}

#[test]
fn numbers_that_are_not_codes_give_no_candidates() {
    let explanation = explain(
        &DATASET,
        DATASET.source(),
        "2024-11-03T12:34:56Z GET http://localhost:8080/app.js:1006 502 Bad Gateway 1009 bytes",
    );
    assert!(explanation.candidates.is_empty(), "{explanation:?}");
    assert!(explanation.observed.codes.is_empty());
}

#[test]
fn a_number_no_family_defines_is_observed_with_its_range() {
    let explanation = explain(&DATASET, DATASET.source(), "closed with code 4999");
    assert!(explanation.candidates.is_empty());
    let observed = &explanation.observed.codes[0];
    assert_eq!((observed.code, observed.range), (4999, CodeRange::Private));
    assert!(observed.defined_by.is_empty());
}

#[test]
fn reasons_are_read_where_the_text_labels_them() {
    let explanation = explain(
        &DATASET,
        DATASET.source(),
        "CloseEvent {code: 1008, reason: 'token expired', wasClean: true}",
    );
    assert_eq!(
        explanation.observed.reason.as_deref(),
        Some("token expired")
    );
}

/// Centrifugo's close reasons, as centrifuge's disconnect.go writes them,
/// name their code; its numbers that no other family defines need no other context.
#[test]
fn a_centrifugo_reason_names_its_code() {
    expect("reason: insufficient state", "centrifugo", 3010);
    expect("code: 3504, reason: connection limit", "centrifugo", 3504);
    expect("disconnected 3502 stale", "centrifugo", 3502);
    // 3000 is IANA's Unauthorized unless something points at Centrifugo.
    expect("close code 3000", "websocket", 3000);
    expect("centrifuge-js: close code 3000", "centrifugo", 3000);
}

#[test]
fn a_few_words_with_typos_find_the_code_by_its_name() {
    expect("going awy", "websocket", 1001);
    expect("abnormal closre", "websocket", 1006);
}

/// The evidence of the top candidate, for tests that check why.
fn top_evidence(text: &str) -> Vec<EvidenceKind> {
    explain(&DATASET, DATASET.source(), text).candidates[0]
        .evidence
        .iter()
        .map(|evidence| evidence.kind)
        .collect()
}

// One test per file in `data/libraries/`, each with lines the library prints
// (from its source at the commit the file cites, or pasted in public threads).

#[test]
fn aiohttp() {
    expect("<WSCloseCode.ABNORMAL_CLOSURE: 1006>", "websocket", 1006);
    expect("WSCloseCode.ABNORMAL_CLOSURE", "websocket", 1006);
    expect(
        "aiohttp.http_websocket.WebSocketError: Invalid close code: 1004",
        "websocket",
        1002,
    );
    expect(
        "WebSocketError: Message size 4194305 exceeds limit 4194304",
        "websocket",
        1009,
    );
}

#[test]
fn apollo_client() {
    expect(
        "Error: Socket closed with event 4403 Forbidden",
        "graphql-ws",
        4403,
    );
}

#[test]
fn assemblyai_python() {
    // The SDK's logger is `assemblyai.streaming.v3.client`; Python's default
    // logging format puts it before the message.
    expect(
        "ERROR:assemblyai.streaming.v3.client:Streaming error: Session Expired: Maximum session duration exceeded (code=3008)",
        "assemblyai-streaming",
        3008,
    );
    expect(
        "Connection closed: See Error message for details (code=3007)",
        "assemblyai-streaming",
        3007,
    );
    expect(
        "assemblyai.streaming.v3.models.RealTimeError: Audio chunk duration violation",
        "assemblyai-streaming",
        3007,
    );
    // The rate limit as the docs' table numbers it, and as older pages do.
    expect(
        "ERROR:assemblyai.streaming.v3.client:Connection closed: Unauthorized Connection: Too many concurrent sessions (code=1008)",
        "assemblyai-streaming",
        1008,
    );
}

#[test]
fn chromium() {
    expect(
        "WebSocket connection to 'wss://example.org/socket' failed: ",
        "websocket",
        1006,
    );
    expect(
        "WebSocket connection to 'ws://127.0.0.1:8000/chat/stream/' failed: WebSocket is closed before the connection is established.",
        "websocket",
        1006,
    );
    expect(
        "Received a broken close frame containing a reserved status code.",
        "websocket",
        1002,
    );
}

#[test]
fn coder_websocket() {
    expect(
        "failed to get reader: received close frame: status = StatusNormalClosure and reason = \"\"",
        "websocket",
        1000,
    );
    expect(
        "failed to read JSON message: failed to get reader: received close frame: status = StatusCode(4403) and reason = \"Forbidden\"",
        "graphql-ws",
        4403,
    );
    expect(
        "failed to read: read limited at 32769 bytes",
        "websocket",
        1009,
    );
}

#[test]
fn discord_js() {
    expect(
        "Error [DisallowedIntents]: Privileged intent provided is not enabled or whitelisted.",
        "discord-gateway",
        4014,
    );
    expect(
        "Error [TokenInvalid]: An invalid token was provided.",
        "discord-gateway",
        4004,
    );
    expect("Error: Used disallowed intents", "discord-gateway", 4014);
    expect(
        "Error [DISALLOWED_INTENTS]: Privileged intent provided is not enabled or whitelisted.",
        "discord-gateway",
        4014,
    );
}

#[test]
fn discord_py() {
    expect(
        "discord.errors.PrivilegedIntentsRequired: Shard ID None is requesting privileged intents that have not been explicitly enabled in the developer portal.",
        "discord-gateway",
        4014,
    );
    expect(
        "discord.errors.ConnectionClosed: Shard ID None WebSocket closed with 4014",
        "discord-gateway",
        4014,
    );
    expect(
        "Disconnected from voice by discord, close code 4006.",
        "discord-voice",
        4006,
    );
}

#[test]
fn discord4j() {
    expect(
        "discord4j.common.close.CloseException: WebSocket closed: 4014 Disallowed intent(s).",
        "discord-gateway",
        4014,
    );
}

#[test]
fn discordjs_rpc() {
    expect("RPCCloseCodes.TOKEN_REVOKED", "discord-rpc", 4003);
    expect("RPCCloseCodes.INVALID_ENCODING", "discord-rpc", 4005);
}

#[test]
fn dotnet_websockets() {
    expect(
        "System.Net.WebSockets.WebSocketException (0x80004005): The remote party closed the WebSocket connection without completing the close handshake.",
        "websocket",
        1006,
    );
    expect(
        "System.ArgumentException: The close status code '1006' is reserved for system use only and cannot be specified when calling this method.",
        "websocket",
        1006,
    );
    assert!(
        top_evidence(
            "The close status code '1006' is reserved for system use only and cannot be specified when calling this method."
        )
        .contains(&EvidenceKind::RefusedCode)
    );
}

#[test]
fn firefox() {
    expect(
        "Firefox can’t establish a connection to the server at wss://example.org/socket.",
        "websocket",
        1006,
    );
    expect(
        "The connection to wss://example.org/socket was interrupted while the page was loading.",
        "websocket",
        1006,
    );
}

#[test]
fn gorilla_websocket() {
    expect(
        "Error reading from websocket: websocket: close 1006 (abnormal closure): unexpected EOF",
        "websocket",
        1006,
    );
    expect("websocket: close 1001 (going away)", "websocket", 1001);
    expect("websocket: bad close code 1005", "websocket", 1002);
    expect("websocket: read limit exceeded", "websocket", 1009);
}

#[test]
fn graphql_ws() {
    expect(
        "CloseEvent {code: 4406, reason: 'Subprotocol not acceptable'}",
        "graphql-ws",
        4406,
    );
    expect("Subscriber for 1 already exists", "graphql-ws", 4409);
    expect(
        "4408: Connection initialisation timeout",
        "graphql-ws",
        4408,
    );
}

#[test]
fn hasura() {
    expect(
        "Connection Closed: 1000 {\"server_error_msg\":\"4400: Connection initialization failed: x-hasura-admin-secret/x-hasura-access-key required, but not found\"}",
        "graphql-ws",
        4400,
    );
    expect("4403: Forbidden", "graphql-ws", 4403);
}

#[test]
fn jakarta_websocket() {
    expect(
        "connection closed: CloseReason: code [1009], reason [The decoded text message was too big for the output buffer and the endpoint does not support partial messages]",
        "websocket",
        1009,
    );
    expect(
        "Socket Closed: CloseReason[1001,Idle Timeout]",
        "websocket",
        1001,
    );
}

#[test]
fn java_websocket() {
    expect(
        "The connection was closed because the other endpoint did not respond with a pong in time. For more information check: https://github.com/TooTallNate/Java-WebSocket/wiki/Lost-connection-detection",
        "websocket",
        1006,
    );
    expect(
        "org.java_websocket.exceptions.InvalidFrameException: closecode must not be sent over the wire: 1005",
        "websocket",
        1002,
    );
    expect(
        "Connection closed by remote peer Code: 1006 Reason: ",
        "websocket",
        1006,
    );
    expect(
        "org.java_websocket.exceptions.InvalidHandshakeException: Invalid status code received: 401 Status line: HTTP/1.1 401 Unauthorized",
        "websocket",
        1002,
    );
}

#[test]
fn jda() {
    expect(
        "WebSocket connection was closed and cannot be recovered due to identification issues\nCloseCode(4014 / Disallowed intents. Your bot might not be eligible to request a privileged intent such as GUILD_PRESENCES, MESSAGE_CONTENT, or GUILD_MEMBERS.)",
        "discord-gateway",
        4014,
    );
    expect(
        "CloseCode(4004 / The account token sent with your identify payload is incorrect.)",
        "discord-gateway",
        4004,
    );
}

#[test]
fn jetty_websocket() {
    expect("CloseStatus{1001=SHUTDOWN,Idle Timeout}", "websocket", 1001);
    expect(
        "CloseInfo[code=1006,reason=Disconnected]",
        "websocket",
        1006,
    );
    expect(
        "org.eclipse.jetty.websocket.core.exception.ProtocolException: Invalid CLOSE Code: 1005",
        "websocket",
        1002,
    );
}

#[test]
fn ktor_websockets() {
    expect(
        "CloseReason(reason=GOING_AWAY, message=Server is going down)",
        "websocket",
        1001,
    );
    expect(
        "CloseReason(reason=VIOLATED_POLICY, message=)",
        "websocket",
        1008,
    );
}

#[test]
fn netty_websocket() {
    expect(
        "io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException: Max frame length of 65536 has been exceeded.",
        "websocket",
        1009,
    );
    expect(
        "CorruptedWebSocketFrameException: Invalid close frame getStatus code: 1005",
        "websocket",
        1002,
    );
}

#[test]
fn node_ws() {
    expect(
        "RangeError: Invalid WebSocket frame: invalid status code 1006\n    at Receiver.controlMessage (/usr/src/app/node_modules/ws/lib/receiver.js:592:18)",
        "websocket",
        1002,
    );
    expect("Max payload size exceeded", "websocket", 1009);
}

#[test]
fn obs_websocket() {
    expect(
        "[WebSocketServer::onClose] WebSocket client `[::ffff:127.0.0.1]:54659` has disconnected with code `4009` and reason: Authentication failed.",
        "obs-websocket",
        4009,
    );
    expect(
        "You are already Identified with the obs-websocket server.",
        "obs-websocket",
        4008,
    );
}

#[test]
fn obs_websocket_js() {
    expect(
        "OBSWebSocketError: Your session has been invalidated.",
        "obs-websocket",
        4011,
    );
}

#[test]
fn obws() {
    expect(
        "Error: Handshake(ConnectionClosed(Some(CloseDetails { code: Library(4009), reason: \"Authentication failed.\" })))",
        "obs-websocket",
        4009,
    );
    expect(
        "Handshake(ConnectionClosed(Some(CloseDetails { code: Library(4009), reason: \"Your payload's data is missing an `authentication` string, however authentication is required.\" })))",
        "obs-websocket",
        4009,
    );
}

#[test]
fn okhttp() {
    expect(
        "java.net.SocketTimeoutException: sent ping but didn't receive pong within 30000ms (after 0 successful ping/pongs)",
        "websocket",
        1006,
    );
    expect(
        "java.lang.IllegalArgumentException: Code 1005 is reserved and may not be used.",
        "websocket",
        1005,
    );
    // A number no family defines: refused, observed, and no candidate.
    let explanation = explain(
        &DATASET,
        DATASET.source(),
        "java.lang.IllegalArgumentException: Code must be in range [1000,5000): 999",
    );
    assert!(explanation.candidates.is_empty(), "{explanation:?}");
    assert!(
        explanation
            .observed
            .codes
            .iter()
            .any(|code| code.code == 999 && code.refused),
        "{explanation:?}"
    );
}

#[test]
fn pusher_js() {
    expect(
        "Pusher : Error : {\"type\":\"WebSocketError\",\"error\":{\"type\":\"PusherError\",\"data\":{\"code\":4004,\"message\":\"Account over quota\"}}}",
        "pusher-channels",
        4004,
    );
    expect(
        "Pusher: Websocket message received: {\"event\":\"pusher:error\",\"data\":{\"code\":4001,\"message\":\"App key 23919cee3b1111731271 not in this cluster. Did you forget to specify the cluster?\"}}",
        "pusher-channels",
        4001,
    );
}

#[test]
fn pypresence() {
    expect(
        "pypresence.exceptions.InvalidID: Client ID is Invalid",
        "discord-rpc",
        4000,
    );
}

#[test]
fn pysher() {
    expect(
        "pysher.connection:Connection: Received error 4201",
        "pusher-channels",
        4201,
    );
}

#[test]
fn python_websockets() {
    expect("no close frame received or sent", "websocket", 1006);
    expect(
        "websockets.exceptions.ConnectionClosedError: received 1011 (internal error) keepalive ping timeout; then sent 1011 (internal error) keepalive ping timeout",
        "websocket",
        1011,
    );
    expect(
        "websockets.exceptions.ConnectionClosedError: code = 1006 (connection closed abnormally [internal]), no reason",
        "websocket",
        1006,
    );
    expect(
        "WebSocket connection is closed: code = 1005 (no status code [internal]), no reason",
        "websocket",
        1005,
    );
}

#[test]
fn pytwitchapi() {
    expect(
        "twitchAPI.eventsub.websocket:Websocket closing: 4003 - Connection unused, you have to create a subscription within 10 seconds",
        "twitch-eventsub",
        4003,
    );
}

#[test]
fn sockjs_client() {
    expect(
        "sockjs-client:main _close +1ms null 2000 All transports failed false 0",
        "sockjs",
        2000,
    );
    expect("Server lost session", "sockjs", 1006);
}

#[test]
fn sockjs_node() {
    expect("c[2010,\"Another connection still open\"]", "sockjs", 2010);
    expect("c[3000,\"Go away!\"]", "sockjs", 3000);
    expect("Go away!", "sockjs", 3000);
}

#[test]
fn spring_websocket() {
    expect(
        "Closed: CloseStatus[code=1006, reason=Unexpected Status of SSLEngineResult after an unwrap() operation]",
        "websocket",
        1006,
    );
    expect("session.close(CloseStatus.SERVER_ERROR)", "websocket", 1011);
    // A standard code stays the standard entry, whatever Spring calls it.
    expect("CloseStatus[code=1001, reason=null]", "websocket", 1001);
    // 4500 is Spring's own SESSION_NOT_RELIABLE, not graphql-ws's 4500.
    expect(
        "session.close(CloseStatus.SESSION_NOT_RELIABLE)",
        "spring",
        4500,
    );
    expect("CloseStatus[code=4500, reason=null]", "spring", 4500);
    expect(
        "Closed: CloseStatus[code=4500, reason=Failed to send message within the configured send limit]",
        "spring",
        4500,
    );
    expect(
        "WARN o.s.w.s.m.SubProtocolWebSocketHandler - Terminating 'StandardWebSocketSession[id=8f2c, uri=ws://localhost:8080/ws]': Send time 10012 (ms) for session '8f2c' exceeded the allowed limit 10000",
        "spring",
        4500,
    );
    expect(
        "org.springframework.web.socket.handler.SessionLimitExceededException: Buffer size 524800 bytes for session '8f2c' exceeds the allowed limit 524288",
        "spring",
        4500,
    );
    expect(
        "No messages received after 60004 ms. Closing StandardWebSocketSession[id=8f2c, uri=ws://localhost:8080/ws].",
        "spring",
        4500,
    );
    expect(
        "org.springframework.web.socket.CloseStatus: closed with 4500",
        "spring",
        4500,
    );
}

#[test]
fn starscream() {
    expect(
        "Starscream.WSError(type: Starscream.ErrorType.protocolError, message: \"\", code: 1011))",
        "websocket",
        1011,
    );
}

#[test]
fn tungstenite() {
    expect("Protocol(ResetWithoutClosingHandshake)", "websocket", 1006);
    expect(
        "WebSocket protocol error: Connection reset without closing handshake",
        "websocket",
        1006,
    );
    expect(
        "Close(Some(CloseFrame { code: Away, reason: Utf8Bytes(b\"\") }))",
        "websocket",
        1001,
    );
    expect(
        "> Got close code: Some(CloseFrame { code: Library(4014), reason: \"Disallowed intent(s).\" }).",
        "discord-gateway",
        4014,
    );
}

#[test]
fn twilight() {
    expect(
        "shard fatally closed: Disallowed Intents",
        "discord-gateway",
        4014,
    );
    expect(
        "shard fatally closed: Sharding Required",
        "discord-gateway",
        4011,
    );
}

#[test]
fn twitchio() {
    expect(
        "twitchio.eventsub.websockets: Received close message [4003] on EventSub Websocket: \"<Websocket>\"",
        "twitch-eventsub",
        4003,
    );
    expect(
        "<CloseCode.INVALID_RECONNECT: 4007>",
        "twitch-eventsub",
        4007,
    );
}

#[test]
fn websocket_client() {
    expect(
        "WebSocket error:  Connection to remote host was lost.",
        "websocket",
        1006,
    );
    expect("websocket:close status: 1001", "websocket", 1001);
    expect("websocket.STATUS_GOING_AWAY", "websocket", 1001);
}

// Which of two codes is the cause.

#[test]
fn the_code_sent_first_is_the_cause_when_no_close_frame_came_back() {
    expect(
        "sent 1011 (internal error) keepalive ping timeout; no close frame received",
        "websocket",
        1011,
    );
}

#[test]
fn a_normal_closure_wrapping_a_family_code_is_not_the_cause() {
    expect(
        "Connection Closed: 1000 {\"server_error_msg\":\"4400: Invalid message received\"}",
        "graphql-ws",
        4400,
    );
}

#[test]
fn the_browser_refusing_a_close_code_answers_the_code_tried() {
    let text = "InvalidAccessError: Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. 1001 is neither.";
    expect(text, "websocket", 1001);
    assert!(top_evidence(text).contains(&EvidenceKind::RefusedCode));
    let observed: Vec<u16> = explain(&DATASET, DATASET.source(), text)
        .observed
        .codes
        .iter()
        .map(|code| code.code)
        .collect();
    // `1000` and `3000 and 4999` are the rule's words, not codes.
    assert_eq!(observed, [1001]);
}

#[test]
fn a_library_refusing_a_number_answers_the_code_it_closes_with() {
    let text = "RangeError: Invalid WebSocket frame: invalid status code 22373";
    expect(text, "websocket", 1002);
    let explanation = explain(&DATASET, DATASET.source(), text);
    assert!(
        explanation
            .observed
            .codes
            .iter()
            .any(|code| code.code == 22373 && code.refused),
        "{:?}",
        explanation.observed
    );
}

// The family from what surrounds the number.

#[test]
fn the_family_from_a_host() {
    expect(
        "wss://gateway.discord.gg/?v=10&encoding=json closed with code 4004",
        "discord-gateway",
        4004,
    );
    expect(
        "Websocket to wss://india715.discord.media/?v=4 closed with code 4006",
        "discord-voice",
        4006,
    );
    expect(
        "wss://eventsub.wss.twitch.tv/ws closed: 4003",
        "twitch-eventsub",
        4003,
    );
    // API Gateway defines 1001 itself (the client or the endpoint going away).
    expect(
        "wss://abc123.execute-api.us-east-1.amazonaws.com/prod disconnected with code 1001",
        "aws-api-gateway",
        1001,
    );
    expect(
        "wss://streaming.assemblyai.com/v3/ws?sample_rate=16000 closed: 3006 See Error message for details",
        "assemblyai-streaming",
        3006,
    );
    // 3008 is also the IANA-registered Timeout: the host decides.
    expect(
        "wss://streaming.eu.assemblyai.com/v3/ws closed with code 3008",
        "assemblyai-streaming",
        3008,
    );
    expect("WebSocket closed with code 3008", "websocket", 3008);
}

#[test]
fn the_family_from_a_subprotocol() {
    expect(
        "Sec-WebSocket-Protocol: graphql-transport-ws\nclosed with code 4400",
        "graphql-ws",
        4400,
    );
}

#[test]
fn the_family_and_code_from_a_reason_alone() {
    expect("Subprotocol not acceptable", "graphql-ws", 4406);
    expect(
        "Session Expired: Maximum session duration exceeded",
        "assemblyai-streaming",
        3008,
    );
    // The reason prefix AssemblyAI's 1008 and 3009 share points at the family.
    expect(
        "code: 1008, reason: Unauthorized connection: Incorrect padding",
        "assemblyai-streaming",
        1008,
    );
}

#[test]
fn messages_that_name_no_number() {
    for (text, family, code) in [
        ("Error [DisallowedIntents]", "discord-gateway", 4014),
        (
            "discord.errors.PrivilegedIntentsRequired",
            "discord-gateway",
            4014,
        ),
        ("Go away!", "sockjs", 3000),
        ("WSCloseCode.ABNORMAL_CLOSURE", "websocket", 1006),
        ("Protocol(ResetWithoutClosingHandshake)", "websocket", 1006),
        (
            "The remote party closed the WebSocket connection without completing the close handshake.",
            "websocket",
            1006,
        ),
        ("no close frame received or sent", "websocket", 1006),
        (
            "WebSocket is closed before the connection is established.",
            "websocket",
            1006,
        ),
    ] {
        expect(text, family, code);
        // A library's message, or a reason the family's source defines.
        let evidence = top_evidence(text);
        assert!(
            evidence.contains(&EvidenceKind::ImpliedByMessage)
                || evidence.contains(&EvidenceKind::Reason),
            "{text}: {evidence:?}"
        );
    }
}

// Panic-free and linear, whatever is pasted.

/// The public corpus's lines, as pasted.
fn corpus_lines() -> Vec<String> {
    let corpus: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../../../tests/fixtures/explain/corpus.json"))
            .expect("the corpus is JSON");
    corpus
        .iter()
        .map(|line| {
            line["text"]
                .as_str()
                .expect("every line has a text")
                .to_owned()
        })
        .collect()
}

/// What holds for every answer: at most [`MAX_CANDIDATES`], confidences
/// between 0 and 1, and every candidate a code of the dataset.
fn check_answer(text: &str) -> Explanation {
    let explanation = explain(&DATASET, DATASET.source(), text);
    assert!(explanation.candidates.len() <= MAX_CANDIDATES);
    for candidate in &explanation.candidates {
        assert!((0.0..=1.0).contains(&candidate.confidence), "{candidate:?}");
        assert!(
            DATASET
                .source()
                .family(&candidate.family)
                .and_then(|family| family.code(candidate.code))
                .is_some(),
            "{candidate:?} is not in the dataset"
        );
    }
    explanation
}

fn pasted_text() -> impl Strategy<Value = String> {
    let lines = corpus_lines();
    let piece = prop_oneof![
        proptest::sample::select(lines),
        "[0-9]{1,6}",
        Just("{code}".to_owned()),
        Just("{text}".to_owned()),
        Just("\"code\": ".to_owned()),
        Just("close ".to_owned()),
        "[{}()\\[\\]\"':=,. 0-9a-z_-]{0,40}",
        "\\PC{0,20}",
        // Long runs of one character.
        (any::<char>(), 0usize..600).prop_map(|(c, n)| c.to_string().repeat(n)),
    ];
    prop_oneof![
        any::<String>(),
        "[0-9{}()\\[\\]\"' a-z:=,.\\n]{0,400}",
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat()),
    ]
}

proptest! {
    #[test]
    fn any_text_gets_a_sound_answer(text in pasted_text()) {
        check_answer(&text);
    }
}

/// About 4,000 characters of real lines, between lines with no letters so
/// that nothing reads across the seam when the text is repeated.
fn mixed_lines() -> String {
    let seam = "-".repeat(260);
    let mut text = format!("{seam}\n");
    for line in corpus_lines() {
        if text.len() >= 4000 {
            break;
        }
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str(&seam);
    text.push('\n');
    text
}

#[test]
fn a_text_repeated_says_no_more_than_the_text_once() {
    let once = mixed_lines();
    assert!(once.len() >= 4000);
    let answer = check_answer;
    let expected = answer(&once);
    assert!(!expected.candidates.is_empty());
    // Past HITS_PER_ANCHOR repeats every literal stops being read: the answer
    // (candidates, their confidence and evidence, what was observed) is the
    // same, so the work it depends on does not grow with the repeats.
    for times in [2, HITS_PER_ANCHOR + 1, 100] {
        assert_eq!(
            answer(&once.repeat(times)),
            expected,
            "repeated {times} times"
        );
    }
    // A message's own numbers stay its words however often it is pasted,
    // also past the repeats it is read for.
    let refusal = format!(
        "{}\n{}\n",
        "InvalidAccessError: Failed to execute 'close' on 'WebSocket': The code must be either 1000, or between 3000 and 4999. 1001 is neither.",
        "-".repeat(30)
    );
    let expected = answer(&refusal);
    assert_eq!(expected.observed.codes.len(), 1);
    for times in [HITS_PER_ANCHOR + 1, 100] {
        assert_eq!(
            answer(&refusal.repeat(times)),
            expected,
            "repeated {times} times"
        );
    }
}

#[test]
fn a_megabyte_of_digits_and_placeholders_is_answered() {
    let junk = "{code} 1006 close 4014 [1000] {text} code=1001 12345 \"4999\" :3000 (4403) 99999 \
                websocket: close 1011 (internal server error) received 1000 (OK); then sent \
                must be either 1000, or between 3000 and 4999. 1005 is neither. ";
    let text = junk.repeat(1_000_000 / junk.len() + 1);
    assert!(text.len() >= 1_000_000);
    let explanation = check_answer(&text);
    assert!(!explanation.candidates.is_empty());
    // One entry per number, not per occurrence.
    assert!(
        explanation.observed.codes.len() <= 16,
        "{:?}",
        explanation.observed
    );
}
