use super::*;
use crate::output::Outputs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn outputs() -> Outputs {
    let mut outputs = Outputs::new();
    outputs.insert("index.html", "<body>home</body>");
    outputs.insert("c/index.html", "<body>course</body>");
    outputs.insert("_khoa/khoa.css", "body{}");
    outputs
}

fn snapshot() -> Snapshot {
    Snapshot {
        outputs: Arc::new(outputs()),
        ..Snapshot::default()
    }
}

fn body_of(response: Response) -> Vec<u8> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let bytes = runtime
        .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
        .unwrap();
    bytes.to_vec()
}

#[test]
fn answers_come_only_from_the_outputs() {
    let snapshot = snapshot();
    let none = HeaderMap::new();
    let home = answer(b"/", &none, &snapshot);
    assert_eq!(home.status(), StatusCode::OK);
    assert!(
        String::from_utf8(body_of(home))
            .unwrap()
            .contains("EventSource")
    );
    let css = answer(b"/_khoa/khoa.css", &none, &snapshot);
    assert_eq!(
        css.headers()[header::CONTENT_TYPE],
        "text/css; charset=utf-8"
    );
    assert_eq!(body_of(css), b"body{}");
    let missing = answer(b"/Cargo.toml", &none, &snapshot);
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let climbing = answer(b"/../Cargo.toml", &none, &snapshot);
    assert_eq!(climbing.status(), StatusCode::BAD_REQUEST);
    let folder = answer(b"/c", &none, &snapshot);
    assert_eq!(folder.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(folder.headers()[header::LOCATION], "/c/");
}

/// A server of [`outputs`] on a free loopback port with `limits`, on a thread of its own.
fn start(limits: Limits) -> u16 {
    start_with(limits, outputs())
}

fn start_with(limits: Limits, outputs: Outputs) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let preview = Arc::new(Preview::new());
    preview.publish_good(outputs, Default::default(), None);
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(listen::accept_loop(listener, preview, "127.0.0.1", limits))
    });
    port
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

fn short(connections: usize) -> Limits {
    Limits {
        connections,
        head_deadline: Duration::from_millis(300),
        write_stall: Duration::from_millis(300),
        ..Limits::default()
    }
}

/// Whether the server closed `stream` (after whatever it sent) before the read timeout; a reset
/// counts, as a close with trickled bytes still unread may send one.
fn closed(stream: &mut TcpStream) -> bool {
    let mut rest = Vec::new();
    match stream.read_to_end(&mut rest) {
        Ok(_) => true,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

#[test]
fn a_head_trickling_in_is_cut_off_at_the_deadline() {
    let port = start(short(8));
    let mut slow = connect(port);
    let started = Instant::now();
    slow.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    let trickle = {
        let mut writer = slow.try_clone().unwrap();
        std::thread::spawn(move || {
            for _ in 0..40 {
                if writer.write_all(b"X").is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };
    assert!(closed(&mut slow));
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "closed only after {:?}",
        started.elapsed()
    );
    trickle.join().unwrap();
}

#[test]
fn idle_connections_hold_a_place_for_one_deadline_at_most() {
    let port = start(short(4));
    let idle: Vec<TcpStream> = (0..4).map(|_| connect(port)).collect();
    std::thread::sleep(Duration::from_millis(50));
    let started = Instant::now();
    let mut client = connect(port);
    client
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    client.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(idle);
}

#[test]
fn a_kept_alive_connection_answers_twice_then_is_closed_when_idle() {
    let port = start(short(4));
    let mut client = connect(port);
    for _ in 0..2 {
        client
            .write_all(b"GET /_khoa/khoa.css HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let mut head = [0u8; 512];
        let n = client.read(&mut head).unwrap();
        let text = String::from_utf8_lossy(&head[..n]);
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        assert!(text.ends_with("body{}"), "{text}");
    }
    let started = Instant::now();
    assert!(closed(&mut client));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_client_that_stops_reading_loses_its_place() {
    let mut outputs = outputs();
    outputs.insert("big.mp4", vec![7u8; 32 << 20]);
    let port = start_with(short(1), outputs);
    let mut stalled = connect(port);
    stalled
        .write_all(b"GET /big.mp4 HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    let mut client = connect(port);
    client
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    client.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(stalled);
}
