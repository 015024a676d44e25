//! Merge-conflict markers (`<<<<<<<`, `|||||||`, `>>>>>>>` at the start of a line) left in a
//! Markdown file, outside code examples but inside `quiz` blocks.

use crate::diagnostic::Diagnostic;

/// Lines starting with Git's conflict markers (`<<<<<<< `, `>>>>>>> `, also `|||||||`), outside
/// code blocks other than `quiz` blocks (a Git lesson may show a conflict in a code block).
/// `=======` alone is not reported: it is also a setext heading underline.
pub fn conflict_markers(text: &str, path: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut fence: Option<Fence> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        match fence {
            Some(open) if indent < 4 && open.closed_by(trimmed) => {
                fence = None;
                continue;
            }
            Some(open) if !open.is_quiz => continue,
            Some(_) => {}
            None if indent < 4 => fence = Fence::opening(trimmed),
            None => {}
        }
        if is_conflict_marker(line) {
            diagnostics.push(Diagnostic::error(
                path,
                index + 1,
                1,
                "merge-conflict marker left in the file; keep the right version and delete the markers",
            ));
        }
    }
    diagnostics
}

fn is_conflict_marker(line: &str) -> bool {
    ["<<<<<<<", ">>>>>>>", "|||||||"].iter().any(|marker| {
        line.strip_prefix(marker)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

/// An open code fence; its content is hidden from the marker check unless it is a `quiz` block.
#[derive(Clone, Copy)]
struct Fence {
    ch: char,
    len: usize,
    is_quiz: bool,
}

impl Fence {
    fn opening(line: &str) -> Option<Fence> {
        let ch = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let len = fence_length(line, ch);
        let info = line[len..].trim();
        let is_quiz = info.split_whitespace().next() == Some("quiz");
        (len >= 3 && !(ch == '`' && info.contains('`'))).then_some(Fence { ch, len, is_quiz })
    }

    fn closed_by(self, line: &str) -> bool {
        fence_length(line, self.ch) >= self.len
            && line.trim_start_matches(self.ch).trim().is_empty()
    }
}

fn fence_length(line: &str, ch: char) -> usize {
    line.chars().take_while(|c| *c == ch).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker_lines(text: &str) -> Vec<usize> {
        conflict_markers(text, "a.md")
            .iter()
            .map(|d| d.line)
            .collect()
    }

    #[test]
    fn finds_conflict_markers_at_line_start() {
        let text = "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> main\n";
        assert_eq!(marker_lines(text), [2, 6]);
    }

    #[test]
    fn a_setext_underline_or_quoted_marker_is_not_a_conflict() {
        assert!(marker_lines("Tiêu đề\n=======\n\n x <<<<<<< y\n<<<<<<<<\n").is_empty());
    }

    #[test]
    fn markers_in_code_blocks_are_examples_but_in_quiz_blocks_they_are_not() {
        let code = "```text\n<<<<<<< HEAD\n```\n";
        assert!(marker_lines(code).is_empty());
        let quiz = "```quiz\n<<<<<<< HEAD\n```\n>>>>>>> x\n";
        assert_eq!(marker_lines(quiz), [2, 4]);
    }
}
