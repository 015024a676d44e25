//! `khoa import mdbook SRC DEST`: turns an mdBook (with mdbook-quiz quizzes) into a khoa project.
//!
//! Flow: the book's files are read through [`BookFiles`] (the disk here, a map in tests) →
//! [`plan`] converts everything in memory (`book.toml` by [`book`], `SUMMARY.md` by [`summary`],
//! directives by [`include`], links and assets by [`relink`], quizzes by [`quiz`]) and fails with
//! every located error before anything is written → [`write`] puts the project in a temporary
//! sibling of DEST and renames it into place → the new project is compiled in memory and the
//! [`outcome`] (counts, what was not converted, the check's result) is returned for printing.

mod book;
pub mod gift;
mod include;
mod layout;
pub mod outcome;
mod plan;
mod quiz;
mod relink;
mod scan;
mod summary;
mod toml_file;
mod write;

use crate::compile::{self, CompileOptions};
use crate::diagnostic::{self, Diagnostic};
use std::path::{Path, PathBuf};

pub use outcome::Outcome;

/// Read access to a book's files, by paths relative to the book root with `/` separators.
pub trait BookFiles {
    fn read(&self, path: &str) -> Result<String, String>;
    fn is_file(&self, path: &str) -> bool;
}

/// Why nothing was imported.
#[derive(Debug)]
pub enum ImportError {
    /// A usage or I/O problem (exit code 2).
    Usage(String),
    /// Problems in the book, located (exit code 1); paths are relative to SRC.
    Book(Vec<Diagnostic>),
}

/// Imports the mdBook at `src` into the new project folder `dest` (missing or empty).
pub fn import_mdbook(src: &Path, dest: &Path) -> Result<Outcome, ImportError> {
    write::check_destination(dest).map_err(ImportError::Usage)?;
    if !src.join("book.toml").is_file() {
        return Err(ImportError::Usage(format!(
            "`{}` has no book.toml: give the folder of an mdBook",
            src.display()
        )));
    }
    let files = DiskBook {
        root: src.to_path_buf(),
    };
    let plan = plan::plan(&files).map_err(ImportError::Book)?;
    write::write(src, dest, &plan.files).map_err(ImportError::Usage)?;
    let mut outcome = plan.outcome;
    let compiled = compile::compile(&CompileOptions {
        root: dest.to_path_buf(),
        include_drafts: false,
        publish: Default::default(),
        only_course: None,
        default_language_only: false,
        cache: std::sync::Arc::new(crate::cache::BuildCache::disabled()),
    })
    .map_err(|e| {
        let why = match e {
            compile::CompileError::Project(message) => message,
            compile::CompileError::Config(problems) => problems
                .iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; "),
        };
        ImportError::Usage(format!("the imported project does not load: {why}"))
    })?;
    outcome.check_errors = diagnostic::error_count(&compiled.diagnostics);
    outcome.check_warnings = compiled.diagnostics.len() - outcome.check_errors;
    outcome.check = compiled.diagnostics;
    Ok(outcome)
}

/// A book on disk.
struct DiskBook {
    root: PathBuf,
}

impl BookFiles for DiskBook {
    fn read(&self, path: &str) -> Result<String, String> {
        let full = self.root.join(path);
        let bytes = std::fs::read(&full).map_err(|e| format!("cannot read `{path}`: {e}"))?;
        crate::document::decode(&bytes, path).map_err(|d| d.message)
    }

    fn is_file(&self, path: &str) -> bool {
        self.root.join(path).is_file()
    }
}

/// The folder part of a `/`-separated path (`""` at the root).
pub(crate) fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `relative` joined onto `dir`, normalized; `None` when it climbs out of the book.
pub(crate) fn join(dir: &str, relative: &str) -> Option<String> {
    crate::links::join_normalized(dir, relative)
}

#[cfg(test)]
pub(crate) mod memory {
    //! A book held in memory, for unit tests of the pure stages.
    use std::collections::BTreeMap;

    pub struct MemoryBook(pub BTreeMap<String, String>);

    impl MemoryBook {
        pub fn new(files: &[(&str, &str)]) -> Self {
            MemoryBook(
                files
                    .iter()
                    .map(|(p, t)| (p.to_string(), t.to_string()))
                    .collect(),
            )
        }
    }

    impl super::BookFiles for MemoryBook {
        fn read(&self, path: &str) -> Result<String, String> {
            self.0
                .get(path)
                .cloned()
                .ok_or_else(|| format!("cannot read `{path}`"))
        }

        fn is_file(&self, path: &str) -> bool {
            self.0.contains_key(path)
        }
    }
}
