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
        YamlError {
            line: line.max(1),
            column: column.max(1),
            message: plain_message(&error.to_string()),
        }
    })
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
