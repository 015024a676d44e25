//! The FNV-1a 64 of an output's bytes, remembered in the build cache under their XXH3.
//!
//! Published names of `_khoa/` files and the offline file lists carry FNV-1a 64 of each file
//! ([`crate::fingerprint`]), which takes one multiplication per byte, in sequence: about 1 GB/s,
//! a tenth of a one-edit build at 10,000 lessons (every output hashed again). XXH3 reads the same
//! bytes more than ten times faster, so a build that makes a file again finds its FNV-1a in the
//! cache (namespace [`CACHE`], keyed by the bytes' XXH3-128) instead of computing it. The hash is
//! the same either way; only the time differs.

use crate::cache::{BuildCache, CacheKey, Namespace};
use crate::fingerprint;

/// FNV-1a 64 hashes of outputs. The value is the hash, eight bytes little-endian.
pub const CACHE: Namespace = Namespace {
    name: "content-hashes",
    version: "fnv1a-64/1",
};

/// Below this size, hashing costs less than looking the hash up.
const WORTH_REMEMBERING: usize = 4096;

/// The FNV-1a 64 of `bytes`, from `cache` when a build has hashed the same bytes before.
pub fn fnv1a_64(cache: &BuildCache, bytes: &[u8]) -> u64 {
    if bytes.len() < WORTH_REMEMBERING || !cache.is_enabled() {
        return fingerprint::fnv1a_64(bytes.iter().copied());
    }
    let key = CacheKey::of(&[bytes]);
    let stored = cache.read(&CACHE, &key, |value| {
        Some(u64::from_le_bytes(value.try_into().ok()?))
    });
    if let Some(hash) = stored {
        return hash;
    }
    let hash = fingerprint::fnv1a_64(bytes.iter().copied());
    cache.put(&CACHE, &key, &hash.to_le_bytes());
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::CacheSettings;

    fn page(n: u8) -> Vec<u8> {
        (0..WORTH_REMEMBERING * 3).map(|i| (i as u8) ^ n).collect()
    }

    #[test]
    fn remembered_hashes_are_the_hashes() {
        let dir = tempfile::tempdir().unwrap();
        let settings = CacheSettings::in_dir(dir.path());
        let first = BuildCache::open(&settings);
        let (a, b) = (page(1), page(2));
        let hash_a = fnv1a_64(&first, &a);
        assert_eq!(hash_a, fingerprint::fnv1a_64(a.iter().copied()));
        first.finish().unwrap();
        let second = BuildCache::open(&settings);
        assert_eq!(
            second.get(&CACHE, &CacheKey::of(&[&a])),
            Some(hash_a.to_le_bytes().to_vec()),
            "not remembered"
        );
        assert_eq!(fnv1a_64(&second, &a), hash_a);
        assert_eq!(
            fnv1a_64(&second, &b),
            fingerprint::fnv1a_64(b.iter().copied())
        );
        assert_eq!(fnv1a_64(&BuildCache::disabled(), &a), hash_a);
    }

    #[test]
    fn a_stored_value_of_the_wrong_size_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let cache = BuildCache::open(&CacheSettings::in_dir(dir.path()));
        let a = page(3);
        cache.put(&CACHE, &CacheKey::of(&[&a]), b"short");
        assert_eq!(
            fnv1a_64(&cache, &a),
            fingerprint::fnv1a_64(a.iter().copied())
        );
    }
}
