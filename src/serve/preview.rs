//! The preview being served: the outputs of the last good build plus the errors of the latest one,
//! swapped whole by the build worker and read by request handlers, with a wake-up for reloads.

use crate::output::Outputs;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

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

/// The current snapshot, shared between the build worker and every connection.
#[derive(Default)]
pub struct Preview {
    current: Mutex<Arc<Snapshot>>,
    changed: Condvar,
}

impl Preview {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
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
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        *current = Arc::new(next(&current));
        self.changed.notify_all();
    }

    /// Waits up to `timeout` for a generation newer than `seen`; returns the current snapshot.
    pub fn wait_newer(&self, seen: u64, timeout: Duration) -> Arc<Snapshot> {
        let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        let (current, _) = self
            .changed
            .wait_timeout_while(current, timeout, |s| s.generation <= seen)
            .unwrap_or_else(PoisonError::into_inner);
        current.clone()
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
    fn waiters_wake_on_a_new_generation() {
        let preview = Arc::new(Preview::new());
        let waiter = {
            let preview = preview.clone();
            std::thread::spawn(move || preview.wait_newer(0, Duration::from_secs(30)).generation)
        };
        std::thread::sleep(Duration::from_millis(20));
        preview.publish_failed(Vec::new());
        assert_eq!(waiter.join().unwrap(), 1);
    }
}
