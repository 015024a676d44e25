//! Reading one folder of `content/`: its entries sorted by name, hidden and editor files left out,
//! symlinks followed only to files inside the project, and every folder that cannot be read an error.

use super::{Entry, Loader, is_markdown};
use crate::ignored::is_ignored_name;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

impl Loader<'_> {
    /// Whether `dir` directly holds a Markdown file (which makes it a module).
    pub(super) fn holds_markdown(&mut self, dir: &Path) -> bool {
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
            ..
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
    /// Read once per load, or taken from the last load when nothing inside changed
    /// ([`Listings`]).
    fn entries(&mut self, dir: &Path) -> Listing {
        if let Some(listing) = self.known.listing(dir) {
            return listing;
        }
        let listing = self.read_listing(dir);
        self.known.keep_listing(dir, &listing);
        listing
    }

    fn read_listing(&self, dir: &Path) -> Listing {
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
            listing.symlinks |= e.path_is_symlink();
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
#[derive(Clone, Default)]
pub(super) struct Listing {
    entries: Vec<Entry>,
    skipped: Vec<(PathBuf, &'static str)>,
    unreadable: Vec<(PathBuf, String)>,
    /// Whether any entry is a symlink (whose target may change unseen).
    symlinks: bool,
}

/// The folders listed by the last load and this one (`serve` keeps them with the documents): a
/// load lists a folder once (a module's is asked for twice), and takes the last load's listing of
/// a folder when the watcher named nothing inside it or above it, and it held no symlink. A file
/// added, removed or renamed is named inside its folder, so such a listing is what reading the
/// folder would give. A file edited in place (known, and still a plain file) lists again only the
/// folder holding it: the folders above hold the same entries (a save in a module of 500 does not
/// list the course's folder again).
#[derive(Default)]
pub(super) struct Listings {
    /// Each folder's listing, and whether this load has taken or read it.
    by_dir: HashMap<PathBuf, (Listing, bool)>,
}

impl Listings {
    /// The listing of `dir` this load read, or the last load's when still true: `changed` holds
    /// the paths changed since (`None`: anything may have), `edited` those of them edited in place.
    pub(super) fn get(
        &mut self,
        dir: &Path,
        changed: Option<&HashSet<PathBuf>>,
        edited: &HashSet<PathBuf>,
    ) -> Option<Listing> {
        let (listing, this_load) = self.by_dir.get_mut(dir)?;
        if !*this_load {
            let inside = |p: &PathBuf| {
                p.starts_with(dir) && (p.parent() == Some(dir) || !edited.contains(p))
            };
            let touched = |p: &PathBuf| inside(p) || dir.starts_with(p);
            if listing.symlinks || changed?.iter().any(touched) {
                return None;
            }
            *this_load = true;
        }
        Some(listing.clone())
    }

    pub(super) fn keep(&mut self, dir: &Path, listing: &Listing) {
        self.by_dir
            .insert(dir.to_path_buf(), (listing.clone(), true));
    }

    /// A load starts: nothing is taken yet.
    pub(super) fn start(&mut self) {
        for (_, this_load) in self.by_dir.values_mut() {
            *this_load = false;
        }
    }

    /// A load ends: the folders it did not list are forgotten.
    pub(super) fn finish(&mut self) {
        self.by_dir.retain(|_, (_, this_load)| *this_load);
    }
}
