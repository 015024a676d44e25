//! Whether `khoa build` can stop before compiling: nothing it reads changed since the last good
//! build into the same folder, and that folder still holds exactly what that build wrote.
//!
//! A build with the cache on records a stamp in the cache (namespace `builds`, one entry: the last
//! good build's, whatever its output folder): a hash of everything the build read (the khoa binary, the options, `khoa.yaml`, every
//! file under `content/`, `i18n/` and `themes/` by name and content, the icon) and a hash of the
//! output folder's listing as the build left it (each entry's path, size, modification and change
//! times and inode). The next build hashes the same inputs before it starts (so an edit made
//! while it runs is seen by the one after) and lists the folder again: when both hashes match,
//! the outputs are what a full build would write, byte for byte, and nothing is done but printing
//! the warnings that build printed (kept in the stamp). Anything unreadable, a foreign or damaged
//! stamp, or an edit, a deletion or a new file on either side gives a full build. The stamp also
//! lists each file the build wrote with its content key: while the folder's listing matches, the
//! next build's write links the files whose key is unchanged without reading them
//! ([`Inputs::held`], `write::Held`).

use crate::cache::{BuildCache, CacheKey, Namespace};
use crate::config::{self, SiteConfig};
use crate::diagnostic::Diagnostic;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Where the stamp lives in the build cache: saved last, once the site is written.
pub const NAMESPACE: Namespace = Namespace {
    name: "builds",
    version: "2",
};

/// Project folders whose every file a build may read.
const INPUT_DIRS: &[&str] = &[crate::load::CONTENT_DIR, crate::i18n::PROJECT_DIR, "themes"];

/// What a build is asked to do, beyond the project's files.
pub struct Request<'a> {
    pub root: &'a Path,
    pub out: &'a Path,
    pub drafts: bool,
    pub precompress: bool,
}

/// The inputs of one build, hashed before it starts.
pub struct Inputs {
    hash: u128,
}

/// The one stamp kept: that of the last good build, whatever its output folder (whose path is
/// among the inputs). One key keeps it in one cache file, which each build reads and rewrites.
const KEY: CacheKey = CacheKey(0);

/// What the last good build into a folder made, as its summary line counts it, and the warnings
/// it printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Made {
    pub courses: usize,
    pub lessons: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
}

impl Inputs {
    /// Hashes what a build of `request` would read; `None` when the cache is off or anything
    /// cannot be read (the build then finds and reports it).
    pub fn scan(request: &Request, cache: &BuildCache) -> Option<Inputs> {
        if !cache.is_enabled() {
            return None;
        }
        let out = std::path::absolute(request.out).ok()?;
        let mut parts: Vec<Vec<u8>> = vec![
            binary_identity()?,
            vec![u8::from(request.drafts), u8::from(request.precompress)],
            out.as_os_str().as_encoded_bytes().to_vec(),
        ];
        let config = std::fs::read_to_string(request.root.join(config::FILE_NAME)).ok()?;
        let icon = SiteConfig::parse(&config, config::FILE_NAME).ok()?.icon;
        parts.push(config.into_bytes());
        if let Some(icon) = icon {
            let icon = request.root.join(icon);
            parts.push(icon.as_os_str().as_encoded_bytes().to_vec());
            parts.push(std::fs::read(icon).ok()?);
        }
        for dir in INPUT_DIRS {
            parts.push(folder_hash(&request.root.join(dir))?.to_le_bytes().to_vec());
        }
        let slices: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        Some(Inputs {
            hash: CacheKey::of(&slices).0,
        })
    }

    /// What the last build made, when it read these same inputs and `out` still holds exactly
    /// what it wrote.
    pub fn unchanged(&self, cache: &BuildCache, out: &Path) -> Option<Made> {
        let stamp = cache.read(&NAMESPACE, &KEY, Stamp::decode)?;
        let same = stamp.inputs == self.hash && Some(stamp.outputs) == listing_hash(out);
        same.then_some(stamp.made)
    }

    /// What `out` holds, file by file (path → `write::content_keys`), when it is still exactly
    /// what the last good build wrote there, whatever that build read.
    pub fn held(&self, cache: &BuildCache, out: &Path) -> Option<HashMap<String, u128>> {
        let stamp = cache.read(&NAMESPACE, &KEY, Stamp::decode)?;
        (Some(stamp.outputs) == listing_hash(out)).then(|| stamp.files.into_iter().collect())
    }

    /// Records, after a good build (no error) wrote `out`, that these inputs made it, and each
    /// file it wrote there with its content key (saved with the rest of the cache by
    /// `BuildCache::finish`).
    pub fn record(&self, cache: &BuildCache, out: &Path, made: &Made, files: Vec<(String, u128)>) {
        if let Some(outputs) = listing_hash(out) {
            let stamp = Stamp {
                inputs: self.hash,
                outputs,
                made: made.clone(),
                files,
            };
            cache.put(&NAMESPACE, &KEY, &stamp.encode());
        }
    }
}

struct Stamp {
    inputs: u128,
    outputs: u128,
    made: Made,
    /// Each file written, by path, with its content key.
    files: Vec<(String, u128)>,
}

impl Stamp {
    /// The hashes and counts, and the length of the warnings' JSON, which follows; then each
    /// file: its path's length (8 bytes), its path and its key.
    const FIXED: usize = 16 + 16 + 4 * 8;

    fn encode(&self) -> Vec<u8> {
        let warnings = serde_json::to_vec(&self.made.warnings).unwrap_or_default();
        let mut bytes = Vec::with_capacity(Self::FIXED + warnings.len() + self.files.len() * 64);
        bytes.extend(self.inputs.to_le_bytes());
        bytes.extend(self.outputs.to_le_bytes());
        let counts = [self.made.courses, self.made.lessons, self.made.files];
        for count in counts.into_iter().chain([warnings.len()]) {
            bytes.extend((count as u64).to_le_bytes());
        }
        bytes.extend(warnings);
        for (path, key) in &self.files {
            bytes.extend((path.len() as u64).to_le_bytes());
            bytes.extend(path.as_bytes());
            bytes.extend(key.to_le_bytes());
        }
        bytes
    }

    fn decode(bytes: &[u8]) -> Option<Stamp> {
        let mut rest = bytes;
        let mut take = |n: usize| {
            let (taken, after) = rest.split_at_checked(n)?;
            rest = after;
            Some(taken)
        };
        let wide = |b: &[u8]| u128::from_le_bytes(b.try_into().unwrap());
        let number = |b: &[u8]| usize::try_from(u64::from_le_bytes(b.try_into().unwrap())).ok();
        let (inputs, outputs) = (wide(take(16)?), wide(take(16)?));
        let (courses, lessons, files) = (number(take(8)?)?, number(take(8)?)?, number(take(8)?)?);
        let warnings_len = number(take(8)?)?;
        let warnings = serde_json::from_slice(take(warnings_len)?).ok()?;
        let mut written = Vec::new();
        for _ in 0..files {
            let path_len = number(take(8)?)?;
            let path = std::str::from_utf8(take(path_len)?).ok()?.to_string();
            written.push((path, wide(take(16)?)));
        }
        if !rest.is_empty() {
            return None;
        }
        let made = Made {
            courses,
            lessons,
            files,
            warnings,
        };
        Some(Stamp {
            inputs,
            outputs,
            made,
            files: written,
        })
    }
}

/// The running binary, by size, modification time and inode: a rebuilt or upgraded khoa
/// renders anew.
fn binary_identity() -> Option<Vec<u8>> {
    let meta = std::env::current_exe().ok()?.metadata().ok()?;
    Some(
        stat_fields(&meta)?
            .iter()
            .flat_map(|f| f.to_le_bytes())
            .collect(),
    )
}

/// Kind, size, modification and change times and inode. Elsewhere than Unix there is no change
/// time to trust, so no build is ever taken as unchanged.
#[cfg(unix)]
fn stat_fields(meta: &Metadata) -> Option<[u64; 7]> {
    use std::os::unix::fs::MetadataExt;
    Some([
        u64::from(meta.is_dir()),
        meta.len(),
        meta.mtime() as u64,
        meta.mtime_nsec() as u64,
        meta.ctime() as u64,
        meta.ctime_nsec() as u64,
        meta.ino(),
    ])
}

#[cfg(not(unix))]
fn stat_fields(_: &Metadata) -> Option<[u64; 7]> {
    None
}

/// Every entry under `dir` (links followed, as loading follows them) by path, kind and, for a
/// file, content. A missing folder hashes as empty; an unreadable entry gives `None`.
fn folder_hash(dir: &Path) -> Option<u128> {
    if !dir.exists() {
        return Some(0);
    }
    let mut entries: Vec<(PathBuf, bool)> = Vec::new();
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.ok()?;
        let path = entry.path().strip_prefix(dir).ok()?.to_path_buf();
        entries.push((path, entry.file_type().is_file()));
    }
    let hashes: Option<Vec<[u8; 16]>> = entries
        .par_iter()
        .map(|(path, is_file)| {
            let content = if *is_file {
                std::fs::read(dir.join(path)).ok()?
            } else {
                Vec::new()
            };
            let name = path.as_os_str().as_encoded_bytes();
            Some(
                CacheKey::of(&[name, &[u8::from(*is_file)], &content])
                    .0
                    .to_le_bytes(),
            )
        })
        .collect();
    let hashes = hashes?;
    let slices: Vec<&[u8]> = hashes.iter().map(|h| h.as_slice()).collect();
    Some(CacheKey::of(&slices).0)
}

/// The output folder as it is now: each entry's path, kind, size, modification and change times
/// and inode (any write to a file changes its change time, which no tool can set back). The
/// files a build leaves alone in the folder (`.git`, `CNAME`, `.nojekyll`) are not listed.
/// Entries come in the order of a walk sorted by name (a folder before what it holds); folders
/// are read and entries looked up in parallel, since a rebuild does this twice on some ten
/// thousand files with nothing else to do meanwhile.
fn listing_hash(out: &Path) -> Option<u128> {
    // The folder itself changes times when a kept file comes or goes: its entries tell the rest.
    let mut parts = vec![out.as_os_str().as_encoded_bytes().to_vec()];
    std::fs::metadata(out).ok()?.is_dir().then_some(())?;
    parts.extend(listing_parts(out, true)?);
    let slices: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    Some(CacheKey::of(&slices).0)
}

/// The listing of what `dir` holds, as [`listing_hash`] hashes it; the kept files are left out
/// at the top.
fn listing_parts(dir: &Path, top: bool) -> Option<Vec<Vec<u8>>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let name = entry.ok()?.file_name();
        if !(top && crate::write::KEPT.iter().any(|k| name == *k)) {
            entries.push(name);
        }
    }
    entries.sort();
    let listed: Option<Vec<Vec<Vec<u8>>>> = entries
        .par_iter()
        .map(|name| {
            let path = dir.join(name);
            let meta = std::fs::symlink_metadata(&path).ok()?;
            let mut part = path.as_os_str().as_encoded_bytes().to_vec();
            part.extend(stat_fields(&meta)?.iter().flat_map(|f| f.to_le_bytes()));
            let mut parts = vec![part];
            if meta.is_dir() {
                parts.extend(listing_parts(&path, false)?);
            }
            Some(parts)
        })
        .collect();
    Some(listed?.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_reads_back_and_a_damaged_one_is_refused() {
        let stamp = Stamp {
            inputs: 7 << 100,
            outputs: 9,
            made: Made {
                courses: 1,
                lessons: 1000,
                files: 2,
                warnings: vec![Diagnostic::warning("content/a/b.md", 3, 1, "chữ")],
            },
            files: vec![("index.html".into(), 5 << 90), ("bài/một.html".into(), 3)],
        };
        let bytes = stamp.encode();
        let read = Stamp::decode(&bytes).unwrap();
        assert_eq!((read.inputs, read.outputs), (stamp.inputs, 9));
        assert_eq!(read.made, stamp.made);
        assert_eq!(read.files, stamp.files);
        assert!(Stamp::decode(&bytes[1..]).is_none());
        assert!(Stamp::decode(&bytes[..bytes.len() - 1]).is_none());
        assert!(Stamp::decode(&bytes[..20]).is_none());
    }
}
