//! Watching the project: notify-debouncer-full, over the native watcher (or polling, as a fallback
//! or on request), reports events once each has been quiet for [`DEBOUNCE`], stitching renames
//! and dropping duplicates; [`Changes::wait`] turns the reports of one burst into one rebuild.
//!
//! Event paths are used to ignore what cannot matter (reads, editor temp and swap files, files
//! outside `content/`, `themes/`, `i18n/` and `khoa.yaml`) and, gathered by [`Changes::wait`], to
//! tell the rebuild which files changed, so that it reads only those again; a lost event, a
//! watcher error or a rescan request means anything may have changed.
//! The one place that knows notify.

use crate::ignored::is_ignored_name;
use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{Event, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// How long an event must be followed by no other on its path before it is reported: longer
/// than the steps of one editor save (write a temporary file, rename it over the lesson; they
/// come within a millisecond or two), and short, since it is part of every save's latency.
const DEBOUNCE: Duration = Duration::from_millis(20);
/// How often the debouncer looks for events that have become quiet; a burst spread over more
/// than one tick is reported in consecutive ticks.
const TICK: Duration = Duration::from_millis(10);
/// How often the polling backend rescans the project.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The build worker's end: one message per report that holds a relevant change, with the paths
/// of its events (`None`: anything may have changed).
pub struct Changes {
    reports: Receiver<Changed>,
}

/// The paths a report named, or `None` when anything may have changed.
type Changed = Option<Vec<PathBuf>>;

impl Changes {
    fn channel() -> (Sender<Changed>, Changes) {
        let (tx, reports) = mpsc::channel();
        (tx, Changes { reports })
    }

    /// Blocks until a change is reported, then also takes the reports already queued (changes
    /// made during the last build) and those arriving within two ticks of the previous one (the
    /// rest of the same burst, reported in the next tick), so all of them give one rebuild. Returns every path they named,
    /// or `None` when anything may have changed.
    pub fn wait(&self) -> Changed {
        let Ok(first) = self.reports.recv() else {
            // The watcher is gone: nothing will ever change again.
            loop {
                std::thread::park();
            }
        };
        let mut paths = first;
        while let Ok(more) = self.reports.recv_timeout(2 * TICK) {
            paths = paths.zip(more).map(|(mut all, more)| {
                all.extend(more);
                all
            });
        }
        paths
    }
}

/// Which kind of watcher is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Native,
    Poll,
}

/// A running debounced watcher.
enum Handle {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Handle {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Handle::Native(debouncer) => debouncer.watch(path, mode),
            Handle::Poll(debouncer) => debouncer.watch(path, mode),
        }
    }

    fn backend(&self) -> Backend {
        match self {
            Handle::Native(_) => Backend::Native,
            Handle::Poll(_) => Backend::Poll,
        }
    }
}

type Reports = Sender<DebounceEventResult>;

/// Starts watching `root` (canonical); a thread of its own filters the reports. Returns what the
/// build worker waits on and the backend in use; a switch to polling is announced once on stderr.
pub fn spawn(root: PathBuf, force_poll: bool) -> Result<(Changes, Backend), String> {
    let (tx, rx) = mpsc::channel();
    let native = |tx: Reports| -> notify::Result<Handle> {
        Ok(Handle::Native(new_debouncer(DEBOUNCE, Some(TICK), tx)?))
    };
    let started = start(&root, force_poll, tx.clone(), native)?;
    if let Some(message) = &started.fallback {
        eprintln!("{message}");
    }
    let backend = started.handle.backend();
    let (mark, changes) = Changes::channel();
    std::thread::Builder::new()
        .name("khoa-watch".into())
        .spawn(move || watch_loop(&root, started, tx, &rx, &mark))
        .map_err(|e| format!("cannot start the file watcher: {e}"))?;
    Ok((changes, backend))
}

/// A running watcher and, when polling replaced the native one, the message saying why.
struct Started {
    handle: Handle,
    fallback: Option<String>,
}

/// Tries `native` unless polling is forced, and falls back to polling if it fails.
fn start(
    root: &Path,
    force_poll: bool,
    tx: Reports,
    native: impl FnOnce(Reports) -> notify::Result<Handle>,
) -> Result<Started, String> {
    let mut fallback = None;
    if !force_poll {
        match native(tx.clone()).and_then(|handle| watch_project(handle, root)) {
            Ok(handle) => return Ok(Started { handle, fallback }),
            Err(e) => fallback = Some(fallback_message(&e)),
        }
    }
    let config = notify::Config::default()
        .with_poll_interval(POLL_INTERVAL)
        .with_follow_symlinks(false);
    let poll = new_debouncer_opt(DEBOUNCE, Some(TICK), tx, NoCache, config)
        .map_err(|e| format!("cannot watch the project: {e}"))?;
    let handle = watch_project(Handle::Poll(poll), root)
        .map_err(|e| format!("cannot watch the project: {e}"))?;
    Ok(Started { handle, fallback })
}

fn fallback_message(error: &notify::Error) -> String {
    format!(
        "warning: the native file watcher failed ({error}); polling every {} ms instead. \
On Linux, raising fs.inotify.max_user_watches (sysctl) usually fixes this; `--poll` skips the native watcher.",
        POLL_INTERVAL.as_millis()
    )
}

/// The folders of the project a change in which changes the site (`i18n/` holds UI strings).
const WATCHED: [&str; 3] = ["content", "themes", "i18n"];

/// Watches `khoa.yaml` (through the root, as editors replace it), `content/`, `themes/` and `i18n/`.
fn watch_project(mut handle: Handle, root: &Path) -> notify::Result<Handle> {
    handle.watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED {
        let dir = root.join(dir);
        if dir.is_dir() {
            handle.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    Ok(handle)
}

/// Forwards each report holding a relevant change to `mark`; on a native watcher error, switches
/// to polling (and counts the error as a change, since events may have been lost).
fn watch_loop(
    root: &Path,
    mut started: Started,
    tx: Reports,
    rx: &Receiver<DebounceEventResult>,
    mark: &Sender<Changed>,
) {
    while let Ok(report) = rx.recv() {
        match report {
            Ok(events) => {
                let mut changed = false;
                let mut paths = Some(Vec::new());
                for event in events.iter().map(|e| &e.event) {
                    if !relevant(root, event) {
                        continue;
                    }
                    match paths.as_mut().filter(|_| !event.need_rescan()) {
                        Some(paths) => paths.extend(event.paths.iter().cloned()),
                        None => paths = None,
                    }
                    if is_new_top_folder(root, event)
                        && let Err(e) = watch_new_folders(&mut started.handle, root, event)
                    {
                        eprintln!(
                            "warning: cannot watch a new folder ({e}); restart `khoa serve` to see changes inside it"
                        );
                    }
                    changed = true;
                }
                if changed {
                    let _ = mark.send(paths);
                }
            }
            Err(errors) => {
                if started.handle.backend() == Backend::Native {
                    let unused = |_| Err(notify::Error::generic("unused"));
                    match start(root, true, tx.clone(), unused) {
                        Ok(poll) => {
                            if let Some(error) = errors.first() {
                                eprintln!("{}", fallback_message(error));
                            }
                            started = poll;
                        }
                        Err(message) => eprintln!("warning: {message}"),
                    }
                }
                let _ = mark.send(None);
            }
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
        [first, ..] => WATCHED.contains(first),
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
