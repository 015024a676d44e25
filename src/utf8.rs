//! Checking that bytes are UTF-8, fast: the only user of simdutf8. Most of a build's text is
//! checked here (the source files, the build cache), and the standard library's check is slow on
//! Vietnamese, where most words hold a character of several bytes.

pub use simdutf8::compat::Utf8Error;

/// `bytes` as text, or where the first invalid byte is (`Utf8Error::valid_up_to`).
pub fn as_str(bytes: &[u8]) -> Result<&str, Utf8Error> {
    simdutf8::compat::from_utf8(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn checks_like_the_standard_library() {
        for bytes in [
            &b"ti\xe1\xba\xbfng Vi\xe1\xbb\x87t"[..],
            b"",
            b"a\xffb",
            b"\xe1\xba",
        ] {
            let ours = super::as_str(bytes).map_err(|e| e.valid_up_to());
            let std = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to());
            assert_eq!(ours, std, "{bytes:?}");
        }
    }
}
