//! Removing what the last build did not use: namespaces no build stage asked for, and temporary
//! files left by killed builds. Only names the cache itself writes are ever deleted, so a
//! `--cache-dir` pointed at a folder holding other files loses none of them.

use super::{SHARDS, remove_if_present};
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// A temporary shard older than this was left by a killed build (a live one renames it in
/// milliseconds).
const STALE: Duration = Duration::from_secs(600);

/// Deletes the shard files of namespaces not in `used`, and their folders once empty.
pub(super) fn unused_namespaces(dir: &Path, used: &[&str]) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if used.contains(&name) || !is_namespace_name(name) || !entry.file_type()?.is_dir() {
            continue;
        }
        let space = entry.path();
        leftovers(&space, |_| true)?;
        match std::fs::remove_dir(&space) {
            Err(e)
                if !matches!(
                    e.kind(),
                    io::ErrorKind::DirectoryNotEmpty | io::ErrorKind::NotFound
                ) =>
            {
                return Err(e);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Deletes what no build will read in a namespace's folder: temporary shard files older than
/// [`STALE`] and shard files outside today's layout (an index of [`SHARDS`] or more, written when
/// there were more shards).
pub(super) fn stale_files(space: &Path) -> io::Result<()> {
    leftovers(space, |index| index >= SHARDS)
}

/// Deletes, in `space`, temporary shard files (`.xx.pack.*.tmp`) older than [`STALE`] and the
/// shard files (`xx.pack`) whose index `remove` chooses. A folder another build has just pruned
/// holds none.
fn leftovers(space: &Path, remove: impl Fn(usize) -> bool) -> io::Result<()> {
    let entries = match std::fs::read_dir(space) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        entries => entries?,
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if shard_index(name).is_some_and(&remove) {
            remove_if_present(&entry.path())?;
            continue;
        }
        let is_temporary =
            name.starts_with('.') && name.contains(".pack.") && name.ends_with(".tmp");
        if !is_temporary {
            continue;
        }
        // Another build may rename its temporary file away between listing and reading it.
        let metadata = match entry.metadata() {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        let age = metadata
            .modified()
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok());
        if age.is_some_and(|age| age > STALE) {
            remove_if_present(&entry.path())?;
        }
    }
    Ok(())
}

/// The index of a shard file's name (`1f.pack` → 31), as [`super::shard_path`] writes it.
fn shard_index(name: &str) -> Option<usize> {
    let hex = name.strip_suffix(".pack")?;
    let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if hex.len() != 2 || !hex.bytes().all(lower_hex) {
        return None;
    }
    usize::from_str_radix(hex, 16).ok()
}

pub(super) fn is_namespace_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
