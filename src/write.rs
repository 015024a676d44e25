//! Writing: puts rendered [`Outputs`] on disk atomically, and refuses to clobber what khoa did not write.
//!
//! The site is written to a temporary folder beside the target and swapped in only after every file
//! is written: a failed build leaves the previous output untouched and no temporary folder behind.
//! `.git`, `CNAME` and `.nojekyll` in the output folder survive the swap.

use crate::output::Outputs;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// File khoa leaves in every output folder it writes, so it knows the folder is its own.
pub const MARKER: &str = ".khoa-output";

/// Entries of an existing output folder carried over to the new one.
const PRESERVED: &[&str] = &[".git", "CNAME", ".nojekyll"];

/// Why the output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The target is a folder khoa must not replace; the message says why and how to override.
    Refused(String),
    Io(PathBuf, io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Refused(why) => write!(f, "{why}"),
            WriteError::Io(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(path.to_path_buf(), e)
}

/// Writes `outputs` into `out`, replacing its previous contents atomically.
pub fn write(
    outputs: &Outputs,
    out: &Path,
    project_root: &Path,
    force: bool,
) -> Result<(), WriteError> {
    let out = absolute(out).map_err(io_error(out))?;
    check_target(&out, project_root, force)?;
    let parent = out
        .parent()
        .ok_or_else(|| WriteError::Refused("cannot write to the file-system root".into()))?;
    std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    let name = out
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    let unique = format!("{}-{}", std::process::id(), nanos());
    let staging = parent.join(format!(".{name}.tmp-{unique}"));
    if let Err(e) = write_tree(outputs, &staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap_in(
        &staging,
        &out,
        &parent.join(format!(".{name}.old-{unique}")),
    )
    .inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&staging);
    })
}

fn write_tree(outputs: &Outputs, dir: &Path) -> Result<(), WriteError> {
    let folders: BTreeSet<PathBuf> = outputs
        .iter()
        .filter_map(|(path, _)| dir.join(path).parent().map(Path::to_path_buf))
        .collect();
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(io_error(folder))?;
    }
    let fail_after = std::env::var("KHOA_TEST_FAIL_AFTER_FILES")
        .ok()
        .and_then(|n| n.parse::<usize>().ok());
    let written = AtomicUsize::new(0);
    let files: Vec<(&str, &[u8])> = outputs.iter().collect();
    files.par_iter().try_for_each(|(path, bytes)| {
        let file = dir.join(path);
        if fail_after.is_some_and(|limit| written.fetch_add(1, Ordering::SeqCst) >= limit) {
            return Err(WriteError::Io(
                file,
                io::Error::other("injected failure (KHOA_TEST_FAIL_AFTER_FILES)"),
            ));
        }
        std::fs::write(&file, bytes).map_err(io_error(&file))
    })?;
    let marker = dir.join(MARKER);
    std::fs::write(
        &marker,
        "This folder is written by `khoa build`; its contents are replaced on every build.\n",
    )
    .map_err(io_error(&marker))
}

/// Replaces `out` by `staging`, keeping the preserved entries of the old output.
fn swap_in(staging: &Path, out: &Path, old: &Path) -> Result<(), WriteError> {
    if !out.exists() {
        return rename(staging, out);
    }
    rename(out, old)?;
    let moved: Vec<&str> = PRESERVED
        .iter()
        .copied()
        .filter(|n| old.join(n).exists())
        .collect();
    for name in &moved {
        let _ = std::fs::remove_dir_all(staging.join(name))
            .or_else(|_| std::fs::remove_file(staging.join(name)));
        rename(&old.join(name), &staging.join(name))?;
    }
    if let Err(e) = rename(staging, out) {
        for name in &moved {
            let _ = rename(&staging.join(name), &old.join(name));
        }
        let _ = rename(old, out);
        return Err(e);
    }
    remove_tree(old)
}

/// Deletes a folder, unlinking its files in parallel (deleting is most of a rebuild's write time).
fn remove_tree(dir: &Path) -> Result<(), WriteError> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().for_each(|file| {
        let _ = std::fs::remove_file(file);
    });
    std::fs::remove_dir_all(dir).map_err(io_error(dir))
}

/// Renames, retrying briefly on errors that Windows gives while another process holds a file.
fn rename(from: &Path, to: &Path) -> Result<(), WriteError> {
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

/// Refuses targets whose replacement would destroy the author's work.
fn check_target(out: &Path, project_root: &Path, force: bool) -> Result<(), WriteError> {
    let root = absolute(project_root).map_err(io_error(project_root))?;
    let refuse = |why: String| Err(WriteError::Refused(why));
    if out.parent().is_none() {
        return refuse("refusing to write the site over the file-system root".into());
    }
    if out.is_file() {
        return refuse(format!("`{}` is a file, not a folder", out.display()));
    }
    if force {
        return Ok(());
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .and_then(|h| absolute(&h).ok());
    if root.starts_with(out) {
        return refuse(format!(
            "refusing to replace `{}`: it holds the project (use another --out)",
            out.display()
        ));
    }
    if out.starts_with(root.join(crate::load::CONTENT_DIR)) || out.starts_with(root.join("themes"))
    {
        return refuse(format!(
            "refusing to write the site inside the project's sources (`{}`)",
            out.display()
        ));
    }
    if home.as_deref() == Some(out) {
        return refuse("refusing to replace your home folder".into());
    }
    let foreign = out.is_dir()
        && !out.join(MARKER).exists()
        && std::fs::read_dir(out)
            .map_err(io_error(out))?
            .next()
            .is_some();
    if foreign {
        return refuse(format!(
            "refusing to replace `{}`: it is not empty and was not written by khoa (pass --force to replace it)",
            out.display()
        ));
    }
    Ok(())
}

/// An absolute, `..`-free version of `path` (following symlinks of the parts that exist).
fn absolute(path: &Path) -> io::Result<PathBuf> {
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

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}
