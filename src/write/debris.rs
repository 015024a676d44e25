//! Debris of interrupted builds: the staging (`.<name>.tmp-XXXXXX`) and old (`.<name>.old-XXXXXX`)
//! folders a killed build leaves beside the output. Each build removes them before writing.
//!
//! Only folders that carry khoa's marker and that no running build holds (see [`super::marker`])
//! are removed, and empty ones; a folder without the marker is never touched. Before removing, it
//! puts back what a kill in the middle of a swap left in the wrong place: the old output when the
//! output folder is missing (between the two renames of the fallback swap), and a kept folder such
//! as `.git` that had already moved into the staging folder.

use super::marker;
use super::swap::{move_kept, remove_tree};
use super::{WriteError, io_error};
use std::path::{Path, PathBuf};

/// Infix of a staging folder's name: `.<name>.tmp-XXXXXX`.
pub const STAGING: &str = ".tmp-";
/// Infix of the old output's name while the fallback swap runs: `.<name>.old-XXXXXX`.
pub const OLD: &str = ".old-";
/// Length of the random part, made by `tempfile`.
pub const RANDOM_LEN: usize = 6;

/// Prefix of `tempfile`'s staging folders for the output folder named `name`.
pub fn staging_prefix(name: &str) -> String {
    format!(".{name}{STAGING}")
}

/// The old-output path that goes with a staging folder: same random part, `.old-` infix.
pub fn old_path(staging: &Path, name: &str) -> PathBuf {
    let staging_name = staging.file_name().unwrap_or_default().to_string_lossy();
    let random = &staging_name[staging_name.len().saturating_sub(RANDOM_LEN)..];
    staging.with_file_name(format!(".{name}{OLD}{random}"))
}

/// Whether a folder name has the shape of khoa's staging or old folders, for any output name.
pub fn is_staging_name(file_name: &str) -> bool {
    [STAGING, OLD].iter().any(|infix| {
        file_name.starts_with('.')
            && file_name
                .rfind(infix)
                .is_some_and(|at| is_random(&file_name[at + infix.len()..]))
    })
}

fn is_random(rest: &str) -> bool {
    rest.len() == RANDOM_LEN && rest.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A debris candidate beside the output.
struct Debris {
    path: PathBuf,
    is_old: bool,
}

/// Removes the unclaimed, marked debris of earlier builds of `out` (named `name`, in `parent`).
pub fn clean(parent: &Path, name: &str, out: &Path) -> Result<(), WriteError> {
    let mut claimed = Vec::new();
    for debris in candidates(parent, name)? {
        if std::fs::remove_dir(&debris.path).is_ok() {
            continue; // an empty folder: a build killed before it wrote its marker
        }
        if let Some(lock) = marker::claim(&debris.path).map_err(io_error(&debris.path))? {
            claimed.push((debris, lock));
        }
    }
    if out.symlink_metadata().is_err()
        && let Some(at) = claimed.iter().position(|(d, _)| d.is_old)
    {
        let (old, lock) = claimed.remove(at);
        let _lock = marker::HELD_THROUGH_RENAMES.then_some(lock);
        std::fs::rename(&old.path, out).map_err(io_error(&old.path))?;
    }
    for (debris, _lock) in claimed {
        if move_kept(&debris.path, out)? {
            remove_tree(&debris.path)?;
        }
    }
    Ok(())
}

/// Folders (not symlinks) in `parent` named like debris of the output `name`, newest first.
fn candidates(parent: &Path, name: &str) -> Result<Vec<Debris>, WriteError> {
    let entries = match std::fs::read_dir(parent) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(WriteError::Io(parent.to_path_buf(), e)),
    };
    let mut found: Vec<(std::time::SystemTime, Debris)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_error(parent))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(is_old) = debris_kind(&file_name, name) else {
            continue;
        };
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if meta.is_dir() {
            let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
            found.push((
                modified,
                Debris {
                    path: entry.path(),
                    is_old,
                },
            ));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.path.cmp(&b.1.path)));
    Ok(found.into_iter().map(|(_, d)| d).collect())
}

/// `Some(is_old)` when `file_name` is a staging or old folder of the output `name`.
fn debris_kind(file_name: &str, name: &str) -> Option<bool> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    if let Some(random) = rest.strip_prefix(STAGING) {
        return is_random(random).then_some(false);
    }
    is_random(rest.strip_prefix(OLD)?).then_some(true)
}

#[cfg(test)]
mod tests;
