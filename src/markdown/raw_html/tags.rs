//! The start tags of a piece of raw HTML with their byte offsets, read the way a browser splits
//! them (comments skipped, script-like elements' content is text), so khoa can say where each
//! removed element or attribute was written and rewrite local links. Cleaning is ammonia's job.

use std::ops::Range;

/// Elements whose content a browser reads as text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// A start tag as written.
#[derive(Debug, PartialEq, Eq)]
pub struct StartTag<'h> {
    /// Lowercase element name.
    pub name: String,
    /// Byte offset of its `<`.
    pub at: usize,
    pub attributes: Vec<Attribute<'h>>,
}

/// One attribute of a start tag.
#[derive(Debug, PartialEq, Eq)]
pub struct Attribute<'h> {
    /// Lowercase attribute name.
    pub name: String,
    /// Byte offset of its name.
    pub at: usize,
    /// The value as written (entities not decoded), without quotes; empty when there is none.
    pub value: &'h str,
    /// Where `value` is, and whether it is quoted.
    pub value_range: Range<usize>,
    pub quoted: bool,
}

/// Every start tag of `html`, in order. `plaintext` makes the rest text, as in a browser.
pub fn start_tags(html: &str) -> Vec<StartTag<'_>> {
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let at = i + found;
        let rest = &html[at..];
        i = if rest.starts_with("<!--") {
            html[at + 4..]
                .find("-->")
                .map_or(html.len(), |e| at + 4 + e + 3)
        } else if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            rest.find('>').map_or(html.len(), |e| at + e + 1)
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            let (tag, end) = start_tag(html, at);
            let end = if RAW_TEXT.contains(&tag.name.as_str()) {
                end_of_raw_text(html, end, &tag.name)
            } else if tag.name == "plaintext" {
                html.len()
            } else {
                end
            };
            tags.push(tag);
            end
        } else {
            at + 1
        };
    }
    tags
}

/// The tag starting at `at` (a `<` followed by a letter) and the offset just after it.
fn start_tag(html: &str, at: usize) -> (StartTag<'_>, usize) {
    let bytes = html.as_bytes();
    let stop = |b: u8| b.is_ascii_whitespace() || b == b'/' || b == b'>';
    let mut i = at + 1;
    while i < bytes.len() && !stop(bytes[i]) {
        i += 1;
    }
    let name = html[at + 1..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let name_at = i;
        i += 1;
        while i < bytes.len() && !stop(bytes[i]) && bytes[i] != b'=' {
            i += 1;
        }
        let name = html[name_at..i].to_ascii_lowercase();
        let (value_range, quoted, end) = attribute_value(html, i);
        i = end;
        attributes.push(Attribute {
            name,
            at: name_at,
            value: &html[value_range.clone()],
            value_range,
            quoted,
        });
    }
    let tag = StartTag {
        name,
        at,
        attributes,
    };
    (tag, (i + 1).min(html.len()))
}

/// The value after an attribute name ending at `i`: its range, whether quoted, and where it ends.
fn attribute_value(html: &str, mut i: usize) -> (Range<usize>, bool, usize) {
    let bytes = html.as_bytes();
    let skip_spaces = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let after_name = skip_spaces(i);
    if bytes.get(after_name) != Some(&b'=') {
        return (i..i, false, i);
    }
    i = skip_spaces(after_name + 1);
    match bytes.get(i) {
        Some(&quote) if quote == b'"' || quote == b'\'' => {
            let start = i + 1;
            let end = html[start..]
                .find(quote as char)
                .map_or(html.len(), |e| start + e);
            (start..end, true, (end + 1).min(html.len()))
        }
        _ => {
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                i += 1;
            }
            (start..i, false, i)
        }
    }
}

/// Where the text content of a `name` element opened before `from` ends: at its end tag.
fn end_of_raw_text(html: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    let lower = html[from..].to_ascii_lowercase();
    lower.find(&closing).map_or(html.len(), |e| from + e)
}

/// Decodes the character references a URL or id is likely to hold (`&amp;`, `&#106;`, `&#x6A;`…).
pub fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_one(rest) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of the reference at the start of `text` and how many bytes it takes.
fn decode_one(text: &str) -> Option<(char, usize)> {
    const NAMED: &[(&str, char)] = &[
        ("&amp", '&'),
        ("&lt", '<'),
        ("&gt", '>'),
        ("&quot", '"'),
        ("&apos", '\''),
        ("&colon", ':'),
        ("&Tab", '\t'),
        ("&NewLine", '\n'),
    ];
    if let Some(number) = text.strip_prefix("&#") {
        let (digits, radix, skip) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (number, 10, 2),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        let c = u32::from_str_radix(&digits[..len], radix)
            .ok()
            .and_then(char::from_u32)?;
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((c, skip + len + semicolon));
    }
    NAMED.iter().find_map(|(name, c)| {
        let after = text.strip_prefix(name)?;
        Some((*c, name.len() + usize::from(after.starts_with(';'))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<String> {
        start_tags(html).into_iter().map(|t| t.name).collect()
    }

    #[test]
    fn finds_start_tags_with_offsets_and_attributes() {
        let tags = start_tags("a <span class=\"x y\">b</span> <IMG SRC=hinh.png alt='A'/>");
        assert_eq!(tags.len(), 2);
        assert_eq!((tags[0].name.as_str(), tags[0].at), ("span", 2));
        assert_eq!(tags[0].attributes[0].value, "x y");
        assert_eq!(tags[1].name, "img");
        let src = &tags[1].attributes[0];
        assert_eq!(
            (src.name.as_str(), src.value, src.quoted),
            ("src", "hinh.png", false)
        );
        assert_eq!(tags[1].attributes[1].value, "A");
    }

    #[test]
    fn skips_comments_end_tags_and_script_content() {
        assert_eq!(
            names("<!-- <b> --></i><script>if (a<b) x()</script><br>"),
            ["script", "br"]
        );
        assert_eq!(names("<style>p{}</STYLE><kbd>"), ["style", "kbd"]);
        assert_eq!(names("a < b and 1<2"), Vec::<String>::new());
    }

    #[test]
    fn attributes_without_values_and_unclosed_tags() {
        let tags = start_tags("<details open><a href=\"x");
        assert_eq!(tags[0].attributes[0].name, "open");
        assert_eq!(tags[0].attributes[0].value, "");
        assert_eq!(tags[1].attributes[0].value, "x");
    }

    #[test]
    fn decodes_the_references_of_urls() {
        assert_eq!(
            decode_entities("&#106;ava&#x73;cript&colon;x"),
            "javascript:x"
        );
        assert_eq!(decode_entities("a.md?x=1&amp;y=2"), "a.md?x=1&y=2");
        assert_eq!(decode_entities("R&D &unknown;"), "R&D &unknown;");
    }
}
