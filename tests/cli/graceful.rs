//! SIGTERM in the middle of steady traffic: the server stops taking new
//! connections, finishes every answer it has started, and exits 0.
//!
//! The clients speak plain HTTP/1.1 over `std::net::TcpStream`, one thread and
//! one keep-alive connection each, so that every request records when its
//! bytes had all been written and when the first byte of its answer arrived;
//! reqwest shows neither. "Before the signal" means before the instant noted
//! just ahead of the kill(2) call, so nothing counted as before can have raced
//! with the signal; the call itself takes microseconds.
//!
//! Every answer here is rendered in advance and smaller than the few MB the
//! kernel buffers on a loopback connection, so a server that died at once
//! would still deliver an answer it had begun: the kernel has it all. To catch
//! such a server, two clients pipeline six requests for a 1.5 MB file and read
//! nothing until the signal has been sent. The server fills the buffers and
//! is then blocked in the middle of an answer; a graceful server finishes that
//! answer, one that dies leaves it cut short.
//!
//! The rules:
//! - An answer that arrives must be a 200 with exactly Content-Length bytes
//!   holding the expected text, whenever it arrives: an answer the server
//!   started is an answer it finishes.
//! - Nothing fails before the signal.
//! - A request written before the signal may meet a closed connection with no
//!   byte of an answer. Draining, the server closes an idle keep-alive
//!   connection, and does not start a request still unread in its socket
//!   buffer or queued behind a pipelined answer (RFC 9112 §9.3.1: the client
//!   may retry a GET). Those are counted, not failed.
//! - After the signal, refused or closed connections are expected; once the
//!   process has exited, new connections must be refused.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::signals::start_server;
use crate::wait_at_most;

unsafe extern "C" {
    /// kill(2) from the C library the standard library already links. The
    /// `kill` command would put the milliseconds it takes to start between the
    /// instant noted and the signal.
    safe fn kill(pid: i32, signal: i32) -> i32;
}

const SIGTERM: i32 = 15;

const CLIENTS: usize = 16;
/// Of the clients, how many pipeline big requests and wait for the signal.
const PIPELINERS: usize = 2;
const PIPELINED: usize = 6;
const TRAFFIC_BEFORE_SIGNAL: Duration = Duration::from_millis(1200);
/// The server must be gone within this long after SIGTERM.
const EXIT_LIMIT: Duration = Duration::from_secs(10);
const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// New connections must be refused this soon after SIGTERM (it takes about
/// a millisecond; the margin is for a loaded machine).
const LISTENER_CLOSED_WITHIN: Duration = Duration::from_millis(250);

/// A URL and a text its answer must contain.
struct Target {
    path: &'static str,
    expect: &'static str,
}

const MIX: &[Target] = &[
    Target {
        path: "/",
        expect: "</html>",
    },
    Target {
        path: "/websocket/1009",
        expect: "1009",
    },
    Target {
        path: "/vi/websocket/1009",
        expect: "lang=\"vi\"",
    },
    Target {
        path: "/websocket/1009-vs-1012",
        expect: "1012",
    },
    Target {
        path: "/api/v1/families",
        expect: "\"websocket\"",
    },
    Target {
        path: "/api/v1/families/websocket/codes/1009",
        expect: "\"code\": 1009",
    },
    Target {
        path: "/api/v1/search?q=1009",
        expect: "\"query\": \"1009\"",
    },
    Target {
        path: "/api/v1/lookup/4004",
        expect: "4004",
    },
    Target {
        path: "/static/style.css",
        expect: "{",
    },
    Target {
        path: "/healthz",
        expect: "ok",
    },
    Target {
        path: "/sitemap.xml",
        expect: "</urlset>",
    },
];

/// The biggest answer the server has (about 1.5 MB).
const BIG: Target = Target {
    path: "/api/docs/swagger-ui-bundle.js",
    expect: "SwaggerUIBundle",
};

#[derive(Debug)]
enum Outcome {
    /// 200, body as long as Content-Length and holding the expected text.
    Complete,
    /// An answer arrived but was wrong or cut short, or never came.
    Broken(String),
    /// The connection ended or failed before any byte of an answer.
    NoAnswer(String),
    /// Writing the request failed: it was never sent.
    NotSent(String),
    /// A new connection was refused.
    Refused,
    /// A new connection failed some other way.
    ConnectFailed(String),
}

#[derive(Debug)]
struct Record {
    path: &'static str,
    /// When the connection attempt or the request began.
    started: Instant,
    /// For the first request on a connection: when the connection was opened.
    opened: Option<Instant>,
    /// When the whole request had been written.
    sent: Option<Instant>,
    /// When the status line arrived.
    answered: Option<Instant>,
    /// When the outcome was known.
    finished: Instant,
    outcome: Outcome,
}

impl Record {
    fn new(path: &'static str, started: Instant, outcome: Outcome) -> Record {
        Record {
            path,
            started,
            opened: None,
            sent: None,
            answered: None,
            finished: Instant::now(),
            outcome,
        }
    }
}

type Connection = BufReader<TcpStream>;

fn connect(address: SocketAddr) -> std::io::Result<Connection> {
    let stream = TcpStream::connect_timeout(&address, IO_TIMEOUT)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    stream.set_nodelay(true)?;
    Ok(BufReader::new(stream))
}

/// Writes GETs for `targets` in one go and returns when the last byte was
/// handed to the kernel.
fn send(connection: &mut Connection, targets: &[&Target], gzip: bool) -> std::io::Result<Instant> {
    let encoding = if gzip {
        "Accept-Encoding: gzip\r\n"
    } else {
        ""
    };
    let requests: String = targets
        .iter()
        .map(|target| {
            format!(
                "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\n{encoding}User-Agent: graceful-test\r\n\r\n",
                target.path
            )
        })
        .collect();
    connection.get_mut().write_all(requests.as_bytes())?;
    Ok(Instant::now())
}

/// Reads the answer to a request written at `sent`. Returns the record and
/// whether the connection may carry another request.
fn receive(
    connection: &mut Connection,
    target: &'static Target,
    gzip: bool,
    started: Instant,
    sent: Instant,
) -> (Record, bool) {
    let mut record = Record::new(target.path, started, Outcome::Complete);
    record.sent = Some(sent);
    let mut status_line = String::new();
    let (outcome, keep) = match connection.read_line(&mut status_line) {
        Ok(0) => (Outcome::NoAnswer("closed".to_owned()), false),
        // A server that holds a request without answering is not draining.
        Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => (
            Outcome::Broken(format!("no answer within {IO_TIMEOUT:?}")),
            false,
        ),
        Err(error) => (Outcome::NoAnswer(error.to_string()), false),
        Ok(_) => {
            record.answered = Some(Instant::now());
            read_answer(connection, &status_line, target, gzip)
        }
    };
    record.outcome = outcome;
    record.finished = Instant::now();
    (record, keep)
}

/// The headers and body after `status_line`, checked.
fn read_answer(
    reader: &mut Connection,
    status_line: &str,
    target: &Target,
    gzip: bool,
) -> (Outcome, bool) {
    let broken = |why: String| (Outcome::Broken(why), false);
    if !status_line.starts_with("HTTP/1.1 200 ") {
        return broken(format!("status line {:?}", status_line.trim_end()));
    }
    let mut length = None;
    let mut close = false;
    let mut gzipped = false;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) => return broken("closed inside the headers".to_owned()),
            Err(error) => return broken(format!("headers: {error}")),
            Ok(_) => {}
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            return broken(format!("header line {line:?}"));
        };
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.parse::<usize>().ok(),
            "connection" => close = value.eq_ignore_ascii_case("close"),
            "content-encoding" => gzipped = value.eq_ignore_ascii_case("gzip"),
            _ => {}
        }
    }
    let Some(length) = length else {
        return broken("no Content-Length".to_owned());
    };
    let mut body = vec![0; length];
    let mut filled = 0;
    while filled < length {
        match reader.read(&mut body[filled..]) {
            Ok(0) => return broken(format!("body cut at {filled} of {length} bytes")),
            Ok(n) => filled += n,
            Err(error) => {
                return broken(format!("body cut at {filled} of {length} bytes: {error}"));
            }
        }
    }
    if gzipped && !gzip {
        return broken("gzip that was not asked for".to_owned());
    }
    let text = if gzipped {
        let mut text = String::new();
        if let Err(error) = flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut text) {
            return broken(format!("gzip body: {error}"));
        }
        text
    } else {
        match String::from_utf8(body) {
            Ok(text) => text,
            Err(_) => return broken("body is not UTF-8".to_owned()),
        }
    };
    if !text.contains(target.expect) {
        return broken(format!("body lacks {:?}", target.expect));
    }
    (Outcome::Complete, !close)
}

/// What every client thread shares.
struct Flags {
    /// The signal has been sent.
    signalled: AtomicBool,
    /// Time to stop.
    stop: AtomicBool,
}

/// One client: a keep-alive connection, reopened whenever it ends, until told
/// to stop. A pipeliner sends its batch, then reads nothing until the signal.
fn client(index: usize, address: SocketAddr, flags: Arc<Flags>) -> Vec<Record> {
    let pipeliner = index < PIPELINERS;
    let mut records = Vec::new();
    let mut connection = None;
    let mut turn = index;
    while !flags.stop.load(Ordering::Relaxed) {
        let batch: Vec<&'static Target> = if pipeliner {
            vec![&BIG; PIPELINED]
        } else {
            vec![&MIX[turn % MIX.len()]]
        };
        turn += 1;
        let started = Instant::now();
        let mut opened = None;
        let current = match connection.as_mut() {
            Some(current) => current,
            None => match connect(address) {
                Ok(new) => {
                    opened = Some(started);
                    connection.insert(new)
                }
                Err(error) => {
                    let outcome = if error.kind() == ErrorKind::ConnectionRefused {
                        Outcome::Refused
                    } else {
                        Outcome::ConnectFailed(error.to_string())
                    };
                    records.push(Record::new(batch[0].path, started, outcome));
                    thread::sleep(Duration::from_millis(20));
                    continue;
                }
            },
        };
        // Every third request from a fast client asks for gzip.
        let gzip = !pipeliner && turn.is_multiple_of(3);
        let sent = match send(current, &batch, gzip) {
            Ok(sent) => sent,
            Err(error) => {
                let outcome = Outcome::NotSent(error.to_string());
                let mut record = Record::new(batch[0].path, started, outcome);
                record.opened = opened;
                records.push(record);
                connection = None;
                continue;
            }
        };
        if pipeliner {
            while !flags.signalled.load(Ordering::Relaxed) && !flags.stop.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_millis(5));
            }
        }
        let mut keep = true;
        for target in batch {
            if !keep {
                // The connection ended with requests still queued on it.
                let mut record =
                    Record::new(target.path, started, Outcome::NoAnswer("closed".into()));
                record.sent = Some(sent);
                records.push(record);
                continue;
            }
            let (mut record, kept) = receive(current, target, gzip, started, sent);
            record.opened = opened.take();
            records.push(record);
            keep = kept;
        }
        if !keep {
            connection = None;
        }
    }
    records
}

/// What the records add up to, and every record that breaks the rules above.
#[derive(Debug, Default)]
struct Tally {
    failures: Vec<String>,
    /// Sent before the signal and answered in full.
    completed_before: usize,
    /// Of those, answered in full only after the signal.
    finished_after: usize,
    /// Sent before the signal, then closed after it without an answer.
    closed_unread: usize,
    /// Answered in full though sent after the signal (or around it).
    completed_after: usize,
    /// Connection attempts after the signal, refused while the process ran.
    refused_while_stopping: usize,
    /// And once the process had exited.
    refused_after_exit: usize,
}

fn tally(records: &[Record], before_signal: Instant, exited: Instant) -> Tally {
    let mut tally = Tally::default();
    for record in records {
        if let Some(late) = record
            .opened
            .and_then(|opened| opened.checked_duration_since(before_signal))
            .filter(|late| *late > LISTENER_CLOSED_WITHIN)
        {
            tally.failures.push(format!(
                "{}: a connection opened {late:?} after the signal",
                record.path
            ));
        }
        let sent_before = record.sent.is_some_and(|sent| sent < before_signal);
        let ended_before = record.finished < before_signal;
        let mut fail = |why: &str| {
            tally.failures.push(format!(
                "{} started {} from the signal: {why}",
                record.path,
                offset(record.started, before_signal)
            ))
        };
        match &record.outcome {
            Outcome::Complete if sent_before => {
                tally.completed_before += 1;
                tally.finished_after += usize::from(!ended_before);
            }
            Outcome::Complete => tally.completed_after += 1,
            // An answer that arrived must be whole and right, whenever it came.
            Outcome::Broken(why) => fail(why),
            // Nothing fails before the signal.
            Outcome::NoAnswer(why) | Outcome::NotSent(why) | Outcome::ConnectFailed(why)
                if ended_before =>
            {
                fail(why)
            }
            Outcome::Refused if record.started < before_signal => fail("refused"),
            Outcome::NoAnswer(_) if sent_before => tally.closed_unread += 1,
            Outcome::Refused if record.started > exited => tally.refused_after_exit += 1,
            Outcome::Refused => tally.refused_while_stopping += 1,
            Outcome::NoAnswer(_) | Outcome::NotSent(_) | Outcome::ConnectFailed(_) => {}
        }
    }
    tally
}

/// `at` relative to `signal`, signed, in milliseconds.
fn offset(at: Instant, signal: Instant) -> String {
    match at.checked_duration_since(signal) {
        Some(later) => format!("+{:.1} ms", later.as_secs_f64() * 1000.0),
        None => format!("-{:.1} ms", (signal - at).as_secs_f64() * 1000.0),
    }
}

#[test]
fn sigterm_under_load_finishes_what_was_started() {
    let (mut child, base) = start_server();
    let address: SocketAddr = base.trim_start_matches("http://").parse().unwrap();
    let flags = Arc::new(Flags {
        signalled: AtomicBool::new(false),
        stop: AtomicBool::new(false),
    });
    let clients: Vec<_> = (0..CLIENTS)
        .map(|index| {
            let flags = flags.clone();
            thread::spawn(move || client(index, address, flags))
        })
        .collect();

    thread::sleep(TRAFFIC_BEFORE_SIGNAL);
    let before_signal = Instant::now();
    let killed = kill(child.id() as i32, SIGTERM);
    let after_signal = Instant::now();
    flags.signalled.store(true, Ordering::Relaxed);
    assert_eq!(killed, 0, "kill(2) failed");
    let status = wait_at_most(&mut child, EXIT_LIMIT);
    let exited = Instant::now();
    // The clients keep trying for a moment against the stopped server.
    thread::sleep(Duration::from_millis(200));
    flags.stop.store(true, Ordering::Relaxed);
    let records: Vec<Record> = clients
        .into_iter()
        .flat_map(|client| client.join().unwrap())
        .collect();

    let tally = tally(&records, before_signal, exited);
    eprintln!(
        "{} requests and connection attempts; exit {:?} after the signal; {tally:#?}",
        records.len(),
        exited - after_signal,
    );
    let status = status.unwrap_or_else(|| panic!("still running {EXIT_LIMIT:?} after SIGTERM"));
    assert!(
        tally.failures.is_empty(),
        "{} failures:\n{}",
        tally.failures.len(),
        tally.failures.join("\n")
    );
    assert!(status.success(), "exit status after SIGTERM: {status}");
    assert!(
        tally.completed_before > 200,
        "only {} requests before the signal",
        tally.completed_before
    );
    assert!(
        tally.finished_after >= PIPELINERS,
        "only {} answers sent before the signal finished after it",
        tally.finished_after
    );
    assert!(
        tally.refused_while_stopping > 0,
        "no connection was refused between the signal and the exit"
    );
    assert!(
        tally.refused_after_exit > 0,
        "no client tried to connect after the exit"
    );
}
