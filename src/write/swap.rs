//! The swap: puts a fully written staging folder in place of the output, keeping the output's
//! `.git`, `CNAME` and `.nojekyll`, then removes the old tree. The only user of rustix.
//!
//! On Linux the two folders are exchanged in one `renameat2(RENAME_EXCHANGE)` call, so the output
//! folder exists at every instant and holds either the old site or the new one. Elsewhere, or on a
//! file system without the call, two renames: the output is missing between them, and if a kill
//! falls there the next build puts the old output back (see [`super::debris`]).
//!
//! Kept files are copied into the new site before the exchange, so both trees have them; kept
//! folders (`.git`) are moved, and put back if the swap fails.

use super::debris;
use super::marker::{self, MARKER};
use super::staging::Staging;
use super::{WriteError, io_error};
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// Entries of an existing output folder carried over to the new one.
pub const KEPT: &[&str] = &[".git", "CNAME", ".nojekyll"];

/// Replaces `out` (named `name`) by the written `staging` folder, then deletes the old tree.
pub fn swap_in(mut staging: Staging, out: &Path, name: &str) -> Result<(), WriteError> {
    staging.unlock_for_renames();
    if out.symlink_metadata().is_err() {
        match rename(staging.path(), out) {
            Ok(()) => {
                staging.keep();
                return Ok(());
            }
            // another build created `out` meanwhile: exchange with it instead
            Err(_) if out.symlink_metadata().is_ok() => {}
            Err(e) => return Err(e),
        }
    }
    let old_lock = marker::mark_and_lock(out).map_err(io_error(out))?;
    let old_lock = marker::HELD_THROUGH_RENAMES.then_some(old_lock);
    let moved = carry_kept(out, staging.path())?;
    let old_tree = match replace(staging.path(), out, name) {
        Ok(old_tree) => old_tree,
        Err(e) => {
            put_back(&moved, staging.path(), out);
            return Err(e);
        }
    };
    staging.keep();
    drop(old_lock);
    remove_tree(&old_tree)
}

/// Copies the kept files of `out` into `staging` and moves its kept folders there; returns the
/// names moved. On failure, what was moved goes back.
fn carry_kept(out: &Path, staging: &Path) -> Result<Vec<&'static str>, WriteError> {
    let mut moved = Vec::new();
    for &name in KEPT {
        let (from, to) = (out.join(name), staging.join(name));
        let Ok(meta) = from.symlink_metadata() else {
            continue;
        };
        let _ = std::fs::remove_dir_all(&to).or_else(|_| std::fs::remove_file(&to));
        let carried = if meta.is_file() {
            std::fs::copy(&from, &to).map(drop).map_err(io_error(&from))
        } else {
            rename(&from, &to).inspect(|()| moved.push(name))
        };
        if let Err(e) = carried {
            put_back(&moved, staging, out);
            return Err(e);
        }
    }
    Ok(moved)
}

fn put_back(moved: &[&str], staging: &Path, out: &Path) {
    for name in moved {
        let _ = rename(&staging.join(name), &out.join(name));
    }
}

/// Puts `staging` at `out`; returns where the old tree now is.
fn replace(staging: &Path, out: &Path, name: &str) -> Result<PathBuf, WriteError> {
    if exchange(staging, out).map_err(io_error(out))? {
        return Ok(staging.to_path_buf());
    }
    replace_by_renames(staging, out, &debris::old_path(staging, name))
}

/// The fallback: `out` → `old`, then `staging` → `out` (undone if the second rename fails).
fn replace_by_renames(staging: &Path, out: &Path, old: &Path) -> Result<PathBuf, WriteError> {
    rename(out, old)?;
    if let Err(e) = rename(staging, out) {
        let _ = rename(old, out);
        return Err(e);
    }
    Ok(old.to_path_buf())
}

/// Exchanges two existing paths atomically; `Ok(false)` when the OS or file system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    if super::fault::exchange_disabled() {
        return Ok(false);
    }
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP].contains(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Moves the kept entries a killed swap left in `debris` back into `out` where `out` lacks them.
/// Returns whether `debris` may be deleted: not while it holds a kept folder that could not go back.
pub fn move_kept(debris: &Path, out: &Path) -> Result<bool, WriteError> {
    let mut removable = true;
    for name in KEPT {
        let from = debris.join(name);
        let Ok(meta) = from.symlink_metadata() else {
            continue;
        };
        let to = out.join(name);
        if out.is_dir() && to.symlink_metadata().is_err() {
            rename(&from, &to)?;
        } else if !meta.is_file() {
            removable = false;
        }
    }
    Ok(removable)
}

/// Deletes a folder, unlinking its files in parallel (deleting is most of a rebuild's write time).
/// The marker goes last, so a kill at any moment leaves a folder the next build still recognises
/// (marked, or empty). A folder that is already gone is fine: another build may have removed it.
pub fn remove_tree(dir: &Path) -> Result<(), WriteError> {
    let marker = dir.join(MARKER);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir() && e.path() != marker)
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().for_each(|file| {
        let _ = std::fs::remove_file(file);
    });
    let gone = |result: io::Result<()>| match result {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(WriteError::Io(dir.to_path_buf(), e)),
        _ => Ok(()),
    };
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path != marker {
            gone(std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path)))?;
        }
    }
    gone(std::fs::remove_file(&marker))?;
    gone(std::fs::remove_dir(dir))
}

/// Renames, retrying briefly on errors that Windows gives while another process holds a file.
pub fn rename(from: &Path, to: &Path) -> Result<(), WriteError> {
    let mut attempt = 0;
    loop {
        match std::fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(e)
                if attempt < 5
                    && matches!(
                        e.kind(),
                        io::ErrorKind::PermissionDenied | io::ErrorKind::ResourceBusy
                    ) =>
            {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(50 * attempt));
            }
            Err(e) => return Err(WriteError::Io(from.to_path_buf(), e)),
        }
    }
}

#[cfg(test)]
mod tests;
