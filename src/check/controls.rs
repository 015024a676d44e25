//! Control characters in pages: a safety net behind the loader, which refuses them in sources.

use super::source_of;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::output::Outputs;
use std::collections::HashMap;

/// Safety net behind the loader, which refuses control characters in sources: one written as an
/// escape (`&#7;` in Markdown, `"\a"` in YAML) must not reach a page either.
pub(super) fn check_page_controls(
    site: &Site,
    outputs: &Outputs,
    sources: &HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let markup = outputs
        .iter()
        .filter(|(url, _)| url.ends_with(".html") || url.ends_with(".xml"));
    for (url, bytes) in markup {
        let Some(c) = first_control(bytes) else {
            continue;
        };
        diagnostics.push(Diagnostic::error(
            source_of(site, sources, url),
            0,
            0,
            format!(
                "page `{url}` would carry the control character U+{c:04X}, written as an escape (`&#{c};` in Markdown, `\\x{c:02x}` in YAML); remove it"
            ),
        ));
    }
}

/// The first control character in UTF-8 `bytes` other than tab, line feed and carriage return
/// (templates may have CRLF line ends).
fn first_control(bytes: &[u8]) -> Option<u32> {
    if !crate::document::may_hold_control(bytes) {
        return None;
    }
    bytes.iter().enumerate().find_map(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => None,
        0..0x20 | 0x7f => Some(u32::from(b)),
        0xc2 => bytes
            .get(i + 1)
            .filter(|next| (0x80..0xa0).contains(*next))
            .map(|&next| u32::from(next)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_in_utf8_pages() {
        assert_eq!(first_control(b"<p>a\tb\r\n</p>"), None);
        assert_eq!(first_control("đường €".as_bytes()), None);
        assert_eq!(first_control(b"a\x07b"), Some(7));
        assert_eq!(first_control(b"a\x7f"), Some(0x7f));
        assert_eq!(first_control("a\u{85}".as_bytes()), Some(0x85));
    }
}
