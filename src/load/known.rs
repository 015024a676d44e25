//! The documents the previous load read, by file: `serve` keeps them between rebuilds so that only
//! a file whose bytes changed is decoded and parsed again. Every file is still read and compared,
//! so what a load returns never depends on what it remembers. The files the previous load read
//! are read again all at once, in parallel, when a load starts; the walk then takes their bytes.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use rayon::prelude::*;
use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What reading one file gave: the document (or why there is none) and the problems reported.
struct Known {
    bytes: Vec<u8>,
    /// A `Result<Document<T>, ()>` for the front matter type the file was read as.
    parsed: Box<dyn Any + Send>,
    diagnostics: Vec<Diagnostic>,
    seen: bool,
}

/// Documents by file, from the previous load (see the module docs).
#[derive(Default)]
pub struct KnownDocuments {
    by_file: HashMap<PathBuf, Known>,
    /// The bytes of the files the previous load read, read again as this one started.
    read_ahead: HashMap<PathBuf, Vec<u8>>,
}

/// What [`KnownDocuments::get`] hands back: the document (if it parsed) and its problems.
pub(super) type Read<T> = (Option<Document<T>>, Vec<Diagnostic>);

impl KnownDocuments {
    pub fn new() -> Self {
        Self::default()
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

    /// Remembers what reading `file` gave.
    pub(super) fn keep<T: Clone + Send + 'static>(
        &mut self,
        file: &Path,
        bytes: Vec<u8>,
        read: &Read<T>,
    ) {
        let known = Known {
            bytes,
            parsed: Box::new(read.0.clone()),
            diagnostics: read.1.clone(),
            seen: true,
        };
        self.by_file.insert(file.to_path_buf(), known);
    }

    /// Starts a load: nothing is seen yet; the files the previous load read are read again, in
    /// parallel (one that cannot be read now is left for the walk, which reports it).
    pub(super) fn start(&mut self) {
        for known in self.by_file.values_mut() {
            known.seen = false;
        }
        let files: Vec<&PathBuf> = self.by_file.keys().collect();
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
        self.by_file.retain(|_, known| known.seen);
        self.read_ahead.clear();
    }
}
