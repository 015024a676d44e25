//! Watching the project: notify (native, or polling as a fallback or on request) marks the site
//! dirty, and [`Changes::wait_settled`] turns any burst of marks into one rebuild after a quiet period.
//!
//! Event paths are only used to ignore what cannot matter (reads, editor temp and swap files,
//! files outside `content/`, `themes/` and `khoa.yaml`); the rebuild itself rescans everything.
//! The one place that knows notify.

use crate::load::is_ignored_name;
use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{Event, PollWatcher, RecursiveMode, Watcher};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How often the polling backend rescans the project.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// "Something changed at this moment", waited on by the build worker.
#[derive(Default)]
pub struct Changes {
    last: Mutex<Option<Instant>>,
    marked: Condvar,
}

impl Changes {
    pub fn mark(&self) {
        *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
        self.marked.notify_all();
    }

    /// Blocks until a change was marked and then `quiet` passed without another; clears the mark.
    pub fn wait_settled(&self, quiet: Duration) {
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            match *last {
                None => {
                    last = self
                        .marked
                        .wait(last)
                        .unwrap_or_else(PoisonError::into_inner)
                }
                Some(at) if at.elapsed() >= quiet => {
                    *last = None;
                    return;
                }
                Some(at) => {
                    let left = quiet.saturating_sub(at.elapsed());
                    last = self
                        .marked
                        .wait_timeout(last, left)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                }
            }
        }
    }
}

/// Which kind of watcher is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Native,
    Poll,
}

type Handle = Box<dyn Watcher + Send>;
type Events = Sender<notify::Result<Event>>;

/// Starts watching `root` (canonical) on a thread of its own; every relevant change marks `changes`.
/// Returns the backend in use; a switch to polling is announced once on stderr.
pub fn spawn(root: PathBuf, force_poll: bool, changes: Arc<Changes>) -> Result<Backend, String> {
    let (tx, rx) = mpsc::channel();
    let native =
        |tx: Events| -> notify::Result<Handle> { Ok(Box::new(notify::recommended_watcher(tx)?)) };
    let started = start(&root, force_poll, tx.clone(), native)?;
    if let Some(message) = &started.fallback {
        eprintln!("{message}");
    }
    let backend = started.backend;
    std::thread::Builder::new()
        .name("khoa-watch".into())
        .spawn(move || watch_loop(&root, started, tx, &rx, &changes))
        .map_err(|e| format!("cannot start the file watcher: {e}"))?;
    Ok(backend)
}

/// A running watcher and, when polling replaced the native one, the message saying why.
struct Started {
    handle: Handle,
    backend: Backend,
    fallback: Option<String>,
}

/// Tries `native` unless polling is forced, and falls back to polling if it fails.
fn start(
    root: &Path,
    force_poll: bool,
    tx: Events,
    native: impl FnOnce(Events) -> notify::Result<Handle>,
) -> Result<Started, String> {
    let mut fallback = None;
    if !force_poll {
        match native(tx.clone()).and_then(|handle| watch_project(handle, root)) {
            Ok(handle) => {
                return Ok(Started {
                    handle,
                    backend: Backend::Native,
                    fallback,
                });
            }
            Err(e) => fallback = Some(fallback_message(&e)),
        }
    }
    let poll = PollWatcher::new(
        tx,
        notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_follow_symlinks(false),
    )
    .map_err(|e| format!("cannot watch the project: {e}"))?;
    let handle = watch_project(Box::new(poll), root)
        .map_err(|e| format!("cannot watch the project: {e}"))?;
    Ok(Started {
        handle,
        backend: Backend::Poll,
        fallback,
    })
}

fn fallback_message(error: &notify::Error) -> String {
    format!(
        "warning: the native file watcher failed ({error}); polling every {} ms instead. \
On Linux, raising fs.inotify.max_user_watches (sysctl) usually fixes this; `--poll` skips the native watcher.",
        POLL_INTERVAL.as_millis()
    )
}

/// Watches `khoa.yaml` (through the root, as editors replace it), `content/` and `themes/`.
fn watch_project(mut handle: Handle, root: &Path) -> notify::Result<Handle> {
    handle.watch(root, RecursiveMode::NonRecursive)?;
    for dir in ["content", "themes"] {
        let dir = root.join(dir);
        if dir.is_dir() {
            handle.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    Ok(handle)
}

fn watch_loop(
    root: &Path,
    mut started: Started,
    tx: Events,
    rx: &Receiver<notify::Result<Event>>,
    changes: &Changes,
) {
    while let Ok(event) = rx.recv() {
        match event {
            Ok(event) if relevant(root, &event) => {
                if is_new_top_folder(root, &event) {
                    let _ = watch_new_folders(&mut started.handle, root, &event);
                }
                changes.mark();
            }
            Ok(_) => {}
            Err(e) if started.backend == Backend::Native => {
                match start(root, true, tx.clone(), |_| {
                    Err(notify::Error::generic("unused"))
                }) {
                    Ok(poll) => {
                        eprintln!("{}", fallback_message(&e));
                        started = poll;
                    }
                    Err(message) => eprintln!("warning: {message}"),
                }
                changes.mark();
            }
            Err(_) => changes.mark(),
        }
    }
}

/// Whether `event` can change the site: not a read, and on a project file that is not an editor leftover.
fn relevant(root: &Path, event: &Event) -> bool {
    match event.kind {
        EventKind::Access(_) => return false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => return false,
        _ => {}
    }
    event.need_rescan() || event.paths.iter().any(|p| relevant_path(root, p))
}

fn relevant_path(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let names: Vec<&str> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_str().unwrap_or("")),
            _ => None,
        })
        .collect();
    let in_project = match names.as_slice() {
        [] => false,
        ["khoa.yaml"] => true,
        [first, ..] => *first == "content" || *first == "themes",
    };
    in_project && !names.iter().any(|name| is_ignored_name(name))
}

fn is_new_top_folder(root: &Path, event: &Event) -> bool {
    matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))
    ) && event
        .paths
        .iter()
        .any(|p| p.parent() == Some(root) && p.is_dir())
}

fn watch_new_folders(handle: &mut Handle, root: &Path, event: &Event) -> notify::Result<()> {
    for path in &event.paths {
        if path.parent() == Some(root) && path.is_dir() {
            handle.watch(path, RecursiveMode::Recursive)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
