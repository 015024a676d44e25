//! Removing what the last build did not use: namespaces no build stage asked for, and temporary
//! files left by killed builds. Only names the cache itself writes are ever deleted, so a
//! `--cache-dir` pointed at a folder holding other files loses none of them.

use super::{SHARDS, remove_if_present, shard_path};
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
        for index in 0..SHARDS {
            remove_if_present(&shard_path(&space, index))?;
        }
        stale_temporaries(&space)?;
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

/// Deletes temporary shard files (`.xx.pack.*.tmp`) older than [`STALE`]. A folder another build
/// has just pruned holds none.
pub(super) fn stale_temporaries(space: &Path) -> io::Result<()> {
    let entries = match std::fs::read_dir(space) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        entries => entries?,
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let is_temporary = name
            .to_str()
            .is_some_and(|n| n.starts_with('.') && n.contains(".pack.") && n.ends_with(".tmp"));
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

pub(super) fn is_namespace_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
