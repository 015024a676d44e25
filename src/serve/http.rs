//! A small HTTP/1.1 server over std: GET and HEAD of the in-memory outputs, one thread per
//! connection (bounded), one request per connection.
//!
//! Requests never touch the filesystem: the target is mapped by [`super::path::output_key`] to a key
//! of the current snapshot's outputs. Error bodies are fixed texts, so they never echo a path.

use super::path::{self, Rejected};
use super::preview::{Preview, Snapshot};
use super::reload;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Most connections handled at once; more get a 503 (live-reload streams count too).
const MAX_CONNECTIONS: usize = 256;
/// Largest request head read; bigger ones get a 431.
const MAX_HEAD: usize = 16 * 1024;
const READ_TIMEOUT: Duration = Duration::from_secs(10);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Accepts connections forever, answering each on its own thread.
pub fn run(listener: TcpListener, preview: Arc<Preview>) {
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            let _ = respond(
                &mut stream,
                &Response::text("503 Service Unavailable"),
                false,
            );
            continue;
        }
        let (preview, finished) = (preview.clone(), active.clone());
        let spawned = std::thread::Builder::new()
            .name("khoa-http".into())
            .spawn(move || {
                let _ = handle(stream, &preview);
                finished.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            active.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A response ready to write.
struct Response {
    status: &'static str,
    content_type: &'static str,
    location: Option<String>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: &'static str) -> Self {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: format!("{status}\n").into_bytes(),
        }
    }
}

fn handle(mut stream: TcpStream, preview: &Preview) -> io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let Some(head) = read_head(&mut stream)? else {
        return respond(
            &mut stream,
            &Response::text("431 Request Header Fields Too Large"),
            false,
        );
    };
    let Some((method, target)) = request_line(&head) else {
        return respond(&mut stream, &Response::text("400 Bad Request"), false);
    };
    let head_only = match method {
        b"GET" => false,
        b"HEAD" => true,
        _ => {
            return respond(
                &mut stream,
                &Response::text("405 Method Not Allowed"),
                false,
            );
        }
    };
    let path_only = target.split(|&b| b == b'?').next().unwrap_or(target);
    if path_only == reload::EVENTS_PATH.as_bytes() && !head_only {
        return reload::stream_events(&mut stream, preview);
    }
    let response = answer(target, &preview.current());
    respond(&mut stream, &response, head_only)
}

/// The response for `target` from `snapshot`.
fn answer(target: &[u8], snapshot: &Snapshot) -> Response {
    let key = match path::output_key(target) {
        Ok(key) => key,
        Err(Rejected::BadRequest) => return Response::text("400 Bad Request"),
        Err(Rejected::NotFound) => return not_found(snapshot),
    };
    if let Some(bytes) = snapshot.outputs.get(&key) {
        let body = if path::is_html(&key) {
            reload::inject(bytes, snapshot)
        } else {
            bytes.to_vec()
        };
        return Response {
            status: "200 OK",
            content_type: path::content_type(&key),
            location: None,
            body,
        };
    }
    if snapshot.outputs.contains(&format!("{key}/index.html")) {
        return Response {
            location: Some(format!("/{}/", encode_location(&key))),
            ..Response::text("301 Moved Permanently")
        };
    }
    not_found(snapshot)
}

/// The site's own 404 page when it has one (with the reload script, so a fix shows up).
fn not_found(snapshot: &Snapshot) -> Response {
    const FALLBACK: &[u8] =
        b"<!doctype html><html><head><meta charset=\"utf-8\"><title>404</title>\
</head><body><h1>404: no such page in this preview</h1></body></html>";
    let page = snapshot.outputs.get("404.html").unwrap_or(FALLBACK);
    Response {
        status: "404 Not Found",
        content_type: path::content_type("404.html"),
        location: None,
        body: reload::inject(page, snapshot),
    }
}

/// Percent-encodes what may not appear raw in a `Location` header.
fn encode_location(key: &str) -> String {
    key.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Reads up to the blank line ending the head; `None` if it is too large.
fn read_head(stream: &mut TcpStream) -> io::Result<Option<Vec<u8>>> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        if ends_head(&head) {
            return Ok(Some(head));
        }
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok(Some(head));
        }
        head.extend_from_slice(&chunk[..n]);
    }
}

fn ends_head(head: &[u8]) -> bool {
    head.windows(4).any(|w| w == b"\r\n\r\n") || head.windows(2).any(|w| w == b"\n\n")
}

/// `(method, target)` from `METHOD SP TARGET SP HTTP/x.y`.
fn request_line(head: &[u8]) -> Option<(&[u8], &[u8])> {
    let line = head.split(|&b| b == b'\n').next()?;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let mut parts = line.split(|&b| b == b' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let well_formed = parts.next().is_none()
        && !method.is_empty()
        && !target.is_empty()
        && version.starts_with(b"HTTP/");
    well_formed.then_some((method, target))
}

fn respond(out: &mut impl Write, response: &Response, head_only: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
X-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    if response.status.starts_with("405") {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(&response.body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Outputs;

    fn snapshot() -> Snapshot {
        let mut outputs = Outputs::new();
        outputs.insert("index.html", "<body>home</body>");
        outputs.insert("c/index.html", "<body>course</body>");
        outputs.insert("_khoa/khoa.css", "body{}");
        Snapshot {
            outputs: Arc::new(outputs),
            ..Snapshot::default()
        }
    }

    #[test]
    fn request_lines_need_three_parts_and_a_version() {
        assert_eq!(
            request_line(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n"),
            Some((&b"GET"[..], &b"/a"[..]))
        );
        assert_eq!(request_line(b"GET /a\r\n\r\n"), None);
        assert_eq!(request_line(b"GET /a b HTTP/1.1\r\n\r\n"), None);
        assert_eq!(request_line(b"GET /a FTP/1\r\n\r\n"), None);
    }

    #[test]
    fn answers_come_only_from_the_outputs() {
        let snapshot = snapshot();
        let home = answer(b"/", &snapshot);
        assert_eq!(home.status, "200 OK");
        assert!(
            String::from_utf8(home.body)
                .unwrap()
                .contains("EventSource")
        );
        let css = answer(b"/_khoa/khoa.css", &snapshot);
        assert_eq!(
            (css.content_type, css.body),
            ("text/css; charset=utf-8", b"body{}".to_vec())
        );
        assert_eq!(answer(b"/Cargo.toml", &snapshot).status, "404 Not Found");
        assert_eq!(
            answer(b"/../Cargo.toml", &snapshot).status,
            "400 Bad Request"
        );
        let folder = answer(b"/c", &snapshot);
        assert_eq!(folder.status, "301 Moved Permanently");
        assert_eq!(folder.location.as_deref(), Some("/c/"));
    }

    #[test]
    fn head_responses_have_headers_but_no_body() {
        let mut out = Vec::new();
        respond(&mut out, &answer(b"/_khoa/khoa.css", &snapshot()), true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Content-Length: 6\r\n"));
        assert!(text.contains("Cache-Control: no-store\r\n"));
        assert!(text.ends_with("\r\n\r\n"));
    }
}
