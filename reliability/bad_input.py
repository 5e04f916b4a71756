#!/usr/bin/env python3
"""Hostile-input sweep against a running closecodes server.

Sends malformed, oversized and path-traversal requests over raw sockets
(nothing normalises or rejects them on the way) and checks every answer:

- no 5xx, ever;
- no body contains text from a file the server must not serve: the repo's
  Cargo.toml, Cargo.lock, build.rs, Rust sources, templates, raw data files,
  .git metadata, /etc/passwd, /proc/self/*;
- a 200 to a /static/ traversal attempt is byte-identical to a file in
  static/ (it may only ever be an asset);
- no HTML answer reflects a raw <script> tag taken from the request;
- a complete, well-formed request is answered (no hang);
- the server still answers GET /healthz with 200 after every case.

A connection closed without any answer is accepted for malformed HTTP and
shown as such in the table. Python 3.11 standard library only.

Usage: bad_input.py --url http://127.0.0.1:PORT [--static-dir ./static]
                    [--repo-root DIR] [--timeout SECONDS]
Exit status: 0 no violation, 1 violations, 2 the sweep could not run.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import socket
import sys
import time
import urllib.parse
from pathlib import Path

# ---------------------------------------------------------------- responses


@dataclasses.dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None


@dataclasses.dataclass
class Outcome:
    responses: list[Response]
    # How the exchange ended when it did not end with a full answer:
    # "closed", "reset", "timeout", "send failed: ..." or "" when it did.
    ending: str = ""
    raw: bytes = b""

    def describe(self) -> str:
        if self.responses:
            statuses = ",".join(str(r.status) for r in self.responses[:4])
            if len(self.responses) > 4:
                statuses += f",...({len(self.responses)})"
            return statuses + (f" then {self.ending}" if self.ending else "")
        return f"no answer ({self.ending or 'closed'})"


class Reader:
    """Buffered reads from a socket with one overall deadline."""

    def __init__(self, sock: socket.socket, deadline: float):
        self.sock = sock
        self.deadline = deadline
        self.buffer = bytearray()
        self.raw = bytearray()
        self.eof = False

    def fill(self) -> bool:
        if self.eof:
            return False
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        self.sock.settimeout(remaining)
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            self.eof = True
            return False
        self.buffer += chunk
        if len(self.raw) < (32 << 20):
            self.raw += chunk
        return True

    def until(self, marker: bytes, limit: int = 1 << 20) -> bytes | None:
        while True:
            at = self.buffer.find(marker)
            if at >= 0:
                data = bytes(self.buffer[:at])
                del self.buffer[: at + len(marker)]
                return data
            if len(self.buffer) > limit or not self.fill():
                return None

    def exactly(self, count: int) -> bytes | None:
        while len(self.buffer) < count:
            if not self.fill():
                return None
        data = bytes(self.buffer[:count])
        del self.buffer[:count]
        return data

    def rest(self, limit: int = 32 << 20) -> bytes:
        try:
            while len(self.buffer) < limit and self.fill():
                pass
        except (TimeoutError, socket.timeout, OSError):
            pass
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


def read_response(reader: Reader, method: str) -> Response | None:
    head = reader.until(b"\r\n\r\n")
    if head is None:
        return None
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ", 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/") or not parts[1].isdigit():
        raise ValueError(f"not an HTTP status line: {lines[0][:80]!r}")
    status = int(parts[1])
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers.append((name.decode("latin-1").strip(), value.decode("latin-1").strip()))
    response = Response(status, headers, b"")
    if status == 101:
        # The socket is now a WebSocket: keep what the server sends next.
        reader.deadline = min(reader.deadline, time.monotonic() + 2.0)
        response.body = reader.rest(1 << 20)
        return response
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return response
    encoding = (response.header("transfer-encoding") or "").lower()
    length = response.header("content-length")
    if "chunked" in encoding:
        body = bytearray()
        while True:
            size_line = reader.until(b"\r\n")
            if size_line is None:
                raise ConnectionError("chunked body cut short")
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                reader.until(b"\r\n")
                break
            chunk = reader.exactly(size + 2)
            if chunk is None:
                raise ConnectionError("chunked body cut short")
            body += chunk[:-2]
        response.body = bytes(body)
    elif length is not None:
        body = reader.exactly(int(length))
        if body is None:
            raise ConnectionError(f"body cut short of its Content-Length {length}")
        response.body = body
    else:
        response.body = reader.rest()
    return response


# -------------------------------------------------------------------- cases


@dataclasses.dataclass
class Case:
    name: str
    request: bytes
    # A complete, well-formed request: it must be answered.
    complete: bool = True
    # The request is a /static/ traversal attempt: a 200 must be an asset.
    traversal: bool = False
    # Half-close after sending, for requests that promise more than they send.
    half_close: bool = False
    # Read every answer (pipelined or smuggled requests).
    read_all: bool = False
    # A WebSocket that sends a bad frame after the upgrade: the server must
    # answer with a Close frame.
    expect_close_frame: bool = False
    method: str = "GET"


def http(method: str, target: str | bytes, headers: list[tuple[str, str]] | None = None,
         body: bytes = b"", version: str = "HTTP/1.1", host: str | None = "127.0.0.1") -> bytes:
    if isinstance(target, str):
        target = target.encode("utf-8", "surrogateescape")
    lines = [method.encode("latin-1") + b" " + target + b" " + version.encode("latin-1")]
    if host is not None:
        lines.append(b"Host: " + host.encode("latin-1"))
    for name, value in headers or []:
        lines.append(name.encode("latin-1") + b": " + value.encode("utf-8", "surrogateescape"))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def get(target: str | bytes, **kwargs) -> bytes:
    return http("GET", target, **kwargs)


WS_HEADERS = [
    ("Upgrade", "websocket"),
    ("Connection", "Upgrade"),
    ("Sec-WebSocket-Version", "13"),
    ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
]


def ws_frame(payload: bytes, opcode: int = 1, length: int | None = None) -> bytes:
    """A masked client frame; `length` may lie about the payload's size."""
    declared = len(payload) if length is None else length
    head = bytes([0x80 | opcode])
    if declared < 126:
        head += bytes([0x80 | declared])
    elif declared < 1 << 16:
        head += bytes([0x80 | 126]) + declared.to_bytes(2, "big")
    else:
        head += bytes([0x80 | 127]) + declared.to_bytes(8, "big")
    mask = b"\x01\x02\x03\x04"
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def cases() -> list[Case]:
    out: list[Case] = []

    def add(name: str, request: bytes, **kwargs) -> None:
        out.append(Case(name, request, **kwargs))

    # Long paths and numbers.
    for size in (8 << 10, 64 << 10, 1 << 20):
        add(f"path of {size >> 10} KB", get("/" + "a" * size))
    add("code page with an 8 KB number", get("/websocket/" + "9" * 8192))
    add("lookup of an 8 KB number", get("/api/v1/lookup/" + "9" * 8192))
    for number in ("99999999999999999999", "-1", "65536", "1e3", "0x3f1", "%31%30%30%39",
                   "1009%00", "1009.0", "+1009", "%20%201009", "١٠٠٩"):
        add(f"lookup {number}", get("/api/v1/lookup/" + number))
    for path in ("/api/v1/families/websocket/codes/1009abc",
                 "/api/v1/families/websocket/codes/99999999999999999999",
                 "/api/v1/families/websocket/compare/1000/1000",
                 "/api/v1/families/websocket/compare/1000/99999999999",
                 "/api/v1/families/%2e%2e/codes/1009",
                 "/api/v1/families/websocket%00/codes/1009",
                 "/websocket/1009-vs-1009", "/websocket/1009-vs-", "/websocket/-vs-1009",
                 "/websocket/1009-vs-1012-vs-1000", "/websocket/1009-vs-99999999999999999999"):
        add(f"odd resource {path[:60]}", get(path))

    # Odd encodings in the path.
    for path in ("/%00", "/websocket/%00", "/%ff", "/%c0%af", "/%e0%80%af", "/%zz", "/websocket/1009%",
                 "/%", "/%%", "/%2", "/%252e%252e/Cargo.toml", "/%2e%2e/Cargo.toml", "/websocket%2f1009",
                 "/WebSocket/1009", "/WEBSOCKET/1009", "//websocket/1009", "/./websocket/1009",
                 "/websocket/./1009", "/websocket/../websocket/1009", "/vi/../../Cargo.toml",
                 "/%C3%BC", "/%F0%9F%98%80", "/websocket/1009#fragment", "/websocket/1009;param",
                 "/%3Cscript%3Ealert(1)%3C/script%3E", "/websocket/%3Cscript%3E1009",
                 "/vi/%3Cscript%3E", "/api/v1/%3Cscript%3E"):
        add(f"path {path[:60]}", get(path))
    for path in ("/websocket\\1009", "/\\..\\Cargo.toml", "/ü", "/😀", "/websocket/😀",
                 "/<script>alert(1)</script>", "/\"'><img src=x>"):
        add(f"raw path {path!r}", get(path))
    add("raw byte 0xff in path", get(b"/\xff\xfe"), complete=False)
    add("raw control byte in path", get(b"/\x01\x7f"), complete=False)
    add("NUL in request line", get(b"/\x00"), complete=False)
    add("space in path", get("/web socket/1009"), complete=False)
    add("tab in path", get("/web\tsocket"), complete=False)
    add("empty request target", b"GET  HTTP/1.1\r\nHost: x\r\n\r\n", complete=False)
    add("target without slash", get("websocket/1009"), complete=False)
    add("asterisk target on GET", get("*"), complete=False)

    # Query strings.
    add("100 KB search query", get("/api/v1/search?q=" + "a" * (100 << 10)))
    add("100 KB search page query", get("/search?q=" + "a" * (100 << 10)))
    add("100 KB query on a page", get("/websocket/1009?x=" + "b" * (100 << 10)))
    add("5000 query parameters", get("/api/v1/search?q=1009&" + "&".join(f"x{i}=1" for i in range(5000))))
    add("5000 repeated q", get("/api/v1/search?" + "&".join("q=1009" for _ in range(5000))))
    add("query of only separators", get("/api/v1/search?&&&&=&=&&"))
    for value in ("", "VI", "vi-VN", "../../etc/passwd", "%00", "%ff", "vi%00", "e" * 10000, "vi&lang=en",
                  "%F0%9F%98%80", "vi;en", "*", "%2e%2e", "vi%20"):
        add(f"lang={value[:24]}", get("/api/v1/families?lang=" + value))
    add("lang[]=vi", get("/api/v1/families?lang[]=vi"))
    add("lang without =", get("/api/v1/families?lang"))
    add("lang on a page", get("/websocket/1009?lang=%ff"))
    for query in ("q=%ff", "q=%00", "q=%zz", "q=%", "q=1009&family=%ff", "q=1009&range=%00",
                  "q=1009&reconnect=%F0%9F%98%80", "q=1009&browser_can_send=maybe", "q=%c0%af"):
        add(f"search {query}", get("/api/v1/search?" + query))
    for query in ("url=file:///etc/passwd&format=json", "url=http://x/../../Cargo.toml&format=json",
                  "url=http://x/static/..%2f..%2fCargo.toml&format=json", "url=javascript:alert(1)",
                  "url=" + "h" * 10000, "url=http://x/websocket/1009&maxwidth=-1",
                  "url=http://x/websocket/1009&maxwidth=99999999999999999999&format=json",
                  "url=%ff&format=json"):
        add(f"oembed {query[:40]}", get("/oembed?" + query))
    add("embed theme with markup", get("/embed/websocket/1009?theme=%3Cscript%3E"))

    # Pasted text for explain, the lookup page and the search box that forwards to explain.
    q = urllib.parse.quote
    pastes = {
        "1 MB": "websocket: close 1006 " * ((1 << 20) // 22),
        "4000 numbers": " ".join(str(1000 + i % 4000) for i in range(4000)),
        "control characters": "".join(chr(c) for c in range(32)) * 40 + "1006",
        "markup": "<script>alert(1)</script><img src=x onerror=alert(1)>\"'`close 1006`</textarea>",
        "odd unicode": "\u202e\u200b\ufeff\U0001F600\u0301\u0301\u0301 close 1006 \u0130\u1e9e\ufb03" * 50,
        "lone surrogates": "%ED%A0%80 close 1006",
        "braces and placeholders": "{code} {text} {" * 300,
        "long digit runs": "9" * 100000,
        "exactly at the limit": "1006 " * 800,
        "one over the limit": "1006 " * 800 + "x",
    }
    for name, text in pastes.items():
        value = text if name == "lone surrogates" else q(text)
        add(f"explain API: {name}", get("/api/v1/explain?text=" + value))
        add(f"explain page: {name}", get("/explain?text=" + value))
        add(f"explain page vi: {name}", get("/vi/explain?text=" + value + "&lang=vi"))
        add(f"search box paste: {name}", get("/search?q=" + value))
    add("explain without text", get("/api/v1/explain"))
    add("explain with text twice", get("/api/v1/explain?text=1006&text=4014"))
    add("explain text[]", get("/api/v1/explain?text[]=1006"))
    add("explain %ff", get("/explain?text=%ff%fe"))
    for number in ("65536", "-1", "01009", "9" * 8192, "%00", "1e3", "%3Cscript%3E"):
        add(f"lookup page {number[:20]}", get("/lookup/" + number))

    # Headers.
    add("64 KB header value", get("/", headers=[("X-Big", "a" * (64 << 10))]))
    add("200 headers", get("/", headers=[(f"X-H{i}", "v") for i in range(200)]))
    add("2000 headers", get("/", headers=[(f"X-H{i}", "v") for i in range(2000)]))
    add("8 KB header name", get("/", headers=[("X" * 8192, "v")]))
    add("header without colon", b"GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n", complete=False)
    add("space before colon", b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", complete=False)
    add("obs-fold continuation", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\n\r\n", complete=False)
    add("NUL in header value", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n", complete=False)
    add("bad byte in header name", b"GET / HTTP/1.1\r\nHost: x\r\nX(A): b\r\n\r\n", complete=False)
    add("bare LF line ends", b"GET / HTTP/1.1\nHost: x\n\n")
    add("bare CR line ends", b"GET / HTTP/1.1\rHost: x\r\r", complete=False, half_close=True)
    for value in ("br;q=abc, gzip;q=2, *;q=-1", "identity;q=0", "*;q=0", "gzip;q=0, br;q=0, identity;q=0",
                  "x" * (32 << 10), "br, br, br, br", ";;;,,,", "gzip;q=1.0000001"):
        add(f"Accept-Encoding {value[:30]}", get("/websocket/1009", headers=[("Accept-Encoding", value)]))
    for value in ("garbage", "*", "\"" + "a" * 10000 + "\"", ", ".join(f'"{i}"' for i in range(2000)), 'W/"x", *'):
        add(f"If-None-Match {value[:24]}", get("/websocket/1009", headers=[("If-None-Match", value)]))
    add("Range bytes=0-0", get("/static/style.css", headers=[("Range", "bytes=0-0")]))
    add("Range garbage", get("/static/style.css", headers=[("Range", "bytes=zz-")]))
    add("Expect 100-continue on GET", get("/", headers=[("Expect", "100-continue")]))
    add("Expect garbage", get("/", headers=[("Expect", "garbage")]))
    add("32 KB cookie", get("/", headers=[("Cookie", "c=" + "x" * (32 << 10))]))
    add("CORS preflight with garbage", http("OPTIONS", "/api/v1/families", headers=[
        ("Origin", "null"), ("Access-Control-Request-Method", "G\u00e9T"),
        ("Access-Control-Request-Headers", "x" * 4096)]))
    add("Origin with markup", get("/api/v1/families", headers=[("Origin", "<script>")]))
    add("Connection: close", get("/", headers=[("Connection", "close")]))
    add("Connection garbage", get("/", headers=[("Connection", "keep-alive, close, upgrade, \x7f")]), complete=False)

    # Methods.
    for method in ("POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "FOO", "get", "PROPFIND",
                   "M" * 8192):
        add(f"method {method[:16]}", http(method, "/api/v1/families", headers=[("Content-Length", "0")]),
            method=method[:16])
    add("CONNECT authority form", http("CONNECT", "127.0.0.1:22"), complete=False)
    add("OPTIONS *", http("OPTIONS", "*"))
    add("TRACE with Max-Forwards", http("TRACE", "/", headers=[("Max-Forwards", "0")]))
    add("HEAD on a page", http("HEAD", "/websocket/1009"), method="HEAD")
    add("POST 1 MB body", http("POST", "/api/v1/search", headers=[("Content-Length", str(1 << 20))],
                               body=b"x" * (1 << 20)))

    # Versions and Host.
    add("HTTP/1.0 without Host", get("/", version="HTTP/1.0", host=None))
    add("HTTP/1.0 keep-alive", get("/", version="HTTP/1.0", headers=[("Connection", "keep-alive")]))
    add("HTTP/0.9", b"GET /\r\n", complete=False, half_close=True)
    add("HTTP/2.0 in request line", get("/", version="HTTP/2.0"), complete=False)
    add("HTTP/1.2", get("/", version="HTTP/1.2"), complete=False)
    add("HTTP/9.9", get("/", version="HTTP/9.9"), complete=False)
    add("lowercase http/1.1", get("/", version="http/1.1"), complete=False)
    add("HTTP/1.1x", get("/", version="HTTP/1.1x"), complete=False)
    add("h2 prior-knowledge preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", complete=False, half_close=True)
    add("TLS ClientHello", bytes.fromhex("16030100a5010000a10303") + b"\x00" * 64, complete=False, half_close=True)
    add("missing Host on HTTP/1.1", get("/", host=None))
    add("two Host headers", get("/", headers=[("Host", "evil.example")]))
    add("Host with garbage", get("/", host="ex ample:\x7f99"), complete=False)
    add("10 KB Host", get("/", host="h" * 10240))
    add("only CRLFs", b"\r\n" * 100, complete=False, half_close=True)
    add("garbage bytes", bytes(range(256)) * 4, complete=False, half_close=True)
    add("empty connection", b"", complete=False, half_close=True)

    # Bodies and framing.
    for value in ("-1", "abc", "1, 2", "99999999999999999999", "+5", " 5", "0x10"):
        add(f"Content-Length {value}", get("/", headers=[("Content-Length", value)]), complete=False,
            half_close=True)
    add("two different Content-Lengths", get("/", headers=[("Content-Length", "0"), ("Content-Length", "5")]),
        complete=False, half_close=True)
    add("Content-Length 10 with 5 bytes", get("/", headers=[("Content-Length", "10")], body=b"12345"),
        complete=False, half_close=True)
    add("Content-Length and chunked", get("/", headers=[("Content-Length", "4"),
                                                          ("Transfer-Encoding", "chunked")], body=b"0\r\n\r\n"),
        complete=False, half_close=True)
    add("chunk size zz", get("/", headers=[("Transfer-Encoding", "chunked")], body=b"zz\r\nabc\r\n0\r\n\r\n"),
        complete=False, half_close=True)
    add("chunk size 2^64-1", get("/", headers=[("Transfer-Encoding", "chunked")],
                                 body=b"ffffffffffffffff\r\nabc\r\n"), complete=False, half_close=True)
    add("chunk size overflow", get("/", headers=[("Transfer-Encoding", "chunked")],
                                   body=b"1" + b"0" * 40 + b"\r\nabc\r\n"), complete=False, half_close=True)
    add("chunked without last chunk", get("/", headers=[("Transfer-Encoding", "chunked")], body=b"3\r\nabc\r\n"),
        complete=False, half_close=True)
    add("Transfer-Encoding gzip, chunked", get("/", headers=[("Transfer-Encoding", "gzip, chunked")],
                                               body=b"0\r\n\r\n"), complete=False, half_close=True)
    add("Transfer-Encoding xchunked", get("/", headers=[("Transfer-Encoding", "xchunked")]),
        complete=False, half_close=True)
    add("GET with a 1 MB body", get("/", headers=[("Content-Length", str(1 << 20))], body=b"y" * (1 << 20)))
    add("100 pipelined GETs", get("/healthz") * 100, read_all=True)
    smuggled = get("/static/../Cargo.toml", host="x")
    # The outer request is a legitimate GET /; the fingerprints catch a leak.
    add("smuggling via Content-Length", get("/", headers=[("Content-Length", str(len(smuggled)))]) + smuggled,
        read_all=True)
    add("smuggling via chunked + CL", get("/", headers=[("Transfer-Encoding", "chunked"), ("Content-Length", "6")],
                                          body=b"0\r\n\r\n" + smuggled), read_all=True, complete=False)

    # Traversal under /static/ (and the other stored trees).
    for path in (
        "/static/../Cargo.toml", "/static/../../Cargo.toml", "/static/%2e%2e/Cargo.toml",
        "/static/%2E%2E/Cargo.toml", "/static/..%2fCargo.toml", "/static/..%2FCargo.toml",
        "/static/..%2fsrc%2fmain.rs", "/static/%2e%2e%2fsrc%2fmain.rs", "/static/..%5cCargo.toml",
        "/static/%2e%2e%5cCargo.toml", "/static/%2e%2e%5c%2e%2e%5cCargo.toml", "/static//etc/passwd",
        "/static/../../../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static/....//Cargo.toml",
        "/static/....//....//....//etc/passwd", "/static/..;/Cargo.toml", "/static/.%2e/Cargo.toml",
        "/static/%2e./Cargo.toml", "/static/%252e%252e/Cargo.toml", "/static/..%252f..%252fCargo.toml",
        "/static/%c0%ae%c0%ae/Cargo.toml", "/static/%c0%af../Cargo.toml", "/static/..%c0%afCargo.toml",
        "/static/..%c1%9cCargo.toml", "/static/%e0%80%ae%e0%80%ae/Cargo.toml", "/static/..%00/Cargo.toml",
        "/static/../Cargo.toml%00.css", "/static/style.css%00.txt", "/static/style.css/",
        "/static/style.css/../../Cargo.toml", "/static/./style.css", "/static//style.css",
        "/static/STYLE.CSS", "/static/style.css?x=../../Cargo.toml", "/static/%2fetc%2fpasswd",
        "/static/%u002e%u002e/Cargo.toml", "/static/..%u2215Cargo.toml", "/static/%e2%80%a4%e2%80%a4/Cargo.toml",
        "/static/file:///etc/passwd", "/static/../data/families/websocket.json",
        "/static/../data/ui/vi.json", "/static/../build.rs", "/static/../src/lib.rs",
        "/static/../templates/base.html", "/static/../.git/config", "/static/../.git/HEAD",
        "/static/../Cargo.lock", "/static/../static/style.css", "/static/", "/static", "/static/..",
        "/static/.", "/static/.%2e", "/static/..%2f", "/static/%2e%2e%2f", "/static/style.css%2f..%2f..%2fCargo.toml",
        "/static/../../../../../../proc/self/environ", "/static/../../../../../../proc/self/status",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/proc/self/cmdline", "/static/\\..\\Cargo.toml",
        "/static/..\\..\\Cargo.toml", "/static/.../Cargo.toml", "/static/~/.bashrc", "/static/*",
        "/static/style.*", "/static/%2A", "/vi/static/../Cargo.toml", "/api/docs/../../Cargo.toml",
        "/api/docs/%2e%2e/%2e%2e/Cargo.toml", "/api/docs/..%2f..%2fCargo.toml", "/badge/../../Cargo.toml",
        "/static/../../../../../../etc/passwd?x=1", "/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    ):
        add(f"traversal {path[:60]}", get(path), traversal=True)
    for target in ("http://x/static/../Cargo.toml", "http://127.0.0.1/static/%2e%2e/Cargo.toml",
                   "http://x/static/..%2f..%2fetc%2fpasswd", "file:///etc/passwd", "//etc/passwd",
                   "http://x:99999/static/style.css", "https://x/static/style.css",
                   "http://user:pass@x/static/../Cargo.toml"):
        add(f"absolute-form {target}", get(target), traversal=True, complete=False)

    # WebSocket upgrades with garbage.
    def ws(name: str, headers: list[tuple[str, str]], target: str = "/ws/echo", **kwargs) -> None:
        add(f"websocket: {name}", get(target, headers=headers), **kwargs)

    no_key = [h for h in WS_HEADERS if h[0] != "Sec-WebSocket-Key"]
    ws("no key", no_key)
    ws("garbage key", no_key + [("Sec-WebSocket-Key", "not base64 !!")])
    ws("key of 4 KB", no_key + [("Sec-WebSocket-Key", "A" * 4096)])
    ws("two keys", WS_HEADERS + [("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAA==")])
    others = [h for h in WS_HEADERS if h[0] != "Sec-WebSocket-Version"]
    for version in ("99", "", "13, 8", "abc", "-1"):
        ws(f"version {version!r}", others + [("Sec-WebSocket-Version", version)])
    ws("no version", others)
    ws("Upgrade h2c", [("Upgrade", "h2c"), ("Connection", "Upgrade, HTTP2-Settings"), ("HTTP2-Settings", "")])
    ws("Upgrade garbage", [("Upgrade", "\x01garbage"), ("Connection", "Upgrade")], complete=False)
    ws("Connection Upgrade without Upgrade", [("Connection", "Upgrade")])
    ws("Upgrade without Connection", [("Upgrade", "websocket")])
    ws("64 KB protocol header", WS_HEADERS + [("Sec-WebSocket-Protocol", "p" * (64 << 10))])
    ws("extensions garbage", WS_HEADERS + [("Sec-WebSocket-Extensions", "permessage-deflate; x=;;;,")])
    for query in ("close=%ff", "close=99999999999999999999", "close=-1", "after=-1&close=1000",
                  "close=1000&reason=%ff%fe", "close=1000&reason=" + "r" * 200, "close=1000&close=1001",
                  "after=99999999999999999999&close=1000", "x=" + "y" * 10000):
        ws(f"?{query[:40]}", WS_HEADERS, target="/ws/echo?" + query)
    add("websocket: POST upgrade", http("POST", "/ws/echo", headers=WS_HEADERS + [("Content-Length", "0")]),
        method="POST")
    add("websocket: upgrade on a page", get("/websocket/1009", headers=WS_HEADERS))
    upgrade = get("/ws/echo", headers=WS_HEADERS)
    for name, frames in (
        ("unframed garbage after upgrade", b"\x00garbage\xff" * 10),
        ("frame announcing 2^63 bytes, 1 MiB sent", ws_frame(b"x" * (1 << 20), length=(1 << 63) - 1)),
        ("frame announcing 64 KiB + 1, 1 byte sent", ws_frame(b"x", length=(64 << 10) + 1)),
        ("unmasked frame", b"\x81\x05hello"),
        ("reserved opcode", ws_frame(b"x", opcode=3)),
        ("invalid UTF-8 text", ws_frame(b"\xff\xfe")),
        ("close frame with a 1-byte payload", ws_frame(b"\x03", opcode=8)),
        ("close with code 999", ws_frame(b"\x03\xe7", opcode=8)),
        ("200 KB ping", ws_frame(b"p" * 200_000, opcode=9)),
        ("fragmented control frame", bytes([0x09, 0x81, 1, 2, 3, 4, 0x71])),
        ("continuation without a start", ws_frame(b"x", opcode=0)),
    ):
        add(f"websocket: {name}", upgrade + frames, expect_close_frame=True)
    return out


# ------------------------------------------------------------ fingerprints


@dataclasses.dataclass
class Fingerprint:
    source: str
    needles: tuple[bytes, ...]  # all of them must occur

    def found_in(self, body: bytes) -> bool:
        return all(needle in body for needle in self.needles)


def chunk_of(text: bytes, needs: tuple[bytes, ...] = (), lines: int = 3, minimum: int = 40) -> bytes | None:
    """The first `lines` consecutive non-blank lines making at least `minimum`
    bytes and holding one of `needs` (if given)."""
    rows = text.split(b"\n")
    for start in range(len(rows) - lines + 1):
        window = rows[start:start + lines]
        piece = b"\n".join(window)
        if (all(row.strip() for row in window) and len(piece) >= minimum
                and (not needs or any(need in piece for need in needs))):
            return piece
    return None


def fingerprints(repo: Path) -> list[Fingerprint]:
    prints = [
        Fingerprint("/etc/passwd", (b"root:x:0:0",)),
        Fingerprint("/proc/self/status", (b"VmRSS:", b"TracerPid:")),
        Fingerprint("/proc/self/environ", (b"PATH=/", b"\x00")),
        Fingerprint("Cargo.toml", (b"[package]", b'name = "closecodes"')),
        Fingerprint("Cargo.lock", (b"This file is automatically @generated by Cargo",)),
        Fingerprint(".git/config", (b"[core]", b"repositoryformatversion")),
        Fingerprint(".git/HEAD", (b"ref: refs/heads/",)),
    ]
    sources = [repo / "build.rs"] + sorted((repo / "src").rglob("*.rs"))
    sources += sorted((repo / "templates").rglob("*")) + sorted((repo / "data").rglob("*.json"))
    for path in sources:
        if not path.is_file():
            continue
        text = path.read_bytes()
        if path.suffix == ".json":
            # A raw data file would arrive whole: its first and last 200 bytes.
            needles = (text[:200], text[-200:]) if len(text) > 600 else (text,)
        else:
            # A template's text may be rendered as it is: take lines with
            # template syntax, which a rendered page no longer has.
            piece = chunk_of(text, (b"{%", b"{{") if "templates" in path.parts else ())
            if piece is None:
                continue
            needles = (piece,)
        prints.append(Fingerprint(str(path.relative_to(repo)), needles))
    return prints


# ------------------------------------------------------------------ running


def exchange(host: str, port: int, case: Case, timeout: float) -> Outcome:
    deadline = time.monotonic() + timeout
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as error:
        return Outcome([], f"connect failed: {error}")
    outcome = Outcome([])
    reader = Reader(sock, deadline)
    try:
        try:
            sock.sendall(case.request)
            if case.half_close:
                sock.shutdown(socket.SHUT_WR)
        except OSError as error:
            # The server may answer and close before reading everything.
            outcome.ending = f"send failed: {error.strerror or error}"
        while True:
            try:
                response = read_response(reader, case.method)
            except (TimeoutError, socket.timeout):
                if not outcome.responses or not case.read_all:
                    outcome.ending = outcome.ending or "timeout"
                break
            except ConnectionResetError:
                outcome.ending = outcome.ending or "reset"
                break
            except (ConnectionError, ValueError, OSError) as error:
                outcome.ending = f"broken answer: {error}"
                break
            if response is None:
                if not outcome.responses:
                    outcome.ending = outcome.ending or "closed"
                break
            outcome.responses.append(response)
            if 100 <= response.status < 200 and response.status != 101:
                continue  # an interim answer: the real one follows
            if not case.read_all or response.status == 101:
                break
            # Further pipelined answers come quickly or not at all.
            reader.deadline = min(deadline, time.monotonic() + 1.0)
    finally:
        outcome.raw = bytes(reader.raw)
        sock.close()
    return outcome


def decoded(response: Response) -> bytes:
    if (response.header("content-encoding") or "").lower() == "gzip":
        try:
            return gzip.decompress(response.body)
        except OSError:
            return response.body
    return response.body


def violations(case: Case, outcome: Outcome, prints: list[Fingerprint], assets: set[bytes]) -> list[str]:
    found = []
    if case.complete and not outcome.responses:
        found.append(f"a well-formed request got no answer ({outcome.ending})")
    if case.expect_close_frame:
        upgraded = [r for r in outcome.responses if r.status == 101]
        if not upgraded or not upgraded[0].body.startswith(b"\x88"):
            found.append("no WebSocket Close frame after a bad frame")
    for response in outcome.responses:
        if response.status >= 500:
            found.append(f"status {response.status}")
        if case.traversal and response.status == 200 and decoded(response) not in assets:
            found.append("a 200 to a traversal attempt that is not a file in static/")
        content_type = (response.header("content-type") or "").lower()
        if "html" in content_type and b"<script>alert" in response.body:
            found.append("HTML reflects a raw <script> from the request")
    bodies = [outcome.raw] + [decoded(r) for r in outcome.responses]
    for fingerprint in prints:
        if any(fingerprint.found_in(body) for body in bodies):
            found.append(f"the answer holds text of {fingerprint.source}")
    if outcome.ending.startswith("broken answer"):
        found.append(outcome.ending)
    return found


def healthy(host: str, port: int, timeout: float) -> bool:
    outcome = exchange(host, port, Case("healthz", get("/healthz")), timeout)
    return bool(outcome.responses) and outcome.responses[0].status == 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--static-dir", default="static", type=Path, help="the served assets (default ./static)")
    parser.add_argument("--repo-root", type=Path, help="the repository (default: the static dir's parent)")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per case (default 5)")
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.url)
    if url.scheme != "http" or not url.hostname or not url.port:
        print(f"--url must look like http://HOST:PORT, not {args.url!r}", file=sys.stderr)
        return 2
    host, port = url.hostname, url.port
    repo = args.repo_root or args.static_dir.resolve().parent
    assets = {path.read_bytes() for path in args.static_dir.rglob("*") if path.is_file()}
    if not assets:
        print(f"no files in {args.static_dir}", file=sys.stderr)
        return 2
    prints = fingerprints(repo)
    if not healthy(host, port, args.timeout):
        print(f"{args.url}/healthz does not answer 200", file=sys.stderr)
        return 2

    # The fingerprints must not match what the server rightly serves, or the
    # sweep would report leaks that are not.
    controls = ["/", "/vi/", "/websocket/1009", "/vi/websocket/1009", "/api/v1/families/websocket",
                "/api/v1/families/websocket?lang=vi", "/api/v1/dataset.json", "/api/v1/dataset.json?lang=vi",
                "/api/v1/openapi.json", "/sitemap.xml", "/llms.txt", "/websocket/1009.md", "/embed",
                "/api/docs/", "/nope/4004", "/embed/websocket/1009", "/vi/embed/websocket/1009-vs-1012",
                "/badge/websocket/1009.svg", "/search?q=1009", "/problems/not-found", "/api/v1/search?q=close",
                "/oembed?url=http://x/websocket/1009&format=json", "/robots.txt"]
    controls += [f"/static/{path.relative_to(args.static_dir)}" for path in sorted(args.static_dir.rglob("*"))
                 if path.is_file()]
    for path in controls:
        outcome = exchange(host, port, Case(path, get(path)), args.timeout)
        if not outcome.responses:
            print(f"control {path}: {outcome.describe()}", file=sys.stderr)
            return 2
        for fingerprint in prints:
            if fingerprint.found_in(outcome.responses[0].body):
                print(f"fingerprint of {fingerprint.source} matches the legitimate {path}", file=sys.stderr)
                return 2
    # And they must match the files they come from (where those exist here).
    for fingerprint in prints:
        source = repo / fingerprint.source if not fingerprint.source.startswith("/") else Path(fingerprint.source)
        if source.is_file() and not source.name == "environ" and not fingerprint.found_in(source.read_bytes()):
            print(f"fingerprint of {fingerprint.source} does not match its own file", file=sys.stderr)
            return 2

    print(f"bad-input sweep against {args.url}: {len(prints)} file fingerprints, {len(assets)} assets, "
          f"{len(controls)} controls clean")
    print(f"{'#':>4}  {'case':<62} {'answer':<28} {'bytes':>9}  verdict")
    tally: dict[str, int] = {}
    problems: list[str] = []
    closed_without_answer = 0
    started = time.monotonic()
    all_cases = cases()
    for number, case in enumerate(all_cases, 1):
        outcome = exchange(host, port, case, args.timeout)
        found = violations(case, outcome, prints, assets)
        alive = healthy(host, port, args.timeout)
        if not alive:
            found.append("the server stopped answering /healthz after this case")
        final_answers = [r for r in outcome.responses if r.status >= 200 or r.status == 101]
        for response in final_answers[:1]:
            tally[f"{response.status}"] = tally.get(f"{response.status}", 0) + 1
        if not outcome.responses:
            closed_without_answer += 1
            tally["no answer"] = tally.get("no answer", 0) + 1
        if found:
            verdict = "VIOLATION: " + "; ".join(found)
        elif not outcome.responses:
            verdict = "ok: malformed, closed without an answer"
        else:
            verdict = "ok"
        size = sum(len(r.body) for r in outcome.responses)
        print(f"{number:>4}  {case.name[:62]:<62} {outcome.describe()[:28]:<28} {size:>9}  {verdict}")
        problems += [f"#{number} {case.name}: {item}" for item in found]
        if not alive:
            break

    final = healthy(host, port, args.timeout)
    if not final:
        problems.append("GET /healthz does not answer 200 after the sweep")
    elapsed = time.monotonic() - started
    print()
    print(f"{len(all_cases)} cases in {elapsed:.1f} s; answers: "
          + ", ".join(f"{key}: {tally[key]}" for key in sorted(tally)))
    print(f"{closed_without_answer} connections ended without an answer (accepted for malformed HTTP)")
    print(f"/healthz after the sweep: {'200' if final else 'NOT 200'}")
    if problems:
        print(f"{len(problems)} VIOLATIONS:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print("no violations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
