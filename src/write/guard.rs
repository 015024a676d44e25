//! The target guard: refuses, before anything is touched, an output folder whose replacement would
//! destroy something that is not khoa's to delete.
//!
//! Most rules hold whatever the flags: the file-system root, the home folder and any folder above
//! it, the project folder and any folder above it, anything inside `content/` or `themes/` or a
//! `.git` folder, a folder that holds a `khoa.yaml`, and a folder that holds a `.git` but no khoa
//! marker (the `.git` of khoa's own output, a deploy repository, is kept across builds). `--force`
//! lifts one rule only: replacing a non-empty folder that khoa did not write.

use super::marker::is_marked;
use super::{WriteError, debris, io_error};
use std::io;
use std::path::{Path, PathBuf};

/// Refuses `out` (absolute, as [`absolute`] returns it) if writing the site there could destroy the
/// author's work; `force` only lifts the "not written by khoa" rule.
pub fn check_target(out: &Path, project_root: &Path, force: bool) -> Result<(), WriteError> {
    let root = absolute(project_root).map_err(io_error(project_root))?;
    if let Some(why) = never_a_target(out, &root) {
        return Err(WriteError::Refused(format!(
            "refusing to write the site into `{}`: {why}; --force does not change this, choose another --out",
            out.display()
        )));
    }
    if out.is_file() {
        return Err(WriteError::Refused(format!(
            "refusing to write the site into `{}`: it is a file, not a folder",
            out.display()
        )));
    }
    if !force && is_foreign(out)? {
        return Err(WriteError::Refused(format!(
            "refusing to replace `{}`: it is not empty and was not written by khoa (pass --force to replace it)",
            out.display()
        )));
    }
    Ok(())
}

/// Why `out` may never be replaced, even with `--force`.
fn never_a_target(out: &Path, root: &Path) -> Option<String> {
    if out.parent().is_none() {
        return Some("it is the file-system root".into());
    }
    if out == root {
        return Some("it is the project folder".into());
    }
    if root.starts_with(out) {
        return Some(format!("it holds the project folder `{}`", root.display()));
    }
    for sources in [crate::load::CONTENT_DIR, "themes"] {
        if out.starts_with(root.join(sources)) {
            return Some(format!("it is inside the project's `{sources}/` folder"));
        }
    }
    if let Some(why) = home_rule(out) {
        return Some(why);
    }
    if out.components().any(|c| c.as_os_str() == ".git") {
        return Some("it is inside a `.git` folder".into());
    }
    holds_rule(out)
}

/// The home folder and the folders above it.
fn home_rule(out: &Path) -> Option<String> {
    let home = std::env::home_dir().and_then(|h| absolute(&h).ok())?;
    if home == out {
        Some("it is your home folder".into())
    } else if home.starts_with(out) {
        Some(format!("it holds your home folder `{}`", home.display()))
    } else {
        None
    }
}

/// Folders that hold another project, a git work tree, or are named like khoa's staging folders.
fn holds_rule(out: &Path) -> Option<String> {
    let has = |name: &str| out.join(name).symlink_metadata().is_ok();
    if has(crate::config::FILE_NAME) {
        return Some(format!(
            "it holds a `{}`, so it is a khoa project",
            crate::config::FILE_NAME
        ));
    }
    if has(".git") && !is_marked(out) {
        return Some(
            "it holds a `.git` (a git work tree) and was not written by khoa; only the `.git` of khoa's own output is kept"
                .into(),
        );
    }
    let name = out.file_name()?.to_string_lossy();
    debris::is_staging_name(&name).then(|| {
        "it is named like khoa's temporary folders (`.<name>.tmp-*`, `.<name>.old-*`)".into()
    })
}

/// A non-empty folder without khoa's marker.
fn is_foreign(out: &Path) -> Result<bool, WriteError> {
    if !out.is_dir() || is_marked(out) {
        return Ok(false);
    }
    let mut entries = std::fs::read_dir(out).map_err(io_error(out))?;
    Ok(entries.next().is_some())
}

/// An absolute, `..`-free version of `path` (following symlinks of the parts that exist).
pub fn absolute(path: &Path) -> io::Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        let Some(name) = existing.file_name() else {
            break;
        };
        rest.push(name.to_os_string());
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        match name.to_str() {
            Some("..") => {
                resolved.pop();
            }
            Some(".") => {}
            _ => resolved.push(name),
        }
    }
    Ok(resolved)
}
