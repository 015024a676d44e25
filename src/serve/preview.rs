//! The preview being served: the outputs of the last good build plus the errors of the latest one,
//! swapped whole by the build worker and read by request handlers, with a wake-up for reloads.

use crate::output::Outputs;
use std::sync::Arc;
use tokio::sync::watch;

/// One published state. Readers hold an `Arc` to it, so a swap never changes what they see.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Files of the last build that succeeded (empty until one does).
    pub outputs: Arc<Outputs>,
    /// Errors of the latest build (`path:line:col: message`); empty when it succeeded.
    pub errors: Vec<String>,
    /// Counts finished builds; a page served at generation `g` is stale once it grows.
    pub generation: u64,
}

/// The current snapshot, shared between the build worker (a thread) and the HTTP tasks, which
/// [`Preview::subscribe`] to hear of every new one.
pub struct Preview {
    current: watch::Sender<Arc<Snapshot>>,
}

impl Default for Preview {
    fn default() -> Self {
        Preview {
            current: watch::Sender::new(Arc::default()),
        }
    }
}

impl Preview {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.current.borrow().clone()
    }

    /// Publishes a successful build: new outputs, no errors.
    pub fn publish_good(&self, outputs: Outputs) {
        self.swap(|old| Snapshot {
            outputs: Arc::new(outputs),
            errors: Vec::new(),
            generation: old.generation + 1,
        });
    }

    /// Publishes a failed build: the last good outputs stay, with these errors on top.
    pub fn publish_failed(&self, errors: Vec<String>) {
        self.swap(|old| Snapshot {
            outputs: old.outputs.clone(),
            errors,
            generation: old.generation + 1,
        });
    }

    fn swap(&self, next: impl FnOnce(&Snapshot) -> Snapshot) {
        self.current
            .send_modify(|current| *current = Arc::new(next(current)));
    }

    /// A receiver that sees the current snapshot and wakes on every publish.
    pub fn subscribe(&self) -> watch::Receiver<Arc<Snapshot>> {
        self.current.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_build_keeps_the_last_good_outputs() {
        let preview = Preview::new();
        let mut outputs = Outputs::new();
        outputs.insert("index.html", "good");
        preview.publish_good(outputs);
        preview.publish_failed(vec!["content/c/a.md:2:1: error: bad".into()]);
        let now = preview.current();
        assert_eq!(now.outputs.get("index.html"), Some(&b"good"[..]));
        assert_eq!(now.errors.len(), 1);
        assert_eq!(now.generation, 2);
        preview.publish_good(Outputs::new());
        assert!(preview.current().errors.is_empty());
    }

    #[test]
    fn subscribers_wake_on_a_new_generation() {
        let preview = Arc::new(Preview::new());
        let mut receiver = preview.subscribe();
        assert_eq!(receiver.borrow_and_update().generation, 0);
        let publisher = {
            let preview = preview.clone();
            std::thread::spawn(move || preview.publish_failed(Vec::new()))
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(receiver.changed()).unwrap();
        assert_eq!(receiver.borrow().generation, 1);
        publisher.join().unwrap();
    }
}
