//! The marker file that tells khoa's folders from anyone else's, and the lock on it that tells a
//! live build's folders from the debris of a killed one.
//!
//! Every folder khoa writes gets the marker before anything else, and the build holds an exclusive
//! advisory lock on it until its swap is done. The OS drops the lock when a process dies, even by
//! `kill -9`, so a marked folder whose lock can be taken belongs to no running build.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::Path;

/// File khoa leaves in every output folder it writes, so it knows the folder is its own.
pub const MARKER: &str = ".khoa-output";

/// Whether a lock may stay held while its folder is renamed. Windows refuses to rename a folder
/// that holds an open file, so there the locks are released just before the swap, and two builds
/// racing into the same folder can make one of them fail (never lose the output).
pub const HELD_THROUGH_RENAMES: bool = cfg!(unix);

const TEXT: &str =
    "This folder is written by `khoa build`; its contents are replaced on every build.\n";

/// Whether `dir` holds khoa's marker (a regular file, not a symlink to one).
pub fn is_marked(dir: &Path) -> bool {
    dir.join(MARKER)
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_file())
}

/// Marks `dir` as khoa's (keeping a marker already there) and holds an exclusive lock on the
/// marker until the returned file is dropped; waits while another build holds it.
pub fn mark_and_lock(dir: &Path) -> io::Result<File> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(MARKER))?;
    file.lock()?;
    if file.metadata()?.len() == 0 {
        file.write_all(TEXT.as_bytes())?;
    }
    Ok(file)
}

/// Takes the lock of a marked folder that no running build holds: `None` if `dir` has no marker or
/// a live build holds it.
pub fn claim(dir: &Path) -> io::Result<Option<File>> {
    if !is_marked(dir) {
        return Ok(None);
    }
    let file = match File::open(dir.join(MARKER)) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marked_folder_is_claimable_only_once_its_lock_is_released() {
        let dir = tempfile::tempdir().unwrap();
        assert!(claim(dir.path()).unwrap().is_none(), "no marker, no claim");
        let live = mark_and_lock(dir.path()).unwrap();
        assert!(is_marked(dir.path()));
        assert!(
            claim(dir.path()).unwrap().is_none(),
            "a live build holds it"
        );
        drop(live);
        assert!(claim(dir.path()).unwrap().is_some());
    }

    #[test]
    fn marking_keeps_an_existing_marker() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MARKER), "old").unwrap();
        drop(mark_and_lock(dir.path()).unwrap());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(MARKER)).unwrap(),
            "old"
        );
    }
}
