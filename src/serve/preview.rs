//! The preview being served: the outputs of the last good build plus the errors of the latest one,
//! swapped whole by the build worker and read by request handlers, with a wake-up for reloads.
//!
//! A rebuild that re-renders only a few lesson pages and no other page publishes those pages
//! early (`publish_early`), as soon as their templates are rendered, with the `_khoa/` names of
//! the last good build, and wakes the pages then; the rest of the build (search, checks, hashed
//! names, lists) follows and replaces them without another reload, since a page differs from its
//! early version only in the hashed names it gives. The files under the last good build's
//! `_khoa/` names stay served for as long as the build after it, for the pages loaded early.

use crate::output::{Outputs, STATIC_PREFIX};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
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
    /// Pages of the build under way, published before it finished (by output path).
    pub early: HashMap<String, Vec<u8>>,
    /// The outputs of the good build before `outputs`, whose `_khoa/` files pages loaded before
    /// this build finished may still name.
    pub earlier: Arc<Outputs>,
}

impl Snapshot {
    /// The file served at output path `path`.
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        let early = self.early.get(path).map(Vec::as_slice);
        let earlier = || {
            let hashed = path.starts_with(STATIC_PREFIX);
            hashed.then(|| self.earlier.get(path)).flatten()
        };
        early.or_else(|| self.outputs.get(path)).or_else(earlier)
    }
}

/// How the last good build named its `_khoa/` files, to give early pages the same names.
#[derive(Default)]
struct Names {
    hashed: BTreeMap<String, String>,
    base_url: Option<String>,
}

/// The current snapshot, shared between the build worker (a thread) and the HTTP tasks, which
/// [`Preview::subscribe`] to hear of every new one.
pub struct Preview {
    current: watch::Sender<Arc<Snapshot>>,
    names: Mutex<Names>,
    /// When the latest early pages were published (taken by [`Preview::shown_early`]).
    early_at: Mutex<Option<Instant>>,
    /// Whether the build under way withdrew its early pages ([`Preview::withdraw_early`]): its
    /// end wakes every page even so.
    withdrawn: AtomicBool,
}

impl Default for Preview {
    fn default() -> Self {
        Preview {
            current: watch::Sender::new(Arc::default()),
            names: Mutex::default(),
            early_at: Mutex::default(),
            withdrawn: AtomicBool::new(false),
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

    /// Publishes a successful build: new outputs, no errors. `hashed` maps each `_khoa/` file's
    /// plain name to its published one. Pages already woken by [`Preview::publish_early`] for
    /// this build are not woken again.
    pub fn publish_good(
        &self,
        outputs: Outputs,
        hashed: BTreeMap<String, String>,
        base_url: Option<String>,
    ) {
        if let Ok(mut names) = self.names.lock() {
            *names = Names { hashed, base_url };
        }
        let withdrawn = self.withdrawn.swap(false, Ordering::Relaxed);
        let woken = !self.current().early.is_empty() && !withdrawn;
        let next = |old: &Snapshot| Snapshot {
            outputs: Arc::new(outputs),
            errors: Vec::new(),
            generation: old.generation + u64::from(!woken),
            early: HashMap::new(),
            earlier: old.outputs.clone(),
        };
        self.current.send_if_modified(|current| {
            *current = Arc::new(next(current));
            !woken
        });
    }

    /// Publishes the lesson pages of a build under way (output path, HTML with plain `_khoa/`
    /// names) over the last good build, and wakes the pages. Does nothing while the latest build
    /// failed: its errors stay on screen until a build succeeds.
    pub fn publish_early(&self, pages: Vec<(String, String)>) {
        let now = self.current();
        if !now.errors.is_empty() || now.outputs.is_empty() {
            return;
        }
        let Ok(names) = self.names.lock() else {
            return;
        };
        let base_url = names.base_url.as_deref();
        let early = pages
            .into_iter()
            .map(|(path, html)| {
                let named = crate::publish::rename(html.as_bytes(), base_url, &names.hashed);
                (path, named)
            })
            .collect();
        self.swap(|old| Snapshot {
            outputs: old.outputs.clone(),
            errors: Vec::new(),
            generation: old.generation + 1,
            early,
            earlier: old.earlier.clone(),
        });
        self.withdrawn.store(false, Ordering::Relaxed);
        if let Ok(mut at) = self.early_at.lock() {
            *at = Some(Instant::now());
        }
    }

    /// The build under way changed more than the pages it published early (a course page, an
    /// outline script): when it ends, it wakes every page, as a build without early pages does.
    /// Its early pages stay served until then.
    pub fn withdraw_early(&self) {
        self.withdrawn.store(true, Ordering::Relaxed);
    }

    /// When pages were last published early, if they were since this was last asked.
    pub fn shown_early(&self) -> Option<Instant> {
        self.early_at.lock().ok()?.take()
    }

    /// Publishes a failed build: the last good outputs stay, with these errors on top.
    pub fn publish_failed(&self, errors: Vec<String>) {
        self.withdrawn.store(false, Ordering::Relaxed);
        self.swap(|old| Snapshot {
            outputs: old.outputs.clone(),
            errors,
            generation: old.generation + 1,
            early: HashMap::new(),
            earlier: old.earlier.clone(),
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
        preview.publish_good(outputs, BTreeMap::new(), None);
        preview.publish_failed(vec!["content/c/a.md:2:1: error: bad".into()]);
        let now = preview.current();
        assert_eq!(now.outputs.get("index.html"), Some(&b"good"[..]));
        assert_eq!(now.errors.len(), 1);
        assert_eq!(now.generation, 2);
        preview.publish_good(Outputs::new(), BTreeMap::new(), None);
        assert!(preview.current().errors.is_empty());
    }

    fn outputs(files: &[(&str, &str)]) -> Outputs {
        let mut outputs = Outputs::new();
        for (path, text) in files {
            outputs.insert(*path, *text);
        }
        outputs
    }

    fn names(plain: &str, hashed: &str) -> BTreeMap<String, String> {
        BTreeMap::from([(plain.to_string(), hashed.to_string())])
    }

    #[test]
    fn early_pages_wake_once_and_name_the_last_builds_files_until_the_build_ends() {
        let preview = Arc::new(Preview::new());
        let first = outputs(&[("a.html", "old"), ("_khoa/s.1.js", "one")]);
        preview.publish_good(first, names("_khoa/s.js", "_khoa/s.1.js"), None);
        let mut receiver = preview.subscribe();
        receiver.borrow_and_update();
        let page = "<script src=\"_khoa/s.js\"></script>new".to_string();
        preview.publish_early(vec![("a.html".into(), page)]);
        let now = preview.current();
        assert_eq!(now.generation, 2);
        let served = now.file("a.html").unwrap();
        assert_eq!(served, b"<script src=\"_khoa/s.1.js\"></script>new");
        assert!(
            receiver.has_changed().unwrap(),
            "the early page wakes the pages"
        );
        receiver.borrow_and_update();
        let last = outputs(&[("a.html", "final"), ("_khoa/s.2.js", "two")]);
        preview.publish_good(last, names("_khoa/s.js", "_khoa/s.2.js"), None);
        let now = preview.current();
        assert!(!receiver.has_changed().unwrap(), "no second reload");
        assert_eq!(now.generation, 2);
        assert_eq!(now.file("a.html"), Some(&b"final"[..]));
        assert_eq!(now.file("_khoa/s.2.js"), Some(&b"two"[..]));
        assert_eq!(
            now.file("_khoa/s.1.js"),
            Some(&b"one"[..]),
            "early pages name it"
        );
        let next = outputs(&[("a.html", "next")]);
        preview.publish_good(next, BTreeMap::new(), None);
        assert!(receiver.has_changed().unwrap());
        let now = preview.current();
        assert_eq!(now.generation, 3);
        assert_eq!(now.file("_khoa/s.1.js"), None, "kept for one build only");
        assert_eq!(
            now.file("a.html"),
            Some(&b"next"[..]),
            "only `_khoa/` files are kept"
        );
    }

    #[test]
    fn a_build_that_withdraws_its_early_pages_wakes_every_page_when_it_ends() {
        let preview = Preview::new();
        preview.publish_good(outputs(&[("a.html", "old")]), BTreeMap::new(), None);
        let mut receiver = preview.subscribe();
        receiver.borrow_and_update();
        preview.publish_early(vec![("a.html".into(), "early".into())]);
        receiver.borrow_and_update();
        preview.withdraw_early();
        assert_eq!(
            preview.current().file("a.html"),
            Some(&b"early"[..]),
            "the early page stays until the build ends"
        );
        let last = outputs(&[("a.html", "final"), ("index.html", "new outline")]);
        preview.publish_good(last, BTreeMap::new(), None);
        assert!(
            receiver.has_changed().unwrap(),
            "the pages woken early are woken again, and so is every other page"
        );
        assert_eq!(preview.current().generation, 3);
        receiver.borrow_and_update();
        preview.publish_early(vec![("a.html".into(), "next".into())]);
        receiver.borrow_and_update();
        preview.publish_good(outputs(&[("a.html", "next")]), BTreeMap::new(), None);
        assert!(
            !receiver.has_changed().unwrap(),
            "a withdrawal holds for its own build only"
        );
    }

    #[test]
    fn a_build_failing_after_its_early_pages_shows_the_last_good_build_and_its_errors() {
        let preview = Preview::new();
        preview.publish_good(outputs(&[("a.html", "good")]), BTreeMap::new(), None);
        preview.publish_early(vec![("a.html".into(), "early".into())]);
        assert_eq!(preview.current().file("a.html"), Some(&b"early"[..]));
        preview.publish_failed(vec!["content/c/a.md:1:1: error: bad anchor".into()]);
        let now = preview.current();
        assert_eq!(
            (now.generation, now.file("a.html")),
            (3, Some(&b"good"[..]))
        );
        preview.publish_early(vec![("a.html".into(), "later".into())]);
        let now = preview.current();
        assert_eq!(
            now.file("a.html"),
            Some(&b"good"[..]),
            "errors stay until a good build"
        );
        assert_eq!(now.generation, 3);
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
