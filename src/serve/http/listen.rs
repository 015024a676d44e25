//! Accepting connections with bounds that a slow or idle client cannot get around: at most
//! [`Limits::connections`] at once, and every request head (the first one and each one a kept-alive
//! connection waits for) must arrive whole within [`Limits::head_deadline`] or the connection is
//! closed, and a write that makes no progress for [`Limits::write_stall`] (a client that stops
//! reading) closes it too. So a slowloris client holds a place for one deadline at most, and
//! hundreds of them still leave room. hyper (through hyper-util) reads and writes HTTP/1.1 with
//! keep-alive; tokio-io-timeout times the writes.

use super::host::AllowedHosts;
use super::{Preview, app};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;

/// The server's bounds.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Connections served at once; further ones wait in the listen backlog.
    pub connections: usize,
    /// Time allowed for a whole request head, counted from when the server starts waiting for it.
    pub head_deadline: Duration,
    /// Longest wait for a blocked write to make progress.
    pub write_stall: Duration,
    /// Live-reload streams at once (each holds a connection for as long as the page is open).
    pub event_streams: usize,
    /// Largest request head, in bytes; a bigger one gets 431.
    pub head_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections: 512,
            head_deadline: Duration::from_secs(10),
            write_stall: Duration::from_secs(30),
            event_streams: 64,
            head_bytes: 16 * 1024,
        }
    }
}

/// Serves `preview` on `listener` until the process stops. `Err` only if the runtime or the
/// listener cannot be set up.
pub fn serve_forever(
    listener: std::net::TcpListener,
    preview: Arc<Preview>,
    requested_host: &str,
    limits: Limits,
) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("khoa-http")
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the HTTP runtime: {e}"))?;
    runtime.block_on(accept_loop(listener, preview, requested_host, limits))
}

/// Accepts connections forever, each on a task of its own holding one of the places.
pub async fn accept_loop(
    listener: std::net::TcpListener,
    preview: Arc<Preview>,
    requested_host: &str,
    limits: Limits,
) -> Result<(), String> {
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
    let router = app(preview, AllowedHosts::new(bound, requested_host), &limits);
    let places = Arc::new(Semaphore::new(limits.connections));
    loop {
        let Ok(place) = places.clone().acquire_owned().await else {
            return Ok(());
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or a connection reset before accept: try again soon.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let mut stream = TimeoutStream::new(stream);
        stream.set_write_timeout(Some(limits.write_stall));
        let service = TowerToHyperService::new(router.clone());
        let mut http = http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(limits.head_deadline)
            .max_buf_size(limits.head_bytes.max(8192))
            .keep_alive(true);
        tokio::spawn(async move {
            let _ = http
                .serve_connection(TokioIo::new(Box::pin(stream)), service)
                .await;
            drop(place);
        });
    }
}
