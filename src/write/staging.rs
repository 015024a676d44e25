//! The staging folder: a `tempfile` folder beside the output (`.<name>.tmp-XXXXXX`), marked and
//! locked before anything else is written, then filled with the whole site.
//!
//! If the build fails before the swap, dropping it deletes the folder; if the build is killed, the
//! marker lets the next build recognise it as debris once the lock is gone.

use super::fault::FailAfter;
use super::{Held, WriteError, debris, io_error, marker};
use crate::output::Outputs;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

pub struct Staging {
    dir: tempfile::TempDir,
    lock: Option<File>,
}

impl Staging {
    /// Creates, marks and locks a staging folder in `parent` for the output folder named `name`.
    ///
    /// Another build cleaning debris at that moment may take the new folder for debris (empty, or
    /// marked and not yet locked) and remove it; then this tries again with a new folder.
    pub fn create(parent: &Path, name: &str) -> Result<Self, WriteError> {
        let mut attempts = 0;
        loop {
            let dir = tempfile::Builder::new()
                .prefix(&debris::staging_prefix(name))
                .rand_bytes(debris::RANDOM_LEN)
                .tempdir_in(parent)
                .map_err(io_error(parent))?;
            match marker::mark_and_lock(dir.path()) {
                Ok(lock) if marker::is_marked(dir.path()) => {
                    let lock = Some(lock);
                    return Ok(Staging { dir, lock });
                }
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(WriteError::Io(dir.path().to_path_buf(), e));
                }
                _ => {} // removed by another build's cleaning: try a new folder
            }
            attempts += 1;
            if attempts == 5 {
                let why = io::Error::other("other builds keep removing the staging folder");
                return Err(WriteError::Io(parent.to_path_buf(), why));
            }
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes every output file (folders first, then files in parallel). A file whose bytes
    /// equal those at its path in `previous` (the output being replaced, khoa's own) is
    /// hard-linked from there instead: a rebuild that changes little allocates few inodes and
    /// writes little, and the swap's removal of the old tree then frees almost nothing.
    /// With `held`, a file is linked when its key says the old one is the same, never read.
    pub fn fill(
        &self,
        outputs: &Outputs,
        previous: Option<&Path>,
        held: Option<&Held>,
    ) -> Result<(), WriteError> {
        let dir = self.path();
        let folders: BTreeSet<PathBuf> = outputs
            .iter()
            .filter_map(|(path, _)| dir.join(path).parent().map(Path::to_path_buf))
            .collect();
        for folder in &folders {
            std::fs::create_dir_all(folder).map_err(io_error(folder))?;
        }
        let fault = FailAfter::from_env();
        let files: Vec<(&str, &[u8])> = outputs.iter().collect();
        files
            .par_iter()
            .enumerate()
            .try_for_each(|(index, (path, bytes))| {
                let file = dir.join(path);
                let reused = |old: &Path| match held {
                    Some(held) => {
                        held.unchanged(index, path)
                            && std::fs::hard_link(old.join(path), &file).is_ok()
                    }
                    None => reuse(&old.join(path), &file, bytes),
                };
                fault
                    .before_file()
                    .and_then(|()| match previous {
                        Some(old) if reused(old) => Ok(()),
                        _ => std::fs::write(&file, bytes),
                    })
                    .map_err(io_error(&file))
            })
    }

    /// Releases the lock before the swap where the OS cannot rename a folder holding an open file.
    pub fn unlock_for_renames(&mut self) {
        if !marker::HELD_THROUGH_RENAMES {
            self.lock = None;
        }
    }

    /// Keeps the folder's path on disk (it is now the output, or the old tree the swap deletes)
    /// and releases the lock.
    pub fn keep(self) {
        let _ = self.dir.keep();
    }
}

/// Hard-links `old` to `new` if `old` is a plain file holding exactly `bytes`. `false` (nothing
/// done, the caller writes the file) if it is not, or if anything fails: a missed reuse only costs
/// time. khoa never changes a file in place, so linked bytes stay the bytes compared.
fn reuse(old: &Path, new: &Path, bytes: &[u8]) -> bool {
    let same = std::fs::symlink_metadata(old)
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(old).is_ok_and(|held| held == bytes);
    same && std::fs::hard_link(old, new).is_ok()
}

/// Writes the file at `path` whole or not at all: `fill` writes a temporary file beside it
/// (`.<name>.tmp-XXXXXX`), which replaces `path` only once it is complete and on disk. If `fill`
/// fails, the temporary file is deleted and `path` is untouched.
pub fn write_file_atomically(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .tempfile_in(parent)
        .map_err(io_error(parent))?;
    fill(file.as_file_mut())
        .and_then(|()| file.as_file().sync_all())
        .map_err(io_error(path))?;
    file.persist(path)
        .map_err(|e| WriteError::Io(path.to_path_buf(), e.error))?;
    Ok(())
}
