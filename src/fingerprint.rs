//! FNV-1a: the small, stable, non-cryptographic hash behind quiz ids, the build-time shuffle of
//! order questions and the stamp pairing a search shard with its texts.

/// 32-bit FNV-1a of `bytes`.
pub fn fnv1a_32(bytes: impl IntoIterator<Item = u8>) -> u32 {
    bytes.into_iter().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The state of 64-bit FNV-1a before any byte.
pub const FNV1A_64_START: u64 = 0xcbf2_9ce4_8422_2325;

/// 64-bit FNV-1a of `bytes`.
pub fn fnv1a_64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    fnv1a_64_from(FNV1A_64_START, bytes)
}

/// 64-bit FNV-1a continued from `state` (the hash of what came before `bytes`).
pub fn fnv1a_64_from(state: u64, bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(state, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_test_vectors() {
        assert_eq!(fnv1a_32(*b""), 0x811c_9dc5);
        assert_eq!(fnv1a_32(*b"a"), 0xe40c_292c);
        assert_eq!(fnv1a_64(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(*b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn continuing_from_a_state_is_hashing_the_whole() {
        let state = fnv1a_64(*b"khoa ");
        assert_eq!(fnv1a_64_from(state, *b"serve"), fnv1a_64(*b"khoa serve"));
    }
}
