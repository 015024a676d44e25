//! The content hash of each output the previous build listed, by path, with the hash's state every
//! few kilobytes: `serve` keeps them so that a page that changed only near its end (the search
//! files its `#_khoa-data` names, after an edit elsewhere in the course) is hashed again only from
//! there. Every output is still compared with what was hashed, so the hashes never depend on what
//! is remembered.

use crate::fingerprint::{FNV1A_64_START, fnv1a_64_from};
use std::collections::HashMap;

/// Bytes between two remembered states of the hash.
const CHUNK: usize = 4096;

/// One hashed output: its bytes, the hash's state after each whole [`CHUNK`], and the hash.
struct Hashed {
    bytes: Vec<u8>,
    states: Vec<u64>,
    hash: u64,
}

/// Hashes of the previous build's outputs (see the module docs).
#[derive(Default)]
pub struct KnownHashes {
    by_path: HashMap<String, Hashed>,
}

impl KnownHashes {
    pub fn new() -> Self {
        Self::default()
    }

    /// The FNV-1a 64 of `bytes`, published at `path`, from where they differ from last time.
    pub(super) fn hash(&self, path: &str, bytes: &[u8]) -> (u64, Option<Vec<u64>>) {
        let known = self.by_path.get(path);
        if let Some(known) = known.filter(|k| k.bytes == bytes) {
            return (known.hash, None);
        }
        let same = known.map_or(0, |k| {
            let chunks = k.bytes.chunks(CHUNK).zip(bytes.chunks(CHUNK));
            let whole_and_same = chunks.take_while(|(a, b)| a.len() == CHUNK && a == b);
            whole_and_same.count().min(k.states.len())
        });
        let mut states: Vec<u64> = known.map_or(Vec::new(), |k| k.states[..same].to_vec());
        let mut state = states.last().copied().unwrap_or(FNV1A_64_START);
        let mut chunks = bytes[same * CHUNK..].chunks_exact(CHUNK);
        for chunk in &mut chunks {
            state = fnv1a_64_from(state, chunk.iter().copied());
            states.push(state);
        }
        let hash = fnv1a_64_from(state, chunks.remainder().iter().copied());
        (hash, Some(states))
    }

    /// Remembers the hashes of this build's outputs: `made` holds the new ones (path, bytes,
    /// states, hash); the others are unchanged; paths not in `listed` are forgotten.
    pub(super) fn keep(&mut self, listed: &[&str], made: Vec<(String, Vec<u8>, Vec<u64>, u64)>) {
        let listed: std::collections::HashSet<&str> = listed.iter().copied().collect();
        self.by_path
            .retain(|path, _| listed.contains(path.as_str()));
        for (path, bytes, states, hash) in made {
            let hashed = Hashed {
                bytes,
                states,
                hash,
            };
            self.by_path.insert(path, hashed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::fnv1a_64;

    #[test]
    fn a_change_near_the_end_hashes_as_the_whole() {
        let mut known = KnownHashes::new();
        let first: Vec<u8> = (0..3 * CHUNK + 100).map(|i| (i % 251) as u8).collect();
        let (hash, states) = known.hash("a.html", &first);
        assert_eq!(hash, fnv1a_64(first.iter().copied()));
        let states = states.unwrap();
        assert_eq!(states.len(), 3);
        known.keep(
            &["a.html"],
            vec![("a.html".into(), first.clone(), states, hash)],
        );
        assert_eq!(known.hash("a.html", &first), (hash, None), "unchanged");
        for at in [0, CHUNK - 1, CHUNK, 2 * CHUNK + 5, 3 * CHUNK + 99] {
            let mut changed = first.clone();
            changed[at] ^= 1;
            changed.push(7);
            let (hash, states) = known.hash("a.html", &changed);
            assert_eq!(hash, fnv1a_64(changed.iter().copied()), "changed at {at}");
            assert_eq!(states.unwrap().len(), 3);
        }
        known.keep(&[], Vec::new());
        assert!(known.by_path.is_empty());
    }
}
