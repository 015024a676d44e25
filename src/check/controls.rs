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
/// (templates may have CRLF line ends). Only the 64-byte blocks that may hold one (see
/// [`crate::document::may_hold_control`]: a no-break space starts with 0xC2 too) are read
/// character by character, each with the byte after it, which ends a character started in it.
fn first_control(bytes: &[u8]) -> Option<u32> {
    const BLOCK: usize = 64;
    bytes
        .chunks(BLOCK)
        .enumerate()
        .filter(|(_, block)| crate::document::may_hold_control(block))
        .find_map(|(n, _)| {
            let start = n * BLOCK;
            exact_first_control(&bytes[start..(start + BLOCK + 1).min(bytes.len())])
        })
}

fn exact_first_control(bytes: &[u8]) -> Option<u32> {
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
        // Across block boundaries, after blocks with no-break spaces.
        for at in 60..70 {
            let mut page = "x\u{a0}".repeat(40).into_bytes();
            page.truncate(at);
            let mut with_c1 = page.clone();
            with_c1.extend_from_slice("\u{9f}\u{a0}".as_bytes());
            assert_eq!(first_control(&with_c1), Some(0x9f), "C1 at {at}");
            let mut with_bell = page.clone();
            with_bell.push(7);
            assert_eq!(first_control(&with_bell), Some(7), "bell at {at}");
            assert_eq!(first_control(&page[..at.min(page.len())]), None);
        }
    }
}
