//! Request targets → output paths: the only way a request names a file, so it is strict.
//!
//! The target is percent-decoded exactly once. Anything that could climb out of the output tree
//! or be read two ways (`..`, `.`, backslashes, NUL, encoded `/` or `\`, a `%` left after decoding,
//! invalid UTF-8) is rejected; what remains is a key of the in-memory outputs, never a file path.

/// Why a request target names no output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejected {
    /// Malformed or suspicious: answer 400.
    BadRequest,
    /// Well-formed but it cannot name an output: answer 404.
    NotFound,
}

/// The output key a request target names: `/` → `index.html`, `/c/` → `c/index.html`,
/// `/c/a.html?x=1` → `c/a.html`.
pub fn output_key(target: &[u8]) -> Result<String, Rejected> {
    let end = target
        .iter()
        .position(|&b| b == b'?' || b == b'#')
        .unwrap_or(target.len());
    let raw = &target[..end];
    if raw.first() != Some(&b'/') {
        return Err(Rejected::BadRequest);
    }
    if raw.iter().any(|&b| b == b'\\' || b <= b' ' || b == 0x7f) {
        return Err(Rejected::BadRequest);
    }
    let segments = raw[1..]
        .split(|&b| b == b'/')
        .map(decode_segment)
        .collect::<Result<Vec<_>, _>>()?;
    if segments.iter().any(|s| s == "." || s == "..") {
        return Err(Rejected::BadRequest);
    }
    let text = segments.join("/");
    if text.starts_with('/') || text.contains("//") {
        return Err(Rejected::NotFound);
    }
    if text.is_empty() || text.ends_with('/') {
        Ok(format!("{text}index.html"))
    } else {
        Ok(text)
    }
}

/// Decodes one path segment's `%XX` escapes exactly once (with `percent-encoding`). An encoded
/// `/` or `\`, a `%` left after decoding (a broken escape stays as it is, `%25` becomes one), a
/// control character (NUL included) or invalid UTF-8 is a 400.
fn decode_segment(raw: &[u8]) -> Result<String, Rejected> {
    let text = crate::escape::percent_decode_strict(raw).map_err(|_| Rejected::BadRequest)?;
    if text.contains(['/', '\\', '%']) || text.chars().any(char::is_control) {
        return Err(Rejected::BadRequest);
    }
    Ok(text.into_owned())
}

/// `key` as a URL path: percent-encodes all but letters, digits, `/`, `-`, `_`, `.` and `~`, so it
/// can go raw into a `Location` header (and maps back to `key` through [`output_key`]).
pub fn encode(key: &str) -> String {
    crate::escape::percent_encode_path(key)
}

/// The `Content-Type` for an output path, by extension (`mime_guess`); text gets `charset=utf-8`,
/// which is how khoa writes every text file.
pub fn content_type(key: &str) -> String {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let textual =
        mime.type_() == mime_guess::mime::TEXT || mime.subtype() == mime_guess::mime::JAVASCRIPT;
    if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// Whether responses for `key` are HTML pages (and so get the reload script and error overlay).
pub fn is_html(key: &str) -> bool {
    content_type(key).starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(target: &str) -> Result<String, Rejected> {
        output_key(target.as_bytes())
    }

    #[test]
    fn folders_map_to_their_index_and_queries_are_dropped() {
        assert_eq!(key("/").unwrap(), "index.html");
        assert_eq!(key("/c/").unwrap(), "c/index.html");
        assert_eq!(key("/c/m/bai-1.html?v=2#x").unwrap(), "c/m/bai-1.html");
        assert_eq!(key("/_khoa/js/quiz.js").unwrap(), "_khoa/js/quiz.js");
    }

    #[test]
    fn percent_escapes_are_decoded_once() {
        assert_eq!(key("/c/b%C3%A0i.html").unwrap(), "c/bài.html");
        assert_eq!(key("/a%20b.html").unwrap(), "a b.html");
    }

    #[test]
    fn traversal_and_ambiguous_targets_are_rejected() {
        let bad = [
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/..%2f..%2fCargo.toml",
            "/..%2F..%2FCargo.toml",
            "/%252e%252e/",
            "/%25",
            "/..\\..\\",
            "/a/%5c..",
            "/a/%00",
            "/a/./b",
            "/a/%",
            "/a/%zz",
            "/a/%c3",
            "/%ff%fe",
            "/a\u{0}b",
            "etc/passwd",
            "http://example.com/",
            "",
        ];
        for target in bad {
            assert_eq!(key(target), Err(Rejected::BadRequest), "{target:?}");
        }
        assert_eq!(key("//etc/passwd"), Err(Rejected::NotFound));
        assert_eq!(key("/a//b"), Err(Rejected::NotFound));
    }

    #[test]
    fn keys_are_encoded_for_locations() {
        assert_eq!(encode("c/bài 1"), "c/b%C3%A0i%201");
        assert_eq!(encode("a-b_c.d~e/"), "a-b_c.d~e/");
    }

    #[test]
    fn invalid_utf8_is_a_bad_request() {
        assert_eq!(output_key(b"/\xff.html"), Err(Rejected::BadRequest));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a.mp3"), "audio/mpeg");
        assert_eq!(content_type("v/a.mp4"), "video/mp4");
        assert_eq!(content_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("_khoa/js/x.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("_khoa/khoa.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("m.webmanifest"), "application/manifest+json");
        assert_eq!(content_type("i.svg"), "image/svg+xml");
        assert_eq!(content_type("d.json"), "application/json");
        assert_eq!(content_type("noext"), "application/octet-stream");
        assert!(is_html("index.html") && !is_html("x.js"));
    }

    /// Request targets made of the bytes that matter: separators, dots, escapes (good, broken and
    /// dangerous), controls, non-ASCII and plain letters.
    fn hostile_target() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just(b"/".to_vec()),
            Just(b".".to_vec()),
            Just(b"..".to_vec()),
            Just(b"%".to_vec()),
            Just(b"%2e".to_vec()),
            Just(b"%2F".to_vec()),
            Just(b"%5c".to_vec()),
            Just(b"%00".to_vec()),
            Just(b"%25".to_vec()),
            Just(b"%c3%a0".to_vec()),
            Just(b"\\".to_vec()),
            Just(b"?".to_vec()),
            "[a-z0-9_-]{1,4}".prop_map(String::into_bytes),
            any::<u8>().prop_map(|b| vec![b]),
        ];
        (any::<bool>(), proptest::collection::vec(piece, 0..12)).prop_map(|(slash, pieces)| {
            let mut target = if slash { b"/".to_vec() } else { Vec::new() };
            target.extend(pieces.concat());
            target
        })
    }

    /// Whether `key` is a plain relative path: it can only name an entry below the snapshot root.
    fn stays_inside(key: &str) -> bool {
        !key.is_empty()
            && !key.contains(['\\', '\0', '%'])
            && !key.chars().any(char::is_control)
            && key
                .split('/')
                .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
            && std::path::Path::new(key)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_bytes_map_to_a_key_inside_the_snapshot_or_are_refused(target in hostile_target()) {
            if let Ok(key) = output_key(&target) {
                prop_assert!(stays_inside(&key), "{:?} -> {key:?}", String::from_utf8_lossy(&target));
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(target in proptest::collection::vec(any::<u8>(), 0..64)) {
            if let Ok(key) = output_key(&target) {
                prop_assert!(stays_inside(&key));
            }
        }

        #[test]
        fn an_encoded_output_path_maps_back_to_itself(
            segments in proptest::collection::vec("[a-zA-Z0-9 ._~()'-]{1,8}|[àáạđêếôơư]{1,4}", 1..5)
        ) {
            prop_assume!(segments.iter().all(|s| s != "." && s != ".."));
            let key = segments.join("/");
            prop_assert_eq!(output_key(format!("/{}", encode(&key)).as_bytes()), Ok(key));
        }
    }
}
