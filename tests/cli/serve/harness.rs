//! The `khoa serve` harness shared by the serve test files: a running server, raw HTTP requests,
//! the live-reload event stream and small helpers.

use crate::{Project, khoa_bin};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Generous: the test machine has two busy cores.
pub(crate) const PATIENCE: Duration = Duration::from_secs(60);

/// A running `khoa serve --port 0`, killed when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
    pub(crate) port: u16,
}

/// One HTTP response.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) head: String,
    pub(crate) body: String,
}

impl Server {
    pub(crate) fn start(project: &Project, extra: &[&str]) -> Server {
        let mut child = Command::new(khoa_bin())
            .args(["serve", "--port", "0"])
            .args(extra)
            .arg("--root")
            .arg(project.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start khoa serve");
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let mut server = Server {
            child,
            stdout,
            stderr,
            port: 0,
        };
        server.wait_until("the URL is printed", |s| s.out().contains("/ (Ctrl-C"));
        let out = server.out();
        let after = &out[out.find("http://").unwrap() + "http://".len()..];
        let authority = &after[..after.find('/').unwrap()];
        server.port = authority.rsplit(':').next().unwrap().parse().unwrap();
        server
    }

    pub(crate) fn out(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub(crate) fn err(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub(crate) fn rebuilds(&self) -> usize {
        self.out()
            .lines()
            .filter(|l| l.starts_with("Rebuilt in"))
            .count()
    }

    #[track_caller]
    pub(crate) fn wait_until(&mut self, what: &str, done: impl Fn(&Server) -> bool) {
        let started = Instant::now();
        while !done(self) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "khoa serve exited ({status}) before {what}:\n{}{}",
                    self.out(),
                    self.err()
                );
            }
            assert!(
                started.elapsed() < PATIENCE,
                "timed out waiting until {what}:\n{}{}",
                self.out(),
                self.err()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    pub(crate) fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream
    }

    /// Sends `request` as is and reads the whole response.
    pub(crate) fn raw(&self, request: &[u8]) -> Response {
        let mut stream = self.connect();
        stream.write_all(request).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Response {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    pub(crate) fn get(&self, target: &str) -> Response {
        self.request("GET", target, "")
    }

    /// `METHOD target` with the usual `Host`, `extra` header lines (each ending in CRLF), and
    /// `Connection: close` so the whole response ends at EOF.
    pub(crate) fn request(&self, method: &str, target: &str, extra: &str) -> Response {
        self.raw(
            format!(
                "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{extra}Connection: close\r\n\r\n",
                self.port
            )
            .as_bytes(),
        )
    }

    /// The live-reload stream: each `data:` value (build generation) as it arrives.
    pub(crate) fn events(&self) -> Receiver<String> {
        let mut stream = self.connect();
        stream
            .write_all(b"GET /__khoa/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if let Some(data) = line.strip_prefix("data: ")
                    && tx.send(data.to_string()).is_err()
                {
                    break;
                }
            }
        });
        rx
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = text.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    text
}

/// The next build generation announced after `seen`.
#[track_caller]
pub(crate) fn next_build(events: &Receiver<String>, seen: &str) -> String {
    loop {
        let generation = events.recv_timeout(PATIENCE).expect("a reload event");
        if generation != seen {
            return generation;
        }
    }
}

/// The value of header `name` (case-insensitive) in a response head.
pub(crate) fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name)
            .then(|| value.trim().to_string())
    })
}

pub(crate) fn lesson(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n{body}\n")
}
