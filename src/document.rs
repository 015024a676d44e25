//! A Markdown source file split into its typed front matter and its body.
//!
//! Decoding is forgiving where it can be (a BOM is dropped, CRLF becomes LF and text becomes NFC,
//! so all give identical output) and precise where it cannot (invalid UTF-8 is reported with its
//! byte offset, each control character with its line and column).

use crate::config::Language;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::yaml;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::sync::Arc;

mod conflict;
pub use conflict::conflict_markers;

/// Decodes file bytes: invalid UTF-8 is an error, a BOM is dropped and line ends become `\n`.
pub fn decode(bytes: &[u8], path: &str) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = crate::utf8::as_str(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        Diagnostic::error(
            path,
            line,
            1,
            format!("invalid UTF-8 at byte offset {offset}; save the file as UTF-8"),
        )
    })?;
    let text = crate::fold::nfc(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// Control characters reported one by one in a file; past this, one line counts the rest.
const MAX_CONTROL_REPORTS: usize = 10;

/// Whether `c` is refused in a source text: every control character (C0, DEL and C1) except tab
/// and line feed. A carriage return never gets here: [`decode`] turns CRLF and a lone CR into LF.
pub fn is_refused_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// Whether UTF-8 `bytes` may hold a control character other than tab and line feed: a byte
/// below 0x20 but those two, DEL, or 0xC2 (which starts U+0080–U+009F). `false` proves there is
/// none; `true` sends the caller to its exact check. Checked in blocks without branching, which
/// compilers turn into vector code: most text has no such byte.
pub fn may_hold_control(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|block| {
        block.iter().fold(false, |found, &b| {
            found | (b < 0x20 && b != b'\t' && b != b'\n') | (b == 0x7f) | (b == 0xc2)
        })
    })
}

/// Reports every control character of a decoded `text` as an error at its line and column and
/// replaces it by U+FFFD, so that none reaches a page or the search index even in memory.
pub fn refuse_controls(text: String, path: &str, diagnostics: &mut Vec<Diagnostic>) -> String {
    if !may_hold_control(text.as_bytes()) || !text.contains(is_refused_control) {
        return text;
    }
    let lines = LineIndex::new(&text);
    let found: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| is_refused_control(*c))
        .collect();
    for (offset, c) in found.iter().take(MAX_CONTROL_REPORTS) {
        let (line, column) = lines.position(*offset);
        let message = format!(
            "control character U+{:04X} in the text: delete it (it is invisible, and pages and the search index must not carry it)",
            u32::from(*c)
        );
        diagnostics.push(Diagnostic::error(path, line, column, message));
    }
    if let Some((offset, _)) = found.get(MAX_CONTROL_REPORTS) {
        let (line, column) = lines.position(*offset);
        let more = found.len() - MAX_CONTROL_REPORTS;
        let message = format!("{more} more control characters from here on: is this a text file?");
        diagnostics.push(Diagnostic::error(path, line, column, message));
    }
    text.replace(is_refused_control, "\u{FFFD}")
}

/// A document's front matter (parsed into `T`) and its body.
#[derive(Clone, Debug)]
pub struct Document<T> {
    pub front: T,
    /// The front matter as written (between the `---` lines; file line 2 on), to locate keys.
    pub front_matter: String,
    /// Shared: a document kept between loads (`serve`) hands its body to each load's model
    /// without copying it.
    pub body: Arc<str>,
    /// Number of file lines before the body; add it to body-relative line numbers.
    pub body_line_offset: usize,
}

/// Splits `text` into front matter and body and parses the front matter into `T`.
///
/// Only a `---` on the very first line opens front matter; the next `---` (or `...`) line closes it.
pub fn parse<T: DeserializeOwned + Default>(
    text: &str,
    path: &str,
) -> Result<Document<T>, Diagnostic> {
    let Some(after_open) = text.strip_prefix("---\n") else {
        return Ok(Document {
            front: T::default(),
            front_matter: String::new(),
            body: Arc::from(text),
            body_line_offset: 0,
        });
    };
    let mut offset = 0;
    let mut yaml_end = None;
    for (index, line) in after_open.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            yaml_end = Some((offset, offset + line.len(), index));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_len, body_start, closing_index)) = yaml_end else {
        return Err(Diagnostic::error(
            path,
            1,
            1,
            "front matter opened with `---` is never closed",
        ));
    };
    let front = yaml::parse(&after_open[..yaml_len])
        .map_err(|e| Diagnostic::error(path, e.line + 1, e.column, e.message))?;
    Ok(Document {
        front,
        front_matter: after_open[..yaml_len].to_string(),
        body: Arc::from(&after_open[body_start..]),
        body_line_offset: closing_index + 2,
    })
}

/// Whether lessons of a course complete by the button only or also by answering every question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CompleteRule {
    Read,
    #[default]
    Quiz,
}

/// Front matter of `content/<course>/_index.md`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CourseFront {
    pub title: Option<String>,
    pub description: Option<String>,
    pub id: Option<String>,
    pub language: Option<Language>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub extra: Option<serde_json::Value>,
    pub complete: CompleteRule,
    /// Pass mark in percent of quiz points.
    pub pass: Option<u8>,
    /// Ids of the courses to learn before this one (a learning path).
    pub requires: Vec<String>,
    /// Id of the course to learn after this one.
    pub next: Option<String>,
}

impl CourseFront {
    /// Each string of `extra` that would run script as a link, with its scheme (see
    /// [`crate::url_scheme::script_scheme`]): templates escape `extra`, but a theme may link to it.
    pub fn extra_script_urls(&self) -> Vec<(&str, String)> {
        let mut texts = Vec::new();
        strings_in(self.extra.as_ref(), &mut texts);
        texts
            .into_iter()
            .filter_map(|text| Some((text, crate::url_scheme::script_scheme(text)?)))
            .collect()
    }
}

/// Every string inside `value`, depth first.
fn strings_in<'v>(value: Option<&'v serde_json::Value>, out: &mut Vec<&'v str>) {
    match value {
        Some(serde_json::Value::String(text)) => out.push(text),
        Some(serde_json::Value::Array(items)) => {
            items.iter().for_each(|v| strings_in(Some(v), out))
        }
        Some(serde_json::Value::Object(map)) => map.values().for_each(|v| strings_in(Some(v), out)),
        _ => {}
    }
}

/// Front matter of `content/<course>/<module>/_index.md`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModuleFront {
    pub title: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
}

/// Front matter of a lesson.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LessonFront {
    pub title: Option<String>,
    pub id: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    /// Expected time in minutes.
    pub duration: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_control_test_misses_no_control_character() {
        let chars = (0..0x3000)
            .chain(0xfff0..0x1_0000)
            .filter_map(char::from_u32);
        for c in chars {
            let text = format!("{}a{c}b", "đường ".repeat(13));
            if text.contains(is_refused_control) {
                assert!(
                    may_hold_control(text.as_bytes()),
                    "missed U+{:04X}",
                    c as u32
                );
            }
        }
        assert!(!may_hold_control(
            "Đường đi\tkhó\n€ 𝄞".repeat(20).as_bytes()
        ));
    }

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let doc: Document<LessonFront> =
            parse("---\ntitle: Bài 1\n---\n# Hello\n", "a.md").unwrap();
        assert_eq!(doc.front.title.as_deref(), Some("Bài 1"));
        assert_eq!(&*doc.body, "# Hello\n");
        assert_eq!(doc.body_line_offset, 3);
    }

    #[test]
    fn yaml_errors_point_at_the_file_line() {
        let error = parse::<LessonFront>("---\ntitle: a\ndurration: 3\n---\n", "a.md").unwrap_err();
        assert_eq!((error.line, error.path.as_str()), (3, "a.md"));
    }

    #[test]
    fn only_the_first_line_opens_front_matter() {
        let doc: Document<LessonFront> = parse("text\n---\ntitle: x\n---\n", "a.md").unwrap();
        assert!(doc.front.title.is_none());
        assert_eq!(doc.body_line_offset, 0);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(parse::<LessonFront>("---\ntitle: a\n", "a.md").is_err());
    }

    #[test]
    fn crlf_and_bom_decode_like_lf() {
        let crlf = decode(b"\xEF\xBB\xBF---\r\ntitle: a\r\n---\r\nx\r\n", "a.md").unwrap();
        assert_eq!(crlf, "---\ntitle: a\n---\nx\n");
    }

    #[test]
    fn control_characters_are_errors_at_their_column_and_never_kept() {
        let mut found = Vec::new();
        let text = decode(
            "---\ntitle: a\u{7}b\n---\nx\u{0}y\tz\r\n\u{7f}\u{85}\n".as_bytes(),
            "a.md",
        )
        .unwrap();
        let text = refuse_controls(text, "a.md", &mut found);
        let at: Vec<(usize, usize, &str)> = found
            .iter()
            .map(|d| {
                (
                    d.line,
                    d.column,
                    &d.message[.."control character U+0000".len()],
                )
            })
            .collect();
        assert_eq!(
            at,
            [
                (2, 9, "control character U+0007"),
                (4, 2, "control character U+0000"),
                (5, 1, "control character U+007F"),
                (5, 2, "control character U+0085"),
            ]
        );
        assert_eq!(
            text,
            "---\ntitle: a\u{FFFD}b\n---\nx\u{FFFD}y\tz\n\u{FFFD}\u{FFFD}\n"
        );
    }

    #[test]
    fn a_binary_file_gets_ten_located_errors_and_a_count() {
        let mut found = Vec::new();
        refuse_controls("\u{1}".repeat(25), "a.md", &mut found);
        assert_eq!(found.len(), MAX_CONTROL_REPORTS + 1);
        assert_eq!((found[10].line, found[10].column), (1, 11));
        assert!(found[10].message.starts_with("15 more control characters"));
    }

    #[test]
    fn invalid_utf8_names_the_byte_offset() {
        let error = decode(b"ok\nb\xFFd", "a.md").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("byte offset 4"), "{}", error.message);
    }

    #[test]
    fn extra_strings_that_run_as_links_are_found_at_any_depth() {
        let doc: Document<CourseFront> = parse(
            "---\ntitle: C\nextra:\n  a: [1, {b: 'VBScript:x'}]\n  c: 'data:image/png,x'\n  d: 'Ghi chú: x'\n---\n",
            "c/_index.md",
        )
        .unwrap();
        assert_eq!(
            doc.front.extra_script_urls(),
            [("VBScript:x", "vbscript".to_string())]
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Files shaped like Markdown with front matter (fences, YAML-ish lines, CR, BOM), and
        /// any text at all.
        fn document() -> impl Strategy<Value = String> {
            let line = prop_oneof![
                Just("---".to_string()),
                Just("...".to_string()),
                Just("title: Bài 1".to_string()),
                Just("description: \"x".to_string()),
                Just("extra: {a: [1, 2]}".to_string()),
                Just("  - &a [*a, *a]".to_string()),
                Just("# Tiêu đề\r".to_string()),
                Just(String::new()),
                "[-.:a-z #\\[\\]{}\"'\r\t]{0,12}",
            ];
            let shaped = prop::collection::vec(line, 0..10).prop_map(|l| l.join("\n"));
            prop_oneof![shaped, any::<String>()]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Never panics; the body is the end of the text, and the lines before it are
            /// exactly `body_line_offset`, so positions in the body map to lines of the file.
            #[test]
            fn the_splitter_keeps_the_body_and_counts_its_lines(text in document()) {
                let text = decode(text.as_bytes(), "a.md").expect("text is UTF-8");
                prop_assert!(!text.contains('\r'));
                if let Ok(doc) = parse::<LessonFront>(&text, "a.md") {
                    prop_assert!(text.ends_with(&*doc.body));
                    let before = &text[..text.len() - doc.body.len()];
                    prop_assert_eq!(before.lines().count(), doc.body_line_offset);
                    prop_assert!(before.is_empty() || doc.body.is_empty() || before.ends_with('\n'));
                    if !text.starts_with("---\n") {
                        prop_assert_eq!(&*doc.body, text.as_str());
                    }
                }
            }

            #[test]
            fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
                if let Ok(text) = decode(&bytes, "a.md") {
                    prop_assert!(!text.contains('\r'));
                }
            }
        }
    }
}
