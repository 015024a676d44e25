//! Writing khoa quiz blocks: author Markdown made literal inside a block (no stray `=` answer
//! lines, hints or gaps), options indented under their list item, and a fence longer than any
//! fence inside.

use crate::import::scan;

/// `markdown` safe as a stem, option or explanation: a line starting with `=` gets `\=`, and
/// `[[` outside code becomes `[\[` (it would start a gap or a hint).
pub fn literal(markdown: &str) -> String {
    let scanned = scan::scan(markdown);
    let mut out = String::with_capacity(markdown.len() + 8);
    let mut line_start = true;
    let mut chars = markdown.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let code = scanned.in_code(i);
        if line_start && !code && !c.is_whitespace() {
            line_start = false;
            if c == '=' {
                out.push('\\');
            }
        }
        if c == '\n' {
            line_start = true;
        }
        out.push(c);
        if c == '[' && !code && chars.peek().is_some_and(|&(_, next)| next == '[') {
            out.push('\\');
        }
    }
    out.trim().to_string()
}

/// `text` as a list item starting with `marker` (`- [x] `); continuation lines are indented
/// to the content of the `- ` list item, so a code block in an option stays a fenced block.
pub fn item(marker: &str, text: &str) -> String {
    let pad = "  ";
    let mut out = String::from(marker);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(pad);
            }
        }
        out.push_str(line);
    }
    out
}

/// A quiz block of `body` with `attributes` (`id=… type=…`).
pub fn fenced(attributes: &str, body: &str) -> String {
    let fence = fence_for(body);
    format!("{fence}quiz {attributes}\n{}\n{fence}", body.trim_end())
}

/// A backtick fence longer than every run of backticks in `body` (three at least).
pub fn fence_for(body: &str) -> String {
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// One paragraph of text on one line (answers and gaps are single-line).
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_text_cannot_become_answers_hints_or_gaps() {
        assert_eq!(
            literal("a\n= b\n  =c [[?]] x [[y]]\n`[[z]]`\n\n```\n= code [[k]]\n```\n"),
            "a\n\\= b\n  \\=c [\\[?]] x [\\[y]]\n`[[z]]`\n\n```\n= code [[k]]\n```"
        );
    }

    #[test]
    fn items_indent_their_continuation_and_fences_outgrow_inner_fences() {
        assert_eq!(
            item("- [x] ", "a\n\n```\nb\n```"),
            "- [x] a\n\n  ```\n  b\n  ```"
        );
        assert_eq!(
            fenced("id=q", "x\n````\ny\n````\n"),
            "`````quiz id=q\nx\n````\ny\n````\n`````"
        );
        assert_eq!(fenced("id=q", "x `y`"), "```quiz id=q\nx `y`\n```");
        assert_eq!(one_line(" a\n  b "), "a b");
    }
}
