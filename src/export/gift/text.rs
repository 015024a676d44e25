//! GIFT text: escaping authors' Markdown so Moodle and gift-pegjs read it back unchanged.
//!
//! GIFT gives `~ = # { } :` and the backslash a meaning, and ends a question at a blank line. Both
//! implementations decode `\~ \= \# \{ \} \: \\` and `\n` (a new line), so a blank line inside a
//! stem or feedback is written as a line holding only `\n`.

/// `text` with GIFT's special characters escaped and its blank lines kept as `\n` lines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.trim().split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.trim().is_empty() {
            out.push_str("\\n");
            continue;
        }
        for c in line.chars() {
            if matches!(c, '\\' | '~' | '=' | '#' | '{' | '}' | ':') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// An answer of a choice or missing-word question: escaped, with `->` written `-&gt;` (the same
/// in Markdown), since Moodle reads any `->` among the answers as a matching question.
pub fn escape_answer(text: &str) -> String {
    escape(text).replace("->", "-&gt;")
}

/// A category path segment: Moodle splits a `$CATEGORY:` path at `/` and reads `//` as a slash.
pub fn category_segment(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('/', "//")
}

/// A number as GIFT writes it: digits with a decimal point, never an exponent.
pub fn number(value: f64) -> String {
    let text = format!("{value}");
    if text == "-0" { "0".into() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_and_backslashes_are_escaped() {
        assert_eq!(escape("a~b=c#d{e}f:g"), "a\\~b\\=c\\#d\\{e\\}f\\:g");
        assert_eq!(
            escape("C:\\new"),
            "C\\:\\\\new",
            "a backslash stays a backslash"
        );
        assert_eq!(escape("https://x.vn"), "https\\://x.vn");
    }

    #[test]
    fn blank_lines_become_escaped_new_lines() {
        assert_eq!(escape("Một.\n\nHai.\n"), "Một.\n\\n\nHai.");
        assert_eq!(escape("a\n   \nb"), "a\n\\n\nb");
        assert!(!escape("a\n\n\nb").contains("\n\n"));
    }

    #[test]
    fn arrows_in_answers_and_slashes_in_categories() {
        assert_eq!(escape_answer("A -> B"), "A -&gt; B");
        assert_eq!(category_segment("Mua / bán  hàng"), "Mua // bán hàng");
    }

    #[test]
    fn numbers_have_no_exponent() {
        assert_eq!(number(113.0), "113");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(number(1e-7), "0.0000001");
        assert_eq!(number(-0.0), "0");
    }
}
