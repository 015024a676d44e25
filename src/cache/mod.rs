//! The persistent build cache: bytes that are slow to make (highlighted code, resized images…),
//! kept between builds in `.khoa-cache/` (or `--cache-dir`), keyed by content, never trusted blindly.
//!
//! Each user owns a [`Namespace`] (a name and a version it bumps whenever what it stores would
//! change). Entries are spread over [`SHARDS`] shard files per namespace (`<dir>/<name>/<xx>.pack`),
//! loaded lazily on first use and written only when they change, so a build that changes one lesson
//! rewrites a shard or two. A shard file carries khoa's version, the namespace and its version and
//! a checksum: a truncated, corrupt or foreign file is ignored and rewritten. Files are written to a
//! temporary name and renamed, so two builds at once never leave a torn file (the last one wins).
//! [`BuildCache::finish`], after a good build, keeps only the entries this build used and at most
//! [`CacheSettings::max_bytes`] of them.

mod shard;
#[cfg(test)]
mod tests;

use shard::Shard;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The cache folder in a project, unless `--cache-dir` names another.
pub const DEFAULT_DIR: &str = ".khoa-cache";
/// Shard files per namespace. Few enough that a cold build creates few files (each new file is a
/// filesystem allocation, slow on a busy disk: 256 shards made 1,000 files at 1,000 lessons, as many
/// as the site itself), enough that one edit rewrites a small part (at 10,000 lessons, about 11 MB).
pub const SHARDS: usize = 32;
/// Default bound on the bytes the cache keeps (entries beyond it are dropped at `finish`).
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

/// Where the cache lives, if anywhere.
#[derive(Clone, Debug)]
pub struct CacheSettings {
    /// The cache folder; `None` turns the cache off (`--no-cache`).
    pub dir: Option<PathBuf>,
    pub max_bytes: u64,
}

impl CacheSettings {
    /// No cache: every `get` misses, nothing is written.
    pub fn disabled() -> Self {
        CacheSettings {
            dir: None,
            max_bytes: 0,
        }
    }

    /// A cache in `dir`, bounded by [`DEFAULT_MAX_BYTES`].
    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        CacheSettings {
            dir: Some(dir.into()),
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }

    /// The cache for the project at `root`: `cache_dir` (relative to `root`) or `.khoa-cache/`,
    /// off with `no_cache`.
    pub fn for_project(root: &Path, cache_dir: Option<&Path>, no_cache: bool) -> Self {
        if no_cache {
            return Self::disabled();
        }
        Self::in_dir(root.join(cache_dir.unwrap_or(Path::new(DEFAULT_DIR))))
    }
}

/// One user's part of the cache. Bump `version` whenever the bytes stored for a key would change
/// (a new syntax set, another markup): older entries then stop matching and are pruned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Namespace {
    /// A folder name: ASCII lowercase letters, digits and `-`.
    pub name: &'static str,
    pub version: &'static str,
}

/// A 128-bit hash of everything an entry depends on (its content, its options).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CacheKey(pub u128);

impl CacheKey {
    /// The key of `parts`, each length-prefixed so that `["ab", "c"]` and `["a", "bc"]` differ
    /// (XXH3, 128 bits: keys are made for every page and code block of a build, so it must be fast).
    pub fn of(parts: &[&[u8]]) -> CacheKey {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        CacheKey(hasher.digest128())
    }
}

/// The cache of one build (or of a `serve` session). Thread-safe: `&self` everywhere.
pub struct BuildCache {
    settings: CacheSettings,
    spaces: Mutex<BTreeMap<&'static str, Arc<Space>>>,
}

/// The shards of one namespace, each loaded on first use.
struct Space {
    namespace: Namespace,
    dir: PathBuf,
    shards: Vec<OnceLock<Mutex<Shard>>>,
}

impl Space {
    fn shard(&self, key: &CacheKey) -> &Mutex<Shard> {
        let index = (key.0 >> 120) as usize % SHARDS;
        self.shards[index].get_or_init(|| {
            let path = shard_path(&self.dir, index);
            Mutex::new(Shard::read(&path, &self.namespace))
        })
    }
}

impl std::fmt::Debug for BuildCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuildCache")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl BuildCache {
    /// Opens the cache (reads nothing yet: shards load on first use).
    pub fn open(settings: &CacheSettings) -> BuildCache {
        BuildCache {
            settings: settings.clone(),
            spaces: Mutex::new(BTreeMap::new()),
        }
    }

    /// A cache that never hits and never writes (`--no-cache`, unit tests).
    pub fn disabled() -> BuildCache {
        Self::open(&CacheSettings::disabled())
    }

    pub fn is_enabled(&self) -> bool {
        self.settings.dir.is_some()
    }

    /// The bytes stored for `key` in `namespace`, marking them used by this build.
    pub fn get(&self, namespace: &Namespace, key: &CacheKey) -> Option<Vec<u8>> {
        let space = self.space(namespace)?;
        let mut shard = space.shard(key).lock().ok()?;
        Some(shard.get(key)?.into_owned())
    }

    /// What `decode` makes of the bytes stored for `key` in `namespace` (read in place, not
    /// copied), marking them used by this build.
    pub fn read<T>(
        &self,
        namespace: &Namespace,
        key: &CacheKey,
        decode: impl FnOnce(&[u8]) -> Option<T>,
    ) -> Option<T> {
        let space = self.space(namespace)?;
        let mut shard = space.shard(key).lock().ok()?;
        shard.decode(key, decode)
    }

    /// Stores `bytes` for `key` in `namespace` (written to disk by [`BuildCache::finish`]).
    pub fn put(&self, namespace: &Namespace, key: &CacheKey, bytes: &[u8]) {
        let Some(space) = self.space(namespace) else {
            return;
        };
        if let Ok(mut shard) = space.shard(key).lock() {
            shard.put(*key, bytes);
        }
    }

    fn space(&self, namespace: &Namespace) -> Option<Arc<Space>> {
        let dir = self.settings.dir.as_ref()?;
        let mut spaces = self.spaces.lock().ok()?;
        let space = spaces.entry(namespace.name).or_insert_with(|| {
            Arc::new(Space {
                namespace: *namespace,
                dir: dir.join(namespace.name),
                shards: (0..SHARDS).map(|_| OnceLock::new()).collect(),
            })
        });
        Some(space.clone())
    }

    /// After a good build: writes the shards that changed, keeping only the entries this build
    /// used (at most `max_bytes` of them), and deletes the shards and namespaces it did not use.
    /// The next build (in `serve`) starts counting use afresh.
    pub fn finish(&self) -> io::Result<()> {
        self.finish_but(&[])?.finish()
    }

    /// [`finish`](Self::finish) for every namespace but those in `later`, which the build may
    /// still read and write (`build` saves the rest of the cache while it writes the site, then
    /// the stamp of what it wrote): those, and the pruning of unused namespaces, wait for
    /// [`Later::finish`]. The namespaces held back come first within the size bound: as much of
    /// it as their used entries take now is kept for them, and they are kept whole even when
    /// they grew since (a first stamp), which may pass the bound by that growth once.
    pub fn finish_but<'a>(&'a self, later: &[&Namespace]) -> io::Result<Later<'a>> {
        let held: Vec<&'static str> = later.iter().map(|namespace| namespace.name).collect();
        let (waiting, now): (Vec<Arc<Space>>, Vec<Arc<Space>>) = self
            .spaces()?
            .into_iter()
            .partition(|space| held.contains(&space.namespace.name));
        let reserved = used_bytes(&waiting)?.min(self.settings.max_bytes);
        let mut budget = self.settings.max_bytes - reserved;
        if self.settings.dir.is_some() {
            save_spaces(&now, &mut budget)?;
        }
        Ok(Later {
            cache: self,
            budget: budget + reserved,
            used: now.iter().map(|space| space.namespace.name).collect(),
            held,
        })
    }

    fn spaces(&self) -> io::Result<Vec<Arc<Space>>> {
        match self.spaces.lock() {
            Ok(spaces) => Ok(spaces.values().cloned().collect()),
            Err(_) => Err(io::Error::other("the build cache lock was poisoned")),
        }
    }
}

/// The namespaces [`BuildCache::finish_but`] left unsaved, and what pruning needs to know.
pub struct Later<'a> {
    cache: &'a BuildCache,
    budget: u64,
    used: Vec<&'static str>,
    held: Vec<&'static str>,
}

impl Later<'_> {
    /// Saves the namespaces held back (those used since, too), then deletes the namespaces no
    /// part of the build used.
    pub fn finish(mut self) -> io::Result<()> {
        let Some(dir) = &self.cache.settings.dir else {
            return Ok(());
        };
        let held: Vec<Arc<Space>> = self
            .cache
            .spaces()?
            .into_iter()
            .filter(|space| self.held.contains(&space.namespace.name))
            .collect();
        let mut budget = self.budget.max(used_bytes(&held)?);
        save_spaces(&held, &mut budget)?;
        self.used
            .extend(held.iter().map(|space| space.namespace.name));
        prune::unused_namespaces(dir, &self.used)
    }
}

/// The stored size of the entries of `spaces` this build used so far.
fn used_bytes(spaces: &[Arc<Space>]) -> io::Result<u64> {
    let mut used = 0;
    for space in spaces {
        for shard in space.shards.iter().filter_map(OnceLock::get) {
            used += lock(shard)?.used_bytes();
        }
    }
    Ok(used)
}

/// Keeps in each shard of `spaces` the entries used (within `budget`), then writes them.
fn save_spaces(spaces: &[Arc<Space>], budget: &mut u64) -> io::Result<()> {
    for space in spaces {
        for shard in space.shards.iter().filter_map(OnceLock::get) {
            lock(shard)?.keep_used(budget);
        }
    }
    for space in spaces {
        // Another build may prune this namespace's folder (its build used none of it) while
        // this one writes there: then make the folder again and write what is still unsaved.
        let mut attempts = 0;
        loop {
            match save_space(space) {
                Err(e) if e.kind() == io::ErrorKind::NotFound && attempts < 3 => attempts += 1,
                done => break done?,
            }
        }
    }
    Ok(())
}

/// Writes the changed shards of `space` and deletes those this build did not load.
fn save_space(space: &Space) -> io::Result<()> {
    std::fs::create_dir_all(&space.dir)?;
    for (index, slot) in space.shards.iter().enumerate() {
        let path = shard_path(&space.dir, index);
        match slot.get() {
            Some(shard) => lock(shard)?.save(&path, &space.namespace)?,
            None => remove_if_present(&path)?,
        }
    }
    prune::stale_files(&space.dir)
}

fn lock(shard: &Mutex<Shard>) -> io::Result<std::sync::MutexGuard<'_, Shard>> {
    shard
        .lock()
        .map_err(|_| io::Error::other("a cache shard lock was poisoned"))
}

fn shard_path(dir: &Path, index: usize) -> PathBuf {
    dir.join(format!("{index:02x}.pack"))
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

mod prune;
