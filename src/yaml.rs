//! YAML reading: the one place that knows the YAML crate (serde-saphyr).
//!
//! Front matter ([`crate::document`]) and `khoa.yaml` ([`crate::config`]) go through [`parse`],
//! so the crate can be swapped by editing this file only. (Quiz fence attributes are not YAML:
//! `quiz::attrs` reads them.) A document over [`MAX_BYTES`] is refused before parsing.

use serde::de::DeserializeOwned;

/// Largest YAML document accepted; larger documents are refused before parsing.
pub const MAX_BYTES: usize = 64 * 1024;

/// A YAML problem at a 1-based line and column of the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Deserializes `text` into `T`. Sizes over [`MAX_BYTES`] are refused without parsing.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if text.len() > MAX_BYTES {
        return Err(YamlError {
            line: 1,
            column: 1,
            message: format!(
                "YAML block is {} bytes; the limit is {MAX_BYTES}",
                text.len()
            ),
        });
    }
    let source = if text.trim().is_empty() { "{}" } else { text };
    serde_saphyr::from_str(source).map_err(|error| {
        let (line, column) = error
            .location()
            .map_or((1, 1), |at| (at.line() as usize, at.column() as usize));
        let error = YamlError {
            line: line.max(1),
            column: column.max(1),
            message: plain_message(&error.to_string()),
        };
        explained(text, error)
    })
}

/// The parser's error turned into the fix an author needs, for the mistakes authors make most:
/// a tab in the indentation, an unquoted `: ` in a value, a key indented under a value.
fn explained(text: &str, error: YamlError) -> YamlError {
    let lines: Vec<&str> = text.lines().collect();
    if error.message.contains("found a tab") {
        let from = error.line.saturating_sub(1);
        let tab = lines.iter().enumerate().skip(from).find_map(|(i, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            line[..indent].find('\t').map(|at| (i + 1, at + 1))
        });
        if let Some((line, column)) = tab {
            let message = "YAML indents with spaces; replace the tab".to_string();
            return YamlError {
                line,
                column,
                message,
            };
        }
    }
    if error.message != "mapping values are not allowed in this context" {
        return error;
    }
    let at = error.line - 1;
    let Some((indent, key, value)) = lines.get(at).and_then(|l| key_line(l)) else {
        return error;
    };
    if value.contains(": ") && !value.starts_with(['"', '\'', '[', '{']) {
        let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
        let message = format!(
            "`: ` inside the value of `{key}` reads as a new key; put the value in quotes: `{key}: \"{quoted}\"`"
        );
        let column = line_column(lines[at], lines[at].len() - value.len());
        return YamlError {
            line: error.line,
            column,
            message,
        };
    }
    let above = lines[..at].iter().rev().find_map(|l| key_line(l));
    match above {
        Some((above_indent, above_key, above_value))
            if indent > above_indent && !above_value.is_empty() =>
        {
            let message = format!(
                "`{key}` is indented more than `{above_key}` above it, which already has a value; start `{key}` in the same column as `{above_key}` (or under a key that ends with `:`)"
            );
            YamlError {
                line: error.line,
                column: indent + 1,
                message,
            }
        }
        _ => error,
    }
}

/// A `key: value` line: its indentation (spaces), key and value (trimmed; empty for `key:`).
fn key_line(line: &str) -> Option<(usize, &str, &str)> {
    let body = line.trim_start_matches(' ');
    if body.starts_with('#') || body.starts_with('-') {
        return None;
    }
    let (key, value) = match body.split_once(": ") {
        Some((key, value)) => (key, value.trim()),
        None => (body.trim_end().strip_suffix(':')?, ""),
    };
    let simple = !key.is_empty() && !key.contains(['"', '\'', ' ', '\t']);
    simple.then_some((line.len() - body.len(), key, value))
}

/// The 1-based column, in characters, of byte `offset` of `line`.
fn line_column(line: &str, offset: usize) -> usize {
    line[..offset].chars().count() + 1
}

/// The crate's message without its own position suffix and snippet (we print our own).
fn plain_message(rendered: &str) -> String {
    let first = rendered.lines().next().unwrap_or(rendered).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // Some messages start with the crate's own `line 3 column 1: ` (YAML-relative, misleading).
    let first = match first.split_once(": ") {
        Some((at, rest)) if at.starts_with("line ") && at.contains(" column ") => rest,
        _ => first,
    };
    let first = match first.find(" at line ") {
        Some(cut) => first[..cut].trim_end_matches([',', ' ']),
        None => first,
    };
    for_authors(first)
}

/// Rewords the crate's type names (`invalid i64`) into words authors know.
fn for_authors(message: &str) -> String {
    if message.starts_with("budget breached") {
        return "this YAML expands to too much data (anchors and aliases `&x`/`*x` repeat it); write the values out".to_string();
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key);
        return format!("duplicate key `{key}`");
    }
    let number = ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64"];
    match message.strip_prefix("invalid ") {
        Some(kind) if number.contains(&kind) => "expected a whole number".to_string(),
        Some("boolean") => "expected `true` or `false`".to_string(),
        _ if message == "expected string scalar" => {
            "expected text; put it in quotes if it starts with `[`, `{`, `*` or `&`".to_string()
        }
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        weight: Option<i64>,
    }

    #[test]
    fn reads_a_document() {
        let doc: Doc = parse("title: Xin chào\nweight: 3\n").unwrap();
        assert_eq!(doc.title, "Xin chào");
        assert_eq!(doc.weight, Some(3));
    }

    #[test]
    fn unknown_keys_report_their_line() {
        let error = parse::<Doc>("title: a\ntitel: b\n").unwrap_err();
        assert_eq!(error.line, 2, "{error:?}");
        assert!(error.message.contains("titel"), "{error:?}");
    }

    #[test]
    fn wrong_types_report_their_line() {
        let error = parse::<Doc>("title: a\nweight: nhiều\n").unwrap_err();
        assert_eq!(error.line, 2, "{error:?}");
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        #[serde(default)]
        description: Option<String>,
        #[serde(default)]
        extra: Option<serde_json::Value>,
    }

    fn error(text: &str) -> (usize, usize, String) {
        let e = parse::<Front>(text).unwrap_err();
        (e.line, e.column, e.message)
    }

    #[test]
    fn an_unquoted_colon_in_a_value_gets_the_quoted_fix() {
        assert_eq!(
            error("title: Bài 1: Mật khẩu\ndescription: x\n"),
            (1, 8, "`: ` inside the value of `title` reads as a new key; put the value in quotes: `title: \"Bài 1: Mật khẩu\"`".to_string())
        );
        let (line, _, message) = error("title: a\ndescription: Nói \"không\": luôn\n");
        assert_eq!(line, 2);
        assert!(
            message.ends_with("`description: \"Nói \\\"không\\\": luôn\"`"),
            "{message}"
        );
    }

    #[test]
    fn a_tab_is_reported_at_its_own_line() {
        let expected = "YAML indents with spaces; replace the tab".to_string();
        assert_eq!(
            error("title: a\n\tdescription: b\n"),
            (2, 1, expected.clone())
        );
        assert_eq!(
            error("title: a\ndescription: b\n\textra: 1\n"),
            (3, 1, expected)
        );
    }

    #[test]
    fn a_key_indented_under_a_value_names_the_key_and_line() {
        assert_eq!(
            error("title: a\n  description: b\n"),
            (2, 3, "`description` is indented more than `title` above it, which already has a value; start `description` in the same column as `title` (or under a key that ends with `:`)".to_string())
        );
        let (line, column, message) = error("title: a\nextra:\n  a: 1\n   b: 2\n");
        assert_eq!((line, column), (4, 4));
        assert!(
            message.starts_with("`b` is indented more than `a` above it"),
            "{message}"
        );
    }

    #[test]
    fn oversized_documents_are_refused_before_parsing() {
        let huge = format!("title: {}\n", "[".repeat(MAX_BYTES));
        let error = parse::<Doc>(&huge).unwrap_err();
        assert!(error.message.contains("limit"), "{error:?}");
    }

    #[test]
    fn alias_bombs_are_refused_quickly_with_a_plain_message() {
        let mut bomb = String::from(
            "title: x\nextra:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            bomb.push_str(&format!(
                "  {name}: &{name} [{}]\n",
                vec![format!("*{previous}"); 9].join(",")
            ));
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct WithExtra {
            title: String,
            extra: serde_json::Value,
        }
        let started = std::time::Instant::now();
        let error = parse::<WithExtra>(&bomb).unwrap_err();
        // Expanded, the bomb is 9^9 strings: minutes and gigabytes. The budget stops it in about a
        // second of a debug build; the bound leaves room for a loaded 2-core CI machine.
        assert!(started.elapsed() < std::time::Duration::from_secs(15));
        assert!(
            error.message.contains("expands to too much data"),
            "{error:?}"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_hang() {
        let deep = format!("title: {}", "[".repeat(20_000));
        assert!(parse::<Doc>(&deep).is_err());
    }
}
