//! The documents the previous load read, by file: `serve` keeps them between rebuilds so that only
//! a file whose bytes changed is decoded and parsed again. Every file is read again and compared,
//! so what a load returns never depends on what it remembers, unless the load is told which files
//! changed ([`KnownDocuments::expect_changes`], from the watcher): then a file it remembers is
//! read again only when it was named (itself or a folder above it) or is a symlink (whose target
//! may have changed unseen). The files to read again are read all at once, in parallel, when a
//! load starts; the walk then takes their bytes.

use super::listing::{Listing, Listings};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use rayon::prelude::*;
use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What reading one file gave: the document (or why there is none) and the problems reported.
struct Known {
    bytes: Vec<u8>,
    /// A `Result<Document<T>, ()>` for the front matter type the file was read as.
    parsed: Box<dyn Any + Send>,
    diagnostics: Vec<Diagnostic>,
    seen: bool,
    /// Whether the file was a symlink when read: it is always read again.
    linked: bool,
    /// Whether this load read it already ([`KnownDocuments::prepare`]): the walk takes it as is.
    fresh: bool,
}

/// Documents by file, from the previous load (see the module docs).
#[derive(Default)]
pub struct KnownDocuments {
    by_file: HashMap<PathBuf, Known>,
    /// The bytes of the files the previous load read, read again as this one started.
    read_ahead: HashMap<PathBuf, Vec<u8>>,
    /// The files and folders that changed since the previous load, or `None` when anything may
    /// have changed (every file is read again).
    changed: Option<HashSet<PathBuf>>,
    /// Whether every change is told ([`KnownDocuments::expect_changes`]): then, after a load,
    /// nothing has changed until a change is told.
    watched: bool,
    /// The folders listed, kept on the same terms as the documents.
    listings: Listings,
    /// The paths among `changed` that are files this load knows and finds still there as plain
    /// files: edited in place, they change no folder's listing but their own folder's.
    edited: HashSet<PathBuf>,
}

/// What [`KnownDocuments::get`] hands back: the document (if it parsed) and its problems.
pub(super) type Read<T> = (Option<Document<T>>, Vec<Diagnostic>);

impl KnownDocuments {
    pub fn new() -> Self {
        Self::default()
    }

    /// From now on, every change to `content/` is told through [`KnownDocuments::expect_changes`]
    /// before the load that must see it (`serve`'s watcher).
    pub fn watched(&mut self) {
        self.watched = true;
    }

    pub fn is_watched(&self) -> bool {
        self.watched
    }

    /// Whether nothing is known: the first load ([`KnownDocuments::prepare`] reads ahead).
    pub(super) fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }

    /// Tells the next load that `paths` (files or folders, absolute like the load's) changed;
    /// `None`, a path outside `content`, or a load not [`KnownDocuments::watched`] means anything
    /// may have. Changes told before a load that did not happen add up.
    pub fn expect_changes(&mut self, content: &Path, paths: Option<Vec<PathBuf>>) {
        let inside = paths.filter(|paths| paths.iter().all(|p| p.starts_with(content)));
        self.changed = match (self.changed.take(), inside) {
            (Some(mut changed), Some(paths)) if self.watched => {
                // In the form the walk gives paths (no `.`, doubled or trailing `/`), for
                // `is_named`'s comparison of bytes.
                changed.extend(paths.iter().map(|p| p.components().collect::<PathBuf>()));
                Some(changed)
            }
            _ => None,
        };
    }

    /// What reading `file` gave last time, without reading it, when the load was told which
    /// files changed and `file` is none of them (see the module docs).
    pub(super) fn unchanged<T: Clone + 'static>(&mut self, file: &Path) -> Option<Read<T>> {
        let changed = self.changed.as_ref()?;
        let named = is_named(file, changed);
        let known = self.by_file.get_mut(file).filter(|k| !k.linked && !named)?;
        let parsed = known.parsed.downcast_ref::<Option<Document<T>>>()?;
        known.seen = true;
        Some((parsed.clone(), known.diagnostics.clone()))
    }

    /// What reading `file` gave last time, if its bytes are the same and it was read as a `T`.
    pub(super) fn get<T: Clone + 'static>(&mut self, file: &Path, bytes: &[u8]) -> Option<Read<T>> {
        let known = self.by_file.get_mut(file)?;
        if known.bytes != bytes {
            return None;
        }
        let parsed = known.parsed.downcast_ref::<Option<Document<T>>>()?;
        known.seen = true;
        Some((parsed.clone(), known.diagnostics.clone()))
    }

    /// Reads and parses `files` (each with its path as diagnostics name it) in parallel, before a
    /// walk that would read them one by one, when this is the first load (nothing is known,
    /// [`KnownDocuments::is_empty`]): the walk then takes each as [`KnownDocuments::fresh`] gives
    /// it. A file that cannot be read, or is a symlink, is left for the walk.
    pub(super) fn prepare<T>(
        &mut self,
        files: &[(PathBuf, String)],
        read: impl Fn(&[u8], &str) -> Read<T> + Sync,
    ) where
        T: Clone + Send + 'static,
    {
        if !self.by_file.is_empty() {
            return;
        }
        let made: Vec<(PathBuf, Known)> = files
            .par_iter()
            .filter_map(|(file, path)| {
                let bytes = std::fs::read(file).ok()?;
                let (parsed, diagnostics) = read(&bytes, path);
                let known = Known {
                    bytes,
                    parsed: Box::new(parsed),
                    diagnostics,
                    seen: false,
                    linked: false,
                    fresh: true,
                };
                Some((file.clone(), known))
            })
            .collect();
        self.by_file.extend(made);
    }

    /// What [`KnownDocuments::prepare`] read of `file` during this load, if it read it as a `T`.
    pub(super) fn fresh<T: Clone + 'static>(&mut self, file: &Path) -> Option<Read<T>> {
        let known = self.by_file.get_mut(file).filter(|k| k.fresh)?;
        let parsed = known.parsed.downcast_ref::<Option<Document<T>>>()?;
        known.seen = true;
        known.fresh = false;
        Some((parsed.clone(), known.diagnostics.clone()))
    }

    /// The listing of `dir` read earlier in this load, or in the last one if nothing in it changed
    /// since ([`Listings::get`]).
    pub(super) fn listing(&mut self, dir: &Path) -> Option<Listing> {
        self.listings.get(dir, self.changed.as_ref(), &self.edited)
    }

    pub(super) fn keep_listing(&mut self, dir: &Path, listing: &Listing) {
        self.listings.keep(dir, listing);
    }

    /// Remembers what reading `file` gave.
    pub(super) fn keep<T: Clone + Send + 'static>(
        &mut self,
        file: &Path,
        bytes: Vec<u8>,
        read: &Read<T>,
    ) {
        let linked = std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink());
        let known = Known {
            bytes,
            parsed: Box::new(read.0.clone()),
            diagnostics: read.1.clone(),
            seen: true,
            linked,
            fresh: false,
        };
        self.by_file.insert(file.to_path_buf(), known);
    }

    /// Starts a load: nothing is seen yet; the files the previous load read that may have
    /// changed are read again, in parallel (one that cannot be read now is left for the walk,
    /// which reports it).
    pub(super) fn start(&mut self) {
        self.listings.start();
        for known in self.by_file.values_mut() {
            known.seen = false;
        }
        let changed = self.changed.as_ref();
        let still_a_file = |p: &&PathBuf| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
        self.edited = changed
            .into_iter()
            .flatten()
            .filter(|p| self.by_file.contains_key(*p))
            .filter(still_a_file)
            .cloned()
            .collect();
        let may_differ = |(file, known): &(&PathBuf, &Known)| {
            changed.is_none_or(|c| known.linked || is_named(file, c))
        };
        let files: Vec<&PathBuf> = self
            .by_file
            .iter()
            .filter(may_differ)
            .map(|(f, _)| f)
            .collect();
        self.read_ahead = files
            .par_iter()
            .filter_map(|file| Some(((*file).clone(), std::fs::read(file).ok()?)))
            .collect();
    }

    /// The bytes of `file` as [`KnownDocuments::start`] read them, if it did.
    pub(super) fn read_ahead(&mut self, file: &Path) -> Option<Vec<u8>> {
        self.read_ahead.remove(file)
    }

    /// Ends a load: forgets the files it did not read (deleted, renamed, or no longer loaded).
    pub(super) fn finish(&mut self) {
        self.listings.finish();
        self.by_file.retain(|_, known| known.seen);
        for known in self.by_file.values_mut() {
            known.fresh = false;
        }
        self.read_ahead.clear();
        self.changed = self.watched.then(HashSet::new);
    }
}

/// Whether `file` or a folder above it is among `changed`. A save names a path or two: each is
/// compared with `file`'s bytes (a test for every file of the site), rather than every ancestor
/// of `file` hashed and looked up. Both are in the walk's form (see `expect_changes`).
fn is_named(file: &Path, changed: &HashSet<PathBuf>) -> bool {
    if changed.len() > 8 {
        return file.ancestors().any(|p| changed.contains(p));
    }
    let file = file.as_os_str().as_encoded_bytes();
    changed.iter().any(|c| {
        let c = c.as_os_str().as_encoded_bytes();
        file.starts_with(c)
            && (file.len() == c.len() || std::path::is_separator(file[c.len()] as char))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_by_itself_or_a_folder_above_it_not_by_a_longer_name() {
        let mut known = KnownDocuments::new();
        known.watched();
        known.finish(); // as after a first load: nothing changed since
        let content = Path::new("/p/content");
        let told = ["/p/content/c/m1/", "/p/content/c/./a.md"];
        known.expect_changes(content, Some(told.iter().map(PathBuf::from).collect()));
        let changed = known.changed.clone().unwrap();
        let named = |file: &str| is_named(Path::new(file), &changed);
        assert!(named("/p/content/c/m1/b.md"), "a folder above it");
        assert!(named("/p/content/c/a.md"), "itself, told as `c/./a.md`");
        assert!(!named("/p/content/c/m10/b.md"), "`m1` is not `m10`");
        assert!(!named("/p/content/c/a.md.orig"));
        assert!(!named("/p/content/c/b.md"));
        let many: Vec<PathBuf> = (0..20)
            .map(|i| format!("/p/content/c/{i}.md").into())
            .collect();
        known.expect_changes(content, Some(many));
        let changed = known.changed.clone().unwrap();
        assert!(is_named(Path::new("/p/content/c/m1/b.md"), &changed));
        assert!(is_named(Path::new("/p/content/c/7.md"), &changed));
        assert!(!is_named(Path::new("/p/content/c/70.md"), &changed));
    }
}
