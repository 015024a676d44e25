//! Control characters in pages: a safety net behind the loader, which refuses them in sources.

use super::source_of;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::output::Outputs;
use rayon::prelude::*;
use std::collections::HashMap;

/// Safety net behind the loader, which refuses control characters in sources: one written as an
/// escape (`&#7;` in Markdown, `"\a"` in YAML) must not reach a page either.
pub(super) fn check_page_controls(
    site: &Site,
    outputs: &Outputs,
    sources: &HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let markup: Vec<(&str, &[u8])> = outputs
        .iter()
        .filter(|(url, _)| url.ends_with(".html") || url.ends_with(".xml"))
        .collect();
    let found: Vec<(&str, u32)> = markup
        .par_iter()
        .filter_map(|&(url, bytes)| first_control(bytes).map(|c| (url, c)))
        .collect();
    for (url, c) in found {
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
    let suspect = |b: &u8| matches!(b, 0..0x09 | 0x0b | 0x0c | 0x0e..0x20 | 0x7f | 0xc2);
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(suspect) {
        let i = at + offset;
        match bytes[i] {
            0xc2 => match bytes.get(i + 1) {
                Some(&next) if (0x80..0xa0).contains(&next) => return Some(u32::from(next)),
                _ => at = i + 1,
            },
            b => return Some(u32::from(b)),
        }
    }
    None
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
