//! One shard file of a namespace: its entries in memory, and their encoding on disk (header with
//! khoa's version and the namespace, entries, checksum), read strictly and written atomically.
//! Entries are kept LZ4-compressed (lz4_flex), in memory and on disk.

use super::{CacheKey, Namespace, remove_if_present};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use xxhash_rust::xxh3::xxh3_64;

const MAGIC: &[u8] = b"khoa-cache\n";
/// 2: the checksum is XXH3-64 (1 had FNV-1a 64, byte by byte, too slow for shards of pages).
/// 3: each entry starts with how it is stored ([`RAW`] or [`LZ4`]).
const FORMAT: u32 = 3;
/// The entry's bytes follow as they are.
const RAW: u8 = 0;
/// The entry's bytes follow LZ4-compressed, after their length (lz4_flex's size-prepended block).
const LZ4: u8 = 1;
/// Entries shorter than this are stored raw: compressing them saves nothing worth the time.
const COMPRESS_FROM: usize = 128;
const KHOA_VERSION: &str = env!("CARGO_PKG_VERSION");
/// The largest decompression buffer a thread keeps between reads ([`Shard::decode`]).
const SCRATCH_KEPT: usize = 4 << 20;

struct Entry {
    bytes: Stored,
    used: bool,
}

/// An entry's stored form (see [`store`]): where it sits in the file as read (not copied out of
/// it), or its own.
enum Stored {
    InFile(Range<usize>),
    Own(Vec<u8>),
}

/// A shard's entries; `dirty` when the file on disk no longer matches them. `file` is the file
/// as read, which entries read from it point into.
#[derive(Default)]
pub(super) struct Shard {
    file: Vec<u8>,
    entries: HashMap<u128, Entry>,
    dirty: bool,
}

impl Entry {
    fn bytes<'a>(&'a self, file: &'a [u8]) -> &'a [u8] {
        match &self.bytes {
            Stored::InFile(range) => &file[range.clone()],
            Stored::Own(bytes) => bytes,
        }
    }
}

impl Shard {
    /// The shard stored at `path`; empty (and to be rewritten) if the file is unreadable,
    /// truncated, corrupt, or written by another khoa or another version of the namespace.
    pub(super) fn read(path: &Path, namespace: &Namespace) -> Shard {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Shard::default(),
            Err(_) => return Shard::untrusted(),
        };
        match decode(&bytes, namespace) {
            Some(entries) => Shard {
                file: bytes,
                entries,
                dirty: false,
            },
            None => Shard::untrusted(),
        }
    }

    fn untrusted() -> Shard {
        Shard {
            dirty: true,
            ..Shard::default()
        }
    }

    pub(super) fn get(&mut self, key: &CacheKey) -> Option<Cow<'_, [u8]>> {
        let entry = self.entries.get_mut(&key.0)?;
        entry.used = true;
        unstore(entry.bytes(&self.file))
    }

    /// What `decode` makes of the bytes stored for `key`, decompressed (if they are) into a
    /// buffer this thread keeps: a rebuild reads thousands of pages, each would otherwise take a
    /// fresh allocation as large as the page, zeroed, then freed.
    pub(super) fn decode<T>(
        &mut self,
        key: &CacheKey,
        decode: impl FnOnce(&[u8]) -> Option<T>,
    ) -> Option<T> {
        thread_local! {
            static SCRATCH: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
        }
        let entry = self.entries.get_mut(&key.0)?;
        entry.used = true;
        let compressed = match entry.bytes(&self.file).split_first()? {
            (&LZ4, compressed) => compressed,
            (&RAW, bytes) => return decode(bytes),
            _ => return None,
        };
        let (size, block) = lz4_flex::block::uncompressed_size(compressed).ok()?;
        // Taken, not borrowed: should `decode` read the cache again, it gets a buffer of its own.
        let mut scratch = SCRATCH.take();
        if scratch.len() < size {
            scratch.resize(size, 0);
        }
        let decoded = match lz4_flex::block::decompress_into(block, &mut scratch[..size]) {
            Ok(written) if written == size => decode(&scratch[..size]),
            _ => None,
        };
        if scratch.len() <= SCRATCH_KEPT {
            SCRATCH.set(scratch);
        }
        decoded
    }

    pub(super) fn put(&mut self, key: CacheKey, bytes: &[u8]) {
        let stored = store(bytes);
        let entry = self.entries.entry(key.0).or_insert_with(|| Entry {
            bytes: Stored::Own(Vec::new()),
            used: false,
        });
        entry.used = true;
        if entry.bytes(&self.file) != stored {
            entry.bytes = Stored::Own(stored);
            self.dirty = true;
        }
    }

    /// Drops the entries this build did not use, then (in key order) those past `budget` bytes,
    /// which shrinks by what is kept. Every kept entry starts the next build unused.
    pub(super) fn keep_used(&mut self, budget: &mut u64) {
        let before = self.entries.len();
        self.entries.retain(|_, entry| entry.used);
        let mut keys: Vec<u128> = self.entries.keys().copied().collect();
        keys.sort_unstable();
        for key in keys {
            let size = self.entries[&key].bytes(&self.file).len() as u64;
            if size <= *budget {
                *budget -= size;
            } else {
                *budget = 0;
                self.entries.remove(&key);
            }
        }
        if self.entries.len() != before {
            self.dirty = true;
        }
        for entry in self.entries.values_mut() {
            entry.used = false;
        }
    }

    /// The stored size of the entries this build used so far.
    pub(super) fn used_bytes(&self) -> u64 {
        let used = self.entries.values().filter(|entry| entry.used);
        used.map(|entry| entry.bytes(&self.file).len() as u64).sum()
    }

    /// Writes the shard to `path` if it changed (removes the file when nothing is left).
    pub(super) fn save(&mut self, path: &Path, namespace: &Namespace) -> io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        if self.entries.is_empty() {
            remove_if_present(path)?;
        } else {
            write_atomically(path, &self.encode(namespace))?;
        }
        self.dirty = false;
        Ok(())
    }

    fn encode(&self, namespace: &Namespace) -> Vec<u8> {
        let mut keys: Vec<&u128> = self.entries.keys().collect();
        keys.sort_unstable();
        let size: usize = self
            .entries
            .values()
            .map(|e| e.bytes(&self.file).len() + 24)
            .sum();
        let mut out = Vec::with_capacity(size + 128);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        for text in [KHOA_VERSION, namespace.name, namespace.version] {
            out.extend_from_slice(&(text.len() as u32).to_le_bytes());
            out.extend_from_slice(text.as_bytes());
        }
        out.extend_from_slice(&(keys.len() as u64).to_le_bytes());
        for key in keys {
            let bytes = self.entries[key].bytes(&self.file);
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            out.extend_from_slice(bytes);
        }
        let checksum = xxh3_64(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }
}

/// The stored form of `bytes`: a tag, then the bytes LZ4-compressed if that makes them smaller
/// (deterministic, so an unchanged entry is stored the same), raw otherwise.
fn store(bytes: &[u8]) -> Vec<u8> {
    if bytes.len() >= COMPRESS_FROM {
        let compressed = lz4_flex::compress_prepend_size(bytes);
        if compressed.len() < bytes.len() {
            let mut stored = Vec::with_capacity(compressed.len() + 1);
            stored.push(LZ4);
            stored.extend_from_slice(&compressed);
            return stored;
        }
    }
    let mut stored = Vec::with_capacity(bytes.len() + 1);
    stored.push(RAW);
    stored.extend_from_slice(bytes);
    stored
}

/// The bytes `store` was given, or `None` if `stored` is not something it made.
fn unstore(stored: &[u8]) -> Option<Cow<'_, [u8]>> {
    match stored.split_first()? {
        (&RAW, bytes) => Some(Cow::Borrowed(bytes)),
        (&LZ4, compressed) => lz4_flex::decompress_size_prepended(compressed)
            .ok()
            .map(Cow::Owned),
        _ => None,
    }
}

/// The entries of a shard file, or `None` if anything about it is off.
fn decode(bytes: &[u8], namespace: &Namespace) -> Option<HashMap<u128, Entry>> {
    let (body, checksum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if xxh3_64(body).to_le_bytes() != checksum {
        return None;
    }
    let mut reader = Reader(body);
    if reader.take(MAGIC.len())? != MAGIC || reader.u32()? != FORMAT {
        return None;
    }
    for expected in [KHOA_VERSION, namespace.name, namespace.version] {
        let len = reader.u32()? as usize;
        if reader.take(len)? != expected.as_bytes() {
            return None;
        }
    }
    let count = reader.u64()?;
    let mut entries = HashMap::new();
    for _ in 0..count {
        let key = u128::from_le_bytes(reader.take(16)?.try_into().ok()?);
        let len = usize::try_from(reader.u64()?).ok()?;
        let start = body.len() - reader.0.len();
        reader.take(len)?;
        let bytes = Stored::InFile(start..start + len);
        entries.insert(key, Entry { bytes, used: false });
    }
    reader.0.is_empty().then_some(entries)
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// Writes `bytes` to a fresh temporary file beside `path`, then renames it over `path`: a reader
/// (another build) sees the old file or the new one, never a mix.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("shard");
    let temporary = path.with_file_name(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| file.write_all(bytes));
    match written.and_then(|()| std::fs::rename(&temporary, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&temporary);
            Err(e)
        }
    }
}
