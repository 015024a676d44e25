//! Escaping text for the places khoa writes it: HTML, JSON inside `<script>`, URLs (percent-encoding,
//! the only user of the `percent-encoding` crate).

use std::borrow::Cow;
use std::str::Utf8Error;

use percent_encoding::AsciiSet;
use serde::Serialize;

/// Escapes text for HTML element content and attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    html_into(&mut out, text);
    out
}

/// [`html`], appended to `out` (no allocation of its own).
pub fn html_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(entity(rest.as_bytes()[at]).unwrap_or_default());
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// [`html`], written to `out`: each run of plain text in one write (tera's own autoescaping,
/// which this replaces in `render::templates`, writes a byte at a time).
pub fn html_write(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut written = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        if let Some(entity) = entity(byte) {
            out.write_all(&bytes[written..at])?;
            out.write_all(entity.as_bytes())?;
            written = at + 1;
        }
    }
    out.write_all(&bytes[written..])
}

/// The entity that stands for `byte` in HTML, if it needs one.
fn entity(byte: u8) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// JSON safe inside a `<script>` element and valid in any JavaScript engine: `<`, `>`, `&`,
/// U+2028 and U+2029 as `\uXXXX`, so no tool mistakes authored text such as `</script>` for markup.
/// Escaped as the JSON is written: these characters only ever occur inside strings, and the
/// search index and review data are tens of MB on a large course, not worth writing twice.
pub fn script_json(value: &impl Serialize) -> String {
    let mut json = Vec::with_capacity(128);
    let mut serializer = serde_json::Serializer::with_formatter(&mut json, ScriptSafe);
    if value.serialize(&mut serializer).is_err() {
        return "null".into();
    }
    // serde_json writes UTF-8, and every escape is ASCII put between whole characters.
    String::from_utf8(json).unwrap_or_else(|_| "null".into())
}

/// serde_json's compact output, with [`script_json`]'s characters escaped inside strings.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Only these bytes can start a character to hide (U+2028 and U+2029 start with 0xE2); each
        // is a character boundary. Searched with memchr, each byte once: this is most of the
        // bytes of the search index and the review data.
        let bytes = fragment.as_bytes();
        let markup_from =
            |at: usize| memchr::memchr3(b'<', b'>', b'&', &bytes[at..]).map(|i| at + i);
        let (mut done, mut next_markup) = (0, markup_from(0));
        loop {
            let before = next_markup.unwrap_or(bytes.len());
            let separator = memchr::memchr(0xE2, &bytes[done..before]).map(|i| done + i);
            let Some(at) = separator.or(next_markup) else {
                break;
            };
            writer.write_all(&bytes[done..at])?;
            let c = fragment[at..].chars().next().unwrap_or_default();
            let mut utf8 = [0; 4];
            writer.write_all(match c {
                '<' => b"\\u003c",
                '>' => b"\\u003e",
                '&' => b"\\u0026",
                '\u{2028}' => b"\\u2028",
                '\u{2029}' => b"\\u2029",
                _ => c.encode_utf8(&mut utf8).as_bytes(),
            })?;
            done = at + c.len_utf8();
            if Some(at) == next_markup {
                next_markup = markup_from(done);
            }
        }
        writer.write_all(&bytes[done..])
    }
}

/// Decodes `%XX` escapes once; invalid UTF-8 becomes U+FFFD (authors' links).
pub fn percent_decode_lossy(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Decodes `%XX` escapes once; invalid UTF-8 is an error (request targets).
pub fn percent_decode_strict(raw: &[u8]) -> Result<Cow<'_, str>, Utf8Error> {
    percent_encoding::percent_decode(raw).decode_utf8()
}

/// Percent-encodes all but ASCII letters, digits, `/`, `-`, `_`, `.` and `~` (a URL path).
pub fn percent_encode_path(text: &str) -> String {
    const KEEP: &AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(text, KEEP).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_characters() {
        assert_eq!(
            html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn html_write_writes_what_html_returns() {
        for text in [
            "",
            "plain",
            "<",
            "&&",
            "Đường \"khó\" <b>'x'</b> & y>",
            "a<",
        ] {
            let mut out = Vec::new();
            html_write(text, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), html(text), "{text:?}");
        }
    }

    #[test]
    fn script_json_hides_markup_and_line_separators() {
        let json = script_json(&["</script><!-- & \u{2028}\u{2029}"]);
        assert_eq!(
            json,
            r#"["\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029"]"#
        );
        let kept = "Đường – “khó” … ₫ \u{2027}\u{202a}";
        assert_eq!(script_json(&kept), format!("\"{kept}\""));
        assert_eq!(script_json(&"a<b–c"), "\"a\\u003cb–c\"");
    }

    #[test]
    fn script_json_escapes_every_special_character_wherever_it_sits() {
        let reference = |text: &str| {
            let json = serde_json::to_string(text).unwrap();
            json.replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026")
                .replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029")
        };
        let pieces = [
            "–",
            "<",
            "a",
            "\u{2028}",
            "&",
            "đường",
            ">",
            "\u{2029}",
            "“",
            "\n",
            "\"",
        ];
        for n in 0..200usize {
            let text: String = (0..n % 23)
                .map(|i| pieces[(n * 7 + i * i) % pieces.len()])
                .collect();
            assert_eq!(script_json(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn script_json_escapes_keys_too_and_keeps_json_escapes() {
        let value = serde_json::json!({"<k>": ["\"q\"\n\\ &", 1, null, {"x&": "\u{2028}"}]});
        let json = script_json(&value);
        assert_eq!(
            json,
            r#"{"\u003ck\u003e":["\"q\"\n\\ \u0026",1,null,{"x\u0026":"\u2028"}]}"#
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn percent_decoding_lossy_and_strict() {
        assert_eq!(percent_decode_lossy("a%20b%FF"), "a b\u{fffd}");
        assert_eq!(percent_decode_strict(b"a%20b").unwrap(), "a b");
        assert!(percent_decode_strict(b"%FF").is_err());
        assert_eq!(percent_encode_path("a b/ư.html"), "a%20b/%C6%B0.html");
    }
}
