//! `khoa serve` against hostile and demanding clients (B29): slow clients cannot starve others,
//! other hosts get 403 (DNS rebinding), keep-alive, HEAD, byte ranges for media, 405 with `Allow`.

use super::serve::{Server, header, lesson};
use crate::Project;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Bytes of a fake MP3 (only the extension matters to the server).
fn audio() -> Vec<u8> {
    (0..=255u8).cycle().take(5000).collect()
}

fn project() -> Project {
    Project::course(&[("m/l.md", &lesson("L", "Nghe bài hát."))])
        .bytes("content/c/m/bai-hat.mp3", &audio())
}

#[test]
fn two_hundred_fifty_six_slow_clients_do_not_starve_a_normal_one() {
    let project = project();
    let server = Server::start(&project, &[]);
    let slow: Vec<TcpStream> = (0..256)
        .map(|_| {
            let mut stream = server.connect();
            stream.write_all(b"GET / HTTP/1.1\r\nX-Slow: ").unwrap();
            stream
        })
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let trickle = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut slow = slow;
            while !stop.load(Ordering::Relaxed) {
                for stream in &mut slow {
                    let _ = stream.write_all(b"a");
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..3 {
        let started = Instant::now();
        let page = server.get("/c/m/l.html");
        assert_eq!(page.status, 200, "{}", page.head);
        assert!(page.body.contains("Nghe bài hát."));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "a page took {:?} while slow clients trickled",
            started.elapsed()
        );
        std::thread::sleep(Duration::from_millis(400));
    }
    stop.store(true, Ordering::Relaxed);
    trickle.join().unwrap();
}

#[test]
fn other_hosts_get_403_and_loopback_names_are_answered() {
    let project = project();
    let server = Server::start(&project, &[]);
    let port = server.port;
    for host in ["evil.example", &format!("evil.example:{port}"), "10.1.2.3"] {
        let response = server.raw(
            format!("GET /c/m/l.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        assert_eq!(response.status, 403, "{host}: {}", response.head);
        assert!(!response.body.contains("Nghe bài hát."), "{host}");
    }
    let absolute = server.raw(
        b"GET http://evil.example/c/m/l.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(absolute.status, 403, "{}", absolute.head);
    let events = server
        .raw(b"GET /__khoa/events HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assert_eq!(events.status, 403, "{}", events.head);
    let hostless = server.raw(b"GET /c/m/l.html HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(hostless.status, 400, "{}", hostless.head);
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
    ] {
        let response = server.raw(
            format!("GET /c/m/l.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        assert_eq!(response.status, 200, "{host}: {}", response.head);
    }
}

#[test]
fn other_methods_get_405_with_allow() {
    let project = project();
    let server = Server::start(&project, &[]);
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        for target in ["/c/m/l.html", "/__khoa/events"] {
            let response = server.request(method, target, "Content-Length: 0\r\n");
            assert_eq!(response.status, 405, "{method} {target}");
            let allow = header(&response.head, "allow").unwrap_or_default();
            assert!(
                allow.contains("GET") && allow.contains("HEAD"),
                "{method} {target}: {}",
                response.head
            );
        }
    }
}

#[test]
fn audio_is_served_in_byte_ranges() {
    let project = project();
    let server = Server::start(&project, &[]);
    let whole = server.get("/c/m/bai-hat.mp3");
    assert_eq!(whole.status, 200);
    assert_eq!(
        header(&whole.head, "content-type").as_deref(),
        Some("audio/mpeg")
    );
    assert_eq!(
        header(&whole.head, "accept-ranges").as_deref(),
        Some("bytes")
    );
    let part = server.request("GET", "/c/m/bai-hat.mp3", "Range: bytes=256-265\r\n");
    assert_eq!(part.status, 206, "{}", part.head);
    assert_eq!(
        header(&part.head, "content-range").as_deref(),
        Some("bytes 256-265/5000")
    );
    assert_eq!(header(&part.head, "content-length").as_deref(), Some("10"));
    let tail = server.request("GET", "/c/m/bai-hat.mp3", "Range: bytes=-3\r\n");
    assert_eq!(
        header(&tail.head, "content-range").as_deref(),
        Some("bytes 4997-4999/5000")
    );
    let beyond = server.request("GET", "/c/m/bai-hat.mp3", "Range: bytes=6000-\r\n");
    assert_eq!(beyond.status, 416, "{}", beyond.head);
    assert_eq!(
        header(&beyond.head, "content-range").as_deref(),
        Some("bytes */5000")
    );
}

#[test]
fn head_gives_the_headers_of_get_without_the_body() {
    let project = project();
    let server = Server::start(&project, &[]);
    for target in ["/c/m/l.html", "/c/m/bai-hat.mp3", "/missing.html"] {
        let get = server.get(target);
        let head = server.request("HEAD", target, "");
        assert_eq!(head.status, get.status, "{target}");
        assert_eq!(head.body, "", "{target}");
        let length = header(&head.head, "content-length");
        assert_eq!(length, header(&get.head, "content-length"), "{target}");
        if target.ends_with(".html") {
            assert_eq!(length, Some(get.body.len().to_string()), "{target}");
        }
        assert_eq!(
            header(&head.head, "content-type"),
            header(&get.head, "content-type")
        );
    }
}

#[test]
fn a_request_head_over_16_kib_gets_431() {
    let project = project();
    let server = Server::start(&project, &[]);
    let mut stream = server.connect();
    let request = format!(
        "GET /c/m/l.html HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20_000)
    );
    let _ = stream.write_all(request.as_bytes());
    // The server closes with part of the head unread, which may end in a reset: keep what came.
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    assert_eq!(server.get("/c/m/l.html").status, 200);
}

#[test]
fn one_kept_alive_connection_serves_several_requests() {
    let project = project();
    let server = Server::start(&project, &[]);
    let mut reader = BufReader::new(server.connect());
    for target in ["/c/m/l.html", &crate::default_css_url(), "/c/m/bai-hat.mp3"] {
        let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        reader.get_mut().write_all(request.as_bytes()).unwrap();
        let (status, length) = read_head(&mut reader);
        assert_eq!(status, 200, "{target}");
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body).unwrap();
    }
}

/// Reads a response head from `reader`: its status and `Content-Length`.
fn read_head(reader: &mut BufReader<TcpStream>) -> (u16, usize) {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "closed: {head}");
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let length = header(&head, "content-length")
        .expect("a Content-Length")
        .parse()
        .unwrap();
    (status, length)
}
