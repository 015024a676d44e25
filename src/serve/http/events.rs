//! The live-reload stream (axum's `Sse`): the current build generation on connect, then one
//! `build` event per finished build, a comment when idle. At most a fixed number run at once, so
//! streams, which never end by themselves, cannot take every connection; more get 503.

use super::{Shared, text};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How often an idle stream sends a comment, which also notices closed connections.
const KEEPALIVE: Duration = Duration::from_secs(15);
/// How soon a page reconnects after losing the stream.
const RETRY: Duration = Duration::from_millis(1000);

/// The free places for event streams.
#[derive(Clone)]
pub struct StreamSlots(Arc<Semaphore>);

impl StreamSlots {
    pub fn new(count: usize) -> Self {
        StreamSlots(Arc::new(Semaphore::new(count)))
    }
}

/// `GET` [`super::reload::EVENTS_PATH`].
pub async fn stream(State(shared): State<Shared>) -> Response {
    let Ok(slot) = shared.streams.0.clone().try_acquire_owned() else {
        return text(StatusCode::SERVICE_UNAVAILABLE);
    };
    let builds = generations(shared.preview.subscribe(), slot);
    Sse::new(builds)
        .keep_alive(KeepAlive::new().interval(KEEPALIVE).text("keep-alive"))
        .into_response()
}

/// What a stream sends: how soon to retry, the current generation, then each new one. It holds
/// `slot` for as long as it lives.
fn generations(
    receiver: tokio::sync::watch::Receiver<Arc<super::Snapshot>>,
    slot: OwnedSemaphorePermit,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let retry = Event::default().retry(RETRY);
    let builds = stream::unfold(
        (receiver, slot, true),
        |(mut receiver, slot, first)| async move {
            if !first {
                receiver.changed().await.ok()?;
            }
            let generation = receiver.borrow_and_update().generation;
            let event = Event::default().event("build").data(generation.to_string());
            Some((event, (receiver, slot, false)))
        },
    );
    stream::once(async { retry }).chain(builds).map(Ok)
}
