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
    let decoded = percent_decode(&raw[1..])?;
    let text = String::from_utf8(decoded).map_err(|_| Rejected::BadRequest)?;
    if text.contains(['\0', '\\', '%']) || text.chars().any(char::is_control) {
        return Err(Rejected::BadRequest);
    }
    for segment in text.split('/') {
        if segment == "." || segment == ".." {
            return Err(Rejected::BadRequest);
        }
    }
    if text.starts_with('/') || text.contains("//") {
        return Err(Rejected::NotFound);
    }
    if text.is_empty() || text.ends_with('/') {
        Ok(format!("{text}index.html"))
    } else {
        Ok(text)
    }
}

/// Decodes `%XX` escapes once; an encoded `/` or `\` (`%2F`, `%5C`) or a broken escape is a 400.
fn percent_decode(raw: &[u8]) -> Result<Vec<u8>, Rejected> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != b'%' {
            out.push(raw[i]);
            i += 1;
            continue;
        }
        let hex = raw.get(i + 1..i + 3).ok_or(Rejected::BadRequest)?;
        let byte = std::str::from_utf8(hex)
            .ok()
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .filter(|_| hex.iter().all(u8::is_ascii_hexdigit))
            .ok_or(Rejected::BadRequest)?;
        if byte == b'/' || byte == b'\\' {
            return Err(Rejected::BadRequest);
        }
        out.push(byte);
        i += 3;
    }
    Ok(out)
}

/// The `Content-Type` for an output path, by extension.
pub fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Whether responses for `key` are HTML pages (and so get the reload script and error overlay).
pub fn is_html(key: &str) -> bool {
    content_type(key).starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn invalid_utf8_is_a_bad_request() {
        assert_eq!(output_key(b"/\xff.html"), Err(Rejected::BadRequest));
    }

    #[test]
    fn content_types_follow_the_extension() {
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
}
