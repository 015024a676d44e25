//! Writing: puts rendered [`Outputs`] on disk atomically, and never deletes what is not khoa's.
//!
//! `write` reads as its steps: `guard` refuses a dangerous target before anything is touched,
//! `debris` removes what killed builds left, a `staging` folder receives the whole site, and
//! `swap` exchanges it with the output folder and deletes the old tree. A failed build leaves the
//! previous output untouched and no temporary folder behind; a killed one leaves marked debris that
//! the next build removes. `.git`, `CNAME` and `.nojekyll` in the output folder survive the swap.

mod debris;
mod fault;
mod guard;
mod marker;
mod staging;
mod swap;

pub use marker::MARKER;
pub use staging::write_file_atomically;
pub use swap::KEPT;

use crate::cache::CacheKey;
use crate::output::Outputs;
use rayon::prelude::*;
use staging::Staging;
use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Why the output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The target is a folder khoa must not replace; the message says why.
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

/// Removes what killed builds left beside `out`, as [`write`] does first: for a build that finds
/// the output already up to date and writes nothing.
pub fn clean_debris(out: &Path) -> Result<(), WriteError> {
    let out = guard::absolute(out).map_err(io_error(out))?;
    if let (Some(parent), Some(name)) = (out.parent(), out.file_name())
        && parent.is_dir()
    {
        debris::clean(parent, &name.to_string_lossy(), &out)?;
    }
    Ok(())
}

/// What the output folder holds, file by file, as the build that wrote it recorded it (the
/// [`content_keys`] of its outputs, by path), beside the keys of the outputs about to be written
/// (in the order of `Outputs::iter`). A file whose two keys agree is hard-linked from the old
/// folder without being read. The caller vouches that the folder is still as recorded
/// (`up_to_date` compares its listing: any write changes a file's change time).
pub struct Held<'a> {
    pub before: &'a HashMap<String, u128>,
    pub now: &'a [u128],
}

impl Held<'_> {
    fn unchanged(&self, index: usize, path: &str) -> bool {
        self.before
            .get(path)
            .is_some_and(|key| Some(key) == self.now.get(index))
    }
}

/// The XXH3-128 of each output's bytes, in the order of `Outputs::iter`.
pub fn content_keys(outputs: &Outputs) -> Vec<u128> {
    let files: Vec<&[u8]> = outputs.iter().map(|(_, bytes)| bytes).collect();
    files
        .par_iter()
        .map(|bytes| CacheKey::of(&[bytes]).0)
        .collect()
}

/// Writes `outputs` into `out`, replacing its previous contents atomically; `held` tells which
/// files the old folder already holds (without it, each old file of the same size is read and
/// compared).
pub fn write(
    outputs: &Outputs,
    out: &Path,
    project_root: &Path,
    force: bool,
    held: Option<Held>,
) -> Result<(), WriteError> {
    Target::accept(out, project_root, force)?.write(outputs, held)
}

/// An output folder khoa agreed to replace (see [`guard::check_target`]).
pub struct Target {
    out: PathBuf,
    parent: PathBuf,
    name: String,
}

impl Target {
    /// Refuses `out` if `--force` may not replace it, before anything is written anywhere.
    pub fn accept(out: &Path, project_root: &Path, force: bool) -> Result<Target, WriteError> {
        let out = guard::absolute(out).map_err(io_error(out))?;
        guard::check_target(&out, project_root, force)?;
        let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
            return Err(WriteError::Refused(format!(
                "refusing to write the site into `{}`",
                out.display()
            )));
        };
        Ok(Target {
            parent: parent.to_path_buf(),
            name: name.to_string_lossy().into_owned(),
            out,
        })
    }

    /// Writes `outputs` into the folder, as [`write`] does.
    pub fn write(&self, outputs: &Outputs, held: Option<Held>) -> Result<(), WriteError> {
        let (out, parent, name) = (&self.out, self.parent.as_path(), &self.name);
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        debris::clean(parent, name, out)?;
        let staging = Staging::create(parent, name)?;
        let previous = marker::is_marked(out).then_some(out.as_path());
        staging.fill(outputs, previous, held.as_ref())?;
        swap::swap_in(staging, out, name)
    }
}
