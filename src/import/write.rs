//! Puts an imported project on disk all at once: every file goes into a hidden sibling of DEST,
//! which is renamed to DEST only when all are written; on any error the sibling is removed and
//! DEST is as it was.

use super::plan::Output;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// DEST must be missing or an empty folder.
pub fn check_destination(dest: &Path) -> Result<(), String> {
    if !dest.exists() {
        return Ok(());
    }
    if !dest.is_dir() {
        return Err(format!("`{}` is a file; give a new folder", dest.display()));
    }
    let mut entries =
        std::fs::read_dir(dest).map_err(|e| format!("cannot read `{}`: {e}", dest.display()))?;
    if entries.next().is_some() {
        return Err(format!(
            "`{}` is not empty; khoa imports only into a new or empty folder",
            dest.display()
        ));
    }
    Ok(())
}

/// Writes `files` (paths relative to `dest`; copies read from `src`) as the new folder `dest`.
pub fn write(src: &Path, dest: &Path, files: &BTreeMap<String, Output>) -> Result<(), String> {
    let staging = staging_path(dest)?;
    let result = fill(src, &staging, files).and_then(|()| swap_in(&staging, dest));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// `.<name>.import-<pid>` beside `dest`, so the final rename stays on one file system.
fn staging_path(dest: &Path) -> Result<PathBuf, String> {
    let name = dest
        .file_name()
        .ok_or_else(|| format!("`{}` has no folder name", dest.display()))?;
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    let staging = parent.join(format!(
        ".{}.import-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .map_err(|e| format!("cannot remove `{}`: {e}", staging.display()))?;
    }
    Ok(staging)
}

fn fill(src: &Path, staging: &Path, files: &BTreeMap<String, Output>) -> Result<(), String> {
    for (path, output) in files {
        let target = staging.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
        }
        let written = match output {
            Output::Text(text) => std::fs::write(&target, text),
            Output::Copy(from) => std::fs::copy(src.join(from), &target).map(|_| ()),
        };
        written.map_err(|e| format!("cannot write `{}`: {e}", target.display()))?;
    }
    Ok(())
}

/// Renames the filled folder to `dest` (an empty `dest` is removed first).
fn swap_in(staging: &Path, dest: &Path) -> Result<(), String> {
    if dest.exists() {
        check_destination(dest)?;
        std::fs::remove_dir(dest)
            .map_err(|e| format!("cannot replace `{}`: {e}", dest.display()))?;
    }
    std::fs::rename(staging, dest)
        .map_err(|e| format!("cannot move the project into `{}`: {e}", dest.display()))
}
