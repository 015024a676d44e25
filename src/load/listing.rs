//! Reading one folder of `content/`: its entries sorted by name, hidden and editor files left out,
//! symlinks followed only to files inside the project, and every folder that cannot be read an error.

use super::{Entry, Loader, is_markdown};
use crate::ignored::is_ignored_name;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

impl Loader<'_> {
    /// Whether `dir` directly holds a Markdown file (which makes it a module).
    pub(super) fn holds_markdown(&self, dir: &Path) -> bool {
        self.entries(dir)
            .entries
            .iter()
            .any(|e| !e.is_dir && is_markdown(&e.name))
    }

    /// The entries of `dir` that are content, sorted by name; each skipped symlink gets a warning,
    /// each folder or entry that cannot be read an error.
    pub(super) fn visible(&mut self, dir: &Path) -> Vec<Entry> {
        let Listing {
            entries,
            skipped,
            unreadable,
        } = self.entries(dir);
        for (path, why) in skipped {
            let path = self.relative(&path);
            self.warn(&path, why);
        }
        for (path, why) in unreadable {
            let path = self.relative(&path);
            self.error(&path, &why);
        }
        entries
    }

    /// The entries of `dir` sorted by name, hidden and editor files left out, and the symlinks
    /// that are not followed with the reason: folders (a link to `.` would loop) and anything
    /// leading out of the project. Symlinked files inside the project are read.
    fn entries(&self, dir: &Path) -> Listing {
        let walker = WalkDir::new(dir)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name();
        let mut listing = Listing::default();
        for e in walker {
            let e = match e {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(dir).to_path_buf();
                    let why = e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string);
                    listing
                        .unreadable
                        .push((path, format!("cannot read this folder: {why}")));
                    continue;
                }
            };
            if is_ignored_name(&e.file_name().to_string_lossy()) {
                continue;
            }
            let path = e.path().to_path_buf();
            if let Err(why) = self.followable_symlink(&e) {
                listing.skipped.push((path, why));
                continue;
            }
            let name = crate::fold::nfc(&e.file_name().to_string_lossy());
            // A followed symlink leads to a file (see `followable_symlink`), so the entry's own
            // type is the answer, with no second look at the disk that could fail unseen.
            let is_dir = e.file_type().is_dir();
            listing.entries.push(Entry { path, name, is_dir });
        }
        listing
    }

    /// A symlink is followed only if it leads to a file inside the project; other entries pass.
    fn followable_symlink(&self, entry: &walkdir::DirEntry) -> Result<(), &'static str> {
        if !entry.path_is_symlink() {
            return Ok(());
        }
        let link = entry.path();
        let root = self
            .root
            .canonicalize()
            .map_err(|_| "symlink skipped: the project folder cannot be resolved")?;
        let target = link
            .canonicalize()
            .map_err(|_| "symlink skipped: its target does not exist")?;
        if !target.starts_with(&root) {
            Err("symlink skipped: it leads out of the project")
        } else if target.is_dir() {
            Err("symlinked folder skipped: khoa follows symlinks to files only")
        } else {
            Ok(())
        }
    }
}

/// One folder as read: its entries, the symlinks not followed (and why), what could not be read.
#[derive(Default)]
struct Listing {
    entries: Vec<Entry>,
    skipped: Vec<(PathBuf, &'static str)>,
    unreadable: Vec<(PathBuf, String)>,
}
