//! A small HTTP/1.1 server on `std::net` for the dev server: GET and HEAD, keep-alive, one
//! thread per connection up to a limit, timeouts for idle and stalled clients, and event
//! streams on their own connection's thread.
//!
//! Why not tiny_http: its accept loop ends for good on the first failed `accept` (a client
//! that connects and resets at once gives `ECONNABORTED`; a full descriptor table gives
//! `EMFILE`), and its thread pool can leave a new connection queued behind long-lived ones
//! (idle keep-alive connections, event streams) until one of those closes: a page that
//! never loads. Both showed up under the fifty-rude-clients test.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use super::http::{answer, Answer, Response};
use super::live::Live;

/// Connections served at once; more are answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 256;
/// The longest request head accepted.
const MAX_HEAD: usize = 16 * 1024;
/// How long a connection may stay silent (idle between requests, or mid-request).
const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a client may leave a response unread before it is let go.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

const EVENTS_HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                           Cache-Control: no-store\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\n";

/// Starts accepting connections on `listener`, answering them from `live`.
pub fn start(listener: TcpListener, live: Arc<Live>) -> io::Result<()> {
    thread::Builder::new()
        .name("http-accept".into())
        .spawn(move || accept(&listener, &live))
        .map(|_| ())
}

/// Frees a connection slot when its thread ends.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn accept(listener: &TcpListener, live: &Arc<Live>) {
    let open = Arc::new(AtomicUsize::new(0));
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            // A client gone before it was accepted: nothing to do but take the next.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::ConnectionReset
                        | io::ErrorKind::Interrupted
                ) =>
            {
                continue
            }
            // Out of descriptors or memory: give connections time to close, keep going.
            Err(_) => {
                thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            let slot = Slot(Arc::clone(&open));
            refuse(stream);
            drop(slot);
            continue;
        }
        let slot = Slot(Arc::clone(&open));
        let live = Arc::clone(live);
        // On failure the closure, the slot and the connection are dropped: it is closed.
        let _ = thread::Builder::new().name("http".into()).spawn(move || {
            let _slot = slot;
            connection(stream, &live);
        });
    }
}

fn refuse(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

/// Serves the requests of one connection until it closes, times out or misbehaves.
fn connection(stream: TcpStream, live: &Live) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        let head = match read_head(&mut reader) {
            Ok(Some(head)) => head,
            Ok(None) | Err(HeadError::Io) => return,
            Err(HeadError::TooLarge) => {
                let _ = write_response(
                    &mut writer,
                    &Response::plain(431, "the request head is too large"),
                    false,
                    false,
                );
                return;
            }
        };
        let request = match parse_head(&head) {
            Ok(request) => request,
            Err(why) => {
                let _ = write_response(&mut writer, &Response::plain(400, why), false, false);
                return;
            }
        };
        let head_only = request.method == "HEAD";
        match answer(live, &request.method, &request.target) {
            Answer::Respond(response) => {
                // A request body is never read: the connection cannot be reused after one.
                let keep_alive = request.keep_alive && !request.has_body;
                if write_response(&mut writer, &response, head_only, keep_alive).is_err()
                    || !keep_alive
                {
                    return;
                }
            }
            Answer::Events => {
                match live.subscribe() {
                    Some(subscription) => {
                        if writer.write_all(EVENTS_HEAD.as_bytes()).is_ok() && !head_only {
                            subscription.stream(&mut writer);
                        }
                    }
                    None => {
                        let _ = write_response(
                            &mut writer,
                            &Response::plain(503, "too many live-reload streams"),
                            head_only,
                            false,
                        );
                    }
                }
                return;
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum HeadError {
    TooLarge,
    /// Closed mid-request, timed out, or reset.
    Io,
}

/// Reads one request head, up to and including its blank line; `None` when the client
/// closed the connection between requests.
fn read_head(reader: &mut impl BufRead) -> Result<Option<Vec<u8>>, HeadError> {
    let mut head = Vec::new();
    loop {
        let start = head.len();
        let limit = (MAX_HEAD + 1 - start) as u64;
        let read = reader
            .by_ref()
            .take(limit)
            .read_until(b'\n', &mut head)
            .map_err(|_| HeadError::Io)?;
        if head.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
        if read == 0 {
            return if head.is_empty() {
                Ok(None)
            } else {
                Err(HeadError::Io)
            };
        }
        if !head.ends_with(b"\n") {
            return Err(HeadError::Io);
        }
        let line = &head[start..];
        if line == b"\r\n" || line == b"\n" {
            if start == 0 {
                // Blank lines before a request are to be ignored.
                head.clear();
                continue;
            }
            return Ok(Some(head));
        }
    }
}

/// What the server needs of a request head.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RequestHead {
    method: String,
    target: String,
    keep_alive: bool,
    has_body: bool,
}

fn parse_head(head: &[u8]) -> Result<RequestHead, &'static str> {
    let text = std::str::from_utf8(head).map_err(|_| "the request head is not UTF-8")?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("malformed request line");
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) || target.is_empty() {
        return Err("malformed request line");
    }
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err("only HTTP/1.0 and HTTP/1.1 are spoken here"),
    };
    let (mut close, mut keep, mut has_body) = (false, false, false);
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').ok_or("malformed header line")?;
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "connection" => {
                for token in value.split(',').map(|t| t.trim().to_ascii_lowercase()) {
                    close |= token == "close";
                    keep |= token == "keep-alive";
                }
            }
            "content-length" => {
                has_body |= value
                    .parse::<u64>()
                    .map_err(|_| "malformed Content-Length")?
                    > 0
            }
            "transfer-encoding" => has_body = true,
            _ => {}
        }
    }
    Ok(RequestHead {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive: if http11 { !close } else { keep && !close },
        has_body,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn write_response(
    writer: &mut impl Write,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let body = response.body.as_ref();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        body.len()
    );
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    if response.status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    head.push_str(if keep_alive {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    if head_only || body.is_empty() {
        writer.write_all(head.as_bytes())?;
    } else if body.len() < 16 * 1024 {
        // One write, one packet.
        let mut all = head.into_bytes();
        all.extend_from_slice(body);
        writer.write_all(&all)?;
    } else {
        writer.write_all(head.as_bytes())?;
        writer.write_all(body)?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn head(text: &str) -> Result<RequestHead, &'static str> {
        parse_head(text.as_bytes())
    }

    #[test]
    fn parses_request_heads() {
        let r = head("GET /careers/%E6%9D%AD/ HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(
            (
                r.method.as_str(),
                r.target.as_str(),
                r.keep_alive,
                r.has_body
            ),
            ("GET", "/careers/%E6%9D%AD/", true, false)
        );
        assert!(
            !head("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
                .unwrap()
                .keep_alive
        );
        assert!(!head("GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
        assert!(
            head("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                .unwrap()
                .keep_alive
        );
        assert!(
            head("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n")
                .unwrap()
                .has_body
        );
        assert!(
            head("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                .unwrap()
                .has_body
        );
        assert!(
            !head("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                .unwrap()
                .has_body
        );
        assert!(head("GET / HTTP/1.1\nHost: x\n\n").is_ok(), "bare newlines");
    }

    #[test]
    fn rejects_malformed_heads() {
        for bad in [
            "\u{0}\u{1} garbage \r\n\r\n",
            "GET /\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
            "get / HTTP/1.1\r\n\r\n",
            "GET / HTTP/2.0\r\n\r\n",
            "GET / HTTP/1.1 extra\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: lots\r\n\r\n",
        ] {
            assert!(head(bad).is_err(), "{bad:?}");
        }
        assert!(parse_head(b"GET /\xff HTTP/1.1\r\n\r\n").is_err());
    }

    #[test]
    fn reads_heads_one_at_a_time() {
        let mut input =
            Cursor::new(b"\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n\r\n".to_vec());
        let first = read_head(&mut input).unwrap().unwrap();
        assert_eq!(first, b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        let second = read_head(&mut input).unwrap().unwrap();
        assert_eq!(second, b"GET /b HTTP/1.1\r\n\r\n");
        assert_eq!(read_head(&mut input), Ok(None));
        let mut cut = Cursor::new(b"GET /a HTTP/1.1\r\nHost".to_vec());
        assert_eq!(read_head(&mut cut), Err(HeadError::Io));
        let mut huge =
            Cursor::new(format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD)).into_bytes());
        assert_eq!(read_head(&mut huge), Err(HeadError::TooLarge));
    }

    #[test]
    fn writes_responses() {
        let mut out = Vec::new();
        let response = Response {
            location: Some("/careers/".into()),
            ..Response::plain(302, "see /careers/")
        };
        write_response(&mut out, &response, false, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 302 Found\r\n"), "{text}");
        assert!(text.contains("\r\nLocation: /careers/\r\n"));
        assert!(text.contains("\r\nContent-Length: 14\r\n"));
        assert!(text.ends_with("Connection: keep-alive\r\n\r\nsee /careers/\n"));
        let mut out = Vec::new();
        write_response(&mut out, &Response::plain(405, "no"), true, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("Allow: GET, HEAD\r\n") && text.ends_with("Connection: close\r\n\r\n"),
            "{text}"
        );
    }
}
