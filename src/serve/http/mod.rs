//! The preview's HTTP side (axum on tokio, the only home of axum, hyper, tokio and tower-http):
//! GET and HEAD of the in-memory outputs, the live-reload stream, and nothing else.
//!
//! Requests never touch the filesystem: the target is mapped by [`super::path::output_key`] to a key
//! of the current snapshot's outputs. Error bodies are fixed texts, so they never echo a path.
//! Every response says `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`; a request
//! for another host gets 403 before anything else runs ([`host`]), a panic in a handler becomes a
//! 500 instead of a dropped connection, and [`listen`] bounds connections and request heads.

mod events;
mod host;
mod listen;
mod range;

use super::path::{self, Rejected};
use super::preview::{Preview, Snapshot};
use super::reload;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use host::AllowedHosts;
pub use listen::{Limits, serve_forever};
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// What every handler reads.
#[derive(Clone)]
struct Shared {
    preview: Arc<Preview>,
    streams: events::StreamSlots,
}

/// The whole application: routes, the Host check, fixed headers and panic catching.
fn app(preview: Arc<Preview>, hosts: AllowedHosts, limits: &Limits) -> Router {
    let shared = Shared {
        preview,
        streams: events::StreamSlots::new(limits.event_streams),
    };
    Router::new()
        .route(reload::EVENTS_PATH, get(events::stream))
        .fallback(page)
        .with_state(shared)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(hosts),
            host::check,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            text(StatusCode::INTERNAL_SERVER_ERROR)
        }))
}

/// Any request but the event stream: GET or HEAD of an output, 405 for other methods.
async fn page(State(shared): State<Shared>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED);
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let target = request.uri().path().as_bytes();
    answer(target, request.headers(), &shared.preview.current())
}

/// The response for `target` from `snapshot` (the body is dropped later for HEAD).
fn answer(target: &[u8], headers: &HeaderMap, snapshot: &Snapshot) -> Response {
    let key = match path::output_key(target) {
        Ok(key) => key,
        Err(Rejected::BadRequest) => return text(StatusCode::BAD_REQUEST),
        Err(Rejected::NotFound) => return not_found(snapshot),
    };
    if let Some(bytes) = snapshot.file(&key) {
        let content_type = path::content_type(&key);
        if path::is_html(&key) {
            return typed(
                StatusCode::OK,
                &content_type,
                reload::inject(bytes, snapshot),
            );
        }
        return range::respond(bytes, &content_type, headers);
    }
    if snapshot.outputs.contains(&format!("{key}/index.html")) {
        let mut response = text(StatusCode::MOVED_PERMANENTLY);
        let location = format!("/{}/", path::encode(&key));
        if let Ok(value) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        return response;
    }
    not_found(snapshot)
}

/// The site's own 404 page when it has one (with the reload script, so a fix shows up).
fn not_found(snapshot: &Snapshot) -> Response {
    const FALLBACK: &[u8] =
        b"<!doctype html><html><head><meta charset=\"utf-8\"><title>404</title>\
</head><body><h1>404: no such page in this preview</h1></body></html>";
    let page = snapshot.outputs.get("404.html").unwrap_or(FALLBACK);
    typed(
        StatusCode::NOT_FOUND,
        &path::content_type("404.html"),
        reload::inject(page, snapshot),
    )
}

/// A fixed plain-text answer: the status line and nothing from the request.
fn text(status: StatusCode) -> Response {
    let body = format!(
        "{} {}\n",
        status.as_str(),
        status.canonical_reason().unwrap_or("")
    );
    typed(status, "text/plain; charset=utf-8", body.into_bytes())
}

fn typed(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response {
    let mut response = (status, Body::from(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

#[cfg(test)]
mod tests;
